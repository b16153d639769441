import {
  wardStatus,
  type CityComparison,
  type CityDashboard,
  type CityWard,
  type IndicatorStatus,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { listWardsForCity } from "../identity/service.js";
import { indicatorStatusesOfEveryWard, type WardIndicatorStatus } from "../indicators/service.js";
import { taskFiguresOfEveryWard } from "../plan/service.js";

const NO_INDICATORS: Record<IndicatorStatus, number> = {
  on_track: 0,
  achieved: 0,
  at_risk: 0,
  off_track: 0,
  no_data: 0,
  no_baseline: 0,
};

/**
 * Bảng điều hành thành phố: every ward side by side — its work, its targets by status, the task
 * groups where it is late, and its latest value of each indicator all wards share (the
 * template's codes). A handful of statements for the whole city, aggregated in the database
 * (bench/city.ts measures it against them).
 */
export async function buildCityDashboard(db: Db, log: DataLog, today = todayInVietnam()): Promise<CityDashboard> {
  const [wardRows, tasks, indicatorRows] = await Promise.all([
    listWardsForCity(db),
    taskFiguresOfEveryWard(db, today),
    indicatorStatusesOfEveryWard(db, log),
  ]);
  const figuresOf = new Map(tasks.wards.map((w) => [w.wardId, w]));
  const indicatorsOf = new Map<string, WardIndicatorStatus[]>();
  for (const row of indicatorRows) indicatorsOf.set(row.wardId, [...(indicatorsOf.get(row.wardId) ?? []), row]);
  const shared = sharedIndicators(
    wardRows.map((w) => indicatorsOf.get(w.id) ?? []),
    indicatorsOf.size,
  );

  const wards = wardRows.map((ward) => {
    const own = indicatorsOf.get(ward.id) ?? [];
    const figures = figuresOf.get(ward.id);
    const indicatorCounts = { ...NO_INDICATORS };
    for (const row of own) indicatorCounts[row.status] += 1;
    const taskFigures = {
      total: figures?.total ?? 0,
      overdue: figures?.overdue ?? 0,
      closed: figures?.closed ?? 0,
      reported: figures?.reported ?? 0,
      averageProgress: figures?.averageProgress ?? 0,
    };
    const byCode = new Map(own.map((row) => [row.code, row]));
    return {
      code: ward.code,
      name: ward.name,
      province: ward.province,
      isDemo: ward.isDemo,
      position:
        ward.latitude !== null && ward.longitude !== null
          ? { latitude: ward.latitude, longitude: ward.longitude }
          : null,
      status: wardStatus({ tasks: taskFigures, indicators: indicatorCounts }),
      tasks: taskFigures,
      lastUpdateOn: figures?.lastUpdateOn ?? null,
      indicatorCounts,
      lateGroups: tasks.groups.flatMap((group) => {
        const overdue = figures?.overdueByGroup.get(group.code) ?? 0;
        return overdue > 0 ? [{ code: group.code, overdue }] : [];
      }),
      indicators: shared.flatMap((column) => {
        const row = byCode.get(column.code);
        return row
          ? [
              {
                code: row.code,
                latest: row.latest,
                targetValue: row.targetValue,
                targetYear: row.targetYear,
                status: row.status,
              },
            ]
          : [];
      }),
      activeAccounts: ward.activeAccounts,
    };
  });
  return {
    today,
    groups: tasks.groups,
    indicators: shared,
    wards: wards.sort((a, b) => a.name.localeCompare(b.name, "vi")),
  };
}

/**
 * The indicators every ward with indicators holds (same code: the template's), in the plan
 * order of the oldest ward, named as that ward names them.
 */
function sharedIndicators(wards: WardIndicatorStatus[][], wardsWithIndicators: number) {
  const holders = new Map<string, number>();
  for (const rows of wards)
    for (const code of new Set(rows.map((r) => r.code))) holders.set(code, (holders.get(code) ?? 0) + 1);
  const first = wards.find((rows) => rows.length > 0) ?? [];
  return first
    .filter((row) => holders.get(row.code) === wardsWithIndicators)
    .map((row) => ({
      code: row.code,
      ref: row.ref,
      name: row.name,
      unitOfMeasure: row.unitOfMeasure,
      direction: row.direction,
    }));
}

/** What the public sees of the city: the same comparison, without the accounts of each ward. */
export function publicCityComparison(dashboard: CityDashboard): CityComparison {
  return {
    ...dashboard,
    wards: dashboard.wards.map(({ activeAccounts: _accounts, ...ward }): CityWard => ward),
  };
}
