import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  MAX_REPORT_PHOTOS,
  nearbyQuerySchema,
  nearbyReportsSchema,
  portalQuerySchema,
  publicCategoryListSchema,
  publicFileParamsSchema,
  publicReportListQuerySchema,
  publicReportListSchema,
  publicReportMapSchema,
  publicReportSchema,
  reporterAddSchema,
  reporterReopenSchema,
  submitReportSchema,
  submittedReportSchema,
  trackingCodeParamsSchema,
  type PublicLanguage,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { notFound } from "../../lib/errors.js";
import { readMultipart } from "../../lib/http.js";
import { serveSnapshot, snapshotsOf, stableQuery } from "../../lib/snapshots.js";
import { etagMatches } from "../snapshots/service.js";
import { checkPhotos } from "../files/photos.js";
import { kickMail } from "./routes.js";
import {
  buildPublicCategories,
  buildPublicReport,
  buildPublicReportList,
  buildPublicReportMap,
  nearbyReports,
  readPublicReportPhoto,
} from "./public.js";
import { addReporterInformation, cachedRefs, reopenByReporter, reportByCode, submitReport } from "./service.js";

/** A photo of a report may be hidden later (a face): a day in shared caches, as task photos. */
const PUBLIC_PHOTO_CACHE = "public, max-age=86400, stale-while-revalidate=3600";
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;
const REPORT_PHOTOS = { count: MAX_REPORT_PHOTOS, of: "một phản ánh" };

/** The device id the report page keeps (x-device-id), if well formed. */
export function deviceIdOf(request: FastifyRequest): string | null {
  const value = request.headers["x-device-id"];
  return typeof value === "string" && DEVICE_ID.test(value) ? value : null;
}

/** Which ward a tracking code belongs to: codes never move, so the answer is remembered. */
class CodeWards {
  private readonly known = new Map<string, string>();
  constructor(private readonly max = 50_000) {}
  async wardOf(ctx: AppContext, code: string): Promise<string | null> {
    const hit = this.known.get(code);
    if (hit) return hit;
    const report = await reportByCode(ctx.db, code);
    if (!report) return null;
    if (this.known.size >= this.max) this.known.delete(this.known.keys().next().value as string);
    this.known.set(code, report.wardId);
    return report.wardId;
  }
}

