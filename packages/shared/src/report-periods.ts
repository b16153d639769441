import { z } from "zod";
import { isSaneIsoDate } from "./bounds.js";
import { addWorkingDays, type WorkingCalendar } from "./holidays.js";
import { addDays } from "./periods.js";

/**
 * Kỳ báo cáo of the báo cáo định kỳ (periodic reports) under Decree 09/2019/NĐ-CP on the reporting regime of
 * state administrative bodies: each kỳ has a thời gian chốt số liệu (data cut-off window, art. 12) and a hạn gửi
 * báo cáo (sending deadline) counted in ngày làm việc (working days) after the cut-off.
 * Báo cáo chuyên đề (thematic) and đột xuất (ad hoc) follow the requesting body's own cut-off and deadline.
 */
export type ReportKind = "monthly" | "quarterly" | "six_month" | "nine_month" | "annual" | "thematic" | "ad_hoc";
export type PeriodicReportKind = Exclude<ReportKind, "thematic" | "ad_hoc">;
export const PERIODIC_REPORT_KINDS: readonly PeriodicReportKind[] = [
  "monthly",
  "quarterly",
  "six_month",
  "nine_month",
  "annual",
];

/** Cut-off day: the window of month M runs from the day after cutoffDay of M-1 to cutoffDay of M ("end" = calendar month).
 *  unitDeadlineWorkingDays: units send to the Office this many working days after the cut-off;
 *  wardDeadlineWorkingDays: the ward sends its report this many working days after the cut-off. */
export type ReportingRule = {
  cutoffDay: number | "end";
  unitDeadlineWorkingDays: number;
  wardDeadlineWorkingDays: number;
};
export type ReportingRules = Record<PeriodicReportKind, ReportingRule>;

/**
 * Decree 09 defaults: cutoffDay 14 for all; unit 1 working day, ward 2 working days.
 * Art. 12 puts the cut-off on the 14th (15th of the previous month to the 14th); the deadlines leave the
 * Văn phòng one working day to compile the units' figures, as provincial rules built on the decree often do.
 */
export const DEFAULT_REPORTING_RULES: ReportingRules = Object.freeze(
  Object.fromEntries(
    PERIODIC_REPORT_KINDS.map((kind) => [
      kind,
      Object.freeze({ cutoffDay: 14, unitDeadlineWorkingDays: 1, wardDeadlineWorkingDays: 2 }),
    ]),
  ) as ReportingRules,
);

const workingDaysSchema = z
  .number()
  .int("Số ngày làm việc phải là số nguyên")
  .min(0, "Số ngày làm việc không được âm")
  .max(30, "Số ngày làm việc tối đa là 30");

// 28 at most, so every month (February too) has its cut-off day.
const reportingRuleSchema = z
  .object({
    cutoffDay: z.union([z.number().int().min(1).max(28), z.literal("end")], {
      message: 'Ngày chốt số liệu phải từ 1 đến 28, hoặc "end" (cuối tháng)',
    }),
    unitDeadlineWorkingDays: workingDaysSchema,
    wardDeadlineWorkingDays: workingDaysSchema,
  })
  .refine((rule) => rule.wardDeadlineWorkingDays >= rule.unitDeadlineWorkingDays, {
    message: "Hạn gửi báo cáo của phường không được sớm hơn hạn các đơn vị gửi Văn phòng",
    path: ["wardDeadlineWorkingDays"],
  });

/** zod schema of ReportingRules (cutoffDay integer 1–28 or "end"; working days integers 0–30). */
export const reportingRulesSchema: z.ZodType<ReportingRules> = z.object({
  monthly: reportingRuleSchema,
  quarterly: reportingRuleSchema,
  six_month: reportingRuleSchema,
  nine_month: reportingRuleSchema,
  annual: reportingRuleSchema,
});

type ReportPeriod = { kind: PeriodicReportKind; year: number; index: number };

const MIN_REPORT_YEAR = 2000;
const MAX_REPORT_YEAR = 2100;
const CODE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-(H1)|-(9M))?$/;

/**
 * "2026-11" monthly, "2026-Q4" quarterly, "2026-H1" six-month (H1 only), "2026-9M" nine-month, "2026" annual;
 * undefined otherwise (years 2000–2100). index: the month (1–12) or quarter (1–4); 1 for the once-a-year kinds.
 * Only H1 exists: the second half-year is reported in the annual report (báo cáo năm), not in a 6-month one.
 */
