import crypto from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Category, SaveCategory } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { wards } from "../identity/tables.js";
import { indicatorLabels } from "../indicators/service.js";
import { taskLabels } from "../plan/service.js";
import { forgetRefs, loadRefs, sha256, type CategoryRow, type FeedbackRefs } from "./service.js";
import { feedbackApiKeys, feedbackCategories, feedbackRoutes, feedbackTemplates } from "./tables.js";

/** Loại phản ánh, phân công theo địa bàn, mẫu trả lời, khóa Open311: the Office's and admin's settings. */

function mayManage(actor: Actor): void {
  if (!can.manageFeedbackSettings(actor)) throw forbidden("Chỉ Văn phòng hoặc quản trị được cấu hình phản ánh.");
}

export async function listCategories(db: Db, actor: Actor): Promise<{ categories: Category[] }> {
  if (!can.readStaff(actor)) throw forbidden();
  const refs = await loadRefs(db, actor.wardId);
  const rows = [...refs.categories.values()];
  const [tasks, indicators, routes] = await Promise.all([
    taskLabels(
      db,
      actor.wardId,
      rows.flatMap((c) => (c.taskId ? [c.taskId] : [])),
    ),
    indicatorLabels(
      db,
      actor.wardId,
      rows.flatMap((c) => (c.indicatorId ? [c.indicatorId] : [])),
    ),
    db.select().from(feedbackRoutes).where(eq(feedbackRoutes.wardId, actor.wardId)),
  ]);
  return {
    categories: rows.map((c) => {
      const task = c.taskId ? tasks.get(c.taskId) : undefined;
      const indicator = c.indicatorId ? indicators.get(c.indicatorId) : undefined;
      const name = (id: string) => refs.units.get(id)?.name ?? "";
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        description: c.description,
        group: c.groupName,
        keywords: c.keywords,
        questions: c.questions,
        slaDays: c.slaDays,
        unit: { id: c.unitId, name: name(c.unitId) },
        task: task && c.taskId ? { id: c.taskId, code: task.code, title: task.title } : null,
        indicator:
          indicator && c.indicatorId ? { id: c.indicatorId, code: indicator.code, name: indicator.name } : null,
        sensitive: c.sensitive,
        active: c.active,
        routes: routes
          .filter((r) => r.categoryId === c.id)
          .map((r) => ({
            residentialGroup: { id: r.residentialGroupId, name: name(r.residentialGroupId) },
            unit: { id: r.unitId, name: name(r.unitId) },
          })),
        version: c.version,
      };
    }),
  };
}

/** The references a category names must be the ward's own: units, groups, the task, the indicator. */
async function checkCategory(db: Db, wardId: string, input: SaveCategory, refs: FeedbackRefs): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  const unit = refs.units.get(input.unitId);
  if (!unit || unit.kind === "residential_group")
    problems.push({ path: "unitId", message: "Chọn đơn vị xử lý của phường" });
  input.routes.forEach((r, i) => {
    const group = refs.units.get(r.residentialGroupId);
    if (!group || group.kind !== "residential_group")
      problems.push({ path: `routes.${i}.residentialGroupId`, message: "Chọn tổ dân phố của phường" });
    const target = refs.units.get(r.unitId);
    if (!target || target.kind === "residential_group")
      problems.push({ path: `routes.${i}.unitId`, message: "Chọn đơn vị xử lý" });
  });
  const [tasks, indicators] = await Promise.all([
    taskLabels(db, wardId, input.taskId ? [input.taskId] : []),
    indicatorLabels(db, wardId, input.indicatorId ? [input.indicatorId] : []),
  ]);
  if (input.taskId && !tasks.has(input.taskId))
    problems.push({ path: "taskId", message: "Không tìm thấy nhiệm vụ trong kế hoạch" });
  if (input.indicatorId && !indicators.has(input.indicatorId))
    problems.push({ path: "indicatorId", message: "Không tìm thấy chỉ tiêu" });
  const codes = input.questions.map((q) => q.code);
  if (new Set(codes).size !== codes.length) problems.push({ path: "questions", message: "Mã câu hỏi bị trùng" });
  input.questions.forEach((q, i) => {
    if ((q.datatype === "singlevaluelist" || q.datatype === "multivaluelist") && !q.values?.length)
      problems.push({ path: `questions.${i}.values`, message: "Câu hỏi chọn đáp án cần danh sách đáp án" });
  });
  if (problems.length) throw invalid(problems.map((p) => p.message).join("; "), problems);
}

function categoryValues(input: SaveCategory) {
  return {
    code: input.code,
    name: input.name,
    description: input.description,
    groupName: input.group,
    keywords: input.keywords,
    questions: input.questions,
    slaDays: input.slaDays,
    unitId: input.unitId,
    taskId: input.taskId,
    indicatorId: input.indicatorId,
    sensitive: input.sensitive,
    active: input.active,
  };
}

