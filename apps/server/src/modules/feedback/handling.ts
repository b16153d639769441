import { and, asc, desc, eq, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import {
  REPORT_STATUS_LABELS,
  CLOSED_REPORT_STATUSES,
  OPEN_REPORT_STATUSES,
  addWorkingDays,
  isOpenStatus,
  type ReportAction,
  type ReportStatus,
  type StaffReportDetail,
  type StaffReportList,
  type StaffReportListQuery,
  type StaffReportSummary,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { attachmentsOf, setAttachmentPublic } from "../files/service.js";
import { can } from "../identity/policy.js";
import { userNames } from "../identity/service.js";
import { taskLabels } from "../plan/service.js";
import {
  answerText,
  dueDate,
  loadRefs,
  notifyReporter,
  reportByCode,
  reportById,
  routeUnit,
  type FeedbackRefs,
  type ReportRow,
} from "./service.js";
import { recountIndicatorPeriod } from "./indicator-counts.js";
import { feedbackContacts, feedbackReports, feedbackUpdates } from "./tables.js";

/** A report is "due soon" when its deadline is within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;

/** What the staff list reads: everything but the secrets. */
const OPEN = OPEN_REPORT_STATUSES as readonly string[];
const CLOSED = CLOSED_REPORT_STATUSES as readonly string[];

function mayRead(actor: Actor): void {
  if (!can.readStaff(actor)) throw forbidden();
}

function queueCondition(actor: Actor, queue: StaffReportListQuery["queue"], today: string): SQL | undefined {
  const dueSoonLimit = addWorkingDays(today, DUE_SOON_WORKING_DAYS);
  switch (queue) {
    case "new":
      return eq(feedbackReports.status, "new");
    case "open":
      return inArray(feedbackReports.status, [...OPEN]);
    case "closed":
      return inArray(feedbackReports.status, [...CLOSED]);
    case "overdue":
      return and(inArray(feedbackReports.status, [...OPEN]), sql`${feedbackReports.dueOn} < ${today}`);
    case "due_soon":
      return and(
        inArray(feedbackReports.status, [...OPEN]),
        sql`${feedbackReports.dueOn} >= ${today}`,
        lte(feedbackReports.dueOn, dueSoonLimit),
      );
    case "mine":
      return and(
        inArray(feedbackReports.status, [...OPEN]),
        actor.userId
          ? or(
              eq(feedbackReports.assigneeId, actor.userId),
              actor.unitId ? eq(feedbackReports.unitId, actor.unitId) : undefined,
            )
          : sql`false`,
      );
    default:
      return undefined;
  }
}

/** Hộp thư phản ánh: a queue, filters and a page, with the counts the tabs show. */
export async function listStaffReports(db: Db, actor: Actor, query: StaffReportListQuery): Promise<StaffReportList> {
  mayRead(actor);
  const today = todayInVietnam();
  const ward = eq(feedbackReports.wardId, actor.wardId);
  const filters: (SQL | undefined)[] = [
    ward,
    queueCondition(actor, query.queue, today),
    query.status ? eq(feedbackReports.status, query.status) : undefined,
    query.category ? eq(feedbackReports.categoryId, query.category) : undefined,
    query.unit ? eq(feedbackReports.unitId, query.unit) : undefined,
    query.residentialGroup ? eq(feedbackReports.residentialGroupId, query.residentialGroup) : undefined,
  ];
  if (query.q) {
    const q = query.q.replace(/[%_\\]/g, (c) => `\\${c}`);
    filters.push(
      or(
        ilike(feedbackReports.code, `%${q}%`),
        ilike(feedbackReports.description, `%${q}%`),
        ilike(feedbackReports.address, `%${q}%`),
      ),
    );
  }
  const where = and(...filters);
  const dueSoonLimit = addWorkingDays(today, DUE_SOON_WORKING_DAYS);
  const openList = sql.join(
    OPEN.map((s) => sql`${s}`),
    sql`, `,
  );
  const [refs, rows, [totals], [counts]] = await Promise.all([
    loadRefs(db, actor.wardId),
    db
      .select()
      .from(feedbackReports)
      .where(where)
      .orderBy(
        query.queue === "closed" ? desc(feedbackReports.updatedAt) : asc(feedbackReports.dueOn),
        desc(feedbackReports.createdAt),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(feedbackReports)
      .where(where),
    db
      .select({
        new: sql<number>`count(*) filter (where ${feedbackReports.status} = 'new')::int`,
        open: sql<number>`count(*) filter (where ${feedbackReports.status} in (${openList}))::int`,
        dueSoon: sql<number>`count(*) filter (where ${feedbackReports.status} in (${openList}) and ${feedbackReports.dueOn} >= ${today} and ${feedbackReports.dueOn} <= ${dueSoonLimit})::int`,
        overdue: sql<number>`count(*) filter (where ${feedbackReports.status} in (${openList}) and ${feedbackReports.dueOn} < ${today})::int`,
      })
      .from(feedbackReports)
      .where(ward),
  ]);
  const names = await userNames(
    db,
    actor.wardId,
    rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])),
  );
  return {
    total: totals?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    counts: {
      new: counts?.new ?? 0,
      open: counts?.open ?? 0,
      dueSoon: counts?.dueSoon ?? 0,
      overdue: counts?.overdue ?? 0,
    },
    reports: rows.map((r) => staffSummary(r, refs, names, today)),
  };
}

