import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  COMPUTED_INDICATORS,
  isComputedIndicator,
  aggregateWardValue,
  expectedValue,
  indicatorKinds,
  indicatorStatus,
  isWholeEnough,
  isPeriodKey,
  isSaneQuantity,
  MAX_QUANTITY,
  periodEnd,
  periodStart,
  trendOf,
  type Aggregation,
  type Direction,
  type EditIndicator,
  type Frequency,
  type IndicatorDetail,
  type PartsKind,
  type IndicatorStatus,
  type IndicatorSummary,
  type PlanTemplate,
  type RecordMeasurement,
  type UnitRef,
  type ValueKind,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { listUnits, unitInWard, userNames } from "../identity/service.js";
import { attachmentsOf, attachUploads, checkUpload, type Upload } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { listObjectives } from "../plan/service.js";
import { indicators, measurements } from "./tables.js";

export type IndicatorRow = typeof indicators.$inferSelect;

/** Creates the template's indicators in a ward, in the caller's transaction. */
export async function adoptIndicators(
  tx: Db,
  wardId: string,
  planId: string,
  template: PlanTemplate,
  objectiveIds: Map<string, string>,
  unitIds: Map<string, string>,
): Promise<void> {
  let position = 0;
  for (const objective of template.objectives) {
    const objectiveId = objectiveIds.get(objective.code);
    if (!objectiveId) throw new Error(`objective ${objective.code} missing`);
    for (const i of objective.indicators) {
      const ownerUnitId = unitIds.get(i.ownerUnitCode);
      if (!ownerUnitId) throw new Error(`indicator ${i.code}: unknown unit ${i.ownerUnitCode}`);
      await tx.insert(indicators).values({
        wardId,
        planId,
        objectiveId,
        code: i.code,
        ref: i.ref,
        name: i.name,
        quote: i.quote,
        unitOfMeasure: i.unitOfMeasure,
        direction: i.direction,
        baselineValue: null,
        baselineYear: null,
        targetValue: i.targetValue,
        targetYear: i.targetYear,
        targetSource: i.targetSource,
        targetNote: i.targetNote ?? null,
        aggregation: i.aggregation,
        ...indicatorKinds(i),
        numeratorLabel: i.numeratorLabel ?? null,
        denominatorLabel: i.denominatorLabel ?? null,
        frequency: i.frequency,
        ownerUnitId,
        perResidentialGroup: i.perResidentialGroup,
        explicit: i.explicit,
        position: position++,
      });
    }
  }
}

type SeriesPoint = { period: string; periodEnd: string; value: number };

/** Ward value of every period of the given indicators, computed in SQL then combined per aggregation. */
type PeriodAggregateRow = {
  indicatorId: string;
  period: string;
  periodEnd: string;
  wardValue: number | string | null;
  sum: number | string | null;
  numeratorSum: number | string | null;
  denominatorSum: number | string | null;
  latestValue: number | string | null;
  /** Rows of the period left out because a value is out of bounds (legacy data). */
  skipped: number | string;
};

/**
 * A measurement row whose numbers are all within ±MAX_QUANTITY (the database checks new rows;
 * older ones may hold 1e307 or NaN, which would overflow a sum and fail every read).
 */
const BOUND = sql.raw(String(MAX_QUANTITY));
const SANE = sql`(m.value between -${BOUND} and ${BOUND}
  and (m.numerator is null or m.numerator between -${BOUND} and ${BOUND})
  and (m.denominator is null or m.denominator between -${BOUND} and ${BOUND}))`;

/** What one period of one indicator sums up to (see `aggregateWardValue` for how it combines). */
const PERIOD_AGGREGATES = sql`
  m.indicator_id as "indicatorId", m.period, m.period_end::text as "periodEnd",
  max(m.value) filter (where m.residential_group_id is null and ${SANE}) as "wardValue",
  sum(m.value) filter (where m.residential_group_id is not null and ${SANE}) as "sum",
  sum(m.numerator) filter (where m.residential_group_id is not null and ${SANE}) as "numeratorSum",
  sum(m.denominator) filter (where m.residential_group_id is not null and ${SANE}) as "denominatorSum",
  (array_agg(m.value order by m.recorded_at desc) filter (where ${SANE}))[1] as "latestValue",
  count(*) filter (where not ${SANE}) as "skipped"`;

/**
 * Ward value of the periods of the given indicators: all of them (an indicator's chart), or
 * only the last `lastPeriods` of each (a summary needs the latest and the trend). The cut-off
 * keeps summaries flat however many years of history pile up (bench/README.md: 20 → 2 ms).
 * `ids` null: every indicator of the ward.
 */
