import { Form, Input, InputNumber, Radio, Select, Typography } from "antd";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  REPORT_STATUSES,
  reportActionSchema,
  type ReportAction,
  type ReportStatus,
  type StaffReportDetail,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../../lib/endpoints";
import { ApiError } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { useCurrentUser } from "../../../app/current-user";
import { assignableUnits, residentialGroups, useUnits } from "../../../app/hooks";
import { EditModal, type RecordDialogProps } from "../../../components/edit-modal";
import { useFeedbackCategories, useFeedbackTemplates } from "./feedback-ui";
import { reportStatusLabel, targetStatuses, templatesFor } from "./report-rules";
import { useFeedbackStaffT } from "./messages";

/** The acts that take a form; marking sensitive and hiding a photo are one click (with a question). */
export type FormAction =
  "accept" | "reject" | "duplicate" | "recategorise" | "move" | "assign" | "status" | "respond" | "note";

type ActionValues = {
  response?: string;
  status?: ReportStatus;
  of?: string;
  categoryId?: string;
  lat?: number | null;
  lng?: number | null;
  residentialGroupId?: string | null;
  address?: string;
  unitId?: string;
  userId?: string | null;
  text?: string;
};

const FIELDS = [
  "response",
  "status",
  "of",
  "categoryId",
  "lat",
  "lng",
  "residentialGroupId",
  "address",
  "unitId",
  "userId",
  "text",
] as const satisfies readonly (keyof ActionValues)[];

/**
 * Sends one act with the version the officer saw. When someone else changed the report in
 * between (409) the page reloads it and says so in plain words.
 */
export function useSendAction(report: StaffReportDetail) {
  const ft = useFeedbackStaffT();
  const queryClient = useQueryClient();
  return async (body: ReportAction): Promise<StaffReportDetail> => {
    try {
      return await api.feedbackAction(report.id, body);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.feedbackReport(report.id) });
        throw new ApiError("CONFLICT", ft("feedback.conflict"), 409);
      }
      throw cause;
    }
  };
}

const trimmedOrNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** What each act sends, from the form's values (unchecked: `reportActionSchema` checks it). */
export function actionBody(kind: FormAction, values: ActionValues, version: number): unknown {
  const response = values.response?.trim() ? values.response : undefined;
  switch (kind) {
    case "accept":
      return {
        action: "accept",
        version,
        ...(response ? { response } : {}),
        ...(values.residentialGroupId ? { residentialGroupId: values.residentialGroupId } : {}),
      };
    case "reject":
      return { action: "reject", version, status: values.status, response: values.response ?? "" };
    case "duplicate":
      return { action: "duplicate", version, of: values.of ?? "" };
    case "recategorise":
      return { action: "recategorise", version, categoryId: values.categoryId };
    case "move":
      return {
        action: "move",
        version,
        lat: values.lat ?? null,
        lng: values.lng ?? null,
        residentialGroupId: values.residentialGroupId ?? null,
        address: trimmedOrNull(values.address),
      };
    case "assign":
      return { action: "assign", version, unitId: values.unitId, userId: values.userId ?? null };
    case "status":
      return { action: "status", version, status: values.status, ...(response ? { response } : {}) };
    case "respond":
      return { action: "respond", version, response: values.response ?? "" };
    case "note":
      return { action: "note", version, text: values.text ?? "" };
  }
}

/** The response box, with the templates for the status the report goes to one pick away. */
function ResponseField({
  required,
  status,
  label,
  hint,
}: {
  required: boolean;
  /** The status the templates are for (the report's own when it stays). */
  status: ReportStatus | undefined;
  label: string;
  hint?: string;
}) {
  const ft = useFeedbackStaffT();
  const form = Form.useFormInstance<ActionValues>();
  const templates = useFeedbackTemplates();
  const offered = templatesFor(templates.data ?? [], status);
  return (
    <>
      {offered.length > 0 && (
        <Form.Item label={ft("feedback.action.template")} className="fb-template-pick">
          <Select<string>
            allowClear
            virtual={false}
            aria-label={ft("feedback.action.template")}
            placeholder={ft("feedback.action.templatePlaceholder")}
            options={offered.map((template) => ({ value: template.id, label: template.title }))}
            onChange={(id?: string) => {
              const chosen = offered.find((template) => template.id === id);
              if (chosen) form.setFieldValue("response", chosen.text);
            }}
          />
        </Form.Item>
      )}
      <Form.Item
        label={label}
        name="response"
        extra={hint ?? ft("feedback.action.responsePublicHint")}
        rules={required ? [{ required: true, whitespace: true, message: ft("feedback.action.responseRequired") }] : []}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} />
      </Form.Item>
    </>
  );
}

