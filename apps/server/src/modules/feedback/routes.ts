import type { FastifyBaseLogger } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  apiKeyListSchema,
  categoryListSchema,
  categorySchema,
  createApiKeySchema,
  createdApiKeySchema,
  editCategorySchema,
  feedbackStatsQuerySchema,
  feedbackStatsSchema,
  idParamsSchema,
  personDataSchema,
  personErasedSchema,
  personQuerySchema,
  reportActionSchema,
  responseTemplateListSchema,
  responseTemplateSchema,
  saveCategorySchema,
  saveResponseTemplateSchema,
  staffReportDetailSchema,
  staffReportListQuerySchema,
  staffReportListSchema,
  apiKeySchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { notFound } from "../../lib/errors.js";
import { actorOf, attachment } from "../../lib/http.js";
import { attachmentOwner, readFile } from "../files/service.js";
import { can } from "../identity/policy.js";
import { actOnReport, getStaffReport, listStaffReports } from "./handling.js";
import { sendQueuedMail } from "./mail.js";
import { erasePerson, exportPerson } from "./privacy.js";
import {
  createApiKey,
  createCategory,
  createTemplate,
  editCategory,
  editTemplate,
  listApiKeys,
  listCategories,
  listTemplates,
  revokeApiKey,
} from "./settings.js";
import { exportReports, feedbackStats } from "./stats.js";
import { forbidden } from "../../lib/errors.js";

/** Sends what a change queued at once (the job catches what this misses). */
export function kickMail(ctx: AppContext, log: FastifyBaseLogger): void {
  if (!ctx.mailer) return;
  sendQueuedMail(ctx.db, ctx.mailer, ctx.config.publicUrl, 5).catch((error: unknown) =>
    log.warn({ err: error }, "feedback mail: sending after a change failed; the job will retry"),
  );
}

