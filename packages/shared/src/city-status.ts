import type { IndicatorStatus } from "./indicator-status.js";

/**
 * Một phường trên bản đồ thành phố: đúng tiến độ / có nguy cơ / chậm tiến độ / chưa có số liệu.
 * The same words as an indicator's status, so one legend reads both.
 */
export type WardStatus = "on_track" | "at_risk" | "off_track" | "no_data";

export type WardStatusInput = {
  /** Tasks and duties of the ward's plan (group headings left out). */
  tasks: { total: number; overdue: number; reported: number };
  /** The ward's indicators by status. */
  indicators: Partial<Record<IndicatorStatus, number>>;
};

/**
 * Thresholds of a ward's status. A ward is late when more than this share of its work is past
 * its deadline, or more than this share of its measured targets is off track. Chosen so that a
 * ward with a few late tasks out of ninety is "at risk", not "off track"; the city may tune them.
 */
export const WARD_STATUS_THRESHOLDS = {
  offTrackOverdueShare: 0.15,
  atRiskOverdueShare: 0.05,
  offTrackIndicatorShare: 1 / 3,
  atRiskIndicatorShare: 0.15,
} as const;

/** The status of a ward from its overdue work and its targets' statuses (pure, shared by server and tests). */
export function wardStatus(input: WardStatusInput): WardStatus {
  const count = (status: IndicatorStatus) => input.indicators[status] ?? 0;
  // Measured against a trajectory: a value and a baseline to compare it with.
  const measured = count("on_track") + count("achieved") + count("at_risk") + count("off_track");
  // Nothing reported nor measured: no data — unless deadlines passed, which they do regardless.
  const silent = input.tasks.reported === 0 && measured === 0 && count("no_baseline") === 0;
  const overdueShare = input.tasks.total > 0 ? input.tasks.overdue / input.tasks.total : 0;
  const offShare = measured > 0 ? count("off_track") / measured : 0;
  const troubleShare = measured > 0 ? (count("off_track") + count("at_risk")) / measured : 0;
  const limits = WARD_STATUS_THRESHOLDS;
  if (overdueShare > limits.offTrackOverdueShare || offShare > limits.offTrackIndicatorShare) return "off_track";
  if (
    overdueShare > limits.atRiskOverdueShare ||
    offShare > limits.atRiskIndicatorShare ||
    troubleShare > limits.offTrackIndicatorShare
  )
    return "at_risk";
  return silent ? "no_data" : "on_track";
}
