import { describe, expect, it } from "vitest";
import { openPeriodSchema, periodicReportKindSchema, reportPeriodCodeSchema } from "@phuong-xanh/shared";
import { buildPeriodCode, currentIndex, periodIndexes } from "./period-code";

describe("buildPeriodCode", () => {
  it("builds the code of each periodic kind", () => {
    expect(buildPeriodCode("quarterly", 2026, "Q4")).toBe("2026-Q4");
    expect(buildPeriodCode("monthly", 2026, "11")).toBe("2026-11");
    expect(buildPeriodCode("six_month", 2026)).toBe("2026-H1");
    expect(buildPeriodCode("nine_month", 2026, undefined)).toBe("2026-9M");
    expect(buildPeriodCode("annual", 2026, "Q4")).toBe("2026");
  });

  it("gives nothing while the choice is incomplete or foreign to the kind", () => {
    expect(buildPeriodCode("quarterly", 2026)).toBeUndefined();
    expect(buildPeriodCode("quarterly", 2026, "11")).toBeUndefined();
    expect(buildPeriodCode("monthly", 2026, "Q1")).toBeUndefined();
    expect(buildPeriodCode("monthly", null, "01")).toBeUndefined();
    expect(buildPeriodCode("annual", 2026.5)).toBeUndefined();
  });

  it("only builds codes the server's schema takes", () => {
    for (const kind of periodicReportKindSchema.options) {
      const indexes = periodIndexes(kind);
      for (const index of indexes.length > 0 ? indexes : [undefined]) {
        const code = buildPeriodCode(kind, 2027, index);
        expect(code, `${kind} ${index}`).toBeDefined();
        expect(reportPeriodCodeSchema.safeParse(code).success, code).toBe(true);
        expect(openPeriodSchema.safeParse({ code }).success, code).toBe(true);
      }
    }
  });
});

describe("currentIndex", () => {
  it("guesses the month or quarter today falls in", () => {
    expect(currentIndex("monthly", "2026-11-20")).toBe("11");
    expect(currentIndex("monthly", "2026-01-01")).toBe("01");
    expect(currentIndex("quarterly", "2026-03-31")).toBe("Q1");
    expect(currentIndex("quarterly", "2026-10-01")).toBe("Q4");
    expect(currentIndex("six_month", "2026-10-01")).toBe("H1");
    expect(currentIndex("annual", "2026-10-01")).toBeUndefined();
  });
});
