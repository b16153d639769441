import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, cityComparisonSchema, cityDashboardSchema, type CityDashboard } from "@phuong-xanh/shared";
import { systemActor, todayInVietnam } from "../../lib/actor.js";
import { stderrLog } from "../../lib/data-log.js";
import { multipart, sessionHeaders, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";
import { createUser } from "../identity/service.js";
import { indicatorRows, saveMeasurement, setBaseline } from "../indicators/service.js";
import { createWardFromTemplate, loadSeedTemplate } from "../onboarding/service.js";
import { allTaskRows, editTask, writeTaskUpdate } from "../plan/service.js";
import { listTaskStatuses } from "../plan/statuses.js";
import { buildCityDashboard } from "./service.js";

const auditCount = async (t: TestApp) => {
  const result = (await t.database.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(result.rows[0]?.n);
};

describe("the city account reads every ward and writes none", () => {
  let t: TestApp;
  let city: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ cityDemo: true });
    city = await t.login("thanhpho");
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = city) => t.app.inject({ method: "GET", url, headers });
  const view = (code: unknown, headers: Record<string, string> = city) =>
    t.app.inject({ method: "POST", url: "/api/city/view-ward", headers, payload: { code } });

  it("reads its own ward until it chooses another", async () => {
    const me = (await get("/api/auth/me")).json();
    expect(me.role).toBe("city");
    expect(me.viewing).toEqual({ code: "viet-hoa", name: "Phường Việt Hòa", isDemo: true });
    expect((await get("/api/dashboard")).json().ward.name).toBe("Phường Việt Hòa");
  });

  it("drills into a ward: every staff read shows that ward", async () => {
    const lanhdao = await t.login("lanhdao");
    const vietHoaTasks = (await get("/api/tasks", lanhdao)).json().tasks as { id: string }[];
    const chosen = await view("kien-an");
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toEqual({ viewing: { code: "kien-an", name: "Phường Kiến An", isDemo: true } });
    expect((await get("/api/auth/me")).json().viewing.code).toBe("kien-an");
    const dashboard = (await get("/api/dashboard")).json();
    expect(dashboard.ward.name).toBe("Phường Kiến An");
    // Kiến An's demo profile lets sixteen deadlines pass.
    expect(dashboard.taskCounts.overdue).toBe(16);
    const tasks = (await get("/api/tasks")).json().tasks as { id: string }[];
    const known = new Set(vietHoaTasks.map((x) => x.id));
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.some((x) => known.has(x.id))).toBe(false);
    const first = tasks[0];
    expect((await get(`/api/tasks/${first?.id}`)).statusCode).toBe(200);
    const indicators = (await get("/api/indicators")).json().indicators as { id: string }[];
    expect((await get(`/api/indicators/${indicators[0]?.id}`)).statusCode).toBe(200);
    for (const url of ["/api/units", "/api/reports/periods", "/api/documents", "/api/task-statuses", "/api/my-work"])
      expect((await get(url)).statusCode, url).toBe(200);
    // A ward's own people still see their ward: the choice belongs to the city's session.
    expect((await get("/api/dashboard", lanhdao)).json().ward.name).toBe("Phường Việt Hòa");
    // And so does another session of the city account.
    const other = await t.login("thanhpho");
    expect((await get("/api/auth/me", other)).json().viewing.code).toBe("viet-hoa");
  });

  it("is refused every write in the ward it views, and nothing changes", async () => {
    expect((await view("kien-an")).statusCode).toBe(200);
    const tasks = (await get("/api/tasks")).json().tasks as { id: string; kind: string; version: number }[];
    const task = tasks.find((x) => x.kind !== "group");
    const indicators = (await get("/api/indicators")).json().indicators as {
      id: string;
      aggregation: string;
      frequency: string;
    }[];
    const indicator = indicators.find((i) => i.frequency === "quarterly");
    const units = (await get("/api/units")).json().units as { id: string; code: string }[];
    const before = await auditCount(t);
    const update = multipart({ reportedOn: addDays(todayInVietnam(), -1), text: "Thử", status: "in_progress" }, [
      { field: "files", filename: "anh.png", bytes: TINY_PNG, type: "image/png" },
    ]);
    const attempts = [
      () =>
        t.app.inject({
          method: "PATCH",
          url: `/api/tasks/${task?.id}`,
          headers: city,
          payload: { version: task?.version, output: "Sửa bởi thành phố" },
        }),
      () =>
        t.app.inject({
          method: "POST",
          url: `/api/tasks/${task?.id}/updates`,
          headers: { ...city, ...update.headers },
          payload: update.payload,
        }),
      () =>
        t.app.inject({
          method: "POST",
          url: `/api/indicators/${indicator?.id}/measurements`,
          headers: city,
          payload: { period: "2026-Q1", residentialGroupId: null, value: 10, source: "Thử" },
        }),
      () =>
        t.app.inject({
          method: "PATCH",
          url: `/api/units/${units[0]?.id}`,
          headers: city,
          payload: { name: "Đổi tên" },
        }),
      () =>
        t.app.inject({
          method: "POST",
          url: "/api/reports/periods",
          headers: city,
          payload: {
            kind: "ad_hoc",
            title: "Báo cáo của thành phố",
            windowStart: "2026-03-01",
            windowEnd: "2026-03-31",
            unitDeadline: "2026-04-03",
            wardDeadline: "2026-04-06",
          },
        }),
      () =>
        t.app.inject({
          method: "POST",
          url: "/api/users",
          headers: city,
          payload: {
            username: "moi-thanhpho",
            displayName: "Cán bộ mới",
            password: "mat-khau-dai-2026",
            role: "admin",
            unitId: null,
          },
        }),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expect(response.statusCode, response.body).toBe(403);
    }
    expect(await auditCount(t)).toBe(before);
    const after = (await get(`/api/tasks/${task?.id}`)).json();
    expect(after.version).toBe(task?.version);
  });

  it("checks the ward it is asked to view", async () => {
    expect((await view("khong-co-phuong-nay")).statusCode).toBe(404);
    for (const code of ["KIEN AN", "", "a", "x".repeat(41), 42, { code: "kien-an" }]) {
      const response = await view(code);
      expect(response.statusCode, JSON.stringify(code)).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
    }
    const missing = await t.app.inject({ method: "POST", url: "/api/city/view-ward", headers: city, payload: {} });
    expect(missing.statusCode).toBe(400);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/city/view-ward",
      headers: { cookie: city.cookie ?? "" },
      payload: { code: "kien-an" },
    });
    expect(noCsrf.statusCode).toBe(403);
    // null: back to its own ward.
    const home = await view(null);
    expect(home.statusCode).toBe(200);
    expect(home.json().viewing.code).toBe("viet-hoa");
    expect((await get("/api/dashboard")).json().ward.name).toBe("Phường Việt Hòa");
  });

  it("is the city's alone: no other account views another ward, even with the session row set", async () => {
    for (const username of ["admin", "lanhdao", "kinhte", "nentang"]) {
      const headers = await t.login(username);
      expect((await view("kien-an", headers)).statusCode, username).toBe(403);
    }
    // A session row pointing at another ward (as if the role had been changed under it) is ignored.
    const admin = await t.login("admin");
    await t.database.db.execute(
      sql`update sessions set viewing_ward_id = (select id from wards where code = 'kien-an')
          where user_id = (select id from users where username = 'admin')`,
    );
    expect((await get("/api/dashboard", admin)).json().ward.name).toBe("Phường Việt Hòa");
    expect((await get("/api/auth/me", admin)).json().viewing).toBeNull();
  });

  it("sees the same figures on the city dashboard as on each ward's own dashboard", async () => {
    const response = await get("/api/city/dashboard");
    expect(response.statusCode).toBe(200);
    const dashboard = cityDashboardSchema.parse(response.json());
    expect(dashboard.wards.map((w) => w.code).sort()).toEqual(
      ["chi-linh", "do-son", "hong-bang", "kien-an", "thuy-nguyen", "viet-hoa"].sort(),
    );
    // Every status of the legend appears among the demo wards.
    expect(new Set(dashboard.wards.map((w) => w.status))).toEqual(
      new Set(["on_track", "at_risk", "off_track", "no_data"]),
    );
    expect(dashboard.indicators).toHaveLength(12);
    for (const ward of dashboard.wards) {
      expect((await view(ward.code)).statusCode).toBe(200);
      const own = (await get("/api/dashboard")).json();
      expect(ward.tasks.total, ward.code).toBe(own.taskCounts.total);
      expect(ward.tasks.overdue, ward.code).toBe(own.taskCounts.overdue);
      expect(ward.tasks.closed, ward.code).toBe(own.taskCounts.closed);
      expect(ward.tasks.averageProgress, ward.code).toBe(own.taskCounts.averageProgress);
      const statuses = new Map(
        (own.indicators as { code: string; status: string; latest: { value: number } | null }[]).map((i) => [
          i.code,
          i,
        ]),
      );
      for (const cell of ward.indicators) {
        expect(cell.status, `${ward.code} ${cell.code}`).toBe(statuses.get(cell.code)?.status);
        expect(cell.latest?.value ?? null).toBe(statuses.get(cell.code)?.latest?.value ?? null);
      }
      expect(ward.position).not.toBeNull();
      // Việt Hòa's demo: one account per staff role (README), and the household keeping its own diary.
      expect(ward.activeAccounts).toBe(ward.code === "viet-hoa" ? 10 : 0);
    }
    expect((await view(null)).statusCode).toBe(200);
  });
});

