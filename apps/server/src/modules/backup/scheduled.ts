import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/client.js";
import { errorText } from "../../lib/logging.js";
import type { JobDefinition } from "../jobs/runner.js";
import { lastRun, lastRunWithStatus } from "../jobs/service.js";
import { notifyAdmins } from "../notifications/service.js";
import type { BackupFacts } from "../metrics/service.js";
import { backupTo, verifyBackup } from "./service.js";

export const BACKUP_JOB = "backup";

/** Only files named like this are this feature's: pruning never touches anything else. */
const BACKUP_FILE = /^phuong-xanh-\d{8}T\d{6}\d{3}Z\.jsonl\.gz$/;
const TEMP_FILE = /^\.phuong-xanh-\d{8}T\d{6}\d{3}Z\.jsonl\.gz\.tmp(\.partial)?$/;

export type ScheduledBackup = {
  file: string;
  bytes: number;
  rows: number;
  tables: number;
  pruned: string[];
};

function fileStamp(at: Date): string {
  // 2026-11-29T02:00:00.123Z → 20261129T020000123Z: sorts by time, safe on every file system.
  return at.toISOString().replace(/[-:.]/g, "");
}

/**
 * Sao lưu theo lịch: a consistent dump into `dir`, read back and checked (every line parses, each
 * table's row count matches what was written) under a temporary name, then renamed to its final
 * name — a file with that name is always a verified backup. Then only the newest `keep` of this
 * feature's files stay.
 */
export async function takeScheduledBackup(
  db: Db,
  options: { dir: string; keep: number; now?: Date },
): Promise<ScheduledBackup> {
  const now = options.now ?? new Date();
  fs.mkdirSync(options.dir, { recursive: true });
  const name = `phuong-xanh-${fileStamp(now)}.jsonl.gz`;
  const temp = path.join(options.dir, `.${name}.tmp`);
  const final = path.join(options.dir, name);
  try {
    const written = await backupTo(db, temp);
    await verifyBackup(temp, written.counts);
    // Flushed to disk before it takes its final name.
    const fd = fs.openSync(temp, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, final);
    const bytes = fs.statSync(final).size;
    return {
      file: name,
      bytes,
      rows: written.rows,
      tables: written.tables,
      pruned: pruneBackups(options.dir, options.keep),
    };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Deletes this feature's backups beyond the newest `keep`, and temporary files left by a crash. */
export function pruneBackups(dir: string, keep: number): string[] {
  const names = fs.readdirSync(dir);
  const backups = names.filter((n) => BACKUP_FILE.test(n)).sort();
  const doomed = backups.slice(0, Math.max(0, backups.length - keep));
  const dayAgo = Date.now() - 86_400_000;
  const staleTemps = names.filter((n) => TEMP_FILE.test(n) && fs.statSync(path.join(dir, n)).mtimeMs < dayAgo);
  for (const name of [...doomed, ...staleTemps]) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}

/** The backup job for the runner: BACKUP_SCHEDULE, retried with back-off, admins told on failure. */
export function backupJob(db: Db, options: { schedule: string; dir: string; keep: number }): JobDefinition {
  return {
    name: BACKUP_JOB,
    schedule: { cron: options.schedule },
    retry: { baseMs: 60_000, maxMs: 60 * 60_000 },
    timeoutMs: 2 * 60 * 60_000,
    async run() {
      return takeScheduledBackup(db, { dir: options.dir, keep: options.keep });
    },
    async onFailure(error, { streak }) {
      // One alert per failure streak: every retry of it carries the same key.
      await notifyAdmins(db, {
        kind: "backup_failed",
        title: "Sao lưu tự động không thành công",
        body: `Bản sao lưu theo lịch không tạo được: ${errorText(error)}. Hệ thống sẽ tự thử lại; hãy kiểm tra thư mục sao lưu và ổ đĩa của máy chủ.`,
        dedupeKey: `backup_failed:${streak}`,
      });
    },
  };
}

/** The last backup as recorded in the job table (any process may have taken it). */
export async function backupFacts(db: Db): Promise<BackupFacts> {
  const [success, latest] = await Promise.all([
    lastRunWithStatus(db, BACKUP_JOB, "succeeded"),
    lastRun(db, BACKUP_JOB),
  ]);
  const bytes =
    success?.details && typeof success.details === "object" ? (success.details as { bytes?: unknown }).bytes : null;
  return {
    lastSuccess: success?.finishedAt ? { at: success.finishedAt, bytes: typeof bytes === "number" ? bytes : 0 } : null,
    lastAttemptFailed: latest?.status === "failed",
  };
}
