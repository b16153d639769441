import { describe, expect, it } from "vitest";
import { diaryEntryInputSchema, type DiaryDetails } from "./api/diary.js";
import { burntOn, missingDiarySteps, seasonFootprintInput, type DiaryFact } from "./diary.js";

const choice = { region: "south-east-asia" as const, gwp: "AR5" as const };
const at = (occurredOn: string, details: DiaryDetails): DiaryFact => ({ occurredOn, details });

/** A spring rice season on half a hectare, written as a farmer would, out of order. */
const season: DiaryFact[] = [
  at("2026-05-25", { kind: "harvest", yieldKg: 3000, dieselLitres: 5 }),
  at("2026-02-01", {
    kind: "land_preparation",
    method: "Cày máy",
    dieselLitres: 8,
    preSeason: "non_flooded_lt_180",
    amendments: [{ type: "straw_gt_30", tonnesPerHa: 3 }],
  }),
  at("2026-02-10", { kind: "transplanting", variety: "Bắc thơm số 7" }),
  at("2026-02-20", {
    kind: "fertiliser",
    product: "Urê Phú Mỹ",
    amountKg: 100,
    nPercent: 46,
    type: "synthetic",
    isUrea: true,
  }),
  at("2026-03-05", {
    kind: "fertiliser",
    product: "NPK 16-16-8",
    amountKg: 200,
    nPercent: 16,
    type: "synthetic",
    isUrea: false,
  }),
  at("2026-02-05", {
    kind: "fertiliser",
    product: "Phân hữu cơ vi sinh",
    amountKg: 500,
    nPercent: 2,
    type: "organic",
    isUrea: false,
  }),
  at("2026-02-12", { kind: "irrigation", waterRegime: "continuously_flooded" }),
  at("2026-03-10", { kind: "irrigation", waterRegime: "multiple_drainage", electricityKwh: 40 }),
  at("2026-04-01", { kind: "irrigation", waterRegime: "multiple_drainage", electricityKwh: 40 }),
  at("2026-04-20", { kind: "irrigation", waterRegime: "multiple_drainage", electricityKwh: 40 }),
  at("2026-03-15", { kind: "plant_protection", product: "Chế phẩm Trichoderma", type: "bio", dose: 1, doseUnit: "kg" }),
  at("2026-05-28", { kind: "residue", handling: "burnt", tonnesDm: 1.5 }),
];

describe("a season's diary as the calculator's input", () => {
  it("derives every amount from the entries, never typed twice", () => {
    const { input, missing } = seasonFootprintInput(season, 0.5, choice);
    expect(missing).toEqual([]);
    expect(input).toEqual({
      areaHa: 0.5,
      // 10 Feb → 25 May: 18 + 31 + 30 + 25 days.
      cultivationDays: 104,
      region: "south-east-asia",
      baselineEfKgCh4PerHaDay: undefined,
      // Three entries of drainage against one of flooding: AWD.
      waterRegime: "multiple_drainage",
      preSeason: "non_flooded_lt_180",
      organicAmendments: [{ type: "straw_gt_30", tonnesPerHa: 3 }],
      // 100 × 46 % + 200 × 16 %; 500 × 2 %.
      syntheticNKg: 78,
      organicNKg: 10,
      ureaKg: 100,
      strawBurnedTonnesDm: 1.5,
      dieselLitres: 13,
      electricityKwh: 120,
      yieldKg: 3000,
      gwp: "AR5",
    });
    expect(burntOn(season)).toEqual(["2026-05-28"]);
  });

  it("says which steps are missing rather than guessing", () => {
    const early = season.filter((e) => e.details.kind !== "harvest" && e.details.kind !== "residue");
    expect(missingDiarySteps(early)).toEqual(["harvest", "residue"]);
    expect(seasonFootprintInput(early, 0.5, choice)).toEqual({ input: null, missing: ["harvest", "residue"] });
    expect(missingDiarySteps([])).toEqual(["planting", "irrigation", "harvest", "residue"]);
  });

  it("takes the latest regime on a tie, and direct seeding as the start when nothing was transplanted", () => {
    const seeded = season
      .filter((e) => e.details.kind !== "transplanting" && e.details.kind !== "irrigation")
      .concat([
        at("2026-02-03", { kind: "sowing", variety: "Lúa sạ" }),
        at("2026-02-15", { kind: "irrigation", waterRegime: "multiple_drainage" }),
        at("2026-03-15", { kind: "irrigation", waterRegime: "single_drainage" }),
      ]);
    const { input } = seasonFootprintInput(seeded, 0.5, choice);
    expect(input?.waterRegime).toBe("single_drainage");
    expect(input?.cultivationDays).toBe(111);
  });
});

describe("what an entry accepts", () => {
  const entry = (details: unknown) =>
    diaryEntryInputSchema.safeParse({
      clientId: "0b7c3f0e-6d1a-4c1e-9a57-2f1f8c0f5a11",
      occurredOn: "2026-05-28",
      details,
    });

  it("asks how much straw was burnt, and names the field", () => {
    const burnt = entry({ kind: "residue", handling: "burnt" });
    expect(burnt.success).toBe(false);
    expect(burnt.error?.issues.map((i) => i.path.join("."))).toEqual(["details.tonnesDm"]);
    expect(entry({ kind: "residue", handling: "composted" }).success).toBe(true);
  });

  it("refuses an unknown kind, a negative amount and a fertiliser of nothing", () => {
    expect(entry({ kind: "weeding" }).error?.issues[0]?.path).toEqual(["details", "kind"]);
    expect(entry({ kind: "harvest", yieldKg: -1 }).error?.issues[0]?.path).toEqual(["details", "yieldKg"]);
    expect(
      entry({ kind: "fertiliser", product: "Urê", amountKg: 0, nPercent: 46, type: "synthetic" }).error?.issues[0]
        ?.path,
    ).toEqual(["details", "amountKg"]);
  });
});
