import { z } from "zod";
import {
  auditListSchema,
  cityDashboardSchema,
  currentUserSchema,
  dashboardSchema,
  documentDetailSchema,
  documentListSchema,
  fileRefSchema,
  importResultSchema,
  filePublicStateSchema,
  indicatorDetailSchema,
  indicatorTaskLinksSchema,
  taskIndicatorLinksSchema,
  indicatorSummarySchema,
  myWorkSchema,
  notificationSchema,
  okSchema,
  recoveryCodesSchema,
  secondFactorSetupSchema,
  secondFactorStatusSchema,
  sessionListSchema,
  systemStatusSchema,
  taskDetailSchema,
  taskListSchema,
  taskStatusSchema,
  unitSchema,
  userSummarySchema,
  openWardResultSchema,
  wardListSchema,
  reportPeriodDetailSchema,
  reportPeriodListSchema,
  reportingSettingsSchema,
  sentWardReportSchema,
  unitReportDetailSchema,
  wardReportSchema,
  type AssignTask,
  type ChangePasswordRequest,
  type SecondFactorProof,
  type CreateUnitRequest,
  type CreateUserRequest,
  type CreateWardRequest,
  type DocumentListRequest,
  type EditDocument,
  type EditIndicator,
  type EditTask,
  type RecordMeasurement,
  type SetDocumentLinks,
  type TaskListQuery,
  type UpdateUnitRequest,
  type UpdateUserRequest,
  type OpenPeriod,
  type ReportingSettings,
  acceptUnitReportSchema,
  returnUnitReportSchema,
  saveUnitReportSchema,
  saveWardReportSchema,
  sendWardReportSchema,
  submitUnitReportSchema,
  viewWardResultSchema,
  apiKeyListSchema,
  categoryListSchema,
  categorySchema,
  createdApiKeySchema,
  feedbackStatsSchema,
  personDataSchema,
  personErasedSchema,
  responseTemplateListSchema,
  responseTemplateSchema,
  staffReportDetailSchema,
  staffReportListSchema,
  type ReportAction,
  type staffReportListQuerySchema,
  type saveCategorySchema,
  type editCategorySchema,
  type saveResponseTemplateSchema,
  certificateApplicationSchema,
  eligibleSeasonSchema,
  farmSchema,
  greenCertificateSchema,
  greenCriteriaSchema,
  ocopProductSchema,
  type ApplyForCertificate,
  type RevokeCertificate,
  type SaveGreenCriteria,
  type SaveOcopProduct,
  type approveApplicationSchema,
  type rejectApplicationSchema,
} from "@phuong-xanh/shared";
import { apiGet, apiSend, apiUpload, ignoreBody, rememberCsrfToken } from "./api";

/**
 * Every staff endpoint the web app calls, each validated with the shared zod schema. The list
 * envelopes (`{units: …}`) are built here from the shared item schemas, not re-declared.
 */
const unitListSchema = z.object({ units: z.array(unitSchema) });
const statusListSchema = z.object({ statuses: z.array(taskStatusSchema) });
const indicatorListSchema = z.object({
  indicators: z.array(indicatorSummarySchema),
});
const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
});
const fileListSchema = z.object({ files: z.array(fileRefSchema) });
const userListSchema = z.object({ users: z.array(userSummarySchema) });

/** Request bodies of the reporting endpoints (the shared package names only some of them). */
export type SaveUnitReport = z.infer<typeof saveUnitReportSchema>;
export type SubmitUnitReport = z.infer<typeof submitUnitReportSchema>;
export type ReturnUnitReport = z.infer<typeof returnUnitReportSchema>;
export type AcceptUnitReport = z.infer<typeof acceptUnitReportSchema>;
export type SaveWardReport = z.infer<typeof saveWardReportSchema>;
export type SendWardReport = z.infer<typeof sendWardReportSchema>;

