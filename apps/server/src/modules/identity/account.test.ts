import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { passwordProblem } from "./password-policy.js";
import { TestBrowser } from "./test-client.js";
import { rowsOf } from "./throttle.js";

/** The user's own sessions and password (trang Hồ sơ), and the common-password check. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const PHONE_UA =
  "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36";
const FIREFOX_UA = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

type SessionInfo = {
  id: string;
  browser: string | null;
  os: string | null;
  deviceType: string | null;
  address: string | null;
  lastUsedAt: string;
  current: boolean;
};

const sessionsOf = async (browser: TestBrowser) =>
  (await browser.request("GET", "/api/auth/sessions")).json().sessions as SessionInfo[];

describe("sessions on the profile", () => {
  it("lists each session with its device and address, marks the current one, and revokes another", async () => {
    const desk = new TestBrowser(t.app, "192.0.2.100");
    const phone = new TestBrowser(t.app, "198.51.100.100", PHONE_UA);
    expect((await desk.login("vhxh", "xanh2026")).statusCode).toBe(200);
    expect((await phone.login("vhxh", "xanh2026")).statusCode).toBe(200);

    const list = await sessionsOf(desk);
    expect(list).toHaveLength(2);
    const mine = list.find((s) => s.current);
    const other = list.find((s) => !s.current);
    expect(mine).toMatchObject({
      browser: "Chrome 126",
      os: "Windows 10",
      deviceType: "desktop",
      address: "192.0.2.100",
    });
    expect(other).toMatchObject({
      browser: "Chrome 125",
      os: "Android 14",
      deviceType: "mobile",
      address: "198.51.100.100",
    });

    // Someone else's session id is not found (nor revoked).
    const admin = new TestBrowser(t.app, "192.0.2.101");
    expect((await admin.login("admin", "xanh2026")).statusCode).toBe(200);
    expect((await admin.request("DELETE", `/api/auth/sessions/${other?.id}`)).statusCode).toBe(404);
    expect((await phone.request("GET", "/api/auth/me")).statusCode).toBe(200);

    const revoked = await desk.request("DELETE", `/api/auth/sessions/${other?.id}`);
    expect(revoked.statusCode).toBe(200);
    expect((await phone.request("GET", "/api/auth/me")).statusCode).toBe(401);
    expect((await desk.request("GET", "/api/auth/me")).statusCode).toBe(200);
    expect(await sessionsOf(desk)).toHaveLength(1);

    const userId = (await desk.request("GET", "/api/auth/me")).json().id as string;
    const audit = rowsOf<{ action: string; before: { address: string; os: string } }>(
      await t.database.db.execute(
        sql`select action, before from audit_log where entity_id = ${userId} and action = 'user.session_revoke'`,
      ),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before).toMatchObject({ address: "198.51.100.100", os: "Android 14" });
  });

  it("updates the last use at most once a minute", async () => {
    const browser = new TestBrowser(t.app, "192.0.2.110", FIREFOX_UA);
    expect((await browser.login("mttq", "xanh2026")).statusCode).toBe(200);
    const [session] = await sessionsOf(browser);
    expect(session?.browser).toBe("Firefox 128");
    // Two minutes ago (set in the table): the next request writes the new last use …
    await t.database.db.execute(
      sql`update sessions set last_used_at = now() - interval '2 minutes' where id = ${session?.id}`,
    );
    t.forgetCaches();
    await browser.request("GET", "/api/auth/me");
    const [afterFirst] = await sessionsOf(browser);
    expect(Date.parse(afterFirst?.lastUsedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    // … and requests within the minute leave it as it is (no write per request).
    await t.database.db.execute(
      sql`update sessions set last_used_at = now() - interval '30 seconds' where id = ${session?.id}`,
    );
    t.forgetCaches();
    const marked = rowsOf<{ at: string }>(
      await t.database.db.execute(sql`select last_used_at::text as at from sessions where id = ${session?.id}`),
    )[0]?.at;
    await browser.request("GET", "/api/auth/me");
    await browser.request("GET", "/api/tasks");
    const unchanged = rowsOf<{ at: string }>(
      await t.database.db.execute(sql`select last_used_at::text as at from sessions where id = ${session?.id}`),
    )[0]?.at;
    expect(unchanged).toBe(marked);
  });
});

describe("changing one's own password", () => {
  it("needs the current password, refuses a common one, and ends every session", async () => {
    const here = new TestBrowser(t.app, "192.0.2.120");
    const elsewhere = new TestBrowser(t.app, "198.51.100.120", PHONE_UA);
    expect((await here.login("kinhte", "xanh2026")).statusCode).toBe(200);
    expect((await elsewhere.login("kinhte", "xanh2026")).statusCode).toBe(200);

    const wrong = await here.request("POST", "/api/auth/password", {
      currentPassword: "khong-phai",
      newPassword: "cay-xanh-ven-song-2026",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("PASSWORD_INCORRECT");

    for (const newPassword of ["iloveyou", "matkhau2026", "kinhte-2026-abc", "password123!"]) {
      const weak = await here.request("POST", "/api/auth/password", { currentPassword: "xanh2026", newPassword });
      expect(weak.statusCode, newPassword).toBe(400);
      expect(weak.json().error.code).toBe("PASSWORD_WEAK");
      expect(weak.json().error.details[0].path).toBe("newPassword");
    }

    const changed = await here.request("POST", "/api/auth/password", {
      currentPassword: "xanh2026",
      newPassword: "cay-xanh-ven-song-2026",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    // Every session ended; this browser got a new one.
    expect((await elsewhere.request("GET", "/api/auth/me")).statusCode).toBe(401);
    expect((await here.request("GET", "/api/auth/me")).statusCode).toBe(200);
    expect(await sessionsOf(here)).toHaveLength(1);
    expect((await new TestBrowser(t.app, "192.0.2.121").login("kinhte", "xanh2026")).statusCode).toBe(401);
    expect((await new TestBrowser(t.app, "192.0.2.122").login("kinhte", "cay-xanh-ven-song-2026")).statusCode).toBe(
      200,
    );
    const userId = (await here.request("GET", "/api/auth/me")).json().id as string;
    const actions = rowsOf<{ action: string; text: string }>(
      await t.database.db.execute(
        sql`select action, row_to_json(a)::text as text from audit_log a where entity_id = ${userId} order by id`,
      ),
    );
    expect(actions.map((a) => a.action)).toContain("user.password_change");
    expect(actions.some((a) => a.text.includes("cay-xanh"))).toBe(false);
  });
});

describe("common and breached passwords", () => {
  it("are refused on account creation and admin reset with a clear Vietnamese message", async () => {
    const admin = await t.login("admin");
    const create = (password: string, username = "can.bo.moi") =>
      t.app.inject({
        method: "POST",
        url: "/api/users",
        headers: admin,
        payload: { username, displayName: "Cán bộ mới", password, role: "viewer", unitId: null },
      });
    for (const password of ["12345678", "password1", "anhyeuem", "Matkhau@123", "qwertyuiop"]) {
      const refused = await create(password);
      expect(refused.statusCode, password).toBe(400);
      expect(refused.json().error.code).toBe("PASSWORD_WEAK");
      expect(refused.json().error.message).toContain("quá phổ biến");
    }
    const ownName = await create("can.bo.moi.2026");
    expect(ownName.json().error.message).toBe("Mật khẩu không được chứa tên đăng nhập.");
    const created = await create("song-cam-mua-thu-2026");
    expect(created.statusCode, created.body).toBe(201);

    const reset = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${created.json().id}`,
      headers: admin,
      payload: { password: "iloveyou123" },
    });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.code).toBe("PASSWORD_WEAK");
  });

  it("keeps the rules short and explicit", async () => {
    expect(await passwordProblem("xanh2026", { username: "admin" })).toBeNull();
    expect(await passwordProblem("Mật Khẩu 2026", {})).not.toBeNull();
    expect(await passwordProblem("abababab", {})).toMatch(/lặp lại/);
    expect(await passwordProblem("nguyen.van.an", { username: "an", displayName: "Nguyễn Văn An" })).toBeNull();
    expect(await passwordProblem("nguyenvanan", { username: "cb01", displayName: "Nguyễn Văn An" })).toMatch(/họ tên/);
  });
});

describe("the API description", () => {
  it("documents every sign-in and profile endpoint with its schemas", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    const expected: [string, string, string][] = [
      ["/api/auth/login", "post", "202"],
      ["/api/auth/login/second-factor", "post", "200"],
      ["/api/auth/sessions", "get", "200"],
      ["/api/auth/sessions/{id}", "delete", "200"],
      ["/api/auth/password", "post", "200"],
      ["/api/auth/second-factor", "get", "200"],
      ["/api/auth/second-factor/setup", "post", "200"],
      ["/api/auth/second-factor/confirm", "post", "200"],
      ["/api/auth/second-factor/disable", "post", "200"],
      ["/api/auth/second-factor/recovery-codes", "post", "200"],
      ["/api/users/{id}/second-factor/reset", "post", "200"],
    ];
    for (const [path, method, status] of expected) {
      const operation = spec.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.responses[status], `${method} ${path} ${status}`).toBeDefined();
    }
    expect(spec.paths["/api/auth/password"]?.post?.requestBody).toBeDefined();
  });
});
