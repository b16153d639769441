/**
 * What the server accepts as evidence (it sniffs the bytes: JPG/PNG/WEBP/HEIC photos, PDF,
 * DOCX, XLSX), at most 10 files of 20 MB each per request (MAX_UPLOAD_MB on the server).
 */
export const EVIDENCE_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,.heic,.pdf,.docx,.xlsx";
export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
