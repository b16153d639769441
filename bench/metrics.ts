// The cost of Prometheus metrics on the request path: the same server on the demo ward, started
// twice side by side — without METRICS_TOKEN (no hook, no /metrics) and with it (a histogram
// observation on every response, /metrics scraped during the run) — loaded in turn by autocannon
// at 16 and 256 connections. Reported, in the same run: throughput and p99 latency with and
// without (medians over rounds, and the median of each round's paired ratio: rounds alternate
// which server goes first, so drift in the machine's load cancels), the server's CPU time per
// request (from /proc: it depends far less on what else the machine runs than throughput does),
// and the in-process cost of one histogram observation.
//
//   npx tsx bench/metrics.ts [--duration 5] [--rounds 6]
//
// Bounded: fixed rounds × fixed duration, and both servers are stopped at the end (or on error).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { performance } from "node:perf_hooks";
import { createMetrics } from "../apps/server/src/modules/metrics/service.js";
import { numberFlag, parseArgs, printTable } from "./lib.js";

const cli = fileURLToPath(new URL("../apps/server/src/cli.ts", import.meta.url));
const TOKEN = "bench-metrics-token-0123456789abcdef";

type Server = { label: string; port: number; child: ChildProcess; dir: string; cookie: string };
type Sample = { rps: number; p99: number; non2xx: number; errors: number; cpuUsPerRequest: number };

/** CPU time (user + system) a process has used, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServer(label: string, env: Record<string, string>): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "px-bench-metrics-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", cli, "serve", "--data-dir", dir], {
    // LOG_LEVEL=warn on both: per-request log lines would dominate and are not what is measured.
    env: {
      ...process.env,
      DATABASE_URL: "",
      DEMO_MODE: "true",
      LOG_LEVEL: "warn",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
    if (i === 479) throw new Error(`${label}: server did not start`);
  }
  // A signed-in officer, for the authenticated read (the public plan is rate-limited per address).
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "kinhte", password: "xanh2026" }),
  });
  if (!login.ok) throw new Error(`${label}: login failed (${login.status})`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { label, port, child, dir, cookie };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
  fs.rmSync(server.dir, { recursive: true, force: true });
}

async function load(server: Server, route: string, connections: number, duration: number): Promise<Sample> {
  const cpuBefore = cpuMs(server.child.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${route}`,
    connections,
    duration,
    // A saturated server answers 256 connections slowly; a request is not given up for that.
    timeout: 60,
    headers: { cookie: server.cookie },
  });
  const cpu = cpuMs(server.child.pid) - cpuBefore;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuUsPerRequest: (cpu * 1000) / Math.max(1, result.requests.total),
  };
}

/**
 * Waits until a server has drained what the last load queued (autocannon stops sending, the server
 * goes on answering what it received): two quick health answers in a row, at most 60 s.
 */
async function settle(server: Server): Promise<void> {
  let quick = 0;
  for (let i = 0; i < 600 && quick < 2; i++) {
    const start = performance.now();
    await fetch(`http://127.0.0.1:${server.port}/api/health`).catch(() => undefined);
    quick = performance.now() - start < 50 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 100));
  }
}

/** The hook's own work, in process: one histogram observation with its labels. */
function observationCost(): number {
  const metrics = createMetrics({});
  const routes = Array.from({ length: 40 }, (_, i) => `/api/route-${i}/:id`);
  const statuses = [200, 304, 400, 401, 403, 404, 500];
  const n = 400_000;
  for (let i = 0; i < 50_000; i++) metrics.observeRequest("GET", routes[i % 40] ?? "", 200, 0.004);
  const start = performance.now();
  for (let i = 0; i < n; i++)
    metrics.observeRequest(i % 5 ? "GET" : "POST", routes[i % 40] ?? "", statuses[i % 7] ?? 200, (i % 100) / 1000);
  return ((performance.now() - start) * 1000) / n;
}

