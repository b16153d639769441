import { z } from "zod";
import { REPORT_STATUSES, TRACKING_CODE_PATTERN, normalizeTrackingCode } from "../feedback.js";
import { isoDateSchema } from "./common.js";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";
import { publicQuerySchema } from "./public-plan.js";

/**
 * Phản ánh, kiến nghị (issue 8): what residents send and see, what staff handle. Public answers
 * never carry a reporter's name, phone or email (privacy.test.ts searches every one of them).
 */

export const reportStatusSchema = z.enum(REPORT_STATUSES);

/** An extra question of a category (Open311 attribute). */
export const questionDatatypeSchema = z.enum([
  "string",
  "number",
  "datetime",
  "text",
  "singlevaluelist",
  "multivaluelist",
]);
export const categoryQuestionSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Mã câu hỏi: chữ thường, số, gạch dưới"),
  /** The question as asked: "Có đang cháy không?" */
  label: boundedText({ min: 1, max: 200 }),
  datatype: questionDatatypeSchema,
  required: z.boolean(),
  /** Help under the question. */
  hint: boundedText({ max: 300 }).optional(),
  values: z
    .array(z.object({ key: z.string().regex(/^[a-z0-9_]{1,40}$/), name: boundedText({ min: 1, max: 100 }) }))
    .max(30)
    .optional(),
});
export type CategoryQuestion = z.infer<typeof categoryQuestionSchema>;

const latitudeSchema = z.number().min(-90).max(90);
const longitudeSchema = z.number().min(-180).max(180);
/** From a form field or a query string: "20.86" becomes a number; "" is absent. */
const toNumber = (v: unknown) => (v === "" || v === undefined ? undefined : typeof v === "string" ? Number(v) : v);
const coordinate = (schema: z.ZodNumber) => z.preprocess(toNumber, schema);
const optionalCoordinate = (schema: z.ZodNumber) => z.preprocess(toNumber, schema.optional());

export const trackingCodeSchema = z
  .string()
  .max(20)
  .transform(normalizeTrackingCode)
  .pipe(z.string().regex(TRACKING_CODE_PATTERN, "Mã phản ánh gồm PA- và 6 ký tự, ví dụ PA-7K3M9Q"));
export const trackingCodeParamsSchema = z.object({ code: trackingCodeSchema });

/** The reporter's own key (in the follow link): adds information and reopens, never shown to others. */
export const reporterKeySchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "Khóa theo dõi không hợp lệ");

// ---------------------------------------------------------------------------------------------
// Public: categories, submit, follow

export const publicCategorySchema = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  group: z.string(),
  questions: z.array(categoryQuestionSchema),
  /** Thời hạn xử lý, in working days. */
  slaDays: z.number().int(),
  unit: z.object({ code: z.string(), name: z.string(), shortName: z.string() }),
  /** The plan's task that makes the unit responsible (its public page). */
  task: z.object({ code: z.string(), ref: z.string(), title: z.string() }).nullable(),
  /** Reports of this category are shown on the public map only roughly (about 500 m). */
  sensitive: z.boolean(),
});
export type PublicCategory = z.infer<typeof publicCategorySchema>;

export const publicCategoryListSchema = z.object({
  ward: z.object({ code: z.string(), name: z.string() }),
  categories: z.array(publicCategorySchema),
  residentialGroups: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The ward's centre, where the map opens. */
  centre: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /** The consent line shown above the contact fields, and how long contacts are kept. */
  consent: z.object({ text: z.string(), retentionDays: z.number().int() }),
});
export type PublicCategoryList = z.infer<typeof publicCategoryListSchema>;

/**
 * A report as the form sends it (multipart fields; `photos` are the files). Answers to the
 * category's questions come as `answers` (a JSON object: code → string or string[]).
 */
