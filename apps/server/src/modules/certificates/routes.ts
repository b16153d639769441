import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { z } from "zod";
import {
  applyForCertificateSchema,
  approveApplicationSchema,
  certificateApplicationSchema,
  certificateNumberParamsSchema,
  eligibleSeasonSchema,
  greenCertificateSchema,
  greenCriteriaSchema,
  idParamsSchema,
  ocopProductSchema,
  publicCertificateQuerySchema,
  publicCertificateSchema,
  rejectApplicationSchema,
  revokeCertificateSchema,
  saveGreenCriteriaSchema,
  saveOcopProductSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { notFound } from "../../lib/errors.js";
import { actorOf } from "../../lib/http.js";
import { snapshotsOf } from "../../lib/snapshots.js";
import {
  applicationDetail,
  applyForCertificate,
  approveApplication,
  getCriteria,
  listApplications,
  listCertificates,
  listEligibleSeasons,
  listOcopProducts,
  publicCertificate,
  publicPathOf,
  rejectApplication,
  revokeCertificate,
  saveCriteria,
  saveOcopProduct,
} from "./service.js";

const tags = ["certificates"];
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** Chứng nhận sản phẩm xanh và sản phẩm OCOP, kept by Phòng Kinh tế (signed in). */
export const certificateRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db }) => {
  app.get(
    "/api/certificates/criteria",
    {
      schema: {
        tags,
        summary: "Tiêu chí sản phẩm xanh hiện hành của phường (null khi chưa đặt)",
        response: { 200: greenCriteriaSchema.nullable() },
      },
    },
    async (request) => getCriteria(db, actorOf(request)),
  );
  app.put(
    "/api/certificates/criteria",
    {
      schema: {
        tags,
        summary: "Đặt hoặc sửa tiêu chí sản phẩm xanh (mỗi lần sửa là một phiên bản mới; kèm version đã xem)",
        body: saveGreenCriteriaSchema,
        response: { 200: greenCriteriaSchema },
      },
    },
    async (request) => saveCriteria(db, actorOf(request), request.body),
  );

  app.get(
    "/api/certificates/seasons",
    {
      schema: {
        tags,
        summary: "Các vụ có thể đề nghị chứng nhận (chưa có hồ sơ đang xét hoặc đã cấp)",
        response: { 200: z.array(eligibleSeasonSchema) },
      },
    },
    async (request) => listEligibleSeasons(db, actorOf(request)),
  );
  app.get(
    "/api/certificates/applications",
    {
      schema: {
        tags,
        summary: "Hồ sơ đề nghị chứng nhận sản phẩm xanh, với kết quả đối chiếu từng tiêu chí",
        response: { 200: z.array(certificateApplicationSchema) },
      },
    },
    async (request) => listApplications(db, actorOf(request)),
  );
  app.post(
    "/api/certificates/applications",
    {
      schema: {
        tags,
        summary: "Nộp hồ sơ đề nghị chứng nhận sản phẩm của một vụ",
        body: applyForCertificateSchema,
        response: { 201: certificateApplicationSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await applyForCertificate(db, actorOf(request), request.body)),
  );
  app.get(
    "/api/certificates/applications/:id",
    {
      schema: {
        tags,
        summary: "Một hồ sơ đề nghị, với kết quả đối chiếu từng tiêu chí",
        params: idParamsSchema,
        response: { 200: certificateApplicationSchema },
      },
    },
    async (request) => applicationDetail(db, actorOf(request), request.params.id),
  );
  app.post(
    "/api/certificates/applications/:id/approve",
    {
      schema: {
        tags,
        summary: "Duyệt và cấp giấy chứng nhận (chỉ khi vụ đạt mọi tiêu chí; số cấp trong cùng giao dịch)",
        params: idParamsSchema,
        body: approveApplicationSchema,
        response: { 200: certificateApplicationSchema },
      },
    },
    async (request) => approveApplication(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/certificates/applications/:id/reject",
    {
      schema: {
        tags,
        summary: "Từ chối hồ sơ, kèm lý do",
        params: idParamsSchema,
        body: rejectApplicationSchema,
        response: { 200: certificateApplicationSchema },
      },
    },
    async (request) => rejectApplication(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/certificates/certificates",
    {
      schema: {
        tags,
        summary: "Giấy chứng nhận sản phẩm xanh đã cấp: còn hiệu lực, hết hiệu lực, đã thu hồi",
        response: { 200: z.array(greenCertificateSchema) },
      },
    },
    async (request) => listCertificates(db, actorOf(request)),
  );
  app.post(
    "/api/certificates/certificates/:id/revoke",
    {
      schema: {
        tags,
        summary: "Thu hồi giấy chứng nhận, kèm lý do (trang xác minh công khai ghi rõ)",
        params: idParamsSchema,
        body: revokeCertificateSchema,
        response: { 200: greenCertificateSchema },
      },
    },
    async (request) => revokeCertificate(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/certificates/ocop-products",
    {
      schema: { tags, summary: "Sản phẩm OCOP của phường, với số sao", response: { 200: z.array(ocopProductSchema) } },
    },
    async (request) => listOcopProducts(db, actorOf(request)),
  );
  app.post(
    "/api/certificates/ocop-products",
    {
      schema: { tags, summary: "Ghi sản phẩm OCOP", body: saveOcopProductSchema, response: { 201: ocopProductSchema } },
    },
    async (request, reply) => reply.code(201).send(await saveOcopProduct(db, actorOf(request), null, request.body)),
  );
  app.put(
    "/api/certificates/ocop-products/:id",
    {
      schema: {
        tags,
        summary: "Sửa sản phẩm OCOP (kèm version đã xem)",
        params: idParamsSchema,
        body: saveOcopProductSchema,
        response: { 200: ocopProductSchema },
      },
    },
    async (request) => saveOcopProduct(db, actorOf(request), request.params.id, request.body),
  );
};

/** Xác minh chứng nhận: what the QR code opens, for anyone, no login. */
export const certificatePublicRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, config } = ctx;
  const originOf = (request: FastifyRequest): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = HOST.test(request.host) ? request.host : "localhost";
    return `${request.protocol === "https" ? "https" : "http"}://${host}`;
  };
  const wardOf = async (code: string | undefined) => {
    const ward = await snapshotsOf(ctx).tracker.ward(code);
    if (!ward) throw notFound("Không tìm thấy phường");
    return ward;
  };

  app.get(
    "/api/public/certificates/:number",
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary:
          "Xác minh giấy chứng nhận sản phẩm xanh: còn hiệu lực, hết hiệu lực hay đã thu hồi (không có dữ liệu cá nhân)",
        params: certificateNumberParamsSchema,
        querystring: publicCertificateQuerySchema,
        response: { 200: publicCertificateSchema },
      },
    },
    async (request, reply) => {
      const ward = await wardOf(request.query.ward);
      const certificate = await publicCertificate(db, ward, request.params.number);
      if (!certificate) throw notFound("Không tìm thấy giấy chứng nhận số này");
      // A revocation shows at once: a buyer checking a label must never see a stale "valid".
      reply.header("cache-control", "no-cache");
      return certificate;
    },
  );
  app.get(
    "/api/public/certificates/:number/qr.svg",
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Mã QR của trang xác minh giấy chứng nhận (SVG)",
        params: certificateNumberParamsSchema,
        querystring: publicCertificateQuerySchema,
      },
    },
    async (request, reply) => {
      const ward = await wardOf(request.query.ward);
      const certificate = await publicCertificate(db, ward, request.params.number);
      if (!certificate) throw notFound("Không tìm thấy giấy chứng nhận số này");
      const url = `${originOf(request)}${publicPathOf(certificate.number, ward.code)}`;
      const svg = await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
      // The page's address rides along, so a reader (or a test) needs no QR decoder to follow it.
      return reply
        .header("content-type", "image/svg+xml; charset=utf-8")
        .header("cache-control", "public, max-age=86400")
        .header("x-certificate-url", url)
        .send(svg.replace("<svg ", `<svg data-url="${url.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" `));
    },
  );
};
