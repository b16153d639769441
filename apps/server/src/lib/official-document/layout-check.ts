import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import { STYLE } from "./styles.js";
import { longestLineTwips, textWidthTwips } from "./text-metrics.js";

/**
 * Checks a DOCX against the layout of an administrative document (Decree 30/2020/NĐ-CP,
 * Annex I; the table in /shared/reference/documents.md): page, margins, font, and the case,
 * size and style of every element. Formatting is resolved as Word resolves it (document
 * defaults, then the style chain, then direct formatting), so a style or a run edited by hand is
 * judged by what it shows. Elements are found by the paragraph styles `renderOfficialDocx` writes.
 */

export type LayoutResult = { rule: string; ok: boolean; detail: string };

// ---------------------------------------------------------------------------------------------
// XML

type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

function toNodes(entries: unknown): XmlNode[] {
  if (!Array.isArray(entries)) return [];
  const out: XmlNode[] = [];
  for (const entry of entries as Record<string, unknown>[]) {
    const attrs = (entry[":@"] ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(entry)) {
      if (key === ":@" || key.startsWith("?")) continue;
      if (key === "#text") out.push({ name: "#text", attrs: {}, children: [], text: String(value) });
      else out.push({ name: key, attrs, children: toNodes(value), text: "" });
    }
  }
  return out;
}

function parseXml(xml: string): XmlNode {
  return { name: "#root", attrs: {}, children: toNodes(parser.parse(xml)), text: "" };
}

const child = (node: XmlNode | undefined, name: string) => node?.children.find((c) => c.name === name);
const kids = (node: XmlNode | undefined, name: string) => node?.children.filter((c) => c.name === name) ?? [];
function descendants(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}
/** Every character of text under a node. */
const allText = (node: XmlNode): string => (node.name === "#text" ? node.text : node.children.map(allText).join(""));
const attr = (node: XmlNode | undefined, name: string) => node?.attrs[`w:${name}`];
const num = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value));

/** Text of a run or paragraph: w:t, tabs and breaks, not field codes. */
function textOf(node: XmlNode): string {
  let out = "";
  for (const c of node.children) {
    if (c.name === "w:t") out += c.children.map((t) => t.text).join("");
    else if (c.name === "w:tab") out += "\t";
    else if (c.name === "w:br" || c.name === "w:cr") out += "\n";
    else if (c.name !== "w:instrText" && c.name !== "w:delText" && c.name !== "w:pPr" && c.name !== "w:rPr")
      out += textOf(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formatting as Word resolves it

type RunProps = { font?: string; size?: number; bold?: boolean; italic?: boolean; color?: string };
type ParaProps = {
  jc?: string;
  ind: Record<string, string>;
  spacing: Record<string, string>;
  borders: Record<string, Record<string, string>>;
};

const toggle = (node: XmlNode | undefined) => {
  if (!node) return undefined;
  const value = attr(node, "val");
  return !(value === "0" || value === "false" || value === "off");
};

function readRunProps(rPr: XmlNode | undefined): RunProps {
  if (!rPr) return {};
  const out: RunProps = {};
  const fonts = child(rPr, "w:rFonts");
  if (fonts) {
    const theme = attr(fonts, "asciiTheme") ?? attr(fonts, "hAnsiTheme");
    const ascii = attr(fonts, "ascii");
    const hAnsi = attr(fonts, "hAnsi");
    if (theme) out.font = `theme:${theme}`;
    else if (ascii || hAnsi) out.font = ascii && hAnsi && ascii !== hAnsi ? `${ascii} / ${hAnsi}` : (ascii ?? hAnsi);
  }
  const size = num(attr(child(rPr, "w:sz"), "val"));
  if (size !== undefined) out.size = size / 2;
  const bold = toggle(child(rPr, "w:b"));
  if (bold !== undefined) out.bold = bold;
  const italic = toggle(child(rPr, "w:i"));
  if (italic !== undefined) out.italic = italic;
  const color = attr(child(rPr, "w:color"), "val");
  if (color) out.color = color;
  return out;
}

function readParaProps(pPr: XmlNode | undefined): ParaProps {
  const out: ParaProps = { ind: {}, spacing: {}, borders: {} };
  if (!pPr) return out;
  const jc = attr(child(pPr, "w:jc"), "val");
  if (jc) out.jc = jc;
  out.ind = stripPrefix(child(pPr, "w:ind")?.attrs ?? {});
  out.spacing = stripPrefix(child(pPr, "w:spacing")?.attrs ?? {});
  for (const side of child(pPr, "w:pBdr")?.children ?? []) out.borders[side.name.slice(2)] = stripPrefix(side.attrs);
  return out;
}

const stripPrefix = (attrs: Record<string, string>) =>
  Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.replace(/^w:/, ""), v]));

function mergeRun(...layers: RunProps[]): RunProps {
  return Object.assign({}, ...layers) as RunProps;
}
function mergePara(...layers: ParaProps[]): ParaProps {
  const out: ParaProps = { ind: {}, spacing: {}, borders: {} };
  for (const l of layers) {
    if (l.jc) out.jc = l.jc;
    out.ind = { ...out.ind, ...l.ind };
    out.spacing = { ...out.spacing, ...l.spacing };
    out.borders = { ...out.borders, ...l.borders };
  }
  return out;
}

type Style = { id: string; type: string; basedOn?: string; rPr: RunProps; pPr: ParaProps; isDefault: boolean };
type Styles = {
  byId: Map<string, Style>;
  defaultRun: RunProps;
  defaultPara: ParaProps;
  defaultParaStyle?: string;
  /** Left/right cell margin of the default table style (108 twips when none is given). */
  defaultCellMargin: number;
};

