import type { CurrentUser } from "@phuong-xanh/shared";

/**
 * Who sees which part of the settings, as the server decides it (identity/policy.ts): the pages
 * only spare an officer a button the API would refuse.
 */
type Who = Pick<CurrentUser, "role">;

/** Categories, routes and response templates: the Office and the admin. */
export function canManageSettings(user: Who): boolean {
  return user.role === "office" || user.role === "admin";
}

/** Open311 keys let another system write reports in: the admin's alone. */
export function canManageApiKeys(user: Who): boolean {
  return user.role === "admin";
}

/** One person's data, exported or erased on request: the Office and leaders (never the admin). */
export function canHandlePersonalData(user: Who): boolean {
  return user.role === "office" || user.role === "ward_leader";
}

/** The settings page shows to whoever has one of its sections. */
export function canConfigure(user: Who): boolean {
  return canManageSettings(user) || canManageApiKeys(user) || canHandlePersonalData(user);
}
