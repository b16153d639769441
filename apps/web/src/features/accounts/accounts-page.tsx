import { useMemo, useState } from "react";
import { App, Button, Card, Dropdown, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { MenuProps } from "antd";
import { EllipsisOutlined, KeyOutlined, LockOutlined, UnlockOutlined, UserAddOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { foldVietnamese, type Unit, type UserSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { useCurrentUser } from "../../app/current-user";
import { useUnits } from "../../app/hooks";
import { PageHeader } from "../../components/page-header";
import { Forbidden, QueryState } from "../../components/query-state";
import { CreateAccountModal, EditAccountModal, ResetPasswordModal } from "./account-modals";

type StatusFilter = "active" | "locked";

/** Which dialog is open, and for whom. */
type Dialog = { kind: "create" } | { kind: "edit"; account: UserSummary } | { kind: "password"; account: UserSummary };

export default function AccountsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  // Only admins manage accounts; the server refuses the others too.
  if (user.role !== "admin") {
    return (
      <>
        <PageHeader title={t("accounts.title")} />
        <Forbidden />
      </>
    );
  }
  return <AccountsAdmin />;
}

function AccountsAdmin() {
  const { t } = useI18n();
  const format = useFormat();
  const me = useCurrentUser();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const query = useQuery({ queryKey: queryKeys.users, queryFn: api.users });
  const units = useUnits();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<StatusFilter | undefined>();
  // The dialog stays mounted while it closes (`open` false), so it can animate out.
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [dialogOpen, setDialogOpen] = useState(false);
  const openDialog = (next: Dialog) => {
    setDialog(next);
    setDialogOpen(true);
  };
  const closeDialog = () => setDialogOpen(false);

  const unitById = useMemo(() => new Map((units.data ?? []).map((u: Unit) => [u.id, u])), [units.data]);

  const rows = useMemo(() => {
    const words = foldVietnamese(search).split(" ").filter(Boolean);
    return (query.data ?? []).filter((account) => {
      if (status === "active" && !account.active) return false;
      if (status === "locked" && account.active) return false;
      const unit = account.unitId ? unitById.get(account.unitId) : undefined;
      const text = foldVietnamese(
        [
          account.username,
          account.displayName,
          account.email ?? "",
          t(`role.${account.role}`),
          unit?.shortName ?? "",
          unit?.name ?? "",
        ].join(" "),
      );
      return words.every((w) => text.includes(w));
    });
  }, [query.data, search, status, unitById, t]);

  /** Puts the saved account into the list without waiting for a reload (then reloads anyway). */
  function remember(saved: UserSummary) {
    queryClient.setQueryData<UserSummary[]>(queryKeys.users, (list) => {
      if (!list) return list;
      const others = list.filter((u) => u.id !== saved.id);
      return [...others, saved].sort((a, b) => a.username.localeCompare(b.username));
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    // The admin's own name is in the header.
    if (saved.id === me.id) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  }

  function confirmActive(account: UserSummary, active: boolean) {
    const username = account.username;
    void modal.confirm({
      title: t(active ? "accounts.unlockConfirm" : "accounts.lockConfirm", { username }),
      content: t(active ? "accounts.unlockHint" : "accounts.lockHint"),
      icon: active ? <UnlockOutlined /> : <LockOutlined />,
      okText: t(active ? "accounts.unlock" : "accounts.lock"),
      okButtonProps: { danger: !active },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          remember(await api.updateUser(account.id, { active }));
          void message.success(t(active ? "accounts.unlockedDone" : "accounts.lockedDone", { username }));
        } catch (cause) {
          void message.error(errorMessage(cause, t("common.saveFailed")));
        }
      },
    });
  }

  function actions(account: UserSummary) {
    const username = account.username;
    const isSelf = account.id === me.id;
    const toggle = account.active
      ? { label: t("accounts.lock"), name: t("accounts.lockOf", { username }), icon: <LockOutlined /> }
      : { label: t("accounts.unlock"), name: t("accounts.unlockOf", { username }), icon: <UnlockOutlined /> };

    if (isPhone) {
      const items: MenuProps["items"] = [
        { key: "edit", label: t("accounts.edit"), onClick: () => openDialog({ kind: "edit", account }) },
        {
          key: "password",
          icon: <KeyOutlined />,
          label: t("accounts.resetPassword"),
          onClick: () => openDialog({ kind: "password", account }),
        },
        // Nobody locks themselves out (the server refuses it as well).
        ...(isSelf
          ? []
          : [
              {
                key: "active",
                icon: toggle.icon,
                danger: account.active,
                label: toggle.label,
                onClick: () => confirmActive(account, !account.active),
              },
            ]),
      ];
      return (
        <Dropdown menu={{ items }} trigger={["click"]} placement="bottomRight">
          <Button icon={<EllipsisOutlined />} aria-label={t("accounts.actionsOf", { username })} />
        </Dropdown>
      );
    }

    // Narrow column: "Sửa · Khóa" on one line, "Đặt lại mật khẩu" under it.
    return (
      <Space size={[0, 0]} wrap>
        <Button
          type="link"
          size="small"
          aria-label={t("accounts.editOf", { username })}
          onClick={() => openDialog({ kind: "edit", account })}
        >
          {t("accounts.edit")}
        </Button>
        {!isSelf && (
          <Button
            type="link"
            size="small"
            danger={account.active}
            aria-label={toggle.name}
            onClick={() => confirmActive(account, !account.active)}
          >
            {toggle.label}
          </Button>
        )}
        <Button
          type="link"
          size="small"
          aria-label={t("accounts.resetPasswordOf", { username })}
          onClick={() => openDialog({ kind: "password", account })}
        >
          {t("accounts.resetPassword")}
        </Button>
      </Space>
    );
  }

  return (
    <>
      <PageHeader
        title={t("accounts.title")}
        tags={query.data ? <Tag>{t("accounts.count", { count: format.number(query.data.length, 0) })}</Tag> : undefined}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => openDialog({ kind: "create" })}>
            {t("accounts.create")}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="staff-filters" role="search" style={{ marginBottom: 0 }}>
          <Input.Search
            allowClear
            className="staff-filter-search"
            aria-label={t("accounts.search")}
            placeholder={t("accounts.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select<StatusFilter>
            allowClear
            aria-label={t("accounts.filterStatus")}
            placeholder={t("accounts.filterStatus")}
            value={status}
            onChange={(value?: StatusFilter) => setStatus(value)}
            options={[
              { value: "active", label: t("accounts.active") },
              { value: "locked", label: t("accounts.locked") },
            ]}
          />
        </div>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<UserSummary>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              // The table scrolls inside its card on a phone; the actions column stays in view.
              scroll={{ x: 1000 }}
              rowClassName={(account) => (account.active ? "" : "staff-row-context")}
              locale={{ emptyText: t("accounts.empty") }}
              columns={[
                {
                  title: t("accounts.username"),
                  dataIndex: "username",
                  width: 140,
                  sorter: (a, b) => a.username.localeCompare(b.username),
                  render: (username: string, account) => (
                    <span className="staff-nowrap">
                      <Typography.Text strong={account.id === me.id}>{username}</Typography.Text>
                      {account.id === me.id && (
                        <Tag color="green" style={{ marginInlineStart: 6 }}>
                          {t("accounts.you")}
                        </Tag>
                      )}
                    </span>
                  ),
                },
                { title: t("accounts.displayName"), dataIndex: "displayName" },
                {
                  title: t("accounts.role"),
                  dataIndex: "role",
                  width: 150,
                  sorter: (a, b) => a.role.localeCompare(b.role),
                  render: (role: UserSummary["role"]) => t(`role.${role}`),
                },
                {
                  title: t("accounts.unit"),
                  dataIndex: "unitId",
                  width: 140,
                  render: (unitId: string | null) => {
                    const unit = unitId ? unitById.get(unitId) : undefined;
                    if (!unit) return <Typography.Text type="secondary">—</Typography.Text>;
                    return (
                      <Tooltip title={unit.name}>
                        <span className="staff-nowrap">{unit.shortName}</span>
                      </Tooltip>
                    );
                  },
                },
                {
                  title: t("accounts.email"),
                  dataIndex: "email",
                  render: (email: string | null) =>
                    email ? <EmailText email={email} /> : <Typography.Text type="secondary">—</Typography.Text>,
                },
                {
                  title: t("accounts.status"),
                  dataIndex: "active",
                  width: 120,
                  render: (active: boolean) =>
                    active ? (
                      <Tag color="green" className="staff-nowrap">
                        {t("accounts.active")}
                      </Tag>
                    ) : (
                      <Tag color="red" icon={<LockOutlined />} className="staff-nowrap">
                        {t("accounts.locked")}
                      </Tag>
                    ),
                },
                {
                  title: isPhone ? (
                    <span className="px-visually-hidden">{t("accounts.actions")}</span>
                  ) : (
                    t("accounts.actions")
                  ),
                  key: "actions",
                  fixed: "right",
                  width: isPhone ? 56 : 150,
                  render: (_: unknown, account) => actions(account),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>

      <CreateAccountModal
        open={dialogOpen && dialog?.kind === "create"}
        onClose={closeDialog}
        onSaved={(saved) => {
          remember(saved);
          void message.success(t("accounts.created", { username: saved.username }));
        }}
      />
      {dialog?.kind === "edit" && (
        <EditAccountModal
          open={dialogOpen}
          account={dialog.account}
          isSelf={dialog.account.id === me.id}
          onClose={closeDialog}
          onSaved={(saved) => {
            remember(saved);
            void message.success(t("accounts.saved", { username: saved.username }));
          }}
        />
      )}
      {dialog?.kind === "password" && (
        <ResetPasswordModal
          open={dialogOpen}
          account={dialog.account}
          onClose={closeDialog}
          onSaved={(saved) => {
            remember(saved);
            void message.success(t("accounts.passwordReset", { username: saved.username }));
          }}
        />
      )}
    </>
  );
}

/** A long address may break before its "@" (never in the middle of the domain). */
function EmailText({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return <span style={{ overflowWrap: "anywhere" }}>{email}</span>;
  return (
    <span style={{ overflowWrap: "anywhere" }}>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </span>
  );
}
