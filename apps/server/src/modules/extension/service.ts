import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import {
  EXTENSION_TOPICS,
  type AddAttendees,
  type Attendee,
  type DemonstrationModel,
  type ExtensionKind,
  type ExtensionListQuery,
  type ExtensionSummary,
  type ExtensionTopic,
  type FarmExtension,
  type ModelStatus,
  type ModelSummary,
  type SaveModel,
  type SaveTraining,
  type Training,
  type TrainingSummary,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { conflict, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { listUnits } from "../identity/service.js";
import { diaryEntries, farms, plots, seasons } from "../agriculture/tables.js";
import { attachmentsOf, attachUploads, checkUpload, type Upload } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { checkReader, checkWriter, mayWrite } from "./policy.js";
import { extensionAttendees, extensionModels, extensionTrainings } from "./tables.js";

/**
 * Khuyến nông: the classes (lớp tập huấn) and demonstration models (mô hình trình diễn) Phòng
 * Kinh tế runs on the practices of III.5, and who took part, linked to the farm registry. Every
 * change is audited on the class or the model and bumps its version; attendance too.
 */

type TrainingRow = typeof extensionTrainings.$inferSelect;
type ModelRow = typeof extensionModels.$inferSelect;
type Group = { id: string; code: string; name: string };

export const SHEET_OWNER = "extension_training" as const;

async function groupsOf(db: Db, wardId: string): Promise<Map<string, Group>> {
  const units = await listUnits(db, wardId);
  return new Map(
    units
      .filter((u) => u.kind === "residential_group")
      .map((u) => [u.id, { id: u.id, code: u.code, name: u.name }] as const),
  );
}

function groupByCode(groups: Map<string, Group>, code: string, path: string): Group {
  const group = [...groups.values()].find((g) => g.code === code);
  if (!group)
    throw invalid("Tổ dân phố không thuộc phường này", [{ path, message: "Chọn tổ dân phố trong danh sách" }]);
  return group;
}

/** `%words%` for ILIKE, with the user's own % and _ taken literally. */
const likePattern = (q: string) => `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const yearRange = (column: typeof extensionTrainings.heldOn, year: number) =>
  sql`${column} between ${`${year}-01-01`} and ${`${year}-12-31`}`;

// Attendance -------------------------------------------------------------------------------------

type AttendeeCounts = Map<string, { people: number; farms: number }>;

async function attendeeCounts(db: Db, wardId: string, kind: ExtensionKind, ids: string[]): Promise<AttendeeCounts> {
  if (ids.length === 0) return new Map();
  const column = kind === "training" ? extensionAttendees.trainingId : extensionAttendees.modelId;
  const rows = await db
    .select({
      id: column,
      people: sql<number>`count(*)`,
      farms: sql<number>`count(distinct ${extensionAttendees.farmId})`,
    })
    .from(extensionAttendees)
    .where(and(eq(extensionAttendees.wardId, wardId), inArray(column, ids)))
    .groupBy(column);
  return new Map(rows.map((r) => [r.id ?? "", { people: Number(r.people), farms: Number(r.farms) }]));
}

async function attendeesOf(
  db: Db,
  wardId: string,
  kind: ExtensionKind,
  id: string,
  groups: Map<string, Group>,
): Promise<Attendee[]> {
  const column = kind === "training" ? extensionAttendees.trainingId : extensionAttendees.modelId;
  const rows = await db
    .select({
      id: extensionAttendees.id,
      personName: extensionAttendees.personName,
      farmId: farms.id,
      farmName: farms.name,
      representative: farms.representative,
      groupId: farms.residentialGroupId,
    })
    .from(extensionAttendees)
    .leftJoin(farms, and(eq(farms.wardId, extensionAttendees.wardId), eq(farms.id, extensionAttendees.farmId)))
    .where(and(eq(extensionAttendees.wardId, wardId), eq(column, id)))
    .orderBy(asc(farms.name), asc(extensionAttendees.personName), asc(extensionAttendees.createdAt));
  return rows.map((r) => ({
    id: r.id,
    farm:
      r.farmId !== null && r.farmName !== null
        ? { id: r.farmId, name: r.farmName, representative: r.representative }
        : null,
    personName: r.personName,
    residentialGroup: r.groupId ? (groups.get(r.groupId) ?? null) : null,
  }));
}

/** The class or model, locked, with the version the officer saw checked. */
async function lockActivity(tx: Db, wardId: string, kind: ExtensionKind, id: string, version: number) {
  const table = kind === "training" ? extensionTrainings : extensionModels;
  const [row] = await tx
    .select({ id: table.id, version: table.version })
    .from(table)
    .where(and(eq(table.wardId, wardId), eq(table.id, id)))
    .for("update");
  if (!row) throw notFound(kind === "training" ? "Không tìm thấy lớp tập huấn" : "Không tìm thấy mô hình trình diễn");
  if (row.version !== version) throw conflict();
  await tx
    .update(table)
    .set({ version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(table.wardId, wardId), eq(table.id, id)));
}

const entityOf = (kind: ExtensionKind) => (kind === "training" ? "extension_training" : "extension_model");

/**
 * Adds people to a class or a model: each registry farm must be of the ward; one already recorded
 * (the same farm and name) is not added twice. Returns how many were added.
 */
export async function addAttendees(
  db: Db,
  actor: Actor,
  kind: ExtensionKind,
  id: string,
  input: AddAttendees,
): Promise<number> {
  await checkWriter(db, actor);
  return db.transaction(async (tx) => {
    await lockActivity(tx, actor.wardId, kind, id, input.version);
    const farmIds = [...new Set(input.attendees.flatMap((a) => (a.farmId ? [a.farmId] : [])))];
    const known = farmIds.length
      ? await tx
          .select({ id: farms.id, name: farms.name })
          .from(farms)
          .where(and(eq(farms.wardId, actor.wardId), inArray(farms.id, farmIds)))
      : [];
    const names = new Map(known.map((f) => [f.id, f.name]));
    const missing = farmIds.filter((f) => !names.has(f));
    if (missing.length)
      throw invalid("Có cơ sở không thuộc sổ nông hộ của phường", [
        { path: "attendees", message: `Không tìm thấy ${missing.length} cơ sở trong sổ` },
      ]);
    const seen = new Set<string>();
    const values = input.attendees
      .filter((a) => {
        const key = `${a.farmId ?? ""}|${a.personName ?? ""}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((a) => ({
        wardId: actor.wardId,
        trainingId: kind === "training" ? id : null,
        modelId: kind === "model" ? id : null,
        farmId: a.farmId,
        personName: a.personName,
      }));
    const added = await tx
      .insert(extensionAttendees)
      .values(values)
      .onConflictDoNothing()
      .returning({ farmId: extensionAttendees.farmId, personName: extensionAttendees.personName });
    // Names of the farms and people, as the sheet lists them (no contact is kept here).
    await recordAudit(tx, actor, {
      action: `extension.${kind}.attendees.add`,
      entityType: entityOf(kind),
      entityId: id,
      before: null,
      after: {
        attendees: added.map((a) => [a.farmId ? names.get(a.farmId) : null, a.personName].filter(Boolean).join(" — ")),
      },
    });
    return added.length;
  });
}

