import { PLAN_MANAGERS, type Role } from "@phuong-xanh/shared";
import type { Actor } from "../../lib/actor.js";

/**
 * Who may do what. Deny by default: each rule grants, nothing else does.
 * A unit officer changes only what their unit owns; leaders and the Office manage the plan.
 */
export const can = {
  managePlan: (actor: Actor) => PLAN_MANAGERS.includes(actor.role),
  /** Post progress on a task, record a measurement of an indicator. */
  reportFor: (actor: Actor, ownerUnitId: string) =>
    PLAN_MANAGERS.includes(actor.role) ||
    (actor.role === "unit_officer" && actor.unitId !== null && actor.unitId === ownerUnitId),
  viewHistory: (actor: Actor) => PLAN_MANAGERS.includes(actor.role),
  manageUsers: (actor: Actor) => actor.role === "admin",
  /** Units and residential groups: the admin and the Office keep the ward's list. */
  manageUnits: (actor: Actor) => actor.role === "admin" || actor.role === "office",
  createWard: (actor: Actor) => actor.role === "admin",
  readStaff: (actor: Actor) =>
    (["admin", "ward_leader", "office", "unit_officer", "viewer"] as Role[]).includes(actor.role),
};

/** Roles that REQUIRE_2FA_ADMIN makes enrol a second factor before anything else. */
export function secondFactorRequiredFor(role: string, require2faAdmin: boolean): boolean {
  return require2faAdmin && role === "admin";
}
