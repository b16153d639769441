import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult, IndicatorDetail, IndicatorSummary, TaskList } from "@phuong-xanh/shared";
import { periodOf } from "@phuong-xanh/shared";
import { todayInVietnam } from "../lib/actor.js";
import type { DataLog } from "../lib/data-log.js";
import { readTable } from "../lib/spreadsheet.js";
import { listIndicators } from "../modules/indicators/service.js";
import { multipart, startTestApp, type TestApp } from "./harness.js";

/**
 * Item 2 of issue 5: hostile input is a clear 400, never a 500 and never a stall. Each class is
 * refused at one mechanism (the shared field rules, the multipart reader, the off-thread sheet
 * reader, bounded reads); these tests reproduce what broke before and check each.
 */

let t: TestApp;
let leader: Record<string, string>;
let kinhte: Record<string, string>;
let indicators: IndicatorSummary[];

const json = (method: "POST" | "PATCH" | "PUT", url: string, payload: unknown, headers = leader) =>
  t.app.inject({ method, url, headers, payload: payload as Record<string, unknown> });
const get = (url: string, headers: Record<string, string> = leader) => t.app.inject({ method: "GET", url, headers });
const byCode = (code: string) => {
  const found = indicators.find((i) => i.code === code);
  if (!found) throw new Error(`indicator ${code} missing`);
  return found;
};

/** The reads that one absurd number used to break for everyone, and the public ones built on them. */
async function expectReadsServed() {
  for (const url of [
    "/api/indicators",
    "/api/dashboard",
    "/api/public/plan",
    "/api/public/open-data",
    "/api/public/open-data/indicators.csv",
    "/api/public/open-data/measurements.xlsx",
    "/api/public/previews/indicators/straw-burning-cases.png",
    "/cong-khai/chi-tieu/clean-water-household-share",
  ]) {
    const r = await get(url);
    expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
  }
}

const importFile = (url: string, bytes: Buffer, filename: string, headers = leader) => {
  const body = multipart({}, [{ field: "file", filename, bytes, type: "application/octet-stream" }]);
  return t.app.inject({ method: "POST", url, headers: { ...headers, ...body.headers }, payload: body.payload });
};

/** A workbook whose only cells sit in two far corners: A1 and the cell at (rows, columns). */
async function farCornerSheet(rows: number, columns: number, keepDimension = true): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Nhiem vu");
  sheet.getCell(1, 1).value = "Mã";
  sheet.getCell(rows, columns).value = "x";
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  if (keepDimension) return bytes;
  // Without its <dimension>, only the cells actually present can tell how far the sheet runs.
  const zip = await JSZip.loadAsync(bytes);
  const path = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(path)?.async("string");
  if (!xml) throw new Error("no sheet xml");
  zip.file(path, xml.replace(/<dimension [^>]*\/>/, ""));
  return zip.generateAsync({ type: "nodebuffer" });
}

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login("lanhdao");
  kinhte = await t.login("kinhte");
  indicators = ((await get("/api/indicators")).json() as { indicators: IndicatorSummary[] }).indicators;
});
afterAll(async () => t?.close());

