import { and, asc, eq } from "drizzle-orm";
import {
  nextReportPeriod,
  parseReportPeriod,
  reportPeriodLabel,
  reportWindow,
  type ReportFigures,
  type ReportSections,
  type UnitReportDetail,
  type UnitReportRow,
  type UnitReportStatus,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { listHistory, recordAudit } from "../audit/service.js";
import { attachmentsOf, attachUploads, checkUpload, type Upload } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { can } from "../identity/policy.js";
import { listUnits } from "../identity/service.js";
import { notifyUnit } from "../notifications/service.js";
import { listTaskStatuses } from "../plan/statuses.js";
import { computeFigures, figureDifferences, figuresOfUnit, suggestSections } from "./figures.js";
import { ensurePeriod, isLate, spanOf, summarizePeriods, type PeriodRow } from "./periods.js";
import { reportPeriods, unitReports } from "./tables.js";

export type UnitReportRecord = typeof unitReports.$inferSelect;

async function unitReportRow(db: Db, wardId: string, id: string, forUpdate = false) {
  const query = db
    .select({ report: unitReports, period: reportPeriods })
    .from(unitReports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, unitReports.periodId))
    .where(and(eq(unitReports.wardId, wardId), eq(unitReports.id, id)));
  const [row] = forUpdate ? await query.for("update", { of: unitReports }) : await query;
  if (!row) throw notFound("Không tìm thấy báo cáo của đơn vị.");
  return row;
}

export async function unitReportsOfPeriod(db: Db, wardId: string, periodId: string): Promise<UnitReportRecord[]> {
  return db
    .select()
    .from(unitReports)
    .where(and(eq(unitReports.wardId, wardId), eq(unitReports.periodId, periodId)))
    .orderBy(asc(unitReports.id));
}

/** The next period's title and window end: what "tasks for the next period" looks ahead to. */
export function nextPeriodOf(period: PeriodRow): { title: string; windowEnd: string } {
  if (!parseReportPeriod(period.code)) return { title: "kỳ tới", windowEnd: period.wardDeadline };
  const next = nextReportPeriod(period.code);
  return { title: reportPeriodLabel(next), windowEnd: reportWindow(next).end };
}

/** Live figures, or the frozen ones once the period is locked (with what changed since). */
export async function figuresFor(
  db: Db,
  log: DataLog,
  wardId: string,
  period: PeriodRow,
  locked: ReportFigures | null,
  unitId: string | null,
  today: string,
): Promise<{ figures: ReportFigures; differences: ReturnType<typeof figureDifferences> }> {
  const live = await computeFigures(db, log, wardId, spanOf(period), today, unitId);
  if (!locked) return { figures: live, differences: [] };
  return { figures: locked, differences: figureDifferences(locked, live) };
}

async function closedStatuses(db: Db, wardId: string): Promise<Set<string>> {
  return new Set((await listTaskStatuses(db, wardId)).filter((s) => s.isClosed).map((s) => s.code));
}

export async function getUnitReport(
  db: Db,
  log: DataLog,
  actor: Actor,
  id: string,
  today: string,
): Promise<UnitReportDetail> {
  const { report, period } = await unitReportRow(db, actor.wardId, id);
  const [{ figures, differences }, units, files, history, closed, [summary]] = await Promise.all([
    figuresFor(db, log, actor.wardId, period, report.lockedFigures, report.unitId, today),
    listUnits(db, actor.wardId),
    attachmentsOf(db, actor.wardId, "unit_report", [id]),
    listHistory(db, actor.wardId, "unit_report", [id]),
    closedStatuses(db, actor.wardId),
    summarizePeriods(db, actor, [period], today),
  ]);
  const unit = units.find((u) => u.id === report.unitId);
  if (!unit || !summary) throw notFound("Không tìm thấy đơn vị của báo cáo.");
  const next = nextPeriodOf(period);
  const editable = (report.status === "draft" || report.status === "returned") && period.lockedAt === null;
  return {
    id: report.id,
    period: summary,
    unit: { id: unit.id, code: unit.code, name: unit.name, shortName: unit.shortName },
    status: report.status as UnitReportStatus,
    late: isLate(report.status, period, today),
    sections: report.sections,
    suggested: suggestSections(figures, {
      nextPeriodTitle: next.title,
      nextWindowEnd: next.windowEnd,
      closedStatuses: closed,
    }),
    figures,
    differences,
    files: files.get(id) ?? [],
    reviewComment: report.reviewComment,
    history: history.map((h) => ({
      action: h.action,
      at: h.at,
      by: h.actorName,
      comment: ((h.after ?? null) as { comment?: string } | null)?.comment ?? null,
    })),
    version: report.version,
    can: {
      edit: editable && can.reportFor(actor, report.unitId),
      submit: editable && can.reportFor(actor, report.unitId),
      review: report.status === "submitted" && period.lockedAt === null && can.managePlan(actor),
    },
  };
}

