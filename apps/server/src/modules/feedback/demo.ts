import { asc, eq } from "drizzle-orm";
import type { CategoryQuestion, ReportAction, SaveCategory, SubmitReport } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { seededRandom } from "../../lib/random.js";
import type { FileStore } from "../files/store.js";
import { listUnits } from "../identity/service.js";
import { indicatorRows } from "../indicators/service.js";
import { allTaskRows } from "../plan/service.js";
import { actOnReport, syncIndicatorCounts } from "./handling.js";
import { dueDate, loadRefs, submitReport } from "./service.js";
import { insertApiKey, insertCategory, insertTemplate } from "./settings.js";
import { feedbackReports, feedbackUpdates } from "./tables.js";

/** The Open311 key of the demo ward (README): a client can be tried without asking an admin. */
export const DEMO_OPEN311_KEY = "demo-open311-key";

const yesNo = (code: string, label: string): CategoryQuestion => ({
  code,
  label,
  datatype: "singlevaluelist",
  required: true,
  values: [
    { key: "co", name: "Có" },
    { key: "khong", name: "Không" },
  ],
});

type DemoCategory = Omit<SaveCategory, "unitId" | "taskId" | "indicatorId" | "routes"> & {
  task: string;
  indicator?: string;
};

/** What residents report, as the plan names the problems (V.5, III.2, III.4, III.5, III.3). */
export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    code: "dot-rom-ra",
    name: "Đốt rơm rạ",
    description: "Đốt rơm rạ, phụ phẩm nông nghiệp ngoài đồng gây khói, ô nhiễm.",
    group: "Môi trường nông nghiệp",
    keywords: "đốt rơm, khói, rơm rạ, đồng ruộng",
    questions: [
      yesNo("dang_chay", "Có đang cháy không?"),
      {
        code: "dien_tich",
        label: "Diện tích bị đốt (ước lượng)",
        datatype: "singlevaluelist",
        required: false,
        values: [
          { key: "nho", name: "Dưới 1 sào" },
          { key: "vua", name: "1–5 sào" },
          { key: "lon", name: "Trên 5 sào" },
        ],
      },
    ],
    slaDays: 2,
    sensitive: true,
    active: true,
    task: "iii-5-3",
    indicator: "straw-burning-cases",
  },
  {
    code: "do-rac-trai-phep",
    name: "Đổ rác trái phép",
    description: "Rác thải sinh hoạt, rác thải công nghiệp đổ không đúng nơi quy định.",
    group: "Rác thải",
    keywords: "đổ rác, bãi rác tự phát",
    questions: [yesNo("dang_do", "Có đang có người đổ rác không?")],
    slaDays: 5,
    sensitive: true,
    active: true,
    task: "iii-6-1",
  },
  {
    code: "rac-chua-thu-gom",
    name: "Rác chưa được thu gom",
    description: "Điểm tập kết rác chưa được thu gom đúng lịch.",
    group: "Rác thải",
    keywords: "thu gom rác, xe rác",
    questions: [
      {
        code: "so_ngay",
        label: "Rác chưa được thu gom bao nhiêu ngày?",
        datatype: "number",
        required: false,
        hint: "Số ngày, ước lượng",
      },
    ],
    slaDays: 3,
    sensitive: false,
    active: true,
    task: "iii-6-1",
  },
  {
    code: "xa-thai",
    name: "Xả thải chưa qua xử lý",
    description: "Nước thải, khí thải của cơ sở sản xuất xả ra môi trường chưa qua xử lý.",
    group: "Môi trường sản xuất",
    keywords: "nước thải, mùi hôi, khói nhà máy",
    questions: [
      {
        code: "loai_thai",
        label: "Loại chất thải",
        datatype: "multivaluelist",
        required: true,
        values: [
          { key: "nuoc", name: "Nước thải" },
          { key: "khi", name: "Khí thải, khói" },
          { key: "mui", name: "Mùi hôi" },
        ],
      },
    ],
    slaDays: 5,
    sensitive: true,
    active: true,
    task: "iii-2-5",
  },
  {
    code: "phe-thai-xay-dung",
    name: "Phế thải xây dựng",
    description: "Phế thải xây dựng đổ trộm, để trên vỉa hè, lòng đường.",
    group: "Xây dựng, đô thị",
    keywords: "xà bần, gạch vụn, vật liệu xây dựng",
    questions: [],
    slaDays: 5,
    sensitive: false,
    active: true,
    task: "iii-4-2",
  },
  {
    code: "den-chieu-sang",
    name: "Đèn chiếu sáng công cộng hỏng",
    description: "Đèn đường, đèn ngõ xóm không sáng, sáng cả ngày hoặc hư hỏng.",
    group: "Xây dựng, đô thị",
    keywords: "đèn đường, đèn hỏng, chiếu sáng",
    questions: [yesNo("sang_ban_ngay", "Đèn có sáng cả ban ngày không?")],
    slaDays: 7,
    sensitive: false,
    active: true,
    task: "iii-3-4",
  },
];

