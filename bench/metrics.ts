// The cost of Prometheus metrics on the request path: the same server on the demo ward, started
// twice side by side — without METRICS_TOKEN (no hook, no /metrics) and with it (a histogram
// observation on every response, /metrics scraped during the run) — loaded in turn by autocannon
// at 16 and 256 connections. Throughput and p99 latency with and without, as a ratio, measured in
// the same run; rounds alternate which server goes first, and the median round is reported.
//
//   npx tsx bench/metrics.ts [--duration 10] [--rounds 3]
//
// Bounded: fixed rounds × fixed duration, and both servers are stopped at the end (or on error).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { numberFlag, parseArgs, printTable } from "./lib.js";

const cli = fileURLToPath(new URL("../apps/server/src/cli.ts", import.meta.url));
const TOKEN = "bench-metrics-token-0123456789abcdef";

type Server = { label: string; port: number; child: ChildProcess; dir: string; cookie: string };
type Sample = { rps: number; p99: number; non2xx: number; errors: number };

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
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${route}`,
    connections,
    duration,
    headers: { cookie: server.cookie },
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
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
  const duration = numberFlag(flags, "duration", 10);
  const rounds = numberFlag(flags, "rounds", 3);
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
    for (const server of servers) for (const route of routes) await load(server, route, 16, 2);

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
            (server === on ? entry.on : entry.off).push(sample);
            console.error(
              `round ${round + 1} ${key} ${server.label}: ${sample.rps.toFixed(0)} req/s, p99 ${sample.p99} ms, non-2xx ${sample.non2xx}, errors ${sample.errors}`,
            );
          }
          samples.set(key, entry);
        }
      }
    }

    console.log(
      `\nMetrics cost (${rounds} rounds × ${duration} s per server and load, median round; demo ward on PGlite; Node ${process.version}, ${os.cpus().length} cores)\n`,
    );
    const rows = [...samples].map(([key, { off: a, on: b }]) => {
      const rpsOff = median(a.map((s) => s.rps));
      const rpsOn = median(b.map((s) => s.rps));
      const p99Off = median(a.map((s) => s.p99));
      const p99On = median(b.map((s) => s.p99));
      const bad = [...a, ...b].reduce((n, s) => n + s.non2xx + s.errors, 0);
      return [
        key,
        rpsOff.toFixed(0),
        rpsOn.toFixed(0),
        `${(rpsOn / rpsOff).toFixed(3)}×`,
        String(p99Off),
        String(p99On),
        `${(p99On / p99Off).toFixed(2)}×`,
        String(bad),
      ];
    });
    printTable(
      [
        "route × connections",
        "req/s without",
        "req/s with",
        "throughput ratio",
        "p99 ms without",
        "p99 ms with",
        "p99 ratio",
        "non-2xx+errors",
      ],
      rows,
    );
  } finally {
    for (const server of servers) await stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
