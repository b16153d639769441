import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../test/harness.js";
import type { Mail, Mailer } from "./mailer.js";
import { runReminders } from "./service.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ today: "2026-11-28" });
});
afterAll(async () => t?.close());

/** A mailer that keeps what it was asked to send: the SMTP boundary, observed. */
function recordingMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return { sent, send: async (mail) => void sent.push(mail) };
}

describe("reminders", () => {
  it("reminds each owner unit of its late, due-soon and update-due tasks once, and emails one digest per unit", async () => {
    await t.database.db.execute(
      sql`update users set email = username || '@viethoa.example' where username in ('kinhte', 'vhxh')`,
    );
    const mailer = recordingMailer();
    const first = await runReminders(t.database.db, mailer, "2026-11-28");
    expect(first.created).toBeGreaterThan(0);
    const rows = (
      (await t.database.db.execute(
        sql`select n.kind, u.code from notifications n join units u on u.id = n.unit_id`,
      )) as unknown as { rows: { kind: string; code: string }[] }
    ).rows;
    expect(rows.some((r) => r.kind === "overdue")).toBe(true);
    expect(rows.some((r) => r.kind === "due_soon")).toBe(true);
    expect(new Set(rows.map((r) => r.kind))).toContain("update_due");
    // One email per unit with an address, listing only that unit's own items.
    const recipients = mailer.sent.map((m) => m.to.join(","));
    expect(recipients.sort()).toEqual(
      ["kinhte@viethoa.example", "vhxh@viethoa.example"].filter((r) => recipients.includes(r)),
    );
    expect(new Set(recipients).size).toBe(recipients.length);
    const kinhteMail = mailer.sent.find((m) => m.to.includes("kinhte@viethoa.example"));
    // The digest lists this run's reminders (not a notice the unit had before, like a report sent back).
    const emailed = (
      (await t.database.db.execute(
        sql`select count(*)::int as n from notifications n join units u on u.id = n.unit_id
            where u.code = 'kinh-te' and n.emailed_at is not null`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    const kinhteCount = Number(emailed[0]?.n);
    expect(kinhteCount).toBeGreaterThan(0);
    expect(kinhteMail?.subject).toContain(`${kinhteCount} việc`);

    const again = await runReminders(t.database.db, mailer, "2026-11-28");
    expect(again.created).toBe(0);
    expect(mailer.sent).toHaveLength(recipients.length);
  });

  it("shows a unit its reminders in the app", async () => {
    const kinhte = await t.login("kinhte");
    const list = (await t.app.inject({ method: "GET", url: "/api/notifications", headers: kinhte })).json()
      .notifications as { title: string }[];
    expect(list.length).toBeGreaterThan(0);
    const mine = (await t.app.inject({ method: "GET", url: "/api/my-work", headers: kinhte })).json();
    expect(mine.notifications.length).toBe(list.length);
  });
});
