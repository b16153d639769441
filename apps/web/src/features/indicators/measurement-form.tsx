import { useState } from "react";
import { Alert, Button, Form, Input, InputNumber, Select, Typography, Upload, type UploadFile } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import {
  periodLabel,
  periodOf,
  periodsBetween,
  recordMeasurementSchema,
  type IndicatorDetail,
  type RecordMeasurement,
} from "@phuong-xanh/shared";
import { api } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { todayIso, useFormat } from "../../i18n/format";
import { residentialGroups, useUnits } from "../../app/hooks";
import { ErrorAlert } from "../../components/query-state";
import { useFormSave } from "../../components/use-form-save";
import { EVIDENCE_ACCEPT, MAX_FILES } from "../../lib/uploads";

/** How far back an officer may enter numbers: from the baseline year, at most five years. */
const MAX_YEARS_BACK = 5;
/** Select value meaning "the whole ward" (no residential group). */
const WHOLE_WARD = "__ward__";

/** Periods of the indicator's frequency up to the current one, newest first. */
export function reportablePeriods(
  indicator: Pick<IndicatorDetail, "frequency" | "baselineYear">,
  today = todayIso(),
): string[] {
  const currentYear = Number(today.slice(0, 4));
  const fromYear = Math.max(
    currentYear - MAX_YEARS_BACK,
    Math.min(indicator.baselineYear ?? currentYear - 1, currentYear),
  );
  const from = periodOf(indicator.frequency, `${fromYear}-01-01`);
  const to = periodOf(indicator.frequency, today);
  return periodsBetween(from, to).reverse();
}

/**
 * A count (vụ, hệ thống, hộ) takes whole numbers: "2,5" stays as typed and is refused with the
 * reason, rather than rounded behind the officer's back as `precision={0}` would on blur.
 */
