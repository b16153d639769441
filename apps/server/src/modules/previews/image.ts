import sharp, { type OverlayOptions } from "sharp";

/**
 * Share preview images (Open Graph, 1200×630): the page's ward, title, one-line status and a
 * progress bar or a value against its target, drawn on the server. Shapes are SVG; text is set
 * by Pango (through sharp), which wraps, shapes Vietnamese diacritics and picks Noto Sans from
 * the system's fonts (Debian: fonts-noto-core).
 */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

export type PreviewVisual =
  | { kind: "progress"; value: number; label: string }
  | { kind: "target"; fraction: number | null; valueText: string; targetText: string }
  | { kind: "bars"; rows: { label: string; value: number; text: string }[] }
  | { kind: "none" };

export type PreviewCard = {
  site: string;
  /** The ward (or the city) the page belongs to. */
  eyebrow: string;
  title: string;
  /** A second line under the title: a reference, an owner unit. */
  detail: string;
  status: string;
  visual: PreviewVisual;
  /** "Dữ liệu minh họa" on a demo ward. */
  badge: string | null;
};

const COLORS = {
  background: "#f5faf5",
  brand: "#2e7d32",
  brandDark: "#1b5e20",
  text: "#17301a",
  muted: "#4d6350",
  track: "#dcebdc",
  fill: "#2e7d32",
  badge: "#8a5a00",
  badgeBackground: "#fff4d6",
};

const FONT = "Noto Sans";
const MARGIN = 64;
const CONTENT_WIDTH = PREVIEW_WIDTH - 2 * MARGIN;

type Text = { input: Buffer; width: number; height: number };

/** Pango markup needs these five escaped; anything else is text. */
const escapeMarkup = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

async function renderLines(
  text: string,
  options: { size: number; bold?: boolean; color: string; width: number },
): Promise<Text> {
  const weight = options.bold ? "bold" : "normal";
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${options.color}" font_weight="${weight}">${escapeMarkup(text)}</span>`,
      font: `${FONT} ${options.size}`,
      width: options.width,
      dpi: 72,
      rgba: true,
      wrap: "word-char",
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { input: data, width: info.width, height: info.height };
}

const lineHeights = new Map<string, number>();

async function lineHeight(size: number, bold: boolean): Promise<number> {
  const key = `${size}:${bold}`;
  const known = lineHeights.get(key);
  if (known) return known;
  const one = await renderLines("Ấy gịt", { size, bold, color: "#000000", width: 2000 });
  lineHeights.set(key, one.height);
  return one.height;
}

/**
 * The text wrapped to `width` in at most `maxLines` lines: words are dropped from the end, and an
 * ellipsis added, until it fits.
 */
