import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
