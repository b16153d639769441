import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { pruneSignInData } from "./housekeeping.js";
import { rowsOf } from "./throttle.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const count = async (query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number }>(await t.database.db.execute(query))[0]?.n);

describe("sign-in housekeeping", () => {
  it("erases expired sessions, stale devices and sign-in events past their retention, and keeps the rest", async () => {
    await t.login("kinhte");
    const userId = rowsOf<{ id: string }>(
      await t.database.db.execute(sql`select id from users where username = 'kinhte'`),
    )[0]?.id;
    const db = t.database.db;
    await db.execute(sql`insert into sign_in_events (at, event, username, address)
      values (now() - interval '200 days', 'sign_in.failure', 'da-lau', '203.0.113.9'),
             (now() - interval '10 days', 'sign_in.failure', 'gan-day', '203.0.113.9')`);
    await db.execute(sql`insert into sessions (token_hash, user_id, ward_id, csrf_token, expires_at, last_used_at)
      select 'het-han', id, ward_id, 'x', now() - interval '1 hour', now() - interval '2 hours' from users where id = ${userId}`);
    await db.execute(sql`insert into login_devices (token_hash, user_id, ward_id, last_used_at)
      select 'thiet-bi-cu', id, ward_id, now() - interval '200 days' from users where id = ${userId}`);
    const liveSessions = await count(sql`select count(*)::int as n from sessions where expires_at > now()`);

    const removed = await pruneSignInData(db);

    expect(removed).toMatchObject({ sessions: 1, devices: 1, events: 1 });
    expect(await count(sql`select count(*)::int as n from sign_in_events where username = 'da-lau'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sign_in_events where username = 'gan-day'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from sessions where token_hash = 'het-han'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sessions where expires_at > now()`)).toBe(liveSessions);
    expect(await count(sql`select count(*)::int as n from login_devices where token_hash = 'thiet-bi-cu'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from login_devices where user_id = ${userId}`)).toBeGreaterThan(0);
  });
});
