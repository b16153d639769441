import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { asc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "../../db/client.js";
import { loadConfig } from "../../lib/config.js";
import { startServer } from "../../server.js";
import { openTestDatabase } from "../../test/harness.js";
import { createMetrics } from "../metrics/service.js";
import { createJobRunner, type JobDefinition, type JobLog } from "./runner.js";
import { currentSlot, nextSlot, retryDelay } from "./schedule.js";
import { jobRuns } from "./tables.js";

/** A log that keeps what it is told, to check what a runner reports. */
function recordingLog() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const log: JobLog = {
    info: (obj, msg) => lines.push({ level: "info", msg, obj }),
    warn: (obj, msg) => lines.push({ level: "warn", msg, obj }),
    error: (obj, msg) => lines.push({ level: "error", msg, obj }),
  };
  return { log, lines };
}

const MINUTE = 60_000;
const start = new Date("2026-03-02T08:00:00.000Z").getTime();

let primary: Database & { url?: string };
/** A second connection to the same database when on PostgreSQL (a second process would have its own pool). */
let second: Database | null = null;
beforeAll(async () => {
  primary = await openTestDatabase();
  if (primary.url) second = await openDatabase({ url: primary.url });
});
afterAll(async () => {
  await second?.close();
  await primary?.close();
});

const runsOf = (db: Db, job: string) =>
  db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(asc(jobRuns.slot), asc(jobRuns.attempt));

describe("schedules", () => {
  it("read cron in Vietnam time, align intervals on the epoch, and double the retry delay up to its cap", () => {
    const nightly = { cron: "0 2 * * *" };
    const at = (iso: string) => new Date(iso);
    // 02:00 in Hải Phòng is 19:00 UTC the day before; a slot is due from its very millisecond.
    expect(currentSlot(nightly, at("2026-03-01T19:00:00.000Z"))?.toISOString()).toBe("2026-03-01T19:00:00.000Z");
    expect(currentSlot(nightly, at("2026-03-01T18:59:59.999Z"))?.toISOString()).toBe("2026-02-28T19:00:00.000Z");
    expect(nextSlot(nightly, at("2026-03-01T19:00:00.000Z"))?.toISOString()).toBe("2026-03-02T19:00:00.000Z");
    const hourly = { everyMs: 60 * MINUTE };
    expect(currentSlot(hourly, at("2026-03-01T10:59:59.999Z"))?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(nextSlot(hourly, at("2026-03-01T10:00:00.000Z"))?.toISOString()).toBe("2026-03-01T11:00:00.000Z");
    const policy = { baseMs: MINUTE, maxMs: 5 * MINUTE };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(policy, attempt) / MINUTE)).toEqual([1, 2, 4, 5, 5]);
  });
});

