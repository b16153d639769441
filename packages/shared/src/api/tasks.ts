import { z } from "zod";
import { recurrenceSchema } from "../plan-template.js";
import { isoDateSchema, unitRefSchema } from "./common.js";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";

export const taskKindSchema = z.enum(["group", "task", "duty", "movement"]);
export const timelinessSchema = z.enum(["overdue", "due_soon", "update_due", "on_time", "closed"]);

export const taskStatusSchema = z.object({
  code: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  defaultProgress: z.number().int().min(0).max(100).nullable(),
  isClosed: z.boolean(),
  excludeFromRollup: z.boolean(),
  position: z.number().int(),
});
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const taskSummarySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: taskKindSchema,
  section: z.enum(["III", "V"]),
  sector: z.string().nullable(),
  code: z.string(),
  ref: z.string(),
  title: z.string(),
  owner: unitRefSchema,
  coordinators: z.array(unitRefSchema),
  recurrence: recurrenceSchema,
  deadline: isoDateSchema.nullable(),
  status: z.string(),
  progress: z.number().int().min(0).max(100),
  timeliness: timelinessSchema,
  nextUpdateDue: isoDateSchema.nullable(),
  lastUpdateOn: isoDateSchema.nullable(),
  version: z.number().int(),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

export const fileRefSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  /** Attachments of a task's update only: the officer published this photo on the public task page. */
  isPublic: z.boolean().optional(),
});
export type FileRef = z.infer<typeof fileRefSchema>;

export const taskUpdateSchema = z.object({
  id: z.uuid(),
  reportedOn: isoDateSchema,
  text: z.string(),
  progress: z.number().int(),
  status: z.string(),
  authorName: z.string().nullable(),
  authorUnit: z.string().nullable(),
  createdAt: z.string(),
  files: z.array(fileRefSchema),
});
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;

export const taskDetailSchema = taskSummarySchema.extend({
  text: z.string(),
  output: z.string(),
  weight: z.number(),
  children: z.array(taskSummarySchema),
  updates: z.array(taskUpdateSchema),
  /** What the signed-in user may do with it. */
  can: z.object({ update: z.boolean(), edit: z.boolean(), assign: z.boolean(), viewHistory: z.boolean() }),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const taskListQuerySchema = z.object({
  q: boundedText({ max: 200 }).optional(),
  unitId: z.uuid().optional(),
  /** Include tasks the unit coordinates, not only those it owns. */
  includeCoordinated: z.stringbool().optional(),
  sector: boundedText({ max: 40 }).optional(),
  section: z.enum(["III", "V"]).optional(),
  status: boundedText({ max: 40 }).optional(),
  timeliness: timelinessSchema.optional(),
  kind: taskKindSchema.optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const taskListSchema = z.object({
  tasks: z.array(taskSummarySchema),
  statuses: z.array(taskStatusSchema),
  today: isoDateSchema,
});
export type TaskList = z.infer<typeof taskListSchema>;

/** Fields of a progress update; sent as multipart form fields alongside evidence files. */
export const postTaskUpdateSchema = z.object({
  reportedOn: boundedDateSchema,
  text: boundedText({ max: 10_000, multiline: true }).min(1, "Nội dung cập nhật không được để trống"),
  progress: z.coerce.number().int().min(0).max(100).optional(),
  status: boundedText({ min: 1, max: 40 }),
});
export type PostTaskUpdate = z.infer<typeof postTaskUpdateSchema>;

/** Fields a leader edits, in the form and in the task sheet import alike. */
export const taskTitleSchema = boundedText({ min: 1, max: 500 });
export const taskOutputSchema = boundedText({ min: 1, max: 2000, multiline: true });
/** Weight of a task in its parent's progress roll-up. */
export const taskWeightSchema = z.number().positive().max(100);

export const editTaskSchema = z.object({
  version: versionSchema,
  title: taskTitleSchema.optional(),
  output: taskOutputSchema.optional(),
  deadline: boundedDateSchema.nullable().optional(),
  recurrence: recurrenceSchema.optional(),
  weight: taskWeightSchema.optional(),
});
export type EditTask = z.infer<typeof editTaskSchema>;

export const assignTaskSchema = z.object({
  version: versionSchema,
  ownerUnitId: z.uuid(),
  coordinatingUnitIds: z.array(z.uuid()).max(50),
});
export type AssignTask = z.infer<typeof assignTaskSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  taskId: z.uuid().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const myWorkSchema = z.object({
  unit: unitRefSchema.nullable(),
  today: isoDateSchema,
  owned: z.array(taskSummarySchema),
  coordinated: z.array(taskSummarySchema),
  indicators: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      frequency: z.string(),
      currentPeriod: z.string(),
      reported: z.boolean(),
    }),
  ),
  notifications: z.array(notificationSchema),
});
export type MyWork = z.infer<typeof myWorkSchema>;

/** The whole status set of a ward, replaced at once (the Office configures it). */
export const saveTaskStatusesSchema = z.object({
  statuses: z
    .array(
      taskStatusSchema.extend({
        code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "Mã trạng thái: chữ thường không dấu, số, dấu gạch dưới"),
        labelVi: boundedText({ min: 1, max: 100 }),
        labelEn: boundedText({ min: 1, max: 100 }),
        position: z.number().int().min(0).max(1000),
      }),
    )
    .min(2)
    .max(20),
});
export type SaveTaskStatuses = z.infer<typeof saveTaskStatusesSchema>;
