import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { footprintInputOf, footprintInputSchema, type FootprintRequest } from "./api/footprint.js";
import {
  computeFootprint,
  FOOTPRINT_FACTOR_UNITS,
  footprintAlternatives,
  missingFactorKeys,
  type FootprintFactors,
} from "./footprint.js";

/**
 * Hand-computed IPCC cases, one per term, written from the equations with the published values
 * (IPCC 2019 Refinement Vol. 4 Ch. 5 and 11, IPCC 2006 Vol. 4 Ch. 2, AR5/AR6, Vietnam's 2023 grid).
 * The shipped factor set must hold those values, so the cases check the data as well as the code.
 */

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../seed/factors/ipcc2019-vn-2023.json");
const shipped = JSON.parse(fs.readFileSync(file, "utf8")) as {
  version: string;
  factors: { key: string; value: number; unit: string; source: string }[];
};
const factors = Object.fromEntries(shipped.factors.map((f) => [f.key, f.value])) as FootprintFactors;

const compute = (request: FootprintRequest) =>
  computeFootprint(footprintInputOf(footprintInputSchema.parse(request)), factors, shipped.version);

const quiet: FootprintRequest = {
  areaHa: 1,
  cultivationDays: 100,
  region: "south-east-asia",
  waterRegime: "continuously_flooded",
};

describe("the shipped factor set", () => {
  it("has every factor the calculator reads, each with its unit and a source", () => {
    expect(missingFactorKeys(factors)).toEqual([]);
    for (const row of shipped.factors) {
      expect(row.source.length, row.key).toBeGreaterThan(10);
      expect(row.unit, row.key).toBe(FOOTPRINT_FACTOR_UNITS[row.key as keyof typeof FOOTPRINT_FACTOR_UNITS]);
    }
    expect(new Set(shipped.factors.map((f) => f.key)).size).toBe(shipped.factors.length);
  });

  it("finds a set that lacks a factor", () => {
    const { ["n2o.ef5"]: _gone, ...rest } = factors;
    expect(missingFactorKeys(rest)).toEqual(["n2o.ef5"]);
  });
});

