import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import { todayInVietnam } from "../../lib/actor.js";
import { REQUEST_ID_HEADER, requestIdOf } from "../../lib/logging.js";
import type { SnapshotCache } from "./cache.js";
import type { RevisionTracker } from "./revisions.js";
import { snapshotAnswer, snapshotVersion } from "./answer.js";

/** Which snapshot a public URL was last answered from, and what else its answer carried. */
export type FrontRoute = {
  cacheKey: string;
  /** The ward whose revision the snapshot follows; null: every ward's (the city's views). */
  wardId: string | null;
  /** The route's pattern (/api/public/tasks/:code), for metrics: one series per route. */
  route: string;
  /** Headers the app set before the snapshot's own (security headers, CORS), as name, value, … */
  headers: string[];
};

/** Set per request, never replayed (a rate limit's count included, should a public route get one). */
const NOT_REPLAYED = new Set([REQUEST_ID_HEADER, "set-cookie", "connection", "content-length", "retry-after"]);
const notReplayed = (name: string) => NOT_REPLAYED.has(name) || name.startsWith("x-ratelimit-");

/** What a public answer may depend on besides its snapshot: the URL, and the origin it names. */
function routeKey(request: IncomingMessage): string {
  const h = request.headers;
  return `${request.url}\n${h.host ?? ""}\n${h["x-forwarded-host"] ?? ""}\n${h["x-forwarded-proto"] ?? ""}`;
}

/**
 * Public URLs the app has answered from a snapshot (as an in-process reverse proxy keeps them):
 * the next request for the same URL is answered before the framework sees it, while the snapshot
 * is current. Bounded: the oldest URL goes first past `maxRoutes` (a flood of made-up query
 * strings costs memory once, not without end).
 */
export class FrontRoutes {
  private readonly routes = new Map<string, FrontRoute>();

  constructor(private readonly maxRoutes = 10_000) {}

  get size(): number {
    return this.routes.size;
  }

  /** Records how this request was answered (after a full pass through the app). */
  remember(
    request: IncomingMessage,
    route: Omit<FrontRoute, "headers">,
    headersSoFar: Record<string, string | number | string[] | undefined>,
  ): void {
    const key = routeKey(request);
    const known = this.routes.get(key);
    if (known && known.cacheKey === route.cacheKey && known.wardId === route.wardId) return;
    const headers: string[] = [];
    for (const [name, value] of Object.entries(headersSoFar)) {
      if (value === undefined || notReplayed(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.push(name, String(one));
    }
    if (!known && this.routes.size >= this.maxRoutes) {
      const oldest = this.routes.keys().next();
      if (!oldest.done) this.routes.delete(oldest.value);
    }
    this.routes.set(key, { ...route, headers });
  }

  find(request: IncomingMessage): FrontRoute | undefined {
    return this.routes.get(routeKey(request));
  }
}

export type FrontDoorOptions = {
  routes: FrontRoutes;
  tracker: RevisionTracker;
  cache: SnapshotCache;
  /** False while the app must answer itself (shutting down, database away). */
  open: () => boolean;
  /** The access log (one line per request, as the app writes it). */
  log: FastifyBaseLogger;
  /** The client's address as the app sees it (through trusted proxies). */
  clientAddress: (request: IncomingMessage) => string | undefined;
  observe?: ((method: string, route: string, status: number, seconds: number) => void) | undefined;
};

/**
 * The front door: answers a GET for a public URL straight from its current snapshot, or returns
 * false for the app to answer. Current means what the app would answer now: the ward's revision
 * is fresh in this process (read within the last second, and no write through this process
 * since) and the snapshot held is the one for that revision and today. So it never answers
 * anything older than the app itself would; it only skips the framework's per-request work
 * (routing, hooks, validation), which is most of a cached read's cost.
 */
export function frontDoor(options: FrontDoorOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const { routes, tracker, cache, log, clientAddress, observe } = options;
  return (request, response) => {
    if (request.method !== "GET" || !options.open()) return false;
    const route = routes.find(request);
    if (!route) return false;
    const revision = route.wardId === null ? tracker.knownCityRevision() : tracker.knownRevision(route.wardId);
    if (revision === undefined) return false;
    const snapshot = cache.peek(route.cacheKey, snapshotVersion(revision, todayInVietnam()));
    if (!snapshot) return false;
    const started = performance.now();
    const requestId = requestIdOf(request);
    // Read before the answer goes: a client that closes at once takes its socket's address with it.
    const remoteAddress = clientAddress(request);
    const remotePort = request.socket.remotePort;
    const answer = snapshotAnswer(
      snapshot,
      "public",
      request.headers["accept-encoding"],
      request.headers["if-none-match"],
    );
    const headers = [...route.headers, REQUEST_ID_HEADER, requestId, ...answer.headers];
    if (answer.body) headers.push("content-length", String(answer.body.length));
    response.writeHead(answer.status, headers);
    response.end(answer.body ?? undefined);
    const elapsed = performance.now() - started;
    log.info(
      {
        reqId: requestId,
        req: {
          method: request.method,
          url: request.url,
          host: request.headers.host,
          remoteAddress,
          remotePort,
        },
        res: { statusCode: answer.status },
        responseTime: elapsed,
        front: true,
      },
      "request completed",
    );
    observe?.("GET", route.route, answer.status, elapsed / 1000);
    return true;
  };
}
