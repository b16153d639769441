import { Alert, App, Button, Space } from "antd";
import { CopyOutlined, DownloadOutlined } from "@ant-design/icons";
import { useI18n } from "../../i18n/i18n";

/** The ten recovery codes, shown once: download, copy, then "I have saved them". */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const text = `${t("app.name")} — ${t("twoFactor.codesTitle")}\n\n${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "phuong-xanh-ma-khoi-phuc.txt";
    link.click();
    URL.revokeObjectURL(url);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      void message.success(t("twoFactor.copied"));
    } catch {
      // No clipboard (insecure context): the codes are on screen and in the download.
    }
  }

  return (
    <section aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" className="profile-step">
        {t("twoFactor.codesTitle")}
      </h2>
      <Alert type="warning" showIcon title={t("twoFactor.codesExplain")} style={{ marginBottom: 12 }} />
      <ol className="profile-codes" aria-label={t("twoFactor.codesTitle")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t("twoFactor.download")}
        </Button>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t("twoFactor.copy")}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t("twoFactor.saved")}
        </Button>
      </Space>
    </section>
  );
}
