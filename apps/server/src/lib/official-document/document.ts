import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from "docx";
import { longestLineTwips, textWidthTwips } from "./text-metrics.js";
import { A4, DEFAULT_CELL_MARGIN, MARGINS, STYLE, textWidth, type StyleId } from "./styles.js";

/**
 * Official administrative documents (văn bản hành chính) laid out per Decree 30/2020/NĐ-CP,
 * Annex I: header of two columns, type and summary, bases, body, signing block and recipients,
 * annexes on their own pages. `layout-check.ts` checks a rendered file against the same rules.
 */

export type DocumentBlock =
  /** "I. KẾT QUẢ …": level 1 bold upper; level 2 bold; level 3 bold italic; all set like the body. */
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  /** Body paragraph; "\n" separates paragraphs. */
  | { kind: "paragraph"; text: string; italic?: boolean; bold?: boolean }
  /** "- item" lines in the body style. */
  | { kind: "bullets"; items: string[] }
  /** 12 pt (11 pt when it has 6 columns or more), header bold centred, numbers as 1.234,5. */
  | {
      kind: "table";
      title?: string;
      columns: { header: string; width: number; align?: "left" | "center" | "right" }[];
      rows: (string | number | null)[][];
      note?: string;
    }
  | { kind: "image"; png: Buffer; widthCm: number; heightCm: number; caption?: string };

export type SignerPrefix = "TM." | "KT." | "TL." | "TUQ." | "Q.";
const SIGNER_PREFIXES: readonly SignerPrefix[] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

/** "KT. CHỦ TỊCH" -> prefix "KT.", authority title "CHỦ TỊCH"; without a prefix, the whole is the title. */
export function splitSigningAuthority(authority: string): { prefix?: SignerPrefix; authorityTitle: string } {
  const text = authority.trim();
  const prefix = SIGNER_PREFIXES.find((p) => text.startsWith(p));
  return prefix ? { prefix, authorityTitle: text.slice(prefix.length).trim() } : { authorityTitle: text };
}

/** "Phường Việt Hòa" -> "Việt Hòa": the place name of a document's date line. */
export const placeOfWard = (wardName: string) => wardName.replace(/^(phường|xã|đặc khu|thị trấn)\s+/iu, "").trim();

export type OfficialDocument = {
  /** `name` e.g. "ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HÒA"; `parent` (cơ quan chủ quản) above it, if any. */
  authority: { parent?: string; name: string };
  /** "15/BC-UBND"; null leaves the number blank for the clerk ("Số:       /BC-UBND"). */
  number: string | null;
  /** "BC-UBND": used when `number` is null. */
  symbol: string;
  /** "Việt Hòa" */
  place: string;
  /** ISO date; null leaves day and month blank for signing. */
  date: string | null;
  /** Year written when `date` is null. */
  year: number;
  /** "BÁO CÁO", "KẾ HOẠCH" */
  type: string;
  /** Trích yếu */
  summary: string;
  /** Căn cứ: one per line, ";" added, "." on the last. */
  bases?: string[];
  /** "DỰ THẢO — số liệu đến ngày 02/12/2026": shown boxed above the type. */
  draftNotice?: string;
  body: DocumentBlock[];
  signer: { prefix?: SignerPrefix; authorityTitle?: string; title: string; name: string };
  /** Nơi nhận, without dashes or punctuation; the last is "Lưu: VT, <unit>". */
  recipients: string[];
  annexes?: { title: string; subtitle?: string; landscape?: boolean; body: DocumentBlock[] }[];
};

const CREATOR = "Phường Xanh";
const BLACK = "000000";
const DRAFT_RED = "C00000";
/** Half-points. */
const SIZE = { body: 28, number: 26, nationalTitle: 24, motto: 26, authority: 26, table: 24, tableWide: 22 };
const pt = (halfPoints: number) => halfPoints / 2;

const HEADER_COLUMNS = [0.4, 0.6];
const SIGNING_COLUMNS = [0.45, 0.55];
/** Lines left blank for the signature and the seal. */
const SIGNATURE_SPACE_LINES = 4;

