import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormatsPlugin from "ajv-formats";
import { and, eq, sql } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blurCoordinate, saveCategorySchema, type PublicReport, type ReportAction } from "@phuong-xanh/shared";
import { systemActor, type Actor } from "../../../lib/actor.js";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../../test/harness.js";
import { actOnReport } from "../handling.js";
import { loadRefs, reportByCode } from "../service.js";
import { apiKeyOwner, insertApiKey, insertCategory, revokeApiKey } from "../settings.js";
import { feedbackContacts, feedbackUpdates } from "../tables.js";

/**
 * Open311 GeoReport v2 (/open311/v2/): every endpoint in JSON and XML, the JSON checked against
 * the GeoReport v2 JSON Schemas (schemas/), the XML parsed back and compared with the JSON;
 * errors as the spec's list; every filter of GET requests; the updates extension; the web page
 * and Open311 seeing the same reports; and no answer ever naming a reporter.
 */

const KEY = "demo-open311-key";
const OTHER_KEY = "other-ward-open311-key";
const REVOKED_KEY = "revoked-open311-key";
/** The test's own category: a required multivaluelist, a singlevaluelist, a number. */
const CODE = "o311-thu-nghiem";
const INACTIVE = "o311-ngung";
const OTHER_WARD = "phuong-thu-open311";

/** What reporters left, which no Open311 answer may ever carry. */
const SECRETS = [
  "Riêng Tư",
  "0912 345 678",
  "0912345678",
  "rieng.tu@example.vn",
  "acct-secret-42",
  "device-secret-xyz-123",
  "Bí Mật",
  "0987 654 321",
  "0987654321",
  "bi.mat@example.vn",
];

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "schemas");
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its default export is the plugin itself at run time.
const addFormats = addFormatsPlugin as unknown as (a: Ajv) => Ajv;
addFormats(ajv);
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith(".json")))
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8")) as object);

function expectSchema(schema: string, data: unknown): void {
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`no schema ${schema}`);
  const ok = validate(data);
  expect(ok, `${schema}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(data).slice(0, 400)}`).toBe(true);
}

/** The elements that repeat in the spec's XML (one per item of a list). */
const ITEMS: Record<string, string> = {
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  notes: "note",
  photos: "photo",
};
const REPEATED = new Set([...Object.values(ITEMS), "service", "request", "request_update", "error"]);
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => REPEATED.has(name) });

/** The JSON answer as its XML must read once parsed: lists under their item element, all text. */
function xmlValue(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    const item = ITEMS[name] ?? "item";
    return value.length ? { [item]: value.map((v) => xmlValue(v, item)) } : "";
  }
  if (typeof value === "object")
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, xmlValue(v, k)]));
  return String(value);
}
function asXml(data: unknown, root: string, item?: string): unknown {
  if (item && Array.isArray(data)) return { [root]: data.length ? { [item]: data.map((d) => xmlValue(d, item)) } : "" };
  return { [root]: xmlValue(data, root) };
}

let t: TestApp;
let admin: Actor;
/** Every answer of a GET, to search for reporters' data at the end. */
const answers: string[] = [];

const inject = async (options: InjectOptions) => {
  const response = await t.app.inject(options);
  if ((options.method ?? "GET") === "GET") answers.push(response.body);
  return response;
};

const get = (url: string) => inject({ method: "GET", url });

function expectJson(response: LightMyRequestResponse, status = 200) {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  return response.json() as unknown;
}
function expectXml(response: LightMyRequestResponse, status = 200) {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
  expect(response.headers["content-type"]).toBe("text/xml; charset=utf-8");
  expect(response.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  return parser.parse(response.body) as unknown;
}

/**
 * A resource in both formats: the JSON valid against its schema, the XML the same data under
 * the spec's element names. `resource` is the path under /open311/v2/ without the extension.
 */
async function both<T>(resource: string, query: string, schema: string, root: string, item?: string): Promise<T> {
  const json = expectJson(await get(`/open311/v2/${resource}.json${query}`));
  const xml = expectXml(await get(`/open311/v2/${resource}.xml${query}`));
  expectSchema(schema, json);
  expect(xml).toEqual(asXml(json, root, item));
  return json as T;
}

/** An error in both formats: the status, and a list of {code, description} naming `field`. */
async function bothErrors(
  send: (format: "json" | "xml") => Promise<LightMyRequestResponse>,
  status: number,
  field: string | RegExp,
): Promise<void> {
  const json = expectJson(await send("json"), status) as { code: number; description: string }[];
  expectSchema("errors.json", json);
  expect(json[0]?.code).toBe(status);
  expect(json.map((e) => e.description).join(" | ")).toMatch(field);
  const xml = expectXml(await send("xml"), status);
  expect(xml).toEqual(asXml(json, "errors", "error"));
}

const encode = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params.toString();
};
const post = (resource: string, fields: Record<string, string | string[]>, format: "json" | "xml" = "json") =>
  inject({
    method: "POST",
    url: `/open311/v2/${resource}.${format}`,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    payload: encode(fields),
  });

