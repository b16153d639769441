import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, like } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { cleanFileName, type FileRef } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { AppError, notFound } from "../../lib/errors.js";
import { MetadataError, reencodeHeic, stripOfficeMetadata, stripPdfMetadata } from "./metadata.js";
import type { FileStore } from "./store.js";
import { attachments, files } from "./tables.js";

/** Evidence people attach: photos, scans, office documents. Sniffed from the bytes, not the name. */
const ALLOWED_TYPES = new Set<string>([
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "image/heif",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);

export type Upload = { filename: string; bytes: Buffer };

export type CheckedUpload = { upload: Upload; mimeType: string };

/**
 * Re-encodes photos without their metadata: EXIF carries the GPS position of the phone and the
 * time, personal data the evidence does not need (Law 91/2025/QH15: collect the least). The
 * orientation is applied first so the picture still stands the right way up.
 */
async function stripImageMetadata(bytes: Buffer, mimeType: string): Promise<Buffer> {
  const image = sharp(bytes, { failOn: "error" }).rotate();
  switch (mimeType) {
    case "image/jpeg":
      return image.jpeg({ quality: 90 }).toBuffer();
    case "image/png":
      return image.png().toBuffer();
    case "image/webp":
      return image.webp({ quality: 90 }).toBuffer();
    default:
      return bytes;
  }
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Checks an upload before any database work, so a bad file fails the request before anything is
 * saved: size, type sniffed from the bytes (not the name), and metadata removed (photos
 * re-encoded, HEIC decoded and stored as JPEG, PDF and Office document properties emptied). A
 * file whose metadata cannot be removed is refused, with the reason.
 */
export async function checkUpload(upload: Upload, maxBytes: number): Promise<CheckedUpload> {
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
  try {
    switch (sniffed.mime) {
      case "image/heic":
      case "image/heif":
        return {
          upload: {
            filename: upload.filename.replace(/\.(heic|heif)$/i, "") + ".jpg",
            bytes: await reencodeHeic(upload.bytes, upload.filename),
          },
          mimeType: "image/jpeg",
        };
      case "application/pdf":
        return {
          upload: { ...upload, bytes: await stripPdfMetadata(upload.bytes, upload.filename) },
          mimeType: sniffed.mime,
        };
      case DOCX:
      case XLSX:
        return {
          upload: { ...upload, bytes: await stripOfficeMetadata(upload.bytes, upload.filename) },
          mimeType: sniffed.mime,
        };
      default:
        return {
          upload: { ...upload, bytes: await stripImageMetadata(upload.bytes, sniffed.mime) },
          mimeType: sniffed.mime,
        };
    }
  } catch (error) {
    if (error instanceof MetadataError) throw new AppError("FILE_TYPE_NOT_ALLOWED", error.message, 415);
    throw new AppError("FILE_TYPE_NOT_ALLOWED", `Không đọc được ảnh "${upload.filename}": tệp bị hỏng.`, 415);
  }
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
  const filename = cleanFileName(upload.filename);
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

/** Kinds of record evidence files are attached to. */
export type AttachmentOwner =
  | "task_update"
  | "measurement"
  | "unit_report"
  | "feedback_report"
  | "feedback_update"
  | "extension_training"
  | "diary_entry";

/** Stores the uploads and attaches them to a record, in the caller's transaction. */
export async function attachUploads(
  tx: Db,
  store: FileStore,
  actor: Actor,
  owner: { type: AttachmentOwner; id: string },
  checked: CheckedUpload[],
  options: { isPublic?: boolean } = {},
): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  for (const { upload, mimeType } of checked) {
    const ref = await storeFile(tx, store, actor, upload, mimeType);
    const isPublic = (options.isPublic ?? false) && isPublishableImage(mimeType);
    await tx
      .insert(attachments)
      .values({ wardId: actor.wardId, ownerType: owner.type, ownerId: owner.id, fileId: ref.id, isPublic })
      .onConflictDoNothing();
    refs.push(ref);
  }
  return refs;
}

/** The files attached to each of the records, by record id. */
export async function attachmentsOf(
  db: Db,
  wardId: string,
  ownerType: AttachmentOwner,
  ownerIds: string[],
): Promise<Map<string, FileRef[]>> {
  const out = new Map<string, FileRef[]>();
  if (ownerIds.length === 0) return out;
  const rows = await db
    .select({
      ownerId: attachments.ownerId,
      id: files.id,
      filename: files.filename,
      mimeType: files.mimeType,
      size: files.size,
      isPublic: attachments.isPublic,
    })
    .from(attachments)
    .innerJoin(files, eq(files.id, attachments.fileId))
    .where(
      and(eq(attachments.wardId, wardId), eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, ownerIds)),
    )
    .orderBy(asc(attachments.createdAt), asc(files.filename));
  for (const { ownerId, ...ref } of rows) out.set(ownerId, [...(out.get(ownerId) ?? []), ref]);
  return out;
}

/** What the app knows of the ward's files among `ids`, by id (a record that names its one file). */
export async function fileRefs(db: Db, wardId: string, ids: string[]): Promise<Map<string, FileRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: files.id, filename: files.filename, mimeType: files.mimeType, size: files.size })
    .from(files)
    .where(and(eq(files.wardId, wardId), inArray(files.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Photos only: the image types upload re-encodes without EXIF (see stripImageMetadata). */
export function isPublishableImage(mimeType: string): boolean {
  return mimeType === "image/jpeg" || mimeType === "image/png" || mimeType === "image/webp";
}

/**
 * Marks one attachment of one of the records public or not, in the caller's transaction.
 * Returns what it was before, or null when the file is not attached to any of them.
 */
export async function setAttachmentPublic(
  tx: Db,
  wardId: string,
  ownerType: AttachmentOwner,
  ownerIds: string[],
  fileId: string,
  isPublic: boolean,
): Promise<{ ownerId: string; mimeType: string; filename: string; wasPublic: boolean } | null> {
  if (ownerIds.length === 0) return null;
  const [row] = await tx
    .select({
      ownerId: attachments.ownerId,
      wasPublic: attachments.isPublic,
      mimeType: files.mimeType,
      filename: files.filename,
    })
    .from(attachments)
    .innerJoin(files, eq(files.id, attachments.fileId))
    .where(
      and(
        eq(attachments.wardId, wardId),
        eq(attachments.ownerType, ownerType),
        inArray(attachments.ownerId, ownerIds),
        eq(attachments.fileId, fileId),
      ),
    )
    .for("update", { of: attachments });
  if (!row) return null;
  if (isPublic && !isPublishableImage(row.mimeType)) return row;
  if (row.wasPublic !== isPublic)
    await tx
      .update(attachments)
      .set({ isPublic })
      .where(
        and(
          eq(attachments.wardId, wardId),
          eq(attachments.ownerType, ownerType),
          eq(attachments.ownerId, row.ownerId),
          eq(attachments.fileId, fileId),
        ),
      );
  return row;
}

/** The public photos attached to the records, newest attachment first. */
export async function publicAttachmentsOf(
  db: Db,
  wardId: string,
  ownerType: AttachmentOwner,
  ownerIds: string[],
): Promise<{ ownerId: string; fileId: string }[]> {
  if (ownerIds.length === 0) return [];
  return db
    .select({ ownerId: attachments.ownerId, fileId: attachments.fileId })
    .from(attachments)
    .innerJoin(files, eq(files.id, attachments.fileId))
    .where(
      and(
        eq(attachments.wardId, wardId),
        eq(files.wardId, wardId),
        eq(attachments.ownerType, ownerType),
        inArray(attachments.ownerId, ownerIds),
        eq(attachments.isPublic, true),
        like(files.mimeType, "image/%"),
      ),
    )
    .orderBy(desc(attachments.createdAt), asc(files.id));
}

/** Takes a file off a record (the file itself stays); false when it was not attached to it. */
export async function detachFile(
  tx: Db,
  wardId: string,
  owner: { type: AttachmentOwner; id: string },
  fileId: string,
): Promise<boolean> {
  const removed = await tx
    .delete(attachments)
    .where(
      and(
        eq(attachments.wardId, wardId),
        eq(attachments.ownerType, owner.type),
        eq(attachments.ownerId, owner.id),
        eq(attachments.fileId, fileId),
      ),
    )
    .returning({ fileId: attachments.fileId });
  return removed.length > 0;
}

/** Which record of these kinds a file is attached to (null: none). */
export async function attachmentOwner(
  db: Db,
  wardId: string,
  ownerTypes: AttachmentOwner[],
  fileId: string,
): Promise<{ ownerType: AttachmentOwner; ownerId: string; isPublic: boolean } | null> {
  const [row] = await db
    .select({ ownerType: attachments.ownerType, ownerId: attachments.ownerId, isPublic: attachments.isPublic })
    .from(attachments)
    .where(
      and(eq(attachments.wardId, wardId), inArray(attachments.ownerType, ownerTypes), eq(attachments.fileId, fileId)),
    )
    .limit(1);
  return row ? { ...row, ownerType: row.ownerType as AttachmentOwner } : null;
}

/**
 * A photo's bytes for the public pages: only a ward's image that an officer marked public on a
 * record of `ownerType`; anything else is "not found", whether it exists or not.
 */
export async function readPublicFile(
  db: Db,
  store: FileStore,
  wardId: string,
  ownerType: AttachmentOwner,
  fileId: string,
): Promise<{ mimeType: string; sha256: string; bytes: Buffer }> {
  const [row] = await db
    .select({ storageKey: files.storageKey, mimeType: files.mimeType, sha256: files.sha256 })
    .from(attachments)
    .innerJoin(files, eq(files.id, attachments.fileId))
    .where(
      and(
        eq(attachments.wardId, wardId),
        eq(files.wardId, wardId),
        eq(attachments.ownerType, ownerType),
        eq(attachments.fileId, fileId),
        eq(attachments.isPublic, true),
      ),
    )
    .limit(1);
  if (!row || !isPublishableImage(row.mimeType)) throw notFound("Không tìm thấy ảnh");
  return { mimeType: row.mimeType, sha256: row.sha256, bytes: await store.get(row.storageKey) };
}
