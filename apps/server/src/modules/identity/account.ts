import { and, desc, eq, gt } from "drizzle-orm";
import Bowser from "bowser";
import type {
  ChangePasswordRequest,
  RecoveryCodes,
  SecondFactorProof,
  SecondFactorSetup,
  SecondFactorStatus,
  SessionInfo,
  UserSummary,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { AppError, forbidden, invalid, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { assertPasswordAcceptable } from "./password-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { can, secondFactorRequiredFor } from "./policy.js";
import { loginChallenges, recoveryCodes, sessions, users } from "./tables.js";
import { clearThrottle, reserveAttempt, throttleKeys, type ThrottleKey } from "./throttle.js";
import { newRecoveryCodes, newTotpSecret, otpauthUri, qrCodeDataUrl } from "./totp.js";
import {
  acceptTotpCode,
  recoveryCodeHash,
  startSession,
  ThrottledError,
  unusedRecoveryCodes,
  type Client,
  type Session,
} from "./sign-in.js";
import { accountAdminMayChange, toUserSummary } from "./service.js";

async function userOf(db: Db, actor: Actor) {
  if (!actor.userId) throw forbidden();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound("Không tìm thấy tài khoản");
  return user;
}

/** Counts a check of something only the user knows (password, code) against brute force. */
async function guarded<T>(db: Db, key: ThrottleKey, check: () => Promise<T | false>): Promise<T | false> {
  const reservation = await reserveAttempt(db, key);
  if (!reservation.allowed) throw new ThrottledError(reservation.retryAfterSeconds);
  const result = await check();
  if (result !== false) await clearThrottle(db, key);
  return result;
}

function describeDevice(userAgent: string | null): Pick<SessionInfo, "browser" | "os" | "deviceType"> {
  if (!userAgent) return { browser: null, os: null, deviceType: null };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split(".")[0];
  const browser = parsed.browser.name ? `${parsed.browser.name}${major ? ` ${major}` : ""}` : null;
  const osVersion = parsed.os.versionName ?? parsed.os.version;
  const os = parsed.os.name ? `${parsed.os.name}${osVersion ? ` ${osVersion}` : ""}` : null;
  return { browser, os, deviceType: parsed.platform.type ?? null };
}

/** Phiên đăng nhập of the user, newest use first, the current one marked. */
export async function listSessions(db: Db, actor: Actor, currentSessionId: string): Promise<SessionInfo[]> {
  if (!actor.userId) throw forbidden();
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastUsedAt));
  return rows.map((s) => ({
    id: s.id,
    ...describeDevice(s.userAgent),
    address: s.address,
    createdAt: s.createdAt.toISOString(),
    lastUsedAt: s.lastUsedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === currentSessionId,
  }));
}

/** Ends one of the user's own sessions (another browser, a lost phone). */
export async function revokeSession(db: Db, actor: Actor, sessionId: string): Promise<void> {
  if (!actor.userId) throw forbidden();
  const userId = actor.userId;
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
      .returning();
    if (!ended) throw notFound("Không tìm thấy phiên đăng nhập");
    await recordAudit(tx, actor, {
      action: "user.session_revoke",
      entityType: "user",
      entityId: userId,
      before: { session: sessionId, ...describeDevice(ended.userAgent), address: ended.address },
      after: null,
    });
  });
}

/**
 * The user changes their own password, proving the current one. Every session ends (a thief's
 * too); this browser gets a new one so the user stays signed in.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: ChangePasswordRequest,
  client: Client,
  sessionHours: number,
): Promise<Session> {
  const user = await userOf(db, actor);
  const ok = await guarded(db, throttleKeys.reauth(user.id), async () =>
    (await verifyPassword(user.passwordHash, input.currentPassword)) ? true : false,
  );
  if (!ok)
    throw new AppError("PASSWORD_INCORRECT", "Mật khẩu hiện tại không đúng.", 400, [
      { path: "currentPassword", message: "Mật khẩu hiện tại không đúng" },
    ]);
  if (input.newPassword === input.currentPassword)
    throw invalid("Mật khẩu mới phải khác mật khẩu hiện tại.", [
      { path: "newPassword", message: "Trùng mật khẩu hiện tại" },
    ]);
  await assertPasswordAcceptable(input.newPassword, user, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, user.id));
    await recordAudit(tx, actor, {
      action: "user.password_change",
      entityType: "user",
      entityId: user.id,
      before: null,
      after: { sessionsEnded: true },
    });
  });
  const { session } = await startSession(db, user, client, sessionHours, { method: "password_change" });
  return session;
}

export async function secondFactorStatus(db: Db, actor: Actor, require2faAdmin: boolean): Promise<SecondFactorStatus> {
  const user = await userOf(db, actor);
  return {
    enabled: user.totpSecret !== null,
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: user.totpSecret ? await unusedRecoveryCodes(db, user.id) : 0,
    required: secondFactorRequiredFor(user.role, require2faAdmin),
  };
}

/** Enrolment, step 1: a new secret, kept aside until a code from the app confirms it. */
export async function startSecondFactorSetup(db: Db, actor: Actor): Promise<SecondFactorSetup> {
  const user = await userOf(db, actor);
  if (user.totpSecret)
    throw new AppError("CONFLICT", "Xác thực hai bước đã được bật. Hãy tắt trước khi đăng ký lại.", 409);
  const secret = newTotpSecret();
  await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, user.id));
  const uri = otpauthUri(secret, user.username);
  return { secret, otpauthUri: uri, qrCode: await qrCodeDataUrl(uri) };
}