const DEMO_TEMPLATES = [
  {
    title: "Đã tiếp nhận",
    text: "UBND phường đã tiếp nhận phản ánh và giao đơn vị chuyên môn kiểm tra, xử lý. Cảm ơn bạn đã phản ánh.",
    status: "confirmed" as const,
  },
  {
    title: "Đang kiểm tra thực tế",
    text: "Cán bộ đã được cử đến kiểm tra thực tế tại địa điểm phản ánh. Kết quả sẽ được cập nhật tại đây.",
    status: "investigating" as const,
  },
  {
    title: "Đã xử lý xong",
    text: "Đơn vị đã xử lý xong nội dung phản ánh. Nếu vấn đề chưa được giải quyết, bạn có thể mở lại phản ánh trong 30 ngày.",
    status: "fixed" as const,
  },
  {
    title: "Không thuộc thẩm quyền",
    text: "Nội dung phản ánh không thuộc thẩm quyền giải quyết của UBND phường. Phường đã hướng dẫn chuyển đến cơ quan có thẩm quyền.",
    status: "not_responsible" as const,
  },
];

/**
 * The demo ward's reports: categories tied to the plan's tasks, templates, the Open311 demo key
 * and a few weeks of reports in every state (reporters are invented and labelled as such).
 */
export async function loadDemoFeedback(
  db: Db,
  store: FileStore,
  actor: Actor,
  centre: { latitude: number; longitude: number },
  options: { reports?: boolean; apiKey?: boolean } = {},
): Promise<void> {
  const wardId = actor.wardId;
  const [units, tasks, indicators] = await Promise.all([
    listUnits(db, wardId),
    allTaskRows(db, wardId),
    indicatorRows(db, wardId),
  ]);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const groups = units.filter((u) => u.kind === "residential_group");
  await db.transaction(async (tx) => {
    for (const [i, c] of DEMO_CATEGORIES.entries()) {
      const task = tasks.find((t) => t.code === c.task);
      const owner = task?.ownerUnitId ?? unitByCode.get("van-phong")?.id;
      if (!owner) continue;
      const trungTam = unitByCode.get("trung-tam")?.id;
      const { task: _task, indicator: code, ...fields } = c;
      await insertCategory(
        tx,
        actor,
        {
          ...fields,
          unitId: owner,
          taskId: task?.id ?? null,
          indicatorId: code ? (indicators.find((x) => x.code === code)?.id ?? null) : null,
          // Lighting in the first four groups is the public-service centre's (the routing example).
          routes:
            c.code === "den-chieu-sang" && trungTam
              ? groups.slice(0, 4).map((g) => ({ residentialGroupId: g.id, unitId: trungTam }))
              : [],
        },
        i,
      );
    }
    for (const t of DEMO_TEMPLATES) await insertTemplate(tx, actor, { ...t, active: true });
    if (options.apiKey !== false)
      await insertApiKey(tx, actor, "Ứng dụng thử nghiệm Open311 (minh họa)", DEMO_OPEN311_KEY);
  });
  if (options.reports === false || groups.length === 0) return;

  const rand = seededRandom(20261129);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const ctx = { db, store, wardId, retentionDays: 180 };
  const samples: {
    category: string;
    text: string;
    answers?: Record<string, string | string[]>;
    steps: ReportAction["action"][];
    daysAgo: number;
  }[] = [
    {
      category: "dot-rom-ra",
      text: "Cánh đồng phía sau nhà văn hóa đang đốt rơm, khói bay vào khu dân cư.",
      answers: { dang_chay: "co" },
      steps: ["accept"],
      daysAgo: 20,
    },
    {
      category: "dot-rom-ra",
      text: "Có người đốt rơm rạ cạnh đường liên thôn, khói mù mịt.",
      answers: { dang_chay: "khong" },
      steps: ["accept", "status"],
      daysAgo: 45,
    },
    {
      category: "dot-rom-ra",
      text: "Khói đốt rơm buổi chiều ở khu ruộng giáp kênh.",
      answers: { dang_chay: "co" },
      steps: [],
      daysAgo: 1,
    },
    {
      category: "do-rac-trai-phep",
      text: "Bãi rác tự phát ở đầu ngõ, đã tồn tại hơn một tuần.",
      answers: { dang_do: "khong" },
      steps: ["accept"],
      daysAgo: 9,
    },
    {
      category: "rac-chua-thu-gom",
      text: "Điểm tập kết rác cạnh chợ chưa được thu gom 3 ngày nay.",
      answers: { so_ngay: "3" },
      steps: ["accept", "status"],
      daysAgo: 12,
    },
    { category: "rac-chua-thu-gom", text: "Thùng rác đầu tổ dân phố đầy, rác tràn ra đường.", steps: [], daysAgo: 0 },
    {
      category: "xa-thai",
      text: "Cống thoát nước sau xưởng có nước màu đen, mùi hôi nồng.",
      answers: { loai_thai: ["nuoc", "mui"] },
      steps: ["accept"],
      daysAgo: 6,
    },
    {
      category: "phe-thai-xay-dung",
      text: "Xà bần đổ trên vỉa hè trước số nhà 25, chắn lối đi.",
      steps: ["accept", "status"],
      daysAgo: 30,
    },
    {
      category: "den-chieu-sang",
      text: "Ba bóng đèn đường trong ngõ không sáng từ tuần trước.",
      answers: { sang_ban_ngay: "khong" },
      steps: ["accept"],
      daysAgo: 15,
    },
    {
      category: "den-chieu-sang",
      text: "Đèn đường sáng cả ban ngày, lãng phí điện.",
      answers: { sang_ban_ngay: "co" },
      steps: ["reject"],
      daysAgo: 25,
    },
  ];
  for (const [i, s] of samples.entries()) {
    const group = pick(groups);
    const input: SubmitReport = {
      category: s.category,
      description: s.text,
      answers: s.answers ?? {},
      lat: centre.latitude + (rand() - 0.5) * 0.02,
      lng: centre.longitude + (rand() - 0.5) * 0.02,
      locationSource: "map",
      residentialGroup: group.code,
      address: `Ngõ ${1 + Math.floor(rand() * 40)}, ${group.name}`,
      ...(i % 3 === 0
        ? {
            name: `Người dân minh họa ${i + 1}`,
            email: `nguoidan${i + 1}@example.invalid`,
            notify: false,
            consent: true,
          }
        : { notify: false, consent: false }),
    };
    const { report } = await submitReport(ctx, { source: "web", deviceId: null }, input, []);
    let version = report.version;
    for (const step of s.steps) {
      const action: ReportAction =
        step === "accept"
          ? { action: "accept", version, response: DEMO_TEMPLATES[0]?.text }
          : step === "reject"
            ? {
                action: "reject",
                version,
                status: "not_responsible",
                response: DEMO_TEMPLATES[3]?.text ?? "Không thuộc thẩm quyền.",
              }
            : { action: "status", version, status: "fixed", response: DEMO_TEMPLATES[2]?.text };
      version = (await actOnReport(db, actor, report.id, action)).version;
    }
    // Back-date the report and its timeline, so the lists show weeks of activity and some lateness.
    if (s.daysAgo > 0) await backdate(db, actor, report.id, s.daysAgo);
  }
}

