import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  DemonstrationModel,
  ExtensionSummary,
  Farm,
  FarmExtension,
  Plot,
  Training,
  TrainingSummary,
  ModelSummary,
} from "@phuong-xanh/shared";
import { multipart, startTestApp, TINY_PNG, type TestApp } from "../../test/harness.js";

/**
 * Extension work: classes and demonstration models recorded by Phòng Kinh tế, attendance taken
 * from the farm registry (many farms at once, each once), a farm's own list of what it took part
 * in, the year's counts for the plan's tasks, who may write and read, audit and versions.
 */

let t: TestApp;
let kinhte: Record<string, string>;
let vhxh: Record<string, string>;
let registry: Farm[];
let plotsOf: Plot[];

const send = (method: "POST" | "GET" | "PUT" | "DELETE", url: string, body?: unknown, headers = kinhte) =>
  t.app.inject({ method, url, headers, ...(body ? { payload: body as object } : {}) });
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const count = async (query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: string }>(await t.database.db.execute(query))[0]?.n ?? 0);
const revision = () => count(sql`select revision::text as n from ward_revisions where ward_id = ${t.wardId}`);

const training = {
  title: "Tập huấn tưới ướt khô xen kẽ vụ Mùa",
  topic: "awd",
  heldOn: "2026-07-02",
  place: "Nhà văn hóa tổ dân phố số 1",
  organiser: "Phòng Kinh tế",
  trainer: "KS. Khuyến Nông",
  residentialGroup: null,
  notes: "Mang theo sổ ghi chép.",
};

beforeAll(async () => {
  t = await startTestApp();
  kinhte = await t.login("kinhte");
  vhxh = await t.login("vhxh");
  registry = (await send("GET", "/api/agriculture/farms")).json() as Farm[];
  plotsOf = (await send("GET", "/api/agriculture/plots")).json() as Plot[];
});
afterAll(async () => {
  await t.close();
});

describe("the demo's extension work", () => {
  it("has a class on each practice, attended by registry farms, and two models", async () => {
    const trainings = (await send("GET", "/api/extension/trainings")).json() as TrainingSummary[];
    expect(trainings.map((x) => x.topic).sort()).toEqual(
      ["awd", "bio_pesticides", "organic_fertiliser", "straw_composting"].sort(),
    );
    // Newest first, each with people of the registry.
    expect(trainings.map((x) => x.heldOn)).toEqual([...trainings.map((x) => x.heldOn)].sort().reverse());
    for (const x of trainings) expect(x.farmCount).toBeGreaterThan(0);
    const models = (await send("GET", "/api/extension/models")).json() as ModelSummary[];
    expect(models.map((m) => m.topic).sort()).toEqual(["awd", "straw_composting"]);
    const awd = (
      await send("GET", `/api/extension/models/${models.find((m) => m.topic === "awd")?.id}`)
    ).json() as DemonstrationModel;
    // The AWD model's result comes from its season's diary: yield and footprint, computed.
    expect(awd.season?.totalKgCo2e).toBeGreaterThan(0);
    expect(awd.season?.yieldKg).toBeGreaterThan(0);
  });
});

