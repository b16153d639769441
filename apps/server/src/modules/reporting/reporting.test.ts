import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addDays,
  isComputedIndicator,
  reportCalendarRange,
  type ReportPeriodSummary,
  type UnitReportDetail,
  type WardReport,
} from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { checkDecree30Layout, docxText } from "../../lib/official-document/layout-check.js";
import { formatNumberVi } from "../../lib/official-document/document.js";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";
import { runReminders } from "../notifications/service.js";

let t: TestApp;
const h: Record<string, Record<string, string>> = {};
let periods: ReportPeriodSummary[] = [];
const today = todayInVietnam();

const get = async <T>(who: string, url: string) => {
  const response = await t.app.inject({ method: "GET", url, headers: h[who] ?? {} });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
};
const send = (who: string, method: "POST" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: h[who] ?? {}, ...(payload ? { payload } : {}) });

/** The demo's quarters, newest first: the current one, then the three reported before it. */
const quarters = () => periods.filter((p) => p.kind === "quarterly");

beforeAll(async () => {
  t = await startTestApp();
  for (const who of ["admin", "lanhdao", "vanphong", "kinhte", "vhxh"]) h[who] = await t.login(who);
  periods = (await get<{ periods: ReportPeriodSummary[] }>("vanphong", "/api/reports/periods")).periods;
});
afterAll(async () => t?.close());

describe("the demo ward's reporting history", () => {
  it("has the current quarter open and the three before it reported, the two oldest locked", () => {
    const [current, latest, middle, oldest] = quarters();
    expect(current?.inProgress).toBe(true);
    expect(current?.locked).toBe(false);
    expect(latest?.locked).toBe(false);
    expect(latest?.counts.returned).toBe(1);
    expect(latest?.counts.late).toBeGreaterThanOrEqual(2); // the unsent one and the one sent back
    for (const past of [middle, oldest]) {
      expect(past?.locked).toBe(true);
      expect(past?.counts.accepted).toBeGreaterThan(0);
      expect(past?.counts.draft).toBe(0);
      expect(past?.wardReportVersion).toBe(1);
    }
  });

  it("shows the late reports on the leaders' dashboard", async () => {
    const dashboard = await get<{ lateReports: { periodCode: string; status: string }[] }>("lanhdao", "/api/dashboard");
    const latest = quarters()[1];
    const late = dashboard.lateReports.filter((r) => r.periodCode === latest?.code);
    expect(late.map((r) => r.status).sort()).toEqual(["draft", "returned"]);
  });
});

