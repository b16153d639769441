import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import type { FastifyLoggerOptions, PinoLoggerOptions } from "fastify/types/logger.js";

export const REQUEST_ID_HEADER = "x-request-id";

/** A proxy's or client's request id is kept when it is short and plain (no log or header injection). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's well-formed `x-request-id`, or a new UUID. */
export function requestIdOf(request: Pick<IncomingMessage, "headers">): string {
  const header = request.headers[REQUEST_ID_HEADER];
  if (typeof header === "string" && SAFE_REQUEST_ID.test(header)) return header;
  return crypto.randomUUID();
}

/** Property names whose values are secrets wherever they appear in a logged object. */
const SECRET_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|csrf|hash|session|totp|otp|api.?key/i;

/**
 * Fields of an error that are safe to log. Everything else is dropped: drizzle's `params` carry
 * the query's values (password hashes included), and PostgreSQL's `detail`, `where` and
 * `internalQuery` quote row contents ("Failing row contains (…)", "Key (username)=(…)").
 */
const SAFE_ERROR_FIELDS = new Set([
  "code",
  "errno",
  "syscall",
  "severity",
  "constraint",
  "table",
  "column",
  "schema",
  "dataType",
  "routine",
  "position",
  "statusCode",
  "query",
]);

const MAX_DEPTH = 4;

/** drizzle writes "Failed query: <sql>\nparams: <values>": keep the SQL, drop the values. */
function withoutParams(text: string): string {
  const at = text.indexOf("\nparams: ");
  return at === -1 ? text : `${text.slice(0, at)}\nparams: [redacted]`;
}

/** The error's message, safe for logs and for the job history (no query values), bounded. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return withoutParams(`${message}${cause}`).slice(0, 2000);
}

/**
 * pino's `err` serializer: type, message, stack, code and the safe fields above, with the cause
 * chain serialized the same way. Query parameters and secrets never reach the log.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: withoutParams(String(error)) };
  const message = withoutParams(error.message);
  const out: Record<string, unknown> = {
    type: error.constructor.name,
    message,
    stack: (error.stack ?? "").replace(error.message, message),
  };
  for (const [key, value] of Object.entries(error)) {
    if (SECRET_KEY.test(key)) out[key] = "[redacted]";
    else if (SAFE_ERROR_FIELDS.has(key) && (typeof value !== "object" || value === null)) out[key] = value;
  }
  if (error.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < MAX_DEPTH)
    out.errors = error.errors.slice(0, 10).map((e: unknown) => serializeError(e, depth + 1));
  return out;
}

/** Secrets that may sit in logged requests and replies, whatever logs them. */
const REDACT = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.secret",
];

/** JSON logs (pino): level, redaction, the error serializer; `stream` lets a test read them. */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): unknown },
): FastifyLoggerOptions & PinoLoggerOptions {
  return {
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: {
      err: (err: Error) => serializeError(err) as { type: string; message: string; stack: string },
    },
    ...(stream ? { stream: { write: (line: string) => void stream.write(line) } } : {}),
  };
}

/**
 * Echoes the request id in the `x-request-id` response header and in every error body
 * (`error.requestId`), so a person reporting an error gives the id that finds its log line.
 */
export function installRequestIds(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  app.addHook("preSerialization", (request, reply, payload: unknown, done) => {
    if (reply.statusCode >= 400 && isErrorBody(payload)) {
      done(null, { ...payload, error: { ...payload.error, requestId: request.id } });
      return;
    }
    done(null, payload);
  });
}

function isErrorBody(payload: unknown): payload is { error: Record<string, unknown> } {
  if (typeof payload !== "object" || payload === null || !("error" in payload)) return false;
  const error = (payload as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error;
}
