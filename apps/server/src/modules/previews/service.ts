import type { PublicLanguage, PublicPlan, PublicTask } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { DataLog } from "../../lib/data-log.js";
import {
  deadlineText,
  formatNumber,
  formatQuantity,
  indicatorStatusLabel,
  safePeriodLabel,
  targetSymbol,
  timelinessLabel,
} from "../../lib/public-labels.js";
import type { SnapshotWard } from "../../lib/snapshots.js";
import { listUnits, listWards } from "../identity/service.js";
import { listIndicators, listPublicMeasurements } from "../indicators/service.js";
import { getPublicPlan } from "../plan/public-plan.js";
import type { PreviewCard, PreviewVisual } from "./image.js";

/** A public page of the web app that a link can point to (apps/web routes under /cong-khai). */
export type PublicPage =
  | { kind: "plan" }
  | { kind: "task"; code: string }
  | { kind: "indicator"; code: string }
  | { kind: "group"; code: string }
  | { kind: "residential-group"; code: string }
  | { kind: "city" }
  | { kind: "open-data" };

/** What a shared link shows: the page's title, its one-line status, and the image's content. */
export type PageSummary = {
  title: string;
  status: string;
  card: PreviewCard;
};

const WORDS = {
  site: { vi: "Phường Xanh", en: "Green Ward" },
  plan: { vi: "Kế hoạch chuyển đổi xanh", en: "Green transformation plan" },
  averageProgress: { vi: "Tiến độ bình quân", en: "Average progress" },
  progress: { vi: "Tiến độ", en: "Progress" },
  tasks: { vi: "nhiệm vụ", en: "tasks" },
  overdue: { vi: "trễ hạn", en: "overdue" },
  now: { vi: "Hiện tại", en: "Now" },
  noData: { vi: "Chưa có số liệu", en: "No data yet" },
  target: { vi: "Mục tiêu", en: "Target" },
  targetYear: { vi: "năm", en: "by" },
  indicator: { vi: "Chỉ tiêu", en: "Indicator" },
  households: { vi: "hộ", en: "households" },
  indicatorsWithData: { vi: "chỉ tiêu có số liệu", en: "indicators with data" },
  latestPeriod: { vi: "Kỳ gần nhất", en: "Latest period" },
  residentialGroup: { vi: "Tổ dân phố", en: "Residential group" },
  city: { vi: "So sánh các phường, xã", en: "Comparing wards and communes" },
  wards: { vi: "phường, xã", en: "wards and communes" },
  openData: { vi: "Dữ liệu mở", en: "Open data" },
  openDataStatus: {
    vi: "Chỉ tiêu, số liệu, nhiệm vụ · CSV, JSON, XLSX · Giấy phép CC BY 4.0",
    en: "Indicators, measurements, tasks · CSV, JSON, XLSX · CC BY 4.0 licence",
  },
  demo: { vi: "Dữ liệu minh họa", en: "Demo data" },
  sectionIII: { vi: "III. Nhiệm vụ, giải pháp trọng tâm", en: "III. Key tasks and solutions" },
  sectionV: { vi: "V. Tổ chức thực hiện", en: "V. Implementation" },
} satisfies Record<string, Record<PublicLanguage, string>>;

type Word = keyof typeof WORDS;

const joinStatus = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" · ");
const percent = (value: number, lang: PublicLanguage) => `${formatNumber(value, lang, 0)}%`;

function flatten(tasks: PublicTask[]): PublicTask[] {
  return tasks.flatMap((t) => [t, ...flatten(t.children)]);
}

function countWork(tasks: PublicTask[]): { total: number; overdue: number } {
  const work = flatten(tasks).filter((t) => t.kind !== "group");
  return { total: work.length, overdue: work.filter((t) => t.timeliness === "overdue").length };
}

function cardOf(
  ward: { name: string; province: string; isDemo: boolean },
  lang: PublicLanguage,
  fields: { title: string; detail: string; status: string; visual: PreviewVisual },
): PreviewCard {
  return {
    site: WORDS.site[lang],
    eyebrow: ward.province ? `${ward.name}, ${ward.province}` : ward.name,
    badge: ward.isDemo ? WORDS.demo[lang] : null,
    ...fields,
  };
}