function seriesQuery(wardId: string, ids: string[] | null, lastPeriods?: number, until?: string) {
  const ofIndicators = (alias: "m" | "i") =>
    ids === null ? sql`` : alias === "m" ? sql` and m.indicator_id in ${ids}` : sql` and i.id in ${ids}`;
  return until
    ? sql`select ${PERIOD_AGGREGATES}
        from measurements m
        where m.ward_id = ${wardId}${ofIndicators("m")} and m.period_end <= ${until}
        group by m.indicator_id, m.period, m.period_end
        order by m.period_end`
    : lastPeriods
      ? sql`select ${PERIOD_AGGREGATES}
        from indicators i
        cross join lateral (
          select min(last.period_end) as cutoff from (
            select distinct p.period_end from measurements p
            where p.ward_id = i.ward_id and p.indicator_id = i.id
            order by p.period_end desc limit ${lastPeriods}
          ) last
        ) c
        join measurements m on m.ward_id = i.ward_id and m.indicator_id = i.id and m.period_end >= c.cutoff
        where i.ward_id = ${wardId}${ofIndicators("i")}
        group by m.indicator_id, m.period, m.period_end
        order by m.period_end`
      : sql`select ${PERIOD_AGGREGATES}
        from measurements m
        where m.ward_id = ${wardId}${ofIndicators("m")}
        group by m.indicator_id, m.period, m.period_end
        order by m.period_end`;
}

async function periodAggregates(db: Db, query: ReturnType<typeof seriesQuery>): Promise<PeriodAggregateRow[]> {
  return ((await db.execute(query)) as unknown as { rows: PeriodAggregateRow[] }).rows;
}

async function wardSeries(
  db: Db,
  log: DataLog,
  wardId: string,
  rows: IndicatorRow[],
  lastPeriods?: number,
  until?: string,
): Promise<Map<string, SeriesPoint[]>> {
  if (rows.length === 0) return new Map();
  const query = seriesQuery(
    wardId,
    rows.map((r) => r.id),
    lastPeriods,
    until,
  );
  return toSeries(rows, await periodAggregates(db, query), log);
}

