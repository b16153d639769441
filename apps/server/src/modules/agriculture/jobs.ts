import type { Db } from "../../db/client.js";
import { systemActor } from "../../lib/actor.js";
import type { JobDefinition } from "../jobs/runner.js";
import { recomputeCertifiedShares } from "./registry.js";

export const CERTIFIED_AREA_JOB = "certified-area";

/**
 * Certificates start and lapse with the calendar, not with a write: each night the GAP/organic
 * share of the current period is computed again for every ward with plots (and a new period
 * gets its first figure on its first night).
 */
export function certifiedAreaJob(db: Db): JobDefinition {
  return {
    name: CERTIFIED_AREA_JOB,
    schedule: { cron: "15 1 * * *" },
    retry: { baseMs: 60_000, maxMs: 3_600_000 },
    timeoutMs: 30 * 60_000,
    async run() {
      const groups = await recomputeCertifiedShares(db, (wardId) => systemActor(wardId, "Hệ thống (tính chỉ tiêu)"));
      return { summary: `Đã tính lại tỷ lệ diện tích GAP, hữu cơ của ${groups} tổ dân phố` };
    },
  };
}
