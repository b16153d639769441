import type { FastifyReply, FastifyRequest } from "fastify";
import type { PublicLanguage } from "@phuong-xanh/shared";
import type { AppContext } from "./context.js";
import { notFound } from "./errors.js";
import { todayInVietnam } from "./actor.js";
import { findWard } from "../modules/identity/service.js";

/**
 * What a snapshot read answers: JSON, or bytes of a given type (CSV, XLSX, PNG, HTML).
 * `lastModified` (ISO 8601): when the data in the answer last changed, sent as Last-Modified —
 * part of the content, so a cached answer keeps it.
 */
export type SnapshotContent = (
  { json: unknown } | { body: string | Uint8Array; contentType: string; filename?: string }
) & { lastModified?: string | null };

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
  lang?: PublicLanguage;
  /** Builds the answer from the database. Runs only when the ward's data or the day moved. */
  build: (input: { ward: SnapshotWard; lang: PublicLanguage; today: string }) => Promise<SnapshotContent>;
};

/**
 * Serves a read from the ward's snapshot (DESIGN: reads many make are served from snapshots,
 * rebuilt when the ward's revision moves).
 */
export async function serveSnapshot(
  ctx: AppContext,
  _request: FastifyRequest,
  reply: FastifyReply,
  spec: SnapshotSpec,
): Promise<FastifyReply> {
  const ward =
    typeof spec.ward === "object" ? await findWardById(ctx, spec.ward.id) : await findWard(ctx.db, spec.ward);
  if (!ward) throw notFound("Không tìm thấy phường");
  const content = await spec.build({
    ward: { id: ward.id, code: ward.code, name: ward.name, province: ward.province, isDemo: ward.isDemo },
    lang: spec.lang ?? "vi",
    today: todayInVietnam(),
  });
  return sendContent(reply, content);
}

async function findWardById(ctx: AppContext, id: string) {
  const { wards } = await import("../modules/identity/tables.js");
  const { eq } = await import("drizzle-orm");
  const rows = await ctx.db.select().from(wards).where(eq(wards.id, id));
  return rows[0];
}

export type CitySnapshotSpec = Omit<SnapshotSpec, "ward" | "build"> & {
  /** Builds the answer from every ward's data. Runs only when some ward's data or the day moved. */
  build: (input: { lang: PublicLanguage; today: string }) => Promise<SnapshotContent>;
};

/** Serves a read across all wards (the city's views), rebuilt when any ward's revision moves. */
export async function serveCitySnapshot(
  _ctx: AppContext,
  _request: FastifyRequest,
  reply: FastifyReply,
  spec: CitySnapshotSpec,
): Promise<FastifyReply> {
  return sendContent(reply, await spec.build({ lang: spec.lang ?? "vi", today: todayInVietnam() }));
}

function sendContent(reply: FastifyReply, content: SnapshotContent): FastifyReply {
  if (content.lastModified) reply.header("last-modified", new Date(content.lastModified).toUTCString());
  if ("json" in content) return reply.type("application/json; charset=utf-8").send(JSON.stringify(content.json));
  if (content.filename)
    reply.header("content-disposition", `attachment; filename="${content.filename.replace(/[^\w.-]/g, "_")}"`);
  return reply.type(content.contentType).send(Buffer.from(content.body));
}
