import {
  REPORT_STATUS_LABELS,
  REPORT_STATUS_LABELS_EN,
  isOpenStatus,
  type ReportStatus,
  type StaffReportDetail,
} from "@phuong-xanh/shared";

/** Pure rules of the staff pages: deadlines, templates, the timeline's order, map links. */

export type ResponseTemplate = {
  id: string;
  title: string;
  text: string;
  status: ReportStatus | null;
  active: boolean;
};

/** A status in the officer's language (the shared labels, the same words residents read). */
export function reportStatusLabel(status: ReportStatus, language: "vi" | "en"): string {
  return (language === "vi" ? REPORT_STATUS_LABELS : REPORT_STATUS_LABELS_EN)[status];
}

/** Tag colours: waiting (gold), being handled (blues), fixed (green), closed without a fix (grey, purple). */
export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  new: "gold",
  confirmed: "blue",
  investigating: "cyan",
  in_progress: "processing",
  action_scheduled: "geekblue",
  fixed: "green",
  not_responsible: "default",
  duplicate: "default",
  no_further_action: "default",
  internal_referral: "purple",
};

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((day(to.slice(0, 10)) - day(from.slice(0, 10))) / 86_400_000);
}

export type DeadlineState =
  | { kind: "closed" }
  | { kind: "late"; days: number }
  | { kind: "soon"; days: number }
  | { kind: "on_time"; days: number };

/**
 * Where a report stands against its deadline, `today` being the officer's date. The server's
 * `late` and `dueSoon` flags decide (they count working days); the days are calendar days, to say
 * "quá hạn 3 ngày" or "còn 2 ngày".
 */
export function deadlineState(
  report: { status: ReportStatus; dueOn: string; late: boolean; dueSoon: boolean },
  today: string,
): DeadlineState {
  if (!isOpenStatus(report.status)) return { kind: "closed" };
  const left = daysBetween(today, report.dueOn);
  if (report.late) return { kind: "late", days: Math.max(1, -left) };
  if (report.dueSoon) return { kind: "soon", days: Math.max(0, left) };
  return { kind: "on_time", days: Math.max(0, left) };
}

/**
 * The response templates offered with a target status: the active ones made for that status
 * first, then those for any status; by title within each.
 */
export function templatesFor(
  templates: readonly ResponseTemplate[],
  status: ReportStatus | undefined,
): ResponseTemplate[] {
  const byTitle = (a: ResponseTemplate, b: ResponseTemplate) => a.title.localeCompare(b.title, "vi");
  const active = templates.filter((template) => template.active);
  const exact = status ? active.filter((template) => template.status === status).sort(byTitle) : [];
  const general = active.filter((template) => template.status === null).sort(byTitle);
  return [...exact, ...general];
}

/** The timeline oldest first, as it happened (the server's order is not promised). */
export function timelineOrder<T extends { at: string }>(updates: readonly T[]): T[] {
  return [...updates].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The states an officer may move a report to: every other one but "new" and "duplicate" (a
 * duplicate names its original: "Đánh dấu trùng" does that).
 */
export function targetStatuses(current: ReportStatus, all: readonly ReportStatus[]): ReportStatus[] {
  return all.filter((status) => status !== current && status !== "new" && status !== "duplicate");
}

/** The pin on OpenStreetMap, zoomed to the street. */
export function openStreetMapLink(lat: number, lng: number): string {
  const fixed = (n: number) => n.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${fixed(lat)}&mlon=${fixed(lng)}#map=18/${fixed(lat)}/${fixed(lng)}`;
}

/** "20.861230, 106.683450": what to read out or paste into another map. */
export function coordinatesText(lat: number, lng: number): string {
  return `${lat.toFixed(6)}, ${lng.toFixed(6)}`;
}

/** The reporter left no way to reach them (or it was erased on request). */
export function contactIsEmpty(contact: NonNullable<StaffReportDetail["contact"]>): boolean {
  return !contact.name && !contact.phone && !contact.email;
}

/** The largest value of a column, for bars drawn relative to it (1 when all are zero). */
export function maxOf(values: readonly number[]): number {
  return Math.max(1, ...values);
}

/** A bar's length in percent of the largest, rounded; never a sliver for a non-zero value. */
export function barPercent(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, Math.round((value / max) * 100));
}

/** Where a map of many points opens: their middle (the map then fits them). */
export function centreOf(points: readonly { lat: number; lng: number }[]): { lat: number; lng: number } | undefined {
  if (points.length === 0) return undefined;
  const sum = points.reduce((acc, p) => ({ lat: acc.lat + p.lat, lng: acc.lng + p.lng }), { lat: 0, lng: 0 });
  return { lat: sum.lat / points.length, lng: sum.lng / points.length };
}

/** A dashboard's count rows, largest first (then by label, in Vietnamese order). */
export function byTotal<T extends { label: string; open: number; closed: number }>(rows: readonly T[]): T[] {
  const total = (row: T) => row.open + row.closed;
  return [...rows].sort((a, b) => total(b) - total(a) || a.label.localeCompare(b.label, "vi", { numeric: true }));
}
