import { useMemo } from "react";
import { Checkbox, Form, Input, Select, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { CheckCircleOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { REPORT_STATUSES, saveResponseTemplateSchema, type ReportStatus } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../../lib/endpoints";
import { useI18n } from "../../../i18n/i18n";
import { AdminListPage, actionsColumn } from "../../../components/admin-list-page";
import { EditModal, type RecordDialogProps } from "../../../components/edit-modal";
import { RowActions } from "../../../components/row-actions";
import {
  rememberInList,
  useActiveToggle,
  useDialog,
  useIsPhone,
  useListFilter,
  useOnSaved,
} from "../../../components/use-admin-list";
import { useFeedbackTemplates } from "./feedback-ui";
import { shortText } from "./inbox-filters";
import { reportStatusLabel, type ResponseTemplate } from "./report-rules";
import { useFeedbackStaffT } from "./messages";

type Dialog = { kind: "create" } | { kind: "edit"; template: ResponseTemplate };
type TemplateValues = { title?: string; text?: string; status?: ReportStatus | null; active?: boolean };
const ANY = "any";

const byTitle = (a: ResponseTemplate, b: ResponseTemplate) => a.title.localeCompare(b.title, "vi");

const bodyOf = (values: TemplateValues) => ({
  title: values.title ?? "",
  text: values.text ?? "",
  status: values.status ?? null,
  active: values.active ?? true,
});

/** Mẫu trả lời: answers staff pick in the response boxes, each offered with one status or with any. */
export function TemplateSettings() {
  const { language } = useI18n();
  const ft = useFeedbackStaffT();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const query = useFeedbackTemplates();
  const templates = useMemo(() => query.data ?? [], [query.data]);
  const { dialog, open, show, close } = useDialog<Dialog>();
  const { search, setSearch, rows } = useListFilter(templates, {
    text: (template) => [template.title, template.text],
    sort: byTitle,
  });

  function remember(saved: ResponseTemplate) {
    rememberInList(queryClient, queryKeys.feedbackTemplates, saved, byTitle);
  }
  const onSaved = useOnSaved(remember);
  const toggle = useActiveToggle<ResponseTemplate>({
    words: ({ title: name }, active) =>
      active
        ? {
            label: ft("feedback.settings.enable"),
            name: ft("feedback.settings.enableOf", { name }),
            confirm: ft("feedback.settings.enableTemplateConfirm", { name }),
            hint: ft("feedback.settings.enableTemplateHint"),
            done: ft("feedback.settings.enabled", { name }),
            icon: <CheckCircleOutlined />,
          }
        : {
            label: ft("feedback.settings.disable"),
            name: ft("feedback.settings.disableOf", { name }),
            confirm: ft("feedback.settings.disableTemplateConfirm", { name }),
            hint: ft("feedback.settings.disableTemplateHint"),
            done: ft("feedback.settings.disabled", { name }),
            icon: <StopOutlined />,
          },
    update: (template, active) => api.editFeedbackTemplate(template.id, { ...bodyOf(template), active }),
    remember,
  });

  const columns: TableColumnsType<ResponseTemplate> = [
    {
      title: ft("feedback.settings.templateTitle"),
      dataIndex: "title",
      width: 220,
      render: (title: string) => <strong>{title}</strong>,
    },
    {
      title: ft("feedback.settings.templateStatus"),
      dataIndex: "status",
      width: 200,
      render: (status: ReportStatus | null) =>
        status ? (
          reportStatusLabel(status, language)
        ) : (
          <Typography.Text type="secondary">{ft("feedback.settings.anyStatus")}</Typography.Text>
        ),
    },
    { title: ft("feedback.settings.templateText"), dataIndex: "text", render: (text: string) => shortText(text, 160) },
    {
      title: ft("feedback.settings.status"),
      dataIndex: "active",
      width: 130,
      render: (active: boolean) =>
        active ? (
          <Tag color="green" className="fb-status">
            {ft("feedback.settings.active")}
          </Tag>
        ) : (
          <Tag icon={<StopOutlined />}>{ft("feedback.settings.inactive")}</Tag>
        ),
    },
    actionsColumn<ResponseTemplate>({
      title: ft("feedback.settings.actions"),
      isPhone,
      fixedOnPhone: true,
      render: (template) => (
        <RowActions
          isPhone={isPhone}
          menuName={ft("feedback.settings.actionsOf", { name: template.title })}
          actions={[
            {
              key: "edit",
              label: ft("feedback.settings.edit"),
              name: ft("feedback.settings.editOf", { name: template.title }),
              onClick: () => show({ kind: "edit", template }),
            },
            toggle(template),
          ]}
        />
      ),
    }),
  ];

  return (
    <AdminListPage<ResponseTemplate>
      title={ft("feedback.settings.templates")}
      countText={(count) => ft("feedback.settings.templateCount", { count })}
      create={{
        label: ft("feedback.settings.createTemplate"),
        icon: <PlusOutlined />,
        onClick: () => show({ kind: "create" }),
      }}
      search={{
        label: ft("feedback.settings.searchTemplates"),
        placeholder: ft("feedback.settings.searchTemplatesPlaceholder"),
        value: search,
        onChange: setSearch,
      }}
      filters={null}
      query={query}
      rows={rows}
      columns={columns}
      scroll={{ x: 900 }}
      emptyText={ft("feedback.settings.noTemplates")}
    >
      {dialog && (
        <TemplateModal
          key={dialog.kind === "edit" ? dialog.template.id : "create"}
          open={open}
          template={dialog.kind === "edit" ? dialog.template : undefined}
          onClose={close}
          onSaved={onSaved((saved) =>
            ft(dialog.kind === "edit" ? "feedback.settings.templateSaved" : "feedback.settings.templateCreated", {
              name: saved.title,
            }),
          )}
        />
      )}
    </AdminListPage>
  );
}

function TemplateModal({
  open,
  template,
  onClose,
  onSaved,
}: RecordDialogProps<ResponseTemplate> & { template: ResponseTemplate | undefined }) {
  const { t, language } = useI18n();
  const ft = useFeedbackStaffT();
  return (
    <EditModal<TemplateValues, ReturnType<typeof saveResponseTemplateSchema.parse>, ResponseTemplate>
      open={open}
      title={
        template
          ? ft("feedback.settings.editTemplate", { name: template.title })
          : ft("feedback.settings.createTemplate")
      }
      okText={t("common.save")}
      initialValues={template ? { ...template } : { status: null, active: true }}
      schema={saveResponseTemplateSchema}
      fields={["title", "text", "status", "active"]}
      toBody={bodyOf}
      save={(body) => (template ? api.editFeedbackTemplate(template.id, body) : api.createFeedbackTemplate(body))}
      conflictKey={queryKeys.feedbackTemplates}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        label={ft("feedback.settings.templateTitle")}
        name="title"
        rules={[{ required: true, whitespace: true, message: ft("feedback.settings.templateTitleRequired") }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item
        label={ft("feedback.settings.templateStatus")}
        name="status"
        extra={ft("feedback.settings.templateStatusHint")}
        getValueProps={(value: ReportStatus | null | undefined) => ({ value: value ?? ANY })}
        normalize={(value: string) => (value === ANY ? null : value)}
      >
        <Select
          virtual={false}
          options={[
            { value: ANY, label: ft("feedback.settings.anyStatus") },
            ...REPORT_STATUSES.map((status) => ({ value: status, label: reportStatusLabel(status, language) })),
          ]}
        />
      </Form.Item>
      <Form.Item
        label={ft("feedback.settings.templateText")}
        name="text"
        rules={[{ required: true, whitespace: true, message: ft("feedback.settings.templateTextRequired") }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="active" valuePropName="checked">
        <Checkbox>{ft("feedback.settings.templateActive")}</Checkbox>
      </Form.Item>
    </EditModal>
  );
}
