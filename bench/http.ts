// Reads as users feel them: throughput and p99 of the app's public and staff reads under 16 and
// 256 concurrent connections (wrk), against the floor — a bare Node server sending the very same
// bytes and headers for the same URL, measured in the same run, alternating with the app.
//
//   npm run build && npx tsx bench/http.ts [--url postgres://user:pw@host:5432/postgres]
//        [--duration 10] [--warmup 1] [--connections 16,256] [--rounds 1] [--paths /api/public/plan,...]
//
// With --url, a fresh database is made on that server (and dropped at the end); without it, the
// embedded PGlite in a temporary folder. The app runs as in production (NODE_ENV=production,
// LOG_LEVEL=info, its per-request log lines written to /dev/null), behind TRUST_PROXY=127.0.0.1;
// wrk gives every request a different X-Forwarded-For address (a city's residents, not one
// client) and asks for `gzip, deflate, br` as browsers do. Needs `wrk` (Debian: apt-get install wrk).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { numberFlag, parseArgs, printTable, redactUrl } from "./lib.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cliDist = path.join(root, "apps/server/dist/cli.js");

type Read = { path: string; staff: boolean };
type Captured = { status: number; headers: Record<string, string>; body: Buffer };
type Sample = { rps: number; p99Ms: number; bad: number; cpuUsPerRequest: number };

