import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  PLAN_MANAGERS,
  PRODUCER_ROLE,
  type Certification,
  type Farm,
  type Plot,
  type SaveCertification,
  type SaveFarm,
  type SavePlot,
  type OpenFarmAccount,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { createUser, listUnits } from "../identity/service.js";
import { indicatorRows } from "../indicators/service.js";
import { GAP_INDICATOR, syncCertifiedShare } from "./certified-area.js";

import { farms, plotCertifications, plots } from "./tables.js";

/**
 * Sổ nông hộ, thửa ruộng và chứng nhận: the registry Phòng Kinh tế keeps. The unit the plan makes
 * answer for "≥ 20% GAP/organic" keeps it (with the Office, the leaders and the admin); a change to
 * a plot or a certificate recomputes that indicator for the groups it touches, in the same
 * transaction.
 */

type FarmRow = typeof farms.$inferSelect;
type PlotRow = typeof plots.$inferSelect;
type CertificationRow = typeof plotCertifications.$inferSelect;
type Group = { id: string; code: string; name: string };

export const PROXY_CONSENT_TEXT =
  "Tôi đồng ý để cán bộ khuyến nông của phường ghi nhật ký sản xuất thay tôi khi tôi yêu cầu; tôi xem được mọi ghi chép và rút lại đồng ý bất cứ lúc nào.";

/** The unit that keeps the registry: the owner of the GAP/organic indicator (Phòng Kinh tế). */
export async function agricultureUnitId(db: Db, wardId: string): Promise<string | null> {
  const indicator = (await indicatorRows(db, wardId)).find((i) => i.code === GAP_INDICATOR);
  return indicator?.ownerUnitId ?? null;
}

export function mayKeepRegistry(actor: Actor, unitId: string | null): boolean {
  return (
    PLAN_MANAGERS.includes(actor.role) ||
    (actor.role === "unit_officer" && actor.unitId !== null && actor.unitId === unitId)
  );
}

/**
 * Who may keep a farm's production diary: the registry's keepers (`keeper`: they write for the
 * farm only under its consent) or the farm's own account (`owner`), or nobody (null).
 */
export type DiaryAccess = "keeper" | "owner" | null;

/** The active farm a producer's account belongs to (farms.user_id), or null for any other account. */
export async function ownFarmId(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== PRODUCER_ROLE || !actor.userId) return null;
  const [row] = await db
    .select({ id: farms.id })
    .from(farms)
    .where(and(eq(farms.wardId, actor.wardId), eq(farms.userId, actor.userId), eq(farms.active, true)));
  return row?.id ?? null;
}

export async function diaryAccess(db: Db, actor: Actor, farmId: string): Promise<DiaryAccess> {
  if (actor.role === PRODUCER_ROLE) return (await ownFarmId(db, actor)) === farmId ? "owner" : null;
  return mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId)) ? "keeper" : null;
}

/** Reading a farm's diary (its seasons, their footprints, the export): its keepers and itself. */
export async function checkDiaryReader(db: Db, actor: Actor, farmId: string): Promise<DiaryAccess> {
  const access = await diaryAccess(db, actor, farmId);
  if (!access) throw forbidden("Chỉ cán bộ khuyến nông (Phòng Kinh tế) hoặc chính cơ sở sản xuất xem nhật ký.");
  return access;
}

async function checkKeeper(db: Db, actor: Actor): Promise<void> {
  if (!mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId)))
    throw forbidden("Chỉ Phòng Kinh tế, Văn phòng, lãnh đạo phường hoặc quản trị viên quản lý sổ nông hộ.");
}

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

/** Counts on a day: within its validity, and not withdrawn by then. */
export function certificationValidOn(c: CertificationRow, day: string): boolean {
  return c.validFrom <= day && c.validUntil >= day && (c.withdrawnOn === null || c.withdrawnOn > day);
}

function toCertification(c: CertificationRow, today: string): Certification {
  return {
    id: c.id,
    scheme: c.scheme as Certification["scheme"],
    certificateNumber: c.certificateNumber,
    issuer: c.issuer,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    withdrawnOn: c.withdrawnOn,
    withdrawnReason: c.withdrawnReason,
    valid: certificationValidOn(c, today),
    version: c.version,
  };
}

// Farms ------------------------------------------------------------------------------------------

