import { useState } from "react";
import { DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import {
  openPeriodSchema,
  periodicReportKindSchema,
  type OpenPeriod,
  type ReportPeriodDetail,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n, type Translate } from "../../i18n/i18n";
import { todayIso } from "../../i18n/format";
import { assignableUnits, useUnits } from "../../app/hooks";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { buildPeriodCode, currentIndex, periodIndexes, type PeriodicKind } from "./period-code";

/** Periodic (by code, from the ward's rules) or one with its own window: thematic, ad hoc. */
type Mode = "periodic" | "thematic" | "ad_hoc";

type Values = {
  kind: PeriodicKind;
  year: number;
  index?: string;
  title: string;
  window?: [Dayjs, Dayjs] | null;
  unitDeadline?: Dayjs | null;
  wardDeadline?: Dayjs | null;
  unitIds?: string[];
};

const [periodicSchema, specialSchema] = openPeriodSchema.options;

/** "Tháng 11", "Quý IV", "6 tháng đầu năm", "9 tháng đầu năm". */
export function periodIndexLabel(t: Translate, index: string): string {
  switch (index) {
    case "Q1":
    case "Q2":
    case "Q3":
    case "Q4":
    case "H1":
    case "9M":
      return t(`periodIndex.${index}`);
    default:
      return t("periodIndex.month", { month: index });
  }
}

function PeriodicFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch("kind", form);
  const year = Form.useWatch("year", form);
  const index = Form.useWatch("index", form);
  const indexes = kind ? periodIndexes(kind) : [];
  const code = kind ? buildPeriodCode(kind, year, index) : undefined;
  return (
    <>
      <Form.Item label={t("openPeriod.kind")} name="kind" rules={[{ required: true }]}>
        <Select<PeriodicKind>
          virtual={false}
          options={periodicReportKindSchema.options.map((k) => ({ value: k, label: t(`reportKind.${k}`) }))}
          onChange={(next: PeriodicKind) => form.setFieldValue("index", currentIndex(next, todayIso()))}
        />
      </Form.Item>
      <div className="report-day-row">
        <Form.Item
          label={t("openPeriod.year")}
          name="year"
          rules={[{ required: true, type: "number", min: 2000, max: 2100, message: t("openPeriod.yearRequired") }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} />
        </Form.Item>
        {indexes.length > 1 && (
          <Form.Item
            label={t("openPeriod.index")}
            name="index"
            rules={[{ required: true, message: t("openPeriod.indexRequired") }]}
          >
            <Select virtual={false} options={indexes.map((i) => ({ value: i, label: periodIndexLabel(t, i) }))} />
          </Form.Item>
        )}
      </div>
      <Typography.Paragraph type="secondary">
        {code ? `${t("openPeriod.code", { code })}. ` : ""}
        {t("openPeriod.periodicHint")}
      </Typography.Paragraph>
    </>
  );
}

function SpecialFields() {
  const { t } = useI18n();
  const units = useUnits();
  const deadlineRule = [{ required: true, message: t("openPeriod.deadlineRequired") }];
  return (
    <>
      <Form.Item
        label={t("openPeriod.reportTitle")}
        name="title"
        rules={[{ required: true, whitespace: true, min: 3, message: t("openPeriod.titleRequired") }]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
      </Form.Item>
      <Form.Item
        label={t("openPeriod.window")}
        name="window"
        rules={[{ required: true, message: t("openPeriod.windowRequired") }]}
      >
        <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
      </Form.Item>
      <div className="report-day-row">
        <Form.Item label={t("reports.unitDeadline")} name="unitDeadline" rules={deadlineRule}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("reports.wardDeadline")} name="wardDeadline" rules={deadlineRule}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </div>
      <Form.Item label={t("openPeriod.units")} name="unitIds" extra={t("openPeriod.unitsHint")}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          loading={units.isPending}
          options={assignableUnits(units.data).map((u) => ({ value: u.id, label: `${u.shortName} — ${u.name}` }))}
        />
      </Form.Item>
    </>
  );
}

const iso = (date: Dayjs | null | undefined) => (date ? date.format("YYYY-MM-DD") : "");

/** "Mở kỳ báo cáo": a periodic period by its code, or a thematic / ad hoc one with its own dates. */
export function OpenPeriodModal({ open, onClose, onSaved }: RecordDialogProps<ReportPeriodDetail>) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>("periodic");
  const today = todayIso();

  function toBody(values: Values): OpenPeriod {
    if (mode === "periodic") return { code: buildPeriodCode(values.kind, values.year, values.index) ?? "" };
    return {
      kind: mode,
      title: values.title ?? "",
      windowStart: iso(values.window?.[0]),
      windowEnd: iso(values.window?.[1]),
      unitDeadline: iso(values.unitDeadline),
      wardDeadline: iso(values.wardDeadline),
      ...(values.unitIds && values.unitIds.length > 0 ? { unitIds: values.unitIds } : {}),
    };
  }

  return (
    <EditModal<Values, OpenPeriod, ReportPeriodDetail>
      open={open}
      title={t("openPeriod.title")}
      okText={t("openPeriod.submit")}
      initialValues={{ kind: "quarterly", year: Number(today.slice(0, 4)), index: currentIndex("quarterly", today) }}
      schema={mode === "periodic" ? periodicSchema : specialSchema}
      fields={["year", "title", "window", "unitDeadline", "wardDeadline", "unitIds"]}
      rename={{ code: "year", windowStart: "window", windowEnd: "window" }}
      toBody={toBody}
      save={api.openReportPeriod}
      conflictKey={queryKeys.reportPeriods}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item label={t("openPeriod.type")}>
        <Radio.Group
          optionType="button"
          aria-label={t("openPeriod.type")}
          value={mode}
          onChange={(e) => setMode(e.target.value as Mode)}
          options={[
            { value: "periodic", label: t("openPeriod.periodic") },
            { value: "thematic", label: t("reportKind.thematic") },
            { value: "ad_hoc", label: t("reportKind.ad_hoc") },
          ]}
        />
      </Form.Item>
      {mode === "periodic" ? <PeriodicFields /> : <SpecialFields />}
    </EditModal>
  );
}
