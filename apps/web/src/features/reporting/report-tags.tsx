import { Progress, Space, Tag } from "antd";
import type { ReportPeriodSummary, UnitReportStatus } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { acceptedPercent } from "./report-text";

const statusColor: Record<UnitReportStatus, string> = {
  draft: "default",
  submitted: "blue",
  returned: "orange",
  accepted: "green",
};

/** Dự thảo / Đã gửi / Trả lại / Đã tiếp nhận. */
export function UnitReportStatusTag({ status }: { status: UnitReportStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColor[status]} className="staff-nowrap">
      {t(`unitReportStatus.${status}`)}
    </Tag>
  );
}

/** "Chậm hạn": past the unit deadline and not sent (or sent back and not resent). */
export function LateTag({ late }: { late: boolean }) {
  const { t } = useI18n();
  if (!late) return null;
  return (
    <Tag color="red" className="staff-nowrap">
      {t("report.late")}
    </Tag>
  );
}

/** The period's state beside its title: running, locked, sent with its number. */
export function PeriodStateTags({ period }: { period: ReportPeriodSummary }) {
  const { t } = useI18n();
  return (
    <Space wrap size={4}>
      {period.inProgress && <Tag color="gold">{t("reports.inProgress")}</Tag>}
      {period.locked && <Tag color="purple">{t("reports.locked")}</Tag>}
      {period.sent && <Tag color="green">{t("reports.sentNumber", { number: period.sent.numberAndSymbol })}</Tag>}
    </Space>
  );
}

/** How many of the units' reports the Office accepted, and how many are late (in red). */
export function AcceptedProgress({ period }: { period: ReportPeriodSummary }) {
  const { t } = useI18n();
  const format = useFormat();
  const { accepted, total, percent } = acceptedPercent(period.counts);
  const text = t("reports.accepted", { accepted: format.number(accepted, 0), total: format.number(total, 0) });
  return (
    <div className="report-progress">
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        strokeColor="#2e7d32"
        style={{ width: 140, margin: 0 }}
        aria-label={t("reports.acceptedOf", { title: period.title })}
      />
      <span>{text}</span>
      {period.counts.late > 0 && (
        <Tag color="red" className="staff-nowrap">
          {t("reports.lateCount", { count: format.number(period.counts.late, 0) })}
        </Tag>
      )}
    </div>
  );
}
