import { and, asc, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import {
  foldVietnamese,
  rollUpProgress,
  timelinessOf,
  nextUpdateDue,
  type AssignTask,
  type EditTask,
  type PostTaskUpdate,
  type Recurrence,
  type TaskDetail,
  type TaskList,
  type TaskListQuery,
  type TaskStatus,
  type TaskSummary,
  type Timeliness,
  type UnitRef,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { listUnits, unitInWard, userNames } from "../identity/service.js";
import { attachmentsOf, attachUploads, checkUpload, type CheckedUpload, type Upload } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { listTaskStatuses } from "./statuses.js";
import { objectives, plans, taskCoordinators, taskUpdates, tasks } from "./tables.js";

/** A task as lists and summaries use it: every column but the search text (large, used in SQL only). */
export type TaskRow = Omit<typeof tasks.$inferSelect, "searchText">;
const { searchText: _searchText, ...taskListColumns } = getTableColumns(tasks);

/** Everything needed to describe tasks of a ward: loaded once per request. */
export type TaskContext = {
  wardId: string;
  today: string;
  statuses: Map<string, TaskStatus>;
  units: Map<string, UnitRef>;
  coordinators: Map<string, string[]>;
  trackedSince: string;
};

const TIMELINESS_RANK: Record<Timeliness, number> = { overdue: 0, due_soon: 1, update_due: 2, on_time: 3, closed: 4 };

/** Reads a caller already started (the public plan reads units and the plan once for everything). */
export type SharedWardReads = {
  units?: ReturnType<typeof listUnits>;
  plan?: Promise<{ createdAt: Date } | undefined>;
};

export async function loadTaskContext(
  db: Db,
  wardId: string,
  today = todayInVietnam(),
  shared: SharedWardReads = {},
): Promise<TaskContext> {
  const [statuses, unitList, coordinatorRows, plan] = await Promise.all([
    listTaskStatuses(db, wardId),
    shared.units ?? listUnits(db, wardId),
    db
      .select({ taskId: taskCoordinators.taskId, unitId: taskCoordinators.unitId })
      .from(taskCoordinators)
      .where(eq(taskCoordinators.wardId, wardId)),
    shared.plan ??
      db
        .select({ createdAt: plans.createdAt })
        .from(plans)
        .where(eq(plans.wardId, wardId))
        .orderBy(asc(plans.createdAt))
        .limit(1)
        .then((rows) => rows[0]),
  ]);
  const coordinators = new Map<string, string[]>();
  for (const row of coordinatorRows)
    coordinators.set(row.taskId, [...(coordinators.get(row.taskId) ?? []), row.unitId]);
  return {
    wardId,
    today,
    statuses: new Map(statuses.map((s) => [s.code, s])),
    units: new Map(unitList.map((u) => [u.id, { id: u.id, code: u.code, name: u.name, shortName: u.shortName }])),
    coordinators,
    trackedSince: plan?.createdAt.toISOString().slice(0, 10) ?? today,
  };
}

function unitRef(ctx: TaskContext, id: string): UnitRef {
  return ctx.units.get(id) ?? { id, code: "?", name: "?", shortName: "?" };
}

/** Summaries of rows; a group's timeliness is the worst of its children's. */
export function summarizeTasks(ctx: TaskContext, rows: TaskRow[], allRows: TaskRow[] = rows): TaskSummary[] {
  const own = new Map<string, Timeliness>();
  for (const row of allRows) {
    const status = ctx.statuses.get(row.status);
    own.set(
      row.id,
      timelinessOf(
        {
          deadline: row.deadline,
          recurrence: row.recurrence as Recurrence,
          isClosed: status?.isClosed ?? false,
          lastUpdateOn: row.lastUpdateOn,
          trackedSince: ctx.trackedSince,
        },
        ctx.today,
      ),
    );
  }
  const children = new Map<string, TaskRow[]>();
  for (const row of allRows) if (row.parentId) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const timeliness = (row: TaskRow): Timeliness => {
    const kids = children.get(row.id);
    if (!kids || row.kind !== "group") return own.get(row.id) ?? "on_time";
    return kids
      .map(timeliness)
      .reduce<Timeliness>((worst, t) => (TIMELINESS_RANK[t] < TIMELINESS_RANK[worst] ? t : worst), "closed");
  };
  // A group has no status of its own: it is done when all its work is closed, started when any is.
  const closedCode = [...ctx.statuses.values()].find((x) => x.isClosed && !x.excludeFromRollup)?.code ?? "completed";
  const status = (row: TaskRow): string => {
    const kids = children.get(row.id);
    if (!kids || row.kind !== "group") return row.status;
    const statuses = kids.map(status);
    if (statuses.every((code) => ctx.statuses.get(code)?.isClosed)) return closedCode;
    return statuses.every((code) => code === "not_started") && row.progress === 0 ? "not_started" : "in_progress";
  };
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    kind: row.kind as TaskSummary["kind"],
    section: row.section as TaskSummary["section"],
    sector: row.sector,
    code: row.code,
    ref: row.ref,
    title: row.title,
    owner: unitRef(ctx, row.ownerUnitId),
    coordinators: (ctx.coordinators.get(row.id) ?? []).map((id) => unitRef(ctx, id)),
    recurrence: row.recurrence as Recurrence,
    deadline: row.deadline,
    status: status(row),
    progress: row.progress,
    timeliness: timeliness(row),
    nextUpdateDue:
      row.kind === "group"
        ? null
        : nextUpdateDue({
            recurrence: row.recurrence as Recurrence,
            lastUpdateOn: row.lastUpdateOn,
            trackedSince: ctx.trackedSince,
          }),
    lastUpdateOn: row.lastUpdateOn,
    version: row.version,
  }));
}

