import {
  addDays,
  isComputedIndicator,
  periodEnd,
  periodOf,
  periodsBetween,
  type Frequency,
  type PlanTemplate,
  type Role,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { systemActor, todayInVietnam, type Actor } from "../../lib/actor.js";
import { seededRandom } from "../../lib/random.js";
import { addUnits, createUser } from "../identity/service.js";
import { createWardFromTemplate } from "../onboarding/service.js";
import { allTaskRows, editTask, planOfWard, writeTaskUpdate } from "../plan/service.js";
import { listTaskStatuses } from "../plan/statuses.js";
import { indicatorRows, saveMeasurement, setBaseline } from "../indicators/service.js";
import type { FileStore } from "../files/store.js";
import { createDocument, registerOutgoing } from "../documents/service.js";
import { loadDemoFeedback } from "../feedback/demo.js";
import { loadDemoAgriculture } from "../agriculture/demo.js";
import { loadDemoCertificates } from "../certificates/demo.js";
import { loadDemoExtension } from "../extension/demo.js";
import { loadDemoReports } from "../reporting/demo.js";
import { linkTaskIndicatorsByCode } from "../portal/service.js";

/** Label carried by every generated row, so nobody mistakes demo activity for real data. */
export const DEMO_LABEL = "Dữ liệu minh họa";
export const DEMO_PASSWORD = "xanh2026";
export const DEMO_WARD = {
  code: "viet-hoa",
  name: "Phường Việt Hòa",
  province: "Hải Phòng",
  isDemo: true,
  // Approximate centre of the ward, west of the former Hải Dương city (for the city's map).
  latitude: 20.944,
  longitude: 106.287,
} as const;

/** The demo accounts, one per role (README lists them). */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; unitCode: string | null }[] = [
  { username: "admin", displayName: "Quản trị hệ thống", role: "admin", unitCode: null },
  { username: "lanhdao", displayName: "Lãnh đạo UBND phường", role: "ward_leader", unitCode: "ubnd" },
  { username: "vanphong", displayName: "Chuyên viên Văn phòng HĐND & UBND", role: "office", unitCode: "van-phong" },
  {
    username: "kinhte",
    displayName: "Cán bộ Phòng Kinh tế, Hạ tầng và Đô thị",
    role: "unit_officer",
    unitCode: "kinh-te",
  },
  { username: "vhxh", displayName: "Cán bộ Phòng Văn hóa - Xã hội", role: "unit_officer", unitCode: "vhxh" },
  {
    username: "trungtam",
    displayName: "Cán bộ Trung tâm Dịch vụ sự nghiệp công",
    role: "unit_officer",
    unitCode: "trung-tam",
  },
  { username: "mttq", displayName: "Cán bộ Ủy ban MTTQ phường", role: "unit_officer", unitCode: "mttq" },
  { username: "nentang", displayName: "Quản trị nền tảng (thành phố)", role: "platform_admin", unitCode: null },
  // Reads every ward, writes none; its own ward is only where its account is kept.
  { username: "thanhpho", displayName: "Thành phố Hải Phòng (minh họa)", role: "city", unitCode: null },
];

const RESIDENTIAL_GROUPS = 12;

export type DemoOptions = { today?: string; template: PlanTemplate; store: FileStore };

/**
 * The demo ward: Việt Hòa with the seed plan, its residential groups, a few schools and
 * businesses, one account per role, baselines, measurements of past periods, progress updates
 * and some overdue tasks — so a newcomer opens a living dashboard.
 */
