import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { AppError } from "./errors.js";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type Column = { header: string; key: string; width?: number; note?: string };
export type Cell = string | number | null;
export type TableRow = { rowNumber: number; cells: Map<string, Cell> };

/** An XLSX workbook with one table sheet (header row frozen, bold) and an optional notes sheet. */
export async function writeXlsx(
  sheetName: string,
  columns: Column[],
  rows: Record<string, Cell>[],
  notes: string[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Phường Xanh";
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
    const help = workbook.addWorksheet("Hướng dẫn");
    help.getColumn(1).width = 120;
    notes.forEach((line) => help.addRow([line]));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV with a UTF-8 BOM, so Excel opens Vietnamese text correctly. */
export function writeCsv(columns: Column[], rows: Record<string, Cell>[]): Buffer {
  const text = stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => r[c.key] ?? ""))]);
  return Buffer.from(`\ufeff${text}`, "utf8");
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string")
    return typeof value === "string" ? value.trim() || null : value;
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
  return String(value);
}

/**
 * Reads the first sheet of an XLSX file, or a CSV file, as rows keyed by the header's column
 * keys. Rows that are entirely empty are left out. Unknown headers are ignored.
 */
export async function readTable(bytes: Buffer, columns: Column[]): Promise<TableRow[]> {
  const byHeader = new Map(columns.map((c) => [normaliseHeader(c.header), c.key]));
  const isXlsx = bytes.subarray(0, 2).toString("latin1") === "PK";
  let matrix: Cell[][];
  try {
    matrix = isXlsx
      ? await readXlsxMatrix(bytes)
      : (
          parse(bytes.toString("utf8").replace(/^\ufeff/, ""), {
            relaxColumnCount: true,
            skipEmptyLines: false,
          }) as string[][]
        ).map((r) => r.map((v) => v.trim() || null));
  } catch {
    throw new AppError(
      "IMPORT_INVALID",
      "Không đọc được tệp. Hãy dùng đúng tệp mẫu XLSX (hoặc CSV) tải từ hệ thống.",
      400,
    );
  }
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

async function readXlsxMatrix(bytes: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const matrix: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(cellValue(row.getCell(c).value));
    matrix[rowNumber - 1] = values;
  });
  return Array.from(matrix, (r) => r ?? []);
}

function normaliseHeader(header: string): string {
  return header.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

/** A number from a cell, accepting Vietnamese decimal commas ("12,5") and thousands dots ("1.234"). */
export function parseNumber(cell: Cell): number | undefined | "invalid" {
  if (cell === null || cell === "") return undefined;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "invalid";
  const text = cell.replace(/\s/g, "");
  const normalised = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)
    ? text.replace(/\./g, "").replace(",", ".")
    : text.replace(",", ".");
  const value = Number(normalised);
  return normalised !== "" && Number.isFinite(value) ? value : "invalid";
}

/** A row's reader for an import: text of a cell, and a collector of errors by row and column header. */
export function rowReader(row: TableRow, columns: Column[]) {
  const errors: { row: number; column: string; message: string }[] = [];
  const header = (key: string) => columns.find((c) => c.key === key)?.header ?? key;
  return {
    errors,
    text(key: string): string {
      const v = row.cells.get(key);
      return v === null || v === undefined ? "" : String(v).trim();
    },
    cell: (key: string): Cell => row.cells.get(key) ?? null,
    fail(key: string, message: string) {
      errors.push({ row: row.rowNumber, column: header(key), message });
    },
  };
}
