import { isMainThread, parentPort, workerData } from "node:worker_threads";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parse } from "csv-parse/sync";
import type { WorkerReply } from "./workers.js";

/**
 * Worker thread: reads the first sheet of an XLSX file, or a CSV file, into a matrix of cell
 * values. Runs off the request thread (see `workers.ts`); refuses a sheet beyond the limits
 * before walking it, and reads only the cells that hold values, never the implied empty ones.
 */

export type Cell = string | number | null;
export type SheetLimits = { maxRows: number; maxColumns: number; maxUnzippedBytes: number };
export type ReadRequest = { bytes: Uint8Array; limits: SheetLimits };

const groupDigits = (n: number) => n.toLocaleString("vi-VN");

/** "A" for 1, "XFD" for 16384. */
function columnName(index: number): string {
  let name = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

class Refusal extends Error {}

function checkExtent(rows: number, columns: number, limits: SheetLimits, where: string): void {
  if (rows > limits.maxRows)
    throw new Refusal(
      `${where} tới dòng ${groupDigits(rows)}, vượt quá giới hạn ${groupDigits(limits.maxRows)} dòng. ` +
        "Hãy xóa các ô thừa ở cuối trang tính hoặc chia nhỏ tệp.",
    );
  if (columns > limits.maxColumns)
    throw new Refusal(
      `${where} tới cột ${columnName(columns)} (cột thứ ${groupDigits(columns)}), vượt quá giới hạn ` +
        `${limits.maxColumns} cột. Hãy xóa các ô thừa bên phải trang tính.`,
    );
}

/** Path of the workbook's first sheet inside the zip, as workbook.xml and its relationships name it. */
async function firstSheetPath(zip: JSZip): Promise<string | undefined> {
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  const relId = workbook ? /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1] : undefined;
  if (!rels || !relId) return undefined;
  const relationship = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`Id="${relId}"`));
  const target = relationship ? /Target="([^"]+)"/.exec(relationship)?.[1] : undefined;
  if (!target) return undefined;
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The start of a zip entry, inflated only as far as `maxChars` (the dimension sits before the data). */
function headOf(file: JSZip.JSZipObject, maxChars: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let head = "";
    const stream = file.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      head += chunk.toString("utf8");
      if (head.length >= maxChars || head.includes("<sheetData")) {
        stream.pause();
        resolve(head);
      }
    });
    stream.on("end", () => resolve(head));
    stream.on("error", reject);
  });
}

/**
 * Checks what the file declares before ExcelJS reads it: the inflated size of its parts (a few
 * kilobytes can unzip to gigabytes) and the first sheet's declared extent (<dimension ref>).
 */
async function precheckXlsx(bytes: Uint8Array, limits: SheetLimits): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  let unzipped = 0;
  zip.forEach((_path, file) => {
    unzipped += (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (unzipped > limits.maxUnzippedBytes)
    throw new Refusal(
      `Tệp XLSX khi giải nén lớn hơn ${groupDigits(Math.round(limits.maxUnzippedBytes / 1048576))} MB, vượt quá giới hạn. ` +
        "Hãy dùng đúng tệp mẫu hoặc chia nhỏ tệp.",
    );
  const sheetPath = await firstSheetPath(zip);
  const sheet = sheetPath ? zip.file(sheetPath) : null;
  if (!sheet) return;
  const ref = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]+)"/.exec(await headOf(sheet, 64_000))?.[1];
  const last = ref?.split(":").at(-1);
  const match = last ? /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(last) : null;
  if (match?.[1] && match[2])
    checkExtent(Number(match[2]), columnIndex(match[1]), limits, `Trang tính khai báo vùng dữ liệu ${ref}, kéo dài`);
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object" && "result" in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if (typeof value === "object" && "richText" in value)
    return (
      value.richText
        .map((t) => t.text)
        .join("")
        .trim() || null
    );
  if (typeof value === "object" && "text" in value) return String(value.text).trim() || null;
  if (typeof value === "object" && "error" in value) return null;
  return null;
}

async function readXlsx(bytes: Uint8Array, limits: SheetLimits): Promise<Cell[][]> {
  await precheckXlsx(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const matrix: Cell[][] = [];
  // Only rows and cells that exist (sparse arrays skip the holes): never the implied empty ones.
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = cellValue(cell.value);
      if (value === null) return;
      checkExtent(rowNumber, column, limits, "Tệp có dữ liệu");
      values[column - 1] = value;
    });
    if (values.length) matrix[rowNumber - 1] = Array.from(values, (v) => v ?? null);
  });
  return Array.from(matrix, (r) => r ?? []);
}

/** A CSV cell our export guarded with an apostrophe (see writeCsv) gets its real value back. */
function unguard(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function readCsv(bytes: Uint8Array, limits: SheetLimits): Cell[][] {
  const text = Buffer.from(bytes)
    .toString("utf8")
    .replace(/^\ufeff/, "");
  const records = parse(text, {
    relaxColumnCount: true,
    skipEmptyLines: false,
    to: limits.maxRows + 1,
    maxRecordSize: 1_000_000,
  }) as string[][];
  if (records.length > limits.maxRows) checkExtent(records.length, 0, limits, "Tệp có dữ liệu");
  records.forEach((record, i) => checkExtent(i + 1, record.length, limits, "Tệp có dữ liệu"));
  return records.map((r) => r.map((v) => unguard(v.trim()) || null));
}

export async function readMatrix({ bytes, limits }: ReadRequest): Promise<Cell[][]> {
  const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": a zip file
  return isXlsx ? readXlsx(bytes, limits) : readCsv(bytes, limits);
}

async function reply(): Promise<WorkerReply<Cell[][]>> {
  try {
    return { ok: true, result: await readMatrix(workerData as ReadRequest) };
  } catch (error) {
    return {
      ok: false,
      message:
        error instanceof Refusal
          ? error.message
          : "Không đọc được tệp. Hãy dùng đúng tệp mẫu XLSX (hoặc CSV) tải từ hệ thống.",
    };
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void reply().then((message) => port.postMessage(message));
}