/** Each indicator's ward values, oldest first, from its periods' aggregates (ordered by period end). */
function toSeries(
  rows: Pick<IndicatorRow, "id" | "wardId" | "aggregation" | "valueKind">[],
  aggregates: PeriodAggregateRow[],
  log: DataLog,
): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>(rows.map((r) => [r.id, []]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  for (const a of aggregates) {
    const indicator = byId.get(a.indicatorId);
    if (!indicator) continue;
    if (Number(a.skipped) > 0)
      log.warn(
        { wardId: indicator.wardId, indicatorId: a.indicatorId, period: a.period, skipped: Number(a.skipped) },
        "measurements with out-of-bounds values left out of the ward value",
      );
    const value = aggregateWardValue(indicator.aggregation as Aggregation, {
      wardValue: num(a.wardValue),
      sum: num(a.sum),
      numeratorSum: num(a.numeratorSum),
      denominatorSum: num(a.denominatorSum),
      latestValue: num(a.latestValue),
    });
    // Sums of doubles carry binary noise (8.990000000000002): two decimals is what anyone reports,
    // and none for a count (a sum of whole things; older rows entered with decimals do not leak).
    if (value !== null && Number.isFinite(value))
      series.get(a.indicatorId)?.push({
        period: a.period,
        periodEnd: a.periodEnd,
        value: indicator.valueKind === "count" ? Math.round(value) : Math.round(value * 100) / 100,
      });
  }
  return series;
}

/**
 * The row as reads may use it: a baseline out of bounds (legacy data, see SANE) is treated as
 * missing, and logged, so the trajectory arithmetic cannot overflow.
 */
function readable<T extends Pick<IndicatorRow, "id" | "wardId" | "baselineValue">>(row: T, log: DataLog): T {
  if (row.baselineValue === null || isSaneQuantity(row.baselineValue)) return row;
  log.warn({ wardId: row.wardId, indicatorId: row.id }, "indicator baseline out of bounds treated as missing");
  return { ...row, baselineValue: null };
}

/** Whether a list can show the indicator: its target must be a bounded number (legacy rows may not). */
function hasUsableTarget(row: Pick<IndicatorRow, "id" | "wardId" | "targetValue">, log: DataLog): boolean {
  if (isSaneQuantity(row.targetValue)) return true;
  log.warn({ wardId: row.wardId, indicatorId: row.id }, "indicator with an out-of-bounds target left out of the list");
  return false;
}

function trajectoryOf(
  row: Pick<IndicatorRow, "direction" | "baselineValue" | "baselineYear" | "targetValue" | "targetYear">,
) {
  return {
    direction: row.direction as Direction,
    baselineValue: row.baselineValue,
    baselineYear: row.baselineYear,
    targetValue: row.targetValue,
    targetYear: row.targetYear,
  };
}

function summarize(
  row: IndicatorRow,
  points: SeriesPoint[],
  owner: UnitRef,
  objectiveCode: string,
  today: string,
): IndicatorSummary {
  const last = points.at(-1);
  const latest = last ? { period: last.period, value: last.value, periodEnd: last.periodEnd } : null;
  return {
    id: row.id,
    code: row.code,
    ref: row.ref,
    name: row.name,
    objectiveCode,
    unitOfMeasure: row.unitOfMeasure,
    direction: row.direction as Direction,
    baselineValue: row.baselineValue,
    baselineYear: row.baselineYear,
    targetValue: row.targetValue,
    targetYear: row.targetYear,
    targetSource: row.targetSource as "document" | "ward",
    aggregation: row.aggregation as Aggregation,
    valueKind: row.valueKind as ValueKind,
    partsKind: row.partsKind as PartsKind | null,
    frequency: row.frequency as Frequency,
    owner,
    perResidentialGroup: row.perResidentialGroup,
    latest,
    expectedNow: expectedValue(trajectoryOf(row), today),
    status: indicatorStatus({ ...trajectoryOf(row), latest }),
    trend: trendOf(points.map((p) => p.value)),
    version: row.version,
  };
}

/** Units and objectives a caller already started reading (the public plan reads each once). */
export type SharedIndicatorReads = {
  units?: ReturnType<typeof listUnits>;
  objectives?: Promise<{ id: string; code: string }[]>;
};

async function context(db: Db, wardId: string, shared: SharedIndicatorReads = {}) {
  const [unitList, objectiveRows] = await Promise.all([
    shared.units ?? listUnits(db, wardId),
    shared.objectives ?? listObjectives(db, wardId),
  ]);
  const units = new Map<string, UnitRef>(
    unitList.map((u) => [u.id, { id: u.id, code: u.code, name: u.name, shortName: u.shortName }]),
  );
  const objectiveCodes = new Map(objectiveRows.map((o) => [o.id, o.code]));
  return { units, objectiveCodes, unitList };
}

export async function listIndicators(
  db: Db,
  log: DataLog,
  wardId: string,
  today = todayInVietnam(),
  shared: SharedIndicatorReads = {},
): Promise<IndicatorSummary[]> {
  // One round trip: the rows, the last two periods of every indicator of the ward, units and objectives.
  const [all, aggregates, ctx] = await Promise.all([
    db.select().from(indicators).where(eq(indicators.wardId, wardId)).orderBy(asc(indicators.position)),
    periodAggregates(db, seriesQuery(wardId, null, 2)),
    context(db, wardId, shared),
  ]);
  const rows = all.filter((row) => hasUsableTarget(row, log)).map((row) => readable(row, log));
  const series = toSeries(rows, aggregates, log);
  return rows.map((row) =>
    summarize(
      row,
      series.get(row.id) ?? [],
      ctx.units.get(row.ownerUnitId) ?? { id: row.ownerUnitId, code: "?", name: "?", shortName: "?" },
      ctx.objectiveCodes.get(row.objectiveId) ?? "",
      today,
    ),
  );
}

/** The indicator row; `forUpdate` locks it until the transaction ends (edits queue up, none is lost). */
export async function indicatorRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<IndicatorRow> {
  const query = db
    .select()
    .from(indicators)
    .where(and(eq(indicators.wardId, wardId), eq(indicators.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy chỉ tiêu");
  return row;
}

export async function getIndicator(db: Db, log: DataLog, actor: Actor, id: string): Promise<IndicatorDetail> {
  const row = readable(await indicatorRow(db, actor.wardId, id), log);
  // A finite target, even a huge one, is shown so that a leader can correct it; NaN cannot be sent.
  if (!Number.isFinite(row.targetValue))
    throw conflict("Mục tiêu của chỉ tiêu này trong cơ sở dữ liệu không hợp lệ. Hãy nhập lại mục tiêu.");
  const [series, ctx] = await Promise.all([wardSeries(db, log, actor.wardId, [row]), context(db, actor.wardId)]);
  const points = series.get(row.id) ?? [];
  const rows = (
    await db
      .select()
      .from(measurements)
      .where(and(eq(measurements.wardId, actor.wardId), eq(measurements.indicatorId, id)))
      .orderBy(desc(measurements.periodEnd), asc(measurements.residentialGroupId))
  ).filter((m) => {
    const sane = [m.value, m.numerator, m.denominator].every((v) => v === null || isSaneQuantity(v));
    if (!sane) log.warn({ wardId: actor.wardId, measurementId: m.id }, "measurement out of bounds left out");
    return sane;
  });
  const filesOf = await attachmentsOf(
    db,
    actor.wardId,
    "measurement",
    rows.map((m) => m.id),
  );
  const names = await userNames(
    db,
    actor.wardId,
    rows.flatMap((m) => (m.recordedBy ? [m.recordedBy] : [])),
  );
  const owner = ctx.units.get(row.ownerUnitId) ?? { id: row.ownerUnitId, code: "?", name: "?", shortName: "?" };
  return {
    ...summarize(row, points, owner, ctx.objectiveCodes.get(row.objectiveId) ?? "", todayInVietnam()),
    quote: row.quote,
    targetNote: row.targetNote,
    numeratorLabel: row.numeratorLabel,
    denominatorLabel: row.denominatorLabel,
    series: points.map((p) => ({ ...p, expected: expectedValue(trajectoryOf(row), p.periodEnd) })),
    measurements: rows.map((m) => ({
      id: m.id,
      period: m.period,
      periodEnd: m.periodEnd,
      residentialGroup: m.residentialGroupId ? (ctx.units.get(m.residentialGroupId) ?? null) : null,
      value: m.value,
      numerator: m.numerator,
      denominator: m.denominator,
      source: m.source,
      note: m.note,
      recordedAt: m.recordedAt.toISOString(),
      recordedBy: m.recordedBy ? (names.get(m.recordedBy) ?? null) : null,
      files: filesOf.get(m.id) ?? [],
    })),
    can: {
      // A computed indicator takes no typed figure (refuseTypedFigures).
      record: can.reportFor(actor, row.ownerUnitId) && !isComputedIndicator(row.code),
      edit: can.managePlan(actor),
      viewHistory: can.viewHistory(actor),
    },
  };
}

export type MeasurementProblem = { path: string; message: string };

/** Checks one measurement against its indicator; returns the problems (empty when it is good). */
export async function checkMeasurement(
  db: Db,
  wardId: string,
  indicator: IndicatorRow,
  input: RecordMeasurement,
  today = todayInVietnam(),
): Promise<MeasurementProblem[]> {
  const problems: MeasurementProblem[] = [];
  const frequency = indicator.frequency as Frequency;
  if (!isPeriodKey(frequency, input.period)) {
    problems.push({ path: "period", message: `Kỳ "${input.period}" không đúng tần suất của chỉ tiêu (${frequency}).` });
  } else if (input.period.slice(0, 4) < "2000") {
    problems.push({ path: "period", message: "Kỳ báo cáo quá xa trong quá khứ." });
  } else if (periodStart(input.period) > today) {
    problems.push({ path: "period", message: `Kỳ "${input.period}" chưa bắt đầu: chưa thể nhập số liệu.` });
  }
  if (input.residentialGroupId) {
    const group = await unitInWard(db, wardId, input.residentialGroupId);
    if (!group || group.kind !== "residential_group")
      problems.push({ path: "residentialGroupId", message: "Tổ dân phố không thuộc phường này." });
  }
  if (indicator.aggregation === "ratio_of_sums") {
    if (input.numerator === undefined || input.denominator === undefined) {
      if (input.value === undefined) problems.push({ path: "numerator", message: "Cần nhập tử số và mẫu số." });
    } else if (input.numerator > input.denominator) {
      problems.push({
        path: "numerator",
        message: `${indicator.numeratorLabel ?? "Tử số"} không được lớn hơn ${indicator.denominatorLabel ?? "mẫu số"}.`,
      });
    }
  }
  if (indicator.unitOfMeasure === "%" && input.value !== undefined && (input.value < 0 || input.value > 100)) {
    problems.push({ path: "value", message: "Tỷ lệ phải nằm trong khoảng 0–100%." });
  }
  if (input.value !== undefined && input.value < 0) problems.push({ path: "value", message: "Giá trị không được âm." });
  problems.push(...wholeNumberProblems(indicator, input));
  if (problems.length === 0 && !isSaneQuantity(valueOf(indicator, input)))
    problems.push({ path: "value", message: "Giá trị tính ra quá lớn." });
  return problems;
}

/**
 * A count takes whole numbers: "15,27 vụ" is a typing slip or an average, never a count. The
 * numerator and denominator of a ratio of counts ("Số hộ…") likewise; the ratio keeps decimals.
 */
function wholeNumberProblems(indicator: IndicatorRow, input: RecordMeasurement): MeasurementProblem[] {
  const problems: MeasurementProblem[] = [];
  const unit = indicator.unitOfMeasure;
  if (input.value !== undefined && !isWholeEnough(indicator.valueKind as ValueKind, input.value))
    problems.push({
      path: "value",
      message: `Chỉ tiêu này đếm số ${unit}: giá trị phải là số nguyên, không có phần thập phân.`,
    });
  const partsKind = indicator.partsKind as PartsKind | null;
  if (partsKind !== null) {
    const parts = [
      ["numerator", input.numerator, indicator.numeratorLabel ?? "Tử số"],
      ["denominator", input.denominator, indicator.denominatorLabel ?? "Mẫu số"],
    ] as const;
    for (const [path, value, label] of parts)
      if (value !== undefined && !isWholeEnough(partsKind, value))
        problems.push({ path, message: `${label} là số đếm: phải là số nguyên, không có phần thập phân.` });
  }
  return problems;
}

function valueOf(indicator: IndicatorRow, input: RecordMeasurement): number {
  if (input.numerator !== undefined && input.denominator !== undefined && indicator.aggregation === "ratio_of_sums")
    return (input.numerator / input.denominator) * 100;
  return input.value ?? 0;
}

/** Saves (or replaces) one measurement in the caller's transaction, audited. */
export async function saveMeasurement(
  tx: Db,
  actor: Actor,
  indicator: IndicatorRow,
  input: RecordMeasurement,
): Promise<string> {
  const values = {
    wardId: actor.wardId,
    indicatorId: indicator.id,
    period: input.period,
    periodEnd: periodEnd(input.period),
    residentialGroupId: input.residentialGroupId,
    value: valueOf(indicator, input),
    numerator: input.numerator ?? null,
    denominator: input.denominator ?? null,
    source: input.source,
    note: input.note ?? null,
    recordedBy: actor.userId,
    recordedAt: new Date(),
  };
  const groupCondition = input.residentialGroupId
    ? eq(measurements.residentialGroupId, input.residentialGroupId)
    : sql`${measurements.residentialGroupId} is null`;
  const [existing] = await tx
    .select()
    .from(measurements)
    .where(
      and(
        eq(measurements.wardId, actor.wardId),
        eq(measurements.indicatorId, indicator.id),
        eq(measurements.period, input.period),
        groupCondition,
      ),
    );
  const snapshot = (m: Partial<typeof values>) => ({
    period: m.period,
    residentialGroupId: m.residentialGroupId,
    value: m.value,
    numerator: m.numerator,
    denominator: m.denominator,
    source: m.source,
    note: m.note,
  });
  if (existing) {
    await tx.update(measurements).set(values).where(eq(measurements.id, existing.id));
    await recordAudit(tx, actor, {
      action: "measurement.replace",
      entityType: "indicator",
      entityId: indicator.id,
      before: { measurementId: existing.id, ...snapshot(existing) },
      after: { measurementId: existing.id, ...snapshot(values) },
    });
    return existing.id;
  }
  const [row] = await tx.insert(measurements).values(values).returning({ id: measurements.id });
  if (!row) throw new Error("measurement insert returned nothing");
  await recordAudit(tx, actor, {
    action: "measurement.record",
    entityType: "indicator",
    entityId: indicator.id,
    before: null,
    after: { measurementId: row.id, ...snapshot(values) },
  });
  return row.id;
}

/** The source line of one measurement (null: none recorded for that period and group). */
export async function measurementSource(
  db: Db,
  wardId: string,
  indicatorId: string,
  period: string,
  residentialGroupId: string | null,
): Promise<string | null> {
  const [row] = await db
    .select({ source: measurements.source })
    .from(measurements)
    .where(
      and(
        eq(measurements.wardId, wardId),
        eq(measurements.indicatorId, indicatorId),
        eq(measurements.period, period),
        residentialGroupId
          ? eq(measurements.residentialGroupId, residentialGroupId)
          : sql`${measurements.residentialGroupId} is null`,
      ),
    );
  return row?.source ?? null;
}

/** A computed indicator takes no typed figure, by form or by spreadsheet (INDICATOR_COMPUTED). */
export function refuseTypedFigures(indicator: Pick<IndicatorRow, "code">): void {
  const computed = COMPUTED_INDICATORS[indicator.code];
  if (computed) throw new AppError("INDICATOR_COMPUTED", `Chỉ tiêu này không nhập tay. ${computed}.`, 409);
}

export async function recordMeasurement(
  db: Db,
  log: DataLog,
  actor: Actor,
  indicatorId: string,
  input: RecordMeasurement,
): Promise<IndicatorDetail> {
  const indicator = await indicatorRow(db, actor.wardId, indicatorId);
  if (!can.reportFor(actor, indicator.ownerUnitId))
    throw forbidden("Chỉ đơn vị được giao chỉ tiêu, lãnh đạo hoặc Văn phòng được nhập số liệu.");
  refuseTypedFigures(indicator);
  const problems = await checkMeasurement(db, actor.wardId, indicator, input);
  if (problems.length) throw invalid(problems[0]?.message ?? "Số liệu không hợp lệ", problems);
  await db.transaction((tx) => saveMeasurement(tx, actor, indicator, input));
  return getIndicator(db, log, actor, indicatorId);
}

export async function attachMeasurementFiles(
  db: Db,
  store: FileStore,
  actor: Actor,
  measurementId: string,
  uploads: Upload[],
  maxBytes: number,
) {
  const [m] = await db
    .select()
    .from(measurements)
    .where(and(eq(measurements.wardId, actor.wardId), eq(measurements.id, measurementId)));
  if (!m) throw notFound("Không tìm thấy số liệu");
  const indicator = await indicatorRow(db, actor.wardId, m.indicatorId);
  if (!can.reportFor(actor, indicator.ownerUnitId)) throw forbidden();
  if (uploads.length === 0) throw invalid("Chưa chọn tệp minh chứng.");
  const checked = await Promise.all(uploads.map((u) => checkUpload(u, maxBytes)));
  return db.transaction(async (tx) => {
    const refs = await attachUploads(tx, store, actor, { type: "measurement", id: measurementId }, checked);
    await recordAudit(tx, actor, {
      action: "measurement.attach_files",
      entityType: "indicator",
      entityId: indicator.id,
      before: null,
      after: { measurementId, files: refs.map((r) => r.filename) },
    });
    return refs;
  });
}

export async function editIndicator(
  db: Db,
  log: DataLog,
  actor: Actor,
  id: string,
  input: EditIndicator,
): Promise<IndicatorDetail> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được sửa chỉ tiêu.");
  if (input.ownerUnitId && !(await unitInWard(db, actor.wardId, input.ownerUnitId)))
    throw invalid("Đơn vị không thuộc phường này.", [{ path: "ownerUnitId", message: "Đơn vị không hợp lệ" }]);
  await db.transaction(async (tx) => {
    const row = await indicatorRow(tx, actor.wardId, id, true);
    if (row.version !== input.version) throw conflict();
    const { version: _v, ...fields } = input;
    const changes = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined),
    ) as Partial<IndicatorRow>;
    const problems = kindProblems({ ...row, ...changes }, input);
    if (problems.length) throw invalid(problems[0]?.message ?? "Chỉ tiêu không hợp lệ", problems);
    const diff = changedFields(row as unknown as Record<string, unknown>, changes as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) return;
    await tx
      .update(indicators)
      .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
      .where(eq(indicators.id, id));
    await recordAudit(tx, actor, {
      action: "indicator.edit",
      entityType: "indicator",
      entityId: id,
      before: diff.before,
      after: diff.after,
    });
  });
  return getIndicator(db, log, actor, id);
}

/**
 * Whether the indicator as it would be after an edit holds together: "percent" goes with the unit
 * "%" and only with it, only a ratio has parts, and a count's baseline and target are whole.
 */
function kindProblems(after: IndicatorRow, input: EditIndicator): MeasurementProblem[] {
  const problems: MeasurementProblem[] = [];
  const isPercentUnit = after.unitOfMeasure === "%";
  if (input.valueKind !== undefined && (input.valueKind === "percent") !== isPercentUnit)
    problems.push({
      path: "valueKind",
      message: isPercentUnit
        ? "Chỉ tiêu tính bằng % là tỷ lệ: không đổi được thành số đếm hay đại lượng."
        : `Chỉ tiêu tính bằng ${after.unitOfMeasure} không phải tỷ lệ %.`,
    });
  if (input.partsKind !== undefined && after.aggregation !== "ratio_of_sums")
    problems.push({ path: "partsKind", message: "Chỉ tiêu này không tính theo tử số và mẫu số." });
  if (after.valueKind === "count") {
    const unit = after.unitOfMeasure;
    if (!Number.isInteger(after.targetValue))
      problems.push({ path: "targetValue", message: `Chỉ tiêu đếm số ${unit}: mục tiêu phải là số nguyên.` });
    if (after.baselineValue !== null && !Number.isInteger(after.baselineValue))
      problems.push({ path: "baselineValue", message: `Chỉ tiêu đếm số ${unit}: số liệu gốc phải là số nguyên.` });
  }
  return problems;
}

/** Indicators of a ward (or of one unit), each with the period `periodFor` picks and whether it has been reported. */
export async function indicatorsOfUnitsDue(
  db: Db,
  wardId: string,
  periodFor: (frequency: Frequency) => string,
  unitId?: string,
) {
  const rows = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.wardId, wardId), unitId ? eq(indicators.ownerUnitId, unitId) : undefined))
    .orderBy(asc(indicators.position));
  if (rows.length === 0) return [];
  const reported = await db
    .selectDistinct({ indicatorId: measurements.indicatorId, period: measurements.period })
    .from(measurements)
    .where(
      and(
        eq(measurements.wardId, wardId),
        inArray(
          measurements.indicatorId,
          rows.map((r) => r.id),
        ),
      ),
    );
  const done = new Set(reported.map((r) => `${r.indicatorId}|${r.period}`));
  return rows.map((r) => {
    const period = periodFor(r.frequency as Frequency);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      frequency: r.frequency,
      ownerUnitId: r.ownerUnitId,
      period,
      reported: done.has(`${r.id}|${period}`),
    };
  });
}