/** The response box whose templates follow the status picked above it. */
function WatchedResponseField(props: { required: boolean; label: string }) {
  const form = Form.useFormInstance<ActionValues>();
  const status = Form.useWatch<ReportStatus | undefined>("status", form);
  return <ResponseField {...props} status={status} />;
}

/** The officer: the current user when they belong to the unit, every account of it for the admin. */
function OfficerField({ report }: { report: StaffReportDetail }) {
  const ft = useFeedbackStaffT();
  const me = useCurrentUser();
  const form = Form.useFormInstance<ActionValues>();
  const unitId = Form.useWatch<string | undefined>("unitId", form);
  // Only the admin may list accounts (GET /api/users); the others can pick themselves.
  const users = useQuery({ queryKey: queryKeys.users, queryFn: api.users, enabled: me.role === "admin" });
  const options = new Map<string, string>();
  if (unitId) {
    for (const user of users.data ?? [])
      if (user.active && user.unitId === unitId) options.set(user.id, user.displayName);
    if (me.unit?.id === unitId) options.set(me.id, me.displayName);
    if (report.assignee && report.unit.id === unitId) options.set(report.assignee.id, report.assignee.name);
  }
  return (
    <Form.Item
      label={ft("feedback.action.officer")}
      name="userId"
      extra={options.size === 0 ? ft("feedback.action.officerNone") : ft("feedback.action.officerHint")}
    >
      <Select<string>
        allowClear
        virtual={false}
        disabled={options.size === 0}
        placeholder={ft("feedback.action.officerPlaceholder")}
        options={[...options].map(([value, label]) => ({ value, label }))}
      />
    </Form.Item>
  );
}

