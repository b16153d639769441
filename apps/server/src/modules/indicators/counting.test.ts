import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COUNT_UNITS,
  indicatorKinds,
  periodOf,
  type ImportResult,
  type IndicatorDetail,
  type IndicatorSummary,
  type PublicPlan,
} from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";
import { loadSeedTemplate } from "../onboarding/service.js";

/**
 * Indicators that count whole things (vụ, hệ thống, hộ) take and show whole numbers only; ratios
 * and quantities keep their decimals. Issue 7, item 7.
 */
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
const record = (id: string, payload: Record<string, unknown>, headers = kinhte) =>
  t.app.inject({
    method: "POST",
    url: `/api/indicators/${id}/measurements`,
    headers,
    payload: { residentialGroupId: null, source: "Báo cáo của đơn vị", ...payload },
  });
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login("lanhdao");
  kinhte = await t.login("kinhte");
  indicators = (await get<{ indicators: IndicatorSummary[] }>("/api/indicators")).indicators;
});
afterAll(async () => t?.close());

describe("which indicators count whole things", () => {
  it("follows the seed plan and shows the kind in the API, the public plan included", async () => {
    expect(byCode("straw-burning-cases")).toMatchObject({ unitOfMeasure: "vụ", valueKind: "count", partsKind: null });
    expect(byCode("rooftop-solar-installations")).toMatchObject({ valueKind: "count", partsKind: null });
    expect(byCode("gap-organic-area-share")).toMatchObject({ valueKind: "percent", partsKind: "quantity" });
    expect(byCode("clean-water-household-share")).toMatchObject({ valueKind: "percent", partsKind: "count" });
    const plan = await get<PublicPlan>("/api/public/plan");
    const straw = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === "straw-burning-cases");
    expect(straw?.valueKind).toBe("count");
  });

  it("derives the kinds of existing indicators, in the migration, as the seed plan states them", async () => {
    // The migration's UPDATEs run again on indicators stripped of their kind: they give the seed's.
    const migration = fs.readFileSync(
      path.join(import.meta.dirname, "../../../migrations/0011_whole-number-counts.sql"),
      "utf8",
    );
    const updates = migration
      .split("--> statement-breakpoint")
      .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
      .filter((s) => s.startsWith('UPDATE "indicators"'));
    expect(updates).toHaveLength(2);
    await t.database.db.execute(
      sql`update indicators set value_kind = 'quantity', parts_kind = null where ward_id = ${t.wardId}`,
    );
    for (const update of updates) await t.database.db.execute(sql.raw(update));
    const derived = await rows<{ code: string; valueKind: string; partsKind: string | null }>(
      sql`select code, value_kind as "valueKind", parts_kind as "partsKind" from indicators where ward_id = ${t.wardId}`,
    );
    const seed = loadSeedTemplate().objectives.flatMap((o) => o.indicators);
    expect(derived.length).toBe(seed.length);
    for (const i of seed) {
      expect(
        derived.find((d) => d.code === i.code),
        i.code,
      ).toEqual({ code: i.code, valueKind: i.valueKind, partsKind: i.partsKind ?? null });
      expect(indicatorKinds({ ...i, valueKind: undefined, partsKind: undefined }), i.code).toEqual({
        valueKind: i.valueKind,
        partsKind: i.partsKind ?? null,
      });
    }
    // The migration lists the same units of whole things as the code.
    for (const unit of COUNT_UNITS) expect(migration).toContain(`'${unit}'`);
  });
});

