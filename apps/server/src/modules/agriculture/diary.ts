import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import {
  computeFootprint,
  seasonFootprintInput,
  type CreateSeason,
  type DiaryEntryInput,
  type FootprintChoice,
  type FootprintInput,
  type FootprintResult,
  type Season,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { currentFactorSet, factorSet, type LoadedFactorSet } from "../factors/service.js";
import { agricultureUnitId, mayKeepRegistry } from "./registry.js";
import { diaryEntries, farms, plots, seasons } from "./tables.js";

/**
 * Nhật ký sản xuất: seasons of a plot and what was done in them. An extension officer writes for
 * a farm only under the farm's consent (proxy_consent_at). Every batch recomputes the season's
 * footprint from its diary, with the current factor set, and stores it with that set's version.
 */

type SeasonRow = typeof seasons.$inferSelect;
type EntryRow = typeof diaryEntries.$inferSelect;

/** How the ward computes: IPCC's South-East Asia baseline and AR5 (a ward setting to come). */
const WARD_CHOICE: FootprintChoice = { region: "south-east-asia", gwp: "AR5" };

async function plotAndFarm(db: Db, wardId: string, plotId: string) {
  const [row] = await db
    .select({ plot: plots, farm: farms })
    .from(plots)
    .innerJoin(farms, and(eq(farms.wardId, plots.wardId), eq(farms.id, plots.farmId)))
    .where(and(eq(plots.wardId, wardId), eq(plots.id, plotId)));
  if (!row) throw notFound("Không tìm thấy thửa ruộng");
  return row;
}

/** May write this farm's diary: a registry keeper, with the farm's consent to write for it. */
async function checkWriter(db: Db, actor: Actor, farm: typeof farms.$inferSelect): Promise<{ byProxy: boolean }> {
  if (!mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId)))
    throw forbidden("Chỉ cán bộ khuyến nông (Phòng Kinh tế) hoặc chính cơ sở sản xuất được ghi nhật ký.");
  if (!farm.proxyConsentAt)
    throw forbidden(`${farm.name} chưa đồng ý để cán bộ ghi nhật ký thay. Hãy ghi nhận sự đồng ý trước.`);
  return { byProxy: true };
}