export const feedbackPublicRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, store, config } = ctx;
  const codeWards = new CodeWards();
  // The key rides in the fragment: a browser never sends it, so it reaches no access log or proxy.
  const followPath = (code: string, key: string, wardCode: string) => `/phan-anh/${code}?ward=${wardCode}#k=${key}`;

  app.get(
    "/api/public/feedback/categories",
    {
      config: { public: true },
      schema: {
        tags: ["feedback"],
        summary: "Các loại phản ánh của phường, câu hỏi bổ sung của từng loại, tổ dân phố (trang gửi phản ánh)",
        querystring: portalQuerySchema,
        response: { 200: publicCategoryListSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: "feedback:categories",
        visibility: "public",
        build: async ({ ward }) => ({
          json: await buildPublicCategories(db, ward, config.feedbackContactRetentionDays),
        }),
      }),
  );

  app.get(
    "/api/public/feedback/nearby",
    {
      config: { public: true },
      schema: {
        tags: ["feedback"],
        summary: "Phản ánh cùng loại đang xử lý ở gần (đã có người phản ánh: theo dõi thay vì gửi mới)",
        querystring: nearbyQuerySchema,
        response: { 200: nearbyReportsSchema },
      },
    },
    async (request) => {
      const ward = await snapshotsOf(ctx).tracker.ward(request.query.ward);
      if (!ward) throw notFound("Không tìm thấy phường");
      return nearbyReports(db, ward.id, request.query.lang ?? "vi", request.query);
    },
  );

  app.post(
    "/api/public/feedback/reports",
    {
      config: {
        public: true,
        rateLimit: { max: config.feedbackSubmissionsPerAddressPerHour, timeWindow: "1 hour" },
      },
      schema: {
        tags: ["feedback"],
        summary:
          "Gửi phản ánh (multipart: các trường và tối đa 5 ảnh `photos`; không cần tài khoản). Trả mã theo dõi và khóa của người phản ánh",
        querystring: portalQuerySchema,
        consumes: ["multipart/form-data"],
        response: { 201: submittedReportSchema },
      },
    },
    async (request, reply) => {
      const ward = await snapshotsOf(ctx).tracker.ward(request.query.ward);
      if (!ward) throw notFound("Không tìm thấy phường");
      const { fields, files } = await readMultipart(request, submitReportSchema, "photos");
      const photos = await checkPhotos(files, config.feedbackPhotoBytes, REPORT_PHOTOS);
      const { report, reporterKey } = await submitReport(
        { db, store, wardId: ward.id, retentionDays: config.feedbackContactRetentionDays },
        { source: "web", deviceId: deviceIdOf(request) },
        fields,
        photos,
      );
      const unit = (await cachedRefs(db, ward.id)).units.get(report.unitId);
      return reply.code(201).send({
        code: report.code,
        reporterKey,
        followPath: followPath(report.code, reporterKey, ward.code),
        status: "new",
        dueOn: report.dueOn,
        unit: { code: unit?.code ?? "", name: unit?.name ?? "", shortName: unit?.shortName ?? "" },
      });
    },
  );

  app.get(
    "/api/public/feedback/reports",
    {
      config: { public: true },
      schema: {
        tags: ["feedback"],
        summary: "Danh sách phản ánh công khai (không có thông tin người phản ánh)",
        querystring: publicReportListQuerySchema,
        response: { 200: publicReportListSchema },
      },
    },
    async (request, reply) => {
      const { ward, lang, ...query } = request.query;
      return serveSnapshot(ctx, request, reply, {
        ward,
        lang,
        key: `feedback:list:${stableQuery(query)}`,
        visibility: "public",
        build: async ({ ward: w, lang: l }) => ({ json: await buildPublicReportList(db, w.id, l, query) }),
      });
    },
  );

  app.get(
    "/api/public/feedback/map",
    {
      config: { public: true },
      schema: {
        tags: ["feedback"],
        summary: "Bản đồ phản ánh (GeoJSON): đang xử lý và mới đóng 30 ngày; vị trí nhạy cảm được làm mờ",
        querystring: portalQuerySchema,
        response: { 200: publicReportMapSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: "feedback:map",
        visibility: "public",
        build: async ({ ward, lang }) => ({ json: await buildPublicReportMap(db, ward.id, lang) }),
      }),
  );

  app.get(
    "/api/public/feedback/reports/:code",
    {
      config: { public: true },
      schema: {
        tags: ["feedback"],
        summary: "Theo dõi một phản ánh: trạng thái, đơn vị xử lý, hạn, diễn biến công khai",
        params: trackingCodeParamsSchema,
        querystring: portalQuerySchema,
        response: { 200: publicReportSchema },
      },
    },
    async (request, reply) => {
      const code = request.params.code;
      const wardId = request.query.ward ? undefined : await codeWards.wardOf(ctx, code);
      if (!request.query.ward && !wardId) throw notFound("Không tìm thấy phản ánh");
      return serveSnapshot(ctx, request, reply, {
        ward: wardId ? { id: wardId } : request.query.ward,
        lang: request.query.lang,
        key: `feedback:report:${code}`,
        visibility: "public",
        build: async ({ ward, lang }) => ({ json: await buildPublicReport(db, ward, lang, code) }),
      });
    },
  );

  app.post(
    "/api/public/feedback/reports/:code/information",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 hour" } },
      schema: {
        tags: ["feedback"],
        summary: "Người phản ánh bổ sung thông tin, ảnh (multipart: reporterKey, text, photos)",
        params: trackingCodeParamsSchema,
        querystring: portalQuerySchema,
        consumes: ["multipart/form-data"],
        response: { 200: publicReportSchema },
      },
    },
    async (request) => {
      const { fields, files } = await readMultipart(request, reporterAddSchema, "photos");
      const photos = await checkPhotos(files, config.feedbackPhotoBytes, REPORT_PHOTOS);
      const report = await addReporterInformation(
        db,
        store,
        request.params.code,
        fields.reporterKey,
        fields.text,
        photos,
      );
      return publicAnswer(report.wardId, report.code, request.query.lang);
    },
  );

  app.post(
    "/api/public/feedback/reports/:code/reopen",
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: "1 hour" } },
      schema: {
        tags: ["feedback"],
        summary: "Người phản ánh mở lại phản ánh đã báo xử lý xong (trong 30 ngày) nếu chưa được xử lý",
        params: trackingCodeParamsSchema,
        querystring: portalQuerySchema,
        body: reporterReopenSchema,
        response: { 200: publicReportSchema },
      },
    },
    async (request) => {
      const report = await reopenByReporter(db, request.params.code, request.body.reporterKey, request.body.reason);
      kickMail(ctx, request.log);
      return publicAnswer(report.wardId, report.code, request.query.lang);
    },
  );

  async function publicAnswer(wardId: string, code: string, lang: PublicLanguage = "vi") {
    const ward = await snapshotsOf(ctx).tracker.ward({ id: wardId });
    if (!ward) throw notFound();
    return buildPublicReport(db, { id: ward.id, code: ward.code }, lang, code);
  }

  app.get(
    "/api/public/feedback/photos/:id",
    {
      config: { public: true },
      schema: {
        tags: ["feedback"],
        summary: "Ảnh của phản ánh đã được tiếp nhận (ảnh đã bỏ siêu dữ liệu; cán bộ có thể ẩn)",
        params: publicFileParamsSchema,
        querystring: portalQuerySchema,
      },
    },
    async (request, reply) => {
      const ward = await snapshotsOf(ctx).tracker.ward(request.query.ward);
      if (!ward) throw notFound("Không tìm thấy phường");
      const file = await readPublicReportPhoto(db, store, ward.id, request.params.id);
      const etag = `"${file.sha256}"`;
      reply.header("cache-control", PUBLIC_PHOTO_CACHE).header("etag", etag);
      if (etagMatches(request.headers["if-none-match"], etag)) return reply.code(304).send();
      return reply.type(file.mimeType).send(file.bytes);
    },
  );
};
