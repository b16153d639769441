// Times the city's dashboard as the city account opens it (buildCityDashboard: every ward's work,
// targets by status, late task groups and shared indicators) against the SQL it sends, replayed
// as raw statements with their parameters (the floor no build could go below). Cold: the service
// is called directly, past any snapshot cache (serveCitySnapshot) the route may keep.
//
//   npx tsx bench/city.ts postgres://postgres:postgres@127.0.0.1:5432/phuongxanh_bench_x10
//   npx tsx bench/city.ts .bench-data/pglite-x1 --iterations 20 --explain
//
// Bounded: a fixed warm-up and a fixed number of measured iterations, alternating which of the
// two goes first (the same run measures both, so the ratio holds on a busy machine).
import os from "node:os";
import { sql } from "drizzle-orm";
import type { DataLog } from "../apps/server/src/lib/data-log.js";
import { todayInVietnam } from "../apps/server/src/lib/actor.js";
import { buildCityDashboard } from "../apps/server/src/modules/city/service.js";
import {
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
  time,
  type Captured,
} from "./lib.js";

const quiet: DataLog = { warn: () => undefined };

async function main() {
  const { positional, flags } = parseArgs(process.argv.slice(2), ["explain"]);
  const iterations = numberFlag(flags, "iterations", 30);
  const warmup = numberFlag(flags, "warmup", 5);
  const spec = positional[0] ?? process.env.DATABASE_URL;
  if (!spec) throw new Error("usage: bench/city.ts TARGET [--iterations N] [--warmup N] [--explain]");
  const target = parseTarget(spec);
  const log: Captured[] = [];
  const { db, close } = await openLogged(target, log);
  try {
    const today = todayInVietnam();
    const [size] = await rowsOf<{ wards: number; measurements: number | string; tasks: number | string }>(
      db,
      sql`select (select count(*)::int from wards) as wards, (select count(*) from measurements) as measurements,
            (select count(*) from tasks) as tasks`,
    );
    console.log(
      `## City dashboard — ${target.label}: ${size?.wards} wards, ${size?.tasks} tasks, ${size?.measurements} measurements; ${iterations} iterations after ${warmup} warm-up (${os.cpus().length} cores)\n`,
    );

    // What the service sends, once, to replay as the floor.
    log.length = 0;
    const sample = await buildCityDashboard(db, quiet, today);
    const captured = [...log];
    const bytes = Buffer.byteLength(JSON.stringify(sample));
    // The service sends its statements concurrently (Promise.all), and so does the replay.
    const replay = () => Promise.all(captured.map((statement) => db.execute(replayOf(statement))));

    const service: number[] = [];
    const raw: number[] = [];
    const build = () => buildCityDashboard(db, quiet, today);
    for (let i = 0; i < warmup + iterations; i++) {
      let built: number;
      let replayed: number;
      if (i % 2 === 0) {
        built = await time(build);
        replayed = await time(replay);
      } else {
        replayed = await time(replay);
        built = await time(build);
      }
      if (i < warmup) continue;
      service.push(built);
      raw.push(replayed);
    }
    const [s, r] = [stats(service), stats(raw)];
    printTable(
      ["measure", "p50 ms", "p95 ms"],
      [
        ["buildCityDashboard (service, no snapshot)", ms(s.p50), ms(s.p95)],
        [`its ${captured.length} SQL statements replayed raw`, ms(r.p50), ms(r.p95)],
        ["ratio service / raw SQL", (s.p50 / r.p50).toFixed(2), (s.p95 / r.p95).toFixed(2)],
      ],
    );
    console.log(
      `\n${sample.wards.length} wards × ${sample.indicators.length} shared indicators, ${sample.groups.length} task groups; answer ${(bytes / 1024).toFixed(0)} KB of JSON; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );

    console.log("\n### The statements\n");
    for (const [i, statement] of captured.entries()) {
      console.log(`${i + 1}. \`${statement.query.replace(/\s+/g, " ").trim()}\``);
      if (!flags.has("explain")) continue;
      const plan = await rowsOf<{ "QUERY PLAN": string }>(db, explainOf(statement));
      console.log(`\n\`\`\`\n${plan.map((row) => row["QUERY PLAN"]).join("\n")}\n\`\`\`\n`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