const LAT = 20.861234;
const LONG = 106.683456;
const reportFields = (extra: Record<string, string | string[]> = {}) => ({
  api_key: KEY,
  service_code: CODE,
  lat: String(LAT),
  long: String(LONG),
  description: "Rác và nước thải ở đầu ngõ 12, bốc mùi nhiều ngày.",
  "attribute[loai][]": ["a", "b"],
  ...extra,
});

type Created = { service_request_id: string; token: string; service_notice: string; account_id: null };
async function create(extra: Record<string, string | string[]> = {}): Promise<Created> {
  const r = await post("requests", reportFields(extra));
  const body = expectJson(r) as Created[];
  expectSchema("post-requests-response.json", body);
  const [first] = body;
  if (!first) throw new Error("no request created");
  return first;
}

type Request = {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  service_name: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  extended_attributes?: { status: string; photos: string[]; approximate_location: boolean; channel: string };
  notes?: { datetime: string; description: string; type: string }[];
};
type Update = {
  update_id: string;
  service_request_id: string;
  status: string;
  extended_status: string;
  updated_datetime: string;
  description: string;
  media_url: string;
};

const requests = (query: string) => both<Request[]>("requests", query, "requests.json", "service_requests", "request");
const codesOf = (list: { service_request_id: string }[]) => list.map((r) => r.service_request_id);

async function act(code: string, action: Omit<ReportAction, "version"> & Record<string, unknown>) {
  const report = await reportByCode(t.database.db, code);
  if (!report) throw new Error(`no report ${code}`);
  return actOnReport(t.database.db, admin, report.id, { ...action, version: report.version } as ReportAction);
}

async function backdate(code: string, days: number) {
  await t.database.db.execute(
    sql`update feedback_reports set created_at = now() - make_interval(days => ${days}) where code = ${code}`,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  admin = systemActor(t.wardId, "Kiểm thử Open311");
  const db = t.database.db;
  const refs = await loadRefs(db, t.wardId);
  const unit = refs.unitsByCode.get("kinh-te") ?? [...refs.units.values()].find((u) => u.kind !== "residential_group");
  if (!unit) throw new Error("no unit");
  const category = (code: string, active: boolean) =>
    saveCategorySchema.parse({
      code,
      name: active ? "Vấn đề thử nghiệm Open311" : "Loại đã ngừng nhận",
      description: "Loại phản ánh dùng để kiểm thử Open311.",
      group: "Kiểm thử",
      keywords: "thử nghiệm, open311",
      questions: [
        {
          code: "loai",
          label: "Loại vấn đề",
          datatype: "multivaluelist",
          required: true,
          values: [
            { key: "a", name: "Loại A" },
            { key: "b", name: "Loại B" },
            { key: "c", name: "Loại C" },
          ],
        },
        {
          code: "muc_do",
          label: "Mức độ",
          datatype: "singlevaluelist",
          required: false,
          hint: "Chọn một mức",
          values: [
            { key: "nhe", name: "Nhẹ" },
            { key: "nang", name: "Nặng" },
          ],
        },
        { code: "so_luong", label: "Số lượng", datatype: "number", required: false, hint: "Ước lượng" },
      ],
      slaDays: 5,
      unitId: unit.id,
      active,
    });
  await db.transaction(async (tx) => {
    await insertCategory(tx, admin, category(CODE, true), 90);
    await insertCategory(tx, admin, category(INACTIVE, false), 91);
    // The demo seeds its key (feedback/demo.ts); a bare ward gets one here.
    if (!(await apiKeyOwner(tx, KEY))) await insertApiKey(tx, admin, "Ứng dụng thử", KEY);
    const revoked = await insertApiKey(tx, admin, "Khóa đã thu hồi", REVOKED_KEY);
    await revokeApiKey(tx, admin, revoked.id);
  });
  // A second ward, with its own key and no categories.
  const result = (await db.execute(
    sql`insert into wards (code, name, province) values (${OTHER_WARD}, 'Phường Thử', 'Hải Phòng') returning id`,
  )) as unknown as { rows: { id: string }[] };
  const otherWardId = result.rows[0]?.id;
  if (!otherWardId) throw new Error("no second ward");
  await insertApiKey(db, systemActor(otherWardId), "Ứng dụng phường khác", OTHER_KEY);
}, 180_000);
afterAll(async () => t?.close());

