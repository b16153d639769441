import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { dashboardSchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { getDashboard } from "./service.js";

export const dashboardRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db }) => {
  app.get(
    "/api/dashboard",
    { schema: { tags: ["dashboard"], summary: "Bảng điều hành của lãnh đạo", response: { 200: dashboardSchema } } },
    async (request) => getDashboard(db, request.log, actorOf(request)),
  );
};
