import type { Role } from "@phuong-xanh/shared";

/** Who is acting: the signed-in user, or the system (seed, reminders, CLI). */
export type Actor = {
  userId: string | null;
  name: string;
  wardId: string;
  role: Role;
  unitId: string | null;
};

export const systemActor = (wardId: string, name = "Hệ thống"): Actor => ({
  userId: null,
  name,
  wardId,
  role: "admin",
  unitId: null,
});

/** Today in Vietnam (UTC+7): deadlines are days in Hải Phòng, not in UTC. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
