import { fileTypeFromBuffer } from "file-type";
import { MAX_REPORT_PHOTOS } from "@phuong-xanh/shared";
import { AppError, invalid } from "../../lib/errors.js";
import { checkUpload, type CheckedUpload, type Upload } from "../files/service.js";

const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"]);

/**
 * A report's photos: at most five, each a JPEG, PNG, WebP or HEIC photo by its bytes (not its
 * name), within the size limit, decoded and re-encoded without its metadata (EXIF holds the
 * phone's position and the time: a resident's whereabouts). Checked before anything is saved.
 */
export async function checkPhotos(uploads: Upload[], maxBytes: number): Promise<CheckedUpload[]> {
  if (uploads.length > MAX_REPORT_PHOTOS)
    throw invalid(`Tối đa ${MAX_REPORT_PHOTOS} ảnh cho một phản ánh.`, [
      { path: "photos", message: `Tối đa ${MAX_REPORT_PHOTOS} ảnh` },
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
