import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Nhật ký thay đổi: append-only (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).notNull(),
    wardId: uuid("ward_id").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The largest table, read by ward and entity only: its key leads with ward_id rather than
    // carrying a second unique index beside an id-only one (see identity's wardIdColumn).
    primaryKey({ name: "audit_log_pkey", columns: [t.wardId, t.id] }),
    index("audit_entity_idx").on(t.wardId, t.entityType, t.entityId, t.at),
  ],
);
