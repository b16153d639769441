import { computeFootprint, type FootprintInput, type FootprintResult } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { currentFactorSet, factorSet } from "../factors/service.js";

/**
 * Dấu chân carbon: a season's footprint under a factor set (the current one unless named). The
 * result names its set, so it can be reproduced, and a stored one keeps its numbers when a newer
 * set is released.
 */
export async function footprintOf(db: Db, input: FootprintInput, version?: string): Promise<FootprintResult> {
  const set = version ? await factorSet(db, version) : await currentFactorSet(db);
  return computeFootprint(input, set.values, set.version);
}
