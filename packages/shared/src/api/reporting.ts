import { z } from "zod";
import { valueKindSchema } from "../plan-template.js";
import { unitRefSchema } from "./common.js";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";
import { fileRefSchema } from "./tasks.js";

/**
 * Báo cáo định kỳ (Decree 09/2019): periods, the units' reports, the ward's compiled report.
 * Period codes: "2026-11", "2026-Q4", "2026-H1", "2026-9M", "2026"; thematic "CD-2026-01" and
 * ad hoc "DX-2026-01" reports carry their own window and deadlines.
 */
export const reportKindSchema = z.enum([
  "monthly",
  "quarterly",
  "six_month",
  "nine_month",
  "annual",
  "thematic",
  "ad_hoc",
]);
export const periodicReportKindSchema = z.enum(["monthly", "quarterly", "six_month", "nine_month", "annual"]);

export const reportPeriodCodeSchema = z
  .string()
  .regex(
    /^(\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H1|9M))?|(CD|DX)-\d{4}-\d{2,3})$/,
    "Mã kỳ báo cáo không hợp lệ (ví dụ: 2026-11, 2026-Q4, 2026-H1, 2026-9M, 2026)",
  );
export const periodCodeParamsSchema = z.object({ code: reportPeriodCodeSchema });

/** Dự thảo → Đã gửi → Trả lại (kèm ý kiến) → Đã gửi → Đã tiếp nhận. */
export const unitReportStatusSchema = z.enum(["draft", "submitted", "returned", "accepted"]);
export type UnitReportStatus = z.infer<typeof unitReportStatusSchema>;

const narrative = boundedText({ max: 20_000, multiline: true });

/** The four parts of a report's body (reference: documents.md). */
export const reportSectionsSchema = z.object({
  /** Kết quả thực hiện */
  results: narrative,
  /** Tồn tại, hạn chế và nguyên nhân */
  shortcomings: narrative,
  /** Nhiệm vụ trọng tâm kỳ tới */
  nextTasks: narrative,
  /** Đề xuất, kiến nghị */
  proposals: narrative,
});
export type ReportSections = z.infer<typeof reportSectionsSchema>;
export const REPORT_SECTION_KEYS = ["results", "shortcomings", "nextTasks", "proposals"] as const;

export const figureTaskSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  ref: z.string(),
  title: z.string(),
  section: z.string(),
  sector: z.string().nullable(),
  owner: unitRefSchema,
  deadline: z.string().nullable(),
  /** As of the window's end: the last update posted on or before it. */
  status: z.string(),
  statusLabel: z.string(),
  progress: z.number(),
  late: z.boolean(),
  updates: z.array(z.object({ reportedOn: z.string(), text: z.string(), progress: z.number() })),
});
export type FigureTask = z.infer<typeof figureTaskSchema>;

export const figureIndicatorSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  ref: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  /** "count": shown without decimals. Absent from figures locked before indicators had a kind. */
  valueKind: valueKindSchema.optional(),
  owner: unitRefSchema,
  baselineValue: z.number().nullable(),
  baselineYear: z.number().nullable(),
  targetValue: z.number(),
  targetYear: z.number(),
  /** The ward value of the latest measured period ending within the report's calendar span. */
  value: z.number().nullable(),
  valuePeriod: z.string().nullable(),
  status: z.string(),
  /** Ward values up to the report's end, for the trend chart. */
  series: z.array(z.object({ period: z.string(), value: z.number() })),
});
export type FigureIndicator = z.infer<typeof figureIndicatorSchema>;

export const figureCountSchema = z.object({ key: z.string(), label: z.string(), value: z.number() });

/** Số liệu của kỳ: computed from the data in the window, or frozen when the period was locked. */
export const reportFiguresSchema = z.object({
  asOf: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  tasks: z.array(figureTaskSchema),
  indicators: z.array(figureIndicatorSchema),
  counts: z.array(figureCountSchema),
});
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

