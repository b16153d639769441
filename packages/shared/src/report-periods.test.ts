import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWorkingDay, workingCalendar, workingDaysBetween } from "./holidays.js";
import { addDays, daysBetween } from "./periods.js";
import {
  DEFAULT_REPORTING_RULES,
  isReportPeriodCode,
  nextReportPeriod,
  parseReportPeriod,
  PERIODIC_REPORT_KINDS,
  reportCalendarRange,
  reportDeadlines,
  reportingRulesSchema,
  reportPeriodContaining,
  reportPeriodLabel,
  reportPeriodsEndingBetween,
  reportWindow,
  type PeriodicReportKind,
  type ReportingRule,
  type ReportingRules,
} from "./report-periods.js";

/** Every kind with the same rule. */
function rulesOf(rule: Partial<ReportingRule>): ReportingRules {
  const full = { ...DEFAULT_REPORTING_RULES.monthly, ...rule };
  return { monthly: full, quarterly: full, six_month: full, nine_month: full, annual: full };
}

const END_OF_MONTH = rulesOf({ cutoffDay: "end" });

describe("report period codes", () => {
  it("parse each kind, and reject anything else", () => {
    expect(parseReportPeriod("2026-11")).toEqual({ kind: "monthly", year: 2026, index: 11 });
    expect(parseReportPeriod("2026-Q4")).toEqual({ kind: "quarterly", year: 2026, index: 4 });
    expect(parseReportPeriod("2026-H1")).toEqual({ kind: "six_month", year: 2026, index: 1 });
    expect(parseReportPeriod("2026-9M")).toEqual({ kind: "nine_month", year: 2026, index: 1 });
    expect(parseReportPeriod("2026")).toEqual({ kind: "annual", year: 2026, index: 1 });
    expect(isReportPeriodCode("2000-01")).toBe(true);
    expect(isReportPeriodCode("2100-12")).toBe(true);
    const bad = ["2026-13", "2026-Q5", "2026-H2", "2026-10M", "abc", "2026-00", "2026-Q0", "2026-1", "2026-q1"];
    for (const code of [...bad, "2026-9m", " 2026", "2026 ", "1999", "2101", "2026-11-01", ""]) {
      expect(parseReportPeriod(code), code).toBeUndefined();
      expect(isReportPeriodCode(code), code).toBe(false);
      expect(() => reportWindow(code), code).toThrow(RangeError);
      expect(() => reportPeriodLabel(code), code).toThrow(RangeError);
    }
  });

  it("label in Vietnamese and English", () => {
    const labels: [string, string, string][] = [
      ["2026-11", "Tháng 11 năm 2026", "November 2026"],
      ["2027-01", "Tháng 1 năm 2027", "January 2027"],
      ["2026-Q4", "Quý IV năm 2026", "Q4 2026"],
      ["2026-Q1", "Quý I năm 2026", "Q1 2026"],
      ["2026-H1", "6 tháng đầu năm 2026", "First half of 2026"],
      ["2026-9M", "9 tháng đầu năm 2026", "First nine months of 2026"],
      ["2026", "Năm 2026", "Year 2026"],
    ];
    for (const [code, vi, en] of labels) {
      expect(reportPeriodLabel(code)).toBe(vi);
      expect(reportPeriodLabel(code, "vi")).toBe(vi);
      expect(reportPeriodLabel(code, "en")).toBe(en);
    }
  });

  it("step to the next period of the same kind, and round-trip through parse and labels", () => {
    expect(nextReportPeriod("2026-Q4")).toBe("2027-Q1");
    expect(nextReportPeriod("2026-Q1")).toBe("2026-Q2");
    expect(nextReportPeriod("2026-H1")).toBe("2027-H1");
    expect(nextReportPeriod("2026-9M")).toBe("2027-9M");
    expect(nextReportPeriod("2026-12")).toBe("2027-01");
    expect(nextReportPeriod("2026-09")).toBe("2026-10");
    expect(nextReportPeriod("2026")).toBe("2027");
    expect(() => nextReportPeriod("2100-12")).toThrow(RangeError);
    expect(() => nextReportPeriod("2026-H2")).toThrow(RangeError);

    const perYear: Record<PeriodicReportKind, number> = {
      monthly: 12,
      quarterly: 4,
      six_month: 1,
      nine_month: 1,
      annual: 1,
    };
    for (const [kind, first] of [
      ["monthly", "2025-01"],
      ["quarterly", "2025-Q1"],
      ["six_month", "2025-H1"],
      ["nine_month", "2025-9M"],
      ["annual", "2025"],
    ] as const) {
      const labels = new Set<string>();
      let code: string = first;
      for (let step = 0; step < 3 * perYear[kind]; step += 1) {
        const parsed = parseReportPeriod(code);
        expect(parsed).toEqual({
          kind,
          year: 2025 + Math.floor(step / perYear[kind]),
          index: (step % perYear[kind]) + 1,
        });
        // The code a date of its window falls in is the code itself.
        expect(reportPeriodContaining(kind, reportWindow(code).end)).toBe(code);
        labels.add(reportPeriodLabel(code)).add(reportPeriodLabel(code, "en"));
        code = nextReportPeriod(code);
      }
      expect(labels.size).toBe(6 * perYear[kind]);
    }
  });
});

