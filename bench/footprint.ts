// Carbon-footprint recomputation for every season of a generated city (issue 9): time per season
// against the query that loads it (the floor), as ratios measured in the same run.
//
//   npx tsx bench/footprint.ts postgres://postgres:postgres@127.0.0.1:5432/phuongxanh_bench_x10
//   npx tsx bench/footprint.ts .bench-data/pglite-x1
//
// Streams all seasons in batches ordered by id, three ways: (a) the floor — the one query that loads
// the batch's live diary entries and plot areas; (b) recompute — the same load, then
// seasonFootprintInput + computeFootprint with the current factor set; (c) recompute and store — (b)
// and the results written back as storeFootprint does, one UPDATE … FROM (VALUES …) per batch, in
// one transaction per batch. Then a single-season path as the app takes it per request. Bounded:
// a fixed number of passes and samples. See bench/README.md.
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { execFileSync } from "node:child_process";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import {
  computeFootprint,
  seasonFootprintInput,
  type DiaryFact,
  type FootprintInput,
  type FootprintResult,
} from "@phuong-xanh/shared";
import { openDatabase, type Database, type Db } from "../apps/server/src/db/client.js";
import { diaryEntries } from "../apps/server/src/modules/agriculture/tables.js";
import { currentFactorSet, type LoadedFactorSet } from "../apps/server/src/modules/factors/service.js";
import { AGRICULTURE_TABLES, WARD_CHOICE, generateAgriculture } from "./agriculture.js";
import {
  BENCH_DATA_DIR,
  countRows,
  numberFlag,
  parseArgs,
  parseTarget,
  printTable,
  replayOf,
  rowsOf,
  seededRandom,
  type Target,
} from "./lib.js";

const USAGE = `Usage: npx tsx bench/footprint.ts [TARGET …] [--batch B] [--rounds R] [--sample N] [--plots P]
  TARGET         a PGlite data folder or a postgres:// URL (default: $DATABASE_URL, else
                 ${BENCH_DATA_DIR}/pglite-x1); one after the other
  --batch B      seasons per batch (default 1000)
  --rounds R     measured passes of each kind over every season; the median is reported (default 3)
  --sample N     seasons of the single-season path (default 2000, after 200 unmeasured)
  --plots P      if the target has no seasons yet: plots per ward to generate first (default 150;
                 also --years Y, --from YEAR, --seed X as generate.ts)
  --no-store     skip (c): measure without writing`;

type Mode = "floor" | "recompute" | "store";
type Row = { season_id: string; ward_id: string; area_ha: number; occurred_on: string | null; details: unknown };
type Pass = { mode: Mode; ms: number; seasons: number; entries: number; computed: number };

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

/** One batch of seasons (by id, after `after`) with their live entries in diary order and their plot's area. */
const batchQuery = (after: string, size: number) => sql`
  with s as (select id, ward_id, plot_id from seasons where id > ${after}::uuid order by id limit ${size})
  select s.id as season_id, s.ward_id, p.area_ha, e.occurred_on::text as occurred_on, e.details
  from s
  join plots p on p.ward_id = s.ward_id and p.id = s.plot_id
  left join diary_entries e on e.ward_id = s.ward_id and e.season_id = s.id and e.deleted_at is null
  order by s.id, e.occurred_on, e.created_at`;

type Computed = { id: string; wardId: string; input: FootprintInput | null; footprint: FootprintResult | null };

/** Rows (ordered by season) → each season's input and footprint, as storeFootprint computes them. */
function recompute(rows: Row[], set: LoadedFactorSet): Computed[] {
  const out: Computed[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i] as Row;
    const facts: DiaryFact[] = [];
    for (; i < rows.length && (rows[i] as Row).season_id === first.season_id; i++) {
      const r = rows[i] as Row;
      if (r.occurred_on !== null) facts.push({ occurredOn: r.occurred_on, details: r.details as DiaryFact["details"] });
    }
    const { input } = seasonFootprintInput(facts, Number(first.area_ha), WARD_CHOICE);
    const footprint = input ? computeFootprint(input, set.values, set.version) : null;
    out.push({ id: first.season_id, wardId: first.ward_id, input, footprint });
  }
  return out;
}

/** Writes a batch's results back: footprint, its input, when, and the version bump (storeFootprint's columns). */
async function store(tx: Db, computed: Computed[]): Promise<void> {
  if (computed.length === 0) return;
  const values = computed.map(
    (c) =>
      sql`(${c.wardId}::uuid, ${c.id}::uuid, ${c.footprint ? JSON.stringify(c.footprint) : null}::jsonb, ${c.input ? JSON.stringify(c.input) : null}::jsonb)`,
  );
  await tx.execute(sql`update seasons set footprint = v.footprint, footprint_input = v.input,
      footprint_at = case when v.footprint is null then null else now() end,
      version = seasons.version + 1, updated_at = now()
    from (values ${sql.join(values, sql`, `)}) as v(ward_id, id, footprint, input)
    where seasons.ward_id = v.ward_id and seasons.id = v.id`);
}

