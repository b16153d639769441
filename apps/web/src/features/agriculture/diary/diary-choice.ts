import type { DiaryOverview } from "@phuong-xanh/shared";
import type { KeyValueStore } from "./offline-queue";

/**
 * Which farm, plot and season the diary page shows: the last choice (kept on the phone), as far
 * as it still exists; where it does not, the only option when there is just one, else none.
 */

export const CHOICE_KEY = "px.diary.choice";

export type DiaryChoice = { farmId?: string | undefined; plotId?: string | undefined; seasonId?: string | undefined };

type Farm = DiaryOverview["farms"][number];
type Plot = Farm["plots"][number];
type SeasonSummary = Plot["seasons"][number];

export type ResolvedChoice = { farm?: Farm; plot?: Plot; season?: SeasonSummary };

export function loadChoice(store: KeyValueStore): DiaryChoice {
  try {
    const data: unknown = JSON.parse(store.getItem(CHOICE_KEY) ?? "{}");
    if (typeof data !== "object" || data === null) return {};
    const { farmId, plotId, seasonId } = data as Record<string, unknown>;
    return {
      ...(typeof farmId === "string" ? { farmId } : {}),
      ...(typeof plotId === "string" ? { plotId } : {}),
      ...(typeof seasonId === "string" ? { seasonId } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * A choice named in the page's address (the farm registry links to a season as
 * `/nhat-ky?co-so=…&thua=…&vu=…`), or none when the address names none.
 */
export function choiceFromSearch(search: string): DiaryChoice | null {
  const params = new URLSearchParams(search);
  const farmId = params.get("co-so");
  if (!farmId) return null;
  const plotId = params.get("thua");
  const seasonId = params.get("vu");
  return { farmId, ...(plotId ? { plotId } : {}), ...(seasonId ? { seasonId } : {}) };
}

export function saveChoice(store: KeyValueStore, choice: DiaryChoice): void {
  try {
    store.setItem(CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // Private mode or a full store: the choice lasts for this visit only.
  }
}

function pick<T extends { id: string }>(options: readonly T[], wanted: string | undefined): T | undefined {
  return options.find((o) => o.id === wanted) ?? (options.length === 1 ? options[0] : undefined);
}

export function resolveChoice(overview: DiaryOverview, wanted: DiaryChoice): ResolvedChoice {
  const farm = pick(overview.farms, wanted.farmId);
  if (!farm) return {};
  const plot = pick(farm.plots, wanted.plotId);
  if (!plot) return { farm };
  const season = pick(plot.seasons, wanted.seasonId);
  return season ? { farm, plot, season } : { farm, plot };
}