describe("discovery and services", () => {
  it("publishes the discovery file in both formats", async () => {
    const d = await both<{ endpoints: { url: string; formats: string[]; type: string; specification: string }[] }>(
      "discovery",
      "",
      "discovery.json",
      "discovery",
    );
    expect(d.endpoints[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: "http://localhost:80/open311/v2",
      type: "production",
      formats: ["text/xml", "application/json"],
    });
  });

  it("lists the ward's active categories as services, in both formats", async () => {
    const services = await both<
      { service_code: string; metadata: boolean; keywords: string; group: string; type: string }[]
    >("services", "", "services.json", "services", "service");
    const mine = services.find((s) => s.service_code === CODE);
    expect(mine).toMatchObject({
      metadata: true,
      type: "realtime",
      keywords: "thử nghiệm, open311",
      group: "Kiểm thử",
    });
    expect(services.map((s) => s.service_code)).not.toContain(INACTIVE);
    // The demo's categories are there too (the contract's codes).
    expect(services.map((s) => s.service_code)).toContain("dot-rom-ra");
    // An empty parameter is absent; the ward's code names it; another ward has its own (none).
    const ward = (await t.database.db.execute(sql`select code from wards where id = ${t.wardId}`)) as unknown as {
      rows: { code: string }[];
    };
    expect(await both("services", "?jurisdiction_id=", "services.json", "services", "service")).toEqual(services);
    expect(
      await both("services", `?jurisdiction_id=${ward.rows[0]?.code}`, "services.json", "services", "service"),
    ).toEqual(services);
    expect(await both("services", `?jurisdiction_id=${OTHER_WARD}`, "services.json", "services", "service")).toEqual(
      [],
    );
    await bothErrors(
      (f) => get(`/open311/v2/services.${f}?jurisdiction_id=khong-co-phuong-nay`),
      404,
      /jurisdiction_id/,
    );
  });

  it("defines a service's attributes from its questions", async () => {
    const definition = await both<{ service_code: string; attributes: Record<string, unknown>[] }>(
      `services/${CODE}`,
      "",
      "service-definition.json",
      "service_definition",
    );
    expect(definition.service_code).toBe(CODE);
    expect(definition.attributes).toEqual([
      {
        variable: true,
        code: "loai",
        datatype: "multivaluelist",
        required: true,
        datatype_description: null,
        order: 1,
        description: "Loại vấn đề",
        values: [
          { key: "a", name: "Loại A" },
          { key: "b", name: "Loại B" },
          { key: "c", name: "Loại C" },
        ],
      },
      {
        variable: true,
        code: "muc_do",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: "Chọn một mức",
        order: 2,
        description: "Mức độ",
        values: [
          { key: "nhe", name: "Nhẹ" },
          { key: "nang", name: "Nặng" },
        ],
      },
      {
        variable: true,
        code: "so_luong",
        datatype: "number",
        required: false,
        datatype_description: "Ước lượng",
        order: 3,
        description: "Số lượng",
        values: [],
      },
    ]);
    // The demo's straw-burning question, as the contract names it.
    const straw = await both<{ attributes: { code: string; values: { key: string }[] }[] }>(
      "services/dot-rom-ra",
      "",
      "service-definition.json",
      "service_definition",
    );
    expect(straw.attributes.find((a) => a.code === "dang_chay")?.values.map((v) => v.key)).toEqual(["co", "khong"]);
    await bothErrors((f) => get(`/open311/v2/services/khong-co.${f}`), 404, /service_code/);
    await bothErrors((f) => get(`/open311/v2/services/${INACTIVE}.${f}`), 404, /service_code/);
  });

  it("answers 404 with the error list for an unknown format or resource", async () => {
    for (const url of [
      "/open311/v2/services.csv",
      "/open311/v2/services.html",
      "/open311/v2/khong-co.json",
      `/open311/v2/services/${CODE}.txt`,
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expectSchema("errors.json", r.json());
    }
    expectXml(await get("/open311/v2/khong-co.xml"), 404);
    expect(
      (
        await inject({
          method: "POST",
          url: "/open311/v2/requests.csv",
          payload: encode(reportFields()),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("POST requests", () => {
  let created: Created;

  it("takes a report from an app with its api_key, no session: coordinates, answers, contact, media link", async () => {
    created = await create({
      "attribute[muc_do]": "nang",
      "attribute[so_luong]": "3",
      first_name: "Thị Riêng Tư",
      last_name: "Nguyễn",
      phone: "0912 345 678",
      email: "rieng.tu@example.vn",
      account_id: "acct-secret-42",
      device_id: "device-secret-xyz-123",
      media_url: "https://photos.example.org/p/123.jpg",
      address_string: "Ngõ 12, Tổ dân phố số 1",
    });
    expect(created.service_request_id).toMatch(/^PA-[2-9A-HJKMNP-Z]{6}$/);
    expect(created.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.service_notice).toMatch(/Hạn xử lý: hết ngày \d{2}\/\d{2}\/\d{4}/);
    expect(created.account_id).toBeNull();
    const report = await reportByCode(t.database.db, created.service_request_id);
    expect(report).toMatchObject({
      source: "open311",
      status: "new",
      answers: { loai: ["a", "b"], muc_do: "nang", so_luong: "3" },
      latitude: LAT,
      longitude: LONG,
      mediaUrl: "https://photos.example.org/p/123.jpg",
      externalAccountId: "acct-secret-42",
      address: "Ngõ 12, Tổ dân phố số 1",
    });
    expect(report?.apiKeyId).not.toBeNull();
    // The contact is kept apart (Vietnamese order: family name first), consent given by the app.
    const [contact] = await t.database.db
      .select()
      .from(feedbackContacts)
      .where(and(eq(feedbackContacts.wardId, t.wardId), eq(feedbackContacts.reportId, report?.id ?? "")));
    expect(contact).toMatchObject({
      name: "Nguyễn Thị Riêng Tư",
      phone: "0912 345 678",
      email: "rieng.tu@example.vn",
      notify: false,
    });
    expect(contact?.consentedAt).not.toBeNull();
  });

  it("answers in XML too, and takes an address alone, or a residential group as address_id", async () => {
    const r = await post("requests", { ...reportFields({ address_string: "Chợ Việt Hòa" }), lat: "", long: "" }, "xml");
    const xml = expectXml(r) as { service_requests: { request: { service_request_id: string; token: string }[] } };
    const [one] = xml.service_requests.request;
    expect(one?.service_request_id).toMatch(/^PA-/);
    expect(Object.keys(one ?? {})).toEqual(["service_request_id", "token", "service_notice", "account_id"]);
    const byGroup = await create({ lat: "", long: "", address_id: "tdp-01" });
    const [answer] = await requests(`?service_request_id=${byGroup.service_request_id}`);
    expect(answer).toMatchObject({ address_id: "tdp-01", lat: null, long: null });
  });

  it("accepts the same fields as multipart/form-data and as JSON", async () => {
    const fields = Object.fromEntries(
      Object.entries(reportFields()).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]),
    );
    const form = multipart(fields);
    const r = await inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: form.headers,
      payload: form.payload,
    });
    expectSchema("post-requests-response.json", expectJson(r));
    const j = await inject({ method: "POST", url: "/open311/v2/requests.json", payload: reportFields() });
    expectSchema("post-requests-response.json", expectJson(j));
  });

  it("resolves the token to the request, in both formats", async () => {
    const list = await both<{ service_request_id: string; token: string }[]>(
      `tokens/${created.token}`,
      "",
      "tokens.json",
      "service_requests",
      "request",
    );
    expect(list).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    await bothErrors((f) => get(`/open311/v2/tokens/00000000-0000-4000-8000-000000000000.${f}`), 404, /token/);
    await bothErrors((f) => get(`/open311/v2/tokens/khong-phai-token.${f}`), 404, /token/);
  });

  it("shows the report as a request, and on the public web page", async () => {
    const [request] = await both<Request[]>(
      `requests/${created.service_request_id}`,
      "",
      "requests.json",
      "service_requests",
      "request",
    );
    expect(request).toMatchObject({
      service_request_id: created.service_request_id,
      status: "open",
      status_notes: null,
      service_code: CODE,
      service_name: "Vấn đề thử nghiệm Open311",
      description: "Rác và nước thải ở đầu ngõ 12, bốc mùi nhiều ngày.",
      address: "Ngõ 12, Tổ dân phố số 1",
      address_id: null,
      lat: LAT,
      long: LONG,
      media_url: "https://photos.example.org/p/123.jpg",
    });
    expect(request?.agency_responsible).toBeTruthy();
    expect(request?.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(request?.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59\+07:00$/);
    // Lower case and without the dash, as a person types it.
    const typed = await get(`/open311/v2/requests/${created.service_request_id.slice(3).toLowerCase()}.json`);
    expect((expectJson(typed) as Request[])[0]?.service_request_id).toBe(created.service_request_id);
    await bothErrors((f) => get(`/open311/v2/requests/PA-222222.${f}`), 404, /service_request_id/);
    await bothErrors(
      (f) => get(`/open311/v2/requests/${created.service_request_id}.${f}?jurisdiction_id=${OTHER_WARD}`),
      404,
      /service_request_id/,
    );

    const web = await get(`/api/public/feedback/reports/${created.service_request_id}`);
    expect(web.statusCode, web.body).toBe(200);
    const page = web.json() as PublicReport;
    expect(page).toMatchObject({ code: created.service_request_id, status: "new", description: request?.description });
    expect(page.timeline[0]?.by).toMatch(/qua ứng dụng/);
  });

  it("takes a request naming the key's own ward as its jurisdiction", async () => {
    const ward = (await t.database.db.execute(sql`select code from wards where id = ${t.wardId}`)) as unknown as {
      rows: { code: string }[];
    };
    const created = await create({ jurisdiction_id: ward.rows[0]?.code ?? "?" });
    expect(created.service_request_id).toMatch(/^PA-/);
  });

  it("refuses a missing, unknown or revoked api_key, or one of another ward, with 403", async () => {
    const before = await reportCount();
    const { api_key: _key, ...noKey } = reportFields();
    await bothErrors((f) => post("requests", noKey, f), 403, /api_key/);
    await bothErrors((f) => post("requests", reportFields({ api_key: "" }), f), 403, /api_key/);
    await bothErrors((f) => post("requests", reportFields({ api_key: "khong-dung-khoa-nay" }), f), 403, /api_key/);
    await bothErrors((f) => post("requests", reportFields({ api_key: REVOKED_KEY }), f), 403, /api_key/);
    await bothErrors((f) => post("requests", reportFields({ jurisdiction_id: OTHER_WARD }), f), 403, /jurisdiction_id/);
    await bothErrors(
      (f) => post("requests", reportFields({ jurisdiction_id: "khong-co-phuong-nay" }), f),
      404,
      /jurisdiction_id/,
    );
    // The other ward's key opens the other ward only, which has no such category.
    await bothErrors((f) => post("requests", reportFields({ api_key: OTHER_KEY }), f), 404, /service_code/);
    expect(await reportCount()).toBe(before);
  });

  it("refuses bad fields with 400 (404 for an unknown service) naming the field, and saves nothing", async () => {
    const before = await reportCount();
    const { service_code: _code, ...noCode } = reportFields();
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [noCode, 400, /service_code/],
      [reportFields({ service_code: "khong-co" }), 404, /service_code/],
      [reportFields({ service_code: INACTIVE }), 404, /service_code/],
      [{ ...reportFields(), lat: "", long: "" }, 400, /address_string/],
      [{ ...reportFields(), long: "" }, 400, /long/],
      [reportFields({ lat: "bắc" }), 400, /lat/],
      [reportFields({ long: "200" }), 400, /long/],
      [reportFields({ description: "" }), 400, /description/],
      [reportFields({ description: "ngắn" }), 400, /description/],
      [reportFields({ description: "x".repeat(4001) }), 400, /description/],
      [{ ...reportFields(), "attribute[loai][]": [] }, 400, /attribute\[loai\]/],
      [reportFields({ "attribute[loai][]": ["z"] }), 400, /attribute\[loai\]/],
      [reportFields({ "attribute[muc_do]": "ca-hai" }), 400, /attribute\[muc_do\]/],
      [reportFields({ "attribute[so_luong]": "ba" }), 400, /attribute\[so_luong\]/],
      [reportFields({ "attribute[loai][]": ["a\u0000"] }), 400, /attribute\[loai\]/],
      [reportFields({ media_url: "javascript:alert(1)" }), 400, /media_url/],
      [reportFields({ email: "khong-phai-email" }), 400, /email/],
      [reportFields({ phone: "gọi tôi" }), 400, /phone/],
      [reportFields({ address_id: "tdp-99" }), 400, /address_id/],
      [reportFields({ account_id: "a\u0000b" }), 400, /account_id/],
    ];
    for (const [fields, status, field] of cases) await bothErrors((f) => post("requests", fields, f), status, field);
    expect(await reportCount()).toBe(before);
  });

  it("never caches a write; reads may be cached briefly by shared caches", async () => {
    const r = await post("requests", reportFields());
    expect(r.headers["cache-control"]).toBe("no-store");
    const read = await get("/open311/v2/services.json");
    expect(read.headers["cache-control"]).toBe("public, max-age=0, s-maxage=10");
    expect(read.headers["access-control-allow-origin"]).toBe("*");
    const refused = await post("requests", reportFields({ api_key: "sai" }));
    expect(refused.headers["cache-control"]).toBe("no-store");
  });
});

async function reportCount(): Promise<number> {
  const result = (await t.database.db.execute(sql`select count(*)::int as n from feedback_reports`)) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? 0;
}

describe("GET requests: filters", () => {
  let open: string;
  let closed: string;
  let old: string;
  let recent: string;
  let demoCode: string;

  beforeAll(async () => {
    open = (await create()).service_request_id;
    closed = (await create()).service_request_id;
    old = (await create()).service_request_id;
    recent = (await create()).service_request_id;
    await act(closed, { action: "accept", response: "Đã tiếp nhận, giao đơn vị xử lý." });
    await act(closed, { action: "status", status: "fixed", response: "Đã thu dọn xong." });
    await backdate(old, 100);
    await backdate(recent, 10);
    demoCode = (await create({ service_code: "phe-thai-xay-dung", "attribute[loai][]": [] })).service_request_id;
  });

  const mine = (list: Request[]) => codesOf(list).filter((c) => [open, closed, old, recent].includes(c));

  it("covers the last 90 days by default, newest first, in both formats", async () => {
    const list = await requests(`?service_code=${CODE}`);
    expect(mine(list)).toEqual([closed, open, recent]);
    expect(list.every((r) => r.service_code === CODE)).toBe(true);
    const times = list.map((r) => Date.parse(r.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Empty parameters are absent.
    expect(
      await requests(`?service_code=${CODE}&status=&start_date=&end_date=&page=&page_size=&service_request_id=`),
    ).toEqual(list);
  });

  it("takes a list of ids that overrides every other parameter", async () => {
    const list = await requests(
      `?service_request_id=${old},${open.toLowerCase()}, PA-222222&service_code=khong-co&status=closed&page_size=1`,
    );
    expect(codesOf(list).sort()).toEqual([old, open].sort());
    await bothErrors(
      (f) => get(`/open311/v2/requests.${f}?service_request_id=${Array(201).fill(open).join(",")}`),
      400,
      /service_request_id/,
    );
  });

  it("filters by a list of service codes", async () => {
    const list = await requests(`?service_code=${CODE},phe-thai-xay-dung`);
    expect(codesOf(list)).toEqual(expect.arrayContaining([open, closed, recent, demoCode]));
    expect(new Set(list.map((r) => r.service_code))).toEqual(new Set([CODE, "phe-thai-xay-dung"]));
    expect(await requests("?service_code=khong-co")).toEqual([]);
  });

  it("filters by start and end dates (ISO 8601, with or without an offset)", async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    expect(mine(await requests(`?service_code=${CODE}&start_date=${day(120)}`))).toEqual([closed, open, recent, old]);
    expect(mine(await requests(`?service_code=${CODE}&start_date=${day(120)}&end_date=${day(50)}`))).toEqual([old]);
    expect(mine(await requests(`?service_code=${CODE}&start_date=${day(20)}&end_date=${day(5)}`))).toEqual([recent]);
    // A date alone (the whole day), and a time with its offset written +HH:MM or Z.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(mine(await requests(`?service_code=${CODE}&start_date=${today}&end_date=${today}`))).toEqual([closed, open]);
    expect(
      mine(await requests(`?service_code=${CODE}&start_date=${encodeURIComponent(`${today}T00:00:00+07:00`)}`)),
    ).toEqual([closed, open]);
    // Only an end: the 90 days before it.
    expect(mine(await requests(`?service_code=${CODE}&end_date=${day(5)}`))).toEqual([recent]);
    for (const bad of ["hom-qua", "2026-02-30", "2026-13-01", "0000-01-01"])
      await bothErrors((f) => get(`/open311/v2/requests.${f}?start_date=${bad}`), 400, /start_date/);
    await bothErrors(
      (f) => get(`/open311/v2/requests.${f}?start_date=${day(1)}&end_date=${day(3)}`),
      400,
      /start_date/,
    );
  });

  it("filters by status, open or closed or both", async () => {
    expect(mine(await requests(`?service_code=${CODE}&status=closed`))).toEqual([closed]);
    expect(mine(await requests(`?service_code=${CODE}&status=open`))).toEqual([open, recent]);
    expect(mine(await requests(`?service_code=${CODE}&status=open,closed`))).toEqual([closed, open, recent]);
    expect(mine(await requests(`?service_code=${CODE}&status=open&status=closed`))).toEqual([closed, open, recent]);
    await bothErrors((f) => get(`/open311/v2/requests.${f}?status=fixed`), 400, /status/);
  });

  it("pages with page and page_size", async () => {
    const all = await requests(`?service_code=${CODE}`);
    const first = await requests(`?service_code=${CODE}&page_size=2`);
    const second = await requests(`?service_code=${CODE}&page_size=2&page=2`);
    expect(codesOf(first)).toEqual(codesOf(all).slice(0, 2));
    expect(codesOf(second)).toEqual(codesOf(all).slice(2, 4));
    expect(await requests(`?service_code=${CODE}&page=1000`)).toEqual([]);
    for (const bad of ["page_size=0", "page_size=1001", "page=0", "page=hai", "page_size=-1"])
      await bothErrors((f) => get(`/open311/v2/requests.${f}?${bad}`), 400, new RegExp(bad.split("=")[0] ?? ""));
  });

  it("adds extended attributes and notes with extensions=true", async () => {
    const [plain] = await requests(`?service_request_id=${closed}`);
    expect(plain).not.toHaveProperty("extended_attributes");
    expect(plain?.status).toBe("closed");
    expect(plain?.status_notes).toBe("Đã thu dọn xong.");
    const [extended] = await requests(`?service_request_id=${closed}&extensions=true`);
    expect(extended?.extended_attributes).toMatchObject({
      status: "FIXED",
      channel: "open311",
      approximate_location: false,
      photos: [],
    });
    expect(extended?.notes?.map((n) => n.type)).toEqual(["submitted", "status", "status"]);
    expect(extended?.notes?.map((n) => n.description)).toEqual([
      "Chờ tiếp nhận",
      "Đã tiếp nhận, giao đơn vị xử lý.",
      "Đã thu dọn xong.",
    ]);
    await bothErrors((f) => get(`/open311/v2/requests.${f}?extensions=co`), 400, /extensions/);
  });

  it("blurs a sensitive report's place exactly as the public map does", async () => {
    const code = (await create()).service_request_id;
    await act(code, { action: "sensitive", sensitive: true });
    const [request] = await requests(`?service_request_id=${code}&extensions=true`);
    expect(request).toMatchObject({ lat: blurCoordinate(LAT), long: blurCoordinate(LONG) });
    expect(request?.extended_attributes?.approximate_location).toBe(true);
    const web = (await get(`/api/public/feedback/reports/${code}`)).json() as PublicReport;
    expect(web.location).toEqual({ lat: request?.lat, lng: request?.long, approximate: true });
    const [single] = await both<Request[]>(`requests/${code}`, "", "requests.json", "service_requests", "request");
    expect(single?.lat).toBe(blurCoordinate(LAT));
  });

  it("escapes text in XML and keeps it whole", async () => {
    const code = (await create({ description: 'Khói & mùi <hắc> "nồng" ở ngõ\n12 — cả đêm' })).service_request_id;
    const [request] = await requests(`?service_request_id=${code}`);
    expect(request?.description).toBe('Khói & mùi <hắc> "nồng" ở ngõ\n12 — cả đêm');
  });
});

describe("web and Open311 see the same reports", () => {
  it("shows a report sent from the web page, its photo once staff accepted it", async () => {
    const body = multipart(
      {
        category: CODE,
        description: "Nước thải chảy tràn ra đường trước cổng chợ.",
        answers: JSON.stringify({ loai: ["c"] }),
        lat: "20.8601",
        lng: "106.6811",
        locationSource: "map",
        name: "Trần Bí Mật",
        phone: "0987 654 321",
        email: "bi.mat@example.vn",
        consent: "true",
      },
      [{ field: "photos", filename: "anh.png", bytes: TINY_PNG, type: "image/png" }],
    );
    const sent = await inject({
      method: "POST",
      url: "/api/public/feedback/reports",
      headers: body.headers,
      payload: body.payload,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const code = (sent.json() as { code: string }).code;
    const [before] = await both<Request[]>(`requests/${code}`, "", "requests.json", "service_requests", "request");
    expect(before).toMatchObject({
      service_request_id: code,
      status: "open",
      media_url: null,
      lat: 20.8601,
      long: 106.6811,
    });
    await act(code, { action: "accept", response: "Đã tiếp nhận." });
    const [after] = await both<Request[]>(
      `requests/${code}`,
      "?extensions=true",
      "requests.json",
      "service_requests",
      "request",
    );
    expect(after?.media_url).toMatch(/^http:\/\/localhost:80\/api\/public\/feedback\/photos\/[0-9a-f-]{36}\?ward=/);
    expect(after?.extended_attributes).toMatchObject({ channel: "web", photos: [after?.media_url] });
    expect(after?.status_notes).toBe("Đã tiếp nhận.");
    const photo = await get((after?.media_url ?? "").replace("http://localhost:80", ""));
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toMatch(/^image\//);
  });
});

describe("updates (FixMyStreet's extension)", () => {
  let handled: string;
  let target: string;

  beforeAll(async () => {
    handled = (await create()).service_request_id;
    await act(handled, { action: "accept", response: "Đã tiếp nhận phản ánh." });
    await act(handled, { action: "note", text: "Ghi chú nội bộ: không công bố." });
    await act(handled, { action: "status", status: "fixed", response: "Đã xử lý xong." });
    target = (await create()).service_request_id;
  });

  const updates = (query: string) =>
    both<Update[]>(
      "servicerequestupdates",
      query,
      "service-request-updates.json",
      "service_request_updates",
      "request_update",
    );

  it("lists public updates only, oldest first, with the status as it stood, in both formats", async () => {
    const list = (await updates("")).filter((u) => u.service_request_id === handled);
    expect(list.map((u) => [u.status, u.extended_status, u.description])).toEqual([
      ["open", "OPEN", "Đã tiếp nhận phản ánh."],
      ["closed", "FIXED", "Đã xử lý xong."],
    ]);
    expect(list.every((u) => u.media_url === "" && /\+07:00$/.test(u.updated_datetime))).toBe(true);
    expect(answers.at(-1)).not.toContain("Ghi chú nội bộ");
  });

  it("filters updates by start and end dates and pages them", async () => {
    const [first] = (await updates("")).filter((u) => u.service_request_id === handled);
    await t.database.db
      .update(feedbackUpdates)
      .set({ createdAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(eq(feedbackUpdates.id, first?.update_id ?? ""));
    const ids = async (query: string) => (await updates(query)).map((u) => u.update_id);
    expect(await ids("")).not.toContain(first?.update_id);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    expect(await ids(`?start_date=${day(101)}&end_date=${day(99)}`)).toEqual([first?.update_id]);
    const all = await ids(`?start_date=${day(200)}`);
    expect(all).toContain(first?.update_id);
    expect(await ids(`?start_date=${day(200)}&page_size=2&page=2`)).toEqual(all.slice(2, 4));
    await bothErrors((f) => get(`/open311/v2/servicerequestupdates.${f}?end_date=ngay-mai`), 400, /end_date/);
    await bothErrors((f) => get(`/open311/v2/servicerequestupdates.${f}?page_size=5000`), 400, /page_size/);
  });

  const update = (fields: Record<string, string>, format: "json" | "xml" = "json") =>
    post(
      "servicerequestupdates",
      {
        api_key: KEY,
        service_request_id: target,
        updated_datetime: new Date().toISOString(),
        ...fields,
      },
      format,
    );

  it("applies a client's update through the ward's handling, once per update_id", async () => {
    const r = await update({
      update_id: "fms-1001",
      status: "IN_PROGRESS",
      description: "Đội vệ sinh đã đến hiện trường.",
    });
    const answer = expectJson(r) as { update_id: string }[];
    expectSchema("post-update-response.json", answer);
    expect(r.headers["cache-control"]).toBe("no-store");
    const again = expectJson(
      await update({ update_id: "fms-1001", status: "IN_PROGRESS", description: "Đội vệ sinh đã đến hiện trường." }),
    );
    expect(again).toEqual(answer);
    const xml = expectXml(await update({ update_id: "fms-1001", status: "IN_PROGRESS", description: "x" }, "xml"));
    expect(xml).toEqual(asXml(answer, "service_request_updates", "request_update"));
    const report = await reportByCode(t.database.db, target);
    expect(report?.status).toBe("in_progress");
    const rows = await t.database.db
      .select()
      .from(feedbackUpdates)
      .where(and(eq(feedbackUpdates.reportId, report?.id ?? ""), eq(feedbackUpdates.externalId, "fms-1001")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: answer[0]?.update_id,
      authorKind: "open311",
      kind: "status",
      statusTo: "in_progress",
      isPublic: true,
    });
    const [request] = await requests(`?service_request_id=${target}&extensions=true`);
    expect(request).toMatchObject({ status: "open", status_notes: "Đội vệ sinh đã đến hiện trường." });
    expect(request?.extended_attributes?.status).toBe("IN_PROGRESS");
    const web = (await get(`/api/public/feedback/reports/${target}`)).json() as PublicReport;
    expect(web.timeline.map((e) => e.text)).toContain("Đội vệ sinh đã đến hiện trường.");
    const listed = (await updates("")).find((u) => u.update_id === answer[0]?.update_id);
    expect(listed).toMatchObject({ status: "open", extended_status: "IN_PROGRESS", service_request_id: target });
  });

  it("applies the same update_id once even when sent twice at the same moment", async () => {
    const fields = { update_id: "fms-1002", status: "FIXED", description: "Đã xử lý xong, mời kiểm tra." };
    const [a, b] = await Promise.all([update(fields), update(fields)]);
    expect(expectJson(a as LightMyRequestResponse)).toEqual(expectJson(b as LightMyRequestResponse));
    const report = await reportByCode(t.database.db, target);
    expect(report?.status).toBe("fixed");
    const rows = await t.database.db.select().from(feedbackUpdates).where(eq(feedbackUpdates.externalId, "fms-1002"));
    expect(rows).toHaveLength(1);
  });

  it("reopens, answers without a change of status, and maps CLOSED and CANCELLED", async () => {
    expect(
      expectJson(await update({ update_id: "fms-1003", status: "REOPEN", description: "Người dân báo vẫn còn rác." })),
    ).toBeTruthy();
    expect((await reportByCode(t.database.db, target))?.status).toBe("confirmed");
    expectJson(
      await update({
        update_id: "fms-1004",
        status: "OPEN",
        description: "Sẽ kiểm tra lại vào sáng mai.",
        media_url: "https://photos.example.org/u/1.jpg",
      }),
    );
    const respond = await t.database.db
      .select()
      .from(feedbackUpdates)
      .where(eq(feedbackUpdates.externalId, "fms-1004"));
    expect(respond[0]).toMatchObject({
      kind: "response",
      body: "Sẽ kiểm tra lại vào sáng mai.\n\nẢnh: https://photos.example.org/u/1.jpg",
    });
    expectJson(await update({ update_id: "fms-1005", status: "CLOSED", description: "" }));
    expect((await reportByCode(t.database.db, target))?.status).toBe("fixed");
    expectJson(await update({ update_id: "fms-1006", status: "cancelled", description: "Không cần xử lý thêm." }));
    expect((await reportByCode(t.database.db, target))?.status).toBe("no_further_action");
  });

  it("refuses a bad update with the spec's errors, naming the field", async () => {
    const count = async () => (await t.database.db.select().from(feedbackUpdates)).length;
    const before = await count();
    await bothErrors((f) => update({ api_key: "", update_id: "e1", status: "OPEN" }, f), 403, /api_key/);
    await bothErrors((f) => update({ api_key: REVOKED_KEY, update_id: "e1", status: "OPEN" }, f), 403, /api_key/);
    // Another ward's key does not see this ward's reports.
    await bothErrors(
      (f) => update({ api_key: OTHER_KEY, update_id: "e1", status: "OPEN", description: "x" }, f),
      404,
      /service_request_id/,
    );
    await bothErrors(
      (f) => update({ service_request_id: "PA-222222", update_id: "e1", status: "OPEN", description: "x" }, f),
      404,
      /service_request_id/,
    );
    await bothErrors(
      (f) => update({ service_request_id: "", update_id: "e1", status: "OPEN" }, f),
      400,
      /service_request_id/,
    );
    await bothErrors((f) => update({ status: "OPEN", description: "x" }, f), 400, /update_id/);
    await bothErrors((f) => update({ update_id: "e1", description: "x" }, f), 400, /status/);
    await bothErrors((f) => update({ update_id: "e1", status: "DONE", description: "x" }, f), 400, /status/);
    await bothErrors((f) => update({ update_id: "e1", status: "FOR_TRIAGE", description: "x" }, f), 400, /status/);
    await bothErrors((f) => update({ update_id: "e1", status: "DUPLICATE", description: "x" }, f), 400, /status/);
    // Already in that state, and nothing to say.
    await bothErrors(
      (f) => update({ update_id: "e1", status: "NO_FURTHER_ACTION", description: "" }, f),
      400,
      /description/,
    );
    await bothErrors(
      (f) => update({ update_id: "e1", status: "OPEN", updated_datetime: "hom-nay" }, f),
      400,
      /updated_datetime/,
    );
    await bothErrors((f) => update({ update_id: "e\u0000", status: "OPEN", description: "x" }, f), 400, /update_id/);
    await bothErrors((f) => update({ update_id: "e1", status: "OPEN", description: "x\u0000" }, f), 400, /description/);
    expect(await count()).toBe(before);
  });
});

describe("privacy", () => {
  it("never names a reporter in any answer", async () => {
    // Everything once more, with every extension: all requests of the window, all updates.
    const all = await requests("?extensions=true");
    expect(all.length).toBeGreaterThan(10);
    const ids = codesOf(all).slice(0, 200).join(",");
    await requests(`?service_request_id=${ids}&extensions=true`);
    await both(
      "servicerequestupdates",
      "?start_date=2000-01-01",
      "service-request-updates.json",
      "service_request_updates",
      "request_update",
    );
    expect(answers.length).toBeGreaterThan(100);
    for (const body of answers)
      for (const secret of SECRETS) expect(body.includes(secret), `an answer holds "${secret}"`).toBe(false);
  });
});
