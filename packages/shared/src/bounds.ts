/**
 * What the API and every import accept as text, dates and quantities. One rule for each, so a
 * hostile or broken value is refused the same way wherever it enters (a form, a query string, a
 * spreadsheet cell) instead of reaching the database and failing there.
 */

/**
 * Largest magnitude of a quantity (measurement, baseline, target): 10^12, a thousand billion.
 * No ward figure comes near it (its budget in đồng is below it), sums of millions of such
 * values stay far from the double's overflow (10^308), and rounding to two decimals stays exact
 * (10^14 < 2^53).
 */
export const MAX_QUANTITY = 1e12;

/** Dates people enter: a plan's deadline, a report date. Year 0000 does not exist in PostgreSQL. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** NUL and the other C0/C1 control characters (tab, line feed and carriage return apart). */
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** The same, tab and line breaks included: a single-line field holds none. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** Half of a UTF-16 surrogate pair without its other half: no character at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const TEXT_MESSAGES = {
  control: "Không được chứa ký tự điều khiển (như NUL)",
  controlSingleLine: "Không được chứa ký tự điều khiển hoặc xuống dòng",
  surrogate: "Chứa ký tự Unicode không hợp lệ",
} as const;

/** Why a text is refused, or null when it is acceptable. Length is checked apart. */
export function textProblem(value: string, multiline: boolean): string | null {
  if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value))
    return multiline ? TEXT_MESSAGES.control : TEXT_MESSAGES.controlSingleLine;
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.surrogate;
  return null;
}

/** A finite number within ±MAX_QUANTITY. */
export function isSaneQuantity(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_QUANTITY;
}

/** A real calendar date "yyyy-mm-dd" with its year within MIN_YEAR..MAX_YEAR. */
export function isSaneIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/**
 * A stored file name: no control, direction-override (U+202E makes "gpj.exe" read "exe.jpg")
 * or other invisible format characters, no path separators, at most 200 characters.
 */
export function cleanFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(/[\\/]/g, "_")
    .trim()
    .slice(0, 200)
    .replace(/[\ud800-\udbff]$/, "");
  return cleaned.replace(/^\.+$/, "") || "tep";
}
