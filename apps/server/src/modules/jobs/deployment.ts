import type { Db } from "../../db/client.js";
import type { Config } from "../../lib/config.js";
import { certifiedAreaJob } from "../agriculture/jobs.js";
import { backupJob } from "../backup/scheduled.js";
import { feedbackMailJob } from "../feedback/mail.js";
import { feedbackRetentionJob } from "../feedback/privacy.js";
import { signInHousekeepingJob } from "../identity/housekeeping.js";
import { remindersJob } from "../notifications/job.js";
import type { Mailer } from "../notifications/mailer.js";
import type { JobDefinition } from "./runner.js";

/** The background jobs of a deployment, from its configuration. */
export function deploymentJobs(db: Db, config: Config, mailer: Mailer | null): JobDefinition[] {
  const jobs = [
    remindersJob(db, mailer, config.reminderIntervalMinutes),
    signInHousekeepingJob(db),
    feedbackMailJob(db, mailer, config.publicUrl),
    feedbackRetentionJob(db, config.feedbackContactRetentionDays),
    certifiedAreaJob(db),
  ];
  if (config.backupSchedule)
    jobs.push(backupJob(db, { schedule: config.backupSchedule, dir: config.backupDir, keep: config.backupKeep }));
  return jobs;
}