export function staffSummary(
  r: ReportRow,
  refs: FeedbackRefs,
  names: Map<string, string>,
  today: string,
): StaffReportSummary {
  const category = refs.categories.get(r.categoryId);
  const unit = refs.units.get(r.unitId);
  const group = r.residentialGroupId ? refs.units.get(r.residentialGroupId) : undefined;
  const status = r.status as ReportStatus;
  const open = isOpenStatus(status);
  return {
    id: r.id,
    code: r.code,
    category: { id: r.categoryId, code: category?.code ?? "", name: category?.name ?? "" },
    description: r.description,
    status,
    statusLabel: REPORT_STATUS_LABELS[status],
    unit: { id: r.unitId, name: unit?.name ?? "" },
    assignee: r.assigneeId ? { id: r.assigneeId, name: names.get(r.assigneeId) ?? "" } : null,
    residentialGroup: group ? { id: group.id, name: group.name } : null,
    address: r.address,
    lat: r.latitude,
    lng: r.longitude,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    dueOn: r.dueOn,
    late: open && r.dueOn < today,
    dueSoon: open && r.dueOn >= today && r.dueOn <= addWorkingDays(today, DUE_SOON_WORKING_DAYS),
    source: r.source as StaffReportSummary["source"],
    sensitive: r.sensitive,
  };
}

const staffPhotoUrl = (id: string) => `/api/feedback/photos/${id}`;

/**
 * One report for staff. Its reporter's contact only for those who handle it, and reading it is
 * itself recorded (Law 91/2025: who saw personal data must be known after a breach).
 */
