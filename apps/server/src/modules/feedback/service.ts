import crypto from "node:crypto";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import {
  REOPEN_WINDOW_DAYS,
  REPORT_STATUS_LABELS,
  TRACKING_CODE_ALPHABET,
  addWorkingDays,
  isOpenStatus,
  type CategoryQuestion,
  type ReportStatus,
  type SubmitReport,
  type Unit,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { attachUploads, type CheckedUpload } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { listUnits } from "../identity/service.js";
import { rowsOf } from "../identity/throttle.js";
import {
  feedbackCategories,
  feedbackContacts,
  feedbackOutbox,
  feedbackReports,
  feedbackRoutes,
  feedbackUpdates,
} from "./tables.js";

export type ReportRow = typeof feedbackReports.$inferSelect;
export type CategoryRow = typeof feedbackCategories.$inferSelect;
export type UpdateRow = typeof feedbackUpdates.$inferSelect;
export type ContactRow = typeof feedbackContacts.$inferSelect;

/** Where a report came from: the public page, an Open311 client (by its key), or staff. */
export type ReportOrigin =
  | { source: "web"; deviceId: string | null }
  | {
      source: "open311";
      apiKeyId: string;
      deviceId: string | null;
      accountId: string | null;
      /** media_url: a photo the client hosts (kept as a link; never fetched: no server-side requests). */
      mediaUrl: string | null;
    }
  | { source: "staff"; actor: Actor };

/** At most this many reports from one device in an hour (the address limit is far looser: NAT). */
export const DEVICE_REPORTS_PER_HOUR = 10;

/** The consent line of the report form: what is kept, why, who sees it, for how long. */
export function consentText(retentionDays: number): string {
  return (
    "Tôi đồng ý để UBND phường lưu họ tên, số điện thoại, email tôi cung cấp, chỉ để liên hệ xác minh và báo kết quả " +
    "xử lý phản ánh này. Chỉ cán bộ tiếp nhận và đơn vị xử lý được xem; không công khai. Thông tin được xóa " +
    `${retentionDays} ngày sau khi phản ánh được đóng, hoặc sớm hơn khi tôi yêu cầu.`
  );
}

export const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** A new tracking code: 6 characters of an alphabet without look-alikes (31^6 ≈ 887 million). */
function newTrackingCode(): string {
  const bytes = crypto.randomBytes(6);
  let code = "PA-";
  for (const byte of bytes) code += TRACKING_CODE_ALPHABET[byte % TRACKING_CODE_ALPHABET.length];
  return code;
}

/**
 * Codes checked unused in every ward, a batch at a time: a code is unique within its ward by an
 * index, and across wards by this check (a follow link or an Open311 id without the ward must find
 * one report), without a lookup per report. Two processes drawing the same fresh code out of
 * 887 million within the same seconds is the risk left; the ward's index still holds within a ward.
 */
const freeCodes = new WeakMap<Db, Promise<string[]>>();
const CODE_BATCH = 64;

async function freeTrackingCode(db: Db): Promise<string> {
  for (;;) {
    let batch = freeCodes.get(db);
    if (!batch) {
      const candidates = [...new Set(Array.from({ length: CODE_BATCH }, newTrackingCode))];
      batch = db
        .select({ code: feedbackReports.code })
        .from(feedbackReports)
        .where(inArray(feedbackReports.code, candidates))
        .then((taken) => {
          const used = new Set(taken.map((t) => t.code));
          return candidates.filter((c) => !used.has(c));
        });
      freeCodes.set(db, batch);
      batch.catch(() => freeCodes.delete(db));
    }
    const codes = await batch;
    const code = codes.pop();
    if (code) return code;
    if (freeCodes.get(db) === batch) freeCodes.delete(db);
  }
}

/** The reporter's secret: in the follow link and the phone's storage, never stored in clear. */
const newReporterKey = () => crypto.randomBytes(24).toString("base64url");

export const emailKey = (email: string) => email.trim().toLowerCase();
export const phoneKey = (phone: string) => {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("84") ? `0${digits.slice(2)}` : digits;
};

/** The ward's units and categories, read once per request. */
export type FeedbackRefs = {
  units: Map<string, Unit>;
  unitsByCode: Map<string, Unit>;
  categories: Map<string, CategoryRow>;
  categoriesByCode: Map<string, CategoryRow>;
};

/**
 * The refs a submission needs, remembered for a few seconds per ward: categories and units change
 * a few times a year, reports arrive by the hundred in a burst. A change made through this process
 * is seen at once (forgetRefs); one made through another process within REFS_TTL_MS, as sessions.
 */
const REFS_TTL_MS = 5_000;
/** By ward id (random across databases too, so apps on several databases in one process never share). */
const refsCache = new Map<string, { at: number; refs: Promise<FeedbackRefs> }>();

export async function cachedRefs(db: Db, wardId: string): Promise<FeedbackRefs> {
  const hit = refsCache.get(wardId);
  if (hit && Date.now() - hit.at < REFS_TTL_MS) return hit.refs;
  const refs = loadRefs(db, wardId);
  if (refsCache.size > 10_000) refsCache.clear();
  refsCache.set(wardId, { at: Date.now(), refs });
  refs.catch(() => refsCache.delete(wardId));
  return refs;
}

/** After a change of the ward's categories or routes through this process. */
export function forgetRefs(wardId: string): void {
  refsCache.delete(wardId);
}

export async function loadRefs(db: Db, wardId: string): Promise<FeedbackRefs> {
  const [unitList, categoryRows] = await Promise.all([
    listUnits(db, wardId),
    db
      .select()
      .from(feedbackCategories)
      .where(eq(feedbackCategories.wardId, wardId))
      .orderBy(asc(feedbackCategories.position), asc(feedbackCategories.name)),
  ]);
  return {
    units: new Map(unitList.map((u) => [u.id, u])),
    unitsByCode: new Map(unitList.map((u) => [u.code, u])),
    categories: new Map(categoryRows.map((c) => [c.id, c])),
    categoriesByCode: new Map(categoryRows.map((c) => [c.code, c])),
  };
}

/** The unit a report of this category in this residential group goes to. */
export async function routeUnit(
  db: Db,
  wardId: string,
  category: CategoryRow,
  groupId: string | null,
): Promise<string> {
  if (!groupId) return category.unitId;
  const [route] = await db
    .select({ unitId: feedbackRoutes.unitId })
    .from(feedbackRoutes)
    .where(
      and(
        eq(feedbackRoutes.wardId, wardId),
        eq(feedbackRoutes.categoryId, category.id),
        eq(feedbackRoutes.residentialGroupId, groupId),
      ),
    );
  return route?.unitId ?? category.unitId;
}

/** The deadline of a report that arrived on `day`: the category's working days later. */
export function dueDate(day: string, slaDays: number): string {
  // Every report of a day asks the same few questions: walk the calendar once per answer.
  const key = `${day}|${slaDays}`;
  let due = knownDueDates.get(key);
  if (due === undefined) {
    if (knownDueDates.size > 1_000) knownDueDates.clear();
    due = addWorkingDays(day, slaDays);
    knownDueDates.set(key, due);
  }
  return due;
}
const knownDueDates = new Map<string, string>();

type Problem = { path: string; message: string };

/** Answers to the category's extra questions: required ones given, values from their lists. */
export function checkAnswers(
  questions: CategoryQuestion[],
  answers: Record<string, string | string[]>,
  pathPrefix = "answers",
): { answers: Record<string, string | string[]>; problems: Problem[] } {
  const problems: Problem[] = [];
  const kept: Record<string, string | string[]> = {};
  for (const q of questions) {
    const raw = answers[q.code];
    const values = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter(Boolean);
    const path = `${pathPrefix}.${q.code}`;
    if (values.length === 0) {
      if (q.required) problems.push({ path, message: `Trả lời câu hỏi: ${q.label}` });
      continue;
    }
    const keys = new Set((q.values ?? []).map((v) => v.key));
    switch (q.datatype) {
      case "singlevaluelist":
        if (values.length > 1 || !keys.has(values[0] ?? ""))
          problems.push({ path, message: `Chọn một đáp án của: ${q.label}` });
        else kept[q.code] = values[0] ?? "";
        break;
      case "multivaluelist":
        if (values.some((v) => !keys.has(v)))
          problems.push({ path, message: `Chọn các đáp án trong danh sách: ${q.label}` });
        else kept[q.code] = [...new Set(values)];
        break;
      case "number":
        if (values.length > 1 || !Number.isFinite(Number(values[0])) || Math.abs(Number(values[0])) > 1e12)
          problems.push({ path, message: `Nhập một số: ${q.label}` });
        else kept[q.code] = String(Number(values[0]));
        break;
      case "datetime":
        if (
          values.length > 1 ||
          Number.isNaN(Date.parse(values[0] ?? "")) ||
          !/^\d{4}-\d{2}-\d{2}/.test(values[0] ?? "")
        )
          problems.push({ path, message: `Nhập ngày giờ (yyyy-mm-ddThh:mm): ${q.label}` });
        else kept[q.code] = values[0] ?? "";
        break;
      default: {
        const text = values.join(", ");
        if (text.length > (q.datatype === "text" ? 1000 : 200))
          problems.push({ path, message: `Câu trả lời quá dài: ${q.label}` });
        else kept[q.code] = text;
      }
    }
  }
  return { answers: kept, problems };
}

/** The answer as people read it: the list's names, not its keys. */
export function answerText(q: CategoryQuestion, value: string | string[]): string {
  const names = new Map((q.values ?? []).map((v) => [v.key, v.name]));
  return (Array.isArray(value) ? value : [value]).map((v) => names.get(v) ?? v).join(", ");
}

/** A short title for lists: the category, then the start of the description. */
export function reportTitle(categoryName: string, description: string): string {
  const first = description.replace(/\s+/g, " ").trim();
  return first.length > 80 ? `${first.slice(0, 77)}…` : first || categoryName;
}

type SubmitContext = { db: Db; store: FileStore; wardId: string; retentionDays: number };

/**
 * Receives a report (web, Open311 or staff) in one transaction: the report, its contact apart,
 * its first timeline entry and its photos. Answers and place are checked first, so a refused
 * report leaves nothing behind.
 */
export async function submitReport(
  ctx: SubmitContext,
  origin: ReportOrigin,
  input: SubmitReport,
  photos: CheckedUpload[],
): Promise<{ report: SubmittedReport; reporterKey: string }> {
  const { db, wardId } = ctx;
  const refs = await cachedRefs(db, wardId);
  const category = refs.categoriesByCode.get(input.category);
  if (!category || !category.active)
    throw invalid("Loại phản ánh không có hoặc đã ngừng nhận.", [
      { path: "category", message: "Chọn loại phản ánh trong danh sách" },
    ]);
  const checked = checkAnswers(category.questions, input.answers ?? {});
  let groupId: string | null = null;
  if (input.residentialGroup) {
    const group = refs.unitsByCode.get(input.residentialGroup);
    if (!group || group.kind !== "residential_group")
      checked.problems.push({ path: "residentialGroup", message: "Tổ dân phố không thuộc phường này" });
    else groupId = group.id;
  }
  if (checked.problems.length) throw invalid(checked.problems.map((p) => p.message).join("; "), checked.problems);
  const deviceHash = origin.source !== "staff" && origin.deviceId ? sha256(`device:${origin.deviceId}`) : null;
  if (deviceHash) await checkDeviceLimit(db, deviceHash);

  const reporterKey = newReporterKey();
  const today = todayInVietnam();
  const unitId = await routeUnit(db, wardId, category, groupId);
  const actor = submitterActor(wardId, origin);
  const hasLocation = input.lat !== undefined && input.lng !== undefined;
  // Drawn before the transaction: on the embedded database a query outside it would wait for it.
  const firstCode = await freeTrackingCode(db);
  const authorKind = origin.source === "staff" ? "staff" : origin.source === "open311" ? "open311" : "reporter";
  const report = await db.transaction(async (tx) => {
    let row: SubmittedReport | undefined;
    // A fresh code collides once in hundreds of millions: try again rather than fail.
    for (let attempt = 0; attempt < 5 && !row; attempt++) {
      // The first from the checked supply; a retry (the ward's index refused it) checks its own.
      const code = attempt === 0 ? firstCode : newTrackingCode();
      if (attempt > 0 && (await reportByCode(tx, code))) continue;
      row = await insertSubmission(tx, {
        wardId,
        code,
        reporterKeyHash: sha256(reporterKey),
        categoryId: category.id,
        description: input.description,
        answers: checked.answers,
        latitude: hasLocation ? (input.lat ?? null) : null,
        longitude: hasLocation ? (input.lng ?? null) : null,
        locationSource: hasLocation ? (input.locationSource === "none" ? "map" : input.locationSource) : "none",
        address: input.address ?? null,
        residentialGroupId: groupId,
        unitId,
        dueOn: dueDate(today, category.slaDays),
        sensitive: category.sensitive || input.locationSource === "device",
        source: origin.source,
        apiKeyId: origin.source === "open311" ? origin.apiKeyId : null,
        externalAccountId: origin.source === "open311" ? origin.accountId : null,
        mediaUrl: origin.source === "open311" ? origin.mediaUrl : null,
        deviceHash,
        authorKind,
        authorId: origin.source === "staff" ? origin.actor.userId : null,
      });
    }
    if (!row) throw new Error("no free tracking code after 5 attempts");
    if (input.name || input.phone || input.email) {
      await tx.insert(feedbackContacts).values({
        wardId,
        reportId: row.id,
        name: input.name ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        emailKey: input.email ? emailKey(input.email) : null,
        phoneKey: input.phone ? phoneKey(input.phone) : null,
        notify: input.notify && Boolean(input.email),
        consentText: consentText(ctx.retentionDays),
        consentedAt: new Date(),
      });
    }
    if (photos.length)
      await attachUploads(tx, ctx.store, actor, { type: "feedback_report", id: row.id }, photos, { isPublic: true });
    await recordAudit(tx, actor, {
      action: "feedback.submit",
      entityType: "feedback_report",
      entityId: row.id,
      before: null,
      // No contact in the audit log: it outlives the retention of the contact itself.
      after: { code: row.code, category: category.code, source: origin.source, unitId, photos: photos.length },
    });
    return row;
  });
  return { report, reporterKey };
}

/** What a submission answers with: the new report's public handles and where it went. */
export type SubmittedReport = Pick<ReportRow, "id" | "code" | "token" | "unitId" | "dueOn" | "version">;

type Submission = Pick<
  ReportRow,
  | "wardId"
  | "code"
  | "reporterKeyHash"
  | "categoryId"
  | "description"
  | "answers"
  | "latitude"
  | "longitude"
  | "locationSource"
  | "address"
  | "residentialGroupId"
  | "unitId"
  | "dueOn"
  | "sensitive"
  | "source"
  | "apiKeyId"
  | "externalAccountId"
  | "mediaUrl"
  | "deviceHash"
> & { authorKind: "staff" | "open311" | "reporter"; authorId: string | null };

/**
 * The report and its first timeline entry ("submitted") in one statement: the busiest public
 * write saves a round trip, and the query builder's per-column work on a 30-column row (it cost
 * more than the round trip). Undefined when the ward already has the tracking code.
 */
async function insertSubmission(tx: Db, r: Submission): Promise<SubmittedReport | undefined> {
  const result = await tx.execute(sql`
    with report as (
      insert into ${feedbackReports} (ward_id, code, reporter_key_hash, category_id, description, answers,
        latitude, longitude, location_source, address, residential_group_id, status, unit_id, due_on, sensitive,
        source, api_key_id, external_account_id, media_url, device_hash)
      values (${r.wardId}, ${r.code}, ${r.reporterKeyHash}, ${r.categoryId}, ${r.description},
        ${JSON.stringify(r.answers)}::jsonb, ${r.latitude}::double precision, ${r.longitude}::double precision,
        ${r.locationSource}, ${r.address}, ${r.residentialGroupId}::uuid, 'new', ${r.unitId}, ${r.dueOn}::date,
        ${r.sensitive}, ${r.source}, ${r.apiKeyId}::uuid, ${r.externalAccountId}, ${r.mediaUrl}, ${r.deviceHash})
      on conflict (ward_id, code) do nothing
      returning id, ward_id, code, token, unit_id, due_on, version
    ), submitted as (
      insert into ${feedbackUpdates} (ward_id, report_id, kind, status_to, is_public, author_kind, author_id)
      select ward_id, id, 'submitted', 'new', true, ${r.authorKind}::text, ${r.authorId}::uuid from report
    )
    select id, code, token::text, unit_id as "unitId", due_on::text as "dueOn", version from report`);
  return rowsOf<SubmittedReport>(result)[0];
}

function submitterActor(wardId: string, origin: ReportOrigin): Actor {
  if (origin.source === "staff") return origin.actor;
  return {
    userId: null,
    name: origin.source === "open311" ? "Ứng dụng Open311" : "Người phản ánh",
    wardId,
    role: "viewer",
    unitId: null,
  };
}

async function checkDeviceLimit(db: Db, deviceHash: string): Promise<void> {
  const since = new Date(Date.now() - 3_600_000);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feedbackReports)
    .where(and(eq(feedbackReports.deviceHash, deviceHash), gte(feedbackReports.createdAt, since)));
  if ((row?.n ?? 0) >= DEVICE_REPORTS_PER_HOUR)
    throw new AppError(
      "RATE_LIMITED",
      `Thiết bị này đã gửi ${DEVICE_REPORTS_PER_HOUR} phản ánh trong một giờ. Vui lòng thử lại sau.`,
      429,
    );
}

