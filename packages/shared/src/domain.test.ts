import { describe, expect, it } from "vitest";
import { foldVietnamese } from "./text.js";
import {
  formatDateVi,
  parseDateVi,
  periodEnd,
  periodLabel,
  periodOf,
  periodsBetween,
  previousPeriod,
} from "./periods.js";
import { aggregateWardValue, indicatorStatus } from "./indicator-status.js";
import { rollUpProgress, timelinessOf } from "./task-progress.js";

describe("foldVietnamese", () => {
  it("drops tones and marks, maps đ, lower-cases", () => {
    expect(foldVietnamese("Nước SẠCH")).toBe("nuoc sach");
    expect(foldVietnamese("Đốt rơm rạ")).toBe("dot rom ra");
    expect(foldVietnamese("Trường   học  xanh")).toBe("truong hoc xanh");
  });
});

describe("periods", () => {
  it("knows each frequency's period of a date, its end and its label", () => {
    expect(periodOf("quarterly", "2026-05-14")).toBe("2026-Q2");
    expect(periodEnd("2026-Q2")).toBe("2026-06-30");
    expect(periodEnd("2028-02")).toBe("2028-02-29");
    expect(periodEnd("2026-H2")).toBe("2026-12-31");
    expect(periodLabel("2026-Q2")).toBe("Quý II/2026");
    expect(periodLabel("2026-H1")).toBe("6 tháng đầu năm 2026");
    expect(periodLabel("2026-05")).toBe("Tháng 05/2026");
    expect(previousPeriod("2026-Q1")).toBe("2025-Q4");
    expect(periodsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("reads and writes dd/mm/yyyy", () => {
    expect(formatDateVi("2026-04-05")).toBe("05/04/2026");
    expect(parseDateVi("5/4/2026")).toBe("2026-04-05");
    expect(parseDateVi("31/02/2026")).toBeUndefined();
    expect(parseDateVi("2026-12-15")).toBe("2026-12-15");
  });
});

describe("indicator status against the trajectory", () => {
  const gap = {
    direction: "increase" as const,
    baselineValue: 5,
    baselineYear: 2025,
    targetValue: 20,
    targetYear: 2030,
  };
  it("rates on track, at risk and off track by the lag behind the straight line", () => {
    // End of 2027: half of 2025-2030 elapsed → expected 12.5; tolerance 1.5.
    expect(indicatorStatus({ ...gap, latest: { value: 13, periodEnd: "2027-12-31" } })).toBe("on_track");
    expect(indicatorStatus({ ...gap, latest: { value: 11.5, periodEnd: "2027-12-31" } })).toBe("at_risk");
    expect(indicatorStatus({ ...gap, latest: { value: 8, periodEnd: "2027-12-31" } })).toBe("off_track");
    expect(indicatorStatus({ ...gap, latest: { value: 21, periodEnd: "2027-12-31" } })).toBe("achieved");
    expect(indicatorStatus({ ...gap, latest: null })).toBe("no_data");
    expect(indicatorStatus({ ...gap, baselineValue: null, latest: { value: 8, periodEnd: "2027-12-31" } })).toBe(
      "no_baseline",
    );
  });
  it("treats a decreasing target the other way round", () => {
    const straw = {
      direction: "decrease" as const,
      baselineValue: 20,
      baselineYear: 2025,
      targetValue: 0,
      targetYear: 2030,
    };
    expect(indicatorStatus({ ...straw, latest: { value: 9, periodEnd: "2027-12-31" } })).toBe("on_track");
    expect(indicatorStatus({ ...straw, latest: { value: 16, periodEnd: "2027-12-31" } })).toBe("off_track");
  });
  it("aggregates a period by the indicator's rule", () => {
    const period = { wardValue: null, sum: 30, numeratorSum: 15, denominatorSum: 60, latestValue: 7 };
    expect(aggregateWardValue("sum", period)).toBe(30);
    expect(aggregateWardValue("ratio_of_sums", period)).toBe(25);
    expect(aggregateWardValue("latest", period)).toBe(7);
    expect(aggregateWardValue("sum", { ...period, wardValue: 42 })).toBe(42);
  });
});

describe("task progress and timeliness", () => {
  it("rolls children up by weight, leaving out cancelled work", () => {
    expect(
      rollUpProgress([
        { progress: 100, weight: 1, excluded: false },
        { progress: 0, weight: 3, excluded: false },
      ]),
    ).toBe(25);
    expect(
      rollUpProgress([
        { progress: 80, weight: 1, excluded: false },
        { progress: 0, weight: 1, excluded: true },
      ]),
    ).toBe(80);
  });
  it("tells late, due soon and update due", () => {
    const base = { recurrence: "none" as const, isClosed: false, lastUpdateOn: null, trackedSince: "2026-11-01" };
    expect(timelinessOf({ ...base, deadline: "2026-11-27" }, "2026-11-28")).toBe("overdue");
    expect(timelinessOf({ ...base, deadline: "2026-12-05" }, "2026-11-28")).toBe("due_soon");
    expect(timelinessOf({ ...base, deadline: "2027-03-01" }, "2026-11-28")).toBe("on_time");
    expect(timelinessOf({ ...base, deadline: "2026-11-27", isClosed: true }, "2026-11-28")).toBe("closed");
    expect(
      timelinessOf({ ...base, deadline: null, recurrence: "quarterly", trackedSince: "2026-06-01" }, "2026-11-28"),
    ).toBe("update_due");
    expect(
      timelinessOf(
        { ...base, deadline: null, recurrence: "quarterly", lastUpdateOn: "2026-11-01", trackedSince: "2026-06-01" },
        "2026-11-28",
      ),
    ).toBe("on_time");
  });
});
