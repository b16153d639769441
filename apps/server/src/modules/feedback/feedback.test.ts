import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addWorkingDays,
  periodStart,
  type PublicCategoryList,
  type PublicReport,
  type StaffReportDetail,
  type StaffReportList,
  type SubmittedReport,
} from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";
import { STRAW_BURNING_SOURCE } from "./indicator-counts.js";
import { eraseExpiredContacts } from "./privacy.js";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../files/fixtures");

let t: TestApp;
let office: Record<string, string>;
let kinhte: Record<string, string>;
let vhxh: Record<string, string>;
let categories: PublicCategoryList;
const mails: { to: string; text: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

/** A JPEG carrying GPS coordinates in its EXIF, as a phone writes it. */
let phoneJpeg: Buffer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        for (const to of session.envelope.rcptTo)
          mails.push({ to: to.address, text: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = (smtp.server.address() as { port: number }).port;
  t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true` } });
  office = await t.login("vanphong");
  kinhte = await t.login("kinhte");
  vhxh = await t.login("vhxh");
  categories = (await t.app.inject({ url: "/api/public/feedback/categories" })).json();
  phoneJpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 20 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Secret Phone 9" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 56/1 38/1" },
    })
    .toBuffer();
}, 120_000);

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

const group = (i: number) => categories.residentialGroups[i]?.code ?? "";

async function submit(
  fields: Record<string, string>,
  photos: { filename: string; bytes: Buffer; type: string }[] = [],
  headers: Record<string, string> = {},
) {
  const body = multipart(
    fields,
    photos.map((p) => ({ field: "photos", ...p })),
  );
  return t.app.inject({
    method: "POST",
    url: "/api/public/feedback/reports",
    headers: { ...body.headers, ...headers },
    payload: body.payload,
  });
}

async function submitOk(
  fields: Record<string, string>,
  photos: { filename: string; bytes: Buffer; type: string }[] = [],
) {
  const r = await submit(fields, photos);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as SubmittedReport;
}

const publicReport = async (code: string) => {
  const r = await t.app.inject({ url: `/api/public/feedback/reports/${code}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PublicReport;
};

async function staffFind(code: string, headers = office): Promise<StaffReportDetail> {
  const list = (
    await t.app.inject({ url: `/api/feedback/reports?queue=all&q=${code}`, headers })
  ).json() as StaffReportList;
  const id = list.reports.find((r) => r.code === code)?.id;
  expect(id, `report ${code} in the inbox`).toBeTruthy();
  const r = await t.app.inject({ url: `/api/feedback/reports/${id}`, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

async function act(report: StaffReportDetail, action: Record<string, unknown>, headers = office) {
  return t.app.inject({
    method: "POST",
    url: `/api/feedback/reports/${report.id}/actions`,
    headers,
    payload: { version: report.version, ...action },
  });
}

async function actOk(
  report: StaffReportDetail,
  action: Record<string, unknown>,
  headers = office,
): Promise<StaffReportDetail> {
  const r = await act(report, action, headers);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const straw = (extra: Record<string, string> = {}) => ({
  category: "dot-rom-ra",
  description: "Đang đốt rơm ở cánh đồng sau trường tiểu học, khói nhiều.",
  answers: JSON.stringify({ dang_chay: "co" }),
  lat: "20.9441",
  lng: "106.2872",
  locationSource: "map",
  ...extra,
});

describe("reporting from a phone", () => {
  it("lists categories with their questions, unit, task, groups and the consent line", () => {
    const strawCategory = categories.categories.find((c) => c.code === "dot-rom-ra");
    expect(strawCategory?.questions.map((q) => q.code)).toContain("dang_chay");
    expect(strawCategory?.unit.code).toBe("kinh-te");
    expect(strawCategory?.task?.code).toBe("iii-5-3");
    expect(categories.residentialGroups.length).toBeGreaterThan(5);
    expect(categories.consent.text).toMatch(/xóa 180 ngày sau/);
    expect(categories.centre).not.toBeNull();
  });

  it("takes a report with a photo and a pin, answers a tracking code, and strips the photo's metadata", async () => {
    const sent = await submitOk(
      straw({
        residentialGroup: group(0),
        name: "Nguyễn Văn Thử",
        phone: "0912 345 678",
        email: "thu@example.vn",
        consent: "true",
        notify: "true",
      }),
      [{ filename: "anh.jpg", bytes: phoneJpeg, type: "image/jpeg" }],
    );
    expect(sent.code).toMatch(/^PA-[2-9A-HJKMNP-Z]{6}$/);
    expect(sent.followPath).toContain(sent.code);
    // The key in the fragment: browsers never send it, so no access log or proxy holds it.
    expect(sent.followPath).toMatch(new RegExp(`#k=${sent.reporterKey}$`));
    expect(sent.followPath.split("#")[0]).not.toContain(sent.reporterKey);
    expect(sent.dueOn).toBe(addWorkingDays(todayInVietnam(), 2));
    expect(sent.unit.code).toBe("kinh-te");
    const report = await staffFind(sent.code);
    expect(report.status).toBe("new");
    expect(report.contact?.email).toBe("thu@example.vn");
    expect(report.photos).toHaveLength(1);
    const photo = await t.app.inject({ url: report.photos[0]?.url ?? "", headers: office });
    expect(photo.statusCode).toBe(200);
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(photo.rawPayload.includes(Buffer.from("Secret Phone"))).toBe(false);
    // Not public until staff accept the report.
    const pub = await publicReport(sent.code);
    expect(pub.photos).toEqual([]);
    expect(JSON.stringify(pub)).not.toMatch(/Nguyễn Văn Thử|0912|thu@example/);
  });

  it("decodes a HEIC photo from an iPhone and keeps it as a JPEG without its GPS", async () => {
    const heic = fs.readFileSync(path.join(fixtures, "phone-gps.heic"));
    const sent = await submitOk(straw({ residentialGroup: group(1) }), [
      { filename: "IMG_0001.HEIC", bytes: heic, type: "image/heic" },
    ]);
    const report = await staffFind(sent.code);
    const photo = await t.app.inject({ url: report.photos[0]?.url ?? "", headers: office });
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
  });

  it("refuses bad input with the field named and saves nothing", async () => {
    const count = async () =>
      Number(
        (
          (await t.database.db.execute(sql`select count(*)::int as n from feedback_reports`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]?.n,
      );
    const before = await count();
    const cases: [Record<string, string>, { filename: string; bytes: Buffer; type: string }[], number, string][] = [
      [straw({ category: "khong-co" }), [], 400, "category"],
      [straw({ answers: "{}" }), [], 400, "answers.dang_chay"],
      [straw({ answers: JSON.stringify({ dang_chay: "chay-to" }) }), [], 400, "answers.dang_chay"],
      [straw({ description: "ngắn" }), [], 400, "description"],
      [{ ...straw(), lat: "", lng: "" }, [], 400, "address"],
      [straw({ lat: "95" }), [], 400, "lat"],
      [straw({ email: "thu@example.vn" }), [], 400, "consent"],
      [straw({ notify: "true" }), [], 400, "email"],
      [straw({ residentialGroup: "tdp-99" }), [], 400, "residentialGroup"],
      [straw({ answers: JSON.stringify({ dang_chay: "co\u0000" }) }), [], 400, "answers"],
      [
        straw(),
        [{ filename: "virus.exe", bytes: Buffer.from("MZ\x90\x00 not a photo at all"), type: "image/jpeg" }],
        415,
        "photos",
      ],
      [
        straw(),
        [
          {
            filename: "doc.pdf",
            bytes: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"),
            type: "application/pdf",
          },
        ],
        415,
        "photos",
      ],
      [
        straw(),
        Array.from({ length: 6 }, (_, i) => ({ filename: `a${i}.jpg`, bytes: phoneJpeg, type: "image/jpeg" })),
        400,
        "photos",
      ],
    ];
    for (const [fields, photos, status, pathName] of cases) {
      const r = await submit(fields, photos);
      expect(r.statusCode, `${pathName}: ${r.body}`).toBe(status);
      const error = r.json().error as { code: string; details?: { path: string }[] };
      expect(error.details?.map((d) => d.path).join(" "), r.body).toContain(pathName);
    }
    expect(await count()).toBe(before);
  });

  it("refuses a photo over the size limit", async () => {
    const big = Buffer.concat([phoneJpeg, Buffer.alloc(11 * 1024 * 1024)]);
    const r = await submit(straw(), [{ filename: "big.jpg", bytes: big, type: "image/jpeg" }]);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe("FILE_TOO_LARGE");
  });

  it("limits one device to ten reports an hour, without limiting its neighbours behind the same address", async () => {
    const device = { "x-device-id": "device-abcdefghijklmnop" };
    for (let i = 0; i < 10; i++)
      expect((await submit(straw({ residentialGroup: group(2) }), [], device)).statusCode).toBe(201);
    const refused = await submit(straw(), [], device);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("RATE_LIMITED");
    expect((await submit(straw(), [], { "x-device-id": "device-zyxwvutsrqponmlk" })).statusCode).toBe(201);
  });

  it("suggests open reports of the same category nearby before sending", async () => {
    const sent = await submitOk(straw({ lat: "20.9500", lng: "106.3000", residentialGroup: group(3) }));
    const near = (
      await t.app.inject({ url: "/api/public/feedback/nearby?category=dot-rom-ra&lat=20.9505&lng=106.3003" })
    ).json();
    expect(near.reports.map((r: { code: string }) => r.code)).toContain(sent.code);
    const far = (
      await t.app.inject({ url: "/api/public/feedback/nearby?category=dot-rom-ra&lat=20.9700&lng=106.3300" })
    ).json();
    expect(far.reports.map((r: { code: string }) => r.code)).not.toContain(sent.code);
    const other = (
      await t.app.inject({ url: "/api/public/feedback/nearby?category=den-chieu-sang&lat=20.9505&lng=106.3003" })
    ).json();
    expect(other.reports.map((r: { code: string }) => r.code)).not.toContain(sent.code);
  });
});

describe("handling a report", () => {
  it("routes by category and residential group; the deadline follows the category in working days", async () => {
    const [first, fifth] = [group(0), group(5)];
    const a = await submitOk({
      category: "den-chieu-sang",
      description: "Đèn đường trước nhà văn hóa không sáng.",
      answers: '{"sang_ban_ngay":"khong"}',
      residentialGroup: first,
      address: "Số 3",
    });
    const b = await submitOk({
      category: "den-chieu-sang",
      description: "Đèn đường đầu ngõ không sáng mấy hôm.",
      answers: '{"sang_ban_ngay":"khong"}',
      residentialGroup: fifth,
      address: "Số 9",
    });
    expect(a.unit.code).toBe("trung-tam");
    expect(b.unit.code).toBe("kinh-te");
    expect(a.dueOn).toBe(addWorkingDays(todayInVietnam(), 7));
  });

  it("takes a report from new to fixed with public answers, internal notes, and the reporter told by email", async () => {
    const sent = await submitOk(
      straw({ residentialGroup: group(4), email: "theodoi@example.vn", consent: "true", notify: "true" }),
    );
    let report = await staffFind(sent.code);
    report = await actOk(report, { action: "accept", response: "Phường đã tiếp nhận và cử cán bộ kiểm tra." });
    expect(report.status).toBe("confirmed");
    report = await actOk(report, { action: "note", text: "Chủ ruộng là ông B, đã nhắc nhở lần 2." });
    report = await actOk(
      report,
      { action: "status", status: "fixed", response: "Đã dập lửa và lập biên bản." },
      kinhte,
    );
    expect(report.status).toBe("fixed");
    const pub = await publicReport(sent.code);
    expect(pub.status).toBe("fixed");
    expect(pub.timeline.map((e) => e.text)).toEqual(
      expect.arrayContaining(["Phường đã tiếp nhận và cử cán bộ kiểm tra.", "Đã dập lửa và lập biên bản."]),
    );
    expect(JSON.stringify(pub)).not.toContain("ông B");
    expect(pub.unit.code).toBe("kinh-te");
    expect(pub.reopenUntil).not.toBeNull();
    await expect
      .poll(() => mails.filter((m) => m.to === "theodoi@example.vn").length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(2);
    const texts = mails
      .filter((m) => m.to === "theodoi@example.vn")
      .map((m) => m.text)
      .join("\n");
    expect(texts).toContain(sent.code);
    expect(texts).not.toContain("ông B");
  });

  it("lets only the handling staff see the reporter's contact, and records who looked", async () => {
    const sent = await submitOk(
      straw({ residentialGroup: group(0), name: "Trần Thị Riêng", phone: "0987654321", consent: "true" }),
    );
    expect((await staffFind(sent.code, kinhte)).contact?.name).toBe("Trần Thị Riêng");
    expect((await staffFind(sent.code, vhxh)).contact).toBeNull();
    const admin = await t.login("admin");
    expect((await staffFind(sent.code, admin)).contact).toBeNull();
    const audit = (await t.database.db.execute(
      sql`select actor_name from audit_log where action = 'feedback.contact.view' and after->>'code' = ${sent.code}`,
    )) as unknown as { rows: unknown[] };
    expect(audit.rows.length).toBe(1);
  });

  it("lets a unit officer handle only its reports, and only triage reject or merge", async () => {
    const sent = await submitOk(straw({ residentialGroup: group(0) }));
    const report = await staffFind(sent.code, vhxh);
    expect(report.can).toEqual({ triage: false, handle: false });
    expect((await act(report, { action: "accept" }, vhxh)).statusCode).toBe(403);
    const own = await staffFind(sent.code, kinhte);
    expect((await act(own, { action: "reject", response: "Không thuộc thẩm quyền." }, kinhte)).statusCode).toBe(403);
    const accepted = await actOk(own, { action: "accept" }, kinhte);
    expect((await act(own, { action: "note", text: "Bản cũ" }, kinhte)).statusCode).toBe(409);
    expect(accepted.version).toBe(own.version + 1);
  });

  it("merges a duplicate into the original, and its follower is sent there", async () => {
    const original = await submitOk(straw({ residentialGroup: group(1) }));
    const copy = await submitOk(straw({ residentialGroup: group(1) }));
    const merged = await actOk(await staffFind(copy.code), { action: "duplicate", of: original.code });
    expect(merged.status).toBe("duplicate");
    expect(merged.duplicateOf?.code).toBe(original.code);
    const pub = await publicReport(copy.code);
    expect(pub.duplicateOf).toBe(original.code);
    expect(pub.open).toBe(false);
    expect((await staffFind(original.code)).duplicates.map((d) => d.code)).toContain(copy.code);
  });

  it("counts confirmed straw-burning reports toward the indicator for their residential group and period", async () => {
    const groupCode = group(6);
    const today = todayInVietnam();
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const first = await staffFind((await submitOk(straw({ residentialGroup: groupCode }))).code);
    const groupId = first.residentialGroup?.id ?? "";
    const strawId = first.category.id;
    const count = async () => {
      const rows = (await t.database.db.execute(
        sql`select m.value, m.source, m.note from measurements m join indicators i on i.id = m.indicator_id
            where i.code = 'straw-burning-cases' and m.residential_group_id = ${groupId} and m.period = ${quarter}`,
      )) as unknown as { rows: { value: number; source: string; note: string | null }[] };
      return rows.rows;
    };
    const before = (await count())[0]?.value ?? 0;
    const list = (
      await t.app.inject({
        url: `/api/feedback/reports?queue=new&residentialGroup=${groupId}&category=${strawId}`,
        headers: office,
      })
    ).json() as StaffReportList;
    for (const r of list.reports) await actOk(await staffFind(r.code), { action: "accept" });
    const [row] = await count();
    expect(row?.value).toBe(before + list.reports.length);
    expect(row?.source).toBe(STRAW_BURNING_SOURCE);
    expect(row?.note).toMatch(/^Theo tháng: /);
    // A note or an answer moves no count: the measurement is not rewritten (no new audit row).
    const measurementAudits = async () =>
      Number(
        (
          (await t.database.db.execute(
            sql`select count(*)::int as n from audit_log where action like 'measurement.%'`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0]?.n,
      );
    const auditsBefore = await measurementAudits();
    const noted = list.reports[1];
    if (noted) await actOk(await staffFind(noted.code), { action: "note", text: "Đã gọi điện cho trưởng thôn." });
    expect(await measurementAudits()).toBe(auditsBefore);
    // Rejecting one as not the ward's takes it off the count.
    const one = list.reports[0];
    if (one) await actOk(await staffFind(one.code), { action: "reject", response: "Không phải đốt rơm, là khói bếp." });
    const reported = before + list.reports.length - 1;
    expect((await count())[0]?.value).toBe(reported);
    // A fire reported today, and a farmer's diary saying a field of the group was burnt today:
    // the same fire, counted once. A burning on another day of the quarter is one more.
    await actOk(await staffFind((await submitOk(straw({ residentialGroup: groupCode }))).code), { action: "accept" });
    expect((await count())[0]?.value).toBe(reported + 1);
    const post = async (url: string, payload: object) => {
      const r = await t.app.inject({ method: "POST", url, headers: kinhte, payload });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json() as { id: string };
    };
    const farm = await post("/api/agriculture/farms", { kind: "household", name: "Hộ Bên Đồng", proxyConsent: true });
    const plot = await post("/api/agriculture/plots", {
      farmId: farm.id,
      name: "Thửa sau trường",
      areaHa: 0.4,
      residentialGroup: groupCode,
      crop: "Lúa",
    });
    const quarterStart = periodStart(quarter);
    const season = await post(`/api/agriculture/plots/${plot.id}/seasons`, {
      name: "Vụ Mùa",
      crop: "Lúa",
      startedOn: quarterStart,
    });
    const burnt = (occurredOn: string) => ({
      clientId: crypto.randomUUID(),
      occurredOn,
      details: { kind: "residue", handling: "burnt", tonnesDm: 1 },
    });
    await post(`/api/agriculture/seasons/${season.id}/entries`, { entries: [burnt(today)] });
    expect((await count())[0]?.value).toBe(reported + 1);
    const otherDay = today === quarterStart ? `${today.slice(0, 8)}02` : quarterStart;
    await post(`/api/agriculture/seasons/${season.id}/entries`, { entries: [burnt(otherDay)] });
    const [withDiary] = await count();
    expect(withDiary?.value).toBe(reported + 2);
    expect(withDiary?.note).toContain("1 nhật ký");
    // A figure the unit entered itself stands.
    await t.database.db.execute(
      sql`update measurements set source = 'Báo cáo của đơn vị', value = 7 where residential_group_id = ${groupId} and period = ${quarter}`,
    );
    await actOk(await staffFind((await submitOk(straw({ residentialGroup: groupCode }))).code), { action: "accept" });
    expect((await count())[0]?.value).toBe(7);
  });

  it("needs the residential group to accept a report that counts toward a per-group indicator, set by the act or a move", async () => {
    const groupId = (await staffFind((await submitOk(straw({ residentialGroup: group(2) }))).code)).residentialGroup
      ?.id;
    const sent = await submitOk(straw());
    const report = await staffFind(sent.code);
    const r = await act(report, { action: "accept" });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe("residentialGroupId");
    const accepted = await actOk(report, { action: "accept", residentialGroupId: groupId });
    expect(accepted.status).toBe("confirmed");
    expect(accepted.residentialGroup?.id).toBe(groupId);
    const other = await staffFind((await submitOk(straw())).code);
    const moved = await actOk(other, {
      action: "move",
      lat: 20.945,
      lng: 106.288,
      residentialGroupId: groupId,
      address: "Ruộng sau trường",
    });
    expect((await actOk(moved, { action: "accept" })).status).toBe("confirmed");
  });

  it("shows queues with counts: new, due soon and overdue", async () => {
    const sent = await submitOk(straw({ residentialGroup: group(3) }));
    await t.database.db.execute(sql`update feedback_reports set due_on = current_date - 3 where code = ${sent.code}`);
    const overdue = (
      await t.app.inject({ url: "/api/feedback/reports?queue=overdue", headers: office })
    ).json() as StaffReportList;
    expect(overdue.reports.map((r) => r.code)).toContain(sent.code);
    expect(overdue.reports.every((r) => r.late)).toBe(true);
    expect(overdue.counts.overdue).toBeGreaterThanOrEqual(1);
    const soon = (
      await t.app.inject({ url: "/api/feedback/reports?queue=due_soon", headers: office })
    ).json() as StaffReportList;
    expect(soon.reports.every((r) => r.dueSoon && !r.late)).toBe(true);
    expect(soon.reports.map((r) => r.code)).not.toContain(sent.code);
    t.forgetCaches();
    const pub = await publicReport(sent.code);
    expect(pub.late).toBe(true);
  });
});

describe("the reporter follows up", () => {
  it("adds information with the key, and reopens a report closed as fixed within 30 days", async () => {
    const sent = await submitOk(straw({ residentialGroup: group(0) }));
    const key = sent.reporterKey;
    const add = multipart({ reporterKey: key, text: "Chiều nay lại tiếp tục đốt." });
    const added = await t.app.inject({
      method: "POST",
      url: `/api/public/feedback/reports/${sent.code}/information`,
      headers: add.headers,
      payload: add.payload,
    });
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as PublicReport).timeline.map((e) => e.text)).toContain("Chiều nay lại tiếp tục đốt.");
    const wrong = multipart({ reporterKey: "x".repeat(32), text: "Không phải người phản ánh" });
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: `/api/public/feedback/reports/${sent.code}/information`,
          headers: wrong.headers,
          payload: wrong.payload,
        })
      ).statusCode,
    ).toBe(404);

    const reopen = (reason: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/public/feedback/reports/${sent.code}/reopen`,
        payload: { reporterKey: key, reason },
      });
    expect((await reopen("Vẫn còn đốt")).statusCode).toBe(409);
    let report = await staffFind(sent.code);
    report = await actOk(report, { action: "accept" });
    await actOk(report, { action: "status", status: "fixed", response: "Đã xử lý." });
    const reopened = await reopen("Hôm nay vẫn còn đốt rơm ở đó.");
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((reopened.json() as PublicReport).status).toBe("confirmed");
    report = await staffFind(sent.code);
    await actOk(report, { action: "status", status: "fixed" });
    await t.database.db.execute(
      sql`update feedback_reports set closed_at = now() - interval '31 days' where code = ${sent.code}`,
    );
    const late = await reopen("Vẫn còn");
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/30 ngày/);
  });
});

describe("public reads", () => {
  it("are served from the snapshot with an ETag and 304, and a write is seen at once", async () => {
    const first = await t.app.inject({ url: "/api/public/feedback/reports?status=open" });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    const again = await t.app.inject({
      url: "/api/public/feedback/reports?status=open",
      headers: { "if-none-match": etag },
    });
    expect(again.statusCode).toBe(304);
    const sent = await submitOk(straw({ residentialGroup: group(2) }));
    const after = await t.app.inject({
      url: "/api/public/feedback/reports?status=open",
      headers: { "if-none-match": etag },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().reports.map((r: { code: string }) => r.code)).toContain(sent.code);
  });

  it("blur sensitive reports on the map and never carry a contact", async () => {
    const sent = await submitOk(
      straw({ residentialGroup: group(2), lat: "20.94123", lng: "106.28765", name: "Lê Văn Kín", consent: "true" }),
    );
    const map = (await t.app.inject({ url: "/api/public/feedback/map" })).json();
    const feature = map.features.find((f: { properties: { code: string } }) => f.properties.code === sent.code);
    expect(feature.properties.approximate).toBe(true);
    expect(feature.geometry.coordinates).not.toEqual([106.28765, 20.94123]);
    expect(JSON.stringify(map)).not.toContain("Lê Văn Kín");
  });
});

describe("a burst of submissions", () => {
  it("takes 200 reports sent at once: every one saved with its own code, none refused, no 5xx", async () => {
    const count = async () =>
      Number(
        (
          (await t.database.db.execute(sql`select count(*)::int as n from feedback_reports`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]?.n,
      );
    const before = await count();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        submit(
          {
            category: "rac-chua-thu-gom",
            description: `Rác chưa thu gom ở điểm số ${i} từ hôm qua.`,
            residentialGroup: group(i % 5),
            address: `Điểm ${i}`,
          },
          i % 4 === 0 ? [{ filename: "anh.jpg", bytes: phoneJpeg, type: "image/jpeg" }] : [],
          { "x-device-id": `burst-device-${String(i).padStart(8, "0")}` },
        ),
      ),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);
    const codes = new Set(answers.map((a) => (a.json() as SubmittedReport).code));
    expect(codes.size).toBe(200);
    expect(await count()).toBe(before + 200);
  }, 120_000);
});

describe("plan links", () => {
  it("shows report counts and handling time per category on the public plan, each linked to its task", async () => {
    const plan = (await t.app.inject({ url: "/api/public/plan" })).json() as {
      feedback: {
        code: string;
        taskCode: string | null;
        total: number;
        open: number;
        closed: number;
        medianDays: number | null;
      }[];
    };
    const rows = (await t.database.db.execute(
      sql`select count(*)::int as total, count(*) filter (where r.status in ('new','confirmed','investigating','in_progress','action_scheduled'))::int as open
          from feedback_reports r join feedback_categories c on c.id = r.category_id where c.code = 'dot-rom-ra'`,
    )) as unknown as { rows: { total: number; open: number }[] };
    const straw = plan.feedback.find((f) => f.code === "dot-rom-ra");
    expect(straw?.taskCode).toBe("iii-5-3");
    expect(straw?.total).toBe(rows.rows[0]?.total);
    expect(straw?.open).toBe(rows.rows[0]?.open);
    expect(straw?.medianDays).not.toBeNull();
  });
});

describe("personal data", () => {
  it("exports and erases one person's data without breaking their reports", async () => {
    const sent = await submitOk(
      straw({
        residentialGroup: group(1),
        name: "Phạm Văn Xóa",
        email: "Xoa@Example.vn",
        phone: "+84 912 000 111",
        consent: "true",
      }),
    );
    const exported = await t.app.inject({ url: "/api/feedback/people?phone=0912000111", headers: office });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.json().reports.map((r: { code: string }) => r.code)).toContain(sent.code);
    expect((await t.app.inject({ url: "/api/feedback/people?email=xoa@example.vn", headers: kinhte })).statusCode).toBe(
      403,
    );
    const erased = await t.app.inject({
      method: "POST",
      url: "/api/feedback/people/erase",
      headers: office,
      payload: { email: "xoa@example.vn" },
    });
    expect(erased.json().reports).toBe(1);
    const report = await staffFind(sent.code);
    expect(report.contact?.name).toBeNull();
    expect(report.contact?.erasedAt).not.toBeNull();
    expect((await publicReport(sent.code)).code).toBe(sent.code);
  });

  it("erases contacts automatically once a report has been closed longer than the retention period", async () => {
    const sent = await submitOk(straw({ residentialGroup: group(1), name: "Đỗ Hết Hạn", consent: "true" }));
    let report = await staffFind(sent.code);
    report = await actOk(report, { action: "accept" });
    await actOk(report, { action: "status", status: "fixed" });
    expect(await eraseExpiredContacts(t.database.db, 180)).toBe(0);
    await t.database.db.execute(
      sql`update feedback_reports set closed_at = now() - interval '181 days' where code = ${sent.code}`,
    );
    expect(await eraseExpiredContacts(t.database.db, 180)).toBeGreaterThanOrEqual(1);
    expect((await staffFind(sent.code)).contact?.name).toBeNull();
  });
});
