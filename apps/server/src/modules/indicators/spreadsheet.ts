import { and, asc, eq } from "drizzle-orm";
import {
  isPeriodKey,
  periodLabel,
  recordMeasurementSchema,
  type Frequency,
  type ImportResult,
  type ImportRowError,
  type RecordMeasurement,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { forbidden, invalid } from "../../lib/errors.js";
import { readTable, rowReader, writeCsv, writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { can } from "../identity/policy.js";
import { listUnits } from "../identity/service.js";
import { checkMeasurement, indicatorRow, refuseTypedFigures, saveMeasurement, type IndicatorRow } from "./service.js";
import { measurements } from "./tables.js";

/** The sheet column of a field of RecordMeasurement. */
function columnOf(field: string): string {
  return field === "residentialGroupId" ? "group" : field;
}

/** Ward-level rows carry this in the group column instead of a residential group's code. */
export const WARD_LEVEL_CODE = "toan-phuong";

function columnsFor(indicator: IndicatorRow): Column[] {
  const valueColumns: Column[] =
    indicator.aggregation === "ratio_of_sums"
      ? [
          { header: indicator.numeratorLabel ?? "Tử số", key: "numerator", width: 24 },
          { header: indicator.denominatorLabel ?? "Mẫu số", key: "denominator", width: 24 },
        ]
      : [{ header: `Giá trị (${indicator.unitOfMeasure})`, key: "value", width: 18 }];
  return [
    { header: "Mã chỉ tiêu", key: "indicator", width: 28 },
    { header: "Kỳ", key: "period", width: 10, note: "Năm: 2026; 6 tháng: 2026-H1; quý: 2026-Q2; tháng: 2026-05" },
    {
      header: "Mã tổ dân phố",
      key: "group",
      width: 16,
      note: `Mã tổ dân phố, hoặc "${WARD_LEVEL_CODE}" cho số liệu toàn phường`,
    },
    { header: "Tổ dân phố", key: "groupName", width: 22 },
    ...valueColumns,
    { header: "Nguồn số liệu", key: "source", width: 30 },
    { header: "Ghi chú", key: "note", width: 30 },
  ];
}

async function groupsOf(db: Db, wardId: string) {
  return (await listUnits(db, wardId)).filter((u) => u.kind === "residential_group");
}

type Sheet = { filename: string; bytes: Buffer; mimeType: string };

/** Mẫu nhập số liệu: one row per residential group (or one for the ward), filled with what is already saved. */
export async function measurementTemplate(db: Db, actor: Actor, indicatorId: string, period: string): Promise<Sheet> {
  const indicator = await indicatorRow(db, actor.wardId, indicatorId);
  if (!isPeriodKey(indicator.frequency as Frequency, period))
    throw invalid(`Kỳ "${period}" không đúng tần suất của chỉ tiêu.`, [{ path: "period", message: "Kỳ không hợp lệ" }]);
  const existing = await db
    .select()
    .from(measurements)
    .where(
      and(
        eq(measurements.wardId, actor.wardId),
        eq(measurements.indicatorId, indicator.id),
        eq(measurements.period, period),
      ),
    );
  const byGroup = new Map(existing.map((m) => [m.residentialGroupId ?? WARD_LEVEL_CODE, m]));
  const targets = indicator.perResidentialGroup
    ? (await groupsOf(db, actor.wardId)).filter((g) => g.active).map((g) => ({ id: g.id, code: g.code, name: g.name }))
    : [{ id: WARD_LEVEL_CODE, code: WARD_LEVEL_CODE, name: "Toàn phường" }];
  const rows = targets.map((t) => {
    const m = byGroup.get(t.id);
    return {
      indicator: indicator.code,
      period,
      group: t.code,
      groupName: t.name,
      value: m?.value ?? null,
      numerator: m?.numerator ?? null,
      denominator: m?.denominator ?? null,
      source: m?.source ?? null,
      note: m?.note ?? null,
    };
  });
  const notes = [
    `Chỉ tiêu: ${indicator.name} (${indicator.ref})`,
    `Kỳ: ${periodLabel(period)} (${period})`,
    indicator.aggregation === "ratio_of_sums"
      ? `Nhập "${indicator.numeratorLabel}" và "${indicator.denominatorLabel}" cho từng tổ dân phố; hệ thống tính tỷ lệ toàn phường.`
      : `Nhập giá trị (${indicator.unitOfMeasure}).`,
    ...(indicator.valueKind === "count" && indicator.aggregation !== "ratio_of_sums"
      ? [`Chỉ tiêu đếm số ${indicator.unitOfMeasure}: chỉ nhập số nguyên.`]
      : []),
    ...(indicator.partsKind === "count" ? ["Tử số và mẫu số là số đếm: chỉ nhập số nguyên."] : []),
    'Cột "Nguồn số liệu" là bắt buộc. Dòng để trống giá trị sẽ được bỏ qua.',
    "Không đổi tên các cột. Có thể tải lên tệp XLSX này hoặc tệp CSV cùng định dạng.",
  ];
  return {
    filename: `mau-so-lieu-${indicator.code}-${period}.xlsx`,
    bytes: await writeXlsx("So lieu", columnsFor(indicator), rows, notes),
    mimeType: XLSX_MIME,
  };
}

/** Every measurement of an indicator, in the same columns the import reads. */
export async function exportMeasurements(
  db: Db,
  actor: Actor,
  indicatorId: string,
  format: "xlsx" | "csv",
): Promise<Sheet> {
  const indicator = await indicatorRow(db, actor.wardId, indicatorId);
  const groups = new Map((await groupsOf(db, actor.wardId)).map((g) => [g.id, g]));
  const rows = await db
    .select()
    .from(measurements)
    .where(and(eq(measurements.wardId, actor.wardId), eq(measurements.indicatorId, indicator.id)))
    .orderBy(asc(measurements.periodEnd));
  const data: Record<string, Cell>[] = rows.map((m) => {
    const group = m.residentialGroupId ? groups.get(m.residentialGroupId) : undefined;
    return {
      indicator: indicator.code,
      period: m.period,
      group: group?.code ?? WARD_LEVEL_CODE,
      groupName: group?.name ?? "Toàn phường",
      value: m.value,
      numerator: m.numerator,
      denominator: m.denominator,
      source: m.source,
      note: m.note,
    };
  });
  const columns = columnsFor(indicator);
  return format === "xlsx"
    ? {
        filename: `so-lieu-${indicator.code}.xlsx`,
        bytes: await writeXlsx("So lieu", columns, data),
        mimeType: XLSX_MIME,
      }
    : {
        filename: `so-lieu-${indicator.code}.csv`,
        bytes: writeCsv(columns, data),
        mimeType: "text/csv; charset=utf-8",
      };
}

/**
 * Imports a filled template. Every row is validated and every problem reported by row and
 * column; nothing is saved from a file with errors unless `mode` is "valid_rows". All saved
 * rows commit together.
 */
export async function importMeasurements(
  db: Db,
  actor: Actor,
  indicatorId: string,
  bytes: Buffer,
  mode: "all_or_nothing" | "valid_rows",
): Promise<ImportResult> {
  const indicator = await indicatorRow(db, actor.wardId, indicatorId);
  if (!can.reportFor(actor, indicator.ownerUnitId))
    throw forbidden("Chỉ đơn vị được giao chỉ tiêu, lãnh đạo hoặc Văn phòng được nhập số liệu.");
  refuseTypedFigures(indicator);
  const columns = columnsFor(indicator);
  const rows = await readTable(bytes, columns);
  const groups = new Map((await groupsOf(db, actor.wardId)).map((g) => [g.code, g]));
  const errors: ImportRowError[] = [];
  const valid: RecordMeasurement[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const { errors: rowErrors, text, number, fail } = rowReader(row, columns);
    const numbers: Record<string, number | undefined> = {};
    for (const key of ["value", "numerator", "denominator"]) {
      if (columns.some((c) => c.key === key)) numbers[key] = number(key);
    }
    const hasValue =
      indicator.aggregation === "ratio_of_sums"
        ? numbers.numerator !== undefined || numbers.denominator !== undefined
        : numbers.value !== undefined;
    if (!hasValue && rowErrors.length === 0) continue; // a group not yet filled in
    if (text("indicator") && text("indicator") !== indicator.code)
      fail("indicator", `Mã chỉ tiêu "${text("indicator")}" khác chỉ tiêu đang nhập (${indicator.code}).`);
    const groupCode = text("group") || WARD_LEVEL_CODE;
    const group = groups.get(groupCode);
    if (groupCode !== WARD_LEVEL_CODE && !group) fail("group", `Không có tổ dân phố mã "${groupCode}".`);
    if (
      indicator.aggregation === "ratio_of_sums" &&
      rowErrors.length === 0 &&
      (numbers.numerator === undefined || numbers.denominator === undefined)
    )
      fail(numbers.numerator === undefined ? "numerator" : "denominator", "Cần nhập cả tử số và mẫu số.");
    if (numbers.denominator !== undefined && numbers.denominator <= 0) fail("denominator", "Mẫu số phải lớn hơn 0.");
    if (!text("source")) fail("source", "Cần ghi nguồn số liệu.");
    const key = `${text("period")}|${groupCode}`;
    if (seen.has(key)) fail("group", "Dòng trùng kỳ và tổ dân phố với một dòng phía trên.");
    seen.add(key);
    const input: RecordMeasurement = {
      period: text("period"),
      residentialGroupId: group?.id ?? null,
      ...(numbers.value !== undefined ? { value: numbers.value } : {}),
      ...(numbers.numerator !== undefined ? { numerator: numbers.numerator } : {}),
      ...(numbers.denominator !== undefined && numbers.denominator > 0 ? { denominator: numbers.denominator } : {}),
      source: text("source"),
      ...(text("note") ? { note: text("note") } : {}),
    };
    // The API's own rules (text, period, bounds), then the indicator's.
    const parsed = recordMeasurementSchema.safeParse(input);
    if (rowErrors.length === 0 && !parsed.success) {
      for (const issue of parsed.error.issues) fail(columnOf(String(issue.path[0] ?? "value")), issue.message);
    }
    if (rowErrors.length === 0) {
      for (const p of await checkMeasurement(db, actor.wardId, indicator, input)) fail(columnOf(p.path), p.message);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else valid.push(input);
  }
  const filledRows = valid.length + new Set(errors.map((e) => e.row)).size;
  const shouldSave = valid.length > 0 && (errors.length === 0 || mode === "valid_rows");
  if (shouldSave) {
    await db.transaction(async (tx) => {
      for (const input of valid) await saveMeasurement(tx, actor, indicator, input);
    });
  }
  return {
    saved: shouldSave,
    totalRows: filledRows,
    validRows: valid.length,
    savedRows: shouldSave ? valid.length : 0,
    errors,
  };
}
