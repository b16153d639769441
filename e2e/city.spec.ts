import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login, snap } from "./support.js";

/**
 * The city (Thành phố): the demo city account signs in to the comparison of all wards, opens a
 * ward to read it (its dashboard, read-only, with a banner saying so) and comes back; the public
 * city page at phone and desktop sizes. axe-core finds no WCAG 2.1 A/AA violation on either page.
 */

// Full-page screenshots and axe on the whole city page take their time on a busy 2-core machine.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(WCAG);
  if (include) builder.include(include);
  const result = await builder.analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary ?? ""})`).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

test("thanhpho compares the wards, reads one of them, and comes back", async ({ page }) => {
  await login(page, "thanhpho");
  // The city's home after signing in.
  await expect(page).toHaveURL(/\/thanh-pho$/);
  await expect(page.getByRole("heading", { level: 1, name: "Thành phố — so sánh các phường" })).toBeVisible();
  const map = page.getByRole("group", { name: "Bản đồ các phường theo tình trạng" });
  await expect(map).toBeVisible();
  await expect(map.getByRole("link", { name: /^Phường Kiến An: Chậm tiến độ/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Phường Hồng Bàng" }).first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Nhóm nhiệm vụ trễ hạn" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Các chỉ tiêu chung" })).toBeVisible();
  // No ward banner on the city page itself.
  await expect(page.getByRole("region", { name: "Phường đang xem" })).toHaveCount(0);
  await snap(page, "city-staff-desktop");
  await expectNoViolations(page);

  await page.getByRole("button", { name: "Xem phường Phường Kiến An" }).click();
  await expect(page).toHaveURL(/\/$/);
  const banner = page.getByRole("region", { name: "Phường đang xem" });
  await expect(banner).toContainText("Đang xem Phường Kiến An — chỉ đọc");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
  await expect(page.locator(".staff-ward")).toHaveText("Phường Kiến An");
  await expect(page.locator(".ant-skeleton")).toHaveCount(0);
  await snap(page, "city-drill-down-dashboard");
  await expectNoViolations(page, ".staff-city-banner");

  // A task of that ward: read, with no progress form (the server refuses writes anyway).
  await page.goto("/nhiem-vu");
  await expect(banner).toBeVisible();
  await expect(page.getByRole("button", { name: "Nhập từ XLSX" })).toHaveCount(0);
  await page
    .getByRole("link", { name: /Chỉ đạo thực hiện chuyển đổi xanh/ })
    .first()
    .click();
  await expect(page.getByRole("tab", { name: /Tiến độ/ })).toBeVisible();
  await expect(page.getByText("Cập nhật tiến độ", { exact: true })).toHaveCount(0);
  await snap(page, "city-drill-down-task");

  await banner.getByRole("link", { name: "Về trang thành phố" }).click();
  await expect(page).toHaveURL(/\/thanh-pho$/);
  await expect(page.getByRole("heading", { level: 1, name: "Thành phố — so sánh các phường" })).toBeVisible();
  // Another ward from the map, by keyboard.
  await map.getByRole("link", { name: /^Phường Hồng Bàng:/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Phường đang xem" })).toContainText("Phường Hồng Bàng");
});

test("the city page on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "thanhpho");
  await expect(page).toHaveURL(/\/thanh-pho$/);
  await expect(page.getByRole("group", { name: "Bản đồ các phường theo tình trạng" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Xem phường Phường Đồ Sơn" })).toBeAttached();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, "city-staff-phone");
  await expectNoViolations(page);
});

test("the public city page on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/cong-khai/thanh-pho");
  await expect(
    page.getByRole("heading", { level: 1, name: "Chuyển đổi xanh ở các phường của thành phố" }),
  ).toBeVisible();
  await expect(page.getByRole("group", { name: "Bản đồ các phường theo tình trạng" })).toBeVisible();
  const table = page.getByRole("table", { name: "Các phường" });
  await expect(table.getByRole("rowheader")).toHaveCount(6);
  // Sorted by average progress, best first: Hồng Bàng runs ahead of the plan.
  await table.getByRole("button", { name: "Tiến độ bình quân" }).click();
  await expect(table.getByRole("columnheader", { name: /Tiến độ bình quân/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect(table.getByRole("rowheader").first()).toHaveText("Phường Hồng Bàng");
  // The page fits the phone: nothing but the tables' own scrolling areas runs wider.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, "city-public-phone");
  await snap(page, "city-public-phone-top", { fullPage: false });
  for (const [name, heading] of [
    ["map", "Bản đồ các phường theo tình trạng"],
    ["late", "Nhóm nhiệm vụ trễ hạn"],
    ["indicators", "Các chỉ tiêu chung"],
  ] as const)
    await page
      .locator("section", { has: page.getByRole("heading", { level: 2, name: heading }) })
      .screenshot({ path: `e2e/screenshots/city-public-phone-${name}.png` });
  await expectNoViolations(page);
  // Each ward leads to its public plan.
  await table.getByRole("link", { name: "Kế hoạch công khai của Phường Kiến An" }).click();
  await expect(page).toHaveURL(/\/cong-khai\?ward=kien-an$/);
  await expect(page.getByText("Phường Kiến An").first()).toBeVisible();
});

test("the public city page on a desktop", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/cong-khai/thanh-pho");
  await expect(page.getByRole("table", { name: "Các chỉ tiêu chung" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Các phường" }).getByText("Chậm tiến độ")).toBeVisible();
  await snap(page, "city-public-desktop");
  await expectNoViolations(page);
});

test("a ward's leader has no city page", async ({ page }) => {
  await login(page, "lanhdao");
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: "Thành phố" }),
  ).toHaveCount(0);
  await page.goto("/thanh-pho");
  await expect(page.getByText(/không có quyền/i).first()).toBeVisible();
});