export async function allTaskRows(db: Db, wardId: string): Promise<TaskRow[]> {
  return db.select(taskListColumns).from(tasks).where(eq(tasks.wardId, wardId)).orderBy(asc(tasks.position));
}

export async function listTasks(db: Db, actor: Actor, query: TaskListQuery): Promise<TaskList> {
  // The folded query as one phrase: "nuoc sach" finds "nước sạch", not "nước" here and "sạch" there.
  const phrase = query.q ? foldVietnamese(query.q) : "";
  const [ctx, all, matching] = await Promise.all([
    loadTaskContext(db, actor.wardId),
    allTaskRows(db, actor.wardId),
    phrase
      ? db
          .select({ id: tasks.id })
          .from(tasks)
          .where(and(eq(tasks.wardId, actor.wardId), sql`strpos(${tasks.searchText}, ${phrase}) > 0`))
      : null,
  ]);
  const filters: ((row: TaskRow) => boolean)[] = [];
  if (query.section) filters.push((r) => r.section === query.section);
  if (query.kind) filters.push((r) => r.kind === query.kind);
  if (query.sector) filters.push((r) => r.sector === query.sector);
  if (query.status) filters.push((r) => r.status === query.status);
  if (query.unitId) {
    const unitId = query.unitId;
    filters.push(
      (r) =>
        r.ownerUnitId === unitId ||
        (query.includeCoordinated === true && (ctx.coordinators.get(r.id) ?? []).includes(unitId)),
    );
  }
  if (matching) {
    const ids = new Set(matching.map((m) => m.id));
    filters.push((r) => ids.has(r.id));
  }
  const rows = all.filter((r) => filters.every((f) => f(r)));
  let summaries = summarizeTasks(ctx, rows, all);
  if (query.timeliness) summaries = summaries.filter((s) => s.timeliness === query.timeliness);
  return { tasks: summaries, statuses: [...ctx.statuses.values()], today: ctx.today };
}

/** The ward's task `id`, or "not found". */
export async function taskRow(db: Db, wardId: string, id: string): Promise<TaskRow> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.wardId, wardId), eq(tasks.id, id)));
  if (!row) throw notFound("Không tìm thấy nhiệm vụ");
  return row;
}

/**
 * The task row, locked until the transaction ends: two people changing the same task queue up
 * instead of both passing the version check and the second silently overwriting the first.
 */
