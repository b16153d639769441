import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FootprintAnswer, FootprintRequest } from "@phuong-xanh/shared";
import { startTestApp, type TestApp } from "../../test/harness.js";

/**
 * The public calculator, POST /api/public/footprint: the JSON in, the breakdown out,
 * the field named when the input is wrong, and a newer factor set changing new results only.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => {
  await t.close();
});

const season: FootprintRequest = {
  areaHa: 1,
  cultivationDays: 95,
  region: "south-east-asia",
  waterRegime: "continuously_flooded",
  preSeason: "non_flooded_lt_180",
  organicAmendments: [{ type: "straw_lt_30", tonnesPerHa: 6 }],
  syntheticNKg: 110,
  organicNKg: 0,
  ureaKg: 200,
  strawBurnedTonnesDm: 0,
  dieselLitres: 25,
  electricityKwh: 150,
  yieldKg: 6200,
  gwp: "AR5",
};
const calculate = (body: unknown, query = "") =>
  t.app.inject({ method: "POST", url: `/api/public/footprint${query}`, payload: body as object });

describe("POST /api/public/footprint", () => {
  it("answers the season's footprint by source, in kg CO2e, with the factor set that made it", async () => {
    const r = await calculate(season);
    expect(r.statusCode, r.body).toBe(200);
    const answer = r.json() as FootprintAnswer;
    expect(Object.keys(answer).sort()).toEqual(
      ["breakdown", "factorSet", "kgCh4", "kgCo2ePerKgProduct", "kgN2o", "totalKgCo2e"].sort(),
    );
    expect(answer.factorSet).toBe("ipcc2019-vn-2023");
    // By hand (footprint.test.ts in shared has the terms): CH4 1.22 × 95 × 7^0.59 = 365.335 kg.
    expect(answer.kgCh4).toBeCloseTo(365.335, 2);
    expect(answer.kgN2o).toBeCloseTo(0.51857 + 0.64649, 3);
    expect(answer.breakdown.riceCh4).toBeCloseTo(365.335 * 28, 1);
    expect(answer.breakdown.ureaCo2).toBeCloseTo(146.667, 2);
    expect(answer.breakdown.diesel).toBeCloseTo(72.15, 3);
    expect(answer.breakdown.electricity).toBeCloseTo(98.88, 3);
    expect(answer.breakdown.residueBurning).toBe(0);
    expect(answer.totalKgCo2e).toBeCloseTo(10855.817, 2);
    expect(answer.kgCo2ePerKgProduct).toBeCloseTo(1.7509, 4);
  });

  it("shows what a change of practice saves: AWD and straw composted instead of burnt", async () => {
    const burnt = (
      await calculate({ ...season, organicAmendments: [], strawBurnedTonnesDm: 5 })
    ).json() as FootprintAnswer;
    const composted = (
      await calculate({
        ...season,
        waterRegime: "multiple_drainage",
        organicAmendments: [{ type: "compost", tonnesPerHa: 5 }],
        strawBurnedTonnesDm: 0,
      })
    ).json() as FootprintAnswer;
    expect(burnt.breakdown.residueBurning).toBeCloseTo(376.6, 3);
    expect(composted.breakdown.residueBurning).toBe(0);
    expect(composted.breakdown.riceCh4).toBeLessThan(burnt.breakdown.riceCh4);
    expect(composted.breakdown.n2oDirect).toBeGreaterThan(burnt.breakdown.n2oDirect);
    expect(composted.totalKgCo2e).toBeLessThan(burnt.totalKgCo2e);
  });

  it("refuses bad input with 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ ...season, areaHa: 0 }, "body.areaHa"],
      [{ ...season, waterRegime: "awd" }, "body.waterRegime"],
      [{ ...season, region: "europe" }, "body.region"],
      [{ ...season, region: undefined }, "body.region"],
      [{ ...season, cultivationDays: "95" }, "body.cultivationDays"],
      [
        { ...season, organicAmendments: [{ type: "compost", tonnesPerHa: -1 }] },
        "body.organicAmendments.0.tonnesPerHa",
      ],
      [{ ...season, gwp: "AR4" }, "body.gwp"],
    ];
    for (const [body, field] of cases) {
      const r = await calculate(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      const error = (r.json() as { error: { code: string; details: { path: string }[] } }).error;
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details.map((d) => d.path)).toContain(field);
    }
    const unknownField = await calculate({ ...season, areaHA: 2 });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.body).toContain("areaHA");
    const notJson = await t.app.inject({
      method: "POST",
      url: "/api/public/footprint",
      headers: { "content-type": "application/json" },
      payload: "{areaHa: 1",
    });
    expect(notJson.statusCode).toBe(400);
    expect((await calculate(season, "?factorSet=ipcc1996")).statusCode).toBe(404);
  });

  it("computes new results with a newer factor set, and reproduces old ones with theirs", async () => {
    const before = (await calculate(season)).json() as FootprintAnswer;
    // Vietnam's grid factor for a later year is published: a new set, everything else the same.
    const db = t.database.db;
    await db.execute(sql`insert into factor_sets (version, name, description, released_on)
      values ('test-grid-2030', 'Thử: lưới điện 2030', 'Thử nghiệm', '2030-01-01')`);
    await db.execute(sql`insert into factor_values (set_version, key, value, unit, source)
      select 'test-grid-2030', key, case when key = 'energy.grid' then 0.5 else value end, unit, source
      from factor_values where set_version = 'ipcc2019-vn-2023'`);
    // The newest set is read again within a minute in production; the test forgets it at once.
    t.forgetCaches();
    const after = (await calculate(season)).json() as FootprintAnswer;
    expect(after.factorSet).toBe("test-grid-2030");
    expect(after.breakdown.electricity).toBeCloseTo(150 * 0.5, 3);
    expect(after.breakdown.riceCh4).toBe(before.breakdown.riceCh4);
    // The old result is reproduced by naming its set.
    expect((await calculate(season, "?factorSet=ipcc2019-vn-2023")).json()).toEqual(before);
  });
});