export const feedbackRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, store } = ctx;

  app.get(
    "/api/feedback/reports",
    {
      schema: {
        tags: ["feedback"],
        summary:
          "Hộp thư phản ánh: hàng đợi (mới, đang xử lý, sắp đến hạn, quá hạn, của tôi, đã đóng), lọc, phân trang",
        querystring: staffReportListQuerySchema,
        response: { 200: staffReportListSchema },
      },
    },
    async (request) => listStaffReports(db, actorOf(request), request.query),
  );

  for (const format of ["csv", "xlsx"] as const)
    app.get(
      `/api/feedback/export.${format}`,
      {
        schema: {
          tags: ["feedback"],
          summary: `Xuất danh sách phản ánh (${format.toUpperCase()}, cùng bộ lọc với hộp thư; không có thông tin liên hệ)`,
          querystring: staffReportListQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await exportReports(db, actorOf(request), request.query, format);
        return reply
          .header("content-type", file.mimeType)
          .header("content-disposition", attachment(file.filename))
          .send(file.bytes);
      },
    );

  app.get(
    "/api/feedback/reports/:id",
    {
      schema: {
        tags: ["feedback"],
        summary: "Một phản ánh: nội dung, ảnh, diễn biến (cả ghi chú nội bộ), liên hệ người phản ánh (cán bộ xử lý)",
        params: idParamsSchema,
        response: { 200: staffReportDetailSchema },
      },
    },
    async (request) => getStaffReport(db, actorOf(request), request.params.id),
  );

  app.post(
    "/api/feedback/reports/:id/actions",
    {
      schema: {
        tags: ["feedback"],
        summary:
          "Xử lý phản ánh: tiếp nhận, từ chối, gộp trùng, đổi loại, sửa vị trí, giao xử lý, đổi trạng thái, trả lời, ghi chú nội bộ",
        params: idParamsSchema,
        body: reportActionSchema,
        response: { 200: staffReportDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await actOnReport(db, actor, request.params.id, request.body);
      kickMail(ctx, request.log);
      return getStaffReport(db, actor, request.params.id);
    },
  );

  app.get(
    "/api/feedback/photos/:id",
    { schema: { tags: ["feedback"], summary: "Ảnh của phản ánh (cán bộ)", params: idParamsSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!can.readStaff(actor)) throw forbidden();
      const owner = await attachmentOwner(db, actor.wardId, ["feedback_report", "feedback_update"], request.params.id);
      if (!owner) throw notFound("Không tìm thấy ảnh");
      const { ref, bytes } = await readFile(db, store, actor.wardId, request.params.id);
      return reply
        .header("content-type", ref.mimeType)
        .header("cache-control", "private, max-age=3600")
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );

  app.get(
    "/api/feedback/stats",
    {
      schema: {
        tags: ["feedback"],
        summary: "Thống kê phản ánh theo trạng thái, loại, đơn vị, tổ dân phố; bản đồ điểm",
        querystring: feedbackStatsQuerySchema,
        response: { 200: feedbackStatsSchema },
      },
    },
    async (request) => feedbackStats(db, actorOf(request), request.query),
  );

  app.get(
    "/api/feedback/categories",
    {
      schema: {
        tags: ["feedback"],
        summary: "Các loại phản ánh, đơn vị xử lý, thời hạn, câu hỏi, phân công theo địa bàn",
        response: { 200: categoryListSchema },
      },
    },
    async (request) => listCategories(db, actorOf(request)),
  );
  app.post(
    "/api/feedback/categories",
    {
      schema: {
        tags: ["feedback"],
        summary: "Thêm loại phản ánh (Văn phòng, quản trị)",
        body: saveCategorySchema,
        response: { 201: categorySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createCategory(db, actorOf(request), request.body)),
  );
  app.patch(
    "/api/feedback/categories/:id",
    {
      schema: {
        tags: ["feedback"],
        summary: "Sửa loại phản ánh",
        params: idParamsSchema,
        body: editCategorySchema,
        response: { 200: categorySchema },
      },
    },
    async (request) => editCategory(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/feedback/templates",
    { schema: { tags: ["feedback"], summary: "Mẫu trả lời phản ánh", response: { 200: responseTemplateListSchema } } },
    async (request) => listTemplates(db, actorOf(request)),
  );
  app.post(
    "/api/feedback/templates",
    {
      schema: {
        tags: ["feedback"],
        summary: "Thêm mẫu trả lời",
        body: saveResponseTemplateSchema,
        response: { 201: responseTemplateSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createTemplate(db, actorOf(request), request.body)),
  );
  app.patch(
    "/api/feedback/templates/:id",
    {
      schema: {
        tags: ["feedback"],
        summary: "Sửa mẫu trả lời",
        params: idParamsSchema,
        body: saveResponseTemplateSchema,
        response: { 200: responseTemplateSchema },
      },
    },
    async (request) => editTemplate(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/feedback/api-keys",
    {
      schema: {
        tags: ["feedback"],
        summary: "Khóa API Open311 đã cấp (quản trị)",
        response: { 200: apiKeyListSchema },
      },
    },
    async (request) => listApiKeys(db, actorOf(request)),
  );
  app.post(
    "/api/feedback/api-keys",
    {
      schema: {
        tags: ["feedback"],
        summary: "Cấp khóa API Open311 cho một ứng dụng (khóa chỉ hiện một lần)",
        body: createApiKeySchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(db, actorOf(request), request.body.name)),
  );
  app.post(
    "/api/feedback/api-keys/:id/revoke",
    {
      schema: {
        tags: ["feedback"],
        summary: "Thu hồi khóa API Open311",
        params: idParamsSchema,
        response: { 200: apiKeySchema },
      },
    },
    async (request) => revokeApiKey(db, actorOf(request), request.params.id),
  );

  app.get(
    "/api/feedback/people",
    {
      schema: {
        tags: ["feedback"],
        summary: "Dữ liệu của một người phản ánh (theo email hoặc số điện thoại), để cung cấp khi họ yêu cầu",
        querystring: personQuerySchema,
        response: { 200: personDataSchema },
      },
    },
    async (request) => exportPerson(db, actorOf(request), request.query),
  );
  app.post(
    "/api/feedback/people/erase",
    {
      schema: {
        tags: ["feedback"],
        summary: "Xóa dữ liệu của một người phản ánh theo yêu cầu (phản ánh vẫn giữ, không còn thông tin cá nhân)",
        body: personQuerySchema,
        response: { 200: personErasedSchema },
      },
    },
    async (request) => erasePerson(db, actorOf(request), request.body),
  );
};