async function lockTaskRow(tx: Db, wardId: string, id: string): Promise<TaskRow> {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.wardId, wardId), eq(tasks.id, id)))
    .for("update");
  if (!row) throw notFound("Không tìm thấy nhiệm vụ");
  return row;
}

export async function getTask(db: Db, actor: Actor, id: string): Promise<TaskDetail> {
  const row = await taskRow(db, actor.wardId, id);
  const ctx = await loadTaskContext(db, actor.wardId);
  const all = await allTaskRows(db, actor.wardId);
  const [summary] = summarizeTasks(ctx, [row], all);
  if (!summary) throw notFound();
  const children = all.filter((r) => r.parentId === row.id);
  const updates = await db
    .select()
    .from(taskUpdates)
    .where(and(eq(taskUpdates.wardId, actor.wardId), eq(taskUpdates.taskId, id)))
    .orderBy(desc(taskUpdates.reportedOn), desc(taskUpdates.createdAt));
  const filesOf = await attachmentsOf(
    db,
    actor.wardId,
    "task_update",
    updates.map((u) => u.id),
  );
  const names = await userNames(
    db,
    actor.wardId,
    updates.flatMap((u) => (u.authorUserId ? [u.authorUserId] : [])),
  );
  return {
    ...summary,
    text: row.text,
    output: row.output,
    weight: row.weight,
    children: summarizeTasks(ctx, children, all),
    updates: updates.map((u) => ({
      id: u.id,
      reportedOn: u.reportedOn,
      text: u.text,
      progress: u.progress,
      status: u.status,
      authorName: u.authorUserId ? (names.get(u.authorUserId) ?? null) : null,
      authorUnit: u.authorUnitId ? unitRef(ctx, u.authorUnitId).shortName : null,
      createdAt: u.createdAt.toISOString(),
      files: filesOf.get(u.id) ?? [],
    })),
    can: {
      update: can.reportFor(actor, row.ownerUnitId),
      edit: can.managePlan(actor),
      assign: can.managePlan(actor),
      viewHistory: can.viewHistory(actor),
    },
  };
}

/** Recomputes the stored progress of every ancestor of a task from its children. */
async function rollUpAncestors(
  tx: Db,
  wardId: string,
  parentId: string | null,
  statuses: Map<string, TaskStatus>,
): Promise<void> {
  let current = parentId;
  while (current) {
    // Lock the parent first: a concurrent update of a sibling then waits, and reads this child's new progress.
    await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, current)).for("update");
    const children = await tx
      .select({ progress: tasks.progress, weight: tasks.weight, status: tasks.status })
      .from(tasks)
      .where(and(eq(tasks.wardId, wardId), eq(tasks.parentId, current)));
    const progress = rollUpProgress(
      children.map((c) => ({
        progress: c.progress,
        weight: c.weight,
        excluded: statuses.get(c.status)?.excludeFromRollup ?? false,
      })),
    );
    const [parent] = await tx
      .update(tasks)
      .set({ progress })
      .where(and(eq(tasks.wardId, wardId), eq(tasks.id, current)))
      .returning({ parentId: tasks.parentId });
    current = parent?.parentId ?? null;
  }
}

/**
 * Writes a progress update in the caller's transaction: the update, its files, the task's new
 * status and progress, the audit row, and the roll-up of every ancestor.
 */
