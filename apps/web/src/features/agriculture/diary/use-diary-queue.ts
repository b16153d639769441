import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { MAX_DIARY_PHOTOS, type DiaryEntryInput, type Season } from "@phuong-xanh/shared";
import { ApiError } from "../../../lib/api";
import { diaryApi, diaryKeys } from "./diary-api";
import {
  batchesToSend,
  clearError,
  enqueue,
  loadQueue,
  markFailed,
  QUEUE_KEY,
  saveQueue,
  withoutEntries,
  type QueuedEntry,
} from "./offline-queue";
import { photoStore, toFile, toStoredPhoto } from "./photo-store";

/** Whether the browser says it has a connection, kept up to date by its online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

/**
 * The server said no to the batch itself (a rule, a closed season, no right to write): sending it
 * again will not help, so its entries wait on the phone with the message. A dropped connection,
 * a timeout or a server fault is simply retried later.
 */
function isRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 401 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

/** How often entries that wait are tried again while the browser says it is online. */
const RETRY_MS = 30_000;

/**
 * The phone's queue of diary entries for the signed-in person, and its sending: on load, when
 * the connection comes back (the `online` event), after each new entry, and every half minute
 * while something waits. The queue lives in localStorage, so it survives a reload or a closed tab.
 */
export function useDiaryQueue(
  userId: string,
  onSynced: (count: number) => void,
  /** Photos of an entry the server would not take (too many, not an image): dropped, and said so. */
  onPhotosRefused: (occurredOn: string, message: string) => void = () => undefined,
) {
  const queryClient = useQueryClient();
  const online = useOnline();
  const [all, setAll] = useState<QueuedEntry[]>(() => loadQueue(window.localStorage));
  const [syncing, setSyncing] = useState(false);
  const busy = useRef(false);
  const again = useRef(false);
  const synced = useRef(onSynced);
  synced.current = onSynced;
  const photosRefused = useRef(onPhotosRefused);
  photosRefused.current = onPhotosRefused;
  /** Bumped whenever the photos kept on the phone change: the thumbnails of waiting entries reload. */
  const [photosVersion, setPhotosVersion] = useState(0);

  /** Applies a change to the stored queue (re-read first: another tab may have written it). */
  const update = useCallback((change: (queue: QueuedEntry[]) => QueuedEntry[]): boolean => {
    const next = change(loadQueue(window.localStorage));
    const stored = saveQueue(window.localStorage, next);
    setAll(next);
    return stored;
  }, []);

  /**
   * The photos kept on the phone whose entry the server now has: each set goes to its saved entry
   * (found by clientId, with the version it has now), then leaves the phone. False: the connection
   * dropped, try again later.
   */
  const sendPhotos = useCallback(
    async (seasons: Map<string, Season>): Promise<boolean> => {
      const store = photoStore();
      let records;
      try {
        records = await store.all();
      } catch {
        return true;
      }
      const waiting = new Set(loadQueue(window.localStorage).map((q) => q.entry.clientId));
      for (const record of records) {
        if (record.userId !== userId || waiting.has(record.clientId)) continue;
        try {
          let season = seasons.get(record.seasonId) ?? (await diaryApi.season(record.seasonId));
          const entry = season.entries.find((e) => e.clientId === record.clientId);
          const room = entry ? MAX_DIARY_PHOTOS - entry.photos.length : 0;
          if (entry && room > 0) {
            season = await diaryApi.addPhotos(entry.id, entry.version, record.photos.slice(0, room).map(toFile));
            queryClient.setQueryData(diaryKeys.season(season.id), season);
          }
          seasons.set(record.seasonId, season);
          // Sent, or its entry is gone (deleted, discarded): nothing left to send.
          await store.remove(record.clientId);
          setPhotosVersion((v) => v + 1);
        } catch (error) {
          if (error instanceof ApiError && error.code === "CONFLICT") {
            // Edited meanwhile: read the season again next time.
            seasons.delete(record.seasonId);
            continue;
          }
          if (!isRefusal(error)) return false;
          const entry = seasons.get(record.seasonId)?.entries.find((e) => e.clientId === record.clientId);
          photosRefused.current(entry?.occurredOn ?? "", error.message);
          await store.remove(record.clientId).catch(() => undefined);
          setPhotosVersion((v) => v + 1);
        }
      }
      return true;
    },
    [userId, queryClient],
  );

  const sync = useCallback(async (): Promise<void> => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    setSyncing(true);
    let sent = 0;
    const seasons = new Map<string, Season>();
    try {
      let connected = true;
      do {
        again.current = false;
        if (!navigator.onLine) break;
        for (const batch of batchesToSend(loadQueue(window.localStorage), userId)) {
          const ids = batch.entries.map((e) => e.clientId);
          try {
            const result = await diaryApi.sync(batch.seasonId, batch.entries);
            update((queue) => withoutEntries(queue, ids));
            queryClient.setQueryData(diaryKeys.season(batch.seasonId), result.season);
            seasons.set(batch.seasonId, result.season);
            sent += ids.length;
          } catch (error) {
            if (!isRefusal(error)) {
              connected = false;
              break;
            }
            update((queue) => markFailed(queue, ids, error.message));
          }
        }
        if (connected) connected = await sendPhotos(seasons);
      } while (again.current && connected);
    } finally {
      busy.current = false;
      setSyncing(false);
    }
    if (sent > 0) {
      void queryClient.invalidateQueries({ queryKey: diaryKeys.overview });
      synced.current(sent);
    }
  }, [userId, update, queryClient, sendPhotos]);

  useEffect(() => {
    if (online) void sync();
  }, [online, sync]);

  const mine = useMemo(() => all.filter((q) => q.userId === userId), [all, userId]);
  const waiting = mine.some((q) => q.error === undefined);
  useEffect(() => {
    if (!waiting || !online) return;
    const timer = window.setInterval(() => void sync(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [waiting, online, sync]);

  // Another tab of the same browser wrote the queue (or sent it): show what it holds now.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === QUEUE_KEY) setAll(loadQueue(window.localStorage));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  /**
   * Keeps a new (or edited, not yet sent) entry on the phone, then its photos (IndexedDB), and tries
   * to send them. The entry is queued first: a sync that sends it before its photos are kept finds
   * them at the next sync, which uploads the photos of every entry the server already has.
   */
  const add = useCallback(
    async (
      seasonId: string,
      entry: DiaryEntryInput,
      photos: readonly File[] = [],
    ): Promise<{ stored: boolean; photosKept: boolean }> => {
      const stored = update((queue) => enqueue(queue, { userId, seasonId, entry, queuedAt: new Date().toISOString() }));
      let photosKept = true;
      if (stored && photos.length > 0) {
        try {
          const kept = await Promise.all(photos.slice(0, MAX_DIARY_PHOTOS).map(toStoredPhoto));
          await photoStore().put({ clientId: entry.clientId, userId, seasonId, photos: kept });
          setPhotosVersion((v) => v + 1);
        } catch {
          photosKept = false;
        }
      }
      void sync();
      return { stored, photosKept };
    },
    [update, sync, userId],
  );

  const discard = useCallback(
    (clientId: string) => {
      update((queue) => withoutEntries(queue, [clientId]));
      void photoStore()
        .remove(clientId)
        .catch(() => undefined)
        .then(() => setPhotosVersion((v) => v + 1));
    },
    [update],
  );

  const resend = useCallback(
    (clientId: string) => {
      update((queue) => clearError(queue, clientId));
      void sync();
    },
    [update, sync],
  );

  return { queue: mine, online, syncing, sync, add, discard, resend, photosVersion };
}

export type DiaryQueue = ReturnType<typeof useDiaryQueue>;
