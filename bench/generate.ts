// City-scale data for the benchmarks: N wards from the seed template, residential groups, padded
// indicators, and years of monthly measurements and weekly task updates, bulk-inserted.
//
//   npx tsx bench/generate.ts --scale 1 --out .bench-data/pglite-x1 --reset        # PGlite, 11 wards
//   DATABASE_URL=postgres://… npx tsx bench/generate.ts --scale 10 --reset          # PostgreSQL, 114 wards
//
// See bench/README.md. Bench code only: the app never runs it, the test suite never runs it.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { asc, eq } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { periodEnd, rollUpProgress } from "@phuong-xanh/shared";
import { openDatabase, type Database, type Db } from "../apps/server/src/db/client.js";
import { addUnits } from "../apps/server/src/modules/identity/service.js";
import { createWardFromTemplate, loadSeedTemplate } from "../apps/server/src/modules/onboarding/service.js";
import { indicators, measurements } from "../apps/server/src/modules/indicators/tables.js";
import { tasks, taskUpdates } from "../apps/server/src/modules/plan/tables.js";
import { taskSearchText } from "../apps/server/src/modules/plan/service.js";
import { generateAgriculture } from "./agriculture.js";
import {
  BENCH_DATA_DIR,
  BENCH_TABLES,
  databaseName,
  databaseSize,
  folderSize,
  mb,
  memoryWatch,
  numberFlag,
  parseArgs,
  printTable,
  redactUrl,
  rowsOf,
  seededRandom,
  tableCounts,
  type Target,
} from "./lib.js";

const USAGE = `Usage: npx tsx bench/generate.ts [--scale S] [--wards N] [--years Y] [--out DIR | --url URL] [--reset]
  --scale S        multiplies the wards: S × N / 10 wards (1 → 11 wards, 10 → 114 wards; default 10)
  --wards N        wards at scale 10 (default 114)
  --years Y        years of history from --from (default 5)
  --from YEAR      first year of history (default 2022)
  --groups G       residential groups added per ward (default 10)
  --indicators I   indicators per ward, template ones padded with copies (default 30)
  --tasks T        leaf tasks per ward, padded with copies if the template has fewer (default 80)
  --plots P        rice plots per ward (farms, 2 seasons a year with their diaries; default 150)
  --no-agriculture skip farms, plots, seasons and diaries
  --batch B        rows per INSERT (default 1000)
  --seed X         pseudo-random seed (default 20260428)
  --out DIR        PGlite data folder (default ${BENCH_DATA_DIR}/pglite-x<S>)
  --url URL        PostgreSQL database (default: $DATABASE_URL when set and --out is not given)
  --no-analyze     skip the final VACUUM ANALYZE (PGlite has no autovacuum: this is what an app
                   that never analyzes runs on)
  --reset          empty the target first (PGlite: delete the folder; PostgreSQL: drop the schemas —
                   only for a database whose name contains "bench")`;

type NewMeasurement = typeof measurements.$inferInsert;
type NewTaskUpdate = typeof taskUpdates.$inferInsert;
type IndicatorRow = typeof indicators.$inferSelect;

type BenchIndicator = {
  id: string;
  aggregation: string;
  percent: boolean;
  householdDenominator: boolean;
  baseline: number;
  target: number;
  /** How well this ward does on it: 1 follows the trajectory exactly. */
  performance: number;
};
type BenchWard = {
  id: string;
  code: string;
  groups: { id: string; households: number }[];
  indicators: BenchIndicator[];
  leafTasks: { id: string; ownerUnitId: string; pace: number; progress: number; lastUpdateOn: string | null }[];
};

const round2 = (v: number) => Math.round(v * 100) / 100;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