function readStyles(root: XmlNode | undefined): Styles {
  const styles = child(root, "w:styles");
  const defaults = child(styles, "w:docDefaults");
  const byId = new Map<string, Style>();
  let defaultParaStyle: string | undefined;
  let defaultCellMargin = 108;
  for (const s of kids(styles, "w:style")) {
    const id = attr(s, "styleId") ?? "";
    const isDefault = ["1", "true", "on"].includes(attr(s, "default") ?? "");
    const type = attr(s, "type") ?? "paragraph";
    const basedOn = attr(child(s, "w:basedOn"), "val");
    byId.set(id, {
      id,
      type,
      ...(basedOn ? { basedOn } : {}),
      rPr: readRunProps(child(s, "w:rPr")),
      pPr: readParaProps(child(s, "w:pPr")),
      isDefault,
    });
    if (isDefault && type === "paragraph") defaultParaStyle = id;
    const margin = num(attr(child(child(child(s, "w:tblPr"), "w:tblCellMar"), "w:left"), "w"));
    if (isDefault && type === "table" && margin !== undefined) defaultCellMargin = margin;
  }
  return {
    byId,
    defaultRun: readRunProps(child(child(defaults, "w:rPrDefault"), "w:rPr")),
    defaultPara: readParaProps(child(child(defaults, "w:pPrDefault"), "w:pPr")),
    ...(defaultParaStyle ? { defaultParaStyle } : {}),
    defaultCellMargin,
  };
}

/** The style and its ancestors, root first. */
function styleChain(styles: Styles, id: string | undefined): Style[] {
  const chain: Style[] = [];
  const seen = new Set<string>();
  let current = id ? styles.byId.get(id) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.basedOn ? styles.byId.get(current.basedOn) : undefined;
  }
  return chain;
}

type RunInfo = { text: string; props: RunProps };
type ParaInfo = {
  style: string;
  text: string;
  props: ParaProps;
  /** The run properties of the paragraph mark and of each run with text. */
  markProps: RunProps;
  runs: RunInfo[];
  hasField: boolean;
  hasDrawing: boolean;
  /** "body", or "t<table>/r<row>/c<cell>" for a paragraph in a table cell. */
  container: string;
  section: number;
  /** Position among the top-level elements of the body. */
  top: number;
};

function paragraphInfo(p: XmlNode, styles: Styles, container: string, section: number, top: number): ParaInfo {
  const pPr = child(p, "w:pPr");
  const styleId = attr(child(pPr, "w:pStyle"), "val") ?? styles.defaultParaStyle ?? "";
  const chain = styleChain(styles, styleId);
  const paraRun = mergeRun(styles.defaultRun, ...chain.map((s) => s.rPr));
  const props = mergePara(styles.defaultPara, ...chain.map((s) => s.pPr), readParaProps(pPr));
  const runs: RunInfo[] = [];
  let hasField = false;
  for (const r of descendants(p, "w:r")) {
    const rPr = child(r, "w:rPr");
    const runStyle = styleChain(styles, attr(child(rPr, "w:rStyle"), "val")).map((s) => s.rPr);
    const isPage = kids(r, "w:instrText").some((t) => /^\s*PAGE\b/.test(allText(t)));
    if (isPage) hasField = true;
    runs.push({ text: textOf(r), props: mergeRun(paraRun, ...runStyle, readRunProps(rPr)) });
  }
  for (const f of descendants(p, "w:fldSimple")) if (/^\s*PAGE\b/.test(attr(f, "instr") ?? "")) hasField = true;
  return {
    style: styleId,
    text: textOf(p),
    props,
    markProps: mergeRun(paraRun, readRunProps(child(pPr, "w:rPr"))),
    runs,
    hasField,
    hasDrawing: descendants(p, "w:drawing").length > 0,
    container,
    section,
    top,
  };
}

// ---------------------------------------------------------------------------------------------
// Document model

type TableInfo = {
  index: number;
  top: number;
  section: number;
  columns: number[];
  rows: number;
  borders: Record<string, string>;
  cellWidths: number[][];
  cellMargin: number;
};
type SectionInfo = {
  width: number;
  height: number;
  orient: string;
  margins: Record<string, number>;
  titlePg: boolean;
  headers: { type: string; id: string }[];
};

type Model = {
  paragraphs: ParaInfo[];
  tables: TableInfo[];
  sections: SectionInfo[];
  styles: Styles;
  headerParts: Map<string, ParaInfo[]>;
  rels: Map<string, string>;
  core: XmlNode | undefined;
};

async function readPart(zip: JSZip, name: string): Promise<XmlNode | undefined> {
  const file = zip.file(name);
  return file ? parseXml(await file.async("string")) : undefined;
}

function readSection(sectPr: XmlNode): SectionInfo {
  const pgSz = child(sectPr, "w:pgSz");
  const pgMar = child(sectPr, "w:pgMar");
  const titlePg = child(sectPr, "w:titlePg");
  return {
    width: num(attr(pgSz, "w")) ?? 0,
    height: num(attr(pgSz, "h")) ?? 0,
    orient: attr(pgSz, "orient") ?? "portrait",
    margins: Object.fromEntries(Object.entries(stripPrefix(pgMar?.attrs ?? {})).map(([k, v]) => [k, Number(v)])),
    titlePg: titlePg ? toggle(titlePg) === true : false,
    headers: kids(sectPr, "w:headerReference").map((h) => ({
      type: attr(h, "type") ?? "default",
      id: h.attrs["r:id"] ?? "",
    })),
  };
}

