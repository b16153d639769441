import { z } from "zod";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";
import { publicQuerySchema } from "./public-plan.js";

/**
 * Chứng nhận sản phẩm xanh và sản phẩm OCOP (issue 9 item 5). Phòng Kinh tế sets the ward's
 * criteria, reviews a producer's application for a season against them and issues a numbered
 * certificate whose QR code opens a public verification page (valid, expired or revoked).
 */

/** Tiêu chí sản phẩm xanh: the ward's one current set, edited in versions. */
export const saveGreenCriteriaSchema = z
  .strictObject({
    /** Nhật ký sản xuất đầy đủ: planting, water regime, harvest and straw recorded. */
    requireCompleteDiary: z.boolean(),
    /** Không đốt rơm rạ. */
    requireNoBurning: z.boolean(),
    /** Thửa có chứng nhận VietGAP/hữu cơ còn hiệu lực vào ngày thu hoạch. */
    requireCertifiedPlot: z.boolean(),
    /** Dấu chân carbon tối đa, kg CO2e trên kg sản phẩm. */
    maxKgCo2ePerKg: z.number().gt(0, "Ngưỡng phải lớn hơn 0").max(100, "Ngưỡng quá lớn").nullable().default(null),
    /** Thấp hơn mức nền của phường ít nhất bao nhiêu %. */
    minPercentBelowBaseline: z.number().min(0).max(100, "Tối đa 100%").nullable().default(null),
    /** Mức nền của phường, kg CO2e/kg. */
    baselineKgCo2ePerKg: z.number().gt(0, "Mức nền phải lớn hơn 0").max(100).nullable().default(null),
    /** Thời hạn của giấy chứng nhận, tháng. */
    validityMonths: z.number().int().min(1, "Ít nhất 1 tháng").max(60, "Tối đa 60 tháng"),
    version: versionSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.maxKgCo2ePerKg === null && value.minPercentBelowBaseline === null)
      ctx.addIssue({
        code: "custom",
        path: ["maxKgCo2ePerKg"],
        message: "Đặt ngưỡng dấu chân carbon hoặc mức giảm so với mức nền",
      });
    if (value.minPercentBelowBaseline !== null && value.baselineKgCo2ePerKg === null)
      ctx.addIssue({ code: "custom", path: ["baselineKgCo2ePerKg"], message: "Nhập mức nền của phường" });
  });
export type SaveGreenCriteria = z.infer<typeof saveGreenCriteriaSchema>;

