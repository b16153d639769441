import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { FileRef } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { AppError, notFound } from "../../lib/errors.js";
import type { FileStore } from "./store.js";
import { files } from "./tables.js";

/** Evidence people attach: photos, scans, office documents. Sniffed from the bytes, not the name. */
const ALLOWED_TYPES = new Set([
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);

export type Upload = { filename: string; bytes: Buffer };

/** Checks an upload before any database work, so a bad file fails the request before anything is saved. */
export async function checkUpload(upload: Upload, maxBytes: number): Promise<{ mimeType: string }> {
  if (upload.bytes.length > maxBytes) {
    throw new AppError(
      "FILE_TOO_LARGE",
      `Tệp "${upload.filename}" vượt quá dung lượng cho phép (${Math.round(maxBytes / 1048576)} MB).`,
      413,
    );
  }
  const sniffed = await fileTypeFromBuffer(upload.bytes);
  if (!sniffed || !ALLOWED_TYPES.has(sniffed.mime)) {
    throw new AppError(
      "FILE_TYPE_NOT_ALLOWED",
      `Tệp "${upload.filename}" không đúng định dạng cho phép (ảnh JPG/PNG/WEBP/HEIC, PDF, DOCX, XLSX).`,
      415,
    );
  }
  return { mimeType: sniffed.mime };
}

/** Stores the bytes and records the file in the caller's transaction. */
export async function storeFile(
  tx: Db,
  store: FileStore,
  actor: Actor,
  upload: Upload,
  mimeType: string,
): Promise<FileRef> {
  const sha256 = crypto.createHash("sha256").update(upload.bytes).digest("hex");
  const storageKey = `${actor.wardId}/${sha256.slice(0, 2)}/${sha256}`;
  await store.put(storageKey, upload.bytes);
  const filename = upload.filename.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200) || "tep";
  const [row] = await tx
    .insert(files)
    .values({
      wardId: actor.wardId,
      storageKey,
      filename,
      mimeType,
      size: upload.bytes.length,
      sha256,
      uploadedBy: actor.userId,
    })
    .returning();
  if (!row) throw new Error("file insert returned nothing");
  return { id: row.id, filename: row.filename, mimeType: row.mimeType, size: row.size };
}

export async function readFile(
  db: Db,
  store: FileStore,
  wardId: string,
  fileId: string,
): Promise<{ ref: FileRef; bytes: Buffer }> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.wardId, wardId), eq(files.id, fileId)));
  if (!row) throw notFound("Không tìm thấy tệp");
  return {
    ref: { id: row.id, filename: row.filename, mimeType: row.mimeType, size: row.size },
    bytes: await store.get(row.storageKey),
  };
}

export async function fileRefs(db: Db, wardId: string, ids: string[]): Promise<Map<string, FileRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(files)
    .where(and(eq(files.wardId, wardId), inArray(files.id, ids)));
  return new Map(rows.map((r) => [r.id, { id: r.id, filename: r.filename, mimeType: r.mimeType, size: r.size }]));
}
