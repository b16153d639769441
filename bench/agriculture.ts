// Agriculture data for the benchmarks (issue 9): per ward, farms (households and a cooperative),
// rice plots in its residential groups, two seasons a year (spring and summer) with a realistic
// production diary each, and the footprint each season's diary gives (stored as the app stores it).
// Used by bench/generate.ts (a phase, `--plots P`) and by bench/footprint.ts on a target that has
// wards but no seasons. Bench code only: the app never runs it.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import {
  computeFootprint,
  seasonFootprintInput,
  type DiaryDetails,
  type FootprintChoice,
  type FootprintInput,
  type FootprintResult,
  type OrganicAmendment,
  type ResidueHandling,
  type WaterRegime,
} from "@phuong-xanh/shared";
import type { Db } from "../apps/server/src/db/client.js";
import { diaryEntries, farms, plots, seasons } from "../apps/server/src/modules/agriculture/tables.js";
import { currentFactorSet } from "../apps/server/src/modules/factors/service.js";
import { rowsOf, seededRandom } from "./lib.js";

/** How the ward computes (the same choice as agriculture/diary.ts): IPCC South-East Asia, AR5. */
export const WARD_CHOICE: FootprintChoice = { region: "south-east-asia", gwp: "AR5" };

export const AGRICULTURE_TABLES = ["farms", "plots", "seasons", "diary_entries"] as const;

export type AgricultureOptions = {
  plotsPerWard: number;
  years: number;
  fromYear: number;
  /** Rows per INSERT. */
  batchSize: number;
  seed: number;
  log?: (line: string) => void;
};

export type AgricultureCounts = { farms: number; plots: number; seasons: number; entries: number };

type NewFarm = typeof farms.$inferInsert;
type NewPlot = typeof plots.$inferInsert;
type NewSeason = {
  id: string;
  wardId: string;
  plotId: string;
  name: string;
  variety: string;
  startedOn: string;
  closedOn: string;
  footprint: FootprintResult | null;
  footprintInput: FootprintInput | null;
  footprintAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};
type NewEntry = {
  wardId: string;
  seasonId: string;
  clientId: string;
  kind: string;
  occurredOn: string;
  details: DiaryDetails;
  createdAt: Date;
};

/**
 * Seasons and entries go in as one multi-row INSERT per batch over column arrays (`unnest`): a
 * handful of parameters instead of one per value. drizzle's `insert().values(rows)` spends
 * 250–500 µs of JavaScript per row building a statement this wide, which made it the bottleneck.
 */
const column = <T>(rows: T[], get: (row: T) => unknown) => sql.param(rows.map(get));
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

async function insertSeasons(tx: Db, rows: NewSeason[]): Promise<void> {
  await tx.execute(sql`insert into ${seasons} (id, ward_id, plot_id, name, crop, variety, started_on, closed_on,
      footprint, footprint_input, footprint_at, version, created_at, updated_at)
    select id, ward_id, plot_id, name, 'Lúa', variety, started_on, closed_on, footprint, footprint_input,
      footprint_at, version, created_at, updated_at
    from unnest(${column(rows, (r) => r.id)}::uuid[], ${column(rows, (r) => r.wardId)}::uuid[],
      ${column(rows, (r) => r.plotId)}::uuid[], ${column(rows, (r) => r.name)}::text[],
      ${column(rows, (r) => r.variety)}::text[], ${column(rows, (r) => r.startedOn)}::date[],
      ${column(rows, (r) => r.closedOn)}::date[], ${column(rows, (r) => json(r.footprint))}::jsonb[],
      ${column(rows, (r) => json(r.footprintInput))}::jsonb[], ${column(rows, (r) => iso(r.footprintAt))}::timestamptz[],
      ${column(rows, (r) => r.version)}::int[], ${column(rows, (r) => iso(r.createdAt))}::timestamptz[],
      ${column(rows, (r) => iso(r.updatedAt))}::timestamptz[])
      as v(id, ward_id, plot_id, name, variety, started_on, closed_on, footprint, footprint_input, footprint_at,
        version, created_at, updated_at)`);
}

