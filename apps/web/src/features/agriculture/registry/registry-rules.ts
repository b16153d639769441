import { PLAN_MANAGERS, type Certification, type CurrentUser, type Farm, type Plot } from "@phuong-xanh/shared";

/** Phòng Kinh tế's unit code in the ward's list of units (as the diary and certificate pages know it). */
const AGRICULTURE_UNIT_CODE = "kinh-te";

/**
 * Who keeps the farm registry, as the server decides (agriculture/registry.ts): the plan managers
 * and Phòng Kinh tế's officers, the owners of the GAP indicator. Everyone else gets no menu entry
 * (the API refuses them, so the page shows no list and no button).
 */
export function canKeepRegistry(user: Pick<CurrentUser, "role" | "unit">): boolean {
  return (
    PLAN_MANAGERS.includes(user.role) || (user.role === "unit_officer" && user.unit?.code === AGRICULTURE_UNIT_CODE)
  );
}

export const registryPaths = {
  list: "/nong-ho",
  farm: (id: string) => `/nong-ho/${encodeURIComponent(id)}`,
  /** The diary page, opened on a season (see diary-choice.ts: choiceFromSearch). */
  diary: (season: { farmId: string; plotId: string; id: string }) =>
    `/nhat-ky?co-so=${encodeURIComponent(season.farmId)}&thua=${encodeURIComponent(season.plotId)}&vu=${encodeURIComponent(season.id)}`,
};

/** How a certificate stands today: counts, withdrawn (from when), or out of its validity. */
export function certificationState(c: Pick<Certification, "valid" | "withdrawnOn">): "valid" | "withdrawn" | "expired" {
  if (c.valid) return "valid";
  return c.withdrawnOn ? "withdrawn" : "expired";
}

/** The certificate a plot shows first: a valid one, else the latest issued. */
export function currentCertification(plot: Pick<Plot, "certifications">): Certification | undefined {
  return (
    plot.certifications.find((c) => c.valid) ??
    [...plot.certifications].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]
  );
}

/** The farm form's fields, as antd holds them. */
export type FarmValues = {
  kind: Farm["kind"];
  name: string;
  representative?: string | null | undefined;
  phone?: string | null | undefined;
  residentialGroup?: string | null | undefined;
  address?: string | null | undefined;
  proxyConsent: boolean;
  active: boolean;
};

export function farmValues(farm: Farm | undefined): FarmValues {
  if (!farm) return { kind: "household", name: "", proxyConsent: false, active: true };
  return {
    kind: farm.kind,
    name: farm.name,
    representative: farm.representative,
    phone: farm.phone,
    residentialGroup: farm.residentialGroup?.code ?? null,
    address: farm.address,
    proxyConsent: farm.proxyConsentAt !== null,
    active: farm.active,
  };
}

/** The body to check with the shared schema: empty texts become null, the version seen rides along. */
export function farmBody(values: FarmValues, farm: Farm | undefined): Record<string, unknown> {
  const text = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === "" ? null : v);
  return {
    kind: values.kind,
    name: values.name,
    representative: text(values.representative),
    phone: text(values.phone),
    residentialGroup: values.residentialGroup ?? null,
    address: text(values.address),
    proxyConsent: values.proxyConsent,
    active: values.active,
    ...(farm ? { version: farm.version } : {}),
  };
}

/** The plot form's fields. */
export type PlotValues = {
  name: string;
  areaHa: number | null | undefined;
  residentialGroup: string | undefined;
  crop: string;
  latitude: number | null | undefined;
  longitude: number | null | undefined;
  active: boolean;
};

export function plotValues(plot: Plot | undefined, farm: Farm): PlotValues {
  if (!plot)
    return {
      name: "",
      areaHa: undefined,
      residentialGroup: farm.residentialGroup?.code,
      crop: "",
      latitude: null,
      longitude: null,
      active: true,
    };
  return {
    name: plot.name,
    areaHa: plot.areaHa,
    residentialGroup: plot.residentialGroup.code,
    crop: plot.crop,
    latitude: plot.latitude,
    longitude: plot.longitude,
    active: plot.active,
  };
}

export function plotBody(values: PlotValues, farm: Farm, plot: Plot | undefined): Record<string, unknown> {
  return {
    farmId: farm.id,
    name: values.name,
    areaHa: values.areaHa ?? undefined,
    residentialGroup: values.residentialGroup ?? "",
    crop: values.crop,
    latitude: values.latitude ?? null,
    longitude: values.longitude ?? null,
    // The outline is kept as it is (this form does not draw one).
    outline: plot?.outline ?? null,
    active: values.active,
    ...(plot ? { version: plot.version } : {}),
  };
}

/** Where to put the plot's pin: its point, else the middle of its outline's first ring. */
export function plotPoint(plot: Pick<Plot, "latitude" | "longitude" | "outline">): { lat: number; lng: number } | null {
  if (plot.latitude !== null && plot.longitude !== null) return { lat: plot.latitude, lng: plot.longitude };
  const ring = plot.outline?.coordinates[0];
  if (!ring || ring.length === 0) return null;
  const points = ring.slice(0, -1).length ? ring.slice(0, -1) : ring;
  const lng = points.reduce((s, p) => s + p[0], 0) / points.length;
  const lat = points.reduce((s, p) => s + p[1], 0) / points.length;
  return { lat, lng };
}
