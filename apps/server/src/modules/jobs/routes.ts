import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { systemStatusSchema, type JobRunSummary, type SystemStatus } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { forbidden } from "../../lib/errors.js";
import { actorOf } from "../../lib/http.js";
import { BACKUP_JOB } from "../backup/scheduled.js";
import { deploymentJobs } from "./deployment.js";
import { canSeeSystemStatus } from "./policy.js";
import { describeSchedule, nextSlot } from "./schedule.js";
import { lastRun, lastRunWithStatus, recentRuns, type JobRun } from "./service.js";

function toSummary(run: JobRun): JobRunSummary {
  return {
    id: run.id,
    job: run.job,
    slot: run.slot.toISOString(),
    attempt: run.attempt,
    status: run.status as JobRunSummary["status"],
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}

export const jobRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, config } = ctx;
  app.get(
    "/api/system/status",
    {
      schema: {
        tags: ["system"],
        summary: "Tình trạng sao lưu và công việc nền (quản trị)",
        response: { 200: systemStatusSchema },
      },
    },
    async (request): Promise<SystemStatus> => {
      if (!canSeeSystemStatus(actorOf(request))) throw forbidden();
      const now = new Date();
      const jobs = deploymentJobs(db, config, null);
      const [success, latest, runs] = await Promise.all([
        lastRunWithStatus(db, BACKUP_JOB, "succeeded"),
        lastRun(db, BACKUP_JOB),
        recentRuns(db, 20),
      ]);
      const details = (success?.details ?? {}) as { file?: unknown; bytes?: unknown; rows?: unknown };
      return {
        now: now.toISOString(),
        database: ctx.databaseKind,
        backup: {
          schedule: config.backupSchedule ?? null,
          keep: config.backupKeep,
          directory: config.backupDir,
          nextRunAt: config.backupSchedule
            ? (nextSlot({ cron: config.backupSchedule }, now)?.toISOString() ?? null)
            : null,
          last: success?.finishedAt
            ? {
                finishedAt: success.finishedAt.toISOString(),
                file: typeof details.file === "string" ? details.file : "",
                bytes: typeof details.bytes === "number" ? details.bytes : 0,
                rows: typeof details.rows === "number" ? details.rows : 0,
              }
            : null,
          lastAttempt: latest ? toSummary(latest) : null,
        },
        jobs: jobs.map((job) => ({
          name: job.name,
          schedule: describeSchedule(job.schedule),
          nextRunAt: nextSlot(job.schedule, now)?.toISOString() ?? null,
        })),
        recentRuns: runs.map(toSummary),
      };
    },
  );
};