const upper = (text: string) => text.toLocaleUpperCase("vi");
const sentenceCase = (text: string) => {
  const lower = text.toLocaleLowerCase("vi");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
};

/** 1234.5 -> "1.234,5" (Vietnamese grouping and decimal comma). */
export function formatNumberVi(n: number, maxFractionDigits = 2): string {
  return numberFormat(maxFractionDigits).format(n);
}

/** One formatter per precision: building an Intl.NumberFormat costs far more than using it. */
const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(maxFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maxFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(maxFractionDigits, format);
  }
  return format;
}

/**
 * "Việt Hòa, ngày 05 tháng 4 năm 2026": a leading 0 for days below 10 and for months 1 and 2
 * (Decree 30, Annex I); a null date leaves day and month blank for the day of signing.
 */
export function documentDateLine(place: string, isoDate: string | null, year: number): string {
  if (isoDate === null) return `${place}, ngày      tháng      năm ${year}`;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (!match || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new Error(`not an ISO date: ${isoDate}`);
  const day = String(d).padStart(2, "0");
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "Số: 05/BC-UBND": no spaces around "/" and "-", a leading 0 below 10. */
function numberLine(number: string | null, symbol: string): string {
  if (number === null) return `Số:       /${symbol.replace(/\s+/g, "")}`;
  const compact = number.replace(/\s+/g, "").replace(/^(\d)(?=\/)/, "0$1");
  return `Số: ${compact}`;
}

const ROMAN: [number, string][] = [
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];
function roman(n: number): string {
  let rest = n;
  let out = "";
  for (const [value, letters] of ROMAN)
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Styles

function styles(): IParagraphStyleOptions[] {
  const bodyParagraph = {
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 }, // 1 cm
    spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO }, // 6 pt after, 1.15 lines
  };
  // lineRule is always written: LibreOffice reads a missing one as "exact", which clips images and
  // diacritics. 1.15 lines: stacked Vietnamese diacritics ("Ể", "Ỗ") touch the line above at single spacing.
  const centred = (before = 0, after = 0) => ({
    alignment: AlignmentType.CENTER,
    spacing: { before, after, line: 276, lineRule: LineRuleType.AUTO },
  });
  const style = (
    id: StyleId,
    name: string,
    run: IParagraphStyleOptions["run"],
    paragraph: IParagraphStyleOptions["paragraph"],
  ): IParagraphStyleOptions => ({ id, name, basedOn: "Normal", next: "Normal", quickFormat: true, run, paragraph });
  return [
    style(STYLE.parentAuthority, "Cơ quan chủ quản", { size: SIZE.authority }, centred()),
    style(STYLE.authority, "Cơ quan ban hành", { size: SIZE.authority, bold: true }, centred()),
    style(STYLE.nationalTitle, "Quốc hiệu", { size: SIZE.nationalTitle, bold: true }, centred()),
    style(STYLE.motto, "Tiêu ngữ", { size: SIZE.motto, bold: true }, centred()),
    style(
      STYLE.rule,
      "Đường kẻ",
      { size: 4 },
      { ...centred(), spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    ),
    style(STYLE.number, "Số, ký hiệu", { size: SIZE.number }, centred(200)),
    style(STYLE.dateLine, "Địa danh, thời gian", { size: SIZE.body, italics: true }, centred(200)),
    style(
      STYLE.draftNotice,
      "Ghi chú dự thảo",
      { size: SIZE.number, bold: true, italics: true, color: DRAFT_RED },
      centred(240),
    ),
    style(STYLE.docType, "Tên loại văn bản", { size: SIZE.body, bold: true }, { ...centred(360), keepNext: true }),
    style(STYLE.summary, "Trích yếu", { size: SIZE.body, bold: true }, { ...centred(), keepNext: true }),
    style(STYLE.basis, "Căn cứ", { size: SIZE.body, italics: true }, bodyParagraph),
    style(STYLE.body, "Nội dung", { size: SIZE.body }, bodyParagraph),
    style(STYLE.bullet, "Nội dung gạch đầu dòng", { size: SIZE.body }, bodyParagraph),
    style(STYLE.heading1, "Đề mục cấp 1", { size: SIZE.body, bold: true }, { ...bodyParagraph, keepNext: true }),
    style(STYLE.heading2, "Đề mục cấp 2", { size: SIZE.body, bold: true }, { ...bodyParagraph, keepNext: true }),
    style(
      STYLE.heading3,
      "Đề mục cấp 3",
      { size: SIZE.body, bold: true, italics: true },
      { ...bodyParagraph, keepNext: true },
    ),
    style(STYLE.tableTitle, "Tên bảng", { size: SIZE.body, bold: true }, { ...centred(120, 120), keepNext: true }),
    style(STYLE.tableHeader, "Tiêu đề cột", { size: SIZE.table, bold: true }, centred(40, 40)),
    style(
      STYLE.tableText,
      "Ô bảng",
      { size: SIZE.table },
      { spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO } },
    ),
    style(
      STYLE.tableNote,
      "Ghi chú bảng",
      { size: SIZE.table, italics: true },
      {
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: 60, after: 120, line: 240, lineRule: LineRuleType.AUTO },
      },
    ),
    style(STYLE.figure, "Hình", { size: SIZE.body }, { ...centred(120, 60), keepNext: true }),
    style(STYLE.caption, "Chú thích hình", { size: SIZE.table, italics: true }, centred(0, 120)),
    style(STYLE.signAuthority, "Quyền hạn người ký", { size: SIZE.body, bold: true }, centred(120)),
    style(STYLE.signTitle, "Chức vụ người ký", { size: SIZE.body, bold: true }, centred()),
    style(STYLE.signSpace, "Chỗ ký", { size: SIZE.body }, centred()),
    style(STYLE.signName, "Họ tên người ký", { size: SIZE.body, bold: true }, centred()),
    style(
      STYLE.recipientsLabel,
      "Nơi nhận",
      { size: 24, bold: true, italics: true },
      { spacing: { before: 120, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    ),
    // Hanging indent: a recipient that wraps continues under its name, not under the dash.
    style(
      STYLE.recipient,
      "Tên nơi nhận",
      { size: 22 },
      { indent: { left: 142, hanging: 142 }, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    ),
    style(STYLE.annexLabel, "Phụ lục", { size: SIZE.body, bold: true }, centred()),
    style(STYLE.annexTitle, "Tên phụ lục", { size: SIZE.body, bold: true }, centred()),
    style(STYLE.annexSubtitle, "Kèm theo", { size: SIZE.body, italics: true }, centred(0, 0)),
    style(STYLE.pageNumber, "Số trang", { size: SIZE.number }, centred()),
  ];
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Characters XML 1.0 cannot carry (control characters, lone surrogates): Word refuses a file with them. */
const clean = (text: string) =>
  text.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: clean(text), ...options });
const para = (
  style: StyleId,
  text: string,
  options: { bold?: boolean; italics?: boolean; size?: number } = {},
  keepNext = false,
) => new Paragraph({ style, children: text ? [run(text, options)] : [], ...(keepNext ? { keepNext: true } : {}) });

/**
 * A short solid rule: an empty paragraph whose bottom border spans `width` twips, centred in a
 * paragraph `available` twips wide. Word and LibreOffice both draw paragraph borders the same way.
 */
function rule(width: number, available: number, spaceAfter = 0): Paragraph {
  const side = Math.max(0, Math.round((available - width) / 2));
  return new Paragraph({
    style: STYLE.rule,
    indent: { left: side, right: side },
    ...(spaceAfter ? { spacing: { after: spaceAfter } } : {}),
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 1 } },
  });
}

