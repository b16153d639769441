import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/harness.js";
import type { Database, Db } from "./client.js";

/**
 * Ready to outgrow one database (README "Outgrowing one database (Citus)"): every ward-owned
 * table can be distributed by ward_id, co-located, on Citus. Read from the migrated database's
 * own catalog, not from the drizzle definitions, so what is checked is what the migrations built.
 *
 * A table is ward-owned ("tenant") when it has a ward_id column. Placement on Citus:
 * - distributed by ward_id: every tenant table not listed below;
 * - reference (a copy on every node) or local (on the coordinator only): the tables listed below.
 */
type Placement = "distributed" | "reference" | "local";

/** The exceptions: each says why it is not distributed. A table neither here nor with ward_id fails. */
const NOT_DISTRIBUTED: Record<string, { placement: "reference" | "local"; why: string }> = {
  wards: { placement: "reference", why: "the tenant itself: a few hundred rows every table references" },
  users: {
    placement: "reference",
    why:
      "user names are global (the sign-in form has no ward): users_username_uq on lower(username) is a " +
      "unique key without ward_id, which a distributed table cannot hold; a few thousand rows, read in " +
      "joins from every ward's tables",
  },
  sessions: { placement: "local", why: "found by the hash of a cookie on every request, before a ward is known" },
  login_devices: { placement: "local", why: "found by the hash of a device cookie, before a ward is known" },
  login_challenges: { placement: "local", why: "found by the hash of a challenge token, before a ward is known" },
  login_throttles: { placement: "local", why: "keyed by names and addresses typed before any ward is known" },
  sign_in_events: { placement: "local", why: "a name typed that exists nowhere has no ward (ward_id may be null)" },
  job_runs: { placement: "local", why: "the deployment's own bookkeeping: no ward" },
  feedback_api_keys: {
    placement: "reference",
    why:
      "an Open311 client's key is found by its hash before the ward is known (feedback_api_keys_hash_uq " +
      "has no ward_id); a handful of rows per ward",
  },
  factor_sets: { placement: "reference", why: "published emission factor sets, the same for every ward" },
  factor_values: { placement: "reference", why: "the numbers of the factor sets, read by every ward's calculations" },
};

/**
 * Foreign keys Citus cannot keep, dropped at the move (README lists the statement), each with what
 * keeps the rule without it.
 */
const DROPPED_AT_THE_MOVE: Record<string, string> = {
  users_unit_fk:
    "a reference table cannot point into a distributed one; identity's createUser/updateUser check " +
    "that the unit is of the user's ward (unitInWard)",
};

type Rules = { notDistributed: typeof NOT_DISTRIBUTED; droppedAtTheMove: typeof DROPPED_AT_THE_MOVE };

type UniqueKey = {
  table: string;
  name: string;
  primary: boolean;
  /** Key columns in order; an expression (lower(username)) reads as null. */
  columns: (string | null)[];
  partial: boolean;
};
type ForeignKey = {
  name: string;
  table: string;
  referenced: string;
  columns: string[];
  referencedColumns: string[];
  keyIndex: string;
};

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

async function readCatalog(db: Db, schema: string) {
  const tables = (
    await rowsOf<{ name: string }>(
      db,
      sql`select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = ${schema} and c.relkind in ('r', 'p')`,
    )
  )
    .map((r) => r.name)
    .sort();
  const wardColumns = await rowsOf<{ table: string; nullable: boolean }>(
    db,
    sql`select c.relname::text as table, not a.attnotnull as nullable
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attname = 'ward_id' and not a.attisdropped`,
  );
  const uniqueKeys = await rowsOf<UniqueKey>(
    db,
    sql`select c.relname::text as table, i.relname::text as name, x.indisprimary as primary,
          x.indpred is not null as partial,
          array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality as k(attnum, ord)
                left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                where k.ord <= x.indnkeyatts order by k.ord) as columns
        from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and x.indisunique order by 1, 2`,
  );
  const foreignKeys = await rowsOf<ForeignKey>(
    db,
    sql`select con.conname::text as name, c.relname::text as table, f.relname::text as referenced,
          array(select a.attname::text from unnest(con.conkey) with ordinality as k(attnum, ord)
                join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns,
          array(select a.attname::text from unnest(con.confkey) with ordinality as k(attnum, ord)
                join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.ord)
            as "referencedColumns",
          (select i.relname::text from pg_class i where i.oid = con.conindid) as "keyIndex"
        from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class f on f.oid = con.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where con.contype = 'f' and n.nspname = ${schema}`,
  );
  foreignKeys.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { tables, wardColumns, uniqueKeys, foreignKeys };
}