/** One pass over every season of the target. */
async function pass(db: Db, mode: Mode, batch: number, set: LoadedFactorSet): Promise<Pass> {
  let after = ZERO_UUID;
  let seasons = 0;
  let entries = 0;
  let computed = 0;
  const t0 = performance.now();
  for (;;) {
    const step = async (q: Db): Promise<Row[]> => {
      const rows = await rowsOf<Row>(q, batchQuery(after, batch));
      if (mode === "floor" || rows.length === 0) return rows;
      const results = recompute(rows, set);
      computed += results.filter((r) => r.footprint).length;
      if (mode === "store") await store(q, results);
      return rows;
    };
    const rows = mode === "store" ? await db.transaction((tx) => step(tx)) : await step(db);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1] as Row;
    let previous = "";
    for (const r of rows) {
      if (r.season_id !== previous) seasons++;
      previous = r.season_id;
      if (r.occurred_on !== null) entries++;
    }
    after = last.season_id;
  }
  return { mode, ms: performance.now() - t0, seasons, entries, computed };
}

/** Nearest-rank percentile (as lib.stats). */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}
const median = (values: number[]) => percentile(values, 0.5);
const us = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** The app's liveEntries (agriculture/diary.ts), as it is written there. */
const liveEntries = (db: Db, wardId: string, seasonId: string) =>
  db
    .select()
    .from(diaryEntries)
    .where(and(eq(diaryEntries.wardId, wardId), eq(diaryEntries.seasonId, seasonId), isNull(diaryEntries.deletedAt)))
    .orderBy(asc(diaryEntries.occurredOn), asc(diaryEntries.createdAt));

type SingleResult = { bare: number[]; load: number[]; compute: number[] };

/**
 * The single-season path as a request takes it (storeFootprint without its UPDATE): liveEntries by
 * season id through drizzle, then seasonFootprintInput + computeFootprint; against the bare
 * statement liveEntries sends, replayed raw. The three take turns going first.
 */
async function singleSeason(db: Db, set: LoadedFactorSet, sampleSize: number, seed: number): Promise<SingleResult> {
  const all = await rowsOf<{ id: string; ward_id: string; area_ha: number }>(
    db,
    sql`select s.id, s.ward_id, p.area_ha from seasons s join plots p on p.ward_id = s.ward_id and p.id = s.plot_id order by s.id`,
  );
  const rand = seededRandom(seed);
  const warm = 200;
  const picks = Array.from({ length: warm + sampleSize }, () => all[Math.floor(rand() * all.length)]).filter(
    (s): s is { id: string; ward_id: string; area_ha: number } => s !== undefined,
  );
  const result: SingleResult = { bare: [], load: [], compute: [] };
  for (const [n, s] of picks.entries()) {
    const { sql: text, params } = liveEntries(db, s.ward_id, s.id).toSQL();
    const sides: [keyof SingleResult, () => Promise<unknown>][] = [
      ["bare", () => db.execute(replayOf({ query: text, params }))],
      ["load", () => liveEntries(db, s.ward_id, s.id)],
      [
        "compute",
        async () => {
          const entries = await liveEntries(db, s.ward_id, s.id);
          const { input } = seasonFootprintInput(entries, Number(s.area_ha), WARD_CHOICE);
          return input ? computeFootprint(input, set.values, set.version) : null;
        },
      ],
    ];
    for (let k = 0; k < sides.length; k++) {
      const [name, run] = sides[(n + k) % sides.length] as [keyof SingleResult, () => Promise<unknown>];
      const t0 = performance.now();
      await run();
      const elapsed = performance.now() - t0;
      if (n >= warm) result[name].push(elapsed);
    }
  }
  return result;
}

/** The commit measured, and whether the server or shared code differed from it. */
function codeVersion(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "apps/server/src", "packages/shared/src"], {
      encoding: "utf8",
    }).trim();
    return `commit ${head}${dirty ? " (server/shared sources modified)" : ""}`;
  } catch {
    return "commit unknown";
  }
}

async function open(target: Target): Promise<Database> {
  return target.kind === "pglite" ? openDatabase({ dataDir: target.dataDir }) : openDatabase({ url: target.url });
}

