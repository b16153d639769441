import {
  date,
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
import type { ReportFigures, ReportingSettings, WardReportContent } from "@phuong-xanh/shared";
import { documents } from "../documents/tables.js";
import { units, users, wardIdColumn } from "../identity/tables.js";

/** Cài đặt chế độ báo cáo of a ward: cut-offs, deadlines, extra holidays, signer (one row per ward). */
export const reportingSettings = pgTable("reporting_settings", {
  wardId: wardIdColumn().primaryKey(),
  settings: jsonb("settings").$type<Omit<ReportingSettings, "version">>().notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Kỳ báo cáo: a periodic period ("2026-Q4") or a thematic/ad hoc request ("CD-2026-01"), with
 * its data window and deadlines fixed when it was opened. Locking freezes the ward's figures.
 */
export const reportPeriods = pgTable(
  "report_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    code: text("code").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    windowStart: date("window_start", { mode: "string" }).notNull(),
    windowEnd: date("window_end", { mode: "string" }).notNull(),
    unitDeadline: date("unit_deadline", { mode: "string" }).notNull(),
    wardDeadline: date("ward_deadline", { mode: "string" }).notNull(),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: uuid("locked_by"),
    lockedFigures: jsonb("locked_figures").$type<ReportFigures>(),
    /** The outgoing document the ward's report was registered as, once sent. */
    sentDocumentId: uuid("sent_document_id"),
    sentNumber: text("sent_number"),
    sentOn: date("sent_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("report_periods_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("report_periods_ward_code_uq").on(t.wardId, t.code),
    foreignKey({
      name: "report_periods_locked_by_fk",
      columns: [t.wardId, t.lockedBy],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "report_periods_sent_document_fk",
      columns: [t.wardId, t.sentDocumentId],
      foreignColumns: [documents.wardId, documents.id],
    }),
  ],
);

type StoredSections = {
  results: string | null;
  shortcomings: string | null;
  nextTasks: string | null;
  proposals: string | null;
};

/** Báo cáo của đơn vị: one unit's report for one period, through draft → submitted → returned/accepted. */
export const unitReports = pgTable(
  "unit_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    periodId: uuid("period_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    status: text("status").notNull().default("draft"),
    sections: jsonb("sections").$type<StoredSections>().notNull(),
    reviewComment: text("review_comment"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by"),
    lockedFigures: jsonb("locked_figures").$type<ReportFigures>(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("unit_reports_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("unit_reports_period_unit_uq").on(t.wardId, t.periodId, t.unitId),
    index("unit_reports_ward_unit_idx").on(t.wardId, t.unitId),
    foreignKey({
      name: "unit_reports_period_fk",
      columns: [t.wardId, t.periodId],
      foreignColumns: [reportPeriods.wardId, reportPeriods.id],
    }),
    foreignKey({
      name: "unit_reports_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "unit_reports_submitted_by_fk",
      columns: [t.wardId, t.submittedBy],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "unit_reports_reviewed_by_fk",
      columns: [t.wardId, t.reviewedBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/** Báo cáo tổng hợp của phường: every saved version is kept, with who and when. */
export const wardReportVersions = pgTable(
  "ward_report_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    periodId: uuid("period_id").notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").$type<WardReportContent>().notNull(),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ward_report_versions_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("ward_report_versions_period_version_uq").on(t.wardId, t.periodId, t.version),
    foreignKey({
      name: "ward_report_versions_period_fk",
      columns: [t.wardId, t.periodId],
      foreignColumns: [reportPeriods.wardId, reportPeriods.id],
    }),
    foreignKey({
      name: "ward_report_versions_created_by_fk",
      columns: [t.wardId, t.createdBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);
