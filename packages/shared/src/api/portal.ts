import { z } from "zod";
import { aggregationSchema, directionSchema, frequencySchema } from "../plan-template.js";
import { isoDateSchema } from "./common.js";
import { indicatorStatusSchema } from "./indicators.js";
import { publicQuerySchema } from "./public-plan.js";
import { taskKindSchema, timelinessSchema } from "./tasks.js";

/**
 * The public pages of one task, indicator, task group and residential group (issue 7 item 2),
 * and the staff endpoints that feed them (task ↔ indicator links, photos marked public).
 * Public answers name units only: no user, no author, no file name.
 */

/** A code in a public address: `iii-1-1`, `gap-organic-area-share`, `tdp-01`. */
export const publicCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "Mã không hợp lệ");
export const publicCodeParamsSchema = z.object({ code: publicCodeSchema });
export const publicFileParamsSchema = z.object({ id: z.uuid() });
/** `?ward=` and `?lang=`, as on the public plan. */
export const portalQuerySchema = publicQuerySchema;

const portalWardSchema = z.object({ code: z.string(), name: z.string(), province: z.string(), isDemo: z.boolean() });
export const portalUnitSchema = z.object({ code: z.string(), name: z.string(), shortName: z.string() });
export type PortalUnit = z.infer<typeof portalUnitSchema>;

/** A task as a line in a list: enough to show and to link to its page. */
export const portalTaskRefSchema = z.object({
  code: z.string(),
  ref: z.string(),
  kind: taskKindSchema,
  title: z.string(),
  owner: portalUnitSchema,
  status: z.string(),
  statusLabel: z.string(),
  progress: z.number().int().min(0).max(100),
  timeliness: timelinessSchema,
  deadline: isoDateSchema.nullable(),
  recurrence: z.string(),
  /** 0 for a task of the group, 1 for a movement under a duty, … (group pages list the whole tree). */
  depth: z.number().int().min(0),
});
export type PortalTaskRef = z.infer<typeof portalTaskRefSchema>;

/** An indicator as a line in a list. */
export const portalIndicatorRefSchema = z.object({
  code: z.string(),
  ref: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  status: indicatorStatusSchema,
  latest: z.object({ period: z.string(), value: z.number() }).nullable(),
  targetValue: z.number(),
  targetYear: z.number().int(),
  direction: directionSchema,
});
export type PortalIndicatorRef = z.infer<typeof portalIndicatorRefSchema>;

const taskHeadingSchema = z.object({ code: z.string(), ref: z.string(), title: z.string(), kind: taskKindSchema });

/** GET /api/public/tasks/:code */
export const publicTaskPageSchema = z.object({
  ward: portalWardSchema,
  task: z.object({
    code: z.string(),
    ref: z.string(),
    kind: taskKindSchema,
    section: z.enum(["III", "V"]),
    sector: z.string().nullable(),
    title: z.string(),
    /** The plan's own words. */
    text: z.string(),
    owner: portalUnitSchema,
    coordinators: z.array(portalUnitSchema),
    deadline: isoDateSchema.nullable(),
    recurrence: z.string(),
    output: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    progress: z.number().int().min(0).max(100),
    timeliness: timelinessSchema,
    lastUpdateOn: isoDateSchema.nullable(),
  }),
  /** From the section's group down to the direct parent (empty for a group itself). */
  ancestors: z.array(taskHeadingSchema),
  children: z.array(portalTaskRefSchema),
  /** Progress as each update reported it, oldest first (the chart). */
  history: z.array(
    z.object({ date: isoDateSchema, progress: z.number().int(), status: z.string(), statusLabel: z.string() }),
  ),
  /** What the owner unit reported, newest first: no author, no account, no unit of the writer. */
  updates: z.array(
    z.object({ date: isoDateSchema, text: z.string(), progress: z.number().int(), statusLabel: z.string() }),
  ),
  /** Evidence photos the officer marked public, newest first; served by GET /api/public/files/:id. */
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), date: isoDateSchema })),
  indicators: z.array(portalIndicatorRefSchema),
});
export type PublicTaskPage = z.infer<typeof publicTaskPageSchema>;

/** GET /api/public/indicators/:code */
export const publicIndicatorPageSchema = z.object({
  ward: portalWardSchema,
  indicator: z.object({
    code: z.string(),
    ref: z.string(),
    name: z.string(),
    /** The plan's sentence the indicator comes from. */
    quote: z.string(),
    objective: z.object({ code: z.string(), ref: z.string(), area: z.string() }).nullable(),
    unitOfMeasure: z.string(),
    direction: directionSchema,
    aggregation: aggregationSchema,
    frequency: frequencySchema,
    baselineValue: z.number().nullable(),
    baselineYear: z.number().int().nullable(),
    targetValue: z.number(),
    targetYear: z.number().int(),
    /** "document": the plan sets the target; "ward": the ward set it where the plan gives none. */
    targetSource: z.enum(["document", "ward"]),
    targetNote: z.string().nullable(),
    owner: portalUnitSchema,
    status: indicatorStatusSchema,
    latest: z.object({ period: z.string(), periodEnd: isoDateSchema, value: z.number() }).nullable(),
    /** Where the latest period's figures come from, as the officers recorded it. */
    sources: z.array(z.string()),
    perResidentialGroup: z.boolean(),
  }),
  /** The ward's value of each period, oldest first, with what the trajectory expected then. */
  series: z.array(
    z.object({ period: z.string(), periodEnd: isoDateSchema, value: z.number(), expected: z.number().nullable() }),
  ),
  /**
   * The straight line from the baseline (1 January of its year) to the target (31 December of
   * the target year), one point a year: what "on track" is measured against. Empty without a baseline.
   */
  trajectory: z.array(z.object({ year: z.number().int(), date: isoDateSchema, value: z.number() })),
  /** The latest period reported per residential group, each group's value. */
  groups: z
    .object({
      period: z.string(),
      values: z.array(z.object({ code: z.string(), name: z.string(), shortName: z.string(), value: z.number() })),
    })
    .nullable(),
  tasks: z.array(portalTaskRefSchema),
});
export type PublicIndicatorPage = z.infer<typeof publicIndicatorPageSchema>;