export async function listFarms(db: Db, actor: Actor): Promise<Farm[]> {
  await checkKeeper(db, actor);
  const today = todayInVietnam();
  const [rows, plotRows, certs, groups] = await Promise.all([
    db.select().from(farms).where(eq(farms.wardId, actor.wardId)).orderBy(asc(farms.name)),
    db
      .select()
      .from(plots)
      .where(and(eq(plots.wardId, actor.wardId), eq(plots.active, true))),
    db.select().from(plotCertifications).where(eq(plotCertifications.wardId, actor.wardId)),
    groupsOf(db, actor.wardId),
  ]);
  const certified = new Set(certs.filter((c) => certificationValidOn(c, today)).map((c) => c.plotId));
  return rows.map((farm) => {
    const own = plotRows.filter((p) => p.farmId === farm.id);
    return toFarm(farm, groups, {
      plots: own.length,
      areaHa: sumArea(own),
      certifiedAreaHa: sumArea(own.filter((p) => certified.has(p.id))),
    });
  });
}

const sumArea = (rows: { areaHa: number }[]) => Math.round(rows.reduce((s, r) => s + r.areaHa, 0) * 10_000) / 10_000;

function toFarm(
  farm: FarmRow,
  groups: Map<string, Group>,
  totals: { plots: number; areaHa: number; certifiedAreaHa: number },
): Farm {
  return {
    id: farm.id,
    kind: farm.kind as Farm["kind"],
    name: farm.name,
    representative: farm.representative,
    phone: farm.phone,
    residentialGroup: farm.residentialGroupId ? (groups.get(farm.residentialGroupId) ?? null) : null,
    address: farm.address,
    proxyConsentAt: farm.proxyConsentAt?.toISOString() ?? null,
    hasAccount: farm.userId !== null,
    active: farm.active,
    version: farm.version,
    ...totals,
  };
}

async function farmRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<FarmRow> {
  const query = db
    .select()
    .from(farms)
    .where(and(eq(farms.wardId, wardId), eq(farms.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy cơ sở sản xuất");
  return row;
}

/** Creates (id null) or edits a farm, with the version the editor saw. */
export async function saveFarm(db: Db, actor: Actor, id: string | null, input: SaveFarm): Promise<Farm> {
  await checkKeeper(db, actor);
  const groups = await groupsOf(db, actor.wardId);
  const group = input.residentialGroup ? groupByCode(groups, input.residentialGroup, "residentialGroup") : null;
  const saved = await db.transaction(async (tx) => {
    const values = {
      kind: input.kind,
      name: input.name,
      representative: input.representative,
      phone: input.phone,
      residentialGroupId: group?.id ?? null,
      address: input.address,
      active: input.active,
    };
    if (id === null) {
      const [row] = await tx
        .insert(farms)
        .values({
          wardId: actor.wardId,
          ...values,
          proxyConsentAt: input.proxyConsent ? new Date() : null,
          proxyConsentText: input.proxyConsent ? PROXY_CONSENT_TEXT : null,
        })
        .returning();
      if (!row) throw new Error("farm insert returned nothing");
      // The contact is personal data: the audit keeps that it was given, not what it was.
      await recordAudit(tx, actor, {
        action: "agriculture.farm.create",
        entityType: "farm",
        entityId: row.id,
        before: null,
        after: { ...values, phone: values.phone ? "(có)" : null, proxyConsent: input.proxyConsent },
      });
      return row;
    }
    const before = await farmRow(tx, actor.wardId, id, true);
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    const consentChanged = input.proxyConsent !== (before.proxyConsentAt !== null);
    const [row] = await tx
      .update(farms)
      .set({
        ...values,
        ...(consentChanged
          ? {
              proxyConsentAt: input.proxyConsent ? new Date() : null,
              proxyConsentText: input.proxyConsent ? PROXY_CONSENT_TEXT : null,
            }
          : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, id)))
      .returning();
    if (!row) throw notFound("Không tìm thấy cơ sở sản xuất");
    const change = changedFields({ ...before, phone: before.phone ? "(có)" : null } as Record<string, unknown>, {
      ...values,
      phone: values.phone ? "(có)" : null,
    });
    await recordAudit(tx, actor, {
      action: "agriculture.farm.update",
      entityType: "farm",
      entityId: id,
      before: { ...change.before, ...(consentChanged ? { proxyConsent: !input.proxyConsent } : {}) },
      after: { ...change.after, ...(consentChanged ? { proxyConsent: input.proxyConsent } : {}) },
    });
    return row;
  });
  return (await listFarms(db, actor)).find((f) => f.id === saved.id) as Farm;
}

/**
 * Opens the farm's own account (role producer) and links it to the farm, in one transaction: the
 * producer then keeps its diary itself, without the proxy consent an officer needs.
 */
export async function openFarmAccount(db: Db, actor: Actor, farmId: string, input: OpenFarmAccount): Promise<Farm> {
  await checkKeeper(db, actor);
  const farm = await farmRow(db, actor.wardId, farmId);
  if (!farm.active) throw invalid("Cơ sở đã ngừng hoạt động.", [{ path: "farm", message: "Cơ sở ngừng hoạt động" }]);
  if (farm.userId) throw conflict("Cơ sở này đã có tài khoản.");
  await createUser(
    db,
    actor,
    {
      username: input.username,
      displayName: input.displayName ?? farm.representative ?? farm.name,
      password: input.password,
      role: PRODUCER_ROLE,
      unitId: null,
    },
    {
      skipPolicy: true,
      within: async (tx, userId) => {
        // Only if still without one: two officers opening an account at once get one account.
        const [row] = await tx
          .update(farms)
          .set({ userId, version: sql`${farms.version} + 1`, updatedAt: new Date() })
          .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, farmId), isNull(farms.userId)))
          .returning({ id: farms.id });
        if (!row) throw conflict("Cơ sở này đã có tài khoản.");
        await recordAudit(tx, actor, {
          action: "agriculture.farm.open_account",
          entityType: "farm",
          entityId: farmId,
          before: { hasAccount: false },
          after: { hasAccount: true, username: input.username },
        });
      },
    },
  );
  return (await listFarms(db, actor)).find((f) => f.id === farmId) as Farm;
}

