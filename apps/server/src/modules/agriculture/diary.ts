import { and, asc, count, eq, inArray, isNotNull, isNull, max } from "drizzle-orm";
import {
  computeFootprint,
  MAX_DIARY_PHOTOS,
  PRODUCER_ROLE,
  footprintAlternatives,
  seasonFootprintInput,
  type CloseSeason,
  type CreateSeason,
  type DiaryEntryInput,
  type DiaryOverview,
  type DiarySeasonSummary,
  type UpdateDiaryEntry,
  type FootprintAlternative,
  type FootprintChoice,
  type FootprintInput,
  type FootprintResult,
  type FileRef,
  type Season,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { currentFactorSet, factorSet, type LoadedFactorSet } from "../factors/service.js";
import { recountIndicatorPeriod, strawBurningIndicatorId } from "../feedback/indicator-counts.js";
import { agricultureUnitId, checkDiaryReader, diaryAccess, mayKeepRegistry, ownFarmId } from "./registry.js";
import {
  attachmentOwner,
  attachmentsOf,
  attachUploads,
  detachFile,
  readFile,
  type CheckedUpload,
} from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { diaryEntries, farms, plots, seasons } from "./tables.js";

/**
 * Nhật ký sản xuất: seasons of a plot and what was done in them. An extension officer writes for
 * a farm only under the farm's consent (proxy_consent_at). Every batch recomputes the season's
 * footprint from its diary, with the current factor set, and stores it with that set's version.
 */

type SeasonRow = typeof seasons.$inferSelect;
type EntryRow = typeof diaryEntries.$inferSelect;

/** Whether an entry says the straw was set alight (it counts toward "straw burning ended"). */
const burnt = (details: unknown): boolean => {
  const d = details as { kind?: unknown; handling?: unknown } | null;
  return d?.kind === "residue" && d.handling === "burnt";
};

/**
 * A burning written, corrected or deleted moves the straw-burning count of the plot's residential
 * group for the periods of those days, in the same transaction as the diary change.
 */
async function recountBurnings(tx: Db, actor: Actor, groupId: string, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const indicatorId = await strawBurningIndicatorId(tx, actor.wardId);
  if (!indicatorId) return;
  for (const day of new Set(days)) await recountIndicatorPeriod(tx, actor, indicatorId, groupId, day);
}

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

/** May write this farm's diary: the farm's own account, or a registry keeper with the farm's consent. */
async function checkWriter(db: Db, actor: Actor, farm: typeof farms.$inferSelect): Promise<{ byProxy: boolean }> {
  const access = await diaryAccess(db, actor, farm.id);
  if (access === "owner") return { byProxy: false };
  if (!access) throw forbidden("Chỉ cán bộ khuyến nông (Phòng Kinh tế) hoặc chính cơ sở sản xuất được ghi nhật ký.");
  if (!farm.proxyConsentAt)
    throw forbidden(`${farm.name} chưa đồng ý để cán bộ ghi nhật ký thay. Hãy ghi nhận sự đồng ý trước.`);
  return { byProxy: true };
}

const dayMonthYear = (day: string) => day.split("-").reverse().join("/");

/** A closed season's diary is final (SEASON_CLOSED, a stable code the phone shows as such). */
const seasonClosed = (season: SeasonRow) =>
  new AppError(
    "SEASON_CLOSED",
    `${season.name} đã kết thúc ngày ${dayMonthYear(season.closedOn ?? "")}: không ghi, sửa hay xóa nhật ký nữa.`,
    409,
  );

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
  if (season.closedOn) throw seasonClosed(season);
  // Read before the transaction: the embedded database serves one query at a time.
  const set = await currentFactorSet(db);
  let saved = 0;
  let alreadySaved = 0;
  const burntDays: string[] = [];
  await db.transaction(async (tx) => {
    // The row as locked: its version and state, not the ones read before the transaction.
    const locked = await seasonRow(tx, actor.wardId, seasonId, true);
    if (locked.closedOn) throw seasonClosed(locked);
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
      if (burnt(entry.details)) burntDays.push(entry.occurredOn);
      await recordAudit(tx, actor, {
        action: "agriculture.diary.add",
        entityType: "diary_entry",
        entityId: row.id,
        before: null,
        after: { seasonId, occurredOn: entry.occurredOn, ...entry.details, byProxy },
      });
    }
    if (saved > 0) await storeFootprint(tx, locked, plot.areaHa, set);
    await recountBurnings(tx, actor, plot.residentialGroupId, burntDays);
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

/** The alternatives as the diary words them (the water regime the season had, named). */
function practiceText(practice: FootprintAlternative, input: FootprintInput): string {
  const instead = input.waterRegime === "continuously_flooded" ? "ngập liên tục" : "rút nước một lần";
  if (practice === "awd") return `Tưới ướt khô xen kẽ (AWD) thay cho ${instead}`;
  if (practice === "no_burning") return "Ủ rơm rạ làm phân thay cho đốt";
  return `Tưới ướt khô xen kẽ (AWD) và ủ rơm rạ thay cho ${instead} và đốt rơm`;
}

/** What the same season would emit under another practice (shared with the public calculator). */
function alternatives(input: FootprintInput, set: LoadedFactorSet): { practice: string; footprint: FootprintResult }[] {
  return footprintAlternatives(input).map((a) => ({
    practice: practiceText(a.practice, input),
    footprint: computeFootprint(a.input, set.values, set.version),
  }));
}

export async function seasonDetail(db: Db, actor: Actor, id: string): Promise<Season> {
  const season = await seasonRow(db, actor.wardId, id);
  const { plot, farm } = await plotAndFarm(db, actor.wardId, season.plotId);
  await checkDiaryReader(db, actor, farm.id);
  const entries = await liveEntries(db, actor.wardId, id);
  const photos = await attachmentsOf(
    db,
    actor.wardId,
    "diary_entry",
    entries.map((e) => e.id),
  );
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
      latitude: e.latitude,
      longitude: e.longitude,
      byProxy: e.byProxy,
      enteredBy: e.enteredBy,
      photos: photos.get(e.id) ?? [],
      version: e.version,
    })),
    missing,
    footprint: season.footprint ?? null,
    perHectare: season.footprint ? Math.round((season.footprint.totalKgCo2e / plot.areaHa) * 1000) / 1000 : null,
    alternatives: season.footprintInput && set ? alternatives(season.footprintInput, set) : [],
    version: season.version,
  };
}

