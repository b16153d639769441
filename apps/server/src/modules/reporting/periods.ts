import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  addDays,
  PERIODIC_REPORT_KINDS,
  parseReportPeriod,
  reportCalendarRange,
  reportDeadlines,
  reportPeriodContaining,
  reportPeriodLabel,
  reportWindow,
  type OpenPeriod,
  type ReportKind,
  type ReportPeriodSummary,
  type ReportingSettings,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { systemActor, type Actor } from "../../lib/actor.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { listUnits } from "../identity/service.js";
import { indicatorRows } from "../indicators/service.js";
import { allTaskRows } from "../plan/service.js";
import type { FigureSpan } from "./figures.js";
import { calendarOf, getReportingSettings } from "./settings.js";
import { reportPeriods, unitReports, wardReportVersions } from "./tables.js";

export type PeriodRow = typeof reportPeriods.$inferSelect;

/** Units that report: those that own work in the plan and have staff (not the leaders, groups or outsiders). */
const REPORTING_UNIT_KINDS = new Set([
  "office",
  "department",
  "service_center",
  "fatherland_front",
  "mass_organisation",
]);

export async function responsibleUnitIds(db: Db, wardId: string): Promise<string[]> {
  const [unitList, tasks, indicators] = await Promise.all([
    listUnits(db, wardId),
    allTaskRows(db, wardId),
    indicatorRows(db, wardId),
  ]);
  const owners = new Set([
    ...tasks.filter((t) => t.kind !== "group").map((t) => t.ownerUnitId),
    ...indicators.map((i) => i.ownerUnitId),
  ]);
  return unitList.filter((u) => u.active && REPORTING_UNIT_KINDS.has(u.kind) && owners.has(u.id)).map((u) => u.id);
}

/** The span a period's figures cover: its window, and indicator values up to the calendar end it names. */
export function spanOf(period: PeriodRow): FigureSpan {
  const valuesUntil = parseReportPeriod(period.code) ? reportCalendarRange(period.code).end : period.windowEnd;
  return { windowStart: period.windowStart, windowEnd: period.windowEnd, valuesUntil };
}

export const isLate = (status: string, period: PeriodRow, today: string) =>
  (status === "draft" || status === "returned") && period.lockedAt === null && today > period.unitDeadline;

type NewPeriod = Omit<typeof reportPeriods.$inferInsert, "wardId">;

/** Inserts the period and one draft report per unit; an existing code is left as it is (null). */
async function insertPeriod(tx: Db, actor: Actor, period: NewPeriod, unitIds: string[]): Promise<PeriodRow | null> {
  const [row] = await tx
    .insert(reportPeriods)
    .values({ ...period, wardId: actor.wardId })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  if (unitIds.length)
    await tx.insert(unitReports).values(
      unitIds.map((unitId) => ({
        wardId: actor.wardId,
        periodId: row.id,
        unitId,
        sections: { results: null, shortcomings: null, nextTasks: null, proposals: null },
      })),
    );
  await recordAudit(tx, actor, {
    action: "report_period.open",
    entityType: "report_period",
    entityId: row.id,
    before: null,
    after: { code: row.code, windowStart: row.windowStart, windowEnd: row.windowEnd, units: unitIds.length },
  });
  return row;
}

function periodicFields(code: string, settings: ReportingSettings): NewPeriod {
  const parsed = parseReportPeriod(code);
  if (!parsed) throw invalid(`Mã kỳ báo cáo "${code}" không hợp lệ (ví dụ: 2026-11, 2026-Q4, 2026-H1, 2026-9M, 2026).`);
  const window = reportWindow(code, settings.rules);
  const deadlines = reportDeadlines(code, settings.rules, calendarOf(settings));
  return {
    code,
    kind: parsed.kind,
    title: reportPeriodLabel(code),
    windowStart: window.start,
    windowEnd: window.end,
    unitDeadline: deadlines.unit,
    wardDeadline: deadlines.ward,
  };
}

export async function periodByCode(db: Db, wardId: string, code: string): Promise<PeriodRow | undefined> {
  const [row] = await db
    .select()
    .from(reportPeriods)
    .where(and(eq(reportPeriods.wardId, wardId), eq(reportPeriods.code, code)));
  return row;
}

/**
 * The period of that code, opened on first use when it is a periodic one whose window has
 * started: every responsible unit then has its report waiting, with nobody having to set it up.
 */