export async function loadDemo(db: Db, options: DemoOptions): Promise<{ wardId: string }> {
  const today = options.today ?? todayInVietnam();
  const trackedSince = addDays(today, -200);
  const { wardId, unitIds } = await createWardFromTemplate(
    db,
    DEMO_WARD,
    options.template,
    new Date(`${trackedSince}T08:00:00+07:00`),
  );
  const rand = seededRandom(20260428);
  const actor: Actor = systemActor(wardId, DEMO_LABEL);

  const groups = Array.from({ length: RESIDENTIAL_GROUPS }, (_, i) => ({
    code: `tdp-${String(i + 1).padStart(2, "0")}`,
    name: `Tổ dân phố số ${i + 1}`,
    shortName: `TDP ${i + 1}`,
    kind: "residential_group",
    parentCode: "to-dan-pho",
    households: 180 + Math.round(rand() * 220),
  }));
  const extra = [
    ...groups,
    {
      code: "mn-viet-hoa",
      name: "Trường Mầm non Việt Hòa",
      shortName: "MN Việt Hòa",
      kind: "school",
      parentCode: "truong-hoc",
    },
    {
      code: "th-viet-hoa",
      name: "Trường Tiểu học Việt Hòa",
      shortName: "TH Việt Hòa",
      kind: "school",
      parentCode: "truong-hoc",
    },
    {
      code: "thcs-viet-hoa",
      name: "Trường THCS Việt Hòa",
      shortName: "THCS Việt Hòa",
      kind: "school",
      parentCode: "truong-hoc",
    },
    {
      code: "htx-nong-nghiep",
      name: "Hợp tác xã Nông nghiệp Việt Hòa (minh họa)",
      shortName: "HTX NN Việt Hòa",
      kind: "business",
      parentCode: "doanh-nghiep",
    },
    {
      code: "cty-may-xanh",
      name: "Công ty TNHH May Xanh (minh họa)",
      shortName: "Cty May Xanh",
      kind: "business",
      parentCode: "doanh-nghiep",
    },
  ];
  const allUnits = await db.transaction((tx) => addUnits(tx, wardId, extra, unitIds));

  for (const account of DEMO_ACCOUNTS) {
    const unitId = account.unitCode ? (allUnits.get(account.unitCode) ?? null) : null;
    await createUser(
      db,
      actor,
      {
        username: account.username,
        displayName: account.displayName,
        password: DEMO_PASSWORD,
        role: account.role,
        unitId,
      },
      { skipPolicy: true },
    );
  }

  await loadDemoMeasurements(
    db,
    actor,
    wardId,
    today,
    groups.map((g) => ({ id: allUnits.get(g.code) ?? "", households: g.households })),
    rand,
  );
  // The computed indicators' figures, before any report period is locked with the ward's figures.
  await loadDemoAgriculture(db, actor, today);
  await loadDemoCertificates(db, actor, today);
  await loadDemoExtension(db, actor);
  await loadDemoProgress(db, options.store, actor, wardId, today, trackedSince, rand);
  await loadDemoTaskIndicatorLinks(db, actor, wardId);
  await loadDemoDocuments(db, options.store, actor, wardId, today);
  await loadDemoReports(db, actor, today, DEMO_LABEL);
  await loadDemoFeedback(db, options.store, actor, DEMO_WARD);
  return { wardId };
}

