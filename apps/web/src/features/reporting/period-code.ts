import type { z } from "zod";
import type { periodicReportKindSchema } from "@phuong-xanh/shared";

export type PeriodicKind = z.infer<typeof periodicReportKindSchema>;

const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"] as const;
const QUARTERS = ["Q1", "Q2", "Q3", "Q4"] as const;

/**
 * What follows the year in a periodic report's code ("2026-11", "2026-Q4", "2026-H1", "2026-9M",
 * "2026"): a month or a quarter to choose; the 6-month and 9-month reports have one each (the
 * second half-year is the annual report), the annual one none.
 */
export function periodIndexes(kind: PeriodicKind): readonly string[] {
  switch (kind) {
    case "monthly":
      return MONTHS;
    case "quarterly":
      return QUARTERS;
    case "six_month":
      return ["H1"];
    case "nine_month":
      return ["9M"];
    case "annual":
      return [];
  }
}

/** The period's code from the three selectors, or undefined while the choice is incomplete. */
export function buildPeriodCode(
  kind: PeriodicKind,
  year: number | null | undefined,
  index?: string,
): string | undefined {
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  const indexes = periodIndexes(kind);
  if (indexes.length === 0) return String(year);
  // A kind with a single index needs no choice.
  const chosen = indexes.length === 1 ? indexes[0] : index;
  if (chosen === undefined || !indexes.includes(chosen)) return undefined;
  return `${year}-${chosen}`;
}

/** The index of the period `today` falls in (this month, this quarter), as the selector's first guess. */
export function currentIndex(kind: PeriodicKind, today: string): string | undefined {
  const month = Number(today.slice(5, 7));
  switch (kind) {
    case "monthly":
      return MONTHS[month - 1];
    case "quarterly":
      return QUARTERS[Math.floor((month - 1) / 3)];
    case "six_month":
    case "nine_month":
    case "annual":
      return periodIndexes(kind)[0];
  }
}
