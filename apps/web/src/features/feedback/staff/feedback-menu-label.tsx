import { Badge } from "antd";
import { useQuery } from "@tanstack/react-query";
import { api, queryKeys, type FeedbackListQuery } from "../../../lib/endpoints";
import { useI18n } from "../../../i18n/i18n";
import { useFormat } from "../../../i18n/format";
import { useFeedbackStaffT } from "./messages";

/** One line of the "new" queue is enough: the answer's counts hold the whole inbox's. */
const COUNTS_QUERY: FeedbackListQuery = { queue: "new", page: 1, pageSize: 1 };

/** The menu's "Phản ánh", with how many wait to be sorted or are past their deadline. */
export function FeedbackMenuLabel() {
  const { t } = useI18n();
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const counts = useQuery({
    queryKey: queryKeys.feedbackReports(COUNTS_QUERY),
    queryFn: () => api.feedbackReports(COUNTS_QUERY),
    select: (list) => list.counts,
    refetchInterval: 2 * 60_000,
    retry: false,
  });
  const waiting = counts.data ? counts.data.new + counts.data.overdue : 0;
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 8 }}>
      {t("nav.feedback")}
      {waiting > 0 && counts.data && (
        <Badge
          count={waiting}
          overflowCount={99}
          size="small"
          color={counts.data.overdue > 0 ? "#c62828" : "#8a5a00"}
          title={ft("feedback.menuBadge", {
            new: format.number(counts.data.new, 0),
            overdue: format.number(counts.data.overdue, 0),
          })}
          aria-label={ft("feedback.menuBadge", {
            new: format.number(counts.data.new, 0),
            overdue: format.number(counts.data.overdue, 0),
          })}
        />
      )}
    </span>
  );
}
