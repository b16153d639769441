import { useState } from "react";
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Tag, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SecondFactorProof, SecondFactorSetup } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { formatDate } from "../../i18n/format";
import { QueryState } from "../../components/query-state";
import { RecoveryCodesList } from "./recovery-codes";

/** "ABCD EFGH …": a long base32 key is easier to type in groups of four. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Xác thực hai bước on the profile: enrol (QR code, key, a confirming code), the recovery codes
 * shown once, new codes, turning it off. `onEnrolled` runs once the codes are acknowledged (the
 * enrol-only screen then opens the app).
 */
export function SecondFactorCard({ onEnrolled }: { onEnrolled?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.secondFactor, queryFn: api.secondFactor });
  const [setup, setSetup] = useState<SecondFactorSetup | undefined>();
  const [codes, setCodes] = useState<string[] | undefined>();
  const [proofFor, setProofFor] = useState<"disable" | "regenerate" | undefined>();
  const [form] = Form.useForm<{ code: string }>();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.secondFactor });
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  };

  const start = useMutation({ mutationFn: api.setupSecondFactor, onSuccess: (data) => setSetup(data) });

  async function confirm(values: { code: string }) {
    try {
      const recoveryCodes = await api.confirmSecondFactor(values.code.trim());
      setSetup(undefined);
      setCodes(recoveryCodes);
      form.resetFields();
      void message.success(t("twoFactor.enabled"));
      void queryClient.invalidateQueries({ queryKey: queryKeys.secondFactor });
    } catch (cause) {
      // The server's sentence says what to do ("nhập mã đang hiện trong ứng dụng").
      form.setFields([{ name: "code", errors: [errorMessage(cause, t("common.saveFailed"))] }]);
    }
  }

  function acknowledge() {
    setCodes(undefined);
    refresh();
    onEnrolled?.();
  }

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t("twoFactor.title")}
          {status.data && (
            <Tag color={status.data.enabled ? "green" : "default"}>
              {status.data.enabled ? t("twoFactor.on") : t("twoFactor.off")}
            </Tag>
          )}
        </Space>
      }
    >
      <QueryState query={status} rows={3}>
        {(state) => {
          if (codes) return <RecoveryCodesList codes={codes} onDone={acknowledge} />;
          if (state.enabled)
            return (
              <>
                <Typography.Paragraph>
                  {t("twoFactor.enabledSince", {
                    date: formatDate(state.enabledAt),
                    count: state.recoveryCodesLeft,
                  })}
                </Typography.Paragraph>
                {state.required && (
                  <Typography.Paragraph type="secondary">{t("twoFactor.requiredNote")}</Typography.Paragraph>
                )}
                <Space wrap>
                  <Button onClick={() => setProofFor("regenerate")}>{t("twoFactor.regenerate")}</Button>
                  {!state.required && (
                    <Button danger onClick={() => setProofFor("disable")}>
                      {t("twoFactor.disable")}
                    </Button>
                  )}
                </Space>
              </>
            );
          if (!setup)
            return (
              <>
                <Typography.Paragraph>{t("twoFactor.explain")}</Typography.Paragraph>
                {start.isError && (
                  <Alert type="error" showIcon title={errorMessage(start.error, t("common.saveFailed"))} />
                )}
                <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>
                  {t("twoFactor.enable")}
                </Button>
              </>
            );
          return (
            <div className="profile-enrol">
              <div>
                <Typography.Title level={2} className="profile-step">
                  {t("twoFactor.step1")}
                </Typography.Title>
                <img className="profile-qr" src={setup.qrCode} alt={t("twoFactor.qrAlt")} width={200} height={200} />
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {t("twoFactor.manual")}
                </Typography.Paragraph>
                <Typography.Text code copyable={{ text: setup.secret }} aria-label={t("twoFactor.secretLabel")}>
                  <span data-testid="totp-secret">{grouped(setup.secret)}</span>
                </Typography.Text>
              </div>
              <div>
                <Typography.Title level={2} className="profile-step">
                  {t("twoFactor.step2")}
                </Typography.Title>
                <Form form={form} layout="vertical" onFinish={(values) => void confirm(values)} requiredMark={false}>
                  <Form.Item
                    label={t("twoFactor.code")}
                    name="code"
                    rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t("twoFactor.codeFormat") }]}
                  >
                    <Input
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      style={{ maxWidth: 160, letterSpacing: "0.2em" }}
                    />
                  </Form.Item>
                  <Space wrap>
                    <Button type="primary" htmlType="submit">
                      {t("twoFactor.confirm")}
                    </Button>
                    <Button onClick={() => setSetup(undefined)}>{t("common.cancel")}</Button>
                  </Space>
                </Form>
              </div>
            </div>
          );
        }}
      </QueryState>
      {proofFor && (
        <ProofModal
          kind={proofFor}
          onClose={() => setProofFor(undefined)}
          onDone={(result) => {
            setProofFor(undefined);
            if (result) setCodes(result);
            else void message.success(t("twoFactor.disabled"));
            refresh();
          }}
        />
      )}
    </Card>
  );
}

/** A current code or the password, before turning the factor off or replacing the codes. */
function ProofModal({
  kind,
  onClose,
  onDone,
}: {
  kind: "disable" | "regenerate";
  onClose: () => void;
  /** The new recovery codes, or nothing when the factor was turned off. */
  onDone: (codes: string[] | undefined) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ with: "code" | "password"; value: string }>();
  const [saving, setSaving] = useState(false);
  const using = Form.useWatch("with", form) ?? "code";
  const title = kind === "disable" ? t("twoFactor.disable") : t("twoFactor.regenerate");

  async function submit(values: { with: "code" | "password"; value: string }) {
    const proof: SecondFactorProof =
      values.with === "code" ? { code: values.value.trim() } : { password: values.value };
    setSaving(true);
    try {
      if (kind === "disable") {
        await api.disableSecondFactor(proof);
        onDone(undefined);
      } else onDone(await api.regenerateRecoveryCodes(proof));
    } catch (cause) {
      form.setFields([{ name: "value", errors: [errorMessage(cause, t("common.saveFailed"))] }]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={title}
      okButtonProps={{ danger: kind === "disable", loading: saving }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {kind === "disable" ? t("twoFactor.disableHint") : t("twoFactor.regenerateHint")}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ with: "code" }}
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
        <Form.Item name="with">
          <Radio.Group
            optionType="button"
            options={[
              { value: "code", label: t("twoFactor.proofCode") },
              { value: "password", label: t("twoFactor.proofPassword") },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={using === "code" ? t("twoFactor.proofCode") : t("twoFactor.proofPassword")}
          name="value"
          rules={[{ required: true, message: t("twoFactor.proofRequired") }]}
        >
          {using === "code" ? (
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 160 }} />
          ) : (
            <Input.Password autoComplete="current-password" maxLength={200} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
