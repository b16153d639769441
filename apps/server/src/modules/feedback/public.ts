import { and, asc, desc, eq, gte, inArray, isNotNull, or, sql } from "drizzle-orm";
import {
  CLOSED_REPORT_STATUSES,
  NEARBY_REPORT_METRES,
  OPEN_REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  REPORT_STATUS_LABELS_EN,
  blurCoordinate,
  isOpenStatus,
  metresBetween,
  type PublicCategoryList,
  type PublicLanguage,
  type PublicReport,
  type PublicReportList,
  type PublicReportSummary,
  type ReportStatus,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam } from "../../lib/actor.js";
import { notFound } from "../../lib/errors.js";
import { attachmentOwner, publicAttachmentsOf, readPublicFile } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { wardById } from "../identity/service.js";
import { taskLabels } from "../plan/service.js";
import {
  answerText,
  consentText,
  loadRefs,
  reopenUntil,
  reportTitle,
  type FeedbackRefs,
  type ReportRow,
} from "./service.js";
import { feedbackReports, feedbackUpdates } from "./tables.js";

/**
 * What the public sees of reports: never a name, phone, email, device or key; a sensitive
 * report's place only roughly; photos only once staff accepted the report.
 */

export const PUBLIC_PAGE_SIZE = 20;
/** The public map shows open reports and those closed in the last 30 days. */
const MAP_CLOSED_DAYS = 30;
/** At most this many points on the public map (the newest). */
const MAP_MAX_POINTS = 5_000;

const statusLabel = (status: ReportStatus, lang: PublicLanguage) =>
  (lang === "en" ? REPORT_STATUS_LABELS_EN : REPORT_STATUS_LABELS)[status];

export const publicPhotoUrl = (fileId: string, wardCode: string) =>
  `/api/public/feedback/photos/${fileId}?ward=${wardCode}`;

export function publicLocation(r: ReportRow): PublicReportSummary["location"] {
  if (r.latitude === null || r.longitude === null) return null;
  return r.sensitive
    ? { lat: blurCoordinate(r.latitude), lng: blurCoordinate(r.longitude), approximate: true }
    : { lat: r.latitude, lng: r.longitude, approximate: false };
}

function publicSummary(r: ReportRow, refs: FeedbackRefs, lang: PublicLanguage): PublicReportSummary {
  const category = refs.categories.get(r.categoryId);
  const status = r.status as ReportStatus;
  return {
    code: r.code,
    category: { code: category?.code ?? "", name: category?.name ?? "" },
    title: reportTitle(category?.name ?? "", r.description),
    status,
    statusLabel: statusLabel(status, lang),
    open: isOpenStatus(status),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    residentialGroup: r.residentialGroupId ? (refs.units.get(r.residentialGroupId)?.name ?? null) : null,
    late: isOpenStatus(status) && r.dueOn < todayInVietnam(),
    location: publicLocation(r),
  };
}

/** The report form's data: categories and their questions, groups, the map's centre, consent. */
export async function buildPublicCategories(
  db: Db,
  ward: { id: string; code: string; name: string },
  retentionDays: number,
): Promise<PublicCategoryList> {
  const [refs, wardRow] = await Promise.all([loadRefs(db, ward.id), wardById(db, ward.id)]);
  const active = [...refs.categories.values()].filter((c) => c.active);
  const tasks = await taskLabels(
    db,
    ward.id,
    active.flatMap((c) => (c.taskId ? [c.taskId] : [])),
  );
  return {
    ward: { code: ward.code, name: ward.name },
    categories: active.map((c) => {
      const unit = refs.units.get(c.unitId);
      const task = c.taskId ? tasks.get(c.taskId) : undefined;
      return {
        code: c.code,
        name: c.name,
        description: c.description,
        group: c.groupName,
        questions: c.questions,
        slaDays: c.slaDays,
        unit: { code: unit?.code ?? "", name: unit?.name ?? "", shortName: unit?.shortName ?? "" },
        task: task ? { code: task.code, ref: task.ref, title: task.title } : null,
        sensitive: c.sensitive,
      };
    }),
    residentialGroups: [...refs.units.values()]
      .filter((u) => u.kind === "residential_group" && u.active)
      .map((u) => ({ code: u.code, name: u.name })),
    centre:
      wardRow?.latitude != null && wardRow.longitude != null ? { lat: wardRow.latitude, lng: wardRow.longitude } : null,
    consent: { text: consentText(retentionDays), retentionDays },
  };
}

