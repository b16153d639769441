import type { PublicLanguage, PublicPlan, PublicTask, TaskSummary } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { stderrLog, type DataLog } from "../../lib/data-log.js";
import { notFound } from "../../lib/errors.js";
import { handlingByCategory } from "../feedback/public.js";
import { findWard, listUnits } from "../identity/service.js";
import { listIndicators } from "../indicators/service.js";
import {
  allTaskRows,
  lastDataChange,
  listObjectives,
  loadTaskContext,
  planOfWard,
  summarizeTasks,
  type TaskRow,
} from "./service.js";

type PublicWard = { id: string; code: string; name: string; province: string; isDemo: boolean };

/**
 * The plan as the public sees it (GET /api/public/plan). Units only: no user, no author, no
 * personal data of any kind.
 */
export async function getPublicPlan(
  db: Db,
  wardRef: string | undefined | PublicWard,
  log: DataLog = stderrLog,
  lang: PublicLanguage = "vi",
): Promise<PublicPlan> {
  const ward = typeof wardRef === "object" ? wardRef : await findWard(db, wardRef);
  if (!ward) throw notFound("Không tìm thấy phường");
  // One round of queries: units, objectives and the plan are read once and shared.
  const unitList = listUnits(db, ward.id);
  const objectiveRows = listObjectives(db, ward.id);
  const planRow = planOfWard(db, ward.id);
  const [plan, objectiveList, indicators, ctx, rows, lastUpdate, feedback] = await Promise.all([
    planRow,
    objectiveRows,
    listIndicators(db, log, ward.id, undefined, { units: unitList, objectives: objectiveRows }),
    loadTaskContext(db, ward.id, undefined, { units: unitList, plan: planRow }),
    allTaskRows(db, ward.id),
    lastDataChange(db, ward.id),
    handlingByCategory(db, ward.id),
  ]);
  if (!plan) throw notFound("Phường chưa có kế hoạch");
  const summaries = new Map(summarizeTasks(ctx, rows, rows).map((s) => [s.id, s]));
  const children = new Map<string | null, TaskRow[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const publicUnit = (u: TaskSummary["owner"]) => ({ code: u.code, name: u.name, shortName: u.shortName });
  const toPublic = (row: TaskRow): PublicTask => {
    const s = summaries.get(row.id);
    if (!s) throw new Error(`task ${row.id} not summarised`);
    return {
      code: row.code,
      ref: row.ref,
      kind: s.kind,
      title: row.title,
      text: row.text,
      owner: publicUnit(s.owner),
      coordinators: s.coordinators.map(publicUnit),
      recurrence: row.recurrence,
      deadline: row.deadline,
      output: row.output,
      status: s.status,
      statusLabel:
        (lang === "en" ? ctx.statuses.get(s.status)?.labelEn : ctx.statuses.get(s.status)?.labelVi) ?? s.status,
      progress: row.progress,
      timeliness: s.timeliness,
      children: (children.get(row.id) ?? []).map(toPublic),
    };
  };
  const roots = children.get(null) ?? [];
  const work = [...summaries.values()].filter((s) => s.kind !== "group");
  return {
    ward: { code: ward.code, name: ward.name, province: ward.province, isDemo: ward.isDemo },
    updatedAt: lastUpdate,
    plan: {
      code: plan.code,
      title: plan.title,
      documentNumber: plan.documentNumber,
      issuer: plan.issuer,
      generalObjective: plan.generalObjective,
      vision2050: plan.vision2050,
      funding: plan.funding,
    },
    objectives: objectiveList.map((o) => ({
      code: o.code,
      ref: o.ref,
      area: o.area,
      text: o.text,
      indicators: indicators
        .filter((i) => i.objectiveCode === o.code)
        .map((i) => ({
          code: i.code,
          ref: i.ref,
          name: i.name,
          unitOfMeasure: i.unitOfMeasure,
          valueKind: i.valueKind,
          direction: i.direction,
          baselineValue: i.baselineValue,
          baselineYear: i.baselineYear,
          targetValue: i.targetValue,
          targetYear: i.targetYear,
          latest: i.latest ? { period: i.latest.period, value: i.latest.value } : null,
          status: i.status,
        })),
    })),
    tasks: roots.filter((r) => r.section === "III").map(toPublic),
    duties: roots.filter((r) => r.section === "V").map(toPublic),
    summary: {
      tasks: work.length,
      averageProgress: work.length ? Math.round((work.reduce((a, t) => a + t.progress, 0) / work.length) * 10) / 10 : 0,
      overdue: work.filter((t) => t.timeliness === "overdue").length,
      closed: work.filter((t) => t.timeliness === "closed").length,
    },
    feedback,
  };
}
