import fs from "node:fs";
import JSZip from "jszip";
import { PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskDetail, TaskList } from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";
import { checkUpload } from "./service.js";

/** A real HEIC phone photo with GPS in its EXIF (see fixtures/README.md for how it was made). */
const PHONE_HEIC = fs.readFileSync(new URL("./fixtures/phone-gps.heic", import.meta.url));
const PHONE = "0912345678";
const AUTHOR = "Nguyen Van A";

const MB = 1024 * 1024;

async function phonePhoto(): Promise<Buffer> {
  // A photo as a phone takes it: EXIF with the camera, the time and the GPS position.
  return sharp({ create: { width: 40, height: 20, channels: 3, background: "#2e7d32" } })
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: "PhoneMaker", Model: "X1" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "20/1 50/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "106/1 41/1 0/1",
        },
      },
    })
    .toBuffer();
}

describe("evidence uploads", () => {
  it("strips a photo's metadata (GPS, camera) and keeps it upright", async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const checked = await checkUpload({ filename: "hien-truong.jpg", bytes: original }, 20 * MB);
    expect(checked.mimeType).toBe("image/jpeg");
    const meta = await sharp(checked.upload.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(checked.upload.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    // Orientation 6 (rotated 90°) applied: the 40×20 picture now stands 20×40.
    expect([meta.width, meta.height]).toEqual([20, 40]);
  });

  it("refuses a file by its bytes, not its name, and a file over the limit", async () => {
    await expect(
      checkUpload({ filename: "anh.jpg", bytes: Buffer.from("MZ\x90\x00 not a photo") }, MB),
    ).rejects.toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED" });
    const big = await phonePhoto();
    await expect(checkUpload({ filename: "to.jpg", bytes: big }, 100)).rejects.toMatchObject({
      code: "FILE_TOO_LARGE",
      statusCode: 413,
    });
  });

  it("refuses a damaged photo with a clear message", async () => {
    const photo = await phonePhoto();
    const damaged = photo.subarray(0, Math.floor(photo.length / 2));
    await expect(checkUpload({ filename: "hong.jpg", bytes: damaged }, MB)).rejects.toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
    });
  });
});

