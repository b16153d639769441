import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import type { PublicLanguage } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam } from "../../lib/actor.js";
import { notFound } from "../../lib/errors.js";
import { SnapshotCache, type Snapshot, type SnapshotContent } from "./cache.js";
import { RevisionTracker } from "./revisions.js";

export type { SnapshotContent } from "./cache.js";

export type SnapshotWard = { id: string; code: string; name: string; province: string; isDemo: boolean };

export type SnapshotSpec = {
  /** A ward code (`?ward=`; undefined = the first ward opened) or a ward already known by id. */
  ward: string | undefined | { id: string };
  /**
   * What distinguishes this answer within the ward: the route and its parameters, and for a
   * private read the viewer's scope (role, unit) — never anything the build does not depend on.
   */
  key: string;
  /** public: anyone, held by proxies briefly; private: one signed-in viewer's scope. */
  visibility: "public" | "private";
  lang?: PublicLanguage | undefined;
  /**
   * The answer's schema: a JSON build is parsed with it once per build (unknown fields dropped,
   * shape checked), never per request.
   */
  schema?: ZodType;
  /** Builds the answer from the database. Runs only when the ward's data or the day moved. */
  build: (input: { ward: SnapshotWard; lang: PublicLanguage; today: string }) => Promise<SnapshotContent>;
};

export type CitySnapshotSpec = Omit<SnapshotSpec, "ward" | "build"> & {
  /** Builds the answer from every ward's data. Runs only when some ward's data or the day moved. */
  build: (input: { lang: PublicLanguage; today: string }) => Promise<SnapshotContent>;
};

/** The snapshot store of one app process: revisions as last read, and the encoded answers. */
export class Snapshots {
  readonly tracker: RevisionTracker;
  readonly cache: SnapshotCache;

  constructor(db: Db, options: { maxBytes?: number; revisionTtlMs?: number } = {}) {
    this.tracker = new RevisionTracker(db, options.revisionTtlMs);
    this.cache = new SnapshotCache(options.maxBytes ?? 256 * 1024 * 1024);
  }
}

/**
 * A CDN or reverse proxy may hold a public answer for 10 s (and serve it 30 s more while it
 * asks again); browsers ask every time, and get 304 while the ETag holds.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30";
export const PRIVATE_CACHE_CONTROL = "private, no-cache";

/** Serves a read from the ward's snapshot, rebuilt only when the ward's revision or the day moved. */
export async function serveSnapshot(
  snapshots: Snapshots,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: SnapshotSpec,
): Promise<FastifyReply> {
  const ward = await snapshots.tracker.ward(spec.ward);
  if (!ward) throw notFound("Không tìm thấy phường");
  const revision = await snapshots.tracker.revision(ward.id);
  const lang = spec.lang ?? "vi";
  const today = todayInVietnam();
  const snapshot = await snapshots.cache.get(
    `${spec.visibility}|${ward.id}|${lang}|${spec.key}`,
    `${revision}|${today}`,
    async () =>
      checked(
        spec.schema,
        await spec.build({
          ward: { id: ward.id, code: ward.code, name: ward.name, province: ward.province, isDemo: ward.isDemo },
          lang,
          today,
        }),
      ),
  );
  return sendSnapshot(request, reply, snapshot, spec.visibility);
}

/** Serves a read across all wards (the city's views), rebuilt when any ward's revision moves. */
export async function serveCitySnapshot(
  snapshots: Snapshots,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: CitySnapshotSpec,
): Promise<FastifyReply> {
  const revision = await snapshots.tracker.cityRevision();
  const lang = spec.lang ?? "vi";
  const today = todayInVietnam();
  const snapshot = await snapshots.cache.get(
    `${spec.visibility}|city|${lang}|${spec.key}`,
    `${revision}|${today}`,
    async () => checked(spec.schema, await spec.build({ lang, today })),
  );
  return sendSnapshot(request, reply, snapshot, spec.visibility);
}

function checked(schema: ZodType | undefined, content: SnapshotContent): SnapshotContent {
  if (!schema || !("json" in content)) return content;
  return { ...content, json: schema.parse(content.json) };
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for it). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  for (const part of header.split(",")) {
    const tag = part.trim();
    if ((tag.startsWith("W/") ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}

/** The codings a client takes (q > 0), from Accept-Encoding. */
function accepts(header: string | undefined, coding: "br" | "gzip"): boolean {
  if (!header || !header.includes(coding)) return false;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (name?.trim() !== coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

export function sendSnapshot(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  visibility: "public" | "private",
): FastifyReply {
  reply
    .header("etag", snapshot.etag)
    .header("cache-control", visibility === "public" ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL)
    .header("vary", "accept-encoding");
  if (snapshot.lastModified) reply.header("last-modified", snapshot.lastModified);
  if (etagMatches(request.headers["if-none-match"], snapshot.etag)) return reply.code(304).send();
  reply.header("content-type", snapshot.contentType);
  if (snapshot.filename)
    reply.header("content-disposition", `attachment; filename="${snapshot.filename.replace(/[^\w.-]/g, "_")}"`);
  const acceptEncoding = request.headers["accept-encoding"];
  if (snapshot.br && accepts(acceptEncoding, "br")) return reply.header("content-encoding", "br").send(snapshot.br);
  if (snapshot.gzip && accepts(acceptEncoding, "gzip"))
    return reply.header("content-encoding", "gzip").send(snapshot.gzip);
  return reply.send(snapshot.identity);
}
