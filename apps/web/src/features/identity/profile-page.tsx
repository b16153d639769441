import { App, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from "antd";
import { DesktopOutlined, LockOutlined, LogoutOutlined, MobileOutlined, TabletOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { ApiError, errorMessage } from "../../lib/api";
import { apiFieldErrors } from "../../lib/form-errors";
import { useI18n, type Translate } from "../../i18n/i18n";
import { formatDateTime } from "../../i18n/format";
import { useCurrentUser } from "../../app/current-user";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useConfirmAction, useIsPhone } from "../../components/use-admin-list";
import { SecondFactorCard } from "./second-factor-card";
import "./profile.css";

/** Trang Hồ sơ: who I am, my password, my second factor, my sessions. */
export default function ProfilePage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title={t("profile.title")} />
      <Card title={t("profile.account")} className="profile-account">
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label={t("profile.username")}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t("profile.role")}>{t(`role.${user.role}`)}</Descriptions.Item>
          {user.unit && <Descriptions.Item label={t("profile.unit")}>{user.unit.name}</Descriptions.Item>}
          <Descriptions.Item label={t("profile.ward")}>{user.ward.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <div className="profile-grid">
        <SecondFactorCard />
        <PasswordCard />
      </div>
      <SessionsCard />
    </>
  );
}

type PasswordValues = { currentPassword: string; newPassword: string; repeat: string };

function PasswordCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordValues>();

  async function save(values: PasswordValues) {
    try {
      await api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      void message.success(t("profile.passwordChanged"));
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    } catch (cause) {
      // "Mật khẩu hiện tại không đúng" on the current password, "quá phổ biến" on the new one.
      const fields =
        cause instanceof ApiError
          ? apiFieldErrors(cause.details, ["currentPassword", "newPassword"] as const).fields
          : [];
      if (fields.length > 0) form.setFields(fields);
      else void message.error(errorMessage(cause, t("common.saveFailed")));
    }
  }

  return (
    <Card
      title={
        <Space>
          <LockOutlined />
          {t("profile.password")}
        </Space>
      }
    >
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void save(values)}
        aria-label={t("profile.password")}
      >
        <Form.Item
          label={t("profile.currentPassword")}
          name="currentPassword"
          rules={[{ required: true, message: t("profile.currentPasswordRequired") }]}
        >
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t("profile.newPassword")}
          name="newPassword"
          extra={t("profile.newPasswordHint")}
          rules={[
            { required: true, message: t("profile.newPasswordMin") },
            { min: 8, message: t("profile.newPasswordMin") },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t("profile.confirmPassword")}
          name="repeat"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("profile.confirmMismatch") },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("profile.confirmMismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t("profile.passwordHint")}</Typography.Paragraph>
        <Button type="primary" htmlType="submit">
          {t("profile.changePassword")}
        </Button>
      </Form>
    </Card>
  );
}

/** "Chrome 126 · Windows 10" */
export function deviceLabel(t: Translate, session: SessionInfo): string {
  const parts = [session.browser ?? t("sessions.unknownDevice"), session.os].filter(Boolean);
  return parts.join(" · ");
}

function DeviceIcon({ type }: { type: string | null }) {
  if (type === "mobile") return <MobileOutlined />;
  if (type === "tablet") return <TabletOutlined />;
  return <DesktopOutlined />;
}

function SessionsCard() {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.sessions, queryFn: api.sessions });
  const confirm = useConfirmAction();

  function revoke(session: SessionInfo) {
    const device = deviceLabel(t, session);
    confirm({
      title: t("sessions.revokeConfirm", { device }),
      content: t("sessions.revokeHint"),
      icon: <LogoutOutlined />,
      okText: t("sessions.revoke"),
      danger: true,
      run: async () => {
        await api.revokeSession(session.id);
        void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
        return t("sessions.revoked", { device });
      },
    });
  }

  return (
    <Card title={t("sessions.title")} className="profile-sessions">
      <Typography.Paragraph type="secondary">{t("sessions.explain")}</Typography.Paragraph>
      <QueryState query={query} rows={3}>
        {(sessions) => (
          <Table<SessionInfo>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={sessions}
            scroll={isPhone ? { x: 640 } : undefined}
            columns={[
              {
                title: t("sessions.device"),
                key: "device",
                render: (_value, session) => (
                  <Space size={6} wrap>
                    <DeviceIcon type={session.deviceType} />
                    <span>{deviceLabel(t, session)}</span>
                    {session.current && <Tag color="green">{t("sessions.current")}</Tag>}
                  </Space>
                ),
              },
              { title: t("sessions.address"), dataIndex: "address", render: (a: string | null) => a ?? "—" },
              {
                title: t("sessions.createdAt"),
                dataIndex: "createdAt",
                render: (iso: string) => formatDateTime(iso),
              },
              {
                title: t("sessions.lastUsedAt"),
                dataIndex: "lastUsedAt",
                render: (iso: string) => formatDateTime(iso),
              },
              {
                title: "",
                key: "actions",
                width: 120,
                render: (_value, session) =>
                  session.current ? null : (
                    <Button
                      type="link"
                      size="small"
                      danger
                      aria-label={t("sessions.revokeOf", { device: deviceLabel(t, session) })}
                      onClick={() => revoke(session)}
                    >
                      {t("sessions.revoke")}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