async function measureTarget(
  target: Target,
  options: {
    batch: number;
    rounds: number;
    sample: number;
    withStore: boolean;
    plots: number;
    years: number;
    fromYear: number;
    seed: number;
  },
) {
  const wallStart = performance.now();
  const database = await open(target);
  const { db } = database;
  try {
    const [version] = await rowsOf<{ v: string }>(db, sql`select current_setting('server_version') as v`);
    const engine = `${target.kind === "pglite" ? "PGlite" : "PostgreSQL"} ${version?.v ?? "?"}`;
    const wards = await countRows(db, "wards");
    if (wards === 0) throw new Error(`${target.label} has no wards: run bench/generate.ts first`);
    if ((await countRows(db, "seasons")) === 0) {
      console.error(
        `${target.label}: no seasons yet; generating ${options.plots} plots per ward × ${options.years} years`,
      );
      const t0 = performance.now();
      const made = await generateAgriculture(db, {
        plotsPerWard: options.plots,
        years: options.years,
        fromYear: options.fromYear,
        batchSize: 1000,
        seed: options.seed,
        log: (line) => console.error(line),
      });
      for (const table of AGRICULTURE_TABLES) await db.execute(sql`vacuum analyze ${sql.identifier(table)}`);
      console.error(
        `  generated ${made.farms} farms, ${made.plots} plots, ${made.seasons} seasons, ${made.entries} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    const set = await currentFactorSet(db);
    const counts = {
      wards,
      plots: await countRows(db, "plots"),
      seasons: await countRows(db, "seasons"),
      entries: await countRows(db, "diary_entries"),
    };
    console.error(
      `\n${target.label}: ${engine}, ${counts.wards} wards, ${counts.plots} plots, ${counts.seasons} seasons, ${counts.entries} diary entries; factor set ${set.version}`,
    );

    // Sanity: the first batch recomputed gives what is stored (generated with the same code).
    const firstRows = await rowsOf<Row>(db, batchQuery(ZERO_UUID, options.batch));
    const firstComputed = recompute(firstRows, set);
    const storedRows = await rowsOf<{ id: string; footprint: FootprintResult | null }>(
      db,
      sql`select id, footprint from seasons where id = any(${`{${firstComputed.map((c) => c.id).join(",")}}`}::uuid[])`,
    );
    const stored = new Map(storedRows.map((r) => [r.id, r.footprint]));
    const same = firstComputed.filter((c) => {
      const s = stored.get(c.id);
      return s && c.footprint && s.totalKgCo2e === c.footprint.totalKgCo2e && s.factorSet === c.footprint.factorSet;
    }).length;
    const check = `${same}/${firstComputed.length} seasons of the first batch recompute to the stored total`;
    console.error(`  check: ${check}`);
    // The JavaScript alone: the first batch's rows, already in memory, recomputed 30 times.
    const reps = 30;
    const c0 = performance.now();
    for (let k = 0; k < reps; k++) recompute(firstRows, set);
    const computeOnly = ((performance.now() - c0) * 1000) / (reps * firstComputed.length);
    console.error(`  compute alone (in memory): ${computeOnly.toFixed(1)} µs/season`);

    const modes: Mode[] = options.withStore ? ["floor", "recompute", "store"] : ["floor", "recompute"];
    const loadBefore = os.loadavg()[0] ?? 0;
    const warm = await pass(db, "floor", options.batch, set);
    console.error(`  warm-up floor pass: ${(warm.ms / 1000).toFixed(1)} s`);
    const passes: Pass[] = [];
    for (let r = 0; r < options.rounds; r++) {
      for (let k = 0; k < modes.length; k++) {
        const mode = modes[(r + k) % modes.length] as Mode;
        const p = await pass(db, mode, options.batch, set);
        passes.push(p);
        console.error(
          `  round ${r + 1} ${mode}: ${(p.ms / 1000).toFixed(1)} s, ${p.seasons} seasons, ${p.entries} entries, ${((p.ms * 1000) / p.seasons).toFixed(1)} µs/season`,
        );
      }
    }
    const loadAfterBatch = os.loadavg()[0] ?? 0;
    const single = await singleSeason(db, set, options.sample, options.seed);
    return {
      target,
      engine,
      counts,
      check,
      computeOnly,
      modes,
      passes,
      single,
      load: `${loadBefore.toFixed(2)} → ${loadAfterBatch.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
      wallSeconds: (performance.now() - wallStart) / 1000,
    };
  } finally {
    await database.close();
  }
}

type TargetResult = Awaited<ReturnType<typeof measureTarget>>;

function report(r: TargetResult, options: { batch: number; rounds: number; sample: number }) {
  const cpu = os.cpus()[0]?.model ?? "?";
  console.log(`\n## Footprint recomputation — ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; ${codeVersion()}; batches of ${options.batch} seasons, median of ${options.rounds} passes each (one unmeasured floor pass first).\n`,
  );
  const c = r.counts;
  console.log(
    `### ${r.engine} — ${r.target.label}: ${c.wards} wards, ${c.plots.toLocaleString("en-US")} plots, ${c.seasons.toLocaleString("en-US")} seasons, ${c.entries.toLocaleString("en-US")} diary entries\n`,
  );
  const byMode = new Map<Mode, Pass[]>();
  for (const p of r.passes) byMode.set(p.mode, [...(byMode.get(p.mode) ?? []), p]);
  const perSeason = (mode: Mode) => median((byMode.get(mode) ?? []).map((p) => (p.ms * 1000) / p.seasons));
  const floor = perSeason("floor");
  printTable(
    [
      "pass over every season",
      "µs/season (median)",
      "passes µs/season",
      "pass wall s (median)",
      "× floor",
      "µs/season over floor",
    ],
    r.modes.map((mode) => {
      const ps = byMode.get(mode) ?? [];
      return [
        mode === "floor"
          ? "(a) floor: load entries + areas"
          : mode === "recompute"
            ? "(b) load + recompute"
            : "(c) load + recompute + store",
        us(perSeason(mode)),
        ps.map((p) => us((p.ms * 1000) / p.seasons)).join(" · "),
        (median(ps.map((p) => p.ms)) / 1000).toFixed(1),
        mode === "floor" ? "1.00×" : ratio(perSeason(mode), floor),
        mode === "floor" ? "—" : us(perSeason(mode) - floor),
      ];
    }),
  );
  const first = r.passes[0];
  console.log(
    `\nSeasons per pass ${first?.seasons.toLocaleString("en-US") ?? "?"}, entries ${first?.entries.toLocaleString("en-US") ?? "?"}, footprints computed per pass ${(r.passes.find((p) => p.mode !== "floor")?.computed ?? 0).toLocaleString("en-US")}; ${r.check}. seasonFootprintInput + computeFootprint alone, on rows already in memory: ${us(r.computeOnly)} µs/season.`,
  );
  const s = r.single;
  console.log(`\nSingle season per request (${s.bare.length} random seasons, 200 unmeasured first):\n`);
  const bare50 = percentile(s.bare, 0.5);
  const bare99 = percentile(s.bare, 0.99);
  printTable(
    ["path", "p50", "p99", "p50 × bare", "p99 × bare"],
    (
      [
        ["bare statement (liveEntries' SQL, raw)", s.bare],
        ["liveEntries (drizzle)", s.load],
        ["liveEntries + seasonFootprintInput + computeFootprint", s.compute],
      ] as const
    ).map(([name, samples]) => [
      name,
      (percentile(samples, 0.5) * 1000).toFixed(0) + " µs",
      (percentile(samples, 0.99) * 1000).toFixed(0) + " µs",
      ratio(percentile(samples, 0.5), bare50),
      ratio(percentile(samples, 0.99), bare99),
    ]),
  );
  console.log(
    `\nTotal wall time ${r.wallSeconds.toFixed(0)} s; 1-minute load average before → after the passes → at the end: ${r.load} (on ${os.cpus().length} cores)`,
  );
}

async function main() {
  const { flags, positional } = parseArgs(process.argv.slice(2), ["no-store", "help"]);
  if (flags.has("help")) {
    console.log(USAGE);
    return;
  }
  const options = {
    batch: Math.round(numberFlag(flags, "batch", 1000)),
    rounds: Math.round(numberFlag(flags, "rounds", 3)),
    sample: Math.round(numberFlag(flags, "sample", 2000)),
    withStore: !flags.has("no-store"),
    plots: Math.round(numberFlag(flags, "plots", 150)),
    years: Math.round(numberFlag(flags, "years", 5)),
    fromYear: Math.round(numberFlag(flags, "from", 2022)),
    seed: Math.round(numberFlag(flags, "seed", 20260428)),
  };
  const specs = positional.length
    ? positional
    : process.env.DATABASE_URL
      ? [process.env.DATABASE_URL]
      : [path.join(BENCH_DATA_DIR, "pglite-x1")];
  const targets = specs.map(parseTarget);
  for (const t of targets)
    if (t.kind === "pglite" && !fs.existsSync(path.join(t.dataDir, "pgdata")))
      throw new Error(`${t.label}: no PGlite data there; run bench/generate.ts --out ${t.label} first`);
  for (const target of targets) report(await measureTarget(target, options), options);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(USAGE);
  process.exitCode = 1;
});