/** A rule of 2/5 of the longest line of `text`: the Decree asks for 1/3 to 1/2. */
function shortRuleUnder(
  text: string,
  available: number,
  sizeHalfPoints: number,
  bold: boolean,
  spaceAfter = 0,
): Paragraph {
  const line = longestLineTwips(text, available, pt(sizeHalfPoints), bold);
  return rule(Math.round(line * 0.4), available, spaceAfter);
}

const stripBullet = (text: string) => text.replace(/^\s*[-–•+]\s+/, "").trim();

function cellText(value: string | number | null): string {
  if (value === null) return "-";
  return typeof value === "number" ? formatNumberVi(value) : value;
}

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const GRID = { style: BorderStyle.SINGLE, size: 4, color: BLACK };

function table(block: Extract<DocumentBlock, { kind: "table" }>, width: number): (Paragraph | Table)[] {
  const total = block.columns.reduce((sum, c) => sum + Math.max(c.width, 0), 0) || block.columns.length;
  const widths = block.columns.map((c) => Math.floor((Math.max(c.width, 0) / total) * width));
  const last = widths.length - 1;
  if (last >= 0) widths[last] = (widths[last] ?? 0) + width - widths.reduce((a, b) => a + b, 0);
  const size = block.columns.length >= 6 ? SIZE.tableWide : SIZE.table;
  const cell = (text: string, columnWidth: number, style: StyleId, align: Alignment) =>
    new TableCell({
      width: { size: columnWidth, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: text
        .split("\n")
        .map((line) => new Paragraph({ style, alignment: align, children: line ? [run(line, { size })] : [] })),
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) => cell(c.header, widths[i] ?? 0, STYLE.tableHeader, AlignmentType.CENTER)),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: block.columns.map((c, i) => {
          const value = row[i] ?? null;
          const align = c.align ? ALIGN[c.align] : typeof value === "number" ? AlignmentType.RIGHT : AlignmentType.LEFT;
          return cell(cellText(value), widths[i] ?? 0, STYLE.tableText, align);
        }),
      }),
  );
  const out: (Paragraph | Table)[] = [];
  if (block.title) out.push(para(STYLE.tableTitle, block.title));
  out.push(
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { top: 20, bottom: 20, left: 80, right: 80 },
      borders: {
        top: GRID,
        bottom: GRID,
        left: GRID,
        right: GRID,
        insideHorizontal: GRID,
        insideVertical: GRID,
      },
      rows: [header, ...rows],
    }),
  );
  if (block.note) out.push(para(STYLE.tableNote, block.note));
  return out;
}

