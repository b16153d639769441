import {
  bigint,
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../identity/tables.js";

/** Tệp minh chứng: the bytes live in the file store; this row is what the app knows of them. */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: uuid("ward_id").notNull(),
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("files_ward_id_id_uq").on(t.wardId, t.id),
    index("files_ward_idx").on(t.wardId),
    foreignKey({
      name: "files_uploaded_by_fk",
      columns: [t.wardId, t.uploadedBy],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/**
 * Which record a file is evidence for (a progress update, a measurement, and later citizen
 * reports or inspections): one mechanism for every module, owned here.
 */
export const attachments = pgTable(
  "attachments",
  {
    wardId: uuid("ward_id").notNull(),
    ownerType: text("owner_type").notNull(),
    ownerId: uuid("owner_id").notNull(),
    fileId: uuid("file_id").notNull(),
    /**
     * Công khai: the officer published this photo on the public task page. Images only (they are
     * re-encoded without EXIF on upload); never set by default.
     */
    isPublic: boolean("is_public").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "attachments_pkey", columns: [t.wardId, t.ownerType, t.ownerId, t.fileId] }),
    index("attachments_ward_owner_idx").on(t.wardId, t.ownerType, t.ownerId),
    foreignKey({
      name: "attachments_file_fk",
      columns: [t.wardId, t.fileId],
      foreignColumns: [files.wardId, files.id],
    }),
  ],
);
