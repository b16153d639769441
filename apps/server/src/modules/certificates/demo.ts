import crypto from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { computeFootprint, seasonFootprintInput, type DiaryDetails, type FootprintChoice } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { diaryEntries, farms, plotCertifications, plots, seasons } from "../agriculture/tables.js";
import { currentFactorSet } from "../factors/service.js";
import {
  applyForCertificate,
  approveApplication,
  certificatesByNumber,
  revokeCertificate,
  saveCriteria,
  saveOcopProduct,
} from "./service.js";

/**
 * The demo ward's green products: the criteria Phòng Kinh tế set, seasons of certified rice plots
 * with their diaries, one certificate in force, one revoked, one application waiting for review
 * (it passes), one that fails (straw burnt), and two OCOP products.
 */

/** As the diary computes (IPCC's South-East Asia baseline, AR5). */
const CHOICE: FootprintChoice = { region: "south-east-asia", gwp: "AR5" };

type Plan = { season: string; start: string; burnt: boolean; yieldKg: number };

function diaryOf(plan: Plan, areaHa: number): { occurredOn: string; details: DiaryDetails }[] {
  const y = plan.start.slice(0, 4);
  const spring = plan.start.slice(5, 7) < "05";
  const d = (md: string) => `${y}-${md}`;
  const [prep, plant, fert, water1, water2, harvest, residue] = spring
    ? ["01-20", "02-05", "02-25", "03-10", "04-10", "05-28", "06-02"]
    : ["06-20", "07-05", "07-25", "08-10", "09-05", "10-20", "10-25"];
  return [
    { occurredOn: d(prep), details: { kind: "land_preparation", dieselLitres: Math.round(areaHa * 20) } },
    { occurredOn: d(plant), details: { kind: "transplanting", variety: "Bắc thơm số 7" } },
    {
      occurredOn: d(fert),
      details: {
        kind: "fertiliser",
        product: "Phân hữu cơ vi sinh",
        amountKg: Math.round(areaHa * 800),
        nPercent: 2.5,
        type: "organic",
        isUrea: false,
      },
    },
    { occurredOn: d(water1), details: { kind: "irrigation", waterRegime: "multiple_drainage" } },
    { occurredOn: d(water2), details: { kind: "irrigation", waterRegime: "multiple_drainage" } },
    { occurredOn: d(harvest), details: { kind: "harvest", yieldKg: Math.round(plan.yieldKg * areaHa) } },
    {
      occurredOn: d(residue),
      details: plan.burnt
        ? { kind: "residue", handling: "burnt", tonnesDm: Math.round(areaHa * 5 * 10) / 10 }
        : { kind: "residue", handling: "incorporated" },
    },
  ];
}