/** A report by its tracking code (any ward: codes are unique across wards). */
export async function reportByCode(db: Db, code: string, wardId?: string): Promise<ReportRow | undefined> {
  const [row] = await db
    .select()
    .from(feedbackReports)
    .where(
      wardId ? and(eq(feedbackReports.code, code), eq(feedbackReports.wardId, wardId)) : eq(feedbackReports.code, code),
    );
  return row;
}

export async function reportById(db: Db, wardId: string, id: string, forUpdate = false): Promise<ReportRow> {
  const query = db
    .select()
    .from(feedbackReports)
    .where(and(eq(feedbackReports.wardId, wardId), eq(feedbackReports.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy phản ánh");
  return row;
}

/** Whether the reporter's key opens this report. Constant-time: a key is not guessed byte by byte. */
export function reporterKeyOpens(report: ReportRow, key: string): boolean {
  const a = Buffer.from(report.reporterKeyHash, "hex");
  const b = Buffer.from(sha256(key), "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Until when a report closed as fixed may be reopened by its reporter (null: it may not). */
export function reopenUntil(report: Pick<ReportRow, "status" | "closedAt">): Date | null {
  if (report.status !== "fixed" || !report.closedAt) return null;
  return new Date(report.closedAt.getTime() + REOPEN_WINDOW_DAYS * 86_400_000);
}

const reporterActor = (wardId: string): Actor => ({
  userId: null,
  name: "Người phản ánh",
  wardId,
  role: "viewer",
  unitId: null,
});

/** The reporter adds information (and photos): a public entry on the timeline. */
export async function addReporterInformation(
  db: Db,
  store: FileStore,
  code: string,
  key: string,
  text: string,
  photos: CheckedUpload[],
): Promise<ReportRow> {
  const found = await reportByCode(db, code);
  if (!found || !reporterKeyOpens(found, key))
    throw notFound("Không tìm thấy phản ánh, hoặc đường dẫn theo dõi không đúng");
  const actor = reporterActor(found.wardId);
  return db.transaction(async (tx) => {
    const report = await reportById(tx, found.wardId, found.id, true);
    const [update] = await tx
      .insert(feedbackUpdates)
      .values({
        wardId: report.wardId,
        reportId: report.id,
        kind: "reporter_info",
        body: text,
        isPublic: true,
        authorKind: "reporter",
      })
      .returning({ id: feedbackUpdates.id });
    if (!update) throw new Error("update insert returned nothing");
    if (photos.length)
      await attachUploads(tx, store, actor, { type: "feedback_update", id: update.id }, photos, { isPublic: true });
    const [after] = await tx
      .update(feedbackReports)
      .set({ updatedAt: new Date(), version: report.version + 1 })
      .where(eq(feedbackReports.id, report.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "feedback.reporter_info",
      entityType: "feedback_report",
      entityId: report.id,
      before: null,
      after: { updateId: update.id, photos: photos.length },
    });
    if (!after) throw notFound();
    return after;
  });
}

/** The reporter reopens a report closed as fixed that was not, within the window. */
export async function reopenByReporter(db: Db, code: string, key: string, reason: string): Promise<ReportRow> {
  const found = await reportByCode(db, code);
  if (!found || !reporterKeyOpens(found, key))
    throw notFound("Không tìm thấy phản ánh, hoặc đường dẫn theo dõi không đúng");
  const actor = reporterActor(found.wardId);
  return db.transaction(async (tx) => {
    const report = await reportById(tx, found.wardId, found.id, true);
    const until = reopenUntil(report);
    if (!until) throw conflict("Chỉ mở lại được phản ánh đã được báo là xử lý xong.");
    if (until.getTime() < Date.now())
      throw conflict(`Đã quá ${REOPEN_WINDOW_DAYS} ngày kể từ khi phản ánh được đóng: hãy gửi phản ánh mới.`);
    const today = todayInVietnam();
    const [category] = await tx
      .select()
      .from(feedbackCategories)
      .where(and(eq(feedbackCategories.wardId, report.wardId), eq(feedbackCategories.id, report.categoryId)));
    const [after] = await tx
      .update(feedbackReports)
      .set({
        status: "confirmed",
        closedAt: null,
        // A fresh deadline: the unit gets the category's time again to do what it said it did.
        dueOn: dueDate(today, category?.slaDays ?? 5),
        updatedAt: new Date(),
        version: report.version + 1,
      })
      .where(eq(feedbackReports.id, report.id))
      .returning();
    if (!after) throw notFound();
    await tx.insert(feedbackUpdates).values({
      wardId: report.wardId,
      reportId: report.id,
      kind: "reopened",
      statusFrom: report.status,
      statusTo: "confirmed",
      body: reason,
      isPublic: true,
      authorKind: "reporter",
    });
    await recordAudit(tx, actor, {
      action: "feedback.reopen",
      entityType: "feedback_report",
      entityId: report.id,
      before: { status: report.status },
      after: { status: "confirmed", dueOn: after.dueOn },
    });
    await notifyReporter(tx, after, {
      subject: `Phản ánh ${after.code} đã được mở lại`,
      lines: [`Phản ánh ${after.code} đã được mở lại theo đề nghị của bạn. Hạn xử lý mới: ${after.dueOn}.`],
    });
    return after;
  });
}

/**
 * Queues an email to the reporter, if they left one and asked to be told, in the caller's
 * transaction (mail.ts sends it after the commit). The address is read at sending time, so a
 * contact erased meanwhile gets nothing.
 */
export async function notifyReporter(
  tx: Db,
  report: ReportRow,
  message: { subject: string; lines: string[] },
): Promise<void> {
  const [contact] = await tx
    .select({ notify: feedbackContacts.notify, email: feedbackContacts.email })
    .from(feedbackContacts)
    .where(and(eq(feedbackContacts.wardId, report.wardId), eq(feedbackContacts.reportId, report.id)));
  if (!contact?.notify || !contact.email) return;
  await tx.insert(feedbackOutbox).values({
    wardId: report.wardId,
    reportId: report.id,
    subject: message.subject,
    body: [
      ...message.lines,
      "",
      `Trạng thái: ${REPORT_STATUS_LABELS[report.status as ReportStatus]}.`,
      `Theo dõi phản ánh: /phan-anh/${report.code}`,
      "",
      "Bạn nhận thư này vì đã đồng ý nhận thông báo khi gửi phản ánh. Để thôi nhận, trả lời thư này hoặc liên hệ UBND phường.",
    ].join("\n"),
  });
}

export { isOpenStatus };

/** Reports with their categories' indicator: which (indicator, group, period) a change touches. */
export async function reportsByIds(db: Db, wardId: string, ids: string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(feedbackReports)
    .where(and(eq(feedbackReports.wardId, wardId), inArray(feedbackReports.id, ids)));
}