function wholeNumberRule(message: string) {
  return {
    validator: (_: unknown, value: unknown) =>
      typeof value !== "number" || Number.isInteger(value) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

type Values = {
  period: string;
  place: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  source: string;
  note?: string;
};

export function MeasurementForm({
  indicator,
  onSaved,
}: {
  indicator: IndicatorDetail;
  onSaved: (indicator: IndicatorDetail) => void;
}) {
  const { t, language } = useI18n();
  const format = useFormat();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const periods = reportablePeriods(indicator);
  const isRatio = indicator.aggregation === "ratio_of_sums";
  const [warning, setWarning] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const { error, saving, parse, run } = useFormSave<Values, RecordMeasurement>({
    form,
    schema: recordMeasurementSchema,
    fields: ["period", "place", "value", "numerator", "denominator", "source", "note"],
    // The schema reports "value or numerator+denominator" on `value`; show it where the officer types.
    rename: {
      residentialGroupId: "place",
      ...(isRatio ? { value: "numerator" as const } : {}),
    },
  });
  const numerator = Form.useWatch("numerator", form);
  const denominator = Form.useWatch("denominator", form);
  const decimalSeparator = language === "vi" ? "," : ".";
  const countsValue = indicator.valueKind === "count";
  const countsParts = indicator.partsKind === "count";
  /** Whole numbers: a numeric keypad on phones, steps of one. */
  const wholeInput = { step: 1, inputMode: "numeric" as const };

  // Only the active residential groups take new figures; old figures keep their group's name.
  const placeOptions = [
    { value: WHOLE_WARD, label: t("measurement.wholeWard") },
    ...(indicator.perResidentialGroup
      ? residentialGroups(units.data).map((g) => ({
          value: g.id,
          label: g.name,
        }))
      : []),
  ];

  async function submit(values: Values) {
    const residentialGroupId = values.place === WHOLE_WARD ? null : values.place;
    const body: RecordMeasurement = {
      period: values.period,
      residentialGroupId,
      source: values.source ?? "",
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      ...(isRatio
        ? {
            ...(typeof values.numerator === "number" ? { numerator: values.numerator } : {}),
            ...(typeof values.denominator === "number" ? { denominator: values.denominator } : {}),
          }
        : typeof values.value === "number"
          ? { value: values.value }
          : {}),
    };
    const data = parse(body);
    if (data === undefined) return;
    setWarning(undefined);
    setSaved(undefined);
    await run(async () => {
      let indicatorAfter = await api.recordMeasurement(indicator.id, data);
      const evidence = files.flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));
      if (evidence.length > 0) {
        const measurement = indicatorAfter.measurements
          .filter((m) => m.period === data.period && (m.residentialGroup?.id ?? null) === residentialGroupId)
          .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
        if (!measurement) {
          setWarning(t("measurement.filesNotAttached"));
        } else {
          const upload = new FormData();
          for (const file of evidence) upload.append("files", file, file.name);
          try {
            await api.attachMeasurementFiles(measurement.id, upload);
            indicatorAfter = await api.indicator(indicator.id);
          } catch (cause) {
            setWarning(`${t("measurement.filesNotAttached")} ${errorMessage(cause, "")}`.trim());
          }
        }
      }
      onSaved(indicatorAfter);
      setSaved(
        t("measurement.saved", {
          period: periodLabel(data.period, language),
        }),
      );
      form.resetFields(["value", "numerator", "denominator", "note"]);
      setFiles([]);
    });
  }

  const preview =
    isRatio && typeof numerator === "number" && typeof denominator === "number" && denominator > 0
      ? (numerator / denominator) * 100
      : undefined;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      aria-label={t("measurement.formTitle")}
      initialValues={{ period: periods[0], place: WHOLE_WARD, source: "" }}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => setSaved(undefined)}
      requiredMark="optional"
    >
      <ErrorAlert error={error} />
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />}
      {saved && <Alert type="success" showIcon title={saved} style={{ marginBottom: 12 }} role="status" />}
      <Form.Item label={t("measurement.period")} name="period" rules={[{ required: true }]}>
        <Select
          options={periods.map((p) => ({
            value: p,
            label: periodLabel(p, language),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t("measurement.place")}
        name="place"
        rules={[{ required: true }]}
        hidden={!indicator.perResidentialGroup}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          // Not virtual: a dozen groups, every one in the page with role="option" and its name.
          virtual={false}
          options={placeOptions}
          loading={units.isPending}
        />
      </Form.Item>
      {isRatio ? (
        <>
          <Form.Item
            label={indicator.numeratorLabel ?? t("measurement.numerator")}
            name="numerator"
            rules={[
              { required: true, message: t("measurement.numeratorRequired") },
              ...(countsParts
                ? [
                    wholeNumberRule(
                      t("measurement.wholeParts", { label: indicator.numeratorLabel ?? t("measurement.numerator") }),
                    ),
                  ]
                : []),
            ]}
          >
            <InputNumber
              min={0}
              decimalSeparator={decimalSeparator}
              style={{ width: "100%" }}
              {...(countsParts ? wholeInput : {})}
            />
          </Form.Item>
          <Form.Item
            label={indicator.denominatorLabel ?? t("measurement.denominator")}
            name="denominator"
            rules={[
              { required: true, message: t("measurement.denominatorRequired") },
              ...(countsParts
                ? [
                    wholeNumberRule(
                      t("measurement.wholeParts", {
                        label: indicator.denominatorLabel ?? t("measurement.denominator"),
                      }),
                    ),
                  ]
                : []),
            ]}
            extra={
              preview !== undefined
                ? t("measurement.ratioPreview", {
                    value: format.quantity(preview, "%"),
                  })
                : undefined
            }
          >
            <InputNumber
              min={0}
              decimalSeparator={decimalSeparator}
              style={{ width: "100%" }}
              {...(countsParts ? wholeInput : {})}
            />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          label={t("measurement.valueIn", { unit: indicator.unitOfMeasure })}
          name="value"
          rules={[
            { required: true, message: t("measurement.valueRequired") },
            ...(countsValue ? [wholeNumberRule(t("measurement.wholeNumber", { unit: indicator.unitOfMeasure }))] : []),
          ]}
        >
          <InputNumber
            decimalSeparator={decimalSeparator}
            style={{ width: "100%" }}
            {...(countsValue ? { ...wholeInput, min: 0 } : {})}
          />
        </Form.Item>
      )}
      <Form.Item
        label={t("measurement.source")}
        name="source"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t("measurement.sourceRequired"),
          },
        ]}
      >
        <Input maxLength={500} placeholder={t("measurement.sourcePlaceholder")} />
      </Form.Item>
      <Form.Item label={t("measurement.note")} name="note">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t("measurement.evidence")} extra={t("measurement.evidenceHint")}>
        <Upload
          multiple
          accept={EVIDENCE_ACCEPT}
          maxCount={MAX_FILES}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button icon={<UploadOutlined />}>{t("update.chooseFiles")}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t("measurement.submit")}
      </Button>
      {!indicator.perResidentialGroup && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t("measurement.wardOnlyHint")}
        </Typography.Paragraph>
      )}
    </Form>
  );
}
