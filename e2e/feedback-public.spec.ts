import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, login, logout, snap } from "./support.js";

/**
 * Issue 8, the resident's side: on a phone (360×740), without an account, report straw burning
 * with a photo and a pin on the map, get the tracking code, follow the report and add
 * information; with the map gone (tiles and Leaflet blocked), report by residential group and
 * address instead; see "already reported nearby"; use the phone's location; look a report up by
 * its code; the public list and map; reopen a report the ward closed as fixed. Map tiles never reach the internet: every test blocks them
 * (page.route) and checks the page says the map could not load and still works.
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ viewport: { width: 360, height: 740 } });

const WARD = "viet-hoa";
const CODE = /^PA-[2-9A-HJKMNP-Z]{6}$/;
const TILES = /tile\.openstreetmap\.org/;

/** Tiles never load: the tests do not need the internet, and the page must cope without them. */
async function blockTiles(page: Page): Promise<() => number> {
  let asked = 0;
  await page.route(TILES, (route) => {
    asked++;
    return route.abort("internetdisconnected");
  });
  return () => asked;
}

/** A phone photo (JPEG) of a field with smoke, drawn in the browser. */
async function jpegPhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext("2d");
    if (!ctx) return "";
    ctx.fillStyle = "#cfd8dc";
    ctx.fillRect(0, 0, 640, 240);
    ctx.fillStyle = "#c0a062";
    ctx.fillRect(0, 240, 640, 240);
    ctx.fillStyle = "rgba(90, 90, 90, 0.6)";
    for (let i = 0; i < 8; i++) {
      ctx.beginPath();
      ctx.arc(300 + i * 20, 220 - i * 25, 40 + i * 6, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = "#e65100";
    ctx.fillRect(270, 250, 100, 30);
    return canvas.toDataURL("image/jpeg", 0.8);
  });
  return Buffer.from(dataUrl.replace(/^data:image\/jpeg;base64,/, ""), "base64");
}

const categoryStep = (page: Page) => page.getByRole("group", { name: "1. Vấn đề gì?" });
const description = (page: Page) => page.getByRole("textbox", { name: "Mô tả vấn đề" });
const submit = (page: Page) => page.getByRole("button", { name: "Gửi phản ánh", exact: true });

async function chooseCategory(page: Page, name: RegExp) {
  await categoryStep(page).getByRole("radio", { name }).click();
  await expect(categoryStep(page).getByText(/^Đã chọn:/)).toBeVisible();
}

/** The Leaflet map, loaded (its lazy chunk arrived), tiles or not. */
async function mapReady(page: Page) {
  const map = page.locator(".fbm-canvas.leaflet-container").first();
  await expect(map).toBeVisible();
  return map;
}

let reportCode = "";
let reporterKey = "";
let pinned = { lat: 0, lng: 0 };

