import { sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  publicGroupPageSchema,
  publicIndicatorPageSchema,
  publicResidentialGroupListSchema,
  publicResidentialGroupPageSchema,
  publicTaskPageSchema,
  type TaskDetail,
} from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { loadSeedTemplate } from "../onboarding/service.js";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";

/**
 * Issue 7 item 2: a public page for every task, indicator, task group and residential group,
 * units only; staff link tasks to indicators and mark evidence photos public.
 */

let t: TestApp;
let admin: Record<string, string>;
let kinhte: Record<string, string>;
let vhxh: Record<string, string>;
/** A kinh-te officer whose name and email must never reach a public page. */
const WRITER = { username: "tranthuha", displayName: "Trần Thu Hà", email: "tran.thu.ha@example.vn" };
let writer: Record<string, string>;
/** iii-5-3 "Chấm dứt hoạt động đốt rơm rạ", owned by Phòng Kinh tế. */
let strawTask: TaskDetail;
let indicatorIds: Map<string, string>;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const taskByCode = async (code: string) => {
  const list = (await get("/api/tasks", admin)).json().tasks as { id: string; code: string }[];
  const found = list.find((x) => x.code === code);
  if (!found) throw new Error(`task ${code} missing`);
  return (await get(`/api/tasks/${found.id}`, admin)).json() as TaskDetail;
};
const auditActions = async (entityId: string) =>
  (
    (await t.database.db.execute(
      sql`select action from audit_log where entity_id = ${entityId} order by id`,
    )) as unknown as { rows: { action: string }[] }
  ).rows.map((r) => r.action);