export const submitReportSchema = z
  .object({
    category: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Chọn loại phản ánh"),
    description: boundedText({ min: 10, max: 4000, multiline: true }),
    answers: z
      .preprocess(
        (v) => {
          if (typeof v !== "string" || v === "") return v === "" ? undefined : v;
          try {
            return JSON.parse(v);
          } catch {
            return v;
          }
        },
        z.record(
          z.string().max(40),
          z.union([boundedText({ max: 1000, multiline: true }), z.array(boundedText({ max: 100 })).max(30)]),
        ),
      )
      .optional(),
    lat: optionalCoordinate(latitudeSchema),
    lng: optionalCoordinate(longitudeSchema),
    /** How the pin was placed: by the phone's location service (sensitive), by hand, or none. */
    locationSource: z.enum(["device", "map", "none"]).default("none"),
    residentialGroup: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(80).optional()),
    address: z.preprocess((v) => (v === "" ? undefined : v), boundedText({ max: 300 }).optional()),
    name: z.preprocess((v) => (v === "" ? undefined : v), boundedText({ max: 120 }).optional()),
    phone: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 .-]{8,20}$/, "Số điện thoại không hợp lệ")
        .optional(),
    ),
    email: z.preprocess((v) => (v === "" ? undefined : v), z.email("Email không hợp lệ").max(200).optional()),
    /** "true": the reporter agreed to be contacted and told of each change (by email). */
    notify: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
    /** "true": the reporter agreed to the consent line (required when any contact is given). */
    consent: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
  })
  .superRefine((value, ctx) => {
    if ((value.lat === undefined) !== (value.lng === undefined))
      ctx.addIssue({ code: "custom", path: ["lat"], message: "Vị trí cần cả vĩ độ và kinh độ" });
    if (value.lat === undefined && !value.address && !value.residentialGroup)
      ctx.addIssue({
        code: "custom",
        path: ["address"],
        message: "Cho biết vị trí: ghim trên bản đồ, dùng vị trí của tôi, hoặc chọn tổ dân phố và ghi địa chỉ",
      });
    const gaveContact = Boolean(value.name || value.phone || value.email);
    if (gaveContact && !value.consent)
      ctx.addIssue({
        code: "custom",
        path: ["consent"],
        message: "Để lại thông tin liên hệ thì cần đồng ý với việc phường lưu giữ và sử dụng thông tin đó",
      });
    if (value.notify && !value.email)
      ctx.addIssue({ code: "custom", path: ["email"], message: "Nhập email để nhận thông báo khi phản ánh thay đổi" });
  });
export type SubmitReport = z.infer<typeof submitReportSchema>;

export const submittedReportSchema = z.object({
  code: z.string(),
  /** Keep it: with it the reporter can add information and reopen. */
  reporterKey: z.string(),
  /** The follow page, with the reporter's key. */
  followPath: z.string(),
  status: reportStatusSchema,
  dueOn: isoDateSchema,
  unit: z.object({ code: z.string(), name: z.string(), shortName: z.string() }),
});
export type SubmittedReport = z.infer<typeof submittedReportSchema>;

export const nearbyQuerySchema = publicQuerySchema.extend({
  category: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  lat: coordinate(latitudeSchema),
  lng: coordinate(longitudeSchema),
});

/** A report as a line of a public list or a "nearby" suggestion. */
export const publicReportSummarySchema = z.object({
  code: z.string(),
  category: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  status: reportStatusSchema,
  statusLabel: z.string(),
  open: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  residentialGroup: z.string().nullable(),
  /** Open past its deadline. */
  late: z.boolean(),
  /** Blurred for a sensitive report. Null: placed by address only. */
  location: z.object({ lat: z.number(), lng: z.number(), approximate: z.boolean() }).nullable(),
  distanceMetres: z.number().int().optional(),
});
export type PublicReportSummary = z.infer<typeof publicReportSummarySchema>;

export const nearbyReportsSchema = z.object({ reports: z.array(publicReportSummarySchema) });

export const publicReportListQuerySchema = publicQuerySchema.extend({
  status: z.enum(["open", "closed", "all"]).default("all"),
  category: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const publicReportListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  reports: z.array(publicReportSummarySchema),
});
export type PublicReportList = z.infer<typeof publicReportListSchema>;

/** One entry of a report's public timeline: a status change or a public response. */
export const publicTimelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(["submitted", "status", "response", "reporter_info", "reopened"]),
  status: reportStatusSchema.nullable(),
  statusLabel: z.string().nullable(),
  /** Who wrote it, as the public sees it: the unit, or "Người phản ánh". */
  by: z.string(),
  text: z.string().nullable(),
  photos: z.array(z.string()),
});

export const publicReportSchema = publicReportSummarySchema.extend({
  description: z.string(),
  answers: z.array(z.object({ label: z.string(), value: z.string() })),
  address: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string(), shortName: z.string() }),
  task: z.object({ code: z.string(), ref: z.string(), title: z.string() }).nullable(),
  dueOn: isoDateSchema,
  closedAt: z.string().nullable(),
  /** A closed-as-fixed report the reporter may still reopen, until then. */
  reopenUntil: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  /** Public photo addresses (shown once staff accepted the report). */
  photos: z.array(z.string()),
  timeline: z.array(publicTimelineEntrySchema),
});
export type PublicReport = z.infer<typeof publicReportSchema>;

/** GeoJSON of the public map: open reports and those closed in the last 30 days. */
export const publicReportMapSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        code: z.string(),
        category: z.string(),
        categoryName: z.string(),
        status: reportStatusSchema,
        statusLabel: z.string(),
        open: z.boolean(),
        approximate: z.boolean(),
      }),
    }),
  ),
});

export const reporterAddSchema = z.object({
  reporterKey: reporterKeySchema,
  text: boundedText({ min: 1, max: 4000, multiline: true }),
});
export const reporterReopenSchema = z.object({
  reporterKey: reporterKeySchema,
  reason: boundedText({ min: 5, max: 2000, multiline: true }),
});

