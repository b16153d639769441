import { Link, useParams } from "react-router";
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Typography } from "antd";
import { CheckCircleFilled, CheckOutlined, CloseCircleFilled, StopOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  approveApplicationSchema,
  rejectApplicationSchema,
  type CertificateApplication,
  type CriteriaCheck,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useFormat } from "../../i18n/format";
import { DetailHeader } from "../../components/detail-page";
import { QueryState } from "../../components/query-state";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { useDialog } from "../../components/use-admin-list";
import { canIssue, isUndecided } from "./certificate-rules";
import { staffPaths } from "./certificate-paths";
import { ApplicationStatusTag, Footprint } from "./certificate-ui";
import { useCertificatesT } from "./messages";
import "./certificates.css";

type Approve = z.infer<typeof approveApplicationSchema>;
type Reject = z.infer<typeof rejectApplicationSchema>;

/** /san-pham-xanh/ho-so/:id — one application: each criterion passed or failed with what was found, and the decision. */
export default function ApplicationDetailPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: queryKeys.certificateApplication(id),
    queryFn: () => api.certificateApplication(id),
    enabled: id !== "",
  });
  return <QueryState query={query}>{(application) => <ApplicationView application={application} />}</QueryState>;
}

function ApplicationView({ application: a }: { application: CertificateApplication }) {
  const t = useCertificatesT();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const decide = useDialog<"approve" | "reject">();

  function saved(next: CertificateApplication) {
    queryClient.setQueryData(queryKeys.certificateApplication(next.id), next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.certificateApplications });
    void queryClient.invalidateQueries({ queryKey: queryKeys.greenCertificates });
    void queryClient.invalidateQueries({ queryKey: queryKeys.eligibleSeasons });
  }

  return (
    <>
      <DetailHeader
        list={{ to: staffPaths.home, label: t("cert.title") }}
        crumb={a.productName}
        title={t("cert.app.title", { product: a.productName })}
        tags={<ApplicationStatusTag status={a.status} />}
        extra={
          isUndecided(a) && (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={!canIssue(a)}
                onClick={() => decide.show("approve")}
              >
                {t("cert.app.approve")}
              </Button>
              <Button danger icon={<StopOutlined />} onClick={() => decide.show("reject")}>
                {t("cert.app.reject")}
              </Button>
            </>
          )
        }
      />
      {isUndecided(a) && !canIssue(a) && (
        <Alert type="warning" showIcon title={t("cert.app.cannotIssue")} style={{ marginBottom: 12 }} />
      )}
      {a.certificateNumber && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <>
              {t("cert.app.certificate")}: <strong>{a.certificateNumber}</strong> ·{" "}
              <Link to={staffPaths.tab("certificates")}>{t("cert.tab.certificates")}</Link>
            </>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CriteriaCard check={a.check} undecided={isUndecided(a)} />
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("cert.app.facts")}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("cert.product")}>{a.productName}</Descriptions.Item>
              <Descriptions.Item label={t("cert.farm")}>{a.farmName}</Descriptions.Item>
              <Descriptions.Item label={t("cert.season")}>
                {a.seasonName} · {a.crop}
              </Descriptions.Item>
              <Descriptions.Item label={t("cert.plot")}>{a.plotName}</Descriptions.Item>
              <Descriptions.Item label={t("cert.submittedAt")}>{format.date(a.submittedAt)}</Descriptions.Item>
              {a.check?.harvestedOn && (
                <Descriptions.Item label={t("cert.app.harvestedOn")}>
                  {format.date(a.check.harvestedOn)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t("cert.footprint")}>
                <Footprint value={a.check?.kgCo2ePerKg ?? null} />
              </Descriptions.Item>
              {a.check?.factorSet && (
                <Descriptions.Item label={t("cert.factorSet")}>{a.check.factorSet}</Descriptions.Item>
              )}
              {a.reviewedAt && (
                <Descriptions.Item label={t("cert.status")}>
                  {t("cert.app.reviewed", { name: a.reviewedBy ?? "—", date: format.date(a.reviewedAt) })}
                </Descriptions.Item>
              )}
              {a.note && <Descriptions.Item label={t("cert.app.note")}>{a.note}</Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {decide.dialog === "approve" && (
        <ApproveModal
          application={a}
          open={decide.open}
          onClose={decide.close}
          onSaved={(next) => {
            saved(next);
            void message.success(t("cert.app.approved", { number: next.certificateNumber ?? "" }));
          }}
        />
      )}
      {decide.dialog === "reject" && (
        <RejectModal
          application={a}
          open={decide.open}
          onClose={decide.close}
          onSaved={(next) => {
            saved(next);
            void message.success(t("cert.app.rejected"));
          }}
        />
      )}
    </>
  );
}

/** Each criterion: passed or failed, with what was found in the season's diary. */
function CriteriaCard({ check, undecided }: { check: CriteriaCheck | null; undecided: boolean }) {
  const t = useCertificatesT();
  const format = useFormat();
  return (
    <Card size="small" title={t("cert.app.criteria")}>
      {!check ? (
        <Typography.Text type="secondary">{t("cert.noCheck")}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {undecided
              ? t("cert.app.checkedNow")
              : t("cert.app.checkedOn", { date: format.date(check.checkedOn), version: check.criteriaVersion })}
          </Typography.Paragraph>
          <ul className="cert-criteria" aria-label={t("cert.app.criteria")}>
            {check.results.map((result) => (
              <li key={result.key} data-passed={result.passed}>
                {result.passed ? (
                  <CheckCircleFilled className="cert-passed" aria-hidden="true" />
                ) : (
                  <CloseCircleFilled className="cert-failed" aria-hidden="true" />
                )}
                <div>
                  <div>
                    <span className="cert-criterion-label">{result.label}</span>
                    {" — "}
                    <strong className={result.passed ? "cert-passed" : "cert-failed"}>
                      {result.passed ? t("cert.app.passed") : t("cert.app.failed")}
                    </strong>
                  </div>
                  <Typography.Text type="secondary">{result.detail}</Typography.Text>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

type NoteValues = { note: string };

function ApproveModal({
  application,
  ...dialog
}: RecordDialogProps<CertificateApplication> & { application: CertificateApplication }) {
  const t = useCertificatesT();
  return (
    <EditModal<NoteValues, Approve, CertificateApplication>
      {...dialog}
      title={t("cert.app.approveTitle", { product: application.productName })}
      okText={t("cert.app.approve")}
      initialValues={{ note: "" }}
      schema={approveApplicationSchema}
      fields={["note"]}
      toBody={(values) => ({ version: application.version, note: values.note?.trim() ?? "" })}
      save={(body) => api.approveApplication(application.id, body)}
      conflictKey={queryKeys.certificateApplication(application.id)}
    >
      <Typography.Paragraph>{t("cert.app.approveHint")}</Typography.Paragraph>
      <Form.Item label={t("cert.app.approveNote")} name="note">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </EditModal>
  );
}

function RejectModal({
  application,
  ...dialog
}: RecordDialogProps<CertificateApplication> & { application: CertificateApplication }) {
  const t = useCertificatesT();
  return (
    <EditModal<NoteValues, Reject, CertificateApplication>
      {...dialog}
      title={t("cert.app.rejectTitle", { product: application.productName })}
      okText={t("cert.app.reject")}
      initialValues={{ note: "" }}
      schema={rejectApplicationSchema}
      fields={["note"]}
      toBody={(values) => ({ version: application.version, note: values.note?.trim() ?? "" })}
      save={(body) => api.rejectApplication(application.id, body)}
      conflictKey={queryKeys.certificateApplication(application.id)}
    >
      <Form.Item
        label={t("cert.app.rejectReason")}
        name="note"
        extra={t("cert.app.rejectHint")}
        rules={[{ required: true, min: 3, whitespace: true, message: t("cert.app.reasonShort") }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </EditModal>
  );
}
