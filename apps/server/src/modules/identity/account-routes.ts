import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  changePasswordRequestSchema,
  currentUserSchema,
  idParamsSchema,
  okSchema,
  recoveryCodesSchema,
  secondFactorConfirmRequestSchema,
  secondFactorProofSchema,
  secondFactorSetupSchema,
  secondFactorStatusSchema,
  sessionListSchema,
  userSummarySchema,
  type CurrentUser,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf } from "../../lib/http.js";
import {
  changeOwnPassword,
  confirmSecondFactor,
  disableSecondFactor,
  listSessions,
  regenerateRecoveryCodes,
  resetSecondFactor,
  revokeSession,
  secondFactorStatus,
  startSecondFactorSetup,
} from "./account.js";
import type { Client, Session } from "./sign-in.js";

export type AccountRouteOptions = AppContext & {
  signedIn: (reply: FastifyReply, session: Session, deviceToken?: string) => Promise<CurrentUser>;
  withRetryAfter: <T>(reply: FastifyReply, run: () => Promise<T>) => Promise<T>;
  clientOf: (request: FastifyRequest) => Client;
};

const sessionIdOf = (request: FastifyRequest) => request.sessionId ?? "";

/** The signed-in user's own account (trang Hồ sơ), and the admin's reset of a second factor. */
export const accountRoutes: FastifyPluginAsyncZod<AccountRouteOptions> = async (app, options) => {
  const { db, config, signedIn, withRetryAfter, clientOf } = options;

  app.get(
    "/api/auth/sessions",
    {
      schema: {
        tags: ["auth"],
        summary: "Phiên đăng nhập của tôi (thiết bị, địa chỉ, lần dùng cuối)",
        response: { 200: sessionListSchema },
      },
    },
    async (request) => ({ sessions: await listSessions(db, actorOf(request), sessionIdOf(request)) }),
  );

  app.delete(
    "/api/auth/sessions/:id",
    {
      schema: {
        tags: ["auth"],
        summary: "Đăng xuất một phiên của tôi (thiết bị khác)",
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await revokeSession(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    "/api/auth/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Đổi mật khẩu của tôi (mọi phiên kết thúc; trình duyệt này nhận phiên mới)",
        description:
          "Mật khẩu hiện tại sai: 400 PASSWORD_INCORRECT. Mật khẩu mới quá phổ biến, đã lộ hoặc chứa tên đăng nhập: 400 PASSWORD_WEAK.",
        body: changePasswordRequestSchema,
        response: { 200: currentUserSchema },
      },
    },
    async (request, reply) => {
      const session = await withRetryAfter(reply, () =>
        changeOwnPassword(db, actorOf(request), request.body, clientOf(request), config.sessionHours),
      );
      return signedIn(reply, session);
    },
  );

  app.get(
    "/api/auth/second-factor",
    {
      config: { duringEnrolment: true },
      schema: {
        tags: ["auth"],
        summary: "Xác thực hai bước của tôi: bật/tắt, số mã khôi phục còn lại",
        response: { 200: secondFactorStatusSchema },
      },
    },
    async (request) => secondFactorStatus(db, actorOf(request), config.require2faAdmin),
  );

  app.post(
    "/api/auth/second-factor/setup",
    {
      config: { duringEnrolment: true },
      schema: {
        tags: ["auth"],
        summary: "Bật xác thực hai bước, bước 1: khóa bí mật và mã QR cho ứng dụng xác thực",
        response: { 200: secondFactorSetupSchema },
      },
    },
    async (request) => startSecondFactorSetup(db, actorOf(request)),
  );

  app.post(
    "/api/auth/second-factor/confirm",
    {
      config: { duringEnrolment: true },
      schema: {
        tags: ["auth"],
        summary: "Bật xác thực hai bước, bước 2: xác nhận bằng mã; trả 10 mã khôi phục (chỉ hiện một lần)",
        body: secondFactorConfirmRequestSchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request, reply) => withRetryAfter(reply, () => confirmSecondFactor(db, actorOf(request), request.body.code)),
  );

  app.post(
    "/api/auth/second-factor/disable",
    {
      schema: {
        tags: ["auth"],
        summary: "Tắt xác thực hai bước (cần mã hiện tại hoặc mật khẩu)",
        body: secondFactorProofSchema,
        response: { 200: okSchema },
      },
    },
    async (request, reply) => {
      await withRetryAfter(reply, () =>
        disableSecondFactor(db, actorOf(request), request.body, config.require2faAdmin),
      );
      return { ok: true as const };
    },
  );

  app.post(
    "/api/auth/second-factor/recovery-codes",
    {
      schema: {
        tags: ["auth"],
        summary: "Tạo 10 mã khôi phục mới (mã cũ hết hiệu lực; cần mã hiện tại hoặc mật khẩu)",
        body: secondFactorProofSchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request, reply) => withRetryAfter(reply, () => regenerateRecoveryCodes(db, actorOf(request), request.body)),
  );

  app.post(
    "/api/users/:id/second-factor/reset",
    {
      schema: {
        tags: ["users"],
        summary: "Đặt lại xác thực hai bước của một tài khoản (quản trị; tài khoản bị đăng xuất khỏi mọi thiết bị)",
        params: idParamsSchema,
        response: { 200: userSummarySchema },
      },
    },
    async (request) => resetSecondFactor(db, actorOf(request), request.params.id),
  );
};
