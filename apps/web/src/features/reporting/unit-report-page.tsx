import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Timeline,
  Typography,
  type UploadFile,
} from "antd";
import { CheckOutlined, DownloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  REPORT_SECTION_KEYS,
  acceptUnitReportSchema,
  returnUnitReportSchema,
  saveUnitReportSchema,
  type UnitReportDetail,
} from "@phuong-xanh/shared";
import {
  api,
  downloads,
  queryKeys,
  type AcceptUnitReport,
  type ReturnUnitReport,
  type SaveUnitReport,
} from "../../lib/endpoints";
import { ApiError, errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { labelOr } from "../../lib/labels";
import { PageHeader } from "../../components/page-header";
import { ErrorAlert, QueryState } from "../../components/query-state";
import { EditModal } from "../../components/edit-modal";
import { FileLinks } from "../../components/file-links";
import { ReportCrumbs } from "./report-period-page";
import { DifferencesAlert, FiguresCard } from "./report-figures";
import { LateTag, UnitReportStatusTag } from "./report-tags";
import { eventActionKey, windowText } from "./report-text";
import { useNestedFormSave } from "./use-nested-form-save";
import "./reporting.css";
import { EvidencePicker } from "../../components/evidence-picker";

type SectionKey = (typeof REPORT_SECTION_KEYS)[number];
type Sections = UnitReportDetail["sections"];
type SectionsValues = { sections: Record<SectionKey, string> };

export default function UnitReportPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: queryKeys.unitReport(id),
    queryFn: () => api.unitReport(id),
    enabled: id !== "",
  });
  return <QueryState query={query}>{(report) => <UnitReportView report={report} />}</QueryState>;
}

/** After a change the report's page gets the saved copy; the period, the ward's report and the dashboard are stale. */
function useUnitReportSaved() {
  const queryClient = useQueryClient();
  return (saved: UnitReportDetail) => {
    queryClient.setQueryData(queryKeys.unitReport(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: queryKeys.reportPeriod(saved.period.code) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.reportPeriods });
    void queryClient.invalidateQueries({ queryKey: queryKeys.wardReport(saved.period.code) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
  };
}

function UnitReportView({ report }: { report: UnitReportDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const onSaved = useUnitReportSaved();
  const [dialog, setDialog] = useState<"return" | "accept" | undefined>();
  const { period } = report;

  return (
    <>
      <ReportCrumbs period={period} last={report.unit.name} />
      <PageHeader
        title={t("unitReport.title", { unit: report.unit.name })}
        tags={
          <Space wrap size={4}>
            <UnitReportStatusTag status={report.status} />
            <LateTag late={report.late} />
          </Space>
        }
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={downloads.unitReport(report.id, "docx")} download>
              {t("report.exportDocx")}
            </Button>
            <Button icon={<DownloadOutlined />} href={downloads.unitReport(report.id, "xlsx")} download>
              {t("report.exportXlsx")}
            </Button>
            {report.can.review && (
              <>
                <Button danger icon={<RollbackOutlined />} onClick={() => setDialog("return")}>
                  {t("unitReport.return")}
                </Button>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog("accept")}>
                  {t("unitReport.accept")}
                </Button>
              </>
            )}
          </>
        }
      />
      {report.status === "returned" && report.reviewComment && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t("unitReport.returnedAlert")}
          description={<div className="report-text">{report.reviewComment}</div>}
        />
      )}
      {report.status === "accepted" && report.reviewComment && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("unitReport.acceptedAlert")}
          description={<div className="report-text">{report.reviewComment}</div>}
        />
      )}
      {period.inProgress && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("unitReport.inProgressNotice")} />
      )}
      <DifferencesAlert differences={report.differences} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t("unitReport.content")}>
            {report.can.edit || report.can.submit ? (
              <SectionsForm report={report} onSaved={onSaved} />
            ) : (
              <SectionsText sections={report.sections} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small" title={t("task.facts")}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t("unitReport.period")}>
                  <Link to={`/bao-cao/${encodeURIComponent(period.code)}`}>{period.title}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t("reports.window")}>
                  {windowText(period.windowStart, period.windowEnd)}
                </Descriptions.Item>
                <Descriptions.Item label={t("unitReport.deadline")}>
                  <Space wrap size={4}>
                    {format.date(period.unitDeadline)}
                    <LateTag late={report.late} />
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t("period.status")}>
                  <UnitReportStatusTag status={report.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t("period.unit")}>{report.unit.name}</Descriptions.Item>
              </Descriptions>
            </Card>
            <EvidenceCard report={report} onSaved={onSaved} />
            <Card size="small" title={t("unitReport.history")}>
              <ReportHistory report={report} />
            </Card>
          </Space>
        </Col>
        <Col span={24}>
          <FiguresCard figures={report.figures} locked={period.locked} />
        </Col>
      </Row>
      {report.can.review && (
        <>
          <EditModal<{ comment: string }, ReturnUnitReport, UnitReportDetail>
            open={dialog === "return"}
            title={t("unitReport.returnTitle", { unit: report.unit.name })}
            okText={t("unitReport.returnSubmit")}
            initialValues={{ comment: "" }}
            schema={returnUnitReportSchema}
            fields={["comment"]}
            toBody={(values) => ({ version: report.version, comment: values.comment ?? "" })}
            save={(body) => api.returnUnitReport(report.id, body)}
            conflictKey={queryKeys.unitReport(report.id)}
            onClose={() => setDialog(undefined)}
            onSaved={(saved) => {
              onSaved(saved);
              void message.success(t("unitReport.returnedDone"));
            }}
          >
            <Form.Item
              label={t("unitReport.returnComment")}
              name="comment"
              rules={[{ required: true, whitespace: true, min: 3, message: t("unitReport.returnCommentRequired") }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount />
            </Form.Item>
          </EditModal>
          <EditModal<{ comment?: string }, AcceptUnitReport, UnitReportDetail>
            open={dialog === "accept"}
            title={t("unitReport.acceptTitle", { unit: report.unit.name })}
            okText={t("unitReport.acceptSubmit")}
            initialValues={{ comment: "" }}
            schema={acceptUnitReportSchema}
            fields={["comment"]}
            toBody={(values) => ({
              version: report.version,
              ...(values.comment?.trim() ? { comment: values.comment } : {}),
            })}
            save={(body) => api.acceptUnitReport(report.id, body)}
            conflictKey={queryKeys.unitReport(report.id)}
            onClose={() => setDialog(undefined)}
            onSaved={(saved) => {
              onSaved(saved);
              void message.success(t("unitReport.acceptedDone"));
            }}
          >
            <Form.Item label={t("unitReport.acceptComment")} name="comment">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
          </EditModal>
        </>
      )}
    </>
  );
}

