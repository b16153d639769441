import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Lần chạy công việc nền: one row per attempt at a job's scheduled slot. The unique
 * (job, slot, attempt) key is the claim: of several app processes on one database, the one whose
 * insert lands runs the attempt, the others see the row and skip it. Deployment-wide, not a
 * ward's (no ward_id).
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    job: text("job").notNull(),
    /** The scheduled time this run is for (cron slot, or the start of the interval). */
    slot: timestamp("slot", { withTimezone: true }).notNull(),
    attempt: integer("attempt").notNull(),
    /** running | succeeded | failed */
    status: text("status").notNull(),
    /** host:pid of the process that claimed it. */
    owner: text("owner").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    /** Past this, a run still "running" is taken as abandoned (its process died) and tried again. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
    details: jsonb("details"),
  },
  (t) => [
    uniqueIndex("job_runs_claim_uq").on(t.job, t.slot, t.attempt),
    index("job_runs_job_started_idx").on(t.job, t.startedAt),
  ],
);
