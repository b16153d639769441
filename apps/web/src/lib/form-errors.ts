import type { z } from "zod";
import type { ApiErrorDetail } from "./api";

type FieldErrors<K extends string> = {
  fields: { name: K; errors: string[] }[];
  other: string[];
};

/**
 * Turns zod issues into antd `form.setFields` entries for the form's own fields (first message
 * per field wins). Issues on paths the form has no field for, after `rename`, come back in
 * `other` so the caller can show them above the form instead of losing them.
 */
export function zodFieldErrors<K extends string>(
  error: z.ZodError,
  fields: readonly K[],
  rename: Partial<Record<string, K>> = {},
): FieldErrors<K> {
  const byField = new Map<K, string>();
  const other: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const name = rename[path] ?? fields.find((f) => f === path);
    if (name === undefined) other.push(path ? `${path}: ${issue.message}` : issue.message);
    else if (!byField.has(name)) byField.set(name, issue.message);
  }
  return {
    fields: [...byField.entries()].map(([name, message]) => ({
      name,
      errors: [message],
    })),
    other,
  };
}

/**
 * The same for the details of a server error (`{path, message}`): the API's own checks
 * ("Chọn đơn vị" on `unitId`) land on the field they are about. Request-validation paths come
 * back as `body.unitId`; the `body.` prefix is dropped. Details no field takes stay in `other`.
 */
export function apiFieldErrors<K extends string>(
  details: readonly ApiErrorDetail[],
  fields: readonly K[],
  rename: Partial<Record<string, K>> = {},
): { fields: { name: K; errors: string[] }[]; other: ApiErrorDetail[] } {
  const byField = new Map<K, string>();
  const other: ApiErrorDetail[] = [];
  for (const detail of details) {
    const path = detail.path.replace(/^body\./, "");
    const name = rename[path] ?? fields.find((f) => f === path);
    if (name === undefined) other.push(detail);
    else if (!byField.has(name)) byField.set(name, detail.message);
  }
  return {
    fields: [...byField.entries()].map(([name, message]) => ({ name, errors: [message] })),
    other,
  };
}
