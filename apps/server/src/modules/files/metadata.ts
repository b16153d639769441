import JSZip from "jszip";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import sharp from "sharp";
import { runInWorker, WorkerFailure } from "../../lib/workers.js";
import type { DecodedImage } from "./heic-worker.js";

/**
 * Metadata an evidence file carries without its uploader seeing it: a photo's GPS position and
 * camera, a PDF's or an Office document's author, company, phone numbers in custom properties.
 * Personal data the evidence does not need (Law 91/2025/QH15: collect the least), so it is
 * removed before the file is stored; a file it cannot be removed from is refused.
 */

/** Why metadata could not be removed: the message goes to the uploader as is. */
export class MetadataError extends Error {}

/**
 * A HEIC/HEIF photo is decoded (in a worker, within limits) and re-encoded as a JPEG without any
 * metadata. Bytes that merely start like a HEIC file do not decode, and are refused.
 */
export async function reencodeHeic(bytes: Buffer, filename: string): Promise<Buffer> {
  let image: DecodedImage;
  try {
    image = await runInWorker<DecodedImage>(new URL("./heic-worker.js", import.meta.url), new Uint8Array(bytes), {
      timeLimitMs: 30_000,
      maxMemoryMb: 768,
    });
  } catch (error) {
    if (!(error instanceof WorkerFailure)) throw error;
    throw new MetadataError(`Không đọc được ảnh HEIC "${filename}": tệp bị hỏng hoặc không phải ảnh HEIC thật.`);
  }
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Drops `key` from a dictionary, and the object it points to when that is an indirect one. */
function dropEntry(doc: PDFDocument, dict: PDFDict, key: string): void {
  const value = dict.get(PDFName.of(key));
  if (value instanceof PDFRef) doc.context.delete(value);
  dict.delete(PDFName.of(key));
}

/** Objects reachable from the catalogue; everything else (old revisions, orphans) is not written back. */
function dropUnreachable(doc: PDFDocument): void {
  const seen = new Set<string>();
  const stack: (PDFObject | undefined)[] = [doc.context.trailerInfo.Root];
  while (stack.length) {
    const object = stack.pop();
    if (object instanceof PDFRef) {
      if (seen.has(object.tag)) continue;
      seen.add(object.tag);
      stack.push(doc.context.lookup(object));
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) stack.push(value);
    } else if (object instanceof PDFArray) {
      stack.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      stack.push(object.dict);
    }
  }
  for (const [ref] of doc.context.enumerateIndirectObjects()) if (!seen.has(ref.tag)) doc.context.delete(ref);
}

/**
 * A PDF without its document information (author, title, subject, keywords, creator, producer),
 * its XMP metadata stream and the applications' private data, on the document and on each page.
 */
export async function stripPdfMetadata(bytes: Buffer, filename: string): Promise<Buffer> {
  try {
    return await rewritePdf(await PDFDocument.load(bytes, { updateMetadata: false }));
  } catch (error) {
    throw new MetadataError(
      error instanceof Error && error.name === "EncryptedPDFError"
        ? `Tệp PDF "${filename}" có đặt mật khẩu nên không xóa được thông tin ẩn (tác giả, số điện thoại…). Hãy bỏ mật khẩu rồi tải lên lại.`
        : `Không đọc được tệp PDF "${filename}" để xóa thông tin ẩn (tác giả, số điện thoại…): tệp bị hỏng.`,
    );
  }
}

async function rewritePdf(doc: PDFDocument): Promise<Buffer> {
  const info = doc.context.trailerInfo.Info;
  if (info instanceof PDFRef) doc.context.delete(info);
  doc.context.trailerInfo.Info = undefined;
  for (const key of ["Metadata", "PieceInfo"]) dropEntry(doc, doc.catalog, key);
  for (const page of doc.getPages()) for (const key of ["Metadata", "PieceInfo"]) dropEntry(doc, page.node, key);
  dropUnreachable(doc);
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

const EMPTY_CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;
const EMPTY_APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
const EMPTY_CUSTOM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;

/** Who wrote a comment or a tracked change (Word's w:author, w:initials; Excel's comment authors). */
const AUTHOR_ATTRIBUTES = /\b((?:w|w15):(?:author|initials|userId|providerId))="[^"]*"/g;

/**
 * A DOCX or XLSX without its document properties (author, last editor, company, manager,
 * custom properties such as a phone number) and without the names of comment and change
 * authors. The parts stay in place, emptied, so every relationship still resolves.
 */
export async function stripOfficeMetadata(bytes: Buffer, filename: string): Promise<Buffer> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new MetadataError(
      `Không đọc được tệp "${filename}" để xóa thông tin ẩn (tác giả, số điện thoại…): tệp bị hỏng.`,
    );
  }
  const replacements: Record<string, string> = {
    "docProps/core.xml": EMPTY_CORE,
    "docProps/app.xml": EMPTY_APP,
    "docProps/custom.xml": EMPTY_CUSTOM,
  };
  for (const [path, xml] of Object.entries(replacements)) if (zip.file(path)) zip.file(path, xml);
  const rewrite = async (path: string, edit: (xml: string) => string) =>
    zip.file(path, edit((await zip.file(path)?.async("string")) ?? ""));
  for (const path of Object.keys(zip.files)) {
    if (/^word\/[^/]+\.xml$/.test(path)) await rewrite(path, (xml) => xml.replace(AUTHOR_ATTRIBUTES, '$1=""'));
    else if (/^xl\/comments\d*\.xml$/.test(path))
      await rewrite(path, (xml) => xml.replace(/<author>[^<]*<\/author>/g, "<author></author>"));
    else if (/^xl\/persons\/person\.xml$/.test(path))
      await rewrite(path, (xml) => xml.replace(/\b(displayName|userId|providerId)="[^"]*"/g, '$1=""'));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