describe("reportWindow (thời gian chốt số liệu)", () => {
  it("runs from the 15th after the previous cut-off to the 14th by default, across years", () => {
    expect(reportWindow("2026-11")).toEqual({ start: "2026-10-15", end: "2026-11-14" });
    expect(reportWindow("2027-01")).toEqual({ start: "2026-12-15", end: "2027-01-14" });
    expect(reportWindow("2026-Q1")).toEqual({ start: "2025-12-15", end: "2026-03-14" });
    expect(reportWindow("2026-Q2")).toEqual({ start: "2026-03-15", end: "2026-06-14" });
    expect(reportWindow("2026-Q4")).toEqual({ start: "2026-09-15", end: "2026-12-14" });
    expect(reportWindow("2026-H1")).toEqual({ start: "2025-12-15", end: "2026-06-14" });
    expect(reportWindow("2026-9M")).toEqual({ start: "2025-12-15", end: "2026-09-14" });
    expect(reportWindow("2026")).toEqual({ start: "2025-12-15", end: "2026-12-14" });
  });

  it("follows the calendar with cutoffDay 'end', and any other cut-off day", () => {
    expect(reportWindow("2026-02", END_OF_MONTH)).toEqual({ start: "2026-02-01", end: "2026-02-28" });
    expect(reportWindow("2028-02", END_OF_MONTH)).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(reportWindow("2026-Q4", END_OF_MONTH)).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(reportWindow("2026-H1", END_OF_MONTH)).toEqual({ start: "2026-01-01", end: "2026-06-30" });
    expect(reportWindow("2026-9M", END_OF_MONTH)).toEqual({ start: "2026-01-01", end: "2026-09-30" });
    expect(reportWindow("2026", END_OF_MONTH)).toEqual({ start: "2026-01-01", end: "2026-12-31" });
    expect(reportWindow("2026-03", rulesOf({ cutoffDay: 20 }))).toEqual({ start: "2026-02-21", end: "2026-03-20" });
    const annualByCalendar = { ...DEFAULT_REPORTING_RULES, annual: END_OF_MONTH.annual };
    expect(reportWindow("2026", annualByCalendar)).toEqual({ start: "2026-01-01", end: "2026-12-31" });
    expect(reportWindow("2026-12", annualByCalendar)).toEqual({ start: "2026-11-15", end: "2026-12-14" });
  });
});

