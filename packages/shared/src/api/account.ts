import { z } from "zod";
import { newPasswordSchema } from "./auth.js";

/**
 * The signed-in user's own account: sessions, password, second factor (trang "Hồ sơ"), and the
 * second step of signing in.
 */

/** Six digits of an authenticator app (RFC 6238 TOTP, 30-second steps). */
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "Mã xác thực gồm 6 chữ số");

/** Mã khôi phục as shown (xxxx-xxxx-xxxx-xxxx); case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z
  .string()
  .trim()
  .min(8)
  .max(40)
  .regex(/^[a-z0-9 -]+$/i, "Mã khôi phục chỉ gồm chữ và số");

/** After the password, when the account has a second factor: one of the two. */
export const secondFactorLoginRequestSchema = z.union([
  z.object({ code: totpCodeSchema }).strict(),
  z.object({ recoveryCode: recoveryCodeSchema }).strict(),
]);
export type SecondFactorLoginRequest = z.infer<typeof secondFactorLoginRequestSchema>;

/** The password was right; a code is awaited (202). No session exists yet. */
export const secondFactorChallengeSchema = z.object({
  status: z.literal("second_factor_required"),
  expiresAt: z.iso.datetime(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;

export const sessionInfoSchema = z.object({
  id: z.uuid(),
  /** "Chrome 126", "Firefox 128", or null when the browser said nothing recognisable. */
  browser: z.string().nullable(),
  /** "Windows 10", "Android 14", … */
  os: z.string().nullable(),
  /** desktop, mobile, tablet, or null. */
  deviceType: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionInfoSchema) });

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** Enrolment, step 1: a new secret to put in the authenticator app. */
export const secondFactorSetupSchema = z.object({
  /** Base32, as apps accept it typed by hand. */
  secret: z.string(),
  /** otpauth://totp/… (what the QR code holds). */
  otpauthUri: z.string(),
  /** The QR code as an image (data:image/svg+xml). */
  qrCode: z.string(),
});
export type SecondFactorSetup = z.infer<typeof secondFactorSetupSchema>;

/** Enrolment, step 2: a code from the app proves it holds the secret. */
export const secondFactorConfirmRequestSchema = z.object({ code: totpCodeSchema });
export type SecondFactorConfirmRequest = z.infer<typeof secondFactorConfirmRequestSchema>;

/** Ten single-use codes, shown once: only their hashes are kept. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const secondFactorStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** This account must have one (REQUIRE_2FA_ADMIN and an admin). */
  required: z.boolean(),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatusSchema>;

/** Turning the second factor off, or new recovery codes: a current code or the password. */
export const secondFactorProofSchema = z.union([
  z.object({ code: totpCodeSchema }).strict(),
  z.object({ password: z.string().min(1).max(200) }).strict(),
]);
export type SecondFactorProof = z.infer<typeof secondFactorProofSchema>;