async function readModel(docx: Buffer): Promise<Model> {
  const zip = await JSZip.loadAsync(docx);
  const documentXml = await readPart(zip, "word/document.xml");
  if (!documentXml) throw new Error("word/document.xml missing: not a DOCX");
  const styles = readStyles(await readPart(zip, "word/styles.xml"));
  const body = child(child(documentXml, "w:document"), "w:body");
  const paragraphs: ParaInfo[] = [];
  const tables: TableInfo[] = [];
  const sections: SectionInfo[] = [];
  let section = 0;
  let top = 0;
  for (const element of body?.children ?? []) {
    if (element.name === "w:p") {
      paragraphs.push(paragraphInfo(element, styles, "body", section, top));
      const sectPr = child(child(element, "w:pPr"), "w:sectPr");
      if (sectPr) {
        sections.push(readSection(sectPr));
        section++;
      }
    } else if (element.name === "w:tbl") {
      const index = tables.length;
      const tblPr = child(element, "w:tblPr");
      const borders = Object.fromEntries(
        (child(tblPr, "w:tblBorders")?.children ?? []).map((b) => [b.name.slice(2), attr(b, "val") ?? ""]),
      );
      const cellWidths: number[][] = [];
      kids(element, "w:tr").forEach((tr, r) => {
        cellWidths.push([]);
        kids(tr, "w:tc").forEach((tc, c) => {
          cellWidths[r]?.push(num(attr(child(child(tc, "w:tcPr"), "w:tcW"), "w")) ?? 0);
          for (const p of descendants(tc, "w:p"))
            paragraphs.push(paragraphInfo(p, styles, `t${index}/r${r}/c${c}`, section, top));
        });
      });
      tables.push({
        index,
        top,
        section,
        columns: kids(child(element, "w:tblGrid"), "w:gridCol").map((g) => num(attr(g, "w")) ?? 0),
        rows: kids(element, "w:tr").length,
        borders,
        cellWidths,
        cellMargin: num(attr(child(child(tblPr, "w:tblCellMar"), "w:left"), "w")) ?? styles.defaultCellMargin,
      });
    } else if (element.name === "w:sectPr") {
      sections.push(readSection(element));
    }
    top++;
  }
  const relsXml = await readPart(zip, "word/_rels/document.xml.rels");
  const rels = new Map(
    kids(child(relsXml, "Relationships"), "Relationship").map((r) => [r.attrs.Id ?? "", r.attrs.Target ?? ""]),
  );
  const headerParts = new Map<string, ParaInfo[]>();
  for (const target of new Set(rels.values())) {
    if (!/^header\d*\.xml$/.test(target)) continue;
    const part = await readPart(zip, `word/${target}`);
    headerParts.set(
      target,
      descendants(part ?? parseXml("<x/>"), "w:p").map((p) => paragraphInfo(p, styles, target, -1, -1)),
    );
  }
  return { paragraphs, tables, sections, styles, headerParts, rels, core: await readPart(zip, "docProps/core.xml") };
}

// ---------------------------------------------------------------------------------------------
// Rules

const TNR = "Times New Roman";
const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO = "Độc lập - Tự do - Hạnh phúc";
/** Millimetres to twips, with half a millimetre of slack for rounding. */
const mmRange = (lo: number, hi: number) => [
  Math.floor(((lo - 0.5) * 1440) / 25.4),
  Math.ceil(((hi + 0.5) * 1440) / 25.4),
];
const MARGIN_RANGES: Record<string, number[]> = {
  top: mmRange(20, 25),
  bottom: mmRange(20, 25),
  left: mmRange(30, 35),
  right: mmRange(15, 20),
};
const BODY_STYLES: string[] = [STYLE.body, STYLE.bullet, STYLE.basis, STYLE.heading1, STYLE.heading2, STYLE.heading3];

const isUpper = (text: string) => text === text.toLocaleUpperCase("vi") && /\p{L}/u.test(text);
const textRuns = (p: ParaInfo) => p.runs.filter((r) => r.text.trim() !== "");
/** A property of the text of a paragraph: every run with text has it (the mark's when it has none). */
const every = (p: ParaInfo, test: (r: RunProps) => boolean) => {
  const runs = textRuns(p);
  return runs.length ? runs.every((r) => test(r.props)) : test(p.markProps);
};
const sizesOf = (p: ParaInfo) => [
  ...new Set((textRuns(p).length ? textRuns(p) : [{ props: p.markProps }]).map((r) => r.props.size)),
];
const sizeIn = (p: ParaInfo, lo: number, hi: number) =>
  every(p, (r) => r.size !== undefined && r.size >= lo && r.size <= hi);
const centred = (p: ParaInfo) => p.props.jc === "center";
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

type Want = {
  upper?: boolean;
  notUpper?: boolean;
  bold?: boolean;
  italic?: boolean;
  size: [number, number];
  centred?: boolean;
};