/** The unit, then one of its officers; another unit forgets the officer picked for the last one. */
function AssignFields({ report }: { report: StaffReportDetail }) {
  const ft = useFeedbackStaffT();
  const form = Form.useFormInstance<ActionValues>();
  const units = useUnits();
  return (
    <>
      <Form.Item
        label={ft("feedback.unit")}
        name="unitId"
        rules={[{ required: true, message: ft("feedback.action.unitRequired") }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: "label" }}
          virtual={false}
          onChange={() => form.setFieldValue("userId", null)}
          options={assignableUnits(units.data, [report.unit.id]).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <OfficerField report={report} />
    </>
  );
}

/** The dialog's title: the menu's words, shorter where the menu explains more. */
function titleOf(kind: FormAction): `feedback.action.${FormAction}` | "feedback.action.rejectTitle" {
  return kind === "reject" ? "feedback.action.rejectTitle" : `feedback.action.${kind}`;
}

/** One act's dialog: its own fields, the shared checks, the version, the 409. */
export function ReportActionModal({
  report,
  kind,
  open,
  onClose,
  onSaved,
}: RecordDialogProps<StaffReportDetail> & { report: StaffReportDetail; kind: FormAction }) {
  const { language } = useI18n();
  const ft = useFeedbackStaffT();
  const send = useSendAction(report);
  const units = useUnits();
  const categories = useFeedbackCategories();

  const initialValues: ActionValues = {
    ...(kind === "reject" ? { status: "not_responsible" } : {}),
    ...(kind === "move"
      ? {
          lat: report.lat,
          lng: report.lng,
          residentialGroupId: report.residentialGroup?.id ?? null,
          address: report.address ?? "",
        }
      : {}),
    ...(kind === "assign" ? { unitId: report.unit.id, userId: report.assignee?.id ?? null } : {}),
  };

  const countsPerGroup = Boolean(categories.data?.find((c) => c.id === report.category.id)?.indicator);
  const statusOptions = targetStatuses(report.status, REPORT_STATUSES).map((status) => ({
    value: status,
    label: reportStatusLabel(status, language),
  }));

  return (
    <EditModal<ActionValues, ReportAction, StaffReportDetail>
      open={open}
      title={`${ft(titleOf(kind))} — ${report.code}`}
      okText={ft(`feedback.action.${kind}Submit`)}
      initialValues={initialValues}
      schema={reportActionSchema}
      fields={FIELDS}
      toBody={(values) => actionBody(kind, values, report.version)}
      save={send}
      conflictKey={queryKeys.feedbackReport(report.id)}
      onClose={onClose}
      onSaved={onSaved}
    >
      {kind === "accept" && (
        <>
          <Typography.Paragraph type="secondary">
            {ft("feedback.action.acceptHint", { unit: report.unit.name })}
          </Typography.Paragraph>
          {!report.residentialGroup && (
            // A report placed by a pin alone names no group; one that counts toward a per-group
            // indicator (straw burning) needs it to be accepted.
            <Form.Item
              label={ft("feedback.residentialGroup")}
              name="residentialGroupId"
              extra={countsPerGroup ? ft("feedback.action.acceptGroupNeeded") : undefined}
              rules={countsPerGroup ? [{ required: true, message: ft("feedback.action.acceptGroupNeeded") }] : []}
            >
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                virtual={false}
                options={residentialGroups(units.data).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          )}
          <ResponseField required={false} status="confirmed" label={ft("feedback.action.responseOptional")} />
        </>
      )}
      {kind === "reject" && (
        <>
          <Form.Item label={ft("feedback.action.rejectAs")} name="status">
            <Radio.Group
              options={[
                { value: "not_responsible", label: ft("feedback.action.rejectNotResponsible") },
                { value: "internal_referral", label: ft("feedback.action.rejectReferral") },
              ]}
            />
          </Form.Item>
          <WatchedResponseField required label={ft("feedback.action.response")} />
        </>
      )}
      {kind === "duplicate" && (
        <Form.Item
          label={ft("feedback.action.duplicateOf")}
          name="of"
          extra={ft("feedback.action.duplicateHint")}
          rules={[{ required: true, whitespace: true, message: ft("feedback.action.duplicateRequired") }]}
        >
          <Input maxLength={20} autoComplete="off" spellCheck={false} placeholder="PA-7K3M9Q" />
        </Form.Item>
      )}
      {kind === "recategorise" && (
        <Form.Item
          label={ft("feedback.action.newCategory")}
          name="categoryId"
          extra={ft("feedback.action.recategoriseHint")}
          rules={[{ required: true, message: ft("feedback.action.categoryRequired") }]}
        >
          <Select<string>
            showSearch={{ optionFilterProp: "label" }}
            virtual={false}
            options={(categories.data ?? [])
              .filter((c) => c.active && c.id !== report.category.id)
              .map((c) => ({ value: c.id, label: `${c.name} (${c.group})` }))}
          />
        </Form.Item>
      )}
      {kind === "move" && (
        <>
          <Typography.Paragraph type="secondary">{ft("feedback.action.moveHint")}</Typography.Paragraph>
          <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
            <Form.Item label={ft("feedback.lat")} name="lat" style={{ flex: "1 1 160px" }}>
              <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={ft("feedback.lng")} name="lng" style={{ flex: "1 1 160px" }}>
              <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: "100%" }} />
            </Form.Item>
          </div>
          <Form.Item label={ft("feedback.residentialGroup")} name="residentialGroupId">
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              virtual={false}
              options={residentialGroups(units.data).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item label={ft("feedback.address")} name="address">
            <Input maxLength={300} />
          </Form.Item>
        </>
      )}
      {kind === "assign" && <AssignFields report={report} />}
      {kind === "status" && (
        <>
          <Form.Item
            label={ft("feedback.action.newStatus")}
            name="status"
            rules={[{ required: true, message: ft("feedback.action.statusRequired") }]}
          >
            <Select<ReportStatus> virtual={false} options={statusOptions} />
          </Form.Item>
          <WatchedResponseField required={false} label={ft("feedback.action.responseOptional")} />
        </>
      )}
      {kind === "respond" && <ResponseField required status={report.status} label={ft("feedback.action.response")} />}
      {kind === "note" && (
        <Form.Item
          label={ft("feedback.action.noteText")}
          name="text"
          extra={ft("feedback.action.noteHint")}
          rules={[{ required: true, whitespace: true, message: ft("feedback.action.noteRequired") }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
        </Form.Item>
      )}
    </EditModal>
  );
}