/** Phản ánh: the inbox's query (every field optional, as typed) and the settings' bodies. */
export type FeedbackListQuery = Omit<z.input<typeof staffReportListQuerySchema>, "page" | "pageSize"> & {
  page?: number;
  pageSize?: number;
};
export type FeedbackStatsQuery = { from?: string; to?: string };
export type SaveFeedbackCategory = z.input<typeof saveCategorySchema>;
export type EditFeedbackCategory = z.input<typeof editCategorySchema>;
export type SaveResponseTemplate = z.input<typeof saveResponseTemplateSchema>;
export type FeedbackPersonQuery = { email?: string; phone?: string };

/** Chứng nhận sản phẩm xanh: the review bodies (the shared package names only their schemas). */
export type ApproveApplication = z.input<typeof approveApplicationSchema>;
export type RejectApplication = z.input<typeof rejectApplicationSchema>;

export type ImportMode = "all_or_nothing" | "valid_rows";
/** Bytes of an upload sent so far, out of its total. */
export type UploadProgress = (sent: number, total: number) => void;

export const api = {
  me: async () => {
    const user = await apiGet("/api/auth/me", currentUserSchema);
    rememberCsrfToken(user.csrfToken);
    return user;
  },
  logout: () => apiSend("POST", "/api/auth/logout", ignoreBody),

  /** The profile page (Hồ sơ): own sessions, password, second factor. */
  sessions: async () => (await apiGet("/api/auth/sessions", sessionListSchema)).sessions,
  revokeSession: (id: string) => apiSend("DELETE", `/api/auth/sessions/${encodeURIComponent(id)}`, okSchema),
  /** Every session ends; this browser gets a new one (new CSRF token). */
  changePassword: async (body: ChangePasswordRequest) => {
    const user = await apiSend("POST", "/api/auth/password", currentUserSchema, body);
    rememberCsrfToken(user.csrfToken);
    return user;
  },
  secondFactor: () => apiGet("/api/auth/second-factor", secondFactorStatusSchema),
  setupSecondFactor: () => apiSend("POST", "/api/auth/second-factor/setup", secondFactorSetupSchema),
  confirmSecondFactor: async (code: string) =>
    (await apiSend("POST", "/api/auth/second-factor/confirm", recoveryCodesSchema, { code })).recoveryCodes,
  disableSecondFactor: (proof: SecondFactorProof) =>
    apiSend("POST", "/api/auth/second-factor/disable", okSchema, proof),
  regenerateRecoveryCodes: async (proof: SecondFactorProof) =>
    (await apiSend("POST", "/api/auth/second-factor/recovery-codes", recoveryCodesSchema, proof)).recoveryCodes,

  /** Every unit of the ward, inactive ones too: pick lists keep only the active (`activeUnits`). */
  units: async () => (await apiGet("/api/units", unitListSchema)).units,
  wards: async () => (await apiGet("/api/wards", wardListSchema)).wards,
  openWard: (body: CreateWardRequest) => apiSend("POST", "/api/wards", openWardResultSchema, body),
  createUnit: (body: CreateUnitRequest) => apiSend("POST", "/api/units", unitSchema, body),
  updateUnit: (id: string, body: UpdateUnitRequest) =>
    apiSend("PATCH", `/api/units/${encodeURIComponent(id)}`, unitSchema, body),
  statuses: async () => (await apiGet("/api/task-statuses", statusListSchema)).statuses,

  tasks: (query: TaskListQuery) => apiGet("/api/tasks", taskListSchema, { ...query }),
  task: (id: string) => apiGet(`/api/tasks/${encodeURIComponent(id)}`, taskDetailSchema),
  editTask: (id: string, body: EditTask) =>
    apiSend("PATCH", `/api/tasks/${encodeURIComponent(id)}`, taskDetailSchema, body),
  assignTask: (id: string, body: AssignTask) =>
    apiSend("PUT", `/api/tasks/${encodeURIComponent(id)}/assignment`, taskDetailSchema, body),
  postTaskUpdate: (id: string, form: FormData) =>
    apiUpload(`/api/tasks/${encodeURIComponent(id)}/updates`, form, taskDetailSchema),
  /** The indicators a task moves, linked and unlinked by its owner unit or the plan's managers. */
  taskIndicators: (id: string) => apiGet(`/api/tasks/${encodeURIComponent(id)}/indicators`, taskIndicatorLinksSchema),
  linkTaskIndicator: (id: string, indicatorId: string) =>
    apiSend(
      "PUT",
      `/api/tasks/${encodeURIComponent(id)}/indicators/${encodeURIComponent(indicatorId)}`,
      taskIndicatorLinksSchema,
    ),
  unlinkTaskIndicator: (id: string, indicatorId: string) =>
    apiSend(
      "DELETE",
      `/api/tasks/${encodeURIComponent(id)}/indicators/${encodeURIComponent(indicatorId)}`,
      taskIndicatorLinksSchema,
    ),
  /** Publishes (or withdraws) an evidence photo of the task's updates on its public page. */
  setTaskFilePublic: (id: string, fileId: string, isPublic: boolean) =>
    apiSend(
      "PUT",
      `/api/tasks/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}/public`,
      filePublicStateSchema,
      { isPublic },
    ),
  taskHistory: async (id: string) =>
    (await apiGet(`/api/tasks/${encodeURIComponent(id)}/history`, auditListSchema)).entries,
  importTasks: (form: FormData, mode: ImportMode, onProgress?: UploadProgress) =>
    apiUpload("/api/tasks/import", form, importResultSchema, { mode }, onProgress),

  myWork: () => apiGet("/api/my-work", myWorkSchema),
  dashboard: () => apiGet("/api/dashboard", dashboardSchema),

  indicators: async () => (await apiGet("/api/indicators", indicatorListSchema)).indicators,
  indicator: (id: string) => apiGet(`/api/indicators/${encodeURIComponent(id)}`, indicatorDetailSchema),
  editIndicator: (id: string, body: EditIndicator) =>
    apiSend("PATCH", `/api/indicators/${encodeURIComponent(id)}`, indicatorDetailSchema, body),
  recordMeasurement: (id: string, body: RecordMeasurement) =>
    apiSend("POST", `/api/indicators/${encodeURIComponent(id)}/measurements`, indicatorDetailSchema, body),
  attachMeasurementFiles: async (measurementId: string, form: FormData) =>
    (await apiUpload(`/api/measurements/${encodeURIComponent(measurementId)}/files`, form, fileListSchema)).files,
  indicatorTasks: (id: string) => apiGet(`/api/indicators/${encodeURIComponent(id)}/tasks`, indicatorTaskLinksSchema),
  indicatorHistory: async (id: string) =>
    (await apiGet(`/api/indicators/${encodeURIComponent(id)}/history`, auditListSchema)).entries,
  importIndicator: (id: string, form: FormData, mode: ImportMode, onProgress?: UploadProgress) =>
    apiUpload(`/api/indicators/${encodeURIComponent(id)}/import`, form, importResultSchema, { mode }, onProgress),

  notifications: async () => (await apiGet("/api/notifications", notificationListSchema)).notifications,
  markNotificationRead: (id: string) =>
    apiSend("POST", `/api/notifications/${encodeURIComponent(id)}/read`, ignoreBody),

  users: async () => (await apiGet("/api/users", userListSchema)).users,
  createUser: (body: CreateUserRequest) => apiSend("POST", "/api/users", userSummarySchema, body),
  updateUser: (id: string, body: UpdateUserRequest) =>
    apiSend("PATCH", `/api/users/${encodeURIComponent(id)}`, userSummarySchema, body),
  resetSecondFactor: (id: string) =>
    apiSend("POST", `/api/users/${encodeURIComponent(id)}/second-factor/reset`, userSummarySchema),

  systemStatus: () => apiGet("/api/system/status", systemStatusSchema),

  /** Báo cáo định kỳ: periods, the units' reports, the ward's compiled report, the ward's rules. */
  reportPeriods: () => apiGet("/api/reports/periods", reportPeriodListSchema),
  openReportPeriod: (body: OpenPeriod) => apiSend("POST", "/api/reports/periods", reportPeriodDetailSchema, body),
  reportPeriod: (code: string) => apiGet(`/api/reports/periods/${encodeURIComponent(code)}`, reportPeriodDetailSchema),
  lockReportPeriod: (code: string) =>
    apiSend("POST", `/api/reports/periods/${encodeURIComponent(code)}/lock`, reportPeriodDetailSchema),
  unitReport: (id: string) => apiGet(`/api/reports/unit-reports/${encodeURIComponent(id)}`, unitReportDetailSchema),
  saveUnitReport: (id: string, body: SaveUnitReport) =>
    apiSend("PUT", `/api/reports/unit-reports/${encodeURIComponent(id)}`, unitReportDetailSchema, body),
  submitUnitReport: (id: string, body: SubmitUnitReport) =>
    apiSend("POST", `/api/reports/unit-reports/${encodeURIComponent(id)}/submit`, unitReportDetailSchema, body),
  returnUnitReport: (id: string, body: ReturnUnitReport) =>
    apiSend("POST", `/api/reports/unit-reports/${encodeURIComponent(id)}/return`, unitReportDetailSchema, body),
  acceptUnitReport: (id: string, body: AcceptUnitReport) =>
    apiSend("POST", `/api/reports/unit-reports/${encodeURIComponent(id)}/accept`, unitReportDetailSchema, body),
  attachUnitReportFiles: (id: string, form: FormData, onProgress?: UploadProgress) =>
    apiUpload(
      `/api/reports/unit-reports/${encodeURIComponent(id)}/files`,
      form,
      unitReportDetailSchema,
      undefined,
      onProgress,
    ),
  wardReport: (code: string) =>
    apiGet(`/api/reports/periods/${encodeURIComponent(code)}/ward-report`, wardReportSchema),
  compileWardReport: (code: string) =>
    apiSend("POST", `/api/reports/periods/${encodeURIComponent(code)}/ward-report/compile`, wardReportSchema),
  saveWardReport: (code: string, body: SaveWardReport) =>
    apiSend("PUT", `/api/reports/periods/${encodeURIComponent(code)}/ward-report`, wardReportSchema, body),
  sendWardReport: (code: string, body: SendWardReport) =>
    apiSend("POST", `/api/reports/periods/${encodeURIComponent(code)}/ward-report/send`, sentWardReportSchema, body),
  reportingSettings: () => apiGet("/api/reports/settings", reportingSettingsSchema),
  saveReportingSettings: (body: ReportingSettings) =>
    apiSend("PUT", "/api/reports/settings", reportingSettingsSchema, body),
  /** Sổ văn bản: the register, one page at a time; the form is multipart (fields and an optional `file`). */
  documents: (query: DocumentListRequest) => apiGet("/api/documents", documentListSchema, { ...query }),
  document: (id: string) => apiGet(`/api/documents/${encodeURIComponent(id)}`, documentDetailSchema),
  registerDocument: (form: FormData) => apiUpload("/api/documents", form, documentDetailSchema),
  editDocument: (id: string, body: EditDocument) =>
    apiSend("PATCH", `/api/documents/${encodeURIComponent(id)}`, documentDetailSchema, body),
  setDocumentLinks: (id: string, body: SetDocumentLinks) =>
    apiSend("PUT", `/api/documents/${encodeURIComponent(id)}/links`, documentDetailSchema, body),
  documentHistory: async (id: string) =>
    (await apiGet(`/api/documents/${encodeURIComponent(id)}/history`, auditListSchema)).entries,

  /** Thành phố: every ward compared; a city account chooses the ward its reads show (null: its own). */
  cityDashboard: () => apiGet("/api/city/dashboard", cityDashboardSchema),
  viewWard: (code: string | null) => apiSend("POST", "/api/city/view-ward", viewWardResultSchema, { code }),

  /** Phản ánh, kiến nghị: the inbox, one report and what staff do to it, the dashboard, the settings. */
  feedbackReports: (query: FeedbackListQuery) => apiGet("/api/feedback/reports", staffReportListSchema, { ...query }),
  feedbackReport: (id: string) => apiGet(`/api/feedback/reports/${encodeURIComponent(id)}`, staffReportDetailSchema),
  feedbackAction: (id: string, body: ReportAction) =>
    apiSend("POST", `/api/feedback/reports/${encodeURIComponent(id)}/actions`, staffReportDetailSchema, body),
  feedbackStats: (query: FeedbackStatsQuery) => apiGet("/api/feedback/stats", feedbackStatsSchema, { ...query }),
  feedbackCategories: async () => (await apiGet("/api/feedback/categories", categoryListSchema)).categories,
  createFeedbackCategory: (body: SaveFeedbackCategory) =>
    apiSend("POST", "/api/feedback/categories", categorySchema, body),
  editFeedbackCategory: (id: string, body: EditFeedbackCategory) =>
    apiSend("PATCH", `/api/feedback/categories/${encodeURIComponent(id)}`, categorySchema, body),
  feedbackTemplates: async () => (await apiGet("/api/feedback/templates", responseTemplateListSchema)).templates,
  createFeedbackTemplate: (body: SaveResponseTemplate) =>
    apiSend("POST", "/api/feedback/templates", responseTemplateSchema, body),
  editFeedbackTemplate: (id: string, body: SaveResponseTemplate) =>
    apiSend("PATCH", `/api/feedback/templates/${encodeURIComponent(id)}`, responseTemplateSchema, body),
  feedbackApiKeys: async () => (await apiGet("/api/feedback/api-keys", apiKeyListSchema)).keys,
  /** The answer carries the key itself, shown this once. */
  createFeedbackApiKey: (name: string) => apiSend("POST", "/api/feedback/api-keys", createdApiKeySchema, { name }),
  revokeFeedbackApiKey: (id: string) =>
    apiSend("POST", `/api/feedback/api-keys/${encodeURIComponent(id)}/revoke`, ignoreBody),
  feedbackPerson: (query: FeedbackPersonQuery) => apiGet("/api/feedback/people", personDataSchema, query),
  eraseFeedbackPerson: (body: FeedbackPersonQuery) =>
    apiSend("POST", "/api/feedback/people/erase", personErasedSchema, body),

  /** Sổ cơ sở sản xuất nông nghiệp: the farms (for choosing an OCOP product's producer). */
  farms: () => apiGet("/api/agriculture/farms", z.array(farmSchema)),

  /** Chứng nhận sản phẩm xanh, sản phẩm OCOP (Phòng Kinh tế). */
  greenCriteria: () => apiGet("/api/certificates/criteria", greenCriteriaSchema.nullable()),
  saveGreenCriteria: (body: SaveGreenCriteria) =>
    apiSend("PUT", "/api/certificates/criteria", greenCriteriaSchema, body),
  eligibleSeasons: () => apiGet("/api/certificates/seasons", z.array(eligibleSeasonSchema)),
  certificateApplications: () => apiGet("/api/certificates/applications", z.array(certificateApplicationSchema)),
  certificateApplication: (id: string) =>
    apiGet(`/api/certificates/applications/${encodeURIComponent(id)}`, certificateApplicationSchema),
  applyForCertificate: (body: ApplyForCertificate) =>
    apiSend("POST", "/api/certificates/applications", certificateApplicationSchema, body),
  approveApplication: (id: string, body: ApproveApplication) =>
    apiSend(
      "POST",
      `/api/certificates/applications/${encodeURIComponent(id)}/approve`,
      certificateApplicationSchema,
      body,
    ),
  rejectApplication: (id: string, body: RejectApplication) =>
    apiSend(
      "POST",
      `/api/certificates/applications/${encodeURIComponent(id)}/reject`,
      certificateApplicationSchema,
      body,
    ),
  greenCertificates: () => apiGet("/api/certificates/certificates", z.array(greenCertificateSchema)),
  revokeCertificate: (id: string, body: RevokeCertificate) =>
    apiSend("POST", `/api/certificates/certificates/${encodeURIComponent(id)}/revoke`, greenCertificateSchema, body),
  ocopProducts: () => apiGet("/api/certificates/ocop-products", z.array(ocopProductSchema)),
  createOcopProduct: (body: SaveOcopProduct) =>
    apiSend("POST", "/api/certificates/ocop-products", ocopProductSchema, body),
  editOcopProduct: (id: string, body: SaveOcopProduct) =>
    apiSend("PUT", `/api/certificates/ocop-products/${encodeURIComponent(id)}`, ocopProductSchema, body),
};