/** Every way the schema `schema` breaks the rules, one line each (empty: ready to distribute). */
async function tenantKeyViolations(db: Db, schema: string, rules: Rules): Promise<string[]> {
  const { tables, wardColumns, uniqueKeys, foreignKeys } = await readCatalog(db, schema);
  const tenant = new Map(wardColumns.map((c) => [c.table, c]));
  const placement = (table: string): Placement | null =>
    rules.notDistributed[table]?.placement ?? (tenant.has(table) ? "distributed" : null);
  const out: string[] = [];
  const keysOf = (table: string) => uniqueKeys.filter((k) => k.table === table);

  for (const table of tables) {
    const where = placement(table);
    if (where === null) {
      out.push(`${table}: no ward_id, and not listed as a reference or local table`);
      continue;
    }
    if (where !== "distributed") continue;
    if (tenant.get(table)?.nullable) out.push(`${table}: ward_id may be null (a distribution column may not)`);
    const keys = keysOf(table).filter((k) => !k.partial);
    if (!keys.some((k) => k.columns.includes("ward_id")))
      out.push(`${table}: ward_id is in neither its primary key nor any unique key`);
    for (const key of keysOf(table)) {
      if (key.columns.includes("ward_id") && !key.columns.includes(null)) continue;
      // The one tolerated key without ward_id: a primary key on id alone beside a (ward_id, id)
      // unique key. Nothing may reference it (checked below); the move drops it (README).
      const idOnly = key.primary && key.columns.length === 1 && key.columns[0] === "id";
      const wardId = keys.some(
        (k) => k.columns.length === 2 && k.columns.includes("ward_id") && k.columns.includes("id"),
      );
      if (idOnly && wardId) continue;
      out.push(
        `${table}: unique key ${key.name} (${key.columns.map((c) => c ?? "expression").join(", ")}) lacks ward_id`,
      );
    }
  }

  const primaryKeys = new Set(uniqueKeys.filter((k) => k.primary).map((k) => k.name));
  for (const fk of foreignKeys) {
    const from = placement(fk.table);
    const to = placement(fk.referenced);
    if (tenant.has(fk.referenced)) {
      if (!tenant.has(fk.table))
        out.push(`${fk.name}: ${fk.table} references ward-owned ${fk.referenced} but has no ward_id`);
      const at = fk.columns.indexOf("ward_id");
      if (at < 0 || fk.referencedColumns[at] !== "ward_id")
        out.push(
          `${fk.name}: (${fk.columns.join(", ")}) -> ${fk.referenced}(${fk.referencedColumns.join(", ")}) does not pair ward_id with ward_id`,
        );
      if (to === "distributed" && primaryKeys.has(fk.keyIndex) && !fk.referencedColumns.includes("ward_id"))
        out.push(`${fk.name}: leans on ${fk.keyIndex}, the id-only key the move drops`);
    }
    // What Citus allows: distributed -> distributed (co-located) or reference; reference ->
    // reference; local -> local or reference.
    const allowed =
      from === "distributed"
        ? to === "distributed" || to === "reference"
        : from === "reference"
          ? to === "reference"
          : to !== "distributed";
    if (from && to && !allowed && !(fk.name in rules.droppedAtTheMove))
      out.push(`${fk.name}: a ${from} table (${fk.table}) cannot reference a ${to} table (${fk.referenced}) on Citus`);
  }
  return out;
}

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const rules: Rules = { notDistributed: NOT_DISTRIBUTED, droppedAtTheMove: DROPPED_AT_THE_MOVE };

