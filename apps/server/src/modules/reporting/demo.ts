import { and, eq, sql } from "drizzle-orm";
import { addDays, reportPeriodContaining, reportWindow } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { listUnits } from "../identity/service.js";
import { ensurePeriod, spanOf } from "./periods.js";
import { listTaskStatuses } from "../plan/statuses.js";
import { computeFigures, figuresOfUnit, suggestSections } from "./figures.js";
import {
  acceptUnitReport,
  lockPeriod,
  nextPeriodOf,
  returnUnitReport,
  saveUnitReport,
  submitUnitReport,
  unitReportsOfPeriod,
} from "./unit-reports.js";
import { compileWardReport } from "./ward-report.js";
import { reportPeriods, unitReports } from "./tables.js";

const previousQuarter = (code: string) => reportPeriodContaining("quarterly", addDays(reportWindow(code).start, -1));

const quiet: DataLog = { warn: () => undefined };

/** In plan order, the second unit's report is the one sent back (the first is the Office's own). */
const RETURNED = 1;

/**
 * A reporting history for the demo ward: the three quarters before the current one reported
 * and accepted (the two oldest locked, with the ward's report compiled), in the latest one a
 * report sent back with comments and one never sent (late), and the current quarter open.
 */
export async function loadDemoReports(db: Db, actor: Actor, today: string, label: string): Promise<void> {
  const current = reportPeriodContaining("quarterly", today);
  const latest = previousQuarter(current);
  const middle = previousQuarter(latest);
  const oldest = previousQuarter(middle);
  await ensurePeriod(db, actor.wardId, current, today);
  const closed = new Set((await listTaskStatuses(db, actor.wardId)).filter((s) => s.isClosed).map((s) => s.code));
  for (const code of [oldest, middle, latest]) {
    const period = await ensurePeriod(db, actor.wardId, code, today);
    // In plan order, so the same units are the late and the sent-back ones in every demo.
    const order = new Map((await listUnits(db, actor.wardId)).map((u, i) => [u.id, i]));
    const reports = (await unitReportsOfPeriod(db, actor.wardId, period.id)).sort(
      (a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0),
    );
    // One pass over the ward's figures per period; each unit's suggestions come out of it.
    const figures = await computeFigures(db, quiet, actor.wardId, spanOf(period), today, null);
    const next = nextPeriodOf(period);
    for (const [index, report] of reports.entries()) {
      const late = code === latest && index === reports.length - 1;
      if (late) continue;
      const suggested = suggestSections(figuresOfUnit(figures, report.unitId, closed), {
        nextPeriodTitle: next.title,
        nextWindowEnd: next.windowEnd,
        closedStatuses: closed,
      });
      // Save, submit, then review: each step takes the version the one before left.
      await saveUnitReport(db, actor, report.id, {
        version: report.version,
        sections: {
          ...suggested,
          proposals: `(${label}) Đề nghị UBND phường bố trí kinh phí tuyên truyền, hỗ trợ thiết bị phân loại rác tại nguồn.`,
        },
      });
      await submitUnitReport(db, quiet, actor, report.id, report.version + 1, today);
      if (code === latest && index === RETURNED) {
        await returnUnitReport(db, actor, report.id, {
          version: report.version + 2,
          comment: `(${label}) Đề nghị bổ sung số liệu hộ gia đình phân loại rác tại nguồn và nguyên nhân chậm tiến độ.`,
        });
        continue;
      }
      await acceptUnitReport(db, actor, report.id, { version: report.version + 2 });
    }
    // Sent and reviewed around the deadline, as they would have been, not all on the day of the demo.
    await db
      .update(unitReports)
      .set({
        submittedAt: sql`(${period.unitDeadline}::date - interval '1 day' + time '15:00')::timestamptz`,
        reviewedAt: sql`case when ${unitReports.reviewedAt} is null then null else (${period.unitDeadline}::date + interval '1 day' + time '09:30')::timestamptz end`,
      })
      .where(and(eq(unitReports.periodId, period.id), sql`${unitReports.submittedAt} is not null`));
    if (code !== latest) {
      await compileWardReport(db, quiet, actor, code, today);
      await lockPeriod(db, quiet, actor, code, today);
    }
  }
  await db
    .update(reportPeriods)
    .set({ createdAt: sql`${reportPeriods.windowStart}::timestamptz` })
    .where(eq(reportPeriods.wardId, actor.wardId));
}
