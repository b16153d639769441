import { z } from "zod";
import {
  extensionSummarySchema,
  farmExtensionSchema,
  modelSchema,
  plotSchema,
  seasonSchema,
  modelSummarySchema,
  trainingSchema,
  trainingSummarySchema,
  type AddAttendees,
  type ExtensionKind,
  type SaveModel,
  type SaveTraining,
} from "@phuong-xanh/shared";
import { apiGet, apiSend, apiUpload } from "../../lib/api";

/** The extension endpoints (apps/server/src/modules/extension/routes.ts), checked with the shared schemas. */
const path = (kind: ExtensionKind) => (kind === "training" ? "trainings" : "models");
const id = (value: string) => encodeURIComponent(value);

export const extensionApi = {
  trainings: () => apiGet("/api/extension/trainings", z.array(trainingSummarySchema)),
  training: (trainingId: string) => apiGet(`/api/extension/trainings/${id(trainingId)}`, trainingSchema),
  createTraining: (body: SaveTraining) => apiSend("POST", "/api/extension/trainings", trainingSchema, body),
  editTraining: (trainingId: string, body: SaveTraining) =>
    apiSend("PUT", `/api/extension/trainings/${id(trainingId)}`, trainingSchema, body),
  /** The scanned, signed attendance sheet (multipart field `file`). */
  attachSheet: (trainingId: string, form: FormData) =>
    apiUpload(`/api/extension/trainings/${id(trainingId)}/sheet`, form, trainingSchema),
  models: () => apiGet("/api/extension/models", z.array(modelSummarySchema)),
  model: (modelId: string) => apiGet(`/api/extension/models/${id(modelId)}`, modelSchema),
  createModel: (body: SaveModel) => apiSend("POST", "/api/extension/models", modelSchema, body),
  editModel: (modelId: string, body: SaveModel) =>
    apiSend("PUT", `/api/extension/models/${id(modelId)}`, modelSchema, body),
  addAttendees: (kind: ExtensionKind, activityId: string, body: AddAttendees) =>
    apiSend("POST", `/api/extension/${path(kind)}/${id(activityId)}/attendees`, z.object({ added: z.number() }), body),
  removeAttendee: (kind: ExtensionKind, activityId: string, attendeeId: string, version: number) =>
    apiSend(
      "DELETE",
      `/api/extension/${path(kind)}/${id(activityId)}/attendees/${id(attendeeId)}`,
      z.object({ ok: z.literal(true) }),
      undefined,
      { version },
    ),
  /** The registry's plots (the keepers' read), for choosing a model's host plot. */
  plots: () => apiGet("/api/agriculture/plots", z.array(plotSchema)),
  plotSeasons: (plotId: string) => apiGet(`/api/agriculture/plots/${id(plotId)}/seasons`, z.array(seasonSchema)),
  farm: (farmId: string) => apiGet(`/api/extension/farms/${id(farmId)}`, farmExtensionSchema),
  summary: (year: number) => apiGet("/api/extension/summary", extensionSummarySchema, { year }),
};

export const extensionKeys = {
  all: ["extension"] as const,
  trainings: ["extension", "trainings"] as const,
  training: (trainingId: string) => ["extension", "training", trainingId] as const,
  models: ["extension", "models"] as const,
  model: (modelId: string) => ["extension", "model", modelId] as const,
  summary: (year: number) => ["extension", "summary", year] as const,
  plots: ["extension", "plots"] as const,
  plotSeasons: (plotId: string) => ["extension", "plot-seasons", plotId] as const,
};