export function parseReportPeriod(code: string): { kind: PeriodicReportKind; year: number; index: number } | undefined {
  const match = CODE.exec(code);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) return undefined;
  if (match[2]) return { kind: "monthly", year, index: Number(match[2]) };
  if (match[3]) return { kind: "quarterly", year, index: Number(match[3]) };
  if (match[4]) return { kind: "six_month", year, index: 1 };
  if (match[5]) return { kind: "nine_month", year, index: 1 };
  return { kind: "annual", year, index: 1 };
}

export function isReportPeriodCode(code: string): boolean {
  return parseReportPeriod(code) !== undefined;
}

function parseOrThrow(code: string): ReportPeriod {
  const period = parseReportPeriod(code);
  if (!period) throw new RangeError(`not a report period code: ${code}`);
  return period;
}

function formatCode({ kind, year, index }: ReportPeriod): string {
  if (year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) throw new RangeError(`report year out of range: ${year}`);
  switch (kind) {
    case "monthly":
      return `${year}-${String(index).padStart(2, "0")}`;
    case "quarterly":
      return `${year}-Q${index}`;
    case "six_month":
      return `${year}-H1`;
    case "nine_month":
      return `${year}-9M`;
    case "annual":
      return String(year);
  }
}

/** First and last calendar month (1–12) the period reports on; the 6- and 9-month reports run from January. */
function monthsOf({ kind, index }: ReportPeriod): { first: number; last: number } {
  switch (kind) {
    case "monthly":
      return { first: index, last: index };
    case "quarterly":
      return { first: index * 3 - 2, last: index * 3 };
    case "six_month":
      return { first: 1, last: 6 };
    case "nine_month":
      return { first: 1, last: 9 };
    case "annual":
      return { first: 1, last: 12 };
  }
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The cut-off date of a month; month 0 is December of the year before. */
function cutoffDate(year: number, month: number, cutoffDay: number | "end"): string {
  const [y, m] = month === 0 ? [year - 1, 12] : [year, month];
  return isoDate(y, m, cutoffDay === "end" ? daysInMonth(y, m) : cutoffDay);
}

/**
 * Thời gian chốt số liệu (data cut-off window, inclusive ISO dates). Defaults per reference: month 15/(M-1)–14/M;
 * quarter 15th of the month before the quarter to 14th of its last month; H1 15/12 prev year–14/6; 9M 15/12–14/9;
 * year 15/12–14/12. With cutoffDay "end": calendar month/quarter, 1/1–30/6, 1/1–30/9, 1/1–31/12.
 * Throws RangeError for a bad code.
 */
export function reportWindow(
  code: string,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): { start: string; end: string } {
  const period = parseOrThrow(code);
  const { cutoffDay } = rules[period.kind];
  const { first, last } = monthsOf(period);
  return {
    start: addDays(cutoffDate(period.year, first - 1, cutoffDay), 1),
    end: cutoffDate(period.year, last, cutoffDay),
  };
}

/**
 * Hạn gửi báo cáo: the rule's working days counted after window.end (the cut-off), skipping weekends, ngày nghỉ
 * lễ, tết and nghỉ bù, and counting ngày làm bù: a cut-off inside Tết pushes the deadline past the holiday.
 */
export function reportDeadlines(
  code: string,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
  calendar?: WorkingCalendar,
): { unit: string; ward: string } {
  const { end } = reportWindow(code, rules);
  const rule = rules[parseOrThrow(code).kind];
  return {
    unit: addWorkingDays(end, rule.unitDeadlineWorkingDays, calendar),
    ward: addWorkingDays(end, rule.wardDeadlineWorkingDays, calendar),
  };
}

/** Calendar span the code names (Q4 = 1/10–31/12; 9M = 1/1–30/9 …), for choosing which indicator values belong to it. */
export function reportCalendarRange(code: string): { start: string; end: string } {
  const period = parseOrThrow(code);
  const { first, last } = monthsOf(period);
  return { start: isoDate(period.year, first, 1), end: isoDate(period.year, last, daysInMonth(period.year, last)) };
}

const ROMAN = ["I", "II", "III", "IV"];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Tháng 11 năm 2026", "Quý IV năm 2026", "6 tháng đầu năm 2026", "9 tháng đầu năm 2026", "Năm 2026"; English for "en": "November 2026", "Q4 2026", "First half of 2026", "First nine months of 2026", "Year 2026". */
export function reportPeriodLabel(code: string, language: "vi" | "en" = "vi"): string {
  const { kind, year, index } = parseOrThrow(code);
  const vi = language === "vi";
  switch (kind) {
    case "monthly":
      return vi ? `Tháng ${index} năm ${year}` : `${MONTHS_EN[index - 1]} ${year}`;
    case "quarterly":
      return vi ? `Quý ${ROMAN[index - 1]} năm ${year}` : `Q${index} ${year}`;
    case "six_month":
      return vi ? `6 tháng đầu năm ${year}` : `First half of ${year}`;
    case "nine_month":
      return vi ? `9 tháng đầu năm ${year}` : `First nine months of ${year}`;
    case "annual":
      return vi ? `Năm ${year}` : `Year ${year}`;
  }
}

/** The following period of the same kind (2026-Q4 -> 2027-Q1; 2026-H1 -> 2027-H1; 2026-9M -> 2027-9M; 2026-12 -> 2027-01). */
export function nextReportPeriod(code: string): string {
  const period = parseOrThrow(code);
  const perYear = period.kind === "monthly" ? 12 : period.kind === "quarterly" ? 4 : 1;
  return period.index < perYear
    ? formatCode({ ...period, index: period.index + 1 })
    : formatCode({ ...period, year: period.year + 1, index: 1 });
}

/**
 * The period of `kind` whose window contains the date (with the rules' cut-off: 2026-12-20 is in 2027-01 for
 * monthly, in 2027-Q1 quarterly, and in 2027 annual).
 * Monthly, quarterly and annual windows tile the calendar. Six- and nine-month windows do not: a date after the
 * H1 (or 9M) cut-off and before the next year's window opens (e.g. 2026-10-01 for six_month) is in no window,
 * and this throws RangeError, as it does for a bad date or a year outside 2000–2100.
 */
export function reportPeriodContaining(
  kind: PeriodicReportKind,
  isoDateValue: string,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string {
  if (!isSaneIsoDate(isoDateValue)) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${isoDateValue}`);
  const { cutoffDay } = rules[kind];
  let year = Number(isoDateValue.slice(0, 4));
  let month = Number(isoDateValue.slice(5, 7));
  // The month whose window holds the date: after the cut-off day the data count towards the next month.
  if (cutoffDay !== "end" && Number(isoDateValue.slice(8, 10)) > cutoffDay) month += 1;
  if (month === 13) [year, month] = [year + 1, 1];
  switch (kind) {
    case "monthly":
      return formatCode({ kind, year, index: month });
    case "quarterly":
      return formatCode({ kind, year, index: Math.ceil(month / 3) });
    case "annual":
      return formatCode({ kind, year, index: 1 });
    case "six_month":
    case "nine_month": {
      const period: ReportPeriod = { kind, year, index: 1 };
      if (month > monthsOf(period).last) throw new RangeError(`no ${kind} report window contains ${isoDateValue}`);
      return formatCode(period);
    }
  }
}

/** Periods of kind whose window ends between from and to inclusive, oldest first. */
export function reportPeriodsEndingBetween(
  kind: PeriodicReportKind,
  from: string,
  to: string,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string[] {
  for (const date of [from, to]) {
    if (!isSaneIsoDate(date)) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${date}`);
  }
  const perYear = kind === "monthly" ? 12 : kind === "quarterly" ? 4 : 1;
  const out: string[] = [];
  // A window ends in the year of its code, so only the years from..to can hold a match.
  const firstYear = Math.max(MIN_REPORT_YEAR, Number(from.slice(0, 4)));
  const lastYear = Math.min(MAX_REPORT_YEAR, Number(to.slice(0, 4)));
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (let index = 1; index <= perYear; index += 1) {
      const code = formatCode({ kind, year, index });
      const { end } = reportWindow(code, rules);
      if (end >= from && end <= to) out.push(code);
    }
  }
  return out;
}
