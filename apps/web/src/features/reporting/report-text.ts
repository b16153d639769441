import { formatDate } from "../../i18n/format";

/**
 * A list typed one item a line (the "Nơi nhận" of a document): lines trimmed, the "- " or "• "
 * a clerk types in front of each dropped, empty lines skipped.
 */
export function linesToList(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-–•+*]\s*/, "").trim())
    .filter((line) => line !== "");
}

/** The list back as lines for the text box. */
export function listToLines(list: readonly string[]): string {
  return list.join("\n");
}

/** "01/10–31/12/2026" within a year, "15/12/2025–14/03/2026" across one. */
export function windowText(start: string, end: string): string {
  const from = formatDate(start);
  const to = formatDate(end);
  if (start.slice(0, 4) === end.slice(0, 4)) return `${from.slice(0, 5)}–${to}`;
  return `${from}–${to}`;
}

/**
 * The message key part of a report event's action: "unit_report.submit" and "submit" both give
 * "submit", so the labels hold whether or not the server prefixes its actions.
 */
export function eventActionKey(action: string): string {
  const parts = action.split(".");
  return parts[parts.length - 1] ?? action;
}

/** The share of the units' reports accepted, 0–100; 0 when no unit was asked. */
export function acceptedPercent(counts: { draft: number; submitted: number; returned: number; accepted: number }): {
  accepted: number;
  total: number;
  percent: number;
} {
  const total = counts.draft + counts.submitted + counts.returned + counts.accepted;
  return { accepted: counts.accepted, total, percent: total === 0 ? 0 : Math.round((counts.accepted / total) * 100) };
}
