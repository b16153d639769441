import type {
  PublicCategoryList,
  PublicReport,
  PublicReportList,
  PublicReportSummary,
  SubmittedReport,
} from "@phuong-xanh/shared";
import { apiRequest } from "../../../lib/api";
import { envelope } from "../../public/portal-data";
import type { KeyValueStore } from "./report-form";

/**
 * The public report API (see feedback-contract): paths, hand-checked envelopes (no zod in these
 * chunks, as for the public plan), and the phone's storage.
 */
export const feedbackApi = {
  categories: "/api/public/feedback/categories",
  nearby: "/api/public/feedback/nearby",
  reports: "/api/public/feedback/reports",
  map: "/api/public/feedback/map",
  report: (code: string) => `/api/public/feedback/reports/${encodeURIComponent(code)}`,
  information: (code: string) => `/api/public/feedback/reports/${encodeURIComponent(code)}/information`,
  reopen: (code: string) => `/api/public/feedback/reports/${encodeURIComponent(code)}/reopen`,
};

export const feedbackPaths = {
  report: "/phan-anh",
  map: "/phan-anh/ban-do",
  follow: (code: string) => `/phan-anh/${encodeURIComponent(code)}`,
};

/** The GeoJSON of the public map (publicReportMapSchema), typed by hand to keep zod out. */
export type PublicReportMap = {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: { type: "Point"; coordinates: [number, number] };
    properties: {
      code: string;
      category: string;
      categoryName: string;
      status: PublicReportSummary["status"];
      statusLabel: string;
      open: boolean;
      approximate: boolean;
    };
  }[];
};

export const parsers = {
  categories: envelope<PublicCategoryList>("feedback categories", [
    "ward",
    "categories",
    "residentialGroups",
    "centre",
    "consent",
  ]),
  nearby: envelope<{ reports: PublicReportSummary[] }>("nearby reports", ["reports"]),
  submitted: envelope<SubmittedReport>("submitted report", ["code", "reporterKey", "followPath"]),
  report: envelope<PublicReport>("report", ["code", "status", "timeline", "unit", "dueOn"]),
  list: envelope<PublicReportList>("report list", ["total", "page", "pageSize", "reports"]),
  map: envelope<PublicReportMap>("report map", ["type", "features"]),
};

/** A POST of the public pages: never redirected to the login page, ward and language in the query. */
export function publicPost<T>(
  path: string,
  parser: { parse: (data: unknown) => T },
  body: { form: FormData } | { json: unknown },
  query: { ward: string | undefined; lang: string },
  extra: { headers?: Record<string, string>; onUploadProgress?: (sent: number, total: number) => void } = {},
): Promise<T> {
  return apiRequest(path, {
    method: "POST",
    schema: parser,
    query,
    noLoginRedirect: true,
    ...body,
    ...extra,
  });
}

/** localStorage, or a store that keeps nothing where it cannot be used (private mode, blocked). */
export function phoneStore(): KeyValueStore {
  try {
    const store = window.localStorage;
    const probe = "px.feedback.probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  }
}

/** `/phan-anh/PA-1` + ward → `/phan-anh/PA-1?ward=viet-hoa` (unless it names one already; before any #fragment). */
export function addWard(path: string, ward: string | undefined): string {
  if (!ward || /[?&]ward=/.test(path)) return path;
  const [base = "", fragment] = path.split("#", 2);
  return `${base}${base.includes("?") ? "&" : "?"}ward=${encodeURIComponent(ward)}${fragment === undefined ? "" : `#${fragment}`}`;
}
