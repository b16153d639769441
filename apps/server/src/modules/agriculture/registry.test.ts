import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  periodOf,
  type CertifiedShare,
  type Farm,
  type Frequency,
  type PublicCategoryList,
  type Plot,
} from "@phuong-xanh/shared";
import { systemActor, todayInVietnam } from "../../lib/actor.js";
import { auditLog } from "../audit/tables.js";
import { indicators, measurements } from "../indicators/tables.js";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";
import { certifiedAreas, CERTIFIED_AREA_SOURCE } from "./certified-area.js";
import { recomputeCertifiedShares } from "./registry.js";

/**
 * The farm registry: Phòng Kinh tế keeps farms, plots and certificates, and "≥ 20% of cultivated
 * area at GAP/organic" follows from them per residential group — never typed in.
 */
let t: TestApp;
let kinhte: Record<string, string>;
let groups: { code: string; name: string }[];

beforeAll(async () => {
  t = await startTestApp();
  kinhte = await t.login("kinhte");
  groups = ((await t.app.inject({ url: "/api/public/feedback/categories" })).json() as PublicCategoryList)
    .residentialGroups;
});
afterAll(async () => {
  await t.close();
});

const send = (method: "POST" | "PUT", url: string, body: unknown, headers = kinhte) =>
  t.app.inject({ method, url, headers, payload: body as object });

async function gapIndicator() {
  const [row] = await t.database.db
    .select()
    .from(indicators)
    .where(and(eq(indicators.wardId, t.wardId), eq(indicators.code, "gap-organic-area-share")));
  if (!row) throw new Error("no GAP indicator");
  return row;
}

async function figureOf(groupCode: string) {
  const indicator = await gapIndicator();
  const period = periodOf(indicator.frequency as Frequency, todayInVietnam());
  const rows = await t.database.db
    .select({
      numerator: measurements.numerator,
      denominator: measurements.denominator,
      value: measurements.value,
      source: measurements.source,
      group: sql<string>`(select code from units where units.id = ${measurements.residentialGroupId})`,
    })
    .from(measurements)
    .where(
      and(
        eq(measurements.wardId, t.wardId),
        eq(measurements.indicatorId, indicator.id),
        eq(measurements.period, period),
      ),
    );
  return rows.find((r) => r.group === groupCode);
}

