import { and, asc, desc, eq, gte, inArray, isNotNull, lte, max, ne } from "drizzle-orm";
import {
  CLOSED_REPORT_STATUSES,
  OPEN311_EXTENDED_STATUS,
  OPEN_REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  TRACKING_CODE_PATTERN,
  isOpenStatus,
  normalizeTrackingCode,
  reportActionSchema,
  statusFromOpen311,
  submitReportSchema,
  textProblem,
  type ReportAction,
  type ReportStatus,
} from "@phuong-xanh/shared";
import type { Db } from "../../../db/client.js";
import { systemActor } from "../../../lib/actor.js";
import type { AppContext } from "../../../lib/context.js";
import { AppError } from "../../../lib/errors.js";
import { snapshotsOf } from "../../../lib/snapshots.js";
import { publicAttachmentsOf } from "../../files/service.js";
import { actOnReport } from "../handling.js";
import { publicLocation, publicPhotoUrl } from "../public.js";
import { cachedRefs, loadRefs, reportByCode, submitReport, type ReportRow, type UpdateRow } from "../service.js";
import { apiKeyOwner } from "../settings.js";
import { feedbackCategories, feedbackReports, feedbackUpdates } from "../tables.js";

/**
 * Open311 GeoReport v2 over the feedback module: services are the ward's report categories,
 * service requests its reports (by tracking code), updates the public entries of their
 * timelines. Nothing here reads a reporter's contact: answers are built from the report and
 * its public timeline only, as the public pages are.
 */

export const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** The spec's default window: the last 90 days, or the first 1000 requests. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 1000;
/** At most this many ids in one `service_request_id` list. */
export const MAX_IDS = 200;
export const OPEN311_ACTOR_NAME = "Ứng dụng Open311";

type Ward = { id: string; code: string; name: string };

// Errors ---------------------------------------------------------------------------------------

/** An error of one Open311 field (its name as the spec spells it). */
export function fieldError(status: 400 | 403 | 404, field: string | null, message: string): AppError {
  const code = status === 400 ? "VALIDATION_FAILED" : status === 403 ? "FORBIDDEN" : "NOT_FOUND";
  return new AppError(code, message, status, field ? [{ path: field, message }] : undefined);
}

/** The Open311 name of a field the feedback module names its own way (its error paths). */
export function open311Field(path: string): string {
  if (path === "category") return "service_code";
  if (path === "lng") return "long";
  if (path === "address") return "address_string";
  if (path === "residentialGroup") return "address_id";
  if (path === "name") return "first_name, last_name";
  if (path === "response" || path === "text") return "description";
  if (path === "answers") return "attribute";
  const answer = /^answers\.(.+)$/.exec(path);
  if (answer) return `attribute[${answer[1]}]`;
  return path;
}

// Parameters -----------------------------------------------------------------------------------

/** A form's fields as sent: every value of each name, in order. */
export type FormFields = Map<string, string[]>;

/** A field's first value, trimmed; empty counts as absent (the spec's "optional" rule). */
export function one(form: FormFields, name: string): string | undefined {
  const value = form.get(name)?.[0]?.trim();
  return value ? value : undefined;
}

function singleLine(form: FormFields, name: string, maxLength: number): string | undefined {
  const value = one(form, name);
  if (value === undefined) return undefined;
  if (value.length > maxLength) throw fieldError(400, name, `${name}: dài quá ${maxLength} ký tự`);
  const problem = textProblem(value, false);
  if (problem) throw fieldError(400, name, `${name}: ${problem}`);
  return value;
}