export async function ensurePeriod(db: Db, wardId: string, code: string, today: string): Promise<PeriodRow> {
  const existing = await periodByCode(db, wardId, code);
  if (existing) return existing;
  if (!parseReportPeriod(code))
    throw /^(CD|DX)-\d{4}-\d{2,3}$/.test(code)
      ? notFound(`Không có kỳ báo cáo "${code}".`)
      : invalid(`Mã kỳ báo cáo "${code}" không hợp lệ (ví dụ: 2026-11, 2026-Q4, 2026-H1, 2026-9M, 2026).`);
  const settings = await getReportingSettings(db, wardId);
  const fields = periodicFields(code, settings);
  if (fields.windowStart > today)
    throw notFound(`Kỳ báo cáo ${fields.title} chưa bắt đầu (số liệu tính từ ngày ${fields.windowStart}).`);
  const unitIds = await responsibleUnitIds(db, wardId);
  await db.transaction((tx) => insertPeriod(tx, systemActor(wardId), fields, unitIds));
  const row = await periodByCode(db, wardId, code);
  if (!row) throw new Error(`period ${code} vanished`);
  return row;
}

/** Opens the periods of the enabled kinds whose window contains today (the daily reminders call it). */
export async function openCurrentPeriods(db: Db, wardId: string, today: string): Promise<PeriodRow[]> {
  const settings = await getReportingSettings(db, wardId);
  const kinds = PERIODIC_REPORT_KINDS.filter((k) => settings.enabledKinds.includes(k));
  // 6- and 9-month windows leave part of the year uncovered: nothing of those kinds is open then.
  const codes = kinds.flatMap((k) => {
    try {
      return [reportPeriodContaining(k, today, settings.rules)];
    } catch (error) {
      if (error instanceof RangeError) return [];
      throw error;
    }
  });
  return Promise.all(codes.map((code) => ensurePeriod(db, wardId, code, today)));
}

