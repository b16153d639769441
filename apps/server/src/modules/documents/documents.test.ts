import { sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatNumberAndSymbol,
  normalizeNumberAndSymbol,
  type DocumentDetail,
  type DocumentList,
  type IndicatorSummary,
  type TaskSummary,
} from "@phuong-xanh/shared";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { readTable } from "../../lib/spreadsheet.js";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";
import { documentsLinkedTo, registerOutgoing } from "./service.js";
import { DOCUMENT_COLUMNS } from "./spreadsheet.js";

let t: TestApp;
let office: Record<string, string>;
let kinhte: Record<string, string>;
let tasks: TaskSummary[];
let indicators: IndicatorSummary[];
let pdf: Buffer;

const today = todayInVietnam();
const thisYear = Number(today.slice(0, 4));

const get = async <T>(url: string, headers = office): Promise<T> => {
  const r = await t.app.inject({ method: "GET", url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

const list = (query: string, headers = office) => get<DocumentList>(`/api/documents?${query}`, headers);

const register = (fields: Record<string, string>, file?: { filename: string; bytes: Buffer; type: string }) => {
  const body = multipart(fields, file ? [{ field: "file", ...file }] : []);
  return t.app.inject({
    method: "POST",
    url: "/api/documents",
    headers: { ...office, ...body.headers },
    payload: body.payload,
  });
};

const officeActor = async (): Promise<Actor> => {
  const result = (await t.database.db.execute(
    sql`select id, display_name, unit_id from users where username = 'vanphong'`,
  )) as unknown as { rows: { id: string; display_name: string; unit_id: string }[] };
  const user = result.rows[0];
  if (!user) throw new Error("no vanphong");
  return { userId: user.id, name: user.display_name, wardId: t.wardId, role: "office", unitId: user.unit_id };
};

const auditOf = async (entityId: string) =>
  (
    (await t.database.db.execute(
      sql`select action, before, after, actor_name from audit_log where entity_type = 'document' and entity_id = ${entityId} order by id`,
    )) as unknown as {
      rows: { action: string; before: unknown; after: Record<string, unknown>; actor_name: string }[];
    }
  ).rows;

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login("vanphong");
  kinhte = await t.login("kinhte");
  tasks = (await get<{ tasks: TaskSummary[] }>("/api/tasks")).tasks;
  indicators = (await get<{ indicators: IndicatorSummary[] }>("/api/indicators")).indicators;
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText("Cong van", { x: 20, y: 100, size: 12 });
  doc.setAuthor("Nguyen Van A");
  pdf = Buffer.from(await doc.save());
});
afterAll(async () => t?.close());

describe("number and symbol (Decree 30/2020/NĐ-CP)", () => {
  it("prints two digits at least and no spaces around '/' and '-'", () => {
    expect(formatNumberAndSymbol(5, "BC", "UBND")).toBe("05/BC-UBND");
    expect(formatNumberAndSymbol(15, "KH", "UBND")).toBe("15/KH-UBND");
    expect(formatNumberAndSymbol(123, "QĐ", "UBND")).toBe("123/QĐ-UBND");
    // A letter has no type symbol: "12/UBND-VX".
    expect(formatNumberAndSymbol(12, "CV", "UBND", "VX")).toBe("12/UBND-VX");
    expect(formatNumberAndSymbol(3, "CV", "UBND")).toBe("03/UBND");
    expect(normalizeNumberAndSymbol(" Số: 08 - NQ / TU ")).toBe("08-NQ/TU");
  });
});

describe("the demo ward's registry", () => {
  it("holds the resolution the plan carries out, and the plan itself linked to some of its tasks", async () => {
    const found = await list("q=08-nq%2Ftu&direction=incoming");
    const resolution = found.documents.find((d) => d.numberAndSymbol === "08-NQ/TU");
    expect(resolution?.typeCode).toBe("NQ");
    expect(resolution?.issuedOn).toBe("2026-01-29");
    const plans = await list("direction=outgoing&typeCode=KH&year=2026");
    const plan = plans.documents.find((d) => /^\d{2,}\/KH-UBND$/.test(d.numberAndSymbol));
    expect(plan?.summary).toMatch(/^Thực hiện Nghị quyết số 08-NQ\/TU/);
    const detail = await get<DocumentDetail>(`/api/documents/${plan?.id}`);
    expect(detail.links.length).toBeGreaterThanOrEqual(3);
    expect(detail.links.every((l) => l.entityType === "task" && l.label && l.ref)).toBe(true);
    const byTask = await documentsLinkedTo(
      t.database.db,
      t.wardId,
      "task",
      detail.links.map((l) => l.entityId),
    );
    for (const link of detail.links) expect(byTask.get(link.entityId)?.map((d) => d.id)).toContain(plan?.id);
  });
});

describe("registering documents", () => {
  it("registers an incoming document with its scan: the next số đến, the file kept without its metadata", async () => {
    const before = await list(`direction=incoming&year=${thisYear}&limit=1`);
    const last = before.documents[0]?.registerNumber ?? 0;
    const r = await register(
      {
        direction: "incoming",
        numberAndSymbol: "Số: 215 / UBND - KT",
        typeCode: "CV",
        issuedOn: today,
        receivedOn: today,
        issuer: "Ủy ban nhân dân thành phố Hải Phòng",
        summary: "V/v đôn đốc thực hiện Nghị quyết chuyển đổi xanh",
      },
      { filename: "cong-van-215.pdf", bytes: pdf, type: "application/pdf" },
    );
    expect(r.statusCode, r.body).toBe(201);
    const doc = r.json() as DocumentDetail;
    expect(doc.direction).toBe("incoming");
    expect(doc.registerNumber).toBe(last + 1);
    expect(doc.registerYear).toBe(thisYear);
    expect(doc.numberAndSymbol).toBe("215/UBND-KT");
    expect(doc.registeredBy).toBe("Chuyên viên Văn phòng HĐND & UBND");
    expect(doc.file?.mimeType).toBe("application/pdf");
    const download = await t.app.inject({ method: "GET", url: `/api/documents/${doc.id}/file`, headers: kinhte });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(download.rawPayload.includes(Buffer.from("Nguyen Van A"))).toBe(false);

    const audit = await auditOf(doc.id);
    expect(audit.map((a) => a.action)).toEqual(["document.register"]);
    expect(audit[0]?.after).toMatchObject({ numberAndSymbol: "215/UBND-KT", file: "cong-van-215.pdf" });
    expect(audit[0]?.actor_name).toBe("Chuyên viên Văn phòng HĐND & UBND");
  });

  it("numbers an outgoing document from the outgoing register, two digits at least, and keeps its DOCX-less form", async () => {
    const before = await list(`direction=outgoing&year=${thisYear}&limit=1`);
    const last = before.documents[0]?.registerNumber ?? 0;
    const r = await register(
      {
        direction: "outgoing",
        typeCode: "BC",
        issuedOn: today,
        summary: "Báo cáo kết quả thực hiện chuyển đổi xanh quý IV",
        recipients: "- UBND thành phố;\n- Lưu: VT.",
      },
      { filename: "bao-cao.png", bytes: TINY_PNG, type: "image/png" },
    );
    expect(r.statusCode, r.body).toBe(201);
    const doc = r.json() as DocumentDetail;
    expect(doc.registerNumber).toBe(last + 1);
    expect(doc.numberAndSymbol).toBe(formatNumberAndSymbol(last + 1, "BC", "UBND"));
    expect(doc.numberAndSymbol).toMatch(/^\d{2,}\/BC-UBND$/);
    expect(doc.issuer).toBe("UBND phường Việt Hòa");
    expect(doc.receivedOn).toBeNull();
    // A letter carries the drafting unit instead of a type.
    const letter = await register({
      direction: "outgoing",
      typeCode: "CV",
      unitSymbol: "VP",
      issuedOn: today,
      summary: "V/v đề nghị các đơn vị báo cáo số liệu chỉ tiêu",
    });
    expect(letter.statusCode, letter.body).toBe(201);
    expect((letter.json() as DocumentDetail).numberAndSymbol).toBe(formatNumberAndSymbol(last + 2, "CV", "UBND", "VP"));
  });

  it("keeps one register per direction and year: a new year starts again at 1", async () => {
    const actor = await officeActor();
    const a = await t.database.db.transaction((tx) =>
      registerOutgoing(
        tx,
        actor,
        { typeCode: "KH", authoritySymbol: "UBND", issuedOn: "2031-01-05", summary: "Kế hoạch năm 2031", links: [] },
        t.store,
      ),
    );
    const b = await t.database.db.transaction((tx) =>
      registerOutgoing(
        tx,
        actor,
        { typeCode: "TB", authoritySymbol: "UBND", issuedOn: "2031-02-01", summary: "Thông báo năm 2031", links: [] },
        t.store,
      ),
    );
    expect([a.registerNumber, a.numberAndSymbol]).toEqual([1, "01/KH-UBND"]);
    expect([b.registerNumber, b.numberAndSymbol]).toEqual([2, "02/TB-UBND"]);
    const incoming = await register({
      direction: "incoming",
      numberAndSymbol: "01/TB-UBND",
      typeCode: "TB",
      issuedOn: "2030-12-30",
      receivedOn: "2030-12-31",
      issuer: "UBND thành phố",
      summary: "Thông báo nghỉ Tết",
    });
    // 2030-12-31 is in the future now: the day it came in cannot be.
    expect(incoming.statusCode).toBe(400);
    expect(incoming.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("gives 20 concurrent registrations 20 different numbers, one after another", async () => {
    const actor = await officeActor();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.database.db.transaction((tx) =>
          registerOutgoing(
            tx,
            actor,
            {
              typeCode: "BC",
              authoritySymbol: "UBND",
              issuedOn: "2032-03-01",
              summary: `Báo cáo số ${i}`,
              links: [],
            },
            t.store,
          ),
        ),
      ),
    );
    const numbers = results.map((r) => r.registerNumber).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.numberAndSymbol)).size).toBe(20);
    for (const r of results) expect(r.numberAndSymbol).toBe(formatNumberAndSymbol(r.registerNumber, "BC", "UBND"));
  });
});

