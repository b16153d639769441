import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, parseTrustProxy } from "../../lib/config.js";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { TestBrowser } from "./test-client.js";
import { rowsOf } from "./throttle.js";

/**
 * Sign-in under attack: attempts are counted atomically before any password is checked, names
 * that exist and names that do not behave alike, a stranger cannot lock the user out of a
 * browser they signed in from before, and no client-written header moves the address limits.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const query = async <T>(text: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(text));

async function throttleRow(key: string) {
  const [row] = await query<{ attempts: number; failures: number; blocked_until: Date | null }>(
    sql`select attempts, failures, blocked_until from login_throttles where key = ${key}`,
  );
  return row;
}

async function eventsFor(username: string) {
  return query<{ event: string; user_id: string | null; ward_id: string | null; address: string; detail: unknown }>(
    sql`select event, user_id, ward_id, address, detail from sign_in_events where username = ${username} order by id`,
  );
}

const count = (values: number[], value: number) => values.filter((v) => v === value).length;

describe("failed attempts are counted atomically", () => {
  it("counts 40 concurrent wrong passwords for one account exactly and checks only the first five", async () => {
    const attacker = new TestBrowser(t.app, "198.51.100.1");
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attacker.login("lanhdao", `sai-mat-khau-${i}`)),
    );
    const statuses = responses.map((r) => r.statusCode);
    // Five were checked (and failed); 35 were refused before any hash was computed.
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 429)).toBe(35);
    const refused = responses.find((r) => r.statusCode === 429);
    expect(refused?.json().error.code).toBe("LOGIN_THROTTLED");
    expect(Number(refused?.headers["retry-after"])).toBeGreaterThan(0);

    const row = await throttleRow("account:lanhdao");
    expect(row?.attempts).toBe(40);
    expect(row?.failures).toBe(5);
    const events = await eventsFor("lanhdao");
    expect(events.filter((e) => e.event === "sign_in.failure")).toHaveLength(5);
    expect(events.filter((e) => e.event === "sign_in.throttled")).toHaveLength(35);

    // The right password from a browser never used before is refused too, without being checked.
    const right = await attacker.login("lanhdao", "xanh2026");
    expect(right.statusCode).toBe(429);
    expect((await throttleRow("account:lanhdao"))?.attempts).toBe(41);
  });

  it("doubles the wait with each further failure once the free attempts are used", async () => {
    const browser = new TestBrowser(t.app, "198.51.100.2");
    for (let i = 0; i < 5; i++) expect((await browser.login("backoff.test", `sai-${i}`)).statusCode).toBe(401);
    const first = await throttleRow("account:backoff.test");
    const firstWait = Number(first?.blocked_until ? new Date(first.blocked_until).getTime() : 0) - Date.now();
    expect(firstWait).toBeGreaterThan(30_000);
    expect(firstWait).toBeLessThanOrEqual(60_000);
    // Let the wait pass (in the table), fail once more: the next wait is twice as long.
    await t.database.db.execute(
      sql`update login_throttles set blocked_until = now() - interval '1 second' where key = 'account:backoff.test'`,
    );
    expect((await browser.login("backoff.test", "sai-6")).statusCode).toBe(401);
    const second = await throttleRow("account:backoff.test");
    const secondWait = Number(second?.blocked_until ? new Date(second.blocked_until).getTime() : 0) - Date.now();
    expect(secondWait).toBeGreaterThan(90_000);
    expect(secondWait).toBeLessThanOrEqual(120_000);
    expect(second?.failures).toBe(6);
  });
});

describe("unknown names", () => {
  it("are throttled exactly like real ones: same statuses, codes, messages and waits", async () => {
    const real = new TestBrowser(t.app, "198.51.100.10");
    const unknown = new TestBrowser(t.app, "198.51.100.11");
    const answers = async (browser: TestBrowser, username: string) => {
      const list: { status: number; body: string; retryAfter: unknown }[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await browser.login(username, `sai-mat-khau-${i}`);
        // Every answer carries its own request id; the rest must be the same.
        const body = r.body.replace(/"requestId":"[^"]*"/, '"requestId":"…"');
        list.push({ status: r.statusCode, body, retryAfter: r.headers["retry-after"] });
      }
      return list;
    };
    const forReal = await answers(real, "vhxh");
    const forUnknown = await answers(unknown, "khong-ai-co-ten-nay");
    expect(forReal.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Same answers; Retry-After is the same wait give or take the second the requests took.
    expect(forUnknown.map(({ status, body }) => ({ status, body }))).toEqual(
      forReal.map(({ status, body }) => ({ status, body })),
    );
    expect(forUnknown.map((a) => a.retryAfter === undefined)).toEqual(forReal.map((a) => a.retryAfter === undefined));
    expect(forReal[0]?.body).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(forReal[5]?.body).toContain("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.");
    const counters = async (key: string) => {
      const row = await throttleRow(key);
      return { attempts: row?.attempts, failures: row?.failures };
    };
    expect(await counters("account:khong-ai-co-ten-nay")).toEqual(await counters("account:vhxh"));

    // The log keeps them apart for the operator (the unknown name has no user and no ward).
    const events = await eventsFor("khong-ai-co-ten-nay");
    expect(events.map((e) => e.event)).toEqual([
      ...Array(5).fill("sign_in.failure"),
      "sign_in.throttled",
      "sign_in.throttled",
    ]);
    expect(events.every((e) => e.user_id === null && e.ward_id === null)).toBe(true);
    expect(events[0]?.detail).toMatchObject({ reason: "unknown_user" });
    expect(events[0]?.address).toBe("198.51.100.11");
  });
});

describe("device cookies", () => {
  it("let the user sign in from a browser they used before while strangers have the account throttled", async () => {
    const own = new TestBrowser(t.app, "192.0.2.20");
    expect((await own.login("kinhte", "xanh2026")).statusCode).toBe(200);
    expect(own.cookies.get("px_device")).toBeTruthy();
    expect((await own.request("POST", "/api/auth/logout")).statusCode).toBe(200);
    own.dropSession();

    const stranger = new TestBrowser(t.app, "203.0.113.20");
    const attack = await Promise.all(Array.from({ length: 10 }, (_, i) => stranger.login("kinhte", `doan-${i}`)));
    expect(
      count(
        attack.map((r) => r.statusCode),
        429,
      ),
    ).toBe(5);
    // Even the right password is refused to a browser without this user's device cookie…
    expect((await stranger.login("kinhte", "xanh2026")).statusCode).toBe(429);
    expect((await new TestBrowser(t.app, "192.0.2.20").login("kinhte", "xanh2026")).statusCode).toBe(429);
    // …but the user's own browser signs in.
    const signedIn = await own.login("kinhte", "xanh2026");
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().username).toBe("kinhte");
    const events = await eventsFor("kinhte");
    expect(events.at(-1)).toMatchObject({ event: "sign_in.success", detail: { device: "known", method: "password" } });
  });

  it("count their own failures, and do not help with another account", async () => {
    const own = new TestBrowser(t.app, "192.0.2.21");
    expect((await own.login("mttq", "xanh2026")).statusCode).toBe(200);
    own.dropSession();
    // The cookie is mttq's: for trungtam (throttled by a stranger) it changes nothing.
    const stranger = new TestBrowser(t.app, "203.0.113.21");
    for (let i = 0; i < 5; i++) await stranger.login("trungtam", `doan-${i}`);
    expect((await own.login("trungtam", "xanh2026")).statusCode).toBe(429);
    // A stolen device cookie is throttled too: five wrong passwords lock that browser.
    for (let i = 0; i < 5; i++) expect((await own.login("mttq", `sai-${i}`)).statusCode).toBe(401);
    expect((await own.login("mttq", "xanh2026")).statusCode).toBe(429);
    // A fresh browser of the user is not affected by the device's lock.
    expect((await new TestBrowser(t.app, "192.0.2.22").login("mttq", "xanh2026")).statusCode).toBe(200);
  });
});

describe("odd names", () => {
  it("a NUL byte in the name is refused like any wrong name, never a 500", async () => {
    const response = await new TestBrowser(t.app, "198.51.100.90").login("adm\u0000in", "xanh2026");
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});

describe("per-address throttle", () => {
  it("stops one address trying many names, and a correct sign-in does not reset others' failures", async () => {
    const sprayer = new TestBrowser(t.app, "203.0.113.7");
    for (let i = 0; i < 20; i++) expect((await sprayer.login(`ten-${i}`, "xanh2026")).statusCode).toBe(401);
    const next = await sprayer.login("ten-moi", "xanh2026");
    expect(next.statusCode).toBe(429);
    expect((await sprayer.login("vanphong", "xanh2026")).statusCode).toBe(429);
    // The name it was refused for was not charged a failure (only an attempt).
    expect(await throttleRow("account:ten-moi")).toMatchObject({ attempts: 1, failures: 0 });
    // Another address is unaffected.
    expect((await new TestBrowser(t.app, "203.0.113.8").login("vanphong", "xanh2026")).statusCode).toBe(200);
  });
});

describe("the sign-in log", () => {
  it("records a success with the user and ward, a sign-out, and never a password", async () => {
    const browser = new TestBrowser(t.app, "192.0.2.30");
    expect((await browser.login("admin", "mat-khau-sai-2026")).statusCode).toBe(401);
    expect((await browser.login("admin", "xanh2026")).statusCode).toBe(200);
    expect((await browser.request("POST", "/api/auth/logout")).statusCode).toBe(200);
    const events = await query<{ event: string; user_id: string | null; ward_id: string | null; user_agent: string }>(
      sql`select event, user_id, ward_id, user_agent from sign_in_events where address = '192.0.2.30' order by id`,
    );
    expect(events.map((e) => e.event)).toEqual(["sign_in.failure", "sign_in.success", "sign_out"]);
    expect(events.every((e) => e.user_id !== null && e.ward_id === t.wardId)).toBe(true);
    expect(events[1]?.user_agent).toContain("Chrome");
    const all = await query<{ text: string }>(sql`select row_to_json(e)::text as text from sign_in_events e`);
    expect(all.some((r) => r.text.includes("mat-khau-sai-2026") || r.text.includes("xanh2026"))).toBe(false);
  });
});

describe("TRUST_PROXY", () => {
  it("is refused when it says true, with what to write instead", () => {
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY=1/);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/không được chấp nhận/);
    expect(() => parseTrustProxy("proxy.example")).toThrow(/không phải địa chỉ IP/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow();
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8,::1")).toEqual(["127.0.0.1", "10.0.0.0/8", "::1"]);
  });

  for (const setting of ["1", "127.0.0.1"]) {
    it(`TRUST_PROXY=${setting}: a client-written left-most X-Forwarded-For does not move the address limit`, async () => {
      const proxied = await startTestApp({ env: { TRUST_PROXY: setting } });
      try {
        // Behind the proxy (127.0.0.1), the client 203.0.113.50 writes a new left-most address
        // each time; the proxy appends the address it saw.
        for (let i = 0; i < 20; i++) {
          const browser = new TestBrowser(proxied.app, "127.0.0.1", undefined, {
            "x-forwarded-for": `10.9.${i}.1, 203.0.113.50`,
          });
          expect((await browser.login(`ten-${i}`, "xanh2026")).statusCode).toBe(401);
        }
        const last = new TestBrowser(proxied.app, "127.0.0.1", undefined, {
          "x-forwarded-for": "10.9.99.1, 203.0.113.50",
        });
        expect((await last.login("kinhte", "xanh2026")).statusCode).toBe(429);
        const rows = rowsOf<{ key: string; failures: number }>(
          await proxied.database.db.execute(
            sql`select key, failures from login_throttles where key like 'address:%' order by key`,
          ),
        );
        expect(rows).toEqual([{ key: "address:203.0.113.50", failures: 20 }]);
        // With the proxy named by address, a request straight from a client (not the proxy) is
        // its own address, header or not. (A hop count cannot tell: the README says to let the
        // app listen on 127.0.0.1 only, behind the proxy.)
        if (setting === "1") return;
        const direct = new TestBrowser(proxied.app, "192.0.2.77", undefined, {
          "x-forwarded-for": "203.0.113.99",
        });
        expect((await direct.login("kinhte", "xanh2026")).statusCode).toBe(200);
        const sessions = await direct.request("GET", "/api/auth/sessions");
        expect(sessions.json().sessions[0].address).toBe("192.0.2.77");
      } finally {
        await proxied.close();
      }
    });
  }

  it("without TRUST_PROXY the header is ignored", async () => {
    const browser = new TestBrowser(t.app, "192.0.2.88", undefined, { "x-forwarded-for": "203.0.113.200" });
    expect((await browser.login("vhxh.khong-co", "sai")).statusCode).toBe(401);
    expect(await throttleRow("address:192.0.2.88")).toMatchObject({ failures: 1 });
    expect(await throttleRow("address:203.0.113.200")).toBeUndefined();
  });
});
