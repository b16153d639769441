import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addAttendeesSchema,
  attendeeParamsSchema,
  extensionListQuerySchema,
  extensionSummarySchema,
  farmExtensionSchema,
  idParamsSchema,
  modelSchema,
  modelSummarySchema,
  removeAttendeeQuerySchema,
  saveModelSchema,
  saveTrainingSchema,
  trainingSchema,
  trainingSummarySchema,
  type ExtensionKind,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { todayInVietnam } from "../../lib/actor.js";
import { actorOf, readSingleFile } from "../../lib/http.js";
import {
  addAttendees,
  attachSheet,
  extensionSummary,
  farmExtension,
  getModel,
  getTraining,
  listModels,
  listTrainings,
  removeAttendee,
  saveModel,
  saveTraining,
} from "./service.js";

const tags = ["extension"];

/** Khuyến nông: classes, demonstration models and who took part (Phòng Kinh tế writes, staff read). */
export const extensionRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, store, config }) => {
  app.get(
    "/api/extension/trainings",
    {
      schema: {
        tags,
        summary: "Lớp tập huấn kỹ thuật (lọc theo chủ đề, năm, tổ dân phố, từ khóa), với số lượt người tham gia",
        querystring: extensionListQuerySchema,
        response: { 200: z.array(trainingSummarySchema) },
      },
    },
    async (request) => listTrainings(db, actorOf(request), request.query),
  );
  app.post(
    "/api/extension/trainings",
    { schema: { tags, summary: "Thêm lớp tập huấn", body: saveTrainingSchema, response: { 201: trainingSchema } } },
    async (request, reply) => reply.code(201).send(await saveTraining(db, actorOf(request), null, request.body)),
  );
  app.get(
    "/api/extension/trainings/:id",
    {
      schema: {
        tags,
        summary: "Một lớp tập huấn: người tham gia (theo sổ nông hộ) và danh sách ký nhận",
        params: idParamsSchema,
        response: { 200: trainingSchema },
      },
    },
    async (request) => getTraining(db, actorOf(request), request.params.id),
  );
  app.put(
    "/api/extension/trainings/:id",
    {
      schema: {
        tags,
        summary: "Sửa lớp tập huấn (kèm version đã xem)",
        params: idParamsSchema,
        body: saveTrainingSchema,
        response: { 200: trainingSchema },
      },
    },
    async (request) => saveTraining(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/extension/trainings/:id/sheet",
    {
      schema: {
        tags,
        summary: "Đính kèm danh sách ký nhận đã ký (multipart, trường file: ảnh hoặc PDF)",
        params: idParamsSchema,
        consumes: ["multipart/form-data"],
        response: { 200: trainingSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const file = await readSingleFile(request);
      return attachSheet(db, store, actor, request.params.id, file, config.maxUploadBytes);
    },
  );

  app.get(
    "/api/extension/models",
    {
      schema: {
        tags,
        summary: "Mô hình trình diễn (lọc theo chủ đề, năm, tổ dân phố, từ khóa), với cơ sở và thửa ruộng chủ trì",
        querystring: extensionListQuerySchema,
        response: { 200: z.array(modelSummarySchema) },
      },
    },
    async (request) => listModels(db, actorOf(request), request.query),
  );
  app.post(
    "/api/extension/models",
    { schema: { tags, summary: "Thêm mô hình trình diễn", body: saveModelSchema, response: { 201: modelSchema } } },
    async (request, reply) => reply.code(201).send(await saveModel(db, actorOf(request), null, request.body)),
  );
  app.get(
    "/api/extension/models/:id",
    {
      schema: {
        tags,
        summary: "Một mô hình trình diễn: thửa ruộng, kết quả (năng suất, dấu chân carbon của vụ) và người tham gia",
        params: idParamsSchema,
        response: { 200: modelSchema },
      },
    },
    async (request) => getModel(db, actorOf(request), request.params.id),
  );
  app.put(
    "/api/extension/models/:id",
    {
      schema: {
        tags,
        summary: "Sửa mô hình trình diễn (kèm version đã xem)",
        params: idParamsSchema,
        body: saveModelSchema,
        response: { 200: modelSchema },
      },
    },
    async (request) => saveModel(db, actorOf(request), request.params.id, request.body),
  );

  const attendance = (kind: ExtensionKind, path: string, what: string) => {
    app.post(
      `/api/extension/${path}/:id/attendees`,
      {
        schema: {
          tags,
          summary: `Ghi người tham gia ${what} (nhiều cơ sở một lần; kèm version đã xem)`,
          params: idParamsSchema,
          body: addAttendeesSchema,
          response: { 200: z.object({ added: z.number().int() }) },
        },
      },
      async (request) => ({
        added: await addAttendees(db, actorOf(request), kind, request.params.id, request.body),
      }),
    );
    app.delete(
      `/api/extension/${path}/:id/attendees/:attendeeId`,
      {
        schema: {
          tags,
          summary: `Bỏ một người tham gia ${what} (?version= đã xem)`,
          params: attendeeParamsSchema,
          querystring: removeAttendeeQuerySchema,
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await removeAttendee(
          db,
          actorOf(request),
          kind,
          request.params.id,
          request.params.attendeeId,
          request.query.version,
        );
        return { ok: true as const };
      },
    );
  };
  attendance("training", "trainings", "lớp tập huấn");
  attendance("model", "models", "mô hình trình diễn");

  app.get(
    "/api/extension/farms/:id",
    {
      schema: {
        tags,
        summary: "Các lớp tập huấn và mô hình trình diễn một cơ sở sản xuất đã tham gia hoặc chủ trì",
        params: idParamsSchema,
        response: { 200: farmExtensionSchema },
      },
    },
    async (request) => farmExtension(db, actorOf(request), request.params.id),
  );
  app.get(
    "/api/extension/summary",
    {
      schema: {
        tags,
        summary:
          "Tổng hợp khuyến nông một năm theo chủ đề (số lớp, lượt người, số cơ sở được tập huấn, số mô hình): cho nhiệm vụ III.5",
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2100).optional() }),
        response: { 200: extensionSummarySchema },
      },
    },
    async (request) =>
      extensionSummary(db, actorOf(request), request.query.year ?? Number(todayInVietnam().slice(0, 4))),
  );
};
