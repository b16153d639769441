import { z } from "zod";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";
import { fileRefSchema } from "./tasks.js";

/**
 * Khuyến nông (issue 9): lớp tập huấn kỹ thuật and mô hình trình diễn of the practices the plan
 * names in III.5 (tưới ướt khô xen kẽ, phân bón hữu cơ, thuốc BVTV sinh học, ủ rơm rạ), with the
 * farms of the registry whose people took part.
 */

export const EXTENSION_TOPICS = ["awd", "organic_fertiliser", "bio_pesticides", "straw_composting", "other"] as const;
export const extensionTopicSchema = z.enum(EXTENSION_TOPICS);
export type ExtensionTopic = z.infer<typeof extensionTopicSchema>;

/** A demonstration model's course: planned (dự kiến), running (đang triển khai), completed, stopped. */
export const MODEL_STATUSES = ["planned", "running", "completed", "stopped"] as const;
export const modelStatusSchema = z.enum(MODEL_STATUSES);
export type ModelStatus = z.infer<typeof modelStatusSchema>;

/** Lớp tập huấn or mô hình trình diễn: the two kinds of activity attendance is taken for. */
export const EXTENSION_KINDS = ["training", "model"] as const;
export const extensionKindSchema = z.enum(EXTENSION_KINDS);
export type ExtensionKind = z.infer<typeof extensionKindSchema>;

/** Optional text: blank (spaces only included) is none. */
const optionalText = (max: number, multiline = false) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    boundedText({ max, multiline }).nullable(),
  );

const groupRefSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const saveTrainingSchema = z.strictObject({
  title: boundedText({ min: 3, max: 200 }),
  topic: extensionTopicSchema,
  heldOn: boundedDateSchema,
  place: boundedText({ min: 2, max: 200 }),
  /** Đơn vị tổ chức: "Phòng Kinh tế phối hợp Trung tâm Khuyến nông thành phố". */
  organiser: optionalText(200).default(null),
  /** Giảng viên, báo cáo viên. */
  trainer: optionalText(120).default(null),
  /** The residential group's code (tổ dân phố) the class was held for, if one. */
  residentialGroup: boundedText({ max: 80 }).nullable().default(null),
  notes: optionalText(2000, true).default(null),
  version: versionSchema.optional(),
});
export type SaveTraining = z.infer<typeof saveTrainingSchema>;

export const saveModelSchema = z
  .strictObject({
    name: boundedText({ min: 3, max: 200 }),
    topic: extensionTopicSchema,
    /** The host farm's plot (the farm is the plot's). */
    plotId: z.uuid(),
    /** The season the model was run in, when its diary is kept: its footprint is the model's result. */
    seasonId: z.uuid().nullable().default(null),
    startedOn: boundedDateSchema,
    endedOn: boundedDateSchema.nullable().default(null),
    areaHa: z.number().gt(0, "Diện tích phải lớn hơn 0").max(10_000, "Diện tích quá lớn"),
    status: modelStatusSchema.default("planned"),
    /** Kết quả: năng suất, chi phí, so với cách làm thông thường. */
    resultNotes: optionalText(4000, true).default(null),
    version: versionSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.endedOn !== null && value.endedOn < value.startedOn)
      ctx.addIssue({ code: "custom", path: ["endedOn"], message: "Ngày kết thúc phải từ ngày bắt đầu" });
  });
export type SaveModel = z.infer<typeof saveModelSchema>;

/** A person who took part: of a registry farm (named or not), or by name alone when not in it. */
export const attendeeInputSchema = z
  .strictObject({
    farmId: z.uuid().nullable().default(null),
    personName: optionalText(120).default(null),
  })
  .superRefine((value, ctx) => {
    if (value.farmId === null && (value.personName === null || value.personName.length < 2))
      ctx.addIssue({
        code: "custom",
        path: ["personName"],
        message: "Chọn cơ sở trong sổ hoặc ghi họ tên người tham gia",
      });
  });
export type AttendeeInput = z.infer<typeof attendeeInputSchema>;

export const addAttendeesSchema = z.strictObject({
  attendees: z.array(attendeeInputSchema).min(1, "Chọn ít nhất một người tham gia").max(300),
  /** The activity's version the officer saw. */
  version: versionSchema,
});
export type AddAttendees = z.infer<typeof addAttendeesSchema>;

