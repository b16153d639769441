import { addDays, periodEnd, periodOf, periodsBetween, type Frequency, type PlanTemplate } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { systemActor, todayInVietnam, type Actor } from "../../lib/actor.js";
import { seededRandom } from "../../lib/random.js";
import { createWardFromTemplate } from "../onboarding/service.js";
import { allTaskRows, editTask, rollUpGroups, writeTaskUpdate } from "../plan/service.js";
import { listTaskStatuses } from "../plan/statuses.js";
import { indicatorRows, saveMeasurement, setBaseline } from "../indicators/service.js";
import type { FileStore } from "../files/store.js";
import { loadDemoFeedback } from "../feedback/demo.js";
import { DEMO_LABEL } from "./service.js";

/**
 * How a demo ward of the city carries out the plan: how its targets move against the
 * trajectory (one factor per indicator, repeated), how much it measured, how far its work got,
 * and how many deadlines it let pass. Chosen so that the city's comparison shows every status.
 */
type CityDemoProfile = {
  code: string;
  name: string;
  /** Approximate centre of the ward (WGS 84). */
  latitude: number;
  longitude: number;
  /** 1 follows the trajectory, above runs ahead, below lags. Empty: nothing measured. */
  performance: number[];
  /** Indicators measured (the first n of the plan), all when undefined. */
  measuredIndicators?: number;
  /** Only the latest period of each measured indicator. */
  latestPeriodOnly?: boolean;
  /** Share of tasks reported on, and the range of progress they reached. */
  reportedShare: number;
  progress: [number, number];
  /** Tasks whose deadline has passed, unfinished. */
  lateTasks: number;
};

/** Five wards of Hải Phòng (after the 2025 reorganisation), spread over the city for the map. */
export const CITY_DEMO_WARDS: CityDemoProfile[] = [
  {
    // Ahead: targets above the trajectory, much work done, nothing late.
    code: "hong-bang",
    name: "Phường Hồng Bàng",
    latitude: 20.864,
    longitude: 106.668,
    performance: [1.25, 1.15, 1.2, 1.1],
    reportedShare: 0.95,
    progress: [60, 115],
    lateTasks: 0,
  },
  {
    // Badly late: targets far behind, little progress, many deadlines passed.
    code: "kien-an",
    name: "Phường Kiến An",
    latitude: 20.808,
    longitude: 106.627,
    performance: [0.3, 0.5, 0.2, 0.6, 0.4],
    reportedShare: 0.5,
    progress: [5, 30],
    lateTasks: 16,
  },
  {
    // Few measurements: three indicators, one period each; work under way.
    code: "thuy-nguyen",
    name: "Phường Thủy Nguyên",
    latitude: 20.928,
    longitude: 106.662,
    performance: [1.0, 0.9, 1.05],
    measuredIndicators: 3,
    latestPeriodOnly: true,
    reportedShare: 0.6,
    progress: [20, 70],
    lateTasks: 1,
  },
  {
    // In between: most targets near the line, some late work.
    code: "do-son",
    name: "Phường Đồ Sơn",
    latitude: 20.712,
    longitude: 106.785,
    performance: [1.0, 0.8, 0.95, 0.55, 1.05, 0.9],
    reportedShare: 0.8,
    progress: [25, 80],
    lateTasks: 6,
  },
  {
    // Just opened: the plan adopted, nothing reported yet.
    code: "chi-linh",
    name: "Phường Chí Linh",
    latitude: 21.132,
    longitude: 106.393,
    performance: [],
    reportedShare: 0,
    progress: [0, 0],
    lateTasks: 0,
  },
];

/**
 * The demo city: five more wards beside Việt Hòa, each adopting the same plan template, with
 * generated progress and measurements labelled as demo data, so that the city's comparison
 * means something. Loaded by `npm start` in demo mode; tests load it only when they ask
 * (`startTestApp({ cityDemo: true })`), it costs seconds.
 */
export async function loadCityDemo(
  db: Db,
  options: { today?: string; template: PlanTemplate; store: FileStore },
): Promise<{ wardIds: Map<string, string> }> {
  const today = options.today ?? todayInVietnam();
  const wardIds = new Map<string, string>();
  for (const [index, profile] of CITY_DEMO_WARDS.entries()) {
    const { wardId } = await createWardFromTemplate(
      db,
      {
        code: profile.code,
        name: profile.name,
        province: "Hải Phòng",
        isDemo: true,
        latitude: profile.latitude,
        longitude: profile.longitude,
      },
      options.template,
      new Date(`${addDays(today, -200)}T08:00:00+07:00`),
    );
    wardIds.set(profile.code, wardId);
    const actor = systemActor(wardId, DEMO_LABEL);
    const rand = seededRandom(20260500 + index);
    await loadMeasurements(db, actor, today, profile, rand);
    await loadProgress(db, options.store, actor, today, profile, rand);
    await loadDemoFeedback(db, options.store, actor, profile, { reports: false, apiKey: false });
  }
  return { wardIds };
}

