import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";

/**
 * Reads served from snapshots: a write that changes what a page shows changes its ETag and body
 * at once; a write that does not leaves both as they were; 304 to a matching If-None-Match;
 * precompressed bodies that decode to the same bytes.
 */
let t: TestApp;
let admin: Record<string, string>;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const revisionOf = async (wardId: string) =>
  Number(
    rowsOf<{ revision: string }>(
      await t.database.db.execute(sql`select revision::text as revision from ward_revisions where ward_id = ${wardId}`),
    )[0]?.revision ?? 0,
  );
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const builds = () => t.snapshotBuilds();

type Task = { id: string; kind: string; title: string; version: number; owner: { code: string } };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login("admin");
});
afterAll(async () => t?.close());

describe("public plan snapshot", () => {
  it("answers with a strong ETag, cache headers and 304 to a matching If-None-Match", async () => {
    const first = await get("/api/public/plan");
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers["cache-control"]).toContain("public");
    expect(first.headers["cache-control"]).toContain("s-maxage=");
    expect(first.headers.vary).toContain("accept-encoding");
    const again = await get("/api/public/plan", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    // A weak form of the same tag, or a list holding it, matches too (RFC 9110 weak comparison).
    expect((await get("/api/public/plan", { "if-none-match": `"x", W/${etag}` })).statusCode).toBe(304);
    expect((await get("/api/public/plan", { "if-none-match": '"other"' })).statusCode).toBe(200);
  });

  it("sends brotli or gzip bytes made once, which decode to the same body", async () => {
    const plain = await get("/api/public/plan");
    const br = await get("/api/public/plan", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await get("/api/public/plan", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    // br refused with q=0: gzip instead.
    expect((await get("/api/public/plan", { "accept-encoding": "br;q=0, gzip" })).headers["content-encoding"]).toBe(
      "gzip",
    );
    expect(br.headers.etag).toBe(plain.headers.etag);
  });

  it("is built once while the ward's data stands still, whatever the number of readers", async () => {
    await get("/api/public/plan");
    const before = builds();
    await Promise.all(Array.from({ length: 20 }, () => get("/api/public/plan")));
    expect(builds()).toBe(before);
  });

  it("changes ETag and body at once when a write changes what the page shows", async () => {
    const before = await get("/api/public/plan");
    const revision = await revisionOf(t.wardId);
    const tasks = (await get("/api/tasks", admin)).json().tasks as Task[];
    const task = tasks.find((x) => x.kind === "task");
    if (!task) throw new Error("no task");
    const title = `Nhiệm vụ đổi tên ${Date.now()}`;
    const edited = await t.app.inject({
      method: "PATCH",
      url: `/api/tasks/${task.id}`,
      headers: admin,
      payload: { version: task.version, title },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await revisionOf(t.wardId)).toBeGreaterThan(revision);
    const after = await get("/api/public/plan");
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).toContain(title);
    expect(before.body).not.toContain(title);
    // The browser's copy is stale now: its If-None-Match gets the new body.
    expect((await get("/api/public/plan", { "if-none-match": String(before.headers.etag) })).statusCode).toBe(200);
  });

  it("keeps ETag and body when a write changes nothing the page shows", async () => {
    const before = await get("/api/public/plan");
    const revision = await revisionOf(t.wardId);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: {
        username: `khach${Date.now()}`,
        displayName: "Khách",
        password: "khach-2026-xanh",
        role: "viewer",
        unitId: null,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    // The ward's revision moved (the snapshot was rebuilt) …
    expect(await revisionOf(t.wardId)).toBeGreaterThan(revision);
    const rebuiltFrom = builds();
    const after = await get("/api/public/plan");
    expect(builds()).toBe(rebuiltFrom + 1);
    // … and the same bytes came out: same ETag, so every browser's copy still holds.
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body).toBe(before.body);
  });

  it("moves the revision only with a committed write", async () => {
    const revision = await revisionOf(t.wardId);
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update tasks set progress = progress where ward_id = ${t.wardId}`);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await revisionOf(t.wardId)).toBe(revision);
    // Many rows in one transaction: one step.
    await t.database.db.execute(sql`update tasks set progress = progress where ward_id = ${t.wardId}`);
    expect(await revisionOf(t.wardId)).toBe(revision + 1);
  });

  it("serves an English snapshot apart from the Vietnamese one", async () => {
    const vi = (await get("/api/public/plan")).json() as { tasks: { statusLabel: string }[] };
    const en = await get("/api/public/plan?lang=en");
    expect(en.statusCode).toBe(200);
    const labels = (en.json() as { tasks: { statusLabel: string }[] }).tasks.map((x) => x.statusLabel);
    expect(labels).not.toEqual(vi.tasks.map((x) => x.statusLabel));
    expect((await get("/api/public/plan?lang=fr")).statusCode).toBe(400);
    expect((await get("/api/public/plan?ward=khong-co")).statusCode).toBe(404);
  });
});

describe("staff snapshots", () => {
  it("serves the dashboard, lists and my work privately, with 304 while nothing moved", async () => {
    const officer = await t.login("kinhte");
    for (const url of ["/api/dashboard", "/api/tasks", "/api/tasks?section=III", "/api/indicators", "/api/my-work"]) {
      const first = await get(url, officer);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers["cache-control"], url).toBe("private, no-cache");
      const again = await get(url, { ...officer, "if-none-match": String(first.headers.etag) });
      expect(again.statusCode, url).toBe(304);
    }
    // Without a session: nothing, cached or not.
    expect((await get("/api/dashboard")).statusCode).toBe(401);
  });

  it("keeps each filter and each person apart", async () => {
    const officer = await t.login("kinhte");
    const all = (await get("/api/tasks", officer)).json().tasks as Task[];
    const v = (await get("/api/tasks?section=V", officer)).json().tasks as Task[];
    expect(v.length).toBeGreaterThan(0);
    expect(v.length).toBeLessThan(all.length);
    const found = (await get(`/api/tasks?q=${encodeURIComponent("dot rom ra")}`, officer)).json().tasks as Task[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((x) => all.some((y) => y.id === x.id))).toBe(true);
    // includeCoordinated=false means false (it used to be read as true).
    const unitId = all.find((x) => x.owner.code === "kinh-te")?.owner;
    const units = (await get("/api/units", officer)).json().units as { id: string; code: string }[];
    const kinhteId = units.find((u) => u.code === "kinh-te")?.id ?? "";
    expect(unitId).toBeTruthy();
    const owned = (await get(`/api/tasks?unitId=${kinhteId}&includeCoordinated=false`, officer)).json().tasks as Task[];
    const withCoordinated = (await get(`/api/tasks?unitId=${kinhteId}&includeCoordinated=true`, officer)).json()
      .tasks as Task[];
    expect(owned.every((x) => x.owner.code === "kinh-te")).toBe(true);
    expect(withCoordinated.length).toBeGreaterThan(owned.length);
    expect((await get(`/api/tasks?includeCoordinated=maybe`, officer)).statusCode).toBe(400);
    const kinhte = (await get("/api/my-work", officer)).json() as { unit: { code: string } | null };
    const vhxh = (await get("/api/my-work", await t.login("vhxh"))).json() as { unit: { code: string } | null };
    expect(kinhte.unit?.code).toBe("kinh-te");
    expect(vhxh.unit?.code).toBe("vhxh");
  });

  it("shows a progress update on the dashboard at once", async () => {
    const officer = await t.login("kinhte");
    const before = await get("/api/dashboard", officer);
    const tasks = (await get("/api/tasks", officer)).json().tasks as Task[];
    const task = tasks.find((x) => x.kind === "task" && x.owner.code === "kinh-te");
    if (!task) throw new Error("no task");
    const text = `Đã hoàn thành khảo sát ${Date.now()}`;
    const boundary = "----pxsnap";
    const body = [
      ["reportedOn", "2026-11-20"],
      ["text", text],
      ["progress", "55"],
      ["status", "in_progress"],
    ]
      .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("");
    const posted = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task.id}/updates`,
      headers: { ...officer, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `${body}--${boundary}--\r\n`,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const after = await get("/api/dashboard", officer);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).toContain(text);
  });

  it("ends a session at once on sign-out, though checked sessions are remembered", async () => {
    const officer = await t.login("mttq");
    expect((await get("/api/my-work", officer)).statusCode).toBe(200);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: officer });
    expect(out.statusCode).toBeLessThan(300);
    expect((await get("/api/my-work", officer)).statusCode).toBe(401);
  });
});

describe("revision triggers", () => {
  it("watch every ward-owned table but the audit log and the sign-in tables", async () => {
    const tables = rowsOf<{ table: string; watched: boolean }>(
      await t.database.db.execute(sql`
        select c.relname as table,
               exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'px_ward_revision') as watched
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'ward_id' and not a.attisdropped
        where n.nspname = current_schema() and c.relkind = 'r'
        order by 1`),
    );
    expect(tables.length).toBeGreaterThan(15);
    const unwatched = tables.filter((x) => !x.watched).map((x) => x.table);
    // Sign-ins change no page; the audit log is written only beside a change that bumps already;
    // a mail sent or an API key used changes no page either.
    expect(unwatched.sort()).toEqual([
      "audit_log",
      "feedback_api_keys",
      "feedback_outbox",
      "login_challenges",
      "login_devices",
      "recovery_codes",
      "sessions",
      "ward_revisions",
    ]);
  });
});