describe("a unit's report: submit → return → resubmit → accept", () => {
  let report: UnitReportDetail;
  const url = () => `/api/reports/unit-reports/${report.id}`;

  it("is waiting for the unit, pre-filled with its own figures", async () => {
    const current = (await get<{ periods: ReportPeriodSummary[] }>("kinhte", "/api/reports/periods")).periods.find(
      (p) => p.kind === "quarterly" && p.inProgress,
    );
    expect(current?.myReport?.status).toBe("draft");
    report = await get<UnitReportDetail>("kinhte", `/api/reports/unit-reports/${current?.myReport?.id}`);
    expect(report.unit.code).toBe("kinh-te");
    expect(report.can).toEqual({ edit: true, submit: true, review: false });
    expect(report.figures.tasks.length).toBeGreaterThan(0);
    expect(report.figures.tasks.every((task) => task.owner.code === "kinh-te")).toBe(true);
    expect(report.sections.results).toBeNull();
    expect(report.suggested.results).toContain(`${report.figures.tasks.length} nhiệm vụ`);
  });

  it("is written only by its unit, and reviewed only by the Office and leaders", async () => {
    expect((await send("vhxh", "PUT", url(), { version: report.version, sections: { results: "x" } })).statusCode).toBe(
      403,
    );
    const saved = await send("kinhte", "PUT", url(), {
      version: report.version,
      sections: { results: "Đã hoàn thành rà soát các cơ sở sản xuất.", proposals: "Bổ sung kinh phí." },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    report = saved.json();
    expect(report.sections.results).toBe("Đã hoàn thành rà soát các cơ sở sản xuất.");
    expect((await send("kinhte", "POST", `${url()}/accept`, { version: report.version })).statusCode).toBe(403);
    const stale = await send("kinhte", "PUT", url(), { version: report.version - 1, sections: { results: "cũ" } });
    expect(stale.statusCode).toBe(409);
  });

  it("takes evidence files while the unit may edit", async () => {
    const body = multipart({}, [{ field: "files", filename: "bien-ban.png", bytes: TINY_PNG, type: "image/png" }]);
    const response = await t.app.inject({
      method: "POST",
      url: `${url()}/files`,
      headers: { ...h.kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    report = response.json();
    expect(report.files.map((f) => f.filename)).toEqual(["bien-ban.png"]);
  });

  it("goes to the Office, comes back with comments, and is accepted once fixed", async () => {
    const submitted = await send("kinhte", "POST", `${url()}/submit`, { version: report.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    report = submitted.json();
    expect(report.status).toBe("submitted");
    // Parts the unit left as suggested went as suggested.
    expect(report.sections.shortcomings).toBe(report.suggested.shortcomings);
    expect(
      (await send("kinhte", "PUT", url(), { version: report.version, sections: { results: "y" } })).statusCode,
    ).toBe(409);
    const noComment = await send("vanphong", "POST", `${url()}/return`, { version: report.version, comment: "" });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.code).toBe("VALIDATION_FAILED");
    const returned = await send("vanphong", "POST", `${url()}/return`, {
      version: report.version,
      comment: "Bổ sung số liệu về phân loại rác tại nguồn.",
    });
    expect(returned.statusCode, returned.body).toBe(200);
    report = returned.json();
    expect(report.status).toBe("returned");
    expect(report.reviewComment).toBe("Bổ sung số liệu về phân loại rác tại nguồn.");
    const notices = await get<{ notifications: { kind: string; body: string }[] }>("kinhte", "/api/notifications");
    expect(notices.notifications.find((n) => n.kind === "report_returned")?.body).toContain("phân loại rác");

    const fixed = await send("kinhte", "PUT", url(), {
      version: report.version,
      sections: { results: "Đã rà soát 42 cơ sở; 38 cơ sở phân loại rác tại nguồn." },
    });
    report = fixed.json();
    report = (await send("kinhte", "POST", `${url()}/submit`, { version: report.version })).json();
    expect(report.status).toBe("submitted");
    const accepted = await send("vanphong", "POST", `${url()}/accept`, { version: report.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    report = accepted.json();
    expect(report.status).toBe("accepted");
    expect(report.can).toEqual({ edit: false, submit: false, review: false });
    expect(report.history.map((e) => e.action)).toEqual([
      "unit_report.save",
      "unit_report.attach_files",
      "unit_report.submit",
      "unit_report.return",
      "unit_report.save",
      "unit_report.submit",
      "unit_report.accept",
    ]);
    expect(report.history.find((e) => e.action === "unit_report.return")?.comment).toContain("phân loại rác");
  });

  it("cannot be locked while the period runs or while reports are outstanding", async () => {
    const [current, latest] = quarters();
    const running = await send("vanphong", "POST", `/api/reports/periods/${current?.code}/lock`);
    expect(running.statusCode).toBe(409);
    const pending = await send("vanphong", "POST", `/api/reports/periods/${latest?.code}/lock`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.message).toContain("chưa được tiếp nhận");
  });
});

describe("locked figures", () => {
  it("stay as they were after the data changes; the change shows as a difference", async () => {
    const oldest = quarters()[3];
    const before = await get<WardReport>("vanphong", `/api/reports/periods/${oldest?.code}/ward-report`);
    expect(before.period.locked).toBe(true);
    expect(before.differences).toEqual([]);
    // A ward-level value overrides what the residential groups sum up to: a correction after the lock.
    // An indicator that takes typed figures (a computed one refuses them).
    const target = before.figures.indicators.find(
      (i) => i.value !== null && i.valuePeriod && !isComputedIndicator(i.code),
    );
    if (!target?.valuePeriod || target.value === null) throw new Error("no indicator with a value");
    const corrected = Math.round(target.value > 50 ? target.value - 7 : target.value + 7);
    const recorded = await send("admin", "POST", `/api/indicators/${target.id}/measurements`, {
      period: target.valuePeriod,
      residentialGroupId: null,
      value: corrected,
      source: "Số liệu điều chỉnh sau khi khóa",
    });
    expect(recorded.statusCode, recorded.body).toBeLessThan(300);

    const after = await get<WardReport>("vanphong", `/api/reports/periods/${oldest?.code}/ward-report`);
    expect(after.figures).toEqual(before.figures);
    expect(after.differences).toContainEqual({
      kind: "indicator",
      code: target.code,
      label: target.name,
      field: "value",
      locked: target.value,
      current: corrected,
    });
    const xlsx = await t.app.inject({
      method: "GET",
      url: `/api/reports/periods/${oldest?.code}/ward-report/export.xlsx`,
      headers: h.vanphong,
    });
    const values = await indicatorValuesOf(xlsx.rawPayload);
    expect(values.get(target.code)).toBe(target.value);
  });
});

/** Indicator code → value of the period, from the annex workbook. */
async function indicatorValuesOf(bytes: Buffer): Promise<Map<string, number | null>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Phụ lục I - Chỉ tiêu");
  const out = new Map<string, number | null>();
  sheet?.eachRow((row, n) => {
    if (n === 1) return;
    const value = row.getCell(9).value;
    out.set(String(row.getCell(2).value), typeof value === "number" ? value : null);
  });
  return out;
}

/** Cell texts of every table row in the document body, for reading the annex tables back. */
async function tableRows(docx: Buffer): Promise<string[][]> {
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")?.async("string");
  const rows: string[][] = [];
  for (const tr of xml?.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []) {
    const cells = (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((tc) =>
      (tc.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((x) => x.replace(/<[^>]+>/g, "")).join(""),
    );
    rows.push(cells);
  }
  return rows;
}

describe("the ward's report", () => {
  it("is compiled from the accepted unit reports, edited, and kept in versions", async () => {
    const latest = quarters()[1];
    const base = `/api/reports/periods/${latest?.code}/ward-report`;
    const first = (await get<WardReport>("vanphong", base)).current;
    expect(first).toBeNull();
    const compiled = await send("vanphong", "POST", `${base}/compile`);
    expect(compiled.statusCode, compiled.body).toBe(200);
    const report = compiled.json() as WardReport;
    expect(report.current?.version).toBe(1);
    expect(report.current?.createdBy).toBe("Chuyên viên Văn phòng HĐND & UBND");
    expect(report.current?.content.sectors.map((s) => s.ref)).toEqual([
      "III.1",
      "III.2",
      "III.3",
      "III.4",
      "III.5",
      "III.6",
    ]);
    expect(report.pendingUnits.length).toBe(2);
    // Section V by unit: the mass organisations' own results stand under V.5 with the Front's.
    const front = report.current?.content.units.find((u) => u.heading.startsWith("V.5"));
    const organisations = report.acceptedUnits.filter((u) => u.code.startsWith("hoi-") || u.code === "doan-thanh-nien");
    expect(organisations.length).toBeGreaterThan(0);
    for (const organisation of organisations) expect(front?.text).toContain(`${organisation.name}:`);
    const content = report.current?.content;
    if (!content) throw new Error("no content");
    const edited = { ...content, intro: `${content.intro} (đã biên tập)` };
    const saved = await send("vanphong", "PUT", base, { baseVersion: 1, content: edited, note: "Biên tập lời mở đầu" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as WardReport).versions.map((v) => [v.version, v.note])).toEqual([
      [2, "Biên tập lời mở đầu"],
      [1, `Tổng hợp từ ${report.acceptedUnits.length} báo cáo của đơn vị`],
    ]);
    const stale = await send("vanphong", "PUT", base, { baseVersion: 1, content, note: "cũ" });
    expect(stale.statusCode).toBe(409);
    expect((await send("kinhte", "POST", `${base}/compile`)).statusCode).toBe(403);
  });

  it("comes out as a DOCX that follows Decree 30, whose numbers are the database's", async () => {
    const latest = quarters()[1];
    const [docx, xlsx, ward] = await Promise.all([
      t.app.inject({
        method: "GET",
        url: `/api/reports/periods/${latest?.code}/ward-report/export.docx`,
        headers: h.vanphong,
      }),
      t.app.inject({
        method: "GET",
        url: `/api/reports/periods/${latest?.code}/ward-report/export.xlsx`,
        headers: h.vanphong,
      }),
      get<WardReport>("vanphong", `/api/reports/periods/${latest?.code}/ward-report`),
    ]);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const layout = await checkDecree30Layout(docx.rawPayload);
    expect(layout.filter((r) => !r.ok)).toEqual([]);
    const text = await docxText(docx.rawPayload);
    expect(text).toContain("BÁO CÁO");
    expect(text).toContain("(đã biên tập)");
    expect(text).toContain("PHÓ CHỦ TỊCH");

    // Independently of the report: the indicators' own series and the tasks' last updates.
    const valuesUntil = reportCalendarRange(latest?.code ?? "").end;
    const rows = await tableRows(docx.rawPayload);
    const xlsxValues = await indicatorValuesOf(xlsx.rawPayload);
    for (const indicator of ward.figures.indicators) {
      const detail = await get<{ series: { periodEnd: string; value: number }[] }>(
        "admin",
        `/api/indicators/${indicator.id}`,
      );
      const expected = detail.series.filter((p) => p.periodEnd <= valuesUntil).at(-1)?.value ?? null;
      expect(xlsxValues.get(indicator.code), indicator.code).toBe(expected);
      const row = rows.find((cells) => cells[1] === indicator.name);
      expect(row?.[5], indicator.name).toBe(expected === null ? "" : formatNumberVi(expected, 2));
    }
    const result = (await t.database.db.execute(
      `select distinct on (task_id) task_id as "taskId", progress from task_updates
       where reported_on <= '${ward.figures.asOf}' order by task_id, reported_on desc, created_at desc`,
    )) as unknown as { rows: { taskId: string; progress: number }[] };
    const progress = new Map(result.rows.map((r) => [r.taskId, Number(r.progress)]));
    for (const task of ward.figures.tasks) {
      if (!progress.has(task.id)) continue;
      expect(task.progress, task.code).toBe(progress.get(task.id));
      const row = rows.find((cells) => cells[1] === task.ref && cells[2]?.startsWith(task.title));
      expect(row?.[6], task.code).toBe(String(progress.get(task.id)));
    }
  });

  it("of the current period exports too, marked as a draft with figures to date", async () => {
    const current = quarters()[0];
    const docx = await t.app.inject({
      method: "GET",
      url: `/api/reports/periods/${current?.code}/ward-report/export.docx`,
      headers: h.lanhdao,
    });
    expect(docx.statusCode).toBe(200);
    const text = await docxText(docx.rawPayload);
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain(today.split("-").reverse().join("/"));
    const unit = await t.app.inject({
      method: "GET",
      url: `/api/reports/unit-reports/${current?.myReport?.id ?? (await firstUnitReport(current?.code ?? ""))}/export.docx`,
      headers: h.kinhte,
    });
    expect(unit.statusCode).toBe(200);
    expect((await checkDecree30Layout(unit.rawPayload)).filter((r) => !r.ok)).toEqual([]);
  });

  it("is registered with its number when sent, and printed with it", async () => {
    const oldest = quarters()[3];
    const base = `/api/reports/periods/${oldest?.code}/ward-report`;
    const sent = await send("vanphong", "POST", `${base}/send`, { issuedOn: today });
    expect(sent.statusCode, sent.body).toBe(200);
    const { numberAndSymbol, documentId } = sent.json();
    expect(numberAndSymbol).toMatch(/^\d{2,}\/BC-UBND$/);
    expect((await send("vanphong", "POST", `${base}/send`, { issuedOn: today })).statusCode).toBe(409);
    const text = await docxText(
      (await t.app.inject({ method: "GET", url: `${base}/export.docx`, headers: h.vanphong })).rawPayload,
    );
    expect(text).toContain(`Số: ${numberAndSymbol}`);
    const registered = await get<{ numberAndSymbol: string; links: { entityType: string; label: string | null }[] }>(
      "vanphong",
      `/api/documents/${documentId}`,
    );
    expect(registered.numberAndSymbol).toBe(numberAndSymbol);
    expect(registered.links.find((l) => l.entityType === "ward_report")?.label).toBe(`Báo cáo ${oldest?.title}`);
    const afterSend = await get<WardReport>("vanphong", base);
    expect(afterSend.period.sent?.numberAndSymbol).toBe(numberAndSymbol);
    expect(afterSend.can.edit).toBe(false);
  });
});

async function firstUnitReport(code: string): Promise<string> {
  const detail = await get<{ unitReports: { id: string; unit: { code: string } }[] }>(
    "vanphong",
    `/api/reports/periods/${code}`,
  );
  return detail.unitReports.find((r) => r.unit.code === "kinh-te")?.id ?? "";
}

describe("periods and settings", () => {
  it("opens a thematic report for chosen units, with its own window and deadlines", async () => {
    const units = (await get<{ units: { id: string; code: string }[] }>("admin", "/api/units")).units;
    const kinhte = units.find((u) => u.code === "kinh-te")?.id;
    const body = {
      kind: "thematic",
      title: "Báo cáo chuyên đề về thu gom rác thải",
      windowStart: addDays(today, -30),
      windowEnd: today,
      unitDeadline: addDays(today, 2),
      wardDeadline: addDays(today, 4),
      unitIds: [kinhte],
    };
    const opened = await send("vanphong", "POST", "/api/reports/periods", body);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().code).toMatch(/^CD-\d{4}-01$/);
    expect(opened.json().unitReports.map((r: { unit: { code: string } }) => r.unit.code)).toEqual(["kinh-te"]);
    const backwards = await send("vanphong", "POST", "/api/reports/periods", {
      ...body,
      windowEnd: addDays(today, -40),
    });
    expect(backwards.statusCode).toBe(400);
    expect((await send("kinhte", "POST", "/api/reports/periods", body)).statusCode).toBe(403);

    // Its deadline is two days off: the daily run reminds the unit, once.
    await runReminders(t.database.db, null, today);
    await runReminders(t.database.db, null, today);
    const notices = await get<{ notifications: { kind: string; title: string }[] }>("kinhte", "/api/notifications");
    expect(notices.notifications.filter((n) => n.kind === "report_due" && n.title.includes("chuyên đề"))).toHaveLength(
      1,
    );
    // The demo's unsent and sent-back reports are past their deadline: their units are told so.
    const late = (await t.database.db.execute(
      "select count(*)::int as n from notifications where kind = 'report_late'",
    )) as unknown as { rows: { n: number }[] };
    expect(Number(late.rows[0]?.n)).toBe(2);
    // An ended request with nothing compiled: nothing to send out yet.
    const ended = await send("vanphong", "POST", "/api/reports/periods", {
      ...body,
      windowStart: "2026-01-01",
      windowEnd: "2026-01-31",
      unitDeadline: "2026-02-03",
      wardDeadline: "2026-02-05",
    });
    const unsent = await send("vanphong", "POST", `/api/reports/periods/${ended.json().code}/ward-report/send`, {
      issuedOn: today,
    });
    expect(unsent.statusCode).toBe(409);
    expect(unsent.json().error.message).toContain("tổng hợp");
  });

  it("keeps a ward's own cut-off and deadlines, used by the periods it opens next", async () => {
    const settings = await get<{ version: number; rules: Record<string, object> }>("vanphong", "/api/reports/settings");
    const changed = {
      ...settings,
      rules: {
        ...settings.rules,
        monthly: { cutoffDay: "end", unitDeadlineWorkingDays: 3, wardDeadlineWorkingDays: 5 },
      },
    };
    expect((await send("kinhte", "PUT", "/api/reports/settings", changed)).statusCode).toBe(403);
    const saved = await send("vanphong", "PUT", "/api/reports/settings", changed);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await send("vanphong", "PUT", "/api/reports/settings", changed)).statusCode).toBe(409);
    const opened = await send("vanphong", "POST", "/api/reports/periods", { code: "2026-11" });
    expect(opened.statusCode, opened.body).toBe(201);
    expect([opened.json().windowStart, opened.json().windowEnd]).toEqual(["2026-11-01", "2026-11-30"]);
    // 30/11/2026 is a Monday: three working days later is Thursday 03/12.
    expect(opened.json().unitDeadline).toBe("2026-12-03");
    expect((await send("vanphong", "POST", "/api/reports/periods", { code: "2026-11" })).statusCode).toBe(409);
    expect((await send("vanphong", "POST", "/api/reports/periods", { code: "2026-13" })).statusCode).toBe(400);
  });

  it("answers unknown periods and units with 404, never 500", async () => {
    expect(
      (await t.app.inject({ method: "GET", url: "/api/reports/periods/CD-2026-99", headers: h.kinhte })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/reports/periods/2099-Q1", headers: h.kinhte })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/reports/periods/2026-Q9", headers: h.kinhte })).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: "/api/reports/unit-reports/00000000-0000-4000-8000-000000000000",
          headers: h.kinhte,
        })
      ).statusCode,
    ).toBe(404);
  });
});
