import { Progress, Tag, Tooltip } from "antd";
import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined } from "@ant-design/icons";
import type { Direction } from "@phuong-xanh/shared";
import { useI18n } from "../i18n/i18n";
import type { IndicatorStatus, Timeliness } from "../lib/labels";
import { useStatusLabel } from "../app/hooks";

const indicatorStatusColor: Record<IndicatorStatus, string> = {
  on_track: "green",
  at_risk: "gold",
  off_track: "red",
  achieved: "blue",
  no_data: "default",
  no_baseline: "purple",
};

export function IndicatorStatusTag({ status }: { status: IndicatorStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={indicatorStatusColor[status]} className="staff-nowrap">
      {t(`indicatorStatus.${status}`)}
    </Tag>
  );
}

const timelinessColor: Record<Timeliness, string> = {
  overdue: "red",
  due_soon: "orange",
  update_due: "blue",
  on_time: "green",
  closed: "default",
};

export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  const { t } = useI18n();
  return (
    <Tag color={timelinessColor[timeliness]} className="staff-nowrap">
      {t(`timeliness.${timeliness}`)}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: string }) {
  const label = useStatusLabel();
  return <Tag className="staff-nowrap">{label(status)}</Tag>;
}

/** Green when the value moves the way the target wants, red when it moves away. */
export function TrendArrow({ trend, direction }: { trend: "up" | "down" | "flat" | null; direction: Direction }) {
  const { t } = useI18n();
  if (!trend) return null;
  const good =
    (trend === "up" && direction === "increase") ||
    (trend === "down" && direction === "decrease") ||
    (trend === "flat" && direction === "maintain");
  const className = trend === "flat" ? "staff-trend-flat" : good ? "staff-trend-good" : "staff-trend-bad";
  const icon = trend === "up" ? <ArrowUpOutlined /> : trend === "down" ? <ArrowDownOutlined /> : <ArrowRightOutlined />;
  const label = t(`trend.${trend}`);
  return (
    <Tooltip title={label}>
      <span className={className} role="img" aria-label={label}>
        {icon}
      </span>
    </Tooltip>
  );
}

export function ProgressCell({
  value,
  label,
  status,
}: {
  value: number;
  label?: string;
  status?: "exception" | "success" | "normal" | "active";
}) {
  return (
    <div style={{ minWidth: 100 }} aria-label={label}>
      <Progress
        percent={Math.round(value)}
        size="small"
        strokeColor={value >= 100 ? undefined : "#2e7d32"}
        {...(status ? { status } : {})}
      />
    </div>
  );
}

/** A unit by its short name, the full name on hover (table cells where space is short). */
export function UnitCell({ unit }: { unit: { name: string; shortName: string } }) {
  return (
    <Tooltip title={unit.name}>
      <span>{unit.shortName}</span>
    </Tooltip>
  );
}
