import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { wards } from "../identity/tables.js";
import { wardRevisions } from "./tables.js";

export type WardRow = typeof wards.$inferSelect;

/** How long a revision read from the database is trusted before it is read again. */
export const REVISION_TTL_MS = 1_000;

type Known<T> = { value: T; checkedAt: number };

/**
 * What each ward's data revision is, as this process last read it. A request costs no query
 * while the reading is fresh (REVISION_TTL_MS); a write made through this process marks every
 * reading stale at once (`invalidate`), and another process's write is seen within the TTL
 * (the revision lives in the database, bumped by a trigger in the writer's transaction).
 */
export class RevisionTracker {
  private readonly revisions = new Map<string, Known<number>>();
  private readonly wardsByCode = new Map<string, Known<WardRow | null>>();
  private readonly wardsById = new Map<string, Known<WardRow | null>>();
  private firstWard: Known<WardRow | null> | null = null;
  private city: Known<string> | null = null;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Readings taken before this instant are stale. */
  private staleBefore = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = REVISION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every reading is stale: the next request reads the database again. */
  invalidate(): void {
    this.staleBefore = this.now();
  }

  private fresh<T>(known: Known<T> | null | undefined): known is Known<T> {
    if (!known) return false;
    return known.checkedAt >= this.staleBefore && this.now() - known.checkedAt < this.ttlMs;
  }

  /** One query at a time per key: a burst of requests for a stale reading waits on one read. */
  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = read().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** The ward's revision while the last reading is fresh; undefined when it must be read again. */
  knownRevision(wardId: string): number | undefined {
    const known = this.revisions.get(wardId);
    return this.fresh(known) ? known.value : undefined;
  }

  /** The city's revision token while fresh (see cityRevision); undefined when it must be read again. */
  knownCityRevision(): string | undefined {
    return this.fresh(this.city) ? this.city.value : undefined;
  }

  async revision(wardId: string): Promise<number> {
    const known = this.knownRevision(wardId);
    if (known !== undefined) return known;
    return this.once(`revision:${wardId}`, async () => {
      const checkedAt = this.now();
      const [row] = await this.db
        .select({ revision: wardRevisions.revision })
        .from(wardRevisions)
        .where(eq(wardRevisions.wardId, wardId));
      const value = row?.revision ?? 0;
      this.revisions.set(wardId, { value, checkedAt });
      return value;
    });
  }

  /** A token that moves when any ward's data moves (the city's views): the sum and count of revisions. */
  async cityRevision(): Promise<string> {
    const known = this.knownCityRevision();
    if (known !== undefined) return known;
    return this.once("city", async () => {
      const checkedAt = this.now();
      const [row] = await this.db
        .select({
          total: sql<string>`coalesce(sum(${wardRevisions.revision}), 0)::text`,
          count: sql<string>`count(*)::text`,
        })
        .from(wardRevisions);
      const value = `${row?.count ?? 0}:${row?.total ?? 0}`;
      this.city = { value, checkedAt };
      return value;
    });
  }

  /** A ward by code (undefined: the first ward opened) or by id; null when there is none. */
  async ward(ref: string | undefined | { id: string }): Promise<WardRow | null> {
    if (typeof ref === "object") {
      const known = this.wardsById.get(ref.id);
      if (this.fresh(known)) return known.value;
      return this.once(`ward-id:${ref.id}`, async () => {
        const checkedAt = this.now();
        const [row] = await this.db.select().from(wards).where(eq(wards.id, ref.id));
        this.wardsById.set(ref.id, { value: row ?? null, checkedAt });
        return row ?? null;
      });
    }
    if (ref === undefined) {
      if (this.fresh(this.firstWard)) return this.firstWard.value;
      return this.once("ward-first", async () => {
        const checkedAt = this.now();
        const [row] = await this.db.select().from(wards).orderBy(asc(wards.createdAt)).limit(1);
        this.firstWard = { value: row ?? null, checkedAt };
        return row ?? null;
      });
    }
    const known = this.wardsByCode.get(ref);
    if (this.fresh(known)) return known.value;
    return this.once(`ward-code:${ref}`, async () => {
      const checkedAt = this.now();
      const [row] = await this.db.select().from(wards).where(eq(wards.code, ref));
      // Unknown codes are remembered too (bounded): a flood of made-up codes costs one query each.
      if (this.wardsByCode.size > 10_000) this.wardsByCode.clear();
      this.wardsByCode.set(ref, { value: row ?? null, checkedAt });
      return row ?? null;
    });
  }
}
