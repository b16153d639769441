import { formatDateVi, periodLabel, type PublicLanguage, type Timeliness } from "@phuong-xanh/shared";

/**
 * Words the server itself writes into public answers (open-data labels, share previews), in
 * Vietnamese first and English second — the same words as the web app's message files
 * (apps/web/src/i18n), which the server cannot import.
 */
type Words = Record<PublicLanguage, string>;

const INDICATOR_STATUS: Record<string, Words> = {
  on_track: { vi: "Đúng tiến độ", en: "On track" },
  at_risk: { vi: "Có nguy cơ", en: "At risk" },
  off_track: { vi: "Chậm tiến độ", en: "Off track" },
  achieved: { vi: "Đã đạt", en: "Achieved" },
  no_data: { vi: "Chưa có số liệu", en: "No data yet" },
  no_baseline: { vi: "Chưa có số liệu gốc", en: "No baseline yet" },
};

const TIMELINESS: Record<Timeliness, Words> = {
  overdue: { vi: "Trễ hạn", en: "Overdue" },
  due_soon: { vi: "Sắp đến hạn", en: "Due soon" },
  update_due: { vi: "Đến kỳ cập nhật", en: "Update due" },
  on_time: { vi: "Đúng hạn", en: "On time" },
  closed: { vi: "Đã đóng", en: "Closed" },
};

const RECURRENCE: Record<string, Words> = {
  none: { vi: "Chưa có thời hạn", en: "No deadline" },
  continuous: { vi: "Thường xuyên", en: "Continuous" },
  monthly: { vi: "Hằng tháng", en: "Monthly" },
  quarterly: { vi: "Hằng quý", en: "Quarterly" },
  semiannual: { vi: "6 tháng một lần", en: "Every 6 months" },
  yearly: { vi: "Hằng năm", en: "Yearly" },
};

export const indicatorStatusLabel = (status: string, lang: PublicLanguage): string =>
  INDICATOR_STATUS[status]?.[lang] ?? status;

export const timelinessLabel = (timeliness: Timeliness, lang: PublicLanguage): string => TIMELINESS[timeliness][lang];

/** "Hạn 31/12/2026", or how often the task recurs when it has no deadline. */
export function deadlineText(task: { deadline: string | null; recurrence: string }, lang: PublicLanguage): string {
  if (task.deadline) return `${lang === "vi" ? "Hạn" : "Due"} ${formatDate(task.deadline)}`;
  return RECURRENCE[task.recurrence]?.[lang] ?? task.recurrence;
}

export function targetSymbol(direction: string): string {
  if (direction === "increase") return "≥";
  if (direction === "decrease") return "≤";
  return "=";
}

/** dd/mm/yyyy in both languages (en-GB writes dates the same way). */
export const formatDate = (isoDate: string): string => formatDateVi(isoDate.slice(0, 10));

export function formatNumber(value: number, lang: PublicLanguage, fractionDigits = 1): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: fractionDigits }).format(
    value,
  );
}

/** "62,5%", "12 ha", "3 vụ". */
export function formatQuantity(value: number, unit: string, lang: PublicLanguage): string {
  const number = formatNumber(value, lang);
  if (!unit) return number;
  return unit === "%" ? `${number}%` : `${number} ${unit}`;
}

export function safePeriodLabel(period: string, lang: PublicLanguage): string {
  try {
    return periodLabel(period, lang);
  } catch {
    return period;
  }
}

/** A date-time in Vietnam's time zone, "30/11/2026 14:05", for a file's "last updated" line. */
export function formatDateTimeVietnam(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${formatDate(local)} ${local.slice(11, 16)}`;
}
