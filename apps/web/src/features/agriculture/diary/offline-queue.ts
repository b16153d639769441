import { diaryEntryInputSchema, type DiaryEntryInput } from "@phuong-xanh/shared";

/**
 * The phone's queue of diary entries not yet on the server (nhật ký ghi lúc mất mạng). Every new
 * entry goes through it: written to the phone first, shown at once as "waiting to sync", then sent
 * in one batch per season. The server saves an entry once by its clientId, so a batch sent twice
 * (the answer lost on a bad connection) does no harm. Pure functions over a key-value store
 * (localStorage in the browser): tested on their own.
 */

export type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

export const QUEUE_KEY = "px.diary.queue";

/** The most the API takes in one batch (syncDiarySchema). */
export const MAX_BATCH = 200;

export type QueuedEntry = {
  /** Who wrote it: a phone shared by two officers sends each one's entries under their own session. */
  userId: string;
  seasonId: string;
  entry: DiaryEntryInput;
  queuedAt: string;
  /**
   * The server's refusal of the batch (not a dropped connection, which is simply retried): the
   * entry stays on the phone with this message until it is corrected, resent or discarded.
   */
  error?: string;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One stored item, or null when it is not one (an older format, a hand edit): dropped, not fatal. */
function parseItem(value: unknown): QueuedEntry | null {
  if (!isRecord(value)) return null;
  const { userId, seasonId, entry, queuedAt, error } = value;
  if (typeof userId !== "string" || typeof seasonId !== "string" || typeof queuedAt !== "string") return null;
  const parsed = diaryEntryInputSchema.safeParse(entry);
  if (!parsed.success) return null;
  return { userId, seasonId, entry: parsed.data, queuedAt, ...(typeof error === "string" ? { error } : {}) };
}

export function loadQueue(store: KeyValueStore): QueuedEntry[] {
  let text: string | null;
  try {
    text = store.getItem(QUEUE_KEY);
  } catch {
    return [];
  }
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.map(parseItem).filter((item): item is QueuedEntry => item !== null);
}

/** False when the phone refused to store it (storage full, private mode): the caller says so. */
export function saveQueue(store: KeyValueStore, queue: readonly QueuedEntry[]): boolean {
  try {
    store.setItem(QUEUE_KEY, JSON.stringify(queue));
    return true;
  } catch {
    return false;
  }
}

/** Adds an entry, or replaces the one with the same clientId (an edit before it was sent). */
export function enqueue(queue: readonly QueuedEntry[], item: QueuedEntry): QueuedEntry[] {
  const at = queue.findIndex((q) => q.entry.clientId === item.entry.clientId);
  if (at < 0) return [...queue, item];
  return queue.map((q, i) => (i === at ? item : q));
}

export function withoutEntries(queue: readonly QueuedEntry[], clientIds: Iterable<string>): QueuedEntry[] {
  const gone = new Set(clientIds);
  return queue.filter((q) => !gone.has(q.entry.clientId));
}

export function markFailed(queue: readonly QueuedEntry[], clientIds: Iterable<string>, message: string): QueuedEntry[] {
  const failed = new Set(clientIds);
  return queue.map((q) => (failed.has(q.entry.clientId) ? { ...q, error: message } : q));
}

/** Clears an entry's refusal, so that the next sync sends it again. */
export function clearError(queue: readonly QueuedEntry[], clientId: string): QueuedEntry[] {
  return queue.map((q) => {
    if (q.entry.clientId !== clientId) return q;
    const { error: _error, ...rest } = q;
    return rest;
  });
}

export type Batch = { seasonId: string; entries: DiaryEntryInput[] };

/**
 * What to send for one person: their entries the server has not refused, one batch per season
 * (at most MAX_BATCH entries each), oldest first so the diary keeps the order they were written in.
 */
export function batchesToSend(queue: readonly QueuedEntry[], userId: string): Batch[] {
  const bySeason = new Map<string, DiaryEntryInput[]>();
  const waiting = queue
    .filter((q) => q.userId === userId && q.error === undefined)
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  for (const q of waiting) {
    const list = bySeason.get(q.seasonId) ?? [];
    list.push(q.entry);
    bySeason.set(q.seasonId, list);
  }
  const batches: Batch[] = [];
  for (const [seasonId, entries] of bySeason)
    for (let i = 0; i < entries.length; i += MAX_BATCH)
      batches.push({ seasonId, entries: entries.slice(i, i + MAX_BATCH) });
  return batches;
}

export function queuedFor(queue: readonly QueuedEntry[], userId: string, seasonId: string): QueuedEntry[] {
  return queue.filter((q) => q.userId === userId && q.seasonId === seasonId);
}

/**
 * A new entry's clientId (UUID v4). `crypto.randomUUID` exists only in a secure context; a phone
 * that reaches the server by plain http on the ward's network still has `getRandomValues`.
 */
export function newClientId(random: Pick<Crypto, "getRandomValues"> = globalThis.crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
