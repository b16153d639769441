/**
 * Photos of diary entries kept on the phone until they are sent (ảnh chờ gửi). localStorage holds a
 * few megabytes of text at most, so the photos live in IndexedDB, one record per entry, keyed by
 * the entry's clientId: the entry goes to the server first (offline-queue.ts), then its photos to
 * the saved entry, then the record is removed. The bytes are kept as ArrayBuffers (cloneable by
 * every IndexedDB, unlike a File in some older browsers).
 */

export const PHOTO_DB = "px-diary-photos";
const STORE = "photos";

export type StoredPhoto = { name: string; type: string; bytes: ArrayBuffer };

export type PendingPhotos = {
  clientId: string;
  /** Who wrote the entry: its photos are sent under that person's session only. */
  userId: string;
  seasonId: string;
  photos: StoredPhoto[];
};

export type PhotoStore = {
  put: (record: PendingPhotos) => Promise<void>;
  get: (clientId: string) => Promise<PendingPhotos | undefined>;
  remove: (clientId: string) => Promise<void>;
  all: () => Promise<PendingPhotos[]>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPhoto(value: unknown): value is StoredPhoto {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    typeof value.type === "string" &&
    value.bytes instanceof ArrayBuffer
  );
}

/** One stored record, or undefined when it is not one (an older format): ignored, not fatal. */
function parseRecord(value: unknown): PendingPhotos | undefined {
  if (!isRecord(value)) return undefined;
  const { clientId, userId, seasonId, photos } = value;
  if (typeof clientId !== "string" || typeof userId !== "string" || typeof seasonId !== "string") return undefined;
  if (!Array.isArray(photos) || !photos.every(isPhoto)) return undefined;
  return { clientId, userId, seasonId, photos };
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE))
        request.result.createObjectStore(STORE, { keyPath: "clientId" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB open failed"));
  });
}

/** The store over an IndexedDB factory (the browser's, or fake-indexeddb in the unit test). */
export function indexedDbPhotoStore(factory: IDBFactory, name: string = PHOTO_DB): PhotoStore {
  let db: Promise<IDBDatabase> | undefined;
  const connection = () => (db ??= open(factory, name));

  async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = (await connection()).transaction(STORE, mode);
    const result = done(act(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
    return result;
  }

  return {
    put: async (record) => {
      await run("readwrite", (store) => store.put(record));
    },
    get: async (clientId) => parseRecord(await run("readonly", (store) => store.get(clientId))),
    remove: async (clientId) => {
      await run("readwrite", (store) => store.delete(clientId));
    },
    all: async () => {
      const rows: unknown[] = await run("readonly", (store) => store.getAll());
      return rows.map(parseRecord).filter((r): r is PendingPhotos => r !== undefined);
    },
  };
}

/** Where IndexedDB is missing (a private window of an old browser): kept while the page is open. */
export function memoryPhotoStore(): PhotoStore {
  const records = new Map<string, PendingPhotos>();
  return {
    put: (record) => {
      records.set(record.clientId, record);
      return Promise.resolve();
    },
    get: (clientId) => Promise.resolve(records.get(clientId)),
    remove: (clientId) => {
      records.delete(clientId);
      return Promise.resolve();
    },
    all: () => Promise.resolve([...records.values()]),
  };
}

let shared: PhotoStore | undefined;

/** The page's store: IndexedDB when the browser has it. */
export function photoStore(): PhotoStore {
  shared ??= typeof indexedDB === "undefined" ? memoryPhotoStore() : indexedDbPhotoStore(indexedDB);
  return shared;
}

/** A chosen file as stored. */
export async function toStoredPhoto(file: File): Promise<StoredPhoto> {
  return { name: file.name || "anh.jpg", type: file.type || "image/jpeg", bytes: await file.arrayBuffer() };
}

/** A stored photo as a file again, for the upload or a thumbnail. */
export function toFile(photo: StoredPhoto): File {
  return new File([photo.bytes], photo.name, { type: photo.type });
}