describe("absurd numbers", () => {
  it("refuses a measurement of 1e307 with a 400, and every read stays up", async () => {
    const straw = byCode("straw-burning-cases");
    const period = periodOf(straw.frequency, todayInVietnam());
    for (const value of [1e307, -1e13, 1e12 + 1]) {
      const r = await json("POST", `/api/indicators/${straw.id}/measurements`, {
        period,
        residentialGroupId: null,
        value,
        source: "Thống kê",
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
    const ok = await json("POST", `/api/indicators/${straw.id}/measurements`, {
      period,
      residentialGroupId: null,
      value: 1e12,
      source: "Thống kê",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await expectReadsServed();
  });

  it("refuses a baseline or target beyond ±10^12 and a period of year 0000", async () => {
    const water = byCode("clean-water-household-share");
    for (const change of [
      { baselineValue: -1e307, baselineYear: 2020 },
      { targetValue: 1e307 },
      { targetValue: 1e13 },
    ]) {
      const r = await json("PATCH", `/api/indicators/${water.id}`, { version: water.version, ...change });
      expect(r.statusCode, r.body).toBe(400);
    }
    const zero = await json("POST", `/api/indicators/${water.id}/measurements`, {
      period: "0000",
      residentialGroupId: null,
      value: 1,
      source: "x",
    });
    expect(zero.statusCode).toBe(400);
    await expectReadsServed();
  });

  it("reports an absurd number in a CSV import by row and column, and saves nothing", async () => {
    const straw = byCode("straw-burning-cases");
    const period = periodOf(straw.frequency, todayInVietnam());
    const units = (await get("/api/units")).json() as { units: { code: string; kind: string }[] };
    const groupCode = units.units.find((u) => u.kind === "residential_group")?.code;
    const csv = [
      `Mã chỉ tiêu,Kỳ,Mã tổ dân phố,Tổ dân phố,Giá trị (${straw.unitOfMeasure}),Nguồn số liệu,Ghi chú`,
      `${straw.code},${period},toan-phuong,,1e307,Thống kê,`,
      `${straw.code},${period},${groupCode},,"1.000.000.000.000.000",Thống kê,`,
    ].join("\n");
    const r = await importFile(`/api/indicators/${straw.id}/import`, Buffer.from(csv), "so-lieu.csv", kinhte);
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json() as ImportResult;
    expect(result.saved).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: `Giá trị (${straw.unitOfMeasure})`,
        message: expect.stringContaining("quá lớn"),
      }),
      expect.objectContaining({
        row: 3,
        column: `Giá trị (${straw.unitOfMeasure})`,
        message: expect.stringContaining("quá lớn"),
      }),
    ]);
    await expectReadsServed();
  });

  it("refuses a task sheet with a weight of 1e307, a year-0000 deadline or a NUL in a title", async () => {
    const tasks = ((await get("/api/tasks?kind=task")).json() as TaskList).tasks;
    const [a, b, c] = tasks;
    if (!a || !b || !c) throw new Error("demo tasks missing");
    const header =
      "Mã,Mục,Loại,Tên nhiệm vụ,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Tần suất,Hạn hoàn thành,Sản phẩm đầu ra,Trạng thái,Tiến độ (%),Trọng số";
    const line = (code: string, title: string, deadline: string, weight: string) =>
      [code, "", "", `"${title.replace(/"/g, '""')}"`, "", a.owner.code, "", "none", deadline, "", "", "", weight].join(
        ",",
      );
    const csv = [
      header,
      line(a.code, a.title, "", "1e307"),
      line(b.code, b.title, "01/01/0000", ""),
      line(c.code, `Nhiệm vụ\u0000 ẩn`, "", ""),
    ].join("\n");
    const r = await importFile("/api/tasks/import", Buffer.from(csv), "nhiem-vu.csv");
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json() as ImportResult;
    expect(result.saved).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "Trọng số"],
      [3, "Hạn hoàn thành"],
      [4, "Tên nhiệm vụ"],
    ]);
  });
});

