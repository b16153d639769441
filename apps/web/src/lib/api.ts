import type { ErrorCode } from "@phuong-xanh/shared";

/**
 * Thin fetch wrapper for the Phường Xanh API.
 *
 * - Sends the session cookie (same origin) and, on every non-GET request, the CSRF token from
 *   the `px_csrf` cookie in `x-csrf-token` (double-submit: the server compares the two).
 * - Validates responses with the shared zod schemas the caller passes. It takes any object with
 *   a `parse` method so that this file does not import zod: the public page uses it too and
 *   must stay light.
 * - Turns the server's error body `{error:{code,message,details?}}` into an `ApiError` whose
 *   `message` is the server's Vietnamese message.
 * - On 401 (not signed in / session expired) it sends the browser to the login page.
 */

export type Parser<T> = { parse: (data: unknown) => T };

export type ApiErrorDetail = { path: string; message: string };

/** Codes of the API, plus two of the client's own for failures that never reached the API. */
export type ApiErrorCode = ErrorCode | "NETWORK" | "BAD_RESPONSE";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: ApiErrorDetail[];
  /** The server's id of the request (x-request-id), which finds its log line. */
  readonly requestId: string | undefined;

  constructor(code: ApiErrorCode, message: string, status: number, details: ApiErrorDetail[] = [], requestId?: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
    this.requestId = requestId;
  }
}

export const LOGIN_PATH = "/dang-nhap";
const CSRF_COOKIE = "px_csrf";

/** Fallback when the cookie cannot be read: the token echoed by /api/auth/me and login. */
let csrfEcho: string | undefined;

export function rememberCsrfToken(token: string): void {
  csrfEcho = token;
}

export function readCookie(name: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

function csrfToken(): string | undefined {
  return readCookie(CSRF_COOKIE) ?? csrfEcho;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/tasks` + `{q: "nước", unitId: undefined}` → `/api/tasks?q=n%C6%B0%E1%BB%9Bc` */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  if (!text) return path;
  return `${path}${path.includes("?") ? "&" : "?"}${text}`;
}

export type RequestOptions<T> = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  schema: Parser<T>;
  /** Further request headers (the public report form's `x-device-id`). */
  headers?: Record<string, string>;
  /** Do not send the browser to the login page on 401 (the login form itself, the public page). */
  noLoginRedirect?: boolean;
  signal?: AbortSignal;
  /** Bytes of a `form` sent so far: the request then goes by XMLHttpRequest (fetch cannot report it). */
  onUploadProgress?: (sent: number, total: number) => void;
};

type RawResponse = { status: number; ok: boolean; text: string };

/** A request by XMLHttpRequest, for its upload progress events; same cookies and headers as fetch. */
function xhrRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: FormData,
  onUploadProgress: (sent: number, total: number) => void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onUploadProgress(event.loaded, event.total);
    });
    xhr.addEventListener("load", () =>
      resolve({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, text: xhr.responseText }),
    );
    xhr.addEventListener("error", () => reject(new TypeError("network error")));
    xhr.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    xhr.send(body);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorFromBody(body: unknown, status: number): ApiError | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message, details, requestId } = body.error;
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  const id = typeof requestId === "string" ? requestId : undefined;
  const list = Array.isArray(details)
    ? details.filter(isRecord).map((d) => ({
        path: typeof d.path === "string" ? d.path : "",
        message: typeof d.message === "string" ? d.message : "",
      }))
    : [];
  // A server fault: the officer can quote the request id to whoever reads the logs.
  const shown = status >= 500 && id ? `${message} (mã yêu cầu: ${id})` : message;
  return new ApiError(code as ApiErrorCode, shown, status, list, id);
}

/** Messages for failures the server could not word itself (network down, proxy error page). */
const fallbackMessages: Record<"NETWORK" | "BAD_RESPONSE" | "INTERNAL", string> = {
  NETWORK: "Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.",
  BAD_RESPONSE: "Máy chủ trả về dữ liệu không đúng định dạng.",
  INTERNAL: "Máy chủ gặp lỗi. Vui lòng thử lại sau.",
};

function redirectToLogin(): void {
  const here = `${window.location.pathname}${window.location.search}`;
  if (window.location.pathname === LOGIN_PATH) return;
  const next = here && here !== "/" ? `?next=${encodeURIComponent(here)}` : "";
  window.location.assign(`${LOGIN_PATH}${next}`);
}

export async function apiRequest<T>(path: string, options: RequestOptions<T>): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { ...options.headers, accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers["x-csrf-token"] = token;
  }

  let response: RawResponse;
  try {
    if (options.form && options.onUploadProgress) {
      response = await xhrRequest(
        method,
        withQuery(path, options.query),
        headers,
        options.form,
        options.onUploadProgress,
      );
    } else {
      const fetched = await fetch(withQuery(path, options.query), {
        method,
        headers,
        body,
        credentials: "same-origin",
        signal: options.signal,
      });
      response = { status: fetched.status, ok: fetched.ok, text: await fetched.text() };
    }
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError("NETWORK", fallbackMessages.NETWORK, 0);
  }

  const { text } = response;
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error =
      errorFromBody(data, response.status) ??
      new ApiError(
        response.status >= 500 ? "INTERNAL" : "BAD_RESPONSE",
        response.status >= 500 ? fallbackMessages.INTERNAL : fallbackMessages.BAD_RESPONSE,
        response.status,
      );
    if (response.status === 401 && !options.noLoginRedirect) redirectToLogin();
    throw error;
  }

  try {
    return options.schema.parse(data);
  } catch (cause) {
    console.error("Unexpected response shape", path, cause);
    throw new ApiError("BAD_RESPONSE", fallbackMessages.BAD_RESPONSE, response.status);
  }
}

/** For endpoints whose body the client does not use (`{ok: true}`, 204). */
export const ignoreBody: Parser<void> = { parse: () => undefined };

export function apiGet<T>(path: string, schema: Parser<T>, query?: Query, signal?: AbortSignal): Promise<T> {
  return apiRequest(path, {
    schema,
    ...(query ? { query } : {}),
    ...(signal ? { signal } : {}),
  });
}

export function apiSend<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  schema: Parser<T>,
  json?: unknown,
  query?: Query,
): Promise<T> {
  return apiRequest(path, {
    method,
    schema,
    json,
    ...(query ? { query } : {}),
  });
}

export function apiUpload<T>(
  path: string,
  form: FormData,
  schema: Parser<T>,
  query?: Query,
  onUploadProgress?: (sent: number, total: number) => void,
): Promise<T> {
  return apiRequest(path, {
    method: "POST",
    form,
    schema,
    ...(query ? { query } : {}),
    ...(onUploadProgress ? { onUploadProgress } : {}),
  });
}

/** The message to show for any error a request threw. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