describe("HEIC photos", () => {
  it("decodes a phone's HEIC photo and stores it as a JPEG without its GPS position or camera", async () => {
    expect(PHONE_HEIC.includes(Buffer.from("PhoneMaker"))).toBe(true);
    const checked = await checkUpload({ filename: "IMG_0001.HEIC", bytes: PHONE_HEIC }, 20 * MB);
    expect(checked.mimeType).toBe("image/jpeg");
    expect(checked.upload.filename).toBe("IMG_0001.jpg");
    const meta = await sharp(checked.upload.bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([64, 48]);
    expect(meta.exif).toBeUndefined();
    expect(checked.upload.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    // The picture survives: its left half is the orange the fixture was drawn with.
    const { data } = await sharp(checked.upload.bytes)
      .extract({ left: 4, top: 20, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
  });

  it("refuses bytes that merely start like a HEIC file", async () => {
    const fake = Buffer.concat([PHONE_HEIC.subarray(0, 40), Buffer.from("MZ this is not a picture".repeat(20))]);
    await expect(checkUpload({ filename: "anh.heic", bytes: fake }, MB)).rejects.toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
      message: expect.stringContaining("HEIC"),
    });
  });
});

describe("PDF and Office documents", () => {
  it("removes a PDF's author, subject, keywords and XMP metadata, and keeps its pages", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawText("Bien ban kiem tra", { x: 20, y: 100, size: 12 });
    doc.setAuthor(AUTHOR);
    doc.setSubject(`SDT ${PHONE}`);
    doc.setKeywords([PHONE]);
    doc.setCreator(`May cua ${AUTHOR}`);
    const xmp = doc.context.stream(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${AUTHOR} ${PHONE}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
      { Type: "Metadata", Subtype: "XML" },
    );
    doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
    const original = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(original.includes(Buffer.from(PHONE))).toBe(true);
    expect(original.includes(Buffer.from(AUTHOR))).toBe(true);

    const checked = await checkUpload({ filename: "bien-ban.pdf", bytes: original }, MB);
    expect(checked.mimeType).toBe("application/pdf");
    expect(checked.upload.bytes.includes(Buffer.from(PHONE))).toBe(false);
    expect(checked.upload.bytes.includes(Buffer.from(AUTHOR))).toBe(false);
    const reread = await PDFDocument.load(checked.upload.bytes, { updateMetadata: false });
    expect(reread.getAuthor()).toBeUndefined();
    expect(reread.getSubject()).toBeUndefined();
    expect(reread.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
    expect(reread.getPageCount()).toBe(1);
  });

  it("refuses a PDF it cannot read, saying the hidden data could not be removed", async () => {
    const broken = Buffer.from(`%PDF-1.7\n1 0 obj << /Author (${AUTHOR}) >>\n%%EOF`);
    await expect(checkUpload({ filename: "hong.pdf", bytes: broken }, MB)).rejects.toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
      message: expect.stringContaining("thông tin ẩn"),
    });
  });

  it("empties a DOCX's core, app and custom properties and the names of comment authors", async () => {
    const zip = new JSZip();
    zip.file(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
    );
    zip.file(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`,
    );
    zip.file(
      "word/document.xml",
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:ins w:id="1" w:author="${AUTHOR}" w:date="2026-01-01T00:00:00Z"><w:r><w:t>Biên bản kiểm tra</w:t></w:r></w:ins></w:p></w:body></w:document>`,
    );
    zip.file(
      "docProps/core.xml",
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${AUTHOR}</dc:creator><cp:lastModifiedBy>${AUTHOR}</cp:lastModifiedBy><dc:description>Liên hệ ${PHONE}</dc:description></cp:coreProperties>`,
    );
    zip.file(
      "docProps/app.xml",
      `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Cong ty ${AUTHOR}</Company><Manager>${AUTHOR}</Manager></Properties>`,
    );
    zip.file(
      "docProps/custom.xml",
      `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Phone"><vt:lpwstr>${PHONE}</vt:lpwstr></property></Properties>`,
    );
    const original = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const checked = await checkUpload({ filename: "bien-ban.docx", bytes: original }, MB);
    expect(checked.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const stripped = await JSZip.loadAsync(checked.upload.bytes);
    const texts = await Promise.all(Object.values(stripped.files).map((f) => f.async("string")));
    const all = texts.join("\n");
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(AUTHOR);
    expect(all).toContain("Biên bản kiểm tra");
    expect(Object.keys(stripped.files)).toEqual(expect.arrayContaining(["docProps/core.xml", "docProps/custom.xml"]));
  });
});

describe("stored file names", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it("removes direction overrides and other invisible characters from an uploaded file's name", async () => {
    const leader = await t.login("lanhdao");
    const tasks = (
      (await t.app.inject({ method: "GET", url: "/api/tasks?kind=task", headers: leader })).json() as TaskList
    ).tasks;
    const task = tasks[0];
    if (!task) throw new Error("no task");
    // "anh\u202Egnp.exe" shows as "anhexe.png" in a right-to-left-aware list: a disguised program.
    const body = multipart({ reportedOn: todayInVietnam(), text: "Ảnh hiện trường", status: task.status }, [
      { field: "files", filename: "anh\u202Egnp.exe\u200B\u2066.png", bytes: TINY_PNG, type: "image/png" },
    ]);
    const r = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task.id}/updates`,
      headers: { ...leader, ...body.headers },
      payload: body.payload,
    });
    expect(r.statusCode, r.body).toBe(200);
    const files = (r.json() as TaskDetail).updates[0]?.files ?? [];
    expect(files.map((f) => f.filename)).toEqual(["anhgnp.exe.png"]);
  });
});