const DEFAULT_PUBLIC = ["/api/public/plan"];
const DEFAULT_STAFF = ["/api/dashboard", "/api/tasks", "/api/indicators", "/api/my-work"];
const ACCEPT_ENCODING = "gzip, deflate, br";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** CPU time (user + system) a process has used, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function waitFor(url: string, what: string): Promise<void> {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** One raw GET (no decompression: the bytes as they travel). */
function capture(port: number, urlPath: string, headers: Record<string, string>): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: urlPath, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          // Per-connection and per-request headers the floor server sets itself.
          if (["date", "connection", "keep-alive", "transfer-encoding"].includes(name) || value === undefined) continue;
          kept[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({ status: response.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    request.on("error", reject);
  });
}

/** The floor: a bare Node server answering each path with the bytes the app sent for it. */
const FLOOR_SOURCE = `
const http = require("node:http");
const fs = require("node:fs");
const answers = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const a of Object.values(answers)) a.body = Buffer.from(a.body, "base64");
http.createServer((req, res) => {
  const a = answers[req.url];
  if (!a) { res.writeHead(404); res.end(); return; }
  res.writeHead(a.status, a.headers);
  res.end(a.body);
}).listen(Number(process.argv[3]), "127.0.0.1");
`;

function wrkScript(urlPath: string, headers: Record<string, string>): string {
  const fields = Object.entries(headers)
    .map(([k, v]) => `  [${JSON.stringify(k)}] = ${JSON.stringify(v)},`)
    .join("\n");
  // A different client address per request: the app believes X-Forwarded-For from 127.0.0.1.
  return `local headers = {\n${fields}\n}
request = function()
  headers["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format("GET", ${JSON.stringify(urlPath)}, headers)
end
`;
}

function parseDuration(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us"
    ? value / 1000
    : match[2] === "ms"
      ? value
      : match[2] === "s"
        ? value * 1000
        : value * 60_000;
}

function runWrk(
  port: number,
  urlPath: string,
  headers: Record<string, string>,
  connections: number,
  duration: number,
  pid: number | undefined,
): Sample {
  const script = path.join(os.tmpdir(), `px-wrk-${crypto.randomBytes(4).toString("hex")}.lua`);
  fs.writeFileSync(script, wrkScript(urlPath, headers));
  const cpuBefore = cpuMs(pid);
  const result = spawnSync(
    "wrk",
    [
      "-t1",
      `-c${connections}`,
      `-d${duration}s`,
      "--timeout",
      "30s",
      "--latency",
      "-s",
      script,
      `http://127.0.0.1:${port}`,
    ],
    { encoding: "utf8" },
  );
  const cpu = cpuMs(pid) - cpuBefore;
  fs.rmSync(script, { force: true });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`);
  const out = result.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const p99 = parseDuration(/\s99%\s+(\S+)/.exec(out)?.[1] ?? "");
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps, p99Ms: p99, bad: non2xx + errors, cpuUsPerRequest: (cpu * 1000) / Math.max(1, total) };
}

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const duration = numberFlag(flags, "duration", 10);
  const rounds = numberFlag(flags, "rounds", 1);
  // Unmeasured load just before each measured run: the server's revisions, JIT and connections
  // are as they are under steady load, not as after the other server's turn.
  const warmup = numberFlag(flags, "warmup", 1);
  const connectionList = (flags.get("connections") ?? "16,256").split(",").map(Number);
  const serverUrl = flags.get("url");
  if (!fs.existsSync(cliDist)) throw new Error("apps/server/dist/cli.js is missing: run npm run build first");
  if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is not installed (apt-get install wrk)");

  const reads: Read[] = flags.has("paths")
    ? (flags.get("paths") ?? "").split(",").map((p) => ({ path: p, staff: !p.startsWith("/api/public/") }))
    : [
        ...DEFAULT_PUBLIC.map((p) => ({ path: p, staff: false })),
        ...DEFAULT_STAFF.map((p) => ({ path: p, staff: true })),
      ];

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "px-bench-http-"));
  let databaseUrl = "";
  let dropDatabase: (() => Promise<void>) | null = null;
  if (serverUrl) {
    const name = `px_bench_http_${crypto.randomBytes(4).toString("hex")}`;
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
  const app = spawn(process.execPath, [cliDist, "serve", "--data-dir", dataDir], {
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
  let floor: ChildProcess | null = null;
  try {
    await waitFor(`http://127.0.0.1:${appPort}/api/health`, "the app");
    const login = await fetch(`http://127.0.0.1:${appPort}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "kinhte", password: "xanh2026" }),
    });
    if (!login.ok) throw new Error(`login failed (${login.status})`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const headersOf = (read: Read) => ({
      "accept-encoding": ACCEPT_ENCODING,
      ...(read.staff ? { cookie } : {}),
    });

    // The bytes each read answers now (warm): what the floor server will send.
    const answers: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
    for (const read of reads) {
      await capture(appPort, read.path, headersOf(read));
      const captured = await capture(appPort, read.path, headersOf(read));
      if (captured.status !== 200) throw new Error(`${read.path}: ${captured.status} ${captured.body.toString()}`);
      answers[read.path] = {
        status: captured.status,
        headers: captured.headers,
        body: captured.body.toString("base64"),
      };
    }
    const answersFile = path.join(dataDir, "answers.json");
    fs.writeFileSync(answersFile, JSON.stringify(answers));
    const floorFile = path.join(dataDir, "floor.cjs");
    fs.writeFileSync(floorFile, FLOOR_SOURCE);
    const floorPort = await freePort();
    floor = spawn(process.execPath, [floorFile, answersFile, String(floorPort)], { stdio: "inherit" });
    await waitFor(`http://127.0.0.1:${floorPort}${reads[0]?.path ?? "/"}`, "the floor server");

    console.log(
      `# ${new Date().toISOString()} · ${serverUrl ? `PostgreSQL (${redactUrl(serverUrl)})` : "PGlite"} · ` +
        `${os.cpus().length} cores · load ${os.loadavg()[0]?.toFixed(1)} · ${duration} s × ${rounds} round(s) per cell, each after ${warmup} s unmeasured`,
    );
    const rows: string[][] = [];
    for (const read of reads) {
      const bytes = Buffer.from(answers[read.path]?.body ?? "", "base64").length;
      for (const connections of connectionList) {
        const appSamples: Sample[] = [];
        const floorSamples: Sample[] = [];
        for (let round = 0; round < rounds; round++) {
          // Alternate which goes first, so drift in the machine's load cancels.
          const order = round % 2 === 0 ? ["app", "floor"] : ["floor", "app"];
          for (const who of order) {
            const [port, pid, into] =
              who === "app" ? [appPort, app.pid, appSamples] : [floorPort, floor.pid, floorSamples];
            if (warmup > 0) runWrk(port, read.path, headersOf(read), connections, warmup, pid);
            into.push(runWrk(port, read.path, headersOf(read), connections, duration, pid));
          }
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
        const appRps = median(appSamples.map((s) => s.rps));
        const floorRps = median(floorSamples.map((s) => s.rps));
        // The median of each round's paired ratio: a round where the machine was busy for both
        // sides does not count as a slow app.
        const ratio = median(appSamples.map((s, i) => s.rps / (floorSamples[i]?.rps ?? Number.NaN)));
        rows.push([
          `${read.path} ×${connections}`,
          String(bytes),
          appRps.toFixed(0),
          floorRps.toFixed(0),
          `${ratio.toFixed(2)} (1/${(1 / ratio).toFixed(1)})`,
          median(appSamples.map((s) => s.p99Ms)).toFixed(1),
          median(floorSamples.map((s) => s.p99Ms)).toFixed(1),
          median(appSamples.map((s) => s.cpuUsPerRequest)).toFixed(0),
          median(floorSamples.map((s) => s.cpuUsPerRequest)).toFixed(0),
          String(appSamples.reduce((a, s) => a + s.bad, 0)),
        ]);
      }
    }
    printTable(
      [
        "read × connections",
        "bytes sent",
        "app req/s",
        "floor req/s",
        "app / floor (median of rounds)",
        "app p99 ms",
        "floor p99 ms",
        "app CPU µs/req",
        "floor CPU µs/req",
        "non-2xx + errors",
      ],
      rows,
    );
  } finally {
    if (floor) await stop(floor);
    await stop(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