/** Centimetres to the 96-per-inch pixels docx sizes images in. */
const cmToPx = (cm: number) => Math.round((cm / 2.54) * 96);

function image(block: Extract<DocumentBlock, { kind: "image" }>, width: number): Paragraph[] {
  const maxCm = (width / 1440) * 2.54;
  const scale = block.widthCm > maxCm ? maxCm / block.widthCm : 1;
  const out = [
    new Paragraph({
      style: STYLE.figure,
      children: [
        new ImageRun({
          type: "png",
          data: block.png,
          transformation: { width: cmToPx(block.widthCm * scale), height: cmToPx(block.heightCm * scale) },
          altText: { name: block.caption ?? "Hình", description: block.caption ?? "", title: block.caption ?? "" },
        }),
      ],
    }),
  ];
  if (block.caption) out.push(para(STYLE.caption, block.caption));
  return out;
}

/**
 * The blocks as paragraphs and tables. `keepLastWithNext` keeps the last paragraph on the page of
 * what follows it: the signing block never stands alone on a page without body text.
 */
function blocks(body: DocumentBlock[], width: number, keepLastWithNext = false): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const [index, block] of body.entries()) {
    const keep = keepLastWithNext && index === body.length - 1;
    switch (block.kind) {
      case "heading": {
        const style = block.level === 1 ? STYLE.heading1 : block.level === 2 ? STYLE.heading2 : STYLE.heading3;
        out.push(para(style, block.level === 1 ? upper(block.text.trim()) : block.text.trim()));
        break;
      }
      case "paragraph": {
        const lines = block.text
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
        const emphasis = { ...(block.bold ? { bold: true } : {}), ...(block.italic ? { italics: true } : {}) };
        lines.forEach((line, i) => out.push(para(STYLE.body, line, emphasis, keep && i === lines.length - 1)));
        break;
      }
      case "bullets": {
        const items = block.items.map(stripBullet).filter(Boolean);
        items.forEach((item, i) => out.push(para(STYLE.bullet, `- ${item}`, {}, keep && i === items.length - 1)));
        break;
      }
      case "table":
        out.push(...table(block, width));
        break;
      case "image":
        out.push(...image(block, width));
        break;
      default: {
        const never: never = block;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header, signature, sections

function borderlessTable(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows,
  });
}

const splitWidth = (fractions: number[], width: number) => {
  const widths = fractions.map((f) => Math.round(f * width));
  widths[widths.length - 1] = width - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  return widths;
};

/** Phần đầu: authority and number on the left, national title, motto and date on the right. */
function headerBlock(doc: OfficialDocument): Table {
  const [left = 0, right = 0] = splitWidth(HEADER_COLUMNS, textWidth(false));
  const leftInner = left - 2 * DEFAULT_CELL_MARGIN;
  const rightInner = right - 2 * DEFAULT_CELL_MARGIN;
  const authority = upper(doc.authority.name.trim());
  const motto = "Độc lập - Tự do - Hạnh phúc";
  const top = new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: left, type: WidthType.DXA },
        children: [
          ...(doc.authority.parent ? [para(STYLE.parentAuthority, upper(doc.authority.parent.trim()))] : []),
          para(STYLE.authority, authority),
          shortRuleUnder(authority, leftInner, SIZE.authority, true),
        ],
      }),
      new TableCell({
        width: { size: right, type: WidthType.DXA },
        children: [
          para(STYLE.nationalTitle, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          para(STYLE.motto, motto),
          // The rule under the motto is as long as the motto (Decree 30, Annex I).
          rule(textWidthTwips(motto, pt(SIZE.motto), true), rightInner),
        ],
      }),
    ],
  });
  const second = new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: left, type: WidthType.DXA },
        children: [para(STYLE.number, numberLine(doc.number, doc.symbol))],
      }),
      new TableCell({
        width: { size: right, type: WidthType.DXA },
        children: [para(STYLE.dateLine, documentDateLine(doc.place, doc.date, doc.year))],
      }),
    ],
  });
  return borderlessTable([left, right], [top, second]);
}

