import { useState } from "react";
import { App, Alert, Button, Card, Form, Input, Space, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { DeleteOutlined, DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { personQuerySchema } from "@phuong-xanh/shared";
import { api, type FeedbackPersonQuery } from "../../../lib/endpoints";
import { errorMessage } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { todayIso, useFormat } from "../../../i18n/format";
import { PageHeader } from "../../../components/page-header";
import { ErrorAlert } from "../../../components/query-state";
import { useFormSave } from "../../../components/use-form-save";
import { ReportStatusTag } from "./feedback-ui";
import { personExport, personQuery, type PersonData, type PersonValues } from "./personal-data";
import { useFeedbackStaffT } from "./messages";

type PersonReport = PersonData["reports"][number];
type Values = PersonValues;

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Dữ liệu cá nhân: a resident asks what the ward keeps about them, or that it be erased. Found by
 * the email or phone they left; exported as JSON; erased (the reports stay, without the contact).
 */
export function PersonalDataSettings() {
  const { t } = useI18n();
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { error, saving, parse, run } = useFormSave({ form, schema: personQuerySchema, fields: ["email", "phone"] });
  const [found, setFound] = useState<{ query: FeedbackPersonQuery; data: PersonData } | undefined>();

  async function find(values: Values) {
    const query = parse(personQuery(values));
    if (query === undefined) return;
    await run(async () => {
      setFound({ query, data: await api.feedbackPerson(query) });
    });
  }

  function erase() {
    if (!found) return;
    const who = found.query.email ?? found.query.phone ?? "";
    void modal.confirm({
      title: ft("feedback.person.eraseConfirm", { who }),
      content: ft("feedback.person.eraseHint", { count: found.data.reports.length }),
      icon: <DeleteOutlined />,
      okText: ft("feedback.person.erase"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const erased = await api.eraseFeedbackPerson(found.query);
          void message.success(ft("feedback.person.erased", { count: erased.reports }));
          setFound({ query: found.query, data: await api.feedbackPerson(found.query) });
        } catch (cause) {
          void message.error(errorMessage(cause, t("common.saveFailed")));
        }
      },
    });
  }

  const columns: TableColumnsType<PersonReport> = [
    {
      title: ft("feedback.code"),
      dataIndex: "code",
      width: 110,
      render: (code: string) => <span className="fb-code">{code}</span>,
    },
    {
      title: ft("feedback.createdAt"),
      dataIndex: "createdAt",
      width: 140,
      render: (at: string) => format.dateTime(at),
    },
    { title: ft("feedback.category"), dataIndex: "category", width: 160 },
    {
      title: ft("feedback.status"),
      dataIndex: "status",
      width: 150,
      render: (s: PersonReport["status"]) => <ReportStatusTag status={s} />,
    },
    {
      title: ft("feedback.contact"),
      key: "contact",
      render: (_: unknown, r) =>
        r.contact.erasedAt ? (
          <Typography.Text type="secondary">
            {ft("feedback.contactErased", { date: format.date(r.contact.erasedAt) })}
          </Typography.Text>
        ) : (
          [r.contact.name, r.contact.phone, r.contact.email].filter(Boolean).join(" · ")
        ),
    },
    {
      title: ft("feedback.person.additions"),
      key: "additions",
      width: 110,
      align: "right",
      render: (_: unknown, r) => format.number(r.additions.length, 0),
    },
  ];

  const stillHeld = found?.data.reports.some((r) => !r.contact.erasedAt) ?? false;

  return (
    <>
      <PageHeader title={ft("feedback.settings.personalData")} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{ft("feedback.person.hint")}</Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={(values) => void find(values)}
          aria-label={ft("feedback.person.find")}
        >
          <Form.Item label={ft("feedback.contactEmail")} name="email">
            <Input type="email" autoComplete="off" maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item label={ft("feedback.contactPhone")} name="phone">
            <Input type="tel" autoComplete="off" maxLength={20} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={saving}>
              {ft("feedback.person.find")}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {found && (
        <Card
          size="small"
          title={ft("feedback.person.found", { count: found.data.reports.length })}
          extra={
            found.data.reports.length > 0 && (
              <Space wrap>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    download(
                      personExport(found.query, found.data, new Date().toISOString()),
                      `du-lieu-ca-nhan-phan-anh-${todayIso()}.json`,
                    )
                  }
                >
                  {ft("feedback.person.export")}
                </Button>
                <Button danger icon={<DeleteOutlined />} disabled={!stillHeld} onClick={erase}>
                  {ft("feedback.person.erase")}
                </Button>
              </Space>
            )
          }
        >
          {found.data.reports.length === 0 ? (
            <Alert type="info" showIcon title={ft("feedback.person.none")} />
          ) : (
            <Table<PersonReport>
              size="small"
              rowKey="code"
              dataSource={found.data.reports}
              columns={columns}
              pagination={false}
              scroll={{ x: 900 }}
            />
          )}
        </Card>
      )}
    </>
  );
}
