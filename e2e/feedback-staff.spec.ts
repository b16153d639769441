import fs from "node:fs";
import { expect, request as http, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Citizen reports (phản ánh) as staff handle them: a resident reports a broken street light
 * through the public API; the Office finds it in the inbox, accepts it, answers publicly with a
 * template, writes an internal note, hides a photo and marks it fixed; the public sees the answer
 * and never the note. A unit officer handles what is routed to their unit and cannot read another
 * unit's reporter. The dashboard and the settings show their data; a personal data request finds,
 * exports and erases a reporter's contact.
 */

const STAMP = Date.now().toString(36);
const DESCRIPTION = `Đèn đường trước nhà văn hóa không sáng mấy tối nay, ngõ rất tối (kiểm thử ${STAMP}).`;
const OTHER_DESCRIPTION = `Cột đèn đầu ngõ bị nghiêng, bóng đèn nhấp nháy cả đêm (kiểm thử ${STAMP}).`;
const REPORTER = "Trần Thị Kiểm Thử";
const OTHER_REPORTER = "Lê Văn Khác Đơn Vị";
const PHONE = `09${String(Date.now()).slice(-8)}`;
const NOTE = `Đã gọi điện cho tổ trưởng, hẹn kiểm tra tối nay (ghi chú nội bộ ${STAMP}).`;

/** A 2×2 PNG: a photo the server accepts and re-encodes. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

type Submitted = { code: string; unit: { code: string; name: string; shortName: string } };

/** A resident's report through the public API, as the report page sends it. */
async function submitReport(
  api: APIRequestContext,
  fields: { description: string; residentialGroup: string; name: string; phone: string; photo: boolean },
): Promise<Submitted> {
  const response = await api.post("/api/public/feedback/reports", {
    headers: { "x-device-id": `e2e-staff-${STAMP}-device` },
    multipart: {
      category: "den-chieu-sang",
      description: fields.description,
      answers: JSON.stringify({ sang_ban_ngay: "khong" }),
      residentialGroup: fields.residentialGroup,
      address: "Số 12, ngõ 45, đường Nguyễn Lương Bằng",
      locationSource: "map",
      lat: "20.9370",
      lng: "106.3180",
      name: fields.name,
      phone: fields.phone,
      consent: "true",
      ...(fields.photo ? { photos: { name: "den-hong.png", mimeType: "image/png", buffer: PNG } } : {}),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Submitted;
}

let own: Submitted;
let other: Submitted;
let kinhteUnitCode = "";

test.describe.configure({ mode: "serial" });
// The screenshots are looked at: the width of an office laptop.
test.use({ viewport: { width: 1366, height: 800 } });

test.beforeAll(async ({ baseURL }) => {
  const anonymous = await http.newContext({ baseURL });
  const categories = await anonymous.get("/api/public/feedback/categories");
  expect(categories.ok()).toBe(true);
  const body = (await categories.json()) as {
    categories: { code: string; unit: { code: string } }[];
    residentialGroups: { code: string }[];
  };
  const light = body.categories.find((c) => c.code === "den-chieu-sang");
  expect(light, "the demo ward has the street light category").toBeDefined();
  const groups = body.residentialGroups;
  expect(groups.length).toBeGreaterThan(4);
  // The demo routes the first residential groups' street lights to another unit than the
  // category's own (Phòng Kinh tế): the last group goes to the category's unit.
  own = await submitReport(anonymous, {
    description: DESCRIPTION,
    residentialGroup: groups[groups.length - 1]?.code ?? "",
    name: REPORTER,
    phone: PHONE,
    photo: true,
  });
  other = await submitReport(anonymous, {
    description: OTHER_DESCRIPTION,
    residentialGroup: groups[0]?.code ?? "",
    name: OTHER_REPORTER,
    phone: `08${String(Date.now()).slice(-8)}`,
    photo: false,
  });
  kinhteUnitCode = light?.unit.code ?? "";
  await anonymous.dispose();
});

async function openReport(page: Page, code: string) {
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: code, exact: true }) });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: code, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Phản ánh ${code}` })).toBeVisible();
}

/** Picks an option of the antd select labelled `label` inside `scope`, in its own list. */
async function choose(page: Page, scope: Locator, label: string, option: RegExp | string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  const id = await input.getAttribute("id");
  const options = page.locator(`[role="option"][id^="${id}_list_"]`);
  await options.filter({ hasText: option, visible: true }).click();
  // Its list closes before the next select opens where it was.
  await expect(options.filter({ visible: true })).toHaveCount(0);
}

test("the Office accepts a new report, answers it with a template, notes it internally and marks it fixed", async ({
  page,
}) => {
  await login(page, "vanphong");
  const menuLink = page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: /^Phản ánh/ });
  await expect(menuLink).toBeVisible();
  await menuLink.click();
  await expect(page).toHaveURL(/\/xu-ly-phan-anh$/);
  await expect(page.getByRole("heading", { level: 1, name: "Xử lý phản ánh" })).toBeVisible();
  // The Office starts on the reports waiting to be sorted; the tabs carry the list's counts.
  await expect(page.getByRole("tab", { name: /Chờ tiếp nhận\s*\d+/, selected: true })).toBeVisible();
  await expect(page.getByRole("tab", { name: /Quá hạn\s*\d+/ })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: own.code, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell", { name: "Đèn chiếu sáng công cộng hỏng" })).toBeVisible();
  await expect(row.getByText("Chờ tiếp nhận")).toBeVisible();
  // The deadline reads dd/mm/yyyy.
  await expect(row.getByRole("cell", { name: /^\d{2}\/\d{2}\/\d{4}/ })).toBeVisible();
  // Export buttons carry the current filters.
  await expect(page.getByRole("link", { name: /Xuất CSV/ })).toHaveAttribute("href", /export\.csv\?queue=new/);
  await snap(page, "feedback-inbox");

  // Searching by the code finds it in every queue.
  await page.getByRole("tab", { name: /^Tất cả/ }).click();
  await page.getByLabel("Tìm phản ánh").fill(own.code);
  await expect(page).toHaveURL(new RegExp(`q=${own.code}`));
  await openReport(page, own.code);
  await expect(page.getByText(DESCRIPTION)).toBeVisible();
  await expect(page.getByText("Đèn có sáng cả ban ngày không?")).toBeVisible();
  await expect(page.getByText(REPORTER)).toBeVisible();
  await expect(page.getByRole("link", { name: PHONE })).toHaveAttribute("href", `tel:${PHONE}`);
  await expect(page.getByRole("link", { name: "Mở trên OpenStreetMap" })).toHaveAttribute(
    "href",
    /openstreetmap\.org\/\?mlat=20\.937000&mlon=106\.318000/,
  );
  await expect(page.getByRole("img", { name: `Ảnh 1 của phản ánh ${own.code}` })).toBeVisible();
  await snap(page, "feedback-report-new");

  // Tiếp nhận.
  await page.getByRole("button", { name: /Tiếp nhận$/ }).click();
  let dialog = page.getByRole("dialog", { name: `Tiếp nhận — ${own.code}` });
  await dialog.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
  await expect(page.getByText(`Đã tiếp nhận phản ánh ${own.code}`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".staff-page-header").getByText("Đã tiếp nhận", { exact: true })).toBeVisible();

  // A public answer from a template made for the report's state.
  await page.getByRole("button", { name: /Trả lời công khai$/ }).click();
  dialog = page.getByRole("dialog", { name: `Trả lời công khai — ${own.code}` });
  await choose(page, dialog, "Mẫu trả lời", /^Đã tiếp nhận/);
  const response = dialog.getByLabel("Trả lời người phản ánh (công khai)");
  await expect(response).toHaveValue(/UBND phường đã tiếp nhận phản ánh/);
  await snap(page, "feedback-respond", { fullPage: false });
  await dialog.getByRole("button", { name: "Gửi trả lời" }).click();
  await expect(page.getByText("Đã gửi trả lời công khai")).toBeVisible();
  await expect(dialog).toBeHidden();

  // An internal note: shown to staff, marked "Nội bộ".
  await page.getByRole("button", { name: /Ghi chú nội bộ$/ }).click();
  dialog = page.getByRole("dialog", { name: `Ghi chú nội bộ — ${own.code}` });
  await dialog.getByLabel("Ghi chú", { exact: true }).fill(NOTE);
  await dialog.getByRole("button", { name: "Lưu ghi chú" }).click();
  await expect(page.getByText("Đã lưu ghi chú nội bộ")).toBeVisible();
  const timeline = page.getByRole("list", { name: "Diễn biến xử lý phản ánh" });
  const noteEntry = timeline.getByRole("listitem").filter({ hasText: NOTE });
  await expect(noteEntry).toHaveCount(1);
  await expect(noteEntry.getByText("Nội bộ", { exact: true })).toBeVisible();
  await expect(
    timeline
      .getByRole("listitem")
      .filter({ hasText: "UBND phường đã tiếp nhận phản ánh" })
      .getByText("Công khai", { exact: true }),
  ).toBeVisible();

  // The photo shows a face: hidden from the public.
  await page.getByRole("switch", { name: `Ẩn với người dân: Ảnh 1 của phản ánh ${own.code}` }).click();
  await expect(page.getByText("Đã ẩn ảnh với người dân")).toBeVisible();
  await expect(page.getByRole("switch", { name: `Ẩn với người dân: Ảnh 1 của phản ánh ${own.code}` })).toBeChecked();

  // Fixed, with the template for "fixed".
  await page.getByRole("button", { name: /Đổi trạng thái$/ }).click();
  dialog = page.getByRole("dialog", { name: `Đổi trạng thái — ${own.code}` });
  await choose(page, dialog, "Trạng thái mới", "Đã xử lý xong");
  await choose(page, dialog, "Mẫu trả lời", /^Đã xử lý xong/);
  await expect(dialog.getByLabel("Trả lời công khai (không bắt buộc)")).toHaveValue(/Đơn vị đã xử lý xong/);
  await dialog.getByRole("button", { name: "Đổi trạng thái", exact: true }).click();
  await expect(page.getByText(`Đã đổi trạng thái phản ánh ${own.code}`)).toBeVisible();
  await expect(page.locator(".staff-page-header").getByText("Đã xử lý xong", { exact: true })).toBeVisible();
  await expect(page.getByText("Đã đổi trạng thái phản ánh")).toBeHidden();
  await snap(page, "feedback-report-fixed");
});

test("a page someone else changed in between says so, reloads, and the second try goes through", async ({ page }) => {
  await login(page, "vanphong");
  await page.goto(`/xu-ly-phan-anh?queue=all&q=${other.code}`);
  await openReport(page, other.code);
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  // Another officer adds a note from their own screen.
  const token = (await page.context().cookies()).find((c) => c.name === "px_csrf")?.value ?? "";
  const current = (await (await page.request.get(`/api/feedback/reports/${id}`)).json()) as { version: number };
  const elsewhere = await page.request.post(`/api/feedback/reports/${id}/actions`, {
    headers: { "x-csrf-token": token },
    data: { action: "note", version: current.version, text: `Ghi chú từ máy khác (${STAMP})` },
  });
  expect(elsewhere.status(), await elsewhere.text()).toBe(200);

  await page.getByRole("button", { name: /Ghi chú nội bộ$/ }).click();
  const dialog = page.getByRole("dialog", { name: `Ghi chú nội bộ — ${other.code}` });
  await dialog.getByLabel("Ghi chú", { exact: true }).fill(`Ghi chú trên trang cũ (${STAMP})`);
  await dialog.getByRole("button", { name: "Lưu ghi chú" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Phản ánh đã được người khác cập nhật");
  // The page reloaded the report behind the dialog: the other note is there.
  await expect(page.getByRole("list", { name: "Diễn biến xử lý phản ánh" })).toContainText(
    `Ghi chú từ máy khác (${STAMP})`,
  );
  await snap(page, "feedback-conflict", { fullPage: false });
  await dialog.getByRole("button", { name: "Lưu ghi chú" }).click();
  await expect(page.getByText("Đã lưu ghi chú nội bộ")).toBeVisible();
  await expect(page.getByRole("list", { name: "Diễn biến xử lý phản ánh" })).toContainText(
    `Ghi chú trên trang cũ (${STAMP})`,
  );
});

test("the public sees the answers and the state, never the internal note, the hidden photo or the reporter", async ({
  baseURL,
  page,
}) => {
  const anonymous = await http.newContext({ baseURL });
  const answer = await anonymous.get(`/api/public/feedback/reports/${own.code}`);
  expect(answer.status()).toBe(200);
  const text = await answer.text();
  const report = JSON.parse(text) as {
    status: string;
    photos: string[];
    timeline: { kind: string; text: string | null }[];
  };
  expect(report.status).toBe("fixed");
  const responses = report.timeline.map((entry) => entry.text ?? "").join("\n");
  expect(responses).toContain("UBND phường đã tiếp nhận phản ánh");
  expect(responses).toContain("Đơn vị đã xử lý xong");
  expect(text).not.toContain(NOTE);
  expect(text).not.toContain(REPORTER);
  expect(text).not.toContain(PHONE);
  expect(report.photos).toEqual([]);
  await anonymous.dispose();

  // The public follow page says the same.
  await logout(page);
  await page.goto(`/phan-anh/${own.code}`);
  await expect(page.getByText("Đơn vị đã xử lý xong").first()).toBeVisible();
  await expect(page.getByText(NOTE)).toHaveCount(0);
  await expect(page.getByText(REPORTER)).toHaveCount(0);
});

test("a unit officer handles what is routed to their unit and cannot read another unit's reporter", async ({
  page,
}) => {
  await logout(page);
  await login(page, "kinhte");
  const me = (await (await page.request.get("/api/auth/me")).json()) as { unit: { code: string } | null };
  expect(me.unit?.code).toBe(kinhteUnitCode);
  expect(own.unit.code, "the last residential group's street lights go to the category's unit").toBe(kinhteUnitCode);
  expect(other.unit.code, "the first residential group's street lights are routed to another unit").not.toBe(
    kinhteUnitCode,
  );

  await page.goto("/xu-ly-phan-anh");
  // A unit officer starts on what is open; "Của tôi" holds the unit's own.
  await expect(page.getByRole("tab", { name: /Đang mở/, selected: true })).toBeVisible();
  await page.getByRole("tab", { name: /^Của tôi/ }).click();
  await expect(page).toHaveURL(/queue=mine/);
  await expect(page.getByRole("link", { name: other.code, exact: true })).toHaveCount(0);
  await page.getByRole("tab", { name: /^Tất cả/ }).click();
  await page.getByLabel("Tìm phản ánh").fill(STAMP);
  await expect(page).toHaveURL(new RegExp(`q=${STAMP}`));
  // Both of this test's reports, and nothing else: the header row and two.
  await expect(page.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("link", { name: own.code, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: other.code, exact: true })).toBeVisible();
  await snap(page, "feedback-inbox-unit");

  // Their own unit's report: the reporter's contact, and the handling buttons.
  await openReport(page, own.code);
  await expect(page.getByText(REPORTER)).toBeVisible();
  await expect(page.getByRole("button", { name: /Trả lời công khai$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Tiếp nhận$/ })).toHaveCount(0);

  // Another unit's: read only, the reporter hidden.
  await page.goBack();
  await openReport(page, other.code);
  await expect(page.getByText(OTHER_DESCRIPTION)).toBeVisible();
  await expect(page.getByText(/Thông tin liên hệ của người phản ánh được ẩn/)).toBeVisible();
  await expect(page.getByText(OTHER_REPORTER)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Trả lời công khai$/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Đổi trạng thái$/ })).toHaveCount(0);
  await snap(page, "feedback-report-other-unit");
});

test("the dashboard counts reports by category, unit, residential group and status", async ({ page }) => {
  await logout(page);
  await login(page, "vanphong");
  await page.goto("/xu-ly-phan-anh");
  await page.getByRole("link", { name: /Thống kê/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thống kê phản ánh" })).toBeVisible();
  await expect(page.getByText("Tổng số").first()).toBeVisible();
  await expect(page.getByText("Thời gian xử lý (trung vị)")).toBeVisible();
  const byCategory = page.locator(".ant-card").filter({ hasText: "Theo loại phản ánh" });
  await expect(byCategory.getByRole("row").filter({ hasText: "Đèn chiếu sáng công cộng hỏng" })).toHaveCount(1);
  const byUnit = page.locator(".ant-card").filter({ hasText: "Theo đơn vị xử lý" });
  await expect(byUnit.getByRole("row").filter({ hasText: own.unit.shortName })).toHaveCount(1);
  await expect(page.locator(".ant-card").filter({ hasText: "Theo tổ dân phố" }).getByRole("row")).not.toHaveCount(0);
  await expect(
    page.locator(".ant-card").filter({ hasText: "Theo trạng thái" }).getByText("Đã xử lý xong"),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Bản đồ" })).toBeVisible();
  await snap(page, "feedback-stats");
});

test("the settings list categories and templates, and a personal data request exports and erases a contact", async ({
  page,
}) => {
  await login(page, "vanphong");
  await page.goto("/xu-ly-phan-anh/cau-hinh");
  await expect(page.getByRole("heading", { level: 1, name: "Loại phản ánh" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "den-chieu-sang" });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("7 ngày làm việc")).toBeVisible();
  await expect(row.getByText(/Phân công riêng ở \d+ tổ dân phố/)).toBeVisible();
  await row.getByRole("button", { name: "Sửa Đèn chiếu sáng công cộng hỏng" }).click();
  const dialog = page.getByRole("dialog", { name: "Sửa loại phản ánh: Đèn chiếu sáng công cộng hỏng" });
  await expect(dialog.getByLabel("Tên loại")).toHaveValue("Đèn chiếu sáng công cộng hỏng");
  await expect(dialog.getByLabel("Câu hỏi", { exact: true })).toHaveValue("Đèn có sáng cả ban ngày không?");
  await expect(dialog.getByLabel("Lựa chọn 1", { exact: true })).toHaveValue("Có");
  await expect(dialog.getByLabel("Mã lựa chọn 1", { exact: true })).toHaveValue("co");
  await dialog.getByRole("button", { name: /Thêm phân công$/ }).scrollIntoViewIfNeeded();
  await snap(page, "feedback-settings-category", { fullPage: false });
  await dialog.getByRole("button", { name: "Hủy" }).click();
  await expect(dialog).toBeHidden();
  await snap(page, "feedback-settings");

  await page.getByRole("tab", { name: "Mẫu trả lời" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mẫu trả lời" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Đã xử lý xong" }).first()).toBeVisible();
  // The Office does not hand out API keys.
  await expect(page.getByRole("tab", { name: "Khóa API Open311" })).toHaveCount(0);

  await page.getByRole("tab", { name: "Dữ liệu cá nhân" }).click();
  await page.getByLabel("Điện thoại").fill(PHONE);
  await page.getByRole("button", { name: /Tìm dữ liệu$/ }).click();
  await expect(page.getByText("Tìm thấy 1 phản ánh")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: own.code }).getByText(REPORTER)).toBeVisible();
  await snap(page, "feedback-personal-data");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Tải về \(JSON\)$/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^du-lieu-ca-nhan-phan-anh-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as {
    query: { phone: string };
    reports: { code: string; contact: { name: string } }[];
  };
  expect(exported.query.phone).toBe(PHONE);
  expect(exported.reports.map((r) => [r.code, r.contact.name])).toEqual([[own.code, REPORTER]]);

  await page.getByRole("button", { name: /Xóa dữ liệu cá nhân$/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Xóa dữ liệu cá nhân" }).click();
  await expect(page.getByText("Đã xóa thông tin liên hệ trong 1 phản ánh")).toBeVisible();
  // Nothing is kept about the person any more: the same search finds nothing…
  await expect(page.getByText("Tìm thấy 0 phản ánh")).toBeVisible();
  await expect(page.getByText(REPORTER)).toHaveCount(0);
  // …and the report itself says its contact was erased.
  await page.goto(`/xu-ly-phan-anh?queue=all&q=${own.code}`);
  await openReport(page, own.code);
  await expect(page.getByText(/Thông tin liên hệ đã được xóa theo yêu cầu ngày \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expect(page.getByText(REPORTER)).toHaveCount(0);
});

test("the admin gives another app an Open311 key, sees it once and revokes it", async ({ page }) => {
  await logout(page);
  await login(page, "admin");
  await page.goto("/xu-ly-phan-anh/cau-hinh?muc=khoa-api");
  await expect(page.getByRole("heading", { level: 1, name: "Khóa API Open311" })).toBeVisible();
  // The admin never handles a person's data.
  await expect(page.getByRole("tab", { name: "Dữ liệu cá nhân" })).toHaveCount(0);
  await page.getByRole("button", { name: /Tạo khóa API$/ }).click();
  const dialog = page.getByRole("dialog", { name: "Tạo khóa API" });
  await dialog.getByLabel("Tên ứng dụng dùng khóa").fill(`Ứng dụng thử ${STAMP}`);
  await dialog.getByRole("button", { name: "Tạo khóa" }).click();
  const shown = page.getByRole("dialog", { name: `Khóa API cho Ứng dụng thử ${STAMP}` });
  await expect(shown.getByText("chỉ hiện một lần")).toBeVisible();
  const key = (await shown.locator(".fb-key").innerText()).trim();
  expect(key.length).toBeGreaterThan(20);
  await snap(page, "feedback-api-key", { fullPage: false });
  await shown.getByRole("button", { name: "Tôi đã lưu khóa" }).click();
  const row = page.getByRole("row").filter({ hasText: `Ứng dụng thử ${STAMP}` });
  await expect(row.getByText("Đang dùng")).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);
  await row.getByRole("button", { name: `Thu hồi khóa Ứng dụng thử ${STAMP}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Thu hồi" }).click();
  await expect(row.getByText(/Đã thu hồi/)).toBeVisible();
});
