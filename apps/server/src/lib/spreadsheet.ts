import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { isSaneQuantity, MAX_QUANTITY, textProblem } from "@phuong-xanh/shared";
import { AppError } from "./errors.js";
import type { Cell, SheetLimits } from "./spreadsheet-reader.js";
import { runInWorker, WorkerFailure } from "./workers.js";

export type { Cell } from "./spreadsheet-reader.js";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type Column = { header: string; key: string; width?: number; note?: string };
export type TableRow = { rowNumber: number; cells: Map<string, Cell> };

/**
 * An XLSX workbook with one table sheet (header row frozen, bold) and an optional notes sheet
 * (named `notesSheet`). `modified` dates the file's properties by its data rather than by the
 * moment it was written.
 */
export async function writeXlsx(
  sheetName: string,
  columns: Column[],
  rows: Record<string, Cell>[],
  notes: string[] = [],
  options: { notesSheet?: string; modified?: Date } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Phường Xanh";
  if (options.modified) {
    workbook.created = options.modified;
    workbook.modified = options.modified;
  }
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.note) sheet.getCell(1, i + 1).note = c.note;
  });
  for (const row of rows) sheet.addRow(row);
  if (notes.length) {
    const help = workbook.addWorksheet(options.notesSheet ?? "Hướng dẫn");
    help.getColumn(1).width = 120;
    notes.forEach((line) => help.addRow([line]));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at its
 * start; OWASP "CSV injection") gets an apostrophe in front. Numbers stay numbers, so -5 is
 * still -5; the import takes the apostrophe off again (see spreadsheet-reader.ts), so our own
 * export round-trips. A text already starting with apostrophes before such a character gets one
 * more, so that round trip stays exact too.
 */
