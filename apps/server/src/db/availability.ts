import { AppError } from "../lib/errors.js";

/**
 * SQLSTATEs and socket errors that mean "the database is not there right now", as opposed to a
 * fault of the query: class 08 (connection exception), 57P01–57P03 (administrator or crash
 * shutdown, still starting up), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error",
  "Cannot use a pool after calling end",
  "Client was closed and is not queryable",
  "PGlite is closed",
];

/** Whether an error (or anything in its `cause` chain: drizzle wraps driver errors) is the database being away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (code.startsWith("08") && code.length === 5) return true;
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    }
    if (UNAVAILABLE_MESSAGES.some((m) => current instanceof Error && current.message.includes(m))) return true;
    // AggregateError (e.g. both IPv4 and IPv6 refused) carries its causes in `errors`.
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.some((e) => isDatabaseUnavailable(e))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * pg-pool's answer when all its connections stayed busy for the whole connect timeout: the
 * database is there but saturated (a burst, a slow query). That request gets a 503 to retry, but
 * the database is not marked down — that would refuse every other request too. (A server that is
 * really away fails its connection attempts with a connection error, which marks it down.)
 */
const POOL_SATURATED_MESSAGE = "timeout exceeded when trying to connect";

export function isPoolSaturated(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    if (current.message.includes(POOL_SATURATED_MESSAGE)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Seconds a client should wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () =>
  new AppError(
    "DATABASE_UNAVAILABLE",
    "Cơ sở dữ liệu tạm thời không truy cập được; hệ thống sẽ tự kết nối lại. Vui lòng thử lại sau ít giây.",
    503,
  );

type Probe = () => Promise<unknown>;

/**
 * Tracks whether the database answers. A connection fault marks it down; while down, requests
 * are refused at once with 503 (instead of each waiting for a connect timeout) and a probe every
 * quarter second (one failed TCP connect: nothing) looks for its return, so the app recovers by
 * itself within a fraction of a second.
 */
export class DatabaseMonitor {
  private down = false;
  private since: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly listeners = new Set<(up: boolean) => void>();

  constructor(
    private readonly probe: Probe,
    private readonly log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
    private readonly probeIntervalMs = 250,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  get downSince(): Date | null {
    return this.since;
  }

  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with any error a query raised: only connection faults change the state. */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.down && !this.stopped) {
      this.down = true;
      this.since = new Date();
      const { code, message } = error as { code?: unknown; message?: unknown };
      this.log.warn({ code, message }, "database unavailable: refusing requests with 503 and probing for its return");
      for (const l of this.listeners) l(false);
      this.schedule();
    }
    return true;
  }

  /** Runs the probe now: true when the database answered. */
  async check(): Promise<boolean> {
    try {
      await this.probe();
      if (this.down) {
        const seconds = this.since ? (Date.now() - this.since.getTime()) / 1000 : 0;
        this.down = false;
        this.since = null;
        this.log.info({ downSeconds: seconds }, "database is back");
        for (const l of this.listeners) l(true);
      }
      return true;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.check().then((up) => {
        if (!up) this.schedule();
      });
    }, this.probeIntervalMs);
    this.timer.unref();
  }
}
