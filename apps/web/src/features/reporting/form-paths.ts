/** A field's path in an antd form: `["sectors", 2, "text"]`. */
export type NamePath = (string | number)[];

/**
 * A path from a zod issue or a server error's details (`body.sectors.2.text`) as a form's name
 * path: the `body.` of request validation dropped, array positions as numbers.
 */
export function namePathOf(path: string | readonly PropertyKey[]): NamePath {
  const parts = typeof path === "string" ? path.replace(/^body(\.|$)/, "").split(".") : path.map(String);
  return parts.filter((part) => part !== "").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each message on the form field `map` names for its path (first message per field wins);
 * messages no field takes come back in `other`, worded with their path, to show above the form.
 * For nested forms (settings, the ward's report), where the flat `form-errors` helpers cannot
 * reach a field inside a list.
 */
export function placeMessages(
  entries: readonly { path: string | readonly PropertyKey[]; message: string }[],
  map: (path: NamePath) => NamePath | undefined,
): { fields: { name: NamePath; errors: string[] }[]; other: { path: string; message: string }[] } {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const other: { path: string; message: string }[] = [];
  for (const entry of entries) {
    const path = namePathOf(entry.path);
    const name = path.length > 0 ? map(path) : undefined;
    if (name === undefined) {
      other.push({ path: path.join("."), message: entry.message });
      continue;
    }
    const key = JSON.stringify(name);
    if (!byField.has(key)) byField.set(key, { name, errors: [entry.message] });
  }
  return { fields: [...byField.values()], other };
}

const WARD_TEXT_FIELDS = new Set(["summary", "intro", "shortcomings", "nextTasks", "proposals"]);

/**
 * The ward report editor's field for a path of its body (`{baseVersion, content, note}`): the
 * recipients are one text box, a sector's or a unit's heading and id are not edited (their
 * message goes on the part's text).
 */
export function wardReportField(path: NamePath): NamePath | undefined {
  if (path[0] === "note") return ["note"];
  if (path[0] !== "content") return undefined;
  const [, field, index, leaf] = path;
  if (typeof field !== "string") return undefined;
  if (WARD_TEXT_FIELDS.has(field)) return [field];
  if (field === "recipients") return ["recipientsText"];
  if (field === "signer" && typeof index === "string") return ["signer", index];
  if ((field === "sectors" || field === "units") && typeof index === "number" && leaf !== undefined)
    return [field, index, "text"];
  return undefined;
}

/** The settings form's field for a path of its body: the same shape, the recipients one text box. */
export function settingsField(path: NamePath): NamePath | undefined {
  const [field, second, third] = path;
  switch (field) {
    case "rules":
      return typeof second === "string" && typeof third === "string" ? ["rules", second, third] : undefined;
    case "enabledKinds":
      return ["enabledKinds"];
    case "remindDaysBefore":
      return ["remindDaysBefore"];
    case "extraHolidays":
    case "extraWorkingDays":
      return typeof second === "number" && (third === "date" || third === "name") ? [field, second, third] : undefined;
    case "signer":
      return typeof second === "string" ? ["signer", second] : undefined;
    case "recipients":
      return ["recipientsText"];
    default:
      return undefined;
  }
}