describe("reportCalendarRange", () => {
  it("is the calendar span the code names", () => {
    expect(reportCalendarRange("2026-Q4")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(reportCalendarRange("2026-9M")).toEqual({ start: "2026-01-01", end: "2026-09-30" });
    expect(reportCalendarRange("2026-H1")).toEqual({ start: "2026-01-01", end: "2026-06-30" });
    expect(reportCalendarRange("2028-02")).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(reportCalendarRange("2026")).toEqual({ start: "2026-01-01", end: "2026-12-31" });
  });
});

describe("reportDeadlines (hạn gửi báo cáo)", () => {
  it("counts working days after the cut-off, over weekends", () => {
    // 14/11/2026 is a Saturday.
    expect(reportDeadlines("2026-11")).toEqual({ unit: "2026-11-16", ward: "2026-11-17" });
    // 14/01/2026 is a Wednesday.
    expect(reportDeadlines("2026-01")).toEqual({ unit: "2026-01-15", ward: "2026-01-16" });
  });

  it("skips Tết: the cut-off 14/02/2026 falls inside the Tết Bính Ngọ break (14/2–22/2)", () => {
    expect(reportDeadlines("2026-02")).toEqual({ unit: "2026-02-23", ward: "2026-02-24" });
    // Quý I/2030 with a cut-off on the 1st: 1/2/2030 is the last day of the lunar year, Tết runs to 7/2.
    expect(reportDeadlines("2030-02", rulesOf({ cutoffDay: 1 }))).toEqual({ unit: "2030-02-08", ward: "2030-02-11" });
  });

  it("skips New Year, 30/4–1/5 and Quốc khánh", () => {
    // December 2025 by calendar month: 1/1 and the swapped 2/1/2026 are off, then the weekend.
    expect(reportDeadlines("2025-12", END_OF_MONTH)).toEqual({ unit: "2026-01-05", ward: "2026-01-06" });
    // April 2025 by calendar month ends on 30/4 (a holiday); 1/5, 2/5 (swapped) and the weekend follow.
    expect(reportDeadlines("2025-04", END_OF_MONTH)).toEqual({ unit: "2025-05-05", ward: "2025-05-06" });
    // Cut-off on the 28th: 30/4 and 1/5/2026 fall between the unit's and the ward's deadline.
    expect(reportDeadlines("2026-04", rulesOf({ cutoffDay: 28 }))).toEqual({ unit: "2026-04-29", ward: "2026-05-04" });
    // Friday 28/8/2026: weekend, 31/8 swapped, 1/9–2/9 Quốc khánh.
    expect(reportDeadlines("2026-08", rulesOf({ cutoffDay: 28 }))).toEqual({ unit: "2026-09-03", ward: "2026-09-04" });
  });

  it("counts make-up Saturdays (ngày làm bù) as working days", () => {
    // Friday 9/1/2026, then Saturday 10/1/2026 is worked in exchange for 2/1.
    expect(reportDeadlines("2026-01", rulesOf({ cutoffDay: 9 }))).toEqual({ unit: "2026-01-10", ward: "2026-01-12" });
    // Friday 25/4/2025, then Saturday 26/4/2025 is worked in exchange for 2/5.
    expect(reportDeadlines("2025-04", rulesOf({ cutoffDay: 25 }))).toEqual({ unit: "2025-04-26", ward: "2025-04-28" });
  });

  it("takes the ward's own days off, and 0 working days as the cut-off day itself when it is a working day", () => {
    const ward = workingCalendar({ holidays: [{ date: "2026-11-16", name: "Ngày hội Đại đoàn kết (phường nghỉ)" }] });
    expect(reportDeadlines("2026-11", DEFAULT_REPORTING_RULES, ward)).toEqual({
      unit: "2026-11-17",
      ward: "2026-11-18",
    });
    const sameDay = rulesOf({ unitDeadlineWorkingDays: 0, wardDeadlineWorkingDays: 1 });
    expect(reportDeadlines("2026-10", sameDay)).toEqual({ unit: "2026-10-14", ward: "2026-10-15" });
    expect(reportDeadlines("2026-11", sameDay)).toEqual({ unit: "2026-11-16", ward: "2026-11-16" });
  });
});

describe("reportPeriodContaining", () => {
  it("places a date after the cut-off in the next period", () => {
    expect(reportPeriodContaining("monthly", "2026-12-20")).toBe("2027-01");
    expect(reportPeriodContaining("quarterly", "2026-12-20")).toBe("2027-Q1");
    expect(reportPeriodContaining("annual", "2026-12-20")).toBe("2027");
    expect(reportPeriodContaining("monthly", "2026-12-14")).toBe("2026-12");
    expect(reportPeriodContaining("quarterly", "2026-12-14")).toBe("2026-Q4");
    expect(reportPeriodContaining("quarterly", "2026-03-15")).toBe("2026-Q2");
    expect(reportPeriodContaining("annual", "2026-12-14")).toBe("2026");
    expect(reportPeriodContaining("monthly", "2026-12-20", END_OF_MONTH)).toBe("2026-12");
    expect(reportPeriodContaining("annual", "2026-12-20", END_OF_MONTH)).toBe("2026");
  });

  it("finds six- and nine-month windows, and no window between their cut-off and the next year's start", () => {
    expect(reportPeriodContaining("six_month", "2025-12-15")).toBe("2026-H1");
    expect(reportPeriodContaining("six_month", "2026-06-14")).toBe("2026-H1");
    expect(() => reportPeriodContaining("six_month", "2026-06-15")).toThrow(RangeError);
    expect(() => reportPeriodContaining("six_month", "2026-12-14")).toThrow(RangeError);
    expect(reportPeriodContaining("nine_month", "2026-09-14")).toBe("2026-9M");
    expect(() => reportPeriodContaining("nine_month", "2026-09-15")).toThrow(RangeError);
    expect(reportPeriodContaining("nine_month", "2026-12-15")).toBe("2027-9M");
    expect(() => reportPeriodContaining("monthly", "2026-02-30")).toThrow(RangeError);
    expect(() => reportPeriodContaining("annual", "2100-12-20")).toThrow(RangeError);
  });
});

describe("reportPeriodsEndingBetween", () => {
  it("lists the periods whose cut-off falls in the range, oldest first", () => {
    expect(reportPeriodsEndingBetween("monthly", "2026-01-01", "2026-03-31")).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    expect(reportPeriodsEndingBetween("monthly", "2026-01-15", "2026-03-14")).toEqual(["2026-02", "2026-03"]);
    expect(reportPeriodsEndingBetween("quarterly", "2025-12-01", "2026-12-31")).toEqual([
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
    ]);
    expect(reportPeriodsEndingBetween("annual", "2025-12-15", "2026-12-13")).toEqual([]);
    expect(reportPeriodsEndingBetween("annual", "2025-12-14", "2026-12-14")).toEqual(["2025", "2026"]);
    expect(reportPeriodsEndingBetween("six_month", "2024-01-01", "2026-12-31")).toEqual([
      "2024-H1",
      "2025-H1",
      "2026-H1",
    ]);
    expect(reportPeriodsEndingBetween("nine_month", "2026-09-15", "2026-12-31")).toEqual([]);
    expect(reportPeriodsEndingBetween("annual", "2026-12-31", "2026-01-01")).toEqual([]);
    expect(reportPeriodsEndingBetween("annual", "2026-01-01", "2026-12-31", END_OF_MONTH)).toEqual(["2026"]);
    expect(() => reportPeriodsEndingBetween("monthly", "2026-01-01", "soon")).toThrow(RangeError);
  });
});

describe("reportingRulesSchema", () => {
  it("accepts the defaults and bounded rules, and rejects the rest", () => {
    expect(reportingRulesSchema.safeParse(DEFAULT_REPORTING_RULES).success).toBe(true);
    expect(reportingRulesSchema.safeParse(END_OF_MONTH).success).toBe(true);
    expect(reportingRulesSchema.safeParse(rulesOf({ cutoffDay: 28, wardDeadlineWorkingDays: 30 })).success).toBe(true);
    for (const rule of [
      { cutoffDay: 0 },
      { cutoffDay: 29 },
      { cutoffDay: 14.5 },
      { cutoffDay: "last" },
      { unitDeadlineWorkingDays: -1 },
      { wardDeadlineWorkingDays: 31 },
      { wardDeadlineWorkingDays: 1.5 },
      { unitDeadlineWorkingDays: 3, wardDeadlineWorkingDays: 2 },
    ]) {
      const rules = { ...DEFAULT_REPORTING_RULES, quarterly: { ...DEFAULT_REPORTING_RULES.quarterly, ...rule } };
      expect(reportingRulesSchema.safeParse(rules).success, JSON.stringify(rule)).toBe(false);
    }
    const { monthly: _monthly, ...withoutMonthly } = DEFAULT_REPORTING_RULES;
    expect(reportingRulesSchema.safeParse(withoutMonthly).success).toBe(false);
    const late = reportingRulesSchema.safeParse(rulesOf({ unitDeadlineWorkingDays: 3, wardDeadlineWorkingDays: 2 }));
    expect(late.error?.issues[0]?.message).toMatch(/không được sớm hơn/);
  });

  it("lists every periodic kind once", () => {
    expect([...PERIODIC_REPORT_KINDS].sort()).toEqual(Object.keys(DEFAULT_REPORTING_RULES).sort());
    expect(new Set(PERIODIC_REPORT_KINDS).size).toBe(5);
  });
});

describe("properties", () => {
  const FIRST_DAY = "2000-01-01";
  // To 2099-12-01, so every date's period and the one after it stay within the years 2000–2100.
  const DAYS = daysBetween(FIRST_DAY, "2099-12-01");
  const dateArb = fc.integer({ min: 0, max: DAYS }).map((offset) => addDays(FIRST_DAY, offset));
  const rulesArb = fc
    .record({
      cutoffDay: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constant("end" as const)),
      unitDeadlineWorkingDays: fc.integer({ min: 0, max: 5 }),
      extra: fc.integer({ min: 0, max: 5 }),
    })
    .map(({ cutoffDay, unitDeadlineWorkingDays, extra }) =>
      rulesOf({ cutoffDay, unitDeadlineWorkingDays, wardDeadlineWorkingDays: unitDeadlineWorkingDays + extra }),
    );
  const tiling = ["monthly", "quarterly", "annual"] as const;

  it("monthly, quarterly and annual windows hold every date and follow each other without gap or overlap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tiling),
        dateArb,
        fc.oneof(fc.constant(DEFAULT_REPORTING_RULES), rulesArb),
        (kind, date, rules) => {
          const code = reportPeriodContaining(kind, date, rules);
          const window = reportWindow(code, rules);
          expect(window.start <= date && date <= window.end).toBe(true);
          expect(reportWindow(nextReportPeriod(code), rules).start).toBe(addDays(window.end, 1));
          expect(reportPeriodContaining(kind, window.start, rules)).toBe(code);
        },
      ),
    );
  });

  it("six- and nine-month windows hold the dates they contain, and throw only for dates between two windows", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("six_month" as const, "nine_month" as const),
        dateArb,
        rulesArb,
        (kind, date, rules) => {
          const suffix = kind === "six_month" ? "H1" : "9M";
          const year = Number(date.slice(0, 4));
          const thisYear = reportWindow(`${year}-${suffix}`, rules);
          const nextYear = reportWindow(`${year + 1}-${suffix}`, rules);
          expect(nextYear.start > thisYear.end).toBe(true);
          const inWindow = (thisYear.start <= date && date <= thisYear.end) || nextYear.start <= date;
          if (inWindow) {
            const window = reportWindow(reportPeriodContaining(kind, date, rules), rules);
            expect(window.start <= date && date <= window.end).toBe(true);
          } else {
            expect(() => reportPeriodContaining(kind, date, rules)).toThrow(RangeError);
          }
        },
      ),
    );
  });

  it("lists exactly the periods ending in a range", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIODIC_REPORT_KINDS),
        fc.integer({ min: 400, max: DAYS - 1200 }),
        fc.integer({ min: 0, max: 800 }),
        rulesArb,
        (kind, offset, length, rules) => {
          const from = addDays(FIRST_DAY, offset);
          const to = addDays(from, length);
          const codes = reportPeriodsEndingBetween(kind, from, to, rules);
          const ends = codes.map((code) => reportWindow(code, rules).end);
          expect(ends.every((end) => from <= end && end <= to)).toBe(true);
          expect([...ends].sort()).toEqual(ends);
          // Nothing left out: the period before the first (or before `from`) ends earlier, the one after ends later.
          const before = reportPeriodsEndingBetween(kind, addDays(from, -400), addDays(from, -1), rules);
          const last = codes.at(-1) ?? before.at(-1);
          if (last) expect(reportWindow(nextReportPeriod(last), rules).end > to).toBe(true);
        },
      ),
    );
  });

  it("deadlines are working days, the given number of working days after the cut-off", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIODIC_REPORT_KINDS),
        fc.integer({ min: 2024, max: 2031 }),
        rulesArb,
        (kind, year, rules) => {
          const code = reportPeriodsEndingBetween(kind, `${year}-01-01`, `${year}-12-31`, rules)[0];
          if (!code) return;
          const { end } = reportWindow(code, rules);
          const { unit, ward } = reportDeadlines(code, rules);
          expect(isWorkingDay(unit) && isWorkingDay(ward)).toBe(true);
          expect(unit <= ward).toBe(true);
          const { unitDeadlineWorkingDays: unitDays, wardDeadlineWorkingDays: wardDays } = rules[kind];
          if (unitDays > 0) expect(workingDaysBetween(end, unit)).toBe(unitDays);
          if (wardDays > 0) expect(workingDaysBetween(end, ward)).toBe(wardDays);
        },
      ),
    );
  });
});