export async function setBaseline(
  tx: Db,
  wardId: string,
  code: string,
  baselineValue: number,
  baselineYear: number,
): Promise<void> {
  await tx
    .update(indicators)
    .set({ baselineValue, baselineYear })
    .where(and(eq(indicators.wardId, wardId), eq(indicators.code, code)));
}

export async function indicatorRows(db: Db, wardId: string): Promise<IndicatorRow[]> {
  return db.select().from(indicators).where(eq(indicators.wardId, wardId)).orderBy(asc(indicators.position));
}

/** Ref and name of the ward's indicators among `ids` (other modules name what they link to). */
export async function indicatorLabels(
  db: Db,
  wardId: string,
  ids: string[],
): Promise<Map<string, { code: string; ref: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: indicators.id, code: indicators.code, ref: indicators.ref, name: indicators.name })
    .from(indicators)
    .where(and(eq(indicators.wardId, wardId), inArray(indicators.id, ids)));
  return new Map(rows.map((r) => [r.id, { code: r.code, ref: r.ref, name: r.name }]));
}

/**
 * Ward values of each indicator for the periods ending on or before `until` (a report's end),
 * oldest first: what a report of that period shows, however much was measured since.
 */
export async function wardSeriesUntil(
  db: Db,
  log: DataLog,
  wardId: string,
  rows: IndicatorRow[],
  until: string,
): Promise<Map<string, { period: string; periodEnd: string; value: number }[]>> {
  return wardSeries(db, log, wardId, rows, undefined, until);
}

