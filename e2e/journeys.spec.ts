import { expect, test } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * What users do, in a real browser against the real server on a fresh demo ward: an officer
 * reports progress with evidence and records a measurement; the leader's dashboard and the
 * public page show it. Screenshots land in e2e/screenshots for people to look at.
 */

const UPDATE_TEXT = "Đã kiểm tra 3 cánh đồng, không còn đốt rơm rạ (kiểm thử trình duyệt)";

test.describe.configure({ mode: "serial" });

test("a wrong password is explained in Vietnamese and nothing opens", async ({ page }) => {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill("kinhte");
  await page.getByLabel("Mật khẩu").fill("sai");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Tên đăng nhập hoặc mật khẩu không đúng.")).toBeVisible();
  await expect(page).toHaveURL(/dang-nhap/);
});

test("an officer posts a progress update with a file", async ({ page }) => {
  await login(page, "kinhte");
  await page.goto("/nhiem-vu?q=dot%20rom%20ra");
  await page
    .getByRole("link", { name: /Chấm dứt hoạt động đốt rơm rạ/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /Chấm dứt hoạt động đốt rơm rạ/ })).toBeVisible();
  const form = page.getByRole("form", { name: "Cập nhật tiến độ" });
  await form.getByLabel("Tiến độ (%)", { exact: true }).fill("80");
  await form.getByLabel("Nội dung cập nhật").fill(UPDATE_TEXT);
  await form.locator('input[type="file"]').setInputFiles({
    name: "bien-ban-kiem-tra.png",
    mimeType: "image/png",
    buffer: Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    ),
  });
  await form.getByRole("button", { name: "Gửi cập nhật" }).click();
  await expect(page.getByText("Đã gửi cập nhật tiến độ")).toBeVisible();
  await expect(page.getByText(UPDATE_TEXT)).toBeVisible();
  await expect(page.getByRole("link", { name: /bien-ban-kiem-tra\.png/ })).toBeVisible();
  await snap(page, "task-detail-after-update");
});

test("an officer records a measurement", async ({ page }) => {
  await login(page, "kinhte");
  await page.goto("/chi-tieu");
  await page.getByRole("link", { name: "Tỷ lệ rác thải sinh hoạt được thu gom, xử lý" }).first().click();
  const form = page.getByRole("form", { name: "Nhập số liệu" });
  await form.getByLabel("Khối lượng rác thải sinh hoạt được thu gom, xử lý (tấn)").fill("98,5");
  await form.getByLabel("Tổng khối lượng rác thải sinh hoạt phát sinh (tấn)").fill("100");
  await form.getByLabel("Nguồn số liệu").fill("Báo cáo của đơn vị thu gom (kiểm thử)");
  await form.getByRole("button", { name: "Lưu số liệu" }).click();
  await expect(form.getByRole("status")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Báo cáo của đơn vị thu gom (kiểm thử)" })).toBeVisible();
  await snap(page, "indicator-detail-after-measurement");
});

test("the leader's dashboard reflects the update and the measurement", async ({ page }) => {
  await logout(page);
  await login(page, "lanhdao");
  await page.goto("/");
  await expect(page.getByText(UPDATE_TEXT)).toBeVisible();
  const waste = page.getByText("Tỷ lệ rác thải sinh hoạt được thu gom, xử lý").first();
  await expect(waste).toBeVisible();
  await expect(page.getByText(/98[,.]5\s*%/).first()).toBeVisible();
  await snap(page, "dashboard-leader");
});

test("the public page shows the new progress and value, without logging in", async ({ page }) => {
  await logout(page);
  await page.goto("/cong-khai");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/98[,.]5\s*%/).first()).toBeVisible();
  await page.locator("summary", { hasText: "Chuyển đổi xanh nông nghiệp" }).first().click();
  const item = page.locator("li.pub-task", { hasText: "Chấm dứt hoạt động đốt rơm rạ" }).first();
  await expect(item.getByText("80%").first()).toBeVisible();
  await snap(page, "public-plan");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("the dashboard reads without sideways scrolling", async ({ page }) => {
    await login(page, "lanhdao");
    await page.goto("/");
    await expect(page.getByText("Cập nhật mới nhất")).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "dashboard-phone");
  });

  test("the public page reads without sideways scrolling", async ({ page }) => {
    await page.goto("/cong-khai");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "public-phone");
  });
});
