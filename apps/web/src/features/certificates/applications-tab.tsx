import { Link } from "react-router";
import { App, Button, Card, Form, Input, Select, Table, Tag } from "antd";
import { FileAddOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { applyForCertificateSchema, type ApplyForCertificate, type CertificateApplication } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { QueryState } from "../../components/query-state";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { rememberInList, useDialog, useListFilter } from "../../components/use-admin-list";
import { staffPaths } from "./certificate-paths";
import { ApplicationStatusTag, CertSearch, CheckSummary } from "./certificate-ui";
import { useCertificatesT } from "./messages";

/** Waiting applications first, then the newest. */
function byReview(a: CertificateApplication, b: CertificateApplication): number {
  const waiting = Number(b.status === "submitted") - Number(a.status === "submitted");
  return waiting !== 0 ? waiting : b.submittedAt.localeCompare(a.submittedAt);
}

/** Hồ sơ đề nghị: each with its status and the criteria check in one line. */
export function ApplicationsTab() {
  const t = useCertificatesT();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.certificateApplications, queryFn: api.certificateApplications });
  const { search, setSearch, rows } = useListFilter(query.data ?? [], {
    text: (a) => [a.productName, a.farmName, a.seasonName, a.plotName, a.certificateNumber ?? ""],
    sort: byReview,
  });
  const apply = useDialog<true>();

  return (
    <>
      <div className="cert-toolbar">
        <CertSearch value={search} onChange={setSearch} />
        {query.data && <Tag>{t("cert.applicationsCount", { count: format.number(query.data.length, 0) })}</Tag>}
        <Button className="cert-toolbar-end" type="primary" icon={<FileAddOutlined />} onClick={() => apply.show(true)}>
          {t("cert.apply")}
        </Button>
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<CertificateApplication>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 900 }}
              locale={{ emptyText: t("cert.emptyApplications") }}
              columns={[
                {
                  title: t("cert.product"),
                  dataIndex: "productName",
                  render: (name: string, row) => (
                    <Link to={staffPaths.application(row.id)} aria-label={t("cert.app.open", { product: name })}>
                      {name}
                    </Link>
                  ),
                },
                { title: t("cert.farm"), dataIndex: "farmName", width: 180 },
                {
                  title: t("cert.season"),
                  key: "season",
                  width: 170,
                  render: (_: unknown, row) => `${row.seasonName} · ${row.plotName}`,
                },
                {
                  title: t("cert.submittedAt"),
                  dataIndex: "submittedAt",
                  width: 110,
                  render: (at: string) => format.date(at),
                },
                {
                  title: t("cert.check"),
                  key: "check",
                  width: 260,
                  render: (_: unknown, row) => <CheckSummary application={row} />,
                },
                {
                  title: t("cert.status"),
                  dataIndex: "status",
                  width: 150,
                  render: (_: unknown, row) => (
                    <>
                      <ApplicationStatusTag status={row.status} />
                      {row.certificateNumber && <div className="staff-nowrap">{row.certificateNumber}</div>}
                    </>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      {apply.dialog && (
        <ApplyModal
          open={apply.open}
          onClose={apply.close}
          onSaved={(saved) => {
            rememberInList(queryClient, queryKeys.certificateApplications, saved, byReview);
            void queryClient.invalidateQueries({ queryKey: queryKeys.eligibleSeasons });
            void message.success(t("cert.apply.done", { product: saved.productName }));
          }}
        />
      )}
    </>
  );
}

type ApplyValues = { seasonId: string; productName: string };

/** Nộp hồ sơ: a season not yet applied for, and the product's name as on its package. */
function ApplyModal({ open, onClose, onSaved }: RecordDialogProps<CertificateApplication>) {
  const t = useCertificatesT();
  const { t: tg } = useI18n();
  const seasons = useQuery({ queryKey: queryKeys.eligibleSeasons, queryFn: api.eligibleSeasons });
  return (
    <EditModal<ApplyValues, ApplyForCertificate, CertificateApplication>
      open={open}
      title={t("cert.apply.title")}
      okText={t("cert.apply")}
      initialValues={{}}
      schema={applyForCertificateSchema}
      fields={["seasonId", "productName"]}
      toBody={(values) => ({ seasonId: values.seasonId, productName: values.productName?.trim() ?? "" })}
      save={api.applyForCertificate}
      conflictKey={queryKeys.eligibleSeasons}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        label={t("cert.apply.season")}
        name="seasonId"
        extra={t("cert.apply.seasonHint")}
        rules={[{ required: true, message: t("cert.apply.season") }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={seasons.isPending}
          notFoundContent={seasons.isPending ? tg("common.loading") : t("cert.apply.noSeasons")}
          options={(seasons.data ?? []).map((s) => ({
            value: s.id,
            label: `${s.name} · ${s.crop} — ${s.farmName}, ${s.plotName}`,
          }))}
        />
      </Form.Item>
      <Form.Item label={t("cert.apply.product")} name="productName" extra={t("cert.apply.productHint")}>
        <Input maxLength={200} />
      </Form.Item>
    </EditModal>
  );
}
