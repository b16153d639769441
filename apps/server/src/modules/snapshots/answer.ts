import type { Snapshot } from "./cache.js";

/**
 * A CDN or reverse proxy may hold a public answer for 10 s (and serve it 30 s more while it
 * asks again); browsers ask every time, and get 304 while the ETag holds.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30";
export const PRIVATE_CACHE_CONTROL = "private, no-cache";

/** A snapshot is valid for one revision of its ward (or of the city) and one day. */
export function snapshotVersion(revision: number | string, today: string): string {
  return `${revision}|${today}`;
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

/** What to answer with a snapshot: 304 or its bytes in the best coding the client takes. */
export type SnapshotAnswer = {
  status: 200 | 304;
  /** name, value, name, value, … (as `writeHead` takes them) */
  headers: string[];
  body: Buffer | null;
};

/** One place decides the status, headers and bytes, for the app and for the front door alike. */
export function snapshotAnswer(
  snapshot: Snapshot,
  visibility: "public" | "private",
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): SnapshotAnswer {
  const headers = [
    "etag",
    snapshot.etag,
    "cache-control",
    visibility === "public" ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL,
    "vary",
    "accept-encoding",
  ];
  if (snapshot.lastModified) headers.push("last-modified", snapshot.lastModified);
  if (etagMatches(ifNoneMatch, snapshot.etag)) return { status: 304, headers, body: null };
  headers.push("content-type", snapshot.contentType);
  if (snapshot.filename)
    headers.push("content-disposition", `attachment; filename="${snapshot.filename.replace(/[^\w.-]/g, "_")}"`);
  if (snapshot.br && accepts(acceptEncoding, "br")) {
    headers.push("content-encoding", "br");
    return { status: 200, headers, body: snapshot.br };
  }
  if (snapshot.gzip && accepts(acceptEncoding, "gzip")) {
    headers.push("content-encoding", "gzip");
    return { status: 200, headers, body: snapshot.gzip };
  }
  return { status: 200, headers, body: snapshot.identity };
}
