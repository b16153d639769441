import { lt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { JobDefinition } from "../jobs/runner.js";
import { DEVICE_DAYS, SIGN_IN_EVENT_DAYS } from "./sign-in.js";
import { loginChallenges, loginDevices, sessions, signInEvents } from "./tables.js";
import { pruneThrottles } from "./throttle.js";

export const SIGN_IN_HOUSEKEEPING_JOB = "sign-in-housekeeping";

const DAY_MS = 86_400_000;

/**
 * Erases what sign-in leaves behind once its purpose is served: expired sessions and second
 * steps, device cookies unused for DEVICE_DAYS, sign-in events (names typed, addresses: personal
 * data) older than SIGN_IN_EVENT_DAYS, counters idle for a day. A background job, not part of
 * every sign-in: the sign-in path stays short, and retention holds even when nobody signs in.
 */
export async function pruneSignInData(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const removed = {
      sessions: (await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })).length,
      challenges: (
        await tx
          .delete(loginChallenges)
          .where(lt(loginChallenges.expiresAt, now))
          .returning({ id: loginChallenges.tokenHash })
      ).length,
      devices: (
        await tx
          .delete(loginDevices)
          .where(lt(loginDevices.lastUsedAt, new Date(now.getTime() - DEVICE_DAYS * DAY_MS)))
          .returning({ id: loginDevices.id })
      ).length,
      events: (
        await tx
          .delete(signInEvents)
          .where(lt(signInEvents.at, new Date(now.getTime() - SIGN_IN_EVENT_DAYS * DAY_MS)))
          .returning({ id: signInEvents.id })
      ).length,
    };
    await pruneThrottles(tx);
    return removed;
  });
}

/** Hourly: one run per deployment however many processes serve it (jobs module). */
export function signInHousekeepingJob(db: Db): JobDefinition {
  return {
    name: SIGN_IN_HOUSEKEEPING_JOB,
    schedule: { everyMs: 60 * 60_000 },
    retry: { baseMs: 60_000, maxMs: 30 * 60_000 },
    timeoutMs: 10 * 60_000,
    run: () => pruneSignInData(db),
  };
}
