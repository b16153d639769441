import { useState } from "react";
import type { FormInstance } from "antd";
import type { z } from "zod";
import { ApiError } from "../lib/api";
import { apiFieldErrors, zodFieldErrors } from "../lib/form-errors";

/**
 * Runs a form's submit the same way everywhere: check the body with the shared zod schema
 * (issues go onto the form's own fields, the rest above it), then save, showing the server's
 * error and keeping `saving` true while the request runs. The details of a server error go onto
 * the fields they name too; the message itself (and any detail no field takes) shows above.
 */
export function useFormSave<Values, Body>({
  form,
  schema,
  fields,
  rename,
}: {
  form: FormInstance<Values>;
  schema: z.ZodType<Body>;
  fields: readonly (keyof Values & string)[];
  rename?: Partial<Record<string, keyof Values & string>>;
}) {
  // placeOnFields is a function declaration below: hoisted, so the hook can take it here.
  const { error, setError, saving, run } = useSubmitState(placeOnFields);

  /** The parsed body, or undefined when the schema refused it (the errors are already shown). */
  function parse(body: unknown): Body | undefined {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const errors = zodFieldErrors(parsed.error, fields, rename);
    // `fields` are top-level names of Values; antd cannot see that through the generic.
    form.setFields(errors.fields as Parameters<typeof form.setFields>[0]);
    if (errors.other.length > 0) setError(new Error(errors.other.join("; ")));
    return undefined;
  }

  /** Puts a server error's field details on the form; returns what is left to show above it. */
  function placeOnFields(cause: unknown): unknown {
    if (!(cause instanceof ApiError) || cause.details.length === 0) return cause;
    const placed = apiFieldErrors(cause.details, fields, rename);
    if (placed.fields.length === 0) return cause;
    form.setFields(placed.fields as Parameters<typeof form.setFields>[0]);
    return new ApiError(cause.code, cause.message, cause.status, placed.other);
  }

  return { error, setError, saving, parse, run };
}

/**
 * The state of a form's submit: `saving` while `work` runs, and the error it threw, after
 * `place` has put what it can of it on the form's fields (what is left shows above the form).
 */
export function useSubmitState(place: (cause: unknown) => unknown) {
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  /** Clears the previous error, runs `work`, shows what it throws (after `onError` saw it). */
  async function run(work: () => Promise<void>, onError?: (cause: unknown) => void): Promise<void> {
    setSaving(true);
    setError(undefined);
    try {
      await work();
    } catch (cause) {
      setError(place(cause));
      onError?.(cause);
    } finally {
      setSaving(false);
    }
  }

  return { error, setError, saving, run };
}