function titleBlock(doc: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  const width = textWidth(false);
  const notice = doc.draftNotice?.trim();
  if (notice) {
    // The box hugs the notice: as wide as its text plus 1 cm, centred.
    const boxed = Math.min(width, textWidthTwips(notice, pt(SIZE.number), true) + 567);
    const side = Math.round((width - boxed) / 2);
    out.push(
      new Paragraph({
        style: STYLE.draftNotice,
        indent: { left: side, right: side },
        border: {
          top: { style: BorderStyle.SINGLE, size: 8, color: DRAFT_RED, space: 2 },
          bottom: { style: BorderStyle.SINGLE, size: 8, color: DRAFT_RED, space: 2 },
          left: { style: BorderStyle.SINGLE, size: 8, color: DRAFT_RED, space: 4 },
          right: { style: BorderStyle.SINGLE, size: 8, color: DRAFT_RED, space: 4 },
        },
        children: [run(notice)],
      }),
    );
  }
  out.push(para(STYLE.docType, upper(doc.type.trim())));
  out.push(para(STYLE.summary, doc.summary.trim()));
  out.push(shortRuleUnder(doc.summary.trim(), width, SIZE.body, true, 240));
  const bases = (doc.bases ?? []).map((b) => b.trim().replace(/[;.,:\s]+$/, "")).filter(Boolean);
  bases.forEach((basis, i) => out.push(para(STYLE.basis, `${basis}${i === bases.length - 1 ? "." : ";"}`)));
  return out;
}

