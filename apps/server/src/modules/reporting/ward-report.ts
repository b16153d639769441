import { and, desc, eq, sql } from "drizzle-orm";
import { type ReportFigures, type UnitRef, type WardReport, type WardReportContent } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { conflict, forbidden, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { listUnits, wardById } from "../identity/service.js";
import { allTaskRows, planOfWard } from "../plan/service.js";
import { listTaskStatuses } from "../plan/statuses.js";
import { figuresFor, unitReportsOfPeriod } from "./unit-reports.js";
import { ensurePeriod, summarizePeriods, type PeriodRow } from "./periods.js";
import { getReportingSettings } from "./settings.js";
import { wardReportVersions } from "./tables.js";

type VersionRow = typeof wardReportVersions.$inferSelect;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Sector (III.x) and unit (V.x) headings, as the plan's groups name them. */
async function planGroups(db: Db, wardId: string) {
  const rows = await allTaskRows(db, wardId);
  const groups = rows.filter((r) => r.kind === "group" && r.parentId === null);
  return {
    sectors: groups.filter((g) => g.section === "III"),
    units: groups.filter((g) => g.section === "V"),
    parentOf: new Map(rows.map((r) => [r.id, r.parentId])),
  };
}

/** Bullet lines of what was done on the tasks in the window: the facts a narrative is drafted from. */
function workDone(tasks: ReportFigures["tasks"], closed: ReadonlySet<string>): string {
  const done = tasks.filter((t) => closed.has(t.status)).length;
  const late = tasks.filter((t) => t.late).length;
  const lines = [
    `Có ${tasks.length} nhiệm vụ: ${done} đã hoàn thành, ${tasks.length - done} đang thực hiện hoặc chưa triển khai` +
      (late ? `, trong đó ${late} nhiệm vụ chậm so với thời hạn.` : "."),
    ...tasks
      .filter((t) => t.updates.length > 0)
      .map((t) => `- ${t.title}: ${t.updates.at(-1)?.text ?? ""} (tiến độ ${t.progress}%).`),
  ];
  return lines.join("\n");
}

/**
 * The ward's report drafted from the accepted unit reports and the figures: sectors of section
 * III from the tasks' progress, units of section V from each unit's own results, and the
 * shortcomings, next tasks and proposals gathered unit by unit. The Office edits it after.
 */
export async function draftWardReport(
  db: Db,
  wardId: string,
  period: PeriodRow,
  figures: ReportFigures,
): Promise<WardReportContent> {
  const [plan, ward, settings, reports, unitList, groups, statuses] = await Promise.all([
    planOfWard(db, wardId),
    wardById(db, wardId),
    getReportingSettings(db, wardId),
    unitReportsOfPeriod(db, wardId, period.id),
    listUnits(db, wardId),
    planGroups(db, wardId),
    listTaskStatuses(db, wardId),
  ]);
  const closed = new Set(statuses.filter((s) => s.isClosed).map((s) => s.code));
  const accepted = new Map(reports.filter((r) => r.status === "accepted").map((r) => [r.unitId, r]));
  const unitName = new Map(unitList.map((u) => [u.id, u.name]));
  const wardName = ward?.name ?? "";
  const planTitle = plan?.title ?? "Kế hoạch chuyển đổi xanh";
  const planNumber = plan && !plan.documentNumber.startsWith("/") ? ` số ${plan.documentNumber}` : "";
  const rootOf = (taskId: string) => {
    let id = taskId;
    for (let parent = groups.parentOf.get(id); parent; parent = groups.parentOf.get(id)) id = parent;
    return id;
  };
  const gathered = (key: "shortcomings" | "nextTasks" | "proposals") =>
    [...accepted.values()]
      .map((r) => ({ unit: unitName.get(r.unitId) ?? "", text: r.sections[key]?.trim() ?? "" }))
      .filter((x) => x.text)
      .map((x) => `${x.unit}:\n${x.text}`)
      .join("\n");
  return {
    summary: `Kết quả ${lowerFirst(planTitle)}, ${lowerFirst(period.title)}`,
    intro:
      `Thực hiện Kế hoạch${planNumber} của Ủy ban nhân dân phường về ${lowerFirst(planTitle)}; ` +
      `trên cơ sở báo cáo của các cơ quan, đơn vị, Ủy ban nhân dân ${lowerFirst(wardName)} báo cáo kết quả thực hiện ` +
      `${lowerFirst(period.title)} như sau:`,
    sectors: groups.sectors.map((group) => ({
      ref: group.ref,
      heading: group.title,
      text: workDone(
        figures.tasks.filter((t) => t.sector === group.sector && t.section === "III"),
        closed,
      ),
    })),
    units: groups.units.map((group) => {
      const own = figures.tasks.filter((t) => t.section === "V" && rootOf(t.id) === group.id);
      // V.5 is the Front and the mass organisations together: each one's results, the group's owner first.
      const reporting = [group.ownerUnitId, ...new Set(own.map((t) => t.owner.id))]
        .filter((id, i, all) => all.indexOf(id) === i)
        .flatMap((id) => {
          const text = accepted.get(id)?.sections.results?.trim();
          return text ? [{ id, text }] : [];
        });
      const text =
        reporting.length === 0
          ? workDone(own, closed)
          : reporting.length === 1 && reporting[0]?.id === group.ownerUnitId
            ? reporting[0].text
            : reporting.map((r) => `${unitName.get(r.id) ?? ""}:\n${r.text}`).join("\n");
      return { unitId: group.ownerUnitId, heading: `${group.ref}. ${group.title}`, text };
    }),
    shortcomings: gathered("shortcomings"),
    nextTasks: gathered("nextTasks"),
    proposals: gathered("proposals"),
    signer: settings.signer,
    recipients: settings.recipients,
  };
}

async function versionsOf(db: Db, wardId: string, periodId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(wardReportVersions)
    .where(and(eq(wardReportVersions.wardId, wardId), eq(wardReportVersions.periodId, periodId)))
    .orderBy(desc(wardReportVersions.version));
}

/** The version to print: the one asked for, the latest, or a draft made now when none was saved. */
export async function wardReportContent(
  db: Db,
  log: DataLog,
  wardId: string,
  period: PeriodRow,
  today: string,
  version?: number,
): Promise<{ content: WardReportContent; version: number | null; figures: ReportFigures }> {
  const { figures } = await figuresFor(db, log, wardId, period, period.lockedFigures, null, today);
  const versions = await versionsOf(db, wardId, period.id);
  const chosen = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (version !== undefined && !chosen) throw notFound(`Không có phiên bản ${version} của báo cáo tổng hợp.`);
  if (chosen) return { content: chosen.content, version: chosen.version, figures };
  return { content: await draftWardReport(db, wardId, period, figures), version: null, figures };
}

export async function getWardReport(
  db: Db,
  log: DataLog,
  actor: Actor,
  code: string,
  today: string,
): Promise<WardReport> {
  const period = await ensurePeriod(db, actor.wardId, code, today);
  const [{ figures, differences }, versions, reports, unitList, [summary]] = await Promise.all([
    figuresFor(db, log, actor.wardId, period, period.lockedFigures, null, today),
    versionsOf(db, actor.wardId, period.id),
    unitReportsOfPeriod(db, actor.wardId, period.id),
    listUnits(db, actor.wardId),
    summarizePeriods(db, actor, [period], today),
  ]);
  if (!summary) throw notFound();
  const refOf = (id: string): UnitRef => {
    const u = unitList.find((x) => x.id === id);
    return { id, code: u?.code ?? "?", name: u?.name ?? "?", shortName: u?.shortName ?? "?" };
  };
  const latest = versions[0];
  const manager = can.managePlan(actor);
  return {
    period: summary,
    current: latest
      ? {
          version: latest.version,
          createdAt: latest.createdAt.toISOString(),
          createdBy: latest.createdByName,
          note: latest.note,
          content: latest.content,
        }
      : null,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdByName,
      note: v.note,
    })),
    acceptedUnits: reports.filter((r) => r.status === "accepted").map((r) => refOf(r.unitId)),
    pendingUnits: reports.filter((r) => r.status !== "accepted").map((r) => refOf(r.unitId)),
    figures,
    differences,
    can: {
      edit: manager && period.sentDocumentId === null,
      send: manager && !!latest && period.sentDocumentId === null,
    },
  };
}

