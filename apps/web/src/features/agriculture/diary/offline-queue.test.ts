import { describe, expect, it } from "vitest";
import { diaryEntryInputSchema, type DiaryEntryInput } from "@phuong-xanh/shared";
import {
  batchesToSend,
  clearError,
  enqueue,
  loadQueue,
  markFailed,
  MAX_BATCH,
  newClientId,
  QUEUE_KEY,
  queuedFor,
  saveQueue,
  withoutEntries,
  type KeyValueStore,
  type QueuedEntry,
} from "./offline-queue";

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const SEASON_A = "11111111-1111-4111-8111-111111111111";
const SEASON_B = "22222222-2222-4222-8222-222222222222";

const entry = (n: number, extra: Partial<DiaryEntryInput> = {}): DiaryEntryInput => ({
  clientId: uuid(n),
  occurredOn: "2026-11-20",
  details: { kind: "irrigation", waterRegime: "multiple_drainage" },
  ...extra,
});

const item = (n: number, seasonId = SEASON_A, userId = "u1"): QueuedEntry => ({
  userId,
  seasonId,
  entry: entry(n),
  queuedAt: `2026-11-20T08:00:${String(n).padStart(2, "0")}.000Z`,
});

describe("the offline diary queue", () => {
  it("survives a reload: what is saved is loaded back", () => {
    const store = memoryStore();
    const queue = enqueue(enqueue([], item(1)), item(2, SEASON_B));
    expect(saveQueue(store, queue)).toBe(true);
    expect(loadQueue(store)).toEqual(queue);
  });

  it("starts empty, and drops what it cannot read rather than failing", () => {
    expect(loadQueue(memoryStore())).toEqual([]);
    expect(loadQueue(memoryStore({ [QUEUE_KEY]: "not json" }))).toEqual([]);
    expect(loadQueue(memoryStore({ [QUEUE_KEY]: '{"a":1}' }))).toEqual([]);
    const broken = { ...item(3), entry: { ...entry(3), clientId: "not-a-uuid" } };
    const store = memoryStore({ [QUEUE_KEY]: JSON.stringify([item(1), broken, 42]) });
    expect(loadQueue(store)).toEqual([item(1)]);
  });

  it("says so when the phone will not store it", () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    };
    expect(saveQueue(full, [item(1)])).toBe(false);
  });

  it("replaces an entry edited before it was sent, by its clientId", () => {
    const edited = { ...item(1), entry: entry(1, { note: "Sửa lại" }) };
    const queue = enqueue([item(1), item(2)], edited);
    expect(queue).toHaveLength(2);
    expect(queue[0]?.entry.note).toBe("Sửa lại");
  });

  it("sends one batch per season, oldest first, only the writer's own and none the server refused", () => {
    const queue = [
      item(3),
      item(1),
      item(2, SEASON_B),
      item(4, SEASON_A, "u2"),
      { ...item(5), error: "Vụ đã kết thúc" },
    ];
    expect(batchesToSend(queue, "u1")).toEqual([
      { seasonId: SEASON_A, entries: [entry(1), entry(3)] },
      { seasonId: SEASON_B, entries: [entry(2)] },
    ]);
    expect(batchesToSend(queue, "u2")).toEqual([{ seasonId: SEASON_A, entries: [entry(4)] }]);
  });

  it("splits a long queue into batches the API takes", () => {
    const queue = Array.from({ length: MAX_BATCH + 5 }, (_, i) => item(i + 1));
    const batches = batchesToSend(queue, "u1");
    expect(batches.map((b) => b.entries.length)).toEqual([MAX_BATCH, 5]);
  });

  it("removes what the server saved, marks what it refused, and lets a refused entry be sent again", () => {
    const queue = [item(1), item(2), item(3)];
    expect(withoutEntries(queue, [uuid(1), uuid(3)])).toEqual([item(2)]);
    const failed = markFailed(queue, [uuid(2)], "Ngày ghi chép trước ngày bắt đầu vụ");
    expect(failed[1]?.error).toBe("Ngày ghi chép trước ngày bắt đầu vụ");
    expect(batchesToSend(failed, "u1")[0]?.entries).toEqual([entry(1), entry(3)]);
    expect(clearError(failed, uuid(2))).toEqual(queue);
  });

  it("lists a season's waiting entries for the one who wrote them", () => {
    const queue = [item(1), item(2, SEASON_B), item(3, SEASON_A, "u2")];
    expect(queuedFor(queue, "u1", SEASON_A)).toEqual([item(1)]);
  });
});

describe("a new entry's clientId", () => {
  it("is a UUID the API takes, different every time", () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(diaryEntryInputSchema.safeParse(entry(1, { clientId: id })).success, id).toBe(true);
  });
});
