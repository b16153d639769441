import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { units, users, wardIdColumn } from "../identity/tables.js";
import { objectives, plans } from "../plan/tables.js";

/** Chỉ tiêu: a measurable 2030 target. */
export const indicators = pgTable(
  "indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    planId: uuid("plan_id").notNull(),
    objectiveId: uuid("objective_id").notNull(),
    code: text("code").notNull(),
    ref: text("ref").notNull(),
    name: text("name").notNull(),
    quote: text("quote").notNull(),
    unitOfMeasure: text("unit_of_measure").notNull(),
    direction: text("direction").notNull(),
    baselineValue: doublePrecision("baseline_value"),
    baselineYear: integer("baseline_year"),
    targetValue: doublePrecision("target_value").notNull(),
    targetYear: integer("target_year").notNull(),
    targetSource: text("target_source").notNull(),
    targetNote: text("target_note"),
    aggregation: text("aggregation").notNull(),
    /** Loại giá trị: "count" (đếm, chỉ số nguyên), "quantity" (đại lượng), "percent" (tỷ lệ %). */
    valueKind: text("value_kind").notNull().default("quantity"),
    /** What the numerator and denominator count ("count" or "quantity"); null unless ratio_of_sums. */
    partsKind: text("parts_kind"),
    numeratorLabel: text("numerator_label"),
    denominatorLabel: text("denominator_label"),
    frequency: text("frequency").notNull(),
    ownerUnitId: uuid("owner_unit_id").notNull(),
    perResidentialGroup: boolean("per_residential_group").notNull(),
    explicit: boolean("explicit").notNull(),
    position: integer("position").notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("indicators_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("indicators_ward_code_uq").on(t.wardId, t.planId, t.code),
    // The target of composite foreign keys (ward_id, indicator_id) from other ward-owned tables.
    index("indicators_ward_owner_idx").on(t.wardId, t.ownerUnitId),
    foreignKey({ name: "indicators_plan_fk", columns: [t.wardId, t.planId], foreignColumns: [plans.wardId, plans.id] }),
    foreignKey({
      name: "indicators_objective_fk",
      columns: [t.wardId, t.objectiveId],
      foreignColumns: [objectives.wardId, objectives.id],
    }),
    foreignKey({
      name: "indicators_owner_unit_fk",
      columns: [t.wardId, t.ownerUnitId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/** Số liệu: one value of one period, for the ward (no group) or one tổ dân phố. */
export const measurements = pgTable(
  "measurements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    indicatorId: uuid("indicator_id").notNull(),
    /** "2026", "2026-H1", "2026-Q2", "2026-05" */
    period: text("period").notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    residentialGroupId: uuid("residential_group_id"),
    value: doublePrecision("value").notNull(),
    numerator: doublePrecision("numerator"),
    denominator: doublePrecision("denominator"),
    source: text("source").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("measurements_ward_id_id_uq").on(t.wardId, t.id),
    unique("measurements_period_group_uq")
      .on(t.wardId, t.indicatorId, t.period, t.residentialGroupId)
      .nullsNotDistinct(),
    index("measurements_ward_indicator_idx").on(t.wardId, t.indicatorId, t.periodEnd),
    // The ward's last recorded measurement (what a public page's "as of" reads) in one index step,
    // not a scan of its whole history.
    index("measurements_ward_recorded_idx").on(t.wardId, t.recordedAt),
    foreignKey({
      name: "measurements_indicator_fk",
      columns: [t.wardId, t.indicatorId],
      foreignColumns: [indicators.wardId, indicators.id],
    }),
    foreignKey({
      name: "measurements_residential_group_fk",
      columns: [t.wardId, t.residentialGroupId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "measurements_recorded_by_fk",
      columns: [t.wardId, t.recordedBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);
