import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../test/harness.js";

/** Many wards: a ward opened from the seed template sees none of another ward's data. */
let t: TestApp;
let adminA: Record<string, string>;
let adminB: Record<string, string>;
let platform: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  adminA = await t.login("admin");
  platform = await t.login("nentang");
  const created = await t.app.inject({
    method: "POST",
    url: "/api/wards",
    headers: platform,
    payload: {
      code: "le-chan",
      name: "Phường Lê Chân",
      province: "Hải Phòng",
      admin: { username: "qt-lechan", displayName: "Quản trị Lê Chân", password: "le-chan-2026-xanh" },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  adminB = await t.login("qt-lechan", "le-chan-2026-xanh");
});
afterAll(async () => t?.close());

describe("a second ward from the seed template", () => {
  it("has its own copy of the plan, with no activity of the first ward", async () => {
    const a = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: adminA })).json().tasks as {
      id: string;
      code: string;
      progress: number;
    }[];
    const b = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: adminB })).json().tasks as {
      id: string;
      code: string;
      progress: number;
    }[];
    expect(b.map((x) => x.code).sort()).toEqual(a.map((x) => x.code).sort());
    const idsA = new Set(a.map((x) => x.id));
    expect(b.some((x) => idsA.has(x.id))).toBe(false);
    expect(b.every((x) => x.progress === 0)).toBe(true);
    const dashboard = (await t.app.inject({ method: "GET", url: "/api/dashboard", headers: adminB })).json();
    expect(dashboard.latestUpdates).toEqual([]);
    expect(dashboard.indicators.every((i: { latest: unknown }) => i.latest === null)).toBe(true);
  });

  it("cannot read or change the first ward's tasks, indicators, files or users", async () => {
    const taskA = (
      (await t.app.inject({ method: "GET", url: "/api/tasks", headers: adminA })).json().tasks as {
        id: string;
        version: number;
      }[]
    )[3];
    const indicatorA = (
      (await t.app.inject({ method: "GET", url: "/api/indicators", headers: adminA })).json().indicators as {
        id: string;
      }[]
    )[0];
    expect((await t.app.inject({ method: "GET", url: `/api/tasks/${taskA?.id}`, headers: adminB })).statusCode).toBe(
      404,
    );
    expect(
      (await t.app.inject({ method: "GET", url: `/api/indicators/${indicatorA?.id}`, headers: adminB })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/tasks/${taskA?.id}/history`, headers: adminB })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: "PATCH",
          url: `/api/tasks/${taskA?.id}`,
          headers: adminB,
          payload: { version: taskA?.version, output: "x" },
        })
      ).statusCode,
    ).toBe(404);
    const usersB = (await t.app.inject({ method: "GET", url: "/api/users", headers: adminB })).json().users as {
      username: string;
    }[];
    expect(usersB.map((u) => u.username)).toEqual(["qt-lechan"]);
    const unitsA = new Set(
      (
        (await t.app.inject({ method: "GET", url: "/api/units", headers: adminA })).json().units as { id: string }[]
      ).map((u) => u.id),
    );
    const unitsB = (await t.app.inject({ method: "GET", url: "/api/units", headers: adminB })).json().units as {
      id: string;
    }[];
    expect(unitsB.some((u) => unitsA.has(u.id))).toBe(false);
  });

  it("keeps ward_id on every tenant row", async () => {
    const tables = [
      "units",
      "users",
      "plans",
      "objectives",
      "tasks",
      "task_coordinators",
      "task_updates",
      "indicators",
      "measurements",
      "files",
      "attachments",
      "notifications",
      "audit_log",
      "task_statuses",
      "task_indicators",
    ];
    for (const table of tables) {
      const result = (await t.database.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where ward_id is null`,
      )) as unknown as { rows: { n: number }[] };
      expect(Number(result.rows[0]?.n), table).toBe(0);
    }
    const perWard = (await t.database.db.execute(
      sql`select count(distinct ward_id)::int as n from tasks`,
    )) as unknown as { rows: { n: number }[] };
    expect(Number(perWard.rows[0]?.n)).toBe(2);
  });

  it("shows each ward's public plan by its code", async () => {
    const b = (await t.app.inject({ method: "GET", url: "/api/public/plan?ward=le-chan" })).json();
    expect(b.ward).toMatchObject({ code: "le-chan", name: "Phường Lê Chân", isDemo: false });
    expect(b.summary.averageProgress).toBe(0);
  });
});

