import { z } from "zod";

/** One attempt of a background job (Lần chạy công việc nền). */
export const jobRunSchema = z.object({
  id: z.uuid(),
  job: z.string(),
  /** The scheduled time the run is for. */
  slot: z.string(),
  attempt: z.number().int(),
  status: z.enum(["running", "succeeded", "failed"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type JobRunSummary = z.infer<typeof jobRunSchema>;

/** Tình trạng hệ thống, for the admin: scheduled backups and background jobs. */
export const systemStatusSchema = z.object({
  now: z.string(),
  database: z.enum(["pglite", "postgres"]),
  backup: z.object({
    /** Cron expression (BACKUP_SCHEDULE); null = no scheduled backups. */
    schedule: z.string().nullable(),
    keep: z.number().int(),
    directory: z.string(),
    nextRunAt: z.string().nullable(),
    /** The last backup that was written and verified. */
    last: z
      .object({ finishedAt: z.string(), file: z.string(), bytes: z.number().int(), rows: z.number().int() })
      .nullable(),
    /** The latest attempt, whatever came of it. */
    lastAttempt: jobRunSchema.nullable(),
  }),
  jobs: z.array(z.object({ name: z.string(), schedule: z.string(), nextRunAt: z.string().nullable() })),
  recentRuns: z.array(jobRunSchema),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;