const OPEN = OPEN_REPORT_STATUSES as readonly string[];
const CLOSED = CLOSED_REPORT_STATUSES as readonly string[];

export async function buildPublicReportList(
  db: Db,
  wardId: string,
  lang: PublicLanguage,
  query: { status: "open" | "closed" | "all"; category?: string | undefined; page: number },
): Promise<PublicReportList> {
  const refs = await loadRefs(db, wardId);
  const category = query.category ? refs.categoriesByCode.get(query.category) : undefined;
  if (query.category && !category) return { total: 0, page: query.page, pageSize: PUBLIC_PAGE_SIZE, reports: [] };
  const where = and(
    eq(feedbackReports.wardId, wardId),
    query.status === "open"
      ? inArray(feedbackReports.status, [...OPEN])
      : query.status === "closed"
        ? inArray(feedbackReports.status, [...CLOSED])
        : undefined,
    category ? eq(feedbackReports.categoryId, category.id) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(feedbackReports)
      .where(where)
      .orderBy(desc(feedbackReports.createdAt), asc(feedbackReports.code))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((query.page - 1) * PUBLIC_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(feedbackReports)
      .where(where),
  ]);
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: PUBLIC_PAGE_SIZE,
    reports: rows.map((r) => publicSummary(r, refs, lang)),
  };
}

/** GeoJSON of the public map. */
export async function buildPublicReportMap(db: Db, wardId: string, lang: PublicLanguage) {
  const refs = await loadRefs(db, wardId);
  const since = new Date(Date.now() - MAP_CLOSED_DAYS * 86_400_000);
  const rows = await db
    .select()
    .from(feedbackReports)
    .where(
      and(
        eq(feedbackReports.wardId, wardId),
        isNotNull(feedbackReports.latitude),
        or(inArray(feedbackReports.status, [...OPEN]), gte(feedbackReports.closedAt, since)),
      ),
    )
    .orderBy(desc(feedbackReports.createdAt))
    .limit(MAP_MAX_POINTS);
  return {
    type: "FeatureCollection" as const,
    features: rows.flatMap((r) => {
      const location = publicLocation(r);
      if (!location) return [];
      const status = r.status as ReportStatus;
      const category = refs.categories.get(r.categoryId);
      return [
        {
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [location.lng, location.lat] as [number, number] },
          properties: {
            code: r.code,
            category: category?.code ?? "",
            categoryName: category?.name ?? "",
            status,
            statusLabel: statusLabel(status, lang),
            open: isOpenStatus(status),
            approximate: location.approximate,
          },
        },
      ];
    }),
  };
}

/** Open reports of the category near a point: "already reported — follow this one instead". */
export async function nearbyReports(
  db: Db,
  wardId: string,
  lang: PublicLanguage,
  query: { category: string; lat: number; lng: number },
): Promise<{ reports: PublicReportSummary[] }> {
  const refs = await loadRefs(db, wardId);
  const category = refs.categoriesByCode.get(query.category);
  if (!category) return { reports: [] };
  // A box first (an index-friendly prefilter), the exact distance after.
  const dLat = NEARBY_REPORT_METRES / 111_000;
  const dLng = dLat / Math.max(0.1, Math.cos((query.lat * Math.PI) / 180));
  const rows = await db
    .select()
    .from(feedbackReports)
    .where(
      and(
        eq(feedbackReports.wardId, wardId),
        eq(feedbackReports.categoryId, category.id),
        inArray(feedbackReports.status, [...OPEN]),
        sql`${feedbackReports.latitude} between ${query.lat - dLat} and ${query.lat + dLat}`,
        sql`${feedbackReports.longitude} between ${query.lng - dLng} and ${query.lng + dLng}`,
      ),
    )
    .limit(200);
  return {
    reports: rows
      .map((r) => ({ r, d: metresBetween(query, { lat: r.latitude ?? 0, lng: r.longitude ?? 0 }) }))
      .filter((x) => x.d <= NEARBY_REPORT_METRES)
      .sort((a, b) => a.d - b.d)
      .slice(0, 5)
      .map(({ r, d }) => ({
        ...publicSummary(r, refs, lang),
        // A sensitive report says "nearby" without telling how near.
        ...(r.sensitive ? {} : { distanceMetres: Math.round(d) }),
      })),
  };
}

