import { and, asc, eq, gt, sql } from "drizzle-orm";
import type {
  CreateUnitRequest,
  CreateUserRequest,
  CurrentUser,
  Role,
  Unit,
  UpdateUnitRequest,
  UpdateUserRequest,
  UserSummary,
  WardSummary,
} from "@phuong-xanh/shared";
import { PRODUCER_ROLE } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { AppError, forbidden, invalid, notFound } from "../../lib/errors.js";
import type { Actor } from "../../lib/actor.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { assertPasswordAcceptable } from "./password-policy.js";
import { hashPassword } from "./passwords.js";
import { can, secondFactorRequiredFor } from "./policy.js";
import { loginChallenges, sessions, units, users, wards } from "./tables.js";
import { clearThrottle, throttleKeys } from "./throttle.js";
import { sha256 } from "./totp.js";

export type Authenticated = {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
  /** REQUIRE_2FA_ADMIN and no second factor yet: only enrolment is allowed. */
  mustEnrolSecondFactor: boolean;
  /** When the session ends (ms since the epoch). */
  expiresAt: number;
};

/** Last use is written at most this often: reading pages does not write a row per request. */
const LAST_USE_EVERY_MS = 60_000;

/** The actor behind a session cookie, or null when it is missing, unknown or expired. */
export async function authenticate(
  db: Db,
  token: string | undefined,
  options: {
    require2faAdmin?: boolean;
    address?: string;
    userAgent?: string | undefined;
    /**
     * The request only reads (GET, HEAD): a city account then acts in the ward it chose to view.
     * Any other request acts in its own ward, so nothing it sends can touch another ward even if
     * a rule of the policy let it through.
     */
    readOnly?: boolean;
  } = {},
): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = new Date();
  const [row] = await db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now)));
  if (!row || !row.user.active) return null;
  const u = row.user;
  if (options.address && now.getTime() - row.session.lastUsedAt.getTime() >= LAST_USE_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastUsedAt: now, address: options.address, userAgent: options.userAgent?.slice(0, 300) ?? null })
      .where(eq(sessions.tokenHash, row.session.tokenHash));
  }
  const viewing = u.role === "city" && options.readOnly ? row.session.viewingWardId : null;
  return {
    actor: { userId: u.id, name: u.displayName, wardId: viewing ?? u.wardId, role: u.role as Role, unitId: u.unitId },
    csrfToken: row.session.csrfToken,
    sessionId: row.session.id,
    mustEnrolSecondFactor: u.totpSecret === null && secondFactorRequiredFor(u.role, options.require2faAdmin ?? false),
    expiresAt: row.session.expiresAt.getTime(),
  };
}

export async function currentUser(
  db: Db,
  actor: Actor,
  csrfToken: string,
  require2faAdmin = false,
): Promise<CurrentUser> {
  if (!actor.userId) throw notFound();
  const [row] = await db
    .select({ user: users, ward: wards, unit: units })
    .from(users)
    .innerJoin(wards, eq(wards.id, users.wardId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, actor.userId));
  if (!row) throw notFound();
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    role: row.user.role as Role,
    unit: row.unit
      ? { id: row.unit.id, code: row.unit.code, name: row.unit.name, shortName: row.unit.shortName }
      : null,
    ward: { id: row.ward.id, code: row.ward.code, name: row.ward.name, isDemo: row.ward.isDemo },
    viewing: row.user.role === "city" ? await viewedWard(db, actor.wardId) : null,
    csrfToken,
    secondFactorEnabled: row.user.totpSecret !== null,
    mustEnrolSecondFactor: row.user.totpSecret === null && secondFactorRequiredFor(row.user.role, require2faAdmin),
  };
}

async function viewedWard(db: Db, wardId: string) {
  const [ward] = await db
    .select({ code: wards.code, name: wards.name, isDemo: wards.isDemo })
    .from(wards)
    .where(eq(wards.id, wardId));
  return ward ?? null;
}

/**
 * A city account chooses the ward its reads show (null: its own). Its session remembers it; the
 * policy still refuses every write, and writes act in its own ward anyway (`authenticate`).
 */
export async function viewWard(db: Db, actor: Actor, sessionId: string, code: string | null) {
  if (!can.viewAnyWard(actor) || !actor.userId) throw forbidden("Chỉ tài khoản thành phố được xem dữ liệu các phường.");
  const ward = code === null ? await wardById(db, actor.wardId) : await findWard(db, code);
  if (!ward) throw notFound(`Không tìm thấy phường mã "${code ?? ""}".`);
  await db
    .update(sessions)
    .set({ viewingWardId: code === null ? null : ward.id })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)));
  return { viewing: { code: ward.code, name: ward.name, isDemo: ward.isDemo } };
}

