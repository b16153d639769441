import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { TaskDetail, TaskSummary } from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";

const today = todayInVietnam();

let t: TestApp;
let leader: Record<string, string>;
let kinhte: Record<string, string>;
let tasks: TaskSummary[];

const get = async <T>(url: string, headers = leader): Promise<T> => {
  const r = await t.app.inject({ method: "GET", url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login("lanhdao");
  kinhte = await t.login("kinhte");
  tasks = (await get<{ tasks: TaskSummary[] }>("/api/tasks")).tasks;
});
afterAll(async () => t?.close());

const auditRows = async (entityId: string) =>
  (
    (await t.database.db.execute(
      sql`select action, before, after, actor_name from audit_log where entity_id = ${entityId} order by id`,
    )) as unknown as {
      rows: {
        action: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown>;
        actor_name: string;
      }[];
    }
  ).rows;

describe("the plan's tasks", () => {
  it("holds every section III task and section V duty, grouped under their headings", () => {
    const groups = tasks.filter((x) => x.kind === "group" && x.parentId === null);
    expect(groups.filter((g) => g.section === "III")).toHaveLength(6);
    expect(groups.filter((g) => g.section === "V")).toHaveLength(7);
    expect(tasks.filter((x) => x.kind === "movement")).toHaveLength(5);
    expect(tasks.every((x) => x.owner.code !== "?")).toBe(true);
  });

  it("gives a group the status of its work: started once any child is, never a stale 'not started'", () => {
    for (const group of tasks.filter((x) => x.kind === "group")) {
      const children = tasks.filter((x) => x.parentId === group.id);
      if (children.some((c) => c.status !== "not_started")) expect(group.status, group.ref).not.toBe("not_started");
    }
  });

  it("finds tasks whatever the accents: 'dot rom ra' finds 'đốt rơm rạ'", async () => {
    const found = (await get<{ tasks: TaskSummary[] }>("/api/tasks?q=dot%20rom%20ra")).tasks;
    expect(found.length).toBeGreaterThan(0);
    for (const task of found) {
      const detail = await get<TaskDetail>(`/api/tasks/${task.id}`);
      expect(`${detail.title} ${detail.text}`.toLowerCase()).toMatch(/đốt rơm rạ/);
    }
    const accented = (await get<{ tasks: TaskSummary[] }>(`/api/tasks?q=${encodeURIComponent("ĐỐT RƠM RẠ")}`)).tasks;
    expect(accented.map((x) => x.id)).toEqual(found.map((x) => x.id));
  });

  it("filters by unit, section and timeliness", async () => {
    const unitId = tasks.find((x) => x.owner.code === "vhxh")?.owner.id ?? "";
    const ofUnit = (await get<{ tasks: TaskSummary[] }>(`/api/tasks?unitId=${unitId}`)).tasks;
    expect(ofUnit.length).toBeGreaterThan(0);
    expect(ofUnit.every((x) => x.owner.id === unitId)).toBe(true);
    const late = (await get<{ tasks: TaskSummary[] }>("/api/tasks?timeliness=overdue&section=III")).tasks;
    expect(late.every((x) => x.timeliness === "overdue" && x.section === "III")).toBe(true);
  });

  it("shows the demo's overdue tasks as late, with their deadlines passed", () => {
    const late = tasks.filter((x) => x.timeliness === "overdue" && x.kind !== "group");
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((x) => x.deadline !== null && x.deadline < today)).toBe(true);
  });
});

