import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { factorSetDetailSchema, factorSetParamsSchema, factorSetSummarySchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { factorSet, listFactorSets } from "./service.js";

/**
 * The factor sets, public: every number behind a footprint can be traced to its source. A set
 * never changes, so its page may be cached for a day; the list names the current one.
 */
export const factorRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  app.get(
    "/api/public/factor-sets",
    {
      config: { public: true },
      schema: {
        tags: ["footprint"],
        summary: "Các bộ hệ số phát thải đã công bố (bộ hiện hành: current)",
        response: { 200: z.array(factorSetSummarySchema) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return listFactorSets(ctx.db);
    },
  );

  app.get(
    "/api/public/factor-sets/:version",
    {
      config: { public: true },
      schema: {
        tags: ["footprint"],
        summary: "Một bộ hệ số: giá trị, đơn vị và nguồn của từng hệ số",
        params: factorSetParamsSchema,
        response: { 200: factorSetDetailSchema },
      },
    },
    async (request, reply) => {
      const { values: _values, ...set } = await factorSet(ctx.db, request.params.version);
      reply.header("cache-control", "public, max-age=86400, immutable");
      return set;
    },
  );
};
