import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.js";
import { lockDataDir, type DataDirLock } from "./lock.js";

export type Schema = typeof schema;
/** A database or a transaction: both run the same typed queries. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

/** Connection pool usage, for /metrics. PGlite is one in-process connection with no visible queue. */
export type PoolStats = { total: number; idle: number | null; waiting: number | null; max: number };

export type Database = {
  db: Db;
  kind: DatabaseKind;
  poolStats(): PoolStats;
  close(): Promise<void>;
};

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../migrations");

export type OpenOptions =
  /** A PostgreSQL server (15 or newer). */
  | { url: string }
  /** Embedded PGlite in `dataDir` (the app's exclusive lock is taken first); `memory` for tests. */
  | { dataDir: string }
  | { memory: true };

/** Opens the database and applies pending migrations (forward-only, the same files on both engines). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ("url" in options) return openPostgres(options.url);
  if ("memory" in options) return openPglite(new PGlite(), undefined);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const lock = await lockDataDir(options.dataDir);
  try {
    const client = new PGlite(path.join(options.dataDir, "pgdata"));
    await client.waitReady;
    return await openPglite(client, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openPglite(client: PGlite, lock: DataDirLock | undefined): Promise<Database> {
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    poolStats: () => ({ total: 1, idle: null, waiting: null, max: 1 }),
    async close() {
      await client.close();
      await lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzlePg(pool, { schema });
  await migratePg(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: "postgres",
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    }),
    async close() {
      await pool.end();
    },
  };
}