test("a resident reports straw burning with a photo and a map pin, follows it and adds information", async ({
  page,
}) => {
  const tilesAsked = await blockTiles(page);
  await page.goto(`/phan-anh?ward=${WARD}`);
  await expect(page.getByRole("heading", { level: 1, name: "Phản ánh về môi trường, đô thị" })).toBeVisible();
  await expect(page).toHaveTitle(/Gửi phản ánh/);

  await chooseCategory(page, /^Đốt rơm rạ/);
  await page
    .getByRole("group", { name: /Có đang cháy không\?/ })
    .getByRole("radio", { name: "Có" })
    .check();
  await description(page).fill("Cánh đồng sau chợ đang đốt rơm rạ, khói bay vào khu dân cư (kiểm thử e2e).");

  // A pin on the map: the map works without tiles, and says they did not load.
  const map = await mapReady(page);
  await map.click({ position: { x: 200, y: 140 } });
  const pinnedLine = page.getByText(/^Đã ghim: /);
  await expect(pinnedLine).toBeVisible();
  await expect(page.getByText("Không tải được bản đồ")).toBeVisible();
  expect(tilesAsked()).toBeGreaterThan(0);
  const [lat, lng] = ((await pinnedLine.textContent()) ?? "").replace("Đã ghim: ", "").split(", ").map(Number);
  pinned = { lat: lat ?? 0, lng: lng ?? 0 };
  expect(pinned.lat).toBeGreaterThan(8);
  expect(pinned.lng).toBeGreaterThan(100);

  // A reload (or a lost connection) keeps what was typed and the pin.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByText("Đã khôi phục nội dung bạn nhập lần trước.")).toBeVisible();
  await expect(description(page)).toHaveValue(/Cánh đồng sau chợ đang đốt rơm rạ/);
  await expect(page.getByText(/^Đã ghim: /)).toBeVisible();
  await expect(categoryStep(page).getByText("Đã chọn: Đốt rơm rạ")).toBeVisible();

  // The residential group too (straw burning counts toward an indicator per group).
  await page.getByRole("combobox", { name: "Tổ dân phố" }).selectOption({ label: "Tổ dân phố số 5" });

  // A photo from the phone: a thumbnail, which can be removed and added again.
  const photo = await jpegPhoto(page);
  const gallery = page.getByLabel("Chọn ảnh có sẵn");
  await gallery.setInputFiles({ name: "dot-rom.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(page.getByRole("img", { name: "Ảnh 1 sẽ gửi kèm" })).toBeVisible();
  await page.getByRole("button", { name: "Bỏ ảnh 1" }).click();
  await expect(page.getByRole("img", { name: "Ảnh 1 sẽ gửi kèm" })).toHaveCount(0);
  await gallery.setInputFiles({ name: "dot-rom.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(page.getByRole("img", { name: "Ảnh 1 sẽ gửi kèm" })).toBeVisible();
  // Nothing wider than the phone (WCAG 1.4.10, reflow).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await snap(page, "feedback-report-filled-phone");
  await expectNoAxeViolations(page, "/phan-anh filled, phone");

  const sending = page.waitForRequest(
    (r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/public/feedback/reports",
  );
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/public/feedback/reports",
  );
  await submit(page).click();
  const request = await sending;
  reporterKey = ((await (await answered).json()) as { reporterKey: string }).reporterKey;
  expect(request.headers()["x-device-id"]).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  const body = request.postDataBuffer()?.toString("latin1") ?? "";
  expect(body).toContain('name="locationSource"\r\n\r\nmap');
  expect(body).toContain('name="answers"\r\n\r\n{"dang_chay":"co"}');
  expect(body).toContain('name="photos"; filename="dot-rom.jpg"');
  expect(body).toContain('name="residentialGroup"\r\n\r\ntdp-05');

  await expect(page.getByRole("heading", { level: 1, name: "Đã gửi phản ánh" })).toBeVisible();
  reportCode = (await page.getByTestId("tracking-code").textContent()) ?? "";
  expect(reportCode).toMatch(CODE);
  await expect(page.getByText(/Hạn xử lý: \d{2}\/\d{2}\/\d{4}\./)).toBeVisible();
  // The phone remembers it, and forgot the draft.
  const kept = await page.evaluate(() => ({
    mine: localStorage.getItem("px.feedback.mine"),
    draft: localStorage.getItem("px.feedback.draft"),
  }));
  expect(kept.draft).toBeNull();
  expect(JSON.parse(kept.mine ?? "[]")[0]).toMatchObject({ code: reportCode });
  await expect(
    page.getByRole("region", { name: "Phản ánh của tôi" }).getByRole("link", { name: reportCode }),
  ).toBeVisible();
  await snap(page, "feedback-report-sent-phone");
  await expectNoAxeViolations(page, "/phan-anh sent, phone");

  // Follow it: the key in the link is kept on the phone and taken out of the address.
  await page.getByRole("link", { name: "Theo dõi phản ánh" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${reportCode}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/phan-anh/${reportCode}\\?ward=${WARD}$`));
  await expect(page.locator(".pp-chips").getByText("Chờ tiếp nhận")).toBeVisible();
  await expect(page.getByText(/^\d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
  await expect(page.getByText("Bạn là người gửi phản ánh này.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Quá trình xử lý" }).getByText("Đã gửi phản ánh")).toBeVisible();
  // A sensitive category (straw burning): its place is shown roughly, as a circle.
  await expect(page.getByText(/Vị trí gần đúng/)).toBeVisible();
  await expect(page.getByText("Không tải được bản đồ")).toBeVisible();

  const add = page.getByRole("region", { name: "Bổ sung thông tin" });
  await add.getByRole("button", { name: "Gửi bổ sung" }).click();
  await expect(add.getByText("Nhập nội dung bổ sung")).toBeVisible();
  await add.getByRole("textbox", { name: "Thông tin bổ sung" }).fill("Lửa đã lan sang ruộng bên cạnh lúc 17 giờ.");
  await add
    .getByLabel("Chọn ảnh có sẵn")
    .setInputFiles({ name: "lan-rong.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(add.getByRole("img", { name: "Ảnh 1 sẽ gửi kèm" })).toBeVisible();
  await add.getByRole("button", { name: "Gửi bổ sung" }).click();
  await expect(add.getByText("Đã gửi thông tin bổ sung.")).toBeVisible();
  const timeline = page.getByRole("region", { name: "Quá trình xử lý" });
  await expect(timeline.getByText("Lửa đã lan sang ruộng bên cạnh lúc 17 giờ.")).toBeVisible();
  await expect(timeline.getByText("Người phản ánh bổ sung")).toBeVisible();
  await snap(page, "feedback-follow-phone");
  await expectNoAxeViolations(page, "/phan-anh/:code, phone");

  // Opened again without the key in the address: the phone still knows it is the reporter's.
  await page.goto(`/phan-anh/${reportCode}?ward=${WARD}`);
  await expect(page.getByRole("region", { name: "Bổ sung thông tin" })).toBeVisible();
  // Anyone else (another phone) sees the report, not the form.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${reportCode}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Bổ sung thông tin" })).toHaveCount(0);
});

test("reporting the same thing at the same place offers to follow the report already there", async ({ page }) => {
  expect(reportCode).toMatch(CODE);
  await blockTiles(page);
  await page.goto(`/phan-anh?ward=${WARD}`);
  await chooseCategory(page, /^Đốt rơm rạ/);
  // The pin by typed coordinates (the map's tiles are away), pasted as a pair.
  const coords = page.getByText("Nhập tọa độ");
  await expect(page.getByRole("textbox", { name: "Vĩ độ" })).toBeVisible();
  await expect(coords).toBeVisible();
  await page.getByRole("textbox", { name: "Vĩ độ" }).fill(`${pinned.lat}, ${pinned.lng}`);
  await page.getByRole("button", { name: "Ghim theo tọa độ" }).click();
  await expect(page.getByText(/^Đã ghim: /)).toBeVisible();
  const nearby = page.getByRole("region", { name: /Đã có người phản ánh gần đây/ });
  await expect(nearby).toBeVisible();
  await expect(nearby.getByText(reportCode)).toBeVisible();
  await snap(page, "feedback-nearby-phone");
  await nearby.getByRole("link", { name: `Theo dõi phản ánh này ${reportCode}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${reportCode}` })).toBeVisible();
});

test("with the map gone, the form reports by residential group and address, with errors in Vietnamese", async ({
  page,
}) => {
  await blockTiles(page);
  // Offline-like: Leaflet's own chunk does not arrive either.
  await page.route(/\/assets\/leaflet-map-[^/]*\.js$/, (route) => route.abort("internetdisconnected"));
  await page.goto(`/phan-anh?ward=${WARD}`);
  await expect(page.getByText("Không tải được bản đồ")).toBeVisible();
  // Typing coordinates is offered at once.
  await expect(page.getByRole("textbox", { name: "Vĩ độ" })).toBeVisible();

  // Sending too early: each problem next to its field, listed above the button, nothing lost.
  await submit(page).click();
  const summary = page.getByRole("alert").filter({ hasText: "Chưa gửi được. Kiểm tra lại:" });
  await expect(summary).toBeVisible();
  await expect(summary.getByText("Chọn loại phản ánh")).toBeVisible();
  await expect(summary.getByText("Mô tả ít nhất 10 ký tự")).toBeVisible();
  await expect(summary.getByText(/^Cho biết vị trí/)).toBeVisible();
  // The first field at fault has the focus (the phone scrolls to it).
  await expect(categoryStep(page).getByRole("radio").first()).toBeFocused();

  await chooseCategory(page, /^Đổ rác trái phép/);
  await description(page).fill("Bãi rác tự phát ở đầu ngõ 7, bốc mùi (kiểm thử e2e).");
  await page.getByRole("combobox", { name: "Tổ dân phố" }).selectOption({ label: "Tổ dân phố số 3" });
  await page.getByRole("textbox", { name: "Địa chỉ, mô tả vị trí" }).fill("Đầu ngõ 7, cạnh trạm biến áp");
  await page.getByRole("textbox", { name: "Số điện thoại" }).fill("0912 345 678");
  // The server's own check: an email the phone accepts, the API does not.
  await page.getByRole("textbox", { name: "Email" }).fill("lan@mail.x");
  await submit(page).click();
  // The required question and the consent are asked for before anything is sent.
  await expect(summary.getByText("Trả lời câu hỏi này")).toBeVisible();
  await expect(summary.getByText(/^Để lại thông tin liên hệ thì cần đồng ý/)).toBeVisible();
  await page
    .getByRole("group", { name: /Có đang có người đổ rác không\?/ })
    .getByRole("radio", { name: "Không" })
    .check();
  await page.getByRole("checkbox", { name: /Tôi đồng ý để phường lưu/ }).check();
  await submit(page).click();
  const emailError = page.locator("#fb-email-error");
  await expect(emailError).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Email" })).toBeFocused();
  // What was typed is all still there.
  await expect(description(page)).toHaveValue("Bãi rác tự phát ở đầu ngõ 7, bốc mùi (kiểm thử e2e).");
  await expect(page.getByRole("textbox", { name: "Số điện thoại" })).toHaveValue("0912 345 678");
  await snap(page, "feedback-report-errors-phone");
  await expectNoAxeViolations(page, "/phan-anh with errors, phone");

  await page.getByRole("textbox", { name: "Email" }).fill("");
  const sending = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/api/public/feedback/reports"));
  await submit(page).click();
  const body = (await sending).postDataBuffer()?.toString("utf8") ?? "";
  expect(body).toContain('name="residentialGroup"\r\n\r\ntdp-03');
  expect(body).toContain('name="locationSource"\r\n\r\nnone');
  expect(body).not.toContain('name="lat"');
  await expect(page.getByRole("heading", { level: 1, name: "Đã gửi phản ánh" })).toBeVisible();
  const code = (await page.getByTestId("tracking-code").textContent()) ?? "";
  expect(code).toMatch(CODE);
  await page.getByRole("link", { name: "Theo dõi phản ánh" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${code}` })).toBeVisible();
  await expect(page.getByText("Tổ dân phố số 3")).toBeVisible();
  await expect(page.getByText("Đầu ngõ 7, cạnh trạm biến áp")).toBeVisible();
  await expect(page.getByText("Phản ánh ghi vị trí bằng địa chỉ.")).toBeVisible();
});

test.describe("the phone's location", () => {
  test.use({ geolocation: { latitude: 20.8461, longitude: 106.6905 }, permissions: ["geolocation"] });

  test("“Dùng vị trí của tôi” pins the phone's position and says so", async ({ page }) => {
    await blockTiles(page);
    await page.goto(`/phan-anh?ward=${WARD}`);
    await chooseCategory(page, /^Đổ rác trái phép/);
    await page.getByRole("button", { name: "Dùng vị trí của tôi" }).click();
    await expect(page.getByText("Đã ghim theo vị trí điện thoại: 20.84610, 106.69050")).toBeVisible();
    await page
      .getByRole("group", { name: /Có đang có người đổ rác không\?/ })
      .getByRole("radio", { name: "Có" })
      .check();
    await description(page).fill("Có người đang đổ xà bần xuống mương (kiểm thử e2e).");
    const sending = page.waitForRequest(
      (r) => r.method() === "POST" && r.url().includes("/api/public/feedback/reports"),
    );
    await submit(page).click();
    const body = (await sending).postDataBuffer()?.toString("utf8") ?? "";
    expect(body).toContain('name="locationSource"\r\n\r\ndevice');
    expect(body).toContain('name="lat"\r\n\r\n20.8461');
    await expect(page.getByRole("heading", { level: 1, name: "Đã gửi phản ánh" })).toBeVisible();
  });
});

/** An open straw-burning report: the first test's, or (run alone) one of the demo ward's. */
async function openStrawReport(page: Page): Promise<string> {
  if (reportCode) return reportCode;
  const response = await page.request.get(`/api/public/feedback/reports?ward=${WARD}&status=open&category=dot-rom-ra`);
  const list = (await response.json()) as { reports: { code: string }[] };
  return list.reports[0]?.code ?? "";
}

test("a report is looked up by its code as typed, and the public list and map show the reports", async ({ page }) => {
  const reportCode = await openStrawReport(page);
  expect(reportCode).toMatch(CODE);
  await blockTiles(page);
  await page.goto(`/phan-anh?ward=${WARD}`);
  const lookup = page.getByRole("region", { name: "Tra cứu phản ánh" });
  await lookup.getByRole("textbox", { name: "Mã phản ánh" }).fill("PA-12");
  await lookup.getByRole("button", { name: "Xem" }).click();
  await expect(lookup.getByText("Mã phản ánh gồm PA- và 6 ký tự, ví dụ PA-7K3M9Q")).toBeVisible();
  // Lower case, without the dash, as read over the phone.
  await lookup.getByRole("textbox", { name: "Mã phản ánh" }).fill(reportCode.replace("PA-", "pa ").toLowerCase());
  await lookup.getByRole("button", { name: "Xem" }).click();
  await expect(page).toHaveURL(new RegExp(`/phan-anh/${reportCode}\\?ward=${WARD}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${reportCode}` })).toBeVisible();

  await page.goto(`/phan-anh/ban-do?ward=${WARD}`);
  await expect(page.getByRole("heading", { level: 1, name: "Phản ánh của người dân" })).toBeVisible();
  const list = page.getByRole("region", { name: /^Danh sách/ });
  await expect(list.getByRole("link", { name: new RegExp(reportCode) })).toBeVisible();
  await expect(page.getByText("Không tải được bản đồ")).toBeVisible();
  // Points on the map (demo reports and ours): sensitive ones as circles, drawn without tiles.
  await mapReady(page);
  await expect(page.locator(".fbm-canvas path.leaflet-interactive").first()).toBeAttached();
  await snap(page, "feedback-map-phone");
  await expectNoAxeViolations(page, "/phan-anh/ban-do, phone");

  // Closed ones only: ours (new) is not among them.
  const filters = page.getByRole("form", { name: "Lọc phản ánh" });
  await filters.getByRole("radio", { name: "Đã đóng" }).check();
  await expect(page).toHaveURL(/status=closed/);
  await expect(list.getByRole("link", { name: new RegExp(reportCode) })).toHaveCount(0);
  await expect(list.getByRole("link").first()).toBeVisible();
  // By kind: straw burning, open.
  await filters.getByRole("radio", { name: "Đang xử lý" }).check();
  await filters.getByRole("combobox", { name: "Loại" }).selectOption({ label: "Đốt rơm rạ" });
  await expect(page).toHaveURL(/category=dot-rom-ra/);
  await list.getByRole("link", { name: new RegExp(reportCode) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${reportCode}` })).toBeVisible();
});

test("the reporter reopens a report the ward closed as fixed, and sees its photo once accepted", async ({ page }) => {
  expect(reportCode).toMatch(CODE);
  // The Office accepts it and the unit reports it fixed (through the staff API, as its pages do).
  await login(page, "vanphong");
  const csrf = (await page.context().cookies()).find((c) => c.name === "px_csrf")?.value ?? "";
  const found = (await (await page.request.get(`/api/feedback/reports?queue=all&q=${reportCode}`)).json()) as {
    reports: { id: string; code: string }[];
  };
  const id = found.reports.find((r) => r.code === reportCode)?.id ?? "";
  let detail = (await (await page.request.get(`/api/feedback/reports/${id}`)).json()) as { version: number };
  for (const action of [
    { action: "accept" },
    { action: "status", status: "fixed", response: "Đã dập lửa, nhắc nhở chủ ruộng không đốt rơm rạ." },
  ]) {
    const answer = await page.request.post(`/api/feedback/reports/${id}/actions`, {
      data: { ...action, version: detail.version },
      headers: { "x-csrf-token": csrf },
    });
    expect(answer.ok(), await answer.text()).toBe(true);
    detail = (await answer.json()) as { version: number };
  }
  await logout(page);

  await blockTiles(page);
  await page.goto(`/phan-anh/${reportCode}?ward=${WARD}&k=${reporterKey}`);
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${reportCode}` })).toBeVisible();
  await expect(page.locator(".pp-chips").getByText("Đã xử lý xong")).toBeVisible();
  const timeline = page.getByRole("region", { name: "Quá trình xử lý" });
  await expect(timeline.getByText("Đã dập lửa, nhắc nhở chủ ruộng không đốt rơm rạ.")).toBeVisible();
  // Accepted: the photo sent with the report is public now (re-encoded by the server).
  const photo = page.getByRole("img", { name: `Ảnh 1 của phản ánh ${reportCode}` });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const reopen = page.getByRole("region", { name: "Mở lại phản ánh" });
  await expect(reopen.getByText(/Bạn có thể mở lại đến \d{2}\/\d{2}\/\d{4}\./)).toBeVisible();
  await reopen.getByRole("textbox", { name: "Lý do mở lại" }).fill("Sáng nay lại có người đốt tiếp ở ruộng bên cạnh.");
  await reopen.getByRole("button", { name: "Mở lại phản ánh" }).click();
  await expect(page.getByText("Đã mở lại phản ánh.")).toBeVisible();
  await expect(page.locator(".pp-chips").getByText("Đã tiếp nhận")).toBeVisible();
  await expect(timeline.getByText("Sáng nay lại có người đốt tiếp ở ruộng bên cạnh.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Mở lại phản ánh" })).toHaveCount(0);
  await snap(page, "feedback-follow-reopened-phone");
  await expectNoAxeViolations(page, "/phan-anh/:code reopened, phone");
});