export async function listSeasons(db: Db, actor: Actor, plotId: string): Promise<Season[]> {
  const { farm } = await plotAndFarm(db, actor.wardId, plotId);
  await checkDiaryReader(db, actor, farm.id);
  const rows = await db
    .select({ id: seasons.id })
    .from(seasons)
    .where(and(eq(seasons.wardId, actor.wardId), eq(seasons.plotId, plotId)))
    .orderBy(asc(seasons.startedOn));
  const out: Season[] = [];
  for (const row of rows) out.push(await seasonDetail(db, actor, row.id));
  return out;
}

// Corrections, deletions and the season's end ----------------------------------------------------

type EntryTarget = { entry: EntryRow; season: SeasonRow; areaHa: number; groupId: string; byProxy: boolean };

/** The entry (live), its season and plot, once the actor may write for its farm. */
async function entryTarget(db: Db, actor: Actor, entryId: string): Promise<EntryTarget> {
  const [entry] = await db
    .select()
    .from(diaryEntries)
    .where(and(eq(diaryEntries.wardId, actor.wardId), eq(diaryEntries.id, entryId), isNull(diaryEntries.deletedAt)));
  if (!entry) throw notFound("Không tìm thấy ghi chép nhật ký");
  const season = await seasonRow(db, actor.wardId, entry.seasonId);
  const { farm, plot } = await plotAndFarm(db, actor.wardId, season.plotId);
  const { byProxy } = await checkWriter(db, actor, farm);
  if (season.closedOn) throw seasonClosed(season);
  return { entry, season, areaHa: plot.areaHa, groupId: plot.residentialGroupId, byProxy };
}

/**
 * Inside the transaction: the season locked (so two edits of one season recompute in turn), still
 * open, and the entry still at the version the editor saw.
 */
