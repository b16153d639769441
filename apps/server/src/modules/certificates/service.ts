import { and, asc, desc, eq, inArray, isNull, like, ne } from "drizzle-orm";
import {
  burntOn,
  missingDiarySteps,
  type ApplyForCertificate,
  type CertificateApplication,
  type CriteriaCheck,
  type EligibleSeason,
  type GreenCertificate,
  type GreenCriteria,
  type OcopProduct,
  type PublicCertificate,
  type SaveGreenCriteria,
  type SaveOcopProduct,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { diaryEntries, farms, plotCertifications, plots, seasons } from "../agriculture/tables.js";
import { certificationValidOn } from "../agriculture/registry.js";
import { users, wards } from "../identity/tables.js";
import { certificateState, evaluateCriteria, validUntilOf, type CriteriaSet } from "./criteria.js";
import { checkKeeper } from "./policy.js";
import { greenCertificateApplications, greenCertificateCriteria, greenCertificates, ocopProducts } from "./tables.js";

/**
 * Chứng nhận sản phẩm xanh: Phòng Kinh tế sets the criteria, a season's product is applied for,
 * reviewed against them (each criterion passed or failed, from the diary, the registry and the
 * stored footprint) and, when all pass, issued a numbered certificate in the same transaction.
 */

type CriteriaRow = typeof greenCertificateCriteria.$inferSelect;
type ApplicationRow = typeof greenCertificateApplications.$inferSelect;
type CertificateRow = typeof greenCertificates.$inferSelect;

const NUMBER_PREFIX = "CNX";

// Criteria ---------------------------------------------------------------------------------------

async function criteriaRow(db: Db, wardId: string, forUpdate = false): Promise<CriteriaRow | null> {
  const query = db.select().from(greenCertificateCriteria).where(eq(greenCertificateCriteria.wardId, wardId));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

const toCriteria = (row: CriteriaRow): GreenCriteria => ({
  requireCompleteDiary: row.requireCompleteDiary,
  requireNoBurning: row.requireNoBurning,
  requireCertifiedPlot: row.requireCertifiedPlot,
  maxKgCo2ePerKg: row.maxKgCo2ePerKg,
  minPercentBelowBaseline: row.minPercentBelowBaseline,
  baselineKgCo2ePerKg: row.baselineKgCo2ePerKg,
  validityMonths: row.validityMonths,
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

export async function getCriteria(db: Db, actor: Actor): Promise<GreenCriteria | null> {
  await checkKeeper(db, actor);
  const row = await criteriaRow(db, actor.wardId);
  return row ? toCriteria(row) : null;
}

/** The ward's one set: the first save creates it, each later save is a new version (audited). */
export async function saveCriteria(db: Db, actor: Actor, input: SaveGreenCriteria): Promise<GreenCriteria> {
  await checkKeeper(db, actor);
  const values = {
    requireCompleteDiary: input.requireCompleteDiary,
    requireNoBurning: input.requireNoBurning,
    requireCertifiedPlot: input.requireCertifiedPlot,
    maxKgCo2ePerKg: input.maxKgCo2ePerKg,
    minPercentBelowBaseline: input.minPercentBelowBaseline,
    // A baseline without a percentage below it checks nothing: kept only with one.
    baselineKgCo2ePerKg: input.minPercentBelowBaseline === null ? null : input.baselineKgCo2ePerKg,
    validityMonths: input.validityMonths,
  };
  const row = await db.transaction(async (tx) => {
    const before = await criteriaRow(tx, actor.wardId, true);
    if (!before) {
      const [created] = await tx
        .insert(greenCertificateCriteria)
        .values({ wardId: actor.wardId, ...values, updatedBy: actor.userId })
        .returning();
      if (!created) throw new Error("criteria insert returned nothing");
      await recordAudit(tx, actor, {
        action: "certificates.criteria.create",
        entityType: "green_certificate_criteria",
        entityId: created.id,
        before: null,
        after: { ...values, version: 1 },
      });
      return created;
    }
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    const [updated] = await tx
      .update(greenCertificateCriteria)
      .set({ ...values, updatedBy: actor.userId, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(greenCertificateCriteria.wardId, actor.wardId), eq(greenCertificateCriteria.id, before.id)))
      .returning();
    if (!updated) throw notFound("Không tìm thấy bộ tiêu chí");
    const change = changedFields(before as Record<string, unknown>, values);
    await recordAudit(tx, actor, {
      action: "certificates.criteria.update",
      entityType: "green_certificate_criteria",
      entityId: before.id,
      before: { ...change.before, version: before.version },
      after: { ...change.after, version: updated.version },
    });
    return updated;
  });
  return toCriteria(row);
}

// Checking a season --------------------------------------------------------------------------------

async function seasonWithPlot(db: Db, wardId: string, seasonId: string) {
  const [row] = await db
    .select({ season: seasons, plot: plots, farm: farms })
    .from(seasons)
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .innerJoin(farms, and(eq(farms.wardId, plots.wardId), eq(farms.id, plots.farmId)))
    .where(and(eq(seasons.wardId, wardId), eq(seasons.id, seasonId)));
  if (!row) throw notFound("Không tìm thấy vụ");
  return row;
}

/** The season against the criteria, as the diary, the registry and the stored footprint now stand. */
async function checkSeason(db: Db, wardId: string, seasonId: string, criteria: CriteriaSet): Promise<CriteriaCheck> {
  const { season, plot } = await seasonWithPlot(db, wardId, seasonId);
  const entries = await db
    .select({ occurredOn: diaryEntries.occurredOn, details: diaryEntries.details })
    .from(diaryEntries)
    .where(and(eq(diaryEntries.wardId, wardId), eq(diaryEntries.seasonId, seasonId), isNull(diaryEntries.deletedAt)));
  const harvestedOn =
    entries
      .filter((e) => e.details.kind === "harvest")
      .map((e) => e.occurredOn)
      .sort()
      .at(-1) ?? null;
  const certs = await db
    .select()
    .from(plotCertifications)
    .where(and(eq(plotCertifications.wardId, wardId), eq(plotCertifications.plotId, plot.id)));
  const certification = harvestedOn ? certs.find((c) => certificationValidOn(c, harvestedOn)) : undefined;
  return evaluateCriteria(
    criteria,
    {
      missingSteps: missingDiarySteps(entries),
      burntOn: burntOn(entries),
      harvestedOn,
      certificationOnHarvest: certification?.certificateNumber ?? null,
      kgCo2ePerKg: season.footprint?.kgCo2ePerKgProduct ?? null,
      factorSet: season.footprint?.factorSet ?? null,
    },
    todayInVietnam(),
  );
}

// Applications -------------------------------------------------------------------------------------

/** Seasons of the ward with no live (submitted or approved) application. */
export async function listEligibleSeasons(db: Db, actor: Actor): Promise<EligibleSeason[]> {
  await checkKeeper(db, actor);
  const rows = await db
    .select({ id: seasons.id, name: seasons.name, crop: seasons.crop, farmName: farms.name, plotName: plots.name })
    .from(seasons)
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .innerJoin(farms, and(eq(farms.wardId, plots.wardId), eq(farms.id, plots.farmId)))
    .where(eq(seasons.wardId, actor.wardId))
    .orderBy(asc(farms.name), asc(seasons.startedOn));
  const live = await db
    .select({ seasonId: greenCertificateApplications.seasonId })
    .from(greenCertificateApplications)
    .where(
      and(eq(greenCertificateApplications.wardId, actor.wardId), ne(greenCertificateApplications.status, "rejected")),
    );
  const taken = new Set(live.map((l) => l.seasonId));
  return rows.filter((r) => !taken.has(r.id));
}

async function applicationRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<ApplicationRow> {
  const query = db
    .select()
    .from(greenCertificateApplications)
    .where(and(eq(greenCertificateApplications.wardId, wardId), eq(greenCertificateApplications.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy hồ sơ đề nghị chứng nhận");
  return row;
}

/** Applies for a season's product (a keeper for a farm today; the producer's own account later). */
export async function applyForCertificate(
  db: Db,
  actor: Actor,
  input: ApplyForCertificate,
): Promise<CertificateApplication> {
  await checkKeeper(db, actor);
  const id = await db.transaction(async (tx) => {
    const { farm } = await seasonWithPlot(tx, actor.wardId, input.seasonId);
    const [live] = await tx
      .select({ id: greenCertificateApplications.id })
      .from(greenCertificateApplications)
      .where(
        and(
          eq(greenCertificateApplications.wardId, actor.wardId),
          eq(greenCertificateApplications.seasonId, input.seasonId),
          ne(greenCertificateApplications.status, "rejected"),
        ),
      );
    if (live) throw conflict("Vụ này đã có hồ sơ đề nghị chứng nhận đang xét hoặc đã được cấp.");
    const [row] = await tx
      .insert(greenCertificateApplications)
      .values({
        wardId: actor.wardId,
        seasonId: input.seasonId,
        farmId: farm.id,
        productName: input.productName,
        submittedBy: actor.userId,
      })
      .returning({ id: greenCertificateApplications.id });
    if (!row) throw new Error("application insert returned nothing");
    await recordAudit(tx, actor, {
      action: "certificates.application.submit",
      entityType: "green_certificate_application",
      entityId: row.id,
      before: null,
      after: { seasonId: input.seasonId, farmId: farm.id, productName: input.productName },
    });
    return row.id;
  });
  return applicationDetail(db, actor, id);
}

/**
 * Applications with their season, plot, farm, reviewer and certificate, in one query (newest
 * first): a list of hundreds costs one round trip, plus the live check of those still waiting.
 */
function applicationsWithContext(db: Db, wardId: string, id?: string) {
  const app = greenCertificateApplications;
  return db
    .select({
      row: app,
      season: seasons,
      plotName: plots.name,
      farm: farms,
      reviewer: users.displayName,
      certificateNumber: greenCertificates.number,
    })
    .from(app)
    .innerJoin(seasons, and(eq(seasons.wardId, app.wardId), eq(seasons.id, app.seasonId)))
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .innerJoin(farms, and(eq(farms.wardId, plots.wardId), eq(farms.id, plots.farmId)))
    .leftJoin(users, and(eq(users.wardId, app.wardId), eq(users.id, app.reviewedBy)))
    .leftJoin(
      greenCertificates,
      and(eq(greenCertificates.wardId, app.wardId), eq(greenCertificates.applicationId, app.id)),
    )
    .where(and(eq(app.wardId, wardId), id === undefined ? undefined : eq(app.id, id)))
    .orderBy(desc(app.createdAt));
}
type ApplicationWithContext = Awaited<ReturnType<typeof applicationsWithContext>>[number];

export async function listApplications(db: Db, actor: Actor): Promise<CertificateApplication[]> {
  await checkKeeper(db, actor);
  const rows = await applicationsWithContext(db, actor.wardId);
  const criteria = await criteriaRow(db, actor.wardId);
  const out: CertificateApplication[] = [];
  for (const row of rows) out.push(await toApplication(db, actor.wardId, row, criteria));
  return out;
}

export async function applicationDetail(db: Db, actor: Actor, id: string): Promise<CertificateApplication> {
  await checkKeeper(db, actor);
  const [row] = await applicationsWithContext(db, actor.wardId, id);
  if (!row) throw notFound("Không tìm thấy hồ sơ đề nghị chứng nhận");
  return toApplication(db, actor.wardId, row, await criteriaRow(db, actor.wardId));
}

async function toApplication(
  db: Db,
  wardId: string,
  { row, season, plotName, farm, reviewer, certificateNumber }: ApplicationWithContext,
  criteria: CriteriaRow | null,
): Promise<CertificateApplication> {
  // A submitted application shows the check as the season stands now; a reviewed one, as it stood.
  const check =
    row.status === "submitted"
      ? criteria
        ? await checkSeason(db, wardId, row.seasonId, criteria)
        : null
      : row.criteriaCheck;
  return {
    id: row.id,
    seasonId: season.id,
    seasonName: season.name,
    crop: season.crop,
    farmId: farm.id,
    farmName: farm.name,
    plotName,
    productName: row.productName,
    status: row.status as CertificateApplication["status"],
    check,
    note: row.note,
    reviewedBy: reviewer ?? null,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    certificateNumber: certificateNumber ?? null,
    submittedAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

/** The next number of the ward's year: CNX-2026-0001, 0002… (the caller holds the criteria lock). */
async function nextNumber(tx: Db, wardId: string, year: string): Promise<string> {
  const prefix = `${NUMBER_PREFIX}-${year}-`;
  const taken = await tx
    .select({ number: greenCertificates.number })
    .from(greenCertificates)
    .where(and(eq(greenCertificates.wardId, wardId), like(greenCertificates.number, `${prefix}%`)));
  const last = Math.max(0, ...taken.map((t) => Number(t.number.slice(prefix.length)) || 0));
  return `${prefix}${String(last + 1).padStart(4, "0")}`;
}

/**
 * Duyệt: checks the season again, in the transaction, and issues the certificate only when every
 * criterion passes. The criteria row is locked first: it serialises the ward's issues, so two
 * approvals at once never take the same number.
 */
export async function approveApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; note: string | null },
  today = todayInVietnam(),
): Promise<CertificateApplication> {
  await checkKeeper(db, actor);
  await db.transaction(async (tx) => {
    const criteria = await criteriaRow(tx, actor.wardId, true);
    if (!criteria)
      throw new AppError(
        "CERTIFICATE_CRITERIA_MISSING",
        "Phường chưa đặt tiêu chí sản phẩm xanh: hãy đặt tiêu chí trước.",
        409,
      );
    const before = await applicationRow(tx, actor.wardId, id, true);
    if (input.version !== before.version) throw conflict();
    if (before.status !== "submitted") throw conflict("Hồ sơ này đã được xét.");
    const check = await checkSeason(tx, actor.wardId, before.seasonId, criteria);
    if (!check.allPassed) {
      const failed = check.results.filter((r) => !r.passed).map((r) => r.label);
      throw new AppError(
        "CERTIFICATE_CRITERIA_NOT_MET",
        `Vụ chưa đạt tiêu chí: ${failed.join("; ")}. Không thể cấp chứng nhận.`,
        409,
        check.results.filter((r) => !r.passed).map((r) => ({ path: r.key, message: r.detail })),
      );
    }
    const { season } = await seasonWithPlot(tx, actor.wardId, before.seasonId);
    const [farm] = await tx
      .select({ name: farms.name })
      .from(farms)
      .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, before.farmId)));
    const number = await nextNumber(tx, actor.wardId, today.slice(0, 4));
    const values = {
      number,
      applicationId: id,
      seasonId: before.seasonId,
      farmId: before.farmId,
      productName: before.productName,
      producerName: farm?.name ?? "",
      seasonName: season.name,
      crop: season.crop,
      kgCo2ePerKg: check.kgCo2ePerKg,
      factorSet: check.factorSet,
      issuedOn: today,
      validUntil: validUntilOf(today, criteria.validityMonths),
    };
    const [certificate] = await tx
      .insert(greenCertificates)
      .values({ wardId: actor.wardId, ...values, issuedBy: actor.userId })
      .returning({ id: greenCertificates.id });
    if (!certificate) throw new Error("certificate insert returned nothing");
    await tx
      .update(greenCertificateApplications)
      .set({
        status: "approved",
        criteriaCheck: check,
        reviewedBy: actor.userId,
        reviewedAt: new Date(),
        note: input.note,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(greenCertificateApplications.wardId, actor.wardId), eq(greenCertificateApplications.id, id)));
    await recordAudit(tx, actor, {
      action: "certificates.application.approve",
      entityType: "green_certificate_application",
      entityId: id,
      before: { status: "submitted" },
      after: { status: "approved", criteriaVersion: check.criteriaVersion, note: input.note },
    });
    await recordAudit(tx, actor, {
      action: "certificates.certificate.issue",
      entityType: "green_certificate",
      entityId: certificate.id,
      before: null,
      after: values,
    });
  });
  return applicationDetail(db, actor, id);
}

/** Từ chối, with the reason the producer is told; the check is kept as it stood. */
export async function rejectApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; note: string },
): Promise<CertificateApplication> {
  await checkKeeper(db, actor);
  await db.transaction(async (tx) => {
    const criteria = await criteriaRow(tx, actor.wardId);
    const before = await applicationRow(tx, actor.wardId, id, true);
    if (input.version !== before.version) throw conflict();
    if (before.status !== "submitted") throw conflict("Hồ sơ này đã được xét.");
    const check = criteria ? await checkSeason(tx, actor.wardId, before.seasonId, criteria) : null;
    await tx
      .update(greenCertificateApplications)
      .set({
        status: "rejected",
        criteriaCheck: check,
        reviewedBy: actor.userId,
        reviewedAt: new Date(),
        note: input.note,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(greenCertificateApplications.wardId, actor.wardId), eq(greenCertificateApplications.id, id)));
    await recordAudit(tx, actor, {
      action: "certificates.application.reject",
      entityType: "green_certificate_application",
      entityId: id,
      before: { status: "submitted" },
      after: { status: "rejected", note: input.note },
    });
  });
  return applicationDetail(db, actor, id);
}

// Certificates -------------------------------------------------------------------------------------

async function wardCode(db: Db, wardId: string): Promise<{ code: string; name: string }> {
  const [ward] = await db.select({ code: wards.code, name: wards.name }).from(wards).where(eq(wards.id, wardId));
  if (!ward) throw notFound("Không tìm thấy phường");
  return ward;
}

/** The verification page a certificate's QR code opens. */
export const publicPathOf = (number: string, ward: string) =>
  `/chung-nhan/${encodeURIComponent(number)}?ward=${encodeURIComponent(ward)}`;

function toCertificate(row: CertificateRow, ward: string, today: string): GreenCertificate {
  return {
    id: row.id,
    number: row.number,
    productName: row.productName,
    farmId: row.farmId,
    farmName: row.producerName,
    seasonName: row.seasonName,
    crop: row.crop,
    kgCo2ePerKg: row.kgCo2ePerKg,
    factorSet: row.factorSet,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    state: certificateState(row, today),
    revokedOn: row.revokedOn,
    revokedReason: row.revokedReason,
    publicPath: publicPathOf(row.number, ward),
    version: row.version,
  };
}

export async function listCertificates(db: Db, actor: Actor): Promise<GreenCertificate[]> {
  await checkKeeper(db, actor);
  const ward = await wardCode(db, actor.wardId);
  const rows = await db
    .select()
    .from(greenCertificates)
    .where(eq(greenCertificates.wardId, actor.wardId))
    .orderBy(desc(greenCertificates.number));
  const today = todayInVietnam();
  return rows.map((r) => toCertificate(r, ward.code, today));
}

/** Thu hồi: from today the public page says so, with the reason; the certificate stays on record. */
export async function revokeCertificate(
  db: Db,
  actor: Actor,
  id: string,
  input: { reason: string; version: number },
): Promise<GreenCertificate> {
  await checkKeeper(db, actor);
  const today = todayInVietnam();
  const row = await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(greenCertificates)
      .where(and(eq(greenCertificates.wardId, actor.wardId), eq(greenCertificates.id, id)))
      .for("update");
    if (!before) throw notFound("Không tìm thấy giấy chứng nhận");
    if (input.version !== before.version) throw conflict();
    if (before.status === "revoked") throw conflict("Giấy chứng nhận này đã bị thu hồi.");
    const [updated] = await tx
      .update(greenCertificates)
      .set({
        status: "revoked",
        revokedOn: today,
        revokedReason: input.reason,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(greenCertificates.wardId, actor.wardId), eq(greenCertificates.id, id)))
      .returning();
    if (!updated) throw notFound("Không tìm thấy giấy chứng nhận");
    await recordAudit(tx, actor, {
      action: "certificates.certificate.revoke",
      entityType: "green_certificate",
      entityId: id,
      before: { status: "issued" },
      after: { status: "revoked", revokedOn: today, reason: input.reason },
    });
    return updated;
  });
  return toCertificate(row, (await wardCode(db, actor.wardId)).code, today);
}

