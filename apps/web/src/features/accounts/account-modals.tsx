import { Form, Input, Select, Typography, type SelectProps } from "antd";
import {
  createUserRequestSchema,
  WARD_ROLES,
  updateUserRequestSchema,
  type CreateUserRequest,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { ApiError } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { assignableUnits, useUnits } from "../../app/hooks";
import { EditModal, nonEmptyOrNull, type RecordDialogProps } from "../../components/edit-modal";

/** Mirrors `usernameSchema` of the shared package, to say it in the UI's words before sending. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,60}$/i;
const MIN_PASSWORD = 8;

type CreateValues = {
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  unitId?: string | null;
  password: string;
};

type EditValues = {
  displayName: string;
  email?: string;
  role: Role;
  unitId?: string | null;
};

type PasswordValues = { password: string };

/** An empty email field means "no email". */
function emailOrNull(email: string | undefined): string | null {
  const trimmed = email?.trim();
  return trimmed ? trimmed : null;
}

/** Takes `id`, `value` and `onChange` from its Form.Item. */
function RoleSelect(props: SelectProps<Role>) {
  const { t } = useI18n();
  return (
    <Select<Role>
      {...props}
      // Not virtual: every option is in the page, with role="option" and its name.
      virtual={false}
      options={WARD_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
    />
  );
}

/**
 * The unit field; required once the role is "Cán bộ đơn vị" (the server says so too). Only active
 * units are offered; the account's current unit (`keep`) stays even when it has since closed.
 */
function UnitField({ keep }: { keep?: string | null }) {
  const { t } = useI18n();
  const units = useUnits();
  const options = assignableUnits(units.data, [keep]).map((u) => ({
    value: u.id,
    label: `${u.shortName} — ${u.name}${u.active ? "" : ` (${t("units.inactiveMark")})`}`,
  }));
  return (
    <Form.Item noStyle dependencies={["role"]}>
      {({ getFieldValue }) => {
        const required = getFieldValue("role") === "unit_officer";
        return (
          <Form.Item
            label={t("accounts.unit")}
            name="unitId"
            dependencies={["role"]}
            required={required}
            rules={[{ required, message: t("accounts.unitRequired") }]}
          >
            <Select<string>
              allowClear
              virtual={false}
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("accounts.noUnit")}
              options={options}
              loading={units.isPending}
            />
          </Form.Item>
        );
      }}
    </Form.Item>
  );
}

export function DisplayNameField() {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t("accounts.displayName")}
      name="displayName"
      rules={[{ required: true, whitespace: true, message: t("accounts.displayNameRequired") }]}
    >
      <Input maxLength={200} autoComplete="off" />
    </Form.Item>
  );
}

function EmailField() {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t("accounts.email")}
      name="email"
      extra={t("accounts.emailHint")}
      rules={[{ type: "email", whitespace: true, message: t("accounts.emailInvalid") }]}
    >
      <Input type="email" inputMode="email" autoComplete="off" maxLength={200} />
    </Form.Item>
  );
}

export function PasswordField({ label }: { label: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={label}
      name="password"
      extra={t("accounts.passwordHint")}
      rules={[
        { required: true, message: t("accounts.passwordMin") },
        { min: MIN_PASSWORD, message: t("accounts.passwordMin") },
      ]}
    >
      <Input.Password autoComplete="new-password" maxLength={200} />
    </Form.Item>
  );
}

