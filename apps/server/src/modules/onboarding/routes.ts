import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createWardRequestSchema, openWardResultSchema, wardListSchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { listWardsForPlatform, openWard } from "./service.js";

export const onboardingRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db }) => {
  app.get(
    "/api/wards",
    {
      schema: {
        tags: ["wards"],
        summary: "Danh sách phường, số tài khoản và đơn vị (quản trị nền tảng)",
        response: { 200: wardListSchema },
      },
    },
    async (request) => ({ wards: await listWardsForPlatform(db, actorOf(request)) }),
  );

  app.post(
    "/api/wards",
    {
      // Opening wards is rare; a stolen platform session must not mint hundreds of them.
      config: { rateLimit: { max: 20, timeWindow: "1 hour" } },
      schema: {
        tags: ["wards"],
        summary: "Mở phường mới từ kế hoạch mẫu, kèm tài khoản quản trị đầu tiên (quản trị nền tảng)",
        body: createWardRequestSchema,
        response: { 201: openWardResultSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await openWard(db, actorOf(request), request.body)),
  );
};
