import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CertificateApplication,
  DiaryEntryInput,
  Farm,
  GreenCertificate,
  GreenCriteria,
  Plot,
  SaveGreenCriteria,
  Season,
} from "@phuong-xanh/shared";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { evaluateCriteria, validUntilOf, type CriteriaSet, type SeasonFacts } from "./criteria.js";

/**
 * Green-product certificates: the criteria checked one by one against a season's diary, the
 * registry and the stored footprint; a certificate issued only when all pass, numbered in turn;
 * the public verification page (valid, revoked, expired) with no personal data.
 */

describe("evaluateCriteria: each criterion fails alone", () => {
  const all: CriteriaSet = {
    requireCompleteDiary: true,
    requireNoBurning: true,
    requireCertifiedPlot: true,
    maxKgCo2ePerKg: 1.2,
    minPercentBelowBaseline: 20,
    baselineKgCo2ePerKg: 1.5,
    version: 3,
  };
  const good: SeasonFacts = {
    missingSteps: [],
    burntOn: [],
    harvestedOn: "2026-05-28",
    certificationOnHarvest: "VG-2026-001",
    kgCo2ePerKg: 1.1,
    factorSet: "2026.1",
  };
  const failed = (facts: Partial<SeasonFacts>, criteria: Partial<CriteriaSet> = {}) =>
    evaluateCriteria({ ...all, ...criteria }, { ...good, ...facts }, "2026-06-01")
      .results.filter((r) => !r.passed)
      .map((r) => r.key);

  it("passes a season that meets every criterion", () => {
    const check = evaluateCriteria(all, good, "2026-06-01");
    expect(check.allPassed).toBe(true);
    expect(check.results.map((r) => r.key)).toEqual([
      "complete_diary",
      "no_burning",
      "certified_plot",
      "footprint_threshold",
      "footprint_baseline",
    ]);
    expect(check.criteriaVersion).toBe(3);
  });
  it("fails only the criterion whose fact is wrong", () => {
    expect(failed({ missingSteps: ["residue"] })).toEqual(["complete_diary"]);
    expect(failed({ burntOn: ["2026-06-01"] })).toEqual(["no_burning"]);
    expect(failed({ certificationOnHarvest: null })).toEqual(["certified_plot"]);
    // 1.19 is under the threshold 1.2 and 20.7% under the baseline 1.5.
    expect(failed({ kgCo2ePerKg: 1.19 }, { maxKgCo2ePerKg: 1.1 })).toEqual(["footprint_threshold"]);
    expect(failed({ kgCo2ePerKg: 1.21 }, { maxKgCo2ePerKg: 1.3 })).toEqual(["footprint_baseline"]);
    expect(failed({ kgCo2ePerKg: null })).toEqual(["footprint_threshold", "footprint_baseline"]);
  });
  it("checks only what the ward requires", () => {
    const check = evaluateCriteria(
      { ...all, requireCertifiedPlot: false, minPercentBelowBaseline: null },
      { ...good, certificationOnHarvest: null },
      "2026-06-01",
    );
    expect(check.results.map((r) => r.key)).toEqual(["complete_diary", "no_burning", "footprint_threshold"]);
    expect(check.allPassed).toBe(true);
  });
  it("runs a certificate to the day before the same date months later", () => {
    expect(validUntilOf("2026-03-15", 12)).toBe("2027-03-14");
    expect(validUntilOf("2026-01-31", 1)).toBe("2026-02-27");
    expect(validUntilOf("2026-12-02", 24)).toBe("2028-12-01");
  });
});

let t: TestApp;
let kinhte: Record<string, string>;
let vhxh: Record<string, string>;
let farm: Farm;
let certifiedPlot: Plot;
let bareplot: Plot;

const send = (method: "POST" | "GET" | "PUT", url: string, body?: unknown, headers = kinhte) =>
  t.app.inject({ method, url, headers, ...(body ? { payload: body as object } : {}) });