export function neutraliseFormula(cell: Cell): Cell {
  return typeof cell === "string" && /^'*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** CSV with a UTF-8 BOM, so Excel opens Vietnamese text correctly; formula-like text neutralised. */
export function writeCsv(columns: Column[], rows: Record<string, Cell>[]): Buffer {
  const text = stringify([
    columns.map((c) => c.header),
    ...rows.map((r) => columns.map((c) => neutraliseFormula(r[c.key] ?? ""))),
  ]);
  return Buffer.from(`\ufeff${text}`, "utf8");
}

/**
 * Limits of an import file. A template has one row per task or per residential group and about
 * a dozen columns: 10,000 rows and 100 columns leave room for any ward and refuse a sheet whose
 * content (or declared extent) runs to XFD1048576.
 */
export const SHEET_LIMITS: SheetLimits = { maxRows: 10_000, maxColumns: 100, maxUnzippedBytes: 200 * 1048576 };
/** Reading a template takes well under a second; a file that takes this long is refused. */
export const READ_TIME_LIMIT_MS = 15_000;
const READ_MEMORY_MB = 512;

const IMPORT_HINT = "Hãy dùng đúng tệp mẫu XLSX (hoặc CSV) tải từ hệ thống.";

/** The cells of the first sheet (or of a CSV file), read in a worker thread within the limits. */
async function readMatrixOffThread(bytes: Buffer, timeLimitMs: number): Promise<Cell[][]> {
  try {
    return await runInWorker<Cell[][]>(
      new URL("./spreadsheet-reader.js", import.meta.url),
      { bytes: new Uint8Array(bytes), limits: SHEET_LIMITS },
      { timeLimitMs, maxMemoryMb: READ_MEMORY_MB },
    );
  } catch (error) {
    if (!(error instanceof WorkerFailure)) throw error;
    const message =
      error.reason === "refused"
        ? error.message
        : error.reason === "time_limit"
          ? `Đọc tệp quá ${Math.max(1, Math.ceil(timeLimitMs / 1000))} giây nên đã dừng. ${IMPORT_HINT} Xóa các ô thừa hoặc chia nhỏ tệp nếu tệp rất lớn.`
          : error.reason === "memory"
            ? `Tệp quá lớn để đọc. ${IMPORT_HINT}`
            : `Không đọc được tệp. ${IMPORT_HINT}`;
    throw new AppError("IMPORT_INVALID", message, 400);
  }
}

/**
 * Reads the first sheet of an XLSX file, or a CSV file, as rows keyed by the header's column
 * keys. Rows that are entirely empty are left out. Unknown headers are ignored.
 */
export async function readTable(
  bytes: Buffer,
  columns: Column[],
  options: { timeLimitMs?: number } = {},
): Promise<TableRow[]> {
  const byHeader = new Map(columns.map((c) => [normaliseHeader(c.header), c.key]));
  const matrix = await readMatrixOffThread(bytes, options.timeLimitMs ?? READ_TIME_LIMIT_MS);
  const [header, ...body] = matrix;
  if (!header) throw new AppError("IMPORT_INVALID", "Tệp không có dòng tiêu đề.", 400);
  const keys = header.map((h) => byHeader.get(normaliseHeader(String(h ?? ""))));
  const missing = columns.filter((c) => !keys.includes(c.key));
  if (missing.length)
    throw new AppError(
      "IMPORT_INVALID",
      `Tệp thiếu cột: ${missing.map((c) => `"${c.header}"`).join(", ")}. Hãy dùng đúng tệp mẫu.`,
      400,
    );
  const rows: TableRow[] = [];
  body.forEach((values, i) => {
    const cells = new Map<string, Cell>();
    keys.forEach((key, col) => {
      if (key) cells.set(key, values[col] ?? null);
    });
    if ([...cells.values()].some((v) => v !== null && v !== "")) rows.push({ rowNumber: i + 2, cells });
  });
  return rows;
}

function normaliseHeader(header: string): string {
  return header.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * A number from a cell, accepting Vietnamese decimal commas ("12,5") and thousands dots
 * ("1.234"); "out_of_range" beyond ±MAX_QUANTITY, as the API refuses it.
 */
export function parseNumber(cell: Cell): number | undefined | "invalid" | "out_of_range" {
  if (cell === null || cell === "") return undefined;
  const value =
    typeof cell === "number"
      ? cell
      : (() => {
          const text = cell.replace(/\s/g, "");
          const normalised = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)
            ? text.replace(/\./g, "").replace(",", ".")
            : text.replace(",", ".");
          return normalised === "" ? Number.NaN : Number(normalised);
        })();
  if (Number.isNaN(value)) return "invalid";
  return isSaneQuantity(value) ? value : "out_of_range";
}

/** Longest text a cell may hold: the longest field of any import (a task's output) is 2,000. */
const MAX_CELL_CHARS = 10_000;

/**
 * A row's reader for an import: the text and numbers of its cells, and a collector of errors by
 * row and column header. Every cell goes through the API's text rule first (no control
 * characters, no broken Unicode, bounded length): a bad cell is reported and reads as empty.
 */
export function rowReader(row: TableRow, columns: Column[]) {
  const errors: { row: number; column: string; message: string }[] = [];
  const header = (key: string) => columns.find((c) => c.key === key)?.header ?? key;
  const fail = (key: string, message: string) => {
    errors.push({ row: row.rowNumber, column: header(key), message });
  };
  const cells = new Map<string, Cell>();
  for (const [key, value] of row.cells) {
    const problem =
      typeof value !== "string"
        ? null
        : value.length > MAX_CELL_CHARS
          ? `Ô dài quá ${MAX_CELL_CHARS.toLocaleString("vi-VN")} ký tự.`
          : textProblem(value, true);
    if (problem) fail(key, problem);
    cells.set(key, problem ? null : value);
  }
  const text = (key: string): string => {
    const v = cells.get(key);
    return v === null || v === undefined ? "" : String(v).trim();
  };
  return {
    errors,
    text,
    cell: (key: string): Cell => cells.get(key) ?? null,
    /** The cell as a number; undefined when empty, or (with an error recorded) when it is none or too large. */
    number(key: string): number | undefined {
      const n = parseNumber(cells.get(key) ?? null);
      if (n === "invalid") fail(key, `"${text(key)}" không phải là số.`);
      else if (n === "out_of_range")
        fail(key, `Giá trị "${text(key)}" quá lớn (vượt quá ±${MAX_QUANTITY.toLocaleString("vi-VN")}).`);
      else return n;
      return undefined;
    },
    fail,
  };
}
