import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import {
  openDataCatalogueSchema,
  openDataDatasetNames,
  openDataDictionarySchema,
  openDataFormats,
  openDataRowsSchema,
  type OpenDataDictionary,
  type OpenDataRows,
} from "@phuong-xanh/shared";
import { readTable, type Cell } from "../../lib/spreadsheet.js";
import { startTestApp, type TestApp } from "../../test/harness.js";

let t: TestApp;
let dictionary: OpenDataDictionary;

const get = (url: string) => t.app.inject({ method: "GET", url });

const rowsOf = async (dataset: string): Promise<OpenDataRows> => {
  const response = await get(`/api/public/open-data/${dataset}.json`);
  expect(response.statusCode, response.body).toBe(200);
  return openDataRowsSchema.parse(response.json());
};

const fieldsOf = (dataset: string) => dictionary.datasets.find((d) => d.name === dataset)?.fields ?? [];
const columnsOf = (dataset: string) => fieldsOf(dataset).map((f) => ({ header: f.name, key: f.name }));

/** A cell as text, the way a CSV holds it: the formats are compared on what they say. */
const asText = (cell: Cell | undefined) => (cell === null || cell === undefined ? "" : String(cell).trim());
const asTexts = (rows: Record<string, Cell>[], keys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, asText(r[k])])));

beforeAll(async () => {
  t = await startTestApp();
  const response = await get("/api/public/open-data/dictionary.json");
  expect(response.statusCode).toBe(200);
  dictionary = openDataDictionarySchema.parse(response.json());
});
afterAll(async () => t?.close());