async function seasonRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<SeasonRow> {
  const query = db
    .select()
    .from(seasons)
    .where(and(eq(seasons.wardId, wardId), eq(seasons.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy vụ");
  return row;
}

export async function createSeason(db: Db, actor: Actor, plotId: string, input: CreateSeason): Promise<Season> {
  const { farm } = await plotAndFarm(db, actor.wardId, plotId);
  await checkWriter(db, actor, farm);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(seasons)
      .values({
        wardId: actor.wardId,
        plotId,
        name: input.name,
        crop: input.crop,
        variety: input.variety ?? null,
        startedOn: input.startedOn,
      })
      .returning({ id: seasons.id });
    if (!row) throw new Error("season insert returned nothing");
    await recordAudit(tx, actor, {
      action: "agriculture.season.create",
      entityType: "season",
      entityId: row.id,
      before: null,
      after: { plotId, ...input },
    });
    return row.id;
  });
  return seasonDetail(db, actor, id);
}

/**
 * Saves what the phone sends, each entry once (by its clientId), and recomputes the footprint.
 * An entry already saved for another season is a conflict: a client id names one entry.
 */
export async function syncDiary(
  db: Db,
  actor: Actor,
  seasonId: string,
  entries: DiaryEntryInput[],
): Promise<{ saved: number; alreadySaved: number; season: Season }> {
  const season = await seasonRow(db, actor.wardId, seasonId);
  const { farm, plot } = await plotAndFarm(db, actor.wardId, season.plotId);
  const { byProxy } = await checkWriter(db, actor, farm);
  if (season.closedOn) throw conflict("Vụ đã kết thúc: không ghi thêm nhật ký.");
  // Read before the transaction: the embedded database serves one query at a time.
  const set = await currentFactorSet(db);
  let saved = 0;
  let alreadySaved = 0;
  await db.transaction(async (tx) => {
    // The row as locked: its version and state, not the ones read before the transaction.
    const locked = await seasonRow(tx, actor.wardId, seasonId, true);
    if (locked.closedOn) throw conflict("Vụ đã kết thúc: không ghi thêm nhật ký.");
    const known = await tx
      .select({ clientId: diaryEntries.clientId, seasonId: diaryEntries.seasonId })
      .from(diaryEntries)
      .where(
        and(
          eq(diaryEntries.wardId, actor.wardId),
          inArray(
            diaryEntries.clientId,
            entries.map((e) => e.clientId),
          ),
        ),
      );
    const seen = new Map(known.map((k) => [k.clientId, k.seasonId]));
    for (const [i, entry] of entries.entries()) {
      const other = seen.get(entry.clientId);
      if (other !== undefined && other !== seasonId)
        throw invalid("Mã ghi chép đã dùng cho vụ khác", [
          { path: `entries.${i}.clientId`, message: "Mã ghi chép đã dùng cho vụ khác" },
        ]);
      if (other !== undefined) {
        alreadySaved += 1;
        continue;
      }
      if (entry.occurredOn < season.startedOn)
        throw invalid("Ngày ghi chép trước ngày bắt đầu vụ", [
          {
            path: `entries.${i}.occurredOn`,
            message: `Vụ bắt đầu ngày ${season.startedOn.split("-").reverse().join("/")}`,
          },
        ]);
      const [row] = await tx
        .insert(diaryEntries)
        .values({
          wardId: actor.wardId,
          seasonId,
          clientId: entry.clientId,
          kind: entry.details.kind,
          occurredOn: entry.occurredOn,
          details: entry.details,
          note: entry.note ?? null,
          latitude: entry.latitude ?? null,
          longitude: entry.longitude ?? null,
          enteredBy: actor.userId,
          byProxy,
        })
        .returning({ id: diaryEntries.id });
      if (!row) throw new Error("diary insert returned nothing");
      seen.set(entry.clientId, seasonId);
      saved += 1;
      await recordAudit(tx, actor, {
        action: "agriculture.diary.add",
        entityType: "diary_entry",
        entityId: row.id,
        before: null,
        after: { seasonId, occurredOn: entry.occurredOn, ...entry.details, byProxy },
      });
    }
    if (saved > 0) await storeFootprint(tx, locked, plot.areaHa, set);
  });
  return { saved, alreadySaved, season: await seasonDetail(db, actor, seasonId) };
}

async function liveEntries(db: Db, wardId: string, seasonId: string): Promise<EntryRow[]> {
  return db
    .select()
    .from(diaryEntries)
    .where(and(eq(diaryEntries.wardId, wardId), eq(diaryEntries.seasonId, seasonId), isNull(diaryEntries.deletedAt)))
    .orderBy(asc(diaryEntries.occurredOn), asc(diaryEntries.createdAt));
}

/** The season's footprint from its diary as it now stands, stored with its factor set (or cleared). */
async function storeFootprint(tx: Db, season: SeasonRow, areaHa: number, set: LoadedFactorSet): Promise<void> {
  const entries = await liveEntries(tx, season.wardId, season.id);
  const { input } = seasonFootprintInput(entries, areaHa, WARD_CHOICE);
  const footprint = input ? computeFootprint(input, set.values, set.version) : null;
  await tx
    .update(seasons)
    .set({
      footprint,
      footprintInput: input,
      footprintAt: footprint ? new Date() : null,
      version: season.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(seasons.wardId, season.wardId), eq(seasons.id, season.id)));
}

/** What the same season would emit under another practice: AWD, straw not burnt. */
function alternatives(input: FootprintInput, set: LoadedFactorSet): { practice: string; footprint: FootprintResult }[] {
  const out: { practice: string; footprint: FootprintResult }[] = [];
  if (input.waterRegime !== "multiple_drainage")
    out.push({
      practice:
        "Tưới ướt khô xen kẽ (AWD) thay cho " +
        (input.waterRegime === "continuously_flooded" ? "ngập liên tục" : "rút nước một lần"),
      footprint: computeFootprint({ ...input, waterRegime: "multiple_drainage" }, set.values, set.version),
    });
  if (input.strawBurnedTonnesDm > 0)
    out.push({
      practice: "Ủ rơm rạ làm phân thay cho đốt",
      footprint: computeFootprint({ ...input, strawBurnedTonnesDm: 0 }, set.values, set.version),
    });
  return out;
}

export async function seasonDetail(db: Db, actor: Actor, id: string): Promise<Season> {
  const season = await seasonRow(db, actor.wardId, id);
  const { plot, farm } = await plotAndFarm(db, actor.wardId, season.plotId);
  if (!mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId)))
    throw forbidden("Chỉ cán bộ khuyến nông (Phòng Kinh tế) hoặc chính cơ sở sản xuất xem nhật ký.");
  const entries = await liveEntries(db, actor.wardId, id);
  const { missing } = seasonFootprintInput(entries, plot.areaHa, WARD_CHOICE);
  // Alternatives use the set the stored result used, so the comparison is like for like.
  const set = season.footprint ? await factorSet(db, season.footprint.factorSet) : null;
  return {
    id: season.id,
    plotId: plot.id,
    plotName: plot.name,
    farmId: farm.id,
    farmName: farm.name,
    areaHa: plot.areaHa,
    name: season.name,
    crop: season.crop,
    variety: season.variety,
    startedOn: season.startedOn,
    closedOn: season.closedOn,
    entries: entries.map((e) => ({
      id: e.id,
      clientId: e.clientId,
      occurredOn: e.occurredOn,
      details: e.details as Record<string, unknown>,
      note: e.note,
      byProxy: e.byProxy,
      enteredBy: e.enteredBy,
    })),
    missing,
    footprint: season.footprint ?? null,
    perHectare: season.footprint ? Math.round((season.footprint.totalKgCo2e / plot.areaHa) * 1000) / 1000 : null,
    alternatives: season.footprintInput && set ? alternatives(season.footprintInput, set) : [],
    version: season.version,
  };
}

export async function listSeasons(db: Db, actor: Actor, plotId: string): Promise<Season[]> {
  const rows = await db
    .select({ id: seasons.id })
    .from(seasons)
    .where(and(eq(seasons.wardId, actor.wardId), eq(seasons.plotId, plotId)))
    .orderBy(asc(seasons.startedOn));
  const out: Season[] = [];
  for (const row of rows) out.push(await seasonDetail(db, actor, row.id));
  return out;
}
