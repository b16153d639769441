import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createUnitRequestSchema,
  createUserRequestSchema,
  currentUserSchema,
  idParamsSchema,
  loginRequestSchema,
  okSchema,
  secondFactorChallengeSchema,
  secondFactorLoginRequestSchema,
  unitSchema,
  type CurrentUser,
  updateUnitRequestSchema,
  updateUserRequestSchema,
  userSummarySchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import { accountRoutes } from "./account-routes.js";
import {
  authenticate,
  createUnit,
  createUser,
  currentUser,
  listUnits,
  listUsers,
  updateUnit,
  updateUser,
} from "./service.js";
import {
  completeSecondFactor,
  DEVICE_DAYS,
  signIn,
  signOut,
  ThrottledError,
  type Client,
  type Session,
} from "./sign-in.js";

export const SESSION_COOKIE = "px_session";
export const CSRF_COOKIE = "px_csrf";
/** "This browser signed in as this user before" (OWASP device cookie); sent only to /api/auth. */
export const DEVICE_COOKIE = "px_device";
/** The password step passed, the second factor awaited; sent only to /api/auth. */
export const CHALLENGE_COOKIE = "px_pending";

export const identityRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db, config } = ctx;
  const cookieOptions = { path: "/", sameSite: "lax" as const, secure: config.cookieSecure };
  const authCookieOptions = {
    path: "/api/auth",
    sameSite: "strict" as const,
    secure: config.cookieSecure,
    httpOnly: true,
  };

  const clientOf = (request: FastifyRequest): Client => ({
    address: request.ip,
    userAgent: request.headers["user-agent"] ?? null,
    deviceToken: request.cookies[DEVICE_COOKIE],
  });

  /** Session and CSRF cookies, then who is signed in (the same answer as /api/auth/me). */
  async function signedIn(reply: FastifyReply, session: Session, deviceToken?: string): Promise<CurrentUser> {
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, httpOnly: true, expires: session.expiresAt });
    // Readable by the web app, which echoes it in x-csrf-token (double submit).
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieOptions, httpOnly: false, expires: session.expiresAt });
    if (deviceToken)
      reply.setCookie(DEVICE_COOKIE, deviceToken, { ...authCookieOptions, maxAge: DEVICE_DAYS * 86_400 });
    const auth = await authenticate(db, session.token, { require2faAdmin: config.require2faAdmin });
    if (!auth) throw new Error("session just created is not found");
    return currentUser(db, auth.actor, session.csrfToken, config.require2faAdmin);
  }

  /** Retry-After on a throttled answer, then the error as usual. */
  async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ThrottledError) reply.header("retry-after", String(error.retryAfterSeconds));
      throw error;
    }
  }

  app.post(
    "/api/auth/login",
    {
      // Per address, against floods: a ward office signs in from behind one NAT address, so the
      // limit is generous; failed passwords have their own throttles (throttle.ts).
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Đăng nhập (starts a session cookie, or asks for the second factor: 202)",
        description:
          "Sai mật khẩu: 401 LOGIN_FAILED. Quá nhiều lần sai (theo tên đăng nhập, theo địa chỉ, hoặc theo thiết bị đã đăng nhập trước đó): 429 LOGIN_THROTTLED với Retry-After. Tài khoản có xác thực hai bước: 202, rồi POST /api/auth/login/second-factor.",
        body: loginRequestSchema,
        response: { 200: currentUserSchema, 202: secondFactorChallengeSchema },
      },
    },
    async (request, reply) => {
      const result = await withRetryAfter(reply, () =>
        signIn(db, request.body.username, request.body.password, clientOf(request), config.sessionHours),
      );
      if (result.kind === "second_factor") {
        reply.setCookie(CHALLENGE_COOKIE, result.challengeToken, { ...authCookieOptions, expires: result.expiresAt });
        return reply
          .code(202)
          .send({ status: "second_factor_required" as const, expiresAt: result.expiresAt.toISOString() });
      }
      return signedIn(reply, result.session, result.deviceToken);
    },
  );

  app.post(
    "/api/auth/login/second-factor",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Đăng nhập, bước 2: mã xác thực hoặc mã khôi phục (starts the session)",
        description:
          "Sau khi POST /api/auth/login trả 202. Mã sai, hết hạn hoặc đã dùng: 401 SECOND_FACTOR_INVALID; quá 5 phút: 401 SIGN_IN_EXPIRED.",
        body: secondFactorLoginRequestSchema,
        response: { 200: currentUserSchema },
      },
    },
    async (request, reply) => {
      const result = await withRetryAfter(reply, () =>
        completeSecondFactor(
          db,
          request.cookies[CHALLENGE_COOKIE],
          request.body,
          clientOf(request),
          config.sessionHours,
        ),
      );
      reply.clearCookie(CHALLENGE_COOKIE, { path: "/api/auth" });
      return signedIn(reply, result.session, result.deviceToken);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { duringEnrolment: true },
      schema: { tags: ["auth"], summary: "Đăng xuất", response: { 200: okSchema } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db, token, clientOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" }).clearCookie(CSRF_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: { duringEnrolment: true },
      schema: { tags: ["auth"], summary: "Người dùng hiện tại", response: { 200: currentUserSchema } },
    },
    async (request) => {
      const auth = await authenticate(db, request.cookies[SESSION_COOKIE]);
      if (!auth) throw new Error("unreachable: auth hook passed");
      return currentUser(db, actorOf(request), auth.csrfToken, config.require2faAdmin);
    },
  );

  await app.register(accountRoutes, { ...ctx, signedIn, withRetryAfter, clientOf });

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
