import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DiaryDetails, FootprintInput, FootprintResult } from "@phuong-xanh/shared";
import { units, users, wardIdColumn } from "../identity/tables.js";

/**
 * Cơ sở sản xuất nông nghiệp: a household, cooperative (HTX) or enterprise that farms in the
 * ward. Its contact is personal data: shown to the staff who keep the registry, never publicly.
 */
export const farms = pgTable(
  "farms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    /** household (hộ gia đình), cooperative (hợp tác xã), enterprise (doanh nghiệp). */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    /** Người đại diện: the head of the household, the cooperative's director. */
    representative: text("representative"),
    phone: text("phone"),
    residentialGroupId: uuid("residential_group_id"),
    address: text("address"),
    /** The producer's own account, if they keep their diary themselves. */
    userId: uuid("user_id"),
    /**
     * When the producer agreed that an extension officer may write their diary for them, and in
     * what words (the text shown to them, kept as agreed).
     */
    proxyConsentAt: timestamp("proxy_consent_at", { withTimezone: true }),
    proxyConsentText: text("proxy_consent_text"),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("farms_ward_id_id_uq").on(t.wardId, t.id),
    index("farms_ward_group_idx").on(t.wardId, t.residentialGroupId),
    uniqueIndex("farms_user_uq").on(t.wardId, t.userId),
    check("farms_kind_check", sql`${t.kind} in ('household', 'cooperative', 'enterprise')`),
    foreignKey({ name: "farms_user_fk", columns: [t.wardId, t.userId], foreignColumns: [users.wardId, users.id] }),
    foreignKey({
      name: "farms_group_fk",
      columns: [t.wardId, t.residentialGroupId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/** Thửa ruộng, khu sản xuất: where a farm grows a crop, with its area and place. */
export const plots = pgTable(
  "plots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    farmId: uuid("farm_id").notNull(),
    /** As the farm calls it: "Thửa 12, xứ đồng Cửa Đình". */
    name: text("name").notNull(),
    /** Diện tích canh tác (ha). */
    areaHa: doublePrecision("area_ha").notNull(),
    residentialGroupId: uuid("residential_group_id").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** The plot's outline: a GeoJSON Polygon (WGS 84). */
    outline: jsonb("outline").$type<{ type: "Polygon"; coordinates: [number, number][][] }>(),
    /** Cây trồng chính: "Lúa", "Rau màu". */
    crop: text("crop").notNull(),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("plots_ward_id_id_uq").on(t.wardId, t.id),
    index("plots_ward_farm_idx").on(t.wardId, t.farmId),
    index("plots_ward_group_idx").on(t.wardId, t.residentialGroupId),
    check("plots_area_check", sql`${t.areaHa} > 0 and ${t.areaHa} <= 100000`),
    foreignKey({ name: "plots_farm_fk", columns: [t.wardId, t.farmId], foreignColumns: [farms.wardId, farms.id] }),
    foreignKey({
      name: "plots_group_fk",
      columns: [t.wardId, t.residentialGroupId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/**
 * Chứng nhận của thửa: VietGAP (TCVN 11892-1:2017), hữu cơ (TCVN 11041), or another GAP
 * (GlobalGAP…), with its number, the body that issued it and its validity. A plot's area counts
 * toward "≥ 20% at GAP/organic" while one of its certificates is valid and not withdrawn.
 */
export const plotCertifications = pgTable(
  "plot_certifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    plotId: uuid("plot_id").notNull(),
    /** vietgap, organic, other_gap. */
    scheme: text("scheme").notNull(),
    certificateNumber: text("certificate_number").notNull(),
    /** Tổ chức chứng nhận. */
    issuer: text("issuer").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    /** Thu hồi: from this day it no longer counts, whatever its validity said. */
    withdrawnOn: date("withdrawn_on", { mode: "string" }),
    withdrawnReason: text("withdrawn_reason"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("plot_certifications_ward_id_id_uq").on(t.wardId, t.id),
    index("plot_certifications_plot_idx").on(t.wardId, t.plotId, t.validUntil),
    check("plot_certifications_scheme_check", sql`${t.scheme} in ('vietgap', 'organic', 'other_gap')`),
    check("plot_certifications_validity_check", sql`${t.validUntil} >= ${t.validFrom}`),
    foreignKey({
      name: "plot_certifications_plot_fk",
      columns: [t.wardId, t.plotId],
      foreignColumns: [plots.wardId, plots.id],
    }),
  ],
);

/**
 * Vụ: one crop on one plot, from land preparation to the straw. Its footprint is stored with the
 * factor set that made it (a newer set changes new results, never this one), and recomputed only
 * when its diary changes.
 */
export const seasons = pgTable(
  "seasons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    plotId: uuid("plot_id").notNull(),
    /** "Vụ Xuân 2026". */
    name: text("name").notNull(),
    crop: text("crop").notNull(),
    variety: text("variety"),
    /** The first day of the season (land preparation). */
    startedOn: date("started_on", { mode: "string" }).notNull(),
    /** Closed by the farm or the officer when its diary is complete. */
    closedOn: date("closed_on", { mode: "string" }),
    footprint: jsonb("footprint").$type<FootprintResult>(),
    footprintInput: jsonb("footprint_input").$type<FootprintInput>(),
    footprintAt: timestamp("footprint_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("seasons_ward_id_id_uq").on(t.wardId, t.id),
    index("seasons_ward_plot_idx").on(t.wardId, t.plotId, t.startedOn),
    foreignKey({ name: "seasons_plot_fk", columns: [t.wardId, t.plotId], foreignColumns: [plots.wardId, plots.id] }),
  ],
);

/**
 * Ghi chép nhật ký: one thing done on the plot on a day, its particulars by kind (validated by
 * diaryDetailsSchema). Made on a phone, perhaps offline: `client_id` makes a resend the same entry.
 */
export const diaryEntries = pgTable(
  "diary_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    seasonId: uuid("season_id").notNull(),
    clientId: uuid("client_id").notNull(),
    kind: text("kind").notNull(),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    details: jsonb("details").$type<DiaryDetails>().notNull(),
    note: text("note"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    enteredBy: uuid("entered_by"),
    /** Written by an extension officer for the farm, under the farm's consent. */
    byProxy: boolean("by_proxy").notNull().default(false),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("diary_entries_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("diary_entries_client_uq").on(t.wardId, t.clientId),
    index("diary_entries_season_idx").on(t.wardId, t.seasonId, t.occurredOn),
    check(
      "diary_entries_kind_check",
      sql`${t.kind} in ('land_preparation', 'sowing', 'transplanting', 'fertiliser', 'plant_protection', 'irrigation', 'harvest', 'residue')`,
    ),
    foreignKey({
      name: "diary_entries_season_fk",
      columns: [t.wardId, t.seasonId],
      foreignColumns: [seasons.wardId, seasons.id],
    }),
    foreignKey({
      name: "diary_entries_user_fk",
      columns: [t.wardId, t.enteredBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);
