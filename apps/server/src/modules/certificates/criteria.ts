import type { CertificateState, CriteriaCheck, CriterionResult, DiaryStep } from "@phuong-xanh/shared";

/**
 * Đối chiếu tiêu chí sản phẩm xanh: the ward's criteria against what the registry and the diary
 * say of one season. Pure: the service gathers the facts, this decides, criterion by criterion.
 */

export type CriteriaSet = {
  requireCompleteDiary: boolean;
  requireNoBurning: boolean;
  requireCertifiedPlot: boolean;
  maxKgCo2ePerKg: number | null;
  minPercentBelowBaseline: number | null;
  baselineKgCo2ePerKg: number | null;
  version: number;
};

export type SeasonFacts = {
  missingSteps: DiaryStep[];
  /** Days the straw was recorded as burnt. */
  burntOn: string[];
  /** The last harvest recorded, if any. */
  harvestedOn: string | null;
  /** The number of the plot's certificate valid on the harvest day, if any. */
  certificationOnHarvest: string | null;
  kgCo2ePerKg: number | null;
  factorSet: string | null;
};

const STEP_LABELS: Record<DiaryStep, string> = {
  planting: "gieo/cấy",
  irrigation: "chế độ nước",
  harvest: "thu hoạch",
  residue: "xử lý rơm rạ",
};

const number = (value: number) => value.toLocaleString("vi-VN", { maximumFractionDigits: 3 });
const day = (iso: string) => iso.split("-").reverse().join("/");

export function evaluateCriteria(criteria: CriteriaSet, facts: SeasonFacts, checkedOn: string): CriteriaCheck {
  const results: CriterionResult[] = [];
  if (criteria.requireCompleteDiary)
    results.push({
      key: "complete_diary",
      label: "Nhật ký sản xuất đầy đủ",
      passed: facts.missingSteps.length === 0,
      detail: facts.missingSteps.length
        ? `Còn thiếu: ${facts.missingSteps.map((s) => STEP_LABELS[s]).join(", ")}`
        : "Đủ gieo/cấy, chế độ nước, thu hoạch, xử lý rơm rạ",
    });
  if (criteria.requireNoBurning)
    results.push({
      key: "no_burning",
      label: "Không đốt rơm rạ",
      passed: facts.burntOn.length === 0,
      detail: facts.burntOn.length
        ? `Nhật ký ghi đốt rơm rạ ngày ${facts.burntOn.map(day).join(", ")}`
        : "Nhật ký không ghi đốt rơm rạ",
    });
  if (criteria.requireCertifiedPlot)
    results.push({
      key: "certified_plot",
      label: "Thửa có chứng nhận VietGAP/hữu cơ còn hiệu lực khi thu hoạch",
      passed: facts.certificationOnHarvest !== null,
      detail:
        facts.harvestedOn === null
          ? "Chưa ghi thu hoạch"
          : facts.certificationOnHarvest
            ? `Chứng nhận ${facts.certificationOnHarvest} còn hiệu lực ngày ${day(facts.harvestedOn)}`
            : `Không có chứng nhận còn hiệu lực ngày ${day(facts.harvestedOn)}`,
    });
  const footprint = facts.kgCo2ePerKg;
  const noFootprint = "Chưa tính được dấu chân carbon trên kg (nhật ký chưa đủ hoặc chưa ghi sản lượng)";
  if (criteria.maxKgCo2ePerKg !== null) {
    const max = criteria.maxKgCo2ePerKg;
    results.push({
      key: "footprint_threshold",
      label: `Dấu chân carbon không quá ${number(max)} kg CO2e/kg`,
      passed: footprint !== null && footprint <= max,
      detail: footprint === null ? noFootprint : `${number(footprint)} kg CO2e/kg`,
    });
  }
  if (criteria.minPercentBelowBaseline !== null && criteria.baselineKgCo2ePerKg !== null) {
    const baseline = criteria.baselineKgCo2ePerKg;
    const limit = baseline * (1 - criteria.minPercentBelowBaseline / 100);
    results.push({
      key: "footprint_baseline",
      label: `Thấp hơn mức nền ${number(baseline)} kg CO2e/kg ít nhất ${number(criteria.minPercentBelowBaseline)}%`,
      passed: footprint !== null && footprint <= limit + 1e-9,
      detail:
        footprint === null
          ? noFootprint
          : `${number(footprint)} kg CO2e/kg, thấp hơn mức nền ${number(Math.round((1 - footprint / baseline) * 1000) / 10)}%`,
    });
  }
  return {
    criteriaVersion: criteria.version,
    checkedOn,
    harvestedOn: facts.harvestedOn,
    kgCo2ePerKg: footprint,
    factorSet: facts.factorSet,
    results,
    allPassed: results.every((r) => r.passed),
  };
}

/** The day before the same date `months` later (a 12-month certificate of 2026-03-15 ends 2027-03-14). */
export function validUntilOf(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

/** Còn hiệu lực, hết hiệu lực (by the date) or đã thu hồi. */
export function certificateState(c: { status: string; validUntil: string }, today: string): CertificateState {
  if (c.status === "revoked") return "revoked";
  return today > c.validUntil ? "expired" : "valid";
}
