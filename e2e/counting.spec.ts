import { expect, test } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Indicators that count whole things take and show whole numbers: an officer who types "2,5 vụ"
 * is told why it is refused, and no page shows a count with decimals.
 */
const STRAW = "Số vụ đốt rơm rạ không đúng quy định";
const SOLAR = "Số hệ thống điện mặt trời mái nhà được lắp đặt (lũy kế)";
/** A number with a decimal part, Vietnamese style ("15,27"), before a counted unit. */
const FRACTIONAL_COUNT = /\d,\d+\s(vụ|hệ thống)/;

test("an officer who types a fraction for a count is told, and counts show without decimals", async ({ page }) => {
  await login(page, "kinhte");

  await test.step("the list shows counts as whole numbers", async () => {
    await page.goto("/chi-tieu");
    await expect(page.getByRole("link", { name: STRAW }).first()).toBeVisible();
    for (const name of [STRAW, SOLAR]) {
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
      await expect(row).toContainText(/\d+ (vụ|hệ thống)/);
      await expect(row).not.toContainText(FRACTIONAL_COUNT);
    }
  });

  const form = page.getByRole("form", { name: "Nhập số liệu" });
  await test.step("a fraction is refused with the reason, on the field", async () => {
    await page.getByRole("link", { name: STRAW }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: STRAW })).toBeVisible();
    await expect(page.getByText("Số đếm (chỉ số nguyên)")).toBeVisible();
    const value = form.getByLabel("Giá trị (vụ)");
    await value.fill("2,5");
    await form.getByLabel("Nguồn số liệu").fill("Biên bản của Công an phường");
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/measurements")) posted.push(r.url());
    });
    await form.getByRole("button", { name: "Lưu số liệu" }).click();
    const message = "Chỉ tiêu này đếm số vụ: chỉ nhập số nguyên, không có phần thập phân.";
    await expect(form.getByText(message)).toBeVisible();
    // What was typed stays as typed: nothing is rounded behind the officer's back, nothing is sent.
    await value.blur();
    await expect(value).toHaveValue("2,5");
    await expect(form.getByText(message)).toBeVisible();
    expect(posted).toEqual([]);
    await snap(page, "counting-fraction-refused", { fullPage: false });
  });

  await test.step("a whole number is saved and shown without decimals", async () => {
    const value = form.getByLabel("Giá trị (vụ)");
    await value.fill("2");
    await expect(form.getByText(/chỉ nhập số nguyên/)).toHaveCount(0);
    await form.getByRole("button", { name: "Lưu số liệu" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu số liệu" })).toBeVisible();
    await expect(page.getByRole("table").first()).toContainText("2 vụ");
    await expect(page.locator("main")).not.toContainText(FRACTIONAL_COUNT);
    await snap(page, "counting-whole-saved");
  });

  await test.step("a leader sees the kind, and a count's target takes whole numbers only", async () => {
    await logout(page);
    await login(page, "lanhdao");
    await page.goto("/chi-tieu");
    await page.getByRole("link", { name: STRAW }).first().click();
    await page.getByRole("button", { name: "Sửa số liệu gốc, mục tiêu" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByText("Số đếm (chỉ số nguyên)")).toBeVisible();
    await dialog.getByLabel("Mục tiêu năm 2030 (vụ)").fill("2,5");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await expect(dialog.getByText("Chỉ tiêu đếm số vụ: nhập số nguyên")).toBeVisible();
    await snap(page, "counting-target-refused", { fullPage: false });
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step("the public plan shows counts without decimals", async () => {
    await page.goto("/cong-khai");
    const straw = page.locator(".pub-indicator").filter({ hasText: STRAW });
    await expect(straw).toContainText(/\d+ vụ/);
    await expect(page.locator("main")).not.toContainText(FRACTIONAL_COUNT);
  });
});
