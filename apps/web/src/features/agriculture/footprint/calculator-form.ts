import {
  footprintAlternatives,
  FOOTPRINT_REGIONS,
  GWP_SETS,
  ORGANIC_AMENDMENTS,
  PRE_SEASON_REGIMES,
  WATER_REGIMES,
  type FootprintAlternative,
  type FootprintRegion,
  type FootprintRequest,
  type GwpSet,
  type OrganicAmendment,
  type PreSeasonRegime,
  type WaterRegime,
} from "@phuong-xanh/shared";
import type { z } from "zod";
import type { ApiErrorDetail } from "../../../lib/api";

/**
 * The public carbon footprint calculator as pure data: what the form holds (numbers as typed),
 * its defaults, the checks before sending (the shared `footprintInputSchema`, its issues worded
 * for a phone), the request and its what-if variants, the state in the address, and where the
 * server's error details belong. No React, no I/O: tested on its own.
 *
 * The schema is passed in rather than imported: it brings zod (~27 KB gzipped), which the page
 * loads only once someone starts editing the form (see footprint-schema.ts), not to show the
 * example's result.
 */

/** What the checks need of `footprintInputSchema`. */
export type RequestSchema = {
  safeParse: (value: unknown) => { success: true } | { success: false; error: { issues: z.core.$ZodIssue[] } };
};

/** The numeric fields of the form, in its order; each is a text box. */
export const NUMBER_FIELDS = [
  "areaHa",
  "cultivationDays",
  "yieldKg",
  "syntheticNKg",
  "ureaKg",
  "organicNKg",
  "strawBurnedTonnesDm",
  "dieselLitres",
  "electricityKwh",
  "baselineEfKgCh4PerHaDay",
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

export type AmendmentDraft = { type: OrganicAmendment; tonnesPerHa: string };

export type CalculatorDraft = Record<NumberField, string> & {
  waterRegime: WaterRegime;
  preSeason: PreSeasonRegime;
  organicAmendments: AmendmentDraft[];
  region: FootprintRegion;
  gwp: GwpSet;
};

/** Fields that may stay empty: no harvest (no per-kg figure), no measured baseline (the region's). */
const OPTIONAL: ReadonlySet<NumberField> = new Set(["yieldKg", "baselineEfKgCh4PerHaDay"]);
/** Amounts an empty box means none of (the schema's default 0). */
const ZERO_WHEN_EMPTY: ReadonlySet<NumberField> = new Set([
  "syntheticNKg",
  "ureaKg",
  "organicNKg",
  "strawBurnedTonnesDm",
  "dieselLitres",
  "electricityKwh",
]);

/**
 * A typical season to start from: one hectare of spring rice (vụ xuân) in the Red River Delta,
 * flooded throughout, dry in the winter before, farmyard manure, about 100 kg N (most of it
 * urea), part of the straw burnt, land preparation and harvest by machine, electric pumping,
 * 6.2 t of paddy. Every number is the farmer's to change.
 */
export const DEFAULT_DRAFT: CalculatorDraft = {
  areaHa: "1",
  cultivationDays: "120",
  yieldKg: "6200",
  waterRegime: "continuously_flooded",
  preSeason: "non_flooded_lt_180",
  organicAmendments: [{ type: "farmyard_manure", tonnesPerHa: "5" }],
  syntheticNKg: "100",
  ureaKg: "150",
  organicNKg: "25",
  strawBurnedTonnesDm: "2",
  dieselLitres: "30",
  electricityKwh: "150",
  region: "south-east-asia",
  baselineEfKgCh4PerHaDay: "",
  gwp: "AR5",
};

/** At most this many amendments (the schema's limit). */
export const MAX_AMENDMENTS = 10;

/**
 * A number as people type it: "1,5" (a Vietnamese keyboard's decimal comma) or "1.5"; "6.200"
 * or "6 200" (thousands, as Vietnamese writes them) is 6200; "6.200,5" is 6200.5. Anything else
 * is not a number (undefined).
 */
export function parseNumber(text: string): number | undefined {
  let cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (cleaned === "") return undefined;
  const comma = cleaned.lastIndexOf(",");
  const dot = cleaned.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) {
    // Both: the last one is the decimal mark, the other groups thousands.
    cleaned = comma > dot ? cleaned.replace(/\./g, "").replace(",", ".") : cleaned.replace(/,/g, "");
  } else if (comma >= 0) {
    cleaned = cleaned.replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(cleaned)) {
    cleaned = cleaned.replace(/\./g, "");
  }
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/** A number back into a box: a decimal comma, no thousands mark ("1,5", "6200"). */
export function inputText(value: number): string {
  return String(value).replace(".", ",");
}

/** Where an error shows: a field, or an amendment's type or amount. */
export type FieldKey =
  NumberField | "waterRegime" | "preSeason" | "region" | "gwp" | "organicAmendments" | AmendmentKey;
export type AmendmentKey = `organicAmendments.${number}.tonnesPerHa` | `organicAmendments.${number}.type`;

/** A message: one of ours (translated on screen, with its numbers), or the server's own text. */
export type FieldMessage =
  | { key: "required" | "number" | "integer" | "invalid" }
  | { key: "min" | "above" | "max"; limit: number }
  | { text: string };
export type FieldErrors = Partial<Record<FieldKey, FieldMessage>>;

/** The order of the form, so that the first error is the one focused. */
export function orderedErrorKeys(errors: FieldErrors): FieldKey[] {
  const order: string[] = [
    "areaHa",
    "cultivationDays",
    "yieldKg",
    "waterRegime",
    "preSeason",
    "syntheticNKg",
    "ureaKg",
    "organicNKg",
    "organicAmendments",
  ];
  const rank = (key: string) => {
    if (key.startsWith("organicAmendments.")) return order.length + Number(key.split(".")[1] ?? 0) / 100;
    const at = order.indexOf(key);
    if (at >= 0) return at;
    const tail = ["strawBurnedTonnesDm", "dieselLitres", "electricityKwh", "region", "baselineEfKgCh4PerHaDay", "gwp"];
    return order.length + 1 + tail.indexOf(key);
  };
  return (Object.keys(errors) as FieldKey[]).sort((a, b) => rank(a) - rank(b));
}

/**
 * The checks before sending, then the request: every box a number (or empty where that is
 * allowed), then the shared schema's rules (area above 0, whole days 1–365, amounts not negative,
 * at most 100 t/ha…). Either errors by field, or the request the API takes. Without the schema
 * (not loaded yet) only the first checks are made: the server applies the rest.
 */
export function checkDraft(
  draft: CalculatorDraft,
  schema: RequestSchema | undefined,
): { ok: true; request: FootprintRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const field of NUMBER_FIELDS) {
    const text = draft[field].trim();
    if (text === "") {
      if (ZERO_WHEN_EMPTY.has(field)) numbers[field] = 0;
      else if (!OPTIONAL.has(field)) errors[field] = { key: "required" };
      continue;
    }
    const value = parseNumber(text);
    if (value === undefined) errors[field] = { key: "number" };
    else numbers[field] = value;
  }
  const amendments = draft.organicAmendments.map((a, index) => {
    const value = parseNumber(a.tonnesPerHa);
    if (value === undefined)
      errors[`organicAmendments.${index}.tonnesPerHa`] = { key: a.tonnesPerHa.trim() === "" ? "required" : "number" };
    return { type: a.type, tonnesPerHa: value ?? 0 };
  });

  const request: FootprintRequest = {
    areaHa: numbers.areaHa ?? 0,
    cultivationDays: numbers.cultivationDays ?? 0,
    region: draft.region,
    waterRegime: draft.waterRegime,
    preSeason: draft.preSeason,
    organicAmendments: amendments,
    syntheticNKg: numbers.syntheticNKg ?? 0,
    organicNKg: numbers.organicNKg ?? 0,
    ureaKg: numbers.ureaKg ?? 0,
    strawBurnedTonnesDm: numbers.strawBurnedTonnesDm ?? 0,
    dieselLitres: numbers.dieselLitres ?? 0,
    electricityKwh: numbers.electricityKwh ?? 0,
    gwp: draft.gwp,
    ...(numbers.yieldKg !== undefined ? { yieldKg: numbers.yieldKg } : {}),
    ...(numbers.baselineEfKgCh4PerHaDay !== undefined
      ? { baselineEfKgCh4PerHaDay: numbers.baselineEfKgCh4PerHaDay }
      : {}),
  };

  const parsed = schema?.safeParse(request);
  if (parsed && !parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = fieldOf(issue.path.map(String));
      // A box that is not a number already says so.
      if (key === undefined || errors[key]) continue;
      errors[key] = messageOf(issue);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request };
}