/** What is wrong with a paragraph against one row of the layout table. */
function formatProblems(p: ParaInfo, want: Want): string[] {
  const problems: string[] = [];
  const label = `"${short(p.text.trim())}"`;
  if (want.upper && !isUpper(p.text)) problems.push(`${label} không in hoa`);
  if (want.notUpper && isUpper(p.text)) problems.push(`${label} không được in hoa toàn bộ`);
  if (want.bold !== undefined && !every(p, (r) => (r.bold ?? false) === want.bold))
    problems.push(`${label} ${want.bold ? "phải" : "không được"} in đậm`);
  if (want.italic !== undefined && !every(p, (r) => (r.italic ?? false) === want.italic))
    problems.push(`${label} ${want.italic ? "phải" : "không được"} in nghiêng`);
  if (!sizeIn(p, want.size[0], want.size[1]))
    problems.push(`${label} cỡ chữ ${sizesOf(p).join("/")} (cần ${want.size[0]}–${want.size[1]})`);
  if (want.centred && !centred(p)) problems.push(`${label} phải canh giữa`);
  return problems;
}

class Results {
  readonly list: LayoutResult[] = [];
  add(rule: string, problems: string[], okDetail: string) {
    this.list.push({ rule, ok: problems.length === 0, detail: problems.length ? problems.join("; ") : okDetail });
  }
}

/** Usable width of a cell's paragraphs (the cell less its margins) in twips. */
function cellInner(model: Model, container: string): number | undefined {
  const match = /^t(\d+)\/r(\d+)\/c(\d+)$/.exec(container);
  if (!match) return undefined;
  const table = model.tables[Number(match[1])];
  const width = table?.cellWidths[Number(match[2])]?.[Number(match[3])] ?? table?.columns[Number(match[3])];
  return width === undefined || !table ? undefined : width - 2 * table.cellMargin;
}

function sectionTextWidth(section: SectionInfo | undefined): number {
  if (!section) return 0;
  return section.width - (section.margins.left ?? 0) - (section.margins.right ?? 0);
}

/** The rule paragraph right after `p` in the same container, and the length of its line in twips. */
function ruleAfter(model: Model, p: ParaInfo, available: number): { width: number } | undefined {
  const list = model.paragraphs.filter((x) => x.container === p.container);
  const next = list[list.indexOf(p) + 1];
  if (!next || next.style !== STYLE.rule || next.text.trim() !== "") return undefined;
  const bottom = next.props.borders.bottom;
  if (!bottom || ["none", "nil"].includes(bottom.val ?? "none")) return undefined;
  const left = Number(next.props.ind.left ?? next.props.ind.start ?? 0);
  const right = Number(next.props.ind.right ?? next.props.ind.end ?? 0);
  return { width: available - left - right };
}

function checkPage(model: Model, results: Results) {
  const size: string[] = [];
  const margins: string[] = [];
  model.sections.forEach((s, i) => {
    const portrait = s.width === 11906 && s.height === 16838 && s.orient !== "landscape";
    const landscape = s.width === 16838 && s.height === 11906 && s.orient === "landscape";
    if (!portrait && !landscape) size.push(`phần ${i + 1}: ${s.width}×${s.height} ${s.orient}`);
    for (const [side, [lo = 0, hi = 0]] of Object.entries(MARGIN_RANGES)) {
      const value = s.margins[side];
      if (value === undefined || value < lo || value > hi)
        margins.push(
          `phần ${i + 1}: lề ${side} ${value === undefined ? "không có" : `${((value * 25.4) / 1440).toFixed(1)} mm`}`,
        );
    }
  });
  if (!model.sections.length) size.push("không có sectPr");
  results.add("page.a4", size, `A4 (11906×16838), ${model.sections.length} phần`);
  results.add("page.margins", margins, "lề trên/dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm");
}

function checkFont(model: Model, results: Results) {
  const fonts: string[] = [];
  const colours: string[] = [];
  const all = [...model.paragraphs, ...[...model.headerParts.values()].flat()];
  for (const p of all)
    for (const r of textRuns(p)) {
      if (r.props.font !== TNR) fonts.push(`"${short(r.text)}": ${r.props.font ?? "không đặt phông"}`);
      const colour = (r.props.color ?? "auto").toLowerCase();
      if (p.style !== STYLE.draftNotice && colour !== "auto" && colour !== "000000")
        colours.push(`"${short(r.text)}": màu ${colour}`);
    }
  results.add("font.timesNewRoman", fonts.slice(0, 5), "mọi đoạn chữ dùng Times New Roman");
  results.add("font.black", colours.slice(0, 5), "chữ màu đen");
}

