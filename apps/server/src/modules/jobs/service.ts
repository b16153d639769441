import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { jobRuns } from "./tables.js";

export type JobRun = typeof jobRuns.$inferSelect;
export type JobRunStatus = "running" | "succeeded" | "failed";

/** The latest attempt at one slot of a job, if any. */
export async function latestRunOfSlot(db: Db, job: string, slot: Date): Promise<JobRun | undefined> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)))
    .orderBy(desc(jobRuns.attempt))
    .limit(1);
  return row;
}

/**
 * Claims attempt `attempt` at a slot: the insert lands for exactly one claimant (the unique
 * (job, slot, attempt) key), whichever process or runner asks; the others get null.
 */
export async function claimRun(
  db: Db,
  claim: { job: string; slot: Date; attempt: number; owner: string; now: Date; leaseMs: number },
): Promise<JobRun | null> {
  const [row] = await db
    .insert(jobRuns)
    .values({
      job: claim.job,
      slot: claim.slot,
      attempt: claim.attempt,
      status: "running",
      owner: claim.owner,
      startedAt: claim.now,
      leaseUntil: new Date(claim.now.getTime() + claim.leaseMs),
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** A run whose lease ran out while "running": its process died or hung. Recorded as failed. */
export async function abandonRun(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "failed", finishedAt: now, error: "Quá thời hạn, tiến trình chạy đã dừng (lease expired)" })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running")));
}

export async function finishRun(
  db: Db,
  id: string,
  result: { status: "succeeded" | "failed"; now: Date; error?: string; details?: Record<string, unknown> | null },
): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      status: result.status,
      finishedAt: result.now,
      error: result.error ?? null,
      details: result.details ?? null,
    })
    .where(eq(jobRuns.id, id));
}

/** The last run of a job with this status (by when it finished). */
export async function lastRunWithStatus(db: Db, job: string, status: JobRunStatus): Promise<JobRun | undefined> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.status, status)))
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.attempt))
    .limit(1);
  return row;
}

/** The most recent attempt of a job, whatever its status. */
export async function lastRun(db: Db, job: string): Promise<JobRun | undefined> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(eq(jobRuns.job, job))
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.attempt))
    .limit(1);
  return row;
}

/** Names the failures since a job's last success: the same key on every retry of one streak. */
export async function failureStreakKey(db: Db, job: string): Promise<string> {
  return (await lastRunWithStatus(db, job, "succeeded"))?.id ?? "never";
}

export async function recentRuns(db: Db, limit: number): Promise<JobRun[]> {
  return db.select().from(jobRuns).orderBy(desc(jobRuns.startedAt), desc(jobRuns.attempt)).limit(limit);
}

/** Keeps the run history bounded. */
export async function pruneRuns(db: Db, job: string, before: Date): Promise<void> {
  await db.delete(jobRuns).where(and(eq(jobRuns.job, job), lt(jobRuns.startedAt, before)));
}
