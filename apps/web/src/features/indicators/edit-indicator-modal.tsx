import { Input, InputNumber, Form, Select, type FormRule } from "antd";
import {
  editIndicatorSchema,
  frequencySchema,
  PARTS_KINDS,
  VALUE_KINDS,
  type EditIndicator,
  type Frequency,
  type IndicatorDetail,
  type PartsKind,
  type ValueKind,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { assignableUnits, useUnits } from "../../app/hooks";
import { EditModal, changesOrNull } from "../../components/edit-modal";

type Values = {
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number;
  targetNote: string;
  ownerUnitId: string;
  frequency: Frequency;
  valueKind: ValueKind;
  partsKind: PartsKind | null;
};

export function EditIndicatorModal({
  open,
  indicator,
  onClose,
  onSaved,
}: {
  open: boolean;
  indicator: IndicatorDetail;
  onClose: () => void;
  onSaved: (indicator: IndicatorDetail) => void;
}) {
  const { t, language } = useI18n();
  const decimalSeparator = language === "vi" ? "," : ".";
  const units = useUnits();
  // Only active units take on an indicator; the current owner stays, marked, so the field still shows its name.
  const unitOptions = assignableUnits(units.data, [indicator.owner.id]).map((u) => ({
    value: u.id,
    label: `${u.shortName} — ${u.name}${u.active ? "" : ` (${t("units.inactiveMark")})`}`,
  }));
  const frequencyOptions = frequencySchema.options.map((f) => ({ value: f, label: t(`frequency.${f}`) }));
  // "%" is a percentage and nothing else; any other unit counts whole things or measures.
  const isPercentUnit = indicator.unitOfMeasure === "%";
  const valueKindOptions = VALUE_KINDS.filter((k) => (k === "percent") === isPercentUnit).map((k) => ({
    value: k,
    label: t(`valueKind.${k}`),
  }));
  const partsKindOptions = PARTS_KINDS.map((k) => ({ value: k, label: t(`valueKind.${k}`) }));
  const isRatio = indicator.aggregation === "ratio_of_sums";
  /** A count's baseline and target are whole numbers (checked against the kind chosen in this form). */
  const wholeWhenCount: FormRule = ({ getFieldValue }) => ({
    validator: (_: unknown, value: unknown) =>
      getFieldValue("valueKind") !== "count" || typeof value !== "number" || Number.isInteger(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t("indicatorEdit.wholeNumber", { unit: indicator.unitOfMeasure }))),
  });

  /** Only what changed, or null when nothing did. */
  function changes(values: Values): EditIndicator | null {
    const changes: EditIndicator = { version: indicator.version };
    const baselineValue = values.baselineValue ?? null;
    const baselineYear = values.baselineYear ?? null;
    const targetNote = values.targetNote?.trim() ? values.targetNote.trim() : null;
    if (baselineValue !== indicator.baselineValue) changes.baselineValue = baselineValue;
    if (baselineYear !== indicator.baselineYear) changes.baselineYear = baselineYear;
    if (values.targetValue !== indicator.targetValue) changes.targetValue = values.targetValue;
    if (targetNote !== indicator.targetNote) changes.targetNote = targetNote;
    if (values.ownerUnitId !== indicator.owner.id) changes.ownerUnitId = values.ownerUnitId;
    if (values.frequency !== indicator.frequency) changes.frequency = values.frequency;
    if (values.valueKind !== indicator.valueKind) changes.valueKind = values.valueKind;
    if (isRatio && values.partsKind !== null && values.partsKind !== indicator.partsKind)
      changes.partsKind = values.partsKind;
    return changesOrNull(changes);
  }

  return (
    <EditModal<Values, EditIndicator, IndicatorDetail>
      open={open}
      title={t("indicatorEdit.title")}
      okText={t("common.save")}
      initialValues={{
        baselineValue: indicator.baselineValue,
        baselineYear: indicator.baselineYear,
        targetValue: indicator.targetValue,
        targetNote: indicator.targetNote ?? "",
        ownerUnitId: indicator.owner.id,
        frequency: indicator.frequency,
        valueKind: indicator.valueKind,
        partsKind: indicator.partsKind,
      }}
      schema={editIndicatorSchema}
      fields={[
        "baselineValue",
        "baselineYear",
        "targetValue",
        "targetNote",
        "ownerUnitId",
        "frequency",
        "valueKind",
        "partsKind",
      ]}
      toBody={changes}
      save={(body) => api.editIndicator(indicator.id, body)}
      conflictKey={queryKeys.indicator(indicator.id)}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        label={t("indicatorEdit.baselineValue", {
          unit: indicator.unitOfMeasure,
        })}
        name="baselineValue"
        dependencies={["valueKind"]}
        rules={[wholeWhenCount]}
      >
        <InputNumber decimalSeparator={decimalSeparator} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        label={t("indicatorEdit.baselineYear")}
        name="baselineYear"
        rules={[
          {
            type: "number",
            min: 2000,
            max: 2100,
            message: t("indicatorEdit.yearRange"),
          },
        ]}
      >
        <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        label={t("indicatorEdit.targetValue", {
          unit: indicator.unitOfMeasure,
          year: indicator.targetYear,
        })}
        name="targetValue"
        dependencies={["valueKind"]}
        rules={[{ required: true, message: t("indicatorEdit.targetRequired") }, wholeWhenCount]}
      >
        <InputNumber decimalSeparator={decimalSeparator} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item label={t("indicator.targetNote")} name="targetNote">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label={t("indicator.owner")}
        name="ownerUnitId"
        rules={[{ required: true, message: t("indicatorEdit.ownerRequired") }]}
      >
        <Select showSearch={{ optionFilterProp: "label" }} options={unitOptions} loading={units.isPending} />
      </Form.Item>
      <Form.Item
        label={t("indicator.frequency")}
        name="frequency"
        rules={[{ required: true, message: t("indicatorEdit.frequencyRequired") }]}
        extra={t("indicatorEdit.frequencyHint")}
      >
        <Select options={frequencyOptions} />
      </Form.Item>
      <Form.Item label={t("indicatorEdit.valueKind")} name="valueKind" extra={t("indicatorEdit.valueKindHint")}>
        <Select options={valueKindOptions} disabled={isPercentUnit} />
      </Form.Item>
      {isRatio && (
        <Form.Item label={t("indicatorEdit.partsKind")} name="partsKind">
          <Select options={partsKindOptions} />
        </Form.Item>
      )}
    </EditModal>
  );
}
