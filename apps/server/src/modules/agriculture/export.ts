import { and, asc, eq, isNull } from "drizzle-orm";
import type { DiaryDetails, DiaryEntryKind, ResidueHandling, WaterRegime } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { AppError, notFound } from "../../lib/errors.js";
import { writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { runInWorker, WorkerFailure } from "../../lib/workers.js";
import { units, users } from "../identity/tables.js";
import type { DiaryPdfRequest } from "./diary-pdf.js";
import { checkDiaryReader } from "./registry.js";
import { diaryEntries, farms, plots, seasons } from "./tables.js";

/**
 * Sổ nhật ký sản xuất of one farm as a spreadsheet: every live entry of every season of its plots,
 * one row each, with the columns VietGAP's record forms ask for (inputs used, plant protection
 * with its pre-harvest interval, harvest), and a summary sheet of the seasons with their stored
 * footprints — what a farm hands to a certification body.
 */

const KIND: Record<DiaryEntryKind, string> = {
  land_preparation: "Làm đất",
  sowing: "Gieo sạ",
  transplanting: "Cấy",
  fertiliser: "Bón phân",
  plant_protection: "Bảo vệ thực vật",
  irrigation: "Tưới, chế độ nước",
  harvest: "Thu hoạch",
  residue: "Xử lý rơm rạ",
};
const WATER: Record<WaterRegime, string> = {
  continuously_flooded: "Ngập liên tục",
  single_drainage: "Rút nước một lần",
  multiple_drainage: "Ướt khô xen kẽ (AWD)",
};
const RESIDUE: Record<ResidueHandling, string> = {
  burnt: "Đốt",
  removed: "Thu gom khỏi ruộng",
  incorporated: "Vùi vào đất",
  composted: "Ủ phân",
  mushrooms: "Trồng nấm",
  feed: "Làm thức ăn chăn nuôi",
};

export const COLUMNS: Column[] = [
  { header: "Thửa ruộng", key: "plot", width: 18 },
  { header: "Vụ", key: "season", width: 18 },
  { header: "Ngày", key: "day", width: 12 },
  { header: "Công việc", key: "kind", width: 18 },
  { header: "Vật tư, giống", key: "product", width: 22 },
  { header: "Lượng", key: "amount", width: 10 },
  { header: "Đơn vị", key: "unit", width: 8 },
  { header: "Loại", key: "type", width: 12 },
  { header: "Đạm N (%)", key: "nPercent", width: 10 },
  { header: "Đối tượng phòng trừ", key: "target", width: 20 },
  { header: "Thời gian cách ly (ngày)", key: "preHarvestDays", width: 12 },
  { header: "Chế độ nước", key: "water", width: 20 },
  { header: "Dầu diesel (lít)", key: "diesel", width: 12 },
  { header: "Điện bơm (kWh)", key: "electricity", width: 12 },
  { header: "Sản lượng (kg)", key: "yield", width: 12 },
  { header: "Rơm rạ", key: "residue", width: 18 },
  { header: "Ghi chú", key: "note", width: 30 },
  { header: "Người ghi", key: "writer", width: 20 },
];

const dayMonthYear = (iso: string) => iso.split("-").reverse().join("/");

/** The particulars of an entry in the sheet's columns. */
function detailCells(details: DiaryDetails): Record<string, Cell> {
  switch (details.kind) {
    case "land_preparation":
      return {
        product: details.method ?? null,
        diesel: details.dieselLitres ?? null,
        note: details.amendments?.length
          ? `Bón lót hữu cơ: ${details.amendments.map((a) => `${a.tonnesPerHa} t/ha`).join(", ")}`
          : null,
      };
    case "sowing":
    case "transplanting":
      return { product: details.variety ?? null, amount: details.seedKg ?? null, unit: details.seedKg ? "kg" : null };
    case "fertiliser":
      return {
        product: details.product,
        amount: details.amountKg,
        unit: "kg",
        type: details.type === "organic" ? "Hữu cơ" : "Vô cơ",
        nPercent: details.nPercent,
      };
    case "plant_protection":
      return {
        product: details.product,
        amount: details.dose,
        unit: details.doseUnit,
        type: details.type === "bio" ? "Sinh học" : "Hóa học",
        target: details.target ?? null,
        preHarvestDays: details.preHarvestDays ?? null,
      };
    case "irrigation":
      return {
        water: WATER[details.waterRegime],
        electricity: details.electricityKwh ?? null,
        diesel: details.dieselLitres ?? null,
      };
    case "harvest":
      return { yield: details.yieldKg, diesel: details.dieselLitres ?? null };
    case "residue":
      return {
        residue: RESIDUE[details.handling],
        amount: details.tonnesDm ?? null,
        unit: details.tonnesDm === undefined ? null : "tấn chất khô",
      };
  }
}

/** One season of the diary: its heading, its footprint line and its entries in the sheet's columns. */
export type DiarySeason = {
  plot: string;
  areaHa: number;
  season: string;
  crop: string;
  period: string;
  footprint: string;
  rows: Record<string, Cell>[];
};

/** What both exports print: the farm, each season with its entries, and the summary lines. */
export type FarmDiary = {
  farm: {
    name: string;
    kind: string;
    representative: string | null;
    address: string | null;
    residentialGroup: string | null;
  };
  seasons: DiarySeason[];
  entryCount: number;
};

const VI_NUMBER = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 3 });

