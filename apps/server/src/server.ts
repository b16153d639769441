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
import { runReminders } from "./modules/notifications/service.js";

export function databaseOptions(config: Config) {
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir) };
}

export type RunningServer = { app: FastifyInstance; database: Database; stop(): Promise<void> };

/** Opens the database, loads the demo ward on first start in demo mode, and serves the API and web app. */
export async function startServer(
  config: Config,
  options: { listen?: boolean; logger?: boolean } = {},
): Promise<RunningServer> {
  const database = await openDatabase(databaseOptions(config));
  const store = localDiskStore(config.filesDir);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  try {
    if (config.demoMode && (await countWards(database.db)) === 0) {
      await loadDemo(database.db, { template: loadSeedTemplate(), store });
    }
    const app = await buildApp(
      { db: database.db, databaseKind: database.kind, store, config, mailer },
      { logger: options.logger ?? true },
    );
    const remind = async () => {
      try {
        const result = await runReminders(database.db, mailer);
        if (result.created) app.log.info(result, "reminders created");
      } catch (error) {
        app.log.error({ err: error }, "reminder run failed");
      }
    };
    await remind();
    const timer = setInterval(() => void remind(), config.reminderIntervalMinutes * 60_000);
    timer.unref();
    if (options.listen !== false) await app.listen({ port: config.port, host: config.host });
    return {
      app,
      database,
      async stop() {
        clearInterval(timer);
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
