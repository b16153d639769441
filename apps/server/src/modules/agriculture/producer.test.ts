import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiaryOverview, Farm, Plot, Season } from "@phuong-xanh/shared";
import sharp from "sharp";
import { multipart, startTestApp, type TestApp } from "../../test/harness.js";

/**
 * A farm's own account (role producer): opened from the registry by Phòng Kinh tế, it keeps its
 * farm's diary itself, without the proxy consent an officer needs, and reaches nothing else:
 * not another farm's diary, not the registry, not a single staff page's data.
 */
let t: TestApp;
let kinhte: Record<string, string>;
let admin: Record<string, string>;
/** A household without proxy consent, and a plot of it. */
let farm: Farm;
let plot: Plot;
/** Another farm's plot, with consent (an officer may write there; this producer may not). */
let otherPlot: Plot;

const send = (method: "POST" | "GET" | "PATCH", url: string, headers: Record<string, string>, body?: unknown) =>
  t.app.inject({ method, url, headers, ...(body ? { payload: body as object } : {}) });

beforeAll(async () => {
  t = await startTestApp();
  kinhte = await t.login("kinhte");
  admin = await t.login("admin");
  const groups = (await send("GET", "/api/agriculture/certified-shares", kinhte)).json() as {
    residentialGroup: { code: string };
  }[];
  const group = groups[0]?.residentialGroup.code;
  farm = (
    await send("POST", "/api/agriculture/farms", kinhte, {
      kind: "household",
      name: "Hộ Tự Ghi",
      representative: "Ngô Thị Tự Ghi",
    })
  ).json() as Farm;
  plot = (
    await send("POST", "/api/agriculture/plots", kinhte, {
      farmId: farm.id,
      name: "Thửa tự ghi",
      areaHa: 0.4,
      residentialGroup: group,
      crop: "Lúa",
    })
  ).json() as Plot;
  const other = (
    await send("POST", "/api/agriculture/farms", kinhte, { kind: "household", name: "Hộ Bên Cạnh", proxyConsent: true })
  ).json() as Farm;
  otherPlot = (
    await send("POST", "/api/agriculture/plots", kinhte, {
      farmId: other.id,
      name: "Thửa bên cạnh",
      areaHa: 0.3,
      residentialGroup: group,
      crop: "Lúa",
    })
  ).json() as Plot;
});
afterAll(async () => {
  await t.close();
});

