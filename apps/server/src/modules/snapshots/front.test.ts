import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { FrontRoutes } from "./front.js";

/**
 * The front door: a public read whose snapshot is current is answered before Fastify sees it,
 * with the very headers and bytes the app would send, and never anything older than the app
 * itself would answer. Real HTTP on a listening server (inject does not pass through it).
 */
let t: TestApp;
let base: string;
let admin: Record<string, string>;
const lines: Record<string, unknown>[] = [];

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; log: Record<string, unknown> };

/** One request over a new connection; its access-log line is found by the request id we send. */
function request(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  const id = `front-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, { method, headers: { ...headers, "x-request-id": id } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        // The line is written as the answer goes out: wait for it (at most a moment).
        const started = Date.now();
        const find = () => {
          const log = lines.find((l) => l.reqId === id && l.msg === "request completed");
          if (log || Date.now() - started > 2_000)
            return resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              log: log ?? {},
            });
          setTimeout(find, 5);
        };
        find();
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const withoutPerRequest = (headers: http.IncomingHttpHeaders) => {
  const { date: _date, "x-request-id": _id, ...rest } = headers;
  return rest;
};

beforeAll(async () => {
  t = await startTestApp({
    env: { METRICS_TOKEN: "front-door-metrics-token" },
    // What is held stays current however slow the machine (writes still invalidate it at once).
    revisionTtlMs: 600_000,
    logStream: {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = await t.login("admin");
});
afterAll(async () => t?.close());

describe("front door", () => {
  it("answers a repeated public read itself, with the app's headers and bytes", async () => {
    const first = await request("/api/public/plan", { "accept-encoding": "gzip, deflate, br" });
    const second = await request("/api/public/plan", { "accept-encoding": "gzip, deflate, br" });
    expect(first.status).toBe(200);
    expect(first.log.front).toBeUndefined();
    expect(second.log.front).toBe(true);
    expect(second.status).toBe(200);
    expect(withoutPerRequest(second.headers)).toEqual(withoutPerRequest(first.headers));
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers["content-encoding"]).toBe("br");
    expect(second.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(second.headers["x-request-id"]).toBe(second.log.reqId);
    // The access line has what the app's has: method, URL, the client's address, status.
    expect(second.log.req).toMatchObject({ method: "GET", url: "/api/public/plan", remoteAddress: "127.0.0.1" });
    expect(second.log.res).toEqual({ statusCode: 200 });
  });

  it("sends each coding the client takes, all decoding to the same bytes, and 304 to a matching ETag", async () => {
    await request("/api/public/plan");
    const plain = await request("/api/public/plan");
    const gz = await request("/api/public/plan", { "accept-encoding": "gzip" });
    const br = await request("/api/public/plan", { "accept-encoding": "br" });
    for (const answer of [plain, gz, br]) expect(answer.log.front).toBe(true);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const again = await request("/api/public/plan", { "if-none-match": String(plain.headers.etag) });
    expect(again.log.front).toBe(true);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(plain.headers.etag);
  });

  it("never answers older than the app: a write through the app is seen by the next read", async () => {
    const before = await request("/api/public/plan");
    expect((await request("/api/public/plan")).log.front).toBe(true);
    const { tasks } = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: admin })).json() as {
      tasks: { id: string; kind: string; version: number }[];
    };
    const task = tasks.find((x) => x.kind === "task");
    if (!task) throw new Error("the demo plan has no task");
    const title = `Nhiệm vụ đổi tên qua cửa trước ${Date.now()}`;
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/tasks/${task.id}`,
      headers: admin,
      payload: { title, version: task.version },
    });
    expect(patched.statusCode).toBe(200);
    const after = await request("/api/public/plan");
    expect(after.log.front).toBeUndefined();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.toString()).toContain(title);
    const next = await request("/api/public/plan");
    expect(next.log.front).toBe(true);
    expect(next.headers.etag).toBe(after.headers.etag);
  });

  it("follows a write made elsewhere once this process reads the ward's revision again", async () => {
    const before = await request("/api/public/plan");
    // Another process's write: the data and the revision move in the database, not here.
    const title = `Đổi từ tiến trình khác ${Date.now()}`;
    await t.database.db.execute(
      sql`update tasks set title = ${title} where ward_id = ${t.wardId} and code = (select min(code) from tasks where ward_id = ${t.wardId} and kind = 'task')`,
    );
    t.forgetCaches();
    const after = await request("/api/public/plan");
    expect(after.log.front).toBeUndefined();
    expect(after.body.toString()).toContain(title);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it("replays the route's own headers (open data's CORS) and keeps answers per URL", async () => {
    const url = "/api/public/open-data/indicators.json?lang=en";
    await request(url);
    const json = await request(url);
    expect(json.log.front).toBe(true);
    expect(json.headers["access-control-allow-origin"]).toBe("*");
    expect(json.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    const csv = await request("/api/public/open-data/indicators.csv?lang=en");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.equals(json.body)).toBe(false);
  });

  it("leaves to the app what is not a current public GET: HEAD, private reads, unknown URLs", async () => {
    await request("/api/public/plan");
    const head = await request("/api/public/plan", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.log.front).toBeUndefined();
    const cookie = admin.cookie ?? "";
    await request("/api/dashboard", { cookie });
    const dashboard = await request("/api/dashboard", { cookie });
    expect(dashboard.status).toBe(200);
    expect(dashboard.log.front).toBeUndefined();
    // Signed out, the private read is refused, whatever was answered before.
    expect((await request("/api/dashboard")).status).toBe(401);
    const unknown = await request("/api/public/tasks/khong-co");
    expect(unknown.status).toBe(404);
    expect((await request("/api/public/tasks/khong-co")).log.front).toBeUndefined();
  });

  it("leaves requests to the app while the database is away (503, not a stale answer)", async () => {
    await request("/api/public/plan");
    expect((await request("/api/public/plan")).log.front).toBe(true);
    t.app.databaseMonitor.report(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    );
    expect(t.app.databaseMonitor.isDown).toBe(true);
    const refused = await request("/api/public/plan");
    expect(refused.status).toBe(503);
    expect(refused.log.front).toBeUndefined();
    // The monitor's probe finds the database (it never left) and the front door opens again.
    for (let i = 0; i < 200 && t.app.databaseMonitor.isDown; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.app.databaseMonitor.isDown).toBe(false);
    await request("/api/public/plan");
    expect((await request("/api/public/plan")).log.front).toBe(true);
  });

  it("counts its answers in the request metrics, under the route's pattern", async () => {
    const count = async () => {
      const text = (
        await t.app.inject({
          method: "GET",
          url: "/metrics",
          headers: { authorization: "Bearer front-door-metrics-token" },
        })
      ).body;
      const line = text
        .split("\n")
        .find(
          (l) =>
            l.startsWith("px_http_request_duration_seconds_count") &&
            l.includes('route="/api/public/tasks/:code",status_code="200"'),
        );
      return Number(line?.split(" ").pop() ?? 0);
    };
    expect((await request("/api/public/tasks/iii-5-3")).status).toBe(200);
    const before = await count();
    const served = await request("/api/public/tasks/iii-5-3");
    expect(served.log.front).toBe(true);
    expect(await count()).toBe(before + 1);
  });
});

