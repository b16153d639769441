// Citizen reports under load: Open311 POST requests throughput and p99 (autocannon, 16 and 256
// connections) against the floor — a bare Fastify handler on the same database engine parsing the
// same form and doing the same insert (the report and its first timeline entry, in one
// transaction) — measured in the same run, alternating; then a burst of 200 web submissions sent
// at once (multipart, a photo in every tenth), counted in the database afterwards.
//
//   npm run build && npx tsx bench/open311.ts [--url postgres://user:pw@host:5432/postgres]
//        [--duration 5] [--rounds 3] [--connections 16,256]
//
// With --url a fresh database is made on that server (and dropped at the end); without it, the
// embedded PGlite: the app seeds a data folder, and the floor opens a copy of it (one process per
// folder: PGlite's own rule). Every request comes from a different X-Forwarded-For address (a
// city's residents), through TRUST_PROXY=127.0.0.1, as production would see them behind a proxy.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import sharp from "sharp";
import { numberFlag, parseArgs, printTable, redactUrl } from "./lib.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cliDist = path.join(root, "apps/server/dist/cli.js");
const KEY = "demo-open311-key";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitFor(url: string, what: string): Promise<void> {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start`);
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

const randomAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${1 + crypto.randomInt(254)}`;

/**
 * The floor: Fastify with a form parser and one route doing what the app's POST must at least
 * do — read the form, insert the report and its "submitted" entry in a transaction, answer JSON.
 * It opens the database with the app's own client (same driver, same engine).
 */
const FLOOR_SOURCE = `
import Fastify from "fastify";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase } from ${JSON.stringify(path.join(root, "apps/server/dist/db/client.js"))};
const [,, port, dataDir, databaseUrl] = process.argv;
const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
const rows = (r) => (Array.isArray(r) ? r : r.rows);
const [ref] = rows(await database.db.execute(sql\`
  select c.ward_id, c.id as category_id, c.unit_id from feedback_categories c
  where c.code = 'rac-chua-thu-gom' order by c.position limit 1\`));
const app = Fastify();
app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 65536 },
  (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body))));
app.post("/open311/v2/requests.json", async (request) => {
  const form = request.body;
  const code = "PA-" + crypto.randomBytes(3).toString("hex").toUpperCase();
  await database.db.transaction(async (tx) => {
    const [report] = rows(await tx.execute(sql\`
      insert into feedback_reports (ward_id, code, reporter_key_hash, category_id, description, latitude, longitude,
        location_source, status, unit_id, due_on, source)
      values (\${ref.ward_id}, \${code}, \${crypto.randomBytes(32).toString("hex")}, \${ref.category_id}, \${form.description},
        \${Number(form.lat)}, \${Number(form.long)}, 'map', 'new', \${ref.unit_id}, current_date + 3, 'open311')
      returning id\`));
    await tx.execute(sql\`insert into feedback_updates (ward_id, report_id, kind, status_to, is_public, author_kind)
      values (\${ref.ward_id}, \${report.id}, 'submitted', 'new', true, 'open311')\`);
  });
  return [{ service_request_id: code, service_notice: "", account_id: null }];
});
await app.listen({ port: Number(port), host: "127.0.0.1" });
`;

type Sample = { rps: number; p99: number; non2xx: number; errors: number };

async function load(port: number, connections: number, duration: number, body: (i: number) => string): Promise<Sample> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/open311/v2/requests.json",
        setupRequest: (req) => ({
          ...req,
          headers: {
            ...req.headers,
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": randomAddress(),
          },
          body: body(i++),
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** How many of the burst's reports the database holds (run with the app stopped: PGlite's lock). */
async function countBurst(dataDir: string, databaseUrl: string): Promise<number> {
  const { openDatabase } = (await import(path.join(root, "apps/server/dist/db/client.js"))) as {
    openDatabase(o: unknown): Promise<{ db: { execute(q: unknown): Promise<unknown> }; close(): Promise<void> }>;
  };
  const { sql } = await import("drizzle-orm");
  const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
  const result = (await database.db.execute(
    sql`select count(*)::int as n from feedback_reports where description like ${`${BURST_TEXT}%`}`,
  )) as { rows: { n: number }[] };
  await database.close();
  return result.rows[0]?.n ?? 0;
}

const BURST_TEXT = "Thùng rác đầy, rác tràn ra đường ở điểm số";

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const serverUrl = flags.get("url");
  const duration = numberFlag(flags, "duration", 5);
  const rounds = numberFlag(flags, "rounds", 3);
  const connectionsList = (flags.get("connections") ?? "16,256").split(",").map(Number);
  if (!fs.existsSync(cliDist)) throw new Error("apps/server/dist/cli.js is missing: run npm run build first");

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "px-bench-311-"));
  const floorDir = `${dataDir}-floor`;
  let databaseUrl = "";
  let dropDatabase: (() => Promise<void>) | null = null;
  if (serverUrl) {
    const name = `px_bench_311_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const appPort = await freePort();
  const floorPort = await freePort();
  const startApp = () =>
    spawn(process.execPath, [cliDist, "serve", "--data-dir", dataDir], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        DEMO_MODE: "true",
        LOG_LEVEL: "info",
        TRUST_PROXY: "127.0.0.1",
        PORT: String(appPort),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
  const floorFile = path.join(root, "bench", `.open311-floor-${process.pid}.mjs`);
  fs.writeFileSync(floorFile, FLOOR_SOURCE);
  const startFloor = () =>
    spawn(process.execPath, [floorFile, String(floorPort), floorDir, databaseUrl], {
      stdio: ["ignore", "ignore", "inherit"],
    });

  let app: ChildProcess | null = startApp();
  let floor: ChildProcess | null = null;
  try {
    await waitFor(`http://127.0.0.1:${appPort}/api/health`, "the app");
    if (!databaseUrl) {
      // PGlite: one process per folder. The floor gets a copy of the seeded folder.
      await stop(app);
      fs.cpSync(dataDir, floorDir, { recursive: true });
      fs.rmSync(path.join(floorDir, ".lock"), { force: true });
      app = startApp();
      await waitFor(`http://127.0.0.1:${appPort}/api/health`, "the app");
    }
    floor = startFloor();
    await waitFor(`http://127.0.0.1:${floorPort}/`, "the floor");

    const body = (i: number) =>
      new URLSearchParams({
        api_key: KEY,
        service_code: "rac-chua-thu-gom",
        lat: String(20.944 + ((i % 97) - 48) / 10_000),
        long: String(106.287 + ((i % 89) - 44) / 10_000),
        description: `Rác chưa được thu gom ở điểm tập kết số ${i}, đã hai ngày.`,
      }).toString();
    // Warm both (JIT, pools) before measuring.
    await load(appPort, 16, 1, body);
    await load(floorPort, 16, 1, body);

    const rows: string[][] = [];
    for (const connections of connectionsList) {
      const ratios: number[] = [];
      let appBest: Sample | null = null;
      let floorBest: Sample | null = null;
      let bad = 0;
      for (let round = 0; round < rounds; round++) {
        const a = await load(appPort, connections, duration, body);
        const f = await load(floorPort, connections, duration, body);
        bad += a.non2xx + a.errors;
        ratios.push(a.rps / f.rps);
        if (!appBest || a.rps > appBest.rps) appBest = a;
        if (!floorBest || f.rps > floorBest.rps) floorBest = f;
      }
      ratios.sort((x, y) => x - y);
      const median = ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
      rows.push([
        `POST requests ×${connections}`,
        (appBest?.rps ?? 0).toFixed(0),
        `${appBest?.p99 ?? "?"} ms`,
        (floorBest?.rps ?? 0).toFixed(0),
        `${floorBest?.p99 ?? "?"} ms`,
        median.toFixed(2),
        String(bad),
      ]);
    }
    console.log(
      `\nOpen311 POST requests: app against a bare Fastify insert (${databaseUrl ? `PostgreSQL ${redactUrl(serverUrl ?? "")}` : "PGlite"})`,
    );
    printTable(
      ["load", "app req/s", "app p99", "floor req/s", "floor p99", "app/floor (median of rounds)", "app non-2xx"],
      rows,
    );

    // A burst: 200 web submissions at once, each from its own phone.
    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 140, b: 90 } },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const form = new FormData();
        form.set("category", "rac-chua-thu-gom");
        form.set("description", `${BURST_TEXT} ${i}.`);
        form.set("lat", String(20.944 + i / 100_000));
        form.set("lng", String(106.287 + i / 100_000));
        form.set("locationSource", "map");
        if (i % 10 === 0) form.set("photos", new Blob([photo], { type: "image/jpeg" }), "anh.jpg");
        try {
          const r = await fetch(`http://127.0.0.1:${appPort}/api/public/feedback/reports`, {
            method: "POST",
            body: form,
            headers: {
              "x-forwarded-for": randomAddress(),
              "x-device-id": `bench-burst-${String(i).padStart(10, "0")}`,
            },
          });
          return r.status;
        } catch {
          return 0;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const byStatus = new Map<number, number>();
    for (const s of answers) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    await stop(app);
    app = null;
    const saved = await countBurst(dataDir, databaseUrl);
    console.log(`\nBurst: 200 web submissions at once (20 with an 800×600 photo) in ${(elapsed / 1000).toFixed(1)} s`);
    printTable(
      ["status", "answers"],
      [...byStatus.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => [s === 0 ? "connection error" : String(s), String(n)]),
    );
    const accepted = byStatus.get(201) ?? 0;
    console.log(`burst reports in the database: ${saved} (answered 201: ${accepted}; lost: ${accepted - saved})`);
  } finally {
    await stop(app);
    await stop(floor);
    fs.rmSync(floorFile, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(floorDir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}

await main();
