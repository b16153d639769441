import { DatePicker, Form, Input, InputNumber, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  assignTaskSchema,
  editTaskSchema,
  recurrenceSchema,
  type AssignTask,
  type EditTask,
  type Recurrence,
  type TaskDetail,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { assignableUnits, useUnits } from "../../app/hooks";
import { EditModal, changesOrNull } from "../../components/edit-modal";
import { recurrenceLabel } from "../../lib/labels";

type ModalProps = {
  open: boolean;
  task: TaskDetail;
  onClose: () => void;
  onSaved: (task: TaskDetail) => void;
};

type AssignValues = { ownerUnitId: string; coordinatingUnitIds: string[] };

export function AssignTaskModal({ open, task, onClose, onSaved }: ModalProps) {
  const { t } = useI18n();
  const units = useUnits();
  // Only active units take new work; the task's current ones stay so they still show by name.
  const current = [task.owner.id, ...task.coordinators.map((c) => c.id)];
  const options = assignableUnits(units.data, current).map((u) => ({
    value: u.id,
    label: `${u.shortName} — ${u.name}${u.active ? "" : ` (${t("units.inactiveMark")})`}`,
  }));

  return (
    <EditModal<AssignValues, AssignTask, TaskDetail>
      open={open}
      title={t("assign.title")}
      okText={t("assign.submit")}
      initialValues={{
        ownerUnitId: task.owner.id,
        coordinatingUnitIds: task.coordinators.map((c) => c.id),
      }}
      schema={assignTaskSchema}
      fields={["ownerUnitId", "coordinatingUnitIds"]}
      toBody={(values) => ({
        version: task.version,
        ownerUnitId: values.ownerUnitId,
        coordinatingUnitIds: (values.coordinatingUnitIds ?? []).filter((id) => id !== values.ownerUnitId),
      })}
      save={(body) => api.assignTask(task.id, body)}
      conflictKey={queryKeys.task(task.id)}
      onClose={onClose}
      onSaved={onSaved}
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
    </EditModal>
  );
}

type EditValues = {
  title: string;
  output: string;
  deadline: Dayjs | null;
  recurrence: Recurrence;
  weight: number;
};

export function EditTaskModal({ open, task, onClose, onSaved }: ModalProps) {
  const { t } = useI18n();

  /** Only what changed, so two officers editing different fields do not undo each other; null when nothing did. */
  function changes(values: EditValues): EditTask | null {
    const deadline = values.deadline ? values.deadline.format("YYYY-MM-DD") : null;
    const changes: EditTask = { version: task.version };
    if (values.title.trim() !== task.title) changes.title = values.title;
    if (values.output.trim() !== task.output) changes.output = values.output;
    if (deadline !== task.deadline) changes.deadline = deadline;
    if (values.recurrence !== task.recurrence) changes.recurrence = values.recurrence;
    if (values.weight !== task.weight) changes.weight = values.weight;
    return changesOrNull(changes);
  }

  return (
    <EditModal<EditValues, EditTask, TaskDetail>
      open={open}
      title={t("edit.title")}
      okText={t("common.save")}
      initialValues={{
        title: task.title,
        output: task.output,
        deadline: task.deadline ? dayjs(task.deadline) : null,
        recurrence: task.recurrence,
        weight: task.weight,
      }}
      schema={editTaskSchema}
      fields={["title", "output", "deadline", "recurrence", "weight"]}
      toBody={changes}
      save={(body) => api.editTask(task.id, body)}
      conflictKey={queryKeys.task(task.id)}
      onClose={onClose}
      onSaved={onSaved}
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
    </EditModal>
  );
}
