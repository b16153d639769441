import { useState } from "react";
import type { FormInstance } from "antd";
import type { z } from "zod";
import { zodFieldErrors } from "../lib/form-errors";

/**
 * Runs a form's submit the same way everywhere: check the body with the shared zod schema
 * (issues go onto the form's own fields, the rest above it), then save, showing the server's
 * error and keeping `saving` true while the request runs.
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
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

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

  /** Clears the previous error, runs `work`, shows what it throws (after `onError` saw it). */
  async function run(work: () => Promise<void>, onError?: (cause: unknown) => void): Promise<void> {
    setSaving(true);
    setError(undefined);
    try {
      await work();
    } catch (cause) {
      setError(cause);
      onError?.(cause);
    } finally {
      setSaving(false);
    }
  }

  return { error, setError, saving, parse, run };
}
