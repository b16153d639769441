import { z } from "zod";
import { indicatorSummarySchema } from "./indicators.js";
import { taskSummarySchema } from "./tasks.js";
import { isoDateSchema, unitRefSchema } from "./common.js";
import { lateReportSchema } from "./reporting.js";

export const dashboardSchema = z.object({
  today: isoDateSchema,
  ward: z.object({ name: z.string(), isDemo: z.boolean() }),
  indicators: z.array(indicatorSummarySchema),
  indicatorCounts: z.record(z.string(), z.number().int()),
  taskCounts: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    updateDue: z.number().int(),
    closed: z.number().int(),
    averageProgress: z.number(),
  }),
  late: z.array(taskSummarySchema),
  dueSoon: z.array(taskSummarySchema),
  byUnit: z.array(
    z.object({
      unit: unitRefSchema,
      total: z.number().int(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      updateDue: z.number().int(),
      averageProgress: z.number(),
    }),
  ),
  bySector: z.array(
    z.object({ sector: z.string(), total: z.number().int(), averageProgress: z.number(), overdue: z.number().int() }),
  ),
  /** Unit reports past their deadline and not yet sent (or sent back and not resent). */
  lateReports: z.array(lateReportSchema),
  latestUpdates: z.array(
    z.object({
      id: z.uuid(),
      taskId: z.uuid(),
      taskTitle: z.string(),
      taskRef: z.string(),
      unit: z.string(),
      reportedOn: isoDateSchema,
      text: z.string(),
      progress: z.number().int(),
      createdAt: z.string(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
