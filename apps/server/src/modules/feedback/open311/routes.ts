import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../lib/context.js";
import { AppError } from "../../../lib/errors.js";
import { kickMail } from "../routes.js";
import {
  formatOf,
  formatOfUrl,
  sendOpen311,
  SHAPES,
  type Open311ErrorItem,
  type Open311Format,
  type XmlShape,
} from "./format.js";
import {
  createRequest,
  discovery,
  fieldError,
  listRequests,
  listServices,
  listUpdates,
  oneRequest,
  open311Field,
  postUpdate,
  requestByToken,
  serviceDefinition,
  wardOf,
  type FormFields,
} from "./service.js";

/**
 * Open311 GeoReport v2 at /open311/v2/ (registered with that prefix): every resource as .json
 * and .xml, errors as the spec's list of {code, description}. Reads are public; writes carry an
 * api_key an admin of the ward issued (no session, no CSRF token: app.ts's session hook guards
 * /api/ only). Nothing answered here names a reporter.
 */

/** A form body is small: a report's fields and its answers. */
const FORM_BODY_LIMIT = 65_536;
/** Public data, shared caches may hold it a few seconds (a busy client polls). */
const READ_CACHE = "public, max-age=0, s-maxage=10";
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** A query parameter: empty counts as absent, a repeated one as its values joined by commas. */
const param = (maxLength: number, description: string) =>
  z
    .preprocess(
      (v) => (Array.isArray(v) ? v.join(",") : v === "" ? undefined : v),
      z.string().max(maxLength).optional(),
    )
    .describe(description);

const jurisdiction = param(80, "Mã phường (bỏ trống: phường mặc định)");
const formatParam = z.string().max(20).describe("json hoặc xml");
const apiKeyParam = param(200, "Khóa API (cũng nhận trong nội dung form)");

const wardQuery = z.object({ jurisdiction_id: jurisdiction });
const requestsQuery = z.object({
  jurisdiction_id: jurisdiction,
  service_request_id: param(5000, "Mã phản ánh, cách nhau bởi dấu phẩy (bỏ qua các tham số khác)"),
  service_code: param(2000, "Mã loại phản ánh, cách nhau bởi dấu phẩy"),
  start_date: param(40, "Từ thời điểm (ISO 8601)"),
  end_date: param(40, "Đến thời điểm (ISO 8601)"),
  status: param(40, "open, closed (cách nhau bởi dấu phẩy)"),
  page: param(10, "Trang (từ 1)"),
  page_size: param(10, "Số phản ánh một trang (tối đa 1000, mặc định 1000)"),
  extensions: param(10, "true: thêm extended_attributes và notes"),
});
const oneRequestQuery = z.object({
  jurisdiction_id: jurisdiction,
  extensions: param(10, "true: thêm extended_attributes và notes"),
});
const updatesQuery = z.object({
  jurisdiction_id: jurisdiction,
  start_date: param(40, "Từ thời điểm (ISO 8601)"),
  end_date: param(40, "Đến thời điểm (ISO 8601)"),
  page: param(10, "Trang (từ 1)"),
  page_size: param(10, "Số cập nhật một trang (tối đa 1000)"),
});
const writeQuery = z.object({ jurisdiction_id: jurisdiction, api_key: apiKeyParam });

const REQUEST_FIELDS =
  "Form (application/x-www-form-urlencoded): api_key, jurisdiction_id, service_code, lat + long hoặc address_string hoặc address_id (mã tổ dân phố), " +
  "attribute[code]=giá trị (multivaluelist: attribute[code][]=…), description (10–4000 ký tự), media_url, email, phone, first_name, last_name, device_id, account_id.";
const UPDATE_FIELDS =
  "Form (application/x-www-form-urlencoded): api_key, service_request_id, update_id, updated_datetime, status (OPEN, CLOSED, FIXED, IN_PROGRESS, " +
  "ACTION_SCHEDULED, INVESTIGATING, NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, INTERNAL_REFERRAL, CANCELLED, REOPEN), description, media_url.";

/** The HTTP status the spec allows: 404 unknown, 403 bad key, 400 anything else the client did. */
function open311Status(status: number): number {
  if (status === 404 || status === 403 || status === 413 || status === 415 || status === 429 || status === 503)
    return status;
  if (status === 401) return 403;
  if (status >= 400 && status < 500) return 400;
  return 500;
}

