/**
 * Dấu chân carbon của một vụ (issue 9): the IPCC Tier 1 equations for one season of a field, as
 * pure arithmetic over a factor set. No number of the method lives here: every factor comes from
 * a versioned factor set loaded as data (seed/factors/), and a result names the set that made it.
 * Only stoichiometry (the molecular mass ratios) is code.
 *
 * - Rice methane (IPCC 2019 Refinement, Vol. 4, Ch. 5, Eq. 5.1–5.3):
 *   CH4 = EFc × SFw × SFp × SFo × t × A, SFo = (1 + Σ ROAᵢ × CFOAᵢ)^e.
 * - Soil N2O (Vol. 4, Ch. 11, Eq. 11.1, 11.9, 11.10): direct N × EF1FR (by water regime);
 *   indirect (F_SN × FracGASF + F_ON × FracGASM) × EF4 and (F_SN + F_ON) × FracLEACH × EF5;
 *   N2O = N2O-N × 44/28.
 * - Urea (Eq. 11.13): CO2 = urea × EF × 44/12.
 * - Field burning (IPCC 2006, Vol. 4, Ch. 2, Eq. 2.27): gas = dry matter × Cf × Gef.
 * - Diesel and grid electricity: amount × emission factor.
 */

/** Regions of IPCC Table 5.11 with a baseline emission factor for continuously flooded rice. */
export const FOOTPRINT_REGIONS = ["world", "south-east-asia", "east-asia", "south-asia"] as const;
export type FootprintRegion = (typeof FOOTPRINT_REGIONS)[number];

/**
 * The baselines a ward may compute with: IPCC's regions, or Vietnam's own measurements
 * (Tirol-Padre et al. 2020, Climate 8(6):74, 36 sites; Northern early and late seasons).
 */
export const BASELINE_CHOICES = [...FOOTPRINT_REGIONS, "vietnam-north-early", "vietnam-north-late"] as const;
export type BaselineChoice = (typeof BASELINE_CHOICES)[number];

/** Water regime during cultivation (Table 5.12); AWD is multiple drainage. */
export const WATER_REGIMES = ["continuously_flooded", "single_drainage", "multiple_drainage"] as const;
export type WaterRegime = (typeof WATER_REGIMES)[number];

/** Water regime in the months before the season (Table 5.13). */
export const PRE_SEASON_REGIMES = [
  "non_flooded_lt_180",
  "non_flooded_gt_180",
  "flooded_gt_30",
  "non_flooded_gt_365",
] as const;
export type PreSeasonRegime = (typeof PRE_SEASON_REGIMES)[number];

/** Organic amendments (Table 5.14). Burnt straw and straw left on the surface are not amendments. */
export const ORGANIC_AMENDMENTS = ["straw_lt_30", "straw_gt_30", "compost", "farmyard_manure", "green_manure"] as const;
export type OrganicAmendment = (typeof ORGANIC_AMENDMENTS)[number];

export const GWP_SETS = ["AR5", "AR6"] as const;
export type GwpSet = (typeof GWP_SETS)[number];

/**
 * The keys a complete factor set holds, with their unit. A set missing one cannot be loaded
 * (`missingFactorKeys`), so the calculator never meets an absent factor.
 */