async function replaceRecoveryCodes(tx: Db, user: { id: string; wardId: string }): Promise<string[]> {
  const userId = user.id;
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ wardId: user.wardId, userId, codeHash: recoveryCodeHash(userId, code) })));
  return codes;
}

const wrongCode = () =>
  new AppError(
    "SECOND_FACTOR_INVALID",
    "Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trong ứng dụng.",
    400,
    [{ path: "code", message: "Mã không đúng" }],
  );

/** Enrolment, step 2: the code proves the app holds the secret; ten recovery codes, shown once. */
export async function confirmSecondFactor(db: Db, actor: Actor, code: string): Promise<RecoveryCodes> {
  const user = await userOf(db, actor);
  if (user.totpSecret) throw new AppError("CONFLICT", "Xác thực hai bước đã được bật.", 409);
  const secret = user.totpPendingSecret;
  if (!secret) throw invalid("Chưa bắt đầu đăng ký xác thực hai bước. Hãy bấm “Bật xác thực hai bước” trước.");
  const ok = await guarded(db, throttleKeys.secondFactor(user.id), async () =>
    (await acceptTotpCode(db, user.id, secret, code)) ? true : false,
  );
  if (!ok) throw wrongCode();
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: secret, totpPendingSecret: null, totpEnabledAt: new Date() })
      .where(eq(users.id, user.id));
    const codes = await replaceRecoveryCodes(tx, user);
    await recordAudit(tx, actor, {
      action: "user.second_factor_enable",
      entityType: "user",
      entityId: user.id,
      before: { secondFactorEnabled: false },
      after: { secondFactorEnabled: true, recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}

/** A current code or the password, counted against guessing. */
async function proveIdentity(db: Db, user: typeof users.$inferSelect, proof: SecondFactorProof): Promise<void> {
  if ("code" in proof) {
    const secret = user.totpSecret;
    if (!secret) throw invalid("Xác thực hai bước chưa được bật.");
    const ok = await guarded(db, throttleKeys.secondFactor(user.id), async () =>
      (await acceptTotpCode(db, user.id, secret, proof.code)) ? true : false,
    );
    if (!ok) throw wrongCode();
    return;
  }
  const ok = await guarded(db, throttleKeys.reauth(user.id), async () =>
    (await verifyPassword(user.passwordHash, proof.password)) ? true : false,
  );
  if (!ok)
    throw new AppError("PASSWORD_INCORRECT", "Mật khẩu không đúng.", 400, [
      { path: "password", message: "Mật khẩu không đúng" },
    ]);
}

export async function disableSecondFactor(
  db: Db,
  actor: Actor,
  proof: SecondFactorProof,
  require2faAdmin: boolean,
): Promise<void> {
  const user = await userOf(db, actor);
  if (!user.totpSecret) throw invalid("Xác thực hai bước chưa được bật.");
  if (secondFactorRequiredFor(user.role, require2faAdmin))
    throw forbidden("Tài khoản quản trị bắt buộc dùng xác thực hai bước (REQUIRE_2FA_ADMIN): không thể tắt.");
  await proveIdentity(db, user, proof);
  await db.transaction(async (tx) => {
    await clearSecondFactor(tx, user.id);
    await recordAudit(tx, actor, {
      action: "user.second_factor_disable",
      entityType: "user",
      entityId: user.id,
      before: { secondFactorEnabled: true },
      after: { secondFactorEnabled: false },
    });
  });
}

/** New recovery codes (the old ones stop working), e.g. when most are used or were exposed. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, proof: SecondFactorProof): Promise<RecoveryCodes> {
  const user = await userOf(db, actor);
  if (!user.totpSecret) throw invalid("Xác thực hai bước chưa được bật.");
  await proveIdentity(db, user, proof);
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user);
    await recordAudit(tx, actor, {
      action: "user.recovery_codes_regenerate",
      entityType: "user",
      entityId: user.id,
      before: null,
      after: { recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}

async function clearSecondFactor(tx: Db, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/**
 * An admin removes another account's second factor (a lost phone and lost recovery codes): the
 * account signs in with its password again and may enrol anew; all its sessions end.
 */
export async function resetSecondFactor(db: Db, actor: Actor, userId: string): Promise<UserSummary> {
  if (!can.manageUsers(actor)) throw forbidden();
  if (userId === actor.userId)
    throw invalid("Hãy tắt xác thực hai bước của chính bạn trong trang Hồ sơ (cần mã hoặc mật khẩu).");
  return db.transaction(async (tx) => {
    const before = await accountAdminMayChange(tx, actor, userId);
    await clearSecondFactor(tx, userId);
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    await recordAudit(tx, actor, {
      action: "user.second_factor_reset",
      entityType: "user",
      entityId: userId,
      before: { secondFactorEnabled: before.totpSecret !== null },
      after: { secondFactorEnabled: false, sessionsEnded: ended.length },
    });
    const [after] = await tx.select().from(users).where(eq(users.id, userId));
    if (!after) throw notFound();
    return toUserSummary(after);
  });
}