describe("the city dashboard on a small fixture", () => {
  let t: TestApp;
  const today = todayInVietnam();

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
    const db = t.database.db;
    const template = loadSeedTemplate();
    const a = await createWardFromTemplate(
      db,
      { code: "phuong-a", name: "Phường A", province: "Hải Phòng", isDemo: false, latitude: 20.86, longitude: 106.68 },
      template,
    );
    await createWardFromTemplate(
      db,
      { code: "phuong-b", name: "Phường B", province: "Hải Phòng", isDemo: false },
      template,
    );
    const actor = systemActor(a.wardId, "Kiểm thử");
    const rows = await allTaskRows(db, a.wardId);
    const groupOf = (code: string) => rows.find((r) => r.code === code)?.id;
    const leaves = (group: string) => rows.filter((r) => r.parentId === groupOf(group));
    const [t1, t2] = leaves("iii-2");
    const [t3] = leaves("v-3");
    if (!t1 || !t2 || !t3) throw new Error("template tasks missing");
    // t1 and t2 late by deadline, t3 late by one day; t2 then completed (closed: no longer overdue).
    for (const [row, days] of [
      [t1, -5],
      [t2, -5],
      [t3, -1],
    ] as const)
      await editTask(db, actor, row.id, { version: row.version, deadline: addDays(today, days), recurrence: "none" });
    const statuses = new Map((await listTaskStatuses(db, a.wardId)).map((s) => [s.code, s]));
    const fresh = new Map((await allTaskRows(db, a.wardId)).map((r) => [r.id, r]));
    await db.transaction(async (tx) => {
      for (const [row, status, progress] of [
        [t1, "in_progress", 40],
        [t2, "completed", 100],
      ] as const) {
        const current = fresh.get(row.id);
        const statusRow = statuses.get(status);
        if (!current || !statusRow) throw new Error("fixture");
        await writeTaskUpdate(
          tx,
          t.store,
          actor,
          current,
          statusRow,
          { reportedOn: today, text: "x", progress },
          [],
          statuses,
        );
      }
    });
    await db.transaction(async (tx) => {
      const indicators = await indicatorRows(tx, a.wardId);
      const waste = indicators.find((i) => i.code === "domestic-waste-collected-share");
      const water = indicators.find((i) => i.code === "clean-water-household-share");
      if (!waste || !water) throw new Error("template indicators missing");
      await setBaseline(tx, a.wardId, waste.code, 50, 2025);
      await setBaseline(tx, a.wardId, water.code, 80, 2025);
      const source = "Kiểm thử";
      await saveMeasurement(tx, actor, waste, { period: "2025-Q4", residentialGroupId: null, value: 70, source });
      await saveMeasurement(tx, actor, waste, { period: "2026-Q1", residentialGroupId: null, value: 50, source });
      await saveMeasurement(tx, actor, water, { period: "2025", residentialGroupId: null, value: 95, source });
    });
    await createUser(
      db,
      systemActor(a.wardId),
      {
        username: "thanhpho-test",
        displayName: "Thành phố",
        password: "thanh-pho-2026-xanh",
        role: "city",
        unitId: null,
      },
      { skipPolicy: true },
    );
  });
  afterAll(async () => t?.close());

  it("counts what a hand count gives", async () => {
    const dashboard: CityDashboard = await buildCityDashboard(t.database.db, stderrLog, today);
    expect(dashboard.today).toBe(today);
    expect(dashboard.groups.map((g) => g.code)).toEqual([
      "iii-1",
      "iii-2",
      "iii-3",
      "iii-4",
      "iii-5",
      "iii-6",
      "v-1",
      "v-2",
      "v-3",
      "v-4",
      "v-5",
      "v-6",
      "v-7",
    ]);
    expect(dashboard.groups[1]).toEqual({ code: "iii-2", ref: "III.2", title: "Chuyển đổi xanh công nghiệp" });
    expect(dashboard.indicators.map((i) => i.code)).toEqual(
      loadSeedTemplate().objectives.flatMap((o) => o.indicators.map((i) => i.code)),
    );
    const [a, b] = dashboard.wards;
    expect(a?.code).toBe("phuong-a");
    expect(a).toMatchObject({
      name: "Phường A",
      position: { latitude: 20.86, longitude: 106.68 },
      // 84 leaf tasks; t1 (40 %) and t2 (100 %, completed) reported: (40 + 100) / 84 = 1.67 → 1.7.
      tasks: { total: 84, overdue: 2, closed: 1, reported: 2, averageProgress: 1.7 },
      lastUpdateOn: today,
      lateGroups: [
        { code: "iii-2", overdue: 1 },
        { code: "v-3", overdue: 1 },
      ],
      // Waste: 50 in 2026-Q1 where the line from 50 (2025) to 100 (2030) expects 60.4, a lag
      // beyond a tenth of the span (5): off track. Water: 95 in 2025 where 83.3 is expected.
      indicatorCounts: { on_track: 1, achieved: 0, at_risk: 0, off_track: 1, no_data: 10, no_baseline: 0 },
      // Half of its measured targets off track (> a third): the ward is off track.
      status: "off_track",
      activeAccounts: 1,
    });
    const cell = (code: string) => a?.indicators.find((c) => c.code === code);
    // The latest period wins, not the highest value.
    expect(cell("domestic-waste-collected-share")).toEqual({
      code: "domestic-waste-collected-share",
      latest: { period: "2026-Q1", value: 50 },
      targetValue: 100,
      targetYear: 2030,
      status: "off_track",
    });
    expect(cell("clean-water-household-share")?.status).toBe("on_track");
    expect(cell("straw-burning-cases")).toMatchObject({ latest: null, status: "no_data" });
    expect(b).toMatchObject({
      code: "phuong-b",
      position: null,
      tasks: { total: 84, overdue: 0, closed: 0, reported: 0, averageProgress: 0 },
      lastUpdateOn: null,
      lateGroups: [],
      status: "no_data",
      activeAccounts: 0,
    });
    expect(b?.indicators).toHaveLength(12);
  });

  it("serves it to the city; the public answer has the same figures without the accounts", async () => {
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "thanhpho-test", password: "thanh-pho-2026-xanh" },
    });
    const city = sessionHeaders(login);
    const privateAnswer = cityDashboardSchema.parse(
      (await t.app.inject({ method: "GET", url: "/api/city/dashboard", headers: city })).json(),
    );
    const response = await t.app.inject({ method: "GET", url: "/api/public/city" });
    expect(response.statusCode).toBe(200);
    const publicAnswer = cityComparisonSchema.parse(response.json());
    expect(publicAnswer.wards.map((w) => w.code)).toEqual(privateAnswer.wards.map((w) => w.code));
    expect(response.body).not.toContain("activeAccounts");
    expect(publicAnswer.wards[0]?.tasks).toEqual(privateAnswer.wards[0]?.tasks);
  });
});