/** Every unit of the ward, active or not (tasks a closed unit owned still name it). */
export async function listUnits(db: Db, wardId: string): Promise<Unit[]> {
  const rows = await db
    .select()
    .from(units)
    .where(eq(units.wardId, wardId))
    .orderBy(asc(units.position), asc(units.name));
  return rows.map(toUnit);
}

function toUnit(u: typeof units.$inferSelect): Unit {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    parentId: u.parentId,
    households: u.households,
    active: u.active,
  };
}

/** The Office or the admin adds a unit: a new residential group, school, business. */
export async function createUnit(db: Db, actor: Actor, input: CreateUnitRequest): Promise<Unit> {
  if (!can.manageUnits(actor)) throw forbidden("Chỉ quản trị hoặc Văn phòng được quản lý danh sách đơn vị.");
  return db.transaction(async (tx) => {
    if (input.parentId && !(await unitInWard(tx, actor.wardId, input.parentId))) {
      throw invalid("Đơn vị cấp trên không thuộc phường này.", [{ path: "parentId", message: "Đơn vị không hợp lệ" }]);
    }
    const [existing] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.wardId, actor.wardId), eq(units.code, input.code)));
    if (existing)
      throw new AppError("CONFLICT", `Mã đơn vị "${input.code}" đã được sử dụng.`, 409, [
        { path: "code", message: "Mã đã có" },
      ]);
    const ids = await addUnits(tx, actor.wardId, [{ ...input, parentCode: undefined }], new Map());
    const id = ids.get(input.code);
    if (!id) throw new Error("unit insert returned nothing");
    if (input.parentId) await tx.update(units).set({ parentId: input.parentId }).where(eq(units.id, id));
    const [row] = await tx.select().from(units).where(eq(units.id, id));
    if (!row) throw new Error("unit just created is missing");
    await recordAudit(tx, actor, {
      action: "unit.create",
      entityType: "unit",
      entityId: id,
      before: null,
      after: toUnit(row),
    });
    return toUnit(row);
  });
}

export async function updateUnit(db: Db, actor: Actor, unitId: string, input: UpdateUnitRequest): Promise<Unit> {
  if (!can.manageUnits(actor)) throw forbidden("Chỉ quản trị hoặc Văn phòng được quản lý danh sách đơn vị.");
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(units)
      .where(and(eq(units.wardId, actor.wardId), eq(units.id, unitId)))
      .for("update");
    if (!before) throw notFound("Không tìm thấy đơn vị");
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(units).set(changes).where(eq(units.id, unitId)).returning();
    if (!after) throw notFound();
    const diff = changedFields(toUnit(before), toUnit(after));
    await recordAudit(tx, actor, {
      action: "unit.update",
      entityType: "unit",
      entityId: unitId,
      before: diff.before,
      after: diff.after,
    });
    return toUnit(after);
  });
}

export async function unitInWard(db: Db, wardId: string, unitId: string) {
  const [unit] = await db
    .select()
    .from(units)
    .where(and(eq(units.wardId, wardId), eq(units.id, unitId)));
  return unit;
}

export async function unitsByCode(db: Db, wardId: string): Promise<Map<string, typeof units.$inferSelect>> {
  const rows = await db.select().from(units).where(eq(units.wardId, wardId));
  return new Map(rows.map((u) => [u.code, u]));
}

export async function listUsers(db: Db, actor: Actor) {
  if (!can.manageUsers(actor)) throw forbidden();
  const rows = await db.select().from(users).where(eq(users.wardId, actor.wardId)).orderBy(asc(users.username));
  return rows.map(toUserSummary);
}

