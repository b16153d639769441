import { and, asc, eq } from "drizzle-orm";
import type { IndicatorTaskLinks, TaskIndicatorLinks } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { forbidden, invalid, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { isPublishableImage, setAttachmentPublic } from "../files/service.js";
import { can } from "../identity/policy.js";
import { indicatorRow, listIndicators } from "../indicators/service.js";
import { allTaskRows, loadTaskContext, publicTaskUpdates, summarizeTasks, taskRow } from "../plan/service.js";
import { taskIndicators } from "./tables.js";

/** Links of the ward: task id → indicator ids, in the order they were made. */
export async function taskIndicatorPairs(db: Db, wardId: string): Promise<{ taskId: string; indicatorId: string }[]> {
  return db
    .select({ taskId: taskIndicators.taskId, indicatorId: taskIndicators.indicatorId })
    .from(taskIndicators)
    .where(eq(taskIndicators.wardId, wardId))
    .orderBy(asc(taskIndicators.createdAt), asc(taskIndicators.indicatorId));
}

export async function listTaskIndicators(
  db: Db,
  log: DataLog,
  actor: Actor,
  taskId: string,
): Promise<TaskIndicatorLinks> {
  const task = await taskRow(db, actor.wardId, taskId);
  const linked = await db
    .select({ indicatorId: taskIndicators.indicatorId })
    .from(taskIndicators)
    .where(and(eq(taskIndicators.wardId, actor.wardId), eq(taskIndicators.taskId, taskId)))
    .orderBy(asc(taskIndicators.createdAt));
  const ids = new Set(linked.map((l) => l.indicatorId));
  const summaries = (await listIndicators(db, log, actor.wardId)).filter((i) => ids.has(i.id));
  return {
    indicators: summaries.map((i) => ({ id: i.id, code: i.code, ref: i.ref, name: i.name, status: i.status })),
    canEdit: can.linkTaskIndicators(actor, task.ownerUnitId),
  };
}

/** Links a task to an indicator it moves (nothing changes if already linked), audited on the task. */
export async function linkTaskIndicator(
  db: Db,
  log: DataLog,
  actor: Actor,
  taskId: string,
  indicatorId: string,
): Promise<TaskIndicatorLinks> {
  const task = await taskRow(db, actor.wardId, taskId);
  if (!can.linkTaskIndicators(actor, task.ownerUnitId))
    throw forbidden("Chỉ đơn vị chủ trì nhiệm vụ, lãnh đạo hoặc Văn phòng được liên kết nhiệm vụ với chỉ tiêu.");
  const indicator = await indicatorRow(db, actor.wardId, indicatorId);
  if (task.kind === "group")
    throw invalid("Hãy liên kết chỉ tiêu với từng nhiệm vụ, không với nhóm nhiệm vụ.", [
      { path: "id", message: "Nhóm nhiệm vụ" },
    ]);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(taskIndicators)
      .values({ wardId: actor.wardId, taskId, indicatorId })
      .onConflictDoNothing()
      .returning({ taskId: taskIndicators.taskId });
    if (inserted.length === 0) return;
    await recordAudit(tx, actor, {
      action: "task.link_indicator",
      entityType: "task",
      entityId: taskId,
      before: null,
      after: { indicatorId, indicatorCode: indicator.code, indicatorRef: indicator.ref },
    });
  });
  return listTaskIndicators(db, log, actor, taskId);
}

/** Removes a link (nothing changes if there was none), audited on the task. */
export async function unlinkTaskIndicator(
  db: Db,
  log: DataLog,
  actor: Actor,
  taskId: string,
  indicatorId: string,
): Promise<TaskIndicatorLinks> {
  const task = await taskRow(db, actor.wardId, taskId);
  if (!can.linkTaskIndicators(actor, task.ownerUnitId))
    throw forbidden("Chỉ đơn vị chủ trì nhiệm vụ, lãnh đạo hoặc Văn phòng được bỏ liên kết nhiệm vụ với chỉ tiêu.");
  const indicator = await indicatorRow(db, actor.wardId, indicatorId);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(taskIndicators)
      .where(
        and(
          eq(taskIndicators.wardId, actor.wardId),
          eq(taskIndicators.taskId, taskId),
          eq(taskIndicators.indicatorId, indicatorId),
        ),
      )
      .returning({ taskId: taskIndicators.taskId });
    if (removed.length === 0) return;
    await recordAudit(tx, actor, {
      action: "task.unlink_indicator",
      entityType: "task",
      entityId: taskId,
      before: { indicatorId, indicatorCode: indicator.code, indicatorRef: indicator.ref },
      after: null,
    });
  });
  return listTaskIndicators(db, log, actor, taskId);
}

