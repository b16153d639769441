import { once } from "node:events";
import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableName, is, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as schema from "../../db/schema.js";

/**
 * Logical backup: every table as JSON lines, read in one REPEATABLE READ transaction so the
 * dump is a consistent snapshot even while the app writes. The same file restores on PGlite
 * or a PostgreSQL server. Files of the file store are copied separately (README "Backups").
 */
const FORMAT = "phuong-xanh-backup/1";

/**
 * Not in a backup: the job runs' history (the deployment's bookkeeping: a restore starts it anew),
 * and the published factor sets (reference data every database gets from its migrations, and
 * never changes: the empty database a backup restores into holds them already).
 */
const NOT_BACKED_UP = new Set(["job_runs", "factor_sets", "factor_values"]);

/** Tables in an order that respects foreign keys (parents first). */
function tablesInOrder(): PgTable[] {
  const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter(
    (v): v is PgTable => is(v, PgTable) && !NOT_BACKED_UP.has(getTableName(v)),
  );
  const byName = new Map<string, PgTable>(tables.map((t) => [getTableName(t), t]));
  const ordered: PgTable[] = [];
  const visit = (t: PgTable, seen: Set<string>) => {
    const name = getTableName(t);
    if (ordered.includes(t) || seen.has(name)) return;
    seen.add(name);
    for (const fk of getTableConfig(t).foreignKeys) {
      const parent = byName.get(getTableName(fk.reference().foreignTable));
      if (parent && parent !== t) visit(parent, seen);
    }
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/**
 * How a table's rows are written back beyond "as they were dumped":
 * - `deferred`: a tree's parent column (units.parent_id, tasks.parent_id). A dump lists rows in
 *   storage order, a child before its parent as often as not, and the composite foreign key
 *   `(ward_id, parent_id) -> (ward_id, id)` is checked per statement: the column is written empty
 *   first and set once every row of the table is in.
 * - `wardFrom`: where a backup of an older version, written before the table had its ward_id,
 *   finds it: the row its ward-scoped foreign key points at (recovery codes: their user's ward).
 */
type RestorePlan = {
  deferred: string[];
  wardFrom: { column: string; parent: string } | null;
};

function restorePlans(): Map<string, RestorePlan> {
  const plans = new Map<string, RestorePlan>();
  for (const table of tablesInOrder()) {
    const name = getTableName(table);
    const plan: RestorePlan = { deferred: [], wardFrom: null };
    for (const fk of getTableConfig(table).foreignKeys) {
      const { columns, foreignColumns, foreignTable } = fk.reference();
      const local = columns.map((c) => c.name);
      const foreign = foreignColumns.map((c) => c.name);
      const parent = getTableName(foreignTable);
      const wardScoped =
        local.length === 2 && local[0] === "ward_id" && foreign[0] === "ward_id" && foreign[1] === "id";
      if (parent === name) plan.deferred.push(...local.filter((c, i) => c !== foreign[i]));
      else if (wardScoped && plan.wardFrom === null && local[1]) plan.wardFrom = { column: local[1], parent };
    }
    // The held-back links are set back by the row's id.
    if (plan.deferred.length > 0 && !getTableConfig(table).columns.some((c) => c.name === "id"))
      throw new Error(`${name}: a self-reference is restored by id, and the table has no id column`);
    plans.set(name, plan);
  }
  return plans;
}

export type BackupResult = { tables: number; rows: number; counts: Record<string, number> };

/**
 * Writes the dump to `file` (through `file.partial`, renamed when complete). An unwritable folder
 * or a full disk rejects; no stream error is left unhandled (it would end the process).
 */
export async function backupTo(db: Db, file: string): Promise<BackupResult> {
  const partial = `${file}.partial`;
  // Opened before anything else so that an unwritable folder fails here, at once.
  const out = fs.createWriteStream(partial, { fd: fs.openSync(partial, "w") });
  const gzip = zlib.createGzip();
  const finished = pipeline(gzip, out);
  finished.catch(() => undefined); // observed below; this only keeps an early failure from being unhandled
  const write = async (line: unknown) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await Promise.race([once(gzip, "drain"), finished]);
  };
  const counts: Record<string, number> = {};
  let rows = 0;
  const tables = tablesInOrder();
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      await write({ format: FORMAT, createdAt: new Date().toISOString(), tables: tables.map((t) => getTableName(t)) });
      for (const table of tables) {
        const name = getTableName(table);
        const result = await tx.execute(sql`select * from ${sql.identifier(name)}`);
        const list = (result as unknown as { rows: Record<string, unknown>[] }).rows;
        await write({ table: name, count: list.length });
        for (const row of list) await write(row);
        counts[name] = list.length;
        rows += list.length;
      }
    });
    gzip.end();
    await finished;
  } catch (error) {
    gzip.destroy();
    await finished.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, file);
  return { tables: tables.length, rows, counts };
}