/** Summary of one page of a ward; null when the code names nothing there. */
export async function summarizePage(
  db: Db,
  log: DataLog,
  ward: SnapshotWard,
  lang: PublicLanguage,
  today: string,
  page: Exclude<PublicPage, { kind: "city" }>,
): Promise<PageSummary | null> {
  const w = (word: Word) => WORDS[word][lang];
  switch (page.kind) {
    case "plan": {
      const plan = await getPublicPlan(db, ward.code, log, lang);
      const { summary } = plan;
      const status = joinStatus(
        `${w("averageProgress")} ${percent(summary.averageProgress, lang)}`,
        `${formatNumber(summary.tasks, lang)} ${w("tasks")}`,
        summary.overdue > 0 ? `${formatNumber(summary.overdue, lang)} ${w("overdue")}` : null,
      );
      const title = `${w("plan")} — ${ward.name}`;
      return {
        title,
        status,
        card: cardOf(ward, lang, {
          title: w("plan"),
          detail: plan.plan.title,
          status,
          visual: { kind: "progress", value: summary.averageProgress, label: percent(summary.averageProgress, lang) },
        }),
      };
    }
    case "task": {
      const plan = await getPublicPlan(db, ward.code, log, lang);
      const task = flatten([...plan.tasks, ...plan.duties]).find((t) => t.code === page.code);
      if (!task) return null;
      const status = joinStatus(
        `${w("progress")} ${percent(task.progress, lang)}`,
        timelinessLabel(task.timeliness, lang),
        deadlineText(task, lang),
      );
      return {
        title: task.title,
        status,
        card: cardOf(ward, lang, {
          title: task.title,
          detail: joinStatus(task.ref, task.owner.name),
          status,
          visual: { kind: "progress", value: task.progress, label: percent(task.progress, lang) },
        }),
      };
    }
    case "group": {
      const plan = await getPublicPlan(db, ward.code, log, lang);
      const inIII = plan.tasks.find((t) => t.code === page.code);
      const group = inIII ?? plan.duties.find((t) => t.code === page.code);
      if (!group) return null;
      const counts = countWork(group.children);
      const status = joinStatus(
        `${w("progress")} ${percent(group.progress, lang)}`,
        `${formatNumber(counts.total, lang)} ${w("tasks")}`,
        counts.overdue > 0 ? `${formatNumber(counts.overdue, lang)} ${w("overdue")}` : null,
      );
      return {
        title: group.title,
        status,
        card: cardOf(ward, lang, {
          title: group.title,
          detail: joinStatus(inIII ? w("sectionIII") : w("sectionV"), group.ref),
          status,
          visual: { kind: "progress", value: group.progress, label: percent(group.progress, lang) },
        }),
      };
    }
    case "indicator":
      return summarizeIndicator(db, log, ward, lang, page.code);
    case "residential-group":
      return summarizeResidentialGroup(db, log, ward, lang, today, page.code);
    case "open-data": {
      const title = `${w("openData")} — ${ward.name}`;
      const status = w("openDataStatus");
      return {
        title,
        status,
        card: cardOf(ward, lang, { title: w("openData"), detail: w("plan"), status, visual: { kind: "none" } }),
      };
    }
  }
}

