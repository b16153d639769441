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
import type { CriteriaCheck } from "@phuong-xanh/shared";
import { users, wardIdColumn } from "../identity/tables.js";
import { farms, seasons } from "../agriculture/tables.js";

/**
 * Tiêu chí sản phẩm xanh: the ward's one current set, kept by Phòng Kinh tế. An edit bumps
 * `version` (the audit log keeps what each version said); a review stores the version it used.
 */
export const greenCertificateCriteria = pgTable(
  "green_certificate_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    requireCompleteDiary: boolean("require_complete_diary").notNull(),
    requireNoBurning: boolean("require_no_burning").notNull(),
    requireCertifiedPlot: boolean("require_certified_plot").notNull(),
    /** Ngưỡng dấu chân carbon, kg CO2e/kg sản phẩm. */
    maxKgCo2ePerKg: doublePrecision("max_kg_co2e_per_kg"),
    /** Thấp hơn mức nền ít nhất (%). */
    minPercentBelowBaseline: doublePrecision("min_percent_below_baseline"),
    /** Mức nền của phường, kg CO2e/kg sản phẩm. */
    baselineKgCo2ePerKg: doublePrecision("baseline_kg_co2e_per_kg"),
    validityMonths: integer("validity_months").notNull(),
    updatedBy: uuid("updated_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("green_certificate_criteria_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("green_certificate_criteria_ward_uq").on(t.wardId),
    check("green_certificate_criteria_validity_check", sql`${t.validityMonths} between 1 and 60`),
    check(
      "green_certificate_criteria_footprint_check",
      sql`${t.maxKgCo2ePerKg} is not null or (${t.minPercentBelowBaseline} is not null and ${t.baselineKgCo2ePerKg} is not null)`,
    ),
    foreignKey({
      name: "green_certificate_criteria_user_fk",
      columns: [t.wardId, t.updatedBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/**
 * Hồ sơ đề nghị chứng nhận: a producer's application for one season's product. The criteria
 * check is stored as it stood at review, with the criteria version it used.
 */
export const greenCertificateApplications = pgTable(
  "green_certificate_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    seasonId: uuid("season_id").notNull(),
    farmId: uuid("farm_id").notNull(),
    productName: text("product_name").notNull(),
    /** submitted (đã nộp), approved (đã duyệt, chứng nhận đã cấp), rejected (từ chối). */
    status: text("status").notNull().default("submitted"),
    criteriaCheck: jsonb("criteria_check").$type<CriteriaCheck>(),
    submittedBy: uuid("submitted_by"),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    note: text("note"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("green_certificate_applications_ward_id_id_uq").on(t.wardId, t.id),
    // One live application per season: a rejected one may be followed by another.
    uniqueIndex("green_certificate_applications_season_uq")
      .on(t.wardId, t.seasonId)
      .where(sql`${t.status} <> 'rejected'`),
    index("green_certificate_applications_status_idx").on(t.wardId, t.status),
    check("green_certificate_applications_status_check", sql`${t.status} in ('submitted', 'approved', 'rejected')`),
    foreignKey({
      name: "green_certificate_applications_season_fk",
      columns: [t.wardId, t.seasonId],
      foreignColumns: [seasons.wardId, seasons.id],
    }),
    foreignKey({
      name: "green_certificate_applications_farm_fk",
      columns: [t.wardId, t.farmId],
      foreignColumns: [farms.wardId, farms.id],
    }),
    foreignKey({
      name: "green_certificate_applications_submitter_fk",
      columns: [t.wardId, t.submittedBy],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "green_certificate_applications_reviewer_fk",
      columns: [t.wardId, t.reviewedBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/**
 * Giấy chứng nhận sản phẩm xanh: numbered per ward and year (CNX-2026-0001) in the issuing
 * transaction. What it certifies is copied at issue (product, producer, season, footprint with
 * its factor set): a later edit of the farm or the diary does not rewrite an issued certificate.
 */
export const greenCertificates = pgTable(
  "green_certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    number: text("number").notNull(),
    applicationId: uuid("application_id").notNull(),
    seasonId: uuid("season_id").notNull(),
    farmId: uuid("farm_id").notNull(),
    productName: text("product_name").notNull(),
    /** The farm's name at issue: what the public page shows as the producer. */
    producerName: text("producer_name").notNull(),
    seasonName: text("season_name").notNull(),
    crop: text("crop").notNull(),
    kgCo2ePerKg: doublePrecision("kg_co2e_per_kg"),
    factorSet: text("factor_set"),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    /** issued (đã cấp) or revoked (đã thu hồi); expiry is read from valid_until and the date. */
    status: text("status").notNull().default("issued"),
    revokedOn: date("revoked_on", { mode: "string" }),
    revokedReason: text("revoked_reason"),
    issuedBy: uuid("issued_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("green_certificates_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("green_certificates_number_uq").on(t.wardId, t.number),
    uniqueIndex("green_certificates_application_uq").on(t.wardId, t.applicationId),
    check("green_certificates_status_check", sql`${t.status} in ('issued', 'revoked')`),
    check("green_certificates_validity_check", sql`${t.validUntil} >= ${t.issuedOn}`),
    check(
      "green_certificates_revoked_check",
      sql`(${t.status} = 'revoked') = (${t.revokedOn} is not null and ${t.revokedReason} is not null)`,
    ),
    foreignKey({
      name: "green_certificates_application_fk",
      columns: [t.wardId, t.applicationId],
      foreignColumns: [greenCertificateApplications.wardId, greenCertificateApplications.id],
    }),
    foreignKey({
      name: "green_certificates_season_fk",
      columns: [t.wardId, t.seasonId],
      foreignColumns: [seasons.wardId, seasons.id],
    }),
    foreignKey({
      name: "green_certificates_farm_fk",
      columns: [t.wardId, t.farmId],
      foreignColumns: [farms.wardId, farms.id],
    }),
    foreignKey({
      name: "green_certificates_issuer_fk",
      columns: [t.wardId, t.issuedBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/** Sản phẩm OCOP: a farm's product recognised under the OCOP programme, with its stars. */
export const ocopProducts = pgTable(
  "ocop_products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    farmId: uuid("farm_id").notNull(),
    productName: text("product_name").notNull(),
    stars: integer("stars").notNull(),
    /** Năm công nhận. */
    year: integer("year").notNull(),
    /** Số quyết định công nhận. */
    decisionNumber: text("decision_number").notNull(),
    decidedOn: date("decided_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ocop_products_ward_id_id_uq").on(t.wardId, t.id),
    index("ocop_products_farm_idx").on(t.wardId, t.farmId),
    check("ocop_products_stars_check", sql`${t.stars} between 3 and 5`),
    foreignKey({
      name: "ocop_products_farm_fk",
      columns: [t.wardId, t.farmId],
      foreignColumns: [farms.wardId, farms.id],
    }),
  ],
);
