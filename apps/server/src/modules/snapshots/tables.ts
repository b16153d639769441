import { bigint, pgTable, timestamp } from "drizzle-orm/pg-core";
import { wardIdColumn } from "../identity/tables.js";

/**
 * Phiên bản dữ liệu của phường: bumped by a trigger (migration 0008) in the same transaction as
 * any write to the ward's data, so every app process knows when a snapshot went stale.
 */
export const wardRevisions = pgTable("ward_revisions", {
  wardId: wardIdColumn().primaryKey(),
  revision: bigint("revision", { mode: "number" }).notNull().default(0),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});
