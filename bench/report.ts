// Times one ward's quarterly report as the Office downloads it (DOCX laid out per Decree 30, with
// its trend charts and annex tables) against the SQL it runs, replayed as raw statements: the
// floor no report could go below. Also splits the time into its stages (figures, charts, DOCX).
//
//   npx tsx bench/report.ts postgres://postgres:postgres@127.0.0.1:5432/phuongxanh_bench_x10
//   npx tsx bench/report.ts .bench-data/pglite-x10 --runs 20
//
// Bounded: a fixed warm-up and a fixed number of runs, rotating over a sample of wards.
import os from "node:os";
import { sql } from "drizzle-orm";
import { addDays, reportPeriodContaining, reportWindow } from "@phuong-xanh/shared";
import type { DataLog } from "../apps/server/src/lib/data-log.js";
import { renderOfficialDocx } from "../apps/server/src/lib/official-document/document.js";
import { exportReport, wardReportDocument } from "../apps/server/src/modules/reporting/exports.js";
import { computeFigures } from "../apps/server/src/modules/reporting/figures.js";
import { ensurePeriod, spanOf } from "../apps/server/src/modules/reporting/periods.js";
import {
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
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const runs = numberFlag(flags, "runs", 20);
  const warmup = numberFlag(flags, "warmup", 3);
  const sample = numberFlag(flags, "wards", 5);
  const spec = positional[0] ?? process.env.DATABASE_URL;
  if (!spec) throw new Error("usage: bench/report.ts TARGET [--runs N] [--warmup N] [--wards N]");
  const target = parseTarget(spec);
  const log: Captured[] = [];
  const { db, close } = await openLogged(target, log);
  try {
    const today = new Date().toISOString().slice(0, 10);
    // The quarter before the current one: ended, as the Office compiles it.
    const quarter = reportPeriodContaining(
      "quarterly",
      addDays(reportWindow(reportPeriodContaining("quarterly", today)).start, -1),
    );
    const wards = await rowsOf<{ id: string; code: string }>(
      db,
      sql`select id, code from wards order by code limit ${sample}`,
    );
    const [{ n: wardCount } = { n: 0 }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from wards`);
    console.log(
      `## Quarterly report ${quarter} — ${target.label}: ${wardCount} wards, ${wards.length} sampled; ${runs} runs after ${warmup} warm-up (${os.cpus().length} cores)\n`,
    );
    for (const ward of wards) await ensurePeriod(db, ward.id, quarter, today);

    const total: number[] = [];
    const floor: number[] = [];
    const figures: number[] = [];
    const document: number[] = [];
    const render: number[] = [];
    let statements = 0;
    let bytes = 0;
    for (let i = 0; i < warmup + runs; i++) {
      const ward = wards[i % wards.length];
      if (!ward) break;
      log.length = 0;
      const period = await ensurePeriod(db, ward.id, quarter, today);
      log.length = 0;
      let size = 0;
      const whole = await time(async () => {
        size = (await exportReport(db, quiet, ward.id, { code: quarter, format: "docx" }, today)).bytes.length;
      });
      const captured = [...log];
      // The same statements, one after another, as raw SQL with their parameters.
      const raw = await time(async () => {
        for (const statement of captured) await db.execute(replayOf(statement));
      });
      const figuresOnly = await time(() => computeFigures(db, quiet, ward.id, spanOf(period), today, null));
      let built: Awaited<ReturnType<typeof wardReportDocument>> | undefined;
      const withCharts = await time(async () => {
        built = await wardReportDocument(db, quiet, ward.id, period, today);
      });
      const docx = await time(async () => {
        if (built) await renderOfficialDocx(built.document);
      });
      if (i < warmup) continue;
      total.push(whole);
      floor.push(raw);
      figures.push(figuresOnly);
      document.push(withCharts);
      render.push(docx);
      statements = captured.length;
      bytes = size;
    }
    const [t, f] = [stats(total), stats(floor)];
    printTable(
      ["measure", "p50 ms", "p95 ms"],
      [
        ["whole download (exportReport → DOCX bytes)", ms(t.p50), ms(t.p95)],
        [`its ${statements} SQL statements replayed raw`, ms(f.p50), ms(f.p95)],
        ["ratio whole / raw SQL", (t.p50 / f.p50).toFixed(2), (t.p95 / f.p95).toFixed(2)],
        ["stage: figures (computeFigures)", ms(stats(figures).p50), ms(stats(figures).p95)],
        ["stage: document model + charts", ms(stats(document).p50), ms(stats(document).p95)],
        ["stage: DOCX rendering", ms(stats(render).p50), ms(stats(render).p95)],
      ],
    );
    console.log(
      `\nDOCX size ${(bytes / 1024).toFixed(0)} KB; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
