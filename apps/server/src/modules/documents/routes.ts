import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  auditListSchema,
  createDocumentSchema,
  documentDetailSchema,
  documentExportQuerySchema,
  documentListQuerySchema,
  documentListSchema,
  editDocumentSchema,
  idParamsSchema,
  setDocumentLinksSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { forbidden, invalid } from "../../lib/errors.js";
import { actorOf, attachment, readMultipart } from "../../lib/http.js";
import { listHistory } from "../audit/service.js";
import { checkUpload, readFile } from "../files/service.js";
import { can } from "../identity/policy.js";
import { exportDocuments } from "./spreadsheet.js";
import {
  createDocument,
  documentFileId,
  editDocument,
  getDocument,
  listDocuments,
  setDocumentLinks,
} from "./service.js";

export const documentRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, store, config }) => {
  app.get(
    "/api/documents",
    {
      schema: {
        tags: ["documents"],
        summary: "Sổ văn bản đến, đi (lọc, tìm không dấu, phân trang)",
        querystring: documentListQuerySchema,
        response: { 200: documentListSchema },
      },
    },
    async (request) => listDocuments(db, actorOf(request), request.query),
  );

  app.get(
    "/api/documents/export.xlsx",
    {
      schema: {
        tags: ["documents"],
        summary: "Xuất sổ văn bản (XLSX, cùng bộ lọc với danh sách)",
        querystring: documentExportQuerySchema,
      },
    },
    async (request, reply) => {
      const sheet = await exportDocuments(db, actorOf(request), request.query);
      return reply
        .header("content-type", sheet.mimeType)
        .header("content-disposition", attachment(sheet.filename))
        .send(sheet.bytes);
    },
  );

  app.post(
    "/api/documents",
    {
      schema: {
        tags: ["documents"],
        summary:
          "Vào sổ văn bản đến hoặc đi (multipart: các trường và tệp `file` nếu có); số đến, số đi do hệ thống cấp",
        consumes: ["multipart/form-data"],
        response: { 201: documentDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Refused before the body is read: a role that may not register uploads nothing.
      if (!can.manageDocuments(actor)) throw forbidden("Chỉ Văn phòng, lãnh đạo hoặc quản trị được vào sổ văn bản.");
      const { fields, files } = await readMultipart(request, createDocumentSchema, "file");
      if (files.length > 1) throw invalid("Mỗi văn bản chỉ kèm một tệp (bản quét hoặc DOCX).");
      const [upload] = files;
      const checked = upload ? await checkUpload(upload, config.maxUploadBytes) : null;
      return reply.code(201).send(await createDocument(db, store, actor, fields, checked));
    },
  );

  app.get(
    "/api/documents/:id",
    {
      schema: {
        tags: ["documents"],
        summary: "Chi tiết văn bản và các liên kết",
        params: idParamsSchema,
        response: { 200: documentDetailSchema },
      },
    },
    async (request) => getDocument(db, actorOf(request), request.params.id),
  );

  app.patch(
    "/api/documents/:id",
    {
      schema: {
        tags: ["documents"],
        summary: "Sửa thông tin văn bản (Văn phòng, lãnh đạo); số đến, số đi không đổi",
        params: idParamsSchema,
        body: editDocumentSchema,
        response: { 200: documentDetailSchema },
      },
    },
    async (request) => editDocument(db, actorOf(request), request.params.id, request.body),
  );

  app.put(
    "/api/documents/:id/links",
    {
      schema: {
        tags: ["documents"],
        summary: "Thay toàn bộ liên kết của văn bản (nhiệm vụ, chỉ tiêu, báo cáo)",
        params: idParamsSchema,
        body: setDocumentLinksSchema,
        response: { 200: documentDetailSchema },
      },
    },
    async (request) => setDocumentLinks(db, actorOf(request), request.params.id, request.body.links),
  );

  app.get(
    "/api/documents/:id/file",
    { schema: { tags: ["documents"], summary: "Tải tệp của văn bản", params: idParamsSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const fileId = await documentFileId(db, actor, request.params.id);
      const { ref, bytes } = await readFile(db, store, actor.wardId, fileId);
      // Served as a download with the sniffed type, never rendered inline (as /api/files does).
      return reply
        .header("content-type", ref.mimeType)
        .header("content-disposition", attachment(ref.filename))
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );

  app.get(
    "/api/documents/:id/history",
    {
      schema: {
        tags: ["documents"],
        summary: "Lịch sử thay đổi văn bản",
        params: idParamsSchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can.viewHistory(actor)) throw forbidden();
      await getDocument(db, actor, request.params.id); // 404 for another ward's document
      return { entries: await listHistory(db, actor.wardId, "document", [request.params.id]) };
    },
  );
};
