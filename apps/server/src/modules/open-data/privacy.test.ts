import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDataCatalogueSchema, type IndicatorSummary, type TaskSummary, type Unit } from "@phuong-xanh/shared";
import { todayInVietnam } from "../../lib/actor.js";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";

/**
 * No personal data in any public answer (issue 7): a known person records a measurement and
 * posts a task update, writing their name, phone and email in the free text; then every open
 * data file, every share preview and the catalogue is searched for them.
 */
const PERSON = {
  username: "bimat.rieng",
  displayName: "Trần Thị Bí Mật",
  email: "bimat.rieng@example.vn",
  phone: "0912 345 678",
  password: "bi-mat-2026-xanh",
};
const NEEDLES = [PERSON.displayName, PERSON.email, PERSON.phone, PERSON.phone.replace(/\s/g, ""), PERSON.username];

let t: TestApp;
let taskCode = "";
let indicatorCode = "";

/** Every text a file holds: its bytes, or for XLSX (a zip) the XML of every part. */
async function textOf(bytes: Buffer, contentType: string): Promise<string> {
  if (!contentType.includes("spreadsheetml")) return bytes.toString("utf8");
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? "" : f.async("string"))));
  return parts.join("\n");
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login("admin");
  const units = (await t.app.inject({ method: "GET", url: "/api/units", headers: admin })).json().units as Unit[];
  const indicators = (await t.app.inject({ method: "GET", url: "/api/indicators", headers: admin })).json()
    .indicators as IndicatorSummary[];
  const indicator = indicators.find((i) => !i.perResidentialGroup && i.latest !== null);
  if (!indicator) throw new Error("no ward-level indicator with a value");
  indicatorCode = indicator.code;
  const unit = units.find((u) => u.id === indicator.owner.id);
  if (!unit) throw new Error("indicator owner unit not found");
  const created = await t.app.inject({
    method: "POST",
    url: "/api/users",
    headers: admin,
    payload: {
      username: PERSON.username,
      displayName: PERSON.displayName,
      email: PERSON.email,
      password: PERSON.password,
      role: "unit_officer",
      unitId: unit.id,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const person = await t.login(PERSON.username, PERSON.password);

  const latest = indicator.latest;
  if (!latest) throw new Error("unreachable");
  const recorded = await t.app.inject({
    method: "POST",
    url: `/api/indicators/${indicator.id}/measurements`,
    headers: person,
    payload: {
      period: latest.period,
      residentialGroupId: null,
      value: indicator.unitOfMeasure === "%" ? Math.min(100, latest.value + 1) : latest.value + 1,
      source: "Báo cáo của đơn vị",
      note: `Người nhập: ${PERSON.displayName}, ĐT ${PERSON.phone}, ${PERSON.email}`,
    },
  });
  expect(recorded.statusCode, recorded.body).toBe(200);

  const tasks = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: person })).json()
    .tasks as TaskSummary[];
  const task = tasks.find((x) => x.kind !== "group" && x.owner.id === unit.id);
  if (!task) throw new Error("no task of the person's unit");
  taskCode = task.code;
  const body = multipart({
    reportedOn: todayInVietnam(),
    text: `Đã làm việc với ${PERSON.displayName} (${PERSON.phone}, ${PERSON.email}).`,
    status: "in_progress",
    progress: "55",
  });
  const posted = await t.app.inject({
    method: "POST",
    url: `/api/tasks/${task.id}/updates`,
    headers: { ...person, ...body.headers },
    payload: body.payload,
  });
  expect(posted.statusCode, posted.body).toBe(200);
});
afterAll(async () => t?.close());

describe("no personal data in public answers", () => {
  it("leaves the person out of every open-data file, preview page, preview image's page and the catalogue", async () => {
    const catalogue = openDataCatalogueSchema.parse(
      (await t.app.inject({ method: "GET", url: "/api/public/open-data" })).json(),
    );
    const urls = [
      "/api/public/open-data",
      "/api/public/open-data?lang=en",
      catalogue.dictionaryUrl,
      ...catalogue.datasets.flatMap((d) => d.distributions.flatMap((x) => [x.url, `${x.url}&lang=en`])),
      "/api/public/plan",
      "/cong-khai",
      `/cong-khai/nhiem-vu/${taskCode}`,
      `/cong-khai/nhiem-vu/${taskCode}?lang=en`,
      `/cong-khai/chi-tieu/${indicatorCode}`,
      "/cong-khai/nhom/iii-1",
      "/cong-khai/nhom/v-1",
      "/cong-khai/to-dan-pho/tdp-01",
      "/cong-khai/thanh-pho",
      "/cong-khai/du-lieu-mo",
    ];
    // Every user's display name and email, besides the person's own (demo accounts included).
    const users = (
      (await t.database.db.execute(sql`select display_name, email from users`)) as unknown as {
        rows: { display_name: string; email: string | null }[];
      }
    ).rows;
    const needles = [...NEEDLES, ...users.flatMap((u) => [u.display_name, ...(u.email ? [u.email] : [])])];
    expect(needles).toContain(PERSON.displayName);
    let searched = 0;
    for (const url of urls) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      const text = await textOf(response.rawPayload, String(response.headers["content-type"]));
      expect(text.length, url).toBeGreaterThan(100);
      for (const needle of needles) expect(text, `${url} holds "${needle}"`).not.toContain(needle);
      // Nor the fields that would carry them (a JSON key or a column named so).
      expect(/recorded_?by|author_?user|"note":|,note,/i.test(text), url).toBe(false);
      searched += 1;
    }
    expect(searched).toBe(urls.length);
  });

  it("did publish the person's work: the new value and the task's progress, without them", async () => {
    const measurements = (
      await t.app.inject({ method: "GET", url: "/api/public/open-data/measurements.json" })
    ).json() as { rows: { indicator_code: string; source: string }[] };
    expect(measurements.rows.some((r) => r.indicator_code === indicatorCode && r.source === "Báo cáo của đơn vị")).toBe(
      true,
    );
    const tasks = (await t.app.inject({ method: "GET", url: "/api/public/open-data/tasks.json" })).json() as {
      rows: { code: string; progress: number }[];
    };
    expect(tasks.rows.find((r) => r.code === taskCode)?.progress).toBe(55);
  });

  it("guards CSV cells that a spreadsheet would run as formulas", async () => {
    const leader = await t.login("lanhdao");
    const indicators = (await t.app.inject({ method: "GET", url: "/api/indicators", headers: leader })).json()
      .indicators as IndicatorSummary[];
    const indicator = indicators.find((i) => i.code === indicatorCode);
    if (!indicator?.latest) throw new Error("indicator gone");
    const recorded = await t.app.inject({
      method: "POST",
      url: `/api/indicators/${indicator.id}/measurements`,
      headers: leader,
      payload: {
        period: indicator.latest.period,
        residentialGroupId: null,
        value: indicator.latest.value,
        source: '=HYPERLINK("http://example.invalid","bấm")',
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const csv = (await t.app.inject({ method: "GET", url: "/api/public/open-data/measurements.csv" })).body;
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""bấm"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
