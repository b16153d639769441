import { foreignKey, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { wardIdColumn } from "../identity/tables.js";
import { indicators } from "../indicators/tables.js";
import { tasks } from "../plan/tables.js";

/**
 * Nhiệm vụ tác động đến chỉ tiêu: staff link a task to the indicators it moves, so that the
 * public indicator page lists the work behind it and the task page the targets it serves.
 * Who linked what, and when, is in the audit log.
 */
export const taskIndicators = pgTable(
  "task_indicators",
  {
    wardId: wardIdColumn(),
    taskId: uuid("task_id").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.wardId, t.taskId, t.indicatorId] }),
    foreignKey({
      name: "task_indicators_task_fk",
      columns: [t.wardId, t.taskId],
      foreignColumns: [tasks.wardId, tasks.id],
    }),
    foreignKey({
      name: "task_indicators_indicator_fk",
      columns: [t.wardId, t.indicatorId],
      foreignColumns: [indicators.wardId, indicators.id],
    }),
    index("task_indicators_indicator_idx").on(t.wardId, t.indicatorId),
  ],
);