async function replaceRoutes(
  tx: Db,
  wardId: string,
  categoryId: string,
  routes: SaveCategory["routes"],
): Promise<void> {
  await tx
    .delete(feedbackRoutes)
    .where(and(eq(feedbackRoutes.wardId, wardId), eq(feedbackRoutes.categoryId, categoryId)));
  const unique = [...new Map(routes.map((r) => [r.residentialGroupId, r])).values()];
  if (unique.length)
    await tx
      .insert(feedbackRoutes)
      .values(unique.map((r) => ({ wardId, categoryId, residentialGroupId: r.residentialGroupId, unitId: r.unitId })));
}

/** Adds a category (in the caller's transaction when given one): the demo data uses it too. */
export async function insertCategory(tx: Db, actor: Actor, input: SaveCategory, position = 0): Promise<CategoryRow> {
  const [row] = await tx
    .insert(feedbackCategories)
    .values({ wardId: actor.wardId, position, ...categoryValues(input) })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError("CONFLICT", `Mã loại "${input.code}" đã có.`, 409, [{ path: "code", message: "Mã đã có" }]);
  await replaceRoutes(tx, actor.wardId, row.id, input.routes);
  forgetRefs(actor.wardId);
  await recordAudit(tx, actor, {
    action: "feedback.category.create",
    entityType: "feedback_category",
    entityId: row.id,
    before: null,
    after: categoryValues(input),
  });
  return row;
}

export async function createCategory(db: Db, actor: Actor, input: SaveCategory): Promise<Category> {
  mayManage(actor);
  const refs = await loadRefs(db, actor.wardId);
  await checkCategory(db, actor.wardId, input, refs);
  const row = await db.transaction((tx) => insertCategory(tx, actor, input, refs.categories.size));
  forgetRefs(actor.wardId);
  return categoryById(db, actor, row.id);
}

export async function editCategory(
  db: Db,
  actor: Actor,
  id: string,
  input: SaveCategory & { version: number },
): Promise<Category> {
  mayManage(actor);
  const refs = await loadRefs(db, actor.wardId);
  await checkCategory(db, actor.wardId, input, refs);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(feedbackCategories)
      .where(and(eq(feedbackCategories.wardId, actor.wardId), eq(feedbackCategories.id, id)))
      .for("update");
    if (!before) throw notFound("Không tìm thấy loại phản ánh");
    if (before.version !== input.version) throw conflict();
    if (before.code !== input.code && refs.categoriesByCode.has(input.code))
      throw new AppError("CONFLICT", `Mã loại "${input.code}" đã có.`, 409, [{ path: "code", message: "Mã đã có" }]);
    const values = categoryValues(input);
    await tx
      .update(feedbackCategories)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(eq(feedbackCategories.id, id));
    await replaceRoutes(tx, actor.wardId, id, input.routes);
    const diff = changedFields(categoryValues({ ...input, ...fromRow(before) }), values);
    await recordAudit(tx, actor, {
      action: "feedback.category.update",
      entityType: "feedback_category",
      entityId: id,
      before: diff.before,
      after: { ...diff.after, routes: input.routes.length },
    });
  });
  forgetRefs(actor.wardId);
  return categoryById(db, actor, id);
}

function fromRow(row: CategoryRow): Omit<SaveCategory, "routes"> {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    group: row.groupName,
    keywords: row.keywords,
    questions: row.questions,
    slaDays: row.slaDays,
    unitId: row.unitId,
    taskId: row.taskId,
    indicatorId: row.indicatorId,
    sensitive: row.sensitive,
    active: row.active,
  };
}

async function categoryById(db: Db, actor: Actor, id: string): Promise<Category> {
  const found = (await listCategories(db, actor)).categories.find((c) => c.id === id);
  if (!found) throw notFound("Không tìm thấy loại phản ánh");
  return found;
}

// Response templates --------------------------------------------------------------------------

type TemplateInput = { title: string; text: string; status: string | null; active: boolean };

const toTemplate = (t: typeof feedbackTemplates.$inferSelect) => ({
  id: t.id,
  title: t.title,
  text: t.body,
  status: t.status as never,
  active: t.active,
});

export async function listTemplates(db: Db, actor: Actor) {
  if (!can.readStaff(actor)) throw forbidden();
  const rows = await db
    .select()
    .from(feedbackTemplates)
    .where(eq(feedbackTemplates.wardId, actor.wardId))
    .orderBy(asc(feedbackTemplates.title));
  return { templates: rows.map(toTemplate) };
}

export async function insertTemplate(tx: Db, actor: Actor, input: TemplateInput) {
  const [row] = await tx
    .insert(feedbackTemplates)
    .values({ wardId: actor.wardId, title: input.title, body: input.text, status: input.status, active: input.active })
    .returning();
  if (!row) throw new Error("template insert returned nothing");
  await recordAudit(tx, actor, {
    action: "feedback.template.create",
    entityType: "feedback_template",
    entityId: row.id,
    before: null,
    after: input,
  });
  return toTemplate(row);
}

export async function createTemplate(db: Db, actor: Actor, input: TemplateInput) {
  mayManage(actor);
  return db.transaction((tx) => insertTemplate(tx, actor, input));
}