describe("the footprint of a season (IPCC Tier 1)", () => {
  it("rice methane: EFc × SFw × SFp × SFo × t × A, with amendments in SFo", () => {
    const result = compute({
      areaHa: 2,
      cultivationDays: 102,
      region: "south-east-asia",
      waterRegime: "multiple_drainage",
      preSeason: "non_flooded_gt_180",
      organicAmendments: [
        { type: "straw_gt_30", tonnesPerHa: 5 },
        { type: "compost", tonnesPerHa: 2 },
      ],
    });
    // SFo = (1 + 5 × 0.19 + 2 × 0.17)^0.59 = 2.29^0.59 = 1.63043
    // CH4 = 1.22 × 0.55 × 0.89 × 1.63043 × 102 × 2 = 198.630 kg; × 28 = 5,561.650 kg CO2e
    expect(result.kgCh4).toBeCloseTo(198.63, 2);
    expect(result.breakdown.riceCh4).toBeCloseTo(5561.65, 1);
    expect(result.totalKgCo2e).toBeCloseTo(5561.65, 1);
    expect(result.kgN2o).toBe(0);
    expect(result.factorSet).toBe("ipcc2019-vn-2023");
  });

  it("rice methane: each water regime, pre-season and amendment factor as published", () => {
    const ch4 = (change: Partial<FootprintRequest>) => compute({ ...quiet, ...change }).kgCh4;
    // 1.22 kg/ha/day × 100 days: the continuously flooded baseline.
    expect(ch4({})).toBeCloseTo(122, 3);
    expect(ch4({ waterRegime: "single_drainage" })).toBeCloseTo(122 * 0.71, 3);
    expect(ch4({ waterRegime: "multiple_drainage" })).toBeCloseTo(122 * 0.55, 3);
    expect(ch4({ preSeason: "non_flooded_gt_180" })).toBeCloseTo(122 * 0.89, 3);
    expect(ch4({ preSeason: "flooded_gt_30" })).toBeCloseTo(122 * 2.41, 3);
    expect(ch4({ preSeason: "non_flooded_gt_365" })).toBeCloseTo(122 * 0.59, 3);
    expect(ch4({ organicAmendments: [{ type: "straw_lt_30", tonnesPerHa: 3 }] })).toBeCloseTo(122 * 4 ** 0.59, 3);
    expect(ch4({ organicAmendments: [{ type: "farmyard_manure", tonnesPerHa: 10 }] })).toBeCloseTo(
      122 * 3.1 ** 0.59,
      3,
    );
    expect(ch4({ organicAmendments: [{ type: "green_manure", tonnesPerHa: 4 }] })).toBeCloseTo(122 * 2.8 ** 0.59, 3);
    // The regions of Table 5.11, and a measured Vietnamese baseline (North, late season) over any region.
    expect(ch4({ region: "world" })).toBeCloseTo(119, 3);
    expect(ch4({ region: "east-asia" })).toBeCloseTo(132, 3);
    expect(ch4({ region: "south-asia" })).toBeCloseTo(85, 3);
    expect(ch4({ region: "world", baselineEfKgCh4PerHaDay: 3.89 })).toBeCloseTo(389, 3);
    expect(ch4({ region: undefined, baselineEfKgCh4PerHaDay: 2.21 })).toBeCloseTo(221, 3);
  });

  it("direct N2O: applied N × EF1FR of the water regime × 44/28", () => {
    const flooded = compute({ ...quiet, syntheticNKg: 100, organicNKg: 50 });
    // 150 kg N × 0.003 × 44/28 = 0.70714 kg N2O; × 265 = 187.393 kg CO2e
    expect(flooded.breakdown.n2oDirect).toBeCloseTo(187.393, 2);
    // AWD lowers methane and raises N2O: EF1FR 0.005.
    const awd = compute({ ...quiet, waterRegime: "multiple_drainage", syntheticNKg: 100, organicNKg: 50 });
    expect(awd.breakdown.n2oDirect).toBeCloseTo(150 * 0.005 * (44 / 28) * 265, 3);
    expect(awd.breakdown.riceCh4).toBeLessThan(flooded.breakdown.riceCh4);
  });

  it("indirect N2O: volatilised (synthetic 0.11, organic 0.21) × EF4 and leached (0.24) × EF5", () => {
    const result = compute({ ...quiet, syntheticNKg: 100, organicNKg: 50 });
    // (100 × 0.11 + 50 × 0.21) × 0.010 + 150 × 0.24 × 0.011 = 0.611 kg N2O-N; × 44/28 = 0.96014 kg N2O
    expect(result.breakdown.n2oIndirect).toBeCloseTo(254.438, 2);
    expect(result.kgN2o).toBeCloseTo(0.70714 + 0.96014, 3);
  });

  it("urea: mass × 0.20 × 44/12", () => {
    // 217 kg urea (100 kg N): 217 × 0.2 × 44/12 = 159.133 kg CO2
    expect(compute({ ...quiet, ureaKg: 217 }).breakdown.ureaCo2).toBeCloseTo(159.133, 3);
  });

  it("residue burning: dry matter × Cf 0.80 × Gef (CH4 2.7, N2O 0.07 g/kg), AR5 and AR6", () => {
    const ar5 = compute({ ...quiet, cultivationDays: 1, strawBurnedTonnesDm: 5 });
    // 5 t × 0.8 = 4 t burnt: 10.8 kg CH4 and 0.28 kg N2O; 10.8 × 28 + 0.28 × 265 = 376.6
    expect(ar5.breakdown.residueBurning).toBeCloseTo(376.6, 3);
    expect(ar5.kgCh4).toBeCloseTo(1.22 + 10.8, 3);
    expect(ar5.kgN2o).toBeCloseTo(0.28, 4);
    // AR6: methane from burning is biogenic (27.0), N2O 273: 291.6 + 76.44 = 368.04
    const ar6 = compute({ ...quiet, cultivationDays: 1, strawBurnedTonnesDm: 5, gwp: "AR6" });
    expect(ar6.breakdown.residueBurning).toBeCloseTo(368.04, 3);
    expect(ar6.breakdown.riceCh4).toBeCloseTo(1.22 * 27, 3);
  });

  it("diesel and pumping electricity", () => {
    const result = compute({ ...quiet, dieselLitres: 40, electricityKwh: 300 });
    expect(result.breakdown.diesel).toBeCloseTo(40 * 2.886, 3);
    // Vietnam's 2023 grid: 0.6592 t CO2/MWh
    expect(result.breakdown.electricity).toBeCloseTo(197.76, 3);
  });

  it("a whole season, per hectare and per kilogram of paddy, against its AWD alternative", () => {
    const conventional: FootprintRequest = {
      areaHa: 1,
      cultivationDays: 95,
      region: "south-east-asia",
      waterRegime: "continuously_flooded",
      organicAmendments: [{ type: "straw_lt_30", tonnesPerHa: 6 }],
      syntheticNKg: 110,
      ureaKg: 200,
      dieselLitres: 25,
      electricityKwh: 150,
      yieldKg: 6200,
    };
    const result = compute(conventional);
    // CH4 1.22 × 95 × 7^0.59 = 365.335 kg; N2O 0.51857 + 0.64649 kg; urea 146.667; diesel 72.15;
    // grid 98.88: 10,855.817 kg CO2e, 1.75094 per kg of paddy.
    expect(result.totalKgCo2e).toBeCloseTo(10855.817, 2);
    expect(result.kgCo2ePerKgProduct).toBeCloseTo(1.7509, 4);
    const sum = Object.values(result.breakdown).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(result.totalKgCo2e, 2);

    // AWD, straw removed instead of incorporated fresh: 2,502.911 kg CO2e, 0.4037 per kg.
    const awd = compute({ ...conventional, waterRegime: "multiple_drainage", organicAmendments: [] });
    expect(awd.totalKgCo2e).toBeCloseTo(2502.911, 2);
    expect(awd.kgCo2ePerKgProduct).toBeCloseTo(0.4037, 4);
  });

  it("gives no per-kilogram figure without a harvest", () => {
    expect(compute(quiet).kgCo2ePerKgProduct).toBeNull();
    expect(compute({ ...quiet, yieldKg: 0 }).kgCo2ePerKgProduct).toBeNull();
  });
});