async function backdate(db: Db, actor: Actor, reportId: string, daysAgo: number): Promise<void> {
  const created = new Date(Date.now() - daysAgo * 86_400_000);
  const steps = Math.min(daysAgo, 3);
  await db.transaction(async (tx) => {
    const refs = await loadRefs(tx, actor.wardId);
    const [row] = await tx.select().from(feedbackReports).where(eq(feedbackReports.id, reportId));
    const category = row ? refs.categories.get(row.categoryId) : undefined;
    if (!row || !category) return;
    const handled = new Date(created.getTime() + steps * 86_400_000);
    const [after] = await tx
      .update(feedbackReports)
      .set({
        createdAt: created,
        dueOn: dueDate(todayInVietnam(created), category.slaDays),
        updatedAt: row.closedAt || row.confirmedAt ? handled : created,
        ...(row.confirmedAt ? { confirmedAt: new Date(created.getTime() + 3_600_000) } : {}),
        ...(row.closedAt ? { closedAt: handled } : {}),
      })
      .where(eq(feedbackReports.id, reportId))
      .returning();
    // The submission at the report's time; each later entry a day apart, in their order.
    const updates = await tx
      .select()
      .from(feedbackUpdates)
      .where(eq(feedbackUpdates.reportId, reportId))
      .orderBy(asc(feedbackUpdates.createdAt));
    for (const [i, u] of updates.entries())
      await tx
        .update(feedbackUpdates)
        .set({
          createdAt: new Date(
            created.getTime() +
              (i === 0 ? 0 : 3_600_000 + (i - 1) * (steps / Math.max(1, updates.length - 1)) * 86_400_000),
          ),
        })
        .where(eq(feedbackUpdates.id, u.id));
    if (after) await syncIndicatorCounts(tx, actor, [row, after], refs);
  });
}
