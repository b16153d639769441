import crypto from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { SecondFactorLoginRequest } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { AppError } from "../../lib/errors.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { loginChallenges, loginDevices, recoveryCodes, sessions, signInEvents, users } from "./tables.js";
import {
  clearThrottle,
  refundAttempt,
  reserveAll,
  reserveAttempt,
  throttleKeys,
  type Reservation,
  type ThrottleKey,
} from "./throttle.js";
import { matchTotpStep, normaliseRecoveryCode, sha256 } from "./totp.js";

/** Where a request comes from: the address (after TRUST_PROXY), its browser, its device cookie. */
export type Client = { address: string; userAgent: string | null; deviceToken?: string | undefined };

export type Session = { token: string; csrfToken: string; expiresAt: Date };

export type SignInResult =
  | { kind: "session"; session: Session; userId: string; deviceToken: string }
  | { kind: "second_factor"; challengeToken: string; expiresAt: Date };

/** The second step must follow the password within this time. */
const CHALLENGE_MINUTES = 5;
/** A device cookie unused this long is forgotten. */
export const DEVICE_DAYS = 180;
/** Sign-in events hold names typed and addresses (personal data): kept this long, then erased. */
export const SIGN_IN_EVENT_DAYS = 180;

// Verified against when the user does not exist, so timing does not reveal which names exist.
const dummyHash = hashPassword("phuong-xanh-timing-equaliser");

const INVALID_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng.";

/** 429 with the wait in minutes; the route adds Retry-After. */
export class ThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "LOGIN_THROTTLED",
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
      429,
    );
  }
}

type EventInput = {
  event: string;
  username?: string | null;
  user?: { id: string; wardId: string } | undefined;
  client: Client;
  detail?: Record<string, unknown>;
};

/** One row of the sign-in log (see `signInEvents` for why it is not the audit log). */
export async function recordSignInEvent(db: Db, input: EventInput): Promise<void> {
  await db.insert(signInEvents).values({
    event: input.event,
    username: input.username ? input.username.toLowerCase().slice(0, 100) : null,
    userId: input.user?.id ?? null,
    wardId: input.user?.wardId ?? null,
    address: input.client.address,
    userAgent: input.client.userAgent?.slice(0, 300) ?? null,
    detail: input.detail ?? null,
  });
}

const keyKind = (key: string) => key.slice(0, key.indexOf(":"));

async function refuseThrottled(db: Db, reservation: Reservation, input: Omit<EventInput, "event">): Promise<never> {
  if (reservation.allowed) throw new Error("refuseThrottled called with an allowed reservation");
  await recordSignInEvent(db, {
    ...input,
    event: "sign_in.throttled",
    detail: { ...input.detail, limit: keyKind(reservation.key), retryAfterSeconds: reservation.retryAfterSeconds },
  });
  throw new ThrottledError(reservation.retryAfterSeconds);
}

/** The device behind a device cookie, if the cookie is one this server gave out. */
async function deviceOf(db: Db, token: string | undefined) {
  if (!token || token.length > 200) return undefined;
  const [device] = await db
    .select()
    .from(loginDevices)
    .where(eq(loginDevices.tokenHash, sha256(token)));
  return device;
}

/**
 * Step one: user name and password. Every attempt is counted before the password is checked
 * (throttle.ts). A browser that carries this user's device cookie is counted on its own key;
 * any other is counted on the name typed and on its address, the same way whether the name
 * exists or not, so answers (status, code, message, and whether a hash is computed) never tell
 * the two apart.
 */