/** A zod issue as one of our messages, with the limit it names. */
function messageOf(issue: z.core.$ZodIssue): FieldMessage {
  if (issue.code === "too_small")
    return { key: issue.inclusive === false ? "above" : "min", limit: Number(issue.minimum) };
  if (issue.code === "too_big") return { key: "max", limit: Number(issue.maximum) };
  if (issue.code === "invalid_type") return { key: issue.expected === "int" ? "integer" : "number" };
  return { key: "invalid" };
}

/** A path of the schema or of the API (`body.` dropped) → the form's field, if it has one. */
function fieldOf(path: readonly string[]): FieldKey | undefined {
  const [head = "", index, leaf] = path;
  if (head === "organicAmendments") {
    if (index !== undefined && /^\d+$/.test(index) && (leaf === "tonnesPerHa" || leaf === "type"))
      return `organicAmendments.${Number(index)}.${leaf}`;
    return "organicAmendments";
  }
  if ((NUMBER_FIELDS as readonly string[]).includes(head)) return head as NumberField;
  if (head === "waterRegime" || head === "preSeason" || head === "region" || head === "gwp") return head;
  return undefined;
}

/**
 * The API's error details onto the form's fields (`body.areaHa` → areaHa), anything the form has
 * no field for kept apart to show above the result (never dropped).
 */
