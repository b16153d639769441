import { useEffect, useState } from "react";
import { useParams } from "react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Tag,
  Typography,
} from "antd";
import { DownloadOutlined, MergeCellsOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  saveWardReportSchema,
  sendWardReportSchema,
  type UnitRef,
  type WardReport,
  type WardReportContent,
} from "@phuong-xanh/shared";
import { api, downloads, queryKeys, type SaveWardReport, type SendWardReport } from "../../lib/endpoints";
import { ApiError, errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { ErrorAlert, QueryState } from "../../components/query-state";
import { EditModal } from "../../components/edit-modal";
import { ItemList } from "../../components/item-list";
import { useConfirmAction } from "../../components/use-admin-list";
import { ReportCrumbs } from "./report-period-page";
import { DifferencesAlert, FiguresCard } from "./report-figures";
import { PeriodStateTags } from "./report-tags";
import { linesToList, listToLines, windowText } from "./report-text";
import { SignerFields } from "./signer-fields";
import { wardReportField } from "./form-paths";
import { useNestedFormSave } from "./use-nested-form-save";
import "./reporting.css";

type Current = NonNullable<WardReport["current"]>;
type Version = WardReport["versions"][number];
type SentWardReport = Awaited<ReturnType<typeof api.sendWardReport>>;

type EditorValues = Omit<WardReportContent, "recipients"> & { recipientsText: string; note?: string };

const NARRATIVE_KEYS = ["shortcomings", "nextTasks", "proposals"] as const;

export default function WardReportPage() {
  const { code = "" } = useParams();
  const query = useQuery({
    queryKey: queryKeys.wardReport(code),
    queryFn: () => api.wardReport(code),
    enabled: code !== "",
  });
  return <QueryState query={query}>{(report) => <WardReportView report={report} />}</QueryState>;
}

/** After a change the page gets the new copy; the period and its list are stale. */
function useWardReportSaved(code: string) {
  const queryClient = useQueryClient();
  return (saved?: WardReport) => {
    if (saved) queryClient.setQueryData(queryKeys.wardReport(code), saved);
    else void queryClient.invalidateQueries({ queryKey: queryKeys.wardReport(code) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.reportPeriod(code) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.reportPeriods });
  };
}

function WardReportView({ report }: { report: WardReport }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message, modal } = App.useApp();
  const confirm = useConfirmAction();
  const { period, current } = report;
  const onSaved = useWardReportSaved(period.code);
  const [compiling, setCompiling] = useState(false);
  const [sendOpen, setSendOpen] = useState(false);

  async function compile(): Promise<string> {
    const compiled = await api.compileWardReport(period.code);
    onSaved(compiled);
    return t("wardReport.compiled", { version: compiled.current?.version ?? "" });
  }

  function startCompile() {
    if (current) {
      confirm({
        title: t("wardReport.compileConfirm"),
        content: t("wardReport.compileHint"),
        icon: <MergeCellsOutlined />,
        okText: t("wardReport.compile"),
        danger: false,
        run: compile,
      });
      return;
    }
    setCompiling(true);
    compile()
      .then((done) => void message.success(done))
      .catch((cause: unknown) => void message.error(errorMessage(cause, t("common.saveFailed"))))
      .finally(() => setCompiling(false));
  }

  return (
    <>
      <ReportCrumbs period={period} last={t("wardReport.crumb")} />
      <PageHeader
        title={t("wardReport.title", { title: period.title })}
        tags={<PeriodStateTags period={period} />}
        extra={
          <>
            {report.can.edit && (
              <Button icon={<MergeCellsOutlined />} loading={compiling} onClick={startCompile}>
                {t("wardReport.compile")}
              </Button>
            )}
            {current && (
              <>
                <Button icon={<DownloadOutlined />} href={downloads.wardReport(period.code, "docx")} download>
                  {t("report.exportDocx")}
                </Button>
                <Button icon={<DownloadOutlined />} href={downloads.wardReport(period.code, "xlsx")} download>
                  {t("report.exportXlsx")}
                </Button>
              </>
            )}
            {report.can.send && current && !period.sent && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setSendOpen(true)}>
                {t("wardReport.send")}
              </Button>
            )}
          </>
        }
      />
      {period.inProgress && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("wardReport.draftNotice")} />
      )}
      {period.sent && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("wardReport.sentAlert", {
            number: period.sent.numberAndSymbol,
            date: format.date(period.sent.issuedOn),
          })}
        />
      )}
      <DifferencesAlert differences={report.differences} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          {current ? (
            <Card size="small" title={t("wardReport.content", { version: current.version })}>
              {report.can.edit ? (
                <WardReportEditor code={period.code} current={current} onSaved={onSaved} />
              ) : (
                <ContentText content={current.content} />
              )}
            </Card>
          ) : (
            <Card size="small">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("wardReport.notCompiled")} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small" title={t("wardReport.units")}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {windowText(period.windowStart, period.windowEnd)}
              </Typography.Paragraph>
              <UnitTags
                title={t("wardReport.acceptedUnits", { count: report.acceptedUnits.length })}
                units={report.acceptedUnits}
                color="green"
              />
              <UnitTags
                title={t("wardReport.pendingUnits", { count: report.pendingUnits.length })}
                units={report.pendingUnits}
                color="orange"
              />
            </Card>
            <Card size="small" title={t("wardReport.versions")}>
              <VersionList code={period.code} versions={report.versions} />
            </Card>
          </Space>
        </Col>
        <Col span={24}>
          <FiguresCard figures={report.figures} locked={period.locked} />
        </Col>
      </Row>
      {report.can.send && current && (
        <EditModal<{ issuedOn: Dayjs | null }, SendWardReport, SentWardReport>
          open={sendOpen}
          title={t("wardReport.sendTitle")}
          okText={t("wardReport.sendSubmit")}
          initialValues={{ issuedOn: dayjs() }}
          schema={sendWardReportSchema}
          fields={["issuedOn"]}
          toBody={(values) => ({ issuedOn: values.issuedOn ? values.issuedOn.format("YYYY-MM-DD") : "" })}
          save={(body) => api.sendWardReport(period.code, body)}
          conflictKey={queryKeys.wardReport(period.code)}
          onClose={() => setSendOpen(false)}
          onSaved={(sent) => {
            onSaved();
            void modal.success({
              title: t("wardReport.sentTitle"),
              content: t("wardReport.sentNumber", { number: sent.numberAndSymbol, date: format.date(sent.issuedOn) }),
            });
          }}
        >
          <Typography.Paragraph>{t("wardReport.sendHint", { version: current.version })}</Typography.Paragraph>
          <Form.Item
            label={t("wardReport.issuedOn")}
            name="issuedOn"
            rules={[{ required: true, message: t("wardReport.issuedOnRequired") }]}
          >
            <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: "100%" }} />
          </Form.Item>
        </EditModal>
      )}
    </>
  );
}

