import { and, asc, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { ReportStatus } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { systemActor, type Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import type { JobDefinition } from "../jobs/runner.js";
import { emailKey, loadRefs, phoneKey } from "./service.js";
import { feedbackContacts, feedbackOutbox, feedbackReports, feedbackUpdates } from "./tables.js";

/**
 * A reporter's rights (Law 91/2025/QH15): their data exported or erased on request, and erased
 * anyway once its purpose is over. Erasing keeps the report (others follow it, it counts in the
 * plan) and empties what names the person: the contact, and the information they added.
 */

type Person = { email?: string | undefined; phone?: string | undefined };

function personCondition(wardId: string, person: Person) {
  return and(
    eq(feedbackContacts.wardId, wardId),
    or(
      person.email ? eq(feedbackContacts.emailKey, emailKey(person.email)) : undefined,
      person.phone ? eq(feedbackContacts.phoneKey, phoneKey(person.phone)) : undefined,
    ),
  );
}

function mayHandle(actor: Actor): void {
  if (!can.handlePersonalData(actor)) throw forbidden("Chỉ Văn phòng hoặc lãnh đạo xử lý yêu cầu về dữ liệu cá nhân.");
}

/** Everything the ward keeps that this person gave: their reports, contact and additions. */
export async function exportPerson(db: Db, actor: Actor, person: Person) {
  mayHandle(actor);
  const contacts = await db.select().from(feedbackContacts).where(personCondition(actor.wardId, person));
  const ids = contacts.map((c) => c.reportId);
  if (ids.length === 0) return { reports: [] };
  const [refs, reports, additions] = await Promise.all([
    loadRefs(db, actor.wardId),
    db
      .select()
      .from(feedbackReports)
      .where(and(eq(feedbackReports.wardId, actor.wardId), inArray(feedbackReports.id, ids))),
    db
      .select()
      .from(feedbackUpdates)
      .where(
        and(
          eq(feedbackUpdates.wardId, actor.wardId),
          inArray(feedbackUpdates.reportId, ids),
          eq(feedbackUpdates.authorKind, "reporter"),
        ),
      )
      .orderBy(asc(feedbackUpdates.createdAt)),
  ]);
  await db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: "feedback.person.export",
      entityType: "feedback_person",
      entityId: ids.join(",").slice(0, 2000),
      before: null,
      after: { reports: ids.length },
    }),
  );
  const contactOf = new Map(contacts.map((c) => [c.reportId, c]));
  return {
    reports: reports.map((r) => {
      const c = contactOf.get(r.id);
      return {
        code: r.code,
        createdAt: r.createdAt.toISOString(),
        category: refs.categories.get(r.categoryId)?.name ?? "",
        description: r.description,
        status: r.status as ReportStatus,
        contact: {
          name: c?.name ?? null,
          phone: c?.phone ?? null,
          email: c?.email ?? null,
          notify: c?.notify ?? false,
          consentedAt: c?.consentedAt?.toISOString() ?? null,
          erasedAt: c?.erasedAt?.toISOString() ?? null,
        },
        additions: additions
          .filter((a) => a.reportId === r.id && a.kind === "reporter_info")
          .map((a) => ({ at: a.createdAt.toISOString(), text: a.body })),
      };
    }),
  };
}

/** Empties the contact of these reports, in the caller's transaction; returns how many. */
async function eraseContacts(tx: Db, actor: Actor, reportIds: string[], why: string): Promise<number> {
  if (reportIds.length === 0) return 0;
  const erased = await tx
    .update(feedbackContacts)
    .set({ name: null, phone: null, email: null, emailKey: null, phoneKey: null, notify: false, erasedAt: new Date() })
    .where(
      and(
        eq(feedbackContacts.wardId, actor.wardId),
        inArray(feedbackContacts.reportId, reportIds),
        isNull(feedbackContacts.erasedAt),
      ),
    )
    .returning({ reportId: feedbackContacts.reportId });
  // Mail not yet sent would carry the person's news to an address no longer kept.
  await tx
    .delete(feedbackOutbox)
    .where(
      and(
        eq(feedbackOutbox.wardId, actor.wardId),
        inArray(feedbackOutbox.reportId, reportIds),
        isNull(feedbackOutbox.sentAt),
      ),
    );
  for (const { reportId } of erased)
    await recordAudit(tx, actor, {
      action: `feedback.contact.erase`,
      entityType: "feedback_report",
      entityId: reportId,
      before: null,
      after: { why },
    });
  return erased.length;
}

/**
 * Erases one person's data on their request: contacts emptied, the text they added replaced.
 * The reports stay (their description is about a place, not the person).
 */
export async function erasePerson(db: Db, actor: Actor, person: Person): Promise<{ reports: number }> {
  mayHandle(actor);
  return db.transaction(async (tx) => {
    const contacts = await tx
      .select({ reportId: feedbackContacts.reportId })
      .from(feedbackContacts)
      .where(personCondition(actor.wardId, person));
    const ids = contacts.map((c) => c.reportId);
    await eraseContacts(tx, actor, ids, "request");
    if (ids.length)
      await tx
        .update(feedbackUpdates)
        .set({ body: "(Nội dung đã được xóa theo yêu cầu của người phản ánh)" })
        .where(
          and(
            eq(feedbackUpdates.wardId, actor.wardId),
            inArray(feedbackUpdates.reportId, ids),
            eq(feedbackUpdates.authorKind, "reporter"),
            eq(feedbackUpdates.kind, "reporter_info"),
          ),
        );
    return { reports: ids.length };
  });
}

/**
 * Retention: contacts of reports closed more than `days` ago are erased. Runs for every ward;
 * a report reopened meanwhile is open again and keeps its contact.
 */
export async function eraseExpiredContacts(db: Db, days: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  const due = await db
    .select({ wardId: feedbackContacts.wardId, reportId: feedbackContacts.reportId })
    .from(feedbackContacts)
    .innerJoin(
      feedbackReports,
      and(eq(feedbackReports.wardId, feedbackContacts.wardId), eq(feedbackReports.id, feedbackContacts.reportId)),
    )
    .where(
      and(isNull(feedbackContacts.erasedAt), isNotNull(feedbackReports.closedAt), lt(feedbackReports.closedAt, before)),
    )
    .limit(5_000);
  const byWard = new Map<string, string[]>();
  for (const row of due) byWard.set(row.wardId, [...(byWard.get(row.wardId) ?? []), row.reportId]);
  let total = 0;
  for (const [wardId, ids] of byWard)
    total += await db.transaction((tx) =>
      eraseContacts(tx, systemActor(wardId, "Hệ thống (hết thời hạn lưu giữ)"), ids, "retention"),
    );
  return total;
}

export const FEEDBACK_RETENTION_JOB = "feedback-retention";

/** Xóa thông tin liên hệ hết hạn: nightly, once for the deployment. */
export function feedbackRetentionJob(db: Db, days: number): JobDefinition {
  return {
    name: FEEDBACK_RETENTION_JOB,
    schedule: { cron: "30 2 * * *" },
    retry: { baseMs: 60_000, maxMs: 3_600_000 },
    timeoutMs: 30 * 60_000,
    async run() {
      const erased = await eraseExpiredContacts(db, days);
      return { summary: `Đã xóa thông tin liên hệ của ${erased} phản ánh quá hạn lưu giữ` };
    },
  };
}
