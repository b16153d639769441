import { z } from "zod";
import { roleSchema } from "../roles.js";
import { unitKindSchema } from "../plan-template.js";
import { unitRefSchema } from "./common.js";
import { boundedText, passwordText } from "./fields.js";

export const loginRequestSchema = z.object({
  username: boundedText({ min: 1, max: 100 }),
  password: passwordText(1, 200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unit: unitRefSchema.nullable(),
  ward: z.object({ id: z.uuid(), code: z.string(), name: z.string(), isDemo: z.boolean() }),
  /**
   * A city account (Thành phố): the ward its reads show, read-only — the one it chose to view,
   * else its own. Null for every other role.
   */
  viewing: z.object({ code: z.string(), name: z.string(), isDemo: z.boolean() }).nullable(),
  /** Echo of the CSRF token, for clients that cannot read the cookie. */
  csrfToken: z.string(),
  /** Xác thực hai bước is on for this account. */
  secondFactorEnabled: z.boolean(),
  /**
   * REQUIRE_2FA_ADMIN is set and this admin has no second factor yet: every call but enrolment
   * is refused (SECOND_FACTOR_ENROLMENT_REQUIRED) until one is confirmed.
   */
  mustEnrolSecondFactor: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** Tên đăng nhập: letters without accents, digits, ".", "_", "-". */
export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9._-]+$/i, "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang");
/** At least 8 characters (NIST SP 800-63B sets the floor; longer is better). */
export const newPasswordSchema = passwordText(8, 200);

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: boundedText({ min: 1, max: 200 }),
  email: z.email().max(254).optional(),
  password: newPasswordSchema,
  role: roleSchema,
  unitId: z.uuid().nullable(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const userSummarySchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  unitId: z.uuid().nullable(),
  active: z.boolean(),
  secondFactorEnabled: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const unitSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  parentId: z.uuid().nullable(),
  households: z.number().int().nullable(),
  /** Inactive units keep their history (tasks they owned still name them) but take no new work. */
  active: z.boolean(),
});
export type Unit = z.infer<typeof unitSchema>;

/** A unit the ward adds: a tổ dân phố, a school, a business, … (the seed brings the plan's own). */
export const createUnitRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Mã đơn vị: chữ thường không dấu, số, dấu gạch ngang"),
  name: boundedText({ min: 1, max: 200 }),
  shortName: boundedText({ min: 1, max: 60 }),
  kind: unitKindSchema,
  parentId: z.uuid().nullable(),
  households: z.number().int().min(0).max(100_000).nullable(),
});
export type CreateUnitRequest = z.infer<typeof createUnitRequestSchema>;

export const updateUnitRequestSchema = z
  .object({
    name: boundedText({ min: 1, max: 200 }).optional(),
    shortName: boundedText({ min: 1, max: 60 }).optional(),
    households: z.number().int().min(0).max(100_000).nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: "Không có thay đổi nào" });
export type UpdateUnitRequest = z.infer<typeof updateUnitRequestSchema>;

export const createWardRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/),
  name: boundedText({ min: 1, max: 200 }),
  province: boundedText({ min: 1, max: 100 }),
  admin: z.object({
    username: usernameSchema,
    displayName: boundedText({ min: 1, max: 200 }),
    password: newPasswordSchema,
  }),
});
export type CreateWardRequest = z.infer<typeof createWardRequestSchema>;

/** What an admin changes of an account: role, unit, active, or a new password. */
export const updateUserRequestSchema = z
  .object({
    displayName: boundedText({ min: 1, max: 200 }).optional(),
    email: z.email().max(254).nullable().optional(),
    role: roleSchema.optional(),
    unitId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
    password: newPasswordSchema.optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: "Không có thay đổi nào" });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;
