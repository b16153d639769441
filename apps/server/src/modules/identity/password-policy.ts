import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { foldVietnamese } from "@phuong-xanh/shared";
import { AppError } from "../../lib/errors.js";

// The same folder from src/ (tests) and from dist/ (the built server): apps/server/src/….
const viListFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../src/modules/identity/common-passwords-vi.txt",
);

let common: Set<string> | undefined;

/**
 * The shipped list: zxcvbn-ts's ~49,000 most common passwords of public breach corpora
 * (NIST SP 800-63B asks for a check against "passwords obtained from previous breach corpuses"
 * and "commonly-used" ones), plus common Vietnamese choices kept in this repository.
 */
async function commonPasswords(): Promise<Set<string>> {
  if (common) return common;
  // Loaded on first use: decompressing the list takes ~0.2 s, which a CLI command or a server
  // start that creates no account should not pay.
  const { dictionary } = await import("@zxcvbn-ts/language-common");
  const vietnamese = fs
    .readFileSync(viListFile, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  common = new Set([...dictionary["passwords-common"], ...vietnamese]);
  return common;
}

/** Lower-case, no diacritics, no spaces: "Mật Khẩu" and "matkhau" are one password. */
const plain = (text: string) => foldVietnamese(text).replace(/\s+/g, "");

/**
 * Why a new password is refused, in Vietnamese, or null when it is acceptable. Length is the
 * schema's (8–200). Rules: not on the list (nor a listed word followed by up to four digits or
 * symbols, "matkhau2026!"), not the user name nor built around it (names of 4+ characters), not
 * the display name, not one or two characters repeated.
 */
export async function passwordProblem(
  password: string,
  context: { username?: string; displayName?: string },
): Promise<string | null> {
  const folded = plain(password);
  const list = await commonPasswords();
  const withoutSuffix = folded.replace(/[\d\W_]{1,4}$/u, "");
  if (list.has(folded) || list.has(password.toLowerCase()) || (withoutSuffix.length >= 4 && list.has(withoutSuffix)))
    return "Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu. Hãy chọn mật khẩu khác, dài hơn và khó đoán hơn.";
  const username = context.username ? plain(context.username) : "";
  // A short name ("an", "xem") is contained in many good passwords by chance: only equality counts.
  if (folded === username || (username.length >= 4 && folded.includes(username)))
    return "Mật khẩu không được chứa tên đăng nhập.";
  const name = context.displayName ? plain(context.displayName) : "";
  if (name.length >= 4 && folded === name) return "Mật khẩu không được là họ tên của người dùng.";
  if (new Set(folded).size <= 2) return "Mật khẩu không được chỉ lặp lại một vài ký tự.";
  return null;
}

/** Throws PASSWORD_WEAK (400) with the reason on the `path` field. */
export async function assertPasswordAcceptable(
  password: string,
  context: { username?: string; displayName?: string },
  fieldPath = "password",
): Promise<void> {
  const problem = await passwordProblem(password, context);
  if (problem) throw new AppError("PASSWORD_WEAK", problem, 400, [{ path: fieldPath, message: problem }]);
}
