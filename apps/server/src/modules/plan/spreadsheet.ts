import { eq, sql } from "drizzle-orm";
import {
  formatDateVi,
  isSaneIsoDate,
  MAX_YEAR,
  MIN_YEAR,
  parseDateVi,
  recurrenceSchema,
  taskOutputSchema,
  taskTitleSchema,
  taskWeightSchema,
  type ImportResult,
  type ImportRowError,
  type Recurrence,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { readTable, rowReader, writeCsv, writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { listUnits } from "../identity/service.js";
import type { FileStore } from "../files/store.js";
import { listTaskStatuses } from "./statuses.js";
import { allTaskRows, loadTaskContext, taskSearchText, writeTaskUpdate, type TaskRow } from "./service.js";
import { taskCoordinators, tasks } from "./tables.js";

/** Columns of the task sheet: export writes them, import reads them back (Decidim's "same format both ways"). */
const COLUMNS: Column[] = [
  { header: "Mã", key: "code", width: 14 },
  { header: "Mục", key: "ref", width: 14 },
  { header: "Loại", key: "kind", width: 10 },
  { header: "Tên nhiệm vụ", key: "title", width: 50 },
  { header: "Nội dung", key: "text", width: 60 },
  { header: "Đơn vị chủ trì", key: "owner", width: 16, note: "Mã đơn vị" },
  { header: "Đơn vị phối hợp", key: "coordinators", width: 24, note: "Mã đơn vị, cách nhau bởi dấu phẩy" },
  {
    header: "Tần suất",
    key: "recurrence",
    width: 12,
    note: "none, continuous, monthly, quarterly, semiannual, yearly",
  },
  { header: "Hạn hoàn thành", key: "deadline", width: 14, note: "dd/mm/yyyy" },
  { header: "Sản phẩm đầu ra", key: "output", width: 40 },
  { header: "Trạng thái", key: "status", width: 14, note: "Mã trạng thái" },
  { header: "Tiến độ (%)", key: "progress", width: 10 },
  { header: "Trọng số", key: "weight", width: 10 },
];

export async function exportTasks(db: Db, actor: Actor, format: "xlsx" | "csv") {
  const ctx = await loadTaskContext(db, actor.wardId);
  const rows = await allTaskRows(db, actor.wardId);
  const data: Record<string, Cell>[] = rows.map((r) => ({
    code: r.code,
    ref: r.ref,
    kind: r.kind,
    title: r.title,
    text: r.text,
    owner: ctx.units.get(r.ownerUnitId)?.code ?? "",
    coordinators: (ctx.coordinators.get(r.id) ?? []).map((id) => ctx.units.get(id)?.code ?? "").join(", "),
    recurrence: r.recurrence,
    deadline: r.deadline ? formatDateVi(r.deadline) : null,
    output: r.output,
    status: r.status,
    progress: r.progress,
    weight: r.weight,
  }));
  const notes = [
    "Danh sách nhiệm vụ của kế hoạch. Sửa các cột rồi tải lên lại để cập nhật hàng loạt; cột Mã xác định nhiệm vụ.",
    "Các cột Mục, Loại, Nội dung chỉ để tham khảo và không được cập nhật từ tệp.",
  ];
  return format === "xlsx"
    ? { filename: "nhiem-vu.xlsx", bytes: await writeXlsx("Nhiem vu", COLUMNS, data, notes), mimeType: XLSX_MIME }
    : { filename: "nhiem-vu.csv", bytes: writeCsv(COLUMNS, data), mimeType: "text/csv; charset=utf-8" };
}

type Planned = {
  row: TaskRow;
  changes: Partial<TaskRow>;
  coordinatorIds: string[] | null;
  status: string | null;
  progress: number | null;
};

/**
 * Bulk update of tasks from the exported sheet (leaders and the Office): owner, coordinators,
 * recurrence, deadline, output, title, weight, and status/progress (written as a progress update).
 */
export async function importTasks(
  db: Db,
  store: FileStore,
  actor: Actor,
  bytes: Buffer,
  mode: "all_or_nothing" | "valid_rows",
): Promise<ImportResult> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được cập nhật nhiệm vụ hàng loạt.");
  const table = await readTable(bytes, COLUMNS);
  const ctx = await loadTaskContext(db, actor.wardId);
  const byCode = new Map((await allTaskRows(db, actor.wardId)).map((r) => [r.code, r]));
  const unitsByCode = new Map((await listUnits(db, actor.wardId)).map((u) => [u.code, u.id]));
  const statuses = new Map((await listTaskStatuses(db, actor.wardId)).map((s) => [s.code, s]));
  const errors: ImportRowError[] = [];
  const planned: Planned[] = [];
  for (const line of table) {
    const { errors: rowErrors, text, number, fail } = rowReader(line, COLUMNS);
    const row = byCode.get(text("code"));
    if (!row) {
      fail("code", `Không có nhiệm vụ mã "${text("code")}".`);
      errors.push(...rowErrors);
      continue;
    }
    const changes: Partial<TaskRow> = {};
    // The same field rules as the edit form (editTaskSchema).
    for (const [key, schema] of [
      ["title", taskTitleSchema],
      ["output", taskOutputSchema],
    ] as const) {
      if (!text(key)) continue;
      const parsed = schema.safeParse(text(key));
      if (parsed.success) changes[key] = parsed.data;
      else fail(key, parsed.error.issues[0]?.message ?? "Không hợp lệ");
    }
    const owner = unitsByCode.get(text("owner"));
    if (!owner) fail("owner", `Không có đơn vị mã "${text("owner")}".`);
    else changes.ownerUnitId = owner;
    const coordinatorCodes = text("coordinators")
      .split(/[,;]/)
      .map((c) => c.trim())
      .filter(Boolean);
    const unknown = coordinatorCodes.filter((c) => !unitsByCode.has(c));
    if (unknown.length) fail("coordinators", `Không có đơn vị mã ${unknown.map((c) => `"${c}"`).join(", ")}.`);
    const recurrence = recurrenceSchema.safeParse(text("recurrence"));
    if (!recurrence.success) fail("recurrence", `Tần suất "${text("recurrence")}" không hợp lệ.`);
    else changes.recurrence = recurrence.data as Recurrence;
    if (text("deadline")) {
      const deadline = parseDateVi(text("deadline"));
      if (!deadline || !isSaneIsoDate(deadline))
        fail("deadline", `"${text("deadline")}" không phải ngày hợp lệ (dd/mm/yyyy, năm ${MIN_YEAR}–${MAX_YEAR}).`);
      else changes.deadline = deadline;
    } else changes.deadline = null;
    const weight = number("weight");
    if (weight !== undefined) {
      if (taskWeightSchema.safeParse(weight).success) changes.weight = weight;
      else fail("weight", "Trọng số phải là số dương, không quá 100.");
    }
    const status = text("status") || row.status;
    if (!statuses.has(status)) fail("status", `Trạng thái "${status}" không hợp lệ.`);
    const progress = number("progress");
    if (progress !== undefined && (progress < 0 || progress > 100 || !Number.isInteger(progress)))
      fail("progress", "Tiến độ phải là số nguyên từ 0 đến 100.");
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const progressValue = typeof progress === "number" ? progress : row.progress;
    const progressChanged = row.kind !== "group" && (status !== row.status || progressValue !== row.progress);
    planned.push({
      row,
      changes,
      coordinatorIds: coordinatorCodes.flatMap((c) => unitsByCode.get(c) ?? []),
      status: progressChanged ? status : null,
      progress: progressChanged ? progressValue : null,
    });
  }
  const shouldSave = planned.length > 0 && (errors.length === 0 || mode === "valid_rows");
  if (shouldSave) {
    await db.transaction(async (tx) => {
      for (const p of planned) {
        const before = { ...p.row, coordinatorIds: [...(ctx.coordinators.get(p.row.id) ?? [])].sort() };
        const afterFields = {
          ...p.changes,
          coordinatorIds: [...new Set(p.coordinatorIds)].filter((id) => id !== p.changes.ownerUnitId).sort(),
        };
        const diff = changedFields(
          before as unknown as Record<string, unknown>,
          afterFields as Record<string, unknown>,
        );
        let row = p.row;
        if (Object.keys(diff.after).length) {
          const { coordinatorIds, ...fields } = afterFields;
          const searchText = taskSearchText({ ...row, ...fields });
          await tx
            .update(tasks)
            .set({ ...fields, searchText, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
            .where(eq(tasks.id, row.id));
          await tx.delete(taskCoordinators).where(eq(taskCoordinators.taskId, row.id));
          if (coordinatorIds.length)
            await tx
              .insert(taskCoordinators)
              .values(coordinatorIds.map((unitId) => ({ wardId: actor.wardId, taskId: row.id, unitId })));
          await recordAudit(tx, actor, {
            action: "task.import",
            entityType: "task",
            entityId: row.id,
            before: diff.before,
            after: diff.after,
          });
          row = { ...row, ...fields, version: row.version + 1 };
        }
        const status = p.status ? statuses.get(p.status) : undefined;
        if (status && p.progress !== null) {
          await writeTaskUpdate(
            tx,
            store,
            actor,
            row,
            status,
            { reportedOn: todayInVietnam(), text: "Cập nhật hàng loạt từ tệp", progress: p.progress },
            [],
            statuses,
          );
        }
      }
    });
  }
  return {
    saved: shouldSave,
    totalRows: table.length,
    validRows: planned.length,
    savedRows: shouldSave ? planned.length : 0,
    errors,
  };
}