describe("recording a count", () => {
  it("refuses a fraction with a clear Vietnamese message naming the field, and keeps what was saved", async () => {
    const straw = byCode("straw-burning-cases");
    const before = await get<IndicatorDetail>(`/api/indicators/${straw.id}`);
    const response = await record(straw.id, { period: quarter, value: 15.27 });
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as {
      error: { code: string; message: string; details: { path: string; message: string }[] };
    };
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe("Chỉ tiêu này đếm số vụ: giá trị phải là số nguyên, không có phần thập phân.");
    expect(error.details).toEqual([{ path: "value", message: error.message }]);
    expect((await get<IndicatorDetail>(`/api/indicators/${straw.id}`)).measurements).toEqual(before.measurements);

    const whole = await record(straw.id, { period: quarter, value: 3 });
    expect(whole.statusCode, whole.body).toBe(200);
    expect((whole.json() as IndicatorDetail).latest).toMatchObject({ period: quarter, value: 3 });
  });

  it("refuses fractional households in a ratio of counts, and takes tonnes with decimals", async () => {
    const water = byCode("clean-water-household-share");
    const households = await record(water.id, { period: year, numerator: 120.5, denominator: 200 });
    expect(households.statusCode).toBe(400);
    expect(households.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "numerator", message: expect.stringMatching(/phải là số nguyên/) }],
    });
    const denominator = await record(water.id, { period: year, numerator: 120, denominator: 200.25 });
    expect(denominator.json().error.details).toEqual([
      { path: "denominator", message: expect.stringMatching(/^Tổng số hộ dân \(hộ\) là số đếm/) },
    ]);
    const whole = await record(water.id, { period: year, numerator: 121, denominator: 200 });
    expect(whole.statusCode, whole.body).toBe(200);
    // The ratio of counts keeps its decimals.
    expect((whole.json() as IndicatorDetail).latest?.value).toBe(60.5);

    // A ratio of quantities (tonnes of waste) takes decimals in both parts.
    const waste = byCode("domestic-waste-collected-share");
    const tonnes = await record(waste.id, { period: quarter, numerator: 12.75, denominator: 60.5 });
    expect(tonnes.statusCode, tonnes.body).toBe(200);
  });

  it("accepts a percentage with decimals", async () => {
    const online = byCode("online-dossier-share");
    const response = await record(online.id, { period: quarter, value: 47.35 }, leader);
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as IndicatorDetail).latest).toMatchObject({ value: 47.35 });
  });

  it("refuses fractional counts in an imported sheet, row by row", async () => {
    const straw = byCode("straw-burning-cases");
    const template = await t.app.inject({
      method: "GET",
      url: `/api/indicators/${straw.id}/template.xlsx?period=2025-Q4`,
      headers: kinhte,
    });
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(JSON.stringify(workbook.worksheets.map((s) => s.getSheetValues()))).toContain(
      "Chỉ tiêu đếm số vụ: chỉ nhập số nguyên.",
    );
    for (let r = 2; r <= sheet.rowCount; r++) {
      sheet.getRow(r).getCell(5).value = 1;
      sheet.getRow(r).getCell(6).value = "Biên bản của tổ dân phố";
    }
    sheet.getRow(3).getCell(5).value = 1.5;
    sheet.getRow(6).getCell(5).value = 0.27;
    const body = multipart({}, [
      {
        field: "file",
        filename: "so-lieu.xlsx",
        bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
        type: "application/octet-stream",
      },
    ]);
    const response = await t.app.inject({
      method: "POST",
      url: `/api/indicators/${straw.id}/import`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as ImportResult;
    expect(result.saved).toBe(false);
    expect(result.errors).toEqual([
      { row: 3, column: "Giá trị (vụ)", message: expect.stringMatching(/số nguyên/) },
      { row: 6, column: "Giá trị (vụ)", message: expect.stringMatching(/số nguyên/) },
    ]);
  });
});

