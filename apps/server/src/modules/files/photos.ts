import { fileTypeFromBuffer } from "file-type";
import { AppError, invalid } from "../../lib/errors.js";
import { checkUpload, type CheckedUpload, type Upload } from "./service.js";

const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"]);

/**
 * Photos sent with a record (a citizen's report, a diary entry): at most `limit.count`, each a
 * JPEG, PNG, WebP or HEIC photo by its bytes (not its name), within the size limit, decoded and
 * re-encoded without its metadata (EXIF holds the phone's position and the time: a person's
 * whereabouts). Checked before anything is saved.
 */
export async function checkPhotos(
  uploads: Upload[],
  maxBytes: number,
  limit: { count: number; of: string },
): Promise<CheckedUpload[]> {
  if (uploads.length > limit.count)
    throw invalid(`Tối đa ${limit.count} ảnh cho ${limit.of}.`, [
      { path: "photos", message: `Tối đa ${limit.count} ảnh` },
    ]);
  const checked: CheckedUpload[] = [];
  for (const upload of uploads) {
    if (upload.bytes.length > maxBytes)
      throw new AppError(
        "FILE_TOO_LARGE",
        `Ảnh "${upload.filename}" lớn hơn ${Math.round(maxBytes / 1048576)} MB. Hãy chụp lại ở chất lượng thấp hơn hoặc chọn ảnh khác.`,
        413,
        [{ path: "photos", message: "Ảnh quá lớn" }],
      );
    const sniffed = await fileTypeFromBuffer(upload.bytes);
    if (!sniffed || !PHOTO_TYPES.has(sniffed.mime))
      throw new AppError(
        "FILE_TYPE_NOT_ALLOWED",
        `"${upload.filename}" không phải ảnh JPG, PNG, WEBP hoặc HEIC.`,
        415,
        [{ path: "photos", message: "Chỉ nhận ảnh JPG, PNG, WEBP, HEIC" }],
      );
    checked.push(await checkUpload(upload, maxBytes));
  }
  return checked;
}
