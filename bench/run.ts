// Measures three reads of the app — the leaders' dashboard, the task list (plain and searched),
// the public plan — against the raw SQL that fetches the same rows (hand-written), and against the
// very statements the service sends, replayed raw and all at once (the floor), on one or more
// generated databases (the first and last give the growth figure).
//
//   npx tsx bench/run.ts .bench-data/pglite-x1 .bench-data/pglite-x10
//   npx tsx bench/run.ts postgres://postgres:postgres@127.0.0.1:5432/phuongxanh_bench_x1 postgres://…_x10 --explain
//
// Every run is bounded: a fixed warm-up and a fixed number of iterations per read. See bench/README.md.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { sql, type SQL } from "drizzle-orm";
import { aggregateWardValue, foldVietnamese, trendOf, type Aggregation } from "@phuong-xanh/shared";
import { openDatabase, type Database, type Db } from "../apps/server/src/db/client.js";
import { systemActor, todayInVietnam } from "../apps/server/src/lib/actor.js";
import { stderrLog } from "../apps/server/src/lib/data-log.js";
import { getDashboard } from "../apps/server/src/modules/dashboard/service.js";
import { allTaskRows, listTasks, loadTaskContext, summarizeTasks } from "../apps/server/src/modules/plan/service.js";
import { listIndicators } from "../apps/server/src/modules/indicators/service.js";
import { getPublicPlan } from "../apps/server/src/modules/plan/public-plan.js";
import {
  BENCH_DATA_DIR,
  explainOf,
  ms,
  numberFlag,
  openLogged,
  parseArgs,
  parseTarget,
  printTable,
  replayOf,
  rowsOf,
  stats,
  tableCounts,
  time,
  type Captured,
  type Stats,
  type Target,
} from "./lib.js";

const USAGE = `Usage: npx tsx bench/run.ts [TARGET …] [--iterations N] [--warmup N] [--wards K] [--candidates] [--explain] [--explain-all]
  TARGET          a PGlite data folder or a postgres:// URL, smallest first (default:
                  ${BENCH_DATA_DIR}/pglite-x1 ${BENCH_DATA_DIR}/pglite-x10, or $DATABASE_URL alone)
  --iterations N  measured iterations per read and per side (default 60)
  --warmup N      unmeasured iterations first (default 10)
  --wards K       wards sampled, spread over the database, used in turn (default 4)
  --explain       EXPLAIN (ANALYZE, BUFFERS) every query the services send, on the first sampled
                  ward; prints a per-query timing table and the plans of the slowest ones
  --explain-all   print every plan, not just the slowest
  --candidates    also time alternative query shapes (the evidence behind recommended changes)`;

type Ward = { id: string; code: string };
type Case = {
  name: string;
  service: (w: Ward) => Promise<unknown>;
  raw: (w: Ward) => Promise<unknown>;
  check: (w: Ward) => Promise<string>;
};
type CaseResult = { name: string; service: Stats; raw: Stats; replay: Stats; statements: number; check: string };
type TargetResult = {
  target: Target;
  engine: string;
  wards: number;
  counts: Record<string, number>;
  cases: CaseResult[];
  load: string;
};

const SEARCH = "nuoc sach";

// ---------------------------------------------------------------------------------------------
// The baselines: the minimal hand-written SQL that fetches the rows each read is built from.
// ---------------------------------------------------------------------------------------------

/** Per-period ward aggregate of every indicator of a ward: the same columns the service asks for. */
const measurementAggregate = (wardId: SQL) => sql`
  select indicator_id, period, period_end,
    max(value) filter (where residential_group_id is null) as ward_value,
    sum(value) filter (where residential_group_id is not null) as sum,
    sum(numerator) filter (where residential_group_id is not null) as numerator_sum,
    sum(denominator) filter (where residential_group_id is not null) as denominator_sum,
    (array_agg(value order by recorded_at desc))[1] as latest_value
  from measurements where ward_id = ${wardId}
  group by indicator_id, period, period_end order by period_end`;

const rawTasks = (wardId: SQL) => sql`select * from tasks where ward_id = ${wardId} order by position`;
const rawIndicators = (wardId: SQL) => sql`select * from indicators where ward_id = ${wardId} order by position`;

