import { expect, test, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Extension work (khuyến nông) in a real browser. Phòng Kinh tế's officer adds a class on
 * alternate wetting and drying, records the attendance of demo farms found by name (ticking
 * every farm the search shows, in one go), removes one, and finds the class on the list with its
 * count. An officer of another unit, and a viewer, read the same class and can change nothing.
 */

const TITLE = "Tập huấn tưới ướt khô xen kẽ vụ Mùa (kiểm thử)";

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1366, height: 900 } });

test("Phòng Kinh tế adds a class and records who attended", async ({ page }) => {
  await login(page, "kinhte");
  await page.getByRole("link", { name: "Khuyến nông" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Khuyến nông" })).toBeVisible();
  // The demo's classes, each with its attendance, and the year's counts above them.
  await expect(page.getByRole("row").filter({ hasText: "Ủ rơm rạ làm phân bón hữu cơ" })).toBeVisible();
  await expect(page.getByTestId("ext-summary")).toContainText("lớp tập huấn");

  await page.getByRole("button", { name: "Thêm lớp tập huấn" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Tên lớp").fill(TITLE);
  await dialog.getByLabel("Ngày tập huấn").fill("2026-07-15");
  await dialog.getByLabel("Địa điểm").fill("Nhà văn hóa tổ dân phố số 3");
  await dialog.getByLabel("Giảng viên").fill("KS. Nguyễn Thị Khuyến");
  await dialog.getByRole("button", { name: "Lưu" }).click();
  await expect(dialog).toBeHidden();

  // The class's own page: no one yet.
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText("15/07/2026")).toBeVisible();
  await expect(page.getByText("Chưa ghi người tham gia")).toBeVisible();

  // Find the farms of a household head by name (accents aside), tick every one shown, record them.
  await page.getByLabel("Tìm cơ sở theo tên hoặc chủ hộ").fill("nguyen van lua");
  const offered = page.getByRole("group", { name: "Ghi người tham gia" }).getByRole("checkbox");
  await expect(offered.first()).toBeVisible();
  const found = await offered.count();
  await page.getByRole("button", { name: "Chọn tất cả đang hiện" }).click();
  await page.getByLabel("Tìm cơ sở theo tên hoặc chủ hộ").fill("le thi sen");
  const mothers = await offered.count();
  await offered.first().check();
  await page.getByRole("button", { name: `Ghi ${found + 1} cơ sở đã chọn` }).click();
  await expect(page.getByText(`Đã ghi ${found + 1} người tham gia`)).toBeVisible();
  const list = page.getByTestId("attendee-list");
  // One "remove" button per person recorded.
  const people = list.getByRole("button", { name: /khỏi danh sách$/ });
  await expect(people).toHaveCount(found + 1);
  await expect(list).toContainText("Hộ Nguyễn Văn Lúa");
  await expect(list).toContainText("Hộ Lê Thị Sen");
  // A recorded farm is not offered again.
  await expect(offered).toHaveCount(mothers - 1);
  await expect(page.getByText(`${found + 1} lượt người, ${found + 1} cơ sở`)).toBeVisible();

  // One was ticked by mistake: removed.
  await list.getByRole("button", { name: "Bỏ Hộ Lê Thị Sen khỏi danh sách" }).first().click();
  await expect(people).toHaveCount(found);
  await expect(list).not.toContainText("Hộ Lê Thị Sen");
  await page.getByLabel("Tìm cơ sở theo tên hoặc chủ hộ").fill("");
  await snap(page, "extension-training");

  // On the list, with its count of people.
  await page.getByRole("link", { name: "Khuyến nông" }).first().click();
  const row = page.getByRole("row").filter({ hasText: TITLE });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Tưới ướt khô xen kẽ (AWD)");
  await expect(row).toContainText("15/07/2026");
  await expect(row.getByRole("cell", { name: String(found), exact: true }).first()).toBeVisible();
  // The topic filter keeps it; another topic hides it.
  await page.getByRole("combobox", { name: "Chủ đề" }).click();
  await page.getByRole("option", { name: "Thuốc BVTV sinh học" }).click();
  await expect(row).toBeHidden();
  await page.keyboard.press("Escape");
  await snap(page, "extension-list-filtered", { fullPage: false });
  await page.goto("/khuyen-nong");
  await expect(page.getByRole("row").filter({ hasText: TITLE })).toBeVisible();
  await snap(page, "extension-list");

  // The demonstration models, with their host farm.
  await page.getByRole("tab", { name: "Mô hình trình diễn" }).click();
  await page.getByRole("link", { name: "Mô hình tưới ướt khô xen kẽ giảm phát thải khí mê-tan" }).click();
  await expect(page.getByText("Dấu chân carbon cả vụ")).toBeVisible();
  await snap(page, "extension-model");
  await logout(page);
});

/** A viewer account (người xem), made by the admin through the API as the accounts page does. */
async function makeViewer(page: Page): Promise<{ username: string; password: string }> {
  const account = { username: "xemkhuyennong", password: "xem-khuyen-nong-2026" };
  await login(page, "admin");
  const csrf = (await page.context().cookies()).find((c) => c.name === "px_csrf")?.value ?? "";
  const response = await page.request.post("/api/users", {
    headers: { "x-csrf-token": csrf },
    data: { ...account, displayName: "Người xem khuyến nông", role: "viewer", unitId: null },
  });
  expect(response.status(), await response.text()).toBe(201);
  await logout(page);
  return account;
}

for (const who of ["vhxh", "viewer"] as const)
  test(`${who === "vhxh" ? "an officer of another unit" : "a viewer"} reads the class and cannot change it`, async ({
    page,
  }) => {
    if (who === "viewer") {
      const viewer = await makeViewer(page);
      await login(page, viewer.username, viewer.password);
    } else await login(page, "vhxh");
    await page.getByRole("link", { name: "Khuyến nông" }).click();
    await expect(page.getByText("Bạn chỉ xem được công tác khuyến nông; Phòng Kinh tế ghi và sửa.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Thêm lớp tập huấn" })).toHaveCount(0);
    await page.getByRole("link", { name: TITLE }).click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByTestId("attendee-list")).toContainText("Hộ Nguyễn Văn Lúa");
    await expect(page.getByRole("button", { name: "Sửa thông tin" })).toHaveCount(0);
    await expect(page.getByLabel("Tìm cơ sở theo tên hoặc chủ hộ")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Bỏ / })).toHaveCount(0);
    await snap(page, `extension-training-${who}`, { fullPage: false });
    await logout(page);
  });