// ---------------------------------------------------------------------------------------------
// Staff: inbox, one report, actions

export const feedbackQueueSchema = z.enum(["all", "new", "open", "due_soon", "overdue", "closed", "mine"]);
export type FeedbackQueue = z.infer<typeof feedbackQueueSchema>;

export const staffReportListQuerySchema = z.object({
  queue: feedbackQueueSchema.default("open"),
  status: reportStatusSchema.optional(),
  category: z.uuid().optional(),
  unit: z.uuid().optional(),
  residentialGroup: z.uuid().optional(),
  q: boundedText({ max: 100 }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type StaffReportListQuery = z.infer<typeof staffReportListQuerySchema>;

const refSchema = z.object({ id: z.uuid(), name: z.string() });

export const staffReportSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  category: refSchema.extend({ code: z.string() }),
  description: z.string(),
  status: reportStatusSchema,
  statusLabel: z.string(),
  unit: refSchema,
  assignee: refSchema.nullable(),
  residentialGroup: refSchema.nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  dueOn: isoDateSchema,
  late: z.boolean(),
  dueSoon: z.boolean(),
  source: z.enum(["web", "open311", "staff"]),
  sensitive: z.boolean(),
});
export type StaffReportSummary = z.infer<typeof staffReportSummarySchema>;

export const staffReportListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({
    new: z.number().int(),
    open: z.number().int(),
    dueSoon: z.number().int(),
    overdue: z.number().int(),
  }),
  reports: z.array(staffReportSummarySchema),
});
export type StaffReportList = z.infer<typeof staffReportListSchema>;

export const staffUpdateSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.enum([
    "submitted",
    "status",
    "response",
    "note",
    "reporter_info",
    "reopened",
    "assigned",
    "recategorised",
    "moved",
    "merged",
  ]),
  statusFrom: reportStatusSchema.nullable(),
  statusTo: reportStatusSchema.nullable(),
  text: z.string().nullable(),
  isPublic: z.boolean(),
  author: z.string(),
  photos: z.array(z.object({ id: z.uuid(), url: z.string() })),
});

export const reporterContactSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notify: z.boolean(),
  consentedAt: z.string().nullable(),
  erasedAt: z.string().nullable(),
});
export type ReporterContact = z.infer<typeof reporterContactSchema>;

export const staffReportDetailSchema = staffReportSummarySchema.extend({
  version: z.number().int(),
  answers: z.array(z.object({ code: z.string(), label: z.string(), value: z.string() })),
  locationSource: z.enum(["device", "map", "none"]),
  duplicateOf: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  duplicates: z.array(z.object({ id: z.uuid(), code: z.string() })),
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), hidden: z.boolean() })),
  /** Only for staff who handle it (office, leaders, the handling unit): null for the others. */
  contact: reporterContactSchema.nullable(),
  updates: z.array(staffUpdateSchema),
  /** What this viewer may do. */
  can: z.object({ triage: z.boolean(), handle: z.boolean() }),
  task: z.object({ code: z.string(), ref: z.string(), title: z.string() }).nullable(),
});
export type StaffReportDetail = z.infer<typeof staffReportDetailSchema>;

const responseText = boundedText({ min: 1, max: 4000, multiline: true });

/** One triage or handling act on a report; every one carries the version the officer saw. */
export const reportActionSchema = z.discriminatedUnion("action", [
  /** Tiếp nhận: the report is the ward's to handle. */
  z.object({
    action: z.literal("accept"),
    version: versionSchema,
    response: responseText.optional(),
    /** The report's residential group, set in the same act (a pin alone names none). */
    residentialGroupId: z.uuid().optional(),
  }),
  /** Not in the ward's remit: closed as not_responsible (or referred), with the answer to the resident. */
  z.object({
    action: z.literal("reject"),
    version: versionSchema,
    status: z.enum(["not_responsible", "internal_referral"]).default("not_responsible"),
    response: responseText,
  }),
  /** Trùng: closed as a duplicate of another report; its reporter follows that one. */
  z.object({ action: z.literal("duplicate"), version: versionSchema, of: trackingCodeSchema }),
  z.object({ action: z.literal("recategorise"), version: versionSchema, categoryId: z.uuid() }),
  z.object({
    action: z.literal("move"),
    version: versionSchema,
    lat: latitudeSchema.nullable(),
    lng: longitudeSchema.nullable(),
    residentialGroupId: z.uuid().nullable(),
    address: boundedText({ max: 300 }).nullable(),
  }),
  z.object({ action: z.literal("assign"), version: versionSchema, unitId: z.uuid(), userId: z.uuid().nullable() }),
  z.object({
    action: z.literal("status"),
    version: versionSchema,
    status: reportStatusSchema,
    response: responseText.optional(),
  }),
  /** A public response without a change of state. */
  z.object({ action: z.literal("respond"), version: versionSchema, response: responseText }),
  /** Ghi chú nội bộ: staff only, never public. */
  z.object({ action: z.literal("note"), version: versionSchema, text: responseText }),
  z.object({ action: z.literal("sensitive"), version: versionSchema, sensitive: z.boolean() }),
  /** Hide a photo from the public (a face, a number plate) or show it again. */
  z.object({ action: z.literal("photo"), version: versionSchema, fileId: z.uuid(), hidden: z.boolean() }),
]);
export type ReportAction = z.infer<typeof reportActionSchema>;

