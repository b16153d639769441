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

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** The current day and the instants it spans: every cached read asks, and the answer holds all day. */
let currentDay = { from: 0, until: 0, day: "" };

/** Today in Vietnam (UTC+7): deadlines are days in Hải Phòng, not in UTC. */
export function todayInVietnam(now?: Date): string {
  const ms = now ? now.getTime() : Date.now();
  if (!now && ms >= currentDay.from && ms < currentDay.until) return currentDay.day;
  const day = new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
  if (!now) {
    const from = Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
    currentDay = { from, until: from + DAY_MS, day };
  }
  return day;
}
