import {
  diaryOverviewSchema,
  seasonSchema,
  syncResultSchema,
  type CloseSeason,
  type CreateSeason,
  type DiaryEntryInput,
  type UpdateDiaryEntry,
} from "@phuong-xanh/shared";
import { apiGet, apiRequest, apiSend } from "../../../lib/api";

/** The diary endpoints (apps/server/src/modules/agriculture/routes.ts), checked with the shared schemas. */
export const diaryApi = {
  overview: () => apiGet("/api/agriculture/diary", diaryOverviewSchema),
  season: (id: string) => apiGet(`/api/agriculture/seasons/${encodeURIComponent(id)}`, seasonSchema),
  openSeason: (plotId: string, body: CreateSeason) =>
    apiSend("POST", `/api/agriculture/plots/${encodeURIComponent(plotId)}/seasons`, seasonSchema, body),
  /** A batch from the phone: each entry is saved once, however often it is sent. */
  sync: (seasonId: string, entries: DiaryEntryInput[]) =>
    apiSend("POST", `/api/agriculture/seasons/${encodeURIComponent(seasonId)}/entries`, syncResultSchema, { entries }),
  updateEntry: (id: string, body: UpdateDiaryEntry) =>
    apiSend("PATCH", `/api/agriculture/diary/entries/${encodeURIComponent(id)}`, seasonSchema, body),
  deleteEntry: (id: string, version: number) =>
    apiSend("DELETE", `/api/agriculture/diary/entries/${encodeURIComponent(id)}`, seasonSchema, undefined, { version }),
  /** Photos of a saved entry (multipart: the version first, then the files in `photos`). */
  addPhotos: (entryId: string, version: number, photos: readonly File[]) => {
    const form = new FormData();
    form.append("version", String(version));
    for (const photo of photos) form.append("photos", photo, photo.name);
    return apiRequest(`/api/agriculture/diary/entries/${encodeURIComponent(entryId)}/photos`, {
      method: "POST",
      form,
      schema: seasonSchema,
    });
  },
  removePhoto: (entryId: string, fileId: string, version: number) =>
    apiSend(
      "DELETE",
      `/api/agriculture/diary/entries/${encodeURIComponent(entryId)}/photos/${encodeURIComponent(fileId)}`,
      seasonSchema,
      undefined,
      { version },
    ),
  closeSeason: (id: string, body: CloseSeason) =>
    apiSend("POST", `/api/agriculture/seasons/${encodeURIComponent(id)}/close`, seasonSchema, body),
};

/** Where a diary photo's bytes are read (the img src, and the full image on tap). */
export const diaryPhotoUrl = (fileId: string) => `/api/agriculture/diary/photos/${encodeURIComponent(fileId)}`;

export const diaryKeys = {
  overview: ["agriculture", "diary"] as const,
  season: (id: string) => ["agriculture", "season", id] as const,
};
