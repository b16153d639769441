import {
  PLAN_MANAGERS,
  PRODUCER_ROLE,
  foldVietnamese,
  type Attendee,
  type CurrentUser,
  type ExtensionTopic,
  type Farm,
} from "@phuong-xanh/shared";

/**
 * Who records extension work, as the server decides it (extension/policy.ts: the keepers of the
 * farm registry): the plan managers and Phòng Kinh tế. Every other staff account of a ward reads
 * it, and so does the city; the platform admin and a producer's account do not. The menu and the buttons only spare people
 * what the API would refuse.
 */
export const AGRICULTURE_UNIT_CODE = "kinh-te";

export function canWriteExtension(user: Pick<CurrentUser, "role" | "unit">): boolean {
  return (
    PLAN_MANAGERS.includes(user.role) || (user.role === "unit_officer" && user.unit?.code === AGRICULTURE_UNIT_CODE)
  );
}

export function canReadExtension(user: Pick<CurrentUser, "role">): boolean {
  return user.role !== "platform_admin" && user.role !== PRODUCER_ROLE;
}

/** The list's filters, as the page keeps them. */
export type ExtensionFilters = { topic?: ExtensionTopic; year?: number; group?: string };

/** Keeps a class or a model when it matches every filter set (a model counts in every year it ran). */
export function matchesFilters(
  item: { topic: ExtensionTopic; residentialGroup: { code: string } | null; from: string; until: string | null },
  filters: ExtensionFilters,
): boolean {
  if (filters.topic && item.topic !== filters.topic) return false;
  if (filters.group && item.residentialGroup?.code !== filters.group) return false;
  if (filters.year !== undefined) {
    const first = Number(item.from.slice(0, 4));
    const last = Number((item.until ?? item.from).slice(0, 4));
    if (filters.year < first || filters.year > last) return false;
  }
  return true;
}

/** The years the records span, newest first, for the year filter. */
export function yearsOf(items: { from: string; until: string | null }[]): number[] {
  const years = new Set<number>();
  for (const item of items) {
    const first = Number(item.from.slice(0, 4));
    const last = Number((item.until ?? item.from).slice(0, 4));
    for (let y = first; y <= last && y - first < 50; y++) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}

/**
 * The registry farms offered for attendance: active ones not yet recorded (without a person's
 * name), matching every word of the search in the farm's name, its representative or its
 * residential group (accents and case aside), by name.
 */
export function farmsToOffer(
  farms: readonly Farm[],
  attendees: readonly Pick<Attendee, "farm" | "personName">[],
  search: string,
): Farm[] {
  const present = new Set(attendees.filter((a) => a.farm && a.personName === null).map((a) => a.farm?.id));
  const words = foldVietnamese(search).split(" ").filter(Boolean);
  return farms
    .filter((farm) => farm.active && !present.has(farm.id))
    .filter((farm) => {
      const haystack = foldVietnamese(
        [farm.name, farm.representative ?? "", farm.residentialGroup?.name ?? ""].join(" "),
      );
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** How an attendee reads in the list: "Hộ Nguyễn Văn Lúa — Nguyễn Thị Vợ", or the name alone. */
export function attendeeLabel(attendee: Pick<Attendee, "farm" | "personName">): string {
  return [attendee.farm?.name, attendee.personName].filter(Boolean).join(" — ");
}

export const TOPIC_COLOURS: Record<ExtensionTopic, string> = {
  awd: "blue",
  organic_fertiliser: "green",
  bio_pesticides: "lime",
  straw_composting: "gold",
  other: "default",
};