function SectionsText({ sections }: { sections: Sections }) {
  const { t } = useI18n();
  return (
    <div>
      {REPORT_SECTION_KEYS.map((key) => (
        <section key={key} aria-label={t(`unitReport.section.${key}`)}>
          <Typography.Title level={5}>{t(`unitReport.section.${key}`)}</Typography.Title>
          {sections[key] ? (
            <Typography.Paragraph className="report-text">{sections[key]}</Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary">{t("unitReport.notWritten")}</Typography.Paragraph>
          )}
        </section>
      ))}
    </div>
  );
}

/** What the form starts from: the unit's text, or the text suggested from the figures for a part not written yet. */
function formSections(report: UnitReportDetail): Record<SectionKey, string> {
  const sections = {} as Record<SectionKey, string>;
  for (const key of REPORT_SECTION_KEYS) sections[key] = report.sections[key] ?? report.suggested[key];
  return sections;
}

function sameSections(a: Sections, b: Sections): boolean {
  return REPORT_SECTION_KEYS.every((key) => a[key] === b[key]);
}

/**
 * The four parts, saved as a draft ("Lưu") or sent ("Gửi báo cáo", which saves first). A save
 * carries the version the text was loaded at: when someone else changed the text meanwhile the
 * server refuses (409) and the officer chooses between their text and the newer one.
 */
