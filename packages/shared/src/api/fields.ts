import { z } from "zod";
import { isSaneIsoDate, MAX_QUANTITY, MAX_YEAR, MIN_YEAR, textProblem } from "../bounds.js";

/**
 * Field rules every request schema is built from (bodies, query strings, multipart fields) and
 * that imports apply to each row: see `bounds.ts` for the limits and why.
 */

type TextOptions = { min?: number; max: number; multiline?: boolean; trim?: boolean };

/** Text: trimmed (unless `trim: false`), length-bounded, free of control characters and broken Unicode. */
export function boundedText({ min = 0, max, multiline = false, trim = true }: TextOptions) {
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A password as typed: never trimmed (spaces count), no control characters. */
export function passwordText(min: number, max: number) {
  return boundedText({ min, max, trim: false });
}

/** An ISO date (yyyy-mm-dd) with its year between MIN_YEAR and MAX_YEAR. */
export const boundedDateSchema = z.iso
  .date()
  .refine(isSaneIsoDate, { message: `Ngày không hợp lệ: năm phải trong khoảng ${MIN_YEAR}–${MAX_YEAR}` });

/** A measured or planned quantity: finite, within ±MAX_QUANTITY. */
export const quantitySchema = z
  .number()
  .min(-MAX_QUANTITY, "Giá trị quá lớn (vượt quá ±1.000 tỷ)")
  .max(MAX_QUANTITY, "Giá trị quá lớn (vượt quá ±1.000 tỷ)");

/** Optimistic-lock version of a row (a PostgreSQL integer). */
export const versionSchema = z.number().int().min(0).max(2_147_483_647);

/** A reporting period key: "2026", "2026-H1", "2026-Q2", "2026-05". */
export const periodKeySchema = z
  .string()
  .regex(/^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/, "Kỳ không hợp lệ (ví dụ: 2026, 2026-H1, 2026-Q2, 2026-05)")
  .refine((key) => Number(key.slice(0, 4)) >= MIN_YEAR && Number(key.slice(0, 4)) <= MAX_YEAR, {
    message: `Năm của kỳ phải trong khoảng ${MIN_YEAR}–${MAX_YEAR}`,
  });
