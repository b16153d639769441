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
  /** Resolves when the database answers a trivial query (readiness probe). */
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
};

/** Where faults of idle connections are reported (they belong to no request). */
export type PoolErrorLog = (error: Error) => void;

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../migrations");

export type OpenOptions =
  /** A PostgreSQL server (15 or newer). */
  | { url: string }
  /** Embedded PGlite in `dataDir` (the app's exclusive lock is taken first); `memory` for tests. */
  | { dataDir: string }
  | { memory: true };

/** Opens the database and applies pending migrations (forward-only, the same files on both engines). */
export async function openDatabase(
  options: OpenOptions,
  onPoolError: PoolErrorLog = (error) => console.warn(`Lỗi kết nối CSDL (database connection error): ${error.message}`),
): Promise<Database> {
  if ("url" in options) return openPostgres(options.url, onPoolError);
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
    async ping() {
      await client.query("select 1");
    },
    poolStats: () => ({ total: 1, idle: null, waiting: null, max: 1 }),
    async close() {
      await client.close();
      await lock?.release();
    },
  };
}

/** Key of the advisory lock that lets one process at a time apply migrations. */
const MIGRATION_LOCK = "phuong-xanh:migrations";

async function openPostgres(url: string, onPoolError: PoolErrorLog): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A database that is away must fail a request within seconds, not hang it.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle pooled connection that the server drops (restart: "terminating connection due to
  // administrator command") emits 'error' on the pool; with no listener Node would exit.
  pool.on("error", onPoolError);
  // A checked-out client between two queries of a transaction gets the same fault as an 'error'
  // event of its own, which the pool does not listen to while the client is lent out.
  pool.on("connect", (client) => client.on("error", onPoolError));
  try {
    await migrateOnce(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: "postgres",
    async ping() {
      await pool.query("select 1");
    },
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

/** Two processes starting together take turns: the second finds nothing left to apply. */
async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // A session lock: released by the server if this process dies half-way.
    await client.query("select pg_advisory_lock(hashtext($1))", [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    await client.query("select pg_advisory_unlock(hashtext($1))", [MIGRATION_LOCK]);
    client.release();
  } catch (error) {
    // Discard the connection (and with it the lock) rather than return it to the pool.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
