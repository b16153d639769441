import { z } from "zod";
import { directionSchema } from "../plan-template.js";
import { indicatorStatusSchema } from "./indicators.js";
import { isoDateSchema } from "./common.js";

/** Đúng tiến độ / có nguy cơ / chậm tiến độ / chưa có số liệu (see `wardStatus`). */
export const wardStatusSchema = z.enum(["on_track", "at_risk", "off_track", "no_data"]);

/** A group of the plan's tasks (III.1 … III.6) or of the units' duties (V.1 … V.7). */
export const cityTaskGroupSchema = z.object({ code: z.string(), ref: z.string(), title: z.string() });

/** An indicator every ward carries (same code in each: the template's). */
export const cityIndicatorSchema = z.object({
  code: z.string(),
  ref: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  direction: directionSchema,
});

/** One ward's latest value of a shared indicator, against its own target. */
export const cityIndicatorCellSchema = z.object({
  code: z.string(),
  latest: z.object({ period: z.string(), value: z.number() }).nullable(),
  targetValue: z.number(),
  targetYear: z.number().int(),
  status: indicatorStatusSchema,
});

export const cityWardSchema = z.object({
  code: z.string(),
  name: z.string(),
  province: z.string(),
  isDemo: z.boolean(),
  /** Where the ward is (WGS 84), when known. */
  position: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  status: wardStatusSchema,
  tasks: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    closed: z.number().int(),
    /** Tasks with at least one progress update. */
    reported: z.number().int(),
    averageProgress: z.number(),
  }),
  /** The last day any of its tasks was reported on. */
  lastUpdateOn: isoDateSchema.nullable(),
  indicatorCounts: z.object({
    on_track: z.number().int(),
    achieved: z.number().int(),
    at_risk: z.number().int(),
    off_track: z.number().int(),
    no_data: z.number().int(),
    no_baseline: z.number().int(),
  }),
  /** Task groups with overdue work, by code, in plan order. */
  lateGroups: z.array(z.object({ code: z.string(), overdue: z.number().int() })),
  /** One cell per shared indicator, in the order of `indicators`. */
  indicators: z.array(cityIndicatorCellSchema),
});
export type CityWard = z.infer<typeof cityWardSchema>;

/** Các phường so sánh trên các chỉ tiêu chung: GET /api/public/city. No personal data. */
export const cityComparisonSchema = z.object({
  today: isoDateSchema,
  groups: z.array(cityTaskGroupSchema),
  indicators: z.array(cityIndicatorSchema),
  wards: z.array(cityWardSchema),
});
export type CityComparison = z.infer<typeof cityComparisonSchema>;

/** The city's dashboard (GET /api/city/dashboard): the comparison, plus each ward's active accounts. */
export const cityDashboardSchema = cityComparisonSchema.extend({
  wards: z.array(cityWardSchema.extend({ activeAccounts: z.number().int() })),
});
export type CityDashboard = z.infer<typeof cityDashboardSchema>;

/** Thành phố xem một phường (chỉ đọc); null returns to the account's own ward. */
export const viewWardRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/)
    .nullable(),
});
export type ViewWardRequest = z.infer<typeof viewWardRequestSchema>;

export const viewWardResultSchema = z.object({
  viewing: z.object({ code: z.string(), name: z.string(), isDemo: z.boolean() }),
});
export type ViewWardResult = z.infer<typeof viewWardResultSchema>;
