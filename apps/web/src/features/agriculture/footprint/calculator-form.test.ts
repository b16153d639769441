import { describe, expect, it } from "vitest";
import { footprintInputSchema } from "@phuong-xanh/shared";
import {
  apiErrorsToFields,
  checkDraft,
  DEFAULT_DRAFT,
  differenceOf,
  draftFromParams,
  draftToParams,
  orderedErrorKeys,
  parseNumber,
  variantsOf,
  withDraftParams,
  type CalculatorDraft,
} from "./calculator-form";

const requestOf = (draft: CalculatorDraft) => {
  const checked = checkDraft(draft, footprintInputSchema);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.request;
};

describe("the calculator's defaults", () => {
  it("are a typical hectare of spring rice in the Red River Delta, valid as they stand", () => {
    const request = requestOf(DEFAULT_DRAFT);
    expect(request).toMatchObject({
      areaHa: 1,
      cultivationDays: 120,
      region: "south-east-asia",
      waterRegime: "continuously_flooded",
      preSeason: "non_flooded_lt_180",
      organicAmendments: [{ type: "farmyard_manure", tonnesPerHa: 5 }],
      gwp: "AR5",
      yieldKg: 6200,
    });
    // Flooded and with straw burnt: every what-if applies to the example.
    expect(request.strawBurnedTonnesDm).toBeGreaterThan(0);
    expect(request).not.toHaveProperty("baselineEfKgCh4PerHaDay");
    expect(footprintInputSchema.safeParse(request).success).toBe(true);
  });
});

describe("numbers as people type them", () => {
  it("takes a decimal comma or point, and Vietnamese thousands", () => {
    expect(parseNumber("1,5")).toBe(1.5);
    expect(parseNumber("1.5")).toBe(1.5);
    expect(parseNumber(" 6.200 ")).toBe(6200);
    expect(parseNumber("6 200")).toBe(6200);
    expect(parseNumber("1.234.567")).toBe(1234567);
    expect(parseNumber("6.200,5")).toBe(6200.5);
    expect(parseNumber("6,200.5")).toBe(6200.5);
    expect(parseNumber("-2")).toBe(-2);
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("mười")).toBeUndefined();
    expect(parseNumber("1,2,3")).toBeUndefined();
  });
});

describe("checking the form with the shared schema", () => {
  it("words each problem for its field, with the schema's limit", () => {
    const bad: CalculatorDraft = {
      ...DEFAULT_DRAFT,
      areaHa: "0",
      cultivationDays: "90,5",
      ureaKg: "-3",
      dieselLitres: "nhiều",
      electricityKwh: "2000000000",
      organicAmendments: [
        { type: "compost", tonnesPerHa: "150" },
        { type: "green_manure", tonnesPerHa: "" },
      ],
    };
    const checked = checkDraft(bad, footprintInputSchema);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      areaHa: { key: "above", limit: 0 },
      cultivationDays: { key: "integer" },
      ureaKg: { key: "min", limit: 0 },
      dieselLitres: { key: "number" },
      electricityKwh: { key: "max", limit: 1e9 },
      "organicAmendments.0.tonnesPerHa": { key: "max", limit: 100 },
      "organicAmendments.1.tonnesPerHa": { key: "required" },
    });
    // The first in the form's order is focused.
    expect(orderedErrorKeys(checked.errors)).toEqual([
      "areaHa",
      "cultivationDays",
      "ureaKg",
      "organicAmendments.0.tonnesPerHa",
      "organicAmendments.1.tonnesPerHa",
      "dieselLitres",
      "electricityKwh",
    ]);
    // Before the schema has loaded, only what is not a number is caught: the server does the rest.
    const early = checkDraft(bad, undefined);
    expect(early.ok ? {} : early.errors).toEqual({
      dieselLitres: { key: "number" },
      "organicAmendments.1.tonnesPerHa": { key: "required" },
    });
  });

  it("needs area and days; empty amounts are none; the harvest and a measured baseline may stay empty", () => {
    const checked = checkDraft({ ...DEFAULT_DRAFT, areaHa: " ", cultivationDays: "" }, footprintInputSchema);
    expect(checked.ok ? {} : checked.errors).toEqual({
      areaHa: { key: "required" },
      cultivationDays: { key: "required" },
    });
    const request = requestOf({ ...DEFAULT_DRAFT, dieselLitres: "", yieldKg: "", baselineEfKgCh4PerHaDay: "" });
    expect(request.dieselLitres).toBe(0);
    expect(request).not.toHaveProperty("yieldKg");
    expect(request).not.toHaveProperty("baselineEfKgCh4PerHaDay");
    expect(requestOf({ ...DEFAULT_DRAFT, baselineEfKgCh4PerHaDay: "2,21" }).baselineEfKgCh4PerHaDay).toBe(2.21);
  });

  it("puts the server's error details on their fields, the rest apart", () => {
    const { fields, other } = apiErrorsToFields([
      { path: "body.areaHa", message: "Diện tích phải lớn hơn 0" },
      { path: "body.organicAmendments.1.tonnesPerHa", message: "Quá 100 tấn/ha" },
      { path: "body", message: "Cần vùng (region) hoặc hệ số nền đo được (baselineEfKgCh4PerHaDay)" },
      { path: "querystring.factorSet", message: "Phiên bản bộ hệ số không hợp lệ" },
    ]);
    expect(fields).toEqual({
      areaHa: { text: "Diện tích phải lớn hơn 0" },
      "organicAmendments.1.tonnesPerHa": { text: "Quá 100 tấn/ha" },
    });
    expect(other).toEqual([
      "Cần vùng (region) hoặc hệ số nền đo được (baselineEfKgCh4PerHaDay)",
      "Phiên bản bộ hệ số không hợp lệ",
    ]);
  });
});

