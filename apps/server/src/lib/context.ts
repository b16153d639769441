import type { Db, DatabaseKind, PoolStats } from "../db/client.js";
import type { FileStore } from "../modules/files/store.js";
import type { Metrics } from "../modules/metrics/service.js";
import type { Mailer } from "../modules/notifications/mailer.js";
import type { Config } from "./config.js";
import type { Snapshots } from "../modules/snapshots/service.js";
import type { SessionCache } from "../modules/identity/session-cache.js";

/** What route plugins are given: the database, the file store, configuration. */
export type AppContext = {
  db: Db;
  databaseKind: DatabaseKind;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  store: FileStore;
  config: Config;
  mailer: Mailer | null;
  /** Connection pool usage, for /metrics. */
  poolStats?: () => PoolStats;
  /** Shared with the job runner when the server made it; else buildApp makes one if METRICS_TOKEN is set. */
  metrics?: Metrics | null;
  /** Snapshots of reads many make; buildApp makes one when absent (lib/snapshots.ts). */
  snapshots?: Snapshots;
  /** Sessions checked recently (buildApp makes one when absent). */
  sessions?: SessionCache;
};
