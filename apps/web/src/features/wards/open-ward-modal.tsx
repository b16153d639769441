import { Form, Input, Typography } from "antd";
import {
  createWardRequestSchema,
  foldVietnamese,
  type CreateWardRequest,
  type OpenWardResult,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { ApiError } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { PasswordField, USERNAME_PATTERN } from "../accounts/account-modals";

/** Mirrors the code pattern of `createWardRequestSchema`. */
const WARD_CODE_PATTERN = /^[a-z0-9-]{2,40}$/;

type Values = {
  name: string;
  code: string;
  province: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
};

/** "Phường Lê Chân" → "le-chan": the ward's code as people would write it. */
export function suggestWardCode(name: string): string {
  return foldVietnamese(name)
    .replace(/^(phuong|xa|thi tran)\s+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/**
 * The platform admin opens a ward: it starts from the seed plan with its first admin account, in
 * one step on the server (a taken user name or code undoes the whole ward).
 */
export function OpenWardModal({ open, onClose, onSaved }: RecordDialogProps<OpenWardResult>) {
  const { t } = useI18n();

  /** A taken code or user name is that field's problem: say it there. */
  async function save(body: CreateWardRequest): Promise<OpenWardResult> {
    try {
      return await api.openWard(body);
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === "CONFLICT" && cause.details.length === 0) {
        const detail = cause.message.includes("phường")
          ? { path: "code", message: t("wards.codeTaken") }
          : { path: "adminUsername", message: t("accounts.usernameTaken") };
        throw new ApiError(cause.code, cause.message, cause.status, [detail]);
      }
      throw cause;
    }
  }

  return (
    <EditModal<Values, CreateWardRequest, OpenWardResult>
      open={open}
      title={t("wards.open")}
      okText={t("wards.open")}
      initialValues={{ province: "Hải Phòng" }}
      schema={createWardRequestSchema}
      fields={["name", "code", "province", "adminUsername", "adminDisplayName", "password"]}
      rename={{
        "admin.username": "adminUsername",
        "admin.displayName": "adminDisplayName",
        "admin.password": "password",
      }}
      toBody={(values) => ({
        code: values.code?.trim(),
        name: values.name?.trim(),
        province: values.province?.trim(),
        admin: {
          username: values.adminUsername?.trim(),
          displayName: values.adminDisplayName?.trim(),
          password: values.password,
        },
      })}
      save={save}
      conflictKey={queryKeys.wards}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Typography.Paragraph type="secondary">{t("wards.openHint")}</Typography.Paragraph>
      <NameAndCode />
      <Form.Item
        label={t("wards.province")}
        name="province"
        rules={[{ required: true, whitespace: true, message: t("wards.provinceRequired") }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Typography.Title level={5}>{t("wards.firstAdmin")}</Typography.Title>
      <Form.Item
        label={t("accounts.username")}
        name="adminUsername"
        rules={[
          { required: true, whitespace: true, message: t("accounts.usernameRequired") },
          { pattern: USERNAME_PATTERN, message: t("accounts.usernameFormat") },
        ]}
      >
        <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={60} />
      </Form.Item>
      <Form.Item
        label={t("accounts.displayName")}
        name="adminDisplayName"
        rules={[{ required: true, whitespace: true, message: t("accounts.displayNameRequired") }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <PasswordField label={t("accounts.password")} />
    </EditModal>
  );
}

/** The ward's name, and its code suggested from the name until the code is typed by hand. */
function NameAndCode() {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  return (
    <>
      <Form.Item
        label={t("wards.name")}
        name="name"
        rules={[{ required: true, whitespace: true, message: t("wards.nameRequired") }]}
      >
        <Input
          maxLength={200}
          autoComplete="off"
          onChange={(e) => {
            if (!form.isFieldTouched("code")) form.setFieldValue("code", suggestWardCode(e.target.value));
          }}
        />
      </Form.Item>
      <Form.Item
        label={t("wards.code")}
        name="code"
        extra={t("wards.codeHint")}
        rules={[
          { required: true, message: t("wards.codeFormat") },
          { pattern: WARD_CODE_PATTERN, message: t("wards.codeFormat") },
        ]}
      >
        <Input maxLength={40} autoComplete="off" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
    </>
  );
}
