import { z } from "zod";
import { newPasswordSchema, usernameSchema } from "./auth.js";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";

/**
 * Nông nghiệp xanh (issue 9): the registry of farms, their plots and the plots' certifications,
 * from which "≥ 20% of cultivated area at GAP/organic" is computed per residential group.
 */

export const FARM_KINDS = ["household", "cooperative", "enterprise"] as const;
export const farmKindSchema = z.enum(FARM_KINDS);
export type FarmKind = z.infer<typeof farmKindSchema>;

export const CERTIFICATION_SCHEMES = ["vietgap", "organic", "other_gap"] as const;
export const certificationSchemeSchema = z.enum(CERTIFICATION_SCHEMES);
export type CertificationScheme = z.infer<typeof certificationSchemeSchema>;

const optionalText = (max: number) => z.preprocess((v) => (v === "" ? null : v), boundedText({ max }).nullable());
const phoneSchema = z.preprocess(
  (v) => (v === "" ? null : v),
  z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{8,20}$/, "Số điện thoại không hợp lệ")
    .nullable(),
);

export const saveFarmSchema = z.strictObject({
  kind: farmKindSchema,
  name: boundedText({ min: 2, max: 200 }),
  representative: optionalText(120).default(null),
  phone: phoneSchema.default(null),
  /** The residential group's code (tổ dân phố). */
  residentialGroup: z.string().max(80).nullable().default(null),
  address: optionalText(300).default(null),
  /** The producer agreed that an extension officer may keep the diary for them. */
  proxyConsent: z.boolean().default(false),
  active: z.boolean().default(true),
  /** The version the editor saw (absent when creating). */
  version: versionSchema.optional(),
});
export type SaveFarm = z.infer<typeof saveFarmSchema>;

export const farmSchema = z.object({
  id: z.uuid(),
  kind: farmKindSchema,
  name: z.string(),
  representative: z.string().nullable(),
  phone: z.string().nullable(),
  residentialGroup: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  address: z.string().nullable(),
  proxyConsentAt: z.string().nullable(),
  hasAccount: z.boolean(),
  active: z.boolean(),
  plots: z.number().int(),
  areaHa: z.number(),
  certifiedAreaHa: z.number(),
  version: z.number().int(),
});
export type Farm = z.infer<typeof farmSchema>;

/**
 * Opening a farm's own account, so the producer keeps its diary itself. The password is the first
 * one, handed to the producer, who changes it on their profile.
 */
export const openFarmAccountSchema = z.strictObject({
  username: usernameSchema,
  /** Shown as who wrote an entry; the farm's representative (or its name) when absent. */
  displayName: boundedText({ min: 1, max: 200 }).optional(),
  password: newPasswordSchema,
});
export type OpenFarmAccount = z.infer<typeof openFarmAccountSchema>;

const polygonSchema = z.object({
  type: z.literal("Polygon"),
  coordinates: z
    .array(
      z
        .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
        .min(4, "Một vòng ranh giới cần ít nhất 4 điểm (điểm cuối trùng điểm đầu)")
        .max(2000),
    )
    .min(1)
    .max(20),
});

export const savePlotSchema = z
  .strictObject({
    farmId: z.uuid(),
    name: boundedText({ min: 1, max: 200 }),
    areaHa: z.number().gt(0, "Diện tích phải lớn hơn 0").max(100_000, "Diện tích quá lớn"),
    residentialGroup: z.string().min(1, "Chọn tổ dân phố").max(80),
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
    outline: polygonSchema.nullable().default(null),
    crop: boundedText({ min: 1, max: 100 }),
    active: z.boolean().default(true),
    version: versionSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.latitude === null) !== (value.longitude === null))
      ctx.addIssue({ code: "custom", path: ["latitude"], message: "Vị trí cần cả vĩ độ và kinh độ" });
  });
export type SavePlot = z.infer<typeof savePlotSchema>;

export const saveCertificationSchema = z
  .strictObject({
    scheme: certificationSchemeSchema,
    certificateNumber: boundedText({ min: 1, max: 100 }),
    issuer: boundedText({ min: 2, max: 200 }),
    validFrom: boundedDateSchema,
    validUntil: boundedDateSchema,
    version: versionSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.validUntil < value.validFrom)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "Ngày hết hạn phải sau ngày cấp" });
  });
export type SaveCertification = z.infer<typeof saveCertificationSchema>;

export const withdrawCertificationSchema = z.strictObject({
  withdrawnOn: boundedDateSchema,
  reason: boundedText({ min: 3, max: 500 }),
  version: versionSchema,
});

export const certificationSchema = z.object({
  id: z.uuid(),
  scheme: certificationSchemeSchema,
  certificateNumber: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  /** Counts today: within its validity and not withdrawn. */
  valid: z.boolean(),
  version: z.number().int(),
});
export type Certification = z.infer<typeof certificationSchema>;

export const plotSchema = z.object({
  id: z.uuid(),
  farmId: z.uuid(),
  farmName: z.string(),
  name: z.string(),
  areaHa: z.number(),
  residentialGroup: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  outline: polygonSchema.nullable(),
  crop: z.string(),
  active: z.boolean(),
  certifications: z.array(certificationSchema),
  version: z.number().int(),
});
export type Plot = z.infer<typeof plotSchema>;

/** The GAP/organic share of one residential group on a day, as the indicator records it. */
export const certifiedShareSchema = z.object({
  residentialGroup: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  cultivatedHa: z.number(),
  certifiedHa: z.number(),
  /** null where nothing is cultivated. */
  percent: z.number().nullable(),
});
export type CertifiedShare = z.infer<typeof certifiedShareSchema>;