export const removeAttendeeQuerySchema = z.object({ version: z.coerce.number().pipe(versionSchema) });
export const attendeeParamsSchema = z.object({ id: z.uuid(), attendeeId: z.uuid() });

export const attendeeSchema = z.object({
  id: z.uuid(),
  farm: z.object({ id: z.uuid(), name: z.string(), representative: z.string().nullable() }).nullable(),
  personName: z.string().nullable(),
  residentialGroup: groupRefSchema.nullable(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

const trainingFields = {
  id: z.uuid(),
  title: z.string(),
  topic: extensionTopicSchema,
  heldOn: z.string(),
  place: z.string(),
  organiser: z.string().nullable(),
  trainer: z.string().nullable(),
  residentialGroup: groupRefSchema.nullable(),
  /** Lượt người tham gia, and the registry farms among them. */
  attendeeCount: z.number().int(),
  farmCount: z.number().int(),
  version: z.number().int(),
};

export const trainingSummarySchema = z.object({ ...trainingFields, hasSheet: z.boolean() });
export type TrainingSummary = z.infer<typeof trainingSummarySchema>;

export const trainingSchema = z.object({
  ...trainingFields,
  notes: z.string().nullable(),
  attendees: z.array(attendeeSchema),
  /** The signed attendance sheet(s) (danh sách ký nhận), scanned. */
  sheets: z.array(fileRefSchema),
  mayEdit: z.boolean(),
});
export type Training = z.infer<typeof trainingSchema>;

const modelFields = {
  id: z.uuid(),
  name: z.string(),
  topic: extensionTopicSchema,
  farm: z.object({ id: z.uuid(), name: z.string() }),
  plot: z.object({ id: z.uuid(), name: z.string(), areaHa: z.number() }),
  residentialGroup: groupRefSchema.nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  areaHa: z.number(),
  status: modelStatusSchema,
  attendeeCount: z.number().int(),
  version: z.number().int(),
};

export const modelSummarySchema = z.object(modelFields);
export type ModelSummary = z.infer<typeof modelSummarySchema>;

/** The linked season's result, as its diary computed it (never typed here). */
export const modelSeasonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  crop: z.string(),
  closedOn: z.string().nullable(),
  yieldKg: z.number().nullable(),
  totalKgCo2e: z.number().nullable(),
  kgCo2ePerKgProduct: z.number().nullable(),
  factorSet: z.string().nullable(),
});
export type ModelSeason = z.infer<typeof modelSeasonSchema>;

export const modelSchema = z.object({
  ...modelFields,
  season: modelSeasonSchema.nullable(),
  resultNotes: z.string().nullable(),
  attendees: z.array(attendeeSchema),
  mayEdit: z.boolean(),
});
export type DemonstrationModel = z.infer<typeof modelSchema>;

export const extensionListQuerySchema = z.object({
  topic: extensionTopicSchema.optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  /** The residential group's code. */
  group: boundedText({ max: 80 }).optional(),
  /** Words of the title/name, place, organiser or trainer (no NUL or other control character). */
  q: boundedText({ max: 200 }).optional(),
});
export type ExtensionListQuery = z.infer<typeof extensionListQuerySchema>;

/** What a farm took part in: the classes its people attended, the models it hosted or joined. */
export const farmExtensionSchema = z.object({
  trainings: z.array(
    z.object({ id: z.uuid(), title: z.string(), topic: extensionTopicSchema, heldOn: z.string(), people: z.number() }),
  ),
  models: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      topic: extensionTopicSchema,
      status: modelStatusSchema,
      startedOn: z.string(),
      host: z.boolean(),
    }),
  ),
});
export type FarmExtension = z.infer<typeof farmExtensionSchema>;

/**
 * A year's extension work by topic, for the plan's tasks III.5 ý 2 and ý 4 ("số lớp, số lượt
 * nông dân được tập huấn"; "mô hình"): counted from the records, never typed in.
 */
export const extensionSummarySchema = z.object({
  year: z.number().int(),
  byTopic: z.array(
    z.object({
      topic: extensionTopicSchema,
      trainings: z.number().int(),
      attendances: z.number().int(),
      farms: z.number().int(),
      models: z.number().int(),
    }),
  ),
  total: z.object({
    trainings: z.number().int(),
    attendances: z.number().int(),
    /** Distinct registry farms trained that year, whatever the topic. */
    farms: z.number().int(),
    models: z.number().int(),
  }),
});
export type ExtensionSummary = z.infer<typeof extensionSummarySchema>;