async function insertEntries(tx: Db, rows: NewEntry[]): Promise<void> {
  await tx.execute(sql`insert into ${diaryEntries} (ward_id, season_id, client_id, kind, occurred_on, details, by_proxy,
      created_at, updated_at)
    select ward_id, season_id, client_id, kind, occurred_on, details, true, created_at, created_at
    from unnest(${column(rows, (r) => r.wardId)}::uuid[], ${column(rows, (r) => r.seasonId)}::uuid[],
      ${column(rows, (r) => r.clientId)}::uuid[], ${column(rows, (r) => r.kind)}::text[],
      ${column(rows, (r) => r.occurredOn)}::date[], ${column(rows, (r) => JSON.stringify(r.details))}::jsonb[],
      ${column(rows, (r) => iso(r.createdAt))}::timestamptz[])
      as v(ward_id, season_id, client_id, kind, occurred_on, details, created_at)`);
}

type BenchPlot = {
  id: string;
  wardId: string;
  areaHa: number;
  /** The farm's usual practice: most of its seasons keep it. */
  waterRegime: WaterRegime;
  direct: boolean;
  electricPump: boolean;
};

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Phan", "Đinh"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thị Thu", "Hữu"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Sơn", "Thắng", "Tuấn"];
const FIELDS = ["Cửa Đình", "Đồng Cao", "Bãi Giữa", "Đồng Trũng", "Ao Sen", "Đồng Láng", "Cầu Đá", "Bờ Sông"];
const VARIETIES = ["Bắc thơm 7", "TBR225", "Thiên ưu 8", "Đài thơm 8", "Hương cốm 4", "J02", "Nếp cái hoa vàng"];
const PESTS: { product: string; type: "bio" | "chemical"; dose: number; unit: string; target: string }[] = [
  { product: "Chess 50WG", type: "chemical", dose: 0.3, unit: "kg/ha", target: "Rầy nâu" },
  { product: "Beam 75WP", type: "chemical", dose: 0.4, unit: "kg/ha", target: "Đạo ôn" },
  { product: "Anvil 5SC", type: "chemical", dose: 1, unit: "lít/ha", target: "Khô vằn" },
  { product: "Tilt Super 300EC", type: "chemical", dose: 0.3, unit: "lít/ha", target: "Lem lép hạt" },
  { product: "Chế phẩm Bt (Bacillus thuringiensis)", type: "bio", dose: 1, unit: "kg/ha", target: "Sâu cuốn lá" },
  { product: "Chế phẩm Trichoderma", type: "bio", dose: 2, unit: "kg/ha", target: "Nấm bệnh" },
];
const RESIDUE_OTHER: ResidueHandling[] = ["incorporated", "removed", "composted", "mushrooms", "feed", "incorporated"];

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const r1 = (v: number) => Math.round(v * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;

function addDaysIso(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A v4-shaped UUID from the seeded generator: the same data set, ids included, on every run. */
function uuidFrom(rand: () => number): string {
  const word = () =>
    Math.floor(rand() * 4_294_967_296)
      .toString(16)
      .padStart(8, "0");
  const hex = word() + word() + word() + word();
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const between = (rand: () => number, lo: number, hi: number) => lo + rand() * (hi - lo);
const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** One season's diary, in the order it happened: 8–12 entries. */
function seasonDiary(
  rand: () => number,
  plot: BenchPlot,
  year: number,
  spring: boolean,
  burnShare: number,
): { name: string; variety: string; startedOn: string; closedOn: string; entries: { on: string; d: DiaryDetails }[] } {
  const a = plot.areaHa;
  const startedOn = spring ? `${year}-02-${pad(int(rand, 1, 15), 2)}` : `${year}-07-${pad(int(rand, 1, 12), 2)}`;
  const planted = addDaysIso(startedOn, int(rand, 5, 14));
  const harvested = addDaysIso(planted, spring ? int(rand, 105, 125) : int(rand, 95, 115));
  const variety = pick(rand, VARIETIES);
  const entries: { on: string; d: DiaryDetails }[] = [];
  const amendments: { type: OrganicAmendment; tonnesPerHa: number }[] =
    rand() < 0.3
      ? [{ type: rand() < 0.5 ? "farmyard_manure" : "straw_gt_30", tonnesPerHa: r1(between(rand, 2, 6)) }]
      : [];
  entries.push({
    on: startedOn,
    d: {
      kind: "land_preparation",
      method: rand() < 0.85 ? "Cày bừa bằng máy" : "Làm đất thủ công",
      dieselLitres: r1(a * between(rand, 12, 22)),
      preSeason: "non_flooded_lt_180",
      ...(amendments.length ? { amendments } : {}),
    },
  });
  entries.push({
    on: planted,
    d: {
      kind: plot.direct ? "sowing" : "transplanting",
      variety,
      seedKg: r1(a * (plot.direct ? between(rand, 80, 120) : between(rand, 30, 45))),
    },
  });
  // Fertiliser: basal (NPK or manure), one or two top-dressings with urea.
  const organicBasal = rand() < 0.25;
  entries.push({
    on: addDaysIso(planted, -1),
    d: organicBasal
      ? {
          kind: "fertiliser",
          product: "Phân chuồng hoai mục",
          amountKg: Math.round(a * between(rand, 5000, 8000)),
          nPercent: 0.5,
          type: "organic",
          isUrea: false,
        }
      : {
          kind: "fertiliser",
          product: "NPK 5-10-3 Lâm Thao",
          amountKg: Math.round(a * between(rand, 300, 500)),
          nPercent: 5,
          type: "synthetic",
          isUrea: false,
        },
  });
  entries.push({
    on: addDaysIso(planted, int(rand, 10, 15)),
    d: {
      kind: "fertiliser",
      product: "Urê Phú Mỹ",
      amountKg: Math.round(a * between(rand, 60, 100)),
      nPercent: 46,
      type: "synthetic",
      isUrea: true,
    },
  });
  if (rand() < 0.6)
    entries.push({
      on: addDaysIso(planted, int(rand, 35, 45)),
      d:
        rand() < 0.5
          ? {
              kind: "fertiliser",
              product: "Urê Phú Mỹ",
              amountKg: Math.round(a * between(rand, 30, 60)),
              nPercent: 46,
              type: "synthetic",
              isUrea: true,
            }
          : {
              kind: "fertiliser",
              product: "NPK 16-16-8 Đầu Trâu",
              amountKg: Math.round(a * between(rand, 100, 150)),
              nPercent: 16,
              type: "synthetic",
              isUrea: false,
            },
    });
  // Irrigation: 1–3 entries, most with the plot's usual regime.
  const irrigations = int(rand, 1, 3);
  for (let k = 0; k < irrigations; k++) {
    const regime =
      rand() < 0.85 ? plot.waterRegime : pick(rand, ["continuously_flooded", "multiple_drainage"] as const);
    entries.push({
      on: addDaysIso(planted, 3 + k * int(rand, 20, 30)),
      d: plot.electricPump
        ? { kind: "irrigation", waterRegime: regime, electricityKwh: r1(a * between(rand, 40, 90)) }
        : { kind: "irrigation", waterRegime: regime, dieselLitres: r1(a * between(rand, 5, 12)) },
    });
  }
  // Plant protection: 1–2 sprayings.
  const sprays = rand() < 0.5 ? 1 : 2;
  for (let k = 0; k < sprays; k++) {
    const p = pick(rand, PESTS);
    entries.push({
      on: addDaysIso(planted, int(rand, 30, 70)),
      d: {
        kind: "plant_protection",
        product: p.product,
        type: p.type,
        dose: r2(p.dose * a),
        doseUnit: p.unit.replace("/ha", ""),
        target: p.target,
        preHarvestDays: p.type === "bio" ? 0 : int(rand, 7, 21),
      },
    });
  }
  const yieldKg = Math.round(a * (spring ? between(rand, 5800, 7200) : between(rand, 4800, 6200)));
  entries.push({
    on: harvested,
    d: { kind: "harvest", yieldKg, dieselLitres: r1(a * between(rand, 8, 15)) },
  });
  const residueOn = addDaysIso(harvested, int(rand, 1, 6));
  entries.push({
    on: residueOn,
    d:
      rand() < burnShare
        ? { kind: "residue", handling: "burnt", tonnesDm: r2(a * between(rand, 2.5, 4.5)) }
        : { kind: "residue", handling: pick(rand, RESIDUE_OTHER) },
  });
  entries.sort((x, y) => x.on.localeCompare(y.on));
  return {
    name: `${spring ? "Vụ Xuân" : "Vụ Mùa"} ${year}`,
    variety,
    startedOn,
    closedOn: addDaysIso(residueOn, int(rand, 0, 5)),
    entries,
  };
}

/**
 * Writes the agriculture data of every ward already in `db`. Farms and plots first (one transaction
 * per ward), then seasons in the order they happened (season outermost, wards inside: a ward's
 * diaries spread over the table as a city's would), each season's entries right after it.
 */
export async function generateAgriculture(db: Db, options: AgricultureOptions): Promise<AgricultureCounts> {
  const log = options.log ?? (() => undefined);
  const rand = seededRandom(options.seed ^ 0x9e3779b9);
  const ids = seededRandom(options.seed ^ 0x85ebca6b);
  const set = await currentFactorSet(db);
  const wards = await rowsOf<{ id: string; code: string }>(db, sql`select id, code from wards order by code`);
  const groupRows = await rowsOf<{ ward_id: string; id: string }>(
    db,
    sql`select ward_id, id from units where kind = 'residential_group' order by ward_id, code`,
  );
  const groupsOf = new Map<string, string[]>();
  for (const g of groupRows) groupsOf.set(g.ward_id, [...(groupsOf.get(g.ward_id) ?? []), g.id]);
  const counts: AgricultureCounts = { farms: 0, plots: 0, seasons: 0, entries: 0 };
  const started = performance.now();
  const consentAt = new Date(`${options.fromYear - 1}-12-15T02:00:00Z`);
  const consentText = "Tôi đồng ý để cán bộ khuyến nông ghi nhật ký sản xuất thay cho cơ sở.";

  // Farms and plots.
  const plotsOfWard = new Map<string, BenchPlot[]>();
  for (const ward of wards) {
    const groups = groupsOf.get(ward.id) ?? [];
    if (groups.length === 0) throw new Error(`ward ${ward.code} has no residential group: cannot place plots`);
    const farmRows: NewFarm[] = [];
    const plotRows: NewPlot[] = [];
    const benchPlots: BenchPlot[] = [];
    const addPlot = (farmId: string, groupId: string) => {
      const id = uuidFrom(ids);
      const areaHa = r2(between(rand, 0.1, 0.6));
      const roll = rand();
      const waterRegime: WaterRegime =
        roll < 0.4 ? "continuously_flooded" : roll < 0.75 ? "single_drainage" : "multiple_drainage";
      plotRows.push({
        id,
        wardId: ward.id,
        farmId,
        name: `Thửa ${plotRows.length + 1}, xứ đồng ${pick(rand, FIELDS)}`,
        areaHa,
        residentialGroupId: groupId,
        crop: "Lúa",
        createdAt: consentAt,
        updatedAt: consentAt,
      });
      benchPlots.push({
        id,
        wardId: ward.id,
        areaHa,
        waterRegime,
        direct: rand() < 0.2,
        electricPump: rand() < 0.7,
      });
    };
    // One cooperative farms a fifth of the plots; households farm one to three each.
    const coopId = uuidFrom(ids);
    const coopGroup = pick(rand, groups);
    farmRows.push({
      id: coopId,
      wardId: ward.id,
      kind: "cooperative",
      name: `HTX Nông nghiệp ${ward.code}`,
      representative: `${pick(rand, FAMILY)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)}`,
      phone: `09${pad(int(rand, 0, 99_999_999), 8)}`,
      residentialGroupId: coopGroup,
      proxyConsentAt: consentAt,
      proxyConsentText: consentText,
      createdAt: consentAt,
      updatedAt: consentAt,
    });
    const coopPlots = Math.round(options.plotsPerWard / 5);
    for (let k = 0; k < coopPlots; k++) addPlot(coopId, pick(rand, groups));
    while (plotRows.length < options.plotsPerWard) {
      const id = uuidFrom(ids);
      const group = pick(rand, groups);
      const head = `${pick(rand, FAMILY)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)}`;
      farmRows.push({
        id,
        wardId: ward.id,
        kind: "household",
        name: `Hộ ${head}`,
        representative: head,
        phone: `09${pad(int(rand, 0, 99_999_999), 8)}`,
        residentialGroupId: group,
        address: `Tổ dân phố, ${ward.code}`,
        proxyConsentAt: consentAt,
        proxyConsentText: consentText,
        createdAt: consentAt,
        updatedAt: consentAt,
      });
      const n = Math.min(options.plotsPerWard - plotRows.length, int(rand, 1, 3));
      for (let k = 0; k < n; k++) addPlot(id, rand() < 0.8 ? group : pick(rand, groups));
    }
    await db.transaction(async (tx) => {
      for (let i = 0; i < farmRows.length; i += options.batchSize)
        await tx.insert(farms).values(farmRows.slice(i, i + options.batchSize));
      for (let i = 0; i < plotRows.length; i += options.batchSize)
        await tx.insert(plots).values(plotRows.slice(i, i + options.batchSize));
    });
    counts.farms += farmRows.length;
    counts.plots += plotRows.length;
    plotsOfWard.set(ward.id, benchPlots);
  }
  log(`    farms ${counts.farms}, plots ${counts.plots}, ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Seasons: spring and summer of each year, every ward's plots inside, one transaction each.
  for (let y = options.fromYear; y < options.fromYear + options.years; y++) {
    // Straw burning declines as the ward's campaign goes on.
    const burnShare = Math.max(0.05, 0.35 - 0.06 * (y - options.fromYear));
    for (const spring of [true, false]) {
      await db.transaction(async (tx) => {
        let seasonBatch: NewSeason[] = [];
        let entryBatch: NewEntry[] = [];
        const flush = async () => {
          if (seasonBatch.length) await insertSeasons(tx, seasonBatch);
          if (entryBatch.length) await insertEntries(tx, entryBatch);
          counts.seasons += seasonBatch.length;
          counts.entries += entryBatch.length;
          seasonBatch = [];
          entryBatch = [];
        };
        for (const ward of wards) {
          for (const plot of plotsOfWard.get(ward.id) ?? []) {
            const diary = seasonDiary(rand, plot, y, spring, burnShare);
            const seasonId = uuidFrom(ids);
            const facts = diary.entries.map((e) => ({ occurredOn: e.on, details: e.d }));
            const { input } = seasonFootprintInput(facts, plot.areaHa, WARD_CHOICE);
            const footprint = input ? computeFootprint(input, set.values, set.version) : null;
            const closedAt = new Date(`${diary.closedOn}T10:00:00Z`);
            seasonBatch.push({
              id: seasonId,
              wardId: ward.id,
              plotId: plot.id,
              name: diary.name,
              variety: diary.variety,
              startedOn: diary.startedOn,
              closedOn: diary.closedOn,
              footprint,
              footprintInput: input,
              footprintAt: footprint ? closedAt : null,
              version: diary.entries.length + 2,
              createdAt: new Date(`${diary.startedOn}T01:00:00Z`),
              updatedAt: closedAt,
            });
            for (const e of diary.entries) {
              const createdAt = new Date(Date.parse(`${e.on}T01:00:00Z`) + Math.floor(rand() * 9 * 3_600_000));
              entryBatch.push({
                wardId: ward.id,
                seasonId,
                clientId: uuidFrom(ids),
                kind: e.d.kind,
                occurredOn: e.on,
                details: e.d,
                createdAt,
              });
            }
            if (entryBatch.length >= options.batchSize) await flush();
          }
        }
        await flush();
      });
      log(
        `    seasons up to ${spring ? "spring" : "summer"} ${y}: ${counts.seasons} seasons, ${counts.entries} entries, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MB`,
      );
    }
  }
  return counts;
}