export async function loadDemoCertificates(db: Db, actor: Actor, today: string): Promise<void> {
  // Rice plots with a certificate never withdrawn: the ones a green product can come from.
  const candidates = await db
    .select({ plot: plots, farmName: farms.name })
    .from(plots)
    .innerJoin(farms, and(eq(farms.wardId, plots.wardId), eq(farms.id, plots.farmId)))
    .innerJoin(
      plotCertifications,
      and(eq(plotCertifications.wardId, plots.wardId), eq(plotCertifications.plotId, plots.id)),
    )
    .where(and(eq(plots.wardId, actor.wardId), eq(plots.crop, "Lúa"), isNull(plotCertifications.withdrawnOn)))
    .orderBy(asc(plotCertifications.validFrom), asc(plots.name));
  if (candidates.length < 2 || today < "2026-11-01") return;
  const set = await currentFactorSet(db);

  const plans: Plan[] = [
    { season: "Vụ Xuân 2026", start: "2026-01-20", burnt: false, yieldKg: 6200 },
    { season: "Vụ Xuân 2026", start: "2026-01-20", burnt: false, yieldKg: 5900 },
    { season: "Vụ Mùa 2026", start: "2026-06-20", burnt: false, yieldKg: 5600 },
    { season: "Vụ Mùa 2026", start: "2026-06-20", burnt: true, yieldKg: 5400 },
  ];
  const seasonIds: string[] = [];
  await db.transaction(async (tx) => {
    for (const [i, plan] of plans.entries()) {
      const candidate = candidates[i % candidates.length];
      if (!candidate) continue;
      const { plot } = candidate;
      const entries = diaryOf(plan, plot.areaHa);
      const { input } = seasonFootprintInput(entries, plot.areaHa, CHOICE);
      const footprint = input ? computeFootprint(input, set.values, set.version) : null;
      const [season] = await tx
        .insert(seasons)
        .values({
          wardId: actor.wardId,
          plotId: plot.id,
          name: plan.season,
          crop: "Lúa",
          variety: "Bắc thơm số 7",
          startedOn: plan.start,
          closedOn: entries.at(-1)?.occurredOn ?? null,
          footprint,
          footprintInput: input,
          footprintAt: footprint ? new Date() : null,
        })
        .returning({ id: seasons.id });
      if (!season) continue;
      seasonIds.push(season.id);
      await tx.insert(diaryEntries).values(
        entries.map((e) => ({
          wardId: actor.wardId,
          seasonId: season.id,
          clientId: crypto.randomUUID(),
          kind: e.details.kind,
          occurredOn: e.occurredOn,
          details: e.details,
          byProxy: true,
        })),
      );
    }
  });

  // A rice footprint with AWD and straw ploughed in runs well under the ward's flooded baseline.
  await saveCriteria(db, actor, {
    requireCompleteDiary: true,
    requireNoBurning: true,
    requireCertifiedPlot: true,
    maxKgCo2ePerKg: null,
    minPercentBelowBaseline: 20,
    baselineKgCo2ePerKg: 1.6,
    validityMonths: 24,
  });
  const [inForce, revoked, waiting, burnt] = seasonIds;
  const product = (farm: string) => `Gạo Bắc thơm số 7 ${farm.replace(/^Hộ /, "")}`;
  const farmOf = (i: number) => candidates[i % candidates.length]?.farmName ?? "Nông hộ";
  if (inForce) {
    const application = await applyForCertificate(db, actor, { seasonId: inForce, productName: product(farmOf(0)) });
    await approveApplication(db, actor, application.id, { version: application.version, note: null }, "2026-06-15");
  }
  if (revoked) {
    const application = await applyForCertificate(db, actor, { seasonId: revoked, productName: product(farmOf(1)) });
    const approved = await approveApplication(
      db,
      actor,
      application.id,
      { version: application.version, note: null },
      "2026-06-20",
    );
    const [certificate] = await certificatesByNumber(db, actor.wardId, [approved.certificateNumber ?? ""]);
    if (certificate)
      await revokeCertificate(db, actor, certificate.id, {
        reason: "Kiểm tra thực địa phát hiện đốt rơm rạ trên thửa sau vụ Mùa",
        version: certificate.version,
      });
  }
  if (waiting) await applyForCertificate(db, actor, { seasonId: waiting, productName: product(farmOf(2)) });
  if (burnt) await applyForCertificate(db, actor, { seasonId: burnt, productName: product(farmOf(3)) });

  const [cooperative, household] = candidates;
  if (cooperative)
    await saveOcopProduct(db, actor, null, {
      farmId: cooperative.plot.farmId,
      productName: "Gạo nếp cái hoa vàng Việt Hòa",
      stars: 4,
      year: 2025,
      decisionNumber: "1234/QĐ-UBND",
      decidedOn: "2025-11-20",
    });
  if (household)
    await saveOcopProduct(db, actor, null, {
      farmId: household.plot.farmId,
      productName: "Rau cải sạch Cửa Đình",
      stars: 3,
      year: 2026,
      decisionNumber: "567/QĐ-UBND",
      decidedOn: "2026-08-05",
    });
}