describe("open data", () => {
  it("lists its datasets with stable URLs per format, the licence, the dictionary and the OpenAPI description", async () => {
    const response = await get("/api/public/open-data");
    expect(response.statusCode).toBe(200);
    const catalogue = openDataCatalogueSchema.parse(response.json());
    expect(catalogue.licence).toMatchObject({ id: "CC-BY-4.0", url: "https://creativecommons.org/licenses/by/4.0/" });
    expect(catalogue.publisher).toMatchObject({ code: "viet-hoa", name: "Phường Việt Hòa" });
    expect(catalogue.datasets.map((d) => d.name)).toEqual([...openDataDatasetNames]);
    for (const dataset of catalogue.datasets) {
      expect(dataset.distributions.map((d) => d.format)).toEqual([...openDataFormats]);
      for (const distribution of dataset.distributions) {
        const file = await get(distribution.url);
        expect(file.statusCode, distribution.url).toBe(200);
        expect(file.headers["content-type"]).toContain(distribution.mediaType.split(";")[0]);
        // Any site may use it: fetched from a browser elsewhere, or linked.
        expect(file.headers["access-control-allow-origin"]).toBe("*");
        expect(file.headers["cross-origin-resource-policy"]).toBe("cross-origin");
      }
    }
    expect((await get(catalogue.dictionaryUrl)).statusCode).toBe(200);
    const openApi = await get(catalogue.openApiUrl);
    expect(Object.keys(openApi.json().paths)).toEqual(
      expect.arrayContaining(["/api/public/open-data", "/api/public/open-data/measurements.{format}"]),
    );
  });

  it("dates every dataset by its data's latest change, not by the moment it is asked", async () => {
    const catalogue = openDataCatalogueSchema.parse((await get("/api/public/open-data")).json());
    const latest = async (query: ReturnType<typeof sql>) =>
      new Date(
        ((await t.database.db.execute(query)) as unknown as { rows: { at: string | Date }[] }).rows[0]?.at ?? 0,
      ).toISOString();
    const measured = await latest(sql`select max(recorded_at) as at from measurements`);
    const tasksChanged = await latest(sql`select max(updated_at) as at from tasks`);
    const indicatorsChanged = [await latest(sql`select max(updated_at) as at from indicators`), measured].sort().at(-1);
    const byName = new Map(catalogue.datasets.map((d) => [d.name, d.lastUpdated]));
    expect(byName.get("indicators")).toBe(indicatorsChanged);
    expect(byName.get("measurements")).toBe(measured);
    expect(byName.get("tasks")).toBe(tasksChanged);
    expect(catalogue.lastUpdated).toBe([indicatorsChanged, measured, tasksChanged].sort().at(-1));
    for (const dataset of openDataDatasetNames) {
      const json = await rowsOf(dataset);
      expect(json.meta.lastUpdated).toBe(byName.get(dataset));
      expect(json.meta.licence.id).toBe("CC-BY-4.0");
      expect(json.meta.source).toContain("Phường Việt Hòa");
      for (const format of openDataFormats) {
        const file = await get(`/api/public/open-data/${dataset}.${format}`);
        expect(new Date(String(file.headers["last-modified"])).getTime()).toBe(
          Math.floor(Date.parse(byName.get(dataset) ?? "") / 1000) * 1000,
        );
      }
    }
  });

  it("publishes a known demo measurement with its residential group, per group and never per person", async () => {
    const known = (
      (await t.database.db.execute(sql`
        select i.code as "indicatorCode", m.period, m.value, u.code as "groupCode", u.name as "groupName"
        from measurements m join indicators i on i.id = m.indicator_id join units u on u.id = m.residential_group_id
        where i.code = 'clean-water-household-share' order by m.period_end desc, u.code limit 1`)) as unknown as {
        rows: { indicatorCode: string; period: string; value: number; groupCode: string; groupName: string }[];
      }
    ).rows[0];
    if (!known) throw new Error("the demo has no clean-water measurement per group");
    const { rows } = await rowsOf("measurements");
    expect(rows).toContainEqual(
      expect.objectContaining({
        indicator_code: known.indicatorCode,
        period: known.period,
        residential_group_code: known.groupCode,
        residential_group_name: known.groupName,
        value: Number(known.value),
      }),
    );
    expect(rows.some((r) => r.residential_group_code === null)).toBe(true);
    expect(Object.keys(rows[0] ?? {}).join(" ")).not.toMatch(/recorded|user|author|note|email|phone/i);
    const indicators = await rowsOf("indicators");
    expect(indicators.rows.find((r) => r.code === "clean-water-household-share")).toMatchObject({
      unit_of_measure: "%",
      target_year: 2030,
      status_label: expect.any(String),
    });
    const tasks = await rowsOf("tasks");
    expect(tasks.rows.find((r) => r.code === "iii-1")).toMatchObject({
      kind: "group",
      section: "III",
      group_code: null,
    });
    expect(tasks.rows.find((r) => r.code === "iii-1-2")).toMatchObject({ group_code: "iii-1", parent_code: "iii-1" });
  });

  it("gives the same rows as CSV (UTF-8 with a BOM) as as JSON", async () => {
    for (const dataset of openDataDatasetNames) {
      const csv = await get(`/api/public/open-data/${dataset}.csv`);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(csv.headers["content-disposition"]).toBe(`attachment; filename="viet-hoa-${dataset}.csv"`);
      expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const keys = fieldsOf(dataset).map((f) => f.name);
      expect(csv.body.replace(/^\ufeff/, "").split(/\r?\n/)[0]).toBe(keys.join(","));
      const read = await readTable(csv.rawPayload, columnsOf(dataset));
      const json = await rowsOf(dataset);
      expect(read.length).toBe(json.rows.length);
      expect(read.map((r) => Object.fromEntries(keys.map((k) => [k, asText(r.cells.get(k))])))).toEqual(
        asTexts(json.rows, keys),
      );
    }
  });

  it("gives the same rows as XLSX, with a 'Thông tin' sheet naming the licence, the source and the last update", async () => {
    for (const dataset of openDataDatasetNames) {
      const xlsx = await get(`/api/public/open-data/${dataset}.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const keys = fieldsOf(dataset).map((f) => f.name);
      const read = await readTable(xlsx.rawPayload, columnsOf(dataset));
      const json = await rowsOf(dataset);
      expect(read.map((r) => Object.fromEntries(keys.map((k) => [k, asText(r.cells.get(k))])))).toEqual(
        asTexts(json.rows, keys),
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const info = workbook.getWorksheet("Thông tin");
      if (!info) throw new Error(`${dataset}.xlsx has no "Thông tin" sheet`);
      const text = info.getSheetValues().flat().join("\n");
      expect(text).toContain("CC BY 4.0");
      expect(text).toContain("https://creativecommons.org/licenses/by/4.0/");
      expect(text).toContain("Phường Việt Hòa");
      expect(text).toContain(`Cập nhật lần cuối (last updated)`);
      expect(text).toContain(json.meta.lastUpdated ?? "chưa có dữ liệu");
    }
  });

  it("has a dictionary entry, in Vietnamese and English, for every column of every file, and no entry without a column", async () => {
    for (const dataset of openDataDatasetNames) {
      const described = fieldsOf(dataset).map((f) => f.name);
      expect(described.length).toBeGreaterThan(0);
      for (const field of fieldsOf(dataset)) {
        expect(field.description.vi.length, field.name).toBeGreaterThan(5);
        expect(field.description.en.length, field.name).toBeGreaterThan(5);
      }
      // The columns each file actually has, read from the files themselves.
      const csv = await get(`/api/public/open-data/${dataset}.csv`);
      const csvColumns =
        csv.body
          .replace(/^\ufeff/, "")
          .split(/\r?\n/)[0]
          ?.split(",") ?? [];
      const json = await rowsOf(dataset);
      const jsonColumns = [...new Set(json.rows.flatMap((r) => Object.keys(r)))];
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await get(`/api/public/open-data/${dataset}.xlsx`)).rawPayload as unknown as ArrayBuffer,
      );
      const xlsxColumns = (workbook.worksheets[0]?.getRow(1).values as unknown[]).filter((v) => v !== undefined);
      for (const columns of [csvColumns, jsonColumns, xlsxColumns])
        expect([...columns].sort()).toEqual([...described].sort());
    }
    expect(dictionary.formats.map((f) => f.format)).toEqual([...openDataFormats]);
    expect(dictionary.formats.find((f) => f.format === "csv")?.notes.vi).toContain("Last-Modified");
  });

  it("writes status labels in the requested language", async () => {
    const en = openDataRowsSchema.parse((await get("/api/public/open-data/tasks.json?lang=en")).json());
    const labels = new Set(en.rows.map((r) => r.timeliness_label));
    expect(
      [...labels].every((l) => ["Overdue", "Due soon", "Update due", "On time", "Closed"].includes(String(l))),
    ).toBe(true);
  });

  it("answers 404 for an unknown ward and 400 for an unknown format", async () => {
    const unknown = await get("/api/public/open-data/tasks.csv?ward=khong-co");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("NOT_FOUND");
    expect((await get("/api/public/open-data/tasks.pdf")).statusCode).toBe(400);
    expect((await get("/api/public/open-data/tasks.csv?ward=KHONG CO")).statusCode).toBe(400);
  });
});
