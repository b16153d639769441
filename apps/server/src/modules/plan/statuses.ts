import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { SaveTaskStatuses, TaskStatus } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { forbidden, invalid } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { taskStatuses, taskUpdates, tasks } from "./tables.js";

/** The status set a new ward starts with; the Office can change it. */
export const DEFAULT_TASK_STATUSES: TaskStatus[] = [
  {
    code: "not_started",
    labelVi: "Chưa triển khai",
    labelEn: "Not started",
    defaultProgress: 0,
    isClosed: false,
    excludeFromRollup: false,
    position: 0,
  },
  {
    code: "in_progress",
    labelVi: "Đang thực hiện",
    labelEn: "In progress",
    defaultProgress: null,
    isClosed: false,
    excludeFromRollup: false,
    position: 1,
  },
  {
    code: "ongoing",
    labelVi: "Đang duy trì thường xuyên",
    labelEn: "Ongoing",
    defaultProgress: null,
    isClosed: false,
    excludeFromRollup: false,
    position: 2,
  },
  {
    code: "paused",
    labelVi: "Tạm dừng",
    labelEn: "Paused",
    defaultProgress: null,
    isClosed: false,
    excludeFromRollup: false,
    position: 3,
  },
  {
    code: "completed",
    labelVi: "Hoàn thành",
    labelEn: "Completed",
    defaultProgress: 100,
    isClosed: true,
    excludeFromRollup: false,
    position: 4,
  },
  {
    code: "cancelled",
    labelVi: "Hủy bỏ",
    labelEn: "Cancelled",
    defaultProgress: null,
    isClosed: true,
    excludeFromRollup: true,
    position: 5,
  },
];

export async function listTaskStatuses(db: Db, wardId: string): Promise<TaskStatus[]> {
  const rows = await db
    .select()
    .from(taskStatuses)
    .where(eq(taskStatuses.wardId, wardId))
    .orderBy(asc(taskStatuses.position));
  return rows.map(({ wardId: _ward, ...status }) => status);
}

export async function createDefaultStatuses(tx: Db, wardId: string): Promise<void> {
  await tx.insert(taskStatuses).values(DEFAULT_TASK_STATUSES.map((s) => ({ ...s, wardId })));
}

/**
 * Replaces a ward's status set. A status still used by a task or an update cannot be removed
 * (its history would lose its meaning); at least one status must be closed.
 */
export async function saveTaskStatuses(db: Db, actor: Actor, input: SaveTaskStatuses): Promise<TaskStatus[]> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được cấu hình trạng thái nhiệm vụ.");
  const codes = input.statuses.map((s) => s.code);
  if (new Set(codes).size !== codes.length)
    throw invalid("Mã trạng thái bị trùng.", [{ path: "statuses", message: "Mã trùng" }]);
  if (!input.statuses.some((s) => s.isClosed))
    throw invalid("Cần ít nhất một trạng thái kết thúc (ví dụ: Hoàn thành).", [
      { path: "statuses", message: "Thiếu trạng thái kết thúc" },
    ]);
  return db.transaction(async (tx) => {
    const before = await listTaskStatuses(tx, actor.wardId);
    const removed = before.map((s) => s.code).filter((code) => !codes.includes(code));
    if (removed.length) {
      const [inTasks] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(tasks)
        .where(and(eq(tasks.wardId, actor.wardId), inArray(tasks.status, removed)));
      const [inUpdates] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(taskUpdates)
        .where(and(eq(taskUpdates.wardId, actor.wardId), inArray(taskUpdates.status, removed)));
      if (Number(inTasks?.n) + Number(inUpdates?.n) > 0) {
        throw invalid(`Không thể xóa trạng thái đang được sử dụng: ${removed.join(", ")}.`, [
          { path: "statuses", message: "Trạng thái đang dùng" },
        ]);
      }
    }
    await tx.delete(taskStatuses).where(eq(taskStatuses.wardId, actor.wardId));
    await tx
      .insert(taskStatuses)
      .values(input.statuses.map((s, position) => ({ ...s, position, wardId: actor.wardId })));
    const after = await listTaskStatuses(tx, actor.wardId);
    await recordAudit(tx, actor, {
      action: "task_status.save",
      entityType: "task_status",
      entityId: actor.wardId,
      before,
      after,
    });
    return after;
  });
}
