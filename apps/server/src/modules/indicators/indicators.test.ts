import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult, IndicatorDetail, IndicatorSummary } from "@phuong-xanh/shared";
import { periodOf } from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";

const quarter = periodOf("quarterly", todayInVietnam());
const year = periodOf("yearly", todayInVietnam());

let t: TestApp;
let leader: Record<string, string>;
let kinhte: Record<string, string>;
let indicators: IndicatorSummary[];

const get = async <T>(url: string, headers = leader): Promise<T> => {
  const r = await t.app.inject({ method: "GET", url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};
const byCode = (code: string) => {
  const found = indicators.find((i) => i.code === code);
  if (!found) throw new Error(`indicator ${code} missing`);
  return found;
};
const upload = (id: string, bytes: Buffer, mode?: string, headers = kinhte) => {
  const body = multipart({}, [{ field: "file", filename: "so-lieu.xlsx", bytes, type: "application/octet-stream" }]);
  return t.app.inject({
    method: "POST",
    url: `/api/indicators/${id}/import${mode ? `?mode=${mode}` : ""}`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
};

async function workbookOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return { workbook, sheet };
}

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login("lanhdao");
  kinhte = await t.login("kinhte");
  indicators = (await get<{ indicators: IndicatorSummary[] }>("/api/indicators")).indicators;
});
afterAll(async () => t?.close());

describe("indicators of the plan", () => {
  it("carries the document's 2030 targets", () => {
    expect(byCode("gap-organic-area-share")).toMatchObject({
      targetValue: 20,
      targetYear: 2030,
      direction: "increase",
      unitOfMeasure: "%",
      targetSource: "document",
    });
    expect(byCode("straw-burning-cases")).toMatchObject({ targetValue: 0, direction: "decrease" });
    expect(byCode("clean-water-household-share").targetValue).toBe(100);
    expect(byCode("public-works-unfired-materials-share").targetValue).toBe(100);
  });

  it("computes the ward value of a period as the ratio of the groups' sums", async () => {
    const gap = byCode("gap-organic-area-share");
    const detail = await get<IndicatorDetail>(`/api/indicators/${gap.id}`);
    const latest = detail.series.at(-1);
    if (!latest) throw new Error("no series");
    const rows = detail.measurements.filter((m) => m.period === latest.period);
    const numerator = rows.reduce((s, m) => s + (m.numerator ?? 0), 0);
    const denominator = rows.reduce((s, m) => s + (m.denominator ?? 0), 0);
    expect(rows.length).toBeGreaterThan(1);
    expect(latest.value).toBeCloseTo((numerator / denominator) * 100, 2);
  });

  it("summarises each indicator by its latest period and trend, as its full history says", async () => {
    for (const summary of indicators) {
      const detail = await get<IndicatorDetail>(`/api/indicators/${summary.id}`);
      const last = detail.series.at(-1);
      expect(summary.latest, summary.code).toEqual(
        last ? { period: last.period, value: last.value, periodEnd: last.periodEnd } : null,
      );
      expect(summary.trend, summary.code).toBe(detail.trend);
    }
  });

  it("records a measurement and re-rates the indicator against its trajectory", async () => {
    const waste = byCode("domestic-waste-collected-share");
    const response = await t.app.inject({
      method: "POST",
      url: `/api/indicators/${waste.id}/measurements`,
      headers: kinhte,
      payload: {
        period: quarter,
        residentialGroupId: null,
        numerator: 99,
        denominator: 100,
        source: "Báo cáo đơn vị thu gom",
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json() as IndicatorDetail;
    expect(detail.latest).toMatchObject({ period: quarter, value: 99 });
    expect(detail.status).toBe("on_track");
    const low = await t.app.inject({
      method: "POST",
      url: `/api/indicators/${waste.id}/measurements`,
      headers: kinhte,
      payload: {
        period: quarter,
        residentialGroupId: null,
        numerator: 20,
        denominator: 100,
        source: "Báo cáo đơn vị thu gom",
      },
    });
    expect((low.json() as IndicatorDetail).status).toBe("off_track");
    const history = await get<{ entries: { action: string; before: { value: number }; after: { value: number } }[] }>(
      `/api/indicators/${waste.id}/history`,
    );
    expect(history.entries.at(-1)).toMatchObject({
      action: "measurement.replace",
      before: { value: 99 },
      after: { value: 20 },
    });
  });

  it("refuses a measurement of the wrong period shape, in Vietnamese, and keeps what was saved", async () => {
    const waste = byCode("domestic-waste-collected-share");
    const before = await get<IndicatorDetail>(`/api/indicators/${waste.id}`);
    const response = await t.app.inject({
      method: "POST",
      url: `/api/indicators/${waste.id}/measurements`,
      headers: kinhte,
      payload: { period: "2026-05", residentialGroupId: null, numerator: 120, denominator: 100, source: "x" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("VALIDATION_FAILED");
    expect(response.json().error.message).toMatch(/Kỳ/);
    expect((await get<IndicatorDetail>(`/api/indicators/${waste.id}`)).measurements).toHaveLength(
      before.measurements.length,
    );
  });
});

describe("XLSX template and import", () => {
  it("gives one row per residential group, and saves a filled file", async () => {
    const water = byCode("clean-water-household-share");
    const template = await t.app.inject({
      method: "GET",
      url: `/api/indicators/${water.id}/template.xlsx?period=${year}`,
      headers: kinhte,
    });
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-disposition"]).toContain(`mau-so-lieu-clean-water-household-share-${year}.xlsx`);
    const { workbook, sheet } = await workbookOf(template.rawPayload);
    const units = (await get<{ units: { kind: string }[] }>("/api/units")).units;
    const groups = units.filter((u) => u.kind === "residential_group").length;
    expect(sheet.rowCount).toBe(groups + 1);
    const labels = await get<IndicatorDetail>(`/api/indicators/${water.id}`);
    expect(sheet.getRow(1).getCell(5).value).toBe(labels.numeratorLabel);
    expect(sheet.getRow(1).getCell(6).value).toBe(labels.denominatorLabel);
    for (let r = 2; r <= sheet.rowCount; r++) {
      sheet.getRow(r).getCell(5).value = 3 + r;
      sheet.getRow(r).getCell(6).value = 20;
      sheet.getRow(r).getCell(7).value = "Biên bản rà soát của tổ dân phố";
    }
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(water.id, filled);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as ImportResult;
    expect(result).toMatchObject({ saved: true, validRows: groups, savedRows: groups, errors: [] });
    const detail = await get<IndicatorDetail>(`/api/indicators/${water.id}`);
    expect(detail.measurements.filter((m) => m.period === year)).toHaveLength(groups);
  });

  it("reports every bad cell by row and column and saves nothing, unless told to save the good rows", async () => {
    const water = byCode("clean-water-household-share");
    const template = await t.app.inject({
      method: "GET",
      url: `/api/indicators/${water.id}/template.xlsx?period=2024`,
      headers: kinhte,
    });
    const { workbook, sheet } = await workbookOf(template.rawPayload);
    for (let r = 2; r <= sheet.rowCount; r++) {
      sheet.getRow(r).getCell(5).value = 4;
      sheet.getRow(r).getCell(6).value = 25;
      sheet.getRow(r).getCell(7).value = "Báo cáo tổ dân phố";
    }
    sheet.getRow(2).getCell(5).value = "bốn";
    sheet.getRow(3).getCell(5).value = 30; // more households with clean water than households
    sheet.getRow(4).getCell(7).value = null; // no source
    sheet.getRow(5).getCell(3).value = "tdp-99";
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = (await get<IndicatorDetail>(`/api/indicators/${water.id}`)).measurements.filter(
      (m) => m.period === "2024",
    ).length;

    const refused = (await upload(water.id, bad)).json() as ImportResult;
    expect(refused.saved).toBe(false);
    expect(refused.savedRows).toBe(0);
    expect(refused.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "Số hộ dân được sử dụng nước sạch theo quy định (hộ)"],
      [3, "Số hộ dân được sử dụng nước sạch theo quy định (hộ)"],
      [4, "Nguồn số liệu"],
      [5, "Mã tổ dân phố"],
    ]);
    expect(refused.errors[0]?.message).toContain("không phải là số");
    expect(
      (await get<IndicatorDetail>(`/api/indicators/${water.id}`)).measurements.filter((m) => m.period === "2024"),
    ).toHaveLength(before);

    const partial = (await upload(water.id, bad, "valid_rows")).json() as ImportResult;
    expect(partial.saved).toBe(true);
    expect(partial.savedRows).toBe(sheet.rowCount - 1 - 4);
    expect(
      (await get<IndicatorDetail>(`/api/indicators/${water.id}`)).measurements.filter((m) => m.period === "2024"),
    ).toHaveLength(before + partial.savedRows);
  });

  it("exports in the format it imports: an export re-imports without a change", async () => {
    const straw = byCode("straw-burning-cases");
    for (const format of ["xlsx", "csv"] as const) {
      const exported = await t.app.inject({
        method: "GET",
        url: `/api/indicators/${straw.id}/export.${format}`,
        headers: kinhte,
      });
      expect(exported.statusCode).toBe(200);
      const before = await get<IndicatorDetail>(`/api/indicators/${straw.id}`);
      const result = (await upload(straw.id, exported.rawPayload)).json() as ImportResult;
      expect(result.errors).toEqual([]);
      expect(result.savedRows).toBe(before.measurements.length);
      const after = await get<IndicatorDetail>(`/api/indicators/${straw.id}`);
      expect(after.series).toEqual(before.series);
    }
  });

  it("refuses a file that is not a spreadsheet with a clear message", async () => {
    const response = await upload(byCode("straw-burning-cases").id, Buffer.from("%PDF-1.4 not a sheet"));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("IMPORT_INVALID");
  });

  it("keeps another unit's officer out of the import", async () => {
    const vhxh = await t.login("vhxh");
    const response = await upload(byCode("straw-burning-cases").id, Buffer.from("x"), undefined, vhxh);
    expect(response.statusCode).toBe(403);
  });
});

describe("tasks export and import", () => {
  it("round-trips the task sheet and applies a bulk change by file, audited", async () => {
    const exported = await t.app.inject({ method: "GET", url: "/api/tasks/export.xlsx", headers: leader });
    const { workbook, sheet } = await workbookOf(exported.rawPayload);
    const header = sheet.getRow(1).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    let changedCode = "";
    for (let r = 2; r <= sheet.rowCount; r++) {
      if (sheet.getRow(r).getCell(col("Loại")).value === "duty" && !changedCode) {
        changedCode = String(sheet.getRow(r).getCell(col("Mã")).value);
        sheet.getRow(r).getCell(col("Hạn hoàn thành")).value = "15/12/2026";
        sheet.getRow(r).getCell(col("Đơn vị phối hợp")).value = "mttq, hoi-phu-nu";
      }
    }
    const body = multipart({}, [
      {
        field: "file",
        filename: "nhiem-vu.xlsx",
        bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
        type: "application/octet-stream",
      },
    ]);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/tasks/import",
      headers: { ...leader, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ saved: true, errors: [] });
    const list = (
      await get<{ tasks: { code: string; deadline: string | null; coordinators: { code: string }[]; id: string }[] }>(
        "/api/tasks",
      )
    ).tasks;
    const changed = list.find((x) => x.code === changedCode);
    expect(changed?.deadline).toBe("2026-12-15");
    expect(changed?.coordinators.map((c) => c.code).sort()).toEqual(["hoi-phu-nu", "mttq"]);
    const history = await get<{ entries: { action: string }[] }>(`/api/tasks/${changed?.id}/history`);
    expect(history.entries.map((e) => e.action)).toContain("task.import");
  });
});