/** The Office opens a period by hand: a periodic one early, or a thematic / ad hoc request. */
export async function openPeriod(db: Db, actor: Actor, input: OpenPeriod, today: string): Promise<PeriodRow> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được mở kỳ báo cáo.");
  const settings = await getReportingSettings(db, actor.wardId);
  if ("code" in input) {
    const fields = periodicFields(input.code, settings);
    // Early is fine (a plan for the year ahead); years ahead is a typo.
    if (fields.windowStart > addDays(today, 366))
      throw invalid(`Kỳ ${fields.title} còn quá xa: chỉ mở trước được các kỳ bắt đầu trong vòng một năm.`, [
        { path: "code", message: "Kỳ quá xa" },
      ]);
    const unitIds = await responsibleUnitIds(db, actor.wardId);
    const row = await db.transaction((tx) => insertPeriod(tx, actor, fields, unitIds));
    if (!row) throw conflict(`Kỳ báo cáo ${fields.title} đã được mở.`);
    return row;
  }
  if (input.windowStart > input.windowEnd)
    throw invalid("Ngày bắt đầu lấy số liệu phải trước ngày kết thúc.", [
      { path: "windowEnd", message: "Phải sau ngày bắt đầu" },
    ]);
  if (input.unitDeadline < input.windowEnd || input.wardDeadline < input.unitDeadline)
    throw invalid("Hạn gửi phải sau thời gian lấy số liệu; hạn của phường không trước hạn của đơn vị.", [
      { path: "unitDeadline", message: "Hạn không hợp lệ" },
    ]);
  const allUnits = new Set((await listUnits(db, actor.wardId)).map((u) => u.id));
  const unitIds = input.unitIds ?? (await responsibleUnitIds(db, actor.wardId));
  const stranger = unitIds.find((id) => !allUnits.has(id));
  if (stranger) throw invalid("Đơn vị không thuộc phường.", [{ path: "unitIds", message: "Không có đơn vị này" }]);
  if (unitIds.length === 0)
    throw invalid("Hãy chọn ít nhất một đơn vị báo cáo.", [{ path: "unitIds", message: "Trống" }]);
  const prefix = input.kind === "thematic" ? "CD" : "DX";
  const year = input.windowEnd.slice(0, 4);
  return db.transaction(async (tx) => {
    // Numbers of thematic requests run per year; the lock keeps two clerks from taking the same.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`report_period_code:${actor.wardId}`}))`);
    const [{ n } = { n: 0 }] = (
      (await tx.execute(sql`select count(*)::int as n from report_periods
        where ward_id = ${actor.wardId} and code like ${`${prefix}-${year}-%`}`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    const code = `${prefix}-${year}-${String(Number(n) + 1).padStart(2, "0")}`;
    const row = await insertPeriod(
      tx,
      actor,
      {
        code,
        kind: input.kind,
        title: input.title,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        unitDeadline: input.unitDeadline,
        wardDeadline: input.wardDeadline,
      },
      unitIds,
    );
    if (!row) throw conflict();
    return row;
  });
}

type Counts = ReportPeriodSummary["counts"];

/** Summaries of periods, with their unit reports counted in one query. */
export async function summarizePeriods(
  db: Db,
  actor: Actor,
  periods: PeriodRow[],
  today: string,
): Promise<ReportPeriodSummary[]> {
  if (periods.length === 0) return [];
  const ids = periods.map((p) => p.id);
  const [reports, versions] = await Promise.all([
    db
      .select({
        id: unitReports.id,
        periodId: unitReports.periodId,
        unitId: unitReports.unitId,
        status: unitReports.status,
      })
      .from(unitReports)
      .where(and(eq(unitReports.wardId, actor.wardId), sql`${unitReports.periodId} in ${ids}`)),
    db
      .select({ periodId: wardReportVersions.periodId, version: sql<number>`max(${wardReportVersions.version})::int` })
      .from(wardReportVersions)
      .where(and(eq(wardReportVersions.wardId, actor.wardId), sql`${wardReportVersions.periodId} in ${ids}`))
      .groupBy(wardReportVersions.periodId),
  ]);
  const latestVersion = new Map(versions.map((v) => [v.periodId, Number(v.version)]));
  return periods.map((p) => {
    const own = reports.filter((r) => r.periodId === p.id);
    const counts: Counts = { draft: 0, submitted: 0, returned: 0, accepted: 0, late: 0 };
    for (const r of own) {
      counts[r.status as keyof Counts] += 1;
      if (isLate(r.status, p, today)) counts.late += 1;
    }
    const mine = actor.unitId ? own.find((r) => r.unitId === actor.unitId) : undefined;
    return {
      id: p.id,
      code: p.code,
      kind: p.kind as ReportKind,
      title: p.title,
      windowStart: p.windowStart,
      windowEnd: p.windowEnd,
      unitDeadline: p.unitDeadline,
      wardDeadline: p.wardDeadline,
      inProgress: today <= p.windowEnd,
      locked: p.lockedAt !== null,
      lockedAt: p.lockedAt?.toISOString() ?? null,
      counts,
      wardReportVersion: latestVersion.get(p.id) ?? null,
      sent:
        p.sentDocumentId && p.sentNumber && p.sentOn
          ? { documentId: p.sentDocumentId, numberAndSymbol: p.sentNumber, issuedOn: p.sentOn }
          : null,
      myReport: mine ? { id: mine.id, status: mine.status as "draft", late: isLate(mine.status, p, today) } : null,
    };
  });
}

export async function listPeriods(db: Db, actor: Actor, today: string) {
  await openCurrentPeriods(db, actor.wardId, today);
  const rows = await db
    .select()
    .from(reportPeriods)
    .where(eq(reportPeriods.wardId, actor.wardId))
    .orderBy(desc(reportPeriods.windowEnd), desc(reportPeriods.code));
  return { periods: await summarizePeriods(db, actor, rows, today), can: { manage: can.managePlan(actor) } };
}

/**
 * Code and title of the ward's report periods and unit reports among `ids`: the register of
 * documents names the reports a document is linked to through this.
 */
export async function reportLabels(
  db: Db,
  wardId: string,
  ids: string[],
): Promise<Map<string, { ref: string; label: string }>> {
  if (ids.length === 0) return new Map();
  const [periods, reports, units] = await Promise.all([
    db
      .select({ id: reportPeriods.id, code: reportPeriods.code, title: reportPeriods.title })
      .from(reportPeriods)
      .where(and(eq(reportPeriods.wardId, wardId), inArray(reportPeriods.id, ids))),
    db
      .select({ id: unitReports.id, unitId: unitReports.unitId, code: reportPeriods.code, title: reportPeriods.title })
      .from(unitReports)
      .innerJoin(reportPeriods, eq(reportPeriods.id, unitReports.periodId))
      .where(and(eq(unitReports.wardId, wardId), inArray(unitReports.id, ids))),
    listUnits(db, wardId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return new Map([
    ...periods.map((p) => [p.id, { ref: p.code, label: `Báo cáo ${p.title}` }] as const),
    ...reports.map(
      (r) => [r.id, { ref: r.code, label: `Báo cáo của ${unitName.get(r.unitId) ?? "đơn vị"}, ${r.title}` }] as const,
    ),
  ]);
}