describe("a unit officer posts a progress update with evidence", () => {
  it("saves the update and file, moves progress, rolls the parent up, and audits it", async () => {
    const task = tasks.find((x) => x.kind === "task" && x.owner.code === "kinh-te");
    if (!task?.parentId) throw new Error("no kinh-te task with a parent");
    const parentBefore = await get<TaskDetail>(`/api/tasks/${task.parentId}`);
    const body = multipart(
      { reportedOn: today, text: "Đã rà soát 12 cơ sở sản xuất", status: "in_progress", progress: "65" },
      [{ field: "files", filename: "biên-bản.png", bytes: TINY_PNG, type: "image/png" }],
    );
    const response = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task.id}/updates`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json() as TaskDetail;
    expect(detail.progress).toBe(65);
    expect(detail.status).toBe("in_progress");
    expect(detail.lastUpdateOn).toBe(today);
    const update = detail.updates.find((u) => u.text === "Đã rà soát 12 cơ sở sản xuất");
    expect(update?.files[0]?.filename).toBe("biên-bản.png");
    expect(update?.authorUnit).toBe(task.owner.shortName);
    const file = await t.app.inject({ method: "GET", url: `/api/files/${update?.files[0]?.id}`, headers: leader });
    expect(file.statusCode).toBe(200);
    // The same picture comes back (re-encoded without metadata).
    expect(await sharp(file.rawPayload).metadata()).toMatchObject({ format: "png", width: 1, height: 1 });

    const siblings = (await get<TaskDetail>(`/api/tasks/${task.parentId}`)).children;
    const expected = Math.round(siblings.reduce((s, c) => s + c.progress, 0) / siblings.length);
    const parentAfter = await get<TaskDetail>(`/api/tasks/${task.parentId}`);
    expect(parentAfter.progress).toBe(expected);
    expect(parentAfter.progress).not.toBe(parentBefore.progress === expected ? -1 : parentBefore.progress);

    const audit = await auditRows(task.id);
    const last = audit.at(-1);
    expect(last?.action).toBe("task.progress_update");
    expect(last?.after.progress).toBe(65);
    expect(last?.before?.progress).toBe(task.progress);
    expect(last?.actor_name).toContain("Kinh tế");
  });

  it("rejects a file that is not what it claims, and saves nothing of the update", async () => {
    const task = tasks.find((x) => x.kind === "task" && x.owner.code === "kinh-te");
    if (!task) throw new Error("no task");
    const before = await get<TaskDetail>(`/api/tasks/${task.id}`);
    const body = multipart({ reportedOn: today, text: "Cập nhật có tệp giả", status: "in_progress", progress: "90" }, [
      {
        field: "files",
        filename: "anh.png",
        bytes: Buffer.from("<html><script>alert(1)</script></html>"),
        type: "image/png",
      },
    ]);
    const response = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task.id}/updates`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const after = await get<TaskDetail>(`/api/tasks/${task.id}`);
    expect(after.updates).toHaveLength(before.updates.length);
    expect(after.progress).toBe(before.progress);
  });

  it("explains a missing field in Vietnamese with the field's path", async () => {
    const task = tasks.find((x) => x.kind === "task" && x.owner.code === "kinh-te");
    const body = multipart({ reportedOn: today, text: "", status: "in_progress" });
    const response = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task?.id}/updates`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("VALIDATION_FAILED");
    expect(response.json().error.details[0].path).toBe("text");
  });

  it("sets the status's default progress when none is given (completed = 100%)", async () => {
    const task = tasks.find((x) => x.kind === "duty" && x.owner.code === "kinh-te");
    const body = multipart({ reportedOn: today, text: "Đã hoàn thành", status: "completed" });
    const response = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task?.id}/updates`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.json().progress).toBe(100);
    expect(response.json().timeliness).toBe("closed");
  });
});

