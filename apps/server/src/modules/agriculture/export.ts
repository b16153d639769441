import { and, asc, eq, isNull } from "drizzle-orm";
import type { DiaryDetails, DiaryEntryKind, ResidueHandling, WaterRegime } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { notFound } from "../../lib/errors.js";
import { writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { users } from "../identity/tables.js";
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

const COLUMNS: Column[] = [
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

export async function farmDiaryXlsx(
  db: Db,
  actor: Actor,
  farmId: string,
): Promise<{ filename: string; mimeType: string; bytes: Buffer }> {
  await checkDiaryReader(db, actor, farmId);
  const [farm] = await db
    .select()
    .from(farms)
    .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, farmId)));
  if (!farm) throw notFound("Không tìm thấy cơ sở sản xuất");
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
  const seasonOf = new Map(seasonRows.map((r) => [r.season.id, r]));
  const rows = entries.map(({ entry, writer }) => {
    const at = seasonOf.get(entry.seasonId);
    const details = entry.details as DiaryDetails;
    const cells = detailCells(details);
    const note = [cells.note, entry.note].filter((n) => typeof n === "string" && n).join(". ");
    return {
      plot: at?.plot.name ?? "",
      season: at?.season.name ?? "",
      day: dayMonthYear(entry.occurredOn),
      kind: KIND[details.kind],
      ...cells,
      note: note || null,
      writer: writer ? `${writer}${entry.byProxy ? " (cán bộ ghi thay, có đồng ý của cơ sở)" : ""}` : null,
    };
  });
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const summary = [
    `Nhật ký sản xuất — ${farm.name}`,
    `Gồm ${rows.length} ghi chép của ${seasonRows.length} vụ. Lượng vật tư tính cho cả thửa.`,
    "",
    ...seasonRows.map(({ season, plot }) => {
      const f = season.footprint;
      const period = `${dayMonthYear(season.startedOn)} – ${season.closedOn ? dayMonthYear(season.closedOn) : "chưa kết thúc"}`;
      const footprint = f
        ? `dấu chân carbon ${round(f.totalKgCo2e)} kg CO2e (${round(f.totalKgCo2e / plot.areaHa)} kg CO2e/ha${
            f.kgCo2ePerKgProduct === null ? "" : `, ${round(f.kgCo2ePerKgProduct)} kg CO2e/kg sản phẩm`
          }; bộ hệ số ${f.factorSet})`
        : "chưa đủ nhật ký để tính dấu chân carbon";
      return `${plot.name} (${plot.areaHa} ha) — ${season.name}, ${season.crop}, ${period}: ${footprint}.`;
    }),
  ];
  const bytes = await writeXlsx("Nhat ky", COLUMNS, rows, summary, { notesSheet: "Tong hop" });
  return { filename: `nhat-ky-san-xuat-${farm.name}.xlsx`, mimeType: XLSX_MIME, bytes };
}