describe("job runner", () => {
  it("runs each slot exactly once when two runners share the database", async () => {
    let now = start;
    const ran: string[] = [];
    const job: JobDefinition = {
      name: "twice-tested",
      schedule: { everyMs: 10 * MINUTE },
      retry: { baseMs: MINUTE, maxMs: MINUTE },
      timeoutMs: MINUTE,
      async run({ slot }) {
        ran.push(slot.toISOString());
        return { slot: slot.toISOString() };
      },
    };
    const make = (db: Db) => createJobRunner({ db, jobs: [job], log: recordingLog().log, now: () => new Date(now) });
    const a = make(primary.db);
    const b = make(second?.db ?? primary.db);
    for (let slot = 0; slot < 5; slot++) {
      now = start + slot * 10 * MINUTE + 1234;
      // Both look at once, twice each: only one insert of (job, slot, 1) can land.
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      await Promise.all([a.idle(), b.idle()]);
      // Looking again within the same slot starts nothing: it has succeeded.
      const again = await Promise.all([a.tick(), b.tick()]);
      expect(again.flatMap((r) => r.started)).toEqual([]);
    }
    const expected = [0, 1, 2, 3, 4].map((i) => new Date(start + i * 10 * MINUTE).toISOString());
    expect(ran).toEqual(expected);
    const rows = await runsOf(primary.db, "twice-tested");
    expect(rows.map((r) => [r.slot.toISOString(), r.attempt, r.status])).toEqual(
      expected.map((slot) => [slot, 1, "succeeded"]),
    );
    expect(rows[0]?.details).toEqual({ slot: expected[0] });
  });

  it("records a failing run, retries it after its back-off, and records the success", async () => {
    let now = start;
    let calls = 0;
    const failures: { attempt: number; streak: string }[] = [];
    const metrics = createMetrics({});
    const { log, lines } = recordingLog();
    const runner = createJobRunner({
      db: primary.db,
      log,
      metrics,
      now: () => new Date(now),
      jobs: [
        {
          name: "flaky",
          schedule: { cron: "0 2 * * *" },
          retry: { baseMs: 5 * MINUTE, maxMs: 60 * MINUTE },
          timeoutMs: 10 * MINUTE,
          async run() {
            calls++;
            if (calls === 1) throw new Error("ổ đĩa đầy (ENOSPC)");
            return { calls };
          },
          async onFailure(_error, info) {
            failures.push({ attempt: info.attempt, streak: info.streak });
          },
        },
      ],
    });
    const first = await runner.tick();
    expect(first.started.map((r) => r.attempt)).toEqual([1]);
    await runner.idle();
    expect(lines.find((l) => l.level === "error")?.msg).toMatch(/job failed/);
    expect(failures).toEqual([{ attempt: 1, streak: "never" }]);
    // Before the back-off has passed nothing is tried; the runner says when to look again.
    now += 4 * MINUTE;
    const early = await runner.tick();
    expect(early.started).toEqual([]);
    expect(early.nextInMs).toBeLessThanOrEqual(MINUTE);
    now += 2 * MINUTE;
    const retry = await runner.tick();
    expect(retry.started.map((r) => r.attempt)).toEqual([2]);
    await runner.idle();
    const rows = await runsOf(primary.db, "flaky");
    expect(rows.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, "failed", "ổ đĩa đầy (ENOSPC)"],
      [2, "succeeded", null],
    ]);
    expect(rows[1]?.finishedAt).not.toBeNull();
    const text = await metrics.registry.metrics();
    expect(text).toContain('px_job_runs_total{job="flaky",status="failed"} 1');
    expect(text).toContain('px_job_runs_total{job="flaky",status="succeeded"} 1');
  });

  it("takes over a run whose process died once its lease has run out", async () => {
    // 02:00 in Vietnam (UTC+7), where schedules are read.
    const slot = new Date("2026-03-01T19:00:00.000Z");
    await primary.db.insert(jobRuns).values({
      job: "orphaned",
      slot,
      attempt: 1,
      status: "running",
      owner: "dead-host:1",
      startedAt: slot,
      leaseUntil: new Date(slot.getTime() + 10 * MINUTE),
    });
    let now = slot.getTime() + 5 * MINUTE;
    let ran = 0;
    const runner = createJobRunner({
      db: primary.db,
      log: recordingLog().log,
      now: () => new Date(now),
      jobs: [
        {
          name: "orphaned",
          schedule: { cron: "0 2 * * *" },
          retry: { baseMs: MINUTE, maxMs: MINUTE },
          timeoutMs: 10 * MINUTE,
          async run() {
            ran++;
            return undefined;
          },
        },
      ],
    });
    expect((await runner.tick()).started).toEqual([]);
    now = slot.getTime() + 11 * MINUTE;
    expect((await runner.tick()).started.map((r) => r.attempt)).toEqual([2]);
    await runner.idle();
    expect(ran).toBe(1);
    const rows = await runsOf(primary.db, "orphaned");
    expect(rows.map((r) => [r.attempt, r.status])).toEqual([
      [1, "failed"],
      [2, "succeeded"],
    ]);
  });

  it("logs an unreachable database and looks again, later each time, without throwing", async () => {
    // A database that cannot be reached: a closed PGlite, or a PostgreSQL port nobody listens on.
    let db: Db;
    let cleanup: () => Promise<void>;
    if (primary.kind === "postgres") {
      const pool = new pg.Pool({ connectionString: "postgres://px:px@127.0.0.1:1/px", connectionTimeoutMillis: 2000 });
      db = drizzlePg(pool) as unknown as Db;
      cleanup = () => pool.end();
    } else {
      const client = new PGlite();
      await client.close();
      db = drizzlePglite(client) as unknown as Db;
      cleanup = async () => undefined;
    }
    const { log, lines } = recordingLog();
    let ran = 0;
    const runner = createJobRunner({
      db,
      log,
      pollMs: 30_000,
      jobs: [
        {
          name: "unreachable",
          schedule: { everyMs: MINUTE },
          retry: { baseMs: MINUTE, maxMs: MINUTE },
          timeoutMs: MINUTE,
          async run() {
            ran++;
            return undefined;
          },
        },
      ],
    });
    const first = await runner.tick();
    const secondTick = await runner.tick();
    const third = await runner.tick();
    expect([first.nextInMs, secondTick.nextInMs, third.nextInMs]).toEqual([1000, 2000, 4000]);
    expect(first.started).toEqual([]);
    expect(ran).toBe(0);
    const errors = lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(3);
    expect(errors[2]?.msg).toMatch(/could not reach the job table/);
    expect(errors[2]?.obj).toMatchObject({ failures: 3 });
    await runner.stop();
    await cleanup();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("two app processes on one PostgreSQL database", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("run a scheduled job once between them", async () => {
    const url = primary.url ?? "";
    let runs = 0;
    // Slot: 1 January of this year, which both servers see as due (catch-up at start).
    const job: JobDefinition = {
      name: "yearly",
      schedule: { cron: "0 0 1 1 *" },
      retry: { baseMs: MINUTE, maxMs: MINUTE },
      timeoutMs: MINUTE,
      async run() {
        runs++;
        return { runs };
      },
    };
    const config = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "px-jobs-"));
      dirs.push(dir);
      return loadConfig({ DATABASE_URL: url, DATA_DIR: dir, DEMO_MODE: "false", LOG_LEVEL: "silent" });
    };
    const [one, two] = await Promise.all([
      startServer(config(), { listen: false, logger: false, jobs: [job] }),
      startServer(config(), { listen: false, logger: false, jobs: [job] }),
    ]);
    await Promise.all([one.stop(), two.stop()]);
    expect(runs).toBe(1);
    const rows = await runsOf(primary.db, "yearly");
    expect(rows.map((r) => [r.attempt, r.status])).toEqual([[1, "succeeded"]]);
    // The reminders, a job of every deployment, ran once per slot too.
    const reminders = await runsOf(primary.db, "reminders");
    expect(reminders.length).toBeGreaterThan(0);
    expect(new Set(reminders.map((r) => r.slot.toISOString())).size).toBe(reminders.length);
  });
});
