import type { ReactNode } from "react";
import { Form, Modal, type FormProps } from "antd";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import { ApiError } from "../lib/api";
import { useI18n } from "../i18n/i18n";
import { ErrorAlert } from "./query-state";
import { useFormSave } from "./use-form-save";

/**
 * A modal form that edits one record. The body carries the `version` the form was opened with;
 * when someone else saved in between the server answers 409 CONFLICT and we reload the record
 * (`conflictKey`) so the officer sees what changed.
 */
export function EditModal<Values, Body, Saved>({
  open,
  title,
  okText,
  initialValues,
  schema,
  fields,
  rename,
  toBody,
  save,
  conflictKey,
  onClose,
  onSaved,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  initialValues: FormProps<Values>["initialValues"];
  schema: z.ZodType<Body>;
  fields: readonly (keyof Values & string)[];
  /** Body paths that land on a differently named field (`admin.username` → `adminUsername`). */
  rename?: Partial<Record<string, keyof Values & string>>;
  /** The body to check and send, or `null` when nothing changed (the modal just closes). */
  toBody: (values: Values) => unknown;
  save: (body: Body) => Promise<Saved>;
  conflictKey: QueryKey;
  onClose: () => void;
  onSaved: (saved: Saved) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { error, setError, saving, parse, run } = useFormSave({ form, schema, fields, ...(rename ? { rename } : {}) });

  async function submit(values: Values) {
    const raw = toBody(values);
    if (raw === null) {
      onClose();
      return;
    }
    const body = parse(raw);
    if (body === undefined) return;
    await run(
      async () => {
        onSaved(await save(body));
        onClose();
      },
      (cause) => {
        if (cause instanceof ApiError && cause.code === "CONFLICT")
          void queryClient.invalidateQueries({ queryKey: conflictKey });
      },
    );
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      // A reopened modal starts clean: the last failed attempt's error belongs to that attempt.
      afterOpenChange={(visible: boolean) => {
        if (visible) setError(undefined);
      }}
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** For a partial edit: the changes, or `null` (nothing to send) when they hold only the `version`. */
export function changesOrNull<T extends { version: number }>(changes: T): T | null {
  return Object.keys(changes).length === 1 ? null : changes;
}

/** For a partial edit without a `version`: the changes, or `null` (nothing to send) when there are none. */
export function nonEmptyOrNull<T extends object>(changes: T): T | null {
  return Object.keys(changes).length === 0 ? null : changes;
}

/** What a list page hands each of its record dialogs. */
export type RecordDialogProps<Saved> = {
  open: boolean;
  onClose: () => void;
  onSaved: (saved: Saved) => void;
};