/** Download links: plain GETs the browser follows with the session cookie. */
export const downloads = {
  file: (id: string) => `/api/files/${encodeURIComponent(id)}`,
  tasksXlsx: "/api/tasks/export.xlsx",
  tasksCsv: "/api/tasks/export.csv",
  planDocx: "/api/plan/export.docx",
  indicatorXlsx: (id: string) => `/api/indicators/${encodeURIComponent(id)}/export.xlsx`,
  indicatorCsv: (id: string) => `/api/indicators/${encodeURIComponent(id)}/export.csv`,
  indicatorTemplate: (id: string, period: string) =>
    `/api/indicators/${encodeURIComponent(id)}/template.xlsx?period=${encodeURIComponent(period)}`,
  unitReport: (id: string, format: "docx" | "xlsx") =>
    `/api/reports/unit-reports/${encodeURIComponent(id)}/export.${format}`,
  /** The current version, or version `version`. */
  wardReport: (code: string, format: "docx" | "xlsx", version?: number) =>
    `/api/reports/periods/${encodeURIComponent(code)}/ward-report/export.${format}${version === undefined ? "" : `?version=${version}`}`,
  documentFile: (id: string) => `/api/documents/${encodeURIComponent(id)}/file`,
  documentsXlsx: "/api/documents/export.xlsx",
  /** The inbox as a file: the same query as the list. */
  feedbackCsv: "/api/feedback/export.csv",
  feedbackXlsx: "/api/feedback/export.xlsx",
};

