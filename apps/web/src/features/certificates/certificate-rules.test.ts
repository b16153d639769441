import { describe, expect, it } from "vitest";
import { saveGreenCriteriaSchema, type CertificateApplication, type GreenCriteria } from "@phuong-xanh/shared";
import {
  canIssue,
  canKeepCertificates,
  criteriaBody,
  criteriaValues,
  failedCriteria,
  isUndecided,
  starsText,
} from "./certificate-rules";

const unit = (code: string) => ({ id: "00000000-0000-4000-8000-000000000001", code, name: code, shortName: code });

const check = (passed: boolean[]): CertificateApplication["check"] => ({
  criteriaVersion: 1,
  checkedOn: "2026-11-02",
  harvestedOn: "2026-10-20",
  kgCo2ePerKg: 0.9,
  factorSet: "IPCC 2019",
  results: passed.map((p, i) => ({
    key: (["complete_diary", "no_burning", "certified_plot"] as const)[i % 3] ?? "complete_diary",
    label: `Tiêu chí ${i + 1}`,
    passed: p,
    detail: p ? "Đạt" : "Không đạt",
  })),
  allPassed: passed.every(Boolean),
});

const criteria: GreenCriteria = {
  requireCompleteDiary: true,
  requireNoBurning: false,
  requireCertifiedPlot: true,
  maxKgCo2ePerKg: null,
  minPercentBelowBaseline: 20,
  baselineKgCo2ePerKg: 1.6,
  validityMonths: 24,
  updatedAt: "2026-11-01T00:00:00Z",
  version: 3,
};

describe("who keeps the certificates", () => {
  it("is the plan managers and Phòng Kinh tế, not another unit or the city", () => {
    expect(canKeepCertificates({ role: "office", unit: null })).toBe(true);
    expect(canKeepCertificates({ role: "unit_officer", unit: unit("kinh-te") })).toBe(true);
    expect(canKeepCertificates({ role: "unit_officer", unit: unit("vhxh") })).toBe(false);
    expect(canKeepCertificates({ role: "city", unit: null })).toBe(false);
  });
});

describe("an application's review", () => {
  it("issues only a waiting application that meets every criterion", () => {
    expect(canIssue({ status: "submitted", check: check([true, true, true]) })).toBe(true);
    expect(canIssue({ status: "submitted", check: check([true, false, true]) })).toBe(false);
    expect(canIssue({ status: "submitted", check: null })).toBe(false);
    expect(canIssue({ status: "approved", check: check([true, true, true]) })).toBe(false);
    expect(isUndecided({ status: "rejected" })).toBe(false);
  });

  it("names the criteria that failed", () => {
    expect(failedCriteria({ check: check([true, false, false]) }).map((r) => r.label)).toEqual([
      "Tiêu chí 2",
      "Tiêu chí 3",
    ]);
    expect(failedCriteria({ check: null })).toEqual([]);
  });
});

describe("the criteria form", () => {
  it("sends what the shared schema accepts, with the version it was opened with", () => {
    const body = criteriaBody(criteriaValues(criteria), criteria);
    const parsed = saveGreenCriteriaSchema.parse(body);
    expect(parsed).toMatchObject({ minPercentBelowBaseline: 20, baselineKgCo2ePerKg: 1.6, version: 3 });
  });

  it("starts the ward's first criteria strict, with no version, and refuses it without a threshold", () => {
    const body = criteriaBody({ ...criteriaValues(null), maxKgCo2ePerKg: undefined }, null);
    expect(body.version).toBeUndefined();
    expect(body.maxKgCo2ePerKg).toBeNull();
    const parsed = saveGreenCriteriaSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("maxKgCo2ePerKg");
  });
});

describe("stars", () => {
  it("draws the rating out of five", () => {
    expect(starsText(4)).toBe("★★★★☆");
    expect(starsText(5)).toBe("★★★★★");
    expect(starsText(9)).toBe("★★★★★");
  });
});
