import { useQuery } from "@tanstack/react-query";
import type { TaskStatus, Unit } from "@phuong-xanh/shared";
import { api, queryKeys } from "../lib/endpoints";
import { useI18n } from "../i18n/i18n";

/** Units change rarely: fetched once per session. */
export function useUnits() {
  return useQuery({
    queryKey: queryKeys.units,
    queryFn: api.units,
    staleTime: 10 * 60_000,
  });
}

export function useStatuses() {
  return useQuery({
    queryKey: queryKeys.statuses,
    queryFn: api.statuses,
    staleTime: 10 * 60_000,
  });
}

/** The label of a task status in the current language; the code when the ward has no such status. */
export function useStatusLabel(): (code: string) => string {
  const { language } = useI18n();
  const { data } = useStatuses();
  return (code: string) => {
    const status = data?.find((s: TaskStatus) => s.code === code);
    if (!status) return code;
    return language === "vi" ? status.labelVi : status.labelEn;
  };
}

/**
 * Units one may PICK for new work: the active ones. An inactive unit named in `keep` (the value a
 * field already holds, say the owner of an old task) stays, so the field still shows its name.
 * Places that only DISPLAY a unit resolve it from the full list, inactive ones included.
 */
export function activeUnits(units: Unit[] | undefined, keep: readonly (string | null | undefined)[] = []): Unit[] {
  return (units ?? []).filter((u) => u.active || keep.includes(u.id));
}

/** Units people report for, without the external bodies of the city (active ones, plus `keep`). */
export function assignableUnits(units: Unit[] | undefined, keep: readonly (string | null | undefined)[] = []): Unit[] {
  return activeUnits(units, keep).filter((u) => u.kind !== "external");
}

/** The active residential groups (tổ dân phố), in their natural order: "TDP 2" before "TDP 10". */
export function residentialGroups(units: Unit[] | undefined): Unit[] {
  return activeUnits(units)
    .filter((u) => u.kind === "residential_group")
    .sort((a, b) => a.code.localeCompare(b.code, "vi", { numeric: true }));
}