async function lockForChange(tx: Db, actor: Actor, target: EntryTarget, version: number) {
  const season = await seasonRow(tx, actor.wardId, target.season.id, true);
  if (season.closedOn) throw seasonClosed(season);
  const [entry] = await tx
    .select()
    .from(diaryEntries)
    .where(and(eq(diaryEntries.wardId, actor.wardId), eq(diaryEntries.id, target.entry.id)))
    .for("update");
  if (!entry || entry.deletedAt) throw notFound("Ghi chép này đã bị xóa");
  if (entry.version !== version) throw conflict("Ghi chép đã được người khác sửa. Hãy tải lại rồi thử lại.");
  return { season, entry };
}

/** Corrects an entry (its date, particulars, note, place) and recomputes the season's footprint. */
export async function updateDiaryEntry(
  db: Db,
  actor: Actor,
  entryId: string,
  input: UpdateDiaryEntry,
): Promise<Season> {
  const target = await entryTarget(db, actor, entryId);
  if (input.occurredOn < target.season.startedOn)
    throw invalid("Ngày ghi chép trước ngày bắt đầu vụ", [
      { path: "occurredOn", message: `Vụ bắt đầu ngày ${dayMonthYear(target.season.startedOn)}` },
    ]);
  const set = await currentFactorSet(db);
  await db.transaction(async (tx) => {
    const { season, entry } = await lockForChange(tx, actor, target, input.version);
    const after = {
      kind: input.details.kind,
      occurredOn: input.occurredOn,
      details: input.details,
      note: input.note === undefined ? entry.note : input.note,
      latitude: input.latitude === undefined ? entry.latitude : input.latitude,
      longitude: input.longitude === undefined ? entry.longitude : input.longitude,
    };
    await tx
      .update(diaryEntries)
      .set({ ...after, version: entry.version + 1, updatedAt: new Date() })
      .where(and(eq(diaryEntries.wardId, actor.wardId), eq(diaryEntries.id, entry.id)));
    const changed = changedFields(
      {
        occurredOn: entry.occurredOn,
        details: entry.details,
        note: entry.note,
        latitude: entry.latitude,
        longitude: entry.longitude,
      },
      after,
    );
    await recordAudit(tx, actor, {
      action: "agriculture.diary.update",
      entityType: "diary_entry",
      entityId: entry.id,
      before: changed.before,
      after: { ...changed.after, seasonId: season.id, byProxy: target.byProxy },
    });
    await storeFootprint(tx, season, target.areaHa, set);
    const days = [
      ...(burnt(entry.details) ? [entry.occurredOn] : []),
      ...(burnt(input.details) ? [input.occurredOn] : []),
    ];
    await recountBurnings(tx, actor, target.groupId, days);
  });
  return seasonDetail(db, actor, target.season.id);
}

/**
 * Deletes an entry (kept, marked deleted: its client id stays taken, so a late resend of it from
 * another phone is not saved again) and recomputes the season's footprint.
 */
export async function deleteDiaryEntry(db: Db, actor: Actor, entryId: string, version: number): Promise<Season> {
  const target = await entryTarget(db, actor, entryId);
  const set = await currentFactorSet(db);
  await db.transaction(async (tx) => {
    const { season, entry } = await lockForChange(tx, actor, target, version);
    await tx
      .update(diaryEntries)
      .set({ deletedAt: new Date(), version: entry.version + 1, updatedAt: new Date() })
      .where(and(eq(diaryEntries.wardId, actor.wardId), eq(diaryEntries.id, entry.id)));
    await recordAudit(tx, actor, {
      action: "agriculture.diary.delete",
      entityType: "diary_entry",
      entityId: entry.id,
      before: { seasonId: season.id, occurredOn: entry.occurredOn, ...entry.details },
      after: null,
    });
    await storeFootprint(tx, season, target.areaHa, set);
    if (burnt(entry.details)) await recountBurnings(tx, actor, target.groupId, [entry.occurredOn]);
  });
  return seasonDetail(db, actor, target.season.id);
}

// Photos of an entry -----------------------------------------------------------------------------

/**
 * Adds photos to an entry (checked and re-encoded before the call), with the version the writer
 * saw: at most MAX_DIARY_PHOTOS on one entry, only while its season is open.
 */