/** The weight budget of the report page: residents open it on phones, often on slow mobile data. */
const REPORT_PAGE_JS_BUDGET = 150 * 1024;

test("the report page's own JavaScript weighs at most 150 KB gzipped", async ({ page }) => {
  await blockTiles(page);
  // Every script the page fetches (the entry, its modulepreloads, the lazy chunks), by address.
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (response) => {
    const url = response.url();
    const isScript = response.request().resourceType() === "script" || new URL(url).pathname.endsWith(".js");
    if (isScript && response.ok() && !scripts.has(url)) scripts.set(url, response.body());
  });
  await page.goto(`/phan-anh?ward=${WARD}`);
  // Usable: the categories are there to choose and the description can be typed.
  await expect(categoryStep(page).getByRole("radio").first()).toBeVisible();
  await expect(description(page)).toBeEditable();
  // The form renders its map at once, and the map imports the Leaflet chunk (leaflet-map-*.js:
  // Leaflet and the code that drives it, ~44 KB gzipped) on mount, by itself. Wait for it so
  // that every chunk has arrived, then leave that one out: the total is the page's own
  // JavaScript, Leaflet not included. The form works without it (see "with the map gone"
  // above). The small wrapper that loads it (feedback-map-*.js) is the page's, and counts.
  await mapReady(page);
  const sizes: { name: string; gzip: number }[] = [];
  for (const [url, body] of scripts) {
    const name = new URL(url).pathname.split("/").pop() ?? url;
    if (/leaflet/i.test(name)) continue;
    sizes.push({ name, gzip: gzipSync(await body, { level: 9 }).length });
  }
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `/phan-anh JavaScript without the Leaflet chunk, gzip -9: ${total} bytes (${kb(total)}) of ${kb(REPORT_PAGE_JS_BUDGET)} ` +
      `(${sizes.map((s) => `${s.name} ${kb(s.gzip)}`).join(", ")})`,
  );
  expect(sizes.length).toBeGreaterThan(0);
  expect(total, "gzipped JavaScript of /phan-anh without the Leaflet chunk").toBeLessThanOrEqual(REPORT_PAGE_JS_BUDGET);
});
