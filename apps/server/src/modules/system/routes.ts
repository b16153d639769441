import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../lib/context.js";

export const systemRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, databaseKind }) => {
  app.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        summary: "Tình trạng hệ thống",
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }) },
      },
    },
    async () => {
      await db.execute(sql`select 1`);
      return { status: "ok" as const, database: databaseKind };
    },
  );
};