export async function addDiaryPhotos(
  db: Db,
  store: FileStore,
  actor: Actor,
  entryId: string,
  version: number,
  photos: CheckedUpload[],
): Promise<Season> {
  const target = await entryTarget(db, actor, entryId);
  await db.transaction(async (tx) => {
    const { entry } = await lockForChange(tx, actor, target, version);
    const had = (await attachmentsOf(tx, actor.wardId, "diary_entry", [entry.id])).get(entry.id)?.length ?? 0;
    if (had + photos.length > MAX_DIARY_PHOTOS)
      throw invalid(`Mỗi ghi chép có tối đa ${MAX_DIARY_PHOTOS} ảnh (đã có ${had}).`, [
        { path: "photos", message: `Tối đa ${MAX_DIARY_PHOTOS} ảnh` },
      ]);
    const refs = await attachUploads(tx, store, actor, { type: "diary_entry", id: entry.id }, photos);
    await bumpEntry(tx, actor, entry);
    await recordAudit(tx, actor, {
      action: "agriculture.diary.photo.add",
      entityType: "diary_entry",
      entityId: entry.id,
      before: { photos: had },
      after: { photos: had + refs.length, files: refs.map((r) => r.id) },
    });
  });
  return seasonDetail(db, actor, target.season.id);
}

/** Takes a photo off an entry (the file stays, as every file the ward kept, for the audit). */
export async function removeDiaryPhoto(
  db: Db,
  actor: Actor,
  entryId: string,
  fileId: string,
  version: number,
): Promise<Season> {
  const target = await entryTarget(db, actor, entryId);
  await db.transaction(async (tx) => {
    const { entry } = await lockForChange(tx, actor, target, version);
    if (!(await detachFile(tx, actor.wardId, { type: "diary_entry", id: entry.id }, fileId)))
      throw notFound("Ảnh không thuộc ghi chép này");
    await bumpEntry(tx, actor, entry);
    await recordAudit(tx, actor, {
      action: "agriculture.diary.photo.remove",
      entityType: "diary_entry",
      entityId: entry.id,
      before: { file: fileId },
      after: null,
    });
  });
  return seasonDetail(db, actor, target.season.id);
}

async function bumpEntry(tx: Db, actor: Actor, entry: EntryRow): Promise<void> {
  await tx
    .update(diaryEntries)
    .set({ version: entry.version + 1, updatedAt: new Date() })
    .where(and(eq(diaryEntries.wardId, actor.wardId), eq(diaryEntries.id, entry.id)));
}

/** A diary photo, for those who may read the farm's diary (its keepers, the farm itself). */
export async function readDiaryPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  fileId: string,
): Promise<{ ref: FileRef; bytes: Buffer }> {
  const owner = await attachmentOwner(db, actor.wardId, ["diary_entry"], fileId);
  const [row] = owner
    ? await db
        .select({ farmId: plots.farmId })
        .from(diaryEntries)
        .innerJoin(seasons, and(eq(seasons.wardId, diaryEntries.wardId), eq(seasons.id, diaryEntries.seasonId)))
        .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
        .where(
          and(
            eq(diaryEntries.wardId, actor.wardId),
            eq(diaryEntries.id, owner.ownerId),
            isNull(diaryEntries.deletedAt),
          ),
        )
    : [];
  if (!row) throw notFound("Không tìm thấy ảnh");
  await checkDiaryReader(db, actor, row.farmId);
  return readFile(db, store, actor.wardId, fileId);
}

/**
 * Ends the season after its harvest: from then on its diary is final (SEASON_CLOSED). The day is
 * no earlier than the last entry. The footprint stays as the diary made it (closing changes no
 * entry, so nothing is recomputed).
 */
