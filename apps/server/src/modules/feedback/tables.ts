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
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { CategoryQuestion } from "@phuong-xanh/shared";
import { units, users, wardIdColumn } from "../identity/tables.js";
import { indicators } from "../indicators/tables.js";
import { tasks } from "../plan/tables.js";

/**
 * Loại phản ánh: what residents can report (Open311 service). Each has its handling unit, its
 * deadline in working days, its extra questions, and the plan task that makes the unit answer for it.
 */
export const feedbackCategories = pgTable(
  "feedback_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    /** Open311 service_code: "dot-rom-ra". */
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Open311 group: "Môi trường", "Hạ tầng". */
    groupName: text("group_name").notNull(),
    keywords: text("keywords").notNull().default(""),
    questions: jsonb("questions").$type<CategoryQuestion[]>().notNull().default([]),
    /** Thời hạn xử lý, in working days from the day the report arrives. */
    slaDays: integer("sla_days").notNull(),
    unitId: uuid("unit_id").notNull(),
    taskId: uuid("task_id"),
    /** Confirmed reports of this category count toward this indicator (per residential group). */
    indicatorId: uuid("indicator_id"),
    /** Its reports' pins are blurred on the public map (a neighbour reporting a neighbour). */
    sensitive: boolean("sensitive").notNull().default(false),
    active: boolean("active").notNull().default(true),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("feedback_categories_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("feedback_categories_ward_code_uq").on(t.wardId, t.code),
    check("feedback_categories_sla_check", sql`${t.slaDays} between 1 and 90`),
    foreignKey({
      name: "feedback_categories_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "feedback_categories_task_fk",
      columns: [t.wardId, t.taskId],
      foreignColumns: [tasks.wardId, tasks.id],
    }),
    foreignKey({
      name: "feedback_categories_indicator_fk",
      columns: [t.wardId, t.indicatorId],
      foreignColumns: [indicators.wardId, indicators.id],
    }),
  ],
);

