import { asc, eq } from "drizzle-orm";
import type { TaskStatus } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { taskStatuses } from "./tables.js";

/** The status set a new ward starts with; the Office can change it. */
export const DEFAULT_TASK_STATUSES: TaskStatus[] = [
  { code: "not_started", labelVi: "Chưa triển khai", labelEn: "Not started", defaultProgress: 0, isClosed: false, excludeFromRollup: false, position: 0 },
  { code: "in_progress", labelVi: "Đang thực hiện", labelEn: "In progress", defaultProgress: null, isClosed: false, excludeFromRollup: false, position: 1 },
  { code: "ongoing", labelVi: "Đang duy trì thường xuyên", labelEn: "Ongoing", defaultProgress: null, isClosed: false, excludeFromRollup: false, position: 2 },
  { code: "paused", labelVi: "Tạm dừng", labelEn: "Paused", defaultProgress: null, isClosed: false, excludeFromRollup: false, position: 3 },
  { code: "completed", labelVi: "Hoàn thành", labelEn: "Completed", defaultProgress: 100, isClosed: true, excludeFromRollup: false, position: 4 },
  { code: "cancelled", labelVi: "Hủy bỏ", labelEn: "Cancelled", defaultProgress: null, isClosed: true, excludeFromRollup: true, position: 5 },
];

export async function listTaskStatuses(db: Db, wardId: string): Promise<TaskStatus[]> {
  const rows = await db.select().from(taskStatuses).where(eq(taskStatuses.wardId, wardId)).orderBy(asc(taskStatuses.position));
  return rows.map(({ wardId: _ward, ...status }) => status);
}

export async function createDefaultStatuses(tx: Db, wardId: string): Promise<void> {
  await tx.insert(taskStatuses).values(DEFAULT_TASK_STATUSES.map((s) => ({ ...s, wardId })));
}
