import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { periodEnd, periodOf, periodStart, type Frequency, type ReportStatus } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { indicatorRow, measurementSource, saveMeasurement } from "../indicators/service.js";
import { diaryEntries, plots, seasons } from "../agriculture/tables.js";
import { indicators } from "../indicators/tables.js";
import { feedbackCategories, feedbackReports } from "./tables.js";

/** Statuses a confirmed report keeps counting in: everything but rejected and merged ones. */
const NOT_COUNTED: readonly ReportStatus[] = ["new", "not_responsible", "duplicate"];

/** The source line of a measurement the reports make. */
export const REPORT_COUNT_SOURCE = "Phản ánh của người dân được cán bộ xác nhận (tự động)";
/** The source line of the straw-burning count: confirmed reports and diaries that say so. */
export const STRAW_BURNING_SOURCE = "Phản ánh được xác nhận và nhật ký sản xuất ghi đốt rơm rạ (tự động)";
/** "Chấm dứt đốt rơm rạ" (II.2.(2)): diaries of burnt seasons count toward it, with the reports. */
export const STRAW_BURNING_INDICATOR = "straw-burning-cases";

const COUNTED_SOURCES = new Set([REPORT_COUNT_SOURCE, STRAW_BURNING_SOURCE]);

type DayCount = { day: string; n: number };

/** Confirmed reports of the indicator's categories in the group, per day in Vietnam. */
async function reportsByDay(tx: Db, wardId: string, indicatorId: string, groupId: string, from: string, to: string) {
  // Days in Vietnam: a report at 23:30 on the last day of the quarter (UTC+7) belongs to it.
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  return tx
    .select({
      day: sql<string>`to_char(${feedbackReports.createdAt} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`,
      n: sql<number>`count(*)::int`,
    })
    .from(feedbackReports)
    .innerJoin(
      feedbackCategories,
      and(eq(feedbackCategories.wardId, feedbackReports.wardId), eq(feedbackCategories.id, feedbackReports.categoryId)),
    )
    .where(
      and(
        eq(feedbackReports.wardId, wardId),
        eq(feedbackCategories.indicatorId, indicatorId),
        eq(feedbackReports.residentialGroupId, groupId),
        isNotNull(feedbackReports.confirmedAt),
        sql`${feedbackReports.status} not in (${sql.join(
          NOT_COUNTED.map((s) => sql`${s}`),
          sql`, `,
        )})`,
        sql`${feedbackReports.createdAt} >= ${start.toISOString()}`,
        sql`${feedbackReports.createdAt} < ${end.toISOString()}`,
      ),
    )
    .groupBy(sql`1`);
}

/** Seasons of the group's plots whose diary says the straw was burnt, per day (a season once a day). */
export async function burntSeasonsByDay(
  tx: Db,
  wardId: string,
  groupId: string,
  from: string,
  to: string,
): Promise<DayCount[]> {
  const rows = await tx
    .select({ day: diaryEntries.occurredOn, n: sql<number>`count(distinct ${diaryEntries.seasonId})::int` })
    .from(diaryEntries)
    .innerJoin(seasons, and(eq(seasons.wardId, diaryEntries.wardId), eq(seasons.id, diaryEntries.seasonId)))
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .where(
      and(
        eq(diaryEntries.wardId, wardId),
        eq(plots.residentialGroupId, groupId),
        eq(diaryEntries.kind, "residue"),
        isNull(diaryEntries.deletedAt),
        sql`${diaryEntries.details}->>'handling' = 'burnt'`,
        sql`${diaryEntries.occurredOn} between ${from} and ${to}`,
      ),
    )
    .groupBy(diaryEntries.occurredOn);
  return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
}

/**
 * Burnings in a group over a period, per month: each confirmed report counts, and each season a
 * diary says was burnt counts unless a report in the same group on the same day already did (the
 * same fire, seen by a neighbour and written by the farmer).
 */
export function countBurnings(
  reports: DayCount[],
  diaries: DayCount[],
): Map<string, { reports: number; diaries: number }> {
  const reportDays = new Set(reports.filter((r) => r.n > 0).map((r) => r.day));
  const months = new Map<string, { reports: number; diaries: number }>();
  const at = (day: string) => {
    const month = `${day.slice(5, 7)}/${day.slice(0, 4)}`;
    const found = months.get(month) ?? { reports: 0, diaries: 0 };
    months.set(month, found);
    return found;
  };
  for (const r of reports) at(r.day).reports += r.n;
  for (const d of diaries) {
    const extra = reportDays.has(d.day) ? Math.max(0, d.n - (reports.find((r) => r.day === d.day)?.n ?? 0)) : d.n;
    if (extra > 0) at(d.day).diaries += extra;
  }
  return new Map([...months].sort(([a], [b]) => a.slice(3).localeCompare(b.slice(3)) || a.localeCompare(b)));
}

/**
 * Recounts an event-counted indicator (one whose reports category links to it; straw burning also
 * from diaries) for a residential group and the period holding `day`: the measurement is made from
 * the events themselves whenever one of them changes, so it never drifts from them — unless the
 * unit entered the period's figure itself, which stands.
 */
export async function recountIndicatorPeriod(
  tx: Db,
  actor: Actor,
  indicatorId: string,
  groupId: string,
  day: string,
): Promise<void> {
  const indicator = await indicatorRow(tx, actor.wardId, indicatorId);
  const period = periodOf(indicator.frequency as Frequency, day);
  const [from, to] = [periodStart(period), periodEnd(period)];
  const straw = indicator.code === STRAW_BURNING_INDICATOR;
  const [reports, diaries] = await Promise.all([
    reportsByDay(tx, actor.wardId, indicatorId, groupId, from, to),
    straw ? burntSeasonsByDay(tx, actor.wardId, groupId, from, to) : Promise.resolve([]),
  ]);
  const months = countBurnings(reports, diaries);
  const total = [...months.values()].reduce((sum, m) => sum + m.reports + m.diaries, 0);
  // A figure the unit entered itself is its official count (it knows which events it holds):
  // events fill the period only where nobody has, and never overwrite a person's number.
  const source = await measurementSource(tx, actor.wardId, indicatorId, period, groupId);
  if (source !== null && !COUNTED_SOURCES.has(source)) return;
  if (source === null && total === 0) return;
  const detail = (m: { reports: number; diaries: number }) =>
    straw ? ` (${m.reports} phản ánh, ${m.diaries} nhật ký)` : "";
  await saveMeasurement(tx, actor, indicator, {
    period,
    residentialGroupId: groupId,
    value: total,
    source: straw ? STRAW_BURNING_SOURCE : REPORT_COUNT_SOURCE,
    note: total
      ? `Theo tháng: ${[...months]
          .filter(([, m]) => m.reports + m.diaries > 0)
          .map(([month, m]) => `${month}: ${m.reports + m.diaries}${detail(m)}`)
          .join("; ")}`
      : undefined,
  });
}

/** The straw-burning indicator's id in a ward, if its plan has it. */
export async function strawBurningIndicatorId(tx: Db, wardId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(eq(indicators.wardId, wardId), eq(indicators.code, STRAW_BURNING_INDICATOR)))
    .limit(1);
  return row?.id ?? null;
}
