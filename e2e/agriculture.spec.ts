import { expect, test } from "@playwright/test";
import { login, snap } from "./support.js";

/**
 * Green agriculture in a real browser. The GAP/organic share is computed from the farm
 * registry: its page says so and offers no form to type a figure, while its series (from the
 * demo's plots and certificates) is there per residential group.
 */
const GAP = "Tỷ lệ diện tích trồng trọt đạt tiêu chuẩn GAP, hữu cơ";

test("the GAP/organic share is computed from the registry, never typed in", async ({ page }) => {
  await login(page, "kinhte");
  await page.goto("/chi-tieu");
  await page.getByRole("link", { name: GAP }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: GAP })).toBeVisible();
  await expect(page.getByText("được tính tự động từ dữ liệu của phường")).toBeVisible();
  await expect(page.getByRole("form", { name: "Nhập số liệu" })).toHaveCount(0);
  await snap(page, "indicator-computed", { fullPage: false });
  // The other per-group indicators still take figures from the same officer.
  await page.goto("/chi-tieu");
  await page.getByRole("link", { name: "Tỷ lệ hộ dân được sử dụng nước sạch theo quy định" }).first().click();
  await expect(page.getByRole("form", { name: "Nhập số liệu" })).toBeVisible();
});