export const greenCriteriaSchema = z.object({
  requireCompleteDiary: z.boolean(),
  requireNoBurning: z.boolean(),
  requireCertifiedPlot: z.boolean(),
  maxKgCo2ePerKg: z.number().nullable(),
  minPercentBelowBaseline: z.number().nullable(),
  baselineKgCo2ePerKg: z.number().nullable(),
  validityMonths: z.number().int(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type GreenCriteria = z.infer<typeof greenCriteriaSchema>;

export const CRITERION_KEYS = [
  "complete_diary",
  "no_burning",
  "certified_plot",
  "footprint_threshold",
  "footprint_baseline",
] as const;
export type CriterionKey = (typeof CRITERION_KEYS)[number];

/** One criterion as checked against a season: what was required, what was found. */
export const criterionResultSchema = z.object({
  key: z.enum(CRITERION_KEYS),
  /** Vietnamese, for people: "Nhật ký sản xuất đầy đủ". */
  label: z.string(),
  passed: z.boolean(),
  /** What was found: "Thiếu: thu hoạch, xử lý rơm rạ". */
  detail: z.string(),
});
export type CriterionResult = z.infer<typeof criterionResultSchema>;

export const criteriaCheckSchema = z.object({
  criteriaVersion: z.number().int(),
  checkedOn: z.string(),
  harvestedOn: z.string().nullable(),
  kgCo2ePerKg: z.number().nullable(),
  factorSet: z.string().nullable(),
  results: z.array(criterionResultSchema),
  allPassed: z.boolean(),
});
export type CriteriaCheck = z.infer<typeof criteriaCheckSchema>;

export const APPLICATION_STATUSES = ["submitted", "approved", "rejected"] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const applyForCertificateSchema = z.strictObject({
  seasonId: z.uuid(),
  /** Tên sản phẩm: "Gạo Bắc thơm số 7 Việt Hòa". */
  productName: boundedText({ min: 2, max: 200 }),
});
export type ApplyForCertificate = z.infer<typeof applyForCertificateSchema>;

export const approveApplicationSchema = z.strictObject({
  version: versionSchema,
  note: z
    .preprocess((v) => (v === "" ? null : v), boundedText({ max: 1000, multiline: true }).nullable())
    .default(null),
});
export const rejectApplicationSchema = z.strictObject({
  version: versionSchema,
  note: boundedText({ min: 3, max: 1000, multiline: true }),
});

export const certificateApplicationSchema = z.object({
  id: z.uuid(),
  seasonId: z.uuid(),
  seasonName: z.string(),
  crop: z.string(),
  farmId: z.uuid(),
  farmName: z.string(),
  plotName: z.string(),
  productName: z.string(),
  status: applicationStatusSchema,
  /** The check as stored at review; for a submitted application, as the season stands now. */
  check: criteriaCheckSchema.nullable(),
  note: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  submittedAt: z.string(),
  version: z.number().int(),
});
export type CertificateApplication = z.infer<typeof certificateApplicationSchema>;

/** A season an application may be made for: no open or approved application yet. */
export const eligibleSeasonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  crop: z.string(),
  farmName: z.string(),
  plotName: z.string(),
});
export type EligibleSeason = z.infer<typeof eligibleSeasonSchema>;

/** Số chứng nhận: CNX-2026-0001, numbered per ward and year. */
export const certificateNumberSchema = z
  .string()
  .regex(/^CNX-\d{4}-\d{4,6}$/, "Số chứng nhận không hợp lệ (ví dụ CNX-2026-0001)");
export const certificateNumberParamsSchema = z.object({ number: certificateNumberSchema });

export const CERTIFICATE_STATES = ["valid", "expired", "revoked"] as const;
export const certificateStateSchema = z.enum(CERTIFICATE_STATES);
export type CertificateState = z.infer<typeof certificateStateSchema>;

export const greenCertificateSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  productName: z.string(),
  farmId: z.uuid(),
  farmName: z.string(),
  seasonName: z.string(),
  crop: z.string(),
  kgCo2ePerKg: z.number().nullable(),
  factorSet: z.string().nullable(),
  issuedOn: z.string(),
  validUntil: z.string(),
  state: certificateStateSchema,
  revokedOn: z.string().nullable(),
  revokedReason: z.string().nullable(),
  /** The public page the QR code opens (a path: /chung-nhan/CNX-2026-0001?ward=viet-hoa). */
  publicPath: z.string(),
  version: z.number().int(),
});
export type GreenCertificate = z.infer<typeof greenCertificateSchema>;

export const revokeCertificateSchema = z.strictObject({
  reason: boundedText({ min: 3, max: 500 }),
  version: versionSchema,
});
export type RevokeCertificate = z.infer<typeof revokeCertificateSchema>;

/** What anyone sees on the verification page: the certificate, never a person's data. */
export const publicCertificateSchema = z.object({
  number: z.string(),
  state: certificateStateSchema,
  productName: z.string(),
  /** The farm's name only (no representative, phone or address). */
  producer: z.string(),
  seasonName: z.string(),
  crop: z.string(),
  kgCo2ePerKg: z.number().nullable(),
  factorSet: z.string().nullable(),
  issuedOn: z.string(),
  validUntil: z.string(),
  revokedOn: z.string().nullable(),
  revokedReason: z.string().nullable(),
  ward: z.object({ code: z.string(), name: z.string() }),
});
export type PublicCertificate = z.infer<typeof publicCertificateSchema>;
export const publicCertificateQuerySchema = publicQuerySchema.pick({ ward: true });

/** Sản phẩm OCOP (Chương trình Mỗi xã một sản phẩm, QĐ 148/QĐ-TTg 2023): 3 to 5 stars at ward level and up. */
export const saveOcopProductSchema = z.strictObject({
  farmId: z.uuid(),
  productName: boundedText({ min: 2, max: 200 }),
  stars: z.number().int().min(3, "Sản phẩm OCOP từ 3 đến 5 sao").max(5, "Sản phẩm OCOP từ 3 đến 5 sao"),
  year: z.number().int().min(2018, "Năm từ 2018").max(2100),
  /** Số quyết định công nhận. */
  decisionNumber: boundedText({ min: 1, max: 100 }),
  decidedOn: boundedDateSchema.nullable().default(null),
  version: versionSchema.optional(),
});
export type SaveOcopProduct = z.infer<typeof saveOcopProductSchema>;

export const ocopProductSchema = z.object({
  id: z.uuid(),
  farmId: z.uuid(),
  farmName: z.string(),
  productName: z.string(),
  stars: z.number().int(),
  year: z.number().int(),
  decisionNumber: z.string(),
  decidedOn: z.string().nullable(),
  version: z.number().int(),
});
export type OcopProduct = z.infer<typeof ocopProductSchema>;