/** Creates an account in the actor's ward (or, for the CLI and ward creation, in `wardId`). */
export async function createUser(
  db: Db,
  actor: Actor,
  input: CreateUserRequest,
  options: {
    skipPolicy?: boolean;
    /** More to write in the same transaction, once the account exists (a producer's link to its farm). */
    within?: (tx: Db, userId: string) => Promise<void>;
  } = {},
) {
  if (!options.skipPolicy && !(can.manageUsers(actor) && can.grantRole(actor, input.role)))
    throw forbidden("Không có quyền tạo tài khoản với vai trò này.");
  if (input.role === PRODUCER_ROLE && !options.within) throw producerAccountFromFarm();
  if (input.role === "unit_officer" && !input.unitId)
    throw invalid("Cán bộ đơn vị phải thuộc một đơn vị.", [{ path: "unitId", message: "Chọn đơn vị" }]);
  if (input.unitId && !(await unitInWard(db, actor.wardId, input.unitId)))
    throw invalid("Đơn vị không thuộc phường này.", [{ path: "unitId", message: "Đơn vị không hợp lệ" }]);
  await assertPasswordAcceptable(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${input.username})`);
    if (existing) throw new AppError("CONFLICT", `Tên đăng nhập "${input.username}" đã được sử dụng.`, 409);
    const [row] = await tx
      .insert(users)
      .values({
        wardId: actor.wardId,
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        passwordHash,
        role: input.role,
        unitId: input.unitId,
      })
      .returning();
    if (!row) throw new Error("user insert returned nothing");
    await recordAudit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      before: null,
      after: { username: row.username, role: row.role, unitId: row.unitId },
    });
    await options.within?.(tx, row.id);
    return toUserSummary(row);
  });
}

const producerAccountFromFarm = () =>
  invalid("Tài khoản của cơ sở sản xuất được mở từ trang của cơ sở trong sổ nông hộ, không đổi vai trò.", [
    { path: "role", message: "Không dùng vai trò này ở đây" },
  ]);

/** Display names of users, for "who wrote this" lines. */
export async function userNames(db: Db, wardId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.wardId, wardId));
  const wanted = new Set(ids);
  return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r.name]));
}

export async function findWard(db: Db, code: string | undefined) {
  const rows = code
    ? await db.select().from(wards).where(eq(wards.code, code))
    : await db.select().from(wards).orderBy(asc(wards.createdAt)).limit(1);
  return rows[0];
}

/** Every ward with its counts of active accounts and units, oldest first (the platform's list). */
export async function listWardSummaries(db: Db): Promise<WardSummary[]> {
  const rows = await db
    .select({
      id: wards.id,
      code: wards.code,
      name: wards.name,
      province: wards.province,
      isDemo: wards.isDemo,
      createdAt: wards.createdAt,
      // Spelled out: drizzle leaves columns unqualified inside a select list's sql, which a
      // correlated subquery would resolve against its own table.
      accounts: sql<number>`(select count(*)::int from users u where u.ward_id = ${wards}.id and u.active)`,
      units: sql<number>`(select count(*)::int from units n where n.ward_id = ${wards}.id and n.active)`,
    })
    .from(wards)
    .orderBy(asc(wards.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    accounts: Number(r.accounts),
    units: Number(r.units),
  }));
}

/** Every ward with its place on the map and its count of active accounts, oldest first (the city's list). */
export async function listWardsForCity(db: Db) {
  const rows = await db
    .select({
      id: wards.id,
      code: wards.code,
      name: wards.name,
      province: wards.province,
      isDemo: wards.isDemo,
      latitude: wards.latitude,
      longitude: wards.longitude,
      activeAccounts: sql<number>`(select count(*)::int from users u where u.ward_id = ${wards}.id and u.active)`,
    })
    .from(wards)
    .orderBy(asc(wards.createdAt));
  return rows.map((r) => ({ ...r, activeAccounts: Number(r.activeAccounts) }));
}

export async function listWards(db: Db) {
  return db
    .select({ code: wards.code, name: wards.name, province: wards.province, isDemo: wards.isDemo })
    .from(wards)
    .orderBy(asc(wards.createdAt));
}

export type NewUnit = {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  parentCode?: string | undefined;
  households?: number | null | undefined;
};

/** Creates a ward and its units in the caller's transaction; returns unit ids by code. */
export async function createWardWithUnits(
  tx: Db,
  ward: { code: string; name: string; province: string; isDemo: boolean; latitude?: number; longitude?: number },
  newUnits: NewUnit[],
): Promise<{ wardId: string; unitIds: Map<string, string> }> {
  const [existing] = await tx.select({ id: wards.id }).from(wards).where(eq(wards.code, ward.code));
  if (existing) throw new AppError("CONFLICT", `Mã phường "${ward.code}" đã tồn tại.`, 409);
  const [wardRow] = await tx.insert(wards).values(ward).returning();
  if (!wardRow) throw new Error("ward insert returned nothing");
  const unitIds = await addUnits(tx, wardRow.id, newUnits, new Map());
  return { wardId: wardRow.id, unitIds };
}

/** Adds units to a ward (parents first); `known` maps codes already present to ids. */
export async function addUnits(
  tx: Db,
  wardId: string,
  newUnits: NewUnit[],
  known: Map<string, string>,
): Promise<Map<string, string>> {
  const unitIds = new Map(known);
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${units.position}), -1)::int + 1` })
    .from(units)
    .where(eq(units.wardId, wardId));
  let position = next;
  for (const unit of newUnits) {
    const parentId = unit.parentCode ? unitIds.get(unit.parentCode) : undefined;
    if (unit.parentCode && !parentId) throw new Error(`unit ${unit.code}: unknown parent ${unit.parentCode}`);
    const [row] = await tx
      .insert(units)
      .values({
        wardId,
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        kind: unit.kind,
        parentId: parentId ?? null,
        households: unit.households ?? null,
        position: position++,
      })
      .returning({ id: units.id });
    if (!row) throw new Error("unit insert returned nothing");
    unitIds.set(unit.code, row.id);
  }
  return unitIds;
}

