import { and, eq, inArray, isNull } from "drizzle-orm";
import { daysBetween, formatDateVi, type LateReport } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { listUnits } from "../identity/service.js";
import { isLate, openCurrentPeriods } from "./periods.js";
import { getReportingSettings } from "./settings.js";
import { reportPeriods, unitReports } from "./tables.js";

type Reminder = { unitId: string; kind: string; taskId: null; title: string; body: string; dedupeKey: string };

/** Unit reports still to be sent (drafts, and those sent back) in periods not yet locked. */
async function outstanding(db: Db, wardId: string) {
  return db
    .select({ report: unitReports, period: reportPeriods })
    .from(unitReports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, unitReports.periodId))
    .where(
      and(
        eq(unitReports.wardId, wardId),
        inArray(unitReports.status, ["draft", "returned"]),
        isNull(reportPeriods.lockedAt),
      ),
    );
}

/**
 * Nhắc báo cáo: the daily run opens the periods that began, then reminds each unit of its report
 * a few days before the deadline and again once it is late (each once per report).
 */
export async function reportRemindersDue(db: Db, wardId: string, today: string): Promise<Reminder[]> {
  await openCurrentPeriods(db, wardId, today);
  const settings = await getReportingSettings(db, wardId);
  const out: Reminder[] = [];
  for (const { report, period } of await outstanding(db, wardId)) {
    const daysLeft = daysBetween(today, period.unitDeadline);
    if (isLate(report.status, period, today))
      out.push({
        unitId: report.unitId,
        taskId: null,
        kind: "report_late",
        title: `Chậm gửi báo cáo ${period.title}`,
        body: `Báo cáo ${period.title} của đơn vị đã quá hạn gửi ngày ${formatDateVi(period.unitDeadline)}. Đề nghị hoàn thiện và gửi Văn phòng.`,
        dedupeKey: `report_late:${report.id}`,
      });
    else if (daysLeft >= 0 && daysLeft <= settings.remindDaysBefore)
      out.push({
        unitId: report.unitId,
        taskId: null,
        kind: "report_due",
        title: `Sắp đến hạn gửi báo cáo ${period.title}`,
        body: `Hạn gửi báo cáo ${period.title} là ngày ${formatDateVi(period.unitDeadline)} (số liệu tính đến ngày ${formatDateVi(period.windowEnd)}).`,
        dedupeKey: `report_due:${report.id}`,
      });
  }
  return out;
}

/** The late list on the leaders' dashboard: reports past their deadline and not sent. */
export async function lateUnitReports(db: Db, wardId: string, today: string): Promise<LateReport[]> {
  const [rows, units] = await Promise.all([outstanding(db, wardId), listUnits(db, wardId)]);
  return rows
    .filter(({ report, period }) => isLate(report.status, period, today))
    .sort((a, b) => a.period.unitDeadline.localeCompare(b.period.unitDeadline))
    .map(({ report, period }) => {
      const unit = units.find((u) => u.id === report.unitId);
      return {
        periodCode: period.code,
        periodTitle: period.title,
        unitReportId: report.id,
        unit: {
          id: report.unitId,
          code: unit?.code ?? "?",
          name: unit?.name ?? "?",
          shortName: unit?.shortName ?? "?",
        },
        deadline: period.unitDeadline,
        status: report.status as LateReport["status"],
      };
    });
}
