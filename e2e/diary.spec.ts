import { deflateSync, gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, login, snap } from "./support.js";

/**
 * Nhật ký sản xuất on a phone (390×844): Phòng Kinh tế's officer keeps the diary of a farm that
 * agreed to it — opens a season, adds an entry online, then two with the network cut (kept on
 * the phone, marked "Chờ đồng bộ", still there after moving about the app), and sees them sent
 * when the network is back; a correction made elsewhere in between is a clear conflict.
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ viewport: { width: 390, height: 844 } });

const SEASON = "Vụ Đông 2026 (thử nghiệm)";
const PENDING = "Chờ đồng bộ";
const OFFLINE = "Đang ngoại tuyến — ghi chép được lưu trên máy và gửi khi có mạng";

type Farm = {
  id: string;
  kind: string;
  name: string;
  representative: string | null;
  phone: string | null;
  residentialGroup: { code: string } | null;
  address: string | null;
  proxyConsentAt: string | null;
  active: boolean;
  plots: number;
  version: number;
};
type SeasonBody = {
  id: string;
  entries: { id: string; occurredOn: string; details: { kind: string }; version: number }[];
};

const csrfOf = async (page: Page) => (await page.context().cookies()).find((c) => c.name === "px_csrf")?.value ?? "";

/** A farm's consent to a proxy diary, recorded as the registry's form does (whatever the demo gave it). */
async function consentFor(page: Page): Promise<Farm> {
  const farms = (await (await page.request.get("/api/agriculture/farms")).json()) as Farm[];
  const farm = farms.find((f) => f.active && f.plots > 0);
  if (!farm) throw new Error("the demo has no farm with plots");
  const answer = await page.request.put(`/api/agriculture/farms/${farm.id}`, {
    headers: { "x-csrf-token": await csrfOf(page) },
    data: {
      kind: farm.kind,
      name: farm.name,
      representative: farm.representative,
      phone: farm.phone,
      residentialGroup: farm.residentialGroup?.code ?? null,
      address: farm.address,
      proxyConsent: true,
      active: true,
      version: farm.version,
    },
  });
  expect(answer.ok(), await answer.text()).toBe(true);
  return farm;
}

async function openMenuItem(page: Page, name: string) {
  await page.getByRole("button", { name: "Mở menu" }).click();
  await page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name }).click();
}

