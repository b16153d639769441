import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import type { PublicLanguage } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam } from "../../lib/actor.js";
import { notFound } from "../../lib/errors.js";
import { SnapshotCache, type Snapshot, type SnapshotContent } from "./cache.js";
import { RevisionTracker } from "./revisions.js";
import { snapshotAnswer, snapshotVersion } from "./answer.js";
import { FrontRoutes } from "./front.js";

export type { SnapshotContent } from "./cache.js";
export { etagMatches, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from "./answer.js";

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
  /** Public URLs answered from snapshots, for the front door (front.ts). */
  readonly front: FrontRoutes;

  constructor(db: Db, options: { maxBytes?: number; revisionTtlMs?: number; maxFrontRoutes?: number } = {}) {
    this.tracker = new RevisionTracker(db, options.revisionTtlMs);
    this.cache = new SnapshotCache(options.maxBytes ?? 256 * 1024 * 1024);
    this.front = new FrontRoutes(options.maxFrontRoutes);
  }
}

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
  const cacheKey = `${spec.visibility}|${ward.id}|${lang}|${spec.key}`;
  const snapshot = await snapshots.cache.get(cacheKey, snapshotVersion(revision, today), async () =>
    checked(
      spec.schema,
      await spec.build({
        ward: { id: ward.id, code: ward.code, name: ward.name, province: ward.province, isDemo: ward.isDemo },
        lang,
        today,
      }),
    ),
  );
  if (spec.visibility === "public") rememberAtFront(snapshots, request, reply, cacheKey, ward.id);
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
  const cacheKey = `${spec.visibility}|city|${lang}|${spec.key}`;
  const snapshot = await snapshots.cache.get(cacheKey, snapshotVersion(revision, today), async () =>
    checked(spec.schema, await spec.build({ lang, today })),
  );
  if (spec.visibility === "public") rememberAtFront(snapshots, request, reply, cacheKey, null);
  return sendSnapshot(request, reply, snapshot, spec.visibility);
}

/**
 * A public GET's answer depends on its URL and nothing of the viewer: the front door may answer
 * the same URL next time, with the headers set so far (security headers, CORS) and the snapshot's.
 */
function rememberAtFront(
  snapshots: Snapshots,
  request: FastifyRequest,
  reply: FastifyReply,
  cacheKey: string,
  wardId: string | null,
): void {
  if (request.method !== "GET") return;
  snapshots.front.remember(
    request.raw,
    { cacheKey, wardId, route: request.routeOptions.url ?? "unmatched" },
    reply.getHeaders(),
  );
}

function checked(schema: ZodType | undefined, content: SnapshotContent): SnapshotContent {
  if (!schema || !("json" in content)) return content;
  return { ...content, json: schema.parse(content.json) };
}

export function sendSnapshot(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  visibility: "public" | "private",
): FastifyReply {
  const answer = snapshotAnswer(
    snapshot,
    visibility,
    request.headers["accept-encoding"],
    request.headers["if-none-match"],
  );
  for (let i = 0; i < answer.headers.length; i += 2) {
    const name = answer.headers[i];
    if (name !== undefined) reply.header(name, answer.headers[i + 1]);
  }
  reply.code(answer.status);
  return answer.body ? reply.send(answer.body) : reply.send();
}
