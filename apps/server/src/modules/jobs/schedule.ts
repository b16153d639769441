import { Cron } from "croner";

/** When a job runs: a cron expression (in Vietnam time), or every N milliseconds. */
export type Schedule = { cron: string } | { everyMs: number };

/** How a failed run is tried again: after baseMs, doubling each attempt, never longer than maxMs. */
export type RetryPolicy = { baseMs: number; maxMs: number };

/**
 * Cron expressions are read in Vietnam time (UTC+7, no daylight saving), whatever the server's
 * clock is set to: "0 2 * * *" is 2 a.m. in Hải Phòng, as deadlines are days there.
 */
export const SCHEDULE_TIMEZONE = "Asia/Ho_Chi_Minh";

function cronOf(expression: string): Cron {
  return new Cron(expression, { paused: true, timezone: SCHEDULE_TIMEZONE });
}

/**
 * The slot due at `now`: the latest scheduled time not after it. Every process computes the same
 * slot from the same clock reading, which is what lets them agree on "this run" by its key.
 * Interval slots are aligned on the epoch for the same reason.
 */
export function currentSlot(schedule: Schedule, now: Date): Date | null {
  if ("everyMs" in schedule) return new Date(Math.floor(now.getTime() / schedule.everyMs) * schedule.everyMs);
  const cron = cronOf(schedule.cron);
  const [previous] = cron.previousRuns(1, now);
  // previousRuns leaves out a run at exactly `now` (to the millisecond); match() catches it.
  const exact = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (cron.match(exact) && (!previous || previous < exact)) return exact;
  return previous ?? null;
}

/** The first slot after `now`. */
export function nextSlot(schedule: Schedule, now: Date): Date | null {
  if ("everyMs" in schedule) return new Date((Math.floor(now.getTime() / schedule.everyMs) + 1) * schedule.everyMs);
  return cronOf(schedule.cron).nextRun(now);
}

/** Delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

export function describeSchedule(schedule: Schedule): string {
  if ("cron" in schedule) return schedule.cron;
  const minutes = schedule.everyMs / 60_000;
  return Number.isInteger(minutes) ? `mỗi ${minutes} phút` : `mỗi ${schedule.everyMs / 1000} giây`;
}
