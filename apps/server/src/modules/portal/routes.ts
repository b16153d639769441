import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  filePublicStateSchema,
  idParamsSchema,
  indicatorTaskLinksSchema,
  portalQuerySchema,
  publicCodeParamsSchema,
  publicFileParamsSchema,
  publicGroupPageSchema,
  publicIndicatorPageSchema,
  publicResidentialGroupListSchema,
  publicResidentialGroupPageSchema,
  publicTaskPageSchema,
  setFilePublicSchema,
  taskFileParamsSchema,
  taskIndicatorLinksSchema,
  taskIndicatorParamsSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { serveSnapshot, snapshotsOf } from "../../lib/snapshots.js";
import { notFound } from "../../lib/errors.js";
import { etagMatches } from "../snapshots/service.js";
import { readPublicFile } from "../files/service.js";
import {
  buildPublicGroupPage,
  buildPublicIndicatorPage,
  buildPublicResidentialGroupList,
  buildPublicResidentialGroupPage,
  buildPublicTaskPage,
} from "./public-pages.js";
import {
  linkTaskIndicator,
  listIndicatorTasks,
  listTaskIndicators,
  setTaskPhotoPublic,
  unlinkTaskIndicator,
} from "./service.js";

/**
 * A public photo may be withdrawn (a face the officer missed): a day in shared caches, not a
 * year, so a withdrawal takes effect by the next day everywhere. The ETag makes revalidation cheap.
 */
const PUBLIC_PHOTO_CACHE = "public, max-age=86400, stale-while-revalidate=3600";

export const portalRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, store } = ctx;

  // Staff: which indicators a task moves, and which photos of its updates are public.
  app.get(
    "/api/tasks/:id/indicators",
    {
      schema: {
        tags: ["tasks"],
        summary: "Chỉ tiêu mà nhiệm vụ tác động",
        params: idParamsSchema,
        response: { 200: taskIndicatorLinksSchema },
      },
    },
    async (request) => listTaskIndicators(db, request.log, actorOf(request), request.params.id),
  );

  app.put(
    "/api/tasks/:id/indicators/:indicatorId",
    {
      schema: {
        tags: ["tasks"],
        summary: "Liên kết nhiệm vụ với chỉ tiêu (đơn vị chủ trì, lãnh đạo, Văn phòng)",
        params: taskIndicatorParamsSchema,
        response: { 200: taskIndicatorLinksSchema },
      },
    },
    async (request) =>
      linkTaskIndicator(db, request.log, actorOf(request), request.params.id, request.params.indicatorId),
  );

  app.delete(
    "/api/tasks/:id/indicators/:indicatorId",
    {
      schema: {
        tags: ["tasks"],
        summary: "Bỏ liên kết nhiệm vụ với chỉ tiêu",
        params: taskIndicatorParamsSchema,
        response: { 200: taskIndicatorLinksSchema },
      },
    },
    async (request) =>
      unlinkTaskIndicator(db, request.log, actorOf(request), request.params.id, request.params.indicatorId),
  );

  app.get(
    "/api/indicators/:id/tasks",
    {
      schema: {
        tags: ["indicators"],
        summary: "Nhiệm vụ tác động đến chỉ tiêu",
        params: idParamsSchema,
        response: { 200: indicatorTaskLinksSchema },
      },
    },
    async (request) => listIndicatorTasks(db, actorOf(request), request.params.id),
  );

  app.put(
    "/api/tasks/:id/files/:fileId/public",
    {
      schema: {
        tags: ["tasks"],
        summary: "Công khai (hoặc thôi công khai) ảnh minh chứng trên trang công khai của nhiệm vụ",
        params: taskFileParamsSchema,
        body: setFilePublicSchema,
        response: { 200: filePublicStateSchema },
      },
    },
    async (request) =>
      setTaskPhotoPublic(db, actorOf(request), request.params.id, request.params.fileId, request.body.isPublic),
  );

  // Public pages: one read each, from the ward's snapshot, no login.
  app.get(
    "/api/public/tasks/:code",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Trang công khai của một nhiệm vụ",
        params: publicCodeParamsSchema,
        querystring: portalQuerySchema,
        response: { 200: publicTaskPageSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: `task:${request.params.code}`,
        visibility: "public",
        build: async ({ ward, lang, today }) => ({
          json: await buildPublicTaskPage({ db, log: request.log, ward, lang, today }, request.params.code),
        }),
      }),
  );

  app.get(
    "/api/public/indicators/:code",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Trang công khai của một chỉ tiêu: diễn biến, lộ trình đến 2030, theo tổ dân phố",
        params: publicCodeParamsSchema,
        querystring: portalQuerySchema,
        response: { 200: publicIndicatorPageSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: `indicator:${request.params.code}`,
        visibility: "public",
        build: async ({ ward, lang, today }) => ({
          json: await buildPublicIndicatorPage({ db, log: request.log, ward, lang, today }, request.params.code),
        }),
      }),
  );

  app.get(
    "/api/public/groups/:code",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Trang công khai của một lĩnh vực (mục III) hoặc nhóm đơn vị (mục V)",
        params: publicCodeParamsSchema,
        querystring: portalQuerySchema,
        response: { 200: publicGroupPageSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: `group:${request.params.code}`,
        visibility: "public",
        build: async ({ ward, lang, today }) => ({
          json: await buildPublicGroupPage({ db, log: request.log, ward, lang, today }, request.params.code),
        }),
      }),
  );

  app.get(
    "/api/public/residential-groups",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Các tổ dân phố của phường (chọn khu phố của tôi)",
        querystring: portalQuerySchema,
        response: { 200: publicResidentialGroupListSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: "residential-groups",
        visibility: "public",
        build: async ({ ward, lang, today }) => ({
          json: await buildPublicResidentialGroupList({ db, log: request.log, ward, lang, today }),
        }),
      }),
  );

  app.get(
    "/api/public/residential-groups/:code",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Khu phố của tôi: chỉ tiêu và công việc của một tổ dân phố",
        params: publicCodeParamsSchema,
        querystring: portalQuerySchema,
        response: { 200: publicResidentialGroupPageSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: `residential-group:${request.params.code}`,
        visibility: "public",
        build: async ({ ward, lang, today }) => ({
          json: await buildPublicResidentialGroupPage({ db, log: request.log, ward, lang, today }, request.params.code),
        }),
      }),
  );

  app.get(
    "/api/public/files/:id",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Ảnh minh chứng đã được công khai (chỉ ảnh cán bộ đánh dấu công khai)",
        params: publicFileParamsSchema,
        querystring: portalQuerySchema,
      },
    },
    // Not a snapshot: a photo is bytes already stored, and could be megabytes; its ETag is its hash.
    async (request, reply) => {
      const ward = await snapshotsOf(ctx).tracker.ward(request.query.ward);
      if (!ward) throw notFound("Không tìm thấy phường");
      const file = await readPublicFile(db, store, ward.id, "task_update", request.params.id);
      const etag = `"${file.sha256}"`;
      reply.header("cache-control", PUBLIC_PHOTO_CACHE).header("etag", etag);
      if (etagMatches(request.headers["if-none-match"], etag)) return reply.code(304).send();
      return reply.type(file.mimeType).send(file.bytes);
    },
  );
};