export async function writeTaskUpdate(
  tx: Db,
  store: FileStore,
  actor: Actor,
  row: TaskRow,
  status: TaskStatus,
  input: { reportedOn: string; text: string; progress: number },
  checked: CheckedUpload[],
  statuses: Map<string, TaskStatus>,
  createdAt: Date = new Date(),
  /** False when the caller writes many updates and rolls their groups up once (`rollUpGroups`). */
  rollUp = true,
): Promise<void> {
  const { progress } = input;
  const [update] = await tx
    .insert(taskUpdates)
    .values({
      wardId: actor.wardId,
      taskId: row.id,
      reportedOn: input.reportedOn,
      text: input.text,
      progress,
      status: status.code,
      authorUserId: actor.userId,
      authorUnitId: actor.unitId,
      createdAt,
    })
    .returning();
  if (!update) throw new Error("update insert returned nothing");
  const stored = await attachUploads(tx, store, actor, { type: "task_update", id: update.id }, checked);
  const lastUpdateOn = row.lastUpdateOn && row.lastUpdateOn > input.reportedOn ? row.lastUpdateOn : input.reportedOn;
  const after = { status: status.code, progress, lastUpdateOn };
  await tx
    .update(tasks)
    .set({ ...after, version: sql`${tasks.version} + 1`, updatedAt: createdAt })
    .where(eq(tasks.id, row.id));
  await recordAudit(tx, actor, {
    action: "task.progress_update",
    entityType: "task",
    entityId: row.id,
    before: { status: row.status, progress: row.progress, lastUpdateOn: row.lastUpdateOn },
    after: {
      ...after,
      updateId: update.id,
      text: input.text,
      reportedOn: input.reportedOn,
      files: stored.map((f) => f.filename),
    },
  });
  if (rollUp) await rollUpAncestors(tx, actor.wardId, row.parentId, statuses);
}

/** Rolls up the progress of these groups and their ancestors, once each (after many updates). */
export async function rollUpGroups(
  tx: Db,
  wardId: string,
  parentIds: Iterable<string | null>,
  statuses: Map<string, TaskStatus>,
): Promise<void> {
  for (const parentId of new Set(parentIds)) await rollUpAncestors(tx, wardId, parentId, statuses);
}

export async function postTaskUpdate(
  db: Db,
  store: FileStore,
  actor: Actor,
  taskId: string,
  input: PostTaskUpdate,
  uploads: Upload[],
  maxUploadBytes: number,
): Promise<TaskDetail> {
  const row = await taskRow(db, actor.wardId, taskId);
  if (!can.reportFor(actor, row.ownerUnitId))
    throw forbidden("Chỉ đơn vị chủ trì, lãnh đạo hoặc Văn phòng được cập nhật tiến độ nhiệm vụ này.");
  const statuses = new Map((await listTaskStatuses(db, actor.wardId)).map((s) => [s.code, s]));
  const status = statuses.get(input.status);
  if (!status)
    throw invalid("Trạng thái không hợp lệ.", [{ path: "status", message: "Chọn một trạng thái trong danh sách" }]);
  if (input.reportedOn > todayInVietnam())
    throw invalid("Ngày cập nhật không được ở tương lai.", [{ path: "reportedOn", message: "Ngày ở tương lai" }]);
  // Check every file before writing anything: a bad file must not leave half an update behind.
  const checked = await Promise.all(uploads.map((u) => checkUpload(u, maxUploadBytes)));
  const isGroup = row.kind === "group";
  const progress = isGroup ? row.progress : (input.progress ?? status.defaultProgress ?? row.progress);

  await db.transaction(async (tx) =>
    writeTaskUpdate(
      tx,
      store,
      actor,
      await lockTaskRow(tx, actor.wardId, taskId),
      status,
      { ...input, progress },
      checked,
      statuses,
    ),
  );
  return getTask(db, actor, taskId);
}

export async function editTask(db: Db, actor: Actor, taskId: string, input: EditTask): Promise<TaskDetail> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được sửa nhiệm vụ.");
  await db.transaction(async (tx) => {
    const row = await lockTaskRow(tx, actor.wardId, taskId);
    if (row.version !== input.version) throw conflict();
    const { version: _v, ...fields } = input;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<
      typeof tasks.$inferSelect
    >;
    if (changes.title !== undefined) changes.searchText = taskSearchText({ ...row, title: changes.title });
    const diff = changedFields(row as unknown as Record<string, unknown>, changes as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) return;
    await tx
      .update(tasks)
      .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
      .where(eq(tasks.id, taskId));
    await recordAudit(tx, actor, {
      action: "task.edit",
      entityType: "task",
      entityId: taskId,
      before: diff.before,
      after: diff.after,
    });
    if (changes.weight !== undefined)
      await rollUpAncestors(
        tx,
        actor.wardId,
        row.parentId,
        new Map((await listTaskStatuses(tx, actor.wardId)).map((s) => [s.code, s])),
      );
  });
  return getTask(db, actor, taskId);
}