function checkHeader(model: Model, results: Results): void {
  const first = model.tables[0];
  const problems: string[] = [];
  if (!first || first.top !== 0) problems.push("văn bản không bắt đầu bằng bảng phần đầu (2 cột)");
  else {
    if (first.columns.length !== 2) problems.push(`bảng phần đầu có ${first.columns.length} cột`);
    const visible = Object.entries(first.borders).filter(([, v]) => !["none", "nil", ""].includes(v));
    if (visible.length) problems.push(`bảng phần đầu có đường viền ${visible.map(([k]) => k).join(", ")}`);
    const [left = 0, right = 0] = first.columns;
    const share = left / (left + right || 1);
    if (share < 0.3 || share > 0.5) problems.push(`cột trái chiếm ${(share * 100).toFixed(0)}%`);
  }
  results.add("header.twoColumns", problems, "bảng 2 cột không viền: trái ~40%, phải ~60%");
  const inHeader = (p: ParaInfo, row: number, col: number) => p.container === `t0/r${row}/c${col}`;
  const find = (style: string) => model.paragraphs.filter((p) => p.style === style);

  const parents = find(STYLE.parentAuthority);
  results.add(
    "header.parentAuthority",
    parents.flatMap((p) => [
      ...formatProblems(p, { upper: true, bold: false, size: [12, 13], centred: true }),
      ...(inHeader(p, 0, 0) ? [] : ["cơ quan chủ quản phải ở cột trái phần đầu"]),
    ]),
    parents.length ? `"${short(parents[0]?.text ?? "")}"` : "không có cơ quan chủ quản",
  );

  const authorities = find(STYLE.authority);
  const authorityProblems: string[] = [];
  if (!authorities.length) authorityProblems.push("không có tên cơ quan ban hành");
  for (const p of authorities) {
    authorityProblems.push(...formatProblems(p, { upper: true, bold: true, size: [12, 13], centred: true }));
    if (!inHeader(p, 0, 0)) authorityProblems.push("tên cơ quan phải ở cột trái phần đầu");
  }
  results.add("header.authority", authorityProblems, `"${short(authorities.map((p) => p.text).join(" "))}"`);

  const lastAuthority = authorities[authorities.length - 1];
  const ruleProblems: string[] = [];
  let ruleDetail = "";
  if (lastAuthority) {
    const available = cellInner(model, lastAuthority.container) ?? 0;
    const line = longestLineTwips(lastAuthority.text.trim(), available, lastAuthority.runs[0]?.props.size ?? 13, true);
    const found = ruleAfter(model, lastAuthority, available);
    if (!found) ruleProblems.push("không có đường kẻ dưới tên cơ quan");
    else {
      const ratio = found.width / line;
      ruleDetail = `đường kẻ ${(ratio * 100).toFixed(0)}% độ dài dòng chữ`;
      if (ratio < 1 / 3 - 0.02 || ratio > 1 / 2 + 0.02) ruleProblems.push(`${ruleDetail} (cần 1/3–1/2)`);
    }
  }
  results.add("header.authorityRule", ruleProblems, ruleDetail);

  const titles = find(STYLE.nationalTitle);
  results.add(
    "header.nationalTitle",
    titles.length !== 1
      ? ["cần đúng một dòng Quốc hiệu"]
      : [
          ...formatProblems(titles[0] as ParaInfo, { upper: true, bold: true, size: [12, 13], centred: true }),
          ...(titles[0]?.text.trim() === NATIONAL_TITLE ? [] : [`Quốc hiệu "${titles[0]?.text}"`]),
          ...(inHeader(titles[0] as ParaInfo, 0, 1) ? [] : ["Quốc hiệu phải ở cột phải phần đầu"]),
        ],
    NATIONAL_TITLE,
  );

  const mottos = find(STYLE.motto);
  const motto = mottos[0];
  const mottoProblems: string[] = [];
  if (mottos.length !== 1 || !motto) mottoProblems.push("cần đúng một dòng Tiêu ngữ");
  else {
    mottoProblems.push(...formatProblems(motto, { bold: true, size: [13, 14], centred: true }));
    if (motto.text.trim() !== MOTTO) mottoProblems.push(`Tiêu ngữ "${motto.text}"`);
    if (!inHeader(motto, 0, 1)) mottoProblems.push("Tiêu ngữ phải ở cột phải phần đầu");
  }
  results.add("header.motto", mottoProblems, MOTTO);
  const mottoRule: string[] = [];
  let mottoRuleDetail = "";
  if (motto) {
    const available = cellInner(model, motto.container) ?? 0;
    const width = textWidthTwips(motto.text.trim(), motto.runs[0]?.props.size ?? 13, true);
    const found = ruleAfter(model, motto, available);
    if (!found) mottoRule.push("không có đường kẻ dưới Tiêu ngữ");
    else {
      const ratio = found.width / width;
      mottoRuleDetail = `đường kẻ ${(ratio * 100).toFixed(0)}% độ dài Tiêu ngữ`;
      if (Math.abs(ratio - 1) > 0.15) mottoRule.push(`${mottoRuleDetail} (cần bằng độ dài dòng chữ)`);
    }
  }
  results.add("header.mottoRule", mottoRule, mottoRuleDetail);

  const numbers = find(STYLE.number);
  const number = numbers[0];
  const numberProblems: string[] = [];
  if (numbers.length !== 1 || !number) numberProblems.push("cần đúng một dòng số, ký hiệu");
  else {
    numberProblems.push(...formatProblems(number, { bold: false, italic: false, size: [13, 13], centred: true }));
    if (!/^Số:(?: (?:0[1-9]|[1-9]\d+)| {3,})\/\S*\p{Lu}\S*$/u.test(number.text))
      numberProblems.push(
        `"${number.text}" không đúng dạng "Số: 05/BC-UBND" (số có 2 chữ số, không cách quanh "/", "-")`,
      );
    if (!inHeader(number, 1, 0)) numberProblems.push("số, ký hiệu phải ở cột trái, dưới tên cơ quan");
  }
  results.add("header.number", numberProblems, number ? `"${number.text}"` : "");

  const dates = find(STYLE.dateLine);
  const date = dates[0];
  const dateProblems: string[] = [];
  if (dates.length !== 1 || !date) dateProblems.push("cần đúng một dòng địa danh, thời gian");
  else {
    dateProblems.push(...formatProblems(date, { italic: true, bold: false, size: [13, 14], centred: true }));
    const match = /^\S.*, ngày (0[1-9]|[12]\d|3[01]| {2,}) tháng (0[12]|[3-9]|1[0-2]| {2,}) năm \d{4}$/.exec(date.text);
    if (!match) dateProblems.push(`"${date.text}" không đúng dạng "Việt Hòa, ngày 05 tháng 4 năm 2026"`);
    if (!inHeader(date, 1, 1)) dateProblems.push("địa danh, thời gian phải ở cột phải, cùng hàng với số, ký hiệu");
  }
  results.add("header.dateLine", dateProblems, date ? `"${date.text}"` : "");
}