/** Rows of the period's reports, for the Office's table. */
export async function unitReportRows(
  db: Db,
  wardId: string,
  period: PeriodRow,
  today: string,
): Promise<UnitReportRow[]> {
  const [reports, units] = await Promise.all([unitReportsOfPeriod(db, wardId, period.id), listUnits(db, wardId)]);
  const position = new Map(units.map((u, i) => [u.id, i]));
  return reports
    .sort((a, b) => (position.get(a.unitId) ?? 0) - (position.get(b.unitId) ?? 0))
    .map((r) => {
      const unit = units.find((u) => u.id === r.unitId);
      return {
        id: r.id,
        unit: { id: r.unitId, code: unit?.code ?? "?", name: unit?.name ?? "?", shortName: unit?.shortName ?? "?" },
        status: r.status as UnitReportStatus,
        late: isLate(r.status, period, today),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        reviewedAt: r.reviewedAt?.toISOString() ?? null,
        reviewComment: r.reviewComment,
      };
    });
}

type Transition = "save" | "submit" | "return" | "accept";

const ALLOWED_FROM: Record<Transition, UnitReportStatus[]> = {
  save: ["draft", "returned"],
  submit: ["draft", "returned"],
  return: ["submitted"],
  accept: ["submitted"],
};

const REFUSED_STATE: Record<Transition, string> = {
  save: "Báo cáo đã gửi hoặc đã được tiếp nhận nên không sửa được nữa.",
  submit: "Báo cáo đã được gửi.",
  return: "Chỉ trả lại được báo cáo đã gửi và chưa được tiếp nhận.",
  accept: "Chỉ tiếp nhận được báo cáo đã gửi.",
};

/**
 * One step of the workflow, on the locked row: the version must be the one the user saw (no
 * lost edit), the step must be allowed from the current state, and the step is audited with
 * its comment. Returns the report's id.
 */
async function step(
  db: Db,
  actor: Actor,
  id: string,
  transition: Transition,
  input: { version: number; sections?: Partial<ReportSections>; comment?: string },
  suggested?: () => Promise<ReportSections>,
): Promise<void> {
  const fill = transition === "submit" && suggested ? await suggested() : undefined;
  await db.transaction(async (tx) => {
    const { report, period } = await unitReportRow(tx, actor.wardId, id, true);
    const reviewing = transition === "return" || transition === "accept";
    if (reviewing ? !can.managePlan(actor) : !can.reportFor(actor, report.unitId))
      throw forbidden(
        reviewing
          ? "Chỉ Văn phòng hoặc lãnh đạo được trả lại hoặc tiếp nhận báo cáo."
          : "Chỉ cán bộ của đơn vị được soạn và gửi báo cáo của đơn vị mình.",
      );
    if (period.lockedAt !== null) throw conflict("Kỳ báo cáo đã khóa số liệu, không thay đổi được nữa.");
    if (report.version !== input.version) throw conflict();
    if (!ALLOWED_FROM[transition].includes(report.status as UnitReportStatus))
      throw conflict(REFUSED_STATE[transition]);
    const now = new Date();
    let sections = report.sections;
    if (input.sections) sections = { ...sections, ...input.sections };
    // Parts the unit left as suggested are sent as suggested: that is the text it saw.
    if (fill)
      sections = {
        results: sections.results ?? fill.results,
        shortcomings: sections.shortcomings ?? fill.shortcomings,
        nextTasks: sections.nextTasks ?? fill.nextTasks,
        proposals: sections.proposals ?? fill.proposals,
      };
    if (transition === "submit" && !sections.results?.trim())
      throw invalid("Hãy viết phần kết quả thực hiện trước khi gửi.", [
        { path: "sections.results", message: "Không được để trống" },
      ]);
    const status: UnitReportStatus =
      transition === "save"
        ? (report.status as UnitReportStatus)
        : transition === "submit"
          ? "submitted"
          : transition === "return"
            ? "returned"
            : "accepted";
    await tx
      .update(unitReports)
      .set({
        sections,
        status,
        version: report.version + 1,
        updatedAt: now,
        ...(transition === "submit" ? { submittedAt: now, submittedBy: actor.userId } : {}),
        ...(reviewing ? { reviewedAt: now, reviewedBy: actor.userId, reviewComment: input.comment ?? null } : {}),
      })
      .where(eq(unitReports.id, id));
    await recordAudit(tx, actor, {
      action: `unit_report.${transition}`,
      entityType: "unit_report",
      entityId: id,
      before: { status: report.status, ...(transition === "save" ? { sections: report.sections } : {}) },
      after: {
        status,
        ...(transition === "save" ? { sections } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
      },
    });
    if (transition === "return")
      await notifyUnit(tx, actor.wardId, report.unitId, {
        kind: "report_returned",
        title: `Báo cáo ${period.title} bị trả lại`,
        body: `Văn phòng đề nghị chỉnh sửa: ${input.comment ?? ""}`,
        dedupeKey: `report_returned:${id}:${report.version}`,
      });
  });
}

export async function saveUnitReport(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; sections: Partial<ReportSections> },
) {
  await step(db, actor, id, "save", input);
}

