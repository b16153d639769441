import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "../../db/client.js";
import { errorText } from "../../lib/logging.js";
import { currentSlot, nextSlot, retryDelay, type RetryPolicy, type Schedule } from "./schedule.js";
import {
  abandonRun,
  claimRun,
  failureStreakKey,
  finishRun,
  latestRunOfSlot,
  pruneRuns,
  type JobRun,
} from "./service.js";

/** The logger a runner writes to (pino, as Fastify has it). */
export type JobLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type JobContext = { slot: Date; attempt: number };

/** Công việc nền: background work that runs once per slot for the whole deployment. */
export type JobDefinition = {
  name: string;
  schedule: Schedule;
  retry: RetryPolicy;
  /** A run still "running" this long after it started is taken as abandoned and tried again. */
  timeoutMs: number;
  /** Returns details recorded with the run (what it did). */
  run(context: JobContext): Promise<Record<string, unknown> | undefined>;
  /**
   * Called after a failed attempt is recorded. `streak` is the same on every failure since the
   * job last succeeded, so an alert keyed on it is sent once per streak, not on every retry.
   */
  onFailure?(error: unknown, info: JobContext & { streak: string }): Promise<void>;
};

export type JobMetrics = { jobRun(job: string, status: "succeeded" | "failed"): void };

export type JobRunner = {
  /** Claims and starts what is due now; resolves once claims are made (runs go on in the background). */
  tick(): Promise<{ started: JobRun[]; nextInMs: number }>;
  /** The first tick, then ticks whenever something may be due. */
  start(): Promise<void>;
  /** Resolves when no run of this runner is in flight. */
  idle(): Promise<void>;
  /**
   * No more ticks; waits for runs in flight, at most `graceMs` (a long backup must not hold up a
   * shutdown: its lease runs out and another process takes the slot again).
   */
  stop(graceMs?: number): Promise<void>;
};

const HISTORY_DAYS = 30;

/**
 * Runs jobs once per slot across every process on the database: a process claims attempt N of a
 * slot by inserting its row (the unique key lets one insert land), runs it, records the outcome.
 * A failure is logged and tried again after a growing delay, by whichever process looks first; a
 * database that cannot be reached fails the tick, which is logged and retried. Nothing here
 * throws to the caller or leaves a promise unhandled.
 */
export function createJobRunner(options: {
  db: Db;
  jobs: JobDefinition[];
  log: JobLog;
  metrics?: JobMetrics | null;
  now?: () => Date;
  /** Longest wait between two looks at the job table (other processes' failures are retried too). */
  pollMs?: number;
}): JobRunner {
  const { db, jobs, log } = options;
  const clock = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 30_000;
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let ticking: Promise<{ started: JobRun[]; nextInMs: number }> | null = null;
  let tickFailures = 0;

  async function execute(job: JobDefinition, run: JobRun): Promise<void> {
    const context = { slot: run.slot, attempt: run.attempt };
    const where = { job: job.name, slot: run.slot.toISOString(), attempt: run.attempt };
    try {
      const details = await job.run(context);
      await finishRun(db, run.id, { status: "succeeded", now: clock(), details: details ?? null });
      options.metrics?.jobRun(job.name, "succeeded");
      log.info({ ...where, details }, "job succeeded");
    } catch (error) {
      options.metrics?.jobRun(job.name, "failed");
      log.error({ ...where, err: error }, "job failed; it will be tried again");
      try {
        await finishRun(db, run.id, { status: "failed", now: clock(), error: errorText(error) });
        if (job.onFailure) await job.onFailure(error, { ...context, streak: await failureStreakKey(db, job.name) });
      } catch (recordError) {
        // The database may be the fault: the lease lets a later tick try again.
        log.error({ ...where, err: recordError }, "job failure could not be recorded");
      }
    }
  }

  /** What one job needs now: an attempt to claim, or how long until it may need one. */
  async function consider(
    job: JobDefinition,
    now: Date,
  ): Promise<{ attempt: number; slot: Date } | { waitMs: number }> {
    const slot = currentSlot(job.schedule, now);
    const next = nextSlot(job.schedule, now);
    const untilNext = next ? next.getTime() - now.getTime() : pollMs;
    if (!slot) return { waitMs: untilNext };
    const last = await latestRunOfSlot(db, job.name, slot);
    if (!last) return { attempt: 1, slot };
    switch (last.status) {
      case "succeeded":
        return { waitMs: untilNext };
      case "failed": {
        const retryAt = (last.finishedAt ?? last.startedAt).getTime() + retryDelay(job.retry, last.attempt);
        if (now.getTime() < retryAt) return { waitMs: Math.min(retryAt - now.getTime(), untilNext) };
        return { attempt: last.attempt + 1, slot };
      }
      default: {
        if (now < last.leaseUntil) return { waitMs: Math.min(last.leaseUntil.getTime() - now.getTime(), untilNext) };
        await abandonRun(db, last.id, now);
        log.warn({ job: job.name, slot: slot.toISOString(), owner: last.owner }, "job run abandoned (lease expired)");
        return { attempt: last.attempt + 1, slot };
      }
    }
  }

  async function tickOnce(): Promise<{ started: JobRun[]; nextInMs: number }> {
    const now = clock();
    const started: JobRun[] = [];
    let nextInMs = pollMs;
    try {
      for (const job of jobs) {
        if (inFlight.has(job.name)) continue;
        const decision = await consider(job, now);
        if ("waitMs" in decision) {
          nextInMs = Math.min(nextInMs, decision.waitMs);
          continue;
        }
        const run = await claimRun(db, { job: job.name, owner, now, leaseMs: job.timeoutMs, ...decision });
        if (!run) continue; // another process or runner claimed it first
        if (run.attempt === 1) await pruneRuns(db, job.name, new Date(now.getTime() - HISTORY_DAYS * 86_400_000));
        started.push(run);
        const done = execute(job, run).finally(() => {
          inFlight.delete(job.name);
          kick();
        });
        inFlight.set(job.name, done);
      }
      tickFailures = 0;
    } catch (error) {
      // Typically the database is unreachable: say so, and look again soon, then less often.
      tickFailures++;
      nextInMs = Math.min(pollMs, 1000 * 2 ** Math.min(tickFailures - 1, 10));
      log.error({ err: error, failures: tickFailures }, "background jobs: could not reach the job table");
    }
    return { started, nextInMs: Math.max(nextInMs, 0) };
  }

  function tick() {
    // One tick at a time per runner: a kick during a tick waits for it.
    ticking ??= tickOnce().finally(() => (ticking = null));
    return ticking;
  }

  function schedule(ms: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), Math.min(Math.max(ms, 50), pollMs));
    timer.unref();
  }

  async function loop() {
    const { nextInMs } = await tick();
    schedule(nextInMs);
  }

  /** A run finished: its outcome may call for a retry or the next slot soon. */
  function kick() {
    schedule(0);
  }

  return {
    tick,
    async start() {
      stopped = false;
      await loop();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight.values());
    },
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(timer);
      await ticking;
      if (inFlight.size === 0) return;
      let grace: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        grace = setTimeout(() => resolve("timeout"), graceMs);
        grace.unref();
      });
      const outcome = await Promise.race([Promise.all(inFlight.values()).then(() => "done" as const), timedOut]);
      clearTimeout(grace);
      if (outcome === "timeout")
        log.warn(
          { jobs: [...inFlight.keys()] },
          "stopping with background jobs still running; their slots will be retried",
        );
    },
  };
}