function sendErrors(reply: FastifyReply, format: Open311Format, status: number, descriptions: string[]): FastifyReply {
  const errors: Open311ErrorItem[] = descriptions.map((description) => ({ code: status, description }));
  reply.code(status).header("cache-control", "no-store");
  // A browser app reading the public data reads why a read failed too.
  if (reply.request.method === "GET" || reply.request.method === "HEAD")
    reply.header("access-control-allow-origin", "*");
  return sendOpen311(reply, format, SHAPES.errors, errors);
}

/** The format a route was asked for; an unknown extension is an unknown resource. */
function formatFor(params: { format: string }): Open311Format {
  const format = formatOf(params.format);
  if (!format) throw fieldError(404, null, "Không có định dạng này: dùng .json hoặc .xml");
  return format;
}

/** A form body, whichever way it came: url-encoded (the spec's), multipart fields, or JSON. */
async function formOf(request: FastifyRequest): Promise<FormFields> {
  const form: FormFields = new Map();
  const add = (name: string, value: string) => {
    const values = form.get(name);
    if (values) values.push(value);
    else form.set(name, [value]);
  };
  const body = request.body;
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts()) {
        if (part.type === "file") await part.toBuffer();
        else add(part.fieldname, String(part.value));
      }
    } catch (error) {
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (error instanceof AppError || (typeof status === "number" && status >= 400 && status < 500)) throw error;
      throw fieldError(400, null, "Nội dung multipart/form-data bị hỏng hoặc không đầy đủ");
    }
  } else if (body instanceof URLSearchParams) {
    for (const [name, value] of body) add(name, value);
  } else if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      for (const one of Array.isArray(value) ? value : [value])
        if (typeof one === "string" || typeof one === "number" || typeof one === "boolean") add(name, String(one));
    }
  }
  return form;
}

/** api_key and jurisdiction_id may come in the query string too; the form's win. */
function withQuery(form: FormFields, query: Record<string, string | undefined>): FormFields {
  for (const [name, value] of Object.entries(query)) if (value && !form.has(name)) form.set(name, [value]);
  return form;
}