export const FOOTPRINT_FACTOR_UNITS = {
  ...(Object.fromEntries(BASELINE_CHOICES.map((r) => [`rice.baseline.${r}`, "kg CH4/ha/ngày"])) as Record<
    `rice.baseline.${BaselineChoice}`,
    string
  >),
  ...(Object.fromEntries(WATER_REGIMES.map((w) => [`rice.sfw.${w}`, "hệ số"])) as Record<
    `rice.sfw.${WaterRegime}`,
    string
  >),
  ...(Object.fromEntries(PRE_SEASON_REGIMES.map((p) => [`rice.sfp.${p}`, "hệ số"])) as Record<
    `rice.sfp.${PreSeasonRegime}`,
    string
  >),
  ...(Object.fromEntries(ORGANIC_AMENDMENTS.map((o) => [`rice.cfoa.${o}`, "hệ số"])) as Record<
    `rice.cfoa.${OrganicAmendment}`,
    string
  >),
  "rice.sfo.exponent": "số mũ",
  ...(Object.fromEntries(WATER_REGIMES.map((w) => [`n2o.ef1fr.${w}`, "kg N2O-N/kg N"])) as Record<
    `n2o.ef1fr.${WaterRegime}`,
    string
  >),
  "n2o.frac_gasf": "kg N bay hơi/kg N",
  "n2o.frac_gasm": "kg N bay hơi/kg N",
  "n2o.ef4": "kg N2O-N/kg N bay hơi",
  "n2o.frac_leach": "kg N rửa trôi/kg N",
  "n2o.ef5": "kg N2O-N/kg N rửa trôi",
  "urea.carbon": "t C/t urê",
  "burning.cf.rice": "hệ số",
  "burning.gef.ch4": "g CH4/kg chất khô",
  "burning.gef.n2o": "g N2O/kg chất khô",
  "gwp.AR5.ch4": "kg CO2e/kg",
  "gwp.AR5.n2o": "kg CO2e/kg",
  "gwp.AR6.ch4_non_fossil": "kg CO2e/kg",
  "gwp.AR6.n2o": "kg CO2e/kg",
  "energy.diesel": "kg CO2/lít",
  "energy.grid": "kg CO2/kWh",
} as const;
export type FootprintFactorKey = keyof typeof FOOTPRINT_FACTOR_UNITS;
export const FOOTPRINT_FACTOR_KEYS = Object.keys(FOOTPRINT_FACTOR_UNITS) as FootprintFactorKey[];

/** A factor set's values by key, as the calculator reads them. */
export type FootprintFactors = Record<FootprintFactorKey, number>;

/** The keys a set lacks (empty: it is complete). */
export function missingFactorKeys(values: Record<string, number>): FootprintFactorKey[] {
  return FOOTPRINT_FACTOR_KEYS.filter((key) => !Number.isFinite(values[key]));
}

/** One season of one field (or a whole area farmed alike). Totals for the area unless "per ha". */
export type FootprintInput = {
  areaHa: number;
  cultivationDays: number;
  region: FootprintRegion;
  /** A measured baseline (kg CH4/ha/day), e.g. Vietnam's own; overrides the region's. */
  baselineEfKgCh4PerHaDay?: number | undefined;
  waterRegime: WaterRegime;
  preSeason: PreSeasonRegime;
  organicAmendments: { type: OrganicAmendment; tonnesPerHa: number }[];
  /** All N from synthetic fertiliser, urea's included (kg N). */
  syntheticNKg: number;
  /** N from organic fertiliser and manure (kg N). */
  organicNKg: number;
  /** Urea mass (kg), for its CO2. */
  ureaKg: number;
  /** Dry matter of residue on the field that was set alight (t). */
  strawBurnedTonnesDm: number;
  dieselLitres: number;
  electricityKwh: number;
  /** Product harvested (kg); 0 or absent: no per-kg figure. */
  yieldKg?: number | undefined;
  gwp: GwpSet;
};

/** kg CO2e by source. */
export type FootprintBreakdown = {
  riceCh4: number;
  n2oDirect: number;
  n2oIndirect: number;
  ureaCo2: number;
  residueBurning: number;
  diesel: number;
  electricity: number;
};
export const FOOTPRINT_SOURCES = [
  "riceCh4",
  "n2oDirect",
  "n2oIndirect",
  "ureaCo2",
  "residueBurning",
  "diesel",
  "electricity",
] as const satisfies readonly (keyof FootprintBreakdown)[];

export type FootprintResult = {
  factorSet: string;
  kgCh4: number;
  kgN2o: number;
  totalKgCo2e: number;
  /** Null without a harvest to divide by. */
  kgCo2ePerKgProduct: number | null;
  breakdown: FootprintBreakdown;
};

/** Molecular mass ratios: N2O per N2O-N, CO2 per C. */
const N2O_PER_N = 44 / 28;
const CO2_PER_C = 44 / 12;

