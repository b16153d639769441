import { z } from "zod";
import {
  aggregationSchema,
  directionSchema,
  frequencySchema,
  partsKindSchema,
  valueKindSchema,
} from "../plan-template.js";
import { fileRefSchema } from "./tasks.js";
import { unitRefSchema } from "./common.js";
import { boundedText, periodKeySchema, quantitySchema, versionSchema } from "./fields.js";

export const indicatorStatusSchema = z.enum(["on_track", "at_risk", "off_track", "achieved", "no_data", "no_baseline"]);

export const indicatorSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  ref: z.string(),
  name: z.string(),
  objectiveCode: z.string(),
  unitOfMeasure: z.string(),
  direction: directionSchema,
  baselineValue: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  targetValue: z.number(),
  targetYear: z.number().int(),
  targetSource: z.enum(["document", "ward"]),
  aggregation: aggregationSchema,
  /** "count": whole numbers only (entered, summed and shown without decimals). */
  valueKind: valueKindSchema,
  /** What the numerator and denominator count; null when the indicator has none. */
  partsKind: partsKindSchema.nullable(),
  frequency: frequencySchema,
  owner: unitRefSchema,
  perResidentialGroup: z.boolean(),
  latest: z.object({ period: z.string(), value: z.number(), periodEnd: z.string() }).nullable(),
  expectedNow: z.number().nullable(),
  status: indicatorStatusSchema,
  trend: z.enum(["up", "down", "flat"]).nullable(),
  version: z.number().int(),
});
export type IndicatorSummary = z.infer<typeof indicatorSummarySchema>;

export const measurementSchema = z.object({
  id: z.uuid(),
  period: z.string(),
  periodEnd: z.string(),
  residentialGroup: unitRefSchema.nullable(),
  value: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  source: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  files: z.array(fileRefSchema),
});
export type Measurement = z.infer<typeof measurementSchema>;

export const indicatorDetailSchema = indicatorSummarySchema.extend({
  quote: z.string(),
  targetNote: z.string().nullable(),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  /** Ward value per period, oldest first, with the trajectory's expectation at each. */
  series: z.array(
    z.object({ period: z.string(), periodEnd: z.string(), value: z.number(), expected: z.number().nullable() }),
  ),
  measurements: z.array(measurementSchema),
  can: z.object({ record: z.boolean(), edit: z.boolean(), viewHistory: z.boolean() }),
});
export type IndicatorDetail = z.infer<typeof indicatorDetailSchema>;

/** One measurement as an officer enters it (also one row of an XLSX import). */
export const recordMeasurementSchema = z
  .object({
    period: periodKeySchema,
    residentialGroupId: z.uuid().nullable(),
    value: quantitySchema.optional(),
    numerator: quantitySchema.min(0).optional(),
    denominator: quantitySchema.positive().optional(),
    source: boundedText({ max: 500 }).min(1, "Cần ghi nguồn số liệu"),
    note: boundedText({ max: 2000, multiline: true }).optional(),
  })
  .refine((m) => m.value !== undefined || (m.numerator !== undefined && m.denominator !== undefined), {
    message: "Cần nhập giá trị, hoặc cả tử số và mẫu số",
    path: ["value"],
  });
export type RecordMeasurement = z.infer<typeof recordMeasurementSchema>;

export const editIndicatorSchema = z.object({
  version: versionSchema,
  baselineValue: quantitySchema.nullable().optional(),
  baselineYear: z.number().int().min(2000).max(2100).nullable().optional(),
  targetValue: quantitySchema.optional(),
  targetNote: boundedText({ max: 2000, multiline: true }).nullable().optional(),
  ownerUnitId: z.uuid().optional(),
  frequency: frequencySchema.optional(),
  /** Whether it counts whole things; "percent" goes with the unit "%" and only with it. */
  valueKind: valueKindSchema.optional(),
  /** Ratio indicators only. */
  partsKind: partsKindSchema.optional(),
});
export type EditIndicator = z.infer<typeof editIndicatorSchema>;

export const importRowErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importResultSchema = z.object({
  /** false when nothing was saved because some rows had errors and the officer did not choose to save the good ones. */
  saved: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  savedRows: z.number().int(),
  errors: z.array(importRowErrorSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importQuerySchema = z.object({
  /** "all_or_nothing" (default): any error saves nothing. "valid_rows": save the rows that passed. */
  mode: z.enum(["all_or_nothing", "valid_rows"]).default("all_or_nothing"),
});

export const templateQuerySchema = z.object({ period: periodKeySchema });