function rawDashboard(db: Db, ward: Ward) {
  const id = sql`${ward.id}::uuid`;
  return Promise.all([
    rowsOf(db, rawTasks(id)),
    rowsOf(db, rawIndicators(id)),
    // The service aggregates only the last two periods of each indicator (latest value and trend).
    rowsOf(db, latestPeriodsAggregate(id, 2)),
    rowsOf(
      db,
      sql`select u.id, u.task_id, t.title, t.ref, u.author_unit_id, t.owner_unit_id, u.reported_on, u.text, u.progress, u.created_at
        from task_updates u join tasks t on t.id = u.task_id
        where u.ward_id = ${id} order by u.created_at desc, u.reported_on desc limit 12`,
    ),
  ]);
}

function rawTaskList(db: Db, ward: Ward, q?: string) {
  const id = sql`${ward.id}::uuid`;
  // The service matches the folded query as one phrase inside tasks.search_text.
  const phrase = q ? foldVietnamese(q).replace(/[\\%_]/g, (c) => `\\${c}`) : "";
  const search = phrase ? sql` and search_text like ${`%${phrase}%`}` : sql``;
  return Promise.all([
    rowsOf<{ id: string }>(db, sql`select * from tasks where ward_id = ${id}${search} order by position`),
    rowsOf(db, sql`select task_id, unit_id from task_coordinators where ward_id = ${id}`),
  ]);
}

