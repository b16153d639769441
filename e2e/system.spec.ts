import { expect, test } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * The admin's system page: the last scheduled backup (the server catches up on last night's at
 * start), the next run, and the background jobs' recent runs. Other roles neither see the menu
 * entry nor the page.
 */

test("the admin sees the last backup and the background jobs on the system page", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/");
  await page
    .getByRole("menu", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Hệ thống", exact: true })
    .click();
  await expect(page).toHaveURL(/\/he-thong$/);
  await expect(page.getByRole("heading", { level: 1, name: "Hệ thống" })).toBeVisible();

  // The catch-up backup runs beside the first requests: look again until it is recorded.
  const last = page.getByTestId("last-backup");
  await expect(async () => {
    await page.reload();
    await expect(last).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(last).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · [\d,]+ MB · [\d.]+ dòng/);
  await expect(page.getByText(/^phuong-xanh-\d{8}T\d{9}Z\.jsonl\.gz$/)).toBeVisible();
  await expect(page.getByText("0 2 * * *", { exact: true }).first()).toBeVisible();
  const runs = page.getByRole("table").last();
  await expect(runs.getByRole("row", { name: /Sao lưu .* Thành công/ }).first()).toBeVisible();
  await expect(runs.getByRole("row", { name: /Nhắc việc .* Thành công/ }).first()).toBeVisible();
  await snap(page, "system-admin");

  await logout(page);
  await login(page, "kinhte");
  await expect(
    page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: "Hệ thống", exact: true }),
  ).toHaveCount(0);
  await page.goto("/he-thong");
  await expect(page.getByText("Bạn không có quyền xem nội dung này")).toBeVisible();
});
