import { and, eq, inArray, lte, or, gt, isNull, sql } from "drizzle-orm";
import { periodEnd, periodOf, type CertifiedShare, type Frequency } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { listUnits } from "../identity/service.js";
import { indicatorRows, measurementSource, saveMeasurement } from "../indicators/service.js";
import { plotCertifications, plots } from "./tables.js";

/** The source every computed GAP/organic figure carries (a person's figure never has it). */
export const CERTIFIED_AREA_SOURCE = "Sổ thửa ruộng và chứng nhận GAP, hữu cơ (tự động)";
/** The indicator this module computes (II.2.(1)). */
export const GAP_INDICATOR = "gap-organic-area-share";

const hectares = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Per residential group on `day`: the area of active plots (cultivated) and of those with a
 * certificate valid that day and not withdrawn (certified). A plot counts once, however many
 * certificates it holds.
 */
export async function certifiedAreas(
  db: Db,
  wardId: string,
  day: string,
  groupIds?: string[],
): Promise<Map<string, { cultivatedHa: number; certifiedHa: number }>> {
  const valid = db
    .select({ plotId: plotCertifications.plotId })
    .from(plotCertifications)
    .where(
      and(
        eq(plotCertifications.wardId, wardId),
        lte(plotCertifications.validFrom, day),
        sql`${plotCertifications.validUntil} >= ${day}`,
        or(isNull(plotCertifications.withdrawnOn), gt(plotCertifications.withdrawnOn, day)),
      ),
    );
  const rows = await db
    .select({
      groupId: plots.residentialGroupId,
      cultivated: sql<number>`sum(${plots.areaHa})`,
      certified: sql<number>`coalesce(sum(${plots.areaHa}) filter (where ${plots.id} in (${valid})), 0)`,
    })
    .from(plots)
    .where(
      and(
        eq(plots.wardId, wardId),
        eq(plots.active, true),
        groupIds ? inArray(plots.residentialGroupId, groupIds) : undefined,
      ),
    )
    .groupBy(plots.residentialGroupId);
  return new Map(
    rows.map((r) => [
      r.groupId,
      { cultivatedHa: hectares(Number(r.cultivated)), certifiedHa: hectares(Number(r.certified)) },
    ]),
  );
}

/** The shares of every group with cultivated land on `day`, for the registry's page. */
export async function certifiedShares(db: Db, wardId: string, day: string): Promise<CertifiedShare[]> {
  const [areas, units] = await Promise.all([certifiedAreas(db, wardId, day), listUnits(db, wardId)]);
  return units
    .filter((u) => u.kind === "residential_group" && areas.has(u.id))
    .map((u) => {
      const a = areas.get(u.id) ?? { cultivatedHa: 0, certifiedHa: 0 };
      return {
        residentialGroup: { id: u.id, code: u.code, name: u.name },
        ...a,
        percent: a.cultivatedHa > 0 ? Math.round((a.certifiedHa / a.cultivatedHa) * 10_000) / 100 : null,
      };
    });
}

/**
 * Writes the GAP/organic indicator's figure for the period holding `day`, for the groups named
 * (or every group with plots), as the registry says on that day (or at the period's end, if it is
 * over). Only this computation writes that indicator (INDICATOR_COMPUTED refuses typed figures).
 * Returns how many groups it wrote.
 */
export async function syncCertifiedShare(
  tx: Db,
  actor: Actor,
  groupIds: string[] | "all",
  day: string,
): Promise<number> {
  const indicator = (await indicatorRows(tx, actor.wardId)).find((i) => i.code === GAP_INDICATOR);
  if (!indicator) return 0;
  const period = periodOf(indicator.frequency as Frequency, day);
  const asOf = periodEnd(period) < day ? periodEnd(period) : day;
  const areas = await certifiedAreas(tx, actor.wardId, asOf, groupIds === "all" ? undefined : groupIds);
  let written = 0;
  for (const groupId of groupIds === "all" ? areas.keys() : groupIds) {
    const area = areas.get(groupId);
    if (!area || area.cultivatedHa <= 0) {
      // A group whose last plot went: its earlier computed figure for the period no longer holds.
      if ((await measurementSource(tx, actor.wardId, indicator.id, period, groupId)) === CERTIFIED_AREA_SOURCE)
        await saveMeasurement(tx, actor, indicator, {
          period,
          residentialGroupId: groupId,
          numerator: 0,
          denominator: 1,
          source: CERTIFIED_AREA_SOURCE,
          note: "Không còn diện tích canh tác trong sổ thửa ruộng",
        });
      continue;
    }
    await saveMeasurement(tx, actor, indicator, {
      period,
      residentialGroupId: groupId,
      numerator: area.certifiedHa,
      denominator: area.cultivatedHa,
      source: CERTIFIED_AREA_SOURCE,
      note: `Tính đến ngày ${asOf.split("-").reverse().join("/")}`,
    });
    written += 1;
  }
  return written;
}