export function apiErrorsToFields(details: readonly ApiErrorDetail[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const detail of details) {
    const key = fieldOf(detail.path.replace(/^(body|querystring)\./, "").split("."));
    if (key === undefined) other.push(detail.message);
    else if (!fields[key]) fields[key] = { text: detail.message };
  }
  return { fields, other };
}

// ---------------------------------------------------------------------------------------------
// What-if: the same season under the practices the diary compares with too (shared code).

export type Variant = { practice: FootprintAlternative; request: FootprintRequest };

/** The requests to send for the comparison, after the season's own. */
export function variantsOf(request: FootprintRequest): Variant[] {
  return footprintAlternatives(request).map((a) => ({ practice: a.practice, request: a.input }));
}

/** An alternative against the season: kg CO2e more (+) or less (−), and that in % of the season. */
export function differenceOf(base: number, alternative: number): { kg: number; percent: number | null } {
  const kg = alternative - base;
  return { kg, percent: base > 0 ? (kg / base) * 100 : null };
}

// ---------------------------------------------------------------------------------------------
// The state in the address: every field by its API name, amendments as `type:t/ha` pairs.

const TEXT_PARAMS = NUMBER_FIELDS;
const AMENDMENTS_PARAM = "organicAmendments";

/**
 * The form as query parameters (the ward is the caller's to keep). Numbers go with a point
 * (`1.5`), so that a shared link reads the same in any language; empty optional boxes are left out.
 */
export function draftToParams(draft: CalculatorDraft): [string, string][] {
  const out: [string, string][] = [];
  for (const field of TEXT_PARAMS) {
    const value = parseNumber(draft[field]);
    if (value !== undefined) out.push([field, String(value)]);
  }
  out.push(["waterRegime", draft.waterRegime], ["preSeason", draft.preSeason]);
  const amendments = draft.organicAmendments
    .map((a) => {
      const value = parseNumber(a.tonnesPerHa);
      return value === undefined ? undefined : `${a.type}:${value}`;
    })
    .filter((a): a is string => a !== undefined);
  // Present even when empty: "none" is a choice, unlike "not said" (the defaults).
  out.push([AMENDMENTS_PARAM, amendments.join(",")]);
  out.push(["region", draft.region], ["gwp", draft.gwp]);
  return out;
}

/** A number of the address: always with a point, never grouped ("2.125" is two and a bit). */
function urlNumber(text: string | null): number | undefined {
  if (text === null || !/^-?\d+(\.\d+)?$/.test(text.trim())) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The form from the address: each parameter that reads well replaces its default; anything
 * unknown or malformed is ignored (the default stays). Undefined when the address says nothing
 * of the form (a plain visit: the defaults).
 */
export function draftFromParams(params: URLSearchParams): CalculatorDraft | undefined {
  const known = [...TEXT_PARAMS, "waterRegime", "preSeason", AMENDMENTS_PARAM, "region", "gwp"];
  if (!known.some((key) => params.has(key))) return undefined;
  const draft: CalculatorDraft = { ...DEFAULT_DRAFT, organicAmendments: [...DEFAULT_DRAFT.organicAmendments] };
  for (const field of TEXT_PARAMS) {
    const value = urlNumber(params.get(field));
    if (value !== undefined) draft[field] = inputText(value);
    else if (params.has(field) && OPTIONAL.has(field)) draft[field] = "";
  }
  // A link that leaves out an optional box means it empty.
  for (const field of OPTIONAL) if (!params.has(field)) draft[field] = "";
  draft.waterRegime = oneOf(WATER_REGIMES, params.get("waterRegime")) ?? draft.waterRegime;
  draft.preSeason = oneOf(PRE_SEASON_REGIMES, params.get("preSeason")) ?? draft.preSeason;
  draft.region = oneOf(FOOTPRINT_REGIONS, params.get("region")) ?? draft.region;
  draft.gwp = oneOf(GWP_SETS, params.get("gwp")) ?? draft.gwp;
  const amendments = params.get(AMENDMENTS_PARAM);
  if (amendments !== null) {
    draft.organicAmendments = amendments
      .split(",")
      .map((pair) => {
        const [type, amount] = pair.split(":");
        const known = oneOf(ORGANIC_AMENDMENTS, type ?? null);
        const value = urlNumber(amount ?? null);
        return known && value !== undefined ? { type: known, tonnesPerHa: inputText(value) } : undefined;
      })
      .filter((a): a is AmendmentDraft => a !== undefined)
      .slice(0, MAX_AMENDMENTS);
  }
  return draft;
}

/** The address's parameters with the form's replaced and the others (the ward) kept. */
export function withDraftParams(current: URLSearchParams, draft: CalculatorDraft): URLSearchParams {
  const next = new URLSearchParams();
  const ours = new Set<string>([...TEXT_PARAMS, "waterRegime", "preSeason", AMENDMENTS_PARAM, "region", "gwp"]);
  for (const [key, value] of current) if (!ours.has(key)) next.append(key, value);
  for (const [key, value] of draftToParams(draft)) next.set(key, value);
  return next;
}
