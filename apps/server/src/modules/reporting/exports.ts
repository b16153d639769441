import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import {
  formatDateVi,
  fractionDigitsOf,
  valueKindOf,
  type ReportFigures,
  type WardReportContent,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { DataLog } from "../../lib/data-log.js";
import { AppError, notFound } from "../../lib/errors.js";
import { neutraliseFormula, XLSX_MIME } from "../../lib/spreadsheet.js";
import { renderTrendChartPng } from "../../lib/official-document/charts.js";
import {
  formatNumberVi,
  placeOfWard,
  renderOfficialDocx,
  type DocumentBlock,
  type OfficialDocument,
} from "../../lib/official-document/document.js";
import { listUnits, wardById } from "../identity/service.js";
import { indicatorStatusLabel } from "./figures.js";
import { ensurePeriod, type PeriodRow } from "./periods.js";
import { figuresFor, unitReportsOfPeriod } from "./unit-reports.js";
import { reportPeriods, unitReports } from "./tables.js";
import { wardReportContent } from "./ward-report.js";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export type ExportedFile = { filename: string; mimeType: string; bytes: Buffer };
export type ExportFormat = "docx" | "xlsx";

/** Charts in the ward's report: the indicators furthest behind first, at most this many. */
const MAX_CHARTS = 4;

/** "ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HÒA": the ward's People's Committee, which issues its reports. */
const authorityOf = (wardName: string) => `ỦY BAN NHÂN DÂN ${wardName.toUpperCase()}`;

const num = (value: number | null, digits = 2) => (value === null ? "" : formatNumberVi(value, digits));

/** Phụ lục I: chỉ tiêu — baseline, target, the value of the period, status. */
function indicatorTable(figures: ReportFigures): DocumentBlock {
  return {
    kind: "table",
    columns: [
      { header: "TT", width: 4, align: "center" },
      { header: "Chỉ tiêu", width: 34 },
      { header: "Đơn vị tính", width: 8, align: "center" },
      { header: "Giá trị gốc (năm)", width: 10, align: "right" },
      { header: "Mục tiêu (năm)", width: 10, align: "right" },
      { header: "Giá trị kỳ báo cáo", width: 10, align: "right" },
      { header: "Kỳ số liệu", width: 8, align: "center" },
      { header: "Tình trạng", width: 12 },
      { header: "Đơn vị theo dõi", width: 14 },
    ],
    rows: figures.indicators.map((i, index) => {
      const digits = fractionDigitsOf(valueKindOf(i));
      return [
        index + 1,
        i.name,
        i.unitOfMeasure,
        i.baselineValue === null
          ? ""
          : `${num(i.baselineValue, digits)}${i.baselineYear ? ` (${i.baselineYear})` : ""}`,
        `${num(i.targetValue, digits)} (${i.targetYear})`,
        num(i.value, digits),
        i.valuePeriod ?? "",
        indicatorStatusLabel(i.status),
        i.owner.shortName,
      ];
    }),
    note: `Số liệu tính đến ngày ${formatDateVi(figures.asOf)}.`,
  };
}

/** Phụ lục II: nhiệm vụ — owner, deadline, status, progress. */
function taskTable(figures: ReportFigures): DocumentBlock {
  return {
    kind: "table",
    columns: [
      { header: "TT", width: 4, align: "center" },
      { header: "Mục", width: 7, align: "center" },
      { header: "Nhiệm vụ", width: 40 },
      { header: "Đơn vị chủ trì", width: 14 },
      { header: "Thời hạn", width: 10, align: "center" },
      { header: "Trạng thái", width: 12 },
      { header: "Tiến độ (%)", width: 7, align: "right" },
    ],
    rows: figures.tasks.map((t, index) => [
      index + 1,
      t.ref,
      t.late ? `${t.title} (chậm tiến độ)` : t.title,
      t.owner.shortName,
      t.deadline ? formatDateVi(t.deadline) : "Thường xuyên",
      t.statusLabel,
      t.progress,
    ]),
    note: `Trạng thái và tiến độ tại ngày ${formatDateVi(figures.asOf)}.`,
  };
}

/** The annexes are numbered by the renderer (Phụ lục I, II); each names its table and the period. */
function annexes(figures: ReportFigures, periodTitle: string): NonNullable<OfficialDocument["annexes"]> {
  return [
    {
      title: "Kết quả thực hiện các chỉ tiêu",
      subtitle: periodTitle,
      landscape: true,
      body: [indicatorTable(figures)],
    },
    { title: "Tiến độ thực hiện các nhiệm vụ", subtitle: periodTitle, landscape: true, body: [taskTable(figures)] },
  ];
}

const paragraphs = (text: string): DocumentBlock[] =>
  text.trim() ? [{ kind: "paragraph", text: text.trim() }] : [{ kind: "paragraph", text: "Không có." }];

function draftNotice(period: PeriodRow, figures: ReportFigures, today: string): string | undefined {
  return today <= period.windowEnd
    ? `DỰ THẢO — kỳ báo cáo chưa kết thúc, số liệu tính đến ngày ${formatDateVi(figures.asOf)}`
    : undefined;
}

/** Trend charts of the indicators with a history, those furthest behind first. */
async function charts(figures: ReportFigures): Promise<DocumentBlock[]> {
  const rank: Record<string, number> = { off_track: 0, at_risk: 1, on_track: 2, achieved: 3 };
  const chosen = figures.indicators
    .filter((i) => i.series.length >= 2)
    .sort((a, b) => (rank[a.status] ?? 4) - (rank[b.status] ?? 4))
    .slice(0, MAX_CHARTS);
  return Promise.all(
    chosen.map(async (i, index): Promise<DocumentBlock> => ({
      kind: "image",
      png: await renderTrendChartPng({
        title: i.name,
        unitOfMeasure: i.unitOfMeasure,
        wholeNumbers: valueKindOf(i) === "count",
        points: i.series.map((p) => ({ label: p.period, value: p.value })),
        target: { label: String(i.targetYear), value: i.targetValue },
        // 15 cm wide at 170 dpi: sharp in print, and a quarter cheaper to draw than the default.
        width: 1000,
        height: 500,
      }),
      widthCm: 15,
      heightCm: 7.5,
      caption: `Biểu đồ ${index + 1}. ${i.name} (${i.unitOfMeasure}) — ${indicatorStatusLabel(i.status).toLowerCase()}`,
    })),
  );
}

function countsSentence(figures: ReportFigures): string {
  const value = (key: string) => figures.counts.find((c) => c.key === key)?.value ?? 0;
  return (
    `Trong ${value("indicators.total")} chỉ tiêu theo dõi: ${value("indicators.onTrack")} chỉ tiêu đạt hoặc đúng lộ trình, ` +
    `${value("indicators.atRisk")} chỉ tiêu có nguy cơ chậm, ${value("indicators.offTrack")} chỉ tiêu chậm so với lộ trình ` +
    `(chi tiết tại Phụ lục I). Trong ${value("tasks.total")} nhiệm vụ: ${value("tasks.closed")} đã hoàn thành, ` +
    `${value("tasks.active")} đang thực hiện, ${value("tasks.notStarted")} chưa triển khai, ` +
    `${value("tasks.late")} chậm so với thời hạn (chi tiết tại Phụ lục II).`
  );
}

export async function wardReportDocument(
  db: Db,
  log: DataLog,
  wardId: string,
  period: PeriodRow,
  today: string,
  version?: number,
): Promise<{ document: OfficialDocument; content: WardReportContent; figures: ReportFigures; version: number | null }> {
  const [{ content, figures, version: printed }, ward] = await Promise.all([
    wardReportContent(db, log, wardId, period, today, version),
    wardById(db, wardId),
  ]);
  const wardName = ward?.name ?? "";
  const body: DocumentBlock[] = [
    { kind: "paragraph", text: content.intro },
    { kind: "heading", level: 1, text: "I. KẾT QUẢ THỰC HIỆN" },
    { kind: "heading", level: 2, text: "1. Kết quả thực hiện các nhiệm vụ, giải pháp" },
    ...content.sectors.flatMap((s, i): DocumentBlock[] => [
      { kind: "heading", level: 3, text: `1.${i + 1}. ${s.heading}` },
      ...paragraphs(s.text),
    ]),
    { kind: "heading", level: 2, text: "2. Kết quả thực hiện các chỉ tiêu" },
    { kind: "paragraph", text: countsSentence(figures) },
    ...(await charts(figures)),
    { kind: "heading", level: 2, text: "3. Kết quả thực hiện nhiệm vụ của các cơ quan, đơn vị" },
    ...content.units.flatMap((u): DocumentBlock[] => [
      { kind: "heading", level: 3, text: u.heading },
      ...paragraphs(u.text),
    ]),
    { kind: "heading", level: 1, text: "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" },
    ...paragraphs(content.shortcomings),
    { kind: "heading", level: 1, text: "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI" },
    ...paragraphs(content.nextTasks),
    { kind: "heading", level: 1, text: "IV. ĐỀ XUẤT, KIẾN NGHỊ" },
    ...paragraphs(content.proposals),
    {
      kind: "paragraph",
      text: `Trên đây là báo cáo ${content.summary.charAt(0).toLowerCase()}${content.summary.slice(1)} của Ủy ban nhân dân ${wardName.charAt(0).toLowerCase()}${wardName.slice(1)}./.`,
    },
  ];
  const notice = draftNotice(period, figures, today);
  const document: OfficialDocument = {
    authority: { name: authorityOf(wardName) },
    number: period.sentNumber,
    symbol: "BC-UBND",
    place: placeOfWard(wardName),
    date: period.sentOn,
    year: Number((period.sentOn ?? today).slice(0, 4)),
    type: "BÁO CÁO",
    summary: content.summary,
    ...(notice ? { draftNotice: notice } : {}),
    body,
    signer: {
      ...(content.signer.prefix ? { prefix: content.signer.prefix } : {}),
      ...(content.signer.authorityTitle ? { authorityTitle: content.signer.authorityTitle } : {}),
      title: content.signer.title,
      name: content.signer.name,
    },
    recipients: content.recipients,
    annexes: annexes(figures, period.title),
  };
  return { document, content, figures, version: printed };
}

/** Who signs a unit's report, by the kind of unit. */
const UNIT_HEAD: Record<string, string> = {
  office: "CHÁNH VĂN PHÒNG",
  department: "TRƯỞNG PHÒNG",
  service_center: "GIÁM ĐỐC",
  fatherland_front: "CHỦ TỊCH",
  mass_organisation: "CHỦ TỊCH",
};

/** "BC-KT": the unit's short symbol from its code, as offices abbreviate themselves. */
const unitSymbol = (code: string) =>
  `BC-${code
    .split("-")
    .map((p) => p.charAt(0).toUpperCase())
    .join("")}`;

export async function unitReportDocument(
  db: Db,
  log: DataLog,
  wardId: string,
  period: PeriodRow,
  unitId: string,
  today: string,
): Promise<{ document: OfficialDocument; figures: ReportFigures; unitCode: string }> {
  const [reports, units, ward] = await Promise.all([
    unitReportsOfPeriod(db, wardId, period.id),
    listUnits(db, wardId),
    wardById(db, wardId),
  ]);
  const report = reports.find((r) => r.unitId === unitId);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw notFound("Không tìm thấy đơn vị.");
  if (!report) throw notFound(`Đơn vị "${unit.name}" không có báo cáo trong kỳ ${period.title}.`);
  const { figures } = await figuresFor(db, log, wardId, period, report.lockedFigures, unitId, today);
  const wardName = ward?.name ?? "";
  const section = (title: string, text: string | null): DocumentBlock[] => [
    { kind: "heading", level: 1, text: title },
    ...paragraphs(text ?? ""),
  ];
  const notice =
    draftNotice(period, figures, today) ??
    (report.status === "accepted" ? undefined : "DỰ THẢO — báo cáo chưa được Văn phòng tiếp nhận");
  const document: OfficialDocument = {
    authority: { parent: authorityOf(wardName), name: unit.name.toUpperCase() },
    number: null,
    symbol: unitSymbol(unit.code),
    place: placeOfWard(wardName),
    date: null,
    year: Number(today.slice(0, 4)),
    type: "BÁO CÁO",
    summary: `Kết quả thực hiện Kế hoạch chuyển đổi xanh ${period.title.charAt(0).toLowerCase()}${period.title.slice(1)}`,
    ...(notice ? { draftNotice: notice } : {}),
    body: [
      { kind: "paragraph", text: countsSentence(figures) },
      ...section("I. KẾT QUẢ THỰC HIỆN", report.sections.results),
      ...section("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", report.sections.shortcomings),
      ...section("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", report.sections.nextTasks),
      ...section("IV. ĐỀ XUẤT, KIẾN NGHỊ", report.sections.proposals),
    ],
    signer: { title: UNIT_HEAD[unit.kind] ?? "THỦ TRƯỞNG ĐƠN VỊ", name: "" },
    recipients: ["UBND phường (qua Văn phòng HĐND và UBND phường)", "Lưu: VT"],
    annexes: annexes(figures, period.title),
  };
  return { document, figures, unitCode: unit.code };
}

/** The annex tables as a workbook: indicators, tasks, and a sheet saying what the figures are. */
export async function annexWorkbook(title: string, figures: ReportFigures, draft: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Phường Xanh";
  const sheet = (name: string, headers: { header: string; width: number }[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = headers.map((h) => ({ header: h.header, width: h.width }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((cell) => neutraliseFormula(cell ?? "")));
  };
  sheet(
    "Phụ lục I - Chỉ tiêu",
    [
      { header: "TT", width: 5 },
      { header: "Mã", width: 12 },
      { header: "Chỉ tiêu", width: 60 },
      { header: "Đơn vị tính", width: 12 },
      { header: "Giá trị gốc", width: 12 },
      { header: "Năm gốc", width: 9 },
      { header: "Mục tiêu", width: 12 },
      { header: "Năm mục tiêu", width: 12 },
      { header: "Giá trị kỳ báo cáo", width: 16 },
      { header: "Kỳ số liệu", width: 11 },
      { header: "Tình trạng", width: 22 },
      { header: "Đơn vị theo dõi", width: 24 },
    ],
    figures.indicators.map((i, index) => [
      index + 1,
      i.code,
      i.name,
      i.unitOfMeasure,
      i.baselineValue,
      i.baselineYear,
      i.targetValue,
      i.targetYear,
      i.value,
      i.valuePeriod,
      indicatorStatusLabel(i.status),
      i.owner.name,
    ]),
  );
  sheet(
    "Phụ lục II - Nhiệm vụ",
    [
      { header: "TT", width: 5 },
      { header: "Mã", width: 12 },
      { header: "Mục", width: 9 },
      { header: "Nhiệm vụ", width: 70 },
      { header: "Đơn vị chủ trì", width: 28 },
      { header: "Thời hạn", width: 12 },
      { header: "Trạng thái", width: 22 },
      { header: "Tiến độ (%)", width: 11 },
      { header: "Chậm tiến độ", width: 12 },
    ],
    figures.tasks.map((t, index) => [
      index + 1,
      t.code,
      t.ref,
      t.title,
      t.owner.name,
      t.deadline ? formatDateVi(t.deadline) : "Thường xuyên",
      t.statusLabel,
      t.progress,
      t.late ? "Có" : "",
    ]),
  );
  const info = workbook.addWorksheet("Thông tin");
  info.columns = [{ width: 28 }, { width: 80 }];
  info.addRows([
    ["Báo cáo", title],
    ["Số liệu từ ngày", formatDateVi(figures.windowStart)],
    ["Số liệu đến ngày", formatDateVi(figures.asOf)],
    ["Tình trạng", draft ? "Dự thảo (kỳ chưa kết thúc hoặc chưa khóa số liệu)" : "Số liệu của kỳ đã kết thúc"],
    ...figures.counts.map((c) => [c.label, c.value]),
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const slug = (code: string) => code.toLowerCase();

/** The ward's report (no unit) or one unit's, as DOCX or as the XLSX of its annex tables. */
async function exportFile(
  db: Db,
  log: DataLog,
  wardId: string,
  period: PeriodRow,
  request: { format: ExportFormat; unitId?: string | undefined; version?: number | undefined },
  today: string,
): Promise<ExportedFile> {
  const built = request.unitId
    ? await unitReportDocument(db, log, wardId, period, request.unitId, today)
    : { ...(await wardReportDocument(db, log, wardId, period, today, request.version)), unitCode: undefined };
  const base = built.unitCode ? `bao-cao-${slug(built.unitCode)}-${slug(period.code)}` : `bao-cao-${slug(period.code)}`;
  if (request.format === "docx")
    return { filename: `${base}.docx`, mimeType: DOCX_MIME, bytes: await renderOfficialDocx(built.document) };
  const draft = today <= period.windowEnd || period.lockedAt === null;
  return {
    filename: `${base}-phu-luc.xlsx`,
    mimeType: XLSX_MIME,
    bytes: await annexWorkbook(built.document.summary, built.figures, draft),
  };
}

/**
 * The file the web download and the command line both give: the ward's report, or one unit's
 * (`unitCode`), as DOCX or as the XLSX of its annex tables.
 */
export async function exportReport(
  db: Db,
  log: DataLog,
  wardId: string,
  request: { code: string; format: ExportFormat; unitCode?: string | undefined; version?: number | undefined },
  today: string,
): Promise<ExportedFile> {
  const period = await ensurePeriod(db, wardId, request.code, today);
  let unitId: string | undefined;
  if (request.unitCode !== undefined) {
    unitId = (await listUnits(db, wardId)).find((u) => u.code === request.unitCode)?.id;
    if (!unitId) throw new AppError("NOT_FOUND", `Không có đơn vị mã "${request.unitCode}".`, 404);
  }
  return exportFile(db, log, wardId, period, { format: request.format, unitId, version: request.version }, today);
}

/** One unit's report by its id (the web page's download). */
export async function unitReportExport(
  db: Db,
  log: DataLog,
  wardId: string,
  unitReportId: string,
  format: ExportFormat,
  today: string,
): Promise<ExportedFile> {
  const [row] = await db
    .select({ period: reportPeriods, unitId: unitReports.unitId })
    .from(unitReports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, unitReports.periodId))
    .where(and(eq(unitReports.wardId, wardId), eq(unitReports.id, unitReportId)));
  if (!row) throw notFound("Không tìm thấy báo cáo của đơn vị.");
  return exportFile(db, log, wardId, row.period, { format, unitId: row.unitId }, today);
}