export async function getStaffReport(db: Db, actor: Actor, id: string): Promise<StaffReportDetail> {
  mayRead(actor);
  const report = await reportById(db, actor.wardId, id);
  const [refs, updates, duplicates] = await Promise.all([
    loadRefs(db, actor.wardId),
    db
      .select()
      .from(feedbackUpdates)
      .where(and(eq(feedbackUpdates.wardId, actor.wardId), eq(feedbackUpdates.reportId, id)))
      .orderBy(asc(feedbackUpdates.createdAt), asc(feedbackUpdates.id)),
    db
      .select({ id: feedbackReports.id, code: feedbackReports.code })
      .from(feedbackReports)
      .where(and(eq(feedbackReports.wardId, actor.wardId), eq(feedbackReports.duplicateOfId, id))),
  ]);
  const category = refs.categories.get(report.categoryId);
  const mayContact = can.seeReporterContact(actor, report.unitId);
  const [names, reportPhotos, updatePhotos, original, contactRow, tasks] = await Promise.all([
    userNames(db, actor.wardId, [
      ...(report.assigneeId ? [report.assigneeId] : []),
      ...updates.flatMap((u) => (u.authorId ? [u.authorId] : [])),
    ]),
    attachmentsOf(db, actor.wardId, "feedback_report", [id]),
    attachmentsOf(
      db,
      actor.wardId,
      "feedback_update",
      updates.map((u) => u.id),
    ),
    report.duplicateOfId ? reportById(db, actor.wardId, report.duplicateOfId) : Promise.resolve(null),
    mayContact
      ? db
          .select()
          .from(feedbackContacts)
          .where(and(eq(feedbackContacts.wardId, actor.wardId), eq(feedbackContacts.reportId, id)))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    taskLabels(db, actor.wardId, category?.taskId ? [category.taskId] : []),
  ]);
  if (contactRow && !contactRow.erasedAt && (contactRow.name || contactRow.phone || contactRow.email))
    await recordAudit(db, actor, {
      action: "feedback.contact.view",
      entityType: "feedback_report",
      entityId: id,
      before: null,
      after: { code: report.code },
    });
  const today = todayInVietnam();
  const task = category?.taskId ? tasks.get(category.taskId) : undefined;
  return {
    ...staffSummary(report, refs, names, today),
    version: report.version,
    answers: (category?.questions ?? []).flatMap((q) => {
      const value = report.answers[q.code];
      return value === undefined ? [] : [{ code: q.code, label: q.label, value: answerText(q, value) }];
    }),
    locationSource: report.locationSource as StaffReportDetail["locationSource"],
    duplicateOf: original ? { id: original.id, code: original.code } : null,
    duplicates,
    photos: (reportPhotos.get(id) ?? []).map((f) => ({ id: f.id, url: staffPhotoUrl(f.id), hidden: !f.isPublic })),
    contact: mayContact
      ? {
          name: contactRow?.name ?? null,
          phone: contactRow?.phone ?? null,
          email: contactRow?.email ?? null,
          notify: contactRow?.notify ?? false,
          consentedAt: contactRow?.consentedAt?.toISOString() ?? null,
          erasedAt: contactRow?.erasedAt?.toISOString() ?? null,
        }
      : null,
    updates: updates.map((u) => ({
      id: u.id,
      at: u.createdAt.toISOString(),
      kind: u.kind as StaffReportDetail["updates"][number]["kind"],
      statusFrom: (u.statusFrom as ReportStatus | null) ?? null,
      statusTo: (u.statusTo as ReportStatus | null) ?? null,
      text: u.body,
      isPublic: u.isPublic,
      author:
        u.authorKind === "staff"
          ? ((u.authorId ? names.get(u.authorId) : undefined) ?? "Cán bộ")
          : u.authorKind === "reporter"
            ? "Người phản ánh"
            : u.authorKind === "open311"
              ? "Ứng dụng Open311"
              : "Hệ thống",
      photos: (updatePhotos.get(u.id) ?? []).map((f) => ({ id: f.id, url: staffPhotoUrl(f.id) })),
    })),
    can: { triage: can.triageFeedback(actor), handle: can.handleFeedback(actor, report.unitId) },
    task: task ? { code: task.code, ref: task.ref, title: task.title } : null,
  };
}

/** Which acts need triage (the Office, leaders, admin) rather than the handling unit. */
const TRIAGE_ACTIONS = new Set<ReportAction["action"]>(["reject", "duplicate", "recategorise"]);