export async function removeAttendee(
  db: Db,
  actor: Actor,
  kind: ExtensionKind,
  id: string,
  attendeeId: string,
  version: number,
): Promise<void> {
  await checkWriter(db, actor);
  await db.transaction(async (tx) => {
    await lockActivity(tx, actor.wardId, kind, id, version);
    const column = kind === "training" ? extensionAttendees.trainingId : extensionAttendees.modelId;
    const [removed] = await tx
      .delete(extensionAttendees)
      .where(and(eq(extensionAttendees.wardId, actor.wardId), eq(extensionAttendees.id, attendeeId), eq(column, id)))
      .returning();
    if (!removed) throw notFound("Không tìm thấy người tham gia");
    await recordAudit(tx, actor, {
      action: `extension.${kind}.attendees.remove`,
      entityType: entityOf(kind),
      entityId: id,
      before: { farmId: removed.farmId, personName: removed.personName },
      after: null,
    });
  });
}

// Trainings --------------------------------------------------------------------------------------

export async function listTrainings(db: Db, actor: Actor, query: ExtensionListQuery): Promise<TrainingSummary[]> {
  await checkReader(actor);
  const groups = await groupsOf(db, actor.wardId);
  const group = query.group ? [...groups.values()].find((g) => g.code === query.group) : undefined;
  if (query.group && !group) return [];
  const q = query.q?.trim();
  const rows = await db
    .select()
    .from(extensionTrainings)
    .where(
      and(
        eq(extensionTrainings.wardId, actor.wardId),
        query.topic ? eq(extensionTrainings.topic, query.topic) : undefined,
        query.year ? yearRange(extensionTrainings.heldOn, query.year) : undefined,
        group ? eq(extensionTrainings.residentialGroupId, group.id) : undefined,
        q
          ? or(
              ilike(extensionTrainings.title, likePattern(q)),
              ilike(extensionTrainings.place, likePattern(q)),
              ilike(extensionTrainings.organiser, likePattern(q)),
              ilike(extensionTrainings.trainer, likePattern(q)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(extensionTrainings.heldOn), asc(extensionTrainings.title));
  const ids = rows.map((r) => r.id);
  const [counts, sheets] = await Promise.all([
    attendeeCounts(db, actor.wardId, "training", ids),
    attachmentsOf(db, actor.wardId, SHEET_OWNER, ids),
  ]);
  return rows.map((r) => ({
    ...trainingFields(r, groups, counts),
    hasSheet: (sheets.get(r.id)?.length ?? 0) > 0,
  }));
}

function trainingFields(r: TrainingRow, groups: Map<string, Group>, counts: AttendeeCounts) {
  const count = counts.get(r.id) ?? { people: 0, farms: 0 };
  return {
    id: r.id,
    title: r.title,
    topic: r.topic as ExtensionTopic,
    heldOn: r.heldOn,
    place: r.place,
    organiser: r.organiser,
    trainer: r.trainer,
    residentialGroup: r.residentialGroupId ? (groups.get(r.residentialGroupId) ?? null) : null,
    attendeeCount: count.people,
    farmCount: count.farms,
    version: r.version,
  };
}

async function trainingRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<TrainingRow> {
  const query = db
    .select()
    .from(extensionTrainings)
    .where(and(eq(extensionTrainings.wardId, wardId), eq(extensionTrainings.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy lớp tập huấn");
  return row;
}

export async function getTraining(db: Db, actor: Actor, id: string): Promise<Training> {
  await checkReader(actor);
  const row = await trainingRow(db, actor.wardId, id);
  const groups = await groupsOf(db, actor.wardId);
  const [counts, attendees, sheets, writer] = await Promise.all([
    attendeeCounts(db, actor.wardId, "training", [id]),
    attendeesOf(db, actor.wardId, "training", id, groups),
    attachmentsOf(db, actor.wardId, SHEET_OWNER, [id]),
    mayWrite(db, actor),
  ]);
  return {
    ...trainingFields(row, groups, counts),
    notes: row.notes,
    attendees,
    sheets: (sheets.get(id) ?? []).map(({ id: fileId, filename, mimeType, size }) => ({
      id: fileId,
      filename,
      mimeType,
      size,
    })),
    mayEdit: writer,
  };
}

export async function saveTraining(db: Db, actor: Actor, id: string | null, input: SaveTraining): Promise<Training> {
  await checkWriter(db, actor);
  const groups = await groupsOf(db, actor.wardId);
  const group = input.residentialGroup ? groupByCode(groups, input.residentialGroup, "residentialGroup") : null;
  const values = {
    title: input.title,
    topic: input.topic,
    heldOn: input.heldOn,
    place: input.place,
    organiser: input.organiser,
    trainer: input.trainer,
    residentialGroupId: group?.id ?? null,
    notes: input.notes,
  };
  const savedId = await db.transaction(async (tx) => {
    if (id === null) {
      const [row] = await tx
        .insert(extensionTrainings)
        .values({ wardId: actor.wardId, ...values })
        .returning({ id: extensionTrainings.id });
      if (!row) throw new Error("training insert returned nothing");
      await recordAudit(tx, actor, {
        action: "extension.training.create",
        entityType: "extension_training",
        entityId: row.id,
        before: null,
        after: values,
      });
      return row.id;
    }
    const before = await trainingRow(tx, actor.wardId, id, true);
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    await tx
      .update(extensionTrainings)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(extensionTrainings.wardId, actor.wardId), eq(extensionTrainings.id, id)));
    const change = changedFields(before as Record<string, unknown>, values);
    await recordAudit(tx, actor, {
      action: "extension.training.update",
      entityType: "extension_training",
      entityId: id,
      before: change.before,
      after: change.after,
    });
    return id;
  });
  return getTraining(db, actor, savedId);
}

/** Attaches the scanned, signed attendance sheet (danh sách ký nhận) to a class. */
export async function attachSheet(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
  upload: Upload,
  maxBytes: number,
): Promise<Training> {
  await checkWriter(db, actor);
  await trainingRow(db, actor.wardId, id);
  const checked = await checkUpload(upload, maxBytes);
  await db.transaction(async (tx) => {
    const before = await trainingRow(tx, actor.wardId, id, true);
    const [ref] = await attachUploads(tx, store, actor, { type: SHEET_OWNER, id }, [checked]);
    await tx
      .update(extensionTrainings)
      .set({ version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(extensionTrainings.wardId, actor.wardId), eq(extensionTrainings.id, id)));
    await recordAudit(tx, actor, {
      action: "extension.training.attach_sheet",
      entityType: "extension_training",
      entityId: id,
      before: null,
      after: { file: ref?.filename ?? null },
    });
  });
  return getTraining(db, actor, id);
}

// Models -----------------------------------------------------------------------------------------

type ModelJoined = { model: ModelRow; farmName: string; plotName: string; plotAreaHa: number; groupId: string };

async function modelRows(db: Db, wardId: string, where: SQL | undefined): Promise<ModelJoined[]> {
  return db
    .select({
      model: extensionModels,
      farmName: farms.name,
      plotName: plots.name,
      plotAreaHa: plots.areaHa,
      groupId: plots.residentialGroupId,
    })
    .from(extensionModels)
    .innerJoin(farms, and(eq(farms.wardId, extensionModels.wardId), eq(farms.id, extensionModels.farmId)))
    .innerJoin(plots, and(eq(plots.wardId, extensionModels.wardId), eq(plots.id, extensionModels.plotId)))
    .where(and(eq(extensionModels.wardId, wardId), where))
    .orderBy(desc(extensionModels.startedOn), asc(extensionModels.name));
}

function modelFields(r: ModelJoined, groups: Map<string, Group>, counts: AttendeeCounts): ModelSummary {
  return {
    id: r.model.id,
    name: r.model.name,
    topic: r.model.topic as ExtensionTopic,
    farm: { id: r.model.farmId, name: r.farmName },
    plot: { id: r.model.plotId, name: r.plotName, areaHa: r.plotAreaHa },
    residentialGroup: groups.get(r.groupId) ?? null,
    startedOn: r.model.startedOn,
    endedOn: r.model.endedOn,
    areaHa: r.model.areaHa,
    status: r.model.status as ModelStatus,
    attendeeCount: counts.get(r.model.id)?.people ?? 0,
    version: r.model.version,
  };
}

export async function listModels(db: Db, actor: Actor, query: ExtensionListQuery): Promise<ModelSummary[]> {
  await checkReader(actor);
  const groups = await groupsOf(db, actor.wardId);
  const group = query.group ? [...groups.values()].find((g) => g.code === query.group) : undefined;
  if (query.group && !group) return [];
  const q = query.q?.trim();
  const rows = await modelRows(
    db,
    actor.wardId,
    and(
      query.topic ? eq(extensionModels.topic, query.topic) : undefined,
      // A model counts in every year it ran.
      query.year
        ? and(
            sql`${extensionModels.startedOn} <= ${`${query.year}-12-31`}`,
            sql`coalesce(${extensionModels.endedOn}, ${extensionModels.startedOn}) >= ${`${query.year}-01-01`}`,
          )
        : undefined,
      group ? eq(plots.residentialGroupId, group.id) : undefined,
      q ? or(ilike(extensionModels.name, likePattern(q)), ilike(farms.name, likePattern(q))) : undefined,
    ),
  );
  const counts = await attendeeCounts(
    db,
    actor.wardId,
    "model",
    rows.map((r) => r.model.id),
  );
  return rows.map((r) => modelFields(r, groups, counts));
}

async function modelSeason(db: Db, wardId: string, seasonId: string): Promise<DemonstrationModel["season"]> {
  const [season] = await db
    .select()
    .from(seasons)
    .where(and(eq(seasons.wardId, wardId), eq(seasons.id, seasonId)));
  if (!season) return null;
  const harvests = await db
    .select({ details: diaryEntries.details })
    .from(diaryEntries)
    .where(
      and(
        eq(diaryEntries.wardId, wardId),
        eq(diaryEntries.seasonId, seasonId),
        sql`${diaryEntries.deletedAt} is null`,
        sql`${diaryEntries.kind} = 'harvest'`,
      ),
    );
  const yieldKg = harvests.reduce((s, h) => s + (h.details.kind === "harvest" ? (h.details.yieldKg ?? 0) : 0), 0);
  return {
    id: season.id,
    name: season.name,
    crop: season.crop,
    closedOn: season.closedOn,
    yieldKg: harvests.length ? yieldKg : null,
    totalKgCo2e: season.footprint?.totalKgCo2e ?? null,
    kgCo2ePerKgProduct: season.footprint?.kgCo2ePerKgProduct ?? null,
    factorSet: season.footprint?.factorSet ?? null,
  };
}

export async function getModel(db: Db, actor: Actor, id: string): Promise<DemonstrationModel> {
  await checkReader(actor);
  const [row] = await modelRows(db, actor.wardId, eq(extensionModels.id, id));
  if (!row) throw notFound("Không tìm thấy mô hình trình diễn");
  const groups = await groupsOf(db, actor.wardId);
  const [counts, attendees, season, writer] = await Promise.all([
    attendeeCounts(db, actor.wardId, "model", [id]),
    attendeesOf(db, actor.wardId, "model", id, groups),
    row.model.seasonId ? modelSeason(db, actor.wardId, row.model.seasonId) : Promise.resolve(null),
    mayWrite(db, actor),
  ]);
  return {
    ...modelFields(row, groups, counts),
    season,
    resultNotes: row.model.resultNotes,
    attendees,
    mayEdit: writer,
  };
}

export async function saveModel(
  db: Db,
  actor: Actor,
  id: string | null,
  input: SaveModel,
): Promise<DemonstrationModel> {
  await checkWriter(db, actor);
  const savedId = await db.transaction(async (tx) => {
    const [plot] = await tx
      .select({ id: plots.id, farmId: plots.farmId, areaHa: plots.areaHa })
      .from(plots)
      .where(and(eq(plots.wardId, actor.wardId), eq(plots.id, input.plotId)));
    if (!plot)
      throw invalid("Thửa ruộng không có trong sổ của phường", [
        { path: "plotId", message: "Chọn thửa ruộng trong sổ" },
      ]);
    if (input.seasonId) {
      const [season] = await tx
        .select({ plotId: seasons.plotId })
        .from(seasons)
        .where(and(eq(seasons.wardId, actor.wardId), eq(seasons.id, input.seasonId)));
      if (!season || season.plotId !== plot.id)
        throw invalid("Vụ không thuộc thửa ruộng đã chọn", [
          { path: "seasonId", message: "Chọn một vụ của thửa ruộng này" },
        ]);
    }
    if (input.areaHa > plot.areaHa)
      throw invalid("Diện tích mô hình lớn hơn diện tích thửa", [
        { path: "areaHa", message: `Không quá diện tích thửa (${plot.areaHa} ha)` },
      ]);
    const values = {
      name: input.name,
      topic: input.topic,
      farmId: plot.farmId,
      plotId: plot.id,
      seasonId: input.seasonId,
      startedOn: input.startedOn,
      endedOn: input.endedOn,
      areaHa: input.areaHa,
      status: input.status,
      resultNotes: input.resultNotes,
    };
    if (id === null) {
      const [row] = await tx
        .insert(extensionModels)
        .values({ wardId: actor.wardId, ...values })
        .returning({ id: extensionModels.id });
      if (!row) throw new Error("model insert returned nothing");
      await recordAudit(tx, actor, {
        action: "extension.model.create",
        entityType: "extension_model",
        entityId: row.id,
        before: null,
        after: values,
      });
      return row.id;
    }
    const [before] = await tx
      .select()
      .from(extensionModels)
      .where(and(eq(extensionModels.wardId, actor.wardId), eq(extensionModels.id, id)))
      .for("update");
    if (!before) throw notFound("Không tìm thấy mô hình trình diễn");
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    await tx
      .update(extensionModels)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(extensionModels.wardId, actor.wardId), eq(extensionModels.id, id)));
    const change = changedFields(before as Record<string, unknown>, values);
    await recordAudit(tx, actor, {
      action: "extension.model.update",
      entityType: "extension_model",
      entityId: id,
      before: change.before,
      after: change.after,
    });
    return id;
  });
  return getModel(db, actor, savedId);
}

// A farm's part, and the year's counts -----------------------------------------------------------

export async function farmExtension(db: Db, actor: Actor, farmId: string): Promise<FarmExtension> {
  await checkReader(actor);
  const [farm] = await db
    .select({ id: farms.id })
    .from(farms)
    .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, farmId)));
  if (!farm) throw notFound("Không tìm thấy cơ sở sản xuất");
  const trainingRows = await db
    .select({
      id: extensionTrainings.id,
      title: extensionTrainings.title,
      topic: extensionTrainings.topic,
      heldOn: extensionTrainings.heldOn,
      people: sql<number>`count(*)`,
    })
    .from(extensionAttendees)
    .innerJoin(
      extensionTrainings,
      and(
        eq(extensionTrainings.wardId, extensionAttendees.wardId),
        eq(extensionTrainings.id, extensionAttendees.trainingId),
      ),
    )
    .where(and(eq(extensionAttendees.wardId, actor.wardId), eq(extensionAttendees.farmId, farmId)))
    .groupBy(extensionTrainings.id)
    .orderBy(desc(extensionTrainings.heldOn));
  const joined = await db
    .select({ modelId: extensionAttendees.modelId })
    .from(extensionAttendees)
    .where(
      and(
        eq(extensionAttendees.wardId, actor.wardId),
        eq(extensionAttendees.farmId, farmId),
        sql`${extensionAttendees.modelId} is not null`,
      ),
    );
  const joinedIds = joined.flatMap((j) => (j.modelId ? [j.modelId] : []));
  const modelList = await db
    .select()
    .from(extensionModels)
    .where(
      and(
        eq(extensionModels.wardId, actor.wardId),
        joinedIds.length
          ? or(eq(extensionModels.farmId, farmId), inArray(extensionModels.id, joinedIds))
          : eq(extensionModels.farmId, farmId),
      ),
    )
    .orderBy(desc(extensionModels.startedOn));
  return {
    trainings: trainingRows.map((r) => ({ ...r, topic: r.topic as ExtensionTopic, people: Number(r.people) })),
    models: modelList.map((m) => ({
      id: m.id,
      name: m.name,
      topic: m.topic as ExtensionTopic,
      status: m.status as ModelStatus,
      startedOn: m.startedOn,
      host: m.farmId === farmId,
    })),
  };
}

