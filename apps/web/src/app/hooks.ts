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

/** Units people report for, without the external bodies of the city. */
export function assignableUnits(units: Unit[] | undefined): Unit[] {
  return (units ?? []).filter((u) => u.kind !== "external");
}

export function residentialGroups(units: Unit[] | undefined): Unit[] {
  return (units ?? []).filter((u) => u.kind === "residential_group");
}