/** Indicator rows as reads may use them (bounded target, sane baseline), in plan order. */
export async function readableIndicatorRows(db: Db, log: DataLog, wardId: string): Promise<IndicatorRow[]> {
  return (await indicatorRows(db, wardId)).filter((row) => hasUsableTarget(row, log)).map((row) => readable(row, log));
}

/**
 * Số liệu công khai: every measurement of the ward's indicators, for the ward or a tổ dân phố —
 * never who recorded it, when, or the free-text note (open data, issue 7). Rows with numbers
 * out of bounds (legacy data, see SANE) are left out, as the ward values leave them out.
 */
export type PublicMeasurement = {
  indicatorCode: string;
  period: string;
  periodEnd: string;
  residentialGroup: { code: string; name: string } | null;
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: string;
};

export async function listPublicMeasurements(db: Db, wardId: string): Promise<PublicMeasurement[]> {
  const [rows, unitList] = await Promise.all([
    db
      .select({
        indicatorCode: indicators.code,
        period: measurements.period,
        periodEnd: measurements.periodEnd,
        residentialGroupId: measurements.residentialGroupId,
        value: measurements.value,
        numerator: measurements.numerator,
        denominator: measurements.denominator,
        source: measurements.source,
      })
      .from(measurements)
      .innerJoin(
        indicators,
        and(eq(indicators.wardId, measurements.wardId), eq(indicators.id, measurements.indicatorId)),
      )
      .where(eq(measurements.wardId, wardId))
      .orderBy(asc(indicators.position), asc(measurements.periodEnd), asc(measurements.period)),
    listUnits(db, wardId),
  ]);
  const groups = new Map(unitList.map((u) => [u.id, { code: u.code, name: u.name }]));
  const sane = (n: number | null) => n === null || isSaneQuantity(n);
  const list = rows
    .filter((r) => isSaneQuantity(r.value) && sane(r.numerator) && sane(r.denominator))
    .map(({ residentialGroupId, ...r }, order) => ({
      order,
      measurement: {
        ...r,
        residentialGroup: residentialGroupId ? (groups.get(residentialGroupId) ?? null) : null,
      } satisfies PublicMeasurement,
    }));
  // SQL gave plan order and period; within a period the ward's own value first, then groups by code.
  const samePeriod = (a: PublicMeasurement, b: PublicMeasurement) =>
    a.indicatorCode === b.indicatorCode && a.period === b.period;
  const groupCode = (m: PublicMeasurement) => m.residentialGroup?.code ?? "";
  return list
    .sort((a, b) =>
      samePeriod(a.measurement, b.measurement)
        ? groupCode(a.measurement).localeCompare(groupCode(b.measurement))
        : a.order - b.order,
    )
    .map((x) => x.measurement);
}