describe("counts stay whole", () => {
  it("demo data holds whole numbers only for counts (values, numerators, denominators)", async () => {
    const fractional = await rows<{ code: string; value: number }>(sql`
      select i.code, m.value from measurements m join indicators i on i.id = m.indicator_id
      where m.ward_id = ${t.wardId}
        and ((i.value_kind = 'count' and m.value <> round(m.value))
          or (i.parts_kind = 'count' and (m.numerator <> round(m.numerator) or m.denominator <> round(m.denominator))))`);
    expect(fractional).toEqual([]);
    const [counted] = await rows<{ n: number | string }>(sql`
      select count(*) as n from measurements m join indicators i on i.id = m.indicator_id
      where m.ward_id = ${t.wardId} and (i.value_kind = 'count' or i.parts_kind = 'count')`);
    expect(Number(counted?.n)).toBeGreaterThan(100);
    // Hectares and tonnes still have decimals: only counts were rounded.
    const [measured] = await rows<{ n: number | string }>(sql`
      select count(*) as n from measurements m join indicators i on i.id = m.indicator_id
      where m.ward_id = ${t.wardId} and i.parts_kind = 'quantity' and m.denominator <> round(m.denominator)`);
    expect(Number(measured?.n)).toBeGreaterThan(0);
  });

  it("sums a count across residential groups into a whole number, even over older fractional rows", async () => {
    const straw = byCode("straw-burning-cases");
    // A row written before counts were whole (real data is never rounded where it is stored).
    await t.database.db.execute(
      sql`update measurements set value = value + 0.4 where id = (
        select id from measurements where indicator_id = ${straw.id} and residential_group_id is not null
        order by period_end limit 1)`,
    );
    const detail = await get<IndicatorDetail>(`/api/indicators/${straw.id}`);
    expect(detail.series.length).toBeGreaterThan(1);
    for (const point of detail.series) expect(Number.isInteger(point.value), point.period).toBe(true);
    expect(detail.measurements.some((m) => !Number.isInteger(m.value))).toBe(true);
  });
});

describe("editing the kind", () => {
  const patch = (id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: "PATCH", url: `/api/indicators/${id}`, headers: leader, payload });

  it("lets a leader mark an indicator as a count or a quantity, audited", async () => {
    const solar = await get<IndicatorDetail>(`/api/indicators/${byCode("rooftop-solar-installations").id}`);
    const asQuantity = await patch(solar.id, { version: solar.version, valueKind: "quantity" });
    expect(asQuantity.statusCode, asQuantity.body).toBe(200);
    const after = asQuantity.json() as IndicatorDetail;
    expect(after.valueKind).toBe("quantity");
    const fraction = await record(solar.id, { period: year, value: 2.5 }, leader);
    expect(fraction.statusCode, fraction.body).toBe(200);
    const back = await patch(solar.id, { version: after.version, valueKind: "count" });
    expect(back.statusCode, back.body).toBe(200);
    const history = await get<{ entries: { action: string; before: object; after: object }[] }>(
      `/api/indicators/${solar.id}/history`,
    );
    expect(history.entries.filter((e) => e.action === "indicator.edit").map((e) => e.after)).toEqual(
      expect.arrayContaining([{ valueKind: "quantity" }, { valueKind: "count" }]),
    );
  });

  it("refuses a fractional target for a count, a percent kind without %, and parts without a ratio", async () => {
    const straw = await get<IndicatorDetail>(`/api/indicators/${byCode("straw-burning-cases").id}`);
    const target = await patch(straw.id, { version: straw.version, targetValue: 2.5 });
    expect(target.statusCode).toBe(400);
    expect(target.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      message: "Chỉ tiêu đếm số vụ: mục tiêu phải là số nguyên.",
      details: [{ path: "targetValue" }],
    });
    const percent = await patch(straw.id, { version: straw.version, valueKind: "percent" });
    expect(percent.json().error.details).toEqual([{ path: "valueKind", message: expect.any(String) }]);
    const parts = await patch(straw.id, { version: straw.version, partsKind: "count" });
    expect(parts.json().error.details).toEqual([{ path: "partsKind", message: expect.any(String) }]);
    const gap = await get<IndicatorDetail>(`/api/indicators/${byCode("gap-organic-area-share").id}`);
    const count = await patch(gap.id, { version: gap.version, valueKind: "count" });
    expect(count.json().error.details).toEqual([{ path: "valueKind", message: expect.any(String) }]);
    // A quantity may have a fractional target.
    const asQuantity = await patch(straw.id, { version: straw.version, valueKind: "quantity", targetValue: 2.5 });
    expect(asQuantity.statusCode, asQuantity.body).toBe(200);
  });
});
