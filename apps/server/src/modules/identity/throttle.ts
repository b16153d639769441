import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { loginThrottles } from "./tables.js";

/**
 * Growing back-off for failed sign-ins. `free` failures pass; from then on each further failure
 * doubles the wait (`baseSeconds`, 2×, 4×, …) up to `capSeconds`. A counter whose last attempt
 * is older than a day starts again.
 */
export type ThrottlePolicy = { free: number; baseSeconds: number; capSeconds: number };

/** One account, as typed: a real name and a name that exists nowhere are counted alike. */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseSeconds: 60, capSeconds: 30 * 60 };
/** A browser the user signed in from before: its own counter, apart from strangers'. */
export const DEVICE_POLICY: ThrottlePolicy = ACCOUNT_POLICY;
/** One client address: a ward office shares one NAT address, so more failures pass. */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, baseSeconds: 60, capSeconds: 30 * 60 };
/** Codes of the second step, and passwords typed to confirm a change, per user. */
export const USER_POLICY: ThrottlePolicy = { free: 5, baseSeconds: 60, capSeconds: 30 * 60 };

export type ThrottleKey = { key: string; policy: ThrottlePolicy };

export const throttleKeys = {
  account: (username: string): ThrottleKey => ({ key: `account:${username.toLowerCase()}`, policy: ACCOUNT_POLICY }),
  device: (deviceId: string): ThrottleKey => ({ key: `device:${deviceId}`, policy: DEVICE_POLICY }),
  address: (address: string): ThrottleKey => ({ key: `address:${address}`, policy: ADDRESS_POLICY }),
  secondFactor: (userId: string): ThrottleKey => ({ key: `second-factor:${userId}`, policy: USER_POLICY }),
  reauth: (userId: string): ThrottleKey => ({ key: `reauth:${userId}`, policy: USER_POLICY }),
};

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number; key: string };

/**
 * Counts one attempt on `key` and says whether it may be checked, in ONE statement: concurrent
 * attempts queue on the row's lock, so the sixth of forty simultaneous wrong passwords already
 * sees five counted and is refused before any password hash is computed. An attempt let through
 * is counted as a failure in advance; success undoes that (`clearThrottle`, `refundThrottle`).
 */
export async function reserveAttempt(db: Db, { key, policy }: ThrottleKey): Promise<Reservation> {
  const { free, baseSeconds, capSeconds } = policy;
  // stale: the last attempt is over a day old, so the counter starts again.
  const stale = sql`t.last_attempt_at < now() - interval '1 day'`;
  const open = sql`(${stale} or t.blocked_until is null or t.blocked_until <= now())`;
  const previous = sql`(case when ${stale} then 0 else t.failures end)`;
  const waitAfter = (failures: ReturnType<typeof sql>) =>
    sql`case when ${failures} >= ${free}
      then now() + make_interval(secs => least(${baseSeconds}::float8 * power(2, ${failures} - ${free}), ${capSeconds}::float8))
      else null end`;
  const result = await db.execute(sql`
    insert into login_throttles as t (key, attempts, failures, blocked_until, allowed, last_attempt_at)
    values (${key}, 1, 1, ${waitAfter(sql`1`)}, true, now())
    on conflict (key) do update set
      attempts = (case when ${stale} then 0 else t.attempts end) + 1,
      failures = case when ${open} then ${previous} + 1 else ${previous} end,
      blocked_until = case when ${open} then ${waitAfter(sql`(${previous} + 1)`)} else t.blocked_until end,
      allowed = ${open},
      last_attempt_at = now()
    returning allowed, greatest(0, ceil(extract(epoch from (blocked_until - now()))))::int as wait`);
  const row = rowsOf<{ allowed: boolean; wait: number | null }>(result)[0];
  if (!row) throw new Error("throttle upsert returned nothing");
  if (row.allowed) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Number(row.wait ?? 1)), key };
}

/** Takes back one counted failure: the attempt succeeded, or another key refused it unchecked. */
export async function refundAttempt(db: Db, { key, policy }: ThrottleKey): Promise<void> {
  await db.execute(sql`
    update login_throttles set
      failures = greatest(failures - 1, 0),
      blocked_until = case when failures - 1 < ${policy.free} then null else blocked_until end
    where key = ${key}`);
}

/** The right password (or code) for this key: its counter starts again. */
export async function clearThrottle(db: Db, { key }: ThrottleKey): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

/**
 * Reserves an attempt on every key, in order; stops at the first refusal and gives back what
 * the keys before it had counted as failures (their attempt count stays: it did happen).
 */
export async function reserveAll(db: Db, keys: ThrottleKey[]): Promise<Reservation> {
  const taken: ThrottleKey[] = [];
  for (const key of keys) {
    const reservation = await reserveAttempt(db, key);
    if (!reservation.allowed) {
      for (const done of taken) await refundAttempt(db, done);
      return reservation;
    }
    taken.push(key);
  }
  return { allowed: true };
}

/** Counters nobody has touched for a day (names typed once, addresses long gone). */
export async function pruneThrottles(db: Db): Promise<void> {
  await db.execute(sql`
    delete from login_throttles
    where last_attempt_at < now() - interval '1 day' and (blocked_until is null or blocked_until < now())`);
}

export async function throttleRows(db: Db, keys: string[]) {
  return db.select().from(loginThrottles).where(inArray(loginThrottles.key, keys));
}

/** drizzle's execute answers `{rows}` on both drivers (PGlite and node-postgres). */
export function rowsOf<T>(result: unknown): T[] {
  if (typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows))
    return result.rows as T[];
  return [];
}