/** Ward-level values (no residential groups: a new ward reports for the whole ward first). */
async function loadMeasurements(db: Db, actor: Actor, today: string, profile: CityDemoProfile, rand: () => number) {
  if (profile.performance.length === 0) return;
  const rows = (await indicatorRows(db, actor.wardId)).slice(0, profile.measuredIndicators);
  const baselineYear = 2025;
  await db.transaction(async (tx) => {
    for (const [index, indicator] of rows.entries()) {
      const isPercent = indicator.unitOfMeasure === "%";
      const target = indicator.targetValue;
      const baseline =
        indicator.direction === "decrease"
          ? Math.max(8, target + 10 + Math.round(rand() * 10))
          : isPercent
            ? Math.round(target * (0.3 + rand() * 0.3))
            : Math.round(Math.max(1, target * (0.1 + rand() * 0.2)));
      await setBaseline(tx, actor.wardId, indicator.code, baseline, baselineYear);
      const performance = profile.performance[index % profile.performance.length] ?? 1;
      const frequency = indicator.frequency as Frequency;
      const periods = periodsBetween(periodOf(frequency, `${baselineYear}-01-15`), periodOf(frequency, today)).filter(
        (p) => periodEnd(p) < today,
      );
      for (const period of profile.latestPeriodOnly ? periods.slice(-1) : periods) {
        const share = Math.min(
          1,
          (Date.parse(periodEnd(period)) - Date.UTC(baselineYear, 0, 1)) /
            (Date.UTC(indicator.targetYear, 11, 31) - Date.UTC(baselineYear, 0, 1)),
        );
        const value = baseline + (target - baseline) * share * performance;
        await saveMeasurement(tx, actor, indicator, {
          period,
          residentialGroupId: null,
          value: Math.round((isPercent ? Math.min(100, Math.max(0, value)) : Math.max(0, value)) * 100) / 100,
          source: `${DEMO_LABEL} — báo cáo của phường`,
        });
      }
    }
  });
}

async function loadProgress(
  db: Db,
  store: FileStore,
  actor: Actor,
  today: string,
  profile: CityDemoProfile,
  rand: () => number,
) {
  if (profile.reportedShare === 0 && profile.lateTasks === 0) return;
  const statuses = new Map((await listTaskStatuses(db, actor.wardId)).map((s) => [s.code, s]));
  const leaves = (await allTaskRows(db, actor.wardId)).filter((r) => r.kind !== "group");
  // Deadlines already passed, spread over the plan (every fifth task, then the ones between).
  const late = [...leaves.filter((_, i) => i % 5 === 2), ...leaves.filter((_, i) => i % 5 !== 2)].slice(
    0,
    profile.lateTasks,
  );
  for (const [i, row] of late.entries())
    await editTask(db, actor, row.id, {
      version: row.version,
      deadline: addDays(today, -10 - i * 6),
      recurrence: "none",
    });
  const lateIds = new Set(late.map((r) => r.id));
  const fresh = await allTaskRows(db, actor.wardId);
  const [low, high] = profile.progress;
  await db.transaction(async (tx) => {
    const parents: (string | null)[] = [];
    for (const row of fresh) {
      if (row.kind === "group" || rand() >= profile.reportedShare) continue;
      parents.push(row.parentId);
      // Late work is unfinished: that is what the city must see.
      const progress = Math.min(lateIds.has(row.id) ? 60 : 100, Math.round(low + rand() * (high - low)));
      const code = progress >= 100 ? "completed" : row.recurrence === "continuous" ? "ongoing" : "in_progress";
      const status = statuses.get(code);
      if (!status) throw new Error(`status ${code} missing`);
      const reportedOn = addDays(today, -1 - Math.floor(rand() * 40));
      await writeTaskUpdate(
        tx,
        store,
        actor,
        row,
        status,
        { reportedOn, text: `(${DEMO_LABEL}) Đã triển khai theo kế hoạch; tiếp tục theo dõi, đôn đốc.`, progress },
        [],
        statuses,
        new Date(`${reportedOn}T09:00:00+07:00`),
        false,
      );
    }
    // Each group rolled up once, not once per update of its tasks.
    await rollUpGroups(tx, actor.wardId, parents, statuses);
  });
}
