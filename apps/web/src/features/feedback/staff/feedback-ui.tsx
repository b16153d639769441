import { Link } from "react-router";
import { Breadcrumb, Tag, Tooltip, Typography } from "antd";
import { EyeInvisibleOutlined, LockOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportStatus, StaffReportDetail } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../../lib/endpoints";
import { useUnits } from "../../../app/hooks";
import { UnitCell } from "../../../components/tags";
import { useI18n } from "../../../i18n/i18n";
import { todayIso, useFormat } from "../../../i18n/format";
import { REPORT_STATUS_COLORS, deadlineState, reportStatusLabel } from "./report-rules";
import { useFeedbackStaffT } from "./messages";
import "./feedback-staff.css";

/** The list's and the page's status tag: the residents' words, a colour per stage. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { language } = useI18n();
  return (
    <Tag color={REPORT_STATUS_COLORS[status]} className="staff-nowrap fb-status">
      {reportStatusLabel(status, language)}
    </Tag>
  );
}

/** dd/mm/yyyy, red with "quá hạn N ngày" when late, orange when due soon. */
export function DeadlineText({
  report,
  long = false,
}: {
  report: { status: ReportStatus; dueOn: string; late: boolean; dueSoon: boolean };
  /** Say how many days are left or past, not only the date. */
  long?: boolean;
}) {
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const state = deadlineState(report, todayIso());
  const date = format.date(report.dueOn);
  switch (state.kind) {
    case "late":
      return (
        <span className="fb-late staff-nowrap">
          {date}
          {long ? (
            ` · ${ft("feedback.lateBy", { days: state.days })}`
          ) : (
            <span className="px-visually-hidden"> ({ft("feedback.late")})</span>
          )}
        </span>
      );
    case "soon":
      return (
        <span className="fb-soon staff-nowrap">
          {date}
          {long ? (
            ` · ${ft("feedback.daysLeft", { days: state.days })}`
          ) : (
            <span className="px-visually-hidden"> ({ft("feedback.dueSoon")})</span>
          )}
        </span>
      );
    case "on_time":
      return (
        <span className="staff-nowrap">
          {date}
          {long && (
            <Typography.Text type="secondary"> · {ft("feedback.daysLeft", { days: state.days })}</Typography.Text>
          )}
        </span>
      );
    case "closed":
      return <span className="staff-nowrap">{date}</span>;
  }
}

/** "Nội bộ": what residents never see. */
export function InternalTag() {
  const ft = useFeedbackStaffT();
  return (
    <Tag color="orange" icon={<LockOutlined />} className="staff-nowrap fb-internal-tag">
      {ft("feedback.internal")}
    </Tag>
  );
}

/** A sensitive report's pin is blurred on the public map. */
export function SensitiveIcon() {
  const ft = useFeedbackStaffT();
  return (
    <Tooltip title={ft("feedback.sensitiveHint")}>
      <EyeInvisibleOutlined aria-label={ft("feedback.sensitive")} className="fb-sensitive-icon" />
    </Tooltip>
  );
}

/** Categories change rarely: the inbox's filter and the settings share one list. */
export function useFeedbackCategories() {
  return useQuery({ queryKey: queryKeys.feedbackCategories, queryFn: api.feedbackCategories, staleTime: 5 * 60_000 });
}

export function useFeedbackTemplates(enabled = true) {
  return useQuery({
    queryKey: queryKeys.feedbackTemplates,
    queryFn: api.feedbackTemplates,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** After an action the page gets the saved report; the inbox, its counts and the dashboard are stale. */
export function useReportSaved() {
  const queryClient = useQueryClient();
  return (report: StaffReportDetail) => {
    queryClient.setQueryData(queryKeys.feedbackReport(report.id), report);
    void queryClient.invalidateQueries({ queryKey: queryKeys.allFeedbackReports });
    void queryClient.invalidateQueries({ queryKey: queryKeys.allFeedbackStats });
  };
}

/** Back to the inbox from the dashboard and the settings. */
export function FeedbackCrumbs({ last }: { last: string }) {
  const { t } = useI18n();
  return (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to="/xu-ly-phan-anh">{t("nav.feedback")}</Link> }, { title: last }]}
    />
  );
}

/**
 * A unit or residential group named in a report by id and full name: its short name ("TDP 12",
 * "Phòng KT-HT-ĐT") with the full name on hover, where the ward's list knows it.
 */
export function ShortUnit({ unit }: { unit: { id: string; name: string } }) {
  const units = useUnits();
  const known = units.data?.find((u) => u.id === unit.id);
  return known ? <UnitCell unit={known} /> : <span>{unit.name}</span>;
}