async function summarizeIndicator(
  db: Db,
  log: DataLog,
  ward: SnapshotWard,
  lang: PublicLanguage,
  code: string,
): Promise<PageSummary | null> {
  const w = (word: Word) => WORDS[word][lang];
  const plan: PublicPlan = await getPublicPlan(db, ward.code, log, lang);
  const indicator = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === code);
  if (!indicator) return null;
  const unit = indicator.unitOfMeasure;
  const now = indicator.latest ? `${w("now")} ${formatQuantity(indicator.latest.value, unit, lang)}` : w("noData");
  const target = `${w("target")} ${targetSymbol(indicator.direction)} ${formatQuantity(indicator.targetValue, unit, lang)}`;
  const statusLabel = indicator.latest ? indicatorStatusLabel(indicator.status, lang) : null;
  const status = joinStatus(now, `${target} ${w("targetYear")} ${indicator.targetYear}`, statusLabel);
  // A bar only where "how far along" reads plainly: a target to reach from below.
  const fraction =
    indicator.latest && indicator.direction === "increase" && indicator.targetValue > 0
      ? indicator.latest.value / indicator.targetValue
      : null;
  return {
    title: indicator.name,
    status,
    card: cardOf(ward, lang, {
      title: indicator.name,
      detail: joinStatus(`${w("indicator")} ${indicator.ref}`),
      status: joinStatus(
        indicatorStatusLabel(indicator.status, lang),
        indicator.latest ? safePeriodLabel(indicator.latest.period, lang) : null,
      ),
      visual: { kind: "target", fraction, valueText: now, targetText: `${target} (${indicator.targetYear})` },
    }),
  };
}

async function summarizeResidentialGroup(
  db: Db,
  log: DataLog,
  ward: SnapshotWard,
  lang: PublicLanguage,
  today: string,
  code: string,
): Promise<PageSummary | null> {
  const w = (word: Word) => WORDS[word][lang];
  const group = (await listUnits(db, ward.id)).find((u) => u.kind === "residential_group" && u.code === code);
  if (!group) return null;
  const [indicators, measurements] = await Promise.all([
    listIndicators(db, log, ward.id, today),
    listPublicMeasurements(db, ward.id),
  ]);
  // The latest value of each indicator measured for this group (rows come oldest first).
  const latest = new Map<string, { period: string; periodEnd: string; value: number }>();
  for (const m of measurements) if (m.residentialGroup?.code === code) latest.set(m.indicatorCode, m);
  const measured = indicators.filter((i) => latest.has(i.code));
  const lastPeriod = [...latest.values()].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)).at(-1);
  const status = joinStatus(
    group.households !== null ? `${formatNumber(group.households, lang)} ${w("households")}` : null,
    `${formatNumber(measured.length, lang)} ${w("indicatorsWithData")}`,
    lastPeriod ? `${w("latestPeriod")} ${safePeriodLabel(lastPeriod.period, lang)}` : null,
  );
  const rows = measured
    .filter((i) => i.unitOfMeasure === "%")
    .map((i) => {
      const value = latest.get(i.code)?.value ?? 0;
      return { label: i.name, value, text: percent(value, lang) };
    });
  return {
    title: group.name,
    status,
    card: cardOf(ward, lang, {
      title: group.name,
      detail: w("residentialGroup"),
      status,
      visual: rows.length ? { kind: "bars", rows } : { kind: "none" },
    }),
  };
}

/** The city's comparison of its wards: each ward's average progress. */
export async function summarizeCity(db: Db, log: DataLog, lang: PublicLanguage): Promise<PageSummary> {
  const w = (word: Word) => WORDS[word][lang];
  const wards = await listWards(db);
  const plans: PublicPlan[] = [];
  for (const ward of wards) {
    try {
      plans.push(await getPublicPlan(db, ward.code, log, lang));
    } catch {
      // A ward opened without a plan yet has nothing to compare.
    }
  }
  const average = plans.length ? plans.reduce((sum, p) => sum + p.summary.averageProgress, 0) / plans.length : 0;
  const province = wards[0]?.province ?? "";
  const status = joinStatus(
    `${formatNumber(wards.length, lang)} ${w("wards")}`,
    `${w("averageProgress")} ${percent(average, lang)}`,
  );
  const rows = [...plans]
    .sort((a, b) => b.summary.averageProgress - a.summary.averageProgress)
    .map((p) => ({
      label: p.ward.name,
      value: p.summary.averageProgress,
      text: percent(p.summary.averageProgress, lang),
    }));
  return {
    title: province ? `${w("city")} — ${province}` : w("city"),
    status,
    card: {
      site: w("site"),
      eyebrow: province,
      badge: wards.length > 0 && wards.every((x) => x.isDemo) ? w("demo") : null,
      title: w("city"),
      detail: "",
      status,
      visual: rows.length ? { kind: "bars", rows } : { kind: "none" },
    },
  };
}
