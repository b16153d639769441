import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";

const TOKEN = "s3cret-metrics-token-0123456789";

let t: TestApp;
let off: TestApp;
beforeAll(async () => {
  [t, off] = await Promise.all([startTestApp({ env: { METRICS_TOKEN: TOKEN } }), startTestApp({ demo: false })]);
});
afterAll(async () => {
  await t?.close();
  await off?.close();
});

const scrape = async (authorization?: string) =>
  t.app.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });

/** The value of one series in Prometheus text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /metrics", () => {
  it("answers 404 when METRICS_TOKEN is not set", async () => {
    const response = await off.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer x" } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });

  it("answers 401 without the token or with a wrong one", async () => {
    for (const header of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await scrape(header);
      expect(response.statusCode, String(header)).toBe(401);
      expect(response.headers["www-authenticate"]).toContain("Bearer");
      expect(response.body).not.toContain("px_http");
    }
  });

  it("serves Prometheus text with the token, and its counters move with requests by route pattern", async () => {
    const before = await scrape(`Bearer ${TOKEN}`);
    expect(before.statusCode).toBe(200);
    expect(before.headers["content-type"]).toContain("text/plain");
    const series = 'px_http_request_duration_seconds_count{method="GET",route="/api/public/plan",status_code="200"}';
    const detail = 'px_http_request_duration_seconds_count{method="GET",route="/api/tasks/:id",status_code="401"}';
    const countBefore = sample(before.body, series);
    for (let i = 0; i < 3; i++) await t.app.inject({ method: "GET", url: "/api/public/plan" });
    await t.app.inject({ method: "GET", url: "/api/tasks/8a0e7a3e-0f7e-4c36-9d68-5a2f1f0e9b11" });
    const after = await scrape(`Bearer ${TOKEN}`);
    expect(sample(after.body, series)).toBe(countBefore + 3);
    // The pattern, never the raw URL with its id.
    expect(sample(after.body, detail)).toBe(1);
    expect(after.body).not.toContain("8a0e7a3e");
    // Pool, memory and event-loop lag are there too.
    expect(sample(after.body, "px_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(after.body, "px_db_pool_max_connections")).toBe(t.database.kind === "postgres" ? 10 : 1);
    if (t.database.kind === "postgres") expect(after.body).toContain("px_db_pool_waiting_clients 0");
    expect(sample(after.body, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(after.body).toContain("nodejs_eventloop_lag_seconds");
    expect(after.body).toContain("# TYPE px_job_runs_total counter");
  });

  it("stays out of the OpenAPI description (it is not JSON)", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).not.toContain("/metrics");
    expect(Object.keys(spec.paths)).toContain("/api/system/status");
  });
});
