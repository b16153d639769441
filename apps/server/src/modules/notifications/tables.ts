import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { units, users } from "../identity/tables.js";
import { tasks } from "../plan/tables.js";

/**
 * Nhắc việc, thông báo: one row per reminder sent to a unit, or per alert sent to one user (an
 * admin told that a backup failed); `dedupeKey` keeps the scheduler idempotent.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: uuid("ward_id").notNull(),
    unitId: uuid("unit_id"),
    /** Addressed to one user instead of a unit (admins have no unit). */
    userId: uuid("user_id"),
    kind: text("kind").notNull(),
    taskId: uuid("task_id"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    unique("notifications_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("notifications_dedupe_uq").on(t.wardId, t.dedupeKey),
    index("notifications_unit_idx").on(t.wardId, t.unitId, t.createdAt),
    index("notifications_user_idx").on(t.wardId, t.userId, t.createdAt),
    check("notifications_addressee_ck", sql`${t.unitId} is not null or ${t.userId} is not null`),
    foreignKey({
      name: "notifications_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "notifications_user_fk",
      columns: [t.wardId, t.userId],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "notifications_task_fk",
      columns: [t.wardId, t.taskId],
      foreignColumns: [tasks.wardId, tasks.id],
    }),
  ],
);