/**
 * Reads a backup back and checks it: every line parses, the header has the format, and each
 * table holds as many rows as its section announces — and, when given, as many as were written.
 */
export async function verifyBackup(file: string, expected?: Record<string, number>): Promise<{ rows: number }> {
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  const lines = readline.createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const found: Record<string, number> = {};
  let header: { format?: unknown; tables?: unknown } | null = null;
  let current: { name: string; remaining: number } | null = null;
  let rows = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line) continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`Tệp sao lưu hỏng ở dòng ${lineNo} (không đọc được JSON).`);
    }
    if (header === null) {
      header = value;
      if (header.format !== FORMAT) throw new Error(`Tệp sao lưu không đúng định dạng (${String(header.format)}).`);
      continue;
    }
    if (current === null || current.remaining === 0) {
      if (typeof value.table !== "string" || typeof value.count !== "number")
        throw new Error(`Tệp sao lưu hỏng ở dòng ${lineNo} (thiếu đầu mục bảng).`);
      current = { name: value.table, remaining: value.count };
      found[value.table] = 0;
      continue;
    }
    found[current.name] = (found[current.name] ?? 0) + 1;
    current.remaining--;
    rows++;
  }
  if (header === null) throw new Error("Tệp sao lưu trống.");
  if (current && current.remaining !== 0)
    throw new Error(`Tệp sao lưu thiếu ${current.remaining} dòng của bảng ${current.name}.`);
  // A file cut right after a table's last row still parses: every table the header names must be there.
  const missing = Array.isArray(header.tables)
    ? header.tables.filter((t) => typeof t === "string" && !(t in found))
    : [];
  if (missing.length) throw new Error(`Tệp sao lưu thiếu bảng ${missing.join(", ")} (tệp bị cắt cụt).`);
  if (expected) {
    for (const [table, count] of Object.entries(expected)) {
      if (found[table] !== count)
        throw new Error(`Bảng ${table}: đã ghi ${count} dòng nhưng đọc lại được ${found[table] ?? 0}.`);
    }
  }
  return { rows };
}