describe("front routes", () => {
  const fakeRequest = (url: string, host = "example.org") =>
    ({ url, headers: { host } }) as unknown as http.IncomingMessage;

  it("keeps at most so many URLs, dropping the oldest first", () => {
    const routes = new FrontRoutes(2);
    for (const url of ["/a", "/b", "/c"])
      routes.remember(fakeRequest(url), { cacheKey: url, wardId: "w", route: url }, { "x-one": "1" });
    expect(routes.size).toBe(2);
    expect(routes.find(fakeRequest("/a"))).toBeUndefined();
    expect(routes.find(fakeRequest("/c"))).toMatchObject({ cacheKey: "/c", headers: ["x-one", "1"] });
  });

  it("tells apart the same path asked under another host (share previews name their origin)", () => {
    const routes = new FrontRoutes();
    routes.remember(fakeRequest("/x", "a.example"), { cacheKey: "A", wardId: "w", route: "/x" }, {});
    expect(routes.find(fakeRequest("/x", "b.example"))).toBeUndefined();
    expect(routes.find(fakeRequest("/x", "a.example"))?.cacheKey).toBe("A");
  });

  it("never replays a per-request header", () => {
    const routes = new FrontRoutes();
    routes.remember(
      fakeRequest("/y"),
      { cacheKey: "Y", wardId: null, route: "/y" },
      {
        "x-request-id": "abc",
        "set-cookie": ["s=1"],
        "x-ratelimit-remaining": 59,
        "x-frame-options": "SAMEORIGIN",
      },
    );
    expect(routes.find(fakeRequest("/y"))?.headers).toEqual(["x-frame-options", "SAMEORIGIN"]);
  });
});