/**
 * The verification page's answer: the certificate's own particulars and the farm's name, no
 * person's name, phone or address. Null when the ward has no certificate of that number.
 */
export async function publicCertificate(
  db: Db,
  ward: { id: string; code: string; name: string },
  number: string,
  today = todayInVietnam(),
): Promise<PublicCertificate | null> {
  const [row] = await db
    .select()
    .from(greenCertificates)
    .where(and(eq(greenCertificates.wardId, ward.id), eq(greenCertificates.number, number)));
  if (!row) return null;
  return {
    number: row.number,
    state: certificateState(row, today),
    productName: row.productName,
    producer: row.producerName,
    seasonName: row.seasonName,
    crop: row.crop,
    kgCo2ePerKg: row.kgCo2ePerKg,
    factorSet: row.factorSet,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    revokedOn: row.revokedOn,
    revokedReason: row.revokedReason,
    ward: { code: ward.code, name: ward.name },
  };
}

// OCOP products ------------------------------------------------------------------------------------

export async function listOcopProducts(db: Db, actor: Actor): Promise<OcopProduct[]> {
  await checkKeeper(db, actor);
  const rows = await db
    .select({ product: ocopProducts, farmName: farms.name })
    .from(ocopProducts)
    .innerJoin(farms, and(eq(farms.wardId, ocopProducts.wardId), eq(farms.id, ocopProducts.farmId)))
    .where(eq(ocopProducts.wardId, actor.wardId))
    .orderBy(desc(ocopProducts.year), desc(ocopProducts.stars), asc(ocopProducts.productName));
  return rows.map(({ product: p, farmName }) => ({
    id: p.id,
    farmId: p.farmId,
    farmName,
    productName: p.productName,
    stars: p.stars,
    year: p.year,
    decisionNumber: p.decisionNumber,
    decidedOn: p.decidedOn,
    version: p.version,
  }));
}