export async function signIn(
  db: Db,
  usernameInput: string,
  password: string,
  client: Client,
  sessionHours: number,
): Promise<SignInResult> {
  // PostgreSQL text cannot hold NUL: such a name matches no account and is counted like any other.
  const username = usernameInput
    .trim()
    .toLowerCase()
    .replace(/\u0000/g, "\uFFFD");
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username}`);
  const device = await deviceOf(db, client.deviceToken);
  const trustedDevice = device && user && device.userId === user.id ? device : undefined;
  const keys: ThrottleKey[] = trustedDevice
    ? [throttleKeys.device(trustedDevice.id)]
    : [throttleKeys.account(username), throttleKeys.address(client.address)];
  const eventBase = { username, user, client, detail: { device: trustedDevice ? "known" : "new" } };

  const reservation = await reserveAll(db, keys);
  if (!reservation.allowed) return refuseThrottled(db, reservation, eventBase);

  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !ok || !user.active) {
    const reason = !user ? "unknown_user" : !ok ? "wrong_password" : "inactive";
    await recordSignInEvent(db, { ...eventBase, event: "sign_in.failure", detail: { ...eventBase.detail, reason } });
    throw new AppError("LOGIN_FAILED", INVALID_LOGIN, 401);
  }

  // The password is right: this account's (or device's) counter starts again; the address
  // gives back the failure it had counted in advance, but keeps others' (an office's NAT).
  for (const key of keys) {
    if (key.key.startsWith("address:")) await refundAttempt(db, key);
    else await clearThrottle(db, key);
  }

  if (user.totpSecret) {
    const challengeToken = crypto.randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
    await db.transaction(async (tx) => {
      await tx.insert(loginChallenges).values({
        tokenHash: sha256(challengeToken),
        userId: user.id,
        wardId: user.wardId,
        viaDevice: Boolean(trustedDevice),
        expiresAt,
      });
      await recordSignInEvent(tx, { ...eventBase, event: "sign_in.second_factor_required" });
    });
    return { kind: "second_factor", challengeToken, expiresAt };
  }

  return {
    kind: "session",
    ...(await startSession(db, user, client, sessionHours, { ...eventBase.detail, method: "password" })),
  };
}

/**
 * Step two: a code of the authenticator app, or one recovery code. The challenge from step one
 * names the user; codes are throttled per user, so restarting step one gains nothing.
 */
export async function completeSecondFactor(
  db: Db,
  challengeToken: string | undefined,
  input: SecondFactorLoginRequest,
  client: Client,
  sessionHours: number,
): Promise<{ session: Session; userId: string; deviceToken: string }> {
  const expired = new AppError("SIGN_IN_EXPIRED", "Phiên đăng nhập đã hết hạn. Vui lòng nhập lại mật khẩu.", 401);
  if (!challengeToken || challengeToken.length > 200) throw expired;
  const [challenge] = await db
    .select()
    .from(loginChallenges)
    .where(and(eq(loginChallenges.tokenHash, sha256(challengeToken)), gt(loginChallenges.expiresAt, new Date())));
  if (!challenge) throw expired;
  const [user] = await db.select().from(users).where(eq(users.id, challenge.userId));
  if (!user || !user.active || !user.totpSecret) throw expired;
  const method = "code" in input ? "totp" : "recovery_code";
  const eventBase = { username: user.username, user, client, detail: { method } };

  const key = throttleKeys.secondFactor(user.id);
  const reservation = await reserveAttempt(db, key);
  if (!reservation.allowed) return refuseThrottled(db, reservation, eventBase);

  const accepted =
    "code" in input
      ? await acceptTotpCode(db, user.id, user.totpSecret, input.code)
      : await useRecoveryCode(db, user.id, input.recoveryCode);
  if (!accepted) {
    await recordSignInEvent(db, { ...eventBase, event: "sign_in.second_factor_failure" });
    throw new AppError(
      "SECOND_FACTOR_INVALID",
      "code" in input
        ? "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Hãy nhập mã mới trong ứng dụng xác thực."
        : "Mã khôi phục không đúng hoặc đã được dùng.",
      401,
    );
  }
  await clearThrottle(db, key);
  // One challenge, one session: two requests racing with two good codes cannot both win.
  const consumed = await db
    .delete(loginChallenges)
    .where(eq(loginChallenges.tokenHash, sha256(challengeToken)))
    .returning({ userId: loginChallenges.userId });
  if (consumed.length === 0) throw expired;
  const detail: Record<string, unknown> = {
    device: challenge.viaDevice ? "known" : "new",
    method: `password+${method}`,
  };
  if (method === "recovery_code") detail.recoveryCodesLeft = await unusedRecoveryCodes(db, user.id);
  return startSession(db, user, client, sessionHours, detail);
}

/**
 * A code of `secret` for a step after the last one used; the step is recorded by the same
 * statement that checks it, so a code replayed (even concurrently) is refused.
 */
export async function acceptTotpCode(db: Db, userId: string, secret: string, code: string): Promise<boolean> {
  const step = matchTotpStep(secret, code);
  if (step === null) return false;
  const updated = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return updated.length === 1;
}

export const recoveryCodeHash = (userId: string, code: string) => sha256(`${userId}:${normaliseRecoveryCode(code)}`);

async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, recoveryCodeHash(userId, code)),
        sql`${recoveryCodes.usedAt} is null`,
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), sql`${recoveryCodes.usedAt} is null`));
  return Number(row?.n ?? 0);
}

/**
 * A new session for a user who proved who they are, and the device cookie to keep (this
 * browser's, renewed, or a new one). What expires is erased by the housekeeping job.
 */
export async function startSession(
  db: Db,
  user: { id: string; wardId: string; username: string },
  client: Client,
  sessionHours: number,
  detail: Record<string, unknown>,
): Promise<{ session: Session; userId: string; deviceToken: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  const device = await deviceOf(db, client.deviceToken);
  const keepDevice = device && device.userId === user.id;
  const deviceToken =
    keepDevice && client.deviceToken ? client.deviceToken : crypto.randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: sha256(token),
      userId: user.id,
      wardId: user.wardId,
      csrfToken,
      expiresAt,
      lastUsedAt: now,
      address: client.address,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    if (keepDevice) {
      await tx
        .update(loginDevices)
        .set({ lastUsedAt: now })
        .where(eq(loginDevices.tokenHash, sha256(deviceToken)));
    } else {
      await tx.insert(loginDevices).values({ tokenHash: sha256(deviceToken), userId: user.id, wardId: user.wardId });
    }
    await recordSignInEvent(tx, { event: "sign_in.success", username: user.username, user, client, detail });
  });
  return { session: { token, csrfToken, expiresAt }, userId: user.id, deviceToken };
}

/** Signing out: the session ends; the device cookie stays (it only says "seen here before"). */
export async function signOut(db: Db, token: string, client: Client): Promise<void> {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.tokenHash, sha256(token)))
    .returning({ userId: sessions.userId, wardId: sessions.wardId });
  const [session] = ended;
  if (session)
    await recordSignInEvent(db, { event: "sign_out", user: { id: session.userId, wardId: session.wardId }, client });
}