/** Restores a backup into an empty, migrated database, in one transaction (all or nothing). */
export async function restoreFrom(db: Db, file: string): Promise<{ rows: number }> {
  let rows = 0;
  await db.transaction(async (tx) => {
    const existing = (await tx.execute(sql`select count(*)::int as n from wards`)) as unknown as {
      rows: { n: number }[];
    };
    const count = Number(existing.rows[0]?.n ?? 0);
    if (count > 0)
      throw new Error(
        "Cơ sở dữ liệu đích đã có dữ liệu. Chỉ khôi phục vào cơ sở dữ liệu trống (the target database is not empty).",
      );
    let header = true;
    const plans = restorePlans();
    let current: {
      name: string;
      remaining: number;
      columns: string[];
      known: Set<string> | null;
      /** Parent links held back until the whole table is in (see RestorePlan). */
      links: Record<string, unknown>[];
    } | null = null;
    /** The table's columns now: a backup of an older version may name columns a migration dropped. */
    const columnsNow = async (table: string): Promise<Set<string> | null> => {
      const result = (await tx.execute(
        sql`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`,
      )) as unknown as { rows: { column_name: string }[] };
      return result.rows.length > 0 ? new Set(result.rows.map((r) => r.column_name)) : null;
    };
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!current || batch.length === 0) return;
      const cols = current.columns;
      // A table that no longer exists, or rows with no column left: nothing to write.
      if (!current.known || cols.length === 0) {
        batch = [];
        return;
      }
      const plan = plans.get(current.name);
      const deferred = new Set(plan?.deferred.filter((c) => cols.includes(c)) ?? []);
      if (deferred.size > 0) {
        for (const r of batch)
          if ([...deferred].some((c) => r[c] !== null && r[c] !== undefined)) current.links.push(r);
      }
      const valueOf = (r: Record<string, unknown>, c: string): SQL => {
        if (deferred.has(c)) return sql`null`;
        const wardFrom = plan?.wardFrom;
        if (c === "ward_id" && !("ward_id" in r) && wardFrom)
          return sql`(select ward_id from ${sql.identifier(wardFrom.parent)} where id = ${r[wardFrom.column]})`;
        return sql`${jsonValue(r[c])}`;
      };
      const values = batch.map(
        (r) =>
          sql`(${sql.join(
            cols.map((c) => valueOf(r, c)),
            sql`, `,
          )})`,
      );
      await tx.execute(
        sql`insert into ${sql.identifier(current.name)} (${sql.join(
          cols.map((c) => sql.identifier(c)),
          sql`, `,
        )}) values ${sql.join(values, sql`, `)}`,
      );
      rows += batch.length;
      batch = [];
    };
    /** Sets the held-back parent links of the table just written, 500 rows a statement. */
    const link = async () => {
      if (!current || current.links.length === 0) return;
      const columns = plans.get(current.name)?.deferred.filter((c) => current?.columns.includes(c)) ?? [];
      for (let start = 0; start < current.links.length; start += 500) {
        const chunk = current.links.slice(start, start + 500);
        const values = chunk.map(
          (r) =>
            sql`(${sql.join(
              [r.id, ...columns.map((c) => r[c])].map((v) => sql`${v}::uuid`),
              sql`, `,
            )})`,
        );
        await tx.execute(
          sql`update ${sql.identifier(current.name)} as t set ${sql.join(
            columns.map((c) => sql`${sql.identifier(c)} = v.${sql.identifier(c)}`),
            sql`, `,
          )} from (values ${sql.join(values, sql`, `)}) as v(id, ${sql.join(
            columns.map((c) => sql.identifier(c)),
            sql`, `,
          )}) where t.id = v.id`,
        );
      }
      current.links = [];
    };
    // Opened only now: readline emits lines as soon as it is created, and lines emitted while the
    // transaction was starting would be lost to the loop below (seen on a PostgreSQL server).
    // pipe() does not pass a source's error on: a missing or non-gzip file must reject, not hang.
    const source = fs.createReadStream(file);
    const gunzip = zlib.createGunzip();
    source.on("error", (error) =>
      gunzip.destroy(new Error(`Không đọc được tệp sao lưu (${error.message}).`, { cause: error })),
    );
    gunzip.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "Z_DATA_ERROR") error.message = `Tệp sao lưu bị hỏng hoặc không phải gzip (${error.message}).`;
    });
    const lines = readline.createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const value = JSON.parse(line) as Record<string, unknown>;
      if (header) {
        if (value.format !== FORMAT) throw new Error(`Tệp sao lưu không đúng định dạng (${String(value.format)}).`);
        header = false;
        continue;
      }
      if (current === null || current.remaining === 0) {
        await flush();
        await link();
        const name = String(value.table);
        current = { name, remaining: Number(value.count), columns: [], known: await columnsNow(name), links: [] };
        continue;
      }
      if (current.columns.length === 0) {
        const known = current.known;
        current.columns = Object.keys(value).filter((c) => known?.has(c));
        // Written before the table had a ward_id: derived from the row it belongs to.
        if (known?.has("ward_id") && !("ward_id" in value) && plans.get(current.name)?.wardFrom)
          current.columns.push("ward_id");
      }
      batch.push(value);
      current.remaining--;
      if (batch.length >= 500 || current.remaining === 0) await flush();
    }
    await flush();
    await link();
    // Sequences (the audit log's id) continue after the restored rows.
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 0) + 1, false)`,
    );
  });
  return { rows };
}

/** JSON columns come back as objects: send them as JSON text; everything else as is. */
function jsonValue(value: unknown): unknown {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}
