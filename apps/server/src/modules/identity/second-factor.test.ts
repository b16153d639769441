import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { currentStep, TestBrowser, totpCode } from "./test-client.js";
import { rowsOf } from "./throttle.js";

/**
 * Xác thực hai bước (TOTP): enrolment with a QR code and a confirming code, sign-in in two
 * steps, codes that work once, recovery codes, turning it off, an admin's reset, and
 * REQUIRE_2FA_ADMIN.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const query = async <T>(app: TestApp, text: ReturnType<typeof sql>) => rowsOf<T>(await app.database.db.execute(text));

/** Signs `username` in on a new browser and turns the second factor on; returns the secret. */
async function enrol(app: TestApp, username: string, address: string) {
  const browser = new TestBrowser(app.app, address);
  expect((await browser.login(username, "xanh2026")).statusCode).toBe(200);
  const setup = await browser.request("POST", "/api/auth/second-factor/setup");
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const confirmed = await browser.request("POST", "/api/auth/second-factor/confirm", { code: totpCode(secret) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { browser, secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

async function auditActions(app: TestApp, userId: string) {
  return (
    await query<{ action: string; actor_name: string; after: unknown }>(
      app,
      sql`select action, actor_name, after from audit_log where entity_id = ${userId} order by id`,
    )
  ).map((r) => r.action);
}

describe("enrolment", () => {
  it("shows a secret and a QR code, confirms with a code, and gives ten recovery codes stored hashed", async () => {
    const browser = new TestBrowser(t.app, "192.0.2.40");
    expect((await browser.login("vanphong", "xanh2026")).statusCode).toBe(200);
    const me = (await browser.request("GET", "/api/auth/me")).json();
    expect(me.secondFactorEnabled).toBe(false);

    const setup = await browser.request("POST", "/api/auth/second-factor/setup");
    const { secret, otpauthUri, qrCode } = setup.json() as { secret: string; otpauthUri: string; qrCode: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(otpauthUri)).toContain("issuer=Phường Xanh");
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(",")[1] ?? "", "base64").toString()).toContain("<svg");

    // Not on until a code confirms it.
    expect((await browser.request("GET", "/api/auth/second-factor")).json()).toMatchObject({ enabled: false });
    const wrong = await browser.request("POST", "/api/auth/second-factor/confirm", {
      code: totpCode(secret, currentStep() + 5),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("SECOND_FACTOR_INVALID");

    const confirmed = await browser.request("POST", "/api/auth/second-factor/confirm", { code: totpCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);

    const status = (await browser.request("GET", "/api/auth/second-factor")).json();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });
    expect((await browser.request("GET", "/api/auth/me")).json().secondFactorEnabled).toBe(true);
    // Only hashes are kept, and the audit says it happened without the codes.
    const stored = await query<{ text: string }>(t, sql`select row_to_json(r)::text as text from recovery_codes r`);
    expect(stored).toHaveLength(10);
    const audit = await query<{ text: string }>(t, sql`select row_to_json(a)::text as text from audit_log a`);
    for (const code of codes) {
      expect(stored.some((r) => r.text.includes(code) || r.text.includes(code.replace(/-/g, "")))).toBe(false);
      expect(audit.some((r) => r.text.includes(code))).toBe(false);
    }
    expect(await auditActions(t, me.id)).toContain("user.second_factor_enable");
    // Enrolling again while on is refused.
    expect((await browser.request("POST", "/api/auth/second-factor/setup")).statusCode).toBe(409);
  });
});

describe("signing in", () => {
  it("without a second factor the password alone signs in", async () => {
    const response = await new TestBrowser(t.app, "192.0.2.41").login("vhxh", "xanh2026");
    expect(response.statusCode).toBe(200);
    expect(response.json().secondFactorEnabled).toBe(false);
  });

  it("with one asks for the code after the password (no session yet), then refuses a replayed code", async () => {
    const { secret } = await enrol(t, "lanhdao", "192.0.2.42");
    const browser = new TestBrowser(t.app, "192.0.2.43");
    const first = await browser.login("lanhdao", "xanh2026");
    expect(first.statusCode).toBe(202);
    expect(first.json().status).toBe("second_factor_required");
    expect(browser.cookies.has("px_session")).toBe(false);
    expect(browser.cookies.has("px_pending")).toBe(true);
    expect((await browser.request("GET", "/api/auth/me")).statusCode).toBe(401);
    // The pending token is not a session: it opens nothing.
    expect((await browser.request("GET", "/api/tasks")).statusCode).toBe(401);

    const wrong = await browser.request("POST", "/api/auth/login/second-factor", {
      code: totpCode(secret, currentStep() + 7),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("SECOND_FACTOR_INVALID");

    // The enrolment used this step's code; the app's next code (one step ahead) is accepted.
    const code = totpCode(secret, currentStep() + 1);
    const second = await browser.request("POST", "/api/auth/login/second-factor", { code });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().username).toBe("lanhdao");
    expect(browser.cookies.has("px_pending")).toBe(false);
    expect((await browser.request("GET", "/api/auth/me")).statusCode).toBe(200);

    // The same code again, on another browser that knows the password: refused.
    const thief = new TestBrowser(t.app, "198.51.100.43");
    expect((await thief.login("lanhdao", "xanh2026")).statusCode).toBe(202);
    const replay = await thief.request("POST", "/api/auth/login/second-factor", { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe("SECOND_FACTOR_INVALID");
    // An older code (the enrolment's step) is refused too.
    const older = await thief.request("POST", "/api/auth/login/second-factor", { code: totpCode(secret) });
    expect(older.statusCode).toBe(401);

    const events = await query<{ event: string }>(
      t,
      sql`select event from sign_in_events where username = 'lanhdao' and address in ('192.0.2.43', '198.51.100.43') order by id`,
    );
    expect(events.map((e) => e.event)).toEqual([
      "sign_in.second_factor_required",
      "sign_in.second_factor_failure",
      "sign_in.success",
      "sign_in.second_factor_required",
      "sign_in.second_factor_failure",
      "sign_in.second_factor_failure",
    ]);
  });

  it("a recovery code works once, and the second step expires", async () => {
    const { recoveryCodes } = await enrol(t, "trungtam", "192.0.2.44");
    const [code = ""] = recoveryCodes;
    const browser = new TestBrowser(t.app, "192.0.2.45");
    expect((await browser.login("trungtam", "xanh2026")).statusCode).toBe(202);
    // Typed in capitals with spaces instead of dashes: still the same code.
    const typed = code.toUpperCase().replace(/-/g, " ");
    const ok = await browser.request("POST", "/api/auth/login/second-factor", { recoveryCode: typed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await browser.request("GET", "/api/auth/second-factor")).json().recoveryCodesLeft).toBe(9);

    const again = new TestBrowser(t.app, "192.0.2.46");
    expect((await again.login("trungtam", "xanh2026")).statusCode).toBe(202);
    const reused = await again.request("POST", "/api/auth/login/second-factor", { recoveryCode: code });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe("SECOND_FACTOR_INVALID");

    // Five minutes pass (in the table): the password step must be done again.
    await t.database.db.execute(sql`update login_challenges set expires_at = now() - interval '1 second'`);
    const late = await again.request("POST", "/api/auth/login/second-factor", { recoveryCode: recoveryCodes[1] });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe("SIGN_IN_EXPIRED");
    // No password step at all: nothing to complete.
    const none = await new TestBrowser(t.app, "192.0.2.47").request("POST", "/api/auth/login/second-factor", {
      code: "123456",
    });
    expect(none.json().error.code).toBe("SIGN_IN_EXPIRED");
  });

  it("throttles guessed codes per user, whatever the number of password steps", async () => {
    const { secret } = await enrol(t, "mttq", "192.0.2.48");
    const wrongCode = totpCode(secret, currentStep() + 9);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const browser = new TestBrowser(t.app, `198.51.100.${60 + i}`);
      expect((await browser.login("mttq", "xanh2026")).statusCode).toBe(202);
      for (let j = 0; j < 2; j++)
        statuses.push((await browser.request("POST", "/api/auth/login/second-factor", { code: wrongCode })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe("turning it off and new recovery codes", () => {
  it("needs a current code or the password", async () => {
    const { browser, secret, recoveryCodes } = await enrol(t, "kinhte", "192.0.2.50");
    const regenerated = await browser.request("POST", "/api/auth/second-factor/recovery-codes", {
      password: "xanh2026",
    });
    expect(regenerated.statusCode).toBe(200);
    const fresh = regenerated.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
    // The old codes no longer work.
    const other = new TestBrowser(t.app, "192.0.2.51");
    expect((await other.login("kinhte", "xanh2026")).statusCode).toBe(202);
    expect(
      (await other.request("POST", "/api/auth/login/second-factor", { recoveryCode: recoveryCodes[0] })).statusCode,
    ).toBe(401);

    const badPassword = await browser.request("POST", "/api/auth/second-factor/disable", { password: "khong-dung" });
    expect(badPassword.statusCode).toBe(400);
    expect(badPassword.json().error.code).toBe("PASSWORD_INCORRECT");
    const off = await browser.request("POST", "/api/auth/second-factor/disable", {
      code: totpCode(secret, currentStep() + 1),
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await new TestBrowser(t.app, "192.0.2.52").login("kinhte", "xanh2026")).statusCode).toBe(200);
    const me = (await browser.request("GET", "/api/auth/me")).json();
    expect(await auditActions(t, me.id)).toEqual([
      "user.create",
      "user.second_factor_enable",
      "user.recovery_codes_regenerate",
      "user.second_factor_disable",
    ]);
  });
});

describe("an admin resets another account's second factor", () => {
  it("removes it, ends the account's sessions, and is audited", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: await t.login("admin"),
      payload: {
        username: "mat.dien.thoai",
        displayName: "Cán bộ mất điện thoại",
        password: "quen-dien-thoai-2026",
        role: "viewer",
        unitId: null,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json().id as string;
    const browser = new TestBrowser(t.app, "192.0.2.60");
    expect((await browser.login("mat.dien.thoai", "quen-dien-thoai-2026")).statusCode).toBe(200);
    const { secret } = (await browser.request("POST", "/api/auth/second-factor/setup")).json() as { secret: string };
    expect(
      (await browser.request("POST", "/api/auth/second-factor/confirm", { code: totpCode(secret) })).statusCode,
    ).toBe(200);

    const admin = new TestBrowser(t.app, "192.0.2.61");
    expect((await admin.login("admin", "xanh2026")).statusCode).toBe(200);
    const listed = (await admin.request("GET", "/api/users")).json().users as {
      username: string;
      secondFactorEnabled: boolean;
    }[];
    expect(listed.find((u) => u.username === "mat.dien.thoai")?.secondFactorEnabled).toBe(true);
    const reset = await admin.request("POST", `/api/users/${userId}/second-factor/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().secondFactorEnabled).toBe(false);
    expect((await browser.request("GET", "/api/auth/me")).statusCode).toBe(401);
    expect(
      (await new TestBrowser(t.app, "192.0.2.62").login("mat.dien.thoai", "quen-dien-thoai-2026")).statusCode,
    ).toBe(200);
    const rows = await query<{ action: string; actor_name: string; after: { sessionsEnded: number } }>(
      t,
      sql`select action, actor_name, after from audit_log where entity_id = ${userId} and action = 'user.second_factor_reset'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_name).toBe("Quản trị hệ thống");
    expect(rows[0]?.after.sessionsEnded).toBe(1);

    // Not one's own (the profile page turns it off with a code or the password).
    const me = (await admin.request("GET", "/api/auth/me")).json();
    const self = await admin.request("POST", `/api/users/${me.id}/second-factor/reset`);
    expect(self.statusCode).toBe(400);
  });
});

describe("REQUIRE_2FA_ADMIN=true", () => {
  it("signs an admin without a second factor into enrolment only, until one is confirmed", async () => {
    const strict = await startTestApp({ env: { REQUIRE_2FA_ADMIN: "true" } });
    try {
      const admin = new TestBrowser(strict.app, "192.0.2.70");
      const signedIn = await admin.login("admin", "xanh2026");
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().mustEnrolSecondFactor).toBe(true);
      for (const [method, url] of [
        ["GET", "/api/tasks"],
        ["GET", "/api/users"],
        ["GET", "/api/auth/sessions"],
        ["POST", "/api/auth/password"],
      ] as const) {
        const refused = await admin.request(method, url, method === "POST" ? { currentPassword: "x" } : undefined);
        expect(refused.statusCode, url).toBe(403);
        expect(refused.json().error.code).toBe("SECOND_FACTOR_ENROLMENT_REQUIRED");
      }
      expect((await admin.request("GET", "/api/auth/second-factor")).json()).toMatchObject({ required: true });
      // Other roles are not concerned.
      const officer = new TestBrowser(strict.app, "192.0.2.71");
      expect((await officer.login("kinhte", "xanh2026")).json().mustEnrolSecondFactor).toBe(false);
      expect((await officer.request("GET", "/api/tasks")).statusCode).toBe(200);

      const { secret } = (await admin.request("POST", "/api/auth/second-factor/setup")).json() as { secret: string };
      const confirmed = await admin.request("POST", "/api/auth/second-factor/confirm", { code: totpCode(secret) });
      expect(confirmed.statusCode).toBe(200);
      // The same session now works everywhere.
      expect((await admin.request("GET", "/api/auth/me")).json().mustEnrolSecondFactor).toBe(false);
      expect((await admin.request("GET", "/api/tasks")).statusCode).toBe(200);
      // And the admin cannot turn it off again.
      const off = await admin.request("POST", "/api/auth/second-factor/disable", { password: "xanh2026" });
      expect(off.statusCode).toBe(403);
    } finally {
      await strict.close();
    }
  });
});
