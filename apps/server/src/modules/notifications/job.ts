import type { Db } from "../../db/client.js";
import type { JobDefinition } from "../jobs/runner.js";
import type { Mailer } from "./mailer.js";
import { runReminders } from "./service.js";

export const REMINDERS_JOB = "reminders";

/** Nhắc việc: computed every REMINDER_INTERVAL_MINUTES, once for the deployment. */
export function remindersJob(db: Db, mailer: Mailer | null, intervalMinutes: number): JobDefinition {
  const everyMs = Math.round(intervalMinutes * 60_000);
  return {
    name: REMINDERS_JOB,
    schedule: { everyMs },
    retry: { baseMs: 30_000, maxMs: Math.max(30_000, Math.floor(everyMs / 2)) },
    timeoutMs: 30 * 60_000,
    async run() {
      return runReminders(db, mailer);
    },
  };
}
