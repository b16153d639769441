import { useState } from "react";
import { DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  assignTaskSchema,
  editTaskSchema,
  recurrenceSchema,
  type EditTask,
  type Recurrence,
  type TaskDetail,
} from "@phuong-xanh/shared";
import { api } from "../../lib/endpoints";
import { ApiError } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { assignableUnits, useUnits } from "../../app/hooks";
import { ErrorAlert } from "../../components/query-state";
import { zodFieldErrors } from "../../lib/form-errors";
import { recurrenceLabel } from "../../lib/labels";
import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../lib/endpoints";

/**
 * Both forms send the version they were opened with. When someone else saved in between the
 * server answers 409 CONFLICT; we reload the task so the officer sees what changed.
 */
function useConflictReload(taskId: string) {
  const queryClient = useQueryClient();
  return (error: unknown) => {
    if (error instanceof ApiError && error.code === "CONFLICT")
      void queryClient.invalidateQueries({ queryKey: queryKeys.task(taskId) });
  };
}

type AssignValues = { ownerUnitId: string; coordinatingUnitIds: string[] };

export function AssignTaskModal({
  open,
  task,
  onClose,
  onSaved,
}: {
  open: boolean;
  task: TaskDetail;
  onClose: () => void;
  onSaved: (task: TaskDetail) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<AssignValues>();
  const units = useUnits();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const reloadOnConflict = useConflictReload(task.id);
  const options = assignableUnits(units.data).map((u) => ({
    value: u.id,
    label: `${u.shortName} — ${u.name}`,
  }));

  async function submit(values: AssignValues) {
    const parsed = assignTaskSchema.safeParse({
      version: task.version,
      ownerUnitId: values.ownerUnitId,
      coordinatingUnitIds: (values.coordinatingUnitIds ?? []).filter((id) => id !== values.ownerUnitId),
    });
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, ["ownerUnitId", "coordinatingUnitIds"] as const);
      form.setFields(errors.fields);
      if (errors.other.length > 0) setError(new Error(errors.other.join("; ")));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await api.assignTask(task.id, parsed.data));
      onClose();
    } catch (cause) {
      setError(cause);
      reloadOnConflict(cause);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("assign.title")}
      okText={t("assign.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) setError(undefined);
      }}
    >
      <ErrorAlert error={error} />
      <Form<AssignValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          ownerUnitId: task.owner.id,
          coordinatingUnitIds: task.coordinators.map((c) => c.id),
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t("task.owner")}
          name="ownerUnitId"
          rules={[{ required: true, message: t("assign.ownerRequired") }]}
        >
          <Select showSearch={{ optionFilterProp: "label" }} options={options} loading={units.isPending} />
        </Form.Item>
        <Form.Item label={t("task.coordinators")} name="coordinatingUnitIds">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={options}
            loading={units.isPending}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditValues = {
  title: string;
  output: string;
  deadline: Dayjs | null;
  recurrence: Recurrence;
  weight: number;
};

export function EditTaskModal({
  open,
  task,
  onClose,
  onSaved,
}: {
  open: boolean;
  task: TaskDetail;
  onClose: () => void;
  onSaved: (task: TaskDetail) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const reloadOnConflict = useConflictReload(task.id);

  async function submit(values: EditValues) {
    const deadline = values.deadline ? values.deadline.format("YYYY-MM-DD") : null;
    // Send only what changed, so two officers editing different fields do not undo each other.
    const changes: EditTask = { version: task.version };
    if (values.title.trim() !== task.title) changes.title = values.title;
    if (values.output.trim() !== task.output) changes.output = values.output;
    if (deadline !== task.deadline) changes.deadline = deadline;
    if (values.recurrence !== task.recurrence) changes.recurrence = values.recurrence;
    if (values.weight !== task.weight) changes.weight = values.weight;
    if (Object.keys(changes).length === 1) {
      onClose();
      return;
    }
    const parsed = editTaskSchema.safeParse(changes);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, ["title", "output", "deadline", "recurrence", "weight"] as const);
      form.setFields(errors.fields);
      if (errors.other.length > 0) setError(new Error(errors.other.join("; ")));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await api.editTask(task.id, parsed.data));
      onClose();
    } catch (cause) {
      setError(cause);
      reloadOnConflict(cause);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("edit.title")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          title: task.title,
          output: task.output,
          deadline: task.deadline ? dayjs(task.deadline) : null,
          recurrence: task.recurrence,
          weight: task.weight,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t("task.title")}
          name="title"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t("edit.titleRequired"),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          label={t("task.output")}
          name="output"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t("edit.outputRequired"),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t("task.deadline")} name="deadline">
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("task.recurrence")} name="recurrence" rules={[{ required: true }]}>
          <Select
            options={recurrenceSchema.options.map((r) => ({
              value: r,
              label: recurrenceLabel(t, r),
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t("task.weight")}
          name="weight"
          rules={[
            {
              required: true,
              type: "number",
              min: 0.01,
              max: 100,
              message: t("edit.weightRange"),
            },
          ]}
        >
          <InputNumber min={0.01} max={100} step={0.5} style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