/** When the ward's indicators and their measurements last changed (null: never). */
export async function indicatorsLastChanged(
  db: Db,
  wardId: string,
): Promise<{ indicators: Date | null; measurements: Date | null }> {
  const [[i], [m]] = await Promise.all([
    db
      .select({ at: sql<Date | string | null>`max(${indicators.updatedAt})` })
      .from(indicators)
      .where(eq(indicators.wardId, wardId)),
    db
      .select({ at: sql<Date | string | null>`max(${measurements.recordedAt})` })
      .from(measurements)
      .where(eq(measurements.wardId, wardId)),
  ]);
  const asDate = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : new Date(v));
  return { indicators: asDate(i?.at), measurements: asDate(m?.at) };
}

/** Ward values of every period of the indicators, oldest first (an indicator's whole chart). */
export async function wardSeriesAll(
  db: Db,
  log: DataLog,
  wardId: string,
  rows: IndicatorRow[],
): Promise<Map<string, { period: string; periodEnd: string; value: number }[]>> {
  return wardSeries(db, log, wardId, rows);
}

/** The trajectory an indicator is judged against, as `expectedValue` and `indicatorStatus` take it. */
export function trajectoryOfRow(row: IndicatorRow) {
  return trajectoryOf(row);
}

/** Residential groups' values of the latest period any group reported, by group id. */
export async function latestGroupValues(
  db: Db,
  wardId: string,
  indicatorId: string,
): Promise<{ period: string; values: { residentialGroupId: string; value: number }[] } | null> {
  const rows = await db
    .select({
      period: measurements.period,
      periodEnd: measurements.periodEnd,
      residentialGroupId: measurements.residentialGroupId,
      value: measurements.value,
    })
    .from(measurements)
    .where(
      and(
        eq(measurements.wardId, wardId),
        eq(measurements.indicatorId, indicatorId),
        sql`${measurements.residentialGroupId} is not null`,
        sql`${measurements.periodEnd} = (select max(p.period_end) from measurements p
          where p.ward_id = ${wardId} and p.indicator_id = ${indicatorId} and p.residential_group_id is not null)`,
      ),
    );
  const sane = rows.filter((r) => isSaneQuantity(r.value));
  const first = sane[0];
  if (!first) return null;
  return {
    period: first.period,
    values: sane.flatMap((r) =>
      r.residentialGroupId
        ? [{ residentialGroupId: r.residentialGroupId, value: Math.round(r.value * 100) / 100 }]
        : [],
    ),
  };
}

