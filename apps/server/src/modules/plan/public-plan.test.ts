import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { loadSeedTemplate } from "../onboarding/service.js";
import { publicPlanSchema, type PublicPlan, type PublicTask, type TemplateTask } from "@phuong-xanh/shared";
import { startTestApp, type TestApp } from "../../test/harness.js";

let t: TestApp;
let plan: PublicPlan;

beforeAll(async () => {
  t = await startTestApp();
  const response = await t.app.inject({ method: "GET", url: "/api/public/plan" });
  expect(response.statusCode).toBe(200);
  plan = publicPlanSchema.parse(response.json());
});
afterAll(async () => t?.close());

const flatten = (items: PublicTask[]): PublicTask[] => items.flatMap((i) => [i, ...flatten(i.children)]);
const flattenTemplate = (items: TemplateTask[]): TemplateTask[] =>
  items.flatMap((i) => [i, ...flattenTemplate(i.children ?? [])]);

describe("GET /api/public/plan", () => {
  it("answers without a login with the whole plan tree in the document's words", () => {
    const template = loadSeedTemplate();
    expect(plan.plan.generalObjective.text).toBe(template.generalObjective.text);
    expect(plan.plan.vision2050.text).toBe(template.vision2050.text);
    expect(plan.objectives.map((o) => o.text)).toEqual(template.objectives.map((o) => o.text));
    const publicTexts = new Set(flatten([...plan.tasks, ...plan.duties]).map((x) => `${x.ref}|${x.text}`));
    const templateItems = [
      ...template.taskGroups.flatMap((g) => flattenTemplate(g.tasks)),
      ...template.unitDuties.flatMap((g) => flattenTemplate(g.duties)),
    ];
    for (const item of templateItems) expect(publicTexts.has(`${item.ref}|${item.text}`), item.ref).toBe(true);
    expect(plan.tasks).toHaveLength(6);
    expect(plan.duties).toHaveLength(7);
  });

  it("gives every indicator its target, latest value and status, and every task its owner, deadline, status and progress", () => {
    const indicators = plan.objectives.flatMap((o) => o.indicators);
    expect(indicators.length).toBeGreaterThanOrEqual(8);
    expect(indicators.find((i) => i.code === "gap-organic-area-share")).toMatchObject({ targetValue: 20 });
    expect(indicators.some((i) => i.latest !== null && i.status !== "no_data")).toBe(true);
    for (const task of flatten([...plan.tasks, ...plan.duties])) {
      expect(task.owner.name.length).toBeGreaterThan(0);
      expect(task.statusLabel.length).toBeGreaterThan(0);
      expect(task.progress).toBeGreaterThanOrEqual(0);
    }
  });

  it("contains no personal data: no user name, display name, email or update author", async () => {
    // Unit codes may coincide with demo user names ("vhxh", "mttq"): codes of units are public.
    const body = JSON.stringify(plan).replace(/"code":"[^"]*"/g, "");
    const users = (
      (await t.database.db.execute(sql`select username, display_name, email from users`)) as unknown as {
        rows: { username: string; display_name: string; email: string | null }[];
      }
    ).rows;
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) {
      expect(body).not.toContain(`"${user.username}"`);
      expect(body).not.toContain(user.display_name);
      if (user.email) expect(body).not.toContain(user.email);
    }
    expect(body).not.toMatch(/author|userId|recordedBy|password/i);
  });

  it("answers 404 with a stable code for an unknown ward", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/public/plan?ward=khong-co" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });
});
