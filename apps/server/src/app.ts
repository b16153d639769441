import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import proxyAddr from "@fastify/proxy-addr";
import { z } from "zod";
import { PRODUCER_ROLE, type ErrorResponse } from "@phuong-xanh/shared";
import { AppError } from "./lib/errors.js";
import { DatabaseMonitor, RETRY_AFTER_SECONDS, databaseUnavailable, isPoolSaturated } from "./db/availability.js";
import type { AppContext } from "./lib/context.js";
import { SessionCache } from "./modules/identity/session-cache.js";
import { SESSION_COOKIE, identityRoutes } from "./modules/identity/routes.js";
import { factorRoutes } from "./modules/factors/routes.js";
import { agriculturePublicRoutes } from "./modules/agriculture/public-routes.js";
import { agricultureRoutes } from "./modules/agriculture/routes.js";
import { certificatePublicRoutes, certificateRoutes } from "./modules/certificates/routes.js";
import { extensionRoutes } from "./modules/extension/routes.js";
import { planRoutes } from "./modules/plan/routes.js";
import { indicatorRoutes } from "./modules/indicators/routes.js";
import { dashboardRoutes } from "./modules/dashboard/routes.js";
import { notificationRoutes } from "./modules/notifications/routes.js";
import { fileRoutes } from "./modules/files/routes.js";
import { onboardingRoutes } from "./modules/onboarding/routes.js";
import { systemRoutes } from "./modules/system/routes.js";
import { jobRoutes } from "./modules/jobs/routes.js";
import { documentRoutes } from "./modules/documents/routes.js";
import { reportingRoutes } from "./modules/reporting/routes.js";
import { openDataRoutes } from "./modules/open-data/routes.js";
import { previewRoutes } from "./modules/previews/routes.js";
import { portalRoutes } from "./modules/portal/routes.js";
import { cityRoutes } from "./modules/city/routes.js";
import { open311Routes } from "./modules/feedback/open311/routes.js";
import { feedbackRoutes } from "./modules/feedback/routes.js";
import { feedbackPublicRoutes } from "./modules/feedback/public-routes.js";
import { installMetrics } from "./modules/metrics/routes.js";
import { frontDoor, snapshotsOf } from "./lib/snapshots.js";
import { securityHeaders } from "./lib/security-headers.js";
import { installRequestIds, loggerOptions, requestIdOf } from "./lib/logging.js";

