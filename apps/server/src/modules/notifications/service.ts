import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import {
  formatDateVi,
  previousPeriod,
  periodLabel,
  periodOf,
  type Frequency,
  type Notification,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { forbidden, notFound } from "../../lib/errors.js";
import { activeAdmins, listWardIds, unitEmails } from "../identity/service.js";
import { indicatorsOfUnitsDue } from "../indicators/service.js";
import { reportRemindersDue } from "../reporting/reminders.js";
import { allTaskRows, loadTaskContext, summarizeTasks } from "../plan/service.js";
import type { Mailer } from "./mailer.js";
import { notifications } from "./tables.js";

type NewNotification = {
  unitId: string;
  kind: string;
  taskId: string | null;
  title: string;
  body: string;
  dedupeKey: string;
};

/** Reminders a ward owes its units today: deadlines near or passed, updates due, periods unreported. */
async function remindersDue(db: Db, wardId: string, today: string): Promise<NewNotification[]> {
  const ctx = await loadTaskContext(db, wardId, today);
  const rows = await allTaskRows(db, wardId);
  const out: NewNotification[] = [];
  for (const task of summarizeTasks(
    ctx,
    rows.filter((r) => r.kind !== "group"),
    rows,
  )) {
    const base = { unitId: task.owner.id, taskId: task.id };
    switch (task.timeliness) {
      case "overdue":
        out.push({
          ...base,
          kind: "overdue",
          title: `Nhiệm vụ trễ hạn: ${task.title}`,
          body: `Nhiệm vụ ${task.ref} đã quá hạn ngày ${formatDateVi(task.deadline ?? today)}. Đề nghị cập nhật tiến độ và báo cáo nguyên nhân.`,
          dedupeKey: `overdue:${task.id}:${task.deadline}`,
        });
        break;
      case "due_soon":
        out.push({
          ...base,
          kind: "due_soon",
          title: `Sắp đến hạn: ${task.title}`,
          body: `Nhiệm vụ ${task.ref} đến hạn ngày ${formatDateVi(task.deadline ?? today)}.`,
          dedupeKey: `due_soon:${task.id}:${task.deadline}`,
        });
        break;
      case "update_due":
        out.push({
          ...base,
          kind: "update_due",
          title: `Đến kỳ cập nhật: ${task.title}`,
          body: `Nhiệm vụ ${task.ref} cần cập nhật tiến độ (hạn cập nhật ${formatDateVi(task.nextUpdateDue ?? today)}).`,
          dedupeKey: `update_due:${task.id}:${task.nextUpdateDue}`,
        });
        break;
      case "on_time":
      case "closed":
        break;
    }
  }
  // The period just ended must be reported: one reminder per indicator and period.
  for (const indicator of await indicatorsOfUnitsDue(db, wardId, (f: Frequency) =>
    previousPeriod(periodOf(f, today)),
  )) {
    if (indicator.reported) continue;
    out.push({
      unitId: indicator.ownerUnitId,
      taskId: null,
      kind: "indicator_due",
      title: `Chưa nhập số liệu: ${indicator.name}`,
      body: `Số liệu kỳ ${periodLabel(indicator.period)} của chỉ tiêu "${indicator.name}" chưa được nhập.`,
      dedupeKey: `indicator_due:${indicator.id}:${indicator.period}`,
    });
  }
  out.push(...(await reportRemindersDue(db, wardId, today)));
  return out;
}

/**
 * Creates the reminders due today in every ward (idempotent: a reminder is created once per
 * task and deadline, or per indicator and period), then emails each unit one digest of its new
 * ones when SMTP is configured.
 */
export async function runReminders(
  db: Db,
  mailer: Mailer | null,
  today = todayInVietnam(),
): Promise<{ created: number; emailed: number }> {
  let created = 0;
  let emailed = 0;
  for (const wardId of await listWardIds(db)) {
    const due = await remindersDue(db, wardId, today);
    const fresh = due.length
      ? await db
          .insert(notifications)
          .values(due.map((n) => ({ ...n, wardId })))
          .onConflictDoNothing()
          .returning()
      : [];
    created += fresh.length;
    if (!mailer) continue;
    const byUnit = new Map<string, typeof fresh>();
    for (const n of fresh) if (n.unitId) byUnit.set(n.unitId, [...(byUnit.get(n.unitId) ?? []), n]);
    for (const [unitId, list] of byUnit) {
      const to = await unitEmails(db, wardId, unitId);
      if (to.length === 0) continue;
      await mailer.send({
        to,
        subject: `[Phường Xanh] ${list.length} việc cần xử lý`,
        text: list.map((n) => `- ${n.title}\n  ${n.body}`).join("\n"),
      });
      await db
        .update(notifications)
        .set({ emailedAt: new Date() })
        .where(and(eq(notifications.wardId, wardId), sql`${notifications.id} in ${list.map((n) => n.id)}`));
      emailed += list.length;
    }
  }
  return { created, emailed };
}

function toNotification(n: typeof notifications.$inferSelect): Notification {
  return {
    id: n.id,
    kind: n.kind,
    taskId: n.taskId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/**
 * Tells every active admin of every ward the same thing (a scheduled backup failed): one
 * notification per admin. `dedupeKey` makes a repeat a no-op, so a caller that passes the same key
 * on every retry alerts once. Returns how many were created.
 */
export async function notifyAdmins(
  db: Db,
  alert: { kind: string; title: string; body: string; dedupeKey: string },
): Promise<number> {
  const admins = await activeAdmins(db);
  if (admins.length === 0) return 0;
  const created = await db
    .insert(notifications)
    .values(
      admins.map((a) => ({
        wardId: a.wardId,
        userId: a.userId,
        unitId: null,
        taskId: null,
        kind: alert.kind,
        title: alert.title,
        body: alert.body,
        dedupeKey: `${alert.dedupeKey}:${a.userId}`,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return created.length;
}

/** One notice to a unit, in the caller's transaction (a report sent back): once per `dedupeKey`. */
export async function notifyUnit(
  tx: Db,
  wardId: string,
  unitId: string,
  notice: { kind: string; title: string; body: string; dedupeKey: string },
): Promise<void> {
  await tx
    .insert(notifications)
    .values({ wardId, unitId, userId: null, taskId: null, ...notice })
    .onConflictDoNothing();
}

/** A user's notifications, newest first: their unit's reminders and those addressed to them. */
export async function listNotifications(db: Db, actor: Actor, limit = 50): Promise<Notification[]> {
  const addressee = [
    ...(actor.unitId ? [eq(notifications.unitId, actor.unitId)] : []),
    ...(actor.userId ? [eq(notifications.userId, actor.userId)] : []),
  ];
  if (addressee.length === 0) return [];
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.wardId, actor.wardId), or(...addressee)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map(toNotification);
}

export async function markRead(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.wardId, actor.wardId), eq(notifications.id, id)));
  if (!row) throw notFound();
  const isOwn =
    (row.unitId !== null && row.unitId === actor.unitId) || (row.userId !== null && row.userId === actor.userId);
  if (!isOwn) throw forbidden("Nhắc việc này gửi cho đơn vị hoặc người khác.");
  if (row.readAt) return;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)));
}
