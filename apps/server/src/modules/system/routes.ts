import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../lib/context.js";
import type { DatabaseMonitor } from "../../db/availability.js";

/** How long readiness waits for the database before it says "unavailable". */
const READINESS_TIMEOUT_MS = 2_000;

const readySchema = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
const unavailableSchema = z.object({ status: z.literal("unavailable"), database: z.enum(["pglite", "postgres"]) });

export const systemRoutes: FastifyPluginAsyncZod<AppContext & { monitor: DatabaseMonitor }> = async (
  app,
  { databaseKind, monitor },
) => {
  app.get(
    "/api/health",
    {
      config: { public: true, withoutDatabase: true },
      schema: {
        tags: ["system"],
        summary: "Sẵn sàng phục vụ (readiness): 503 khi cơ sở dữ liệu không truy cập được",
        response: { 200: readySchema, 503: unavailableSchema },
      },
    },
    async (_request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS);
      });
      const up = await Promise.race([monitor.check(), timeout]).finally(() => clearTimeout(timer));
      if (!up)
        return reply.code(503).header("retry-after", "5").send({ status: "unavailable", database: databaseKind });
      return { status: "ok" as const, database: databaseKind };
    },
  );

  app.get(
    "/api/health/live",
    {
      config: { public: true, withoutDatabase: true },
      schema: {
        tags: ["system"],
        summary: "Tiến trình còn sống (liveness): không hỏi cơ sở dữ liệu",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );
};