/** Phân công theo địa bàn: in this residential group, this category goes to another unit. */
export const feedbackRoutes = pgTable(
  "feedback_routes",
  {
    wardId: wardIdColumn(),
    categoryId: uuid("category_id").notNull(),
    residentialGroupId: uuid("residential_group_id").notNull(),
    unitId: uuid("unit_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "feedback_routes_pkey", columns: [t.wardId, t.categoryId, t.residentialGroupId] }),
    foreignKey({
      name: "feedback_routes_category_fk",
      columns: [t.wardId, t.categoryId],
      foreignColumns: [feedbackCategories.wardId, feedbackCategories.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "feedback_routes_group_fk",
      columns: [t.wardId, t.residentialGroupId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "feedback_routes_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/** Khóa API Open311: issued by an admin to an app that sends reports; only its hash is kept. */
export const feedbackApiKeys = pgTable(
  "feedback_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    unique("feedback_api_keys_ward_id_id_uq").on(t.wardId, t.id),
    // Found by its hash before the ward is known (the key names the ward): on Citus a reference
    // table (a handful of rows), which may hold this key without ward_id.
    uniqueIndex("feedback_api_keys_hash_uq").on(t.keyHash),
  ],
);

/** Phản ánh: one report of a resident, from the web page, an Open311 client, or staff. */
export const feedbackReports = pgTable(
  "feedback_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    /** Mã theo dõi "PA-7K3M9Q": the public id (Open311 service_request_id). */
    code: text("code").notNull(),
    /** Open311 token of the POST that made it. */
    token: uuid("token").notNull().defaultRandom(),
    /** sha256 of the reporter's key (the follow link): adds information, reopens. */
    reporterKeyHash: text("reporter_key_hash").notNull(),
    categoryId: uuid("category_id").notNull(),
    description: text("description").notNull(),
    answers: jsonb("answers").$type<Record<string, string | string[]>>().notNull().default({}),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** device (the phone's location service: sensitive), map (a pin placed by hand), none. */
    locationSource: text("location_source").notNull().default("none"),
    address: text("address"),
    residentialGroupId: uuid("residential_group_id"),
    status: text("status").notNull().default("new"),
    unitId: uuid("unit_id").notNull(),
    assigneeId: uuid("assignee_id"),
    /** Hạn xử lý: the category's working days from the day it arrived. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    sensitive: boolean("sensitive").notNull().default(false),
    duplicateOfId: uuid("duplicate_of_id"),
    source: text("source").notNull(),
    apiKeyId: uuid("api_key_id"),
    /** Open311 account_id / device_id as the client sent them. */
    externalAccountId: text("external_account_id"),
    /** Open311 media_url: a photo the client hosts itself (shown as a link, never fetched). */
    mediaUrl: text("media_url"),
    /** sha256 of the device's id: the per-device limit of public submissions. */
    deviceHash: text("device_hash"),
    /** When staff accepted it (tiếp nhận); null while new, or if rejected unseen. */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("feedback_reports_ward_id_id_uq").on(t.wardId, t.id),
    // Unique within the ward (a distributed table's keys carry ward_id); a new code is also checked
    // against every ward, so a follow link or an Open311 id without the ward finds one report.
    uniqueIndex("feedback_reports_code_uq").on(t.wardId, t.code),
    index("feedback_reports_code_idx").on(t.code),
    // Open311 GET tokens/{token} finds a report by its token, before the ward is known.
    uniqueIndex("feedback_reports_token_uq").on(t.wardId, t.token),
    index("feedback_reports_token_idx").on(t.token),
    index("feedback_reports_ward_status_idx").on(t.wardId, t.status, t.dueOn),
    index("feedback_reports_ward_created_idx").on(t.wardId, t.createdAt),
    index("feedback_reports_ward_updated_idx").on(t.wardId, t.updatedAt),
    index("feedback_reports_ward_category_idx").on(t.wardId, t.categoryId, t.status),
    index("feedback_reports_device_idx").on(t.deviceHash, t.createdAt),
    check(
      "feedback_reports_status_check",
      sql`${t.status} in ('new', 'confirmed', 'investigating', 'in_progress', 'action_scheduled', 'fixed', 'not_responsible', 'duplicate', 'no_further_action', 'internal_referral')`,
    ),
    check("feedback_reports_source_check", sql`${t.source} in ('web', 'open311', 'staff')`),
    check("feedback_reports_location_source_check", sql`${t.locationSource} in ('device', 'map', 'none')`),
    check(
      "feedback_reports_location_pair",
      sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`,
    ),
    foreignKey({
      name: "feedback_reports_category_fk",
      columns: [t.wardId, t.categoryId],
      foreignColumns: [feedbackCategories.wardId, feedbackCategories.id],
    }),
    foreignKey({
      name: "feedback_reports_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "feedback_reports_group_fk",
      columns: [t.wardId, t.residentialGroupId],
      foreignColumns: [units.wardId, units.id],
    }),
    foreignKey({
      name: "feedback_reports_assignee_fk",
      columns: [t.wardId, t.assigneeId],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "feedback_reports_duplicate_fk",
      columns: [t.wardId, t.duplicateOfId],
      foreignColumns: [t.wardId, t.id],
    }),
    foreignKey({
      name: "feedback_reports_api_key_fk",
      columns: [t.wardId, t.apiKeyId],
      foreignColumns: [feedbackApiKeys.wardId, feedbackApiKeys.id],
    }),
  ],
);

/**
 * The reporter's contact, apart from the report: no query of reports can carry it by accident,
 * and erasing it (retention, a person's request) leaves the report whole.
 */
export const feedbackContacts = pgTable(
  "feedback_contacts",
  {
    wardId: wardIdColumn(),
    reportId: uuid("report_id").notNull(),
    name: text("name"),
    phone: text("phone"),
    email: text("email"),
    /** Folded email and digits-only phone: how one person's data is found. */
    emailKey: text("email_key"),
    phoneKey: text("phone_key"),
    /** The reporter asked to be told of each change (by email). */
    notify: boolean("notify").notNull().default(false),
    /** The consent line as shown, and when it was given (Law 91/2025: verifiable consent). */
    consentText: text("consent_text"),
    consentedAt: timestamp("consented_at", { withTimezone: true }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "feedback_contacts_pkey", columns: [t.wardId, t.reportId] }),
    index("feedback_contacts_email_idx").on(t.wardId, t.emailKey),
    index("feedback_contacts_phone_idx").on(t.wardId, t.phoneKey),
    foreignKey({
      name: "feedback_contacts_report_fk",
      columns: [t.wardId, t.reportId],
      foreignColumns: [feedbackReports.wardId, feedbackReports.id],
    }),
  ],
);

/**
 * Diễn biến: every change of a report and every word on it. Public ones are the timeline
 * residents see; notes (is_public false) stay with staff.
 */
export const feedbackUpdates = pgTable(
  "feedback_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    reportId: uuid("report_id").notNull(),
    kind: text("kind").notNull(),
    statusFrom: text("status_from"),
    statusTo: text("status_to"),
    body: text("body"),
    isPublic: boolean("is_public").notNull(),
    /** staff (author_id set), reporter, open311 (an API client), system. */
    authorKind: text("author_kind").notNull(),
    authorId: uuid("author_id"),
    /** The unit that spoke, as the public sees it. */
    unitId: uuid("unit_id"),
    /** An Open311 client's own update id (POST servicerequestupdates): the same update twice is one. */
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("feedback_updates_ward_id_id_uq").on(t.wardId, t.id),
    index("feedback_updates_report_idx").on(t.wardId, t.reportId, t.createdAt),
    index("feedback_updates_ward_created_idx").on(t.wardId, t.createdAt),
    uniqueIndex("feedback_updates_external_uq").on(t.wardId, t.reportId, t.externalId),
    check(
      "feedback_updates_kind_check",
      sql`${t.kind} in ('submitted', 'status', 'response', 'note', 'reporter_info', 'reopened', 'assigned', 'recategorised', 'moved', 'merged')`,
    ),
    check("feedback_updates_author_check", sql`${t.authorKind} in ('staff', 'reporter', 'open311', 'system')`),
    foreignKey({
      name: "feedback_updates_report_fk",
      columns: [t.wardId, t.reportId],
      foreignColumns: [feedbackReports.wardId, feedbackReports.id],
    }),
    foreignKey({
      name: "feedback_updates_author_fk",
      columns: [t.wardId, t.authorId],
      foreignColumns: [users.wardId, users.id],
    }),
    foreignKey({
      name: "feedback_updates_unit_fk",
      columns: [t.wardId, t.unitId],
      foreignColumns: [units.wardId, units.id],
    }),
  ],
);

/** Mẫu trả lời: the ward's usual answers, offered with the state they go with. */
export const feedbackTemplates = pgTable(
  "feedback_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("feedback_templates_ward_id_id_uq").on(t.wardId, t.id)],
);

/**
 * Thư báo chờ gửi: written in the transaction of the change it tells of, sent after (at once,
 * and by the job if that failed), so a change is never told twice nor lost.
 */
export const feedbackOutbox = pgTable(
  "feedback_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    reportId: uuid("report_id").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("feedback_outbox_ward_id_id_uq").on(t.wardId, t.id),
    index("feedback_outbox_due_idx").on(t.sentAt, t.nextAttemptAt),
    foreignKey({
      name: "feedback_outbox_report_fk",
      columns: [t.wardId, t.reportId],
      foreignColumns: [feedbackReports.wardId, feedbackReports.id],
    }),
  ],
);
