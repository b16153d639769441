import { foldVietnamese, unitKindSchema, type UnitKind } from "@phuong-xanh/shared";
import type { Translate } from "../../i18n/i18n";
import { labelOr } from "../../lib/labels";

/** The kinds a ward adds by hand; the plan's own units (leadership, office, groups) come with the seed. */
export const CREATABLE_KINDS = [
  "residential_group",
  "school",
  "business",
  "mass_organisation",
  "department",
  "external",
] as const satisfies readonly UnitKind[];
export type CreatableKind = (typeof CREATABLE_KINDS)[number];

/** A residential group goes under the ward's "Tổ dân phố" unit, a school under "Trường học", … */
export const PARENT_KIND: Partial<Record<CreatableKind, UnitKind>> = {
  residential_group: "residential_group_set",
  school: "school_group",
  business: "business_group",
};

/** "Tổ dân phố" for `residential_group`; the code itself for a kind the message files do not know. */
export function unitKindLabel(t: Translate, kind: string): string {
  return labelOr(t, `unitKind.${kind}`, kind);
}

/** Where a kind sorts: the plan's order (leadership first, residential groups last but the city). */
export function kindRank(kind: string): number {
  const index = (unitKindSchema.options as readonly string[]).indexOf(kind);
  return index < 0 ? unitKindSchema.options.length : index;
}

/** The longest code `createUnitRequestSchema` takes. */
export const MAX_CODE = 40;

/** A code suggested from the short name: "TDP 13" → "tdp-13", "MN Việt Hòa" → "mn-viet-hoa". */
export function suggestCode(shortName: string): string {
  return foldVietnamese(shortName)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_CODE)
    .replace(/-+$/, "");
}