function checkTitle(model: Model, results: Results) {
  const body = model.paragraphs.filter((p) => p.container === "body" && p.section === 0);
  const types = body.filter((p) => p.style === STYLE.docType);
  const type = types[0];
  results.add(
    "title.type",
    types.length !== 1 || !type
      ? ["cần đúng một dòng tên loại văn bản"]
      : formatProblems(type, { upper: true, bold: true, size: [13, 14], centred: true }),
    type ? `"${type.text}"` : "",
  );
  const summaries = body.filter((p) => p.style === STYLE.summary);
  const summary = summaries[0];
  const summaryProblems: string[] = [];
  if (summaries.length !== 1 || !summary) summaryProblems.push("cần đúng một đoạn trích yếu");
  else {
    summaryProblems.push(...formatProblems(summary, { notUpper: true, bold: true, size: [13, 14], centred: true }));
    if (type && summary.top <= type.top) summaryProblems.push("trích yếu phải ở dưới tên loại văn bản");
  }
  results.add("title.summary", summaryProblems, summary ? `"${short(summary.text)}"` : "");
  const ruleProblems: string[] = [];
  let ruleDetail = "";
  if (summary) {
    const available = sectionTextWidth(model.sections[0]);
    const line = longestLineTwips(summary.text.trim(), available, summary.runs[0]?.props.size ?? 14, true);
    const found = ruleAfter(model, summary, available);
    if (!found) ruleProblems.push("không có đường kẻ dưới trích yếu");
    else {
      const ratio = found.width / line;
      ruleDetail = `đường kẻ ${(ratio * 100).toFixed(0)}% dòng trích yếu dài nhất`;
      if (ratio < 1 / 3 - 0.02 || ratio > 1 / 2 + 0.02) ruleProblems.push(`${ruleDetail} (cần 1/3–1/2)`);
    }
  }
  results.add("title.summaryRule", ruleProblems, ruleDetail);

  const notices = body.filter((p) => p.style === STYLE.draftNotice);
  const noticeProblems = notices.flatMap((p) => {
    const out = formatProblems(p, { bold: true, italic: true, size: [12, 14], centred: true });
    const boxed = ["top", "bottom", "left", "right"].every(
      (side) => !["none", "nil", undefined].includes(p.props.borders[side]?.val),
    );
    const red = every(
      p,
      (r) => (r.color ?? "").toLowerCase() !== "000000" && r.color !== undefined && r.color !== "auto",
    );
    if (!boxed && !red) out.push("ghi chú dự thảo phải đóng khung hoặc màu đỏ");
    if (type && p.top >= type.top) out.push("ghi chú dự thảo phải ở trên tên loại văn bản");
    return out;
  });
  results.add("title.draftNotice", noticeProblems, notices.length ? `"${short(notices[0]?.text ?? "")}"` : "không có");

  const bases = body.filter((p) => p.style === STYLE.basis);
  const basisProblems = bases.flatMap((p, i) => {
    const out = formatProblems(p, { italic: true, size: [13, 14] });
    const end = i === bases.length - 1 ? "." : ";";
    if (!p.text.trim().endsWith(end)) out.push(`căn cứ "${short(p.text)}" phải kết thúc bằng "${end}"`);
    if (summary && p.top <= summary.top) out.push("căn cứ phải ở dưới trích yếu");
    return out;
  });
  results.add("title.bases", basisProblems, `${bases.length} căn cứ`);
}

