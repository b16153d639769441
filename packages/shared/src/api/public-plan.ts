import { z } from "zod";
import { valueKindSchema } from "../plan-template.js";
import { indicatorStatusSchema } from "./indicators.js";
import { timelinessSchema } from "./tasks.js";

const docTextSchema = z.object({ ref: z.string(), text: z.string() });
const publicUnitSchema = z.object({ code: z.string(), name: z.string(), shortName: z.string() });

export type PublicTask = {
  code: string;
  ref: string;
  kind: "group" | "task" | "duty" | "movement";
  title: string;
  text: string;
  owner: { code: string; name: string; shortName: string };
  coordinators: { code: string; name: string; shortName: string }[];
  recurrence: string;
  deadline: string | null;
  output: string;
  status: string;
  statusLabel: string;
  progress: number;
  timeliness: z.infer<typeof timelinessSchema>;
  children: PublicTask[];
};

export const publicTaskSchema: z.ZodType<PublicTask> = z.lazy(() =>
  z.object({
    code: z.string(),
    ref: z.string(),
    kind: z.enum(["group", "task", "duty", "movement"]),
    title: z.string(),
    text: z.string(),
    owner: publicUnitSchema,
    coordinators: z.array(publicUnitSchema),
    recurrence: z.string(),
    deadline: z.string().nullable(),
    output: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    progress: z.number().int(),
    timeliness: timelinessSchema,
    children: z.array(publicTaskSchema),
  }),
);

/**
 * The whole plan as the public sees it, in the document's words. No personal data: no user,
 * no author of an update, no reporter; units only.
 */
export const publicPlanSchema = z.object({
  ward: z.object({ code: z.string(), name: z.string(), province: z.string(), isDemo: z.boolean() }),
  /** When the data shown last changed (null: nothing recorded yet). */
  updatedAt: z.string().nullable(),
  plan: z.object({
    code: z.string(),
    title: z.string(),
    documentNumber: z.string(),
    issuer: z.string(),
    generalObjective: docTextSchema,
    vision2050: docTextSchema,
    funding: docTextSchema,
  }),
  objectives: z.array(
    z.object({
      code: z.string(),
      ref: z.string(),
      area: z.string(),
      text: z.string(),
      indicators: z.array(
        z.object({
          code: z.string(),
          ref: z.string(),
          name: z.string(),
          unitOfMeasure: z.string(),
          /** "count": shown without decimals. */
          valueKind: valueKindSchema,
          direction: z.string(),
          baselineValue: z.number().nullable(),
          baselineYear: z.number().int().nullable(),
          targetValue: z.number(),
          targetYear: z.number().int(),
          latest: z.object({ period: z.string(), value: z.number() }).nullable(),
          status: indicatorStatusSchema,
        }),
      ),
    }),
  ),
  /** Section III: task groups with their tasks. */
  tasks: z.array(publicTaskSchema),
  /** Section V: each unit group with its duties (movements nested). */
  duties: z.array(publicTaskSchema),
  summary: z.object({
    tasks: z.number().int(),
    averageProgress: z.number(),
    overdue: z.number().int(),
    closed: z.number().int(),
  }),
  /** Residents' reports per category (V.3, V.5): how many, how many still open, how fast handled. */
  feedback: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** The plan task that makes the handling unit answer for this category. */
      taskCode: z.string().nullable(),
      total: z.number().int(),
      open: z.number().int(),
      closed: z.number().int(),
      /** Median days from a report to its closing (null: none closed yet). */
      medianDays: z.number().nullable(),
    }),
  ),
});
export type PublicPlan = z.infer<typeof publicPlanSchema>;

/** `?ward=` picks the ward (default: the first opened), `?lang=` the language of labels. */
export const publicQuerySchema = z.object({
  ward: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .optional(),
  lang: z.enum(["vi", "en"]).optional(),
});
export const publicPlanQuerySchema = publicQuerySchema;
export type PublicLanguage = "vi" | "en";
