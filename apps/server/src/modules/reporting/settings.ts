import { eq, sql } from "drizzle-orm";
import {
  DEFAULT_REPORTING_RULES,
  workingCalendar,
  type ReportingSettings,
  type WorkingCalendar,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { conflict, forbidden } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { splitSigningAuthority } from "../../lib/official-document/document.js";
import { planOfWard } from "../plan/service.js";
import { reportingSettings } from "./tables.js";

/** Recipients of a ward's report to the Party Committee, the People's Council and the city (plan, V). */
const DEFAULT_RECIPIENTS = [
  "Ủy ban nhân dân thành phố Hải Phòng (b/c)",
  "Thường trực Đảng ủy phường (b/c)",
  "Thường trực HĐND phường (b/c)",
  "Chủ tịch, các Phó Chủ tịch UBND phường",
  "Các phòng, đơn vị thuộc UBND phường",
  "Lưu: VT, VP",
];

/** Decree 09 defaults; the signer is the plan's, so a new ward signs as its plan did. */
async function defaults(db: Db, wardId: string): Promise<Omit<ReportingSettings, "version">> {
  const plan = await planOfWard(db, wardId);
  const { prefix, authorityTitle } = splitSigningAuthority(plan?.signer.authority ?? "KT. CHỦ TỊCH");
  return {
    rules: DEFAULT_REPORTING_RULES,
    enabledKinds: ["quarterly", "six_month", "nine_month", "annual"],
    remindDaysBefore: 3,
    extraHolidays: [],
    extraWorkingDays: [],
    signer: {
      prefix: prefix ?? "",
      authorityTitle,
      title: plan?.signer.title ?? "CHỦ TỊCH",
      name: plan?.signer.name ?? "",
    },
    recipients: DEFAULT_RECIPIENTS,
  };
}

export async function getReportingSettings(db: Db, wardId: string): Promise<ReportingSettings> {
  const [row] = await db.select().from(reportingSettings).where(eq(reportingSettings.wardId, wardId));
  // A saved row is whole (the save takes every field): the defaults are for a ward that never saved.
  if (row) return { ...row.settings, version: row.version };
  return { ...(await defaults(db, wardId)), version: 0 };
}

/** Saves the ward's rules. Periods already opened keep the window and deadlines they were opened with. */
export async function saveReportingSettings(
  db: Db,
  actor: Actor,
  input: ReportingSettings,
): Promise<ReportingSettings> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được đổi chế độ báo cáo.");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reporting_settings:${actor.wardId}`}))`);
    const before = await getReportingSettings(tx, actor.wardId);
    if (before.version !== input.version) throw conflict();
    const { version: _version, ...settings } = input;
    const version = before.version + 1;
    await tx
      .insert(reportingSettings)
      .values({ wardId: actor.wardId, settings, version })
      .onConflictDoUpdate({ target: reportingSettings.wardId, set: { settings, version, updatedAt: new Date() } });
    const { version: _v, ...previous } = before;
    await recordAudit(tx, actor, {
      action: "reporting_settings.update",
      entityType: "reporting_settings",
      entityId: actor.wardId,
      ...changedFields(previous as Record<string, unknown>, settings),
    });
    return { ...settings, version };
  });
}

/** The national holidays plus the ward's own days off and make-up working days. */
export function calendarOf(settings: ReportingSettings): WorkingCalendar {
  return workingCalendar({ holidays: settings.extraHolidays, workingWeekendDays: settings.extraWorkingDays });
}