function checkBody(model: Model, results: Results) {
  const body = model.paragraphs.filter((p) => BODY_STYLES.includes(p.style) && p.text.trim() !== "");
  const layout: string[] = [];
  for (const p of body) {
    const label = `"${short(p.text.trim())}"`;
    if (!sizeIn(p, 13, 14)) layout.push(`${label} cỡ chữ ${sizesOf(p).join("/")}`);
    if (p.props.jc !== "both") layout.push(`${label} không canh đều hai bên`);
    const firstLine = Number(p.props.ind.firstLine ?? 0);
    if (firstLine < 567 || firstLine > 720 || p.props.ind.hanging) layout.push(`${label} thụt đầu dòng ${firstLine}`);
    const after = Number(p.props.spacing.after ?? 0);
    if (after < 120) layout.push(`${label} cách đoạn sau ${after / 20} pt`);
    const line = Number(p.props.spacing.line ?? 240);
    const lineRule = p.props.spacing.lineRule ?? (p.props.spacing.line ? "không ghi" : "auto");
    if (lineRule !== "auto" || line < 240 || line > 360) layout.push(`${label} giãn dòng ${line} (${lineRule})`);
  }
  results.add(
    "body.paragraphs",
    layout.slice(0, 8),
    `${body.length} đoạn: 13–14 pt, canh đều, thụt 1–1,27 cm, cách đoạn ≥ 6 pt, giãn dòng đơn–1,5`,
  );

  const headings = body.filter((p) => [STYLE.heading1, STYLE.heading2, STYLE.heading3].includes(p.style as never));
  const headingProblems = headings.flatMap((p) =>
    p.style === STYLE.heading1
      ? formatProblems(p, { upper: true, bold: true, size: [13, 14] })
      : formatProblems(p, { bold: true, italic: p.style === STYLE.heading3, size: [13, 14] }),
  );
  results.add("body.headings", headingProblems, `${headings.length} đề mục`);

  const bullets = body.filter((p) => p.style === STYLE.bullet);
  results.add(
    "body.bullets",
    bullets.filter((p) => !p.text.startsWith("- ")).map((p) => `"${short(p.text)}" không bắt đầu bằng "- "`),
    `${bullets.length} ý gạch đầu dòng`,
  );

  const known = new Set<string>(Object.values(STYLE));
  const stray = model.paragraphs.filter((p) => p.text.trim() !== "" && !known.has(p.style));
  results.add(
    "body.styled",
    stray.slice(0, 5).map((p) => `"${short(p.text)}" không thuộc thành phần nào của thể thức (kiểu "${p.style}")`),
    "mọi đoạn chữ thuộc một thành phần thể thức",
  );

  const cells = model.paragraphs.filter((p) => p.style === STYLE.tableHeader || p.style === STYLE.tableText);
  const tableProblems = cells
    .filter((p) => p.text.trim() !== "")
    .flatMap((p) =>
      p.style === STYLE.tableHeader
        ? formatProblems(p, { bold: true, size: [11, 12], centred: true })
        : formatProblems(p, { size: [11, 12] }),
    );
  const gridless = model.tables.filter(
    (t) =>
      model.paragraphs.some((p) => p.container.startsWith(`t${t.index}/`) && p.style === STYLE.tableHeader) &&
      !["top", "bottom", "left", "right", "insideH", "insideV"].every((side) => t.borders[side] === "single"),
  );
  for (const t of gridless) tableProblems.push(`bảng số ${t.index + 1} thiếu đường viền`);
  results.add("body.tables", tableProblems.slice(0, 8), `${model.tables.length} bảng`);

  // A picture sits in a line of text: exact line spacing (or a line height without its rule, which
  // LibreOffice reads as exact) cuts it to one line.
  const pictures = model.paragraphs.filter((p) => p.hasDrawing);
  results.add(
    "body.figures",
    pictures
      .filter((p) => p.props.spacing.line !== undefined && p.props.spacing.lineRule !== "auto")
      .map((p) => `hình trong đoạn kiểu "${p.style}" có giãn dòng ${p.props.spacing.lineRule ?? "không ghi"}`),
    `${pictures.length} hình`,
  );
}

function checkSigning(model: Model, results: Results) {
  const mainTables = model.tables.filter((t) => t.section === 0);
  const signing = mainTables[mainTables.length - 1];
  const problems: string[] = [];
  const cell = (c: number) => model.paragraphs.filter((p) => signing && p.container === `t${signing.index}/r0/c${c}`);
  const left = cell(0);
  const right = cell(1);
  if (!signing || signing.columns.length !== 2 || signing.index === 0)
    problems.push("cuối văn bản không có bảng ký 2 cột");
  else {
    const visible = Object.entries(signing.borders).filter(([, v]) => !["none", "nil", ""].includes(v));
    if (visible.length) problems.push("bảng ký có đường viền");
    const after = model.paragraphs.filter((p) => p.container === "body" && p.section === 0 && p.top > signing.top);
    if (after.some((p) => p.text.trim() !== "")) problems.push("có nội dung sau phần ký");
  }
  const authorityLines = right.filter((p) => p.style === STYLE.signAuthority || p.style === STYLE.signTitle);
  if (!authorityLines.length) problems.push("không có quyền hạn, chức vụ người ký");
  if (right[0] && right[0].style !== STYLE.signAuthority) problems.push("dòng đầu cột phải phải là quyền hạn người ký");
  for (const p of authorityLines)
    problems.push(...formatProblems(p, { upper: true, bold: true, size: [13, 14], centred: true }));
  const authority = right.find((p) => p.style === STYLE.signAuthority);
  if (authority && /^(TM|KT|TL|TUQ|Q)\b/.test(authority.text) && !/^(TM|KT|TL|TUQ|Q)\. \S/.test(authority.text))
    problems.push(`"${authority.text}": chữ viết tắt quyền hạn phải có dấu chấm ("KT. CHỦ TỊCH")`);
  results.add("signing.authority", problems, authorityLines.map((p) => p.text).join(" / "));

  const names = right.filter((p) => p.style === STYLE.signName);
  const name = names[0];
  const nameProblems: string[] = [];
  if (names.length !== 1 || !name) nameProblems.push("cần đúng một dòng họ tên người ký");
  else {
    nameProblems.push(...formatProblems(name, { notUpper: true, bold: true, size: [13, 14], centred: true }));
    const lastTitle = authorityLines[authorityLines.length - 1];
    const gap = lastTitle ? right.slice(right.indexOf(lastTitle) + 1, right.indexOf(name)) : [];
    if (gap.length < 3 || gap.some((p) => p.text.trim() !== ""))
      nameProblems.push(`chỉ có ${gap.length} dòng trống cho chữ ký, con dấu (cần ít nhất 3)`);
  }
  results.add("signing.name", nameProblems, name ? `"${name.text}"` : "");

  const label = left[0];
  const labelProblems: string[] = [];
  if (!label || label.style !== STYLE.recipientsLabel || label.text.trim() !== "Nơi nhận:")
    labelProblems.push('dòng đầu cột trái phần ký phải là "Nơi nhận:" (ngang hàng quyền hạn người ký)');
  else labelProblems.push(...formatProblems(label, { bold: true, italic: true, size: [12, 12] }));
  if (label && centred(label)) labelProblems.push('"Nơi nhận:" canh trái');
  results.add("recipients.label", labelProblems, '"Nơi nhận:" 12 pt đậm nghiêng');

  const recipients = left.filter((p) => p.style === STYLE.recipient);
  const recipientProblems: string[] = [];
  if (!recipients.length) recipientProblems.push("không có nơi nhận");
  recipients.forEach((p, i) => {
    const last = i === recipients.length - 1;
    recipientProblems.push(...formatProblems(p, { bold: false, italic: false, size: [11, 11] }));
    if (!p.text.startsWith("- ")) recipientProblems.push(`"${p.text}" không bắt đầu bằng "- "`);
    if (last && !/^- Lưu: \S.*\.$/.test(p.text)) recipientProblems.push(`dòng cuối "${p.text}" phải là "- Lưu: VT, ….`);
    if (!last && !p.text.endsWith(";")) recipientProblems.push(`"${p.text}" phải kết thúc bằng ";"`);
  });
  results.add("recipients.lines", recipientProblems.slice(0, 8), `${recipients.length} nơi nhận, 11 pt`);
}