describe("the farm registry and the GAP/organic share", () => {
  let farm: Farm;
  let plotA: Plot;
  let plotB: Plot;
  const groupA = () => groups[4]?.code ?? "";
  const groupB = () => groups[5]?.code ?? "";

  it("takes a farm, its plots and a VietGAP certificate, and computes the group's share at once", async () => {
    const created = await send("POST", "/api/agriculture/farms", {
      kind: "household",
      name: "Hộ Kiểm Thử Ruộng",
      representative: "Kiểm Thử Ruộng",
      phone: "0912 345 678",
      residentialGroup: groupA(),
      proxyConsent: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    farm = created.json() as Farm;
    expect(farm).toMatchObject({ plots: 0, areaHa: 0, hasAccount: false });
    expect(farm.proxyConsentAt).not.toBeNull();

    const before = await figureOf(groupA());
    const a = await send("POST", "/api/agriculture/plots", {
      farmId: farm.id,
      name: "Thửa thử 1",
      areaHa: 1.5,
      residentialGroup: groupA(),
      crop: "Lúa",
    });
    expect(a.statusCode, a.body).toBe(201);
    plotA = a.json() as Plot;
    const b = await send("POST", "/api/agriculture/plots", {
      farmId: farm.id,
      name: "Thửa thử 2",
      areaHa: 0.5,
      residentialGroup: groupA(),
      crop: "Rau màu",
      latitude: 20.94,
      longitude: 106.29,
    });
    plotB = b.json() as Plot;
    const cultivated = (before?.denominator ?? 0) + 2;
    const certifiedBefore = before?.numerator ?? 0;
    expect((await figureOf(groupA()))?.denominator).toBeCloseTo(cultivated, 4);

    const today = todayInVietnam();
    const cert = await send("POST", `/api/agriculture/plots/${plotB.id}/certifications`, {
      scheme: "vietgap",
      certificateNumber: "VG-TEST-001",
      issuer: "Trung tâm Chứng nhận thử",
      validFrom: `${Number(today.slice(0, 4)) - 1}-01-01`,
      validUntil: `${Number(today.slice(0, 4)) + 1}-12-31`,
    });
    expect(cert.statusCode, cert.body).toBe(201);
    plotB = cert.json() as Plot;
    expect(plotB.certifications[0]).toMatchObject({ scheme: "vietgap", valid: true });
    const figure = await figureOf(groupA());
    expect(figure).toMatchObject({ source: CERTIFIED_AREA_SOURCE });
    expect(figure?.numerator).toBeCloseTo(certifiedBefore + 0.5, 4);
    expect(figure?.value).toBeCloseTo(((certifiedBefore + 0.5) / cultivated) * 100, 2);

    const listed = (await t.app.inject({ url: "/api/agriculture/farms", headers: kinhte })).json() as Farm[];
    expect(listed.find((f) => f.id === farm.id)).toMatchObject({ plots: 2, areaHa: 2, certifiedAreaHa: 0.5 });
    const shares = (
      await t.app.inject({ url: "/api/agriculture/certified-shares", headers: kinhte })
    ).json() as CertifiedShare[];
    const share = shares.find((s) => s.residentialGroup.code === groupA());
    expect(share?.certifiedHa).toBeCloseTo(certifiedBefore + 0.5, 4);
  });

  it("follows a withdrawal and a plot moved to another group, in both groups", async () => {
    const [cert] = plotB.certifications;
    const withdrawn = await send("POST", `/api/agriculture/certifications/${cert?.id}/withdraw`, {
      withdrawnOn: todayInVietnam(),
      reason: "Không duy trì ghi chép",
      version: cert?.version,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((withdrawn.json() as Plot).certifications[0]).toMatchObject({ valid: false });
    const afterWithdrawal = await figureOf(groupA());
    // Withdrawn today: it no longer counts today.
    const demoCertified = (await certifiedAreas(t.database.db, t.wardId, todayInVietnam())).get(
      plotA.residentialGroup.id,
    );
    expect(afterWithdrawal?.numerator).toBeCloseTo(demoCertified?.certifiedHa ?? 0, 4);

    const beforeB = await figureOf(groupB());
    const moved = await send("PUT", `/api/agriculture/plots/${plotA.id}`, {
      farmId: farm.id,
      name: "Thửa thử 1",
      areaHa: 1.5,
      residentialGroup: groupB(),
      crop: "Lúa",
      version: plotA.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await figureOf(groupA()))?.denominator).toBeCloseTo((afterWithdrawal?.denominator ?? 0) - 1.5, 4);
    expect((await figureOf(groupB()))?.denominator).toBeCloseTo((beforeB?.denominator ?? 0) + 1.5, 4);

    // The same edit again with the old version: someone else changed it.
    const stale = await send("PUT", `/api/agriculture/plots/${plotA.id}`, {
      farmId: farm.id,
      name: "Thửa thử 1b",
      areaHa: 1.5,
      residentialGroup: groupB(),
      crop: "Lúa",
      version: plotA.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("counts a certificate within its validity only (days as the registry says)", async () => {
    const plot = (
      await send("POST", "/api/agriculture/plots", {
        farmId: farm.id,
        name: "Thửa hạn",
        areaHa: 2,
        residentialGroup: groupB(),
        crop: "Lúa",
      })
    ).json() as Plot;
    await send("POST", `/api/agriculture/plots/${plot.id}/certifications`, {
      scheme: "organic",
      certificateNumber: "HC-2025-01",
      issuer: "Tổ chức chứng nhận thử",
      validFrom: "2025-01-01",
      validUntil: "2025-06-30",
    });
    const on = (day: string) =>
      certifiedAreas(t.database.db, t.wardId, day).then((m) => m.get(plot.residentialGroup.id)?.certifiedHa ?? 0);
    expect((await on("2025-06-30")) - (await on("2025-07-01"))).toBeCloseTo(2, 4);
    expect((await on("2025-01-01")) - (await on("2024-12-31"))).toBeGreaterThanOrEqual(2 - 1e-9);
  });

  it("refuses a typed figure for the computed indicator, by form and by spreadsheet", async () => {
    const indicator = await gapIndicator();
    const office = await t.login("vanphong");
    const typed = await send(
      "POST",
      `/api/indicators/${indicator.id}/measurements`,
      {
        period: periodOf(indicator.frequency as Frequency, todayInVietnam()),
        residentialGroupId: null,
        numerator: 50,
        denominator: 100,
        source: "Báo cáo của đơn vị",
      },
      office,
    );
    expect(typed.statusCode).toBe(409);
    expect(typed.json()).toMatchObject({ error: { code: "INDICATOR_COMPUTED" } });
    const form = multipart({}, [
      { field: "file", filename: "so-lieu.csv", type: "text/csv", bytes: Buffer.from("Kỳ,Tổ\n") },
    ]);
    const imported = await t.app.inject({
      method: "POST",
      url: `/api/indicators/${indicator.id}/import`,
      payload: form.payload,
      headers: { ...office, ...form.headers },
    });
    expect(imported.statusCode).toBe(409);
  });

  it("lets only the registry's keepers in, and audits without the phone number", async () => {
    for (const user of ["vhxh", "trungtam"]) {
      const headers = await t.login(user);
      expect((await t.app.inject({ url: "/api/agriculture/farms", headers })).statusCode).toBe(403);
      expect(
        (await send("POST", "/api/agriculture/farms", { kind: "household", name: "Hộ X" }, headers)).statusCode,
      ).toBe(403);
    }
    for (const user of ["vanphong", "lanhdao", "admin"]) {
      const headers = await t.login(user);
      expect((await t.app.inject({ url: "/api/agriculture/farms", headers })).statusCode).toBe(200);
    }
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, farm.id));
    expect(rows.map((r) => r.action)).toContain("agriculture.farm.create");
    expect(JSON.stringify(rows)).not.toContain("345 678");
  });

  it("refuses bad input naming the field, and keeps what was saved", async () => {
    const cases: [unknown, string][] = [
      [{ farmId: farm.id, name: "T", areaHa: 0, residentialGroup: groupA(), crop: "Lúa" }, "body.areaHa"],
      [{ farmId: farm.id, name: "T", areaHa: 1, residentialGroup: "", crop: "Lúa" }, "body.residentialGroup"],
      [
        { farmId: farm.id, name: "T", areaHa: 1, residentialGroup: groupA(), crop: "Lúa", latitude: 20 },
        "body.latitude",
      ],
    ];
    for (const [body, field] of cases) {
      const r = await send("POST", "/api/agriculture/plots", body);
      expect(r.statusCode, r.body).toBe(400);
      expect(JSON.stringify(r.json())).toContain(field);
    }
    const unknownGroup = await send("POST", "/api/agriculture/plots", {
      farmId: farm.id,
      name: "T",
      areaHa: 1,
      residentialGroup: "khong-co",
      crop: "Lúa",
    });
    expect(unknownGroup.statusCode).toBe(400);
    const backwards = await send("POST", `/api/agriculture/plots/${plotB.id}/certifications`, {
      scheme: "vietgap",
      certificateNumber: "X",
      issuer: "Tổ chức",
      validFrom: "2026-05-01",
      validUntil: "2026-01-01",
    });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toContain("validUntil");
    const plots = (
      await t.app.inject({ url: `/api/agriculture/plots?farmId=${farm.id}`, headers: kinhte })
    ).json() as Plot[];
    expect(plots.map((p) => p.name).sort()).toEqual(["Thửa hạn", "Thửa thử 1", "Thửa thử 2"]);
  });

  it("recomputes every ward's current share at night (the job)", async () => {
    const indicator = await gapIndicator();
    await t.database.db.execute(
      sql`delete from measurements where indicator_id = ${indicator.id} and source = ${CERTIFIED_AREA_SOURCE}
          and period = ${periodOf(indicator.frequency as Frequency, todayInVietnam())}`,
    );
    expect(await figureOf(groupA())).toBeUndefined();
    const written = await recomputeCertifiedShares(t.database.db, (wardId) => systemActor(wardId));
    expect(written).toBeGreaterThanOrEqual(2);
    expect((await figureOf(groupA()))?.source).toBe(CERTIFIED_AREA_SOURCE);
  });

  it("filters the farms list: search without accents, kind, residential group, certification today", async () => {
    const list = async (query: string) => {
      const r = await t.app.inject({ url: `/api/agriculture/farms?${query}`, headers: kinhte });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Farm[];
    };
    const all = await list("");
    // "nguyen van lua" finds "Hộ Nguyễn Văn Lúa"; "đ" folds to "d".
    const found = await list("q=nguyen%20van%20lua");
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((f) => f.name))).toEqual(new Set(["Hộ Nguyễn Văn Lúa"]));
    expect((await list("q=DO%20VAN%20BUA")).map((f) => f.name)).toContain("Hộ Đỗ Văn Bừa");
    expect(await list("q=khong%20co%20ai")).toEqual([]);
    const households = await list("kind=household");
    expect(households.length).toBeGreaterThan(0);
    expect(households.every((f) => f.kind === "household")).toBe(true);
    const group = all.find((f) => f.residentialGroup)?.residentialGroup;
    if (!group) throw new Error("no farm with a group");
    const inGroup = await list(`residentialGroup=${encodeURIComponent(group.code)}`);
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((f) => f.residentialGroup?.code === group.code)).toBe(true);
    // Each farm in exactly one certification status; "valid" ones have certified area, the others none.
    const [valid, lapsed, none] = await Promise.all(
      ["valid", "lapsed", "none"].map((status) => list(`certification=${status}`)),
    );
    expect((valid?.length ?? 0) + (lapsed?.length ?? 0) + (none?.length ?? 0)).toBe(all.length);
    expect(valid?.length).toBeGreaterThan(0);
    expect(valid?.every((f) => f.certification === "valid" && f.certifiedAreaHa > 0)).toBe(true);
    expect([...(lapsed ?? []), ...(none ?? [])].every((f) => f.certifiedAreaHa === 0)).toBe(true);
    // The demo's withdrawn certificate leaves its farm "lapsed" unless another plot still counts.
    expect(lapsed?.every((f) => f.certification === "lapsed")).toBe(true);
    const combined = await list(`kind=household&certification=valid&q=ho`);
    expect(combined.every((f) => f.kind === "household" && f.certification === "valid")).toBe(true);
    expect(
      (await t.app.inject({ url: "/api/agriculture/farms?certification=maybe", headers: kinhte })).statusCode,
    ).toBe(400);
  });

  it("reads one farm, and no farm of another ward or an unknown id", async () => {
    const [first] = (await t.app.inject({ url: "/api/agriculture/farms", headers: kinhte })).json() as Farm[];
    if (!first) throw new Error("no farm");
    const one = await t.app.inject({ url: `/api/agriculture/farms/${first.id}`, headers: kinhte });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(first);
    const unknown = await t.app.inject({
      url: "/api/agriculture/farms/00000000-0000-4000-8000-000000000000",
      headers: kinhte,
    });
    expect(unknown.statusCode).toBe(404);
    const vhxh = await t.login("vhxh");
    expect((await t.app.inject({ url: `/api/agriculture/farms/${first.id}`, headers: vhxh })).statusCode).toBe(403);
  });
});
