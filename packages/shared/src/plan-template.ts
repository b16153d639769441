import { z } from "zod";
import {
  defaultPartsKind,
  defaultValueKind,
  PARTS_KINDS,
  VALUE_KINDS,
  type PartsKind,
  type ValueKind,
} from "./value-kinds.js";

/**
 * The plan of a ward as data: the template a ward adopts (seed/), in the words of its document.
 * Every item keeps `ref`, where it stands in the document ("II.2.(1)", "III.1 ý 2", "V.5 ý 2 +3").
 */

/** Loại đơn vị */
export const unitKindSchema = z.enum([
  "leadership", // Lãnh đạo UBND phường (Chủ tịch, Phó Chủ tịch)
  "party_committee", // Đảng ủy phường
  "people_council", // Thường trực HĐND phường
  "office", // Văn phòng HĐND & UBND
  "department", // Phòng chuyên môn
  "service_center", // Trung tâm Dịch vụ sự nghiệp công
  "fatherland_front", // Ủy ban MTTQ
  "mass_organisation", // tổ chức chính trị - xã hội
  "school_group", // Trường học, cơ sở giáo dục (cả nhóm)
  "school", // một trường
  "business_group", // Doanh nghiệp, cơ sở SXKD (cả nhóm)
  "business", // một doanh nghiệp
  "residential_group_set", // Các tổ dân phố (cả nhóm)
  "residential_group", // Tổ dân phố
  "external", // cơ quan cấp trên / của thành phố
]);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const recurrenceSchema = z.enum(["none", "continuous", "monthly", "quarterly", "semiannual", "yearly"]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const directionSchema = z.enum(["increase", "decrease", "maintain"]);
export type Direction = z.infer<typeof directionSchema>;

/** How the ward value of a period is computed from its measurements (one per residential group or one for the ward). */
export const aggregationSchema = z.enum(["sum", "ratio_of_sums", "latest"]);
export type Aggregation = z.infer<typeof aggregationSchema>;

/** Count (whole numbers only), quantity or percent: see value-kinds.ts. */
export const valueKindSchema = z.enum(VALUE_KINDS);
/** What the numerator and denominator of a ratio count. */
export const partsKindSchema = z.enum(PARTS_KINDS);

export const frequencySchema = z.enum(["monthly", "quarterly", "semiannual", "yearly"]);
export type Frequency = z.infer<typeof frequencySchema>;

const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case code: letters, digits, dashes");

export const templateUnitSchema = z.object({
  code: codeSchema,
  name: z.string().min(1),
  shortName: z.string().min(1),
  kind: unitKindSchema,
  /** Code of the unit it belongs to (a school under the schools group). */
  parentCode: codeSchema.optional(),
  ref: z.string().optional(),
});

export const templateIndicatorSchema = z
  .object({
    code: codeSchema,
    ref: z.string(),
    name: z.string().min(1),
    /** Words of the document the indicator measures. */
    quote: z.string().min(1),
    unitOfMeasure: z.string().min(1),
    direction: directionSchema,
    targetValue: z.number(),
    targetYear: z.number().int(),
    /** "document" when the number is written in the plan; "ward" when the ward set it because the plan only says "nâng cao", "từng bước". */
    targetSource: z.enum(["document", "ward"]),
    targetNote: z.string().optional(),
    aggregation: aggregationSchema,
    numeratorLabel: z.string().optional(),
    denominatorLabel: z.string().optional(),
    frequency: frequencySchema,
    ownerUnitCode: codeSchema,
    /** Whether residential groups report it (one row per group in the XLSX template). */
    perResidentialGroup: z.boolean(),
    /** True when section II names it; false when implied by section III (e.g. LED share of public lighting). */
    explicit: z.boolean(),
    /** Count (whole numbers only), quantity or percent; when left out, what the unit of measure suggests. */
    valueKind: valueKindSchema.optional(),
    /** What the numerator and denominator count (ratio indicators only); when left out, what the numerator's label suggests. */
    partsKind: partsKindSchema.optional(),
  })
  .superRefine((i, ctx) => {
    const kinds = indicatorKinds(i);
    if ((kinds.valueKind === "percent") !== (i.unitOfMeasure === "%"))
      ctx.addIssue({ code: "custom", path: ["valueKind"], message: 'percent exactly when the unit is "%"' });
    if (i.partsKind !== undefined && i.aggregation !== "ratio_of_sums")
      ctx.addIssue({ code: "custom", path: ["partsKind"], message: "only a ratio indicator has parts" });
    if (kinds.valueKind === "count" && !Number.isInteger(i.targetValue))
      ctx.addIssue({ code: "custom", path: ["targetValue"], message: "a count's target is a whole number" });
  });

/** The value kind and parts kind of a template indicator: as written, else as its unit and labels suggest. */
export function indicatorKinds(i: {
  unitOfMeasure: string;
  aggregation: Aggregation;
  numeratorLabel?: string | null | undefined;
  valueKind?: ValueKind | undefined;
  partsKind?: PartsKind | undefined;
}): { valueKind: ValueKind; partsKind: PartsKind | null } {
  return {
    valueKind: i.valueKind ?? defaultValueKind(i.unitOfMeasure),
    partsKind: i.aggregation === "ratio_of_sums" ? (i.partsKind ?? defaultPartsKind(i.numeratorLabel)) : null,
  };
}

export type TemplateTask = {
  code: string;
  ref: string;
  /** The bullet exactly as the document words it. */
  text: string;
  /** Short title for lists (the first clause, no new words). */
  title: string;
  ownerUnitCode: string;
  coordinatingUnitCodes: string[];
  recurrence: Recurrence;
  /** ISO date; most duties of the plan are continuous or periodic and have none. */
  deadline?: string | undefined;
  output: string;
  weight: number;
  children?: TemplateTask[] | undefined;
};

export const templateTaskSchema: z.ZodType<TemplateTask> = z.lazy(() =>
  z.object({
    code: codeSchema,
    ref: z.string(),
    text: z.string().min(1),
    title: z.string().min(1),
    ownerUnitCode: codeSchema,
    coordinatingUnitCodes: z.array(codeSchema),
    recurrence: recurrenceSchema,
    deadline: z.string().date().optional(),
    output: z.string().min(1),
    weight: z.number().positive(),
    children: z.array(templateTaskSchema).optional(),
  }),
);

export const templateTextSchema = z.object({ ref: z.string(), text: z.string().min(1) });

export const planTemplateSchema = z.object({
  code: codeSchema,
  title: z.string().min(1),
  documentNumber: z.string(),
  issuer: z.string(),
  basis: z.string(),
  purposes: z.array(templateTextSchema),
  requirements: z.array(templateTextSchema),
  generalObjective: templateTextSchema,
  objectives: z.array(
    z.object({
      code: codeSchema,
      ref: z.string(),
      /** "Về nông nghiệp" */
      area: z.string(),
      text: z.string().min(1),
      indicators: z.array(templateIndicatorSchema),
    }),
  ),
  vision2050: templateTextSchema,
  /** Section III: six sector groups, each bullet a task. */
  taskGroups: z.array(
    z.object({
      code: codeSchema,
      ref: z.string(),
      sector: z.enum(["transport", "industry", "energy", "construction", "agriculture", "lifestyle"]),
      title: z.string(),
      ownerUnitCode: codeSchema,
      tasks: z.array(templateTaskSchema),
    }),
  ),
  funding: templateTextSchema,
  /** Section V: seven unit groups, each bullet a duty of that unit. */
  unitDuties: z.array(
    z.object({
      code: codeSchema,
      ref: z.string(),
      title: z.string(),
      unitCode: codeSchema,
      duties: z.array(templateTaskSchema),
    }),
  ),
  closing: z.string(),
  signer: z.object({ authority: z.string(), title: z.string(), name: z.string() }),
  units: z.array(templateUnitSchema),
});
export type PlanTemplate = z.infer<typeof planTemplateSchema>;
