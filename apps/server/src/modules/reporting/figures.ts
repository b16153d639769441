import {
  fractionDigitsOf,
  valueKindOf,
  formatDateVi,
  indicatorStatus,
  type Direction,
  type FigureDifference,
  type FigureIndicator,
  type FigureTask,
  type ReportFigures,
  type ReportSections,
  type UnitRef,
  type ValueKind,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { DataLog } from "../../lib/data-log.js";
import { formatNumberVi } from "../../lib/official-document/document.js";
import { listUnits } from "../identity/service.js";
import { readableIndicatorRows, wardSeriesUntil } from "../indicators/service.js";
import { allTaskRows, taskStatesAt, taskUpdatesBetween } from "../plan/service.js";
import { listTaskStatuses } from "../plan/statuses.js";

/** What a report covers: the data window, and the calendar end its indicator values may reach. */
export type FigureSpan = { windowStart: string; windowEnd: string; valuesUntil: string };

/** Trend points kept per indicator: enough for a chart over two years of quarters. */
const SERIES_POINTS = 12;

const STATUS_LABELS: Record<string, string> = {
  achieved: "Đã đạt",
  on_track: "Đúng lộ trình",
  at_risk: "Có nguy cơ chậm",
  off_track: "Chậm so với lộ trình",
  no_data: "Chưa có số liệu",
  no_baseline: "Chưa có số liệu gốc",
};
export const indicatorStatusLabel = (status: string) => STATUS_LABELS[status] ?? status;

/**
 * The figures of a report: every task and indicator the scope owns (a unit, or the whole ward),
 * as they stood at the end of the window (or today, while the window is still open).
 */
export async function computeFigures(
  db: Db,
  log: DataLog,
  wardId: string,
  span: FigureSpan,
  today: string,
  unitId: string | null,
): Promise<ReportFigures> {
  const asOf = span.windowEnd < today ? span.windowEnd : today;
  const [taskRows, statuses, unitList, states, updates, indicatorList] = await Promise.all([
    allTaskRows(db, wardId),
    listTaskStatuses(db, wardId),
    listUnits(db, wardId),
    taskStatesAt(db, wardId, asOf),
    taskUpdatesBetween(db, wardId, span.windowStart, asOf),
    readableIndicatorRows(db, log, wardId),
  ]);
  const statusOf = new Map(statuses.map((s) => [s.code, s]));
  const units = new Map<string, UnitRef>(
    unitList.map((u) => [u.id, { id: u.id, code: u.code, name: u.name, shortName: u.shortName }]),
  );
  const unitRef = (id: string) => units.get(id) ?? { id, code: "?", name: "?", shortName: "?" };
  const inScope = (ownerUnitId: string) => unitId === null || ownerUnitId === unitId;

  const tasks: FigureTask[] = taskRows
    .filter((row) => row.kind !== "group" && inScope(row.ownerUnitId))
    .map((row) => {
      // Never reported on: the row itself says where it stands; reported only later: not started then.
      const state =
        states.get(row.id) ??
        (row.lastUpdateOn === null
          ? { status: row.status, progress: row.progress }
          : { status: "not_started", progress: 0 });
      const closed = statusOf.get(state.status)?.isClosed ?? false;
      return {
        id: row.id,
        code: row.code,
        ref: row.ref,
        title: row.title,
        section: row.section,
        sector: row.sector,
        owner: unitRef(row.ownerUnitId),
        deadline: row.deadline,
        status: state.status,
        statusLabel: statusOf.get(state.status)?.labelVi ?? state.status,
        progress: state.progress,
        late: row.deadline !== null && row.deadline < asOf && !closed,
        updates: updates.get(row.id) ?? [],
      };
    });

  const indicatorScope = indicatorList.filter((row) => inScope(row.ownerUnitId));
  const series = await wardSeriesUntil(db, log, wardId, indicatorScope, span.valuesUntil);
  const indicators: FigureIndicator[] = indicatorScope.map((row) => {
    const points = series.get(row.id) ?? [];
    const last = points.at(-1);
    const status = indicatorStatus({
      direction: row.direction as Direction,
      baselineValue: row.baselineValue,
      baselineYear: row.baselineYear,
      targetValue: row.targetValue,
      targetYear: row.targetYear,
      latest: last ? { value: last.value, periodEnd: last.periodEnd } : null,
    });
    return {
      id: row.id,
      code: row.code,
      ref: row.ref,
      name: row.name,
      unitOfMeasure: row.unitOfMeasure,
      valueKind: row.valueKind as ValueKind,
      owner: unitRef(row.ownerUnitId),
      baselineValue: row.baselineValue,
      baselineYear: row.baselineYear,
      targetValue: row.targetValue,
      targetYear: row.targetYear,
      value: last?.value ?? null,
      valuePeriod: last?.period ?? null,
      status,
      series: points.slice(-SERIES_POINTS).map((p) => ({ period: p.period, value: p.value })),
    };
  });

  const closed = new Set(statuses.filter((st) => st.isClosed).map((st) => st.code));
  return {
    asOf,
    windowStart: span.windowStart,
    windowEnd: span.windowEnd,
    tasks,
    indicators,
    counts: countsOf(tasks, indicators, closed),
  };
}

/** The summary counts of a report (tasks by state, updates in the window, indicators by status). */
function countsOf(tasks: FigureTask[], indicators: FigureIndicator[], closedStatuses: ReadonlySet<string>) {
  const count = (predicate: (t: FigureTask) => boolean) => tasks.filter(predicate).length;
  const closed = (t: FigureTask) => closedStatuses.has(t.status);
  const indicatorsWith = (...s: string[]) => indicators.filter((i) => s.includes(i.status)).length;
  return [
    { key: "tasks.total", label: "Nhiệm vụ được giao", value: tasks.length },
    { key: "tasks.closed", label: "Nhiệm vụ đã hoàn thành", value: count(closed) },
    {
      key: "tasks.active",
      label: "Nhiệm vụ đang thực hiện",
      value: count((t) => !closed(t) && t.status !== "not_started"),
    },
    { key: "tasks.notStarted", label: "Nhiệm vụ chưa triển khai", value: count((t) => t.status === "not_started") },
    { key: "tasks.late", label: "Nhiệm vụ chậm so với thời hạn", value: count((t) => t.late) },
    {
      key: "updates.inWindow",
      label: "Lượt báo cáo tiến độ trong kỳ",
      value: tasks.reduce((n, t) => n + t.updates.length, 0),
    },
    { key: "indicators.total", label: "Chỉ tiêu theo dõi", value: indicators.length },
    {
      key: "indicators.onTrack",
      label: "Chỉ tiêu đạt hoặc đúng lộ trình",
      value: indicatorsWith("achieved", "on_track"),
    },
    { key: "indicators.atRisk", label: "Chỉ tiêu có nguy cơ chậm", value: indicatorsWith("at_risk") },
    { key: "indicators.offTrack", label: "Chỉ tiêu chậm so với lộ trình", value: indicatorsWith("off_track") },
  ];
}

/** Only the figures of one unit, out of the ward's. */
export function figuresOfUnit(
  figures: ReportFigures,
  unitId: string,
  closedStatuses: ReadonlySet<string>,
): ReportFigures {
  const tasks = figures.tasks.filter((t) => t.owner.id === unitId);
  const indicators = figures.indicators.filter((i) => i.owner.id === unitId);
  return { ...figures, tasks, indicators, counts: countsOf(tasks, indicators, closedStatuses) };
}

/**
 * What changed in the data since the figures were locked. The report keeps its locked figures;
 * this list is what the Office sees next to them, never a silent rewrite.
 */
export function figureDifferences(locked: ReportFigures, current: ReportFigures): FigureDifference[] {
  const out: FigureDifference[] = [];
  const currentTasks = new Map(current.tasks.map((t) => [t.id, t]));
  for (const task of locked.tasks) {
    const now = currentTasks.get(task.id);
    const label = `${task.ref} ${task.title}`;
    if (!now) {
      out.push({ kind: "task", code: task.code, label, field: "task", locked: task.title, current: null });
      continue;
    }
    if (now.status !== task.status)
      out.push({
        kind: "task",
        code: task.code,
        label,
        field: "status",
        locked: task.statusLabel,
        current: now.statusLabel,
      });
    if (now.progress !== task.progress)
      out.push({
        kind: "task",
        code: task.code,
        label,
        field: "progress",
        locked: task.progress,
        current: now.progress,
      });
  }
  const lockedTaskIds = new Set(locked.tasks.map((t) => t.id));
  for (const task of current.tasks)
    if (!lockedTaskIds.has(task.id))
      out.push({
        kind: "task",
        code: task.code,
        label: `${task.ref} ${task.title}`,
        field: "task",
        locked: null,
        current: task.title,
      });
  const currentIndicators = new Map(current.indicators.map((i) => [i.id, i]));
  for (const indicator of locked.indicators) {
    const now = currentIndicators.get(indicator.id);
    if (now && (now.value !== indicator.value || now.valuePeriod !== indicator.valuePeriod))
      out.push({
        kind: "indicator",
        code: indicator.code,
        label: indicator.name,
        field: "value",
        locked: indicator.value,
        current: now.value,
      });
    if (now && now.targetValue !== indicator.targetValue)
      out.push({
        kind: "indicator",
        code: indicator.code,
        label: indicator.name,
        field: "target",
        locked: indicator.targetValue,
        current: now.targetValue,
      });
  }
  const currentCounts = new Map(current.counts.map((c) => [c.key, c]));
  for (const c of locked.counts) {
    const now = currentCounts.get(c.key);
    if (now && now.value !== c.value)
      out.push({ kind: "count", code: c.key, label: c.label, field: "value", locked: c.value, current: now.value });
  }
  return out;
}

const valueText = (value: number | null, i: FigureIndicator) =>
  value === null
    ? "chưa có số liệu"
    : `${formatNumberVi(value, fractionDigitsOf(valueKindOf(i)))}${i.unitOfMeasure === "%" ? "%" : ` ${i.unitOfMeasure}`}`;

/**
 * Suggested draft text for the four parts, written from the figures: the unit starts from its
 * own numbers instead of a blank page, and edits what it knows better.
 */
export function suggestSections(
  figures: ReportFigures,
  options: { nextPeriodTitle: string; nextWindowEnd: string; closedStatuses: ReadonlySet<string> },
): ReportSections {
  const { tasks, indicators } = figures;
  const closed = tasks.filter((t) => options.closedStatuses.has(t.status));
  const notStarted = tasks.filter((t) => t.status === "not_started");
  const late = tasks.filter((t) => t.late);
  const results = [
    `Trong kỳ (số liệu từ ngày ${formatDateVi(figures.windowStart)} đến ngày ${formatDateVi(figures.asOf)}), ` +
      `đơn vị chủ trì thực hiện ${tasks.length} nhiệm vụ: ${closed.length} nhiệm vụ đã hoàn thành, ` +
      `${tasks.length - closed.length - notStarted.length} nhiệm vụ đang thực hiện, ${notStarted.length} nhiệm vụ chưa triển khai.`,
    ...tasks
      .filter((t) => t.updates.length > 0)
      .map((t) => `- ${t.title} (${t.ref}): ${t.updates.at(-1)?.text ?? ""} Tiến độ: ${t.progress}%.`),
    ...(indicators.length ? ["Kết quả thực hiện các chỉ tiêu:"] : []),
    ...indicators.map(
      (i) =>
        `- ${i.name}: ${valueText(i.value, i)}${i.valuePeriod ? ` (kỳ ${i.valuePeriod})` : ""}; ` +
        `mục tiêu năm ${i.targetYear}: ${valueText(i.targetValue, i)} — ${indicatorStatusLabel(i.status).toLowerCase()}.`,
    ),
  ].join("\n");
  const silent = tasks.filter((t) => t.updates.length === 0 && !options.closedStatuses.has(t.status));
  const shortcomings = [
    ...late.map(
      (t) =>
        `- Nhiệm vụ "${t.title}" chậm so với thời hạn ${formatDateVi(t.deadline ?? figures.asOf)} (tiến độ ${t.progress}%).`,
    ),
    ...indicators
      .filter((i) => i.status === "off_track" || i.status === "at_risk")
      .map((i) => `- Chỉ tiêu "${i.name}" ${indicatorStatusLabel(i.status).toLowerCase()} (${valueText(i.value, i)}).`),
    ...(silent.length ? [`- ${silent.length} nhiệm vụ chưa có báo cáo tiến độ trong kỳ.`] : []),
  ].join("\n");
  const nextTasks = [
    ...late.map((t) => `- Khẩn trương hoàn thành nhiệm vụ "${t.title}".`),
    ...tasks
      .filter(
        (t) =>
          !t.late &&
          !options.closedStatuses.has(t.status) &&
          t.deadline !== null &&
          t.deadline <= options.nextWindowEnd,
      )
      .map((t) => `- Hoàn thành nhiệm vụ "${t.title}" trước ngày ${formatDateVi(t.deadline ?? "")}.`),
    `- Tiếp tục triển khai các nhiệm vụ được giao; cập nhật tiến độ và số liệu ${options.nextPeriodTitle.toLowerCase()}.`,
  ].join("\n");
  return { results, shortcomings, nextTasks, proposals: "" };
}
