import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema, notificationSchema, okSchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { listNotifications, markRead } from "./service.js";

export const notificationRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db }) => {
  app.get(
    "/api/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "Nhắc việc của đơn vị",
        response: { 200: z.object({ notifications: z.array(notificationSchema) }) },
      },
    },
    async (request) => ({
      notifications: await listNotifications(db, actorOf(request)),
    }),
  );
  app.post(
    "/api/notifications/:id/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Đánh dấu đã đọc",
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await markRead(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
