import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { openDatabase, type Database } from "./db/client.js";
import type { Config } from "./lib/config.js";
import { localDiskStore } from "./modules/files/store.js";
import { countWards } from "./modules/identity/service.js";
import { loadDemo } from "./modules/demo/service.js";
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

/** Opens the database, loads the demo ward on first start in demo mode, and serves the API and web app. */
export async function startServer(
  config: Config,
  options: { listen?: boolean; logger?: boolean; jobs?: JobDefinition[] } = {},
): Promise<RunningServer> {
  const database = await openDatabase(databaseOptions(config));
  const store = localDiskStore(config.filesDir);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  try {
    if (config.demoMode && (await countWards(database.db)) === 0) {
      await loadDemo(database.db, { template: loadSeedTemplate(), store });
    }
    // One metrics registry for the HTTP hooks and the job runner.
    const metrics = config.metricsToken
      ? createMetrics({ poolStats: database.poolStats, backupFacts: () => backupFacts(database.db) })
      : null;
    const app = await buildApp(
      { db: database.db, databaseKind: database.kind, store, config, mailer, poolStats: database.poolStats, metrics },
      { logger: options.logger ?? true },
    );
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
      async stop() {
        await jobs.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
