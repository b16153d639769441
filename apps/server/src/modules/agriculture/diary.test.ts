import crypto from "node:crypto";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOf, type DiaryEntryInput, type Farm, type Frequency, type Plot, type Season } from "@phuong-xanh/shared";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { STRAW_BURNING_SOURCE } from "../feedback/indicator-counts.js";

/**
 * The production diary of a season, as an extension officer keeps it for a farm that agreed:
 * entries sent in batches (a resend after a lost answer saves nothing twice), the footprint
 * computed from the diary once it is complete and stored with its factor set, the alternatives.
 */
let t: TestApp;
let kinhte: Record<string, string>;
let plot: Plot;
let season: Season;
let groupCodes: string[];

const send = (method: "POST" | "GET" | "PATCH" | "DELETE", url: string, body?: unknown, headers = kinhte) =>
  t.app.inject({ method, url, headers, ...(body ? { payload: body as object } : {}) });
const entry = (occurredOn: string, details: DiaryEntryInput["details"]): DiaryEntryInput => ({
  clientId: crypto.randomUUID(),
  occurredOn,
  details,
});

beforeAll(async () => {
  t = await startTestApp();
  kinhte = await t.login("kinhte");
  const groups = (await send("GET", "/api/agriculture/certified-shares")).json() as {
    residentialGroup: { code: string };
  }[];
  groupCodes = groups.map((g) => g.residentialGroup.code);
  const farm = (
    await send("POST", "/api/agriculture/farms", { kind: "household", name: "Hộ Ghi Nhật Ký", proxyConsent: true })
  ).json() as Farm;
  plot = (
    await send("POST", "/api/agriculture/plots", {
      farmId: farm.id,
      name: "Thửa nhật ký",
      areaHa: 0.5,
      residentialGroup: groups[0]?.residentialGroup.code,
      crop: "Lúa",
    })
  ).json() as Plot;
});
afterAll(async () => {
  await t.close();
});