// ---------------------------------------------------------------------------------------------
// Staff: categories, routing, templates, dashboard, keys, privacy

export const categorySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  group: z.string(),
  keywords: z.string(),
  questions: z.array(categoryQuestionSchema),
  slaDays: z.number().int(),
  unit: refSchema,
  task: z.object({ id: z.uuid(), code: z.string(), title: z.string() }).nullable(),
  /** The indicator confirmed reports count toward (straw burning). */
  indicator: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  sensitive: z.boolean(),
  active: z.boolean(),
  /** Per residential group, another handling unit than the category's. */
  routes: z.array(z.object({ residentialGroup: refSchema, unit: refSchema })),
  version: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryListSchema = z.object({ categories: z.array(categorySchema) });

export const saveCategorySchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Mã loại: chữ thường không dấu, số, gạch nối"),
  name: boundedText({ min: 1, max: 120 }),
  description: boundedText({ max: 1000, multiline: true }).default(""),
  group: boundedText({ min: 1, max: 80 }),
  keywords: boundedText({ max: 300 }).default(""),
  questions: z.array(categoryQuestionSchema).max(10).default([]),
  slaDays: z.number().int().min(1).max(90),
  unitId: z.uuid(),
  taskId: z.uuid().nullable().default(null),
  indicatorId: z.uuid().nullable().default(null),
  sensitive: z.boolean().default(false),
  active: z.boolean().default(true),
  routes: z
    .array(z.object({ residentialGroupId: z.uuid(), unitId: z.uuid() }))
    .max(200)
    .default([]),
});
export type SaveCategory = z.infer<typeof saveCategorySchema>;
export const editCategorySchema = saveCategorySchema.extend({ version: versionSchema });

export const responseTemplateSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  text: z.string(),
  /** The state it is offered with (null: any). */
  status: reportStatusSchema.nullable(),
  active: z.boolean(),
});
export const responseTemplateListSchema = z.object({ templates: z.array(responseTemplateSchema) });
export const saveResponseTemplateSchema = z.object({
  title: boundedText({ min: 1, max: 120 }),
  text: boundedText({ min: 1, max: 4000, multiline: true }),
  status: reportStatusSchema.nullable().default(null),
  active: z.boolean().default(true),
});

export const feedbackStatsQuerySchema = z.object({
  from: boundedDateSchema.optional(),
  to: boundedDateSchema.optional(),
});
const countRow = z.object({
  key: z.string(),
  label: z.string(),
  open: z.number().int(),
  closed: z.number().int(),
  late: z.number().int(),
});
export const feedbackStatsSchema = z.object({
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Median days from submission to closing, of reports closed in the window. */
  medianDaysToClose: z.number().nullable(),
  byStatus: z.array(z.object({ status: reportStatusSchema, label: z.string(), count: z.number().int() })),
  byCategory: z.array(countRow),
  byUnit: z.array(countRow),
  byResidentialGroup: z.array(countRow),
  points: z.array(
    z.object({
      code: z.string(),
      id: z.uuid(),
      lat: z.number(),
      lng: z.number(),
      status: reportStatusSchema,
      category: z.string(),
    }),
  ),
});
export type FeedbackStats = z.infer<typeof feedbackStatsSchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters, to tell keys apart; the key itself is shown once, at creation. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });
export const createApiKeySchema = z.object({ name: boundedText({ min: 1, max: 120 }) });
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });

/** One person, by the contact they left: their data (export) or its erasure. */
export const personQuerySchema = z
  .object({
    email: z.email().max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .-]{8,20}$/)
      .optional(),
  })
  .refine((v) => v.email || v.phone, { message: "Nhập email hoặc số điện thoại của người phản ánh" });
export const personDataSchema = z.object({
  reports: z.array(
    z.object({
      code: z.string(),
      createdAt: z.string(),
      category: z.string(),
      description: z.string(),
      status: reportStatusSchema,
      contact: reporterContactSchema,
      additions: z.array(z.object({ at: z.string(), text: z.string().nullable() })),
    }),
  ),
});
export const personErasedSchema = z.object({ reports: z.number().int() });