/** media_url: a link the client hosts (http or https), kept as text; never fetched. */
function mediaUrlOf(form: FormFields): string | null {
  const value = one(form, "media_url");
  if (value === undefined) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (
    !url ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.href.length > 2000 ||
    url.username ||
    url.password
  )
    throw fieldError(400, "media_url", "media_url: cần một địa chỉ http(s) hợp lệ, tối đa 2000 ký tự");
  return url.href;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 (W3C) date-time; without an offset it is read in Vietnam's time (UTC+7). A date
 * alone is the start of that day, or (for an end) its last instant.
 */
export function parseDateTime(value: string, field: string, end = false): Date {
  const m = DATE_TIME.exec(value);
  const year = Number(m?.[1]);
  if (!m || year < 1900 || year > 2100)
    throw fieldError(400, field, `${field}: cần ngày giờ ISO 8601, ví dụ 2026-05-01T00:00:00+07:00`);
  const [, y, mo, d, h, mi, s, zone] = m;
  const offset =
    zone === undefined
      ? "+07:00"
      : zone === "Z"
        ? "Z"
        : zone.includes(":")
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const text = `${y}-${mo}-${d}T${h ?? "00"}:${mi ?? "00"}:${s ?? "00"}${offset}`;
  const at = new Date(text);
  // Date accepts 2026-02-30 (as 2 March): the day must be the one written.
  const check = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
  if (
    Number.isNaN(at.getTime()) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59
  )
    throw fieldError(400, field, `${field}: ngày giờ không hợp lệ (${value})`);
  return end && h === undefined ? new Date(at.getTime() + 86_399_999) : at;
}

/** A date-time as the spec wants it: ISO 8601 with its offset, in Vietnam's time. */
export function isoVietnam(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The window a list covers: the dates given, else the last 90 days (of the end given, or now). */
function windowOf(query: { start_date?: string | undefined; end_date?: string | undefined }): { from: Date; to: Date } {
  const start = query.start_date ? parseDateTime(query.start_date, "start_date") : undefined;
  const end = query.end_date ? parseDateTime(query.end_date, "end_date", true) : undefined;
  const to = end ?? new Date();
  const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (from.getTime() > to.getTime()) throw fieldError(400, "start_date", "start_date: phải trước end_date");
  return { from, to };
}

function positiveInt(value: string | undefined, field: string, fallback: number, maxValue: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > maxValue)
    throw fieldError(400, field, `${field}: cần một số nguyên từ 1 đến ${maxValue}`);
  return Number(value);
}

export type PageQuery = { page?: string | undefined; page_size?: string | undefined };

function pageOf(query: PageQuery): { limit: number; offset: number } {
  const page = positiveInt(query.page, "page", 1, 100_000);
  const size = positiveInt(query.page_size, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { limit: size, offset: (page - 1) * size };
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

// Wards and keys -------------------------------------------------------------------------------

/** The ward a jurisdiction_id names (its code), or the first ward when none is given. */
export async function wardOf(ctx: AppContext, jurisdictionId: string | undefined): Promise<Ward> {
  // A ward code is short plain text: anything else names no ward (and never reaches a query).
  const readable = jurisdictionId === undefined || (jurisdictionId.length <= 80 && !textProblem(jurisdictionId, false));
  const ward = readable ? await snapshotsOf(ctx).tracker.ward(jurisdictionId) : null;
  if (!ward)
    throw jurisdictionId
      ? fieldError(404, "jurisdiction_id", `jurisdiction_id: không có phường mã "${jurisdictionId.slice(0, 60)}"`)
      : fieldError(404, null, "Chưa có phường nào");
  return { id: ward.id, code: ward.code, name: ward.name };
}

/** The ward an api_key opens (403 without a valid key, or for another jurisdiction). */
export async function keyWard(ctx: AppContext, form: FormFields): Promise<{ apiKeyId: string; ward: Ward }> {
  const key = one(form, "api_key");
  if (!key) throw fieldError(403, "api_key", "api_key: thiếu khóa API (do quản trị viên của phường cấp)");
  const owner = await apiKeyOwner(ctx.db, key);
  if (!owner) throw fieldError(403, "api_key", "api_key: khóa API không đúng hoặc đã bị thu hồi");
  const jurisdictionId = one(form, "jurisdiction_id");
  // The key's own ward needs no lookup; another code is either unknown (404) or not the key's (403).
  if (jurisdictionId && jurisdictionId !== owner.ward.code) {
    const named = await wardOf(ctx, jurisdictionId);
    if (named.id !== owner.ward.id)
      throw fieldError(403, "api_key", `api_key: khóa API này không dùng được cho jurisdiction_id "${named.code}"`);
  }
  return { apiKeyId: owner.id, ward: owner.ward };
}

// Discovery and services -----------------------------------------------------------------------

export async function discovery(ctx: AppContext, origin: string) {
  const ward = await snapshotsOf(ctx).tracker.ward(undefined);
  const [latest] = await ctx.db.select({ at: max(feedbackCategories.updatedAt) }).from(feedbackCategories);
  const changeset = isoVietnam(latest?.at ? new Date(latest.at) : new Date("2026-01-01T00:00:00+07:00"));
  return {
    changeset,
    contact: `UBND ${ward?.name ?? "phường"}: gửi phản ánh tại ${origin}/phan-anh hoặc liên hệ Văn phòng UBND phường.`,
    key_service: "Khóa API (api_key) do quản trị viên của phường cấp trong mục Phản ánh → Cấu hình → Khóa API.",
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${origin}/open311/v2`,
        changeset,
        type: "production",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}

export async function listServices(db: Db, wardId: string) {
  const refs = await loadRefs(db, wardId);
  return [...refs.categories.values()]
    .filter((c) => c.active)
    .map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: c.description,
      metadata: c.questions.length > 0,
      type: "realtime" as const,
      keywords: c.keywords,
      group: c.groupName,
    }));
}

export async function serviceDefinition(db: Db, wardId: string, code: string) {
  const refs = await loadRefs(db, wardId);
  const category = refs.categoriesByCode.get(code);
  if (!category || !category.active)
    throw fieldError(404, "service_code", `service_code: không có loại phản ánh "${code.slice(0, 60)}"`);
  return {
    service_code: category.code,
    attributes: category.questions.map((q, i) => ({
      variable: true,
      code: q.code,
      datatype: q.datatype,
      required: q.required,
      datatype_description: q.hint ?? null,
      order: i + 1,
      description: q.label,
      values: (q.values ?? []).map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

// Service requests -----------------------------------------------------------------------------

const dayMonthYear = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** What the ward will do: who handles it and by when. */
function serviceNotice(unitName: string | undefined, dueOn: string): string {
  return `${unitName ? `Đơn vị xử lý: ${unitName}. ` : ""}Hạn xử lý: hết ngày ${dayMonthYear(dueOn)}.`;
}

/** Receives a report from an Open311 client (POST requests). */
export async function createRequest(ctx: AppContext, form: FormFields) {
  const { apiKeyId, ward } = await keyWard(ctx, form);
  const serviceCode = one(form, "service_code");
  if (!serviceCode) throw fieldError(400, "service_code", "service_code: thiếu mã loại phản ánh (xem services)");
  const refs = await cachedRefs(ctx.db, ward.id);
  const category = refs.categoriesByCode.get(serviceCode);
  if (!category || !category.active)
    throw fieldError(404, "service_code", `service_code: không có loại phản ánh "${serviceCode.slice(0, 60)}"`);
  const lat = one(form, "lat");
  const long = one(form, "long");
  if ((lat === undefined) !== (long === undefined))
    throw fieldError(400, lat === undefined ? "lat" : "long", "lat, long: cần gửi cả vĩ độ và kinh độ");
  const address = one(form, "address_string");
  const addressId = one(form, "address_id");
  if (lat === undefined && !address && !addressId)
    throw fieldError(
      400,
      "lat",
      "lat, long / address_string / address_id: cần vị trí của phản ánh (tọa độ, địa chỉ hoặc mã tổ dân phố)",
    );
  const deviceId = singleLine(form, "device_id", 200) ?? null;
  const accountId = singleLine(form, "account_id", 200) ?? null;
  const mediaUrl = mediaUrlOf(form);
  const answers = attributesOf(form);
  const name = [one(form, "last_name"), one(form, "first_name")].filter(Boolean).join(" ") || undefined;
  const phone = one(form, "phone");
  const email = one(form, "email");
  const parsed = submitReportSchema.safeParse({
    category: serviceCode,
    description: form.get("description")?.[0] ?? "",
    answers,
    lat,
    lng: long,
    locationSource: lat === undefined ? "none" : "map",
    residentialGroup: addressId,
    address,
    name,
    phone,
    email,
    // The client app asked its user; the ward sends no mail of its own to an app's user.
    notify: false,
    consent: Boolean(name || phone || email),
  });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => {
      const path = open311Field(i.path.join("."));
      return { path, message: `${path}: ${i.message}` };
    });
    throw new AppError("VALIDATION_FAILED", details.map((d) => d.message).join("; "), 400, details);
  }
  const { report } = await submitReport(
    { db: ctx.db, store: ctx.store, wardId: ward.id, retentionDays: ctx.config.feedbackContactRetentionDays },
    { source: "open311", apiKeyId, deviceId, accountId, mediaUrl },
    parsed.data,
    [],
  );
  return [
    {
      service_request_id: report.code,
      token: report.token,
      service_notice: serviceNotice(refs.units.get(report.unitId)?.name, report.dueOn),
      // No accounts here: the client keeps its own (spec: "may not be returned").
      account_id: null,
    },
  ];
}

/** attribute[code]=v and attribute[code][]=v (a multivaluelist) as the report's answers. */
function attributesOf(form: FormFields): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const [key, values] of form) {
    const m = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(key);
    if (!m?.[1]) continue;
    const code = m[1];
    for (const value of values) {
      const problem = textProblem(value, true);
      if (problem) throw fieldError(400, `attribute[${code}]`, `attribute[${code}]: ${problem}`);
    }
    const kept = values.map((v) => v.trim()).filter(Boolean);
    if (kept.length === 0) continue;
    answers[code] = m[2] || kept.length > 1 ? kept : (kept[0] ?? "");
  }
  return answers;
}

export async function requestByToken(db: Db, token: string, wardId: string | undefined) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token))
    throw fieldError(404, "token", "token: không tìm thấy");
  const [row] = await db
    .select({ code: feedbackReports.code, token: feedbackReports.token })
    .from(feedbackReports)
    .where(
      wardId
        ? and(eq(feedbackReports.token, token.toLowerCase()), eq(feedbackReports.wardId, wardId))
        : eq(feedbackReports.token, token.toLowerCase()),
    );
  if (!row) throw fieldError(404, "token", "token: không tìm thấy");
  return [{ service_request_id: row.code, token: row.token }];
}

export type RequestsQuery = PageQuery & {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
  extensions?: string | undefined;
};

const OPEN = OPEN_REPORT_STATUSES as readonly string[];
const CLOSED = CLOSED_REPORT_STATUSES as readonly string[];

/** GET requests: by ids (which override the rest), or by services, dates, status, page. */
export async function listRequests(db: Db, ward: Ward, query: RequestsQuery, origin: string) {
  const extensions = extensionsOf(query.extensions);
  const ids = list(query.service_request_id);
  let rows: ReportRow[];
  if (ids.length) {
    if (ids.length > MAX_IDS)
      throw fieldError(400, "service_request_id", `service_request_id: tối đa ${MAX_IDS} mã một lần`);
    const codes = [
      ...new Set(ids.map((id) => normalizeTrackingCode(id.slice(0, 20))).filter((c) => TRACKING_CODE_PATTERN.test(c))),
    ];
    rows = codes.length
      ? await db
          .select()
          .from(feedbackReports)
          .where(and(eq(feedbackReports.wardId, ward.id), inArray(feedbackReports.code, codes)))
          .orderBy(desc(feedbackReports.createdAt), asc(feedbackReports.code))
      : [];
  } else {
    const { from, to } = windowOf(query);
    const statuses = list(query.status).map((s) => s.toLowerCase());
    const wrong = statuses.find((s) => s !== "open" && s !== "closed");
    if (wrong !== undefined)
      throw fieldError(400, "status", `status: chỉ nhận open hoặc closed (nhận "${wrong.slice(0, 30)}")`);
    const wanted = new Set(statuses);
    const statusFilter = wanted.size === 1 ? [...(wanted.has("open") ? OPEN : CLOSED)] : null;
    const services = list(query.service_code);
    let categoryIds: string[] | null = null;
    if (services.length) {
      const refs = await loadRefs(db, ward.id);
      categoryIds = services.flatMap((code) => {
        const id = refs.categoriesByCode.get(code)?.id;
        return id ? [id] : [];
      });
      if (categoryIds.length === 0) return [];
    }
    const { limit, offset } = pageOf(query);
    rows = await db
      .select()
      .from(feedbackReports)
      .where(
        and(
          eq(feedbackReports.wardId, ward.id),
          gte(feedbackReports.createdAt, from),
          lte(feedbackReports.createdAt, to),
          statusFilter ? inArray(feedbackReports.status, statusFilter) : undefined,
          categoryIds ? inArray(feedbackReports.categoryId, categoryIds) : undefined,
        ),
      )
      .orderBy(desc(feedbackReports.createdAt), asc(feedbackReports.code))
      .limit(limit)
      .offset(offset);
  }
  return describeRequests(db, ward, rows, origin, extensions);
}

function extensionsOf(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw fieldError(400, "extensions", "extensions: chỉ nhận true hoặc false");
}

/** GET requests/{id}: one request, in its jurisdiction if one is named (codes are unique across wards). */
export async function oneRequest(
  ctx: AppContext,
  id: string,
  jurisdictionId: string | undefined,
  extensionsText: string | undefined,
  origin: string,
) {
  const extensions = extensionsOf(extensionsText);
  const code = normalizeTrackingCode(id.slice(0, 20));
  const named = jurisdictionId ? await wardOf(ctx, jurisdictionId) : undefined;
  const report = TRACKING_CODE_PATTERN.test(code) ? await reportByCode(ctx.db, code, named?.id) : undefined;
  if (!report)
    throw fieldError(404, "service_request_id", `service_request_id: không tìm thấy phản ánh "${id.slice(0, 30)}"`);
  const ward = named ?? (await snapshotsOf(ctx).tracker.ward({ id: report.wardId }));
  if (!ward) throw fieldError(404, "service_request_id", "service_request_id: không tìm thấy phản ánh");
  return describeRequests(ctx.db, { id: ward.id, code: ward.code, name: ward.name }, [report], origin, extensions);
}

/** Public entries a client may read as a status note: a word of the ward, not the reporter's. */
const NOTE_KINDS = new Set(["status", "response", "merged"]);

/**
 * Requests as the public sees them: the status, the latest public answer, the unit, the
 * deadline, the place (rough for a sensitive report), a photo once staff accepted the report.
 */
async function describeRequests(db: Db, ward: Ward, rows: ReportRow[], origin: string, extensions: boolean) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const accepted = rows.filter((r) => r.confirmedAt !== null).map((r) => r.id);
  const [refs, updates, photos] = await Promise.all([
    loadRefs(db, ward.id),
    db
      .select()
      .from(feedbackUpdates)
      .where(
        and(
          eq(feedbackUpdates.wardId, ward.id),
          inArray(feedbackUpdates.reportId, ids),
          eq(feedbackUpdates.isPublic, true),
        ),
      )
      .orderBy(asc(feedbackUpdates.createdAt), asc(feedbackUpdates.id)),
    publicAttachmentsOf(db, ward.id, "feedback_report", accepted),
  ]);
  const updatesOf = groupBy(updates, (u) => u.reportId);
  // Oldest first: the first photo is the one sent with the report.
  const photosOf = groupBy([...photos].reverse(), (p) => p.ownerId);
  const duplicateCodes = await duplicateOriginals(db, ward.id, rows);
  return rows.map((r) => {
    const category = refs.categories.get(r.categoryId);
    const status = r.status as ReportStatus;
    const location = publicLocation(r);
    const timeline = updatesOf.get(r.id) ?? [];
    const note = [...timeline].reverse().find((u) => NOTE_KINDS.has(u.kind) && u.authorKind !== "reporter" && u.body);
    const urls = (photosOf.get(r.id) ?? []).map((p) => `${origin}${publicPhotoUrl(p.fileId, ward.code)}`);
    const group = r.residentialGroupId ? refs.units.get(r.residentialGroupId) : undefined;
    const request = {
      service_request_id: r.code,
      status: isOpenStatus(status) ? ("open" as const) : ("closed" as const),
      status_notes: note?.body ?? null,
      service_name: category?.name ?? null,
      service_code: category?.code ?? "",
      description: r.description,
      agency_responsible: refs.units.get(r.unitId)?.name ?? null,
      service_notice: serviceNotice(refs.units.get(r.unitId)?.name, r.dueOn),
      requested_datetime: isoVietnam(r.createdAt),
      updated_datetime: isoVietnam(r.updatedAt),
      expected_datetime: `${r.dueOn}T23:59:59+07:00`,
      address: r.address,
      address_id: group?.code ?? null,
      zipcode: null,
      lat: location?.lat ?? null,
      long: location?.lng ?? null,
      media_url: urls[0] ?? r.mediaUrl ?? null,
    };
    if (!extensions) return request;
    return {
      ...request,
      extended_attributes: {
        status: OPEN311_EXTENDED_STATUS[status],
        status_label: REPORT_STATUS_LABELS[status],
        channel: r.source,
        approximate_location: location?.approximate ?? false,
        residential_group: group?.name ?? null,
        duplicate_of: r.duplicateOfId ? (duplicateCodes.get(r.duplicateOfId) ?? null) : null,
        photos: urls,
      },
      notes: timeline.map((u) => ({
        datetime: isoVietnam(u.createdAt),
        description: u.body ?? (u.statusTo ? REPORT_STATUS_LABELS[u.statusTo as ReportStatus] : ""),
        type: u.kind,
      })),
    };
  });
}

async function duplicateOriginals(db: Db, wardId: string, rows: ReportRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.duplicateOfId ? [r.duplicateOfId] : [])))];
  if (ids.length === 0) return new Map();
  const originals = await db
    .select({ id: feedbackReports.id, code: feedbackReports.code })
    .from(feedbackReports)
    .where(and(eq(feedbackReports.wardId, wardId), inArray(feedbackReports.id, ids)));
  return new Map(originals.map((o) => [o.id, o.code]));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// Updates (FixMyStreet's extension) ------------------------------------------------------------

export type UpdatesQuery = PageQuery & { start_date?: string | undefined; end_date?: string | undefined };

/**
 * GET servicerequestupdates: the public entries of the ward's timelines in a window, oldest
 * first (a client applies them in order). Each carries the report's status as it stood then.
 */
export async function listUpdates(db: Db, ward: Ward, query: UpdatesQuery, origin: string) {
  const { from, to } = windowOf(query);
  const { limit, offset } = pageOf(query);
  const rows = await db
    .select({
      update: feedbackUpdates,
      code: feedbackReports.code,
      confirmedAt: feedbackReports.confirmedAt,
      status: feedbackReports.status,
    })
    .from(feedbackUpdates)
    .innerJoin(
      feedbackReports,
      and(eq(feedbackReports.wardId, feedbackUpdates.wardId), eq(feedbackReports.id, feedbackUpdates.reportId)),
    )
    .where(
      and(
        eq(feedbackUpdates.wardId, ward.id),
        eq(feedbackUpdates.isPublic, true),
        ne(feedbackUpdates.kind, "submitted"),
        gte(feedbackUpdates.createdAt, from),
        lte(feedbackUpdates.createdAt, to),
      ),
    )
    .orderBy(asc(feedbackUpdates.createdAt), asc(feedbackUpdates.id))
    .limit(limit)
    .offset(offset);
  if (rows.length === 0) return [];
  const reportIds = [...new Set(rows.map((r) => r.update.reportId))];
  const shown = rows.filter((r) => r.confirmedAt !== null || r.update.authorKind === "staff").map((r) => r.update.id);
  const [changes, photos] = await Promise.all([
    db
      .select({
        reportId: feedbackUpdates.reportId,
        statusTo: feedbackUpdates.statusTo,
        createdAt: feedbackUpdates.createdAt,
      })
      .from(feedbackUpdates)
      .where(
        and(
          eq(feedbackUpdates.wardId, ward.id),
          inArray(feedbackUpdates.reportId, reportIds),
          isNotNull(feedbackUpdates.statusTo),
        ),
      )
      .orderBy(asc(feedbackUpdates.createdAt), asc(feedbackUpdates.id)),
    publicAttachmentsOf(db, ward.id, "feedback_update", shown),
  ]);
  const changesOf = groupBy(changes, (c) => c.reportId);
  const photosOf = groupBy([...photos].reverse(), (p) => p.ownerId);
  return rows.map(({ update: u, code }) => {
    const status = statusAt(u, changesOf.get(u.reportId) ?? []);
    const photo = photosOf.get(u.id)?.[0];
    return {
      update_id: u.id,
      service_request_id: code,
      status: isOpenStatus(status) ? "open" : "closed",
      extended_status: OPEN311_EXTENDED_STATUS[status],
      updated_datetime: isoVietnam(u.createdAt),
      description: u.body ?? (u.statusTo ? REPORT_STATUS_LABELS[u.statusTo as ReportStatus] : ""),
      media_url: photo ? `${origin}${publicPhotoUrl(photo.fileId, ward.code)}` : "",
    };
  });
}

/** The report's status right after this entry: its own, else the last change before it. */
function statusAt(update: UpdateRow, changes: { statusTo: string | null; createdAt: Date }[]): ReportStatus {
  if (update.statusTo) return update.statusTo as ReportStatus;
  let status: string = "new";
  for (const c of changes) {
    if (c.createdAt.getTime() > update.createdAt.getTime()) break;
    if (c.statusTo) status = c.statusTo;
  }
  return status as ReportStatus;
}

async function updateByExternalId(
  db: Db,
  wardId: string,
  reportId: string,
  externalId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: feedbackUpdates.id })
    .from(feedbackUpdates)
    .where(
      and(
        eq(feedbackUpdates.wardId, wardId),
        eq(feedbackUpdates.reportId, reportId),
        eq(feedbackUpdates.externalId, externalId),
      ),
    )
    .orderBy(asc(feedbackUpdates.createdAt))
    .limit(1);
  return row?.id;
}

/**
 * POST servicerequestupdates: a client (the body that handles a report in its own system) sets
 * its status or answers on it. Applied as the ward's own act, by a system actor of the key's
 * ward; the client's update_id is kept, so the same update sent twice is applied once.
 */
export async function postUpdate(ctx: AppContext, form: FormFields) {
  const { ward } = await keyWard(ctx, form);
  const id = one(form, "service_request_id");
  if (!id) throw fieldError(400, "service_request_id", "service_request_id: thiếu mã phản ánh");
  const updateId = singleLine(form, "update_id", 100);
  if (!updateId) throw fieldError(400, "update_id", "update_id: thiếu mã cập nhật của ứng dụng");
  const updatedAt = one(form, "updated_datetime");
  if (updatedAt) parseDateTime(updatedAt, "updated_datetime");
  const statusText = one(form, "status");
  if (!statusText) throw fieldError(400, "status", "status: thiếu trạng thái (OPEN, CLOSED, FIXED, IN_PROGRESS, …)");
  const status = statusFromOpen311(statusText);
  if (!status)
    throw fieldError(
      400,
      "status",
      `status: trạng thái "${statusText.slice(0, 40)}" không có trong danh sách của Open311`,
    );
  const mediaUrl = mediaUrlOf(form);
  const description = form.get("description")?.[0]?.trim() ?? "";
  const text = [description, mediaUrl ? `Ảnh: ${mediaUrl}` : ""].filter(Boolean).join("\n\n");
  const code = normalizeTrackingCode(id.slice(0, 20));
  const found = TRACKING_CODE_PATTERN.test(code) ? await reportByCode(ctx.db, code, ward.id) : undefined;
  if (!found)
    throw fieldError(404, "service_request_id", `service_request_id: không tìm thấy phản ánh "${id.slice(0, 30)}"`);
  const answer = (updateIdOfOurs: string) => [{ update_id: updateIdOfOurs }];
  const existing = await updateByExternalId(ctx.db, ward.id, found.id, updateId);
  if (existing) return answer(existing);
  const actor = systemActor(ward.id, OPEN311_ACTOR_NAME);
  for (let attempt = 0; ; attempt++) {
    // The version read just before: a staff change in between makes the act refused, then read again.
    const report = attempt === 0 ? found : ((await reportByCode(ctx.db, code, ward.id)) ?? found);
    const action = actionFor(report, status, text);
    try {
      await actOnReport(ctx.db, actor, report.id, action, { author: "open311", externalId: updateId });
    } catch (error) {
      // The same update sent twice at once: the second finds the first's entry.
      const again = await updateByExternalId(ctx.db, ward.id, found.id, updateId);
      if (again) return answer(again);
      if (error instanceof AppError && error.code === "CONFLICT" && attempt === 0) continue;
      throw error;
    }
    const made = await updateByExternalId(ctx.db, ward.id, found.id, updateId);
    if (!made) throw new Error("open311 update applied but not found by its update_id");
    return answer(made);
  }
}

function actionFor(report: ReportRow, status: ReportStatus, text: string): ReportAction {
  const raw =
    status === report.status
      ? text
        ? { action: "respond", version: report.version, response: text }
        : null
      : { action: "status", version: report.version, status, ...(text ? { response: text } : {}) };
  if (!raw) throw fieldError(400, "description", "description: phản ánh đã ở trạng thái này; cần nội dung cập nhật");
  const parsed = reportActionSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => {
      const path = open311Field(i.path.join("."));
      return { path, message: `${path}: ${i.message}` };
    });
    throw new AppError("VALIDATION_FAILED", details.map((d) => d.message).join("; "), 400, details);
  }
  return parsed.data;
}
