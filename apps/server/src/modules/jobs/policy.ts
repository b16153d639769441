import type { Actor } from "../../lib/actor.js";

/** Backups and background jobs concern the whole deployment: ward admins see them, no one else. */
export const canSeeSystemStatus = (actor: Actor): boolean => actor.role === "admin";
