import crypto from "node:crypto";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { PoolStats } from "../../db/client.js";
import type { JobMetrics } from "../jobs/runner.js";

/** What the last scheduled backups did, as /metrics reports it. */
export type BackupFacts = {
  lastSuccess: { at: Date; bytes: number } | null;
  lastAttemptFailed: boolean;
};

export type Metrics = JobMetrics & {
  registry: Registry;
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
};

/**
 * The Prometheus metrics of one app process: requests by route pattern and status with their
 * latency, the database pool, background job runs, the last backup, and Node's own (memory,
 * event-loop lag, GC) from prom-client's default collectors. One registry per app, so tests
 * that build several apps do not share counters.
 */
export function createMetrics(sources: {
  poolStats?: () => PoolStats;
  backupFacts?: () => Promise<BackupFacts | null>;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: "px_http_request_duration_seconds",
    help: "HTTP requests by method, route pattern and status, with their duration",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const poolGauge = (name: string, help: string, pick: (s: PoolStats) => number | null) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = sources.poolStats?.();
        const value = stats ? pick(stats) : null;
        if (value !== null) this.set(value);
      },
    });
  poolGauge("px_db_pool_connections", "Open database connections (PGlite: its one connection)", (s) => s.total);
  poolGauge("px_db_pool_idle_connections", "Idle pooled connections (PostgreSQL only)", (s) => s.idle);
  poolGauge("px_db_pool_waiting_clients", "Queries waiting for a free connection (PostgreSQL only)", (s) => s.waiting);
  poolGauge("px_db_pool_max_connections", "Largest number of connections the pool opens", (s) => s.max);

  const jobRuns = new Counter({
    name: "px_job_runs_total",
    help: "Background job runs by this process, by job and outcome (succeeded, failed)",
    labelNames: ["job", "status"] as const,
    registers: [registry],
  });

  // The backup gauges read the job table (shared by every process), so any process reports them.
  let facts: Promise<BackupFacts | null> | null = null;
  const readFacts = () => {
    facts ??= (sources.backupFacts?.() ?? Promise.resolve(null))
      .catch(() => null) // database down: the scrape still answers, without these values
      .finally(() => setImmediate(() => (facts = null)));
    return facts;
  };
  new Gauge({
    name: "px_backup_last_success_timestamp_seconds",
    help: "When the last scheduled backup that succeeded finished (Unix time)",
    registers: [registry],
    async collect() {
      const last = (await readFacts())?.lastSuccess;
      if (last) this.set(last.at.getTime() / 1000);
    },
  });
  new Gauge({
    name: "px_backup_last_size_bytes",
    help: "Size of the last scheduled backup that succeeded",
    registers: [registry],
    async collect() {
      const last = (await readFacts())?.lastSuccess;
      if (last) this.set(last.bytes);
    },
  });
  new Gauge({
    name: "px_backup_last_attempt_failed",
    help: "1 when the latest scheduled backup attempt failed, else 0",
    registers: [registry],
    async collect() {
      const current = await readFacts();
      if (current) this.set(current.lastAttemptFailed ? 1 : 0);
    },
  });

  return {
    registry,
    observeRequest(method, route, statusCode, seconds) {
      requests.observe({ method, route, status_code: statusCode }, seconds);
    },
    jobRun(job, status) {
      jobRuns.inc({ job, status });
    },
  };
}

/** Bearer token check in constant time (hashes first, so lengths never leak either). */
export function isMetricsTokenValid(header: string | undefined, token: string): boolean {
  if (!header?.startsWith("Bearer ")) return false;
  const given = crypto.createHash("sha256").update(header.slice("Bearer ".length)).digest();
  const expected = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(given, expected);
}