const entry = (occurredOn: string, details: DiaryEntryInput["details"]): DiaryEntryInput => ({
  clientId: crypto.randomUUID(),
  occurredOn,
  details,
});

/** A season with its diary: complete unless told, straw ploughed in unless burnt. */
async function seasonOn(plot: Plot, options: { burnt?: boolean; noResidue?: boolean } = {}): Promise<Season> {
  const opened = await send("POST", `/api/agriculture/plots/${plot.id}/seasons`, {
    name: "Vụ Xuân 2026",
    crop: "Lúa",
    startedOn: "2026-01-20",
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const season = opened.json() as Season;
  const entries = [
    entry("2026-02-05", { kind: "transplanting" }),
    entry("2026-03-10", { kind: "irrigation", waterRegime: "multiple_drainage" }),
    entry("2026-05-28", { kind: "harvest", yieldKg: 3000 }),
  ];
  if (!options.noResidue)
    entries.push(
      entry(
        "2026-06-02",
        options.burnt
          ? { kind: "residue", handling: "burnt", tonnesDm: 2 }
          : { kind: "residue", handling: "incorporated" },
      ),
    );
  const synced = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, { entries });
  expect(synced.statusCode, synced.body).toBe(200);
  return (synced.json() as { season: Season }).season;
}

async function apply(season: Season, productName = "Gạo sạch thử nghiệm"): Promise<CertificateApplication> {
  const response = await send("POST", "/api/certificates/applications", { seasonId: season.id, productName });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CertificateApplication;
}

const criteria: SaveGreenCriteria = {
  requireCompleteDiary: true,
  requireNoBurning: true,
  requireCertifiedPlot: true,
  // Loose enough that burning straw alone does not break it: each case fails one thing.
  maxKgCo2ePerKg: 5,
  minPercentBelowBaseline: null,
  baselineKgCo2ePerKg: null,
  validityMonths: 24,
};

beforeAll(async () => {
  t = await startTestApp();
  kinhte = await t.login("kinhte");
  vhxh = await t.login("vhxh");
  const groups = (await send("GET", "/api/agriculture/certified-shares")).json() as {
    residentialGroup: { code: string };
  }[];
  farm = (
    await send("POST", "/api/agriculture/farms", {
      kind: "household",
      name: "Hộ Lúa Xanh",
      representative: "Nguyễn Văn Riêng Tư",
      phone: "0912 345 678",
      address: "Số 9 ngõ Kín",
      proxyConsent: true,
    })
  ).json() as Farm;
  const plot = (name: string) =>
    send("POST", "/api/agriculture/plots", {
      farmId: farm.id,
      name,
      areaHa: 0.5,
      residentialGroup: groups[0]?.residentialGroup.code,
      crop: "Lúa",
    }).then((r) => r.json() as Plot);
  certifiedPlot = await plot("Thửa có VietGAP");
  bareplot = await plot("Thửa chưa chứng nhận");
  const certified = await send("POST", `/api/agriculture/plots/${certifiedPlot.id}/certifications`, {
    scheme: "vietgap",
    certificateNumber: "VG-THU-01",
    issuer: "Tổ chức chứng nhận thử",
    validFrom: "2026-01-01",
    validUntil: "2027-12-31",
  });
  expect(certified.statusCode, certified.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe("the demo ward's green products", () => {
  it("has criteria, one certificate in force, one revoked, applications waiting and OCOP products", async () => {
    const current = (await send("GET", "/api/certificates/criteria")).json() as GreenCriteria;
    expect(current).toMatchObject({ requireNoBurning: true, minPercentBelowBaseline: 20, validityMonths: 24 });
    const certificates = (await send("GET", "/api/certificates/certificates")).json() as GreenCertificate[];
    expect(certificates.map((c) => [c.number, c.state])).toEqual([
      ["CNX-2026-0002", "revoked"],
      ["CNX-2026-0001", "valid"],
    ]);
    const applications = (await send("GET", "/api/certificates/applications")).json() as CertificateApplication[];
    const waiting = applications.filter((a) => a.status === "submitted");
    expect(waiting.map((a) => a.check?.allPassed).sort()).toEqual([false, true]);
    const ocop = (await send("GET", "/api/certificates/ocop-products")).json() as { stars: number }[];
    expect(ocop.map((o) => o.stars).sort()).toEqual([3, 4]);
  });
});

describe("review and issue", () => {
  const issued: GreenCertificate[] = [];

  it("sets the criteria in versions, refusing a stale edit", async () => {
    const before = (await send("GET", "/api/certificates/criteria")).json() as GreenCriteria;
    const saved = await send("PUT", "/api/certificates/criteria", { ...criteria, version: before.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      maxKgCo2ePerKg: 5,
      minPercentBelowBaseline: null,
      version: before.version + 1,
    });
    const stale = await send("PUT", "/api/certificates/criteria", { ...criteria, version: before.version });
    expect(stale.statusCode).toBe(409);
  });

  it("shows each criterion failing alone for a season, and refuses to issue", async () => {
    const cases: [string, Promise<Season>, string[]][] = [
      ["burnt", seasonOn(certifiedPlot, { burnt: true }), ["no_burning"]],
      ["uncertified", seasonOn(bareplot), ["certified_plot"]],
      // No straw entry: the diary is incomplete, and no footprint can be computed from it.
      ["incomplete", seasonOn(certifiedPlot, { noResidue: true }), ["complete_diary", "footprint_threshold"]],
    ];
    for (const [name, made, expected] of cases) {
      const application = await apply(await made, `Gạo ${name}`);
      expect(
        application.check?.results.filter((r) => !r.passed).map((r) => r.key),
        name,
      ).toEqual(expected);
      const refused = await send("POST", `/api/certificates/applications/${application.id}/approve`, {
        version: application.version,
      });
      expect(refused.statusCode, name).toBe(409);
      expect(refused.json().error.code).toBe("CERTIFICATE_CRITERIA_NOT_MET");
      expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(expected);
    }
    // The footprint alone: a threshold below the season's.
    const season = await seasonOn(certifiedPlot);
    const perKg = season.footprint?.kgCo2ePerKgProduct ?? 0;
    expect(perKg).toBeGreaterThan(0);
    const current = (await send("GET", "/api/certificates/criteria")).json() as GreenCriteria;
    await send("PUT", "/api/certificates/criteria", {
      ...criteria,
      maxKgCo2ePerKg: Math.round(perKg * 0.9 * 1000) / 1000,
      version: current.version,
    });
    const application = await apply(season, "Gạo vượt ngưỡng");
    expect(application.check?.results.filter((r) => !r.passed).map((r) => r.key)).toEqual(["footprint_threshold"]);
    const rejected = await send("POST", `/api/certificates/applications/${application.id}/reject`, {
      version: application.version,
      note: "Dấu chân carbon vượt ngưỡng của phường",
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: "rejected", note: "Dấu chân carbon vượt ngưỡng của phường" });
    expect((rejected.json() as CertificateApplication).check?.allPassed).toBe(false);
    const restored = (await send("GET", "/api/certificates/criteria")).json() as GreenCriteria;
    await send("PUT", "/api/certificates/criteria", { ...criteria, version: restored.version });
  });

  it("issues certificates numbered in turn, the check stored as it stood", async () => {
    for (const name of ["Gạo Lúa Xanh vụ Xuân", "Gạo Lúa Xanh hạt dài"]) {
      const application = await apply(await seasonOn(certifiedPlot), name);
      expect(application.check?.allPassed).toBe(true);
      const approved = await send("POST", `/api/certificates/applications/${application.id}/approve`, {
        version: application.version,
        note: "Đạt",
      });
      expect(approved.statusCode, approved.body).toBe(200);
      const done = approved.json() as CertificateApplication;
      expect(done).toMatchObject({ status: "approved", reviewedBy: expect.any(String) });
      expect(done.check?.allPassed).toBe(true);
      const list = (await send("GET", "/api/certificates/certificates")).json() as GreenCertificate[];
      const certificate = list.find((c) => c.number === done.certificateNumber);
      if (!certificate) throw new Error("no certificate issued");
      issued.push(certificate);
      // Approving again is refused: one certificate per application.
      const again = await send("POST", `/api/certificates/applications/${application.id}/approve`, {
        version: done.version,
      });
      expect(again.statusCode).toBe(409);
    }
    const year = new Date().getFullYear();
    const [first, second] = issued.map((c) => c.number);
    expect(first).toMatch(new RegExp(`^CNX-(${year}|${year + 1})-\\d{4}$`));
    expect(Number(second?.slice(-4))).toBe(Number(first?.slice(-4)) + 1);
    expect(issued[0]).toMatchObject({ state: "valid", farmName: "Hộ Lúa Xanh", productName: "Gạo Lúa Xanh vụ Xuân" });
    expect(issued[0]?.kgCo2ePerKg).toBeGreaterThan(0);
    expect(issued[0]?.factorSet).toBeTruthy();
  });

  it("verifies publicly by the QR code's address: valid, then revoked, and expired by date", async () => {
    const certificate = issued[0];
    if (!certificate) throw new Error("no certificate");
    const qr = await t.app.inject({ url: `/api/public/certificates/${certificate.number}/qr.svg` });
    expect(qr.statusCode, qr.body).toBe(200);
    expect(qr.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    const target = qr.headers["x-certificate-url"] as string;
    expect(target).toMatch(new RegExp(`/chung-nhan/${certificate.number}\\?ward=viet-hoa$`));
    expect(qr.body).toContain(`data-url="${target.replace(/&/g, "&amp;")}"`);
    const url = new URL(target);
    const apiUrl = `/api/public/certificates/${url.pathname.split("/").at(-1)}${url.search}`;

    const valid = await t.app.inject({ url: apiUrl });
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json()).toMatchObject({
      number: certificate.number,
      state: "valid",
      producer: "Hộ Lúa Xanh",
      productName: "Gạo Lúa Xanh vụ Xuân",
      seasonName: "Vụ Xuân 2026",
      revokedOn: null,
      ward: { code: "viet-hoa" },
    });
    // No person: not the representative, the phone or the address.
    expect(Object.keys(valid.json()).sort()).toEqual(
      [
        "number",
        "state",
        "productName",
        "producer",
        "seasonName",
        "crop",
        "kgCo2ePerKg",
        "factorSet",
        "issuedOn",
        "validUntil",
        "revokedOn",
        "revokedReason",
        "ward",
      ].sort(),
    );
    for (const personal of ["Riêng Tư", "0912", "345 678", "ngõ Kín"]) expect(valid.body).not.toContain(personal);

    const revoked = await send("POST", `/api/certificates/certificates/${certificate.id}/revoke`, {
      reason: "Phát hiện đốt rơm rạ",
      version: certificate.version,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ state: "revoked", revokedReason: "Phát hiện đốt rơm rạ" });
    const again = await send("POST", `/api/certificates/certificates/${certificate.id}/revoke`, {
      reason: "Lần nữa",
      version: (revoked.json() as GreenCertificate).version,
    });
    expect(again.statusCode).toBe(409);
    const after = (await t.app.inject({ url: apiUrl })).json();
    expect(after).toMatchObject({
      state: "revoked",
      revokedReason: "Phát hiện đốt rơm rạ",
      revokedOn: expect.any(String),
    });

    const other = issued[1];
    if (!other) throw new Error("no second certificate");
    expect((await t.app.inject({ url: `/api/public/certificates/${other.number}` })).json().state).toBe("valid");
    await t.database.db.execute(
      sql`update green_certificates set valid_until = issued_on where number = ${other.number} and ward_id = ${t.wardId}`,
    );
    await t.database.db.execute(
      sql`update green_certificates set issued_on = issued_on - 400, valid_until = issued_on - 35 where number = ${other.number} and ward_id = ${t.wardId}`,
    );
    expect((await t.app.inject({ url: `/api/public/certificates/${other.number}` })).json().state).toBe("expired");

    expect((await t.app.inject({ url: "/api/public/certificates/CNX-2026-9999" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/public/certificates/${other.number}?ward=khong-co` })).statusCode).toBe(
      404,
    );
  });
});

describe("input and access", () => {
  it("refuses bad input with the field named", async () => {
    const cases: [string, string, unknown, string][] = [
      ["PUT", "/api/certificates/criteria", { ...criteria, validityMonths: 0 }, "body.validityMonths"],
      ["PUT", "/api/certificates/criteria", { ...criteria, maxKgCo2ePerKg: null }, "body.maxKgCo2ePerKg"],
      [
        "PUT",
        "/api/certificates/criteria",
        { ...criteria, minPercentBelowBaseline: 10, baselineKgCo2ePerKg: null },
        "body.baselineKgCo2ePerKg",
      ],
      [
        "POST",
        "/api/certificates/applications",
        { seasonId: crypto.randomUUID(), productName: "" },
        "body.productName",
      ],
      ["POST", "/api/certificates/applications", { seasonId: "không", productName: "Gạo" }, "body.seasonId"],
      [
        "POST",
        "/api/certificates/ocop-products",
        { farmId: crypto.randomUUID(), productName: "Mật ong", stars: 6, year: 2026, decisionNumber: "1/QĐ" },
        "body.stars",
      ],
    ];
    for (const [method, url, body, path] of cases) {
      const response = await send(method as "PUT" | "POST", url, body);
      expect(response.statusCode, `${url} ${path}`).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const badNumber = await t.app.inject({ url: "/api/public/certificates/ABC-1" });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().error.details[0].path).toBe("params.number");
  });

  it("records OCOP products with their stars, for the ward's farms only", async () => {
    const created = await send("POST", "/api/certificates/ocop-products", {
      farmId: farm.id,
      productName: "Gạo Lúa Xanh",
      stars: 5,
      year: 2026,
      decisionNumber: "99/QĐ-UBND",
    });
    expect(created.statusCode, created.body).toBe(201);
    const edited = await send("PUT", `/api/certificates/ocop-products/${created.json().id}`, {
      farmId: farm.id,
      productName: "Gạo Lúa Xanh",
      stars: 4,
      year: 2026,
      decisionNumber: "99/QĐ-UBND",
      version: created.json().version,
    });
    expect(edited.json()).toMatchObject({ stars: 4, farmName: "Hộ Lúa Xanh", version: 2 });
    const foreign = await send("POST", "/api/certificates/ocop-products", {
      farmId: crypto.randomUUID(),
      productName: "Gạo lạ",
      stars: 3,
      year: 2026,
      decisionNumber: "1/QĐ",
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe("farmId");
  });

  it("is Phòng Kinh tế's: another unit is refused (403), anonymous must sign in (401)", async () => {
    for (const [method, url, body] of [
      ["GET", "/api/certificates/applications", undefined],
      ["GET", "/api/certificates/certificates", undefined],
      ["PUT", "/api/certificates/criteria", criteria],
      [
        "POST",
        "/api/certificates/ocop-products",
        { farmId: farm.id, productName: "X y", stars: 3, year: 2026, decisionNumber: "1" },
      ],
    ] as const) {
      const refused = await send(method, url, body, vhxh);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().error.code).toBe("FORBIDDEN");
      const anonymous = await send(method, url, body, {});
      expect(anonymous.statusCode).toBe(401);
    }
  });
});