export async function closeSeason(db: Db, actor: Actor, seasonId: string, input: CloseSeason): Promise<Season> {
  const season = await seasonRow(db, actor.wardId, seasonId);
  const { farm } = await plotAndFarm(db, actor.wardId, season.plotId);
  await checkWriter(db, actor, farm);
  if (season.closedOn) throw seasonClosed(season);
  await db.transaction(async (tx) => {
    const locked = await seasonRow(tx, actor.wardId, seasonId, true);
    if (locked.closedOn) throw seasonClosed(locked);
    if (locked.version !== input.version) throw conflict();
    const entries = await liveEntries(tx, actor.wardId, seasonId);
    if (!entries.some((e) => e.kind === "harvest"))
      throw invalid("Chưa ghi thu hoạch: vụ chỉ kết thúc sau khi thu hoạch", [
        { path: "closedOn", message: "Hãy ghi thu hoạch trước khi kết thúc vụ" },
      ]);
    const last =
      entries
        .map((e) => e.occurredOn)
        .sort()
        .at(-1) ?? locked.startedOn;
    if (input.closedOn < last)
      throw invalid("Ngày kết thúc trước ghi chép cuối", [
        { path: "closedOn", message: `Ghi chép cuối ngày ${dayMonthYear(last)}` },
      ]);
    await tx
      .update(seasons)
      .set({ closedOn: input.closedOn, version: locked.version + 1, updatedAt: new Date() })
      .where(and(eq(seasons.wardId, actor.wardId), eq(seasons.id, seasonId)));
    await recordAudit(tx, actor, {
      action: "agriculture.season.close",
      entityType: "season",
      entityId: seasonId,
      before: { closedOn: null },
      after: { closedOn: input.closedOn },
    });
  });
  return seasonDetail(db, actor, seasonId);
}

/**
 * What the actor may keep a diary for, in one read: the active farms that agreed to a proxy
 * diary (for a registry keeper), their active plots, and each plot's seasons with their entry
 * counts — open seasons first, then the latest started.
 */
export async function diaryOverview(db: Db, actor: Actor): Promise<DiaryOverview> {
  const own = await ownFarmId(db, actor);
  // A producer keeps its own farm's diary; a keeper, those of the farms that agreed to it.
  const which = own
    ? eq(farms.id, own)
    : actor.role !== PRODUCER_ROLE && mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId))
      ? isNotNull(farms.proxyConsentAt)
      : null;
  if (!which) return { farms: [] };
  const farmRows = await db
    .select()
    .from(farms)
    .where(and(eq(farms.wardId, actor.wardId), eq(farms.active, true), which))
    .orderBy(asc(farms.name));
  if (farmRows.length === 0) return { farms: [] };
  const plotRows = await db
    .select()
    .from(plots)
    .where(
      and(
        eq(plots.wardId, actor.wardId),
        eq(plots.active, true),
        inArray(
          plots.farmId,
          farmRows.map((f) => f.id),
        ),
      ),
    )
    .orderBy(asc(plots.name));
  const seasonRows = plotRows.length
    ? await db
        .select()
        .from(seasons)
        .where(
          and(
            eq(seasons.wardId, actor.wardId),
            inArray(
              seasons.plotId,
              plotRows.map((p) => p.id),
            ),
          ),
        )
    : [];
  const counts = seasonRows.length
    ? await db
        .select({ seasonId: diaryEntries.seasonId, n: count(), last: max(diaryEntries.occurredOn) })
        .from(diaryEntries)
        .where(
          and(
            eq(diaryEntries.wardId, actor.wardId),
            isNull(diaryEntries.deletedAt),
            inArray(
              diaryEntries.seasonId,
              seasonRows.map((s) => s.id),
            ),
          ),
        )
        .groupBy(diaryEntries.seasonId)
    : [];
  const bySeason = new Map(counts.map((c) => [c.seasonId, c]));
  const summary = (s: SeasonRow): DiarySeasonSummary => ({
    id: s.id,
    name: s.name,
    crop: s.crop,
    variety: s.variety,
    startedOn: s.startedOn,
    closedOn: s.closedOn,
    entryCount: Number(bySeason.get(s.id)?.n ?? 0),
    lastEntryOn: bySeason.get(s.id)?.last ?? null,
    version: s.version,
  });
  const openFirst = (a: SeasonRow, b: SeasonRow) =>
    Number(a.closedOn !== null) - Number(b.closedOn !== null) || b.startedOn.localeCompare(a.startedOn);
  return {
    farms: farmRows.map((farm) => ({
      id: farm.id,
      name: farm.name,
      kind: farm.kind,
      plots: plotRows
        .filter((p) => p.farmId === farm.id)
        .map((p) => ({
          id: p.id,
          name: p.name,
          areaHa: p.areaHa,
          crop: p.crop,
          seasons: seasonRows
            .filter((s) => s.plotId === p.id)
            .sort(openFirst)
            .map(summary),
        })),
    })),
  };
}
