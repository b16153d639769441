import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createWardRequestSchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { openWard } from "./service.js";

export const onboardingRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db }) => {
  app.post(
    "/api/wards",
    {
      schema: {
        tags: ["wards"],
        summary: "Mở phường mới từ kế hoạch mẫu (quản trị)",
        body: createWardRequestSchema,
        response: { 201: z.object({ wardId: z.uuid(), adminUserId: z.uuid() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await openWard(db, actorOf(request), request.body)),
  );
};