/** The year's classes, attendances (lượt), farms trained and models that ran, by topic. */
export async function extensionSummary(db: Db, actor: Actor, year: number): Promise<ExtensionSummary> {
  await checkReader(actor);
  const from = `${year}-01-01`;
  const until = `${year}-12-31`;
  const trainingCounts = await db
    .select({
      topic: extensionTrainings.topic,
      trainings: sql<number>`count(distinct ${extensionTrainings.id})`,
      attendances: sql<number>`count(${extensionAttendees.id})`,
      farms: sql<number>`count(distinct ${extensionAttendees.farmId})`,
    })
    .from(extensionTrainings)
    .leftJoin(
      extensionAttendees,
      and(
        eq(extensionAttendees.wardId, extensionTrainings.wardId),
        eq(extensionAttendees.trainingId, extensionTrainings.id),
      ),
    )
    .where(and(eq(extensionTrainings.wardId, actor.wardId), yearRange(extensionTrainings.heldOn, year)))
    .groupBy(extensionTrainings.topic);
  const [farmTotal] = await db
    .select({ farms: sql<number>`count(distinct ${extensionAttendees.farmId})` })
    .from(extensionAttendees)
    .innerJoin(
      extensionTrainings,
      and(
        eq(extensionTrainings.wardId, extensionAttendees.wardId),
        eq(extensionTrainings.id, extensionAttendees.trainingId),
      ),
    )
    .where(and(eq(extensionAttendees.wardId, actor.wardId), yearRange(extensionTrainings.heldOn, year)));
  const modelCounts = await db
    .select({ topic: extensionModels.topic, models: sql<number>`count(*)` })
    .from(extensionModels)
    .where(
      and(
        eq(extensionModels.wardId, actor.wardId),
        sql`${extensionModels.startedOn} <= ${until}`,
        sql`coalesce(${extensionModels.endedOn}, ${extensionModels.startedOn}) >= ${from}`,
        sql`${extensionModels.status} <> 'planned'`,
      ),
    )
    .groupBy(extensionModels.topic);
  const byTopic = EXTENSION_TOPICS.map((topic) => {
    const t = trainingCounts.find((r) => r.topic === topic);
    const m = modelCounts.find((r) => r.topic === topic);
    return {
      topic,
      trainings: Number(t?.trainings ?? 0),
      attendances: Number(t?.attendances ?? 0),
      farms: Number(t?.farms ?? 0),
      models: Number(m?.models ?? 0),
    };
  });
  return {
    year,
    byTopic,
    total: {
      trainings: byTopic.reduce((s, r) => s + r.trainings, 0),
      attendances: byTopic.reduce((s, r) => s + r.attendances, 0),
      farms: Number(farmTotal?.farms ?? 0),
      models: byTopic.reduce((s, r) => s + r.models, 0),
    },
  };
}
