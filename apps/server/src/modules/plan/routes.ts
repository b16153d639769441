import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assignTaskSchema,
  auditListSchema,
  editTaskSchema,
  idParamsSchema,
  importQuerySchema,
  importResultSchema,
  myWorkSchema,
  postTaskUpdateSchema,
  publicPlanQuerySchema,
  publicPlanSchema,
  saveTaskStatusesSchema,
  taskDetailSchema,
  taskListQuerySchema,
  taskListSchema,
  taskStatusSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { forbidden } from "../../lib/errors.js";
import { actorOf, attachment, readMultipart, readSingleFile } from "../../lib/http.js";
import { listHistory } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { listWards } from "../identity/service.js";
import { getMyWork } from "../my-work/service.js";
import { exportPlanDocx } from "./plan-document.js";
import { getPublicPlan } from "./public-plan.js";
import { serveCitySnapshot, serveSnapshot, stableQuery } from "../../lib/snapshots.js";
import { assignTask, editTask, getTask, listTasks, postTaskUpdate } from "./service.js";
import { exportTasks, importTasks } from "./spreadsheet.js";
import { listTaskStatuses, saveTaskStatuses } from "./statuses.js";

const publicWardListSchema = z.object({
  wards: z.array(z.object({ code: z.string(), name: z.string(), province: z.string(), isDemo: z.boolean() })),
});

export const planRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, store, config } = ctx;
  app.get(
    "/api/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "Danh sách nhiệm vụ (lọc, tìm không dấu)",
        querystring: taskListQuerySchema,
        response: { 200: taskListSchema },
      },
    },
    // One snapshot per ward and filter: the list is the same for everyone of the ward.
    async (request, reply) => {
      const actor = actorOf(request);
      return serveSnapshot(ctx, request, reply, {
        ward: { id: actor.wardId },
        key: `tasks?${stableQuery(request.query)}`,
        visibility: "private",
        schema: taskListSchema,
        build: async () => ({ json: await listTasks(db, actor, request.query) }),
      });
    },
  );

  app.get(
    "/api/task-statuses",
    {
      schema: {
        tags: ["tasks"],
        summary: "Trạng thái nhiệm vụ",
        response: { 200: z.object({ statuses: z.array(taskStatusSchema) }) },
      },
    },
    async (request) => ({
      statuses: await listTaskStatuses(db, actorOf(request).wardId),
    }),
  );

  app.put(
    "/api/task-statuses",
    {
      schema: {
        tags: ["tasks"],
        summary: "Cấu hình trạng thái nhiệm vụ (lãnh đạo, Văn phòng)",
        body: saveTaskStatusesSchema,
        response: { 200: z.object({ statuses: z.array(taskStatusSchema) }) },
      },
    },
    async (request) => ({ statuses: await saveTaskStatuses(db, actorOf(request), request.body) }),
  );

  app.get(
    "/api/tasks/export.:format",
    {
      schema: {
        tags: ["tasks"],
        summary: "Xuất nhiệm vụ (XLSX/CSV, cùng định dạng nhập)",
        params: z.object({ format: z.enum(["xlsx", "csv"]) }),
      },
    },
    async (request, reply) => {
      const sheet = await exportTasks(db, actorOf(request), request.params.format);
      return reply
        .header("content-type", sheet.mimeType)
        .header("content-disposition", attachment(sheet.filename))
        .send(sheet.bytes);
    },
  );

  app.get(
    "/api/plan/export.docx",
    {
      schema: {
        tags: ["tasks"],
        summary: "Kế hoạch ban hành lại từ dữ liệu (DOCX, thể thức Nghị định 30/2020/NĐ-CP)",
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!can.readStaff(actor)) throw forbidden();
      const file = await exportPlanDocx(db, actor.wardId);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", attachment(file.filename))
        .send(file.bytes);
    },
  );

  app.post(
    "/api/tasks/import",
    {
      schema: {
        tags: ["tasks"],
        summary: "Cập nhật nhiệm vụ hàng loạt từ tệp XLSX/CSV (multipart, trường file)",
        querystring: importQuerySchema,
        consumes: ["multipart/form-data"],
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được cập nhật nhiệm vụ hàng loạt.");
      const file = await readSingleFile(request);
      return importTasks(db, store, actor, file.bytes, request.query.mode);
    },
  );

  app.get(
    "/api/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Chi tiết nhiệm vụ",
        params: idParamsSchema,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => getTask(db, actorOf(request), request.params.id),
  );

  app.patch(
    "/api/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Sửa nhiệm vụ (lãnh đạo, Văn phòng)",
        params: idParamsSchema,
        body: editTaskSchema,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => editTask(db, actorOf(request), request.params.id, request.body),
  );

  app.put(
    "/api/tasks/:id/assignment",
    {
      schema: {
        tags: ["tasks"],
        summary: "Giao, điều chỉnh đơn vị chủ trì và phối hợp",
        params: idParamsSchema,
        body: assignTaskSchema,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => assignTask(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/tasks/:id/updates",
    {
      schema: {
        tags: ["tasks"],
        summary: "Cập nhật tiến độ (multipart: reportedOn, text, progress, status, files[])",
        params: idParamsSchema,
        consumes: ["multipart/form-data"],
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { fields, files } = await readMultipart(request, postTaskUpdateSchema);
      return postTaskUpdate(db, store, actor, request.params.id, fields, files, config.maxUploadBytes);
    },
  );

  app.get(
    "/api/tasks/:id/history",
    {
      schema: {
        tags: ["tasks"],
        summary: "Lịch sử thay đổi nhiệm vụ",
        params: idParamsSchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can.viewHistory(actor)) throw forbidden();
      await getTask(db, actor, request.params.id); // 404 for another ward's task
      return { entries: await listHistory(db, actor.wardId, "task", [request.params.id]) };
    },
  );

  app.get(
    "/api/my-work",
    { schema: { tags: ["tasks"], summary: "Việc của tôi (theo đơn vị)", response: { 200: myWorkSchema } } },
    // Per person: the unit's work and the person's own notices.
    async (request, reply) => {
      const actor = actorOf(request);
      return serveSnapshot(ctx, request, reply, {
        ward: { id: actor.wardId },
        key: `my-work|${actor.userId ?? ""}|${actor.unitId ?? ""}`,
        visibility: "private",
        schema: myWorkSchema,
        build: async () => ({ json: await getMyWork(db, actor) }),
      });
    },
  );

  app.get(
    "/api/public/plan",
    {
      // No per-address limit: answers come from the snapshot, and whole neighbourhoods share
      // one address behind a carrier's NAT.
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Kế hoạch công khai (không cần đăng nhập)",
        querystring: publicPlanQuerySchema,
        response: { 200: publicPlanSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: "plan",
        visibility: "public",
        schema: publicPlanSchema,
        build: async ({ ward, lang }) => ({ json: await getPublicPlan(db, ward, request.log, lang) }),
      }),
  );

  app.get(
    "/api/public/wards",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Các phường",
        response: { 200: publicWardListSchema },
      },
    },
    async (request, reply) =>
      serveCitySnapshot(ctx, request, reply, {
        key: "wards",
        visibility: "public",
        schema: publicWardListSchema,
        build: async () => ({ json: { wards: await listWards(db) } }),
      }),
  );
};