/** Rounded for the answer: grams of a kilogram, enough for a field and stable across engines. */
const round = (value: number, digits = 3) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** The season's emissions under a factor set. Inputs are assumed valid (see footprintInputSchema). */
export function computeFootprint(input: FootprintInput, factors: FootprintFactors, factorSet: string): FootprintResult {
  const f = factors;
  // Rice methane.
  const baseline = input.baselineEfKgCh4PerHaDay ?? f[`rice.baseline.${input.region}`];
  const amendments = input.organicAmendments.reduce((sum, a) => sum + a.tonnesPerHa * f[`rice.cfoa.${a.type}`], 0);
  const sfo = (1 + amendments) ** f["rice.sfo.exponent"];
  const riceKgCh4 =
    baseline *
    f[`rice.sfw.${input.waterRegime}`] *
    f[`rice.sfp.${input.preSeason}`] *
    sfo *
    input.cultivationDays *
    input.areaHa;

  // Soil N2O: the water regime sets the direct factor of flooded rice.
  const appliedN = input.syntheticNKg + input.organicNKg;
  const directKgN2o = appliedN * f[`n2o.ef1fr.${input.waterRegime}`] * N2O_PER_N;
  const volatilisedN = input.syntheticNKg * f["n2o.frac_gasf"] + input.organicNKg * f["n2o.frac_gasm"];
  const leachedN = appliedN * f["n2o.frac_leach"];
  const indirectKgN2o = (volatilisedN * f["n2o.ef4"] + leachedN * f["n2o.ef5"]) * N2O_PER_N;

  const ureaKgCo2 = input.ureaKg * f["urea.carbon"] * CO2_PER_C;

  // Burning: tonnes of dry matter × Cf × g/kg is kilograms of gas.
  const burntDm = input.strawBurnedTonnesDm * f["burning.cf.rice"];
  const burningKgCh4 = burntDm * f["burning.gef.ch4"];
  const burningKgN2o = burntDm * f["burning.gef.n2o"];

  // All methane here is biogenic: AR6 gives it the non-fossil value.
  const gwpCh4 = input.gwp === "AR6" ? f["gwp.AR6.ch4_non_fossil"] : f["gwp.AR5.ch4"];
  const gwpN2o = input.gwp === "AR6" ? f["gwp.AR6.n2o"] : f["gwp.AR5.n2o"];

  const breakdown: FootprintBreakdown = {
    riceCh4: riceKgCh4 * gwpCh4,
    n2oDirect: directKgN2o * gwpN2o,
    n2oIndirect: indirectKgN2o * gwpN2o,
    ureaCo2: ureaKgCo2,
    residueBurning: burningKgCh4 * gwpCh4 + burningKgN2o * gwpN2o,
    diesel: input.dieselLitres * f["energy.diesel"],
    electricity: input.electricityKwh * f["energy.grid"],
  };
  const total = FOOTPRINT_SOURCES.reduce((sum, source) => sum + breakdown[source], 0);
  const yieldKg = input.yieldKg ?? 0;
  return {
    factorSet,
    kgCh4: round(riceKgCh4 + burningKgCh4),
    kgN2o: round(directKgN2o + indirectKgN2o + burningKgN2o, 4),
    totalKgCo2e: round(total),
    kgCo2ePerKgProduct: yieldKg > 0 ? round(total / yieldKg, 4) : null,
    breakdown: Object.fromEntries(FOOTPRINT_SOURCES.map((s) => [s, round(breakdown[s])])) as FootprintBreakdown,
  };
}

/**
 * The practices a season is compared with ("nếu làm khác"): alternate wetting and drying (AWD,
 * multiple drainage) instead of flooding or a single drainage, straw not burnt on the field
 * (composted, or taken off it) instead of burnt, and both together. Only those that differ from
 * the season as it was: no AWD row for a season already under AWD, no straw row without burning.
 */
export const FOOTPRINT_ALTERNATIVES = ["awd", "no_burning", "awd_no_burning"] as const;
export type FootprintAlternative = (typeof FOOTPRINT_ALTERNATIVES)[number];

/** The same season under each alternative practice that applies, in the order above. */
export function footprintAlternatives<T extends { waterRegime: WaterRegime; strawBurnedTonnesDm?: number | undefined }>(
  input: T,
): { practice: FootprintAlternative; input: T }[] {
  const awd = input.waterRegime !== "multiple_drainage";
  const burnt = (input.strawBurnedTonnesDm ?? 0) > 0;
  const out: { practice: FootprintAlternative; input: T }[] = [];
  if (awd) out.push({ practice: "awd", input: { ...input, waterRegime: "multiple_drainage" } });
  if (burnt) out.push({ practice: "no_burning", input: { ...input, strawBurnedTonnesDm: 0 } });
  if (awd && burnt)
    out.push({
      practice: "awd_no_burning",
      input: { ...input, waterRegime: "multiple_drainage", strawBurnedTonnesDm: 0 },
    });
  return out;
}
