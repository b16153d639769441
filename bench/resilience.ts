// Restart and recovery times, measured on real processes (not tests: tests never time things).
//
// 1. Restart after kill -9 on the embedded database: time from spawn to the first ready answer of
//    /api/health, for a start after a clean stop (the baseline) and a start right after kill -9.
// 2. Recovery after a PostgreSQL restart (needs a cluster this script may stop, e.g.
//    `pg_createcluster 15 faults --port 5433`): time from the server being back (its start
//    command returned) to the app's first ready answer, against the time the server itself takes
//    to accept a connection (the floor).
//
//   npm run build && npx tsx bench/resilience.ts [--rounds 5] [--cluster 15/faults --url postgres://…:5433/postgres]
import { execFile, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { parseArgs } from "./lib.js";

const run = promisify(execFile);
const cli = path.resolve("apps/server/dist/cli.js");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls every 20 ms (at most 2 minutes) until `url` answers 200; returns the elapsed ms. */
async function untilReady(url: string, since: number, child?: ChildProcess): Promise<number> {
  for (let i = 0; i < 6_000; i++) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`${url} never became ready`);
}

function start(dataDir: string, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [cli, "serve", "--data-dir", dataDir], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function restartAfterKill(rounds: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "px-bench-restart-"));
  try {
    const port = await freePort();
    const health = `http://127.0.0.1:${port}/api/health`;
    // First start creates the database and the demo ward: not measured.
    let child = start(dataDir, port);
    await untilReady(health, performance.now(), child);
    const clean: number[] = [];
    const afterKill: number[] = [];
    for (let i = 0; i < rounds; i++) {
      child.kill("SIGTERM");
      await exited(child);
      let t0 = performance.now();
      child = start(dataDir, port);
      clean.push(await untilReady(health, t0, child));
      child.kill("SIGKILL");
      await exited(child);
      t0 = performance.now();
      child = start(dataDir, port);
      afterKill.push(await untilReady(health, t0, child));
    }
    child.kill("SIGTERM");
    await exited(child);
    console.log(`Restart on PGlite (${rounds} rounds, median):`);
    console.log(`  after a clean stop (baseline): ${fmt(median(clean))}   [${clean.map(fmt).join(", ")}]`);
    console.log(`  right after kill -9:           ${fmt(median(afterKill))}   [${afterKill.map(fmt).join(", ")}]`);
    console.log(`  ratio: ${(median(afterKill) / median(clean)).toFixed(2)}×`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function recoveryAfterDatabaseRestart(rounds: number, cluster: string, serverUrl: string) {
  const [version, name] = cluster.split("/");
  if (!version || !name) throw new Error("--cluster VERSION/NAME");
  const database = `px_bench_recovery_${crypto.randomBytes(4).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    c.on("error", () => undefined);
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "px-bench-recovery-"));
  const port = await freePort();
  const health = `http://127.0.0.1:${port}/api/health`;
  const plan = `http://127.0.0.1:${port}/api/public/plan`;
  const child = start(dataDir, port, { DATABASE_URL: url.toString() });
  try {
    await untilReady(health, performance.now(), child);
    const floor: number[] = [];
    const app: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await run("pg_ctlcluster", [version, name, "stop", "-m", "fast"]);
      if ((await fetch(health)).status !== 503) throw new Error("health should be 503 while the database is down");
      await run("pg_ctlcluster", [version, name, "start"]);
      const t0 = performance.now();
      // The floor: a fresh client connecting and answering, measured in parallel with the app.
      const direct = (async () => {
        for (;;) {
          const c = new pg.Client({ connectionString: url.toString() });
          c.on("error", () => undefined);
          try {
            await c.connect();
            await c.query("select 1");
            await c.end();
            return performance.now() - t0;
          } catch {
            await sleep(20);
          }
        }
      })();
      // Not /api/health (asking it probes the database at once): a page that needs the database.
      app.push(await untilReady(plan, t0, child));
      floor.push(await direct);
    }
    console.log(
      `Recovery after a PostgreSQL restart (${rounds} rounds, median, from the server's start command returning):`,
    );
    console.log(`  a fresh connection succeeds (floor): ${fmt(median(floor))}   [${floor.map(fmt).join(", ")}]`);
    console.log(`  the app serves the public plan again:  ${fmt(median(app))}   [${app.map(fmt).join(", ")}]`);
    console.log(`  the app never exited: ${child.exitCode === null}`);
  } finally {
    child.kill("SIGTERM");
    await exited(child);
    await admin(`drop database if exists ${database} with (force)`).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const { flags } = parseArgs(process.argv.slice(2));
if (!fs.existsSync(cli)) throw new Error("run `npm run build` first (bench uses the built server)");
const rounds = Number(flags.get("rounds") ?? 5);
await restartAfterKill(rounds);
const cluster = flags.get("cluster");
const url = flags.get("url");
if (typeof cluster === "string" && typeof url === "string") await recoveryAfterDatabaseRestart(rounds, cluster, url);
else console.log("(no --cluster/--url: PostgreSQL recovery not measured)");
