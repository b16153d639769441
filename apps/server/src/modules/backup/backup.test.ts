import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getPublicPlan } from "../plan/public-plan.js";
import { openTestDatabase, startTestApp, type TestApp } from "../../test/harness.js";
import { backupTo, restoreFrom } from "./service.js";

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "px-backup-"));
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const counts = async (db: TestApp["database"]["db"]) => {
  const tables = [
    "wards",
    "units",
    "users",
    "plans",
    "objectives",
    "task_statuses",
    "tasks",
    "task_coordinators",
    "task_updates",
    "indicators",
    "measurements",
    "audit_log",
    "task_indicators",
  ];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const r = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as {
      rows: { n: number }[];
    };
    out[table] = Number(r.rows[0]?.n);
  }
  return out;
};

describe("backup and restore", () => {
  it("restores a consistent dump into an empty database: same rows, same plan, and the app works on it", async () => {
    const file = path.join(dir, "sao-luu.jsonl.gz");
    const result = await backupTo(t.database.db, file);
    expect(result.rows).toBeGreaterThan(500);
    const target = await openTestDatabase();
    try {
      await restoreFrom(target.db, file);
      expect(await counts(target.db)).toEqual(await counts(t.database.db));
      const { updatedAt: _a, ...before } = await getPublicPlan(t.database.db, "viet-hoa");
      const { updatedAt: _b, ...after } = await getPublicPlan(target.db, "viet-hoa");
      expect(after).toEqual(before);
      // The audit log keeps counting after the restored rows.
      await target.db.execute(
        sql`insert into audit_log (ward_id, actor_name, action, entity_type, entity_id) select id, 'test', 'test', 'ward', id::text from wards limit 1`,
      );
      const ids = (await target.db.execute(
        sql`select max(id)::int as max, count(*)::int as n from audit_log`,
      )) as unknown as { rows: { max: number; n: number }[] };
      expect(Number(ids.rows[0]?.max)).toBe(Number(ids.rows[0]?.n));
      // A second restore into the now non-empty database is refused and changes nothing.
      await expect(restoreFrom(target.db, file)).rejects.toThrow(/không trống|not empty|đã có dữ liệu/);
    } finally {
      await target.close();
    }
  });

  it("restores a backup of an older version: columns and tables dropped since are left out, ward_id added since is derived", async () => {
    // A device and recovery codes, whose ward_id an older version did not have.
    await t.login("kinhte");
    await t.database.db.execute(
      sql`insert into recovery_codes (ward_id, user_id, code_hash) select ward_id, id, 'ma-' || id from users`,
    );
    const file = path.join(dir, "cu.jsonl.gz");
    await backupTo(t.database.db, file);
    // As an older version wrote it: users with the two throttle columns it had, sign-in rows
    // without ward_id, and a table since dropped.
    let table = "";
    const lines = zlib
      .gunzipSync(fs.readFileSync(file))
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const value = JSON.parse(line) as Record<string, unknown>;
        if (typeof value.table === "string") table = value.table;
        else if (table === "users" && "username" in value)
          Object.assign(value, { failed_logins: 3, locked_until: null });
        else if (["recovery_codes", "login_devices", "login_challenges"].includes(table)) delete value.ward_id;
        return JSON.stringify(value);
      });
    expect(lines.filter((line) => line.includes('"code_hash"') && !line.includes('"ward_id"')).length).toBeGreaterThan(
      0,
    );
    lines.push(JSON.stringify({ table: "bang_cu", count: 1 }), JSON.stringify({ id: 1 }));
    const old = path.join(dir, "cu-sua.jsonl.gz");
    fs.writeFileSync(old, zlib.gzipSync(lines.join("\n") + "\n"));
    const target = await openTestDatabase();
    try {
      await restoreFrom(target.db, old);
      expect(await counts(target.db)).toEqual(await counts(t.database.db));
      const wards = (await target.db.execute(
        sql`select (select count(*)::int from recovery_codes r join users u on u.id = r.user_id and u.ward_id = r.ward_id) as codes,
          (select count(*)::int from users) as users,
          (select count(*)::int from login_devices d join users u on u.id = d.user_id and u.ward_id = d.ward_id) as devices`,
      )) as unknown as { rows: { codes: number; users: number; devices: number }[] };
      expect(wards.rows[0]).toEqual({ codes: wards.rows[0]?.users, users: wards.rows[0]?.users, devices: 1 });
    } finally {
      await target.close();
    }
  });

  it("restores trees whatever order their rows were dumped in: children before parents", async () => {
    // More children than one insert batch (500 rows) holds, so a parent can come batches later.
    await t.database.db.execute(sql`insert into tasks (ward_id, plan_id, parent_id, kind, section, sector, code, ref,
        title, text, owner_unit_id, recurrence, deadline, output, weight, status, progress, position, search_text)
      select ward_id, plan_id, parent_id, kind, section, sector, code || '-x' || g, ref, title, text, owner_unit_id,
        recurrence, deadline, output, weight, status, progress, position + 1000 * g, search_text
      from tasks, generate_series(1, 8) as g where parent_id is not null and kind <> 'group'`);
    const file = path.join(dir, "cay.jsonl.gz");
    await backupTo(t.database.db, file);
    // Storage order is not insertion order once rows are updated: the worst case is every child first.
    const sections: { header: string; rows: string[] }[] = [];
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n").filter(Boolean);
    const [head, ...rest] = lines;
    for (const line of rest) {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (typeof value.table === "string") sections.push({ header: line, rows: [] });
      else sections.at(-1)?.rows.push(line);
    }
    for (const section of sections) {
      const name = (JSON.parse(section.header) as { table: string }).table;
      if (name !== "units" && name !== "tasks") continue;
      const children = section.rows.filter((r) => (JSON.parse(r) as { parent_id: unknown }).parent_id !== null);
      expect(children.length).toBeGreaterThan(0);
      section.rows = [...children, ...section.rows.filter((r) => !children.includes(r))];
    }
    const shuffled = path.join(dir, "cay-dao.jsonl.gz");
    fs.writeFileSync(
      shuffled,
      zlib.gzipSync([head, ...sections.flatMap((s) => [s.header, ...s.rows])].join("\n") + "\n"),
    );
    const target = await openTestDatabase();
    try {
      await restoreFrom(target.db, shuffled);
      const parents = `select count(*)::int as n from tasks where parent_id is not null`;
      const a = (await t.database.db.execute(sql.raw(parents))) as unknown as { rows: { n: number }[] };
      const b = (await target.db.execute(sql.raw(parents))) as unknown as { rows: { n: number }[] };
      expect(b.rows[0]?.n).toBe(a.rows[0]?.n);
      const { updatedAt: _a, ...before } = await getPublicPlan(t.database.db, "viet-hoa");
      const { updatedAt: _b, ...after } = await getPublicPlan(target.db, "viet-hoa");
      expect(after).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it("refuses a missing or damaged file with an error, and writes nothing", async () => {
    const target = await openTestDatabase();
    try {
      await expect(restoreFrom(target.db, path.join(dir, "khong-co.jsonl.gz"))).rejects.toThrow(
        /Không đọc được tệp sao lưu.*ENOENT/,
      );
      const damaged = path.join(dir, "hong.jsonl.gz");
      fs.writeFileSync(damaged, "đây không phải tệp gzip");
      await expect(restoreFrom(target.db, damaged)).rejects.toThrow(/bị hỏng hoặc không phải gzip/);
      const r = (await target.db.execute(sql`select count(*)::int as n from wards`)) as unknown as {
        rows: { n: number }[];
      };
      expect(Number(r.rows[0]?.n)).toBe(0);
    } finally {
      await target.close();
    }
  });
});