/** A figure that changed after the period was locked: the locked value stays in the report. */
export const figureDifferenceSchema = z.object({
  kind: z.enum(["task", "indicator", "count"]),
  code: z.string(),
  label: z.string(),
  field: z.string(),
  locked: z.union([z.string(), z.number(), z.null()]),
  current: z.union([z.string(), z.number(), z.null()]),
});
export type FigureDifference = z.infer<typeof figureDifferenceSchema>;

export const reportEventSchema = z.object({
  action: z.string(),
  at: z.string(),
  by: z.string(),
  comment: z.string().nullable(),
});

export const unitReportStatusCountsSchema = z.object({
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  accepted: z.number(),
  late: z.number(),
});

export const reportPeriodSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: reportKindSchema,
  title: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  unitDeadline: z.string(),
  wardDeadline: z.string(),
  /** The window has not ended yet: figures are to date, and documents are marked as a draft. */
  inProgress: z.boolean(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  counts: unitReportStatusCountsSchema,
  wardReportVersion: z.number().nullable(),
  /** The registered outgoing document once the ward's report was sent. */
  sent: z.object({ documentId: z.uuid(), numberAndSymbol: z.string(), issuedOn: z.string() }).nullable(),
  /** The signed-in unit officer's own report in this period. */
  myReport: z.object({ id: z.uuid(), status: unitReportStatusSchema, late: z.boolean() }).nullable(),
});
export type ReportPeriodSummary = z.infer<typeof reportPeriodSummarySchema>;

export const reportPeriodListSchema = z.object({
  periods: z.array(reportPeriodSummarySchema),
  can: z.object({ manage: z.boolean() }),
});

export const unitReportRowSchema = z.object({
  id: z.uuid(),
  unit: unitRefSchema,
  status: unitReportStatusSchema,
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
});
export type UnitReportRow = z.infer<typeof unitReportRowSchema>;

export const reportPeriodDetailSchema = reportPeriodSummarySchema.extend({
  unitReports: z.array(unitReportRowSchema),
  can: z.object({ manage: z.boolean(), lock: z.boolean(), compile: z.boolean() }),
});
export type ReportPeriodDetail = z.infer<typeof reportPeriodDetailSchema>;

export const openPeriodSchema = z.union([
  z.object({ code: reportPeriodCodeSchema }),
  z.object({
    kind: z.enum(["thematic", "ad_hoc"]),
    title: boundedText({ min: 3, max: 300 }),
    windowStart: boundedDateSchema,
    windowEnd: boundedDateSchema,
    unitDeadline: boundedDateSchema,
    wardDeadline: boundedDateSchema,
    /** The units asked to report; all responsible units when absent. */
    unitIds: z.array(z.uuid()).max(200).optional(),
  }),
]);
export type OpenPeriod = z.infer<typeof openPeriodSchema>;

export const unitReportDetailSchema = z.object({
  id: z.uuid(),
  period: reportPeriodSummarySchema,
  unit: unitRefSchema,
  status: unitReportStatusSchema,
  late: z.boolean(),
  /** What the unit wrote; null for a part it has not written yet. */
  sections: z.object({
    results: z.string().nullable(),
    shortcomings: z.string().nullable(),
    nextTasks: z.string().nullable(),
    proposals: z.string().nullable(),
  }),
  /** Draft text suggested from the figures, which the unit may take and edit. */
  suggested: reportSectionsSchema,
  figures: reportFiguresSchema,
  /** After a lock: what changed in the data since (the report keeps the locked figures). */
  differences: z.array(figureDifferenceSchema),
  files: z.array(fileRefSchema),
  reviewComment: z.string().nullable(),
  history: z.array(reportEventSchema),
  version: z.number(),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
});
export type UnitReportDetail = z.infer<typeof unitReportDetailSchema>;

export const saveUnitReportSchema = z.object({ version: versionSchema, sections: reportSectionsSchema.partial() });
export const submitUnitReportSchema = z.object({ version: versionSchema });
export const returnUnitReportSchema = z.object({
  version: versionSchema,
  comment: boundedText({ min: 3, max: 4000, multiline: true }),
});
export const acceptUnitReportSchema = z.object({
  version: versionSchema,
  comment: boundedText({ max: 4000, multiline: true }).optional(),
});

