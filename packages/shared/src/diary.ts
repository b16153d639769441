import type { DiaryDetails } from "./api/diary.js";
import type { FootprintInput, FootprintRegion, GwpSet, WaterRegime } from "./footprint.js";

/**
 * From a season's diary to the footprint calculator's input: the diary is the record, the
 * calculator's input is derived from it and never typed twice. Pure: the server stores the
 * result with the factor set that made it; the phone shows the same figures offline.
 */

export type DiaryFact = { occurredOn: string; details: DiaryDetails };

/** What the ward computes with: IPCC's region (or a measured baseline) and the GWP set. */
export type FootprintChoice = {
  region: FootprintRegion;
  baselineEfKgCh4PerHaDay?: number | undefined;
  gwp: GwpSet;
};

/** Entries a season needs before its footprint can be computed (and its diary called complete). */
export const REQUIRED_DIARY_STEPS = ["planting", "irrigation", "harvest", "residue"] as const;
export type DiaryStep = (typeof REQUIRED_DIARY_STEPS)[number];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The steps the diary lacks: sowing or transplanting, the water regime, the harvest, the straw. */
export function missingDiarySteps(entries: DiaryFact[]): DiaryStep[] {
  const kinds = new Set(entries.map((e) => e.details.kind));
  const present: Record<DiaryStep, boolean> = {
    planting: kinds.has("sowing") || kinds.has("transplanting"),
    irrigation: kinds.has("irrigation"),
    harvest: kinds.has("harvest"),
    residue: kinds.has("residue"),
  };
  return REQUIRED_DIARY_STEPS.filter((step) => !present[step]);
}

/**
 * The water regime of the season: the one most entries record (a farmer practising AWD notes
 * each drainage), the latest on a tie.
 */
function waterRegimeOf(entries: DiaryFact[]): WaterRegime | null {
  const counts = new Map<WaterRegime, { n: number; last: string }>();
  for (const e of entries) {
    if (e.details.kind !== "irrigation") continue;
    const seen = counts.get(e.details.waterRegime) ?? { n: 0, last: "" };
    counts.set(e.details.waterRegime, {
      n: seen.n + 1,
      last: e.occurredOn > seen.last ? e.occurredOn : seen.last,
    });
  }
  let best: [WaterRegime, { n: number; last: string }] | null = null;
  for (const entry of counts) {
    if (!best || entry[1].n > best[1].n || (entry[1].n === best[1].n && entry[1].last > best[1].last)) best = entry;
  }
  return best?.[0] ?? null;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The calculator's input for a season of a plot of `areaHa`, or the steps still missing.
 * Cultivation runs from transplanting (or sowing, for direct-seeded rice) to the last harvest.
 */
export function seasonFootprintInput(
  entries: DiaryFact[],
  areaHa: number,
  choice: FootprintChoice,
): { input: FootprintInput; missing: [] } | { input: null; missing: DiaryStep[] } {
  const missing = missingDiarySteps(entries);
  // In the order they happened, whatever order they were synced in.
  entries = [...entries].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  const details = entries.map((e) => e.details);
  const planted = entries
    .filter((e) => e.details.kind === "transplanting")
    .concat(entries.filter((e) => e.details.kind === "sowing"))
    .map((e) => e.occurredOn);
  const firstPlanting = [...planted].sort()[0];
  const lastHarvest = entries
    .filter((e) => e.details.kind === "harvest")
    .map((e) => e.occurredOn)
    .sort()
    .at(-1);
  const waterRegime = waterRegimeOf(entries);
  if (missing.length || !firstPlanting || !lastHarvest || !waterRegime)
    return { input: null, missing: missing.length ? missing : ["planting"] };

  const preparations = details.flatMap((d) => (d.kind === "land_preparation" ? [d] : []));
  const fertilisers = details.flatMap((d) => (d.kind === "fertiliser" ? [d] : []));
  const nOf = (type: "synthetic" | "organic") =>
    sum(fertilisers.filter((f) => f.type === type).map((f) => (f.amountKg * f.nPercent) / 100));
  const preSeason =
    preparations
      .map((p) => p.preSeason)
      .filter((p) => p !== undefined)
      .at(-1) ?? "non_flooded_lt_180";
  const diesel = sum(
    details.map((d) =>
      d.kind === "land_preparation" || d.kind === "irrigation" || d.kind === "harvest" ? (d.dieselLitres ?? 0) : 0,
    ),
  );
  return {
    missing: [],
    input: {
      areaHa,
      cultivationDays: Math.min(365, Math.max(1, daysBetween(firstPlanting, lastHarvest))),
      region: choice.region,
      baselineEfKgCh4PerHaDay: choice.baselineEfKgCh4PerHaDay,
      waterRegime,
      preSeason,
      organicAmendments: preparations.flatMap((p) => p.amendments ?? []),
      syntheticNKg: nOf("synthetic"),
      organicNKg: nOf("organic"),
      ureaKg: sum(fertilisers.filter((f) => f.isUrea).map((f) => f.amountKg)),
      strawBurnedTonnesDm: sum(
        details.map((d) => (d.kind === "residue" && d.handling === "burnt" ? (d.tonnesDm ?? 0) : 0)),
      ),
      dieselLitres: diesel,
      electricityKwh: sum(details.map((d) => (d.kind === "irrigation" ? (d.electricityKwh ?? 0) : 0))),
      yieldKg: sum(details.map((d) => (d.kind === "harvest" ? d.yieldKg : 0))),
      gwp: choice.gwp,
    },
  };
}

/** Whether the season's straw was burnt (it counts toward "straw burning ended", per group and month). */
export function burntOn(entries: DiaryFact[]): string[] {
  return entries.filter((e) => e.details.kind === "residue" && e.details.handling === "burnt").map((e) => e.occurredOn);
}