describe("what the calculator accepts", () => {
  const problem = (request: unknown) => {
    const parsed = footprintInputSchema.safeParse(request);
    return parsed.success ? null : parsed.error.issues.map((i) => i.path.join("."));
  };

  it("names the field it refuses", () => {
    expect(problem({ ...quiet, areaHa: 0 })).toEqual(["areaHa"]);
    expect(problem({ ...quiet, areaHa: -1 })).toEqual(["areaHa"]);
    expect(problem({ ...quiet, cultivationDays: 400 })).toEqual(["cultivationDays"]);
    expect(problem({ ...quiet, cultivationDays: 10.5 })).toEqual(["cultivationDays"]);
    expect(problem({ ...quiet, waterRegime: "awd" })).toEqual(["waterRegime"]);
    expect(problem({ ...quiet, region: "europe" })).toEqual(["region"]);
    expect(problem({ ...quiet, region: undefined })).toEqual(["region"]);
    expect(problem({ ...quiet, syntheticNKg: -5 })).toEqual(["syntheticNKg"]);
    expect(problem({ ...quiet, ureaKg: "100" })).toEqual(["ureaKg"]);
    expect(problem({ ...quiet, gwp: "AR4" })).toEqual(["gwp"]);
    expect(problem({ ...quiet, organicAmendments: [{ type: "ash", tonnesPerHa: 1 }] })).toEqual([
      "organicAmendments.0.type",
    ]);
    expect(problem({ ...quiet, areaHA: 2 })).toEqual([""]);
    expect(problem({ ...quiet, dieselLitres: Number.POSITIVE_INFINITY })).toEqual(["dieselLitres"]);
  });

  it("takes the minimum: area, days, region or a measured baseline, and the water regime", () => {
    expect(problem(quiet)).toBeNull();
    expect(
      problem({ areaHa: 1, cultivationDays: 90, baselineEfKgCh4PerHaDay: 2.21, waterRegime: "single_drainage" }),
    ).toBeNull();
  });
});

describe("the alternatives a season is compared with", () => {
  const season = { ...quiet, strawBurnedTonnesDm: 3 };

  it("AWD, straw not burnt, and both, each changing only its own practice", () => {
    const alternatives = footprintAlternatives(season);
    expect(alternatives.map((a) => a.practice)).toEqual(["awd", "no_burning", "awd_no_burning"]);
    expect(alternatives[0]?.input).toEqual({ ...season, waterRegime: "multiple_drainage" });
    expect(alternatives[1]?.input).toEqual({ ...season, strawBurnedTonnesDm: 0 });
    expect(alternatives[2]?.input).toEqual({ ...season, waterRegime: "multiple_drainage", strawBurnedTonnesDm: 0 });
    // The season itself is left as it was.
    expect(season.waterRegime).toBe("continuously_flooded");
  });

  it("only those that differ from the season: none for AWD without burning", () => {
    expect(footprintAlternatives({ ...season, waterRegime: "single_drainage" }).map((a) => a.practice)).toEqual([
      "awd",
      "no_burning",
      "awd_no_burning",
    ]);
    expect(footprintAlternatives({ ...season, waterRegime: "multiple_drainage" }).map((a) => a.practice)).toEqual([
      "no_burning",
    ]);
    expect(footprintAlternatives(quiet).map((a) => a.practice)).toEqual(["awd"]);
    expect(footprintAlternatives({ ...quiet, waterRegime: "multiple_drainage" })).toEqual([]);
  });

  it("lower methane under AWD, no burning term without burning", () => {
    const [awd, unburnt] = footprintAlternatives(season).map((a) => compute(a.input));
    const base = compute(season);
    expect(awd?.breakdown.riceCh4).toBeCloseTo(base.breakdown.riceCh4 * 0.55, 3);
    expect(unburnt?.breakdown.residueBurning).toBe(0);
  });
});