describe("the production diary", () => {
  const firstBatch = [
    entry("2026-02-01", {
      kind: "land_preparation",
      dieselLitres: 8,
      amendments: [{ type: "straw_gt_30", tonnesPerHa: 3 }],
    }),
    entry("2026-02-10", { kind: "transplanting", variety: "Bắc thơm số 7" }),
    entry("2026-02-20", {
      kind: "fertiliser",
      product: "Urê",
      amountKg: 100,
      nPercent: 46,
      type: "synthetic",
      isUrea: true,
    }),
    entry("2026-03-10", { kind: "irrigation", waterRegime: "continuously_flooded", electricityKwh: 60 }),
  ];

  it("opens a season and takes a batch, each entry once however often it is sent", async () => {
    const opened = await send("POST", `/api/agriculture/plots/${plot.id}/seasons`, {
      name: "Vụ Xuân 2026",
      crop: "Lúa",
      startedOn: "2026-01-25",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    season = opened.json() as Season;
    expect(season.missing).toEqual(["planting", "irrigation", "harvest", "residue"]);

    const first = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, { entries: firstBatch });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ saved: 4, alreadySaved: 0 });
    // The phone never heard the answer and sends the batch again, with one more entry.
    const more = entry("2026-04-01", { kind: "irrigation", waterRegime: "multiple_drainage", electricityKwh: 30 });
    const again = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, {
      entries: [...firstBatch, more],
    });
    expect(again.json()).toMatchObject({ saved: 1, alreadySaved: 4 });
    season = (again.json() as { season: Season }).season;
    expect(season.entries).toHaveLength(5);
    expect(season.entries.every((e) => e.byProxy)).toBe(true);
    expect(season.missing).toEqual(["harvest", "residue"]);
    expect(season.footprint).toBeNull();
  });

  it("computes the footprint once the diary is complete, with the factor set it used", async () => {
    const done = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, {
      entries: [
        entry("2026-05-25", { kind: "harvest", yieldKg: 3000 }),
        entry("2026-05-28", { kind: "residue", handling: "burnt", tonnesDm: 1.5 }),
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    season = (done.json() as { season: Season }).season;
    expect(season.missing).toEqual([]);
    expect(season.footprint?.factorSet).toBe("ipcc2019-vn-2023");
    // Two irrigation entries, one flooded and one AWD: the tie goes to the latest (AWD).
    // CH4 = 1.22 × 0.55 × 1 × (1 + 3 × 0.19)^0.59 × 104 days × 0.5 ha
    const ch4 = 1.22 * 0.55 * (1 + 3 * 0.19) ** 0.59 * 104 * 0.5;
    expect(season.footprint?.breakdown.riceCh4).toBeCloseTo(ch4 * 28, 1);
    // Burning 1.5 t DM × 0.8: 3.24 kg CH4 and 0.084 kg N2O.
    expect(season.footprint?.breakdown.residueBurning).toBeCloseTo(3.24 * 28 + 0.084 * 265, 2);
    expect(season.footprint?.breakdown.ureaCo2).toBeCloseTo(100 * 0.2 * (44 / 12), 3);
    expect(season.perHectare).toBeCloseTo((season.footprint?.totalKgCo2e ?? 0) / 0.5, 2);
    // The alternative without burning differs by the burning term exactly.
    const unburnt = season.alternatives.find((a) => a.practice.includes("Ủ rơm"));
    expect((season.footprint?.totalKgCo2e ?? 0) - (unburnt?.footprint.totalKgCo2e ?? 0)).toBeCloseTo(
      season.footprint?.breakdown.residueBurning ?? 0,
      2,
    );
  });

  it("keeps a stored footprint when a newer factor set is released", async () => {
    const before = season.footprint;
    await t.database.db.execute(sql`insert into factor_sets (version, name, description, released_on)
      values ('test-diary-2031', 'Thử', 'Thử nghiệm', '2031-01-01')`);
    await t.database.db.execute(sql`insert into factor_values (set_version, key, value, unit, source)
      select 'test-diary-2031', key, case when key like 'gwp.AR5.ch4' then 30 else value end, unit, source
      from factor_values where set_version = 'ipcc2019-vn-2023'`);
    t.forgetCaches();
    const now = (await send("GET", `/api/agriculture/seasons/${season.id}`)).json() as Season;
    expect(now.footprint).toEqual(before);
    // New entries recompute it, with the newer set.
    const changed = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, {
      entries: [
        entry("2026-03-20", { kind: "plant_protection", product: "Trichoderma", type: "bio", dose: 1, doseUnit: "kg" }),
      ],
    });
    expect((changed.json() as { season: Season }).season.footprint?.factorSet).toBe("test-diary-2031");
  });

  it("refuses what it cannot take, naming the field, and saves nothing of that batch", async () => {
    const count = async () =>
      ((await send("GET", `/api/agriculture/seasons/${season.id}`)).json() as Season).entries.length;
    const before = await count();
    const early = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, {
      entries: [
        entry("2026-03-01", { kind: "harvest", yieldKg: 10 }),
        entry("2026-01-01", { kind: "harvest", yieldKg: 5 }),
      ],
    });
    expect(early.statusCode).toBe(400);
    expect(JSON.stringify(early.json())).toContain("entries.1.occurredOn");
    const burnt = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, {
      entries: [{ ...entry("2026-05-29", { kind: "residue", handling: "burnt" }) }],
    });
    expect(burnt.statusCode).toBe(400);
    expect(JSON.stringify(burnt.json())).toContain("tonnesDm");
    expect(await count()).toBe(before);
  });

  it("writes for a farm only with its consent, and only for the registry's keepers", async () => {
    const noConsent = (
      await send("POST", "/api/agriculture/farms", { kind: "household", name: "Hộ Chưa Đồng Ý", proxyConsent: false })
    ).json() as Farm;
    const other = (
      await send("POST", "/api/agriculture/plots", {
        farmId: noConsent.id,
        name: "Thửa khác",
        areaHa: 0.2,
        residentialGroup: plot.residentialGroup.code,
        crop: "Lúa",
      })
    ).json() as Plot;
    const refused = await send("POST", `/api/agriculture/plots/${other.id}/seasons`, {
      name: "Vụ Xuân 2026",
      crop: "Lúa",
      startedOn: "2026-01-25",
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("chưa đồng ý");
    const vhxh = await t.login("vhxh");
    expect((await send("GET", `/api/agriculture/seasons/${season.id}`, undefined, vhxh)).statusCode).toBe(403);
    const write = await send(
      "POST",
      `/api/agriculture/seasons/${season.id}/entries`,
      { entries: [entry("2026-05-30", { kind: "residue", handling: "composted" })] },
      vhxh,
    );
    expect(write.statusCode).toBe(403);
  });
});

