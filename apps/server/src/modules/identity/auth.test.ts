import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe("login and sessions", () => {
  it("starts a session in an httpOnly cookie with an expiry, and answers who is signed in", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "kinhte", password: "xanh2026" },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = ([] as string[]).concat(response.headers["set-cookie"] ?? []);
    const session = setCookie.find((c) => c.startsWith("px_session="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Expires=/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(setCookie.find((c) => c.startsWith("px_csrf="))).not.toMatch(/HttpOnly/i);
    const body = response.json();
    expect(body.role).toBe("unit_officer");
    expect(body.unit.code).toBe("kinh-te");
    const cookie = (response.cookies as { name: string; value: string }[])
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
    expect(me.json().username).toBe("kinhte");
  });

  it("stores passwords as argon2id hashes", async () => {
    const result = await t.database.db.execute(`select password_hash from users where username = 'admin'` as never);
    const rows = (result as unknown as { rows: { password_hash: string }[] }).rows;
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a wrong password with a stable code and a Vietnamese message", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "vhxh", password: "sai-mat-khau" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("LOGIN_FAILED");
    expect(response.json().error.message).toContain("mật khẩu");
  });

  it("throttles an account after repeated failed logins, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "trungtam", password: `wrong-${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "trungtam", password: "xanh2026" },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("LOGIN_THROTTLED");
  });

  it("ends the session on logout", async () => {
    const headers = await t.login("mttq");
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers })).statusCode).toBe(401);
  });
});

describe("deny by default", () => {
  it("answers 401 to an anonymous request before reading its body", async () => {
    // A malformed body would give 400 if it were parsed; 401 proves it was not.
    const response = await t.app.inject({
      method: "POST",
      url: "/api/indicators/00000000-0000-4000-8000-000000000000/measurements",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a write without the CSRF token even with a valid session", async () => {
    const headers = await t.login("lanhdao");
    const list = await t.app.inject({ method: "GET", url: "/api/tasks", headers });
    const task = list.json().tasks.find((x: { kind: string }) => x.kind !== "group");
    const response = await t.app.inject({
      method: "PATCH",
      url: `/api/tasks/${task.id}`,
      headers: { cookie: headers.cookie ?? "" },
      payload: { version: task.version, output: "Báo cáo" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("CSRF_INVALID");
  });

  it("sends security headers", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toBeDefined();
    expect(response.json()).toEqual({ status: "ok", database: t.database.kind });
  });
});

describe("an admin manages accounts", () => {
  it("creates an officer, resets a password and deactivates an account, ending its sessions", async () => {
    const admin = await t.login("admin");
    const units = (await t.app.inject({ method: "GET", url: "/api/units", headers: admin })).json().units as {
      id: string;
      code: string;
    }[];
    const vhxh = units.find((u) => u.code === "vhxh")?.id;
    const created = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: {
        username: "canbo.vhxh2",
        displayName: "Cán bộ VH-XH 2",
        password: "vhxh-2026-xanh",
        role: "unit_officer",
        unitId: vhxh,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const officer = await t.login("canbo.vhxh2", "vhxh-2026-xanh");
    expect((await t.app.inject({ method: "GET", url: "/api/my-work", headers: officer })).json().unit.code).toBe(
      "vhxh",
    );

    const reset = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${id}`,
      headers: admin,
      payload: { password: "mat-khau-moi-2026" },
    });
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: officer })).statusCode).toBe(401);
    const again = await t.login("canbo.vhxh2", "mat-khau-moi-2026");

    const off = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${id}`,
      headers: admin,
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: again })).statusCode).toBe(401);
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "canbo.vhxh2", password: "mat-khau-moi-2026" },
    });
    expect(refused.statusCode).toBe(401);

    const history = (await t.database.db.execute(
      sql`select action, after from audit_log where entity_id = ${id} order by id`,
    )) as unknown as { rows: { action: string; after: { active: boolean } }[] };
    expect(history.rows.map((r) => r.action)).toEqual(["user.create", "user.update_with_password", "user.update"]);
    expect(JSON.stringify(history.rows)).not.toContain("mat-khau-moi");
  });

  it("refuses a duplicate user name, an officer without a unit, and an admin locking themselves out", async () => {
    const admin = await t.login("admin");
    const duplicate = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: { username: "KINHTE", displayName: "x", password: "mat-khau-dai-2026", role: "viewer", unitId: null },
    });
    expect(duplicate.statusCode).toBe(409);
    const noUnit = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: {
        username: "khongdonvi",
        displayName: "x",
        password: "mat-khau-dai-2026",
        role: "unit_officer",
        unitId: null,
      },
    });
    expect(noUnit.statusCode).toBe(400);
    const me = (await t.app.inject({ method: "GET", url: "/api/auth/me", headers: admin })).json().id as string;
    const self = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${me}`,
      headers: admin,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain("tự khóa");
  });
});