/** GET /api/public/groups/:code — a sector of section III or a unit group of section V. */
export const publicGroupPageSchema = z.object({
  ward: portalWardSchema,
  group: z.object({
    code: z.string(),
    ref: z.string(),
    title: z.string(),
    text: z.string(),
    section: z.enum(["III", "V"]),
    sector: z.string().nullable(),
    owner: portalUnitSchema,
    status: z.string(),
    statusLabel: z.string(),
    timeliness: timelinessSchema,
  }),
  /** Every task under the group, in plan order (movements after their duty, one level deeper). */
  tasks: z.array(portalTaskRefSchema),
  summary: z.object({
    tasks: z.number().int(),
    /** The group's progress as the plan rolls it up (weighted average of its tasks). */
    averageProgress: z.number(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    closed: z.number().int(),
  }),
  /** Indicators linked to any task of the group. */
  indicators: z.array(portalIndicatorRefSchema),
  /** The other groups of the same section, for moving between them. */
  siblings: z.array(z.object({ code: z.string(), ref: z.string(), title: z.string() })),
});
export type PublicGroupPage = z.infer<typeof publicGroupPageSchema>;

/** GET /api/public/residential-groups/:code — "khu phố của tôi". */
export const publicResidentialGroupPageSchema = z.object({
  ward: portalWardSchema,
  group: z.object({
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
    households: z.number().int().nullable(),
  }),
  /** Indicators reported per residential group: this group's latest value beside the ward's for that period. */
  indicators: z.array(
    z.object({
      code: z.string(),
      ref: z.string(),
      name: z.string(),
      unitOfMeasure: z.string(),
      aggregation: aggregationSchema,
      direction: directionSchema,
      targetValue: z.number(),
      targetYear: z.number().int(),
      period: z.string(),
      value: z.number(),
      /** The ward's value of the same period (a total for summed indicators); null if not computed. */
      wardValue: z.number().nullable(),
      wardStatus: indicatorStatusSchema,
    }),
  ),
  /** Work assigned to this group by name (owner or coordinating). */
  ownWork: z.array(portalTaskRefSchema),
  /** Work the plan gives to all residential groups together (coordinated by "Tổ dân phố"). */
  sharedWork: z.array(portalTaskRefSchema),
  siblings: z.array(z.object({ code: z.string(), shortName: z.string() })),
});
export type PublicResidentialGroupPage = z.infer<typeof publicResidentialGroupPageSchema>;

/** GET /api/public/residential-groups — the groups a resident picks "my neighbourhood" from. */
export const publicResidentialGroupListSchema = z.object({
  ward: portalWardSchema,
  groups: z.array(z.object({ code: z.string(), name: z.string(), shortName: z.string() })),
});
export type PublicResidentialGroupList = z.infer<typeof publicResidentialGroupListSchema>;

// Staff side ----------------------------------------------------------------------------------

export const taskIndicatorParamsSchema = z.object({ id: z.uuid(), indicatorId: z.uuid() });
export const taskFileParamsSchema = z.object({ id: z.uuid(), fileId: z.uuid() });

/** The indicators a task moves (staff link them), and whether the viewer may change the links. */
export const taskIndicatorLinksSchema = z.object({
  indicators: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      ref: z.string(),
      name: z.string(),
      status: indicatorStatusSchema,
    }),
  ),
  canEdit: z.boolean(),
});
export type TaskIndicatorLinks = z.infer<typeof taskIndicatorLinksSchema>;

/** The tasks linked to an indicator (staff indicator page). */
export const indicatorTaskLinksSchema = z.object({
  tasks: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      ref: z.string(),
      title: z.string(),
      status: z.string(),
      progress: z.number().int(),
      owner: portalUnitSchema,
    }),
  ),
});
export type IndicatorTaskLinks = z.infer<typeof indicatorTaskLinksSchema>;

/** Marks an evidence photo of a task's update public (shown on the public task page) or not. */
export const setFilePublicSchema = z.object({ isPublic: z.boolean() });
export type SetFilePublic = z.infer<typeof setFilePublicSchema>;
export const filePublicStateSchema = z.object({ fileId: z.uuid(), isPublic: z.boolean() });