function addDaysIso(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function resolveTarget(flags: Map<string, string>, scale: number): Target {
  const url = flags.get("url");
  const out = flags.get("out");
  if (url) return { kind: "postgres", url, label: redactUrl(url) };
  if (out) return { kind: "pglite", dataDir: path.resolve(out), label: out };
  if (process.env.DATABASE_URL)
    return { kind: "postgres", url: process.env.DATABASE_URL, label: redactUrl(process.env.DATABASE_URL) };
  const dir = path.join(BENCH_DATA_DIR, `pglite-x${scale}`);
  return { kind: "pglite", dataDir: path.resolve(dir), label: dir };
}

/** Empties the target, refusing anything that does not look like bench data. */
async function reset(target: Target): Promise<void> {
  if (target.kind === "pglite") {
    if (!fs.existsSync(target.dataDir)) return;
    const entries = fs.readdirSync(target.dataDir).filter((e) => e !== ".lock");
    if (entries.some((e) => e !== "pgdata"))
      throw new Error(`--reset: ${target.dataDir} holds more than a PGlite pgdata folder; delete it by hand`);
    fs.rmSync(target.dataDir, { recursive: true, force: true });
    return;
  }
  if (!databaseName(target.url).includes("bench"))
    throw new Error(`--reset refuses a database whose name lacks "bench": ${databaseName(target.url)}`);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query("drop schema if exists drizzle cascade; drop schema public cascade; create schema public;");
  } finally {
    await client.end();
  }
}

async function open(target: Target): Promise<Database> {
  return target.kind === "pglite" ? openDatabase({ dataDir: target.dataDir }) : openDatabase({ url: target.url });
}

