import type { Aggregation, Direction } from "./plan-template.js";

/** Đúng tiến độ / có nguy cơ / chậm tiến độ — against the straight line from baseline to target. */
export type IndicatorStatus = "on_track" | "at_risk" | "off_track" | "achieved" | "no_data" | "no_baseline";

export type TrajectoryInput = {
  direction: Direction;
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number;
  targetYear: number;
  /** Latest ward value and the last day of its period (ISO date). */
  latest: { value: number; periodEnd: string } | null;
};

/**
 * Share of the whole baseline-to-target change that a ward may lag behind the trajectory and
 * still be "at risk" rather than "off track". A tenth is what RAG dashboards commonly use.
 */
export const AT_RISK_TOLERANCE = 0.1;

/** Fraction of the way from 1 January of the baseline year to 31 December of the target year. */
function elapsedShare(baselineYear: number, targetYear: number, isoDate: string): number {
  const start = Date.UTC(baselineYear, 0, 1);
  const end = Date.UTC(targetYear, 11, 31);
  const at = Date.parse(`${isoDate}T00:00:00Z`);
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (at - start) / (end - start)));
}

/** The value the trajectory expects on a date. */
export function expectedValue(input: Omit<TrajectoryInput, "latest">, isoDate: string): number | null {
  if (input.baselineValue === null || input.baselineYear === null) return null;
  const share = elapsedShare(input.baselineYear, input.targetYear, isoDate);
  return input.baselineValue + (input.targetValue - input.baselineValue) * share;
}

export function indicatorStatus(input: TrajectoryInput): IndicatorStatus {
  if (!input.latest) return "no_data";
  const { value } = input.latest;
  const reached =
    input.direction === "decrease"
      ? value <= input.targetValue
      : input.direction === "increase"
        ? value >= input.targetValue
        : Math.abs(value - input.targetValue) < 1e-9;
  if (reached && input.direction !== "maintain") return "achieved";
  const expected = expectedValue(input, input.latest.periodEnd);
  if (expected === null || input.baselineValue === null) return "no_baseline";
  const span = Math.abs(input.targetValue - input.baselineValue);
  // "Maintain": any departure from the target is a lag; tolerance is a tenth of the target itself.
  const tolerance = (span > 0 ? span : Math.abs(input.targetValue)) * AT_RISK_TOLERANCE;
  const lag =
    input.direction === "decrease"
      ? value - expected
      : input.direction === "increase"
        ? expected - value
        : Math.abs(value - input.targetValue);
  if (lag <= 1e-9) return "on_track";
  return lag <= tolerance ? "at_risk" : "off_track";
}

/** What the database sums up of one period's measurements of one indicator. */
export type PeriodAggregate = {
  /** The ward-level row (no residential group), if one was recorded. */
  wardValue: number | null;
  /** Over the residential groups' rows: */
  sum: number | null;
  numeratorSum: number | null;
  denominatorSum: number | null;
  /** Value of the most recently recorded row. */
  latestValue: number | null;
};

/**
 * The ward value of one period: a ward-level row wins when there is one; otherwise the
 * residential groups' rows are summed (sum), their numerators and denominators summed and
 * divided (ratio_of_sums, in %), or the most recently recorded one taken (latest).
 */
export function aggregateWardValue(aggregation: Aggregation, period: PeriodAggregate): number | null {
  if (period.wardValue !== null) return period.wardValue;
  switch (aggregation) {
    case "sum":
      return period.sum;
    case "ratio_of_sums":
      return period.denominatorSum !== null && period.denominatorSum > 0 && period.numeratorSum !== null
        ? (period.numeratorSum / period.denominatorSum) * 100
        : null;
    case "latest":
      return period.latestValue;
  }
}

/** Trend of the last two ward values. */
export function trendOf(values: number[]): "up" | "down" | "flat" | null {
  if (values.length < 2) return null;
  const last = values.at(-1) ?? 0;
  const previous = values.at(-2) ?? 0;
  if (Math.abs(last - previous) < 1e-9) return "flat";
  return last > previous ? "up" : "down";
}

/**
 * Indicators the system computes from the ward's own records, by code, with where the figure
 * comes from. Nobody types them in: a typed figure would disagree with the records it summarises.
 */
export const COMPUTED_INDICATORS: Readonly<Record<string, string>> = {
  "gap-organic-area-share":
    "Tính tự động từ sổ thửa ruộng: diện tích có chứng nhận VietGAP, hữu cơ hoặc GAP khác còn hiệu lực trên tổng diện tích canh tác của tổ dân phố",
};

export function isComputedIndicator(code: string): boolean {
  return Object.hasOwn(COMPUTED_INDICATORS, code);
}