async function loadDemoMeasurements(
  db: Db,
  actor: Actor,
  wardId: string,
  today: string,
  groups: { id: string; households: number }[],
  rand: () => number,
) {
  const rows = await indicatorRows(db, wardId);
  await db.transaction(async (tx) => {
    for (const [index, indicator] of rows.entries()) {
      const isPercent = indicator.unitOfMeasure === "%";
      const target = indicator.targetValue;
      const baseline =
        indicator.direction === "decrease"
          ? Math.max(8, target + 10 + Math.round(rand() * 10))
          : isPercent
            ? Math.round(target * (0.35 + rand() * 0.35))
            : Math.round(Math.max(1, target * (0.1 + rand() * 0.2)));
      const baselineYear = 2025;
      await setBaseline(tx, wardId, indicator.code, baseline, baselineYear);
      // Computed from the ward's records (the farm registry's demo), never made up here.
      if (isComputedIndicator(indicator.code)) continue;
      // A mix of performances: most on track, some lagging, one or two far behind.
      const performance = [1.15, 1.0, 0.85, 0.45, 1.1, 0.6][index % 6] ?? 1;
      const frequency = indicator.frequency as Frequency;
      const current = periodOf(frequency, today);
      const periods = periodsBetween(periodOf(frequency, `${baselineYear}-01-15`), current).filter(
        (p) => periodEnd(p) < today,
      );
      for (const period of periods) {
        const share = Math.min(
          1,
          (Date.parse(periodEnd(period)) - Date.UTC(baselineYear, 0, 1)) /
            (Date.UTC(indicator.targetYear, 11, 31) - Date.UTC(baselineYear, 0, 1)),
        );
        let wardValue = baseline + (target - baseline) * share * performance;
        wardValue = isPercent ? Math.min(100, Math.max(0, wardValue)) : Math.max(0, wardValue);
        const source = `${DEMO_LABEL} — báo cáo của đơn vị`;
        // Counts are whole ("15 vụ", never "15,27 vụ"); hectares and tonnes keep two decimals.
        const roundValue = indicator.valueKind === "count" ? Math.round : round;
        const roundParts = indicator.partsKind === "count" ? Math.round : round;
        if (!indicator.perResidentialGroup) {
          await saveMeasurement(tx, actor, indicator, {
            period,
            residentialGroupId: null,
            value: roundValue(wardValue),
            source,
          });
          continue;
        }
        for (const group of groups) {
          const noise = 1 + (rand() - 0.5) * 0.2;
          if (indicator.aggregation === "ratio_of_sums") {
            const denominator =
              indicator.numeratorLabel?.includes("hộ") || indicator.denominatorLabel?.includes("hộ")
                ? group.households
                : Math.max(1, roundParts(5 + rand() * 20));
            const numerator = Math.min(denominator, roundParts((denominator * wardValue * noise) / 100));
            await saveMeasurement(tx, actor, indicator, {
              period,
              residentialGroupId: group.id,
              numerator,
              denominator,
              source,
            });
          } else {
            await saveMeasurement(tx, actor, indicator, {
              period,
              residentialGroupId: group.id,
              value: roundValue((wardValue / groups.length) * noise),
              source,
            });
          }
        }
      }
    }
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

const DEMO_UPDATE_TEXTS = [
  "Đã tổ chức triển khai đến các tổ dân phố; tiếp tục theo dõi, đôn đốc.",
  "Đã rà soát, tổng hợp số liệu; báo cáo UBND phường theo kỳ.",
  "Phối hợp với các đoàn thể tuyên truyền tại khu dân cư; ghi nhận kết quả bước đầu.",
  "Hoàn thiện dự thảo văn bản hướng dẫn; lấy ý kiến các đơn vị phối hợp.",
  "Tổ chức ra quân vệ sinh môi trường, thu gom rác thải tại tuyến đường chính.",
];

async function loadDemoProgress(
  db: Db,
  store: FileStore,
  actor: Actor,
  wardId: string,
  today: string,
  trackedSince: string,
  rand: () => number,
) {
  const statuses = new Map((await listTaskStatuses(db, wardId)).map((s) => [s.code, s]));
  const rows = (await allTaskRows(db, wardId)).filter((r) => r.kind !== "group");
  // A few one-off tasks get deadlines: some already passed (late), some within two weeks.
  const deadlineOffsets = [-40, -12, -3, 5, 10, 60, 120];
  for (const [i, offset] of deadlineOffsets.entries()) {
    const row = rows[(i * 7 + 3) % rows.length];
    if (!row) continue;
    await editTask(db, actor, row.id, { version: row.version, deadline: addDays(today, offset), recurrence: "none" });
  }
  const fresh = new Map((await allTaskRows(db, wardId)).map((r) => [r.id, r]));
  await db.transaction(async (tx) => {
    for (const [index, original] of rows.entries()) {
      if (index % 5 === 4) continue; // a fifth of the work has never been reported on
      let row = fresh.get(original.id) ?? original;
      // Reports every month or so, the last one between today and seven weeks ago.
      const lastOn = addDays(today, -Math.floor(rand() * 50));
      const interval = 25 + Math.floor(rand() * 25);
      const dates: string[] = [];
      for (let d = lastOn; d > addDays(trackedSince, 10); d = addDays(d, -interval)) dates.unshift(d);
      // Work with a deadline near or passed is not finished yet: that is what leaders must see.
      const ceiling = row.deadline && row.deadline < addDays(today, 30) ? 70 : 100;
      let progress = 0;
      for (const reportedOn of dates) {
        progress = Math.min(ceiling, progress + 5 + Math.floor(rand() * 20));
        const status = progress >= 100 ? "completed" : row.recurrence === "continuous" ? "ongoing" : "in_progress";
        const statusRow = statuses.get(status);
        if (!statusRow) throw new Error(`status ${status} missing`);
        const text = `(${DEMO_LABEL}) ${DEMO_UPDATE_TEXTS[Math.floor(rand() * DEMO_UPDATE_TEXTS.length)] ?? ""}`;
        await writeTaskUpdate(
          tx,
          store,
          actor,
          row,
          statusRow,
          { reportedOn, text, progress },
          [],
          statuses,
          new Date(`${reportedOn}T09:00:00+07:00`),
        );
        row = { ...row, status, progress, lastUpdateOn: reportedOn, version: row.version + 1 };
      }
    }
  });
}

/**
 * Which tasks move which indicators in the seed plan, as an officer would link them: each pair
 * reads the task's words against the indicator's (waste sorting → source separation, LED → lighting…).
 */
const DEMO_TASK_INDICATORS: [taskCode: string, indicatorCode: string][] = [
  ["iii-5-1", "gap-organic-area-share"],
  ["iii-5-2", "gap-organic-area-share"],
  ["v-1-3", "gap-organic-area-share"],
  ["iii-5-1", "digital-farm-diary-household-share"],
  ["v-1-5", "digital-farm-diary-household-share"],
  ["iii-5-3", "straw-burning-cases"],
  ["iii-6-1", "domestic-waste-collected-share"],
  ["v-5-3", "domestic-waste-collected-share"],
  ["iii-6-1", "source-separation-residential-group-share"],
  ["v-5-3", "source-separation-residential-group-share"],
  ["iii-6-1", "household-source-separation-share"],
  ["iii-6-4", "household-source-separation-share"],
  ["v-5-3", "household-source-separation-share"],
  ["iii-3-4", "public-lighting-led-share"],
  ["iii-4-1", "public-works-unfired-materials-share"],
  ["iii-4-3", "public-works-unfired-materials-share"],
  ["iii-3-2", "rooftop-solar-installations"],
  ["iii-3-3", "rooftop-solar-installations"],
  ["iii-2-3", "single-use-plastic-free-business-share"],
  ["iii-6-4", "single-use-plastic-free-business-share"],
  ["v-3-7", "online-dossier-share"],
];

async function loadDemoTaskIndicatorLinks(db: Db, actor: Actor, wardId: string) {
  const [tasks, indicators] = await Promise.all([allTaskRows(db, wardId), indicatorRows(db, wardId)]);
  await db.transaction((tx) =>
    linkTaskIndicatorsByCode(
      tx,
      actor,
      DEMO_TASK_INDICATORS,
      new Map(tasks.map((t) => [t.code, t.id])),
      new Map(indicators.map((i) => [i.code, i.id])),
    ),
  );
}

/** "Nơi nhận" of the seed plan, as the document lists them. */
const PLAN_RECIPIENTS = [
  "- Thường trực Đảng ủy phường (b/c);",
  "- Thường trực HĐND phường (b/c);",
  "- Chủ tịch, các Phó Chủ tịch UBND phường;",
  "- Văn phòng HĐND và UBND phường;",
  "- Phòng Kinh tế, Hạ tầng và Đô thị;",
  "- Phòng Văn hoá – Xã hội phường;",
  "- Trung tâm Dịch vụ sự nghiệp công phường;",
  "- Các cơ quan, đơn vị có liên quan;",
  "- Lưu: VT.",
].join("\n");

const NQ08_SUMMARY = "Về chuyển đổi xanh thành phố Hải Phòng giai đoạn 2026 - 2030, tầm nhìn đến năm 2050";

/**
 * The registry of the demo ward. The documents the plan names in its basis (Nghị quyết số
 * 08-NQ/TU, Kế hoạch số 133/KH-UBND of the city, Chương trình hành động số 13-CTr/ĐU) came in;
 * the plan itself went out, numbered by the register since the seed leaves its number blank
 * ("Số: /KH-UBND"), and is linked to some of its tasks. The days they arrived, the plan's day
 * in April and the two letters of the city are made up, and say so.
 */
async function loadDemoDocuments(db: Db, store: FileStore, actor: Actor, wardId: string, today: string) {
  const received = `UBND phường Việt Hòa (${DEMO_LABEL})`;
  const incoming = [
    {
      numberAndSymbol: "08-NQ/TU",
      typeCode: "NQ",
      issuedOn: "2026-01-29",
      receivedOn: "2026-02-03",
      issuer: "Ban Chấp hành Đảng bộ thành phố Hải Phòng",
      summary: NQ08_SUMMARY,
    },
    {
      numberAndSymbol: "13-CTr/ĐU",
      typeCode: "CTr",
      issuedOn: "2026-03-25",
      receivedOn: "2026-03-26",
      issuer: "Đảng ủy phường Việt Hòa",
      summary: `Chương trình hành động thực hiện Nghị quyết số 08-NQ/TU ngày 29/01/2026 của Ban Chấp hành Đảng bộ thành phố khóa I ${NQ08_SUMMARY.charAt(0).toLowerCase()}${NQ08_SUMMARY.slice(1)} trên địa bàn phường Việt Hòa`,
    },
    {
      numberAndSymbol: "133/KH-UBND",
      typeCode: "KH",
      issuedOn: "2026-04-16",
      receivedOn: "2026-04-20",
      issuer: "Ủy ban nhân dân thành phố Hải Phòng",
      summary:
        "Triển khai thực hiện Nghị quyết số 08-NQ/TU ngày 29/01/2026 của Ban Chấp hành Đảng bộ thành phố khóa I về chuyển đổi xanh thành phố Hải Phòng giai đoạn 2026 - 2030, tầm nhìn đến năm 2050",
    },
    {
      numberAndSymbol: "1520/UBND-NN",
      typeCode: "CV",
      issuedOn: addDays(today, -41),
      receivedOn: addDays(today, -39),
      issuer: "Ủy ban nhân dân thành phố Hải Phòng",
      summary: `(${DEMO_LABEL}) V/v hướng dẫn phân loại chất thải rắn sinh hoạt tại nguồn trên địa bàn các phường, xã`,
    },
    {
      numberAndSymbol: "2045/SNNMT-MT",
      typeCode: "CV",
      issuedOn: addDays(today, -9),
      receivedOn: addDays(today, -7),
      issuer: "Sở Nông nghiệp và Môi trường thành phố Hải Phòng",
      summary: `(${DEMO_LABEL}) V/v báo cáo kết quả thực hiện chỉ tiêu không đốt rơm rạ và tỷ lệ thu gom chất thải`,
    },
  ].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  // Số đến follow the days of arrival.
  for (const doc of incoming)
    await createDocument(db, store, actor, { direction: "incoming", ...doc, recipients: received }, null);

  const plan = await planOfWard(db, wardId);
  const symbol = /^(\d*)\/([^-]+)-(.+)$/.exec(plan?.documentNumber ?? "");
  if (!plan || !symbol?.[2] || !symbol[3]) return;
  const tasks = (await allTaskRows(db, wardId)).filter((r) => r.kind !== "group" && r.section === "III");
  await db.transaction((tx) =>
    registerOutgoing(
      tx,
      actor,
      {
        typeCode: symbol[2] ?? "KH",
        authoritySymbol: symbol[3] ?? "UBND",
        issuedOn: "2026-04-24",
        summary: plan.title,
        recipients: PLAN_RECIPIENTS,
        links: [0, 7, 14].flatMap((i) => {
          const task = tasks[i];
          return task ? [{ entityType: "task" as const, entityId: task.id }] : [];
        }),
      },
      store,
    ),
  );
}
