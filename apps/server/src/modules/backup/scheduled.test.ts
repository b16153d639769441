import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification, SystemStatus } from "@phuong-xanh/shared";
import { openTestDatabase, startTestApp, type TestApp } from "../../test/harness.js";
import { createJobRunner, type JobLog } from "../jobs/runner.js";
import { backupJob, takeScheduledBackup } from "./scheduled.js";
import { restoreFrom, verifyBackup } from "./service.js";

const quiet: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const MINUTE = 60_000;
const TOKEN = "metrics-token-for-tests-0123456789";

let t: TestApp;
let admin: Record<string, string>;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "px-sched-"));
beforeAll(async () => {
  t = await startTestApp({ env: { METRICS_TOKEN: TOKEN, BACKUP_SCHEDULE: "0 2 * * *", BACKUP_KEEP: "2" } });
  admin = await t.login("admin");
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const count = async (db: TestApp["database"]["db"], table: string) => {
  const r = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(r.rows[0]?.n);
};

describe("scheduled backups", () => {
  it("are verified, named when complete, pruned to BACKUP_KEEP, and restore", async () => {
    const dir = path.join(root, "keep");
    fs.mkdirSync(dir);
    // Files this feature did not write are never pruned.
    fs.writeFileSync(path.join(dir, "ghi-chu.txt"), "của quản trị viên");
    fs.writeFileSync(path.join(dir, "phuong-xanh-thu-cong.jsonl.gz"), "bản sao lưu tay");
    const taken = [];
    for (const day of [1, 2, 3]) {
      taken.push(
        await takeScheduledBackup(t.database.db, { dir, keep: 2, now: new Date(`2026-03-0${day}T02:00:00.000Z`) }),
      );
    }
    expect(taken.map((b) => b.file)).toEqual([
      "phuong-xanh-20260301T020000000Z.jsonl.gz",
      "phuong-xanh-20260302T020000000Z.jsonl.gz",
      "phuong-xanh-20260303T020000000Z.jsonl.gz",
    ]);
    expect(taken[2]?.pruned).toEqual(["phuong-xanh-20260301T020000000Z.jsonl.gz"]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "ghi-chu.txt",
      "phuong-xanh-20260302T020000000Z.jsonl.gz",
      "phuong-xanh-20260303T020000000Z.jsonl.gz",
      "phuong-xanh-thu-cong.jsonl.gz",
    ]);
    const latest = path.join(dir, taken[2]?.file ?? "");
    expect(fs.statSync(latest).size).toBe(taken[2]?.bytes);
    expect((await verifyBackup(latest)).rows).toBe(taken[2]?.rows);
    // Read back for real: it restores into an empty database with the same rows.
    const target = await openTestDatabase();
    try {
      await restoreFrom(target.db, latest);
      for (const table of ["users", "tasks", "measurements", "audit_log"])
        expect(await count(target.db, table), table).toBe(await count(t.database.db, table));
    } finally {
      await target.close();
    }
  });

  it("refuses to call a damaged or short file verified", async () => {
    const dir = path.join(root, "verify");
    fs.mkdirSync(dir);
    const good = await takeScheduledBackup(t.database.db, { dir, keep: 5 });
    const file = path.join(dir, good.file);
    await expect(verifyBackup(file, { users: 999 })).rejects.toThrow(/Bảng users: đã ghi 999 dòng/);
    // The same dump with its last row cut off.
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const short = path.join(dir, "ngan.jsonl.gz");
    fs.writeFileSync(short, zlib.gzipSync(`${lines.slice(0, -1).join("\n")}\n`));
    // Cut in a table's rows, or after the last row of a table (a whole empty section lost).
    await expect(verifyBackup(short)).rejects.toThrow(/thiếu (1 dòng|bảng)/);
    const broken = path.join(dir, "hong.jsonl.gz");
    fs.writeFileSync(broken, zlib.gzipSync(`${lines.slice(0, 3).join("\n")}\n{"khong-phai-json\n`));
    await expect(verifyBackup(broken)).rejects.toThrow(/hỏng ở dòng 4/);
  });

  it("run on schedule through the job runner; the admin's status page and /metrics show the last one", async () => {
    const dir = path.join(root, "runner");
    let now = new Date("2026-03-05T02:00:30.000Z").getTime();
    const runner = createJobRunner({
      db: t.database.db,
      log: quiet,
      now: () => new Date(now),
      jobs: [backupJob(t.database.db, { schedule: "0 2 * * *", dir, keep: 2 })],
    });
    for (let day = 0; day < 3; day++) {
      expect((await runner.tick()).started).toHaveLength(1);
      await runner.idle();
      now += 24 * 60 * MINUTE;
    }
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const status = await t.app.inject({ method: "GET", url: "/api/system/status", headers: admin });
    expect(status.statusCode, status.body).toBe(200);
    const body = status.json() as SystemStatus;
    expect(body.backup.schedule).toBe("0 2 * * *");
    expect(body.backup.keep).toBe(2);
    expect(body.backup.last?.file).toBe(files[1]);
    expect(body.backup.last?.bytes).toBe(fs.statSync(path.join(dir, files[1] ?? "")).size);
    expect(body.backup.lastAttempt?.status).toBe("succeeded");
    // 02:00 in Vietnam time is 19:00 UTC.
    expect(body.backup.nextRunAt).toMatch(/T19:00:00\.000Z$/);
    expect(body.jobs.map((j) => j.name)).toEqual([
      "reminders",
      "sign-in-housekeeping",
      "feedback-mail",
      "feedback-retention",
      "certified-area",
      "backup",
    ]);
    expect(body.recentRuns.filter((r) => r.job === "backup").map((r) => r.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    const metrics = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(metrics.body).toContain(`px_backup_last_size_bytes ${body.backup.last?.bytes}`);
    const finished = new Date(body.backup.last?.finishedAt ?? 0).getTime() / 1000;
    expect(metrics.body).toContain(`px_backup_last_success_timestamp_seconds ${finished}`);
    expect(metrics.body).toContain("px_backup_last_attempt_failed 0");
  });

  it("that fail (folder not writable) alert every active admin once per failure streak, and are retried", async () => {
    // A regular file where the folder should be: no one, root included, can write under it.
    const blocker = path.join(root, "khong-ghi-duoc");
    fs.writeFileSync(blocker, "");
    const dir = path.join(blocker, "backups");
    let now = new Date("2026-04-01T02:00:05.000Z").getTime();
    const runner = createJobRunner({
      db: t.database.db,
      log: quiet,
      now: () => new Date(now),
      jobs: [backupJob(t.database.db, { schedule: "0 2 * * *", dir, keep: 2 })],
    });
    const alerts = async (headers: Record<string, string>) =>
      (
        (await t.app.inject({ method: "GET", url: "/api/notifications", headers })).json() as {
          notifications: Notification[];
        }
      ).notifications.filter((n) => n.kind === "backup_failed");
    const attempt = async () => {
      const { started } = await runner.tick();
      await runner.idle();
      return started.map((r) => r.attempt);
    };

    expect(await attempt()).toEqual([1]);
    const first = await alerts(admin);
    expect(first).toHaveLength(1);
    expect(first[0]?.title).toBe("Sao lưu tự động không thành công");
    expect(first[0]?.body).toMatch(/ENOTDIR/);
    // Retried after its back-off (1 minute, then 2), still failing: no second alert.
    expect(await attempt()).toEqual([]);
    now += MINUTE;
    expect(await attempt()).toEqual([2]);
    now += 2 * MINUTE;
    expect(await attempt()).toEqual([3]);
    expect(await alerts(admin)).toHaveLength(1);
    const metrics = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(metrics.body).toContain("px_backup_last_attempt_failed 1");
    // The admin's page says so.
    const status = (
      await t.app.inject({ method: "GET", url: "/api/system/status", headers: admin })
    ).json() as SystemStatus;
    expect(status.backup.lastAttempt).toMatchObject({ status: "failed", attempt: 3 });
    expect(status.backup.lastAttempt?.error).toMatch(/ENOTDIR/);
    // Officers are not told; only admins are.
    expect(await alerts(await t.login("kinhte"))).toEqual([]);

    // Fixed: the next retry succeeds. Broken again the next night: a new streak, a new alert.
    fs.rmSync(blocker);
    now += 4 * MINUTE;
    expect(await attempt()).toEqual([4]);
    expect(fs.readdirSync(dir)).toHaveLength(1);
    fs.rmSync(blocker, { recursive: true });
    fs.writeFileSync(blocker, "");
    now = new Date("2026-04-02T02:00:05.000Z").getTime();
    expect(await attempt()).toEqual([1]);
    const alerted = await alerts(admin);
    expect(alerted).toHaveLength(2);
    // Each alert can be marked read by its admin.
    const read = await t.app.inject({
      method: "POST",
      url: `/api/notifications/${alerted[0]?.id}/read`,
      headers: admin,
    });
    expect(read.statusCode).toBe(200);
  });
});