export async function submitUnitReport(db: Db, log: DataLog, actor: Actor, id: string, version: number, today: string) {
  const { report } = await unitReportRow(db, actor.wardId, id);
  // Suggestions cost a pass over the figures: only worth it when a part was left unwritten.
  const complete = Object.values(report.sections).every((text) => text !== null);
  await step(
    db,
    actor,
    id,
    "submit",
    { version },
    complete ? undefined : async () => (await getUnitReport(db, log, actor, id, today)).suggested,
  );
}

export async function returnUnitReport(db: Db, actor: Actor, id: string, input: { version: number; comment: string }) {
  await step(db, actor, id, "return", input);
}

export async function acceptUnitReport(db: Db, actor: Actor, id: string, input: { version: number; comment?: string }) {
  await step(db, actor, id, "accept", input);
}

/** Evidence for the report (minutes, photos, tables): only while the unit may still edit it. */
export async function attachUnitReportFiles(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
  uploads: Upload[],
  maxBytes: number,
): Promise<void> {
  if (uploads.length === 0) throw invalid("Hãy chọn ít nhất một tệp.");
  const checked = await Promise.all(uploads.map((u) => checkUpload(u, maxBytes)));
  await db.transaction(async (tx) => {
    const { report, period } = await unitReportRow(tx, actor.wardId, id, true);
    if (!can.reportFor(actor, report.unitId)) throw forbidden("Chỉ cán bộ của đơn vị được đính kèm minh chứng.");
    if (period.lockedAt !== null || !ALLOWED_FROM.save.includes(report.status as UnitReportStatus))
      throw conflict(REFUSED_STATE.save);
    const refs = await attachUploads(tx, store, actor, { type: "unit_report", id }, checked);
    await recordAudit(tx, actor, {
      action: "unit_report.attach_files",
      entityType: "unit_report",
      entityId: id,
      before: null,
      after: { files: refs.map((r) => r.filename) },
    });
  });
}

/**
 * Khóa số liệu: once every unit's report is accepted, the period's figures are frozen as they
 * are now, for the ward and for each unit. Later edits show as differences, never rewrite them.
 */
export async function lockPeriod(db: Db, log: DataLog, actor: Actor, code: string, today: string): Promise<void> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được khóa số liệu kỳ báo cáo.");
  const period = await ensurePeriod(db, actor.wardId, code, today);
  const [wardFigures, closed] = await Promise.all([
    computeFigures(db, log, actor.wardId, spanOf(period), today, null),
    closedStatuses(db, actor.wardId),
  ]);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(reportPeriods).where(eq(reportPeriods.id, period.id)).for("update");
    if (!current) throw notFound();
    if (current.lockedAt !== null) throw conflict("Kỳ báo cáo đã khóa số liệu.");
    if (today <= current.windowEnd) throw conflict("Kỳ báo cáo chưa kết thúc nên chưa khóa được số liệu.");
    const reports = await unitReportsOfPeriod(tx, actor.wardId, period.id);
    const pending = reports.filter((r) => r.status !== "accepted");
    if (reports.length === 0 || pending.length > 0)
      throw conflict(`Còn ${pending.length} báo cáo của đơn vị chưa được tiếp nhận nên chưa khóa được số liệu.`);
    const lockedAt = new Date();
    for (const r of reports)
      await tx
        .update(unitReports)
        .set({
          lockedFigures: figuresOfUnit(wardFigures, r.unitId, closed),
          version: r.version + 1,
          updatedAt: lockedAt,
        })
        .where(eq(unitReports.id, r.id));
    await tx
      .update(reportPeriods)
      .set({ lockedAt, lockedBy: actor.userId, lockedFigures: wardFigures })
      .where(eq(reportPeriods.id, period.id));
    await recordAudit(tx, actor, {
      action: "report_period.lock",
      entityType: "report_period",
      entityId: period.id,
      before: { locked: false },
      after: {
        locked: true,
        tasks: wardFigures.tasks.length,
        indicators: wardFigures.indicators.length,
      },
    });
  });
}
