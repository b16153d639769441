import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { units, users, wardIdColumn } from "../identity/tables.js";

type DocText = { ref: string; text: string };

/** Kế hoạch: one plan document adopted by a ward, with its texts that are not tasks. */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    documentNumber: text("document_number").notNull(),
    issuer: text("issuer").notNull(),
    basis: text("basis").notNull(),
    purposes: jsonb("purposes").$type<DocText[]>().notNull(),
    requirements: jsonb("requirements").$type<DocText[]>().notNull(),
    generalObjective: jsonb("general_objective").$type<DocText>().notNull(),
    vision2050: jsonb("vision_2050").$type<DocText>().notNull(),
    funding: jsonb("funding").$type<DocText>().notNull(),
    closing: text("closing").notNull(),
    signer: jsonb("signer").$type<{ authority: string; title: string; name: string }>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("plans_ward_id_id_uq").on(t.wardId, t.id), uniqueIndex("plans_ward_code_uq").on(t.wardId, t.code)],
);

/** Mục tiêu cụ thể đến năm 2030 (II.2). */
export const objectives = pgTable(
  "objectives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    planId: uuid("plan_id").notNull(),
    code: text("code").notNull(),
    ref: text("ref").notNull(),
    area: text("area").notNull(),
    text: text("text").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    unique("objectives_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("objectives_ward_code_uq").on(t.wardId, t.planId, t.code),
    foreignKey({ name: "objectives_plan_fk", columns: [t.wardId, t.planId], foreignColumns: [plans.wardId, plans.id] }),
  ],
);

/** Trạng thái nhiệm vụ: configurable per ward, each with the progress it implies. */
export const taskStatuses = pgTable(
  "task_statuses",
  {
    wardId: wardIdColumn(),
    code: text("code").notNull(),
    labelVi: text("label_vi").notNull(),
    labelEn: text("label_en").notNull(),
    /** Progress set when a task enters this status; null keeps the reported one. */
    defaultProgress: integer("default_progress"),
    isClosed: boolean("is_closed").notNull().default(false),
    /** Excluded from the parent's roll-up (cancelled work does not drag progress down). */
    excludeFromRollup: boolean("exclude_from_rollup").notNull().default(false),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.code] })],
);

/**
 * Nhiệm vụ: a section III task, a section V duty (nhiệm vụ của đơn vị), a movement (phong trào),
 * or the group heading above them. Groups roll up their children's progress.
 */
export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    planId: uuid("plan_id").notNull(),
    parentId: uuid("parent_id"),
    kind: text("kind").notNull(),
    /** "III" (nhiệm vụ, giải pháp) or "V" (tổ chức thực hiện). */
    section: text("section").notNull(),
    sector: text("sector"),
    code: text("code").notNull(),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    /** Đơn vị chủ trì */
    ownerUnitId: uuid("owner_unit_id").notNull(),
    recurrence: text("recurrence").notNull(),
    deadline: date("deadline", { mode: "string" }),
    /** Sản phẩm đầu ra */
    output: text("output").notNull(),
    weight: doublePrecision("weight").notNull().default(1),
    status: text("status").notNull(),
    progress: integer("progress").notNull().default(0),
    lastUpdateOn: date("last_update_on", { mode: "string" }),
    position: integer("position").notNull(),
    /** Accent-free lower-case title+text+code: "nuoc sach" finds "nước sạch" on any engine. */
    searchText: text("search_text").notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("tasks_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("tasks_ward_code_uq").on(t.wardId, t.planId, t.code),
    // The target of composite foreign keys (ward_id, task_id) from other ward-owned tables.
    index("tasks_ward_owner_idx").on(t.wardId, t.ownerUnitId),
    index("tasks_ward_parent_idx").on(t.wardId, t.parentId),
    index("tasks_ward_deadline_idx").on(t.wardId, t.deadline),
    foreignKey({ name: "tasks_plan_fk", columns: [t.wardId, t.planId], foreignColumns: [plans.wardId, plans.id] }),
    /** A group heading of the same ward. */
    foreignKey({ name: "tasks_parent_fk", columns: [t.wardId, t.parentId], foreignColumns: [t.wardId, t.id] }),
    foreignKey({
      name: "tasks_owner_unit_fk",
      columns: [t.wardId, t.ownerUnitId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/** Đơn vị phối hợp */
export const taskCoordinators = pgTable(
  "task_coordinators",
  {
    wardId: wardIdColumn(),
    taskId: uuid("task_id").notNull(),
    unitId: uuid("unit_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "task_coordinators_pkey", columns: [t.wardId, t.taskId, t.unitId] }),
    index("task_coordinators_unit_idx").on(t.wardId, t.unitId),
    foreignKey({
      name: "task_coordinators_task_fk",
      columns: [t.wardId, t.taskId],
      foreignColumns: [tasks.wardId, tasks.id],
    }),
    foreignKey({
      name: "task_coordinators_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/** Cập nhật tiến độ: a dated report of what was done, with evidence files. */
export const taskUpdates = pgTable(
  "task_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    taskId: uuid("task_id").notNull(),
    reportedOn: date("reported_on", { mode: "string" }).notNull(),
    text: text("text").notNull(),
    progress: integer("progress").notNull(),
    status: text("status").notNull(),
    authorUserId: uuid("author_user_id"),
    authorUnitId: uuid("author_unit_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("task_updates_ward_id_id_uq").on(t.wardId, t.id),
    index("task_updates_task_idx").on(t.wardId, t.taskId, t.reportedOn),
    index("task_updates_ward_created_idx").on(t.wardId, t.createdAt),
    foreignKey({
      name: "task_updates_task_fk",
      columns: [t.wardId, t.taskId],
      foreignColumns: [tasks.wardId, tasks.id],
    }),
    foreignKey({
      name: "task_updates_author_user_fk",
      columns: [t.wardId, t.authorUserId],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "task_updates_author_unit_fk",
      columns: [t.wardId, t.authorUnitId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);
