import { authenticate, type Authenticated } from "./service.js";
import type { Db } from "../../db/client.js";

/** How long a checked session is trusted before the database is asked again. */
export const SESSION_CHECK_TTL_MS = 5_000;

type Entry = { auth: Authenticated; checkedAt: number };

/**
 * Sessions checked recently, so a burst of reads costs no query each (the "session check
 * that does not cost a query per request"). A sign-out, password change or deactivation made
 * through this process is seen by the next request (every write marks all entries stale); one
 * made through another process within SESSION_CHECK_TTL_MS. Expiry is checked on every use.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private staleBefore = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = SESSION_CHECK_TTL_MS,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.staleBefore = this.now();
    this.entries.clear();
  }

  async authenticate(
    token: string | undefined,
    options: Parameters<typeof authenticate>[2] = {},
  ): Promise<Authenticated | null> {
    if (!token || token.length > 200) return null;
    const now = this.now();
    // Reads and writes apart: a city account reads the ward it views, but writes as its own ward.
    const key = `${options.readOnly === true ? "r" : "w"}:${token}`;
    const known = this.entries.get(key);
    if (
      known &&
      known.checkedAt >= this.staleBefore &&
      now - known.checkedAt < this.ttlMs &&
      now < known.auth.expiresAt
    )
      return known.auth;
    const checkedAt = now;
    const auth = await authenticate(this.db, token, options);
    if (!auth) {
      this.entries.delete(key);
      return null;
    }
    // Checked before a write marked everything stale: do not keep it.
    if (checkedAt >= this.staleBefore) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { auth, checkedAt });
    }
    return auth;
  }
}