/** One staff act on a report, in one transaction with its timeline entry, audit and mail. */
export async function actOnReport(
  db: Db,
  actor: Actor,
  id: string,
  action: ReportAction,
  options: { author?: "staff" | "open311"; externalId?: string } = {},
): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    const report = await reportById(tx, actor.wardId, id, true);
    if (action.version !== report.version)
      throw conflict("Phản ánh đã được người khác cập nhật. Hãy tải lại rồi thử lại.");
    const triage = can.triageFeedback(actor);
    const handle = can.handleFeedback(actor, report.unitId);
    if (TRIAGE_ACTIONS.has(action.action) ? !triage : !handle)
      throw forbidden(
        TRIAGE_ACTIONS.has(action.action)
          ? "Chỉ Văn phòng hoặc lãnh đạo được phân loại, từ chối hoặc gộp phản ánh."
          : "Chỉ đơn vị được giao xử lý, Văn phòng hoặc lãnh đạo được xử lý phản ánh này.",
      );
    const refs = await loadRefs(tx, actor.wardId);
    const change = await planChange(tx, actor, report, action, refs, triage);
    const now = new Date();
    const statusTo = change.set.status ?? (report.status as ReportStatus);
    const closing = !isOpenStatus(statusTo) && isOpenStatus(report.status as ReportStatus);
    const reopening = isOpenStatus(statusTo) && !isOpenStatus(report.status as ReportStatus);
    const [after] = await tx
      .update(feedbackReports)
      .set({
        ...change.set,
        ...(closing ? { closedAt: now } : reopening ? { closedAt: null } : {}),
        ...(report.status === "new" && statusTo !== "new" && isOpenStatus(statusTo) && !report.confirmedAt
          ? { confirmedAt: now }
          : {}),
        updatedAt: now,
        version: report.version + 1,
      })
      .where(eq(feedbackReports.id, report.id))
      .returning();
    if (!after) throw notFound();
    for (const entry of change.entries)
      await tx.insert(feedbackUpdates).values({
        wardId: actor.wardId,
        reportId: report.id,
        authorKind: options.author ?? "staff",
        authorId: actor.userId,
        unitId: entry.isPublic ? after.unitId : null,
        externalId: options.externalId ?? null,
        ...entry,
      });
    await recordAudit(tx, actor, {
      action: `feedback.${action.action}`,
      entityType: "feedback_report",
      entityId: report.id,
      before: change.before,
      after: change.after,
    });
    const told = change.entries.find(
      (e) => e.isPublic && (e.kind === "status" || e.kind === "response" || e.kind === "merged"),
    );
    if (told)
      await notifyReporter(tx, after, {
        subject: `Phản ánh ${after.code}: ${REPORT_STATUS_LABELS[after.status as ReportStatus]}`,
        lines: [
          told.statusTo && told.statusTo !== report.status
            ? `Phản ánh ${after.code} của bạn chuyển sang: ${REPORT_STATUS_LABELS[told.statusTo]}.`
            : `Phản ánh ${after.code} của bạn có trả lời mới.`,
          ...(told.body ? ["", told.body] : []),
        ],
      });
    // Only what moves a count (state, category, group) recomputes it: a note or an answer does not
    // rewrite the measurement and its audit row.
    const counted = (r: ReportRow) =>
      [r.status, r.categoryId, r.residentialGroupId, r.confirmedAt?.getTime()].join("|");
    if (counted(report) !== counted(after)) await syncIndicatorCounts(tx, actor, [report, after], refs);
    return after;
  });
}

type Entry = {
  kind: StaffReportDetail["updates"][number]["kind"];
  statusFrom?: ReportStatus | null;
  statusTo?: ReportStatus | null;
  body?: string | null;
  isPublic: boolean;
};
type Change = {
  set: Partial<typeof feedbackReports.$inferInsert> & { status?: ReportStatus };
  entries: Entry[];
  before: unknown;
  after: unknown;
};

