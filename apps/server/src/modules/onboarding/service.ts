import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { planTemplateSchema, type CreateWardRequest, type PlanTemplate } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { systemActor, type Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { recordAudit } from "../audit/service.js";
import { can } from "../identity/policy.js";
import { createUser, createWardWithUnits, listWardSummaries } from "../identity/service.js";
import { adoptPlan } from "../plan/adopt-template.js";
import { adoptIndicators } from "../indicators/service.js";

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../seed");

/** The seed plan (Việt Hòa's), the template every new ward starts from. */
export function loadSeedTemplate(file = path.join(seedDir, "viet-hoa-plan.json")): PlanTemplate {
  return planTemplateSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export type WardSpec = {
  code: string;
  name: string;
  province: string;
  isDemo: boolean;
  /** Where the ward is (WGS 84), for the city's map. */
  latitude?: number;
  longitude?: number;
};

/** Creates a ward with the template's units, plan, tasks and indicators, in one transaction. */
export async function createWardFromTemplate(
  db: Db,
  ward: WardSpec,
  template: PlanTemplate,
  trackedSince?: Date,
  openedBy = "Hệ thống",
): Promise<{ wardId: string; unitIds: Map<string, string> }> {
  return db.transaction(async (tx) => {
    const { wardId, unitIds } = await createWardWithUnits(tx, ward, template.units);
    const { planId, objectiveIds } = await adoptPlan(tx, wardId, template, unitIds, trackedSince);
    await adoptIndicators(tx, wardId, planId, template, objectiveIds, unitIds);
    await recordAudit(tx, systemActor(wardId, openedBy), {
      action: "ward.create",
      entityType: "ward",
      entityId: wardId,
      before: null,
      after: { ...ward, template: template.code },
    });
    return { wardId, unitIds };
  });
}

/**
 * A platform admin opens a new ward from the seed template with its first admin account, in one
 * transaction: a ward is never left without an admin (a taken user name undoes the ward too).
 */
export async function openWard(db: Db, actor: Actor, request: CreateWardRequest) {
  if (!can.createWard(actor)) throw forbidden("Chỉ quản trị nền tảng được mở phường mới.");
  const template = loadSeedTemplate();
  return db.transaction(async (tx) => {
    const { wardId } = await createWardFromTemplate(
      tx,
      { code: request.code, name: request.name, province: request.province, isDemo: false },
      template,
      undefined,
      actor.name,
    );
    const admin = await createUser(
      tx,
      systemActor(wardId, actor.name),
      { ...request.admin, role: "admin", unitId: null },
      { skipPolicy: true },
    );
    return { wardId, adminUserId: admin.id };
  });
}

/** The platform admin's list of wards. */
export async function listWardsForPlatform(db: Db, actor: Actor) {
  if (!can.createWard(actor)) throw forbidden("Chỉ quản trị nền tảng xem được danh sách phường.");
  return listWardSummaries(db);
}