const entries = (page: Page) => page.getByRole("region", { name: /^Ghi chép \(/ }).getByRole("listitem");
const drawer = (page: Page) => page.locator(".diary-drawer");

async function startEntry(page: Page, kind: string) {
  await page.getByRole("button", { name: "Thêm ghi chép" }).click();
  await drawer(page).getByRole("button", { name: kind, exact: true }).click();
}

async function seasonFromServer(page: Page, id: string): Promise<SeasonBody> {
  const answer = await page.request.get(`/api/agriculture/seasons/${id}`);
  expect(answer.ok(), await answer.text()).toBe(true);
  return (await answer.json()) as SeasonBody;
}

let seasonId = "";
let farmId = "";

/** In a new browser (no remembered choice): the farm, its first plot, the season opened in the first test. */
async function chooseSeason(page: Page) {
  await page.getByLabel("Cơ sở sản xuất").selectOption(farmId);
  await page.getByLabel("Thửa ruộng").selectOption({ index: 1 });
  await page.getByLabel("Vụ", { exact: true }).selectOption(seasonId);
  await expect(page.getByRole("heading", { level: 2, name: SEASON })).toBeVisible();
}

test("an officer keeps a farm's diary on a phone, online and offline", async ({ page }) => {
  await login(page, "kinhte");
  const farm = await consentFor(page);
  farmId = farm.id;
  // From the menu, as on a phone: the app's pages stay loaded for the offline part below.
  await openMenuItem(page, "Nhật ký sản xuất");
  await expect(page.getByRole("heading", { level: 1, name: "Nhật ký sản xuất" })).toBeVisible();

  // Choose the farm that agreed and its first plot, and open a season on it.
  await page.getByLabel("Cơ sở sản xuất").selectOption(farm.id);
  const plot = page.getByLabel("Thửa ruộng");
  await plot.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Mở vụ mới" }).click();
  const opening = page.getByRole("dialog");
  await opening.getByLabel("Tên vụ").fill(SEASON);
  await opening.getByRole("button", { name: "Mở vụ mới" }).click();
  await expect(page.getByRole("heading", { level: 2, name: SEASON })).toBeVisible();
  await expect(page.getByLabel("Vụ", { exact: true })).toHaveValue(/.+/);
  seasonId = await page.getByLabel("Vụ", { exact: true }).inputValue();

  // Online: a fertiliser entry, saved at once.
  await startEntry(page, "Bón phân");
  await drawer(page).getByLabel("Tên phân").fill("Urê Phú Mỹ");
  await drawer(page).getByLabel("Lượng phân (cả thửa)").fill("12");
  await drawer(page).getByLabel("Hàm lượng đạm (N)").fill("46");
  await drawer(page).getByRole("radio", { name: "Vô cơ" }).check();
  await drawer(page).getByRole("switch", { name: "Là phân urê" }).click();
  await snap(page, "diary-entry-form", { fullPage: false });
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("Urê Phú Mỹ");
  // Written for the farm, under its consent: said on the entry.
  await expect(entries(page).first()).toContainText("Cán bộ ghi thay");
  await expect(page.getByText(PENDING, { exact: true })).toHaveCount(0);
  await expect.poll(async () => (await seasonFromServer(page, seasonId)).entries.length).toBe(1);

  // The network goes: two entries wait on the phone.
  await page.context().setOffline(true);
  await expect(page.getByText(OFFLINE)).toBeVisible();
  await startEntry(page, "Tưới, chế độ nước");
  await drawer(page).getByRole("radio", { name: "Ướt khô xen kẽ (AWD)" }).check();
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  // Quick entry: the second fertiliser starts from the first; only the amount differs.
  await startEntry(page, "Bón phân");
  await expect(drawer(page).getByText(/Đã điền sẵn như lần ghi ngày/)).toBeVisible();
  await expect(drawer(page).getByLabel("Tên phân")).toHaveValue("Urê Phú Mỹ");
  await drawer(page).getByLabel("Lượng phân (cả thửa)").fill("8");
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  await expect(entries(page)).toHaveCount(3);
  await expect(entries(page).filter({ hasText: PENDING })).toHaveCount(2);
  await expect(page.getByText("2 ghi chép chờ đồng bộ")).toBeVisible();

  // Still offline, away and back within the app: the queue is on the phone, not in the page.
  await openMenuItem(page, "Tổng quan");
  await expect(page).toHaveURL(/\/$/);
  await openMenuItem(page, "Nhật ký sản xuất");
  await expect(page.getByText(OFFLINE)).toBeVisible();
  await expect(entries(page).filter({ hasText: PENDING })).toHaveCount(2);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("px.diary.queue") ?? "[]") as unknown[]);
  expect(stored).toHaveLength(2);
  await snap(page, "diary-offline");

  // The network is back: the batch goes, the marks go, and the server has all three.
  await page.context().setOffline(false);
  await expect(page.getByText(OFFLINE)).toHaveCount(0);
  await expect(entries(page)).toHaveCount(3);
  await expect(page.getByText(PENDING, { exact: true })).toHaveCount(0);
  const season = await seasonFromServer(page, seasonId);
  expect(season.entries.map((e) => e.details.kind).sort()).toEqual(["fertiliser", "fertiliser", "irrigation"]);
  expect(await page.evaluate(() => localStorage.getItem("px.diary.queue"))).toBe("[]");
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, "diary-phone");
  await expectNoAxeViolations(page, "/nhat-ky on a phone");
});

/** The diary page's weight: officers open it on phones in the field, often on slow mobile data. */
const DIARY_PAGE_JS_BUDGET = 520 * 1024;