async function main() {
  const { flags } = parseArgs(process.argv.slice(2), ["reset", "no-analyze", "no-agriculture", "help"]);
  if (flags.has("help")) {
    console.log(USAGE);
    return;
  }
  const scale = numberFlag(flags, "scale", 10);
  const baseWards = numberFlag(flags, "wards", 114);
  const wardCount = Math.max(1, Math.round((baseWards * scale) / 10));
  const years = numberFlag(flags, "years", 5);
  const fromYear = numberFlag(flags, "from", 2022);
  const groupCount = numberFlag(flags, "groups", 10);
  const indicatorTarget = numberFlag(flags, "indicators", 30);
  const leafTaskTarget = numberFlag(flags, "tasks", 80);
  const batchSize = numberFlag(flags, "batch", 1000);
  const plotsPerWard = Math.round(numberFlag(flags, "plots", 150));
  const seed = numberFlag(flags, "seed", 20260428);
  const target = resolveTarget(flags, scale);
  const rand = seededRandom(seed);

  if (flags.has("reset")) await reset(target);
  const memory = memoryWatch();
  const started = performance.now();
  const phases: [string, number, number][] = [];
  const phase = async (name: string, work: () => Promise<number>) => {
    const t0 = performance.now();
    const rows = await work();
    phases.push([name, rows, performance.now() - t0]);
    console.error(
      `  ${name}: ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s (peak RSS ${mb(memory.peak())})`,
    );
  };

  console.error(
    `Generating ${wardCount} wards × ${years} years (${fromYear}-01 … ${fromYear + years - 1}-12) into ${target.kind} ${target.label}`,
  );
  const database = await open(target);
  const { db } = database;
  try {
    const [existing] = await rowsOf<{ n: number | string }>(db, sql`select count(*) as n from wards`);
    if (Number(existing?.n ?? 0) > 0)
      throw new Error(`${target.label} already holds ${existing?.n} wards: pass --reset to start again`);

    const template = loadSeedTemplate();
    const trackedSince = new Date(`${fromYear}-01-01T08:00:00+07:00`);
    const wards: BenchWard[] = [];

    await phase("wards from template (+ groups, padding)", async () => {
      for (let w = 0; w < wardCount; w++) {
        const code = `bench-${pad(w + 1, 3)}`;
        const { wardId, unitIds } = await createWardFromTemplate(
          db,
          { code, name: `Phường Benchmark ${w + 1}`, province: "Hải Phòng", isDemo: false },
          template,
          trackedSince,
        );
        wards.push(await furnishWard(db, wardId, code, unitIds, { groupCount, indicatorTarget, leafTaskTarget, rand }));
      }
      return wardCount;
    });

    // Months outermost, wards inside: rows land on disk in the order a city reports them,
    // so a ward's history is spread over the table as it would be in production.
    const months: string[] = [];
    for (let y = fromYear; y < fromYear + years; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${pad(m, 2)}`);
    await phase("measurements (monthly × group × indicator)", async () => {
      let total = 0;
      for (const [index, period] of months.entries()) {
        const end = periodEnd(period);
        const share = (index + 1) / months.length;
        await db.transaction(async (tx) => {
          let batch: NewMeasurement[] = [];
          for (const ward of wards) {
            for (const indicator of ward.indicators) {
              const wardValue = trajectory(indicator, share);
              for (const group of ward.groups) {
                const noise = 1 + (rand() - 0.5) * 0.2;
                const recordedAt = new Date(
                  Date.parse(`${addDaysIso(end, 3)}T02:00:00Z`) + Math.floor(rand() * 8 * 3_600_000),
                );
                const base = {
                  wardId: ward.id,
                  indicatorId: indicator.id,
                  period,
                  periodEnd: end,
                  residentialGroupId: group.id,
                  source: "Dữ liệu benchmark — báo cáo tổ dân phố",
                  recordedAt,
                };
                if (indicator.aggregation === "ratio_of_sums") {
                  const denominator = indicator.householdDenominator ? group.households : round2(5 + rand() * 20);
                  const numerator = Math.min(denominator, round2((denominator * wardValue * noise) / 100));
                  batch.push({ ...base, numerator, denominator, value: round2((numerator / denominator) * 100) });
                } else {
                  batch.push({ ...base, value: round2(Math.max(0, (wardValue / ward.groups.length) * noise)) });
                }
                if (batch.length >= batchSize) {
                  await tx.insert(measurements).values(batch);
                  total += batch.length;
                  batch = [];
                }
              }
            }
          }
          if (batch.length) await tx.insert(measurements).values(batch);
          total += batch.length;
        });
        if (index % 12 === 11)
          console.error(
            `    measurements up to ${period}: ${total} rows, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${mb(process.memoryUsage().rss)}`,
          );
      }
      return total;
    });

    // Weekly, from the first Monday of the first year to the last day of the last year.
    const weeks: string[] = [];
    const firstDay = `${fromYear}-01-01`;
    let monday = addDaysIso(firstDay, (8 - new Date(`${firstDay}T00:00:00Z`).getUTCDay()) % 7);
    const lastDay = `${fromYear + years - 1}-12-31`;
    while (monday <= lastDay) {
      weeks.push(monday);
      monday = addDaysIso(monday, 7);
    }
    await phase("task_updates (weekly × leaf task)", async () => {
      let total = 0;
      const weeksPerTransaction = 4;
      for (let start = 0; start < weeks.length; start += weeksPerTransaction) {
        await db.transaction(async (tx) => {
          let batch: NewTaskUpdate[] = [];
          for (let k = start; k < Math.min(weeks.length, start + weeksPerTransaction); k++) {
            const reportedOn = weeks[k] ?? "";
            for (const ward of wards) {
              for (const task of ward.leafTasks) {
                const planned = Math.floor(95 * task.pace * ((k + 1) / weeks.length) + rand() * 2);
                task.progress = Math.min(95, Math.max(task.progress, planned));
                task.lastUpdateOn = reportedOn;
                const createdAt = new Date(Date.parse(`${reportedOn}T09:00:00Z`) + Math.floor(rand() * 9 * 3_600_000));
                batch.push({
                  wardId: ward.id,
                  taskId: task.id,
                  reportedOn,
                  text: `Tuần ${k + 1}: tiếp tục triển khai theo kế hoạch, đạt ${task.progress}% (dữ liệu benchmark).`,
                  progress: task.progress,
                  status: "in_progress",
                  authorUserId: null,
                  authorUnitId: task.ownerUnitId,
                  createdAt,
                });
                if (batch.length >= batchSize) {
                  await tx.insert(taskUpdates).values(batch);
                  total += batch.length;
                  batch = [];
                }
              }
            }
          }
          if (batch.length) await tx.insert(taskUpdates).values(batch);
          total += batch.length;
        });
        if (start % 52 === 0 && start > 0)
          console.error(
            `    task_updates up to ${weeks[start]}: ${total} rows, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${mb(process.memoryUsage().rss)}`,
          );
      }
      return total;
    });

    await phase("tasks: progress, status, last_update_on, group roll-up", async () => {
      let updated = 0;
      for (const ward of wards) updated += await settleTasks(db, ward);
      return updated;
    });

    if (!flags.has("no-agriculture")) {
      await phase("agriculture (farms, plots, seasons, diary entries)", async () => {
        const made = await generateAgriculture(db, {
          plotsPerWard,
          years,
          fromYear,
          batchSize,
          seed,
          log: (line) => console.error(line),
        });
        return made.farms + made.plots + made.seasons + made.entries;
      });
    }

    if (!flags.has("no-analyze")) {
      await phase("vacuum analyze", async () => {
        for (const table of BENCH_TABLES) await db.execute(sql`vacuum analyze ${sql.identifier(table)}`);
        return 0;
      });
    }

    const counts = await tableCounts(db);
    const size = await databaseSize(db);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `\nGenerated ${wardCount} wards (scale ${scale}), ${years} years, into ${database.kind} ${target.label} in ${seconds.toFixed(1)} s`,
    );
    printTable(
      ["table", "rows"],
      Object.entries(counts).map(([t, n]) => [t, n.toLocaleString("en-US")]),
    );
    console.log("");
    printTable(
      ["phase", "rows", "seconds", "rows/s"],
      phases.map(([name, rows, t]) => [
        name,
        rows.toLocaleString("en-US"),
        (t / 1000).toFixed(1),
        rows ? Math.round(rows / (t / 1000)).toLocaleString("en-US") : "—",
      ]),
    );
    console.log(
      `\ndatabase size ${mb(size)}${target.kind === "pglite" ? `, folder ${mb(folderSize(target.dataDir))}` : ""}; peak RSS of this process ${mb(memory.peak())}`,
    );
  } finally {
    memory.stop();
    await database.close();
  }
}

/** Residential groups, indicators padded to the target count (monthly, with baselines), leaf tasks padded too. */
async function furnishWard(
  db: Db,
  wardId: string,
  code: string,
  unitIds: Map<string, string>,
  options: { groupCount: number; indicatorTarget: number; leafTaskTarget: number; rand: () => number },
): Promise<BenchWard> {
  const { rand } = options;
  return db.transaction(async (tx) => {
    const groupSpecs = Array.from({ length: options.groupCount }, (_, i) => ({
      code: `tdp-${pad(i + 1, 2)}`,
      name: `Tổ dân phố số ${i + 1}`,
      shortName: `TDP ${i + 1}`,
      kind: "residential_group",
      parentCode: "to-dan-pho",
      households: 150 + Math.round(rand() * 250),
    }));
    const allUnits = await addUnits(tx, wardId, groupSpecs, unitIds);
    const groups = groupSpecs.map((g) => ({ id: allUnits.get(g.code) ?? "", households: g.households }));

    // Indicators: copies of the template's with new codes, until there are `indicatorTarget`.
    const templateRows = await tx
      .select()
      .from(indicators)
      .where(eq(indicators.wardId, wardId))
      .orderBy(asc(indicators.position));
    const copies: (typeof indicators.$inferInsert)[] = [];
    for (let k = templateRows.length; k < options.indicatorTarget; k++) {
      const source = templateRows[k % templateRows.length];
      if (!source) break;
      const { id: _id, updatedAt: _updatedAt, ...rest } = source;
      copies.push({ ...rest, code: `${source.code}-b${k}`, name: `${source.name} (bản sao ${k})`, position: k });
    }
    if (copies.length) await tx.insert(indicators).values(copies);
    // Every bench indicator is reported monthly, with a 2021 baseline, so statuses vary.
    const rows: IndicatorRow[] = await tx
      .select()
      .from(indicators)
      .where(eq(indicators.wardId, wardId))
      .orderBy(asc(indicators.position));
    const benchIndicators: BenchIndicator[] = [];
    for (const row of rows) {
      const percent = row.unitOfMeasure === "%";
      const t = row.targetValue;
      const baseline =
        row.direction === "decrease"
          ? Math.max(8, t + 10 + Math.round(rand() * 10))
          : percent
            ? Math.round(t * (0.3 + rand() * 0.3))
            : Math.round(Math.max(1, t * (0.1 + rand() * 0.2)));
      await tx
        .update(indicators)
        .set({ frequency: "monthly", baselineValue: baseline, baselineYear: 2021 })
        .where(eq(indicators.id, row.id));
      benchIndicators.push({
        id: row.id,
        aggregation: row.aggregation,
        percent,
        householdDenominator: Boolean(row.numeratorLabel?.includes("hộ") || row.denominatorLabel?.includes("hộ")),
        baseline,
        target: t,
        performance: [1.15, 1.0, 0.85, 0.45, 1.1, 0.6][row.position % 6] ?? 1,
      });
    }

    // Leaf tasks: the template has 84; copy leaves under the same parent if a bigger plan is asked for.
    const taskRows = await tx.select().from(tasks).where(eq(tasks.wardId, wardId)).orderBy(asc(tasks.position));
    const leaves = taskRows.filter((t) => t.kind !== "group");
    const maxPosition = taskRows.reduce((m, t) => Math.max(m, t.position), 0);
    const extra: (typeof tasks.$inferInsert)[] = [];
    for (let k = leaves.length; k < options.leafTaskTarget; k++) {
      const source = leaves[k % leaves.length];
      if (!source) break;
      const { id: _id, updatedAt: _updatedAt, ...rest } = source;
      const copy = {
        ...rest,
        code: `${source.code}-b${k}`,
        title: `${source.title} (bản sao ${k})`,
        position: maxPosition + 1 + k,
      };
      extra.push({ ...copy, searchText: taskSearchText(copy) });
    }
    if (extra.length) await tx.insert(tasks).values(extra);
    const finalLeaves = extra.length
      ? (await tx.select().from(tasks).where(eq(tasks.wardId, wardId))).filter((t) => t.kind !== "group")
      : leaves;
    return {
      id: wardId,
      code,
      groups,
      indicators: benchIndicators,
      leafTasks: finalLeaves.map((t) => ({
        id: t.id,
        ownerUnitId: t.ownerUnitId,
        pace: 0.55 + rand() * 0.5,
        progress: 0,
        lastUpdateOn: null,
      })),
    };
  });
}

/** The ward value a period should show: baseline → target along the plan, scaled by performance. */
function trajectory(indicator: BenchIndicator, share: number): number {
  const value = indicator.baseline + (indicator.target - indicator.baseline) * share * indicator.performance;
  return indicator.percent ? Math.min(100, Math.max(0, value)) : Math.max(0, value);
}

/** Stores each leaf's last reported progress/date/status, then rolls progress up the groups. */
async function settleTasks(db: Db, ward: BenchWard): Promise<number> {
  return db.transaction(async (tx) => {
    const leafValues = ward.leafTasks.map((t) => sql`(${t.id}::uuid, ${t.progress}::int, ${t.lastUpdateOn}::date)`);
    if (leafValues.length) {
      await tx.execute(sql`update tasks set progress = v.progress, last_update_on = v.last_update_on, status = 'in_progress', version = version + 1
        from (values ${sql.join(leafValues, sql`, `)}) as v(id, progress, last_update_on) where tasks.id = v.id`);
    }
    const all = await tx
      .select({
        id: tasks.id,
        parentId: tasks.parentId,
        kind: tasks.kind,
        weight: tasks.weight,
        progress: tasks.progress,
      })
      .from(tasks)
      .where(eq(tasks.wardId, ward.id));
    const children = new Map<string, typeof all>();
    for (const row of all) if (row.parentId) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
    const rolled = new Map<string, number>();
    const progressOf = (row: (typeof all)[number]): number => {
      const kids = children.get(row.id);
      if (row.kind !== "group" || !kids) return row.progress;
      const cached = rolled.get(row.id);
      if (cached !== undefined) return cached;
      const value = rollUpProgress(kids.map((k) => ({ progress: progressOf(k), weight: k.weight, excluded: false })));
      rolled.set(row.id, value);
      return value;
    };
    const groupValues = all.filter((r) => r.kind === "group").map((r) => sql`(${r.id}::uuid, ${progressOf(r)}::int)`);
    if (groupValues.length) {
      await tx.execute(
        sql`update tasks set progress = v.progress from (values ${sql.join(groupValues, sql`, `)}) as v(id, progress) where tasks.id = v.id`,
      );
    }
    return leafValues.length + groupValues.length;
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(USAGE);
  process.exitCode = 1;
});
