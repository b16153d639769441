import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  auditListSchema,
  editIndicatorSchema,
  fileRefSchema,
  idParamsSchema,
  importQuerySchema,
  importResultSchema,
  indicatorDetailSchema,
  indicatorSummarySchema,
  recordMeasurementSchema,
  templateQuerySchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { forbidden } from "../../lib/errors.js";
import { actorOf, attachment, readMultipart, readSingleFile } from "../../lib/http.js";
import { serveSnapshot } from "../../lib/snapshots.js";
import { listHistory } from "../audit/service.js";
import { can } from "../identity/policy.js";
import {
  attachMeasurementFiles,
  editIndicator,
  getIndicator,
  indicatorRow,
  listIndicators,
  recordMeasurement,
} from "./service.js";
import { exportMeasurements, importMeasurements, measurementTemplate } from "./spreadsheet.js";

const indicatorListSchema = z.object({ indicators: z.array(indicatorSummarySchema) });

export const indicatorRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, store, config } = ctx;
  app.get(
    "/api/indicators",
    {
      schema: {
        tags: ["indicators"],
        summary: "Chỉ tiêu và trạng thái",
        response: { 200: indicatorListSchema },
      },
    },
    async (request, reply) => {
      const { wardId } = actorOf(request);
      return serveSnapshot(ctx, request, reply, {
        ward: { id: wardId },
        key: "indicators",
        visibility: "private",
        schema: indicatorListSchema,
        build: async ({ today }) => ({ json: { indicators: await listIndicators(db, request.log, wardId, today) } }),
      });
    },
  );

  app.get(
    "/api/indicators/:id",
    {
      schema: {
        tags: ["indicators"],
        summary: "Chi tiết chỉ tiêu",
        params: idParamsSchema,
        response: { 200: indicatorDetailSchema },
      },
    },
    async (request) => getIndicator(db, request.log, actorOf(request), request.params.id),
  );

  app.patch(
    "/api/indicators/:id",
    {
      schema: {
        tags: ["indicators"],
        summary: "Sửa số liệu gốc, mục tiêu, đơn vị (lãnh đạo, Văn phòng)",
        params: idParamsSchema,
        body: editIndicatorSchema,
        response: { 200: indicatorDetailSchema },
      },
    },
    async (request) => editIndicator(db, request.log, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/indicators/:id/measurements",
    {
      schema: {
        tags: ["indicators"],
        summary: "Nhập số liệu một kỳ",
        params: idParamsSchema,
        body: recordMeasurementSchema,
        response: { 200: indicatorDetailSchema },
      },
    },
    async (request) => recordMeasurement(db, request.log, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/measurements/:id/files",
    {
      schema: {
        tags: ["indicators"],
        summary: "Đính kèm minh chứng cho số liệu (multipart, trường files)",
        params: idParamsSchema,
        consumes: ["multipart/form-data"],
        response: { 200: z.object({ files: z.array(fileRefSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { files } = await readMultipart(request, z.object({}));
      return { files: await attachMeasurementFiles(db, store, actor, request.params.id, files, config.maxUploadBytes) };
    },
  );

  app.get(
    "/api/indicators/:id/history",
    {
      schema: {
        tags: ["indicators"],
        summary: "Lịch sử thay đổi chỉ tiêu và số liệu",
        params: idParamsSchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can.viewHistory(actor)) throw forbidden();
      await indicatorRow(db, actor.wardId, request.params.id);
      return { entries: await listHistory(db, actor.wardId, "indicator", [request.params.id]) };
    },
  );

  app.get(
    "/api/indicators/:id/template.xlsx",
    {
      schema: {
        tags: ["indicators"],
        summary: "Tải mẫu nhập số liệu của một kỳ (mỗi tổ dân phố một dòng)",
        params: idParamsSchema,
        querystring: templateQuerySchema,
      },
    },
    async (request, reply) => {
      const sheet = await measurementTemplate(db, actorOf(request), request.params.id, request.query.period);
      return reply
        .header("content-type", sheet.mimeType)
        .header("content-disposition", attachment(sheet.filename))
        .send(sheet.bytes);
    },
  );

  app.get(
    "/api/indicators/:id/export.:format",
    {
      schema: {
        tags: ["indicators"],
        summary: "Xuất số liệu (XLSX/CSV, cùng định dạng nhập)",
        params: idParamsSchema.extend({ format: z.enum(["xlsx", "csv"]) }),
      },
    },
    async (request, reply) => {
      const sheet = await exportMeasurements(db, actorOf(request), request.params.id, request.params.format);
      return reply
        .header("content-type", sheet.mimeType)
        .header("content-disposition", attachment(sheet.filename))
        .send(sheet.bytes);
    },
  );

  app.post(
    "/api/indicators/:id/import",
    {
      schema: {
        tags: ["indicators"],
        summary: "Nhập số liệu từ tệp mẫu XLSX/CSV (multipart, trường file)",
        params: idParamsSchema,
        querystring: importQuerySchema,
        consumes: ["multipart/form-data"],
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const indicator = await indicatorRow(db, actor.wardId, request.params.id);
      if (!can.reportFor(actor, indicator.ownerUnitId))
        throw forbidden("Chỉ đơn vị được giao chỉ tiêu, lãnh đạo hoặc Văn phòng được nhập số liệu.");
      const file = await readSingleFile(request);
      return importMeasurements(db, actor, request.params.id, file.bytes, request.query.mode);
    },
  );
};
