import { useState } from "react";
import { Form, Input, InputNumber, Modal } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { editIndicatorSchema, type EditIndicator, type IndicatorDetail } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { ApiError } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { ErrorAlert } from "../../components/query-state";
import { zodFieldErrors } from "../../lib/form-errors";

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
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const decimalSeparator = language === "vi" ? "," : ".";

  async function submit(values: Values) {
    const changes: EditIndicator = { version: indicator.version };
    const baselineValue = values.baselineValue ?? null;
    const baselineYear = values.baselineYear ?? null;
    const targetNote = values.targetNote?.trim() ? values.targetNote.trim() : null;
    if (baselineValue !== indicator.baselineValue) changes.baselineValue = baselineValue;
    if (baselineYear !== indicator.baselineYear) changes.baselineYear = baselineYear;
    if (values.targetValue !== indicator.targetValue) changes.targetValue = values.targetValue;
    if (targetNote !== indicator.targetNote) changes.targetNote = targetNote;
    if (Object.keys(changes).length === 1) {
      onClose();
      return;
    }
    const parsed = editIndicatorSchema.safeParse(changes);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, [
        "baselineValue",
        "baselineYear",
        "targetValue",
        "targetNote",
      ] as const);
      form.setFields(errors.fields);
      if (errors.other.length > 0) setError(new Error(errors.other.join("; ")));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await api.editIndicator(indicator.id, parsed.data));
      onClose();
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError && cause.code === "CONFLICT")
        void queryClient.invalidateQueries({
          queryKey: queryKeys.indicator(indicator.id),
        });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("indicatorEdit.title")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          baselineValue: indicator.baselineValue,
          baselineYear: indicator.baselineYear,
          targetValue: indicator.targetValue,
          targetNote: indicator.targetNote ?? "",
        }}
        onFinish={(values) => void submit(values)}
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
      </Form>
    </Modal>
  );
}