/** Scrapes /metrics every 5 s, as Prometheus would (more often than its usual 15 s). */
function scrapeWhileRunning(server: Server): () => void {
  const timer = setInterval(() => {
    void fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
      .then((r) => r.text())
      .catch(() => undefined);
  }, 5000);
  return () => clearInterval(timer);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const duration = numberFlag(flags, "duration", 5);
  const rounds = numberFlag(flags, "rounds", 6);
  const routes = ["/api/health", "/api/tasks"];
  const levels = [16, 256];
  const servers: Server[] = [];
  try {
    servers.push(await startServer("without metrics", {}));
    servers.push(await startServer("with metrics", { METRICS_TOKEN: TOKEN }));
    const [off, on] = servers;
    if (!off || !on) throw new Error("servers did not start");
    const check = await fetch(`http://127.0.0.1:${on.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (check.status !== 200) throw new Error(`/metrics answered ${check.status}`);
    if ((await fetch(`http://127.0.0.1:${off.port}/metrics`)).status !== 404) throw new Error("metrics should be off");

    // Warm-up: JIT and caches on both, not measured.
    for (const server of servers)
      for (const route of routes) {
        await load(server, route, 16, 2);
        await settle(server);
      }

    const samples = new Map<string, { off: Sample[]; on: Sample[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const route of routes) {
        for (const connections of levels) {
          const key = `${route} ×${connections}`;
          const entry = samples.get(key) ?? { off: [], on: [] };
          const order = round % 2 === 0 ? [off, on] : [on, off];
          for (const server of order) {
            const stopScraping = server === on ? scrapeWhileRunning(on) : () => undefined;
            const sample = await load(server, route, connections, duration);
            stopScraping();
            await settle(server);
            (server === on ? entry.on : entry.off).push(sample);
            console.error(
              `round ${round + 1} ${key} ${server.label}: ${sample.rps.toFixed(0)} req/s, p99 ${sample.p99} ms, ` +
                `${sample.cpuUsPerRequest.toFixed(0)} µs CPU/request, non-2xx ${sample.non2xx}, errors ${sample.errors}`,
            );
          }
          samples.set(key, entry);
        }
      }
    }

    console.log(
      `\nMetrics cost (${rounds} rounds × ${duration} s per server and load; medians over rounds; demo ward on PGlite; ` +
        `Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)})\n`,
    );
    const rows = [...samples].map(([key, { off: a, on: b }]) => {
      const pick = (list: Sample[], f: (s: Sample) => number) => median(list.map(f));
      const paired = (f: (s: Sample) => number) => median(a.map((s, i) => (b[i] ? f(b[i]) / f(s) : Number.NaN)));
      const bad = [...a, ...b].reduce((n, s) => n + s.non2xx + s.errors, 0);
      return [
        key,
        pick(a, (s) => s.rps).toFixed(0),
        pick(b, (s) => s.rps).toFixed(0),
        `${paired((s) => s.rps).toFixed(3)}×`,
        String(pick(a, (s) => s.p99)),
        String(pick(b, (s) => s.p99)),
        `${paired((s) => s.p99).toFixed(2)}×`,
        pick(a, (s) => s.cpuUsPerRequest).toFixed(0),
        pick(b, (s) => s.cpuUsPerRequest).toFixed(0),
        `${paired((s) => s.cpuUsPerRequest).toFixed(3)}×`,
        String(bad),
      ];
    });
    printTable(
      [
        "route × connections",
        "req/s without",
        "req/s with",
        "throughput with/without",
        "p99 ms without",
        "p99 ms with",
        "p99 with/without",
        "CPU µs/req without",
        "CPU µs/req with",
        "CPU with/without",
        "non-2xx + errors",
      ],
      rows,
    );
    console.log(`\nOne histogram observation (the hook's work), in process: ${observationCost().toFixed(3)} µs`);
  } finally {
    for (const server of servers) await stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