function rawPublicPlan(db: Db, ward: Ward) {
  const id = sql`(select id from wards where code = ${ward.code})`;
  return Promise.all([
    rowsOf(
      db,
      sql`select w.code, w.name, w.province, w.is_demo, p.* from wards w join plans p on p.ward_id = w.id where w.code = ${ward.code} order by p.created_at limit 1`,
    ),
    rowsOf(db, sql`select * from objectives where ward_id = ${id} order by position`),
    rowsOf(db, rawIndicators(id)),
    rowsOf(db, latestPeriodsAggregate(id, 2)),
    rowsOf(db, rawTasks(id)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Candidates (--candidates): query shapes a server change could adopt, timed the same way, so a
// recommendation comes with numbers. None of them is used by the app.
// ---------------------------------------------------------------------------------------------

const AGGREGATES = sql`
    max(m.value) filter (where m.residential_group_id is null) as ward_value,
    sum(m.value) filter (where m.residential_group_id is not null) as sum,
    sum(m.numerator) filter (where m.residential_group_id is not null) as numerator_sum,
    sum(m.denominator) filter (where m.residential_group_id is not null) as denominator_sum`;

/**
 * Only the last `n` periods of each indicator: all a summary needs (latest value and trend). The
 * cut-off date comes from a backward index-only scan of measurements_ward_indicator_idx, then a
 * range scan of the same index fetches n × groups rows per indicator.
 */
const latestPeriodsAggregate = (wardId: SQL, n: number) => sql`
  select m.indicator_id, m.period, m.period_end, ${AGGREGATES},
    (array_agg(m.value order by m.recorded_at desc))[1] as latest_value
  from indicators i
  cross join lateral (
    select min(last.period_end) as cutoff from (
      select distinct p.period_end from measurements p
      where p.ward_id = i.ward_id and p.indicator_id = i.id
      order by p.period_end desc limit ${n}
    ) last
  ) c
  join measurements m on m.ward_id = i.ward_id and m.indicator_id = i.id and m.period_end >= c.cutoff
  where i.ward_id = ${wardId}
  group by m.indicator_id, m.period, m.period_end order by m.period_end`;

/** The full history without the ordered array_agg (needed only by "latest" indicators). */
const unorderedAggregate = (wardId: SQL) => sql`
  select m.indicator_id, m.period, m.period_end, ${AGGREGATES}
  from measurements m where m.ward_id = ${wardId}
  group by m.indicator_id, m.period, m.period_end order by m.period_end`;

const SUMMARY_COLUMNS = sql.raw(
  "id, parent_id, kind, section, sector, code, ref, title, owner_unit_id, recurrence, deadline, status, progress, last_update_on, version, weight",
);

/** listTasks as it is, but with the task context and the task rows loaded in parallel. */
async function listTasksParallel(db: Db, w: Ward) {
  const [ctx, all] = await Promise.all([loadTaskContext(db, w.id), allTaskRows(db, w.id)]);
  return summarizeTasks(ctx, all, all);
}

type Candidate = { name: string; run: (db: Db, w: Ward) => Promise<unknown> };
const CANDIDATES: Candidate[] = [
  {
    name: "series: full history (what the services run)",
    run: (db, w) => rowsOf(db, measurementAggregate(sql`${w.id}::uuid`)),
  },
  {
    name: "series: full history, no ordered array_agg",
    run: (db, w) => rowsOf(db, unorderedAggregate(sql`${w.id}::uuid`)),
  },
  {
    name: "series: last 2 periods per indicator",
    run: (db, w) => rowsOf(db, latestPeriodsAggregate(sql`${w.id}::uuid`, 2)),
  },
  {
    name: "series: last 3 periods per indicator",
    run: (db, w) => rowsOf(db, latestPeriodsAggregate(sql`${w.id}::uuid`, 3)),
  },
  { name: "tasks: select * (what the services run)", run: (db, w) => rowsOf(db, rawTasks(sql`${w.id}::uuid`)) },
  {
    name: "task list service (context, then rows)",
    run: async (db, w) => (await listTasks(db, systemActor(w.id), {})).tasks,
  },
  { name: "task list: context ∥ rows, same summaries", run: listTasksParallel },
  {
    name: "tasks: summary columns only",
    run: (db, w) =>
      rowsOf(db, sql`select ${SUMMARY_COLUMNS} from tasks where ward_id = ${w.id}::uuid order by position`),
  },
];

type AggregateRow = {
  indicator_id: string;
  period: string;
  period_end: string;
  ward_value: number | null;
  sum: number | null;
  numerator_sum: number | null;
  denominator_sum: number | null;
  latest_value: number | null;
};

/** Does the last-2-periods query give every indicator the same latest value and trend as the service? */
async function checkLatestPeriods(db: Db, w: Ward): Promise<string> {
  const [summaries, rows, kinds] = await Promise.all([
    listIndicators(db, stderrLog, w.id),
    rowsOf<AggregateRow>(db, latestPeriodsAggregate(sql`${w.id}::uuid`, 2)),
    rowsOf<{ id: string; aggregation: Aggregation }>(
      db,
      sql`select id, aggregation from indicators where ward_id = ${w.id}::uuid`,
    ),
  ]);
  const aggregation = new Map(kinds.map((k) => [k.id, k.aggregation]));
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const points = new Map<string, { period: string; value: number }[]>();
  for (const r of rows) {
    const value = aggregateWardValue(aggregation.get(r.indicator_id) ?? "sum", {
      wardValue: num(r.ward_value),
      sum: num(r.sum),
      numeratorSum: num(r.numerator_sum),
      denominatorSum: num(r.denominator_sum),
      latestValue: num(r.latest_value),
    });
    // Rounded to two decimals, as wardSeries does.
    if (value !== null)
      points.set(r.indicator_id, [
        ...(points.get(r.indicator_id) ?? []),
        { period: r.period, value: Math.round(value * 100) / 100 },
      ]);
  }
  const same = summaries.filter((s) => {
    const p = points.get(s.id) ?? [];
    const last = p.at(-1);
    return (
      last?.period === s.latest?.period &&
      Math.abs((last?.value ?? NaN) - (s.latest?.value ?? NaN)) < 1e-9 &&
      trendOf(p.map((x) => x.value)) === s.trend
    );
  }).length;
  return `Last-2-periods query vs listIndicators on ${w.code}: latest period, latest value and trend identical for ${same}/${summaries.length} indicators.`;
}

async function measureCandidates(
  target: Target,
  options: { iterations: number; warmup: number; wardSample: number },
): Promise<void> {
  const database = await open(target);
  const { db } = database;
  try {
    const wards = await sampleWards(db, options.wardSample);
    console.log(`\n### Candidates — ${target.label} (${wards.length} wards sampled)\n`);
    const rows: string[][] = [];
    for (const c of CANDIDATES) {
      for (let i = 0; i < options.warmup; i++) await c.run(db, wards[i % wards.length] as Ward);
      const samples: number[] = [];
      for (let i = 0; i < options.iterations; i++)
        samples.push(await time(() => c.run(db, wards[i % wards.length] as Ward)));
      const s = stats(samples);
      const result = (await c.run(db, wards[0] as Ward)) as unknown[];
      rows.push([c.name, String(result.length), ms(s.p50), ms(s.p95)]);
    }
    printTable(["query", "rows", "p50 ms", "p95 ms"], rows);
    console.log(`\n${await checkLatestPeriods(db, wards[0] as Ward)}`);
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function open(target: Target): Promise<Database> {
  return target.kind === "pglite" ? openDatabase({ dataDir: target.dataDir }) : openDatabase({ url: target.url });
}

/** Wards spread evenly over the database (first, …, last created). */
async function sampleWards(db: Db, k: number): Promise<Ward[]> {
  const all = await rowsOf<Ward>(db, sql`select id, code from wards order by code`);
  if (all.length === 0) throw new Error("no wards: generate data first (bench/generate.ts)");
  const picked = new Map<string, Ward>();
  for (let i = 0; i < Math.min(k, all.length); i++) {
    const w = all[Math.round((i * (all.length - 1)) / Math.max(1, Math.min(k, all.length) - 1))];
    if (w) picked.set(w.id, w);
  }
  return [...picked.values()];
}

function casesFor(db: Db): Case[] {
  const actor = (w: Ward) => systemActor(w.id);
  return [
    {
      name: "dashboard",
      service: (w) => getDashboard(db, stderrLog, actor(w)),
      raw: (w) => rawDashboard(db, w),
      check: async (w) => {
        const s = await getDashboard(db, stderrLog, actor(w));
        const [taskRows, indicatorRows, aggregates, updates] = await rawDashboard(db, w);
        return `indicators ${s.indicators.length}/${indicatorRows.length}, work tasks ${s.taskCounts.total} of ${taskRows.length}, ${aggregates.length} period aggregates, updates ${s.latestUpdates.length}/${updates.length}`;
      },
    },
    {
      name: "task list",
      service: (w) => listTasks(db, actor(w), {}),
      raw: (w) => rawTaskList(db, w),
      check: async (w) => {
        const s = await listTasks(db, actor(w), {});
        const [rows] = await rawTaskList(db, w);
        return `tasks ${s.tasks.length}/${rows.length}`;
      },
    },
    {
      name: `task list q="${SEARCH}"`,
      service: (w) => listTasks(db, actor(w), { q: SEARCH }),
      raw: (w) => rawTaskList(db, w, SEARCH),
      check: async (w) => {
        const s = await listTasks(db, actor(w), { q: SEARCH });
        const [rows] = await rawTaskList(db, w, SEARCH);
        return `tasks ${s.tasks.length}/${rows.length}`;
      },
    },
    {
      name: "public plan",
      service: (w) => getPublicPlan(db, w.code),
      raw: (w) => rawPublicPlan(db, w),
      check: async (w) => {
        const s = await getPublicPlan(db, w.code);
        const [, objectiveRows, indicatorRows, , taskRows] = await rawPublicPlan(db, w);
        const count = (list: { children: unknown[] }[]): number =>
          list.reduce((n, t) => n + 1 + count(t.children as { children: unknown[] }[]), 0);
        return `objectives ${s.objectives.length}/${objectiveRows.length}, indicators ${s.objectives.reduce((n, o) => n + o.indicators.length, 0)}/${indicatorRows.length}, tasks ${count(s.tasks) + count(s.duties)}/${taskRows.length}`;
      },
    },
  ];
}

async function measureTarget(
  target: Target,
  options: { iterations: number; warmup: number; wardSample: number },
): Promise<TargetResult> {
  // drizzle's logger records each statement: one service call per ward is kept, to replay.
  const log: Captured[] = [];
  const database = await openLogged(target, log);
  const { db } = database;
  try {
    const [version] = await rowsOf<{ v: string }>(db, sql`select current_setting('server_version') as v`);
    const engine = `${target.kind === "pglite" ? "PGlite" : "PostgreSQL"} ${version?.v ?? "?"}`;
    const counts = await tableCounts(db);
    const wards = await sampleWards(db, options.wardSample);
    console.error(
      `\n${target.label}: ${engine}, ${counts.wards} wards, ${counts.measurements} measurements, ${counts.task_updates} task updates; sampling ${wards.map((w) => w.code).join(", ")}`,
    );
    const results: CaseResult[] = [];
    const loadBefore = os.loadavg()[0] ?? 0;
    for (const c of casesFor(db)) {
      const check = await c.check(wards[0] as Ward);
      // The statements one service call sends for each ward, with their parameters.
      const sent = new Map<string, Captured[]>();
      for (const w of wards) {
        log.length = 0;
        await c.service(w);
        sent.set(w.id, [...log]);
      }
      // Replayed concurrently: the least time the database could take to give those rows,
      // whatever rounds the service needs between them.
      const replay = (w: Ward) => Promise.all((sent.get(w.id) ?? []).map((q) => db.execute(replayOf(q))));
      for (let i = 0; i < options.warmup; i++) {
        const w = wards[i % wards.length] as Ward;
        await c.service(w);
        await c.raw(w);
        await replay(w);
      }
      const service: number[] = [];
      const raw: number[] = [];
      const replayed: number[] = [];
      for (let i = 0; i < options.iterations; i++) {
        const w = wards[i % wards.length] as Ward;
        const order: [number[], () => Promise<unknown>][] = [
          [service, () => c.service(w)],
          [raw, () => c.raw(w)],
          [replayed, () => replay(w)],
        ];
        // Rotate which side goes first, so none always runs on a cache another warmed.
        for (let k = 0; k < order.length; k++) {
          const [into, run] = order[(i + k) % order.length] as [number[], () => Promise<unknown>];
          into.push(await time(run));
        }
        log.length = 0;
      }
      const result = {
        name: c.name,
        service: stats(service),
        raw: stats(raw),
        replay: stats(replayed),
        statements: sent.get((wards[0] as Ward).id)?.length ?? 0,
        check,
      };
      results.push(result);
      console.error(
        `  ${c.name}: service p50 ${ms(result.service.p50)} ms, raw p50 ${ms(result.raw.p50)} ms, its ${result.statements} statements replayed p50 ${ms(result.replay.p50)} ms (${check})`,
      );
    }
    return {
      target,
      engine,
      wards: counts.wards ?? 0,
      counts,
      cases: results,
      load: `${loadBefore.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN: capture the exact SQL each service sends (drizzle's logger), then explain each one.
// ---------------------------------------------------------------------------------------------

async function explainTarget(target: Target, wardSample: number, all: boolean): Promise<void> {
  const log: Captured[] = [];
  const { db, close } = await openLogged(target, log);
  try {
    const [ward] = await sampleWards(db, wardSample);
    if (!ward) return;
    const reads: [string, () => Promise<unknown>][] = [
      ["dashboard", () => getDashboard(db, stderrLog, systemActor(ward.id))],
      ["task list", () => listTasks(db, systemActor(ward.id), { q: SEARCH })],
      ["public plan", () => getPublicPlan(db, ward.code)],
    ];
    console.log(`\n### EXPLAIN ANALYZE — ${target.label}, ward ${ward.code}\n`);
    for (const [name, read] of reads) {
      await read(); // warm
      log.length = 0;
      await read();
      const queries = [...log];
      log.length = 0;
      const explained: { query: string; ms: number; plan: string }[] = [];
      for (const q of queries) {
        const rows = await rowsOf<{ "QUERY PLAN": string }>(db, explainOf(q));
        log.length = 0;
        const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        const execution = /Execution Time: ([\d.]+) ms/.exec(plan);
        explained.push({ query: q.query.replace(/\s+/g, " "), ms: Number(execution?.[1] ?? NaN), plan });
      }
      const total = explained.reduce((a, e) => a + e.ms, 0);
      console.log(`#### ${name}: ${explained.length} queries, server execution ${total.toFixed(2)} ms in all\n`);
      printTable(
        ["query", "exec ms", "plan root"],
        explained.map((e) => [
          e.query.length > 110 ? `${e.query.slice(0, 107)}…` : e.query,
          e.ms.toFixed(3),
          (e.plan.split("\n")[0] ?? "")
            .trim()
            .replace(/\s+\(cost.*$/, "")
            .slice(0, 40),
        ]),
      );
      const shown = all ? explained : [...explained].sort((a, b) => b.ms - a.ms).slice(0, 2);
      for (const e of shown) console.log(`\n${e.query}\n${"```"}\n${e.plan}\n${"```"}`);
      console.log("");
    }
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------------

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

function report(results: TargetResult[], options: { iterations: number; warmup: number }) {
  const cpu = os.cpus()[0]?.model ?? "?";
  console.log(`\n## Results — ${new Date().toISOString().slice(0, 10)} (today for the app: ${todayInVietnam()})`);
  console.log(
    `Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; ${codeVersion()}; ${options.warmup} warm-up + ${options.iterations} measured iterations per read and side.\n`,
  );
  for (const r of results) {
    const c = r.counts;
    console.log(
      `### ${r.engine} — ${r.target.label}: ${r.wards} wards, ${c.tasks} tasks, ${c.indicators} indicators, ${(c.measurements ?? 0).toLocaleString("en-US")} measurements, ${(c.task_updates ?? 0).toLocaleString("en-US")} task updates\n`,
    );
    printTable(
      [
        "read",
        "service p50 / p95 ms",
        "its statements",
        "replayed p50 / p95 ms",
        "service / replayed p50, p95",
        "hand-written raw p50 / p95 ms",
        "service / raw p50, p95",
      ],
      r.cases.map((x) => [
        x.name,
        `${ms(x.service.p50)} / ${ms(x.service.p95)}`,
        String(x.statements),
        `${ms(x.replay.p50)} / ${ms(x.replay.p95)}`,
        `${(x.service.p50 / x.replay.p50).toFixed(2)}×, ${(x.service.p95 / x.replay.p95).toFixed(2)}×`,
        `${ms(x.raw.p50)} / ${ms(x.raw.p95)}`,
        `${(x.service.p50 / x.raw.p50).toFixed(2)}×, ${(x.service.p95 / x.raw.p95).toFixed(2)}×`,
      ]),
    );
    console.log(`\n1-minute load average before → after: ${r.load} (on ${os.cpus().length} cores)`);
    console.log("\nSame rows (service/raw):");
    for (const x of r.cases) console.log(`- ${x.name}: ${x.check}`);
    console.log("");
  }
  const first = results[0];
  const last = results.at(-1);
  if (first && last && first !== last) {
    console.log(
      `### Growth: ${last.wards} wards (${last.target.label}) vs ${first.wards} wards (${first.target.label})\n`,
    );
    printTable(
      ["read", "service p50 growth", "raw p50 growth", "service p95 growth", "raw p95 growth"],
      last.cases.map((x) => {
        const base = first.cases.find((y) => y.name === x.name);
        const g = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "—");
        return [
          x.name,
          g(x.service.p50, base?.service.p50),
          g(x.raw.p50, base?.raw.p50),
          g(x.service.p95, base?.service.p95),
          g(x.raw.p95, base?.raw.p95),
        ];
      }),
    );
    console.log("");
  }
}

async function main() {
  const { flags, positional } = parseArgs(process.argv.slice(2), ["explain", "explain-all", "candidates", "help"]);
  if (flags.has("help")) {
    console.log(USAGE);
    return;
  }
  const iterations = Math.round(numberFlag(flags, "iterations", 60));
  const warmup = Math.round(numberFlag(flags, "warmup", 10));
  const wardSample = Math.round(numberFlag(flags, "wards", 4));
  const specs = positional.length
    ? positional
    : process.env.DATABASE_URL
      ? [process.env.DATABASE_URL]
      : [path.join(BENCH_DATA_DIR, "pglite-x1"), path.join(BENCH_DATA_DIR, "pglite-x10")];
  const targets = specs.map(parseTarget);
  for (const t of targets)
    if (t.kind === "pglite" && !fs.existsSync(path.join(t.dataDir, "pgdata")))
      throw new Error(`${t.label}: no PGlite data there; run bench/generate.ts --out ${t.label} first`);

  const results: TargetResult[] = [];
  for (const target of targets) results.push(await measureTarget(target, { iterations, warmup, wardSample }));
  report(results, { iterations, warmup });
  if (flags.has("candidates"))
    for (const target of targets) await measureCandidates(target, { iterations, warmup, wardSample });
  if (flags.has("explain") || flags.has("explain-all"))
    for (const target of targets) await explainTarget(target, wardSample, flags.has("explain-all"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(USAGE);
  process.exitCode = 1;
});
