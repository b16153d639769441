import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { units, wardIdColumn } from "../identity/tables.js";
import { farms, plots, seasons } from "../agriculture/tables.js";

const TOPICS = sql`('awd', 'organic_fertiliser', 'bio_pesticides', 'straw_composting', 'other')`;

/**
 * Lớp tập huấn kỹ thuật (khuyến nông): a class on one of the practices of III.5, held on a day at a
 * place, by an organising unit and a trainer, perhaps for one residential group. The signed
 * attendance sheet is attached through the files module (owner type `extension_training`).
 */
export const extensionTrainings = pgTable(
  "extension_trainings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    title: text("title").notNull(),
    /** awd (tưới ướt khô xen kẽ), organic_fertiliser, bio_pesticides, straw_composting, other. */
    topic: text("topic").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    place: text("place").notNull(),
    organiser: text("organiser"),
    trainer: text("trainer"),
    residentialGroupId: uuid("residential_group_id"),
    notes: text("notes"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("extension_trainings_ward_id_id_uq").on(t.wardId, t.id),
    index("extension_trainings_ward_held_idx").on(t.wardId, t.heldOn),
    check("extension_trainings_topic_check", sql`${t.topic} in ${TOPICS}`),
    foreignKey({
      name: "extension_trainings_group_fk",
      columns: [t.wardId, t.residentialGroupId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/**
 * Mô hình trình diễn: a practice shown on a host farm's plot over a season or a span of days, with
 * its area, its course and its result (the linked season's diary computes yield and footprint).
 */
export const extensionModels = pgTable(
  "extension_models",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    name: text("name").notNull(),
    topic: text("topic").notNull(),
    farmId: uuid("farm_id").notNull(),
    plotId: uuid("plot_id").notNull(),
    seasonId: uuid("season_id"),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
    areaHa: doublePrecision("area_ha").notNull(),
    /** planned, running, completed, stopped. */
    status: text("status").notNull().default("planned"),
    resultNotes: text("result_notes"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("extension_models_ward_id_id_uq").on(t.wardId, t.id),
    index("extension_models_ward_farm_idx").on(t.wardId, t.farmId),
    check("extension_models_topic_check", sql`${t.topic} in ${TOPICS}`),
    check("extension_models_status_check", sql`${t.status} in ('planned', 'running', 'completed', 'stopped')`),
    check("extension_models_area_check", sql`${t.areaHa} > 0 and ${t.areaHa} <= 10000`),
    check("extension_models_dates_check", sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    foreignKey({
      name: "extension_models_farm_fk",
      columns: [t.wardId, t.farmId],
      foreignColumns: [farms.wardId, farms.id],
    }),
    foreignKey({
      name: "extension_models_plot_fk",
      columns: [t.wardId, t.plotId],
      foreignColumns: [plots.wardId, plots.id],
    }),
    foreignKey({
      name: "extension_models_season_fk",
      columns: [t.wardId, t.seasonId],
      foreignColumns: [seasons.wardId, seasons.id],
    }),
  ],
);

/**
 * Người tham gia: one person at a class or a model, of a registry farm (perhaps named) or, when not
 * in the registry, by name alone. A farm may send two people; the same one is recorded once.
 */
export const extensionAttendees = pgTable(
  "extension_attendees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    trainingId: uuid("training_id"),
    modelId: uuid("model_id"),
    farmId: uuid("farm_id"),
    personName: text("person_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("extension_attendees_ward_id_id_uq").on(t.wardId, t.id),
    unique("extension_attendees_person_uq")
      .on(t.wardId, t.trainingId, t.modelId, t.farmId, t.personName)
      .nullsNotDistinct(),
    index("extension_attendees_farm_idx").on(t.wardId, t.farmId),
    check("extension_attendees_activity_check", sql`(${t.trainingId} is null) <> (${t.modelId} is null)`),
    check("extension_attendees_who_check", sql`${t.farmId} is not null or ${t.personName} is not null`),
    foreignKey({
      name: "extension_attendees_training_fk",
      columns: [t.wardId, t.trainingId],
      foreignColumns: [extensionTrainings.wardId, extensionTrainings.id],
    }),
    foreignKey({
      name: "extension_attendees_model_fk",
      columns: [t.wardId, t.modelId],
      foreignColumns: [extensionModels.wardId, extensionModels.id],
    }),
    foreignKey({
      name: "extension_attendees_farm_fk",
      columns: [t.wardId, t.farmId],
      foreignColumns: [farms.wardId, farms.id],
    }),
  ],
);