/** Records (id null) or edits an OCOP product, with the version the editor saw. */
export async function saveOcopProduct(
  db: Db,
  actor: Actor,
  id: string | null,
  input: SaveOcopProduct,
): Promise<OcopProduct> {
  await checkKeeper(db, actor);
  const values = {
    farmId: input.farmId,
    productName: input.productName,
    stars: input.stars,
    year: input.year,
    decisionNumber: input.decisionNumber,
    decidedOn: input.decidedOn,
  };
  const savedId = await db.transaction(async (tx) => {
    const [farm] = await tx
      .select({ id: farms.id })
      .from(farms)
      .where(and(eq(farms.wardId, actor.wardId), eq(farms.id, input.farmId)));
    if (!farm)
      throw invalid("Cơ sở sản xuất không thuộc phường này", [{ path: "farmId", message: "Chọn cơ sở sản xuất" }]);
    if (id === null) {
      const [row] = await tx
        .insert(ocopProducts)
        .values({ wardId: actor.wardId, ...values })
        .returning({ id: ocopProducts.id });
      if (!row) throw new Error("OCOP insert returned nothing");
      await recordAudit(tx, actor, {
        action: "certificates.ocop.create",
        entityType: "ocop_product",
        entityId: row.id,
        before: null,
        after: values,
      });
      return row.id;
    }
    const [before] = await tx
      .select()
      .from(ocopProducts)
      .where(and(eq(ocopProducts.wardId, actor.wardId), eq(ocopProducts.id, id)))
      .for("update");
    if (!before) throw notFound("Không tìm thấy sản phẩm OCOP");
    if (input.version !== undefined && input.version !== before.version) throw conflict();
    await tx
      .update(ocopProducts)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(ocopProducts.wardId, actor.wardId), eq(ocopProducts.id, id)));
    const change = changedFields(before as Record<string, unknown>, values);
    await recordAudit(tx, actor, {
      action: "certificates.ocop.update",
      entityType: "ocop_product",
      entityId: id,
      before: change.before,
      after: change.after,
    });
    return id;
  });
  const saved = (await listOcopProducts(db, actor)).find((p) => p.id === savedId);
  if (!saved) throw notFound("Không tìm thấy sản phẩm OCOP");
  return saved;
}

/** For the demo and tests: certificates of a ward by number. */
export const certificatesByNumber = (db: Db, wardId: string, numbers: string[]) =>
  db
    .select()
    .from(greenCertificates)
    .where(and(eq(greenCertificates.wardId, wardId), inArray(greenCertificates.number, numbers)));
