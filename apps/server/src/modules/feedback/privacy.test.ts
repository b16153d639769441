import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicCategoryList } from "@phuong-xanh/shared";
import { readTable } from "../../lib/spreadsheet.js";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";
import { EXPORT_COLUMNS } from "./stats.js";

/**
 * Reporters with names, phones and emails nobody else has: after their reports are handled,
 * no public page, public API answer, Open311 answer (JSON and XML) or public export may hold any
 * of them — in any spelling the API might use (folded, digits only).
 */
let t: TestApp;
const PEOPLE = [
  { name: "Hoàng Thị Bímật", phone: "0911 222 333", email: "bimat.hoang@example.vn" },
  { name: "Vũ Văn Kínđáo", phone: "+84 988 777 666", email: "kindao.vu@example.vn" },
  { name: "Ngô Riêngtư", phone: "0355.444.111", email: "riengtu@example.vn" },
];
const needles = PEOPLE.flatMap((p) => [
  p.name,
  p.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d"),
  p.email,
  p.email.split("@")[0] ?? "",
  p.phone,
  p.phone.replace(/\D/g, ""),
  p.phone.replace(/\D/g, "").slice(-9),
]);
const codes: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const office = await t.login("vanphong");
  const categories = (await t.app.inject({ url: "/api/public/feedback/categories" })).json() as PublicCategoryList;
  const group = categories.residentialGroups[0]?.code ?? "";
  for (const [i, person] of PEOPLE.entries()) {
    const body = multipart({
      category: i === 0 ? "dot-rom-ra" : "den-chieu-sang",
      description: "Phản ánh để kiểm tra quyền riêng tư của người gửi.",
      answers: JSON.stringify(i === 0 ? { dang_chay: "co" } : { sang_ban_ngay: "khong" }),
      lat: String(20.944 + i / 1000),
      lng: String(106.287 + i / 1000),
      locationSource: "device",
      residentialGroup: group,
      name: person.name,
      phone: person.phone,
      email: person.email,
      notify: "true",
      consent: "true",
    });
    const sent = await t.app.inject({
      method: "POST",
      url: "/api/public/feedback/reports",
      headers: body.headers,
      payload: body.payload,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    codes.push(sent.json().code);
  }
  // Handled: accepted, answered, one fixed; the reporter added information to another.
  for (const [i, code] of codes.entries()) {
    const list = (await t.app.inject({ url: `/api/feedback/reports?queue=all&q=${code}`, headers: office })).json();
    const id = list.reports[0].id;
    let version = (await t.app.inject({ url: `/api/feedback/reports/${id}`, headers: office })).json().version;
    for (const action of [
      { action: "accept" },
      { action: "respond", response: "Phường đã cử cán bộ đến kiểm tra." },
      ...(i === 0 ? [{ action: "status", status: "fixed" }] : []),
    ]) {
      const r = await t.app.inject({
        method: "POST",
        url: `/api/feedback/reports/${id}/actions`,
        headers: office,
        payload: { ...action, version },
      });
      expect(r.statusCode, r.body).toBe(200);
      version = r.json().version;
    }
  }
}, 120_000);
afterAll(async () => t?.close());

function expectClean(url: string, body: string) {
  const found = needles.filter((n) => n && body.toLowerCase().includes(n.toLowerCase()));
  expect(found, `${url} carries personal data`).toEqual([]);
}

describe("reporters' personal data", () => {
  it("is kept for the staff who handle the report (the search below would find it)", async () => {
    const office = await t.login("vanphong");
    const list = (await t.app.inject({ url: `/api/feedback/reports?queue=all&q=${codes[0]}`, headers: office })).json();
    const detail = await t.app.inject({ url: `/api/feedback/reports/${list.reports[0].id}`, headers: office });
    for (const needle of [PEOPLE[0]?.name, PEOPLE[0]?.email, PEOPLE[0]?.phone]) expect(detail.body).toContain(needle);
  });

  it("is in no public answer, web or Open311, in any format", async () => {
    const urls = [
      "/api/public/feedback/categories",
      "/api/public/feedback/reports",
      "/api/public/feedback/reports?status=open",
      "/api/public/feedback/reports?status=closed",
      "/api/public/feedback/map",
      "/api/public/feedback/nearby?category=dot-rom-ra&lat=20.944&lng=106.287",
      "/api/public/plan",
      "/api/public/open-data",
      ...codes.map((c) => `/api/public/feedback/reports/${c}`),
      ...["json", "xml"].flatMap((f) => [
        `/open311/v2/discovery.${f}`,
        `/open311/v2/services.${f}`,
        `/open311/v2/requests.${f}`,
        `/open311/v2/requests.${f}?extensions=true`,
        `/open311/v2/servicerequestupdates.${f}`,
        ...codes.map((c) => `/open311/v2/requests/${c}.${f}?extensions=true`),
      ]),
    ];
    for (const url of urls) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBeLessThan(300);
      expectClean(url, r.body);
    }
    expect(codes.length).toBe(PEOPLE.length);
  });

  it("is in no public photo URL or share preview of a report page", async () => {
    for (const code of codes) {
      const page = await t.app.inject({ url: `/phan-anh/${code}` });
      expectClean(`/phan-anh/${code}`, page.body);
    }
  });

  it("is in the staff export of the inbox for neither CSV nor XLSX", async () => {
    const office = await t.login("vanphong");
    const csv = await t.app.inject({ url: "/api/feedback/export.csv?queue=all", headers: office });
    expect(csv.statusCode).toBe(200);
    expectClean("export.csv", csv.body);
    const xlsx = await t.app.inject({ url: "/api/feedback/export.xlsx?queue=all", headers: office });
    const rows = await readTable(xlsx.rawPayload, EXPORT_COLUMNS);
    expect(rows.length).toBeGreaterThanOrEqual(PEOPLE.length);
    expectClean("export.xlsx", JSON.stringify(rows.map((r) => [...r.cells.values()])));
  });
});
