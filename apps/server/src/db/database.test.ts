import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { guardPoolError, withServerClient } from "../test/harness.js";
import { openDatabase, type Database } from "./client.js";

const serverUrl = process.env.TEST_DATABASE_URL;
const opened: Database[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const d of opened) await d.close().catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!serverUrl)("two processes starting together on one PostgreSQL database", () => {
  it("apply each migration once: the second waits for the first and finds nothing left", async () => {
    if (!serverUrl) return;
    const name = `px_migrate_${crypto.randomBytes(5).toString("hex")}`;
    await withServerClient(serverUrl, (c) => c.query(`create database ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      // Two pools, as two app processes have; started in the same instant.
      const [a, b] = await Promise.all([
        openDatabase({ url: url.toString() }, guardPoolError),
        openDatabase({ url: url.toString() }, guardPoolError),
      ]);
      opened.push(a, b);
      const journal = JSON.parse(
        fs.readFileSync(new URL("../../migrations/meta/_journal.json", import.meta.url), "utf8"),
      ) as { entries: unknown[] };
      const applied = (await a.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as { rows: { n: number }[] };
      expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);
      await a.close();
      await b.close();
      opened.length = 0;
    } finally {
      await withServerClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    }
  });
});

describe("the embedded database's folder", () => {
  it("is opened by one holder at a time, and free again once it is closed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "px-lock-"));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: dir });
    opened.push(first);
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: "DATA_DIR_LOCKED" });
    await first.close();
    opened.length = 0;
    const again = await openDatabase({ dataDir: dir });
    await again.ping();
    await again.close();
  });
});