test("the diary page's JavaScript stays within its budget", async ({ page }) => {
  await login(page, "kinhte");
  // The dashboard's own requests are done: only the diary's load is counted below.
  await page.waitForLoadState("networkidle");
  await page.goto("/nhat-ky");
  await chooseSeason(page);
  await expect(page.getByRole("button", { name: "Thêm ghi chép" })).toBeVisible();
  await page.getByRole("button", { name: "Thêm ghi chép" }).click();
  await expect(drawer(page).getByRole("button", { name: "Bón phân", exact: true })).toBeVisible();
  await drawer(page).getByRole("button", { name: "Bón phân", exact: true }).click();
  await expect(drawer(page).getByLabel("Tên phân")).toBeVisible();
  // Every script this page load ran (the entry, its modulepreloads, the lazy chunks), cached or
  // not, by the browser's own record; their bodies are fetched again to be weighed.
  const scripts = await page.evaluate(() => [
    ...new Set(
      [
        ...performance.getEntriesByType("resource").map((entry) => entry.name),
        ...Array.from(document.scripts).map((script) => script.src),
      ].filter((url) => new URL(url, location.href).pathname.endsWith(".js")),
    ),
  ]);
  const sizes: { name: string; gzip: number }[] = [];
  for (const url of scripts) {
    const name = new URL(url).pathname.split("/").pop() ?? url;
    sizes.push({ name, gzip: gzipSync(await (await page.request.get(url)).body(), { level: 9 }).length });
  }
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `/nhat-ky JavaScript, gzip -9: ${total} bytes (${kb(total)}) of ${kb(DIARY_PAGE_JS_BUDGET)} ` +
      `(${sizes.map((s) => `${s.name} ${kb(s.gzip)}`).join(", ")})`,
  );
  expect(sizes.length).toBeGreaterThan(0);
  expect(total, "gzipped JavaScript of /nhat-ky").toBeLessThanOrEqual(DIARY_PAGE_JS_BUDGET);
});

