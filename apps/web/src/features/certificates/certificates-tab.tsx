import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { DownloadOutlined, LinkOutlined, QrcodeOutlined, StopOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { revokeCertificateSchema, type GreenCertificate, type RevokeCertificate } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useFormat } from "../../i18n/format";
import { QueryState } from "../../components/query-state";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { RowActions } from "../../components/row-actions";
import { actionsColumn } from "../../components/admin-list-page";
import { rememberInList, useDialog, useIsPhone, useListFilter } from "../../components/use-admin-list";
import { qrCodePathOf } from "./certificate-paths";
import { CertSearch, CertificateStateTag, Footprint } from "./certificate-ui";
import { useCertificatesT } from "./messages";

const byNumber = (a: GreenCertificate, b: GreenCertificate) => b.number.localeCompare(a.number);

type Dialog = { kind: "qr" | "revoke"; certificate: GreenCertificate };

/** Giấy chứng nhận đã cấp: state, the public page and its QR code, revocation with a reason. */
export function CertificatesTab() {
  const t = useCertificatesT();
  const format = useFormat();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.greenCertificates, queryFn: api.greenCertificates });
  const { search, setSearch, rows } = useListFilter(query.data ?? [], {
    text: (c) => [c.number, c.productName, c.farmName, c.seasonName],
    sort: byNumber,
  });
  const dialog = useDialog<Dialog>();

  return (
    <>
      <div className="cert-toolbar">
        <CertSearch value={search} onChange={setSearch} />
        {query.data && <Tag>{t("cert.certificatesCount", { count: format.number(query.data.length, 0) })}</Tag>}
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<GreenCertificate>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 1000 }}
              locale={{ emptyText: t("cert.emptyCertificates") }}
              columns={[
                {
                  title: t("cert.number"),
                  dataIndex: "number",
                  width: 150,
                  render: (number: string, row) => (
                    <a
                      href={row.publicPath}
                      target="_blank"
                      rel="noopener"
                      className="staff-nowrap"
                      aria-label={t("cert.publicPageOf", { number })}
                    >
                      {number} <LinkOutlined aria-hidden="true" />
                    </a>
                  ),
                },
                {
                  title: t("cert.product"),
                  key: "product",
                  render: (_: unknown, row) => (
                    <>
                      {row.productName}
                      <br />
                      <Typography.Text type="secondary">
                        {row.farmName} · {row.seasonName}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  title: t("cert.footprint"),
                  dataIndex: "kgCo2ePerKg",
                  width: 140,
                  render: (value: number | null) => <Footprint value={value} />,
                },
                {
                  title: t("cert.issuedOn"),
                  dataIndex: "issuedOn",
                  width: 105,
                  render: (on: string) => format.date(on),
                },
                {
                  title: t("cert.validUntil"),
                  dataIndex: "validUntil",
                  width: 105,
                  render: (on: string) => format.date(on),
                },
                {
                  title: t("cert.status"),
                  dataIndex: "state",
                  width: 200,
                  render: (_: unknown, row) => (
                    <>
                      <CertificateStateTag state={row.state} />
                      {row.revokedOn && (
                        <div>
                          <Typography.Text type="secondary">
                            {t("cert.revokedOn", { date: format.date(row.revokedOn) })}
                            {row.revokedReason ? `: ${row.revokedReason}` : ""}
                          </Typography.Text>
                        </div>
                      )}
                    </>
                  ),
                },
                actionsColumn<GreenCertificate>({
                  title: t("cert.actions"),
                  isPhone,
                  fixedOnPhone: true,
                  render: (row) => (
                    <RowActions
                      isPhone={isPhone}
                      menuName={t("cert.actions")}
                      actions={[
                        {
                          key: "qr",
                          label: t("cert.qr"),
                          name: t("cert.qrOf", { number: row.number }),
                          icon: <QrcodeOutlined />,
                          onClick: () => dialog.show({ kind: "qr", certificate: row }),
                        },
                        ...(row.state === "revoked"
                          ? []
                          : [
                              {
                                key: "revoke",
                                label: t("cert.revoke"),
                                name: t("cert.revokeOf", { number: row.number }),
                                icon: <StopOutlined />,
                                danger: true,
                                onClick: () => dialog.show({ kind: "revoke", certificate: row }),
                              },
                            ]),
                      ]}
                    />
                  ),
                }),
              ]}
            />
          )}
        </QueryState>
      </Card>
      {dialog.dialog?.kind === "qr" && (
        <QrModal certificate={dialog.dialog.certificate} open={dialog.open} onClose={dialog.close} />
      )}
      {dialog.dialog?.kind === "revoke" && (
        <RevokeModal
          certificate={dialog.dialog.certificate}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            rememberInList(queryClient, queryKeys.greenCertificates, saved, byNumber);
            void message.success(t("cert.revoked", { number: saved.number }));
          }}
        />
      )}
    </>
  );
}

/** The QR code the producer prints on the package, with the address it opens. */
function QrModal({
  certificate,
  open,
  onClose,
}: {
  certificate: GreenCertificate;
  open: boolean;
  onClose: () => void;
}) {
  const t = useCertificatesT();
  const qr = qrCodePathOf(certificate.publicPath);
  const address = `${window.location.origin}${certificate.publicPath}`;
  return (
    <Modal
      open={open}
      title={t("cert.qrOf", { number: certificate.number })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("cert.close")}
        </Button>
      }
    >
      <Typography.Paragraph>{t("cert.qrHint")}</Typography.Paragraph>
      {qr && <img className="cert-qr" src={qr} alt={t("cert.qrAlt", { number: certificate.number })} />}
      <Space orientation="vertical" style={{ width: "100%" }}>
        <a href={certificate.publicPath} target="_blank" rel="noopener" className="cert-public-link">
          <LinkOutlined aria-hidden="true" /> {address}
        </a>
        {qr && (
          <a href={qr} download={`${certificate.number}.svg`}>
            <DownloadOutlined aria-hidden="true" /> {t("cert.qrDownload")}
          </a>
        )}
      </Space>
    </Modal>
  );
}

type ReasonValues = { reason: string };

function RevokeModal({
  certificate,
  ...dialog
}: RecordDialogProps<GreenCertificate> & { certificate: GreenCertificate }) {
  const t = useCertificatesT();
  return (
    <EditModal<ReasonValues, RevokeCertificate, GreenCertificate>
      {...dialog}
      title={t("cert.revokeOf", { number: certificate.number })}
      okText={t("cert.revoke")}
      initialValues={{ reason: "" }}
      schema={revokeCertificateSchema}
      fields={["reason"]}
      toBody={(values) => ({ reason: values.reason?.trim() ?? "", version: certificate.version })}
      save={(body) => api.revokeCertificate(certificate.id, body)}
      conflictKey={queryKeys.greenCertificates}
    >
      <Form.Item
        label={t("cert.revokeReason")}
        name="reason"
        extra={t("cert.revokeHint")}
        rules={[{ required: true, min: 3, whitespace: true, message: t("cert.app.reasonShort") }]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </EditModal>
  );
}