describe("finding documents", () => {
  it("ignores accents and case: 'nghi quyet' finds 'Nghị quyết', 'bc-ubnd' finds '…/BC-UBND'", async () => {
    const resolutions = await list("q=nghi%20quyet");
    expect(resolutions.total).toBeGreaterThan(0);
    for (const d of resolutions.documents) expect(`${d.summary} ${d.issuer}`.toLowerCase()).toMatch(/nghị quyết/);
    const reports = await list("q=bc-ubnd");
    expect(reports.documents.length).toBeGreaterThan(0);
    expect(reports.documents.every((d) => d.numberAndSymbol.includes("/BC-UBND"))).toBe(true);
    const accented = await list(`q=${encodeURIComponent("NGHỊ QUYẾT")}`);
    expect(accented.documents.map((d) => d.id)).toEqual(resolutions.documents.map((d) => d.id));
  });

  it("pages newest first, filters by direction and year, and offers the years it holds", async () => {
    const first = await list("limit=5");
    const second = await list("limit=5&offset=5");
    expect(first.documents).toHaveLength(5);
    expect(first.total).toBe(second.total);
    expect(new Set([...first.documents, ...second.documents].map((d) => d.id)).size).toBe(10);
    const dates = [...first.documents, ...second.documents].map((d) => d.receivedOn ?? d.issuedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(first.years).toEqual(expect.arrayContaining([2032, 2031, 2026]));
    const outgoing2032 = await list("direction=outgoing&year=2032&limit=200");
    expect(outgoing2032.total).toBe(20);
    expect(outgoing2032.documents.every((d) => d.direction === "outgoing" && d.registerYear === 2032)).toBe(true);
    expect(first.can.register).toBe(true);
    expect((await list("limit=1", kinhte)).can.register).toBe(false);
  });

  it("exports the register as a spreadsheet with the filters of the list", async () => {
    const r = await t.app.inject({
      method: "GET",
      url: "/api/documents/export.xlsx?direction=incoming&year=2026",
      headers: kinhte,
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-disposition"]).toContain("so-van-ban-den-2026.xlsx");
    const rows = await readTable(r.rawPayload, DOCUMENT_COLUMNS);
    expect(rows.map((row) => row.cells.get("numberAndSymbol"))).toContain("08-NQ/TU");
    expect(rows.every((row) => row.cells.get("direction") === "Đến")).toBe(true);
    expect(rows.map((row) => row.cells.get("issuedOn"))).toContain("29/01/2026");
  });
});

describe("links, edits and refusals", () => {
  let doc: DocumentDetail;
  beforeAll(async () => {
    const r = await register({
      direction: "incoming",
      numberAndSymbol: "77/SXD-QLXD",
      typeCode: "CV",
      issuedOn: today,
      receivedOn: today,
      issuer: "Sở Xây dựng thành phố Hải Phòng",
      summary: "V/v sử dụng vật liệu xây không nung trong công trình",
    });
    expect(r.statusCode, r.body).toBe(201);
    doc = r.json();
  });

  it("links a task and an indicator, named through their own modules; another ward's id is refused", async () => {
    const task = tasks.find((x) => x.kind === "task");
    const indicator = indicators[0];
    if (!task || !indicator) throw new Error("demo plan without tasks or indicators");
    const r = await t.app.inject({
      method: "PUT",
      url: `/api/documents/${doc.id}/links`,
      headers: office,
      payload: {
        links: [
          { entityType: "task", entityId: task.id },
          { entityType: "indicator", entityId: indicator.id },
          { entityType: "task", entityId: task.id },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    const linked = r.json() as DocumentDetail;
    expect(linked.links).toHaveLength(2);
    expect(linked.links).toEqual(
      expect.arrayContaining([
        { entityType: "task", entityId: task.id, ref: task.ref, label: task.title },
        { entityType: "indicator", entityId: indicator.id, ref: indicator.ref, label: indicator.name },
      ]),
    );
    const ofTask = await list(`entityType=task&entityId=${task.id}`, kinhte);
    expect(ofTask.documents.map((d) => d.id)).toContain(doc.id);

    const stranger = await t.app.inject({
      method: "PUT",
      url: `/api/documents/${doc.id}/links`,
      headers: office,
      payload: { links: [{ entityType: "task", entityId: "00000000-0000-4000-8000-000000000000" }] },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details[0].path).toBe("links.0.entityId");

    const unlinked = await t.app.inject({
      method: "PUT",
      url: `/api/documents/${doc.id}/links`,
      headers: office,
      payload: { links: [{ entityType: "indicator", entityId: indicator.id }] },
    });
    expect((unlinked.json() as DocumentDetail).links.map((l) => l.entityType)).toEqual(["indicator"]);
    const audit = await auditOf(doc.id);
    expect(audit.map((a) => a.action)).toEqual(["document.register", "document.links", "document.links"]);
    expect(audit[2]?.after).toMatchObject({ removed: [{ entityType: "task", entityId: task.id }], added: [] });
  });

  it("edits with the version it read; a stale version gets 409 and changes nothing", async () => {
    const r = await t.app.inject({
      method: "PATCH",
      url: `/api/documents/${doc.id}`,
      headers: office,
      payload: { version: doc.version, summary: "V/v sử dụng vật liệu xây không nung trong công trình công cộng" },
    });
    expect(r.statusCode, r.body).toBe(200);
    const edited = r.json() as DocumentDetail;
    expect(edited.version).toBe(doc.version + 1);
    const found = await list("q=cong%20trinh%20cong%20cong");
    expect(found.documents.map((d) => d.id)).toContain(doc.id);

    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/documents/${doc.id}`,
      headers: office,
      payload: { version: doc.version, summary: "Ghi đè" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("CONFLICT");
    expect((await get<DocumentDetail>(`/api/documents/${doc.id}`)).summary).toBe(edited.summary);
    const audit = await auditOf(doc.id);
    expect(audit.at(-1)).toMatchObject({
      action: "document.edit",
      before: { summary: doc.summary },
      after: { summary: edited.summary },
    });
  });

  it("refuses what would break the register: another year's date, an outgoing number typed by hand", async () => {
    const current = await get<DocumentDetail>(`/api/documents/${doc.id}`);
    const otherYear = await t.app.inject({
      method: "PATCH",
      url: `/api/documents/${doc.id}`,
      headers: office,
      payload: { version: current.version, receivedOn: `${thisYear - 1}-12-30`, issuedOn: `${thisYear - 1}-12-29` },
    });
    expect(otherYear.statusCode).toBe(400);
    expect(otherYear.json().error.details[0].path).toBe("receivedOn");
    const outgoing = (await list("direction=outgoing&limit=1")).documents[0];
    const renumber = await t.app.inject({
      method: "PATCH",
      url: `/api/documents/${outgoing?.id}`,
      headers: office,
      payload: { version: outgoing?.version, numberAndSymbol: "99/BC-UBND" },
    });
    expect(renumber.statusCode).toBe(400);
    expect(renumber.json().error.details[0].path).toBe("numberAndSymbol");
  });

  it("answers bad input with 400 and a code, a wrong file with 415, never 500", async () => {
    const missing = await register({ direction: "incoming", typeCode: "CV", summary: "Thiếu trường" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe("VALIDATION_FAILED");
    const paths = (missing.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["numberAndSymbol", "issuedOn", "receivedOn", "issuer"]));

    const badDirection = await register({ direction: "sideways", summary: "x" });
    expect(badDirection.statusCode).toBe(400);
    const unknownType = await register({ direction: "outgoing", typeCode: "XYZ", issuedOn: today, summary: "x" });
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json().error.details[0].path).toBe("typeCode");
    const beforeIssue = await register({
      direction: "incoming",
      numberAndSymbol: "1/TB",
      typeCode: "TB",
      issuedOn: today,
      receivedOn: `${thisYear - 1}-01-01`,
      issuer: "UBND",
      summary: "Đến trước khi ban hành",
    });
    expect(beforeIssue.statusCode).toBe(400);

    const script = await register(
      {
        direction: "incoming",
        numberAndSymbol: "5/UBND",
        typeCode: "CV",
        issuedOn: today,
        receivedOn: today,
        issuer: "UBND",
        summary: "Tệp lạ",
      },
      { filename: "cong-van.pdf", bytes: Buffer.from("#!/bin/sh\necho hi\n"), type: "application/pdf" },
    );
    expect(script.statusCode).toBe(415);
    expect(script.json().error.code).toBe("FILE_TYPE_NOT_ALLOWED");

    const notJson = await t.app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { ...office, "content-type": "application/json" },
      payload: JSON.stringify({ direction: "incoming" }),
    });
    expect(notJson.statusCode).toBe(400);
    const badQuery = await t.app.inject({
      method: "GET",
      url: "/api/documents?limit=100000&year=abc",
      headers: office,
    });
    expect(badQuery.statusCode).toBe(400);
    const halfLink = await t.app.inject({ method: "GET", url: "/api/documents?entityType=task", headers: office });
    expect(halfLink.statusCode).toBe(400);
    const noFile = await t.app.inject({ method: "GET", url: `/api/documents/${doc.id}/file`, headers: office });
    expect(noFile.statusCode).toBe(404);
  });

  it("lets a unit officer read the register but not write it", async () => {
    expect((await get<DocumentDetail>(`/api/documents/${doc.id}`, kinhte)).can.edit).toBe(false);
    const body = multipart({
      direction: "incoming",
      numberAndSymbol: "9/UBND",
      typeCode: "CV",
      issuedOn: today,
      receivedOn: today,
      issuer: "UBND",
      summary: "Không được",
    });
    const r = await t.app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(r.statusCode).toBe(403);
  });
});
