import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
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
import { z } from "zod";
import type { ErrorResponse } from "@phuong-xanh/shared";
import { AppError } from "./lib/errors.js";
import type { AppContext } from "./lib/context.js";
import { authenticate } from "./modules/identity/service.js";
import { SESSION_COOKIE, identityRoutes } from "./modules/identity/routes.js";
import { planRoutes } from "./modules/plan/routes.js";
import { indicatorRoutes } from "./modules/indicators/routes.js";
import { dashboardRoutes } from "./modules/dashboard/routes.js";
import { notificationRoutes } from "./modules/notifications/routes.js";
import { fileRoutes } from "./modules/files/routes.js";
import { onboardingRoutes } from "./modules/onboarding/routes.js";
import { systemRoutes } from "./modules/system/routes.js";

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

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: ctx.config.logLevel, redact: ["req.headers.cookie", "req.headers['x-csrf-token']"] },
    bodyLimit: 1_048_576,
    // Trusting X-Forwarded-For from anyone would let a client pick its own address and dodge rate limits.
    trustProxy: ctx.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd and Swagger UI set inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
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
  // non-public endpoint gets 401 without its body ever being parsed.
  app.addHook("onRequest", async (request, reply) => {
    const url = request.url;
    if (!url.startsWith("/api/") || url.startsWith("/api/docs") || url === "/api/openapi.json") return;
    if (request.routeOptions.config.public === true) return;
    if (!request.routeOptions.url) {
      return reply.code(404).send(errorBody("NOT_FOUND", "Không tìm thấy địa chỉ yêu cầu."));
    }
    const auth = await authenticate(ctx.db, request.cookies[SESSION_COOKIE]);
    if (!auth) return reply.code(401).send(errorBody("UNAUTHENTICATED", "Vui lòng đăng nhập."));
    if (UNSAFE_METHODS.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || header !== auth.csrfToken) {
        return reply
          .code(403)
          .send(errorBody("CSRF_INVALID", "Phiên làm việc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang."));
      }
    }
    request.actor = auth.actor;
  });

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(systemRoutes, ctx);
  await app.register(identityRoutes, ctx);
  await app.register(planRoutes, ctx);
  await app.register(indicatorRoutes, ctx);
  await app.register(dashboardRoutes, ctx);
  await app.register(notificationRoutes, ctx);
  await app.register(fileRoutes, ctx);
  await app.register(onboardingRoutes, ctx);

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

  return app;
}
