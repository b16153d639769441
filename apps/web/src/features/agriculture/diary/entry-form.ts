import {
  diaryDetailsSchema,
  ORGANIC_AMENDMENTS,
  PRE_SEASON_REGIMES,
  RESIDUE_HANDLINGS,
  WATER_REGIMES,
  type DiaryDetails,
  type DiaryEntryKind,
} from "@phuong-xanh/shared";

/**
 * The diary entry form as data: which fields each kind of entry asks for (the shared schema's,
 * in the order a farmer thinks of them), the form's values to the API's `details` and back, and
 * "quick entry" — a new entry prefilled from the last one of the same kind. No React: tested alone.
 */

/** Units shown beside a number (their text is in the messages: diary.unit.*). */
export type FieldUnit = "litre" | "kg" | "percent" | "day" | "kwh" | "tonne" | "tonnePerHa";

type Base = {
  /** The key in `details` (the two amendment fields are folded into `amendments`). */
  key: string;
  /** The message for the label, `diary.field.<label>`; the key when absent. */
  label?: string;
  required?: boolean;
};
export type FieldSpec =
  | (Base & { type: "text" })
  | (Base & { type: "number"; unit?: FieldUnit; integer?: boolean })
  | (Base & { type: "select"; options: readonly string[] })
  | (Base & { type: "switch" });

export const fieldLabel = (spec: FieldSpec) => spec.label ?? spec.key;

const diesel: FieldSpec = { key: "dieselLitres", type: "number", unit: "litre" };

export const KIND_FIELDS: Record<DiaryEntryKind, readonly FieldSpec[]> = {
  land_preparation: [
    { key: "method", type: "text" },
    diesel,
    { key: "preSeason", type: "select", options: PRE_SEASON_REGIMES },
    { key: "amendmentType", type: "select", options: ORGANIC_AMENDMENTS },
    { key: "amendmentTonnesPerHa", type: "number", unit: "tonnePerHa" },
  ],
  sowing: [
    { key: "variety", type: "text" },
    { key: "seedKg", type: "number", unit: "kg" },
  ],
  transplanting: [
    { key: "variety", type: "text" },
    { key: "seedKg", type: "number", unit: "kg" },
  ],
  fertiliser: [
    { key: "product", label: "fertiliserProduct", type: "text", required: true },
    { key: "amountKg", type: "number", unit: "kg", required: true },
    { key: "nPercent", type: "number", unit: "percent", required: true },
    { key: "type", label: "fertiliserType", type: "select", options: ["synthetic", "organic"], required: true },
    { key: "isUrea", type: "switch" },
  ],
  plant_protection: [
    { key: "product", label: "protectionProduct", type: "text", required: true },
    { key: "type", label: "protectionType", type: "select", options: ["bio", "chemical"], required: true },
    { key: "dose", type: "number", required: true },
    { key: "doseUnit", type: "text", required: true },
    { key: "target", type: "text" },
    { key: "preHarvestDays", type: "number", unit: "day", integer: true },
  ],
  irrigation: [
    { key: "waterRegime", type: "select", options: WATER_REGIMES, required: true },
    { key: "electricityKwh", type: "number", unit: "kwh" },
    diesel,
  ],
  harvest: [{ key: "yieldKg", type: "number", unit: "kg", required: true }, diesel],
  residue: [
    { key: "handling", type: "select", options: RESIDUE_HANDLINGS, required: true },
    { key: "tonnesDm", type: "number", unit: "tonne" },
  ],
};

/** The form's values: what antd's inputs hold (a cleared number is null; the day is a Dayjs). */
export type FormValues = Record<string, unknown>;

const isBlank = (value: unknown) => value === undefined || value === null || value === "";

/** What a form for `kind` starts with when nothing is prefilled. */
export function emptyValues(kind: DiaryEntryKind): FormValues {
  return kind === "fertiliser" ? { isUrea: false } : {};
}

/**
 * The API's `details` from the form, checked with the shared schema (the server's own rules,
 * including "straw burnt: estimate its dry matter"). Blank fields are left out.
 */
export function detailsFromValues(
  kind: DiaryEntryKind,
  values: FormValues,
): { ok: true; details: DiaryDetails } | { ok: false; errors: { field: string; message: string }[] } {
  const out: Record<string, unknown> = { kind };
  for (const spec of KIND_FIELDS[kind]) {
    const value = values[spec.key];
    if (spec.key === "amendmentType" || spec.key === "amendmentTonnesPerHa") continue;
    if (spec.type === "switch") out[spec.key] = value === true;
    else if (!isBlank(value)) out[spec.key] = typeof value === "string" ? value.trim() : value;
  }
  if (kind === "land_preparation") {
    const type = values.amendmentType;
    const tonnes = values.amendmentTonnesPerHa;
    if (!isBlank(type) || !isBlank(tonnes)) out.amendments = [{ type, tonnesPerHa: tonnes ?? 0 }];
  }
  const parsed = diaryDetailsSchema.safeParse(out);
  if (parsed.success) return { ok: true, details: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const [first, , third] = issue.path.map(String);
      // The amendment list shows as its two fields: `amendments.0.type` is amendmentType.
      const field =
        first === "amendments" ? (third === "tonnesPerHa" ? "amendmentTonnesPerHa" : "amendmentType") : (first ?? "");
      return { field, message: issue.message };
    }),
  };
}

/** The form's values from an entry's `details` (for an edit, or quick entry). */
export function valuesFromDetails(details: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(details)) {
    if (key === "kind" || key === "amendments") continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") values[key] = value;
  }
  const amendments = details.amendments;
  const first: unknown = Array.isArray(amendments) ? amendments[0] : undefined;
  if (typeof first === "object" && first !== null) {
    const { type, tonnesPerHa } = first as Record<string, unknown>;
    if (typeof type === "string") values.amendmentType = type;
    if (typeof tonnesPerHa === "number") values.amendmentTonnesPerHa = tonnesPerHa;
  }
  return values;
}

/** An entry as the list and the prefill see it, saved or still on the phone. */
export type EntryLike = { occurredOn: string; details: Record<string, unknown> };

export function kindOf(details: Record<string, unknown>): DiaryEntryKind | null {
  const kind = details.kind;
  return typeof kind === "string" && kind in KIND_FIELDS ? (kind as DiaryEntryKind) : null;
}

/**
 * Quick entry: the last entry of the same kind (the latest day; of one day, the last written),
 * whose particulars a new one starts from — the same fertiliser, the same water regime.
 */
export function lastOfKind<T extends EntryLike>(entries: readonly T[], kind: DiaryEntryKind): T | undefined {
  let last: T | undefined;
  for (const entry of entries) {
    if (kindOf(entry.details) !== kind) continue;
    if (!last || entry.occurredOn >= last.occurredOn) last = entry;
  }
  return last;
}

export function prefillFor(entries: readonly EntryLike[], kind: DiaryEntryKind): FormValues | undefined {
  const last = lastOfKind(entries, kind);
  return last ? { ...emptyValues(kind), ...valuesFromDetails(last.details) } : undefined;
}
