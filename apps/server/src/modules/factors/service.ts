import { asc, desc, eq } from "drizzle-orm";
import {
  missingFactorKeys,
  type FactorSetDetail,
  type FactorSetSummary,
  type FootprintFactors,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { notFound } from "../../lib/errors.js";
import { factorSets, factorValues } from "./tables.js";

/** A factor set as calculations read it: its values by key, and the rows with their sources. */
export type LoadedFactorSet = FactorSetDetail & { values: FootprintFactors & Record<string, number> };

/**
 * Sets never change once published (a trigger refuses it), so a loaded set is kept for the
 * process's life. Which set is the newest is read again after a minute: a new set arrives with a
 * migration, which a deployment applies before its processes serve.
 */
const loaded = new WeakMap<Db, Map<string, LoadedFactorSet>>();
const newest = new WeakMap<Db, { version: string; at: number }>();
const NEWEST_TTL_MS = 60_000;

export async function listFactorSets(db: Db): Promise<FactorSetSummary[]> {
  const rows = await db.select().from(factorSets).orderBy(desc(factorSets.releasedOn), desc(factorSets.version));
  return rows.map((row, i) => ({
    version: row.version,
    name: row.name,
    description: row.description,
    releasedOn: row.releasedOn,
    current: i === 0,
  }));
}

/** One set with every factor (404 if there is no such version). */
export async function factorSet(db: Db, version: string): Promise<LoadedFactorSet> {
  let sets = loaded.get(db);
  if (!sets) loaded.set(db, (sets = new Map()));
  const hit = sets.get(version);
  if (hit) return hit;
  const [set] = await db.select().from(factorSets).where(eq(factorSets.version, version));
  if (!set) throw notFound(`Không có bộ hệ số "${version.slice(0, 60)}"`);
  const rows = await db
    .select({ key: factorValues.key, value: factorValues.value, unit: factorValues.unit, source: factorValues.source })
    .from(factorValues)
    .where(eq(factorValues.setVersion, version))
    .orderBy(asc(factorValues.key));
  const values = Object.fromEntries(rows.map((r) => [r.key, r.value])) as LoadedFactorSet["values"];
  const missing = missingFactorKeys(values);
  // A set loaded by a migration lacks nothing (factors.test.ts); one that does is a broken deployment.
  if (missing.length) throw new Error(`factor set ${version} lacks ${missing.join(", ")}`);
  const result: LoadedFactorSet = {
    version: set.version,
    name: set.name,
    description: set.description,
    releasedOn: set.releasedOn,
    factors: rows,
    values,
  };
  sets.set(version, result);
  return result;
}

/** The set new calculations use: the newest released. */
export async function currentFactorSet(db: Db): Promise<LoadedFactorSet> {
  const known = newest.get(db);
  if (known && Date.now() - known.at < NEWEST_TTL_MS) return factorSet(db, known.version);
  const [row] = await db
    .select({ version: factorSets.version })
    .from(factorSets)
    .orderBy(desc(factorSets.releasedOn), desc(factorSets.version))
    .limit(1);
  if (!row) throw new Error("no factor set is loaded (migration 0016 ships one)");
  newest.set(db, { version: row.version, at: Date.now() });
  return factorSet(db, row.version);
}

/** Which set is the newest is read again at the next calculation (tests; a loaded set stays valid). */
export function forgetNewestFactorSet(db: Db): void {
  newest.delete(db);
}
