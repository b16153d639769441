import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createUnitRequestSchema,
  createUserRequestSchema,
  currentUserSchema,
  idParamsSchema,
  loginRequestSchema,
  okSchema,
  unitSchema,
  updateUnitRequestSchema,
  updateUserRequestSchema,
  userSummarySchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import {
  authenticate,
  createUnit,
  createUser,
  currentUser,
  listUnits,
  listUsers,
  login,
  logout,
  updateUnit,
  updateUser,
} from "./service.js";

export const SESSION_COOKIE = "px_session";
export const CSRF_COOKIE = "px_csrf";

export const identityRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, config }) => {
  const cookieOptions = { path: "/", sameSite: "lax" as const, secure: config.cookieSecure };

  app.post(
    "/api/auth/login",
    {
      // Per address: a ward office signs in from behind one NAT address, so the limit is generous;
      // guessing one account's password is stopped by its own throttle (5 failures).
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Đăng nhập (starts a session cookie)",
        body: loginRequestSchema,
        response: { 200: currentUserSchema },
      },
    },
    async (request, reply) => {
      const { session } = await login(db, request.body.username, request.body.password, config.sessionHours);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, httpOnly: true, expires: session.expiresAt });
      // Readable by the web app, which echoes it in x-csrf-token (double submit).
      reply.setCookie(CSRF_COOKIE, session.csrfToken, {
        ...cookieOptions,
        httpOnly: false,
        expires: session.expiresAt,
      });
      const auth = await authenticate(db, session.token);
      if (!auth) throw new Error("session just created is not found");
      return currentUser(db, auth.actor, session.csrfToken);
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags: ["auth"], summary: "Đăng xuất", response: { 200: okSchema } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" }).clearCookie(CSRF_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/me",
    { schema: { tags: ["auth"], summary: "Người dùng hiện tại", response: { 200: currentUserSchema } } },
    async (request) => {
      const auth = await authenticate(db, request.cookies[SESSION_COOKIE]);
      if (!auth) throw new Error("unreachable: auth hook passed");
      return currentUser(db, actorOf(request), auth.csrfToken);
    },
  );

  app.get(
    "/api/units",
    {
      schema: {
        tags: ["units"],
        summary: "Đơn vị của phường",
        response: { 200: z.object({ units: z.array(unitSchema) }) },
      },
    },
    async (request) => ({
      units: await listUnits(db, actorOf(request).wardId),
    }),
  );

  app.post(
    "/api/units",
    {
      schema: {
        tags: ["units"],
        summary: "Thêm đơn vị, tổ dân phố (quản trị, Văn phòng)",
        body: createUnitRequestSchema,
        response: { 201: unitSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createUnit(db, actorOf(request), request.body)),
  );

  app.patch(
    "/api/units/:id",
    {
      schema: {
        tags: ["units"],
        summary: "Sửa đơn vị: tên, số hộ, ngừng hoạt động (quản trị, Văn phòng)",
        params: idParamsSchema,
        body: updateUnitRequestSchema,
        response: { 200: unitSchema },
      },
    },
    async (request) => updateUnit(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        summary: "Người dùng (quản trị)",
        response: { 200: z.object({ users: z.array(userSummarySchema) }) },
      },
    },
    async (request) => ({
      users: await listUsers(db, actorOf(request)),
    }),
  );

  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags: ["users"],
        summary: "Sửa tài khoản: vai trò, đơn vị, khóa/mở, đặt lại mật khẩu (quản trị)",
        params: idParamsSchema,
        body: updateUserRequestSchema,
        response: { 200: userSummarySchema },
      },
    },
    async (request) => updateUser(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        summary: "Tạo người dùng (quản trị)",
        body: createUserRequestSchema,
        response: { 201: userSummarySchema },
      },
    },
    async (request, reply) => {
      const user = await createUser(db, actorOf(request), request.body);
      return reply.code(201).send(user);
    },
  );
};
