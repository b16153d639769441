import { Input, Tag, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import type { ApplicationStatus, CertificateApplication, CertificateState } from "@phuong-xanh/shared";
import { useFormat } from "../../i18n/format";
import { failedCriteria } from "./certificate-rules";
import { useCertificatesT } from "./messages";

const STATUS_COLOURS: Record<ApplicationStatus, string> = {
  submitted: "processing",
  approved: "success",
  rejected: "error",
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const t = useCertificatesT();
  return <Tag color={STATUS_COLOURS[status]}>{t(`cert.status.${status}`)}</Tag>;
}

const STATE_COLOURS: Record<CertificateState, string> = { valid: "success", expired: "warning", revoked: "error" };

export function CertificateStateTag({ state }: { state: CertificateState }) {
  const t = useCertificatesT();
  return <Tag color={STATE_COLOURS[state]}>{t(`cert.state.${state}`)}</Tag>;
}

/** "0,92 kg CO2e/kg", or a dash when the season has no footprint. */
export function Footprint({ value }: { value: number | null }) {
  const t = useCertificatesT();
  const format = useFormat();
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span className="staff-nowrap">{t("cert.footprintValue", { value: format.number(value, 2) })}</span>;
}

/** One line for the list: every criterion met, or how many (and which) failed. */
export function CheckSummary({ application }: { application: Pick<CertificateApplication, "check"> }) {
  const t = useCertificatesT();
  if (!application.check) return <Typography.Text type="secondary">{t("cert.noCheck")}</Typography.Text>;
  const failed = failedCriteria(application);
  if (failed.length === 0)
    return (
      <span className="cert-passed">
        <CheckCircleFilled aria-hidden="true" /> {t("cert.allPassed")}
      </span>
    );
  return (
    <span className="cert-failed">
      <CloseCircleFilled aria-hidden="true" /> {t("cert.failedCount", { count: failed.length })}:{" "}
      {failed.map((result) => result.label).join("; ")}
    </span>
  );
}

/** The search box at the head of each list (the tabs filter in the page, without asking the server). */
export function CertSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useCertificatesT();
  return (
    <div role="search" className="cert-search">
      <Input.Search
        allowClear
        aria-label={t("cert.search")}
        placeholder={t("cert.searchPlaceholder")}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