export async function assignTask(db: Db, actor: Actor, taskId: string, input: AssignTask): Promise<TaskDetail> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được giao, điều chỉnh đơn vị chủ trì.");
  const coordinatorIds = [...new Set(input.coordinatingUnitIds)].filter((id) => id !== input.ownerUnitId);
  for (const id of [input.ownerUnitId, ...coordinatorIds]) {
    if (!(await unitInWard(db, actor.wardId, id)))
      throw invalid("Đơn vị không thuộc phường này.", [{ path: "ownerUnitId", message: "Đơn vị không hợp lệ" }]);
  }
  await db.transaction(async (tx) => {
    const row = await lockTaskRow(tx, actor.wardId, taskId);
    if (row.version !== input.version) throw conflict();
    const before = (
      await tx
        .select({ unitId: taskCoordinators.unitId })
        .from(taskCoordinators)
        .where(eq(taskCoordinators.taskId, taskId))
    )
      .map((c) => c.unitId)
      .sort();
    await tx
      .update(tasks)
      .set({ ownerUnitId: input.ownerUnitId, version: row.version + 1, updatedAt: new Date() })
      .where(eq(tasks.id, taskId));
    await tx.delete(taskCoordinators).where(eq(taskCoordinators.taskId, taskId));
    if (coordinatorIds.length)
      await tx
        .insert(taskCoordinators)
        .values(coordinatorIds.map((unitId) => ({ wardId: actor.wardId, taskId, unitId })));
    await recordAudit(tx, actor, {
      action: "task.assign",
      entityType: "task",
      entityId: taskId,
      before: { ownerUnitId: row.ownerUnitId, coordinatingUnitIds: before },
      after: { ownerUnitId: input.ownerUnitId, coordinatingUnitIds: [...coordinatorIds].sort() },
    });
  });
  return getTask(db, actor, taskId);
}

/** Tasks of a unit (owned, or coordinated too), for "my work" and reminders. */
export async function tasksOfUnit(
  db: Db,
  wardId: string,
  unitId: string,
): Promise<{ owned: TaskSummary[]; coordinated: TaskSummary[] }> {
  const ctx = await loadTaskContext(db, wardId);
  const all = await allTaskRows(db, wardId);
  const byUrgency = (a: TaskSummary, b: TaskSummary) =>
    TIMELINESS_RANK[a.timeliness] - TIMELINESS_RANK[b.timeliness] ||
    (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999");
  const owned = summarizeTasks(
    ctx,
    all.filter((r) => r.ownerUnitId === unitId && r.kind !== "group"),
    all,
  ).sort(byUrgency);
  const coordinated = summarizeTasks(
    ctx,
    all.filter((r) => r.ownerUnitId !== unitId && (ctx.coordinators.get(r.id) ?? []).includes(unitId)),
    all,
  ).sort(byUrgency);
  return { owned, coordinated };
}

/** The latest progress updates of the ward, newest first. */
export async function latestUpdates(db: Db, wardId: string, limit: number) {
  return db
    .select({
      id: taskUpdates.id,
      taskId: taskUpdates.taskId,
      taskTitle: tasks.title,
      taskRef: tasks.ref,
      unitId: taskUpdates.authorUnitId,
      ownerUnitId: tasks.ownerUnitId,
      reportedOn: taskUpdates.reportedOn,
      text: taskUpdates.text,
      progress: taskUpdates.progress,
      createdAt: taskUpdates.createdAt,
    })
    .from(taskUpdates)
    .innerJoin(tasks, eq(tasks.id, taskUpdates.taskId))
    .where(eq(taskUpdates.wardId, wardId))
    .orderBy(desc(taskUpdates.createdAt), desc(taskUpdates.reportedOn))
    .limit(limit);
}

export function taskSearchText(task: { code: string; ref: string; title: string; text: string }): string {
  return foldVietnamese(`${task.code} ${task.ref} ${task.title} ${task.text}`);
}

/**
 * When the plan's data last changed (tasks, their updates, indicators, measurements): what a
 * public page says its figures are "as of". Read from the data, so an unchanged ward gives the
 * same answer (and the same ETag) however often it is asked.
 */
export async function lastDataChange(db: Db, wardId: string): Promise<string | null> {
  const result = (await db.execute(sql`select greatest(
      (select max(updated_at) from tasks where ward_id = ${wardId}),
      (select max(created_at) from task_updates where ward_id = ${wardId}),
      (select max(updated_at) from indicators where ward_id = ${wardId}),
      (select max(recorded_at) from measurements where ward_id = ${wardId})
    ) as at`)) as unknown as { rows: { at: string | Date | null }[] };
  const at = result.rows[0]?.at ?? null;
  return at === null ? null : new Date(at).toISOString();
}

export async function listObjectives(db: Db, wardId: string) {
  return db.select().from(objectives).where(eq(objectives.wardId, wardId)).orderBy(asc(objectives.position));
}

export async function planOfWard(db: Db, wardId: string) {
  const [plan] = await db.select().from(plans).where(eq(plans.wardId, wardId)).orderBy(asc(plans.createdAt)).limit(1);
  return plan;
}

/** Ref and title of the ward's tasks among `ids` (other modules name what they link to). */
export async function taskLabels(
  db: Db,
  wardId: string,
  ids: string[],
): Promise<Map<string, { code: string; ref: string; title: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: tasks.id, code: tasks.code, ref: tasks.ref, title: tasks.title })
    .from(tasks)
    .where(and(eq(tasks.wardId, wardId), inArray(tasks.id, ids)));
  return new Map(rows.map((r) => [r.id, { code: r.code, ref: r.ref, title: r.title }]));
}