describe("opening a ward", () => {
  const request = (code: string, username: string) => ({
    code,
    name: `Phường ${code}`,
    province: "Hải Phòng",
    admin: { username, displayName: "Quản trị", password: "mo-phuong-moi-2026" },
  });
  const wardCount = async () =>
    Number(
      ((await t.database.db.execute(sql`select count(*)::int as n from wards`)) as unknown as { rows: { n: number }[] })
        .rows[0]?.n,
    );

  it("lists every ward with its accounts and units, for the platform admin only", async () => {
    const list = await t.app.inject({ method: "GET", url: "/api/wards", headers: platform });
    expect(list.statusCode).toBe(200);
    const wards = list.json().wards as { code: string; accounts: number; units: number; isDemo: boolean }[];
    expect(wards.map((w) => w.code)).toEqual(["viet-hoa", "le-chan"]);
    expect(wards[1]).toMatchObject({ code: "le-chan", accounts: 1, isDemo: false });
    expect(wards[1]?.units).toBeGreaterThan(10);
    expect((await t.app.inject({ method: "GET", url: "/api/wards", headers: adminA })).statusCode).toBe(403);
  });

  it("is refused to a ward's own admin: only the platform admin opens wards", async () => {
    const before = await wardCount();
    const response = await t.app.inject({
      method: "POST",
      url: "/api/wards",
      headers: adminA,
      payload: request("kien-an", "qt-kienan"),
    });
    expect(response.statusCode).toBe(403);
    expect(await wardCount()).toBe(before);
  });

  it("never leaves a ward without its admin: a taken user name undoes the whole ward", async () => {
    const before = await wardCount();
    const response = await t.app.inject({
      method: "POST",
      url: "/api/wards",
      headers: platform,
      payload: request("hong-bang", "qt-lechan"),
    });
    expect(response.statusCode).toBe(409);
    expect(await wardCount()).toBe(before);
    const units = (await t.database.db.execute(
      sql`select count(*)::int as n from units u join wards w on w.id = u.ward_id where w.code = 'hong-bang'`,
    )) as unknown as { rows: { n: number }[] };
    expect(Number(units.rows[0]?.n)).toBe(0);
  });

  it("lets no ward admin give the platform role or take over the platform account", async () => {
    const made = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: adminA,
      payload: {
        username: "gia-mao",
        displayName: "x",
        password: "gia-mao-2026-xanh",
        role: "platform_admin",
        unitId: null,
      },
    });
    expect(made.statusCode).toBe(403);
    const users = (await t.app.inject({ method: "GET", url: "/api/users", headers: adminA })).json().users as {
      id: string;
      username: string;
    }[];
    const platformUser = users.find((u) => u.username === "nentang");
    const reset = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${platformUser?.id}`,
      headers: adminA,
      payload: { password: "chiem-quyen-2026-xanh" },
    });
    expect(reset.statusCode).toBe(403);
    const secondFactor = await t.app.inject({
      method: "POST",
      url: `/api/users/${platformUser?.id}/second-factor/reset`,
      headers: adminA,
    });
    expect(secondFactor.statusCode).toBe(403);
    const promote = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${users.find((u) => u.username === "kinhte")?.id}`,
      headers: adminA,
      payload: { role: "platform_admin" },
    });
    expect(promote.statusCode).toBe(403);
  });
});

describe("the ward keeps its list of units", () => {
  it("adds its residential groups, which then get a row in every measurement template", async () => {
    const office = await t.login("vanphong");
    const units = (await t.app.inject({ method: "GET", url: "/api/units", headers: office })).json().units as {
      id: string;
      code: string;
    }[];
    const parentId = units.find((u) => u.code === "to-dan-pho")?.id;
    const created = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers: office,
      payload: {
        code: "tdp-13",
        name: "Tổ dân phố số 13",
        shortName: "TDP 13",
        kind: "residential_group",
        parentId,
        households: 210,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers: office,
      payload: { code: "tdp-13", name: "Trùng", shortName: "x", kind: "residential_group", parentId, households: 1 },
    });
    expect(again.statusCode).toBe(409);
    const indicators = (await t.app.inject({ method: "GET", url: "/api/indicators", headers: office })).json()
      .indicators as { id: string; code: string }[];
    const gap = indicators.find((i) => i.code === "gap-organic-area-share");
    const groupCodes = async () => {
      const template = await t.app.inject({
        method: "GET",
        url: `/api/indicators/${gap?.id}/template.xlsx?period=2026-H1`,
        headers: office,
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const codes: string[] = [];
      workbook.worksheets[0]?.eachRow((row, n) => {
        if (n > 1) codes.push(String(row.getCell(3).value));
      });
      return codes;
    };
    expect(await groupCodes()).toContain("tdp-13");

    const closed = await t.app.inject({
      method: "PATCH",
      url: `/api/units/${created.json().id}`,
      headers: office,
      payload: { active: false },
    });
    expect(closed.json().active).toBe(false);
    expect(await groupCodes()).not.toContain("tdp-13");
    const history = (await t.database.db.execute(
      sql`select action from audit_log where entity_id = ${created.json().id} order by id`,
    )) as unknown as { rows: { action: string }[] };
    expect(history.rows.map((r) => r.action)).toEqual(["unit.create", "unit.update"]);
  });
});
