import type { Recurrence } from "./plan-template.js";
import { addDays, daysBetween } from "./periods.js";

/** Progress of a parent from its children: weighted mean, leaving out excluded (cancelled) ones. */
export function rollUpProgress(children: { progress: number; weight: number; excluded: boolean }[]): number {
  const counted = children.filter((c) => !c.excluded && c.weight > 0);
  const totalWeight = counted.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight === 0) return 0;
  return Math.round(counted.reduce((sum, c) => sum + c.progress * c.weight, 0) / totalWeight);
}

/** Days before a deadline from which a task counts as "due soon" and its owner is reminded. */
export const DUE_SOON_DAYS = 14;

/** Days between the updates a periodic duty owes. Continuous duties report monthly. */
export const UPDATE_INTERVAL_DAYS: Record<Recurrence, number | null> = {
  none: null,
  continuous: 31,
  monthly: 31,
  quarterly: 92,
  semiannual: 183,
  yearly: 366,
};

export type Timeliness = "overdue" | "due_soon" | "update_due" | "on_time" | "closed";

export type TimelinessInput = {
  deadline: string | null;
  recurrence: Recurrence;
  isClosed: boolean;
  /** Date of the last progress update, or null if never updated. */
  lastUpdateOn: string | null;
  /** When the plan started being tracked: a first update is owed one interval after it. */
  trackedSince: string;
};

/** When the next progress update of a periodic or continuous task is owed (ISO date), if ever. */
export function nextUpdateDue(
  input: Pick<TimelinessInput, "recurrence" | "lastUpdateOn" | "trackedSince">,
): string | null {
  const interval = UPDATE_INTERVAL_DAYS[input.recurrence];
  if (interval === null) return null;
  return addDays(input.lastUpdateOn ?? input.trackedSince, interval);
}

/** Trễ hạn / sắp đến hạn / đến kỳ cập nhật / đúng tiến độ, on `today`. */
export function timelinessOf(input: TimelinessInput, today: string): Timeliness {
  if (input.isClosed) return "closed";
  if (input.deadline) {
    const daysLeft = daysBetween(today, input.deadline);
    if (daysLeft < 0) return "overdue";
    if (daysLeft <= DUE_SOON_DAYS) return "due_soon";
  }
  const updateDue = nextUpdateDue(input);
  if (updateDue && updateDue <= today) return "update_due";
  return "on_time";
}