async function postUpdate(
  headers: Record<string, string>,
  taskId: string,
  text: string,
  files: { filename: string; bytes: Buffer; type: string }[],
) {
  const body = multipart(
    { reportedOn: todayInVietnam(), text, status: "in_progress", progress: "60" },
    files.map((f) => ({ field: "files", ...f })),
  );
  const response = await t.app.inject({
    method: "POST",
    url: `/api/tasks/${taskId}/updates`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TaskDetail;
}

const setPublic = (headers: Record<string, string>, taskId: string, fileId: string, isPublic: boolean) =>
  t.app.inject({
    method: "PUT",
    url: `/api/tasks/${taskId}/files/${fileId}/public`,
    headers,
    payload: { isPublic },
  });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login("admin");
  kinhte = await t.login("kinhte");
  vhxh = await t.login("vhxh");
  const units = (await get("/api/units", admin)).json().units as { id: string; code: string }[];
  const created = await t.app.inject({
    method: "POST",
    url: "/api/users",
    headers: admin,
    payload: {
      ...WRITER,
      password: "ruong-lua-xanh-2026",
      role: "unit_officer",
      unitId: units.find((u) => u.code === "kinh-te")?.id ?? null,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  writer = await t.login(WRITER.username, "ruong-lua-xanh-2026");
  strawTask = await taskByCode("iii-5-3");
  const indicators = (await get("/api/indicators", admin)).json().indicators as { id: string; code: string }[];
  indicatorIds = new Map(indicators.map((i) => [i.code, i.id]));
});
afterAll(async () => t?.close());

describe("GET /api/public/tasks/:code", () => {
  it("gives the task in the plan's words with its owner, progress history and linked indicators", async () => {
    const response = await get("/api/public/tasks/iii-5-3");
    expect(response.statusCode, response.body).toBe(200);
    const page = publicTaskPageSchema.parse(response.json());
    const template = loadSeedTemplate();
    const seeded = template.taskGroups.flatMap((g) => g.tasks).find((x) => x.code === "iii-5-3");
    expect(page.task.text).toBe(seeded?.text);
    expect(page.task.owner.code).toBe("kinh-te");
    expect(page.ancestors.map((a) => a.code)).toEqual(["iii-5"]);
    expect(page.indicators.map((i) => i.code)).toContain("straw-burning-cases");
    expect(page.history.length).toBe(strawTask.updates.length);
    expect(page.updates.length).toBe(strawTask.updates.length);
    // History oldest first, updates newest first.
    const dates = page.history.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(page.updates[0]?.date).toBe(dates.at(-1));
    expect(page.task.progress).toBe(strawTask.progress);
  });

  it("answers in English labels with ?lang=en and the same body twice (no clock in it)", async () => {
    const vi = publicTaskPageSchema.parse((await get("/api/public/tasks/iii-5-3")).json());
    const en = publicTaskPageSchema.parse((await get("/api/public/tasks/iii-5-3?lang=en")).json());
    expect(en.task.statusLabel).not.toBe(vi.task.statusLabel);
    const again = await get("/api/public/tasks/iii-5-3");
    expect(again.body).toBe((await get("/api/public/tasks/iii-5-3")).body);
  });

  it("answers 404 in Vietnamese for an unknown task or ward, 400 for a malformed code", async () => {
    const unknown = await get("/api/public/tasks/iii-9-9");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: "NOT_FOUND", message: "Không tìm thấy nhiệm vụ" });
    expect((await get("/api/public/tasks/iii-5-3?ward=khong-co")).statusCode).toBe(404);
    expect((await get("/api/public/tasks/III_5")).statusCode).toBe(400);
  });
});

describe("GET /api/public/indicators/:code", () => {
  it("gives the series, the yearly trajectory to 2030, the split by residential group and the tasks behind it", async () => {
    const response = await get("/api/public/indicators/gap-organic-area-share");
    expect(response.statusCode, response.body).toBe(200);
    const page = publicIndicatorPageSchema.parse(response.json());
    const { indicator } = page;
    expect(indicator.targetValue).toBe(20);
    expect(indicator.targetYear).toBe(2030);
    expect(indicator.owner.code).toBe("kinh-te");
    expect(indicator.sources.length).toBeGreaterThan(0);
    expect(page.series.length).toBeGreaterThan(1);
    expect(page.series.at(-1)?.value).toBe(indicator.latest?.value);
    // From 1 January of the baseline year to 31 December 2030, one point a year.
    expect(indicator.baselineYear).toBe(2025);
    expect(page.trajectory.map((p) => p.date)).toEqual([
      "2025-01-01",
      ...[2025, 2026, 2027, 2028, 2029, 2030].map((y) => `${y}-12-31`),
    ]);
    expect(page.trajectory[0]?.value).toBe(indicator.baselineValue);
    expect(page.trajectory.at(-1)?.value).toBe(20);
    expect(page.groups?.values).toHaveLength(12);
    expect(page.groups?.values[0]?.code).toBe("tdp-01");
    expect(page.tasks.map((x) => x.code)).toEqual(expect.arrayContaining(["iii-5-1", "iii-5-2", "v-1-3"]));
  });

  it("has no split for a ward-level indicator and answers 404 for an unknown one", async () => {
    const page = publicIndicatorPageSchema.parse(
      (await get("/api/public/indicators/public-lighting-led-share")).json(),
    );
    expect(page.groups).toBeNull();
    const unknown = await get("/api/public/indicators/khong-co");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe("Không tìm thấy chỉ tiêu");
  });
});

describe("GET /api/public/groups/:code", () => {
  it("gives a sector's tasks, counts, progress, indicators and the other sectors", async () => {
    const page = publicGroupPageSchema.parse((await get("/api/public/groups/iii-5")).json());
    expect(page.group.title).toBe("Chuyển đổi xanh nông nghiệp");
    expect(page.tasks.map((x) => x.code)).toEqual(["iii-5-1", "iii-5-2", "iii-5-3", "iii-5-4"]);
    expect(page.summary.tasks).toBe(4);
    expect(page.indicators.map((i) => i.code)).toEqual(
      expect.arrayContaining(["gap-organic-area-share", "straw-burning-cases"]),
    );
    expect(page.siblings.map((s) => s.code)).toEqual(["iii-1", "iii-2", "iii-3", "iii-4", "iii-6"]);
  });

  it("gives a unit group of section V; a task that is not a group is 404", async () => {
    const page = publicGroupPageSchema.parse((await get("/api/public/groups/v-5")).json());
    expect(page.group.section).toBe("V");
    expect(page.group.owner.code).toBe("mttq");
    expect(page.tasks.length).toBeGreaterThanOrEqual(6);
    expect(page.siblings).toHaveLength(6);
    const notGroup = await get("/api/public/groups/iii-5-1");
    expect(notGroup.statusCode).toBe(404);
    expect(notGroup.json().error.message).toBe("Không tìm thấy nhóm nhiệm vụ");
  });
});

describe("GET /api/public/residential-groups/:code", () => {
  it("gives the group's households, its latest values beside the ward's, and the work in it", async () => {
    const page = publicResidentialGroupPageSchema.parse((await get("/api/public/residential-groups/tdp-03")).json());
    expect(page.group.name).toBe("Tổ dân phố số 3");
    expect(page.group.households).toBeGreaterThan(0);
    expect(page.indicators.length).toBeGreaterThan(0);
    for (const i of page.indicators) expect(i.wardValue).not.toBeNull();
    const water = page.indicators.find((i) => i.code === "clean-water-household-share");
    expect(water?.unitOfMeasure).toBe("%");
    // The plan gives work to "the residential groups" together: every group sees it.
    expect(page.sharedWork.length).toBeGreaterThan(0);
    expect(page.siblings).toHaveLength(11);
  });

  it("lists the ward's residential groups to pick one from", async () => {
    const list = publicResidentialGroupListSchema.parse((await get("/api/public/residential-groups")).json());
    expect(list.groups.map((g) => g.code).slice(0, 3)).toEqual(["tdp-01", "tdp-02", "tdp-03"]);
    expect(list.groups).toHaveLength(12);
  });

  it("answers 404 for a unit that is not a residential group", async () => {
    const response = await get("/api/public/residential-groups/kinh-te");
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe("Không tìm thấy tổ dân phố");
  });
});

describe("task ↔ indicator links", () => {
  it("lets the owner unit link and unlink, audited, and the public pages follow", async () => {
    const indicatorId = indicatorIds.get("clean-water-household-share") ?? "";
    const linked = await t.app.inject({
      method: "PUT",
      url: `/api/tasks/${strawTask.id}/indicators/${indicatorId}`,
      headers: kinhte,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().indicators.map((i: { code: string }) => i.code)).toContain("clean-water-household-share");
    expect(linked.json().canEdit).toBe(true);
    // Linking twice changes nothing and writes no second audit row.
    await t.app.inject({ method: "PUT", url: `/api/tasks/${strawTask.id}/indicators/${indicatorId}`, headers: kinhte });
    expect((await auditActions(strawTask.id)).filter((a) => a === "task.link_indicator")).toHaveLength(2);

    const staffList = (await get(`/api/indicators/${indicatorId}/tasks`, kinhte)).json();
    expect(staffList.tasks.map((x: { code: string }) => x.code)).toContain("iii-5-3");
    const publicIndicator = publicIndicatorPageSchema.parse(
      (await get("/api/public/indicators/clean-water-household-share")).json(),
    );
    expect(publicIndicator.tasks.map((x) => x.code)).toContain("iii-5-3");

    const unlinked = await t.app.inject({
      method: "DELETE",
      url: `/api/tasks/${strawTask.id}/indicators/${indicatorId}`,
      headers: kinhte,
    });
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json().indicators.map((i: { code: string }) => i.code)).not.toContain(
      "clean-water-household-share",
    );
    expect(await auditActions(strawTask.id)).toContain("task.unlink_indicator");
    const after = publicTaskPageSchema.parse((await get("/api/public/tasks/iii-5-3")).json());
    expect(after.indicators.map((i) => i.code)).not.toContain("clean-water-household-share");
  });

  it("refuses another unit's officer, and a link to a group heading or another ward's indicator", async () => {
    const indicatorId = indicatorIds.get("clean-water-household-share") ?? "";
    const refused = await t.app.inject({
      method: "PUT",
      url: `/api/tasks/${strawTask.id}/indicators/${indicatorId}`,
      headers: vhxh,
    });
    expect(refused.statusCode).toBe(403);
    const seen = (await get(`/api/tasks/${strawTask.id}/indicators`, vhxh)).json();
    expect(seen.canEdit).toBe(false);
    const group = await taskByCode("iii-5");
    const toGroup = await t.app.inject({
      method: "PUT",
      url: `/api/tasks/${group.id}/indicators/${indicatorId}`,
      headers: admin,
    });
    expect(toGroup.statusCode).toBe(400);
    const unknown = await t.app.inject({
      method: "PUT",
      url: `/api/tasks/${strawTask.id}/indicators/00000000-0000-4000-8000-000000000000`,
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe("evidence photos on the public task page", () => {
  let photoId: string;
  let pdfId: string;

  beforeAll(async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([200, 200]);
    const detail = await postUpdate(writer, strawTask.id, "Đã kiểm tra các cánh đồng sau thu hoạch", [
      { filename: "tran-thu-ha-dong-lua.png", bytes: TINY_PNG, type: "image/png" },
      { filename: "bien-ban.pdf", bytes: Buffer.from(await pdf.save()), type: "application/pdf" },
    ]);
    const files = detail.updates[0]?.files ?? [];
    photoId = files.find((f) => f.mimeType === "image/png")?.id ?? "";
    pdfId = files.find((f) => f.mimeType === "application/pdf")?.id ?? "";
    expect(files.every((f) => f.isPublic === false)).toBe(true);
  });

  it("does not list or serve a photo nobody marked public", async () => {
    const page = publicTaskPageSchema.parse((await get("/api/public/tasks/iii-5-3")).json());
    expect(page.photos).toEqual([]);
    expect((await get(`/api/public/files/${photoId}`)).statusCode).toBe(404);
    expect((await get(`/api/public/files/${pdfId}`)).statusCode).toBe(404);
  });

  it("refuses another unit's officer and a document that is not a photo", async () => {
    expect((await setPublic(vhxh, strawTask.id, photoId, true)).statusCode).toBe(403);
    expect((await setPublic(kinhte, strawTask.id, pdfId, true)).statusCode).toBe(400);
    const otherTask = await taskByCode("iii-5-1");
    expect((await setPublic(admin, otherTask.id, photoId, true)).statusCode).toBe(404);
  });

  it("serves a photo marked public, lists it on the task page, and withdraws it again, audited", async () => {
    const marked = await setPublic(kinhte, strawTask.id, photoId, true);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ fileId: photoId, isPublic: true });
    const staff = (await get(`/api/tasks/${strawTask.id}`, kinhte)).json() as TaskDetail;
    expect(staff.updates.flatMap((u) => u.files).find((f) => f.id === photoId)?.isPublic).toBe(true);

    const page = publicTaskPageSchema.parse((await get("/api/public/tasks/iii-5-3?ward=viet-hoa")).json());
    expect(page.photos).toEqual([
      { id: photoId, url: `/api/public/files/${photoId}?ward=viet-hoa`, date: todayInVietnam() },
    ]);
    const bytes = await get(page.photos[0]?.url ?? "");
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers["content-type"]).toBe("image/png");
    expect(String(bytes.headers["cache-control"])).toContain("max-age=86400");
    expect(bytes.headers["content-disposition"]).toBeUndefined();
    expect((await get(`/api/public/files/${photoId}?ward=khong-co`)).statusCode).toBe(404);

    expect((await setPublic(kinhte, strawTask.id, photoId, false)).statusCode).toBe(200);
    expect((await get(`/api/public/files/${photoId}`)).statusCode).toBe(404);
    expect(await auditActions(strawTask.id)).toEqual(
      expect.arrayContaining(["task.publish_photo", "task.withdraw_photo"]),
    );
    await setPublic(kinhte, strawTask.id, photoId, true);
  });
});

describe("no personal data on any public page", () => {
  it("never names the officer who wrote an update, their account, email or file names", async () => {
    await postUpdate(writer, strawTask.id, "Phối hợp tổ dân phố kiểm tra đồng ruộng", []);
    const users = (
      (await t.database.db.execute(sql`select username, display_name, email from users`)) as unknown as {
        rows: { username: string; display_name: string; email: string | null }[];
      }
    ).rows;
    const urls = [
      "/api/public/tasks/iii-5-3",
      "/api/public/tasks/iii-5",
      "/api/public/tasks/v-5-3",
      "/api/public/indicators/straw-burning-cases",
      "/api/public/indicators/gap-organic-area-share",
      "/api/public/groups/iii-5",
      "/api/public/groups/v-1",
      "/api/public/residential-groups/tdp-01",
      "/api/public/residential-groups",
    ];
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      // Unit codes may coincide with demo user names ("vhxh", "mttq"): codes of units are public.
      const body = response.body.replace(/"code":"[^"]*"/g, "");
      expect(body, url).not.toContain(WRITER.displayName);
      expect(body, url).not.toContain(WRITER.email);
      expect(body, url).not.toContain(WRITER.username);
      expect(body, url).not.toContain("tran-thu-ha");
      for (const user of users) {
        expect(body, `${url}: ${user.username}`).not.toContain(`"${user.username}"`);
        expect(body, url).not.toContain(user.display_name);
        if (user.email) expect(body, url).not.toContain(user.email);
      }
      expect(body, url).not.toMatch(/author|userId|recordedBy|createdBy|filename|password/i);
    }
    const page = publicTaskPageSchema.parse((await get("/api/public/tasks/iii-5-3")).json());
    expect(page.updates[0]?.text).toBe("Phối hợp tổ dân phố kiểm tra đồng ruộng");
  });
});