describe("reads survive one bad legacy row", () => {
  it("leaves out rows written before the bounds, logs them, and the database refuses new ones", async () => {
    const db = t.database.db;
    const straw = byCode("straw-burning-cases");
    const water = byCode("clean-water-household-share");
    const gap = byCode("gap-organic-area-share");
    const groups = (
      (await db.execute(
        sql`select id from units where ward_id = ${t.wardId} and kind = 'residential_group' order by code limit 3`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    // The state a database upgraded from before this check can be in: rows the old API saved, in
    // the latest period (the one summaries sum), two of them large enough to overflow the sum.
    await db.execute(sql`alter table measurements drop constraint measurements_value_bounded`);
    await db.execute(sql`alter table indicators drop constraint indicators_baseline_bounded`);
    await db.execute(sql`alter table indicators drop constraint indicators_target_bounded`);
    for (const [i, value] of [1e308, 1e308, Number.NaN].entries()) {
      await db.execute(sql`insert into measurements (ward_id, indicator_id, period, period_end, residential_group_id, value, source)
        values (${t.wardId}, ${straw.id}, '2030-Q4', '2030-12-31', ${groups[i]?.id}, ${String(value)}::float8, 'cũ')`);
    }
    await db.execute(sql`update indicators set baseline_value = 1e308, baseline_year = 2020 where id = ${water.id}`);
    await db.execute(sql`update indicators set target_value = 'NaN' where id = ${gap.id}`);
    // Then the migration's checks again, as 0002_numeric-bounds.sql adds them (NOT VALID: old rows stay).
    for (const statement of [
      "alter table measurements add constraint measurements_value_bounded check (value between -1e12 and 1e12) not valid",
      "alter table indicators add constraint indicators_baseline_bounded check (baseline_value between -1e12 and 1e12) not valid",
      "alter table indicators add constraint indicators_target_bounded check (target_value between -1e12 and 1e12) not valid",
    ])
      await db.execute(sql.raw(statement));

    await expectReadsServed();
    const list = ((await get("/api/indicators")).json() as { indicators: IndicatorSummary[] }).indicators;
    expect(list.find((i) => i.id === gap.id)).toBeUndefined();
    expect(list.find((i) => i.id === water.id)).toMatchObject({ baselineValue: null });
    const detail = (await get(`/api/indicators/${straw.id}`)).json() as IndicatorDetail;
    expect(detail.measurements.some((m) => m.period === "2030-Q4")).toBe(false);
    expect(detail.series.some((p) => p.period === "2030-Q4")).toBe(false);
    const broken = await get(`/api/indicators/${gap.id}`);
    expect(broken.statusCode).toBe(409);
    expect(broken.json()).toMatchObject({ error: { code: "CONFLICT" } });

    const warnings: { details: object; message: string }[] = [];
    const log: DataLog = { warn: (details, message) => warnings.push({ details, message }) };
    await listIndicators(db, log, t.wardId);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ details: expect.objectContaining({ indicatorId: straw.id, skipped: 3 }) }),
        expect.objectContaining({ details: expect.objectContaining({ indicatorId: water.id }) }),
        expect.objectContaining({ details: expect.objectContaining({ indicatorId: gap.id }) }),
      ]),
    );

    // New rows are checked by the database itself, whatever path writes them.
    await expect(
      db.execute(sql`insert into measurements (ward_id, indicator_id, period, period_end, value, source)
        values (${t.wardId}, ${straw.id}, '2021-Q2', '2021-06-30', 1e13, 'mới')`),
    ).rejects.toThrow();
    await expect(db.execute(sql`update indicators set target_value = 1e300 where id = ${water.id}`)).rejects.toThrow();
  });
});

