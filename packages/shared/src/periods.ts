import type { Frequency } from "./plan-template.js";

/**
 * Reporting periods, as keys that sort as text within a frequency:
 * "2026" (năm), "2026-H1" (6 tháng), "2026-Q2" (quý), "2026-05" (tháng).
 */
export type PeriodKey = string;

const patterns: Record<Frequency, RegExp> = {
  yearly: /^(\d{4})$/,
  semiannual: /^(\d{4})-H([12])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
};

const monthsPer: Record<Frequency, number> = { yearly: 12, semiannual: 6, quarterly: 3, monthly: 1 };

export function isPeriodKey(frequency: Frequency, key: string): boolean {
  return patterns[frequency].test(key);
}

/** Which frequency a key belongs to, or undefined if it is no period key. */
export function frequencyOfPeriod(key: string): Frequency | undefined {
  return (Object.keys(patterns) as Frequency[]).find((f) => patterns[f].test(key));
}

/** First month (1-12) and year of a period. */
function startOf(key: string): { year: number; month: number; frequency: Frequency } {
  const frequency = frequencyOfPeriod(key);
  if (!frequency) throw new RangeError(`not a period key: ${key}`);
  const match = patterns[frequency].exec(key);
  const year = Number(match?.[1]);
  const index = Number(match?.[2] ?? 1);
  return { year, month: (index - 1) * monthsPer[frequency] + 1, frequency };
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day of the period, ISO date. */
export function periodStart(key: PeriodKey): string {
  const { year, month } = startOf(key);
  return iso(year, month, 1);
}

/** Last day of the period, ISO date. */
export function periodEnd(key: PeriodKey): string {
  const { year, month, frequency } = startOf(key);
  const lastMonth = month + monthsPer[frequency] - 1;
  return iso(year, lastMonth, daysInMonth(year, lastMonth));
}

/** The period of `frequency` that contains the ISO date. */
export function periodOf(frequency: Frequency, isoDate: string): PeriodKey {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const index = Math.floor((month - 1) / monthsPer[frequency]) + 1;
  switch (frequency) {
    case "yearly":
      return String(year);
    case "semiannual":
      return `${year}-H${index}`;
    case "quarterly":
      return `${year}-Q${index}`;
    case "monthly":
      return `${year}-${String(month).padStart(2, "0")}`;
  }
}

/** The period just before `key` (same frequency). */
export function previousPeriod(key: PeriodKey): PeriodKey {
  const { year, month, frequency } = startOf(key);
  const prev = month - monthsPer[frequency];
  const date = prev >= 1 ? iso(year, prev, 1) : iso(year - 1, prev + 12, 1);
  return periodOf(frequency, date);
}

/** Periods from `from` to `to` inclusive, oldest first. */
export function periodsBetween(from: PeriodKey, to: PeriodKey): PeriodKey[] {
  const out: PeriodKey[] = [];
  let key = to;
  while (periodEnd(key) >= periodEnd(from)) {
    out.unshift(key);
    key = previousPeriod(key);
  }
  return out;
}

/** "Tháng 05/2026", "Quý II/2026", "6 tháng đầu năm 2026", "Năm 2026" (and English). */
export function periodLabel(key: PeriodKey, language: "vi" | "en" = "vi"): string {
  const { year, month, frequency } = startOf(key);
  const roman = ["I", "II", "III", "IV"];
  switch (frequency) {
    case "yearly":
      return language === "vi" ? `Năm ${year}` : `Year ${year}`;
    case "semiannual":
      if (language === "en") return `${month === 1 ? "First" : "Second"} half of ${year}`;
      return month === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case "quarterly":
      return language === "vi" ? `Quý ${roman[(month - 1) / 3]}/${year}` : `Q${(month - 1) / 3 + 1} ${year}`;
    case "monthly":
      return language === "vi"
        ? `Tháng ${String(month).padStart(2, "0")}/${year}`
        : `${year}-${String(month).padStart(2, "0")}`;
  }
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** Parses dd/mm/yyyy (or an ISO date) to ISO; undefined when it is no real date. */
export function parseDateVi(text: string): string | undefined {
  const trimmed = text.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const parts = vi
    ? [Number(vi[3]), Number(vi[2]), Number(vi[1])]
    : isoMatch
      ? [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])]
      : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return iso(year, month, day);
}
