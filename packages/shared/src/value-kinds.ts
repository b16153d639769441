/**
 * What a number of an indicator is: a count of whole things (vụ, hệ thống, hộ, mô hình: no
 * "15,27 vụ"), a measured quantity (ha, tấn: decimals are real), or a percentage. Plain
 * TypeScript, no zod: the public pages format numbers with it (the schemas are in plan-template.ts).
 */
export const VALUE_KINDS = ["count", "quantity", "percent"] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** What the numerator and denominator of a ratio indicator count ("Số hộ…" or "Diện tích… (ha)"). */
export const PARTS_KINDS = ["count", "quantity"] as const;
export type PartsKind = (typeof PARTS_KINDS)[number];

/**
 * Units of measure that name whole things. A unit not in the list is taken as a quantity: the
 * safe default, since it refuses nothing; the plan or a leader marks an indicator as a count.
 */
export const COUNT_UNITS: readonly string[] = [
  "vụ",
  "hệ thống",
  "hộ",
  "hộ gia đình",
  "mô hình",
  "công trình",
  "cơ sở",
  "hồ sơ",
  "bộ",
  "tổ",
  "tổ dân phố",
  "khu dân cư",
  "trường",
  "doanh nghiệp",
  "hợp tác xã",
  "sản phẩm",
  "người",
  "lượt",
  "lượt người",
  "cuộc",
  "buổi",
  "lớp",
  "đợt",
  "văn bản",
  "điểm",
  "trạm",
  "xe",
  "chiếc",
  "cái",
  "cây",
];

const normalize = (unit: string) => unit.normalize("NFC").trim().toLowerCase();
const COUNT_UNIT_SET = new Set(COUNT_UNITS.map(normalize));

/** The kind a unit of measure suggests: "%" a percentage, a unit of whole things a count. */
export function defaultValueKind(unitOfMeasure: string): ValueKind {
  const unit = normalize(unitOfMeasure);
  if (unit === "%") return "percent";
  return COUNT_UNIT_SET.has(unit) ? "count" : "quantity";
}

/**
 * What a numerator's label suggests its parts count: the unit in its closing brackets ("Số hộ…
 * (hộ)" counts, "Diện tích… (ha)" measures), else "Số …" (the number of something) counts.
 */
export function defaultPartsKind(numeratorLabel: string | null | undefined): PartsKind {
  if (!numeratorLabel) return "quantity";
  const unit = /\(([^()]+)\)\s*$/.exec(numeratorLabel)?.[1];
  if (unit !== undefined) return defaultValueKind(unit) === "count" ? "count" : "quantity";
  return /^số\s/i.test(numeratorLabel.normalize("NFC").trim()) ? "count" : "quantity";
}

/** Whether a number of this kind is acceptable as typed: counts take whole numbers only. */
export function isWholeEnough(kind: ValueKind | PartsKind, value: number): boolean {
  return kind !== "count" || Number.isInteger(value);
}

/** Decimals to show: none for a count, two at most otherwise. */
export function fractionDigitsOf(kind: ValueKind | PartsKind | null | undefined): number {
  return kind === "count" ? 0 : 2;
}

/** The kind of a value as sent (figures locked before kinds existed carry none: the unit decides). */
export function valueKindOf(i: { valueKind?: ValueKind | undefined; unitOfMeasure: string }): ValueKind {
  return i.valueKind ?? defaultValueKind(i.unitOfMeasure);
}
