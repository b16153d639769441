import { App, Button, Card, Form, Input, InputNumber, Select, Table, Tag } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { saveOcopProductSchema, type OcopProduct, type SaveOcopProduct } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { QueryState } from "../../components/query-state";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { RowActions } from "../../components/row-actions";
import { actionsColumn } from "../../components/admin-list-page";
import { rememberInList, useDialog, useIsPhone, useListFilter } from "../../components/use-admin-list";
import { starsText } from "./certificate-rules";
import { CertSearch } from "./certificate-ui";
import { useCertificatesT } from "./messages";

/** Most stars first, then by name. */
const byStars = (a: OcopProduct, b: OcopProduct) =>
  b.stars - a.stars || a.productName.localeCompare(b.productName, "vi");

/** Sản phẩm OCOP của phường, with their star rating; added and corrected here. */
export function OcopTab() {
  const t = useCertificatesT();
  const format = useFormat();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.ocopProducts, queryFn: api.ocopProducts });
  const { search, setSearch, rows } = useListFilter(query.data ?? [], {
    text: (p) => [p.productName, p.farmName, p.decisionNumber],
    sort: byStars,
  });
  const dialog = useDialog<OcopProduct | null>();

  return (
    <>
      <div className="cert-toolbar">
        <CertSearch value={search} onChange={setSearch} />
        {query.data && <Tag>{t("cert.ocop.count", { count: format.number(query.data.length, 0) })}</Tag>}
        <Button className="cert-toolbar-end" type="primary" icon={<PlusOutlined />} onClick={() => dialog.show(null)}>
          {t("cert.ocop.add")}
        </Button>
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<OcopProduct>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 860 }}
              locale={{ emptyText: t("cert.ocop.empty") }}
              columns={[
                { title: t("cert.product"), dataIndex: "productName" },
                { title: t("cert.farm"), dataIndex: "farmName", width: 200 },
                {
                  title: t("cert.ocop.stars"),
                  dataIndex: "stars",
                  width: 150,
                  render: (stars: number) => (
                    <span className="staff-nowrap">
                      <span className="cert-stars" aria-hidden="true">
                        {starsText(stars)}
                      </span>{" "}
                      {t("cert.ocop.starsValue", { stars })}
                    </span>
                  ),
                },
                { title: t("cert.ocop.year"), dataIndex: "year", width: 90 },
                {
                  title: t("cert.ocop.decision"),
                  key: "decision",
                  width: 180,
                  render: (_: unknown, row) => (
                    <>
                      {row.decisionNumber}
                      {row.decidedOn && <div className="staff-muted">{format.date(row.decidedOn)}</div>}
                    </>
                  ),
                },
                actionsColumn<OcopProduct>({
                  title: t("cert.actions"),
                  isPhone,
                  fixedOnPhone: false,
                  render: (row) => (
                    <RowActions
                      isPhone={isPhone}
                      menuName={t("cert.actions")}
                      actions={[
                        {
                          key: "edit",
                          label: t("cert.ocop.edit"),
                          name: t("cert.ocop.editOf", { product: row.productName }),
                          icon: <EditOutlined />,
                          onClick: () => dialog.show(row),
                        },
                      ]}
                    />
                  ),
                }),
              ]}
            />
          )}
        </QueryState>
      </Card>
      {dialog.dialog !== undefined && (
        <OcopModal
          product={dialog.dialog}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            rememberInList(queryClient, queryKeys.ocopProducts, saved, byStars);
            void message.success(t("cert.ocop.saved", { product: saved.productName }));
          }}
        />
      )}
    </>
  );
}

type OcopValues = {
  farmId: string;
  productName: string;
  stars: number;
  year: number;
  decisionNumber: string;
  decidedOn: string;
};

/** Add (product null) or edit an OCOP product; an edit carries the version it was opened with. */
function OcopModal({ product, ...dialog }: RecordDialogProps<OcopProduct> & { product: OcopProduct | null }) {
  const t = useCertificatesT();
  const { t: tg } = useI18n();
  const farms = useQuery({ queryKey: queryKeys.farms, queryFn: api.farms });
  const farmOptions = (farms.data ?? [])
    .filter((farm) => farm.active || farm.id === product?.farmId)
    .map((farm) => ({ value: farm.id, label: farm.name }));
  return (
    <EditModal<OcopValues, SaveOcopProduct, OcopProduct>
      {...dialog}
      title={product ? t("cert.ocop.editTitle") : t("cert.ocop.addTitle")}
      okText={tg("common.save")}
      initialValues={
        product
          ? {
              farmId: product.farmId,
              productName: product.productName,
              stars: product.stars,
              year: product.year,
              decisionNumber: product.decisionNumber,
              decidedOn: product.decidedOn ?? "",
            }
          : { stars: 3, year: new Date().getFullYear(), decidedOn: "" }
      }
      schema={saveOcopProductSchema}
      fields={["farmId", "productName", "stars", "year", "decisionNumber", "decidedOn"]}
      toBody={(values) => ({
        farmId: values.farmId,
        productName: values.productName?.trim() ?? "",
        stars: values.stars,
        year: values.year,
        decisionNumber: values.decisionNumber?.trim() ?? "",
        decidedOn: values.decidedOn ? values.decidedOn : null,
        ...(product ? { version: product.version } : {}),
      })}
      save={(body) => (product ? api.editOcopProduct(product.id, body) : api.createOcopProduct(body))}
      conflictKey={queryKeys.ocopProducts}
    >
      <Form.Item
        label={t("cert.farm")}
        name="farmId"
        rules={[{ required: true, message: t("cert.ocop.farmRequired") }]}
      >
        <Select showSearch={{ optionFilterProp: "label" }} loading={farms.isPending} options={farmOptions} />
      </Form.Item>
      <Form.Item label={t("cert.product")} name="productName">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("cert.ocop.stars")} name="stars">
        <Select
          options={[3, 4, 5].map((stars) => ({
            value: stars,
            label: `${starsText(stars)} ${t("cert.ocop.starsValue", { stars })}`,
          }))}
        />
      </Form.Item>
      <Form.Item label={t("cert.ocop.year")} name="year">
        <InputNumber min={2018} max={2100} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item label={t("cert.ocop.decision")} name="decisionNumber">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t("cert.ocop.decidedOn")} name="decidedOn">
        <Input type="date" />
      </Form.Item>
    </EditModal>
  );
}
