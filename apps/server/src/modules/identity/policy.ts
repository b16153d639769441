import { PLAN_MANAGERS, PLATFORM_ROLES, type Role } from "@phuong-xanh/shared";
import type { Actor } from "../../lib/actor.js";

/**
 * Who may do what. Deny by default: each rule grants, nothing else does.
 * A unit officer changes only what their unit owns; leaders and the Office manage the plan.
 * The city (Thành phố) reads every ward and writes none: no write rule below names it.
 */
export const can = {
  managePlan: (actor: Actor) => PLAN_MANAGERS.includes(actor.role),
  /** Post progress on a task, record a measurement of an indicator. */
  reportFor: (actor: Actor, ownerUnitId: string) =>
    PLAN_MANAGERS.includes(actor.role) ||
    (actor.role === "unit_officer" && actor.unitId !== null && actor.unitId === ownerUnitId),
  viewHistory: (actor: Actor) => PLAN_MANAGERS.includes(actor.role),
  /** Link a task to the indicators it moves: plan managers, and the unit that owns the task. */
  linkTaskIndicators: (actor: Actor, taskOwnerUnitId: string): boolean => can.reportFor(actor, taskOwnerUnitId),
  /** Publish (or withdraw) an evidence photo of a task's update: the same people as reporting on it. */
  publishTaskPhoto: (actor: Actor, taskOwnerUnitId: string): boolean => can.reportFor(actor, taskOwnerUnitId),
  manageUsers: (actor: Actor) => actor.role === "admin",
  /** Units and residential groups: the admin and the Office keep the ward's list. */
  manageUnits: (actor: Actor) => actor.role === "admin" || actor.role === "office",
  /** Opening a ward is the platform's act, above any ward (DESIGN: people and access). */
  createWard: (actor: Actor) => actor.role === "platform_admin",
  /** A ward's admin neither gives a platform role (platform, city) nor touches an account that holds one. */
  grantRole: (actor: Actor, role: Role) => !PLATFORM_ROLES.includes(role) || actor.role === "platform_admin",
  /** The registry of documents in and out (sổ văn bản): the Office keeps it, leaders and the admin too. */
  manageDocuments: (actor: Actor) => actor.role === "admin" || actor.role === "ward_leader" || actor.role === "office",
  readStaff: (actor: Actor) =>
    (["admin", "ward_leader", "office", "unit_officer", "viewer", "platform_admin", "city"] as Role[]).includes(
      actor.role,
    ),
  /**
   * Phản ánh: the Office receives and routes every report (plan V.3.8); leaders and the admin
   * may too. Triage is accepting, rejecting, merging, recategorising, sending to another unit.
   */
  triageFeedback: (actor: Actor) => PLAN_MANAGERS.includes(actor.role),
  /** Handling a report (answering, changing its state, marking it fixed): triage, or its unit. */
  handleFeedback: (actor: Actor, handlingUnitId: string) =>
    can.triageFeedback(actor) ||
    (actor.role === "unit_officer" && actor.unitId !== null && actor.unitId === handlingUnitId),
  /**
   * A reporter's name, phone and email: the staff who handle the report (the Office, leaders, the
   * handling unit), never the admin, a viewer or the city (least access: Law 91/2025/QH15).
   */
  seeReporterContact: (actor: Actor, handlingUnitId: string) =>
    actor.role === "office" ||
    actor.role === "ward_leader" ||
    (actor.role === "unit_officer" && actor.unitId !== null && actor.unitId === handlingUnitId),
  /** Categories, routes and response templates: the Office and the admin. */
  manageFeedbackSettings: (actor: Actor) => actor.role === "admin" || actor.role === "office",
  /** Open311 API keys given to other apps: the admin. */
  manageApiKeys: (actor: Actor) => actor.role === "admin",
  /** One person's data, exported or erased on their request: the Office and leaders. */
  handlePersonalData: (actor: Actor) => actor.role === "office" || actor.role === "ward_leader",
  /** The city's comparison of all wards: the city, and the platform admin who opens them. */
  readCity: (actor: Actor) => actor.role === "city" || actor.role === "platform_admin",
  /** Opening any ward to read it (never to write): the city only. */
  viewAnyWard: (actor: Actor) => actor.role === "city",
};

/** Roles that REQUIRE_2FA_ADMIN makes enrol a second factor before anything else. */
export function secondFactorRequiredFor(role: string, require2faAdmin: boolean): boolean {
  return require2faAdmin && (role === "admin" || role === "platform_admin");
}