export const signerSchema = z.object({
  prefix: z.enum(["", "TM.", "KT.", "TL.", "TUQ.", "Q."]),
  authorityTitle: boundedText({ max: 100 }),
  title: boundedText({ min: 1, max: 100 }),
  name: boundedText({ max: 100 }),
});
export type Signer = z.infer<typeof signerSchema>;

/** The ward's report as the Office edits it: narrative by sector (III) and by unit (V). */
export const wardReportContentSchema = z.object({
  summary: boundedText({ min: 3, max: 500 }),
  intro: narrative,
  sectors: z
    .array(z.object({ ref: boundedText({ max: 20 }), heading: boundedText({ max: 500 }), text: narrative }))
    .max(30),
  units: z.array(z.object({ unitId: z.uuid(), heading: boundedText({ max: 500 }), text: narrative })).max(100),
  shortcomings: narrative,
  nextTasks: narrative,
  proposals: narrative,
  signer: signerSchema,
  recipients: z
    .array(boundedText({ min: 1, max: 300 }))
    .min(1)
    .max(30),
});
export type WardReportContent = z.infer<typeof wardReportContentSchema>;

export const wardReportVersionSchema = z.object({
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  note: z.string().nullable(),
});

export const wardReportSchema = z.object({
  period: reportPeriodSummarySchema,
  /** Latest version, or null before the first compilation. */
  current: wardReportVersionSchema.extend({ content: wardReportContentSchema }).nullable(),
  versions: z.array(wardReportVersionSchema),
  acceptedUnits: z.array(unitRefSchema),
  pendingUnits: z.array(unitRefSchema),
  figures: reportFiguresSchema,
  differences: z.array(figureDifferenceSchema),
  can: z.object({ edit: z.boolean(), send: z.boolean() }),
});
export type WardReport = z.infer<typeof wardReportSchema>;

export const saveWardReportSchema = z.object({
  /** The version the edit started from: a newer one means someone else saved meanwhile (409). */
  baseVersion: z.number().int().min(0).max(1_000_000),
  content: wardReportContentSchema,
  note: boundedText({ max: 300 }).optional(),
});
export const sendWardReportSchema = z.object({ issuedOn: boundedDateSchema });
export const sentWardReportSchema = z.object({
  documentId: z.uuid(),
  numberAndSymbol: z.string(),
  issuedOn: z.string(),
});

export const holidayEntrySchema = z.object({ date: boundedDateSchema, name: boundedText({ min: 1, max: 200 }) });

const ruleSchema = z.object({
  cutoffDay: z.union([z.number().int().min(1).max(28), z.literal("end")]),
  unitDeadlineWorkingDays: z.number().int().min(0).max(30),
  wardDeadlineWorkingDays: z.number().int().min(0).max(30),
});

/** A ward's reporting rules: provinces set their own cut-offs and deadlines. */
export const reportingSettingsSchema = z.object({
  rules: z.object({
    monthly: ruleSchema,
    quarterly: ruleSchema,
    six_month: ruleSchema,
    nine_month: ruleSchema,
    annual: ruleSchema,
  }),
  /** Kinds of periodic report the units send (opened automatically when their window starts). */
  enabledKinds: z.array(periodicReportKindSchema).max(5),
  /** Days before the unit deadline when units are reminded. */
  remindDaysBefore: z.number().int().min(0).max(30),
  extraHolidays: z.array(holidayEntrySchema).max(100),
  extraWorkingDays: z.array(holidayEntrySchema).max(100),
  signer: signerSchema,
  recipients: z
    .array(boundedText({ min: 1, max: 300 }))
    .min(1)
    .max(30),
  version: z.number(),
});
export type ReportingSettings = z.infer<typeof reportingSettingsSchema>;
export const saveReportingSettingsSchema = reportingSettingsSchema;

export const lateReportSchema = z.object({
  periodCode: z.string(),
  periodTitle: z.string(),
  unitReportId: z.uuid(),
  unit: unitRefSchema,
  deadline: z.string(),
  status: unitReportStatusSchema,
});
export type LateReport = z.infer<typeof lateReportSchema>;