async function planChange(
  tx: Db,
  actor: Actor,
  report: ReportRow,
  action: ReportAction,
  refs: FeedbackRefs,
  triage: boolean,
): Promise<Change> {
  const from = report.status as ReportStatus;
  const statusEntry = (to: ReportStatus, body?: string): Entry => ({
    kind: "status",
    statusFrom: from,
    statusTo: to,
    body: body ?? null,
    isPublic: true,
  });
  switch (action.action) {
    case "accept": {
      if (from !== "new") throw conflict("Phản ánh đã được tiếp nhận hoặc đã đóng.");
      const groupId = action.residentialGroupId ?? report.residentialGroupId;
      if (action.residentialGroupId) {
        const group = refs.units.get(action.residentialGroupId);
        if (!group || group.kind !== "residential_group")
          throw invalid("Tổ dân phố không thuộc phường.", [{ path: "residentialGroupId", message: "Chọn tổ dân phố" }]);
      }
      requireGroupIfCounted({ ...report, residentialGroupId: groupId }, refs);
      return {
        set: { status: "confirmed", residentialGroupId: groupId },
        entries: [statusEntry("confirmed", action.response)],
        before: { status: from, residentialGroupId: report.residentialGroupId },
        after: { status: "confirmed", residentialGroupId: groupId },
      };
    }
    case "reject": {
      if (!isOpenStatus(from)) throw conflict("Phản ánh đã đóng.");
      return {
        set: { status: action.status },
        entries: [statusEntry(action.status, action.response)],
        before: { status: from },
        after: { status: action.status },
      };
    }
    case "duplicate": {
      const original = await reportByCode(tx, action.of, actor.wardId);
      if (!original)
        throw invalid("Không tìm thấy phản ánh gốc trong phường.", [{ path: "of", message: "Mã phản ánh không có" }]);
      if (original.id === report.id)
        throw invalid("Một phản ánh không thể trùng với chính nó.", [{ path: "of", message: "Chọn phản ánh khác" }]);
      if (original.status === "duplicate")
        throw invalid(`${original.code} cũng là phản ánh trùng: hãy gộp vào phản ánh gốc của nó.`, [
          { path: "of", message: "Chọn phản ánh gốc" },
        ]);
      return {
        set: { status: "duplicate", duplicateOfId: original.id },
        entries: [
          {
            kind: "merged",
            statusFrom: from,
            statusTo: "duplicate",
            body: `Phản ánh này trùng với phản ánh ${original.code}, đang được xử lý. Mời theo dõi tại phản ánh ${original.code}.`,
            isPublic: true,
          },
        ],
        before: { status: from },
        after: { status: "duplicate", duplicateOf: original.code },
      };
    }
    case "recategorise": {
      const category = refs.categories.get(action.categoryId);
      if (!category)
        throw invalid("Loại phản ánh không thuộc phường.", [
          { path: "categoryId", message: "Chọn loại trong danh sách" },
        ]);
      const unitId = await routeUnit(tx, actor.wardId, category, report.residentialGroupId);
      const dueOn = dueDate(todayInVietnam(report.createdAt), category.slaDays);
      const old = refs.categories.get(report.categoryId);
      return {
        set: { categoryId: category.id, unitId, dueOn, sensitive: report.sensitive || category.sensitive },
        entries: [
          {
            kind: "recategorised",
            body: `Chuyển loại: ${old?.name ?? ""} → ${category.name}`,
            isPublic: true,
          },
        ],
        before: { categoryId: report.categoryId, unitId: report.unitId, dueOn: report.dueOn },
        after: { categoryId: category.id, unitId, dueOn },
      };
    }
    case "move": {
      if ((action.lat === null) !== (action.lng === null))
        throw invalid("Vị trí cần cả vĩ độ và kinh độ.", [{ path: "lat", message: "Nhập cả vĩ độ và kinh độ" }]);
      if (action.residentialGroupId) {
        const group = refs.units.get(action.residentialGroupId);
        if (!group || group.kind !== "residential_group")
          throw invalid("Tổ dân phố không thuộc phường.", [{ path: "residentialGroupId", message: "Chọn tổ dân phố" }]);
      }
      return {
        set: {
          latitude: action.lat,
          longitude: action.lng,
          residentialGroupId: action.residentialGroupId,
          address: action.address,
          locationSource:
            action.lat === null ? "none" : report.locationSource === "none" ? "map" : report.locationSource,
        },
        entries: [{ kind: "moved", body: "Cán bộ cập nhật vị trí của phản ánh.", isPublic: false }],
        before: {
          lat: report.latitude,
          lng: report.longitude,
          residentialGroupId: report.residentialGroupId,
          address: report.address,
        },
        after: {
          lat: action.lat,
          lng: action.lng,
          residentialGroupId: action.residentialGroupId,
          address: action.address,
        },
      };
    }
    case "assign": {
      const unit = refs.units.get(action.unitId);
      if (!unit || unit.kind === "residential_group")
        throw invalid("Đơn vị xử lý không hợp lệ.", [{ path: "unitId", message: "Chọn đơn vị của phường" }]);
      // The handling unit may hand the report to one of its officers, not to another unit.
      if (!triage && action.unitId !== report.unitId)
        throw forbidden("Chỉ Văn phòng hoặc lãnh đạo được chuyển phản ánh sang đơn vị khác.");
      if (action.userId) {
        const names = await userNames(tx, actor.wardId, [action.userId]);
        if (!names.has(action.userId))
          throw invalid("Cán bộ không thuộc phường.", [{ path: "userId", message: "Chọn cán bộ" }]);
      }
      return {
        set: { unitId: action.unitId, assigneeId: action.userId },
        entries: [
          {
            kind: "assigned",
            body: action.unitId !== report.unitId ? `Giao ${unit.name} xử lý.` : "Phân công cán bộ xử lý.",
            isPublic: action.unitId !== report.unitId,
          },
        ],
        before: { unitId: report.unitId, assigneeId: report.assigneeId },
        after: { unitId: action.unitId, assigneeId: action.userId },
      };
    }
    case "status": {
      if (action.status === from)
        throw invalid("Phản ánh đang ở trạng thái này.", [{ path: "status", message: "Chọn trạng thái khác" }]);
      if (action.status === "new")
        throw invalid("Không thể đưa phản ánh về trạng thái chờ tiếp nhận.", [
          { path: "status", message: "Chọn trạng thái khác" },
        ]);
      if (action.status === "duplicate")
        throw invalid("Đánh dấu trùng bằng thao tác gộp, để người phản ánh theo dõi được phản ánh gốc.", [
          { path: "status", message: "Dùng thao tác Đánh dấu trùng" },
        ]);
      if ((action.status === "not_responsible" || action.status === "internal_referral") && !triage)
        throw forbidden("Chỉ Văn phòng hoặc lãnh đạo được trả lời phản ánh không thuộc thẩm quyền.");
      if (from === "new") requireGroupIfCounted(report, refs);
      return {
        set: { status: action.status, duplicateOfId: null },
        entries: [statusEntry(action.status, action.response)],
        before: { status: from },
        after: { status: action.status },
      };
    }
    case "respond":
      return {
        set: {},
        entries: [{ kind: "response", body: action.response, isPublic: true }],
        before: null,
        after: { response: true },
      };
    case "note":
      return {
        set: {},
        entries: [{ kind: "note", body: action.text, isPublic: false }],
        before: null,
        after: { note: true },
      };
    case "sensitive":
      return {
        set: { sensitive: action.sensitive },
        entries: [
          {
            kind: "note",
            body: action.sensitive ? "Đánh dấu nhạy cảm: vị trí công khai được làm mờ." : "Bỏ đánh dấu nhạy cảm.",
            isPublic: false,
          },
        ],
        before: { sensitive: report.sensitive },
        after: { sensitive: action.sensitive },
      };
    case "photo": {
      const owners = await tx
        .select({ id: feedbackUpdates.id })
        .from(feedbackUpdates)
        .where(and(eq(feedbackUpdates.wardId, actor.wardId), eq(feedbackUpdates.reportId, report.id)));
      const done =
        (await setAttachmentPublic(tx, actor.wardId, "feedback_report", [report.id], action.fileId, !action.hidden)) ??
        (await setAttachmentPublic(
          tx,
          actor.wardId,
          "feedback_update",
          owners.map((o) => o.id),
          action.fileId,
          !action.hidden,
        ));
      if (!done) throw notFound("Ảnh không thuộc phản ánh này");
      return {
        set: {},
        entries: [
          {
            kind: "note",
            body: action.hidden ? "Ẩn một ảnh khỏi trang công khai." : "Hiện lại một ảnh trên trang công khai.",
            isPublic: false,
          },
        ],
        before: { fileId: action.fileId, hidden: !done.wasPublic },
        after: { fileId: action.fileId, hidden: action.hidden },
      };
    }
  }
}