describe("ward-scoped keys (distributable by ward_id)", () => {
  it("every table of the migrated schema keeps the rules, with no exception beyond the listed ones", async () => {
    expect(await tenantKeyViolations(database.db, "public", rules)).toEqual([]);
  });

  it("the lists of exceptions name only what exists and is still an exception", async () => {
    const { tables, foreignKeys } = await readCatalog(database.db, "public");
    for (const table of Object.keys(NOT_DISTRIBUTED)) expect(tables).toContain(table);
    for (const name of Object.keys(DROPPED_AT_THE_MOVE)) expect(foreignKeys.map((fk) => fk.name)).toContain(name);
    // Without its entry, each foreign key dropped at the move would be reported.
    for (const name of Object.keys(DROPPED_AT_THE_MOVE)) {
      const without = { ...rules, droppedAtTheMove: {} };
      expect((await tenantKeyViolations(database.db, "public", without)).some((v) => v.startsWith(`${name}:`))).toBe(
        true,
      );
    }
  });

  it("the checker finds each kind of fault in a deliberately bad schema", async () => {
    const probe = "tenant_keys_probe";
    const run = async (script: string) => {
      for (const statement of script.split(";").filter((part) => part.trim()))
        await database.db.execute(sql.raw(statement));
    };
    await run(`drop schema if exists ${probe} cascade; create schema ${probe}`);
    try {
      await run(`
        create table ${probe}.wards (id uuid primary key);
        create table ${probe}.jobs (id uuid primary key);
        create table ${probe}.plans (id uuid primary key, ward_id uuid not null references ${probe}.wards (id),
          code text not null, unique (ward_id, id), unique (code));
        -- the old shape: id primary key, single-column foreign key
        create table ${probe}.tasks (id uuid primary key, ward_id uuid, plan_id uuid references ${probe}.plans (id));
        -- a table of ward data without ward_id
        create table ${probe}.notes (id uuid primary key, plan_id uuid not null, ward uuid not null,
          foreign key (ward, plan_id) references ${probe}.plans (ward_id, id));
        -- ward_id in the foreign key, at the wrong place
        create table ${probe}.steps (id uuid primary key, ward_id uuid not null, plan_id uuid not null,
          unique (ward_id, id), foreign key (plan_id, ward_id) references ${probe}.plans (ward_id, id),
          -- a distributed table pointing at a table kept on the coordinator
          job_id uuid references ${probe}.jobs (id));
      `);
      const probeRules: Rules = {
        notDistributed: { wards: { placement: "reference", why: "" }, jobs: { placement: "local", why: "" } },
        droppedAtTheMove: {},
      };
      expect(await tenantKeyViolations(database.db, probe, probeRules)).toEqual([
        "notes: no ward_id, and not listed as a reference or local table",
        "plans: unique key plans_code_key (code) lacks ward_id",
        "tasks: ward_id may be null (a distribution column may not)",
        "tasks: ward_id is in neither its primary key nor any unique key",
        "tasks: unique key tasks_pkey (id) lacks ward_id",
        "notes_ward_plan_id_fkey: notes references ward-owned plans but has no ward_id",
        "notes_ward_plan_id_fkey: (ward, plan_id) -> plans(ward_id, id) does not pair ward_id with ward_id",
        "steps_job_id_fkey: a distributed table (steps) cannot reference a local table (jobs) on Citus",
        "steps_plan_id_ward_id_fkey: (plan_id, ward_id) -> plans(ward_id, id) does not pair ward_id with ward_id",
        "tasks_plan_id_fkey: (plan_id) -> plans(id) does not pair ward_id with ward_id",
        "tasks_plan_id_fkey: leans on plans_pkey, the id-only key the move drops",
      ]);
    } finally {
      await database.db.execute(sql.raw(`drop schema if exists ${probe} cascade`));
    }
  });

  it("the README's Citus commands place every table as the catalog says", async () => {
    const readme = fs.readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
    const start = readme.indexOf("### Outgrowing one database (Citus)");
    expect(start).toBeGreaterThan(0);
    const end = readme.indexOf("\n## ", start);
    const section = readme.slice(start, end < 0 ? undefined : end);
    const { tables } = await readCatalog(database.db, "public");
    const expected = (where: Placement) =>
      tables.filter((t) => (NOT_DISTRIBUTED[t]?.placement ?? "distributed") === where).sort();
    const named = (pattern: RegExp) => [...section.matchAll(pattern)].map((m) => m[1] ?? "").sort();
    expect(named(/create_distributed_table\('(\w+)', 'ward_id'/g)).toEqual(expected("distributed"));
    expect(named(/create_reference_table\('(\w+)'\)/g)).toEqual(expected("reference"));
    for (const table of expected("local")) expect(section).toContain(`\`${table}\``);
    // The id-only primary keys the move drops, each table's (ward_id, id) made its replica identity.
    const { uniqueKeys } = await readCatalog(database.db, "public");
    const idOnly = uniqueKeys
      .filter((k) => k.primary && k.columns.join() === "id" && expected("distributed").includes(k.table))
      .map((k) => k.table)
      .sort();
    expect(named(/ALTER TABLE (\w+) DROP CONSTRAINT \w+_pkey;/g)).toEqual(idOnly);
    const identity = /unnest\(ARRAY\[([^\]]+)\]\)/.exec(section)?.[1] ?? "";
    expect([...identity.matchAll(/'(\w+)'/g)].map((m) => m[1] ?? "").sort()).toEqual(idOnly);
    for (const name of Object.keys(DROPPED_AT_THE_MOVE)) expect(section).toContain(name);
  });
});