describe("what-if variants", () => {
  it("sends the season under AWD, without burning, and both, changing nothing else", () => {
    const request = requestOf(DEFAULT_DRAFT);
    const variants = variantsOf(request);
    expect(variants.map((v) => v.practice)).toEqual(["awd", "no_burning", "awd_no_burning"]);
    expect(variants[0]?.request).toEqual({ ...request, waterRegime: "multiple_drainage" });
    expect(variants[1]?.request).toEqual({ ...request, strawBurnedTonnesDm: 0 });
    expect(variants[2]?.request).toEqual({ ...request, waterRegime: "multiple_drainage", strawBurnedTonnesDm: 0 });
    for (const v of variants) expect(footprintInputSchema.safeParse(v.request).success).toBe(true);
  });

  it("leaves out what the season already does", () => {
    const awdUnburnt = requestOf({ ...DEFAULT_DRAFT, waterRegime: "multiple_drainage", strawBurnedTonnesDm: "0" });
    expect(variantsOf(awdUnburnt)).toEqual([]);
    const unburnt = requestOf({ ...DEFAULT_DRAFT, strawBurnedTonnesDm: "" });
    expect(variantsOf(unburnt).map((v) => v.practice)).toEqual(["awd"]);
  });

  it("differences in kg and in % of the season", () => {
    expect(differenceOf(8000, 6000)).toEqual({ kg: -2000, percent: -25 });
    expect(differenceOf(8000, 8400)).toEqual({ kg: 400, percent: 5 });
    expect(differenceOf(0, 10)).toEqual({ kg: 10, percent: null });
  });
});

describe("the state in the address", () => {
  const changed: CalculatorDraft = {
    ...DEFAULT_DRAFT,
    areaHa: "0,5",
    cultivationDays: "105",
    waterRegime: "single_drainage",
    organicAmendments: [
      { type: "straw_gt_30", tonnesPerHa: "2,5" },
      { type: "compost", tonnesPerHa: "1.5" },
    ],
    yieldKg: "",
    baselineEfKgCh4PerHaDay: "2,21",
    gwp: "AR6",
  };

  it("round-trips the form through the query, numbers with a point", () => {
    const params = new URLSearchParams(draftToParams(changed));
    expect(params.get("areaHa")).toBe("0.5");
    expect(params.get("organicAmendments")).toBe("straw_gt_30:2.5,compost:1.5");
    expect(params.has("yieldKg")).toBe(false);
    const back = draftFromParams(params);
    // Back in the boxes with a decimal comma; the same request either way.
    expect(back).toEqual({
      ...changed,
      organicAmendments: [changed.organicAmendments[0], { type: "compost", tonnesPerHa: "1,5" }],
    });
    expect(requestOf(back ?? DEFAULT_DRAFT)).toEqual(requestOf(changed));
  });

  it("keeps the ward and other parameters, replaces its own", () => {
    const current = new URLSearchParams("ward=viet-hoa&areaHa=9&waterRegime=multiple_drainage");
    const next = withDraftParams(current, changed);
    expect(next.get("ward")).toBe("viet-hoa");
    expect(next.getAll("areaHa")).toEqual(["0.5"]);
    expect(next.get("waterRegime")).toBe("single_drainage");
  });

  it("a plain visit says nothing (the defaults); a malformed value keeps its default", () => {
    expect(draftFromParams(new URLSearchParams("ward=viet-hoa"))).toBeUndefined();
    const draft = draftFromParams(
      new URLSearchParams(
        "areaHa=abc&cultivationDays=2.125&waterRegime=awd&gwp=AR4&organicAmendments=ash:3,compost:x,compost:2",
      ),
    );
    expect(draft?.areaHa).toBe(DEFAULT_DRAFT.areaHa);
    // A point in the address is always a decimal point, never thousands.
    expect(draft?.cultivationDays).toBe("2,125");
    expect(draft?.waterRegime).toBe(DEFAULT_DRAFT.waterRegime);
    expect(draft?.gwp).toBe("AR5");
    expect(draft?.organicAmendments).toEqual([{ type: "compost", tonnesPerHa: "2" }]);
    // An empty amendments list is a choice: none.
    expect(draftFromParams(new URLSearchParams("organicAmendments="))?.organicAmendments).toEqual([]);
  });
});