describe("hostile text and dates", () => {
  it("answers 400 to NUL bytes and unpaired surrogates, the anonymous login included", async () => {
    for (const payload of [
      { username: "admin\u0000", password: "xanh2026" },
      { username: "admin", password: "xanh\u00002026" },
      { username: "ad\ud800min", password: "xanh2026" },
      { username: "admin", password: "\udc00" },
    ]) {
      const r = await t.app.inject({ method: "POST", url: "/api/auth/login", payload });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
    const tasks = ((await get("/api/tasks?kind=task")).json() as TaskList).tasks;
    const task = tasks[0];
    if (!task) throw new Error("no task");
    for (const change of [
      { title: "Tên\u0000" },
      { title: "Tên \ud83d" },
      { title: "dòng một\ndòng hai" },
      { deadline: "0000-01-01" },
      { deadline: "2101-01-01" },
      { output: "x".repeat(2001) },
    ]) {
      const r = await json("PATCH", `/api/tasks/${task.id}`, { version: task.version, ...change });
      expect(r.statusCode, `${JSON.stringify(change)}: ${r.body}`).toBe(400);
    }
    const multiLine = await json("PATCH", `/api/tasks/${task.id}`, {
      version: task.version,
      output: "  Báo cáo\r\nkết quả\tquý  ",
    });
    expect(multiLine.statusCode, multiLine.body).toBe(200);
    expect(multiLine.json()).toMatchObject({ output: "Báo cáo\r\nkết quả\tquý" });
    // (A query string or a multipart field cannot carry half a surrogate: UTF-8 decoding turns it into U+FFFD.)
    for (const query of ["q=%00", "q=a%00b", "status=a%00b", "sector=%01", "q=%1B%5B31m"]) {
      expect((await get(`/api/tasks?${query}`)).statusCode, query).toBe(400);
    }
  });

  it("refuses a progress update with a NUL in its text or a year-0000 date, sent as multipart", async () => {
    const tasks = ((await get("/api/tasks?kind=task")).json() as TaskList).tasks;
    const task = tasks[0];
    if (!task) throw new Error("no task");
    for (const fields of [
      { reportedOn: todayInVietnam(), text: "Đã làm\u0000", status: task.status },
      { reportedOn: "0000-01-01", text: "Đã làm", status: task.status },
      { reportedOn: "2026-02-30", text: "Đã làm", status: task.status },
    ]) {
      const body = multipart(fields);
      const r = await t.app.inject({
        method: "POST",
        url: `/api/tasks/${task.id}/updates`,
        headers: { ...leader, ...body.headers },
        payload: body.payload,
      });
      expect(r.statusCode, r.body).toBe(400);
    }
  });
});

describe("broken multipart bodies", () => {
  it("answers 400, not 500, to no boundary, a cut-off body and malformed part headers", async () => {
    const tasks = ((await get("/api/tasks?kind=task")).json() as TaskList).tasks;
    const url = `/api/tasks/${tasks[0]?.id}/updates`;
    const whole = multipart({ reportedOn: todayInVietnam(), text: "x", status: "in_progress" });
    const boundary = whole.headers["content-type"].split("boundary=")[1] ?? "";
    const cases: { name: string; contentType: string; payload: Buffer }[] = [
      { name: "no boundary", contentType: "multipart/form-data", payload: whole.payload },
      { name: "cut off", contentType: whole.headers["content-type"], payload: whole.payload.subarray(0, 60) },
      {
        name: "part without headers",
        contentType: whole.headers["content-type"],
        payload: Buffer.from(`--${boundary}\r\n\r\nvalue\r\n--${boundary}--\r\n`),
      },
      {
        name: "malformed header",
        contentType: whole.headers["content-type"],
        payload: Buffer.from(`--${boundary}\r\ncontent-disposition\r\n\r\nvalue\r\n--${boundary}--\r\n`),
      },
    ];
    for (const target of [url, "/api/tasks/import"]) {
      for (const c of cases) {
        const r = await t.app.inject({
          method: "POST",
          url: target,
          headers: { ...leader, "content-type": c.contentType },
          payload: c.payload,
        });
        expect(r.statusCode, `${target} ${c.name}: ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${target} ${c.name}: ${r.body}`).toBeLessThan(500);
      }
    }
  });
});

describe("spreadsheets that would freeze the server", () => {
  it("refuses a sparse far-corner sheet with a clear message while other requests keep being served", async () => {
    // Over a real socket, as a browser sends them: the import and a stream of reads side by side.
    const base = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const bytes = await farCornerSheet(1_048_576, 16_384);
    const body = multipart({}, [{ field: "file", filename: "goc-xa.xlsx", bytes, type: "application/octet-stream" }]);
    const order: string[] = [];
    let answered = false;
    const importing = fetch(`${base}/api/tasks/import`, {
      method: "POST",
      headers: { ...leader, ...body.headers },
      body: body.payload,
    }).then(async (r) => {
      answered = true;
      order.push("import");
      return { status: r.status, json: (await r.json()) as unknown };
    });
    let served = 0;
    while (!answered) {
      const r = await fetch(`${base}/api/task-statuses`, { headers: leader });
      expect(r.status).toBe(200);
      await r.arrayBuffer();
      if (!answered) order.push("get");
      served++;
    }
    const r = await importing;
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      error: { code: "IMPORT_INVALID", message: expect.stringContaining("giới hạn 10.000 dòng") },
    });
    expect(served).toBeGreaterThan(0);
    expect(order[0]).toBe("get");
    expect(order.at(-1)).toBe("import");
  });

  it("judges by the cells present when the sheet declares no extent, and names the column limit", async () => {
    const wide = await farCornerSheet(5_000, 200, false);
    const r = await importFile("/api/tasks/import", wide, "rong.xlsx");
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({
      error: { code: "IMPORT_INVALID", message: expect.stringContaining("giới hạn 100 cột") },
    });
    const tall = await farCornerSheet(20_000, 3, false);
    const r2 = await importFile("/api/tasks/import", tall, "dai.xlsx");
    expect(r2.json()).toMatchObject({
      error: { code: "IMPORT_INVALID", message: expect.stringContaining("dòng 20.000") },
    });
  });

  it("reads a sheet with an implied but empty expanse, within the limits, by its cells only", async () => {
    const bytes = await farCornerSheet(800, 50);
    const rows = await readTable(bytes, [{ header: "Mã", key: "code" }]);
    expect(rows).toEqual([]);
  });

  it("stops a reading that runs over its time limit and says so", async () => {
    const bytes = await farCornerSheet(10, 5);
    await expect(readTable(bytes, [{ header: "Mã", key: "code" }], { timeLimitMs: 1 })).rejects.toMatchObject({
      code: "IMPORT_INVALID",
      statusCode: 400,
      message: expect.stringContaining("giây"),
    });
  });
});

