import { REPORT_STATUSES, type FeedbackQueue, type ReportStatus, type Role } from "@phuong-xanh/shared";
import type { FeedbackListQuery } from "../../../lib/endpoints";

/**
 * The inbox's state lives in the address (`?queue=overdue&category=…&page=2`): a link to a queue
 * can be shared, and coming back from a report finds the list as it was left.
 */

/** The tabs, in the order an officer works through them. */
export const INBOX_QUEUES = [
  "new",
  "open",
  "due_soon",
  "overdue",
  "mine",
  "closed",
  "all",
] as const satisfies readonly FeedbackQueue[];

export type InboxFilters = {
  queue: FeedbackQueue;
  category?: string;
  unit?: string;
  residentialGroup?: string;
  status?: ReportStatus;
  q?: string;
  page: number;
};

type Counts = { new: number; open: number; dueSoon: number; overdue: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 10_000;
const MAX_SEARCH = 100;

/** Who sorts the new reports (the Office, the admin) starts on them; the others on what is open. */
export function defaultQueue(role: Role): FeedbackQueue {
  return role === "office" || role === "admin" ? "new" : "open";
}

function isQueue(value: string | null): value is FeedbackQueue {
  return value !== null && (INBOX_QUEUES as readonly string[]).includes(value);
}

function isStatus(value: string | null): value is ReportStatus {
  return value !== null && (REPORT_STATUSES as readonly string[]).includes(value);
}

function uuidOf(value: string | null): string | undefined {
  return value !== null && UUID.test(value) ? value : undefined;
}

/** Reads the address; anything it cannot use (a mistyped id, page 0) is left out, never sent. */
export function filtersFromParams(params: URLSearchParams, fallbackQueue: FeedbackQueue): InboxFilters {
  const queue = params.get("queue");
  const status = params.get("status");
  const q = params.get("q")?.trim().slice(0, MAX_SEARCH);
  const page = Number(params.get("page"));
  const category = uuidOf(params.get("category"));
  const unit = uuidOf(params.get("unit"));
  const residentialGroup = uuidOf(params.get("residentialGroup"));
  return {
    queue: isQueue(queue) ? queue : fallbackQueue,
    ...(category ? { category } : {}),
    ...(unit ? { unit } : {}),
    ...(residentialGroup ? { residentialGroup } : {}),
    ...(isStatus(status) ? { status } : {}),
    ...(q ? { q } : {}),
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

/** Writes the address back, leaving out what is the default (the role's queue, page 1). */
export function paramsFromFilters(filters: InboxFilters, fallbackQueue: FeedbackQueue): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.queue !== fallbackQueue) params.set("queue", filters.queue);
  if (filters.category) params.set("category", filters.category);
  if (filters.unit) params.set("unit", filters.unit);
  if (filters.residentialGroup) params.set("residentialGroup", filters.residentialGroup);
  if (filters.status) params.set("status", filters.status);
  if (filters.q?.trim()) params.set("q", filters.q.trim());
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/** A change of filter starts again from the first page; turning pages keeps the filters. */
export function withFilter(filters: InboxFilters, change: Partial<Omit<InboxFilters, "page">>): InboxFilters {
  const next: InboxFilters = { ...filters, ...change, page: 1 };
  for (const key of ["category", "unit", "residentialGroup", "status", "q"] as const)
    if (next[key] === undefined || next[key] === "") delete next[key];
  return next;
}

/** What the export buttons send: the list's filters, every page. */
export function exportQuery(filters: InboxFilters): Omit<FeedbackListQuery, "page" | "pageSize"> {
  const { page: _page, ...rest } = filters;
  return rest;
}

/** What the list asks for. */
export function listQuery(filters: InboxFilters, pageSize: number): FeedbackListQuery {
  return { ...exportQuery(filters), page: filters.page, pageSize };
}

/** The count a tab shows, where the list answer has one. */
export function queueCount(queue: FeedbackQueue, counts: Counts | undefined): number | undefined {
  if (!counts) return undefined;
  switch (queue) {
    case "new":
      return counts.new;
    case "open":
      return counts.open;
    case "due_soon":
      return counts.dueSoon;
    case "overdue":
      return counts.overdue;
    default:
      return undefined;
  }
}

/** The first words of a description, cut at a word boundary: "Đèn đường trước nhà số 12 …". */
export function shortText(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
