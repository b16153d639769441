import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { dashboardSchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { serveSnapshot } from "../../lib/snapshots.js";
import { getDashboard } from "./service.js";

export const dashboardRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db } = ctx;
  app.get(
    "/api/dashboard",
    { schema: { tags: ["dashboard"], summary: "Bảng điều hành của lãnh đạo", response: { 200: dashboardSchema } } },
    // The same for everyone of the ward: one snapshot per ward, rebuilt when its data moves.
    async (request, reply) => {
      const actor = actorOf(request);
      return serveSnapshot(ctx, request, reply, {
        ward: { id: actor.wardId },
        key: "dashboard",
        visibility: "private",
        schema: dashboardSchema,
        build: async ({ today }) => ({ json: await getDashboard(db, request.log, actor, today) }),
      });
    },
  );
};
