import type { FastifyInstance } from "fastify";
import type { ErrorResponse } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { backupFacts } from "../backup/scheduled.js";
import { createMetrics, isMetricsTokenValid, type Metrics } from "./service.js";

/**
 * GET /metrics (Prometheus text format) when METRICS_TOKEN is set, for `Authorization: Bearer
 * <token>` only; 404 when it is not set. The request hook is added only when metrics are on, so
 * an app without them pays nothing. Not in the OpenAPI description: it is not JSON. Returns the
 * metrics (null when off), for what answers requests outside Fastify (the front door).
 */
export function installMetrics(app: FastifyInstance, ctx: AppContext): Metrics | null {
  const token = ctx.config.metricsToken;
  if (!token) {
    app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.code(404).send({
        error: { code: "NOT_FOUND", message: "Không tìm thấy địa chỉ yêu cầu." },
      } satisfies ErrorResponse),
    );
    return null;
  }
  const metrics =
    ctx.metrics ??
    createMetrics({
      ...(ctx.poolStats ? { poolStats: ctx.poolStats } : {}),
      backupFacts: () => backupFacts(ctx.db),
    });
  app.addHook("onResponse", (request, reply, done) => {
    // The route pattern (/api/tasks/:id), never the raw URL: one series per route, not per id.
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? "unmatched",
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!isMetricsTokenValid(request.headers.authorization, token)) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({
          error: { code: "UNAUTHENTICATED", message: "Cần mã truy cập (Bearer token) để đọc số liệu giám sát." },
        } satisfies ErrorResponse);
    }
    const body = await metrics.registry.metrics();
    return reply.header("content-type", metrics.registry.contentType).header("cache-control", "no-store").send(body);
  });
  return metrics;
}