describe("the farm's diary as a spreadsheet", () => {
  it("exports every entry with VietGAP's columns, and the seasons' footprints, to the registry's keepers only", async () => {
    const r = await send("GET", `/api/agriculture/farms/${plot.farmId}/diary.xlsx`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers["content-type"]).toContain("spreadsheetml");
    expect(String(r.headers["content-disposition"])).toContain("nhat-ky-san-xuat");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Nhat ky");
    if (!sheet) throw new Error("no diary sheet");
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(["Ngày", "Công việc", "Thời gian cách ly (ngày)", "Sản lượng (kg)"]));
    const rows = sheet.getRows(2, sheet.rowCount - 1)?.map((row) => (row.values as unknown[]).slice(1)) ?? [];
    const live = ((await send("GET", `/api/agriculture/seasons/${season.id}`)).json() as Season).entries;
    expect(rows).toHaveLength(live.length);
    const col = (name: string) => header.indexOf(name);
    const urea = rows.find((row) => row[col("Vật tư, giống")] === "Urê");
    expect(urea?.[col("Ngày")]).toBe("20/02/2026");
    expect(urea?.[col("Loại")]).toBe("Vô cơ");
    expect(urea?.[col("Đạm N (%)")]).toBe(46);
    expect(rows.find((row) => row[col("Công việc")] === "Xử lý rơm rạ")?.[col("Rơm rạ")]).toBe("Đốt");
    expect(String(rows[0]?.[col("Người ghi")])).toContain("ghi thay");
    const summary = JSON.stringify(book.getWorksheet("Tong hop")?.getSheetValues());
    expect(summary).toContain("Vụ Xuân 2026");
    expect(summary).toContain("kg CO2e/kg sản phẩm");
    const vhxh = await t.login("vhxh");
    expect((await send("GET", `/api/agriculture/farms/${plot.farmId}/diary.xlsx`, undefined, vhxh)).statusCode).toBe(
      403,
    );
  });
});

/** The text of every page of a PDF, as a reader would extract it (lines joined by spaces). */
async function pdfText(bytes: Buffer): Promise<string[]> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await pdf.destroy();
  return pages;
}