describe("the public city page carries no personal data", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login("admin");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: {
        username: "tran-thi-bi-mat",
        displayName: "Trần Thị Bí Mật",
        email: "bi.mat.0912345678@example.vn",
        password: "bi-mat-2026-xanh-la",
        role: "office",
        unitId: null,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const officer = await t.login("tran-thi-bi-mat", "bi-mat-2026-xanh-la");
    const tasks = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: officer })).json().tasks as {
      id: string;
      kind: string;
    }[];
    const task = tasks.find((x) => x.kind !== "group");
    const body = multipart({
      reportedOn: todayInVietnam(),
      text: "Liên hệ chị Trần Thị Bí Mật, điện thoại 0912 345 678",
      status: "in_progress",
      progress: "35",
    });
    const posted = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task?.id}/updates`,
      headers: { ...officer, ...body.headers },
      payload: body.payload,
    });
    expect(posted.statusCode, posted.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it("names no person, e-mail, phone, account or author", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/public/city" });
    expect(response.statusCode).toBe(200);
    const text = response.body;
    for (const secret of [
      "Bí Mật",
      "bi.mat",
      "0912",
      "345 678",
      "tran-thi-bi-mat",
      "@",
      "Quản trị hệ thống",
      "Thành phố Hải Phòng (minh họa)",
    ])
      expect(text, secret).not.toContain(secret);
    for (const key of ["username", "displayName", "email", "phone", "author", "activeAccounts", "userId"])
      expect(text, key).not.toContain(`"${key}"`);
  });
});