/** Adds a version on top of `baseVersion`; someone else's newer version makes it a conflict. */
async function addVersion(
  db: Db,
  actor: Actor,
  period: PeriodRow,
  baseVersion: number | null,
  content: WardReportContent,
  note: string | null,
  action: string,
): Promise<number> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ Văn phòng hoặc lãnh đạo được soạn báo cáo tổng hợp.");
  if (period.sentDocumentId !== null) throw conflict("Báo cáo tổng hợp đã phát hành, không sửa được nữa.");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ward_report:${period.id}`}))`);
    const [latest] = await versionsOf(tx, actor.wardId, period.id);
    const current = latest?.version ?? 0;
    if (baseVersion !== null && baseVersion !== current) throw conflict();
    const version = current + 1;
    await tx.insert(wardReportVersions).values({
      wardId: actor.wardId,
      periodId: period.id,
      version,
      content,
      note,
      createdBy: actor.userId,
      createdByName: actor.name,
    });
    await recordAudit(tx, actor, {
      action,
      entityType: "ward_report",
      entityId: period.id,
      before: latest ? { version: latest.version } : null,
      after: { version, note },
    });
    return version;
  });
}

/** Tổng hợp: a new version drafted from the accepted unit reports; older versions stay. */
export async function compileWardReport(db: Db, log: DataLog, actor: Actor, code: string, today: string) {
  if (!can.managePlan(actor)) throw forbidden("Chỉ Văn phòng hoặc lãnh đạo được tổng hợp báo cáo.");
  const period = await ensurePeriod(db, actor.wardId, code, today);
  const { figures } = await figuresFor(db, log, actor.wardId, period, period.lockedFigures, null, today);
  const accepted = (await unitReportsOfPeriod(db, actor.wardId, period.id)).filter((r) => r.status === "accepted");
  const content = await draftWardReport(db, actor.wardId, period, figures);
  await addVersion(
    db,
    actor,
    period,
    null,
    content,
    `Tổng hợp từ ${accepted.length} báo cáo của đơn vị`,
    "ward_report.compile",
  );
}

export async function saveWardReport(
  db: Db,
  actor: Actor,
  code: string,
  input: { baseVersion: number; content: WardReportContent; note?: string | undefined },
  today: string,
) {
  const period = await ensurePeriod(db, actor.wardId, code, today);
  await addVersion(db, actor, period, input.baseVersion, input.content, input.note ?? null, "ward_report.edit");
}
