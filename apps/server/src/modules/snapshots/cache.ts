import crypto from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** What a snapshot read answers: JSON, or bytes of a given type (CSV, XLSX, PNG, HTML). */
export type SnapshotContent =
  | { json: unknown; lastModified?: string | null }
  | { body: string | Uint8Array; contentType: string; filename?: string; lastModified?: string | null };

/** One answer, encoded once: its bytes as they are and precompressed, and its strong ETag. */
export type Snapshot = {
  etag: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  filename: string | null;
  /** HTTP date of the data's last change, when the build knows it. */
  lastModified: string | null;
  bytes: number;
};

/** Below this size compression saves nothing worth a header. */
const COMPRESS_FROM_BYTES = 1_024;
const COMPRESSIBLE = /^(application\/(json|xml|javascript)|text\/|image\/svg\+xml)/;

/** Encodes once, off the event loop (zlib runs in libuv's thread pool). */
export async function encodeSnapshot(content: SnapshotContent): Promise<Snapshot> {
  const json = "json" in content;
  const identity = json
    ? Buffer.from(JSON.stringify(content.json))
    : typeof content.body === "string"
      ? Buffer.from(content.body)
      : Buffer.from(content.body.buffer, content.body.byteOffset, content.body.byteLength);
  const contentType = json ? "application/json; charset=utf-8" : content.contentType;
  const compressible = identity.length >= COMPRESS_FROM_BYTES && COMPRESSIBLE.test(contentType);
  const [gzipped, brotlied] = compressible
    ? await Promise.all([
        gzip(identity, { level: 9 }),
        brotli(identity, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
      ])
    : [null, null];
  const lastModified = content.lastModified ? new Date(content.lastModified).toUTCString() : null;
  return {
    etag: `"${crypto.createHash("sha256").update(identity).update(contentType).digest("base64url").slice(0, 32)}"`,
    contentType,
    identity,
    gzip: gzipped,
    br: brotlied,
    filename: "json" in content ? null : (content.filename ?? null),
    lastModified,
    bytes: identity.length + (gzipped?.length ?? 0) + (brotlied?.length ?? 0),
  };
}

type Entry = { version: string; snapshot: Snapshot };

/**
 * Snapshots by key, each valid for one version (a ward's revision and the day): least recently
 * used first out past `maxBytes`. A burst of requests for a stale snapshot waits on one build.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Snapshot>>();
  private totalBytes = 0;
  builds = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.totalBytes };
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** The snapshot held for this key and version, if any: no build, no wait (the front door's read). */
  peek(key: string, version: string): Snapshot | undefined {
    const entry = this.entries.get(key);
    return entry && entry.version === version ? entry.snapshot : undefined;
  }

  async get(key: string, version: string, build: () => Promise<SnapshotContent>): Promise<Snapshot> {
    const entry = this.entries.get(key);
    if (entry && entry.version === version) {
      // Most recently used last (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.snapshot;
    }
    const flight = `${key}\u0000${version}`;
    const running = this.building.get(flight);
    if (running) return running;
    const promise = this.rebuild(key, version, build, entry).finally(() => this.building.delete(flight));
    this.building.set(flight, promise);
    return promise;
  }

  private async rebuild(
    key: string,
    version: string,
    build: () => Promise<SnapshotContent>,
    previous: Entry | undefined,
  ): Promise<Snapshot> {
    this.builds += 1;
    const encoded = await encodeSnapshot(await build());
    // The same bytes as before (a write elsewhere in the ward): keep the stored object.
    const snapshot = previous && previous.snapshot.etag === encoded.etag ? previous.snapshot : encoded;
    const current = this.entries.get(key);
    if (current) {
      this.totalBytes -= current.snapshot.bytes;
      this.entries.delete(key);
    }
    if (snapshot.bytes <= this.maxBytes) {
      this.entries.set(key, { version, snapshot });
      this.totalBytes += snapshot.bytes;
      for (const [oldKey, old] of this.entries) {
        if (this.totalBytes <= this.maxBytes) break;
        this.entries.delete(oldKey);
        this.totalBytes -= old.snapshot.bytes;
      }
    }
    return snapshot;
  }
}