/**
 * Each task's status and progress as of a date: the last update reported on or before it
 * (reports show the state at the end of their window, not today's). Tasks never reported on
 * by then are absent.
 */
export async function taskStatesAt(
  db: Db,
  wardId: string,
  asOf: string,
): Promise<Map<string, { status: string; progress: number }>> {
  const result = (await db.execute(sql`
    select distinct on (u.task_id) u.task_id as "taskId", u.status, u.progress
    from task_updates u
    where u.ward_id = ${wardId} and u.reported_on <= ${asOf}
    order by u.task_id, u.reported_on desc, u.created_at desc`)) as unknown as {
    rows: { taskId: string; status: string; progress: number }[];
  };
  return new Map(result.rows.map((r) => [r.taskId, { status: r.status, progress: Number(r.progress) }]));
}

/** Progress updates reported within [from, to], oldest first, by task. */
export async function taskUpdatesBetween(
  db: Db,
  wardId: string,
  from: string,
  to: string,
): Promise<Map<string, { reportedOn: string; text: string; progress: number }[]>> {
  const rows = await db
    .select({
      taskId: taskUpdates.taskId,
      reportedOn: taskUpdates.reportedOn,
      text: taskUpdates.text,
      progress: taskUpdates.progress,
    })
    .from(taskUpdates)
    .where(and(eq(taskUpdates.wardId, wardId), sql`${taskUpdates.reportedOn} between ${from} and ${to}`))
    .orderBy(asc(taskUpdates.reportedOn), asc(taskUpdates.createdAt));
  const out = new Map<string, { reportedOn: string; text: string; progress: number }[]>();
  for (const { taskId, ...update } of rows) out.set(taskId, [...(out.get(taskId) ?? []), update]);
  return out;
}

/** When the ward's tasks last changed (an update, an edit, an assignment, an import); null: never. */
export async function tasksLastChanged(db: Db, wardId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`max(${tasks.updatedAt})` })
    .from(tasks)
    .where(eq(tasks.wardId, wardId));
  return row?.at === null || row?.at === undefined ? null : new Date(row.at);
}

/**
 * The progress updates of the tasks, oldest first, as the public may see them: what was
 * reported and when, never who wrote it (no author fields are read).
 */
