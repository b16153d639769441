import type { Dashboard, TaskSummary } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { wardById } from "../identity/service.js";
import { listIndicators } from "../indicators/service.js";
import { allTaskRows, latestUpdates, loadTaskContext, summarizeTasks } from "../plan/service.js";
import { lateUnitReports } from "../reporting/reminders.js";

const average = (values: number[]) =>
  values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : 0;

/** Bảng điều hành: targets off track and tasks late, at a glance. */
export async function getDashboard(db: Db, log: DataLog, actor: Actor, today = todayInVietnam()): Promise<Dashboard> {
  const [ward, indicators, ctx, rows, updates, lateReports] = await Promise.all([
    wardById(db, actor.wardId),
    listIndicators(db, log, actor.wardId, today),
    loadTaskContext(db, actor.wardId, today),
    allTaskRows(db, actor.wardId),
    latestUpdates(db, actor.wardId, 12),
    lateUnitReports(db, actor.wardId, today),
  ]);
  const work = summarizeTasks(
    ctx,
    rows.filter((r) => r.kind !== "group"),
    rows,
  );
  const count = (list: TaskSummary[], t: TaskSummary["timeliness"]) => list.filter((s) => s.timeliness === t).length;
  const byUnitMap = new Map<string, TaskSummary[]>();
  for (const task of work) byUnitMap.set(task.owner.id, [...(byUnitMap.get(task.owner.id) ?? []), task]);
  const bySectorMap = new Map<string, TaskSummary[]>();
  for (const task of work)
    if (task.sector) bySectorMap.set(task.sector, [...(bySectorMap.get(task.sector) ?? []), task]);
  const indicatorCounts: Record<string, number> = {};
  for (const i of indicators) indicatorCounts[i.status] = (indicatorCounts[i.status] ?? 0) + 1;
  const statusRank = { off_track: 0, at_risk: 1, no_data: 2, no_baseline: 3, on_track: 4, achieved: 5 } as const;
  return {
    today,
    ward: { name: ward?.name ?? "", isDemo: ward?.isDemo ?? false },
    indicators: [...indicators].sort((a, b) => statusRank[a.status] - statusRank[b.status]),
    indicatorCounts,
    taskCounts: {
      total: work.length,
      overdue: count(work, "overdue"),
      dueSoon: count(work, "due_soon"),
      updateDue: count(work, "update_due"),
      closed: count(work, "closed"),
      averageProgress: average(work.map((t) => t.progress)),
    },
    late: work
      .filter((t) => t.timeliness === "overdue")
      .sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? "")),
    dueSoon: work
      .filter((t) => t.timeliness === "due_soon")
      .sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? "")),
    byUnit: [...byUnitMap.values()]
      .map((list) => ({
        unit: list[0]?.owner ?? { id: "", code: "", name: "", shortName: "" },
        total: list.length,
        overdue: count(list, "overdue"),
        dueSoon: count(list, "due_soon"),
        updateDue: count(list, "update_due"),
        averageProgress: average(list.map((t) => t.progress)),
      }))
      .sort(
        (a, b) =>
          b.overdue - a.overdue || b.updateDue - a.updateDue || a.unit.shortName.localeCompare(b.unit.shortName, "vi"),
      ),
    bySector: [...bySectorMap.entries()].map(([sector, list]) => ({
      sector,
      total: list.length,
      averageProgress: average(list.map((t) => t.progress)),
      overdue: count(list, "overdue"),
    })),
    lateReports,
    latestUpdates: updates.map((u) => ({
      id: u.id,
      taskId: u.taskId,
      taskTitle: u.taskTitle,
      taskRef: u.taskRef,
      unit: ctx.units.get(u.unitId ?? u.ownerUnitId)?.shortName ?? "",
      reportedOn: u.reportedOn,
      text: u.text,
      progress: u.progress,
      createdAt: u.createdAt.toISOString(),
    })),
  };
}
