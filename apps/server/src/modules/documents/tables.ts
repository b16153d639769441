import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { files } from "../files/tables.js";
import { users, wardIdColumn } from "../identity/tables.js";

/**
 * Sổ đăng ký văn bản đến / đi: one row per document the ward received or sent. The register
 * number (số đến, số đi) runs from 1 each year, per ward and direction, and is given by the system.
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    /** "incoming" (văn bản đến) or "outgoing" (văn bản đi). */
    direction: text("direction").notNull(),
    /** Số đến / số đi */
    registerNumber: integer("register_number").notNull(),
    /** The year of the register: of receipt for incoming, of issue for outgoing. */
    registerYear: integer("register_year").notNull(),
    /** Số, ký hiệu as printed: "15/BC-UBND", an incoming party document's "08-NQ/TU". */
    numberAndSymbol: text("number_and_symbol").notNull(),
    /** Loại văn bản (Decree 30/2020/NĐ-CP Annex III), "CV" for công văn. */
    typeCode: text("type_code").notNull(),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    /** Ngày đến (incoming only). */
    receivedOn: date("received_on", { mode: "string" }),
    /** Cơ quan ban hành */
    issuer: text("issuer").notNull(),
    /** Nơi nhận */
    recipients: text("recipients"),
    /** Trích yếu */
    summary: text("summary").notNull(),
    /** The scan or the DOCX. */
    fileId: uuid("file_id"),
    /** Accent-free lower-case number, summary and issuer: "bc-ubnd" finds "15/BC-UBND". */
    searchText: text("search_text").notNull(),
    registeredBy: uuid("registered_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("documents_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("documents_register_uq").on(t.wardId, t.direction, t.registerYear, t.registerNumber),
    index("documents_ward_issued_idx").on(t.wardId, t.issuedOn),
    check("documents_direction_check", sql`${t.direction} in ('incoming', 'outgoing')`),
    check("documents_register_number_positive", sql`${t.registerNumber} > 0`),
    check("documents_received_on_incoming", sql`${t.direction} = 'incoming' or ${t.receivedOn} is null`),
    foreignKey({ name: "documents_file_fk", columns: [t.wardId, t.fileId], foreignColumns: [files.wardId, files.id] }),
    foreignKey({
      name: "documents_registered_by_fk",
      columns: [t.wardId, t.registeredBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/** What a document concerns: a task, an indicator, a report (văn bản liên quan). */
export const documentLinks = pgTable(
  "document_links",
  {
    wardId: wardIdColumn(),
    documentId: uuid("document_id").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "document_links_pkey", columns: [t.wardId, t.documentId, t.entityType, t.entityId] }),
    index("document_links_entity_idx").on(t.wardId, t.entityType, t.entityId),
    check(
      "document_links_entity_type_check",
      sql`${t.entityType} in ('task', 'indicator', 'unit_report', 'ward_report', 'report_period')`,
    ),
    foreignKey({
      name: "document_links_document_fk",
      columns: [t.wardId, t.documentId],
      foreignColumns: [documents.wardId, documents.id],
    }),
  ],
);
