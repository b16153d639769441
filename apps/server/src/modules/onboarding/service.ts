import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { planTemplateSchema, type CreateWardRequest, type PlanTemplate } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { systemActor, type Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { createUser, createWardWithUnits } from "../identity/service.js";
import { adoptPlan } from "../plan/adopt-template.js";
import { adoptIndicators } from "../indicators/service.js";

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../seed");

/** The seed plan (Việt Hòa's), the template every new ward starts from. */
export function loadSeedTemplate(file = path.join(seedDir, "viet-hoa-plan.json")): PlanTemplate {
  return planTemplateSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export type WardSpec = { code: string; name: string; province: string; isDemo: boolean };

/** Creates a ward with the template's units, plan, tasks and indicators, in one transaction. */
export async function createWardFromTemplate(
  db: Db,
  ward: WardSpec,
  template: PlanTemplate,
  trackedSince?: Date,
): Promise<{ wardId: string; unitIds: Map<string, string> }> {
  return db.transaction(async (tx) => {
    const { wardId, unitIds } = await createWardWithUnits(tx, ward, template.units);
    const { planId, objectiveIds } = await adoptPlan(tx, wardId, template, unitIds, trackedSince);
    await adoptIndicators(tx, wardId, planId, template, objectiveIds, unitIds);
    await recordAudit(tx, systemActor(wardId), {
      action: "ward.create",
      entityType: "ward",
      entityId: wardId,
      before: null,
      after: { ...ward, template: template.code },
    });
    return { wardId, unitIds };
  });
}

/** An admin opens a new ward from the seed template, with its first admin account. */
export async function openWard(db: Db, actor: Actor, request: CreateWardRequest) {
  if (!can.createWard(actor)) throw forbidden();
  const { wardId } = await createWardFromTemplate(
    db,
    { code: request.code, name: request.name, province: request.province, isDemo: false },
    loadSeedTemplate(),
  );
  const admin = await createUser(
    db,
    { ...systemActor(wardId, actor.name) },
    { ...request.admin, role: "admin", unitId: null },
    { skipPolicy: true },
  );
  return { wardId, adminUserId: admin.id };
}