export async function wardById(db: Db, wardId: string) {
  const [ward] = await db.select().from(wards).where(eq(wards.id, wardId));
  return ward;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function listWardIds(db: Db): Promise<string[]> {
  return (await db.select({ id: wards.id }).from(wards).orderBy(asc(wards.createdAt))).map((w) => w.id);
}

/** Email addresses of a unit's active officers, for reminder digests. */
export async function unitEmails(db: Db, wardId: string, unitId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.wardId, wardId), eq(users.unitId, unitId), eq(users.active, true)));
  return rows.flatMap((r) => (r.email ? [r.email] : []));
}

export async function countWards(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(wards);
  return Number(row?.n ?? 0);
}

export function toUserSummary(u: typeof users.$inferSelect): UserSummary {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role as Role,
    unitId: u.unitId,
    active: u.active,
    secondFactorEnabled: u.totpSecret !== null,
  };
}

/**
 * An admin changes an account of their ward. Deactivating it or setting a new password ends its
 * sessions; an admin cannot take away their own admin role or deactivate themselves (a ward
 * must never lock itself out).
 */
export async function updateUser(db: Db, actor: Actor, userId: string, input: UpdateUserRequest): Promise<UserSummary> {
  if (!can.manageUsers(actor)) throw forbidden();
  if (userId === actor.userId && ((input.role && input.role !== "admin") || input.active === false)) {
    throw invalid("Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình.", [
      { path: "role", message: "Tài khoản của chính bạn" },
    ]);
  }
  if (input.unitId && !(await unitInWard(db, actor.wardId, input.unitId))) {
    throw invalid("Đơn vị không thuộc phường này.", [{ path: "unitId", message: "Đơn vị không hợp lệ" }]);
  }
  let passwordHash: string | undefined;
  if (input.password) {
    // Checked (and hashed) before the transaction: argon2 must not hold a row lock.
    await assertPasswordAcceptable(input.password, await accountAdminMayChange(db, actor, userId));
    passwordHash = await hashPassword(input.password);
  }
  return db.transaction(async (tx) => {
    const before = await accountAdminMayChange(tx, actor, userId);
    if (input.role && !can.grantRole(actor, input.role)) throw platformAccountsByCliOnly();
    const role = input.role ?? (before.role as Role);
    // A producer's account belongs to its farm: neither given nor taken away here.
    if (role !== before.role && (role === PRODUCER_ROLE || before.role === PRODUCER_ROLE))
      throw producerAccountFromFarm();
    const unitId = input.unitId === undefined ? before.unitId : input.unitId;
    if (role === "unit_officer" && !unitId)
      throw invalid("Cán bộ đơn vị phải thuộc một đơn vị.", [{ path: "unitId", message: "Chọn đơn vị" }]);
    const changes = {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      role,
      unitId,
    };
    const [after] = await tx.update(users).set(changes).where(eq(users.id, userId)).returning();
    if (!after) throw notFound();
    if (passwordHash || input.active === false) {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    }
    // A new password from the admin lifts a throttle strangers put on the name.
    if (passwordHash) await clearThrottle(tx, throttleKeys.account(after.username));
    const snapshot = (u: typeof users.$inferSelect) => ({
      displayName: u.displayName,
      email: u.email,
      role: u.role,
      unitId: u.unitId,
      active: u.active,
    });
    await recordAudit(tx, actor, {
      action: passwordHash ? "user.update_with_password" : "user.update",
      entityType: "user",
      entityId: userId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return toUserSummary(after);
  });
}

/** Every active admin of every ward, for deployment-wide alerts (a scheduled backup failed). */
export async function activeAdmins(db: Db): Promise<{ wardId: string; userId: string }[]> {
  return db
    .select({ wardId: users.wardId, userId: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
}

const platformAccountsByCliOnly = () =>
  forbidden("Tài khoản quản trị nền tảng, tài khoản thành phố chỉ được thay đổi bằng dòng lệnh.");

/** An account of the admin's ward that the admin may change: never one holding a platform role. */
export async function accountAdminMayChange(tx: Db, actor: Actor, userId: string) {
  const [account] = await tx
    .select()
    .from(users)
    .where(and(eq(users.wardId, actor.wardId), eq(users.id, userId)));
  if (!account) throw notFound("Không tìm thấy tài khoản");
  if (!can.grantRole(actor, account.role as Role)) throw platformAccountsByCliOnly();
  return account;
}