function UnitTags({ title, units, color }: { title: string; units: UnitRef[]; color: string }) {
  return (
    <section aria-label={title} style={{ marginBottom: 8 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{title}</div>
      {units.length === 0 ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Space wrap size={4}>
          {units.map((unit) => (
            <Tag key={unit.id} color={color} title={unit.name}>
              {unit.shortName}
            </Tag>
          ))}
        </Space>
      )}
    </section>
  );
}

function VersionList({ code, versions }: { code: string; versions: Version[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const rows = [...versions].sort((a, b) => b.version - a.version);
  return (
    <ItemList
      className="staff-list-compact"
      label={t("wardReport.versions")}
      items={rows}
      itemKey={(v) => v.version}
      empty={<Typography.Text type="secondary">{t("wardReport.noVersions")}</Typography.Text>}
      render={(v) => (
        <div>
          <strong>{t("wardReport.versionN", { version: v.version })}</strong>{" "}
          <Typography.Text type="secondary">
            {v.createdBy} · {format.dateTime(v.createdAt)}
          </Typography.Text>
          {v.note && <div className="report-text">{v.note}</div>}
        </div>
      )}
      actions={(v) => (
        <Space size={8}>
          <a
            href={downloads.wardReport(code, "docx", v.version)}
            download
            aria-label={t("wardReport.downloadVersion", { version: v.version, format: "DOCX" })}
          >
            DOCX
          </a>
          <a
            href={downloads.wardReport(code, "xlsx", v.version)}
            download
            aria-label={t("wardReport.downloadVersion", { version: v.version, format: "XLSX" })}
          >
            XLSX
          </a>
        </Space>
      )}
    />
  );
}

function toValues(content: WardReportContent): EditorValues {
  const { recipients, ...rest } = content;
  return { ...rest, recipientsText: listToLines(recipients), note: "" };
}

/** The content as the form holds it, back in the shape the server takes. */
function toContent(values: EditorValues): WardReportContent {
  return {
    summary: values.summary ?? "",
    intro: values.intro ?? "",
    sectors: (values.sectors ?? []).map((s) => ({ ref: s.ref ?? "", heading: s.heading ?? "", text: s.text ?? "" })),
    units: (values.units ?? []).map((u) => ({ unitId: u.unitId, heading: u.heading ?? "", text: u.text ?? "" })),
    shortcomings: values.shortcomings ?? "",
    nextTasks: values.nextTasks ?? "",
    proposals: values.proposals ?? "",
    signer: values.signer,
    recipients: linesToList(values.recipientsText),
  };
}

function partLabel(part: { ref: string; heading: string }): string {
  return part.ref && !part.heading.startsWith(part.ref) ? `${part.ref} ${part.heading}` : part.heading;
}

/**
 * Each save makes a new version and keeps the older ones. The save says the version the edit
 * started from: when someone saved (or compiled) a newer one meanwhile, the officer chooses
 * between their text and the newer version instead of losing either.
 */
function WardReportEditor({
  code,
  current,
  onSaved,
}: {
  code: string;
  current: Current;
  onSaved: (saved?: WardReport) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditorValues>();
  const [baseVersion, setBaseVersion] = useState(current.version);
  const [dirty, setDirty] = useState(false);
  const { error, saving, parse, run } = useNestedFormSave<EditorValues, SaveWardReport>({
    form,
    schema: saveWardReportSchema,
    map: wardReportField,
  });
  const newer = current.version !== baseVersion;

  useEffect(() => {
    if (current.version === baseVersion || dirty) return;
    form.setFieldsValue(toValues(current.content));
    setBaseVersion(current.version);
  }, [current, baseVersion, dirty, form]);

  function loadNewer() {
    form.setFieldsValue(toValues(current.content));
    setBaseVersion(current.version);
    setDirty(false);
  }

  async function save() {
    const values = form.getFieldsValue(true) as EditorValues;
    const note = values.note?.trim();
    const body = parse({ baseVersion, content: toContent(values), ...(note ? { note } : {}) });
    if (body === undefined) return;
    await run(
      async () => {
        const saved = await api.saveWardReport(code, body);
        const version = saved.current?.version ?? baseVersion;
        setBaseVersion(version);
        setDirty(false);
        form.setFieldValue("note", "");
        onSaved(saved);
        void message.success(t("wardReport.saved", { version }));
      },
      (cause) => {
        if (cause instanceof ApiError && cause.code === "CONFLICT")
          void queryClient.invalidateQueries({ queryKey: queryKeys.wardReport(code) });
      },
    );
  }

  // `preserve`: the headings have no field of their own, so a plain watch would not see them.
  const sectors = Form.useWatch("sectors", { form, preserve: true }) ?? current.content.sectors;
  const units = Form.useWatch("units", { form, preserve: true }) ?? current.content.units;

  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      aria-label={t("wardReport.editor")}
      initialValues={toValues(current.content)}
      onValuesChange={() => setDirty(true)}
      onFinish={() => void save()}
    >
      <ErrorAlert error={error} />
      {newer && dirty && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("wardReport.newerVersion", {
            version: current.version,
            by: current.createdBy,
            at: format.dateTime(current.createdAt),
          })}
          action={
            <Space orientation="vertical" size={4}>
              <Button size="small" onClick={loadNewer}>
                {t("wardReport.loadNewer")}
              </Button>
              <Button size="small" onClick={() => setBaseVersion(current.version)}>
                {t("wardReport.keepMine")}
              </Button>
            </Space>
          }
        />
      )}
      <Form.Item
        label={t("wardReport.summary")}
        name="summary"
        rules={[{ required: true, whitespace: true, min: 3, message: t("wardReport.summaryRequired") }]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
      <Form.Item label={t("wardReport.intro")} name="intro">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 20 }} maxLength={20_000} />
      </Form.Item>

      <Divider titlePlacement="start">{t("wardReport.sectors")}</Divider>
      <Form.List name="sectors">
        {(fields) =>
          fields.length === 0 ? (
            <Typography.Paragraph type="secondary">{t("wardReport.noSectors")}</Typography.Paragraph>
          ) : (
            fields.map((field) => {
              const part = sectors[field.name];
              return (
                <Form.Item key={field.key} label={part ? partLabel(part) : ""} name={[field.name, "text"]}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 20 }} maxLength={20_000} />
                </Form.Item>
              );
            })
          )
        }
      </Form.List>

      <Divider titlePlacement="start">{t("wardReport.unitsSection")}</Divider>
      <Form.List name="units">
        {(fields) =>
          fields.length === 0 ? (
            <Typography.Paragraph type="secondary">{t("wardReport.noUnits")}</Typography.Paragraph>
          ) : (
            fields.map((field) => {
              const part = units[field.name];
              return (
                <Form.Item key={field.key} label={part?.heading ?? ""} name={[field.name, "text"]}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 20 }} maxLength={20_000} />
                </Form.Item>
              );
            })
          )
        }
      </Form.List>

      <Divider />
      {NARRATIVE_KEYS.map((key) => (
        <Form.Item key={key} label={t(`wardReport.${key}`)} name={key}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 20 }} maxLength={20_000} />
        </Form.Item>
      ))}

      <Divider titlePlacement="start">{t("wardReport.signer")}</Divider>
      <SignerFields />
      <Form.Item
        label={t("wardReport.recipients")}
        name="recipientsText"
        extra={t("wardReport.recipientsHint")}
        rules={[{ required: true, whitespace: true, message: t("wardReport.recipientsRequired") }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
      </Form.Item>

      <Divider />
      <Form.Item label={t("wardReport.note")} name="note">
        <Input maxLength={300} placeholder={t("wardReport.notePlaceholder")} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
        {t("wardReport.saveVersion")}
      </Button>
    </Form>
  );
}

function ContentText({ content }: { content: WardReportContent }) {
  const { t } = useI18n();
  const block = (title: string, text: string) => (
    <section key={title} aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Typography.Paragraph className="report-text">{text || "—"}</Typography.Paragraph>
    </section>
  );
  const signer = content.signer;
  return (
    <div>
      {block(t("wardReport.summary"), content.summary)}
      {block(t("wardReport.intro"), content.intro)}
      {content.sectors.map((part) => block(partLabel(part), part.text))}
      {content.units.map((part) => block(part.heading, part.text))}
      {NARRATIVE_KEYS.map((key) => block(t(`wardReport.${key}`), content[key]))}
      {block(
        t("wardReport.signer"),
        [[signer.prefix, signer.authorityTitle].filter(Boolean).join(" "), signer.title, signer.name]
          .filter(Boolean)
          .join("\n"),
      )}
      {block(t("wardReport.recipients"), content.recipients.map((r) => `- ${r}`).join("\n"))}
    </div>
  );
}