describe("a class and its attendance", () => {
  let created: Training;

  it("creates a class, audited, bumping the ward's revision", async () => {
    const before = await revision();
    const response = await send("POST", "/api/extension/trainings", training);
    expect(response.statusCode, response.body).toBe(201);
    created = response.json() as Training;
    expect(created).toMatchObject({ title: training.title, topic: "awd", attendeeCount: 0, version: 1, mayEdit: true });
    expect(await revision()).toBeGreaterThan(before);
    expect(
      await count(
        sql`select count(*)::text as n from audit_log where entity_type = 'extension_training' and entity_id = ${created.id} and action = 'extension.training.create'`,
      ),
    ).toBe(1);
  });

  it("records many registry farms at once, each once, and a person outside the registry by name", async () => {
    const [a, b, c] = registry;
    if (!a || !b || !c) throw new Error("the demo registry has fewer than three farms");
    const added = await send("POST", `/api/extension/trainings/${created.id}/attendees`, {
      version: created.version,
      attendees: [
        { farmId: a.id },
        { farmId: b.id },
        { farmId: b.id },
        { farmId: a.id, personName: "Nguyễn Thị Vợ" },
        { farmId: null, personName: "Khách Ngoài Sổ" },
      ],
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ added: 4 });
    let detail = (await send("GET", `/api/extension/trainings/${created.id}`)).json() as Training;
    expect(detail.attendeeCount).toBe(4);
    expect(detail.farmCount).toBe(2);
    expect(detail.version).toBe(2);
    expect(detail.attendees.find((x) => x.farm === null)?.personName).toBe("Khách Ngoài Sổ");
    // Sent again (a second tick of the same farms): nothing doubles.
    const again = await send("POST", `/api/extension/trainings/${created.id}/attendees`, {
      version: detail.version,
      // A blank name is no name: the same as the farm alone.
      attendees: [{ farmId: a.id }, { farmId: c.id }, { farmId: a.id, personName: "   " }],
    });
    expect(again.json()).toEqual({ added: 1 });
    detail = (await send("GET", `/api/extension/trainings/${created.id}`)).json() as Training;
    expect(detail.attendeeCount).toBe(5);
    // A stale version is refused (another officer took attendance meanwhile).
    const stale = await send("POST", `/api/extension/trainings/${created.id}/attendees`, {
      version: 2,
      attendees: [{ farmId: c.id, personName: "Ai Đó" }],
    });
    expect(stale.statusCode).toBe(409);
    // Removing one person.
    const outsider = detail.attendees.find((x) => x.farm === null);
    const removed = await send(
      "DELETE",
      `/api/extension/trainings/${created.id}/attendees/${outsider?.id}?version=${detail.version}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    detail = (await send("GET", `/api/extension/trainings/${created.id}`)).json() as Training;
    expect(detail.attendees.some((x) => x.farm === null)).toBe(false);
    created = detail;
    const audits = await count(
      sql`select count(*)::text as n from audit_log where entity_id = ${created.id} and action like 'extension.training.attendees.%'`,
    );
    expect(audits).toBe(3);
  });

  it("refuses a farm of no registry, a nameless outsider and an unknown group", async () => {
    const unknown = await send("POST", `/api/extension/trainings/${created.id}/attendees`, {
      version: created.version,
      attendees: [{ farmId: crypto.randomUUID() }],
    });
    expect(unknown.statusCode).toBe(400);
    const nameless = await send("POST", `/api/extension/trainings/${created.id}/attendees`, {
      version: created.version,
      attendees: [{ farmId: null, personName: "" }],
    });
    expect(nameless.statusCode).toBe(400);
    const group = await send("POST", "/api/extension/trainings", { ...training, residentialGroup: "khong-co" });
    expect(group.statusCode).toBe(400);
    const long = await send("POST", "/api/extension/trainings", { ...training, title: "x".repeat(201) });
    expect(long.statusCode).toBe(400);
    const topic = await send("POST", "/api/extension/trainings", { ...training, topic: "slash_and_burn" });
    expect(topic.statusCode).toBe(400);
  });

  it("edits with the version seen; a stale edit is a conflict", async () => {
    const ok = await send("PUT", `/api/extension/trainings/${created.id}`, {
      ...training,
      place: "Hội trường UBND phường",
      version: created.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as Training).place).toBe("Hội trường UBND phường");
    const stale = await send("PUT", `/api/extension/trainings/${created.id}`, {
      ...training,
      version: created.version,
    });
    expect(stale.statusCode).toBe(409);
    created = ok.json() as Training;
  });

  it("attaches the signed attendance sheet through the files module", async () => {
    const body = multipart({}, [
      { field: "file", filename: "danh-sach-ky-nhan.png", bytes: TINY_PNG, type: "image/png" },
    ]);
    const response = await t.app.inject({
      method: "POST",
      url: `/api/extension/trainings/${created.id}/sheet`,
      headers: { ...kinhte, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json() as Training;
    expect(detail.sheets.map((s) => s.filename)).toEqual(["danh-sach-ky-nhan.png"]);
    const file = await send("GET", `/api/files/${detail.sheets[0]?.id}`, undefined, vhxh);
    expect(file.statusCode).toBe(200);
    const list = (await send("GET", "/api/extension/trainings?topic=awd&year=2026")).json() as TrainingSummary[];
    expect(list.find((x) => x.id === created.id)?.hasSheet).toBe(true);
  });

  it("filters by topic, year, group and words", async () => {
    const ids = async (query: string) =>
      ((await send("GET", `/api/extension/trainings?${query}`)).json() as TrainingSummary[]).map((x) => x.id);
    expect(await ids("topic=awd")).toContain(created.id);
    expect(await ids("topic=bio_pesticides")).not.toContain(created.id);
    expect(await ids("year=2025")).not.toContain(created.id);
    expect(await ids("q=h%E1%BB%99i%20tr%C6%B0%E1%BB%9Dng")).toContain(created.id);
    // % typed by a user is a character, not a wildcard; a NUL is refused before the database.
    expect(await ids("q=%25")).toEqual([]);
    expect((await send("GET", "/api/extension/trainings?q=%23%00")).statusCode).toBe(400);
    const grouped = (await send("GET", "/api/extension/trainings")).json() as TrainingSummary[];
    const code = grouped.find((x) => x.residentialGroup)?.residentialGroup?.code ?? "";
    const byGroup = (await send("GET", `/api/extension/trainings?group=${code}`)).json() as TrainingSummary[];
    expect(byGroup.length).toBeGreaterThan(0);
    expect(byGroup.every((x) => x.residentialGroup?.code === code)).toBe(true);
  });
});

describe("a demonstration model", () => {
  let model: DemonstrationModel;

  it("is hosted on a registry plot, its farm taken from the plot", async () => {
    const plot = plotsOf[0];
    if (!plot) throw new Error("no demo plot");
    const response = await send("POST", "/api/extension/models", {
      name: "Mô hình phân bón hữu cơ vi sinh",
      topic: "organic_fertiliser",
      plotId: plot.id,
      startedOn: "2026-06-01",
      areaHa: plot.areaHa,
      status: "running",
    });
    expect(response.statusCode, response.body).toBe(201);
    model = response.json() as DemonstrationModel;
    expect(model.farm.id).toBe(plot.farmId);
    expect(model.plot.id).toBe(plot.id);
    expect(model.season).toBeNull();
  });

  it("refuses an area beyond the plot's, an end before the start, another plot's season", async () => {
    const [plot, other] = plotsOf;
    if (!plot || !other) throw new Error("no demo plots");
    const base = { name: "Mô hình thử", topic: "awd", plotId: plot.id, startedOn: "2026-06-01", areaHa: 0.1 };
    expect((await send("POST", "/api/extension/models", { ...base, areaHa: plot.areaHa + 1 })).statusCode).toBe(400);
    expect((await send("POST", "/api/extension/models", { ...base, endedOn: "2026-05-01" })).statusCode).toBe(400);
    const opened = await send("POST", `/api/agriculture/plots/${other.id}/seasons`, {
      name: "Vụ Mùa 2026",
      crop: "Lúa",
      startedOn: "2026-06-10",
    });
    // The other plot's farm may not have agreed to a proxy diary: then there is no season to link.
    if (opened.statusCode === 201) {
      const seasonId = (opened.json() as { id: string }).id;
      expect((await send("POST", "/api/extension/models", { ...base, seasonId })).statusCode).toBe(400);
    }
  });

  it("takes attendance like a class, and a farm lists what it took part in", async () => {
    const visitor = registry.find((f) => f.id !== model.farm.id);
    if (!visitor) throw new Error("no second farm");
    const added = await send("POST", `/api/extension/models/${model.id}/attendees`, {
      version: model.version,
      attendees: [{ farmId: visitor.id }],
    });
    expect(added.json()).toEqual({ added: 1 });
    const host = (await send("GET", `/api/extension/farms/${model.farm.id}`, undefined, vhxh)).json() as FarmExtension;
    expect(host.models.find((m) => m.id === model.id)?.host).toBe(true);
    const guest = (await send("GET", `/api/extension/farms/${visitor.id}`, undefined, vhxh)).json() as FarmExtension;
    expect(guest.models.find((m) => m.id === model.id)?.host).toBe(false);
    expect(guest.trainings.length).toBeGreaterThan(0);
  });
});

describe("the year's counts for III.5", () => {
  it("counts classes, attendances, distinct farms and models that ran, by topic", async () => {
    const summary = (await send("GET", "/api/extension/summary?year=2026", undefined, vhxh)).json() as ExtensionSummary;
    const trainings = ((await send("GET", "/api/extension/trainings?year=2026")).json() as TrainingSummary[]).filter(
      (x) => x.topic === "awd",
    );
    const awd = summary.byTopic.find((r) => r.topic === "awd");
    expect(awd?.trainings).toBe(trainings.length);
    expect(awd?.attendances).toBe(trainings.reduce((s, x) => s + x.attendeeCount, 0));
    expect(summary.total.trainings).toBe(summary.byTopic.reduce((s, r) => s + r.trainings, 0));
    expect(summary.total.farms).toBeLessThanOrEqual(registry.length);
    expect(summary.total.farms).toBeGreaterThan(0);
    // Running and completed models count; a planned one does not yet.
    expect(summary.total.models).toBeGreaterThanOrEqual(2);
    const empty = (await send("GET", "/api/extension/summary?year=2019")).json() as ExtensionSummary;
    expect(empty.total).toEqual({ trainings: 0, attendances: 0, farms: 0, models: 0 });
  });
});

describe("who may", () => {
  it("lets other staff read and not write; refuses the platform admin and anonymous", async () => {
    const list = await send("GET", "/api/extension/trainings", undefined, vhxh);
    expect(list.statusCode).toBe(200);
    const [first] = list.json() as TrainingSummary[];
    const detail = (await send("GET", `/api/extension/trainings/${first?.id}`, undefined, vhxh)).json() as Training;
    expect(detail.mayEdit).toBe(false);
    const auditBefore = await count(sql`select count(*)::text as n from audit_log`);
    expect((await send("POST", "/api/extension/trainings", training, vhxh)).statusCode).toBe(403);
    expect(
      (
        await send(
          "POST",
          `/api/extension/trainings/${first?.id}/attendees`,
          { version: detail.version, attendees: [{ farmId: registry[0]?.id }] },
          vhxh,
        )
      ).statusCode,
    ).toBe(403);
    expect(await count(sql`select count(*)::text as n from audit_log`)).toBe(auditBefore);
    const platform = await t.login("nentang");
    expect((await send("GET", "/api/extension/trainings", undefined, platform)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/extension/models" })).statusCode).toBe(401);
  });

  it("keeps each ward to its own: another ward's id is not found", async () => {
    const missing = await send("GET", `/api/extension/trainings/${crypto.randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    const farm = await send("GET", `/api/extension/farms/${crypto.randomUUID()}`);
    expect(farm.statusCode).toBe(404);
  });
});
