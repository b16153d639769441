import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  cityComparisonSchema,
  cityDashboardSchema,
  viewWardRequestSchema,
  viewWardResultSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { forbidden } from "../../lib/errors.js";
import { actorOf } from "../../lib/http.js";
import { serveCitySnapshot } from "../../lib/snapshots.js";
import { can } from "../identity/policy.js";
import { viewWard } from "../identity/service.js";
import { buildCityDashboard, publicCityComparison } from "./service.js";

export const cityRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db } = ctx;

  app.get(
    "/api/city/dashboard",
    {
      schema: {
        tags: ["city"],
        summary: "Bảng điều hành thành phố: so sánh các phường (tài khoản thành phố, quản trị nền tảng)",
        response: { 200: cityDashboardSchema },
      },
    },
    async (request, reply) => {
      // Refused before the snapshot: a ward's account never reaches the city's figures.
      if (!can.readCity(actorOf(request)))
        throw forbidden("Chỉ tài khoản thành phố hoặc quản trị nền tảng xem được bảng này.");
      return serveCitySnapshot(ctx, request, reply, {
        key: "city-dashboard",
        visibility: "private",
        build: async ({ today }) => ({ json: await buildCityDashboard(db, request.log, today) }),
      });
    },
  );

  app.post(
    "/api/city/view-ward",
    {
      config: { cityMayCall: true },
      schema: {
        tags: ["city"],
        summary: "Thành phố xem một phường, chỉ đọc (code: null — về phường của tài khoản)",
        description:
          "Chỉ tài khoản thành phố. Sau đó mọi yêu cầu đọc (GET) của phiên này trả dữ liệu của phường đó; mọi yêu cầu ghi vẫn bị từ chối (403).",
        body: viewWardRequestSchema,
        response: { 200: viewWardResultSchema },
      },
    },
    async (request) => {
      const sessionId = request.sessionId;
      if (!sessionId) throw forbidden();
      return viewWard(db, actorOf(request), sessionId, request.body.code);
    },
  );

  app.get(
    "/api/public/city",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Các phường của thành phố so sánh trên các chỉ tiêu chung (không cần đăng nhập)",
        response: { 200: cityComparisonSchema },
      },
    },
    async (request, reply) =>
      serveCitySnapshot(ctx, request, reply, {
        key: "city",
        visibility: "public",
        build: async ({ today }) => ({
          json: publicCityComparison(await buildCityDashboard(db, request.log, today)),
        }),
      }),
  );
};
