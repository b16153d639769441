import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { openDatabase, type Database, type OpenOptions, type PoolErrorLog } from "./db/client.js";
import { isDatabaseUnavailable } from "./db/availability.js";
import type { Config } from "./lib/config.js";
import { localDiskStore } from "./modules/files/store.js";
import { countWards } from "./modules/identity/service.js";
import { loadDemo } from "./modules/demo/service.js";
import { loadCityDemo } from "./modules/demo/city.js";
import { loadSeedTemplate } from "./modules/onboarding/service.js";
import { createMailer } from "./modules/notifications/mailer.js";
import { backupFacts } from "./modules/backup/scheduled.js";
import { deploymentJobs } from "./modules/jobs/deployment.js";
import { createJobRunner, type JobDefinition } from "./modules/jobs/runner.js";
import { createMetrics } from "./modules/metrics/service.js";

export function databaseOptions(config: Config) {
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir) };
}

export type RunningServer = { app: FastifyInstance; database: Database; stop(): Promise<void> };

/**
 * Opens the database, waiting for a PostgreSQL server that is not up yet (a host booting, the
 * database restarting) instead of exiting: a service manager starting both together just works.
 */
export async function openDatabaseWhenReachable(
  options: OpenOptions,
  onPoolError: PoolErrorLog,
  shouldGiveUp: () => boolean = () => false,
): Promise<Database> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(options, onPoolError);
    } catch (error) {
      if (!isDatabaseUnavailable(error) || shouldGiveUp()) throw error;
      const seconds = Math.min(30, 2 ** Math.min(attempt, 5));
      console.warn(
        `Chưa kết nối được CSDL, thử lại sau ${seconds} giây (database unreachable, retrying): ${(error as Error).message}`,
      );
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}

/** How long SIGTERM lets requests in flight finish before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Opens the database, loads the demo ward and the demo city's other wards on first start in demo
 * mode, and serves the API and web app.
 */
export async function startServer(
  config: Config,
  options: { listen?: boolean; logger?: boolean; jobs?: JobDefinition[] } = {},
): Promise<RunningServer> {
  // Faults of idle connections go to the app's log and monitor once the app exists.
  let onPoolError: PoolErrorLog = (error) =>
    console.warn(`Lỗi kết nối CSDL (database connection error): ${error.message}`);
  const database = await openDatabaseWhenReachable(databaseOptions(config), (error) => onPoolError(error));
  const store = localDiskStore(config.filesDir);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  try {
    if (config.demoMode && (await countWards(database.db)) === 0) {
      await loadDemo(database.db, { template: loadSeedTemplate(), store });
      await loadCityDemo(database.db, { template: loadSeedTemplate(), store });
    }
    // One metrics registry for the HTTP hooks and the job runner.
    const metrics = config.metricsToken
      ? createMetrics({ poolStats: database.poolStats, backupFacts: () => backupFacts(database.db) })
      : null;
    const app = await buildApp(
      {
        db: database.db,
        databaseKind: database.kind,
        ping: database.ping,
        store,
        config,
        mailer,
        poolStats: database.poolStats,
        metrics,
      },
      { logger: options.logger ?? true },
    );
    onPoolError = (error) => {
      // The driver's error carries the whole client (connection settings included): log the gist.
      app.log.warn({ code: (error as { code?: unknown }).code, message: error.message }, "database connection failed");
      app.databaseMonitor.report(error);
    };
    // Reminders and scheduled backups run once per deployment, however many processes serve it.
    const jobs = createJobRunner({
      db: database.db,
      jobs: [...deploymentJobs(database.db, config, mailer), ...(options.jobs ?? [])],
      log: app.log.child({ module: "jobs" }),
      metrics,
    });
    await jobs.start();
    if (options.listen !== false) await app.listen({ port: config.port, host: config.host });
    return {
      app,
      database,
      /**
       * Stops taking requests (new connections refused, new requests on kept-alive ones get 503),
       * lets those in flight finish for up to SHUTDOWN_GRACE_MS, then closes the database.
       */
      async stop() {
        const grace = setTimeout(() => {
          app.log.warn("requests still running after the grace period: closing their connections");
          app.server.closeAllConnections();
        }, SHUTDOWN_GRACE_MS);
        grace.unref();
        try {
          await Promise.all([jobs.stop(), app.close()]);
        } finally {
          clearTimeout(grace);
          await database.close();
        }
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
