/**
 * Approximate widths of text set in Times New Roman, to size the short rules Decree 30/2020/NĐ-CP
 * asks for under the authority, the motto and the summary (their length is a fraction of the line
 * above). Widths are the Adobe Times-Roman / Times-Bold metrics (Times New Roman and Liberation
 * Serif share them); a Vietnamese letter takes the width of its base letter.
 */

// prettier-ignore
const REGULAR: Record<string, number> = {
  A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889,
  N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611,
  a: 444, b: 500, c: 444, d: 500, e: 444, f: 333, g: 500, h: 500, i: 278, j: 278, k: 500, l: 278, m: 778,
  n: 500, o: 500, p: 500, q: 500, r: 333, s: 389, t: 278, u: 500, v: 500, w: 722, x: 500, y: 500, z: 444,
  " ": 250, ",": 250, ".": 250, ":": 278, ";": 278, "-": 333, "/": 278, "(": 333, ")": 333, "–": 500,
};

// prettier-ignore
const BOLD: Record<string, number> = {
  A: 722, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 778, I: 389, J: 500, K: 778, L: 667, M: 944,
  N: 722, O: 778, P: 611, Q: 778, R: 722, S: 556, T: 667, U: 722, V: 722, W: 1000, X: 722, Y: 722, Z: 667,
  a: 500, b: 556, c: 444, d: 556, e: 444, f: 333, g: 500, h: 556, i: 278, j: 333, k: 556, l: 278, m: 833,
  n: 556, o: 500, p: 556, q: 556, r: 444, s: 389, t: 333, u: 556, v: 500, w: 722, x: 500, y: 500, z: 444,
  " ": 250, ",": 250, ".": 250, ":": 333, ";": 333, "-": 333, "/": 278, "(": 333, ")": 333, "–": 500,
};

/** "Ộ" -> "O", "đ" -> "d": the letter whose width a Vietnamese letter takes. */
function baseLetter(ch: string): string {
  if (ch === "đ") return "d";
  if (ch === "Đ") return "D";
  return (
    ch
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .charAt(0) || ch
  );
}

/** Width of `text` in twips (1/20 pt) at `sizePt`. */
export function textWidthTwips(text: string, sizePt: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += table[baseLetter(ch)] ?? 500;
  return Math.round((units / 1000) * sizePt * 20);
}

/** The lines a paragraph of `width` twips breaks `text` into (greedy, at spaces, as Word does). */
export function wrapLines(text: string, widthTwips: number, sizePt: number, bold: boolean): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidthTwips(candidate, sizePt, bold) > widthTwips) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Width of the longest line of `text` set in a paragraph `widthTwips` wide. */
export function longestLineTwips(text: string, widthTwips: number, sizePt: number, bold: boolean): number {
  return Math.max(0, ...wrapLines(text, widthTwips, sizePt, bold).map((l) => textWidthTwips(l, sizePt, bold)));
}
