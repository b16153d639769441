import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import { DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  periodicReportKindSchema,
  saveReportingSettingsSchema,
  type ReportingSettings,
  type Signer,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { ApiError } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { PageHeader } from "../../components/page-header";
import { ErrorAlert, QueryState } from "../../components/query-state";
import { ReportCrumbs } from "./report-period-page";
import { settingsField } from "./form-paths";
import type { PeriodicKind } from "./period-code";
import { linesToList, listToLines } from "./report-text";
import { SignerFields } from "./signer-fields";
import { useNestedFormSave } from "./use-nested-form-save";
import "./reporting.css";

type Rule = ReportingSettings["rules"][PeriodicKind];
type DayRow = { date?: Dayjs | null; name?: string };
type SettingsValues = {
  rules: Record<PeriodicKind, Rule>;
  enabledKinds: PeriodicKind[];
  remindDaysBefore: number;
  extraHolidays: DayRow[];
  extraWorkingDays: DayRow[];
  signer: Signer;
  recipientsText: string;
};

const CUTOFF_DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

export default function ReportSettingsPage() {
  const { t } = useI18n();
  const query = useQuery({ queryKey: queryKeys.reportingSettings, queryFn: api.reportingSettings });
  return (
    <>
      <ReportCrumbs last={t("reportSettings.title")} />
      <PageHeader title={t("reportSettings.title")} />
      <QueryState query={query}>{(settings) => <SettingsForm settings={settings} />}</QueryState>
    </>
  );
}

function toValues(settings: ReportingSettings): SettingsValues {
  const rows = (days: ReportingSettings["extraHolidays"]) => days.map((d) => ({ date: dayjs(d.date), name: d.name }));
  return {
    rules: settings.rules,
    enabledKinds: settings.enabledKinds,
    remindDaysBefore: settings.remindDaysBefore,
    extraHolidays: rows(settings.extraHolidays),
    extraWorkingDays: rows(settings.extraWorkingDays),
    signer: settings.signer,
    recipientsText: listToLines(settings.recipients),
  };
}

function toBody(values: SettingsValues, version: number): ReportingSettings {
  const days = (rows: DayRow[] | undefined) =>
    (rows ?? []).map((row) => ({ date: row.date ? row.date.format("YYYY-MM-DD") : "", name: row.name ?? "" }));
  return {
    rules: values.rules,
    enabledKinds: values.enabledKinds ?? [],
    remindDaysBefore: values.remindDaysBefore,
    extraHolidays: days(values.extraHolidays),
    extraWorkingDays: days(values.extraWorkingDays),
    signer: values.signer,
    recipients: linesToList(values.recipientsText),
    version,
  };
}

function SettingsForm({ settings }: { settings: ReportingSettings }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SettingsValues>();
  const { error, saving, parse, run } = useNestedFormSave<SettingsValues, ReportingSettings>({
    form,
    schema: saveReportingSettingsSchema,
    map: settingsField,
  });
  const kindOptions = periodicReportKindSchema.options.map((kind) => ({ value: kind, label: t(`reportKind.${kind}`) }));

  async function save() {
    const body = parse(toBody(form.getFieldsValue(true) as SettingsValues, settings.version));
    if (body === undefined) return;
    await run(
      async () => {
        const saved = await api.saveReportingSettings(body);
        queryClient.setQueryData(queryKeys.reportingSettings, saved);
        void message.success(t("reportSettings.saved"));
      },
      (cause) => {
        if (cause instanceof ApiError && cause.code === "CONFLICT")
          void queryClient.invalidateQueries({ queryKey: queryKeys.reportingSettings });
      },
    );
  }

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      aria-label={t("reportSettings.title")}
      initialValues={toValues(settings)}
      onFinish={() => void save()}
    >
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t("reportSettings.rules")}>
            <Typography.Paragraph type="secondary">{t("reportSettings.rulesHint")}</Typography.Paragraph>
            {periodicReportKindSchema.options.map((kind) => (
              <fieldset key={kind} className="report-fieldset">
                <legend>{t(`reportKind.${kind}`)}</legend>
                <Row gutter={12}>
                  <Col xs={24} sm={8}>
                    <Form.Item label={t("reportSettings.cutoffDay")} name={["rules", kind, "cutoffDay"]}>
                      <Select
                        options={[
                          { value: "end", label: t("reportSettings.cutoffEnd") },
                          ...CUTOFF_DAYS.map((day) => ({ value: day, label: t("reportSettings.cutoffDayN", { day }) })),
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={8}>
                    <Form.Item label={t("reportSettings.unitDays")} name={["rules", kind, "unitDeadlineWorkingDays"]}>
                      <InputNumber min={0} max={30} precision={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={8}>
                    <Form.Item label={t("reportSettings.wardDays")} name={["rules", kind, "wardDeadlineWorkingDays"]}>
                      <InputNumber min={0} max={30} precision={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                </Row>
              </fieldset>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t("reportSettings.units")}>
            <fieldset className="report-fieldset">
              <legend>{t("reportSettings.enabledKinds")}</legend>
              <Form.Item name="enabledKinds" extra={t("reportSettings.enabledKindsHint")}>
                <Checkbox.Group options={kindOptions} />
              </Form.Item>
            </fieldset>
            <Form.Item
              label={t("reportSettings.remindDaysBefore")}
              name="remindDaysBefore"
              rules={[{ required: true, type: "number", min: 0, max: 30, message: t("reportSettings.daysRange") }]}
            >
              <InputNumber min={0} max={30} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t("reportSettings.calendar")}>
            <DayList
              name="extraHolidays"
              title={t("reportSettings.holidays")}
              hint={t("reportSettings.holidaysHint")}
              addLabel={t("reportSettings.addHoliday")}
            />
            <DayList
              name="extraWorkingDays"
              title={t("reportSettings.workingDays")}
              hint={t("reportSettings.workingDaysHint")}
              addLabel={t("reportSettings.addWorkingDay")}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t("reportSettings.document")}>
            <fieldset className="report-fieldset">
              <legend>{t("reportSettings.signer")}</legend>
              <SignerFields />
            </fieldset>
            <Form.Item
              label={t("reportSettings.recipients")}
              name="recipientsText"
              extra={t("wardReport.recipientsHint")}
              rules={[{ required: true, whitespace: true, message: t("wardReport.recipientsRequired") }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
            </Form.Item>
          </Card>
        </Col>
        <Col span={24}>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            {t("reportSettings.save")}
          </Button>
        </Col>
      </Row>
    </Form>
  );
}

function DayList({
  name,
  title,
  hint,
  addLabel,
}: {
  name: "extraHolidays" | "extraWorkingDays";
  title: string;
  hint: string;
  addLabel: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="report-fieldset">
      <legend>{title}</legend>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <div key={field.key} className="report-day-row">
                <Form.Item
                  label={t("reportSettings.date")}
                  name={[field.name, "date"]}
                  rules={[{ required: true, message: t("reportSettings.dateRequired") }]}
                >
                  <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
                </Form.Item>
                <Form.Item
                  label={t("reportSettings.dayName")}
                  name={[field.name, "name"]}
                  rules={[{ required: true, whitespace: true, message: t("reportSettings.dayNameRequired") }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t("reportSettings.removeRow", { index: i + 1 })}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: 30 }}
                />
              </div>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ date: null, name: "" })}>
                {addLabel}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
