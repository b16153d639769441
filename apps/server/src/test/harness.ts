import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { Snapshots } from "../modules/snapshots/service.js";
import { buildApp } from "../app.js";
import type { AppContext } from "../lib/context.js";
import { openDatabase, type Database } from "../db/client.js";
import { createMailer } from "../modules/notifications/mailer.js";
import { loadConfig, type Config } from "../lib/config.js";
import { localDiskStore, type FileStore } from "../modules/files/store.js";
import { loadDemo } from "../modules/demo/service.js";
import { loadCityDemo } from "../modules/demo/city.js";
import { loadSeedTemplate } from "../modules/onboarding/service.js";
import { forgetNewestFactorSet } from "../modules/factors/service.js";

/**
 * A test database: in-memory PGlite by default; a fresh database on the PostgreSQL server named
 * by TEST_DATABASE_URL when set (CI runs the same suite against both).
 */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ memory: true });
  const name = `px_test_${crypto.randomBytes(6).toString("hex")}`;
  await withServerClient(serverUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() }, guardPoolError);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await withServerClient(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * Every pool and client of the tests has an error listener: a connection the server drops while
 * idle (a test database dropped "with (force)", a restart) must not surface as an unhandled
 * 'error' event that fails the whole run.
 */
export const guardPoolError = (error: Error) => {
  if (process.env.PX_TEST_VERBOSE) console.warn(`test database connection dropped: ${error.message}`);
};

/** A short-lived client of the PostgreSQL server (create and drop test databases). */
export async function withServerClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", guardPoolError);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  store: FileStore;
  config: Config;
  wardId: string;
  /**
   * Forgets what the app process remembers (ward revisions, checked sessions), as it does by
   * itself within a second or five: for tests that change the database behind the app's back.
   */
  forgetCaches(): void;
  /** How many snapshots this app has built so far (a read served from one builds nothing). */
  snapshotBuilds(): number;
  /** Signs in and returns headers (cookie + CSRF) for later requests. */
  login(username: string, password?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
};

/**
 * The app on a fresh database with the demo ward loaded, as the quick start has it. `env` adds
 * configuration (METRICS_TOKEN, BACKUP_SCHEDULE…); `logStream` receives its JSON log lines.
 */
export async function startTestApp(
  options: {
    demo?: boolean;
    /** Also the demo city's five other wards (seconds more: only the tests that compare wards). */
    cityDemo?: boolean;
    today?: string;
    env?: Record<string, string>;
    logStream?: { write(line: string): unknown };
    /**
     * How long a ward's revision, once read, is trusted (1 s in production). Tests that expect a
     * read to be answered from what is held set it long, so that a slow machine cannot fail them;
     * writes through the app and `forgetCaches` still make every reading stale at once.
     */
    revisionTtlMs?: number;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "px-test-"));
  // Logs are read only when a test asks for them (logStream).
  const config = loadConfig({ ...options.env, DATA_DIR: dataDir, LOG_LEVEL: options.logStream ? "info" : "silent" });
  const store = localDiskStore(config.filesDir);
  let wardId = "";
  if (options.demo !== false) {
    ({ wardId } = await loadDemo(database.db, {
      template: loadSeedTemplate(),
      store,
      ...(options.today ? { today: options.today } : {}),
    }));
    if (options.cityDemo)
      await loadCityDemo(database.db, {
        template: loadSeedTemplate(),
        store,
        ...(options.today ? { today: options.today } : {}),
      });
  }
  const ctx: AppContext = {
    db: database.db,
    databaseKind: database.kind,
    ping: database.ping,
    store,
    config,
    // SMTP_URL in `env` (a local sink in the tests that read mail) sends mail as in production.
    mailer: config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : null,
    poolStats: database.poolStats,
    ...(options.revisionTtlMs
      ? { snapshots: new Snapshots(database.db, { revisionTtlMs: options.revisionTtlMs }) }
      : {}),
  };
  const app = await buildApp(ctx, options.logStream ? { logStream: options.logStream } : { logger: false });
  await app.ready();
  return {
    app,
    database,
    store,
    config,
    wardId,
    snapshotBuilds: () => ctx.snapshots?.cache.builds ?? 0,
    forgetCaches() {
      ctx.snapshots?.tracker.invalidate();
      ctx.sessions?.invalidate();
      forgetNewestFactorSet(database.db);
    },
    async login(username, password = "xanh2026") {
      const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
      if (response.statusCode !== 200)
        throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      return sessionHeaders(response);
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function sessionHeaders(response: LightMyRequestResponse): Record<string, string> {
  const cookies = response.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === "px_session")?.value ?? "";
  const csrf = cookies.find((c) => c.name === "px_csrf")?.value ?? "";
  return { cookie: `px_session=${session}; px_csrf=${csrf}`, "x-csrf-token": csrf };
}

/** A multipart body with text fields and files, as a browser form sends it. */
export function multipart(
  fields: Record<string, string>,
  files: { field: string; filename: string; bytes: Buffer; type: string }[] = [],
) {
  const boundary = `----px${crypto.randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\ncontent-type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** The smallest valid PNG (1×1), for evidence uploads. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