/** One residential group's latest value of each indicator it reports, by indicator id. */
export async function latestValuesOfGroup(
  db: Db,
  wardId: string,
  residentialGroupId: string,
): Promise<Map<string, { period: string; periodEnd: string; value: number }>> {
  const result = (await db.execute(sql`
    select distinct on (m.indicator_id) m.indicator_id as "indicatorId", m.period, m.period_end::text as "periodEnd", m.value
    from measurements m
    where m.ward_id = ${wardId} and m.residential_group_id = ${residentialGroupId}
      and m.value between -${BOUND} and ${BOUND}
    order by m.indicator_id, m.period_end desc`)) as unknown as {
    rows: { indicatorId: string; period: string; periodEnd: string; value: number | string }[];
  };
  return new Map(
    result.rows.map((r) => [
      r.indicatorId,
      { period: r.period, periodEnd: r.periodEnd, value: Math.round(Number(r.value) * 100) / 100 },
    ]),
  );
}

/** Where a period's figures of an indicator come from, as recorded (distinct, at most `limit`). */
export async function sourcesOfPeriod(
  db: Db,
  wardId: string,
  indicatorId: string,
  period: string,
  limit = 5,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ source: measurements.source })
    .from(measurements)
    .where(
      and(eq(measurements.wardId, wardId), eq(measurements.indicatorId, indicatorId), eq(measurements.period, period)),
    )
    .orderBy(asc(measurements.source))
    .limit(limit);
  return rows.map((r) => r.source);
}