export function CreateAccountModal({ open, onClose, onSaved }: RecordDialogProps<UserSummary>) {
  const { t } = useI18n();

  /** A taken user name is the user name field's problem: say it there. */
  async function save(body: CreateUserRequest): Promise<UserSummary> {
    try {
      return await api.createUser(body);
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === "CONFLICT" && cause.details.length === 0)
        throw new ApiError(cause.code, cause.message, cause.status, [
          { path: "username", message: t("accounts.usernameTaken") },
        ]);
      throw cause;
    }
  }

  return (
    <EditModal<CreateValues, CreateUserRequest, UserSummary>
      open={open}
      title={t("accounts.create")}
      okText={t("accounts.create")}
      initialValues={{ role: "unit_officer" }}
      schema={createUserRequestSchema}
      fields={["username", "displayName", "email", "role", "unitId", "password"]}
      toBody={(values) => {
        const email = emailOrNull(values.email);
        return {
          username: values.username?.trim(),
          displayName: values.displayName?.trim(),
          ...(email ? { email } : {}),
          password: values.password,
          role: values.role,
          unitId: values.unitId ?? null,
        };
      }}
      save={save}
      conflictKey={queryKeys.users}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        label={t("accounts.username")}
        name="username"
        extra={t("accounts.usernameHint")}
        rules={[
          { required: true, whitespace: true, message: t("accounts.usernameRequired") },
          { pattern: USERNAME_PATTERN, message: t("accounts.usernameFormat") },
        ]}
      >
        <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={60} />
      </Form.Item>
      <DisplayNameField />
      <EmailField />
      <Form.Item
        label={t("accounts.role")}
        name="role"
        rules={[{ required: true, message: t("accounts.roleRequired") }]}
      >
        <RoleSelect />
      </Form.Item>
      <UnitField />
      <PasswordField label={t("accounts.password")} />
    </EditModal>
  );
}

export function EditAccountModal({
  open,
  account,
  isSelf,
  onClose,
  onSaved,
}: RecordDialogProps<UserSummary> & {
  account: UserSummary;
  /** The admin's own account: the role stays (the server refuses dropping one's own admin role). */
  isSelf: boolean;
}) {
  const { t } = useI18n();

  /** Only what changed; null when nothing did (the modal just closes). */
  function changes(values: EditValues): UpdateUserRequest | null {
    const body: UpdateUserRequest = {};
    if (values.displayName.trim() !== account.displayName) body.displayName = values.displayName.trim();
    const email = emailOrNull(values.email);
    if (email !== account.email) body.email = email;
    if (values.role !== account.role) body.role = values.role;
    const unitId = values.unitId ?? null;
    if (unitId !== account.unitId) body.unitId = unitId;
    return nonEmptyOrNull(body);
  }

  return (
    <EditModal<EditValues, UpdateUserRequest, UserSummary>
      open={open}
      title={t("accounts.editOf", { username: account.username })}
      okText={t("common.save")}
      initialValues={{
        displayName: account.displayName,
        email: account.email ?? "",
        role: account.role,
        unitId: account.unitId,
      }}
      schema={updateUserRequestSchema}
      fields={["displayName", "email", "role", "unitId"]}
      toBody={changes}
      save={(body) => api.updateUser(account.id, body)}
      conflictKey={queryKeys.users}
      onClose={onClose}
      onSaved={onSaved}
    >
      <DisplayNameField />
      <EmailField />
      <Form.Item
        label={t("accounts.role")}
        name="role"
        extra={isSelf ? t("accounts.ownRoleHint") : undefined}
        rules={[{ required: true, message: t("accounts.roleRequired") }]}
      >
        <RoleSelect disabled={isSelf} />
      </Form.Item>
      <UnitField keep={account.unitId} />
    </EditModal>
  );
}

export function ResetPasswordModal({
  open,
  account,
  onClose,
  onSaved,
}: RecordDialogProps<UserSummary> & {
  account: UserSummary;
}) {
  const { t } = useI18n();
  return (
    <EditModal<PasswordValues, UpdateUserRequest, UserSummary>
      open={open}
      title={t("accounts.resetPasswordOf", { username: account.username })}
      okText={t("accounts.resetPassword")}
      initialValues={{}}
      schema={updateUserRequestSchema}
      fields={["password"]}
      toBody={(values) => ({ password: values.password })}
      save={(body) => api.updateUser(account.id, body)}
      conflictKey={queryKeys.users}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Typography.Paragraph type="secondary">{t("accounts.resetPasswordHint")}</Typography.Paragraph>
      <PasswordField label={t("accounts.newPassword")} />
    </EditModal>
  );
}