// Validation messages in Vietnamese: the API speaks to Vietnamese officers (codes stay stable).
z.config(z.locales.vi());

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function errorBody(
  code: ErrorResponse["error"]["code"],
  message: string,
  details?: { path: string; message: string }[],
): ErrorResponse {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** 503 with Retry-After: the database is away; nothing was written. */
function refuseUnavailable(reply: FastifyReply) {
  const unavailable = databaseUnavailable();
  return reply
    .code(503)
    .header("retry-after", String(RETRY_AFTER_SECONDS))
    .send(errorBody(unavailable.code, unavailable.message));
}

export async function buildApp(
  ctx: AppContext,
  options: { logger?: boolean; logStream?: { write(line: string): unknown } } = {},
): Promise<FastifyInstance> {
  const { trustProxy } = ctx.config;
  // Trusting X-Forwarded-For from anyone would let a client pick its own address and dodge rate limits.
  // TRUST_PROXY hops: hop 0 is the socket's peer; trusting n hops reads X-Forwarded-For from
  // the right, past n proxies, never the client-written left-most entry (as Fastify does for n).
  const trust =
    trustProxy === false
      ? null
      : typeof trustProxy === "number"
        ? (_address: string, hop: number) => hop < trustProxy
        : proxyAddr.compile(trustProxy);
  // Requests the front door answers (public reads with a current snapshot) never reach Fastify.
  let door: ((request: http.IncomingMessage, response: http.ServerResponse) => boolean) | null = null;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel, options.logStream),
    // A well-formed x-request-id from the proxy or client is kept, else one is made (lib/logging.ts).
    genReqId: requestIdOf,
    // One line per request (below), not Fastify's two: half the logging cost of a cached read.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    // Registration waits on nothing slow, but a busy machine (CI's two cores shared by test
    // workers, each with its embedded database) can stall the event loop past Fastify's 10 s.
    pluginTimeout: 60_000,
    trustProxy: trust ?? false,
    serverFactory: (handler) => {
      const server = http.createServer((request, response) => {
        if (door !== null) {
          try {
            if (door(request, response)) return;
          } catch (error) {
            app.log.error({ err: error }, "front door failed");
            if (response.headersSent) return void response.destroy();
          }
        }
        handler(request, response);
      });
      // What Fastify sets on a server it makes itself (its defaults: none is set above).
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      server.setTimeout(0);
      return server;
    },
  }).withTypeProvider<ZodTypeProvider>();
  const monitor = new DatabaseMonitor(ctx.ping, app.log);
  app.decorate("databaseMonitor", monitor);
  app.addHook("onClose", async () => monitor.stop());
  // While stopping, answers close their connection: a kept-alive client must not hold the
  // shutdown open until the grace period cuts it.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  // A write made through this process is seen by its next read at once: every revision it
  // knows is read again (before the writer gets its answer, so no read of its can be older).
  const snapshots = snapshotsOf(ctx);
  const sessions = (ctx.sessions ??= new SessionCache(ctx.db));
  app.addHook("onSend", async (request, reply) => {
    if (closing) reply.header("connection", "close");
    if (UNSAFE_METHODS.has(request.method)) {
      snapshots.tracker.invalidate();
      sessions.invalidate();
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installRequestIds(app);
  // At debug level, a request is also logged as it arrives (a slow one shows before its answer).
  app.addHook("onRequest", (request, _reply, done) => {
    request.log.debug({ req: request }, "incoming request");
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
    done();
  });
  const metrics = installMetrics(app, ctx);

  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd and Swagger UI set inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The public report map's tiles (OpenStreetMap).
        imgSrc: ["'self'", "data:", "blob:", "https://tile.openstreetmap.org", "https://*.tile.openstreetmap.org"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(cookie);
  await app.register(multipart, {
    // parts and headerPairs bound what a hostile body can make the parser hold.
    limits: {
      fileSize: ctx.config.maxUploadBytes,
      files: 10,
      fields: 20,
      fieldSize: 100_000,
      parts: 40,
      headerPairs: 50,
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: context.statusCode,
      ...errorBody("RATE_LIMITED", "Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."),
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Phường Xanh API",
        version: "0.1.0",
        description:
          "API của hệ thống Phường Xanh: kế hoạch chuyển đổi xanh, nhiệm vụ, chỉ tiêu. Lỗi có mã ổn định (error.code) và thông điệp tiếng Việt.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true, uiConfig: { docExpansion: "list" } });

  // Set before the route plugins: each plugin keeps the handler present when it was registered.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (
      monitor.report(error) ||
      isPoolSaturated(error) ||
      (error instanceof AppError && error.code === "DATABASE_UNAVAILABLE")
    )
      return refuseUnavailable(reply);
    if (error instanceof AppError)
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? ""}${v.instancePath}`.replace(/\//g, "."),
        message: v.message ?? "không hợp lệ",
      }));
      return reply
        .code(400)
        .send(
          errorBody(
            "VALIDATION_FAILED",
            `Dữ liệu gửi lên không hợp lệ: ${details.map((d) => `${d.path} — ${d.message}`).join("; ")}`,
            details,
          ),
        );
    }
    if (error.code === "FST_REQ_FILE_TOO_LARGE" || error.code === "FST_FILES_LIMIT") {
      return reply.code(413).send(errorBody("FILE_TOO_LARGE", "Tệp vượt quá dung lượng hoặc số lượng cho phép."));
    }
    if (error.statusCode === 429)
      return reply.code(429).send(errorBody("RATE_LIMITED", "Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."));
    if (error.statusCode === 415 || error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return reply.code(415).send(errorBody("VALIDATION_FAILED", "Định dạng nội dung gửi lên không được hỗ trợ."));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send(errorBody("VALIDATION_FAILED", `Yêu cầu không hợp lệ: ${error.message}`));
    }
    if (isResponseSerializationError(error))
      request.log.error({ err: error, issues: error.cause }, "response failed its schema");
    else request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send(errorBody("INTERNAL", "Lỗi hệ thống. Vui lòng thử lại sau."));
  });

  // Deny by default: onRequest runs before the body is read, so an anonymous request to any
  // non-public endpoint gets 401 without its body ever being parsed. Open311 (/open311/v2/) is
  // outside /api/ on purpose: its clients are other apps, which send an api_key (checked by the
  // route itself), never a session cookie or a CSRF token.
  app.addHook("onRequest", async (request, reply) => {
    const url = request.url;
    if (!url.startsWith("/api/") || url.startsWith("/api/docs") || url === "/api/openapi.json") return;
    // While the database is away, answer at once rather than let each request wait for a connection.
    if (monitor.isDown && request.routeOptions.config.withoutDatabase !== true) return refuseUnavailable(reply);
    if (request.routeOptions.config.public === true) return;
    if (!request.routeOptions.url) {
      return reply.code(404).send(errorBody("NOT_FOUND", "Không tìm thấy địa chỉ yêu cầu."));
    }
    const auth = await sessions.authenticate(request.cookies[SESSION_COOKIE], {
      require2faAdmin: ctx.config.require2faAdmin,
      address: request.ip,
      userAgent: request.headers["user-agent"],
      readOnly: request.method === "GET" || request.method === "HEAD",
    });
    if (!auth) return reply.code(401).send(errorBody("UNAUTHENTICATED", "Vui lòng đăng nhập."));
    if (UNSAFE_METHODS.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || header !== auth.csrfToken) {
        return reply
          .code(403)
          .send(errorBody("CSRF_INVALID", "Phiên làm việc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang."));
      }
    }
    if (auth.mustEnrolSecondFactor && request.routeOptions.config.duringEnrolment !== true) {
      return reply
        .code(403)
        .send(
          errorBody(
            "SECOND_FACTOR_ENROLMENT_REQUIRED",
            "Tài khoản quản trị phải bật xác thực hai bước trước khi làm việc khác. Hãy vào trang Hồ sơ để đăng ký.",
          ),
        );
    }
    // The city reads every ward and writes none (DESIGN: people and access). The policy refuses
    // it every write already; this refuses, before any body is read, whatever a future route's
    // policy might forget. What a city account may send: its own account's changes (/api/auth/…)
    // and the routes that say so (its choice of ward to read).
    if (
      auth.actor.role === "city" &&
      UNSAFE_METHODS.has(request.method) &&
      !request.routeOptions.url.startsWith("/api/auth/") &&
      request.routeOptions.config.cityMayCall !== true
    ) {
      return reply
        .code(403)
        .send(errorBody("FORBIDDEN", "Tài khoản thành phố chỉ xem dữ liệu các phường, không thay đổi dữ liệu."));
    }
    // A producer's account keeps its own farm's diary and nothing else: deny by default, so no
    // staff read (the plan, reports, reporters' contacts) reaches it through a route's oversight.
    if (
      auth.actor.role === PRODUCER_ROLE &&
      !request.routeOptions.url.startsWith("/api/auth/") &&
      request.routeOptions.config.producerMayCall !== true
    ) {
      return reply
        .code(403)
        .send(errorBody("FORBIDDEN", "Tài khoản cơ sở sản xuất chỉ dùng để ghi và xem nhật ký sản xuất của mình."));
    }
    request.actor = auth.actor;
    request.sessionId = auth.sessionId;
  });

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(systemRoutes, { ...ctx, monitor });
  await app.register(identityRoutes, ctx);
  await app.register(planRoutes, ctx);
  await app.register(indicatorRoutes, ctx);
  await app.register(dashboardRoutes, ctx);
  await app.register(notificationRoutes, ctx);
  await app.register(fileRoutes, ctx);
  await app.register(onboardingRoutes, ctx);
  await app.register(jobRoutes, ctx);
  await app.register(documentRoutes, ctx);
  await app.register(reportingRoutes, ctx);
  await app.register(openDataRoutes, ctx);
  // Public pages get their share tags (Open Graph) in the HTML; the rest of the app as below.
  await app.register(previewRoutes, { ...ctx, webDist });
  await app.register(portalRoutes, ctx);
  await app.register(cityRoutes, ctx);
  // Open311 GeoReport v2 for other apps (its own errors, formats and form reader: modules/feedback/open311).
  await app.register(open311Routes, { ...ctx, prefix: "/open311/v2" });
  await app.register(feedbackRoutes, ctx);
  await app.register(feedbackPublicRoutes, ctx);
  await app.register(factorRoutes, ctx);
  await app.register(agriculturePublicRoutes, ctx);
  await app.register(agricultureRoutes, ctx);
  await app.register(certificatePublicRoutes, ctx);
  await app.register(certificateRoutes, ctx);
  await app.register(extensionRoutes, ctx);

  // The web app: built files, and index.html for every client-side route.
  if (fs.existsSync(path.join(webDist, "index.html"))) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ["index.html"],
      // Vite names built assets by content hash: they never change, so browsers keep them.
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.setHeader("cache-control", "public, max-age=31536000, immutable");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      fs.existsSync(path.join(webDist, "index.html"))
    ) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.code(404).send(errorBody("NOT_FOUND", "Không tìm thấy địa chỉ yêu cầu."));
  });

  door = frontDoor({
    routes: snapshots.front,
    tracker: snapshots.tracker,
    cache: snapshots.cache,
    open: () => !closing && !monitor.isDown,
    // The access line is built plain (no request object for Fastify's serializers to read) and
    // holds no header, cookie or body: nothing for redaction to find (a third of its cost).
    log: app.log.child({}, { redact: [], serializers: { req: (line: unknown) => line, res: (line: unknown) => line } }),
    clientAddress: (request) => (trust ? proxyAddr(request, trust) : request.socket.remoteAddress),
    observe: metrics ? (...args) => metrics.observeRequest(...args) : undefined,
  });
  return app;
}
