import {
  expectedValue,
  type IndicatorSummary,
  type PortalIndicatorRef,
  type PortalTaskRef,
  type PortalUnit,
  type PublicGroupPage,
  type PublicIndicatorPage,
  type PublicLanguage,
  type PublicResidentialGroupList,
  type PublicResidentialGroupPage,
  type PublicTaskPage,
  type TaskSummary,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { DataLog } from "../../lib/data-log.js";
import { notFound } from "../../lib/errors.js";
import type { SnapshotWard } from "../../lib/snapshots.js";
import { publicAttachmentsOf } from "../files/service.js";
import { listUnits } from "../identity/service.js";
import {
  latestGroupValues,
  latestValuesOfGroup,
  listIndicators,
  readableIndicatorRows,
  sourcesOfPeriod,
  trajectoryOfRow,
  wardSeriesAll,
  type IndicatorRow,
} from "../indicators/service.js";
import {
  allTaskRows,
  listObjectives,
  loadTaskContext,
  publicTaskUpdates,
  summarizeTasks,
  type TaskContext,
  type TaskRow,
} from "../plan/service.js";
import { taskIndicatorPairs } from "./service.js";

/**
 * The public pages of a task, an indicator, a task group and a residential group. Each is a
 * pure function of the ward's data and the day (served from snapshots): no clock, no viewer.
 * Units only: nothing here reads an author, an account or a file name.
 */

/** How many of a task's updates its public page lists (the chart keeps every one). */
const MAX_PUBLIC_UPDATES = 100;

type Input = { db: Db; log: DataLog; ward: SnapshotWard; lang: PublicLanguage; today: string };

type Plan = {
  ctx: TaskContext;
  rows: TaskRow[];
  byId: Map<string, TaskRow>;
  summaries: Map<string, TaskSummary>;
  children: Map<string | null, TaskRow[]>;
  indicators: IndicatorSummary[];
  /** task id → indicator ids, indicator id → task ids */
  indicatorsOf: Map<string, string[]>;
  tasksOf: Map<string, string[]>;
  statusLabel: (code: string) => string;
};

async function loadPlan({ db, log, ward, lang, today }: Input): Promise<Plan> {
  const [ctx, rows, indicators, pairs] = await Promise.all([
    loadTaskContext(db, ward.id, today),
    allTaskRows(db, ward.id),
    listIndicators(db, log, ward.id, today),
    taskIndicatorPairs(db, ward.id),
  ]);
  const summaries = new Map(summarizeTasks(ctx, rows, rows).map((s) => [s.id, s]));
  const children = new Map<string | null, TaskRow[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const indicatorsOf = new Map<string, string[]>();
  const tasksOf = new Map<string, string[]>();
  for (const { taskId, indicatorId } of pairs) {
    indicatorsOf.set(taskId, [...(indicatorsOf.get(taskId) ?? []), indicatorId]);
    tasksOf.set(indicatorId, [...(tasksOf.get(indicatorId) ?? []), taskId]);
  }
  return {
    ctx,
    rows,
    byId: new Map(rows.map((r) => [r.id, r])),
    summaries,
    children,
    indicators,
    indicatorsOf,
    tasksOf,
    statusLabel: (code) => (lang === "en" ? ctx.statuses.get(code)?.labelEn : ctx.statuses.get(code)?.labelVi) ?? code,
  };
}

const wardHeader = (ward: SnapshotWard) => ({
  code: ward.code,
  name: ward.name,
  province: ward.province,
  isDemo: ward.isDemo,
});

const publicUnit = (u: { code: string; name: string; shortName: string }): PortalUnit => ({
  code: u.code,
  name: u.name,
  shortName: u.shortName,
});

function summaryOf(plan: Plan, row: TaskRow): TaskSummary {
  const summary = plan.summaries.get(row.id);
  if (!summary) throw new Error(`task ${row.id} not summarised`);
  return summary;
}

function taskRef(plan: Plan, row: TaskRow, depth = 0): PortalTaskRef {
  const s = summaryOf(plan, row);
  return {
    code: row.code,
    ref: row.ref,
    kind: s.kind,
    title: row.title,
    owner: publicUnit(s.owner),
    status: s.status,
    statusLabel: plan.statusLabel(s.status),
    progress: row.progress,
    timeliness: s.timeliness,
    deadline: row.deadline,
    recurrence: row.recurrence,
    depth,
  };
}

function indicatorRef(i: IndicatorSummary): PortalIndicatorRef {
  return {
    code: i.code,
    ref: i.ref,
    name: i.name,
    unitOfMeasure: i.unitOfMeasure,
    status: i.status,
    latest: i.latest ? { period: i.latest.period, value: i.latest.value } : null,
    targetValue: i.targetValue,
    targetYear: i.targetYear,
    direction: i.direction,
  };
}

/** The row and everything under it, in plan order, each with its depth below `row`. */
function descendants(plan: Plan, row: TaskRow, depth = 0): { row: TaskRow; depth: number }[] {
  return (plan.children.get(row.id) ?? []).flatMap((child) => [
    { row: child, depth },
    ...descendants(plan, child, depth + 1),
  ]);
}

/** Indicators linked to any of the tasks, in the plan's order of indicators. */
function linkedIndicators(plan: Plan, taskIds: string[]): PortalIndicatorRef[] {
  const ids = new Set(taskIds.flatMap((id) => plan.indicatorsOf.get(id) ?? []));
  return plan.indicators.filter((i) => ids.has(i.id)).map(indicatorRef);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function buildPublicTaskPage(input: Input, code: string): Promise<PublicTaskPage> {
  const plan = await loadPlan(input);
  const row = plan.rows.find((r) => r.code === code);
  if (!row) throw notFound("Không tìm thấy nhiệm vụ");
  const s = summaryOf(plan, row);
  const ancestors: PublicTaskPage["ancestors"] = [];
  for (let parent = row.parentId ? plan.byId.get(row.parentId) : undefined; parent;) {
    ancestors.unshift({
      code: parent.code,
      ref: parent.ref,
      title: parent.title,
      kind: summaryOf(plan, parent).kind,
    });
    parent = parent.parentId ? plan.byId.get(parent.parentId) : undefined;
  }
  const updates = await publicTaskUpdates(input.db, input.ward.id, [row.id]);
  const dateOfUpdate = new Map(updates.map((u) => [u.id, u.reportedOn]));
  const photos = await publicAttachmentsOf(
    input.db,
    input.ward.id,
    "task_update",
    updates.map((u) => u.id),
  );
  const wardQuery = `?ward=${encodeURIComponent(input.ward.code)}`;
  return {
    ward: wardHeader(input.ward),
    task: {
      code: row.code,
      ref: row.ref,
      kind: s.kind,
      section: s.section,
      sector: row.sector,
      title: row.title,
      text: row.text,
      owner: publicUnit(s.owner),
      coordinators: s.coordinators.map(publicUnit),
      deadline: row.deadline,
      recurrence: row.recurrence,
      output: row.output,
      status: s.status,
      statusLabel: plan.statusLabel(s.status),
      progress: row.progress,
      timeliness: s.timeliness,
      lastUpdateOn: row.lastUpdateOn,
    },
    ancestors,
    children: (plan.children.get(row.id) ?? []).map((child) => taskRef(plan, child)),
    history: updates.map((u) => ({
      date: u.reportedOn,
      progress: u.progress,
      status: u.status,
      statusLabel: plan.statusLabel(u.status),
    })),
    updates: updates
      .slice(-MAX_PUBLIC_UPDATES)
      .reverse()
      .map((u) => ({
        date: u.reportedOn,
        text: u.text,
        progress: u.progress,
        statusLabel: plan.statusLabel(u.status),
      })),
    photos: photos.map((p) => ({
      id: p.fileId,
      url: `/api/public/files/${p.fileId}${wardQuery}`,
      date: dateOfUpdate.get(p.ownerId) ?? row.lastUpdateOn ?? input.today,
    })),
    indicators: linkedIndicators(plan, [row.id, ...descendants(plan, row).map((d) => d.row.id)]),
  };
}

/** One point a year on the straight line from the baseline to the target (what "on track" means). */
function trajectoryPoints(row: IndicatorRow): PublicIndicatorPage["trajectory"] {
  const { baselineValue, baselineYear, targetYear } = row;
  if (baselineValue === null || baselineYear === null || targetYear < baselineYear) return [];
  const line = trajectoryOfRow(row);
  const points: PublicIndicatorPage["trajectory"] = [
    { year: baselineYear, date: `${baselineYear}-01-01`, value: round2(baselineValue) },
  ];
  for (let year = baselineYear; year <= targetYear; year++) {
    const date = `${year}-12-31`;
    points.push({ year, date, value: round2(expectedValue(line, date) ?? baselineValue) });
  }
  return points;
}

export async function buildPublicIndicatorPage(input: Input, code: string): Promise<PublicIndicatorPage> {
  const { db, log, ward } = input;
  const plan = await loadPlan(input);
  const summary = plan.indicators.find((i) => i.code === code);
  const row = summary ? (await readableIndicatorRows(db, log, ward.id)).find((r) => r.id === summary.id) : undefined;
  if (!summary || !row) throw notFound("Không tìm thấy chỉ tiêu");
  const [series, objectives, units, groupValues, sources] = await Promise.all([
    wardSeriesAll(db, log, ward.id, [row]),
    listObjectives(db, ward.id),
    listUnits(db, ward.id),
    row.perResidentialGroup ? latestGroupValues(db, ward.id, row.id) : Promise.resolve(null),
    summary.latest ? sourcesOfPeriod(db, ward.id, row.id, summary.latest.period) : Promise.resolve([]),
  ]);
  const objective = objectives.find((o) => o.id === row.objectiveId);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const owner = unitById.get(row.ownerUnitId);
  const line = trajectoryOfRow(row);
  const linkedTaskIds = new Set(plan.tasksOf.get(row.id) ?? []);
  const groupOrder = new Map(units.map((u, index) => [u.id, index]));
  return {
    ward: wardHeader(ward),
    indicator: {
      code: row.code,
      ref: row.ref,
      name: row.name,
      quote: row.quote,
      objective: objective ? { code: objective.code, ref: objective.ref, area: objective.area } : null,
      unitOfMeasure: row.unitOfMeasure,
      direction: summary.direction,
      aggregation: summary.aggregation,
      frequency: summary.frequency,
      baselineValue: row.baselineValue,
      baselineYear: row.baselineYear,
      targetValue: row.targetValue,
      targetYear: row.targetYear,
      targetSource: summary.targetSource,
      targetNote: row.targetNote,
      owner: owner ? publicUnit(owner) : { code: "?", name: "?", shortName: "?" },
      status: summary.status,
      latest: summary.latest,
      sources,
      perResidentialGroup: row.perResidentialGroup,
    },
    series: (series.get(row.id) ?? []).map((p) => {
      const expected = expectedValue(line, p.periodEnd);
      return { ...p, expected: expected === null ? null : round2(expected) };
    }),
    trajectory: trajectoryPoints(row),
    groups: groupValues
      ? {
          period: groupValues.period,
          values: groupValues.values
            .flatMap((v) => {
              const unit = unitById.get(v.residentialGroupId);
              return unit ? [{ unit, value: v.value }] : [];
            })
            .sort((a, b) => (groupOrder.get(a.unit.id) ?? 0) - (groupOrder.get(b.unit.id) ?? 0))
            .map(({ unit, value }) => ({ code: unit.code, name: unit.name, shortName: unit.shortName, value })),
        }
      : null,
    tasks: plan.rows.filter((r) => linkedTaskIds.has(r.id)).map((r) => taskRef(plan, r)),
  };
}

export async function buildPublicGroupPage(input: Input, code: string): Promise<PublicGroupPage> {
  const plan = await loadPlan(input);
  const row = plan.rows.find((r) => r.code === code && r.kind === "group" && r.parentId === null);
  if (!row) throw notFound("Không tìm thấy nhóm nhiệm vụ");
  const s = summaryOf(plan, row);
  const tree = descendants(plan, row);
  const work = tree.map((d) => summaryOf(plan, d.row)).filter((t) => t.kind !== "group");
  return {
    ward: wardHeader(input.ward),
    group: {
      code: row.code,
      ref: row.ref,
      title: row.title,
      text: row.text,
      section: s.section,
      sector: row.sector,
      owner: publicUnit(s.owner),
      status: s.status,
      statusLabel: plan.statusLabel(s.status),
      timeliness: s.timeliness,
    },
    tasks: tree.map((d) => taskRef(plan, d.row, d.depth)),
    summary: {
      tasks: work.length,
      averageProgress: row.progress,
      overdue: work.filter((t) => t.timeliness === "overdue").length,
      dueSoon: work.filter((t) => t.timeliness === "due_soon").length,
      closed: work.filter((t) => t.timeliness === "closed").length,
    },
    indicators: linkedIndicators(plan, [row.id, ...tree.map((d) => d.row.id)]),
    siblings: (plan.children.get(null) ?? [])
      .filter((r) => r.section === row.section && r.kind === "group" && r.id !== row.id)
      .map((r) => ({ code: r.code, ref: r.ref, title: r.title })),
  };
}

export async function buildPublicResidentialGroupPage(input: Input, code: string): Promise<PublicResidentialGroupPage> {
  const { db, log, ward } = input;
  const units = await listUnits(db, ward.id);
  const unit = units.find((u) => u.code === code && u.kind === "residential_group");
  if (!unit) throw notFound("Không tìm thấy tổ dân phố");
  const plan = await loadPlan(input);
  const rows = (await readableIndicatorRows(db, log, ward.id)).filter((r) => r.perResidentialGroup);
  const [own, series] = await Promise.all([
    latestValuesOfGroup(db, ward.id, unit.id),
    wardSeriesAll(db, log, ward.id, rows),
  ]);
  const summaries = new Map(plan.indicators.map((i) => [i.id, i]));
  const parent = unit.parentId ? units.find((u) => u.id === unit.parentId) : undefined;
  const sharedUnitId = parent?.kind === "residential_group_set" ? parent.id : undefined;
  const involves = (row: TaskRow, unitId: string) =>
    row.ownerUnitId === unitId || (plan.ctx.coordinators.get(row.id) ?? []).includes(unitId);
  const ownWork = plan.rows.filter((r) => involves(r, unit.id));
  const sharedWork = sharedUnitId ? plan.rows.filter((r) => involves(r, sharedUnitId) && !ownWork.includes(r)) : [];
  return {
    ward: wardHeader(ward),
    group: { code: unit.code, name: unit.name, shortName: unit.shortName, households: unit.households },
    indicators: rows.flatMap((row) => {
      const mine = own.get(row.id);
      const summary = summaries.get(row.id);
      if (!mine || !summary) return [];
      const wardPoint = (series.get(row.id) ?? []).find((p) => p.period === mine.period);
      return [
        {
          code: row.code,
          ref: row.ref,
          name: row.name,
          unitOfMeasure: row.unitOfMeasure,
          aggregation: summary.aggregation,
          direction: summary.direction,
          targetValue: row.targetValue,
          targetYear: row.targetYear,
          period: mine.period,
          value: mine.value,
          wardValue: wardPoint ? wardPoint.value : null,
          wardStatus: summary.status,
        },
      ];
    }),
    ownWork: ownWork.map((r) => taskRef(plan, r)),
    sharedWork: sharedWork.map((r) => taskRef(plan, r)),
    siblings: units
      .filter((u) => u.kind === "residential_group" && u.active && u.id !== unit.id)
      .map((u) => ({ code: u.code, shortName: u.shortName })),
  };
}

export async function buildPublicResidentialGroupList(input: Input): Promise<PublicResidentialGroupList> {
  const units = await listUnits(input.db, input.ward.id);
  return {
    ward: wardHeader(input.ward),
    groups: units
      .filter((u) => u.kind === "residential_group" && u.active)
      .map((u) => ({ code: u.code, name: u.name, shortName: u.shortName })),
  };
}
