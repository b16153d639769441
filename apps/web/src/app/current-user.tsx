import { createContext, useContext } from "react";
import { PLAN_MANAGERS, type CurrentUser } from "@phuong-xanh/shared";

export const CurrentUserContext = createContext<CurrentUser | undefined>(undefined);

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser must be used inside the signed-in staff app");
  return user;
}

/** Admin, ward leaders and the Office assign work, import the plan and edit it. */
export function isPlanManager(user: CurrentUser): boolean {
  return PLAN_MANAGERS.includes(user.role);
}
