import { sql } from "drizzle-orm";
import { check, date, doublePrecision, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Bộ hệ số phát thải: a published set of reference numbers (IPCC factors, GWPs, Vietnam's grid
 * factor), each with its unit and source. Sets come from data files (seed/factors/) through a
 * migration and never change (a trigger refuses it): a result stored with a set's version keeps
 * meaning what it meant, and new numbers are a new set. Shared by every ward (a reference table).
 */
export const factorSets = pgTable(
  "factor_sets",
  {
    /** "ipcc2019-vn-2023": named in every result it made. */
    version: text("version").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    /** The newest released set is the one new calculations use. */
    releasedOn: date("released_on", { mode: "string" }).notNull(),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("factor_sets_version_check", sql`${t.version} ~ '^[a-z0-9][a-z0-9.-]{1,59}$'`)],
);

/** Hệ số: one number of a set, with what it measures and where it was published. */
export const factorValues = pgTable(
  "factor_values",
  {
    setVersion: text("set_version")
      .notNull()
      .references(() => factorSets.version),
    key: text("key").notNull(),
    value: doublePrecision("value").notNull(),
    unit: text("unit").notNull(),
    source: text("source").notNull(),
  },
  (t) => [primaryKey({ columns: [t.setVersion, t.key] })],
);