/** One report as its follower sees it: the timeline of public entries, the unit, the deadline. */
export async function buildPublicReport(
  db: Db,
  ward: { id: string; code: string },
  lang: PublicLanguage,
  code: string,
): Promise<PublicReport> {
  const [report] = await db
    .select()
    .from(feedbackReports)
    .where(and(eq(feedbackReports.wardId, ward.id), eq(feedbackReports.code, code)));
  if (!report) throw notFound("Không tìm thấy phản ánh");
  const [refs, updates] = await Promise.all([
    loadRefs(db, ward.id),
    db
      .select()
      .from(feedbackUpdates)
      .where(
        and(
          eq(feedbackUpdates.wardId, ward.id),
          eq(feedbackUpdates.reportId, report.id),
          eq(feedbackUpdates.isPublic, true),
        ),
      )
      .orderBy(asc(feedbackUpdates.createdAt), asc(feedbackUpdates.id)),
  ]);
  const category = refs.categories.get(report.categoryId);
  const accepted = report.confirmedAt !== null;
  const [reportPhotos, updatePhotos, tasks, original] = await Promise.all([
    accepted ? publicAttachmentsOf(db, ward.id, "feedback_report", [report.id]) : Promise.resolve([]),
    publicAttachmentsOf(
      db,
      ward.id,
      "feedback_update",
      updates.filter((u) => accepted || u.authorKind === "staff").map((u) => u.id),
    ),
    taskLabels(db, ward.id, category?.taskId ? [category.taskId] : []),
    report.duplicateOfId
      ? db
          .select({ code: feedbackReports.code })
          .from(feedbackReports)
          .where(and(eq(feedbackReports.wardId, ward.id), eq(feedbackReports.id, report.duplicateOfId)))
      : Promise.resolve([]),
  ]);
  const photosOf = (ownerId: string) =>
    updatePhotos
      .filter((p) => p.ownerId === ownerId)
      .map((p) => publicPhotoUrl(p.fileId, ward.code))
      .reverse();
  const unit = refs.units.get(report.unitId);
  const task = category?.taskId ? tasks.get(category.taskId) : undefined;
  const until = reopenUntil(report);
  return {
    ...publicSummary(report, refs, lang),
    description: report.description,
    answers: (category?.questions ?? []).flatMap((q) => {
      const value = report.answers[q.code];
      return value === undefined ? [] : [{ label: q.label, value: answerText(q, value) }];
    }),
    address: report.address,
    unit: { code: unit?.code ?? "", name: unit?.name ?? "", shortName: unit?.shortName ?? "" },
    task: task ? { code: task.code, ref: task.ref, title: task.title } : null,
    dueOn: report.dueOn,
    closedAt: report.closedAt?.toISOString() ?? null,
    reopenUntil: until && until.getTime() > Date.now() ? until.toISOString() : null,
    duplicateOf: original[0]?.code ?? null,
    photos: reportPhotos.map((p) => publicPhotoUrl(p.fileId, ward.code)).reverse(),
    timeline: updates.map((u) => {
      const to = (u.statusTo as ReportStatus | null) ?? null;
      const kind =
        u.kind === "submitted" || u.kind === "reporter_info" || u.kind === "reopened"
          ? u.kind
          : u.kind === "status" || u.kind === "merged"
            ? "status"
            : "response";
      return {
        at: u.createdAt.toISOString(),
        kind,
        status: to,
        statusLabel: to ? statusLabel(to, lang) : null,
        by:
          u.authorKind === "reporter"
            ? lang === "en"
              ? "Reporter"
              : "Người phản ánh"
            : u.authorKind === "open311" && u.kind === "submitted"
              ? lang === "en"
                ? "Reporter (app)"
                : "Người phản ánh (qua ứng dụng)"
              : ((u.unitId ? refs.units.get(u.unitId)?.name : undefined) ??
                (lang === "en" ? "Ward People's Committee" : "UBND phường")),
        text: u.kind === "submitted" ? null : u.body,
        photos: photosOf(u.id),
      };
    }),
  };
}

