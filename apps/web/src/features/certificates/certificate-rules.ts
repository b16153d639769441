import {
  PLAN_MANAGERS,
  type CertificateApplication,
  type CriterionResult,
  type CurrentUser,
  type GreenCriteria,
  type SaveGreenCriteria,
} from "@phuong-xanh/shared";

/**
 * Who keeps the certificates, as the server decides it (certificates/policy.ts: the keepers of
 * the farm registry): the plan managers and the unit owning the GAP indicator, Phòng Kinh tế.
 * The menu only spares others a page the API would refuse.
 */
export const AGRICULTURE_UNIT_CODE = "kinh-te";

export function canKeepCertificates(user: Pick<CurrentUser, "role" | "unit">): boolean {
  return (
    PLAN_MANAGERS.includes(user.role) || (user.role === "unit_officer" && user.unit?.code === AGRICULTURE_UNIT_CODE)
  );
}

/** A submitted application is decided once: approved (certificate issued) or rejected. */
export function isUndecided(application: Pick<CertificateApplication, "status">): boolean {
  return application.status === "submitted";
}

/** Issuing needs every criterion met (the server checks again, in the same transaction). */
export function canIssue(application: Pick<CertificateApplication, "status" | "check">): boolean {
  return isUndecided(application) && application.check?.allPassed === true;
}

/** The criteria a season failed, in the order they were checked. */
export function failedCriteria(application: Pick<CertificateApplication, "check">): CriterionResult[] {
  return application.check?.results.filter((result) => !result.passed) ?? [];
}

/** The criteria form: the threshold fields may be left empty (null), as antd's InputNumber leaves them. */
export type CriteriaValues = {
  requireCompleteDiary: boolean;
  requireNoBurning: boolean;
  requireCertifiedPlot: boolean;
  maxKgCo2ePerKg: number | null | undefined;
  minPercentBelowBaseline: number | null | undefined;
  baselineKgCo2ePerKg: number | null | undefined;
  validityMonths: number | null | undefined;
};

/** What the form starts with: the ward's criteria, or a strict default when none are set yet. */
export function criteriaValues(criteria: GreenCriteria | null): CriteriaValues {
  if (!criteria)
    return {
      requireCompleteDiary: true,
      requireNoBurning: true,
      requireCertifiedPlot: true,
      maxKgCo2ePerKg: null,
      minPercentBelowBaseline: null,
      baselineKgCo2ePerKg: null,
      validityMonths: 24,
    };
  return {
    requireCompleteDiary: criteria.requireCompleteDiary,
    requireNoBurning: criteria.requireNoBurning,
    requireCertifiedPlot: criteria.requireCertifiedPlot,
    maxKgCo2ePerKg: criteria.maxKgCo2ePerKg,
    minPercentBelowBaseline: criteria.minPercentBelowBaseline,
    baselineKgCo2ePerKg: criteria.baselineKgCo2ePerKg,
    validityMonths: criteria.validityMonths,
  };
}

/**
 * The body to check with the shared schema and send: empty numbers are null, and the version
 * the form was opened with rides along (none for the ward's first criteria).
 */
export function criteriaBody(
  values: CriteriaValues,
  criteria: GreenCriteria | null,
): Record<keyof SaveGreenCriteria, unknown> {
  return {
    requireCompleteDiary: values.requireCompleteDiary,
    requireNoBurning: values.requireNoBurning,
    requireCertifiedPlot: values.requireCertifiedPlot,
    maxKgCo2ePerKg: values.maxKgCo2ePerKg ?? null,
    minPercentBelowBaseline: values.minPercentBelowBaseline ?? null,
    baselineKgCo2ePerKg: values.baselineKgCo2ePerKg ?? null,
    validityMonths: values.validityMonths ?? undefined,
    version: criteria?.version,
  };
}

/** "★★★★☆" for 4 of 5 stars (the words, "4 sao", go beside it for screen readers). */
export function starsText(stars: number): string {
  const full = Math.max(0, Math.min(5, Math.round(stars)));
  return "★".repeat(full) + "☆".repeat(5 - full);
}