export async function publicTaskUpdates(
  db: Db,
  wardId: string,
  taskIds: string[],
): Promise<{ id: string; taskId: string; reportedOn: string; text: string; progress: number; status: string }[]> {
  if (taskIds.length === 0) return [];
  return db
    .select({
      id: taskUpdates.id,
      taskId: taskUpdates.taskId,
      reportedOn: taskUpdates.reportedOn,
      text: taskUpdates.text,
      progress: taskUpdates.progress,
      status: taskUpdates.status,
    })
    .from(taskUpdates)
    .where(and(eq(taskUpdates.wardId, wardId), inArray(taskUpdates.taskId, taskIds)))
    .orderBy(asc(taskUpdates.reportedOn), asc(taskUpdates.createdAt), asc(taskUpdates.id));
}

/** One ward's work at a glance, as the city compares wards (group headings left out). */
export type WardTaskFigures = {
  wardId: string;
  total: number;
  overdue: number;
  closed: number;
  /** Tasks with at least one progress update. */
  reported: number;
  averageProgress: number;
  lastUpdateOn: string | null;
  /** Overdue tasks by the code of the group heading above them (iii-1 … v-7). */
  overdueByGroup: Map<string, number>;
};

/** A task group of the plans (III.1 … III.6, V.1 … V.7), named as most wards name it. */
export type TaskGroupHeading = { code: string; ref: string; title: string };

/**
 * Every ward's task figures, aggregated in the database in three statements whatever the number
 * of wards. Overdue and closed mean what `summarizeTasks` says: past its deadline and not in a
 * closing status; in a closing status.
 */
export async function taskFiguresOfEveryWard(
  db: Db,
  today = todayInVietnam(),
): Promise<{ wards: WardTaskFigures[]; groups: TaskGroupHeading[] }> {
  const closed = sql`coalesce(s.is_closed, false)`;
  const overdue = sql`(not ${closed} and t.deadline < ${today})`;
  type Totals = {
    wardId: string;
    total: number | string;
    overdue: number | string;
    closed: number | string;
    reported: number | string;
    averageProgress: number | string | null;
    lastUpdateOn: string | null;
  };
  const [totals, byGroup, headings] = await Promise.all([
    db.execute(sql`select t.ward_id as "wardId", count(*) as total,
        count(*) filter (where ${overdue}) as overdue,
        count(*) filter (where ${closed}) as closed,
        count(*) filter (where t.last_update_on is not null) as reported,
        avg(t.progress)::float8 as "averageProgress",
        max(t.last_update_on)::text as "lastUpdateOn"
      from tasks t
      left join task_statuses s on s.ward_id = t.ward_id and s.code = t.status
      where t.kind <> 'group'
      group by t.ward_id`),
    db.execute(sql`select t.ward_id as "wardId", g.code, count(*) as overdue
      from tasks t
      join tasks g on g.ward_id = t.ward_id and g.id = t.parent_id and g.kind = 'group'
      left join task_statuses s on s.ward_id = t.ward_id and s.code = t.status
      where t.kind <> 'group' and ${overdue}
      group by t.ward_id, g.code`),
    db.execute(sql`select code, min(ref) as ref, mode() within group (order by title) as title
      from tasks
      where kind = 'group' and parent_id is null
      group by code
      order by min(section), min(position)`),
  ]);
  const groupRows = (byGroup as unknown as { rows: { wardId: string; code: string; overdue: number | string }[] }).rows;
  const late = new Map<string, Map<string, number>>();
  for (const row of groupRows) {
    const ward = late.get(row.wardId) ?? new Map<string, number>();
    ward.set(row.code, Number(row.overdue));
    late.set(row.wardId, ward);
  }
  return {
    wards: (totals as unknown as { rows: Totals[] }).rows.map((row) => ({
      wardId: row.wardId,
      total: Number(row.total),
      overdue: Number(row.overdue),
      closed: Number(row.closed),
      reported: Number(row.reported),
      averageProgress: Math.round(Number(row.averageProgress ?? 0) * 10) / 10,
      lastUpdateOn: row.lastUpdateOn,
      overdueByGroup: late.get(row.wardId) ?? new Map(),
    })),
    groups: (headings as unknown as { rows: TaskGroupHeading[] }).rows,
  };
}
