import { useState } from "react";
import { Button, DatePicker, Form, Input, InputNumber, Select, Slider, type UploadFile } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { postTaskUpdateSchema, type PostTaskUpdate, type TaskDetail } from "@phuong-xanh/shared";
import { api } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useStatuses } from "../../app/hooks";
import { ErrorAlert } from "../../components/query-state";
import { useFormSave } from "../../components/use-form-save";
import { EvidencePicker } from "../../components/evidence-picker";

type Values = {
  reportedOn: Dayjs;
  status: string;
  progress: number;
  text: string;
};

export function TaskUpdateForm({ task, onSaved }: { task: TaskDetail; onSaved: (task: TaskDetail) => void }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Values>();
  const statuses = useStatuses();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { error, setError, saving, parse, run } = useFormSave<Values, PostTaskUpdate>({
    form,
    schema: postTaskUpdateSchema,
    fields: ["reportedOn", "text", "progress", "status"],
  });
  const progress = Form.useWatch("progress", form);

  async function submit(values: Values) {
    const fields = {
      reportedOn: values.reportedOn.format("YYYY-MM-DD"),
      text: values.text ?? "",
      progress: values.progress,
      status: values.status,
    };
    const data = parse(fields);
    if (data === undefined) return;
    const body = new FormData();
    body.append("reportedOn", data.reportedOn);
    body.append("text", data.text);
    if (data.progress !== undefined) body.append("progress", String(data.progress));
    body.append("status", data.status);
    for (const file of files) {
      if (file.originFileObj) body.append("files", file.originFileObj, file.name);
    }
    await run(async () => {
      const saved = await api.postTaskUpdate(task.id, body);
      form.resetFields();
      form.setFieldsValue({
        reportedOn: dayjs(),
        status: saved.status,
        progress: saved.progress,
        text: "",
      });
      setFiles([]);
      onSaved(saved);
    });
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{
        reportedOn: dayjs(),
        status: task.status,
        progress: task.progress,
        text: "",
      }}
      onFinish={(values) => void submit(values)}
      requiredMark="optional"
      aria-label={t("update.formTitle")}
    >
      <ErrorAlert error={error} />
      <Form.Item
        label={t("update.reportedOn")}
        name="reportedOn"
        rules={[{ required: true, message: t("update.reportedOnRequired") }]}
      >
        <DatePicker
          format="DD/MM/YYYY"
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), "day")}
          style={{ width: "100%" }}
        />
      </Form.Item>
      <Form.Item
        label={t("task.status")}
        name="status"
        rules={[{ required: true, message: t("update.statusRequired") }]}
      >
        <Select
          loading={statuses.isPending}
          options={(statuses.data ?? []).map((s) => ({
            value: s.code,
            label: language === "vi" ? s.labelVi : s.labelEn,
          }))}
          onChange={(code: string) => {
            const status = statuses.data?.find((s) => s.code === code);
            if (status && status.defaultProgress !== null) form.setFieldValue("progress", status.defaultProgress);
          }}
        />
      </Form.Item>
      <Form.Item label={t("update.progress")} required>
        <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
          <Slider
            style={{ flex: 1 }}
            min={0}
            max={100}
            step={5}
            value={typeof progress === "number" ? progress : 0}
            onChange={(value: number) => form.setFieldValue("progress", value)}
            aria-label={t("update.progressSlider")}
          />
          <Form.Item
            name="progress"
            noStyle
            rules={[
              {
                required: true,
                type: "number",
                min: 0,
                max: 100,
                message: t("update.progressRange"),
              },
            ]}
          >
            <InputNumber
              min={0}
              max={100}
              precision={0}
              suffix="%"
              aria-label={t("update.progress")}
              style={{ width: 96 }}
            />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item
        label={t("update.text")}
        name="text"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t("update.textRequired"),
          },
        ]}
      >
        <Input.TextArea rows={4} maxLength={10_000} showCount placeholder={t("update.textPlaceholder")} />
      </Form.Item>
      <Form.Item label={t("update.files")} extra={t("update.filesHint")}>
        <EvidencePicker
          files={files}
          onChange={setFiles}
          onTooLarge={(name) => setError(new Error(t("update.fileTooLarge", { name })))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t("update.submit")}
      </Button>
    </Form>
  );
}
