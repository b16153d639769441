import type { FormInstance } from "antd";
import type { z } from "zod";
import { useSubmitState } from "../../components/use-form-save";
import { ApiError } from "../../lib/api";
import { placeMessages, type NamePath } from "./form-paths";

/**
 * `useFormSave` for forms with nested fields and lists (the reporting settings, the ward's
 * report): the shared schema checks the body, its issues and a server error's details land on
 * the field `map` names for their path, and whatever no field takes shows above the form.
 */
export function useNestedFormSave<Values, Body>({
  form,
  schema,
  map,
}: {
  form: FormInstance<Values>;
  schema: z.ZodType<Body>;
  /** The form's field for a body path, or undefined when the form has none. */
  map: (path: NamePath) => NamePath | undefined;
}) {
  // placeOnFields is a function declaration below: hoisted, so the hook can take it here.
  const { error, setError, saving, run } = useSubmitState(placeOnFields);

  function setFields(fields: { name: NamePath; errors: string[] }[]) {
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
  }

  /** The parsed body, or undefined when the schema refused it (the errors are already shown). */
  function parse(body: unknown): Body | undefined {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const placed = placeMessages(parsed.error.issues, map);
    setFields(placed.fields);
    setError(
      placed.other.length > 0
        ? new Error(placed.other.map((o) => (o.path ? `${o.path}: ${o.message}` : o.message)).join("; "))
        : undefined,
    );
    return undefined;
  }

  function placeOnFields(cause: unknown): unknown {
    if (!(cause instanceof ApiError) || cause.details.length === 0) return cause;
    const placed = placeMessages(cause.details, map);
    if (placed.fields.length === 0) return cause;
    setFields(placed.fields);
    return new ApiError(cause.code, cause.message, cause.status, placed.other);
  }

  return { error, setError, saving, parse, run };
}