describe("the farm's diary as a PDF", () => {
  it("prints the same diary as the spreadsheet, A4 landscape, Vietnamese letters intact, page numbers", async () => {
    const r = await send("GET", `/api/agriculture/farms/${plot.farmId}/diary.pdf`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    expect(String(r.headers["content-disposition"])).toContain(".pdf");
    const bytes = r.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfText(bytes);
    const all = pages.join(" ").replace(/\s+/g, " ");
    // The title block: the farm, and the words with their diacritics as written.
    expect(all).toContain("SỔ NHẬT KÝ SẢN XUẤT");
    expect(all).toContain("Hộ Ghi Nhật Ký");
    expect(all).toContain("Tổ dân phố");
    // A season's table: an entry's product and amount, VietGAP's columns, the footprint summary.
    expect(all).toContain("Thửa nhật ký");
    expect(all).toContain("Vụ Xuân 2026");
    expect(all).toContain("Urê");
    expect(all).toContain("100 kg");
    expect(all).toContain("Bắc thơm số 7");
    expect(all).toContain("Cách ly (ngày)");
    expect(all).toContain("Tóm tắt dấu chân carbon");
    expect(all).toContain("kg CO2e/kg sản phẩm");
    expect(pages[0]).toContain(`Trang 1/${pages.length}`);
    // As many entries as the spreadsheet has: each entry's date once in the table.
    const live = ((await send("GET", `/api/agriculture/seasons/${season.id}`)).json() as Season).entries;
    for (const e of live) expect(all).toContain(e.occurredOn.split("-").reverse().join("/"));
    // A4 landscape: 842 × 595 points.
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
    const [, , width, height] = (await pdf.getPage(1)).view;
    expect(Math.round(width ?? 0)).toBe(842);
    expect(Math.round(height ?? 0)).toBe(595);
    await pdf.destroy();
    if (process.env.DIARY_PDF_OUT) fs.writeFileSync(process.env.DIARY_PDF_OUT, bytes);
  });

  it("is the registry's keepers' only, and another ward's farm is not found", async () => {
    const vhxh = await t.login("vhxh");
    expect((await send("GET", `/api/agriculture/farms/${plot.farmId}/diary.pdf`, undefined, vhxh)).statusCode).toBe(
      403,
    );
    const ward = (await t.database.db.execute(
      sql`insert into wards (code, name, province) values ('test-diary-pdf', 'Phường Khác', 'Hải Phòng') returning id`,
    )) as unknown as { rows: { id: string }[] };
    const otherWard = ward.rows[0]?.id;
    if (!otherWard) throw new Error("no second ward");
    const farm = (await t.database.db.execute(
      sql`insert into farms (ward_id, kind, name) values (${otherWard}, 'household', 'Hộ Phường Khác') returning id`,
    )) as unknown as { rows: { id: string }[] };
    const otherFarm = farm.rows[0]?.id;
    expect((await send("GET", `/api/agriculture/farms/${otherFarm}/diary.pdf`)).statusCode).toBe(404);
    expect((await send("GET", `/api/agriculture/farms/${otherFarm}/diary.xlsx`)).statusCode).toBe(404);
    expect((await send("GET", `/api/agriculture/farms/${otherFarm}`)).statusCode).toBe(404);
  });

  it("prints a farm without seasons too", async () => {
    const farm = (
      await send("POST", "/api/agriculture/farms", { kind: "cooperative", name: "HTX Chưa Có Vụ", proxyConsent: false })
    ).json() as Farm;
    const r = await send("GET", `/api/agriculture/farms/${farm.id}/diary.pdf`);
    expect(r.statusCode).toBe(200);
    const all = (await pdfText(r.rawPayload)).join(" ");
    expect(all).toContain("HTX Chưa Có Vụ");
    expect(all).toContain("chưa có vụ nào");
  });
});

describe("straw burning written in the diary", () => {
  type Row = { period: string; value: number; source: string; note: string | null };
  let strawPlot: Plot;
  let straw: { id: string; frequency: Frequency };
  const counted = async (day: string): Promise<Row | undefined> => {
    const rows = (await t.database.db.execute(
      sql`select period, value, source, note from measurements where indicator_id = ${straw.id}
          and residential_group_id = ${strawPlot.residentialGroup.id} and period = ${periodOf(straw.frequency, day)}`,
    )) as unknown as { rows: Row[] };
    return rows.rows[0];
  };
  const openSeason = async (name: string) => {
    const r = await send("POST", `/api/agriculture/plots/${strawPlot.id}/seasons`, {
      name,
      crop: "Lúa",
      startedOn: "2026-06-01",
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as Season;
  };
  const write = async (s: Season, e: DiaryEntryInput) => {
    const r = await send("POST", `/api/agriculture/seasons/${s.id}/entries`, { entries: [e] });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { season: Season }).season;
  };

  beforeAll(async () => {
    const rows = (await t.database.db.execute(
      sql`select id, frequency from indicators where code = 'straw-burning-cases'`,
    )) as unknown as { rows: { id: string; frequency: Frequency }[] };
    straw = rows.rows[0] ?? { id: "", frequency: "quarterly" };
    expect(straw.id).not.toBe("");
    const farm = (
      await send("POST", "/api/agriculture/farms", { kind: "household", name: "Hộ Đốt Rơm", proxyConsent: true })
    ).json() as Farm;
    // A residential group of its own in this file: the first season above burnt in groups[0].
    strawPlot = (
      await send("POST", "/api/agriculture/plots", {
        farmId: farm.id,
        name: "Thửa ven đê",
        areaHa: 0.3,
        residentialGroup: groupCodes[2],
        crop: "Lúa",
      })
    ).json() as Plot;
  });

  it("counts a burnt season for its plot's group and month, and follows the entry's corrections", async () => {
    const mua = await openSeason("Vụ Mùa 2026");
    expect(await counted("2026-10-05")).toBeUndefined();
    const after = await write(mua, entry("2026-10-05", { kind: "residue", handling: "burnt", tonnesDm: 1 }));
    expect(await counted("2026-10-05")).toMatchObject({
      value: 1,
      source: STRAW_BURNING_SOURCE,
      note: "Theo tháng: 10/2026: 1 (0 phản ánh, 1 nhật ký)",
    });
    // Composted after all: the count follows, to none.
    const [burnt] = after.entries.filter((e) => e.occurredOn === "2026-10-05");
    if (!burnt) throw new Error("no burnt entry");
    const corrected = await send("PATCH", `/api/agriculture/diary/entries/${burnt.id}`, {
      occurredOn: "2026-10-05",
      details: { kind: "residue", handling: "composted" },
      version: burnt.version,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await counted("2026-10-05")).toMatchObject({ value: 0, source: STRAW_BURNING_SOURCE });
    // Burnt after all, a month later: counted in that month; a stale version is refused.
    const stale = await send("PATCH", `/api/agriculture/diary/entries/${burnt.id}`, {
      occurredOn: "2026-11-20",
      details: { kind: "residue", handling: "burnt", tonnesDm: 1 },
      version: burnt.version,
    });
    expect(stale.statusCode).toBe(409);
    const moved = await send("PATCH", `/api/agriculture/diary/entries/${burnt.id}`, {
      occurredOn: "2026-11-20",
      details: { kind: "residue", handling: "burnt", tonnesDm: 1 },
      version: burnt.version + 1,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await counted("2026-11-20")).toMatchObject({
      value: 1,
      note: "Theo tháng: 11/2026: 1 (0 phản ánh, 1 nhật ký)",
    });
    // Deleted: no burning left in that period.
    const gone = await send("DELETE", `/api/agriculture/diary/entries/${burnt.id}?version=${burnt.version + 2}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((gone.json() as Season).entries.some((e) => e.id === burnt.id)).toBe(false);
    expect(await counted("2026-11-20")).toMatchObject({ value: 0, source: STRAW_BURNING_SOURCE });
  });

  it("leaves a figure the unit entered itself as it stands", async () => {
    expect((await counted("2026-07-15"))?.source).not.toBe(STRAW_BURNING_SOURCE);
    const typed = await send("POST", `/api/indicators/${straw.id}/measurements`, {
      period: periodOf(straw.frequency, "2026-07-15"),
      residentialGroupId: strawPlot.residentialGroup.id,
      value: 4,
      source: "Báo cáo của tổ dân phố",
    });
    expect(typed.statusCode, typed.body).toBeLessThan(300);
    const he = await openSeason("Vụ Hè Thu 2026");
    await write(he, entry("2026-07-15", { kind: "residue", handling: "burnt", tonnesDm: 0.8 }));
    expect(await counted("2026-07-15")).toMatchObject({ value: 4, source: "Báo cáo của tổ dân phố" });
  });

  it("ends a season after harvest: its diary then takes no entry, correction or deletion", async () => {
    const closing = await openSeason("Vụ Đông 2026");
    const s = await write(closing, entry("2026-06-20", { kind: "harvest", yieldKg: 900 }));
    const early = await send("POST", `/api/agriculture/seasons/${s.id}/close`, {
      closedOn: "2026-06-10",
      version: s.version,
    });
    expect(early.statusCode).toBe(400);
    const closed = await send("POST", `/api/agriculture/seasons/${s.id}/close`, {
      closedOn: "2026-06-21",
      version: s.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as Season).closedOn).toBe("2026-06-21");
    const late = await send("POST", `/api/agriculture/seasons/${s.id}/entries`, {
      entries: [entry("2026-06-22", { kind: "residue", handling: "removed" })],
    });
    expect(late.statusCode).toBe(409);
    expect((late.json() as { error: { code: string } }).error.code).toBe("SEASON_CLOSED");
    const [harvest] = s.entries;
    const edit = await send("PATCH", `/api/agriculture/diary/entries/${harvest?.id}`, {
      occurredOn: "2026-06-20",
      details: { kind: "harvest", yieldKg: 950 },
      version: harvest?.version,
    });
    expect((edit.json() as { error: { code: string } }).error.code).toBe("SEASON_CLOSED");
    const del = await send("DELETE", `/api/agriculture/diary/entries/${harvest?.id}?version=${harvest?.version}`);
    expect((del.json() as { error: { code: string } }).error.code).toBe("SEASON_CLOSED");
  });
});