describe("CSV exports", () => {
  it("neutralises a task title a spreadsheet would run as a formula, and the export re-imports unchanged", async () => {
    const tasks = ((await get("/api/tasks?kind=task")).json() as TaskList).tasks;
    const task = tasks[1];
    if (!task) throw new Error("no task");
    const title = '=HYPERLINK("http://lua-dao.example","Bấm để xem")';
    const edited = await json("PATCH", `/api/tasks/${task.id}`, { version: task.version, title });
    expect(edited.statusCode, edited.body).toBe(200);
    const exported = await get("/api/tasks/export.csv");
    expect(exported.statusCode).toBe(200);
    const line = exported.body.split("\n").find((l) => l.startsWith(`${task.code},`));
    expect(line).toContain(`"'=HYPERLINK(""http://lua-dao.example"",""Bấm để xem"")"`);
    expect(exported.body).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const again = await importFile("/api/tasks/import", Buffer.from(exported.rawPayload), "nhiem-vu.csv");
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as ImportResult).errors).toEqual([]);
    const after = (await get(`/api/tasks/${task.id}`)).json() as { title: string };
    expect(after.title).toBe(title);
  });

  it("neutralises a measurement's note and source in the indicator export", async () => {
    const straw = byCode("straw-burning-cases");
    const period = periodOf(straw.frequency, todayInVietnam());
    const r = await json("POST", `/api/indicators/${straw.id}/measurements`, {
      period,
      residentialGroupId: null,
      value: 2,
      source: "+84 912 345 678",
      note: "@SUM(1+1)*cmd|' /C calc'!A0",
    });
    expect(r.statusCode, r.body).toBe(200);
    const exported = await get(`/api/indicators/${straw.id}/export.csv`);
    const line = exported.body.split("\n").find((l) => l.includes(period) && l.includes("toan-phuong"));
    expect(line).toContain(",2,'+84 912 345 678,'@SUM(1+1)*cmd|' /C calc'!A0");
  });
});
