import { z } from "zod";
import {
  certifiedShareSchema,
  farmSchema,
  plotSchema,
  seasonSchema,
  type FarmListQuery,
  type OpenFarmAccount,
  type SaveCertification,
  type SaveFarm,
  type SavePlot,
} from "@phuong-xanh/shared";
import { apiGet, apiSend } from "../../../lib/api";

/** The registry endpoints (apps/server/src/modules/agriculture/routes.ts), checked with the shared schemas. */
export const registryApi = {
  farms: (query: FarmListQuery) =>
    apiGet("/api/agriculture/farms", z.array(farmSchema), {
      ...(query.q ? { q: query.q } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.residentialGroup ? { residentialGroup: query.residentialGroup } : {}),
      ...(query.certification ? { certification: query.certification } : {}),
    }),
  farm: (id: string) => apiGet(`/api/agriculture/farms/${encodeURIComponent(id)}`, farmSchema),
  createFarm: (body: SaveFarm) => apiSend("POST", "/api/agriculture/farms", farmSchema, body),
  updateFarm: (id: string, body: SaveFarm) =>
    apiSend("PUT", `/api/agriculture/farms/${encodeURIComponent(id)}`, farmSchema, body),
  openAccount: (id: string, body: OpenFarmAccount) =>
    apiSend("POST", `/api/agriculture/farms/${encodeURIComponent(id)}/account`, farmSchema, body),
  plots: (farmId: string) => apiGet("/api/agriculture/plots", z.array(plotSchema), { farmId }),
  createPlot: (body: SavePlot) => apiSend("POST", "/api/agriculture/plots", plotSchema, body),
  updatePlot: (id: string, body: SavePlot) =>
    apiSend("PUT", `/api/agriculture/plots/${encodeURIComponent(id)}`, plotSchema, body),
  addCertification: (plotId: string, body: SaveCertification) =>
    apiSend("POST", `/api/agriculture/plots/${encodeURIComponent(plotId)}/certifications`, plotSchema, body),
  withdrawCertification: (id: string, body: { withdrawnOn: string; reason: string; version: number }) =>
    apiSend("POST", `/api/agriculture/certifications/${encodeURIComponent(id)}/withdraw`, plotSchema, body),
  shares: () => apiGet("/api/agriculture/certified-shares", z.array(certifiedShareSchema)),
  seasons: (plotId: string) =>
    apiGet(`/api/agriculture/plots/${encodeURIComponent(plotId)}/seasons`, z.array(seasonSchema)),
};

export const registryDownloads = {
  diary: (farmId: string, format: "pdf" | "xlsx") =>
    `/api/agriculture/farms/${encodeURIComponent(farmId)}/diary.${format}`,
};

export const registryKeys = {
  all: ["agriculture", "registry"] as const,
  farms: (query: FarmListQuery) => ["agriculture", "registry", "farms", query] as const,
  farm: (id: string) => ["agriculture", "registry", "farm", id] as const,
  plots: (farmId: string) => ["agriculture", "registry", "plots", farmId] as const,
  shares: ["agriculture", "registry", "shares"] as const,
  seasons: (plotId: string) => ["agriculture", "registry", "seasons", plotId] as const,
};