export async function renderText(
  text: string,
  options: { size: number; bold?: boolean; color: string; width: number; maxLines: number },
): Promise<Text> {
  const clean = text.replace(/\s+/g, " ").trim() || " ";
  const limit = (await lineHeight(options.size, options.bold ?? false)) * (options.maxLines + 0.5);
  const whole = await renderLines(clean, options);
  if (whole.height <= limit) return whole;
  const words = clean.split(" ");
  // Binary search on the number of words kept: fits(k) is monotonic.
  let low = 0;
  let high = words.length - 1;
  let best: Text | null = null;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const candidate = await renderLines(`${words.slice(0, Math.max(1, mid)).join(" ")}…`, options);
    if (candidate.height <= limit) {
      best = candidate;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best ?? renderLines(`${[...clean].slice(0, 20).join("")}…`, options);
}

function progressBar(x: number, y: number, width: number, height: number, fraction: number): string {
  const clamped = Math.max(0, Math.min(1, fraction));
  const radius = height / 2;
  const fill = clamped > 0 ? Math.max(height, width * clamped) : 0;
  return (
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${radius}" fill="${COLORS.track}"/>` +
    (fill > 0
      ? `<rect x="${x}" y="${y}" width="${fill.toFixed(1)}" height="${height}" rx="${radius}" fill="${COLORS.fill}"/>`
      : "")
  );
}

export async function renderPreviewPng(card: PreviewCard): Promise<Buffer> {
  const shapes: string[] = [
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="${COLORS.background}"/>`,
    `<rect width="${PREVIEW_WIDTH}" height="14" fill="${COLORS.brand}"/>`,
    `<circle cx="${MARGIN + 18}" cy="70" r="18" fill="${COLORS.brand}"/>`,
    `<path d="M${MARGIN + 10} 74 q8 -22 18 -14 q-4 14 -18 14z" fill="#ffffff"/>`,
  ];
  const layers: OverlayOptions[] = [];
  const place = (text: Text, left: number, top: number) =>
    layers.push({ input: text.input, left: Math.round(left), top: Math.round(top) });

  const site = await renderText(card.site, { size: 30, bold: true, color: COLORS.brandDark, width: 400, maxLines: 1 });
  place(site, MARGIN + 50, 70 - site.height / 2);
  let headerRight = MARGIN + 50 + site.width;
  if (card.badge) {
    const badge = await renderText(card.badge, { size: 22, bold: true, color: COLORS.badge, width: 300, maxLines: 1 });
    const bx = headerRight + 20;
    const by = 70 - badge.height / 2 - 6;
    shapes.push(
      `<rect x="${bx}" y="${by}" width="${badge.width + 24}" height="${badge.height + 12}" rx="8" fill="${COLORS.badgeBackground}"/>`,
    );
    place(badge, bx + 12, by + 6);
    headerRight = bx + badge.width + 24;
  }
  const eyebrow = await renderText(card.eyebrow, {
    size: 26,
    color: COLORS.muted,
    width: PREVIEW_WIDTH - MARGIN - headerRight - 32,
    maxLines: 1,
  });
  place(eyebrow, PREVIEW_WIDTH - MARGIN - eyebrow.width, 70 - eyebrow.height / 2);

  // The lower band (status line, then the visual) is anchored to the bottom; the title and its
  // detail fill what is above it.
  const visualTop = 470;
  const status = await renderText(card.status, {
    size: 32,
    bold: true,
    color: COLORS.brandDark,
    width: CONTENT_WIDTH,
    maxLines: 1,
  });
  const statusTop = visualTop - status.height - 14;
  place(status, MARGIN, statusTop);

  let y = 130;
  const title = await renderText(card.title, {
    size: 54,
    bold: true,
    color: COLORS.text,
    width: CONTENT_WIDTH,
    maxLines: 3,
  });
  place(title, MARGIN, y);
  y += title.height + 10;
  if (card.detail) {
    const room = Math.floor((statusTop - 16 - y) / (await lineHeight(28, false)));
    const detail = await renderText(card.detail, {
      size: 28,
      color: COLORS.muted,
      width: CONTENT_WIDTH,
      maxLines: Math.max(1, Math.min(2, room)),
    });
    place(detail, MARGIN, y);
  }
  await drawVisual(card.visual, visualTop, shapes, place);

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}">${shapes.join("")}</svg>`;
  return sharp(Buffer.from(svg)).composite(layers).png({ compressionLevel: 9 }).toBuffer();
}

async function drawVisual(
  visual: PreviewVisual,
  top: number,
  shapes: string[],
  place: (text: Text, left: number, top: number) => void,
): Promise<void> {
  switch (visual.kind) {
    case "none":
      return;
    case "progress": {
      const label = await renderText(visual.label, {
        size: 36,
        bold: true,
        color: COLORS.text,
        width: 220,
        maxLines: 1,
      });
      const barWidth = CONTENT_WIDTH - 160;
      shapes.push(progressBar(MARGIN, top + 14, barWidth, 44, visual.value / 100));
      place(label, PREVIEW_WIDTH - MARGIN - label.width, top + 36 - label.height / 2);
      return;
    }
    case "target": {
      const value = await renderText(visual.valueText, {
        size: 30,
        bold: true,
        color: COLORS.text,
        width: 540,
        maxLines: 1,
      });
      const target = await renderText(visual.targetText, { size: 30, color: COLORS.muted, width: 540, maxLines: 1 });
      place(value, MARGIN, top);
      place(target, PREVIEW_WIDTH - MARGIN - target.width, top);
      if (visual.fraction !== null)
        shapes.push(progressBar(MARGIN, top + value.height + 12, CONTENT_WIDTH, 36, visual.fraction));
      return;
    }
    case "bars": {
      const rows = visual.rows.slice(0, 3);
      const rowHeight = 34;
      for (const [index, row] of rows.entries()) {
        const y = top + index * (rowHeight + 6);
        const label = await renderText(row.label, { size: 22, color: COLORS.text, width: 520, maxLines: 1 });
        const text = await renderText(row.text, { size: 22, bold: true, color: COLORS.text, width: 120, maxLines: 1 });
        place(label, MARGIN, y + rowHeight / 2 - label.height / 2);
        shapes.push(progressBar(MARGIN + 540, y + 6, CONTENT_WIDTH - 540 - 130, rowHeight - 12, row.value / 100));
        place(text, PREVIEW_WIDTH - MARGIN - text.width, y + rowHeight / 2 - text.height / 2);
      }
      return;
    }
  }
}
