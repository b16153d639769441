/**
 * Phản ánh, kiến nghị: the states a citizen report moves through, as FixMyStreet names them, and
 * the pure rules around them (open or closed, what Open311 calls each, deadlines). No I/O here:
 * the server, the public page and the staff inbox share these.
 */

/** Open states: the report is being handled. `new` is "chờ tiếp nhận" (Open311 FOR_TRIAGE). */
export const OPEN_REPORT_STATUSES = ["new", "confirmed", "investigating", "in_progress", "action_scheduled"] as const;
/** Closed states: fixed, or closed without a fix and why. */
export const CLOSED_REPORT_STATUSES = [
  "fixed",
  "not_responsible",
  "duplicate",
  "no_further_action",
  "internal_referral",
] as const;
export const REPORT_STATUSES = [...OPEN_REPORT_STATUSES, ...CLOSED_REPORT_STATUSES] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export function isOpenStatus(status: ReportStatus): boolean {
  return (OPEN_REPORT_STATUSES as readonly string[]).includes(status);
}

/** What residents read: short, plain Vietnamese. */
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  new: "Chờ tiếp nhận",
  confirmed: "Đã tiếp nhận",
  investigating: "Đang xác minh",
  in_progress: "Đang xử lý",
  action_scheduled: "Đã lên lịch xử lý",
  fixed: "Đã xử lý xong",
  not_responsible: "Không thuộc thẩm quyền của phường",
  duplicate: "Trùng phản ánh khác",
  no_further_action: "Không xử lý thêm",
  internal_referral: "Đã chuyển cơ quan có thẩm quyền",
};

export const REPORT_STATUS_LABELS_EN: Record<ReportStatus, string> = {
  new: "Awaiting triage",
  confirmed: "Confirmed",
  investigating: "Investigating",
  in_progress: "In progress",
  action_scheduled: "Action scheduled",
  fixed: "Fixed",
  not_responsible: "Not the ward's responsibility",
  duplicate: "Duplicate",
  no_further_action: "No further action",
  internal_referral: "Referred to the competent body",
};

/** Open311 GeoReport v2 `status` is open or closed; the extended status (FixMyStreet's) says which. */
export const OPEN311_EXTENDED_STATUS: Record<ReportStatus, string> = {
  new: "FOR_TRIAGE",
  confirmed: "OPEN",
  investigating: "INVESTIGATING",
  in_progress: "IN_PROGRESS",
  action_scheduled: "ACTION_SCHEDULED",
  fixed: "FIXED",
  not_responsible: "NOT_COUNCILS_RESPONSIBILITY",
  duplicate: "DUPLICATE",
  no_further_action: "NO_FURTHER_ACTION",
  internal_referral: "INTERNAL_REFERRAL",
};

/** An Open311 update's status, read back into ours (REOPEN and OPEN both mean "confirmed"). */
export function statusFromOpen311(value: string): ReportStatus | undefined {
  const upper = value.trim().toUpperCase();
  if (upper === "OPEN" || upper === "REOPEN") return "confirmed";
  if (upper === "CLOSED") return "fixed";
  if (upper === "CANCELLED") return "no_further_action";
  const found = (Object.entries(OPEN311_EXTENDED_STATUS) as [ReportStatus, string][]).find(([, v]) => v === upper);
  return found?.[0];
}

/** A reporter may reopen a report closed as fixed within this many days, if it was not. */
export const REOPEN_WINDOW_DAYS = 30;

/** At most this many photos per report (and per added piece of information). */
export const MAX_REPORT_PHOTOS = 5;

/** Open reports of the same category closer than this are offered as "already reported". */
export const NEARBY_REPORT_METRES = 250;

/** A sensitive report's pin on the public map is rounded to a grid of about this size. */
export const BLUR_GRID_DEGREES = 0.005;

/** Rounds a coordinate to the blur grid's centre: about 500 m, enough to hide a house. */
export function blurCoordinate(value: number): number {
  return Math.round((Math.floor(value / BLUR_GRID_DEGREES) + 0.5) * BLUR_GRID_DEGREES * 1e6) / 1e6;
}

/** Distance in metres between two points (haversine; the ward is small, the error is nil). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Tracking codes people read aloud on the phone: "PA-7K3M9Q". No 0/O, 1/I/L, so a code typed
 * from a spoken or handwritten one is not mistaken for another.
 */
export const TRACKING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const TRACKING_CODE_PATTERN = /^PA-[2-9A-HJKMNP-Z]{6}$/;

/** A typed code, as stored: upper case, spaces and dashes dropped, the prefix added. */
export function normalizeTrackingCode(input: string): string {
  const bare = input
    .trim()
    .toUpperCase()
    .replace(/^PA[-\s]?/, "")
    .replace(/[\s-]/g, "");
  return `PA-${bare}`;
}