export const open311Routes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, config } = ctx;

  // The spec's POST body. Fastify reads only JSON and plain text by itself; this reader is
  // this plugin's alone (nothing else of the app takes url-encoded forms).
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, new URLSearchParams(String(body))),
  );

  /** Absolute links need the site's origin: PUBLIC_URL, else the request's (proxy-aware) host. */
  const originOf = (request: FastifyRequest): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = HOST.test(request.host) ? request.host : "localhost";
    return `${request.protocol === "https" ? "https" : "http"}://${host}`;
  };

  const read = (reply: FastifyReply, format: Open311Format, shape: XmlShape, data: unknown) => {
    reply.header("cache-control", READ_CACHE).header("access-control-allow-origin", "*");
    return sendOpen311(reply, format, shape, data);
  };
  const written = (reply: FastifyReply, format: Open311Format, shape: XmlShape, data: unknown) => {
    reply.header("cache-control", "no-store");
    return sendOpen311(reply, format, shape, data);
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOfUrl(request.url);
    if (app.databaseMonitor.report(error) || (error instanceof AppError && error.code === "DATABASE_UNAVAILABLE")) {
      reply.header("retry-after", "5");
      return sendErrors(reply, format, 503, ["Cơ sở dữ liệu tạm thời không trả lời. Vui lòng thử lại sau ít giây."]);
    }
    if (error instanceof AppError) {
      const status = open311Status(error.statusCode);
      const descriptions = error.details?.length
        ? error.details.map((d) => {
            const field = open311Field(d.path);
            return d.message.startsWith(`${field}:`) ? d.message : `${field}: ${d.message}`;
          })
        : [error.message];
      return sendErrors(reply, format, status, descriptions);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const descriptions = error.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, "").replace(/\//g, ".") || (error.validationContext ?? "request");
        return `${field}: ${v.message ?? "không hợp lệ"}`;
      });
      return sendErrors(reply, format, 400, descriptions);
    }
    const status = typeof error.statusCode === "number" ? open311Status(error.statusCode) : 500;
    if (status === 500) {
      request.log.error({ err: error }, "open311: unhandled error");
      return sendErrors(reply, format, 500, ["Lỗi hệ thống. Vui lòng thử lại sau."]);
    }
    const description =
      status === 413
        ? "Nội dung gửi lên quá lớn."
        : status === 415
          ? "Định dạng nội dung không được hỗ trợ: gửi application/x-www-form-urlencoded."
          : status === 429
            ? "Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."
            : `Yêu cầu không hợp lệ: ${error.message}`;
    return sendErrors(reply, format, status, [description]);
  });

  app.setNotFoundHandler((request, reply) =>
    sendErrors(reply, formatOfUrl(request.url), 404, [
      "Không có tài nguyên này trong Open311 GeoReport v2 (xem discovery.json hoặc discovery.xml).",
    ]),
  );

  const tags = ["open311"];

  app.get(
    "/discovery.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311: tệp khám phá dịch vụ (Service Discovery)",
        params: z.object({ format: formatParam }),
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      return read(reply, format, SHAPES.discovery, await discovery(ctx, originOf(request)));
    },
  );

  app.get(
    "/services.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311: các loại phản ánh (services) của phường",
        params: z.object({ format: formatParam }),
        querystring: wardQuery,
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const ward = await wardOf(ctx, request.query.jurisdiction_id);
      return read(reply, format, SHAPES.services, await listServices(db, ward.id));
    },
  );

  app.get(
    "/services/:code.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311: định nghĩa một loại phản ánh và các câu hỏi bổ sung (attributes)",
        params: z.object({ code: z.string().max(200), format: formatParam }),
        querystring: wardQuery,
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const ward = await wardOf(ctx, request.query.jurisdiction_id);
      return read(reply, format, SHAPES.serviceDefinition, await serviceDefinition(db, ward.id, request.params.code));
    },
  );

  app.post(
    "/requests.:format",
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Open311: gửi một phản ánh (cần api_key)",
        description: REQUEST_FIELDS,
        params: z.object({ format: formatParam }),
        querystring: writeQuery,
        consumes: ["application/x-www-form-urlencoded", "multipart/form-data"],
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const form = withQuery(await formOf(request), request.query);
      const answer = await createRequest(ctx, form);
      return written(reply, format, SHAPES.requests, answer);
    },
  );

  app.get(
    "/requests.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311: danh sách phản ánh (mặc định 90 ngày gần nhất; không có thông tin người phản ánh)",
        params: z.object({ format: formatParam }),
        querystring: requestsQuery,
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const { jurisdiction_id, ...query } = request.query;
      const ward = await wardOf(ctx, jurisdiction_id);
      return read(reply, format, SHAPES.requests, await listRequests(db, ward, query, originOf(request)));
    },
  );

  app.get(
    "/requests/:id.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311: một phản ánh theo mã theo dõi (service_request_id)",
        params: z.object({ id: z.string().max(200), format: formatParam }),
        querystring: oneRequestQuery,
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const { jurisdiction_id, extensions } = request.query;
      const answer = await oneRequest(ctx, request.params.id, jurisdiction_id, extensions, originOf(request));
      return read(reply, format, SHAPES.requests, answer);
    },
  );

  app.get(
    "/tokens/:token.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311: mã phản ánh từ token trả về khi gửi",
        params: z.object({ token: z.string().max(200), format: formatParam }),
        querystring: wardQuery,
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const ward = request.query.jurisdiction_id ? await wardOf(ctx, request.query.jurisdiction_id) : undefined;
      return read(reply, format, SHAPES.requests, await requestByToken(db, request.params.token, ward?.id));
    },
  );

  app.get(
    "/servicerequestupdates.:format",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open311 (mở rộng của FixMyStreet): các cập nhật công khai của phản ánh trong khoảng thời gian",
        params: z.object({ format: formatParam }),
        querystring: updatesQuery,
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const { jurisdiction_id, ...query } = request.query;
      const ward = await wardOf(ctx, jurisdiction_id);
      return read(reply, format, SHAPES.updates, await listUpdates(db, ward, query, originOf(request)));
    },
  );

  app.post(
    "/servicerequestupdates.:format",
    {
      config: { public: true, rateLimit: { max: 3000, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Open311 (mở rộng của FixMyStreet): cập nhật trạng thái hoặc trả lời một phản ánh (cần api_key)",
        description: UPDATE_FIELDS,
        params: z.object({ format: formatParam }),
        querystring: writeQuery,
        consumes: ["application/x-www-form-urlencoded", "multipart/form-data"],
      },
    },
    async (request, reply) => {
      const format = formatFor(request.params);
      const form = withQuery(await formOf(request), request.query);
      const answer = await postUpdate(ctx, form);
      kickMail(ctx, request.log);
      return written(reply, format, SHAPES.updates, answer);
    },
  );
};