/**
 * A report's photo for the public: only one attached to a report staff accepted (or to a staff
 * answer), and not hidden. Anything else is "not found", whether it exists or not.
 */
export async function readPublicReportPhoto(db: Db, store: FileStore, wardId: string, fileId: string) {
  const owner = await attachmentOwner(db, wardId, ["feedback_report", "feedback_update"], fileId);
  if (!owner || !owner.isPublic) throw notFound("Không tìm thấy ảnh");
  const reportId =
    owner.ownerType === "feedback_report"
      ? owner.ownerId
      : (
          await db
            .select({ reportId: feedbackUpdates.reportId, authorKind: feedbackUpdates.authorKind })
            .from(feedbackUpdates)
            .where(and(eq(feedbackUpdates.wardId, wardId), eq(feedbackUpdates.id, owner.ownerId)))
        )[0]?.reportId;
  if (!reportId) throw notFound("Không tìm thấy ảnh");
  const [report] = await db
    .select({ confirmedAt: feedbackReports.confirmedAt })
    .from(feedbackReports)
    .where(and(eq(feedbackReports.wardId, wardId), eq(feedbackReports.id, reportId)));
  if (!report?.confirmedAt) throw notFound("Không tìm thấy ảnh");
  return readPublicFile(db, store, wardId, owner.ownerType, fileId);
}

/** Reports of a ward: counts and handling time per category, for the public plan page. */
export type CategoryHandling = {
  code: string;
  name: string;
  taskCode: string | null;
  total: number;
  open: number;
  closed: number;
  medianDays: number | null;
};

export async function handlingByCategory(db: Db, wardId: string): Promise<CategoryHandling[]> {
  const refs = await loadRefs(db, wardId);
  const openList = sql.join(
    OPEN.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = await db
    .select({
      categoryId: feedbackReports.categoryId,
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${feedbackReports.status} in (${openList}))::int`,
      medianDays: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (${feedbackReports.closedAt} - ${feedbackReports.createdAt})) / 86400) filter (where ${feedbackReports.closedAt} is not null and ${feedbackReports.status} <> 'duplicate')`,
    })
    .from(feedbackReports)
    .where(eq(feedbackReports.wardId, wardId))
    .groupBy(feedbackReports.categoryId);
  const byCategory = new Map(rows.map((r) => [r.categoryId, r]));
  const tasks = await taskLabels(
    db,
    wardId,
    [...refs.categories.values()].flatMap((c) => (c.taskId ? [c.taskId] : [])),
  );
  return [...refs.categories.values()]
    .filter((c) => c.active || byCategory.has(c.id))
    .map((c) => {
      const r = byCategory.get(c.id);
      return {
        code: c.code,
        name: c.name,
        taskCode: c.taskId ? (tasks.get(c.taskId)?.code ?? null) : null,
        total: r?.total ?? 0,
        open: r?.open ?? 0,
        closed: (r?.total ?? 0) - (r?.open ?? 0),
        medianDays: r?.medianDays == null ? null : Math.round(Number(r.medianDays) * 10) / 10,
      };
    });
}