test("a correction made elsewhere in between is a conflict, said plainly; the choice is remembered", async ({
  page,
}) => {
  expect(seasonId).not.toBe("");
  await login(page, "kinhte");
  await page.goto("/nhat-ky");
  await chooseSeason(page);
  // The last choice comes back by itself.
  await page.reload();
  await expect(page.getByLabel("Vụ", { exact: true })).toHaveValue(seasonId);
  const season = await seasonFromServer(page, seasonId);
  const irrigation = season.entries.find((e) => e.details.kind === "irrigation");
  if (!irrigation) throw new Error("the irrigation entry is missing");
  // Another phone corrects the water regime first.
  const elsewhere = await page.request.patch(`/api/agriculture/diary/entries/${irrigation.id}`, {
    headers: { "x-csrf-token": await csrfOf(page) },
    data: {
      occurredOn: irrigation.occurredOn,
      details: { kind: "irrigation", waterRegime: "single_drainage" },
      version: irrigation.version,
    },
  });
  expect(elsewhere.ok(), await elsewhere.text()).toBe(true);

  const row = entries(page).filter({ hasText: "Tưới, chế độ nước" });
  await row.getByRole("button", { name: "Sửa" }).click();
  await drawer(page).getByRole("radio", { name: "Ngập liên tục" }).check();
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  await expect(page.getByText(/vừa được người khác sửa hoặc xóa/)).toBeVisible();
  // Reloaded: the other phone's correction shows.
  await expect(row).toContainText("Rút nước một lần");

  // A delete with the version now seen goes through.
  const fertilisers = entries(page).filter({ hasText: "Bón phân" });
  await fertilisers.first().getByRole("button", { name: "Xóa" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "Xóa" }).click();
  await expect(entries(page)).toHaveCount(2);
  expect((await seasonFromServer(page, seasonId)).entries).toHaveLength(2);

  // Another phone sends the rest of the season (a batch, as the page's queue does): with planting,
  // water, harvest and straw written, the server computes the footprint.
  const rest = await page.request.post(`/api/agriculture/seasons/${seasonId}/entries`, {
    headers: { "x-csrf-token": await csrfOf(page) },
    data: {
      entries: [
        { kind: "transplanting", variety: "Bắc thơm số 7" },
        { kind: "harvest", yieldKg: 3500 },
        { kind: "residue", handling: "incorporated" },
      ].map((details) => ({ clientId: crypto.randomUUID(), occurredOn: irrigation.occurredOn, details })),
    },
  });
  expect(rest.ok(), await rest.text()).toBe(true);
  await page.reload();
  const footprint = page.getByRole("region", { name: "Dấu chân carbon" });
  await expect(footprint).toContainText("kg CO₂e/ha");
  await expect(footprint).toContainText("kg CO₂e/kg sản phẩm");
  await expect(footprint).toContainText("Mê-tan từ ruộng lúa");

  // After the harvest, the season closes; its diary is then final.
  await page.getByRole("button", { name: "Kết thúc vụ" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Kết thúc vụ" }).click();
  await expect(page.getByText(/^Đã kết thúc ngày/)).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Thêm ghi chép" })).toHaveCount(0);
  await snap(page, "diary-footprint");
});

test("a household keeps its own diary on its phone, and sees nothing of the staff's work", async ({ page }) => {
  // The demo's producer account: Hộ Lê Thị Sen, which never asked an officer to write for it.
  await login(page, "nongdan");
  await expect(page).toHaveURL(/\/nhat-ky$/);
  await expect(page.getByRole("heading", { level: 1, name: "Nhật ký sản xuất" })).toBeVisible();
  // No staff menu, bell or counts: a plain header with its profile and sign-out.
  await expect(page.getByRole("button", { name: "Mở menu" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Tài khoản: Lê Thị Sen/ })).toBeVisible();
  await expect(page.getByLabel("Cơ sở sản xuất")).toHaveValue(/.+/);
  await expect(page.getByLabel("Cơ sở sản xuất").locator("option")).toHaveText(["Hộ Lê Thị Sen"]);

  await page.getByLabel("Thửa ruộng").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Mở vụ mới" }).click();
  const opening = page.getByRole("dialog");
  await opening.getByLabel("Tên vụ").fill("Vụ Đông 2026 (hộ tự ghi)");
  await opening.getByRole("button", { name: "Mở vụ mới" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Vụ Đông 2026 (hộ tự ghi)" })).toBeVisible();
  await startEntry(page, "Tưới, chế độ nước");
  await drawer(page).getByRole("radio", { name: "Ướt khô xen kẽ (AWD)" }).check();
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  await expect(entries(page)).toHaveCount(1);
  // Written by the household itself, not on its behalf.
  await expect(entries(page).first()).not.toContainText("Cán bộ ghi thay");
  await snap(page, "diary-producer-phone");

  // A staff address takes it back to its diary; the staff's data answers 403.
  await page.goto("/nhiem-vu");
  await expect(page).toHaveURL(/\/nhat-ky$/);
  expect((await page.request.get("/api/tasks")).status()).toBe(403);
  await expectNoAxeViolations(page, "/nhat-ky as a producer, phone");
});

/** A small valid PNG (a green square), made here: the server decodes and re-encodes what it gets. */
function greenPng(size = 16): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [46, 139, 87]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const photoInput = (page: Page) => drawer(page).locator('input[type="file"]');

/** Every image matching the locator has loaded (a broken image has naturalWidth 0). */
async function expectLoaded(images: ReturnType<Page["locator"]>, count: number) {
  await expect(images).toHaveCount(count);
  for (let i = 0; i < count; i++)
    await expect
      .poll(() =>
        images.nth(i).evaluate((img) => (img instanceof HTMLImageElement && img.complete ? img.naturalWidth : 0)),
      )
      .toBeGreaterThan(0);
}

test("a household adds photos to its entries, online and offline, and removes one", async ({ page }) => {
  await login(page, "nongdan");
  await expect(page).toHaveURL(/\/nhat-ky$/);
  await page.getByLabel("Thửa ruộng").selectOption({ index: 1 });
  const seasonChoice = page.getByLabel("Vụ", { exact: true });
  if ((await seasonChoice.count()) === 0) {
    await page.getByRole("button", { name: "Mở vụ mới" }).click();
    await page.getByRole("dialog").getByLabel("Tên vụ").fill("Vụ Đông 2026 (ảnh)");
    await page.getByRole("dialog").getByRole("button", { name: "Mở vụ mới" }).click();
  } else if ((await seasonChoice.inputValue()) === "") await seasonChoice.selectOption({ index: 1 });
  await expect(page.getByRole("button", { name: "Thêm ghi chép" })).toBeVisible();
  const before = await entries(page).count();

  // Online: a harvest entry with two photos, chosen as from the camera.
  await startEntry(page, "Thu hoạch");
  await drawer(page).getByLabel("Sản lượng").fill("3200");
  await photoInput(page).setInputFiles([
    { name: "lua-1.png", mimeType: "image/png", buffer: greenPng() },
    { name: "lua-2.png", mimeType: "image/png", buffer: greenPng(24) },
  ]);
  await expectLoaded(drawer(page).getByRole("img", { name: /^Ảnh đã chọn/ }), 2);
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  await expect(entries(page)).toHaveCount(before + 1);
  const harvest = entries(page).filter({ hasText: "Sản lượng" }).first();
  const saved = harvest.getByRole("img", { name: /^Ảnh \d của ghi chép ngày \d{2}\/\d{2}\/\d{4}$/ });
  await expectLoaded(saved, 2);
  await expect(saved.first()).toHaveAttribute("src", /^\/api\/agriculture\/diary\/photos\/[0-9a-f-]{36}$/);
  await expect(harvest.getByRole("link").first()).toHaveAttribute("href", /^\/api\/agriculture\/diary\/photos\//);

  // An edit removes the first photo (DELETE with the entry's version).
  await harvest.getByRole("button", { name: "Sửa" }).click();
  await drawer(page).getByRole("button", { name: "Bỏ ảnh 1" }).click();
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  await expect(drawer(page)).toBeHidden();
  await expectLoaded(harvest.getByRole("img", { name: /^Ảnh \d của ghi chép/ }), 1);

  // Offline: the photo waits on the phone (IndexedDB) with its entry, then follows it.
  await page.context().setOffline(true);
  await expect(page.getByText(OFFLINE)).toBeVisible();
  await startEntry(page, "Tưới, chế độ nước");
  await drawer(page).getByRole("radio", { name: "Ướt khô xen kẽ (AWD)" }).check();
  await photoInput(page).setInputFiles({ name: "ruong.png", mimeType: "image/png", buffer: greenPng(20) });
  await drawer(page).getByRole("button", { name: "Lưu ghi chép" }).click();
  const waiting = entries(page).filter({ hasText: PENDING });
  await expect(waiting).toHaveCount(1);
  await expectLoaded(waiting.getByRole("img", { name: /^Ảnh 1 \(chờ gửi\) của ghi chép ngày/ }), 1);
  const kept = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("px-diary-photos", 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction("photos").objectStore("photos").count();
            count.onsuccess = () => {
              resolve(count.result);
              open.result.close();
            };
            count.onerror = () => reject(count.error);
          };
        }),
    );
  expect(await kept()).toBe(1);

  await page.context().setOffline(false);
  await expect(page.getByText(PENDING, { exact: true })).toHaveCount(0);
  const sent = entries(page)
    .filter({ hasText: "Ướt khô xen kẽ" })
    .filter({ has: page.getByRole("img", { name: /^Ảnh 1 của ghi chép ngày/ }) });
  await expect(sent).toHaveCount(1);
  await expectLoaded(sent.getByRole("img"), 1);
  await expect.poll(kept).toBe(0);
  await snap(page, "diary-photos-phone");
  await expectNoAxeViolations(page, "/nhat-ky with photos, phone");
});
