import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "./context.js";
import {
  serveCitySnapshot as serveCity,
  serveSnapshot as serveWard,
  Snapshots,
  type CitySnapshotSpec,
  type SnapshotSpec,
} from "../modules/snapshots/service.js";

export { frontDoor } from "../modules/snapshots/front.js";
export type { CitySnapshotSpec, SnapshotContent, SnapshotSpec, SnapshotWard } from "../modules/snapshots/service.js";

/** The app's snapshot store (buildApp sets one on the context; a bare context gets its own). */
export function snapshotsOf(ctx: AppContext): Snapshots {
  ctx.snapshots ??= new Snapshots(ctx.db);
  return ctx.snapshots;
}

/**
 * Serves a read from the ward's snapshot (DESIGN: reads many make are served from snapshots,
 * rebuilt when the ward's revision moves): precompressed, with a strong ETag and 304.
 */
export function serveSnapshot(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: SnapshotSpec,
): Promise<FastifyReply> {
  return serveWard(snapshotsOf(ctx), request, reply, spec);
}

/** Serves a read across all wards (the city's views), rebuilt when any ward's revision moves. */
export function serveCitySnapshot(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: CitySnapshotSpec,
): Promise<FastifyReply> {
  return serveCity(snapshotsOf(ctx), request, reply, spec);
}

/** A query string as a snapshot key: the parsed fields, sorted, so the same filter is one key. */
export function stableQuery(query: Record<string, unknown>): string {
  return Object.keys(query)
    .filter((k) => query[k] !== undefined)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`)
    .join("&");
}
