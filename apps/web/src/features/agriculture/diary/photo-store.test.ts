import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { indexedDbPhotoStore, memoryPhotoStore, toFile, toStoredPhoto, type PendingPhotos } from "./photo-store";

const bytes = (...values: number[]) => new Uint8Array(values).buffer;

const record = (clientId: string, ...photos: number[][]): PendingPhotos => ({
  clientId,
  userId: "u1",
  seasonId: "s1",
  photos: photos.map((p, i) => ({ name: `a${i}.jpg`, type: "image/jpeg", bytes: bytes(...p) })),
});

describe.each([
  ["IndexedDB", () => indexedDbPhotoStore(new IDBFactory())],
  ["memory", memoryPhotoStore],
])("photo store (%s)", (_name, make) => {
  it("keeps an entry's photos by its clientId until removed", async () => {
    const store = make();
    await store.put(record("c1", [1, 2, 3], [4]));
    await store.put(record("c2", [9]));
    const got = await store.get("c1");
    expect(got?.photos.map((p) => [...new Uint8Array(p.bytes)])).toEqual([[1, 2, 3], [4]]);
    expect(got?.seasonId).toBe("s1");
    expect((await store.all()).map((r) => r.clientId).sort()).toEqual(["c1", "c2"]);
    await store.remove("c1");
    expect(await store.get("c1")).toBeUndefined();
    expect((await store.all()).map((r) => r.clientId)).toEqual(["c2"]);
  });

  it("replaces the record when the same entry is put again", async () => {
    const store = make();
    await store.put(record("c1", [1]));
    await store.put(record("c1", [2], [3]));
    expect((await store.get("c1"))?.photos).toHaveLength(2);
    expect(await store.all()).toHaveLength(1);
  });
});

describe("IndexedDB photo store", () => {
  it("survives a new connection to the same database (a reload)", async () => {
    const factory = new IDBFactory();
    await indexedDbPhotoStore(factory, "db").put(record("c1", [7, 7]));
    const again = await indexedDbPhotoStore(factory, "db").get("c1");
    expect(again && [...new Uint8Array(again.photos[0]?.bytes ?? bytes())]).toEqual([7, 7]);
  });
});

describe("stored photos", () => {
  it("turn a chosen file into bytes and back", async () => {
    const stored = await toStoredPhoto(new File([bytes(1, 2)], "lua.png", { type: "image/png" }));
    expect(stored).toMatchObject({ name: "lua.png", type: "image/png" });
    const file = toFile(stored);
    expect(file.name).toBe("lua.png");
    expect(file.type).toBe("image/png");
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2]);
  });
});
