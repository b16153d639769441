import { Input, InputNumber, Form } from "antd";
import { editIndicatorSchema, type EditIndicator, type IndicatorDetail } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { EditModal, changesOrNull } from "../../components/edit-modal";

type Values = {
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number;
  targetNote: string;
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
      }}
      schema={editIndicatorSchema}
      fields={["baselineValue", "baselineYear", "targetValue", "targetNote"]}
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
        rules={[{ required: true, message: t("indicatorEdit.targetRequired") }]}
      >
        <InputNumber decimalSeparator={decimalSeparator} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item label={t("indicator.targetNote")} name="targetNote">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </EditModal>
  );
}