describe("a producer's own account", () => {
  let producer: Record<string, string>;

  it("is opened from the farm by Phòng Kinh tế, once, and never from the accounts page", async () => {
    const opened = await send("POST", `/api/agriculture/farms/${farm.id}/account`, kinhte, {
      username: "hotughi",
      password: "ruong-lua-2026-xanh",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((opened.json() as Farm).hasAccount).toBe(true);
    // A second account for the same farm: refused, and no account made.
    const again = await send("POST", `/api/agriculture/farms/${farm.id}/account`, kinhte, {
      username: "hotughi2",
      password: "ruong-lua-2026-xanh",
    });
    expect(again.statusCode).toBe(409);
    const accounts = (await send("GET", "/api/users", admin)).json().users as {
      id: string;
      username: string;
      role: string;
    }[];
    expect(accounts.find((a) => a.username === "hotughi")?.role).toBe("producer");
    expect(accounts.some((a) => a.username === "hotughi2")).toBe(false);
    // The admin neither makes a producer without a farm, nor turns an account into one or back.
    const bare = await send("POST", "/api/users", admin, {
      username: "khongruong",
      displayName: "Không có ruộng",
      password: "ruong-lua-2026-xanh",
      role: "producer",
      unitId: null,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe("role");
    const id = accounts.find((a) => a.username === "hotughi")?.id ?? "";
    const turned = await send("PATCH", `/api/users/${id}`, admin, { role: "viewer" });
    expect(turned.statusCode).toBe(400);
    producer = await t.login("hotughi", "ruong-lua-2026-xanh");
  });

  it("keeps its own farm's diary without proxy consent, as itself", async () => {
    const overview = (await send("GET", "/api/agriculture/diary", producer)).json() as DiaryOverview;
    expect(overview.farms.map((f) => f.name)).toEqual(["Hộ Tự Ghi"]);
    expect(overview.farms[0]?.plots.map((p) => p.id)).toEqual([plot.id]);
    const opened = await send("POST", `/api/agriculture/plots/${plot.id}/seasons`, producer, {
      name: "Vụ Mùa 2026",
      crop: "Lúa",
      startedOn: "2026-07-01",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const season = opened.json() as Season;
    const synced = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, producer, {
      entries: [{ clientId: crypto.randomUUID(), occurredOn: "2026-07-05", details: { kind: "transplanting" } }],
    });
    expect(synced.statusCode, synced.body).toBe(200);
    const written = (synced.json() as { season: Season }).season.entries[0];
    expect(written?.byProxy).toBe(false);
    // Its diary, as a spreadsheet, is its own to take.
    const xlsx = await send("GET", `/api/agriculture/farms/${farm.id}/diary.xlsx`, producer);
    expect(xlsx.statusCode).toBe(200);
    // The officer still may not write for it: it never agreed to a proxy diary.
    const officer = await send("POST", `/api/agriculture/seasons/${season.id}/entries`, kinhte, {
      entries: [{ clientId: crypto.randomUUID(), occurredOn: "2026-07-06", details: { kind: "transplanting" } }],
    });
    expect(officer.statusCode).toBe(403);
  });

  it("reaches no other farm's diary, and nothing of the staff's work", async () => {
    const neighbour = await send("POST", `/api/agriculture/plots/${otherPlot.id}/seasons`, producer, {
      name: "Vụ của hàng xóm",
      crop: "Lúa",
      startedOn: "2026-07-01",
    });
    expect(neighbour.statusCode).toBe(403);
    expect((await send("GET", `/api/agriculture/plots/${otherPlot.id}/seasons`, producer)).statusCode).toBe(403);
    const theirs = (
      await send("POST", `/api/agriculture/plots/${otherPlot.id}/seasons`, kinhte, {
        name: "Vụ Mùa 2026",
        crop: "Lúa",
        startedOn: "2026-07-01",
      })
    ).json() as Season;
    expect((await send("GET", `/api/agriculture/seasons/${theirs.id}`, producer)).statusCode).toBe(403);
    expect((await send("GET", `/api/agriculture/farms/${otherPlot.farmId}/diary.xlsx`, producer)).statusCode).toBe(403);
    for (const url of [
      "/api/agriculture/farms",
      "/api/agriculture/certified-shares",
      "/api/dashboard",
      "/api/tasks",
      "/api/indicators",
      "/api/feedback/reports",
      "/api/users",
      "/api/units",
    ]) {
      const response = await send("GET", url, producer);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe("FORBIDDEN");
    }
    // Its own account it still reaches.
    const me = await send("GET", "/api/auth/me", producer);
    expect(me.statusCode).toBe(200);
    expect(me.json().role).toBe("producer");
  });

  it("adds photos to its entries (re-encoded, without the phone's position), three at most; others cannot see them", async () => {
    const overview = (await send("GET", "/api/agriculture/diary", producer)).json() as DiaryOverview;
    const seasonId = overview.farms[0]?.plots[0]?.seasons[0]?.id ?? "";
    let season = (await send("GET", `/api/agriculture/seasons/${seasonId}`, producer)).json() as Season;
    const written = season.entries[0];
    if (!written) throw new Error("the season has no entry");
    const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 40, g: 160, b: 60 } } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 56/1 38/1" } })
      .toBuffer();
    const upload = (version: number, count: number) =>
      multipart(
        { version: String(version) },
        Array.from({ length: count }, (_, i) => ({
          field: "photos",
          filename: `ruong-${i}.jpg`,
          bytes: photo,
          type: "image/jpeg",
        })),
      );
    const body = upload(written.version, 2);
    const added = await t.app.inject({
      method: "POST",
      url: `/api/agriculture/diary/entries/${written.id}/photos`,
      headers: { ...producer, ...body.headers },
      payload: body.payload,
    });
    expect(added.statusCode, added.body).toBe(200);
    season = added.json() as Season;
    const entry = season.entries.find((e) => e.id === written.id);
    expect(entry?.photos).toHaveLength(2);
    // The same version again: someone changed it since (the photos bumped it).
    const stale = upload(written.version, 1);
    const conflict = await t.app.inject({
      method: "POST",
      url: `/api/agriculture/diary/entries/${written.id}/photos`,
      headers: { ...producer, ...stale.headers },
      payload: stale.payload,
    });
    expect(conflict.statusCode).toBe(409);
    // Two more would make four: refused, naming the field, nothing kept.
    const many = upload(entry?.version ?? 0, 2);
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/agriculture/diary/entries/${written.id}/photos`,
      headers: { ...producer, ...many.headers },
      payload: many.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe("photos");
    const fileId = entry?.photos[0]?.id ?? "";
    const read = await t.app.inject({ url: `/api/agriculture/diary/photos/${fileId}`, headers: producer });
    expect(read.statusCode).toBe(200);
    const meta = await sharp(read.rawPayload).metadata();
    expect(meta.width).toBe(80);
    expect(meta.exif).toBeUndefined();
    // The registry's keepers read it; an officer of another unit does not.
    expect((await t.app.inject({ url: `/api/agriculture/diary/photos/${fileId}`, headers: kinhte })).statusCode).toBe(
      200,
    );
    const vhxh = await t.login("vhxh");
    expect((await t.app.inject({ url: `/api/agriculture/diary/photos/${fileId}`, headers: vhxh })).statusCode).toBe(
      403,
    );
    // Taken off again, with the version seen.
    const removed = await t.app.inject({
      method: "DELETE",
      url: `/api/agriculture/diary/entries/${written.id}/photos/${fileId}?version=${entry?.version ?? 0}`,
      headers: producer,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as Season).entries.find((e) => e.id === written.id)?.photos).toHaveLength(1);
    expect((await t.app.inject({ url: `/api/agriculture/diary/photos/${fileId}`, headers: producer })).statusCode).toBe(
      404,
    );
  });

  it("the demo has one: nongdan, a household's own diary", async () => {
    const nongdan = await t.login("nongdan");
    const overview = (await send("GET", "/api/agriculture/diary", nongdan)).json() as DiaryOverview;
    expect(overview.farms).toHaveLength(1);
    expect(overview.farms[0]?.name).toBe("Hộ Lê Thị Sen");
  });
});