function headerOf(model: Model, section: SectionInfo | undefined, type: string): ParaInfo[] | undefined {
  const ref = section?.headers.find((h) => h.type === type);
  const target = ref ? model.rels.get(ref.id) : undefined;
  return target ? model.headerParts.get(target) : undefined;
}

function checkPageNumbers(model: Model, results: Results) {
  const problems: string[] = [];
  model.sections.forEach((section, i) => {
    const main = headerOf(model, section, "default");
    const numbered = main?.find((p) => p.hasField);
    if (!numbered) problems.push(`phần ${i + 1}: đầu trang không có số trang (trường PAGE)`);
    else {
      if (!centred(numbered)) problems.push(`phần ${i + 1}: số trang không canh giữa`);
      const sizes = numbered.runs.map((r) => r.props.size ?? numbered.markProps.size);
      if (sizes.some((s) => s === undefined || s < 13 || s > 14))
        problems.push(`phần ${i + 1}: số trang cỡ ${sizes.join("/")}`);
      if (numbered.runs.some((r) => r.props.font !== TNR))
        problems.push(`phần ${i + 1}: số trang không dùng Times New Roman`);
    }
    const first = headerOf(model, section, "first");
    if (i === 0) {
      if (!section.titlePg) problems.push("trang 1 phải có đầu trang riêng (titlePg) để không đánh số");
      if (first?.some((p) => p.hasField || p.text.trim() !== "")) problems.push("đầu trang của trang 1 có nội dung");
    } else if (section.titlePg && !first?.some((p) => p.hasField)) {
      problems.push(`phần ${i + 1}: trang đầu của phần không có số trang`);
    }
  });
  results.add("page.numbers", problems, "số trang giữa lề trên, từ trang 2");
}

function checkAnnexes(model: Model, results: Results) {
  const problems: string[] = [];
  for (let s = 1; s < model.sections.length; s++) {
    const body = model.paragraphs.filter((p) => p.section === s && p.container === "body" && p.text.trim() !== "");
    const [label, title] = body;
    if (!label || label.style !== STYLE.annexLabel || !/^Phụ lục(?: [IVXLC]+)?$/.test(label.text.trim()))
      problems.push(`phần ${s + 1} không bắt đầu bằng "Phụ lục"`);
    else problems.push(...formatProblems(label, { bold: true, size: [13, 14], centred: true }));
    if (!title || title.style !== STYLE.annexTitle) problems.push(`phần ${s + 1} thiếu tên phụ lục`);
    else problems.push(...formatProblems(title, { upper: true, bold: true, size: [13, 14], centred: true }));
  }
  results.add("annexes", problems, `${Math.max(0, model.sections.length - 1)} phụ lục`);
}

function checkProperties(model: Model, results: Results) {
  const core = child(model.core, "cp:coreProperties");
  const value = (name: string) => {
    const node = child(core, name);
    return node ? allText(node) : undefined;
  };
  const summary = model.paragraphs.find((p) => p.style === STYLE.summary)?.text.trim();
  const problems: string[] = [];
  if (!value("dc:title") || value("dc:title") !== summary)
    problems.push(`tiêu đề tệp "${value("dc:title") ?? ""}" khác trích yếu`);
  if (value("dc:creator") !== "Phường Xanh") problems.push(`người tạo "${value("dc:creator") ?? ""}"`);
  const modifiedBy = value("cp:lastModifiedBy");
  if (modifiedBy !== undefined && modifiedBy !== "Phường Xanh") problems.push(`người sửa cuối "${modifiedBy}"`);
  results.add("properties", problems, "tiêu đề = trích yếu, người tạo Phường Xanh");
}

/** Every rule of the layout, each with what was found. */
export async function checkDecree30Layout(docx: Buffer): Promise<LayoutResult[]> {
  const model = await readModel(docx);
  const results = new Results();
  checkPage(model, results);
  checkFont(model, results);
  checkHeader(model, results);
  checkTitle(model, results);
  checkBody(model, results);
  checkSigning(model, results);
  checkPageNumbers(model, results);
  checkAnnexes(model, results);
  checkProperties(model, results);
  return results.list;
}

/** All text of the document body, one paragraph a line (tables included, in reading order). */
export async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const documentXml = await readPart(zip, "word/document.xml");
  if (!documentXml) throw new Error("word/document.xml missing: not a DOCX");
  return descendants(documentXml, "w:p")
    .map((p) => textOf(p))
    .join("\n");
}
