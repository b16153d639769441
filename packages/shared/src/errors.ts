import { z } from "zod";

/** Stable error codes of the API: clients branch on these, never on the message. */
export const errorCodeSchema = z.enum([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CSRF_INVALID",
  "LOGIN_FAILED",
  "LOGIN_THROTTLED",
  /** The second step of a sign-in: a wrong, expired or replayed code. */
  "SECOND_FACTOR_INVALID",
  /** The password step is over or expired: sign in again from the start. */
  "SIGN_IN_EXPIRED",
  /** REQUIRE_2FA_ADMIN: this admin must enrol a second factor before anything else. */
  "SECOND_FACTOR_ENROLMENT_REQUIRED",
  /** A new password that is too common, breached, or built from the user name. */
  "PASSWORD_WEAK",
  /** The current password given to confirm a change is wrong. */
  "PASSWORD_INCORRECT",
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "CONFLICT",
  "FILE_TOO_LARGE",
  "FILE_TYPE_NOT_ALLOWED",
  "IMPORT_INVALID",
  "DATA_DIR_LOCKED",
  "DATABASE_UNAVAILABLE",
  "RATE_LIMITED",
  /** The indicator is computed from the ward's records (plots, certificates): never typed in. */
  "INDICATOR_COMPUTED",
  /** A green-product application whose season fails one of the ward's criteria: not issued. */
  "CERTIFICATE_CRITERIA_NOT_MET",
  /** The ward has not set its green-product criteria yet. */
  "CERTIFICATE_CRITERIA_MISSING",
  /** The season is closed (after harvest): its diary takes no new entry, edit or deletion. */
  "SEASON_CLOSED",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorResponseSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    /** Vietnamese, for people. */
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** The request's id (also in the x-request-id header): it finds the server's log line. */
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
