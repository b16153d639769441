import { bigint, boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
  (t) => [index("files_ward_idx").on(t.wardId)],
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
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id),
    /**
     * Công khai: the officer published this photo on the public task page. Images only (they are
     * re-encoded without EXIF on upload); never set by default.
     */
    isPublic: boolean("is_public").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerType, t.ownerId, t.fileId] }),
    index("attachments_ward_owner_idx").on(t.wardId, t.ownerType, t.ownerId),
  ],
);
