import {
  diaryOverviewSchema,
  seasonSchema,
  syncResultSchema,
  type CloseSeason,
  type CreateSeason,
  type DiaryEntryInput,
  type UpdateDiaryEntry,
} from "@phuong-xanh/shared";
import { apiGet, apiSend } from "../../../lib/api";

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
  closeSeason: (id: string, body: CloseSeason) =>
    apiSend("POST", `/api/agriculture/seasons/${encodeURIComponent(id)}/close`, seasonSchema, body),
};

export const diaryKeys = {
  overview: ["agriculture", "diary"] as const,
  season: (id: string) => ["agriculture", "season", id] as const,
};