// Plots ------------------------------------------------------------------------------------------

export async function listPlots(db: Db, actor: Actor, farmId?: string): Promise<Plot[]> {
  await checkKeeper(db, actor);
  const today = todayInVietnam();
  const where = farmId ? and(eq(plots.wardId, actor.wardId), eq(plots.farmId, farmId)) : eq(plots.wardId, actor.wardId);
  const [rows, groups, farmRows] = await Promise.all([
    db.select().from(plots).where(where).orderBy(asc(plots.name)),
    groupsOf(db, actor.wardId),
    db.select({ id: farms.id, name: farms.name }).from(farms).where(eq(farms.wardId, actor.wardId)),
  ]);
  const certs = rows.length
    ? await db
        .select()
        .from(plotCertifications)
        .where(
          and(
            eq(plotCertifications.wardId, actor.wardId),
            inArray(
              plotCertifications.plotId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(plotCertifications.validFrom))
    : [];
  const farmNames = new Map(farmRows.map((f) => [f.id, f.name]));
  return rows.map((p) => toPlot(p, groups, farmNames, certs, today));
}

function toPlot(
  p: PlotRow,
  groups: Map<string, Group>,
  farmNames: Map<string, string>,
  certs: CertificationRow[],
  today: string,
): Plot {
  const group = groups.get(p.residentialGroupId);
  return {
    id: p.id,
    farmId: p.farmId,
    farmName: farmNames.get(p.farmId) ?? "",
    name: p.name,
    areaHa: p.areaHa,
    residentialGroup: group ?? { id: p.residentialGroupId, code: "", name: "" },
    latitude: p.latitude,
    longitude: p.longitude,
    outline: p.outline,
    crop: p.crop,
    active: p.active,
    certifications: certs.filter((c) => c.plotId === p.id).map((c) => toCertification(c, today)),
    version: p.version,
  };
}

async function plotRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<PlotRow> {
  const query = db
    .select()
    .from(plots)
    .where(and(eq(plots.wardId, wardId), eq(plots.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy thửa ruộng");
  return row;
}

async function onePlot(db: Db, actor: Actor, id: string): Promise<Plot> {
  const plot = await plotRow(db, actor.wardId, id);
  return (await listPlots(db, actor, plot.farmId)).find((p) => p.id === id) as Plot;
}

export async function savePlot(db: Db, actor: Actor, id: string | null, input: SavePlot): Promise<Plot> {
  await checkKeeper(db, actor);
  const groups = await groupsOf(db, actor.wardId);
  const group = groupByCode(groups, input.residentialGroup, "residentialGroup");
  const values = {
    farmId: input.farmId,
    name: input.name,
    areaHa: input.areaHa,
    residentialGroupId: group.id,
    latitude: input.latitude,
    longitude: input.longitude,
    outline: input.outline,
    crop: input.crop,
    active: input.active,
  };
  const savedId = await db.transaction(async (tx) => {
    await farmRow(tx, actor.wardId, input.farmId);
    if (id === null) {
      const [row] = await tx
        .insert(plots)
        .values({ wardId: actor.wardId, ...values })
        .returning({ id: plots.id });
      if (!row) throw new Error("plot insert returned nothing");
      await recordAudit(tx, actor, {
        action: "agriculture.plot.create",
        entityType: "plot",
        entityId: row.id,
        before: null,
        after: { ...values, outline: values.outline ? "(có)" : null },
      });
      await syncCertifiedShare(tx, actor, [group.id], todayInVietnam());
      return row.id;
    }
    const before = await plotRow(tx, actor.wardId, id, true);
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    await tx
      .update(plots)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(plots.wardId, actor.wardId), eq(plots.id, id)));
    const change = changedFields(before as Record<string, unknown>, values);
    await recordAudit(tx, actor, {
      action: "agriculture.plot.update",
      entityType: "plot",
      entityId: id,
      before: change.before,
      after: change.after,
    });
    await syncCertifiedShare(tx, actor, [...new Set([before.residentialGroupId, group.id])], todayInVietnam());
    return id;
  });
  return onePlot(db, actor, savedId);
}

// Certifications ---------------------------------------------------------------------------------

async function certificationRow(db: Db, wardId: string, id: string): Promise<CertificationRow> {
  const [row] = await db
    .select()
    .from(plotCertifications)
    .where(and(eq(plotCertifications.wardId, wardId), eq(plotCertifications.id, id)))
    .for("update");
  if (!row) throw notFound("Không tìm thấy chứng nhận");
  return row;
}

const certificationValues = (input: SaveCertification) => ({
  scheme: input.scheme,
  certificateNumber: input.certificateNumber,
  issuer: input.issuer,
  validFrom: input.validFrom,
  validUntil: input.validUntil,
});

export async function addCertification(db: Db, actor: Actor, plotId: string, input: SaveCertification): Promise<Plot> {
  await checkKeeper(db, actor);
  await db.transaction(async (tx) => {
    const plot = await plotRow(tx, actor.wardId, plotId, true);
    const values = certificationValues(input);
    const [row] = await tx
      .insert(plotCertifications)
      .values({ wardId: actor.wardId, plotId, ...values })
      .returning({ id: plotCertifications.id });
    if (!row) throw new Error("certification insert returned nothing");
    await recordAudit(tx, actor, {
      action: "agriculture.certification.create",
      entityType: "plot_certification",
      entityId: row.id,
      before: null,
      after: { plotId, ...values },
    });
    await syncCertifiedShare(tx, actor, [plot.residentialGroupId], todayInVietnam());
  });
  return onePlot(db, actor, plotId);
}

export async function updateCertification(db: Db, actor: Actor, id: string, input: SaveCertification): Promise<Plot> {
  await checkKeeper(db, actor);
  const plotId = await db.transaction(async (tx) => {
    const before = await certificationRow(tx, actor.wardId, id);
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    const values = certificationValues(input);
    await tx
      .update(plotCertifications)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(plotCertifications.wardId, actor.wardId), eq(plotCertifications.id, id)));
    const change = changedFields(before as Record<string, unknown>, values);
    await recordAudit(tx, actor, {
      action: "agriculture.certification.update",
      entityType: "plot_certification",
      entityId: id,
      before: change.before,
      after: change.after,
    });
    const plot = await plotRow(tx, actor.wardId, before.plotId);
    await syncCertifiedShare(tx, actor, [plot.residentialGroupId], todayInVietnam());
    return before.plotId;
  });
  return onePlot(db, actor, plotId);
}

/** Thu hồi: the certificate stops counting from that day; it stays on record. */
export async function withdrawCertification(
  db: Db,
  actor: Actor,
  id: string,
  input: { withdrawnOn: string; reason: string; version: number },
): Promise<Plot> {
  await checkKeeper(db, actor);
  const plotId = await db.transaction(async (tx) => {
    const before = await certificationRow(tx, actor.wardId, id);
    if (input.version !== before.version) throw conflict();
    if (before.withdrawnOn !== null) throw conflict("Chứng nhận này đã bị thu hồi.");
    if (input.withdrawnOn < before.validFrom)
      throw invalid("Ngày thu hồi trước ngày cấp", [{ path: "withdrawnOn", message: "Ngày thu hồi phải từ ngày cấp" }]);
    await tx
      .update(plotCertifications)
      .set({
        withdrawnOn: input.withdrawnOn,
        withdrawnReason: input.reason,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(plotCertifications.wardId, actor.wardId), eq(plotCertifications.id, id)));
    await recordAudit(tx, actor, {
      action: "agriculture.certification.withdraw",
      entityType: "plot_certification",
      entityId: id,
      before: { withdrawnOn: null },
      after: { withdrawnOn: input.withdrawnOn, reason: input.reason },
    });
    const plot = await plotRow(tx, actor.wardId, before.plotId);
    await syncCertifiedShare(tx, actor, [plot.residentialGroupId], todayInVietnam());
    return before.plotId;
  });
  return onePlot(db, actor, plotId);
}

/** Every ward's current share, recomputed (certificates expire with the calendar, not with a write). */
export async function recomputeCertifiedShares(db: Db, actorOf: (wardId: string) => Actor): Promise<number> {
  const wards = await db.selectDistinct({ wardId: plots.wardId }).from(plots);
  let groups = 0;
  for (const { wardId } of wards) {
    groups += await db.transaction((tx) => syncCertifiedShare(tx, actorOf(wardId), "all", todayInVietnam()));
  }
  return groups;
}