/** A report that counts toward an indicator per residential group needs its group first. */
function requireGroupIfCounted(report: ReportRow, refs: FeedbackRefs): void {
  const category = refs.categories.get(report.categoryId);
  if (category?.indicatorId && !report.residentialGroupId)
    throw invalid("Chọn tổ dân phố của phản ánh khi tiếp nhận: phản ánh này được tính vào chỉ tiêu theo tổ dân phố.", [
      { path: "residentialGroupId", message: "Chưa có tổ dân phố" },
    ]);
}

/**
 * Confirmed reports of a category linked to an indicator (straw burning) count toward it, for
 * their residential group and period (recountIndicatorPeriod).
 */
export async function syncIndicatorCounts(
  tx: Db,
  actor: Actor,
  reports: ReportRow[],
  refs: FeedbackRefs,
): Promise<void> {
  const keys = new Map<string, { indicatorId: string; groupId: string; day: string }>();
  for (const r of reports) {
    const indicatorId = refs.categories.get(r.categoryId)?.indicatorId;
    if (!indicatorId || !r.residentialGroupId) continue;
    const day = todayInVietnam(r.createdAt);
    // Per month at the finest: two reports of one month share a period whatever the frequency.
    keys.set(`${indicatorId}|${r.residentialGroupId}|${day.slice(0, 7)}`, {
      indicatorId,
      groupId: r.residentialGroupId,
      day,
    });
  }
  for (const { indicatorId, groupId, day } of keys.values())
    await recountIndicatorPeriod(tx, actor, indicatorId, groupId, day);
}