const FARM_KIND: Record<string, string> = {
  household: "Nông hộ",
  cooperative: "Hợp tác xã",
  enterprise: "Doanh nghiệp",
};

/**
 * The farm's diary, gathered once for both exports (XLSX, PDF): the farm, its plots' seasons
 * (by plot, then start) and every live entry in the columns above. The registry's keepers only;
 * another ward's farm is not found.
 */
export async function farmDiary(db: Db, actor: Actor, farmId: string): Promise<FarmDiary> {
  await checkDiaryReader(db, actor, farmId);
  const [found] = await db
    .select({ farm: farms, group: units.name })
    .from(farms)
    .leftJoin(units, and(eq(units.wardId, farms.wardId), eq(units.id, farms.residentialGroupId)))
    .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, farmId)));
  if (!found) throw notFound("Không tìm thấy cơ sở sản xuất");
  const { farm } = found;
  const seasonRows = await db
    .select({ season: seasons, plot: plots })
    .from(seasons)
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .where(and(eq(seasons.wardId, actor.wardId), eq(plots.farmId, farmId)))
    .orderBy(asc(plots.name), asc(seasons.startedOn));
  const entries = await db
    .select({ entry: diaryEntries, writer: users.displayName })
    .from(diaryEntries)
    .innerJoin(seasons, and(eq(seasons.wardId, diaryEntries.wardId), eq(seasons.id, diaryEntries.seasonId)))
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .leftJoin(users, and(eq(users.wardId, diaryEntries.wardId), eq(users.id, diaryEntries.enteredBy)))
    .where(and(eq(diaryEntries.wardId, actor.wardId), eq(plots.farmId, farmId), isNull(diaryEntries.deletedAt)))
    .orderBy(asc(plots.name), asc(seasons.startedOn), asc(diaryEntries.occurredOn), asc(diaryEntries.createdAt));
  const rowsOf = new Map<string, Record<string, Cell>[]>();
  const seasonOf = new Map(seasonRows.map((r) => [r.season.id, r]));
  for (const { entry, writer } of entries) {
    const at = seasonOf.get(entry.seasonId);
    const details = entry.details as DiaryDetails;
    const cells = detailCells(details);
    const note = [cells.note, entry.note].filter((n) => typeof n === "string" && n).join(". ");
    const row = {
      plot: at?.plot.name ?? "",
      season: at?.season.name ?? "",
      day: dayMonthYear(entry.occurredOn),
      kind: KIND[details.kind],
      ...cells,
      note: note || null,
      writer: writer ? `${writer}${entry.byProxy ? " (cán bộ ghi thay, có đồng ý của cơ sở)" : ""}` : null,
    };
    rowsOf.set(entry.seasonId, [...(rowsOf.get(entry.seasonId) ?? []), row]);
  }
  // Vietnamese separators (1.808,559), as the PDF prints its other numbers.
  const round = (n: number) => VI_NUMBER.format(Math.round(n * 1000) / 1000);
  return {
    farm: {
      name: farm.name,
      kind: FARM_KIND[farm.kind] ?? farm.kind,
      representative: farm.representative,
      address: farm.address,
      residentialGroup: found.group,
    },
    entryCount: entries.length,
    seasons: seasonRows.map(({ season, plot }) => {
      const f = season.footprint;
      return {
        plot: plot.name,
        areaHa: plot.areaHa,
        season: season.name,
        crop: season.crop,
        period: `${dayMonthYear(season.startedOn)} – ${season.closedOn ? dayMonthYear(season.closedOn) : "chưa kết thúc"}`,
        footprint: f
          ? `dấu chân carbon ${round(f.totalKgCo2e)} kg CO2e (${round(f.totalKgCo2e / plot.areaHa)} kg CO2e/ha${
              f.kgCo2ePerKgProduct === null ? "" : `, ${round(f.kgCo2ePerKgProduct)} kg CO2e/kg sản phẩm`
            }; bộ hệ số ${f.factorSet})`
          : "chưa đủ nhật ký để tính dấu chân carbon",
        rows: rowsOf.get(season.id) ?? [],
      };
    }),
  };
}

