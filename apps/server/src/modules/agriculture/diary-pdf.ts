import { createRequire } from "node:module";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import pdfmake from "pdfmake";
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { Cell } from "../../lib/spreadsheet-reader.js";
import type { WorkerReply } from "../../lib/workers.js";
import type { DiarySeason, FarmDiary } from "./export.js";

/**
 * The farm's diary as a PDF (A4 landscape), laid out by pdfmake in a worker thread: a title block
 * (farm, representative, address and residential group, printed date), then per season a table of
 * its entries in VietGAP's record columns and the season's footprint, with page numbers. The
 * bundled Roboto carries the Vietnamese letters. Reads no URL and no file but its fonts.
 */

export type DiaryPdfRequest = { diary: FarmDiary; printedOn: string };

const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf"),
  bold: require.resolve("pdfmake/fonts/Roboto/Roboto-Medium.ttf"),
  italics: require.resolve("pdfmake/fonts/Roboto/Roboto-Italic.ttf"),
  bolditalics: require.resolve("pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf"),
};
const fontPaths = new Set(Object.values(FONT_FILES));

const numberFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 3 });
const text = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? "" : typeof cell === "number" ? numberFormat.format(cell) : cell;

/** The table's columns: the sheet's, less plot and season (each table is one season), amount with its unit. */
const COLUMNS: { header: string; width: number | "*"; cell: (row: Record<string, Cell>) => string }[] = [
  { header: "Ngày", width: 40, cell: (r) => text(r.day) },
  { header: "Công việc", width: 52, cell: (r) => text(r.kind) },
  { header: "Vật tư, giống", width: "*", cell: (r) => text(r.product) },
  { header: "Lượng", width: 44, cell: (r) => [text(r.amount), text(r.unit)].filter(Boolean).join(" ") },
  { header: "Loại", width: 36, cell: (r) => text(r.type) },
  { header: "Đạm N (%)", width: 28, cell: (r) => text(r.nPercent) },
  { header: "Đối tượng phòng trừ", width: 50, cell: (r) => text(r.target) },
  { header: "Cách ly (ngày)", width: 32, cell: (r) => text(r.preHarvestDays) },
  { header: "Chế độ nước", width: 48, cell: (r) => text(r.water) },
  { header: "Dầu diesel (lít)", width: 32, cell: (r) => text(r.diesel) },
  { header: "Điện bơm (kWh)", width: 32, cell: (r) => text(r.electricity) },
  { header: "Sản lượng (kg)", width: 38, cell: (r) => text(r.yield) },
  { header: "Rơm rạ", width: 44, cell: (r) => text(r.residue) },
  { header: "Ghi chú", width: "*", cell: (r) => text(r.note) },
  { header: "Người ghi", width: 96, cell: (r) => text(r.writer) },
];

const dayMonthYear = (iso: string) => iso.split("-").reverse().join("/");

function seasonBlock(season: DiarySeason): Content[] {
  const heading: Content = {
    text: `${season.plot} (${numberFormat.format(season.areaHa)} ha) — ${season.season}, ${season.crop}, ${season.period}`,
    style: "season",
  };
  const footprint: Content = {
    text: [{ text: "Tóm tắt dấu chân carbon: ", bold: true }, `${season.footprint}.`],
    style: "footprint",
  };
  if (season.rows.length === 0)
    return [heading, { text: "Chưa có ghi chép nào trong vụ này.", italics: true, margin: [0, 2, 0, 2] }, footprint];
  const header: TableCell[] = COLUMNS.map((c) => ({ text: c.header, style: "th" }));
  const body: TableCell[][] = [header, ...season.rows.map((row) => COLUMNS.map((c) => c.cell(row)))];
  return [
    heading,
    {
      table: { headerRows: 1, dontBreakRows: true, widths: COLUMNS.map((c) => c.width), body },
      layout: {
        fillColor: (rowIndex: number) => (rowIndex === 0 ? "#e8f5e9" : rowIndex % 2 === 0 ? "#f7f7f7" : null),
        hLineColor: () => "#bdbdbd",
        vLineColor: () => "#bdbdbd",
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        paddingLeft: () => 2,
        paddingRight: () => 2,
        paddingTop: () => 1.5,
        paddingBottom: () => 1.5,
      },
    },
    footprint,
  ];
}

export function diaryDocument({ diary, printedOn }: DiaryPdfRequest): TDocumentDefinitions {
  const { farm } = diary;
  const fact = (label: string, value: string | null): Content => ({
    text: [{ text: `${label}: `, bold: true }, value ?? "—"],
  });
  return {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [28, 32, 28, 34],
    info: { title: `Nhật ký sản xuất — ${farm.name}`, creator: "Phường Xanh", producer: "Phường Xanh" },
    defaultStyle: { font: "Roboto", fontSize: 7 },
    styles: {
      title: { fontSize: 15, bold: true, color: "#1b5e20" },
      subtitle: { fontSize: 8.5, color: "#5f6b76", margin: [0, 1, 0, 6] },
      facts: { fontSize: 9 },
      season: { fontSize: 9.5, bold: true, color: "#1b5e20", margin: [0, 10, 0, 3] },
      th: { bold: true, fontSize: 6.8 },
      footprint: { fontSize: 7.5, margin: [0, 3, 0, 0] },
    },
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: `Nhật ký sản xuất — ${farm.name}`, color: "#5f6b76" },
        { text: `Trang ${currentPage}/${pageCount}`, alignment: "right", color: "#5f6b76" },
      ],
      margin: [28, 10, 28, 0],
      fontSize: 7.5,
    }),
    content: [
      { text: "SỔ NHẬT KÝ SẢN XUẤT", style: "title" },
      {
        text: "Ghi chép theo các biểu mẫu hồ sơ VietGAP: vật tư đầu vào, bảo vệ thực vật và thời gian cách ly, thu hoạch. Lượng vật tư tính cho cả thửa.",
        style: "subtitle",
      },
      {
        style: "facts",
        columns: [
          {
            width: "*",
            stack: [
              fact("Cơ sở sản xuất", `${farm.name} (${farm.kind})`),
              fact("Chủ hộ / người đại diện", farm.representative),
              fact("Địa chỉ", farm.address),
            ],
          },
          {
            width: "*",
            stack: [
              fact("Tổ dân phố", farm.residentialGroup),
              fact("Ngày in", dayMonthYear(printedOn)),
              fact("Số vụ, số ghi chép", `${diary.seasons.length} vụ, ${diary.entryCount} ghi chép`),
            ],
          },
        ],
        columnGap: 16,
      },
      ...(diary.seasons.length === 0
        ? [{ text: "Cơ sở chưa có vụ nào được ghi nhật ký.", italics: true, margin: [0, 12, 0, 0] } as Content]
        : diary.seasons.flatMap(seasonBlock)),
    ],
  };
}

/** The PDF's bytes (in the worker; tests may call it directly). */
export async function renderDiaryPdf(request: DiaryPdfRequest): Promise<Uint8Array> {
  pdfmake.setFonts({ Roboto: FONT_FILES });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => fontPaths.has(path));
  const buffer = await pdfmake.createPdf(diaryDocument(request)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function reply(): Promise<WorkerReply<Uint8Array>> {
  try {
    return { ok: true, result: await renderDiaryPdf(workerData as DiaryPdfRequest) };
  } catch (error) {
    return { ok: false, message: `Không tạo được tệp PDF: ${error instanceof Error ? error.message : String(error)}` };
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void reply().then((message) => port.postMessage(message));
}
