import type { ErrorCode } from "@phuong-xanh/shared";

/** An error the API reports as is: a stable code, a Vietnamese message, an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly statusCode: number,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Không tìm thấy dữ liệu") => new AppError("NOT_FOUND", what, 404);
export const forbidden = (why = "Bạn không có quyền thực hiện thao tác này") => new AppError("FORBIDDEN", why, 403);
export const conflict = (why = "Dữ liệu đã được người khác thay đổi. Hãy tải lại trang rồi thử lại.") =>
  new AppError("CONFLICT", why, 409);
export const invalid = (message: string, details?: { path: string; message: string }[]) =>
  new AppError("VALIDATION_FAILED", message, 400, details);