/** The file name both exports share, but for the extension. */
const diaryFileName = (diary: FarmDiary, extension: string) => `nhat-ky-san-xuat-${diary.farm.name}.${extension}`;

export async function farmDiaryXlsx(
  db: Db,
  actor: Actor,
  farmId: string,
): Promise<{ filename: string; mimeType: string; bytes: Buffer }> {
  const diary = await farmDiary(db, actor, farmId);
  const rows = diary.seasons.flatMap((s) => s.rows);
  const summary = [
    `Nhật ký sản xuất — ${diary.farm.name}`,
    `Gồm ${rows.length} ghi chép của ${diary.seasons.length} vụ. Lượng vật tư tính cho cả thửa.`,
    "",
    ...diary.seasons.map((s) => `${s.plot} (${s.areaHa} ha) — ${s.season}, ${s.crop}, ${s.period}: ${s.footprint}.`),
  ];
  const bytes = await writeXlsx("Nhat ky", COLUMNS, rows, summary, { notesSheet: "Tong hop" });
  return { filename: diaryFileName(diary, "xlsx"), mimeType: XLSX_MIME, bytes };
}

/** More entries than this and the PDF is refused (the XLSX has no such limit): a bounded render. */
export const MAX_PDF_ENTRIES = 5000;
const PDF_TIME_LIMIT_MS = 30_000;
const PDF_MEMORY_MB = 256;

/** The diary as an A4 landscape PDF, laid out in a worker thread (diary-pdf.ts) within limits. */
export async function farmDiaryPdf(
  db: Db,
  actor: Actor,
  farmId: string,
  printedOn: string,
): Promise<{ filename: string; mimeType: string; bytes: Buffer }> {
  const diary = await farmDiary(db, actor, farmId);
  if (diary.entryCount > MAX_PDF_ENTRIES)
    throw new AppError(
      "FILE_TOO_LARGE",
      `Nhật ký có ${diary.entryCount} ghi chép, quá ${MAX_PDF_ENTRIES} để in PDF. Hãy tải bản XLSX.`,
      413,
    );
  try {
    const bytes = await runInWorker<Uint8Array>(
      new URL("./diary-pdf.js", import.meta.url),
      { diary, printedOn } satisfies DiaryPdfRequest,
      { timeLimitMs: PDF_TIME_LIMIT_MS, maxMemoryMb: PDF_MEMORY_MB },
    );
    return { filename: diaryFileName(diary, "pdf"), mimeType: "application/pdf", bytes: Buffer.from(bytes) };
  } catch (error) {
    if (!(error instanceof WorkerFailure) || (error.reason !== "time_limit" && error.reason !== "memory")) throw error;
    throw new AppError("FILE_TOO_LARGE", "Nhật ký quá lớn để in PDF. Hãy tải bản XLSX.", 413);
  }
}