describe("leaders and the Office assign and edit", () => {
  it("reassigns a task to another unit; the old owner can no longer update it; history shows both", async () => {
    const task = tasks.find((x) => x.kind === "task" && x.owner.code === "kinh-te" && x.id !== tasks[0]?.id);
    if (!task) throw new Error("no task");
    const units = (await get<{ units: { id: string; code: string }[] }>("/api/units")).units;
    const vhxh = units.find((u) => u.code === "vhxh")?.id;
    const mttq = units.find((u) => u.code === "mttq")?.id;
    const current = await get<TaskDetail>(`/api/tasks/${task.id}`);
    const response = await t.app.inject({
      method: "PUT",
      url: `/api/tasks/${task.id}/assignment`,
      headers: leader,
      payload: { version: current.version, ownerUnitId: vhxh, coordinatingUnitIds: [mttq] },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().owner.code).toBe("vhxh");
    expect(response.json().coordinators.map((c: { code: string }) => c.code)).toEqual(["mttq"]);
    const body = multipart({ reportedOn: today, text: "Thử", status: "in_progress" });
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task.id}/updates`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(refused.statusCode).toBe(403);
    const history = await get<{
      entries: { action: string; before: { ownerUnitId: string }; after: { ownerUnitId: string } }[];
    }>(`/api/tasks/${task.id}/history`);
    const assign = history.entries.find((e) => e.action === "task.assign");
    expect(assign?.before.ownerUnitId).toBe(task.owner.id);
    expect(assign?.after.ownerUnitId).toBe(vhxh);
  });

  it("refuses an edit made on a stale version instead of overwriting", async () => {
    const task = tasks.find((x) => x.kind === "duty" && x.owner.code === "vhxh");
    const current = await get<TaskDetail>(`/api/tasks/${task?.id}`);
    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/tasks/${task?.id}`,
      headers: leader,
      payload: { version: current.version, deadline: "2026-12-31" },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({
      method: "PATCH",
      url: `/api/tasks/${task?.id}`,
      headers: leader,
      payload: { version: current.version, deadline: "2027-01-31" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("CONFLICT");
    expect((await get<TaskDetail>(`/api/tasks/${task?.id}`)).deadline).toBe("2026-12-31");
    const audit = await auditRows(task?.id ?? "");
    expect(audit.at(-1)).toMatchObject({ action: "task.edit", after: { deadline: "2026-12-31" } });
  });

  it("lets only one of two simultaneous edits of the same version through", async () => {
    const office = await t.login("vanphong");
    const task = tasks.find((x) => x.kind === "duty" && x.owner.code === "trung-tam");
    const current = await get<TaskDetail>(`/api/tasks/${task?.id}`);
    const [a, b] = await Promise.all([
      t.app.inject({
        method: "PATCH",
        url: `/api/tasks/${task?.id}`,
        headers: leader,
        payload: { version: current.version, output: "Bản tin hằng tháng" },
      }),
      t.app.inject({
        method: "PATCH",
        url: `/api/tasks/${task?.id}`,
        headers: office,
        payload: { version: current.version, output: "Chuyên mục hằng quý" },
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? "Bản tin hằng tháng" : "Chuyên mục hằng quý";
    const after = await get<TaskDetail>(`/api/tasks/${task?.id}`);
    expect(after.output).toBe(winner);
    expect(after.version).toBe(current.version + 1);
  });

  it("rolls a parent up from children updated at the same time", async () => {
    const group = tasks.find((x) => x.kind === "group" && x.section === "V" && x.owner.code === "kinh-te");
    const children = (await get<TaskDetail>(`/api/tasks/${group?.id}`)).children.slice(0, 3);
    await Promise.all(
      children.map((child, i) => {
        const body = multipart({
          reportedOn: today,
          text: `Cập nhật đồng thời ${i}`,
          status: "in_progress",
          progress: String(30 + i * 10),
        });
        return t.app.inject({
          method: "POST",
          url: `/api/tasks/${child.id}/updates`,
          headers: { ...kinhte, ...body.headers },
          payload: body.payload,
        });
      }),
    );
    const parent = await get<TaskDetail>(`/api/tasks/${group?.id}`);
    const expected = Math.round(parent.children.reduce((sum, c) => sum + c.progress, 0) / parent.children.length);
    expect(parent.children.slice(0, 3).map((c) => c.progress)).toEqual([30, 40, 50]);
    expect(parent.progress).toBe(expected);
  });

  it("lets a unit see its own work, late first", async () => {
    const mine = await get<{ owned: TaskSummary[]; unit: { code: string } }>("/api/my-work", kinhte);
    expect(mine.unit.code).toBe("kinh-te");
    expect(mine.owned.length).toBeGreaterThan(0);
    expect(mine.owned.every((x) => x.owner.code === "kinh-te")).toBe(true);
    const rank = { overdue: 0, due_soon: 1, update_due: 2, on_time: 3, closed: 4 };
    const ranks = mine.owned.map((x) => rank[x.timeliness]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it("refuses to change the audit log", async () => {
    const failure = async (statement: ReturnType<typeof sql>) => {
      const error = await t.database.db.execute(statement).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      return String(error?.cause?.message ?? error?.message);
    };
    expect(await failure(sql`update audit_log set actor_name = 'x'`)).toMatch(/append-only/);
    expect(await failure(sql`delete from audit_log`)).toMatch(/append-only/);
  });

  it("lets the Office configure the status set, but not remove a status in use", async () => {
    const office = await t.login("vanphong");
    const current = (await get<{ statuses: { code: string; isClosed: boolean }[] }>("/api/task-statuses")).statuses;
    const review = {
      code: "awaiting_review",
      labelVi: "Chờ nghiệm thu",
      labelEn: "Awaiting review",
      defaultProgress: 90,
      isClosed: false,
      excludeFromRollup: false,
      position: 0,
    };
    const saved = await t.app.inject({
      method: "PUT",
      url: "/api/task-statuses",
      headers: office,
      payload: { statuses: [...current, review] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const task = tasks.find((x) => x.kind === "duty" && x.owner.code === "kinh-te" && x.timeliness !== "closed");
    const body = multipart({ reportedOn: today, text: "Đã xong, chờ nghiệm thu", status: "awaiting_review" });
    const updated = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${task?.id}/updates`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(updated.json()).toMatchObject({ status: "awaiting_review", progress: 90 });
    const removal = await t.app.inject({
      method: "PUT",
      url: "/api/task-statuses",
      headers: office,
      payload: { statuses: current },
    });
    expect(removal.statusCode).toBe(400);
    expect(removal.json().error.message).toContain("awaiting_review");
    expect((await get<{ statuses: { code: string }[] }>("/api/task-statuses")).statuses.map((s) => s.code)).toContain(
      "awaiting_review",
    );
  });
});
