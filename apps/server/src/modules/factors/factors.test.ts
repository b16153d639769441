import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FactorSetDetail, FactorSetSummary } from "@phuong-xanh/shared";
import { startTestApp, type TestApp } from "../../test/harness.js";

/** The factor sets: loaded from their data files, public with their sources, never changed. */
let t: TestApp;
const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../seed/factors/ipcc2019-vn-2023.json",
);
const shipped = JSON.parse(fs.readFileSync(file, "utf8")) as {
  version: string;
  name: string;
  releasedOn: string;
  factors: { key: string; value: number; unit: string; source: string }[];
};

beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => {
  await t.close();
});

describe("factor sets", () => {
  it("hold in the database exactly what their data file says (the migration loaded it)", async () => {
    const list = await t.app.inject({ url: "/api/public/factor-sets" });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({
        version: shipped.version,
        name: shipped.name,
        releasedOn: shipped.releasedOn,
        current: true,
      }),
    ] satisfies Partial<FactorSetSummary>[]);
    const detail = await t.app.inject({ url: `/api/public/factor-sets/${shipped.version}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.headers["cache-control"]).toContain("immutable");
    const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey((detail.json() as FactorSetDetail).factors)).toEqual(byKey(shipped.factors));
  });

  it("answers 404 for a version that does not exist, 400 for one that cannot", async () => {
    expect((await t.app.inject({ url: "/api/public/factor-sets/ipcc1996" })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: "/api/public/factor-sets/DROP%20TABLE" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
  });

  it("refuses to change or delete a published factor", async () => {
    const db = t.database.db;
    await expect(
      db.execute(
        sql`update factor_values set value = 0.7 where set_version = ${shipped.version} and key = 'energy.grid'`,
      ),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from factor_values where set_version = ${shipped.version}`)).rejects.toThrow();
    await expect(
      db.execute(sql`update factor_sets set name = 'x' where version = ${shipped.version}`),
    ).rejects.toThrow();
    const [row] = (
      (await db.execute(
        sql`select value from factor_values where set_version = ${shipped.version} and key = 'energy.grid'`,
      )) as unknown as { rows: { value: number }[] }
    ).rows;
    expect(row?.value).toBe(shipped.factors.find((f) => f.key === "energy.grid")?.value);
  });
});