export const queryKeys = {
  me: ["me"] as const,
  units: ["units"] as const,
  wards: ["wards"] as const,
  statuses: ["task-statuses"] as const,
  tasks: (query: TaskListQuery) => ["tasks", query] as const,
  allTasks: ["tasks"] as const,
  task: (id: string) => ["task", id] as const,
  taskHistory: (id: string) => ["task", id, "history"] as const,
  taskIndicators: (id: string) => ["task", id, "indicators"] as const,
  myWork: ["my-work"] as const,
  dashboard: ["dashboard"] as const,
  indicators: ["indicators"] as const,
  indicator: (id: string) => ["indicator", id] as const,
  indicatorHistory: (id: string) => ["indicator", id, "history"] as const,
  indicatorTasks: (id: string) => ["indicator", id, "tasks"] as const,
  notifications: ["notifications"] as const,
  users: ["users"] as const,
  sessions: ["sessions"] as const,
  secondFactor: ["second-factor"] as const,
  systemStatus: ["system-status"] as const,
  reportPeriods: ["report-periods"] as const,
  reportPeriod: (code: string) => ["report-period", code] as const,
  allUnitReports: ["unit-report"] as const,
  unitReport: (id: string) => ["unit-report", id] as const,
  wardReport: (code: string) => ["ward-report", code] as const,
  reportingSettings: ["reporting-settings"] as const,
  documents: (query: DocumentListRequest) => ["documents", query] as const,
  allDocuments: ["documents"] as const,
  document: (id: string) => ["document", id] as const,
  documentHistory: (id: string) => ["document", id, "history"] as const,
  cityDashboard: ["city-dashboard"] as const,
  /** Every inbox page, and the menu's counts (a one-line page of the same list). */
  allFeedbackReports: ["feedback-reports"] as const,
  feedbackReports: (query: FeedbackListQuery) => ["feedback-reports", query] as const,
  feedbackReport: (id: string) => ["feedback-report", id] as const,
  allFeedbackStats: ["feedback-stats"] as const,
  feedbackStats: (query: FeedbackStatsQuery) => ["feedback-stats", query] as const,
  feedbackCategories: ["feedback-categories"] as const,
  feedbackTemplates: ["feedback-templates"] as const,
  feedbackApiKeys: ["feedback-api-keys"] as const,
  farms: ["farms"] as const,
  greenCriteria: ["green-criteria"] as const,
  eligibleSeasons: ["certificate-seasons"] as const,
  certificateApplications: ["certificate-applications"] as const,
  certificateApplication: (id: string) => ["certificate-application", id] as const,
  greenCertificates: ["green-certificates"] as const,
  ocopProducts: ["ocop-products"] as const,
};
