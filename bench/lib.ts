// Helpers shared by bench/generate.ts and bench/run.ts. Bench code only: never imported by the app.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db } from "../apps/server/src/db/client.js";
import * as schema from "../apps/server/src/db/schema.js";
import { lockDataDir } from "../apps/server/src/db/lock.js";

/** Where generated data lives when no PostgreSQL URL is given (gitignored). */
export const BENCH_DATA_DIR = ".bench-data";

/** A database to generate into or to measure: an embedded PGlite folder or a PostgreSQL URL. */
export type Target =
  { kind: "pglite"; dataDir: string; label: string } | { kind: "postgres"; url: string; label: string };

export function parseTarget(spec: string): Target {
  if (/^postgres(ql)?:\/\//.test(spec)) return { kind: "postgres", url: spec, label: redactUrl(spec) };
  return {
    kind: "pglite",
    dataDir: path.resolve(spec),
    label: path.relative(process.cwd(), path.resolve(spec)) || spec,
  };
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

export function databaseName(url: string): string {
  return new URL(url).pathname.replace(/^\//, "");
}

/** Minimal flag parser: `--name value`, `--flag`, and positional arguments. */
export function parseArgs(
  argv: string[],
  booleans: string[] = [],
): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg.startsWith("--")) {
      const [name = "", inline] = arg.slice(2).split("=", 2);
      if (inline !== undefined) flags.set(name, inline);
      else if (booleans.includes(name)) flags.set(name, "true");
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      }
    } else positional.push(arg);
  }
  return { flags, positional };
}

export function numberFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
}

/** Rows of a raw query, on either driver (both return `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    db,
    sql`select count(*)::bigint as n from ${sql.identifier(table)}`,
  );
  return Number(row?.n ?? 0);
}

/** The tables the bench fills, in the order they are printed. */
export const BENCH_TABLES = [
  "wards",
  "units",
  "plans",
  "objectives",
  "tasks",
  "task_coordinators",
  "indicators",
  "measurements",
  "task_updates",
  "farms",
  "plots",
  "seasons",
  "diary_entries",
  "audit_log",
] as const;

export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of BENCH_TABLES) counts[table] = await countRows(db, table);
  return counts;
}

export async function databaseSize(db: Db): Promise<number> {
  const [row] = await rowsOf<{ size: number | string }>(
    db,
    sql`select pg_database_size(current_database())::bigint as size`,
  );
  return Number(row?.size ?? 0);
}

export function folderSize(dir: string): number {
  let total = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

export const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
export const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** Tracks the process's peak resident memory (PGlite runs inside it). */
export function memoryWatch(intervalMs = 250): { peak(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}

/** Prints a Markdown table with aligned columns (readable in a terminal, pasteable into the README). */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(Math.max(1, w - 1))}:`)).join(" | ")} |`,
  );
  for (const row of rows) console.log(line(row));
}

export { seededRandom } from "../apps/server/src/lib/random.js";

export type Stats = { p50: number; p95: number; mean: number; n: number };

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { p50: rank(0.5), p95: rank(0.95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, n: sorted.length };
}

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// The exact SQL a service sends (drizzle's logger), to explain it or to replay it as the floor.
// ---------------------------------------------------------------------------------------------

export type Captured = { query: string; params: unknown[] };

export async function openLogged(target: Target, log: Captured[]): Promise<{ db: Db; close(): Promise<void> }> {
  const logger = { logQuery: (query: string, params: unknown[]) => void log.push({ query, params }) };
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    return { db: drizzlePg(pool, { schema, logger }) as unknown as Db, close: () => pool.end() };
  }
  const lock = await lockDataDir(target.dataDir);
  const client = new PGlite(path.join(target.dataDir, "pgdata"));
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema, logger }) as unknown as Db,
    close: async () => {
      await client.close();
      await lock.release();
    },
  };
}

/** `explain (analyze, buffers) <query>` with the query's own parameters bound, through db.execute. */
export function explainOf(captured: Captured): SQL {
  const parts = captured.query.split(/\$(\d+)/);
  const statement = sql.raw("explain (analyze, buffers) ");
  parts.forEach((part, i) => {
    if (i % 2 === 0) statement.append(sql.raw(part));
    else statement.append(sql`${captured.params[Number(part) - 1]}`);
  });
  return statement;
}

/** The captured statement with its own parameters bound, as it ran: the floor a service is measured against. */
export function replayOf(captured: Captured): SQL {
  const parts = captured.query.split(/\$(\d+)/);
  const statement = sql.raw("");
  parts.forEach((part, i) => {
    if (i % 2 === 0) statement.append(sql.raw(part));
    else statement.append(sql`${captured.params[Number(part) - 1]}`);
  });
  return statement;
}