/** The tasks linked to an indicator, in plan order (the staff indicator page). */
export async function listIndicatorTasks(db: Db, actor: Actor, indicatorId: string): Promise<IndicatorTaskLinks> {
  await indicatorRow(db, actor.wardId, indicatorId);
  const linked = new Set(
    (
      await db
        .select({ taskId: taskIndicators.taskId })
        .from(taskIndicators)
        .where(and(eq(taskIndicators.wardId, actor.wardId), eq(taskIndicators.indicatorId, indicatorId)))
    ).map((l) => l.taskId),
  );
  if (linked.size === 0) return { tasks: [] };
  const [ctx, all] = await Promise.all([loadTaskContext(db, actor.wardId), allTaskRows(db, actor.wardId)]);
  const rows = all.filter((r) => linked.has(r.id));
  return {
    tasks: summarizeTasks(ctx, rows, all).map((s) => ({
      id: s.id,
      code: s.code,
      ref: s.ref,
      title: s.title,
      status: s.status,
      progress: s.progress,
      owner: { code: s.owner.code, name: s.owner.name, shortName: s.owner.shortName },
    })),
  };
}

/**
 * Publishes an evidence photo of one of the task's updates on the public task page, or
 * withdraws it. Only images (re-encoded without EXIF on upload) can be public.
 */
export async function setTaskPhotoPublic(
  db: Db,
  actor: Actor,
  taskId: string,
  fileId: string,
  isPublic: boolean,
): Promise<{ fileId: string; isPublic: boolean }> {
  const task = await taskRow(db, actor.wardId, taskId);
  if (!can.publishTaskPhoto(actor, task.ownerUnitId))
    throw forbidden("Chỉ đơn vị chủ trì nhiệm vụ, lãnh đạo hoặc Văn phòng được công khai ảnh minh chứng.");
  const updateIds = (await publicTaskUpdates(db, actor.wardId, [taskId])).map((u) => u.id);
  await db.transaction(async (tx) => {
    const found = await setAttachmentPublic(tx, actor.wardId, "task_update", updateIds, fileId, isPublic);
    if (!found) throw notFound("Không tìm thấy tệp minh chứng của nhiệm vụ này");
    if (isPublic && !isPublishableImage(found.mimeType))
      throw invalid("Chỉ công khai được ảnh (JPG, PNG, WEBP); tài liệu PDF, DOCX, XLSX không công khai.", [
        { path: "isPublic", message: "Không phải ảnh" },
      ]);
    if (found.wasPublic === isPublic) return;
    await recordAudit(tx, actor, {
      action: isPublic ? "task.publish_photo" : "task.withdraw_photo",
      entityType: "task",
      entityId: taskId,
      before: { fileId, updateId: found.ownerId, filename: found.filename, isPublic: found.wasPublic },
      after: { fileId, updateId: found.ownerId, filename: found.filename, isPublic },
    });
  });
  return { fileId, isPublic };
}

/** Links by code, for the demo ward and imports: pairs whose task or indicator is missing are skipped. */
export async function linkTaskIndicatorsByCode(
  tx: Db,
  actor: Actor,
  pairs: [taskCode: string, indicatorCode: string][],
  taskIds: Map<string, string>,
  indicatorIds: Map<string, string>,
): Promise<number> {
  let linked = 0;
  for (const [taskCode, indicatorCode] of pairs) {
    const taskId = taskIds.get(taskCode);
    const indicatorId = indicatorIds.get(indicatorCode);
    if (!taskId || !indicatorId) continue;
    const inserted = await tx
      .insert(taskIndicators)
      .values({ wardId: actor.wardId, taskId, indicatorId })
      .onConflictDoNothing()
      .returning({ taskId: taskIndicators.taskId });
    if (inserted.length === 0) continue;
    await recordAudit(tx, actor, {
      action: "task.link_indicator",
      entityType: "task",
      entityId: taskId,
      before: null,
      after: { indicatorId, indicatorCode },
    });
    linked++;
  }
  return linked;
}
