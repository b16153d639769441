import type { FastifyRequest } from "fastify";
import type { MultipartFile } from "@fastify/multipart";
import { z } from "zod";
import type { Actor } from "./actor.js";
import { AppError, invalid } from "./errors.js";
import type { Upload } from "../modules/files/service.js";

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
    /** The session the request came with (profile: "this session"). */
    sessionId?: string;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. Everything else is denied to anonymous requests. */
    public?: boolean;
    /** Answers even while the database is away (liveness, readiness). */
    withoutDatabase?: boolean;
    /** Reachable by an admin who must first enrol a second factor (REQUIRE_2FA_ADMIN). */
    duringEnrolment?: boolean;
    /** A write a city account may send (it reads every ward and writes nothing else). */
    cityMayCall?: boolean;
    /** Reachable by a producer's account (its own farm's diary); every other staff route refuses it. */
    producerMayCall?: boolean;
  }
  interface FastifyInstance {
    databaseMonitor: import("../db/availability.js").DatabaseMonitor;
  }
}

/** The signed-in actor; the auth hook guarantees one on every non-public route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED", "Vui lòng đăng nhập.", 401);
  return request.actor;
}

/** Reads a multipart request: its text fields validated by `schema`, and its files in memory. */
export async function readMultipart<T extends z.ZodType>(
  request: FastifyRequest,
  schema: T,
  fileField = "files",
): Promise<{ fields: z.infer<T>; files: Upload[] }> {
  if (!request.isMultipart()) throw invalid("Yêu cầu phải gửi dạng multipart/form-data.");
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== fileField) {
          await (part as MultipartFile).toBuffer();
          continue;
        }
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new AppError("FILE_TOO_LARGE", `Tệp "${part.filename}" vượt quá dung lượng cho phép.`, 413);
        if (bytes.length > 0) files.push({ filename: part.filename, bytes });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw multipartError(error);
  }
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw invalid(`Dữ liệu không hợp lệ: ${details.map((d) => `${d.path} — ${d.message}`).join("; ")}`, details);
  }
  return { fields: parsed.data, files };
}

/**
 * What a failure while reading the parts means: the limits of @fastify/multipart (413) and our
 * own errors pass through; anything else is the parser refusing the body (no boundary, cut off,
 * malformed part headers), which is the client's fault: 400, never 500.
 */
function multipartError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return error;
  return invalid("Dữ liệu gửi lên (multipart/form-data) bị hỏng hoặc không đầy đủ. Hãy chọn lại tệp và gửi lại.");
}

/** Content-Disposition that keeps Vietnamese file names (RFC 6266 filename*). */
export function attachment(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|"/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The one file of an import request (multipart field `file`). */
export async function readSingleFile(request: FastifyRequest): Promise<Upload> {
  const { files } = await readMultipart(request, z.object({}), "file");
  const [file] = files;
  if (!file) throw invalid("Chưa chọn tệp.");
  return file;
}
