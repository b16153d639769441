import { periodLabel, type IndicatorSummary, type TaskSummary } from "@phuong-xanh/shared";
import type { Translate } from "../i18n/i18n";
import type { MessageKey } from "../i18n/vi";
import { vi } from "../i18n/vi";
import { formatDate } from "../i18n/format";

export type IndicatorStatus = IndicatorSummary["status"];
export type Timeliness = TaskSummary["timeliness"];

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}

/** A label for a code the message files may not know yet (a sector a ward added): the code itself. */
export function labelOr(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

export function sectorLabel(t: Translate, sector: string | null): string {
  if (!sector) return t("sector.none");
  return labelOr(t, `sector.${sector}`, sector);
}

/** Takes any string: the public plan sends the recurrence as plain text. */
export function recurrenceLabel(t: Translate, recurrence: string): string {
  return labelOr(t, `recurrence.${recurrence}`, recurrence);
}

/** "31/12/2026", or "Thường xuyên" / "Hằng quý" for a duty with no deadline. */
export function deadlineLabel(t: Translate, task: { deadline: string | null; recurrence: string }): string {
  if (task.deadline) return formatDate(task.deadline);
  if (task.recurrence === "none") return t("task.noDeadline");
  return recurrenceLabel(t, task.recurrence);
}

/** Orders late work first. */
export const timelinessRank: Record<Timeliness, number> = {
  overdue: 0,
  due_soon: 1,
  update_due: 2,
  on_time: 3,
  closed: 4,
};

/** Orders targets in trouble first. */
export const indicatorStatusRank: Record<IndicatorStatus, number> = {
  off_track: 0,
  at_risk: 1,
  no_data: 2,
  no_baseline: 3,
  on_track: 4,
  achieved: 5,
};

/** "≥ 20%" (increase), "≤ 5" (decrease), "= 100%" (maintain). */
export function targetSymbol(direction: string): string {
  if (direction === "increase") return "≥";
  if (direction === "decrease") return "≤";
  return "=";
}

/** A period code as words ("Quý 2/2026"); the code itself if it is not one the shared package can read. */
export function safePeriodLabel(period: string, language: "vi" | "en"): string {
  try {
    return periodLabel(period, language);
  } catch {
    return period;
  }
}
