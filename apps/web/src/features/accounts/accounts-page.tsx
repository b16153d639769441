import { useMemo, useState } from "react";
import { Select, Tag, Tooltip, Typography } from "antd";
import {
  KeyOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  UnlockOutlined,
  UserAddOutlined,
} from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Unit, UserSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useCurrentUser } from "../../app/current-user";
import { useUnits } from "../../app/hooks";
import { AdminListPage, ForbiddenPage, actionsColumn } from "../../components/admin-list-page";
import { RowActions } from "../../components/row-actions";
import {
  rememberInList,
  useActiveToggle,
  useConfirmAction,
  useDialog,
  useIsPhone,
  useListFilter,
  useOnSaved,
} from "../../components/use-admin-list";
import { CreateAccountModal, EditAccountModal, ResetPasswordModal } from "./account-modals";

type StatusFilter = "active" | "locked";

/** Which dialog is open, and for whom. */
type Dialog = { kind: "create" } | { kind: "edit"; account: UserSummary } | { kind: "password"; account: UserSummary };

export default function AccountsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  // Only admins manage accounts; the server refuses the others too.
  if (user.role !== "admin") return <ForbiddenPage title={t("accounts.title")} />;
  return <AccountsAdmin />;
}

function AccountsAdmin() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const query = useQuery({ queryKey: queryKeys.users, queryFn: api.users });
  const units = useUnits();
  const [status, setStatus] = useState<StatusFilter | undefined>();
  const { dialog, open: dialogOpen, show: openDialog, close: closeDialog } = useDialog<Dialog>();

  const unitById = useMemo(() => new Map((units.data ?? []).map((u: Unit) => [u.id, u])), [units.data]);

  const { search, setSearch, rows } = useListFilter(query.data ?? [], {
    keep: (account) => {
      if (status === "active" && !account.active) return false;
      if (status === "locked" && account.active) return false;
      return true;
    },
    text: (account) => {
      const unit = account.unitId ? unitById.get(account.unitId) : undefined;
      return [
        account.username,
        account.displayName,
        account.email ?? "",
        t(`role.${account.role}`),
        unit?.shortName ?? "",
        unit?.name ?? "",
      ];
    },
  });

  /** Puts the saved account into the list without waiting for a reload (then reloads anyway). */
  function remember(saved: UserSummary) {
    rememberInList(queryClient, queryKeys.users, saved, (a, b) => a.username.localeCompare(b.username));
    // The admin's own name is in the header.
    if (saved.id === me.id) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  }

  const onSaved = useOnSaved(remember);
  const confirm = useConfirmAction();

  const toggleAction = useActiveToggle<UserSummary>({
    words: ({ username }, active) =>
      active
        ? {
            label: t("accounts.unlock"),
            name: t("accounts.unlockOf", { username }),
            confirm: t("accounts.unlockConfirm", { username }),
            hint: t("accounts.unlockHint"),
            done: t("accounts.unlockedDone", { username }),
            icon: <UnlockOutlined />,
          }
        : {
            label: t("accounts.lock"),
            name: t("accounts.lockOf", { username }),
            confirm: t("accounts.lockConfirm", { username }),
            hint: t("accounts.lockHint"),
            done: t("accounts.lockedDone", { username }),
            icon: <LockOutlined />,
          },
    update: (account, active) => api.updateUser(account.id, { active }),
    remember,
  });

  function actions(account: UserSummary) {
    const username = account.username;
    const isSelf = account.id === me.id;
    // Narrow column: "Sửa · Khóa" on one line, "Đặt lại mật khẩu" under it; the phone's menu
    // puts the password before the lock.
    return (
      <RowActions
        isPhone={isPhone}
        menuName={t("accounts.actionsOf", { username })}
        menuOrder={["edit", "password", "second-factor", "active"]}
        actions={[
          {
            key: "edit",
            label: t("accounts.edit"),
            name: t("accounts.editOf", { username }),
            onClick: () => openDialog({ kind: "edit", account }),
          },
          // Nobody locks themselves out (the server refuses it as well).
          ...(isSelf ? [] : [toggleAction(account)]),
          {
            key: "password",
            label: t("accounts.resetPassword"),
            name: t("accounts.resetPasswordOf", { username }),
            icon: <KeyOutlined />,
            onClick: () => openDialog({ kind: "password", account }),
          },
          // Someone else's lost phone; one's own factor is turned off on the profile page.
          ...(account.secondFactorEnabled && !isSelf
            ? [
                {
                  key: "second-factor",
                  label: t("accounts.resetSecondFactorShort"),
                  name: t("accounts.resetSecondFactorOf", { username }),
                  icon: <SafetyCertificateOutlined />,
                  danger: true,
                  onClick: () =>
                    confirm({
                      title: t("accounts.resetSecondFactorConfirm", { username }),
                      content: t("accounts.resetSecondFactorHint"),
                      icon: <SafetyCertificateOutlined />,
                      okText: t("accounts.resetSecondFactor"),
                      danger: true,
                      run: async () => {
                        remember(await api.resetSecondFactor(account.id));
                        return t("accounts.resetSecondFactorDone", { username });
                      },
                    }),
                },
              ]
            : []),
        ]}
      />
    );
  }

  return (
    <AdminListPage<UserSummary>
      title={t("accounts.title")}
      countText={(count) => t("accounts.count", { count })}
      create={{ label: t("accounts.create"), icon: <UserAddOutlined />, onClick: () => openDialog({ kind: "create" }) }}
      search={{
        label: t("accounts.search"),
        placeholder: t("accounts.searchPlaceholder"),
        value: search,
        onChange: setSearch,
      }}
      filters={
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
      }
      query={query}
      rows={rows}
      // The table scrolls inside its card on a phone; the actions column stays in view.
      scroll={{ x: 1000 }}
      emptyText={t("accounts.empty")}
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
          width: 150,
          render: (active: boolean, account) => (
            <>
              {active ? (
                <Tag color="green" className="staff-nowrap">
                  {t("accounts.active")}
                </Tag>
              ) : (
                <Tag color="red" icon={<LockOutlined />} className="staff-nowrap">
                  {t("accounts.locked")}
                </Tag>
              )}
              {account.secondFactorEnabled && (
                <Tag color="blue" icon={<SafetyCertificateOutlined />} className="staff-nowrap">
                  {t("accounts.secondFactor")}
                </Tag>
              )}
            </>
          ),
        },
        actionsColumn<UserSummary>({
          title: t("accounts.actions"),
          isPhone,
          fixedOnPhone: true,
          render: actions,
        }),
      ]}
    >
      <CreateAccountModal
        open={dialogOpen && dialog?.kind === "create"}
        onClose={closeDialog}
        onSaved={onSaved((saved) => t("accounts.created", { username: saved.username }))}
      />
      {dialog?.kind === "edit" && (
        <EditAccountModal
          open={dialogOpen}
          account={dialog.account}
          isSelf={dialog.account.id === me.id}
          onClose={closeDialog}
          onSaved={onSaved((saved) => t("accounts.saved", { username: saved.username }))}
        />
      )}
      {dialog?.kind === "password" && (
        <ResetPasswordModal
          open={dialogOpen}
          account={dialog.account}
          onClose={closeDialog}
          onSaved={onSaved((saved) => t("accounts.passwordReset", { username: saved.username }))}
        />
      )}
    </AdminListPage>
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