function SectionsForm({ report, onSaved }: { report: UnitReportDetail; onSaved: (saved: UnitReportDetail) => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SectionsValues>();
  const [base, setBase] = useState({ version: report.version, sections: report.sections });
  const [dirty, setDirty] = useState(false);
  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  const { error, setError, saving, parse, run } = useNestedFormSave<SectionsValues, SaveUnitReport>({
    form,
    schema: saveUnitReportSchema,
    map: (path) => (path[0] === "sections" && path.length === 2 ? path : undefined),
  });

  useEffect(() => {
    if (report.version === base.version) return;
    // Files or a status changed, not the text: carry on from the new version.
    if (sameSections(report.sections, base.sections)) {
      setBase({ version: report.version, sections: report.sections });
      return;
    }
    if (!dirty) {
      form.setFieldsValue({ sections: formSections(report) });
      setBase({ version: report.version, sections: report.sections });
      return;
    }
    setChangedMeanwhile(true);
  }, [report, base, dirty, form]);

  function loadNewer() {
    form.setFieldsValue({ sections: formSections(report) });
    setBase({ version: report.version, sections: report.sections });
    setDirty(false);
    setChangedMeanwhile(false);
  }

  function keepMine() {
    setBase({ version: report.version, sections: report.sections });
    setChangedMeanwhile(false);
  }

  /** Saves the text; the saved report, or undefined when it was refused (the error is shown). */
  async function save(): Promise<UnitReportDetail | undefined> {
    const values = form.getFieldsValue();
    const body = parse({ version: base.version, sections: values.sections });
    if (body === undefined) return undefined;
    let saved: UnitReportDetail | undefined;
    await run(
      async () => {
        saved = await api.saveUnitReport(report.id, body);
        setBase({ version: saved.version, sections: saved.sections });
        setDirty(false);
        setChangedMeanwhile(false);
        onSaved(saved);
      },
      (cause) => {
        if (cause instanceof ApiError && cause.code === "CONFLICT")
          void queryClient.invalidateQueries({ queryKey: queryKeys.unitReport(report.id) });
      },
    );
    return saved;
  }

  function submit() {
    void modal.confirm({
      title: t("unitReport.submitConfirm", { unit: report.unit.name }),
      content: t("unitReport.submitHint"),
      icon: <SendOutlined />,
      okText: t("unitReport.submitOk"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        let version = report.version;
        if (dirty && report.can.edit) {
          const saved = await save();
          if (!saved) return;
          version = saved.version;
        }
        try {
          onSaved(await api.submitUnitReport(report.id, { version }));
          setError(undefined);
          void message.success(t("unitReport.submitted"));
        } catch (cause) {
          setError(cause);
          if (cause instanceof ApiError && cause.code === "CONFLICT")
            void queryClient.invalidateQueries({ queryKey: queryKeys.unitReport(report.id) });
          void message.error(errorMessage(cause, t("common.saveFailed")));
        }
      },
    });
  }

  return (
    <Form<SectionsValues>
      form={form}
      layout="vertical"
      aria-label={t("unitReport.content")}
      initialValues={{ sections: formSections(report) }}
      onValuesChange={() => setDirty(true)}
      onFinish={() => {
        void save().then((saved) => {
          if (saved) void message.success(t("unitReport.saved"));
        });
      }}
    >
      <ErrorAlert error={error} />
      {changedMeanwhile && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("unitReport.changedMeanwhile")}
          action={
            <Space orientation="vertical" size={4}>
              <Button size="small" onClick={loadNewer}>
                {t("unitReport.loadNewer")}
              </Button>
              <Button size="small" onClick={keepMine}>
                {t("unitReport.keepMine")}
              </Button>
            </Space>
          }
        />
      )}
      {REPORT_SECTION_KEYS.map((key) => (
        <Form.Item
          key={key}
          label={t(`unitReport.section.${key}`)}
          name={["sections", key]}
          extra={report.sections[key] === null ? t("unitReport.suggestedNote") : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 24 }} maxLength={20_000} readOnly={!report.can.edit} />
        </Form.Item>
      ))}
      <Space wrap>
        {report.can.edit && (
          <Button htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            {t("common.save")}
          </Button>
        )}
        {report.can.submit && (
          <Button type="primary" icon={<SendOutlined />} onClick={submit} disabled={saving}>
            {t("unitReport.submit")}
          </Button>
        )}
      </Space>
    </Form>
  );
}

function EvidenceCard({ report, onSaved }: { report: UnitReportDetail; onSaved: (saved: UnitReportDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>();

  async function upload() {
    const body = new FormData();
    for (const file of files) if (file.originFileObj) body.append("files", file.originFileObj, file.name);
    setUploading(true);
    setError(undefined);
    try {
      onSaved(await api.attachUnitReportFiles(report.id, body));
      setFiles([]);
      void message.success(t("unitReport.filesAdded"));
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError && cause.code === "CONFLICT")
        void queryClient.invalidateQueries({ queryKey: queryKeys.unitReport(report.id) });
    } finally {
      setUploading(false);
    }
  }

  return (
    <Card size="small" title={t("unitReport.files")}>
      <ErrorAlert error={error} />
      {report.files.length > 0 ? (
        <FileLinks files={report.files} />
      ) : (
        <Typography.Paragraph type="secondary">{t("unitReport.noFiles")}</Typography.Paragraph>
      )}
      {report.can.edit && (
        <div style={{ marginTop: 12 }}>
          <EvidencePicker
            files={files}
            onChange={setFiles}
            onTooLarge={(name) => setError(new Error(t("update.fileTooLarge", { name })))}
          />
          <Typography.Paragraph type="secondary" style={{ margin: "4px 0 8px", fontSize: 12 }}>
            {t("update.filesHint")}
          </Typography.Paragraph>
          <Button type="primary" onClick={() => void upload()} loading={uploading} disabled={files.length === 0}>
            {t("unitReport.upload")}
          </Button>
        </div>
      )}
    </Card>
  );
}

function ReportHistory({ report }: { report: UnitReportDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  if (report.history.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("unitReport.noHistory")} />;
  const events = [...report.history].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      items={events.map((event, i) => {
        const action = eventActionKey(event.action);
        return {
          key: `${event.at}-${i}`,
          color: action === "return" ? "red" : action === "accept" ? "green" : "blue",
          content: (
            <div>
              <strong>{labelOr(t, `reportEvent.${action}`, event.action)}</strong>
              <br />
              <Typography.Text type="secondary">
                {event.by} · {format.dateTime(event.at)}
              </Typography.Text>
              {event.comment && (
                <Typography.Paragraph className="report-text" style={{ margin: "4px 0 0" }}>
                  {event.comment}
                </Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
