import { z } from "zod";
import {
  FOOTPRINT_REGIONS,
  GWP_SETS,
  ORGANIC_AMENDMENTS,
  PRE_SEASON_REGIMES,
  WATER_REGIMES,
  type FootprintInput,
} from "../footprint.js";

/**
 * The public carbon footprint calculator (`POST /api/public/footprint`) and the season footprints
 * the diary stores: what goes in, what comes out. Amounts are totals for the area unless their name
 * says per hectare.
 */

/** An amount of the whole area: at most a thousand million (kg, litres, kWh). */
const amount = (what: string) =>
  z.number().min(0, `${what} không được âm`).max(1e9, `${what} quá lớn`).default(0).describe(what);

export const organicAmendmentSchema = z.strictObject({
  type: z.enum(ORGANIC_AMENDMENTS),
  /** t/ha: dry matter for straw, fresh weight for the others (IPCC Table 5.14). */
  tonnesPerHa: z.number().min(0, "Không được âm").max(100, "Quá 100 tấn/ha"),
});

export const footprintInputSchema = z
  .strictObject({
    areaHa: z.number().gt(0, "Diện tích phải lớn hơn 0").max(1e6, "Diện tích quá lớn").describe("Diện tích (ha)"),
    cultivationDays: z
      .number()
      .int("Số ngày canh tác là số nguyên")
      .min(1, "Ít nhất 1 ngày")
      .max(365, "Nhiều nhất 365 ngày")
      .describe("Số ngày canh tác của vụ"),
    region: z.enum(FOOTPRINT_REGIONS).optional().describe("Vùng (hệ số phát thải nền của IPCC, Bảng 5.11)"),
    baselineEfKgCh4PerHaDay: z
      .number()
      .gt(0, "Phải lớn hơn 0")
      .max(50, "Quá 50 kg CH4/ha/ngày")
      .optional()
      .describe("Hệ số phát thải nền đo được (kg CH4/ha/ngày), thay cho vùng"),
    waterRegime: z.enum(WATER_REGIMES).describe("Chế độ nước trong vụ"),
    preSeason: z.enum(PRE_SEASON_REGIMES).default("non_flooded_lt_180").describe("Chế độ nước trước vụ"),
    organicAmendments: z.array(organicAmendmentSchema).max(10, "Nhiều nhất 10 loại").default([]),
    syntheticNKg: amount("N từ phân vô cơ, kể cả urê (kg N)"),
    organicNKg: amount("N từ phân hữu cơ (kg N)"),
    ureaKg: amount("Khối lượng urê (kg)"),
    strawBurnedTonnesDm: amount("Rơm rạ bị đốt trên đồng (tấn chất khô)"),
    dieselLitres: amount("Dầu diesel (lít)"),
    electricityKwh: amount("Điện bơm tưới (kWh)"),
    yieldKg: z.number().min(0, "Không được âm").max(1e9, "Quá lớn").optional().describe("Sản lượng (kg)"),
    gwp: z.enum(GWP_SETS).default("AR5").describe("Bộ hệ số GWP (AR5 mặc định, hoặc AR6)"),
  })
  .superRefine((value, ctx) => {
    if (value.region === undefined && value.baselineEfKgCh4PerHaDay === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "Cần vùng (region) hoặc hệ số nền đo được (baselineEfKgCh4PerHaDay)",
      });
  });
export type FootprintRequest = z.input<typeof footprintInputSchema>;

/** The calculator's input from a checked request (a measured baseline makes the region moot). */
export function footprintInputOf(request: z.output<typeof footprintInputSchema>): FootprintInput {
  return { ...request, region: request.region ?? "world" };
}

const co2e = z.number().describe("kg CO2e");
export const footprintResultSchema = z.object({
  factorSet: z.string().describe("Phiên bản bộ hệ số đã dùng"),
  kgCh4: z.number(),
  kgN2o: z.number(),
  totalKgCo2e: z.number(),
  kgCo2ePerKgProduct: z.number().nullable(),
  breakdown: z.object({
    riceCh4: co2e,
    n2oDirect: co2e,
    n2oIndirect: co2e,
    ureaCo2: co2e,
    residueBurning: co2e,
    diesel: co2e,
    electricity: co2e,
  }),
});
export type FootprintAnswer = z.infer<typeof footprintResultSchema>;

/** A published factor set (bộ hệ số phát thải). */
export const factorSetSummarySchema = z.object({
  version: z.string(),
  name: z.string(),
  description: z.string(),
  releasedOn: z.string(),
  /** The one new calculations use. */
  current: z.boolean(),
});
export type FactorSetSummary = z.infer<typeof factorSetSummarySchema>;

export const factorRowSchema = z.object({
  key: z.string(),
  value: z.number(),
  unit: z.string(),
  source: z.string(),
});
export const factorSetDetailSchema = factorSetSummarySchema.omit({ current: true }).extend({
  factors: z.array(factorRowSchema),
});
export type FactorSetDetail = z.infer<typeof factorSetDetailSchema>;

export const factorSetParamsSchema = z.object({
  version: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,59}$/, "Phiên bản bộ hệ số không hợp lệ"),
});
/** The calculator computes with the current set unless asked for an older one (to reproduce a result). */
export const footprintQuerySchema = z.object({
  factorSet: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,59}$/, "Phiên bản bộ hệ số không hợp lệ")
    .optional(),
});