/** One indicator of one ward with its latest ward value and status, as the city compares wards. */
export type WardIndicatorStatus = {
  wardId: string;
  code: string;
  ref: string;
  name: string;
  unitOfMeasure: string;
  direction: Direction;
  position: number;
  targetValue: number;
  targetYear: number;
  latest: { period: string; value: number } | null;
  status: IndicatorStatus;
};

/**
 * Every ward's indicators with their latest ward value and status (the city's comparison), in
 * two statements whatever the number of wards: the indicators, then the last two periods of
 * each aggregated in the database — the same cut-off and the same rules as `listIndicators`, so
 * the city sees what each ward's own dashboard shows.
 */
export async function indicatorStatusesOfEveryWard(db: Db, log: DataLog): Promise<WardIndicatorStatus[]> {
  const rows = (
    await db
      .select({
        id: indicators.id,
        wardId: indicators.wardId,
        code: indicators.code,
        ref: indicators.ref,
        name: indicators.name,
        unitOfMeasure: indicators.unitOfMeasure,
        direction: indicators.direction,
        baselineValue: indicators.baselineValue,
        baselineYear: indicators.baselineYear,
        targetValue: indicators.targetValue,
        targetYear: indicators.targetYear,
        aggregation: indicators.aggregation,
        valueKind: indicators.valueKind,
        position: indicators.position,
      })
      .from(indicators)
      .orderBy(asc(indicators.wardId), asc(indicators.position))
  )
    .filter((row) => hasUsableTarget(row, log))
    .map((row) => readable(row, log));
  if (rows.length === 0) return [];
  const aggregates = (
    (await db.execute(sql`select ${PERIOD_AGGREGATES}
      from indicators i
      cross join lateral (
        select min(last.period_end) as cutoff from (
          select distinct p.period_end from measurements p
          where p.ward_id = i.ward_id and p.indicator_id = i.id
          order by p.period_end desc limit 2
        ) last
      ) c
      -- "offset 0" keeps this a per-indicator index range scan: flattened into a join, the planner
      -- reads every measurement of the city and filters (bench/city.ts: 300 ms instead of 56 at 1×).
      cross join lateral (
        select * from measurements m0
        where m0.ward_id = i.ward_id and m0.indicator_id = i.id and m0.period_end >= c.cutoff
        offset 0
      ) m
      group by m.indicator_id, m.period, m.period_end
      order by m.period_end`)) as unknown as { rows: PeriodAggregateRow[] }
  ).rows;
  const series = toSeries(rows, aggregates, log);
  return rows.map((row) => {
    const last = series.get(row.id)?.at(-1);
    const latest = last ? { period: last.period, value: last.value, periodEnd: last.periodEnd } : null;
    return {
      wardId: row.wardId,
      code: row.code,
      ref: row.ref,
      name: row.name,
      unitOfMeasure: row.unitOfMeasure,
      direction: row.direction as Direction,
      position: row.position,
      targetValue: row.targetValue,
      targetYear: row.targetYear,
      latest: latest ? { period: latest.period, value: latest.value } : null,
      status: indicatorStatus({ ...trajectoryOf(row), latest }),
    };
  });
}