export async function editTemplate(db: Db, actor: Actor, id: string, input: TemplateInput) {
  mayManage(actor);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(feedbackTemplates)
      .where(and(eq(feedbackTemplates.wardId, actor.wardId), eq(feedbackTemplates.id, id)))
      .for("update");
    if (!before) throw notFound("Không tìm thấy mẫu trả lời");
    const [after] = await tx
      .update(feedbackTemplates)
      .set({ title: input.title, body: input.text, status: input.status, active: input.active })
      .where(eq(feedbackTemplates.id, id))
      .returning();
    if (!after) throw notFound();
    await recordAudit(tx, actor, {
      action: "feedback.template.update",
      entityType: "feedback_template",
      entityId: id,
      before: toTemplate(before),
      after: toTemplate(after),
    });
    return toTemplate(after);
  });
}

// Open311 API keys ----------------------------------------------------------------------------

/** The key an app presents: "px311_" and 32 random bytes; only its sha256 is stored. */
const newApiKey = () => `px311_${crypto.randomBytes(32).toString("base64url")}`;

const toKey = (k: typeof feedbackApiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

function mayManageKeys(actor: Actor): void {
  if (!can.manageApiKeys(actor)) throw forbidden("Chỉ quản trị được cấp và thu hồi khóa API.");
}

export async function listApiKeys(db: Db, actor: Actor) {
  mayManageKeys(actor);
  const rows = await db
    .select()
    .from(feedbackApiKeys)
    .where(eq(feedbackApiKeys.wardId, actor.wardId))
    .orderBy(desc(feedbackApiKeys.createdAt));
  return { keys: rows.map(toKey) };
}

/** Stores a key; `key` given = a known one (the demo key), else a new random one. */
export async function insertApiKey(tx: Db, actor: Actor, name: string, key = newApiKey()) {
  const [row] = await tx
    .insert(feedbackApiKeys)
    .values({ wardId: actor.wardId, name, keyHash: sha256(key), prefix: key.slice(0, 10), createdBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("CONFLICT", "Khóa này đã được cấp.", 409);
  await recordAudit(tx, actor, {
    action: "feedback.api_key.create",
    entityType: "feedback_api_key",
    entityId: row.id,
    before: null,
    after: { name, prefix: row.prefix },
  });
  return { ...toKey(row), key };
}

export async function createApiKey(db: Db, actor: Actor, name: string) {
  mayManageKeys(actor);
  return db.transaction((tx) => insertApiKey(tx, actor, name));
}

export async function revokeApiKey(db: Db, actor: Actor, id: string) {
  mayManageKeys(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(feedbackApiKeys)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(feedbackApiKeys.wardId, actor.wardId), eq(feedbackApiKeys.id, id), isNull(feedbackApiKeys.revokedAt)),
      )
      .returning();
    if (!row) throw notFound("Không tìm thấy khóa đang dùng");
    checkedKeys.delete(db);
    await recordAudit(tx, actor, {
      action: "feedback.api_key.revoke",
      entityType: "feedback_api_key",
      entityId: id,
      before: null,
      after: { revoked: true },
    });
    return toKey(row);
  });
}

/** Who an Open311 api_key speaks for: the key and its ward (read with the key, held with it). */
export type ApiKeyOwner = { id: string; ward: { id: string; code: string; name: string } };

/**
 * The ward and key an Open311 api_key opens, or null (unknown or revoked). Its last use is
 * recorded at most once a minute: a busy client does not write on every request.
 */
export async function apiKeyOwner(db: Db, key: string): Promise<ApiKeyOwner | null> {
  if (key.length < 8 || key.length > 200) return null;
  const hash = sha256(key);
  let known = checkedKeys.get(db);
  if (!known) checkedKeys.set(db, (known = new Map()));
  const hit = known.get(hash);
  if (hit && Date.now() - hit.at < KEY_CHECK_MS) return hit.owner;
  const [row] = await db
    .select({
      id: feedbackApiKeys.id,
      revokedAt: feedbackApiKeys.revokedAt,
      lastUsedAt: feedbackApiKeys.lastUsedAt,
      ward: { id: wards.id, code: wards.code, name: wards.name },
    })
    .from(feedbackApiKeys)
    .innerJoin(wards, eq(wards.id, feedbackApiKeys.wardId))
    .where(eq(feedbackApiKeys.keyHash, hash));
  const owner = row && !row.revokedAt ? { id: row.id, ward: row.ward } : null;
  if (row && owner && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000))
    await db.update(feedbackApiKeys).set({ lastUsedAt: new Date() }).where(eq(feedbackApiKeys.id, row.id));
  if (known.size > 10_000) known.clear();
  known.set(hash, { at: Date.now(), owner });
  return owner;
}

/**
 * A key is checked in the database at most once every KEY_CHECK_MS, as sessions are: a busy
 * client does not pay a lookup per report. A revocation through this process applies at once.
 */
const KEY_CHECK_MS = 5_000;
const checkedKeys = new WeakMap<Db, Map<string, { at: number; owner: ApiKeyOwner | null }>>();
