import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  footprintInputOf,
  footprintInputSchema,
  footprintQuerySchema,
  footprintResultSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { footprintOf } from "./footprint.js";

/** The public side of green agriculture: the carbon footprint calculator. */
export const agriculturePublicRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  app.post(
    "/api/public/footprint",
    {
      // Arithmetic only, but public: a generous cap per address keeps a loop from hogging the server.
      config: { public: true, rateLimit: { max: 1200, timeWindow: "1 hour" } },
      schema: {
        tags: ["footprint"],
        summary:
          "Tính dấu chân carbon của một vụ lúa (IPCC 2019 Tier 1): kg CO2e theo nguồn, trên ha và trên kg sản phẩm. " +
          "Lượng là tổng cho cả diện tích, trừ khi tên trường ghi theo ha.",
        querystring: footprintQuerySchema,
        body: footprintInputSchema,
        response: { 200: footprintResultSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return footprintOf(ctx.db, footprintInputOf(request.body), request.query.factorSet);
    },
  );
};