/** Recipients as "- X;" with the last "- Lưu: VT, <unit>." (added when the caller forgot it). */
function recipientLines(recipients: string[]): string[] {
  const names = recipients.map((r) => stripBullet(r).replace(/[;.,\s]+$/, "")).filter(Boolean);
  if (!names.length || !/^Lưu\s*:/.test(names[names.length - 1] ?? "")) names.push("Lưu: VT");
  return names.map((name, i) => `- ${name}${i === names.length - 1 ? "." : ";"}`);
}

function signingBlock(doc: OfficialDocument): Table {
  const [left = 0, right = 0] = splitWidth(SIGNING_COLUMNS, textWidth(false));
  const { prefix, authorityTitle, title, name } = doc.signer;
  const authorityLine = prefix ? `${prefix} ${upper(authorityTitle?.trim() ?? "")}`.trim() : null;
  const signing = [
    ...(authorityLine ? [para(STYLE.signAuthority, authorityLine)] : []),
    para(authorityLine ? STYLE.signTitle : STYLE.signAuthority, upper(title.trim())),
    ...Array.from({ length: SIGNATURE_SPACE_LINES }, () => new Paragraph({ style: STYLE.signSpace })),
    para(STYLE.signName, name.trim()),
  ];
  const row = new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: left, type: WidthType.DXA },
        children: [
          para(STYLE.recipientsLabel, "Nơi nhận:"),
          ...recipientLines(doc.recipients).map((line) => para(STYLE.recipient, line)),
        ],
      }),
      new TableCell({ width: { size: right, type: WidthType.DXA }, children: signing }),
    ],
  });
  return borderlessTable([left, right], [row]);
}

/** Page numbers centred in the top margin. */
const pageNumberHeader = () =>
  new Header({
    children: [new Paragraph({ style: STYLE.pageNumber, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
  });

const page = (landscape: boolean) => ({
  size: landscape
    ? { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }
    : { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
  margin: MARGINS,
});

function annexSection(
  doc: OfficialDocument,
  annex: NonNullable<OfficialDocument["annexes"]>[number],
  index: number,
  count: number,
): ISectionOptions {
  const landscape = annex.landscape === true;
  const dateText = doc.date
    ? `ngày ${documentDateLine("", doc.date, doc.year).replace(/^, ngày /, "")}`
    : `ngày      tháng      năm ${doc.year}`;
  const number = doc.number ? numberLine(doc.number, doc.symbol).slice(4) : `      /${doc.symbol}`;
  return {
    properties: { page: page(landscape) },
    headers: { default: pageNumberHeader() },
    children: [
      // A single annex is not numbered; two or more take Roman numerals (Decree 30, Annex I).
      para(STYLE.annexLabel, count > 1 ? `Phụ lục ${roman(index + 1)}` : "Phụ lục"),
      para(STYLE.annexTitle, upper(annex.title.trim())),
      para(STYLE.annexSubtitle, `(Kèm theo ${sentenceCase(doc.type.trim())} số ${number} ${dateText})`),
      ...(annex.subtitle ? [para(STYLE.annexSubtitle, annex.subtitle.trim())] : []),
      rule(1701, textWidth(landscape), 240),
      ...blocks(annex.body, textWidth(landscape)),
    ],
  };
}

export async function renderOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const main: ISectionOptions = {
    // Different first page: page 1 carries no number.
    properties: { titlePage: true, page: page(false) },
    headers: {
      default: pageNumberHeader(),
      first: new Header({ children: [new Paragraph({ style: STYLE.pageNumber })] }),
    },
    children: [headerBlock(doc), ...titleBlock(doc), ...blocks(doc.body, textWidth(false), true), signingBlock(doc)],
  };
  const annexes = doc.annexes ?? [];
  const document = new Document({
    creator: CREATOR,
    lastModifiedBy: CREATOR,
    title: clean(doc.summary.trim()),
    subject: upper(doc.type.trim()),
    styles: {
      default: {
        document: { run: { font: "Times New Roman", size: SIZE.body, color: BLACK, language: { value: "vi-VN" } } },
      },
      paragraphStyles: styles(),
    },
    sections: [main, ...annexes.map((annex, i) => annexSection(doc, annex, i, annexes.length))],
  });
  return Packer.toBuffer(document);
}
