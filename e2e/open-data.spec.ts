import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { snap } from "./support.js";

/**
 * A resident (or a journalist, a researcher) finds the open data from the public plan, reads
 * the licence and the dictionary, and downloads a CSV; on a phone and on a desktop, with no
 * accessibility violation (WCAG 2.1 A/AA).
 */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function openFromPlan(page: Page) {
  await page.goto("/cong-khai");
  await page.getByRole("link", { name: "Dữ liệu mở (CSV, JSON, XLSX)" }).click();
  await expect(page).toHaveURL(/\/cong-khai\/du-lieu-mo\?ward=viet-hoa$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dữ liệu mở" })).toBeVisible();
}

async function downloadMeasurementsCsv(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải Số liệu theo kỳ dạng CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("viet-hoa-measurements.csv");
  const file = await download.path();
  const text = fs.readFileSync(file, "utf8");
  expect(text.startsWith("\ufeffindicator_code,period,period_end,residential_group_code")).toBe(true);
  expect(text).toContain("Tổ dân phố số 1");
}

test.describe("open data on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("shows the datasets, licence, dictionary and API links, and downloads a CSV", async ({ page }) => {
    await openFromPlan(page);
    await expect(page.getByRole("link", { name: /Creative Commons Attribution 4\.0/ })).toHaveAttribute(
      "href",
      "https://creativecommons.org/licenses/by/4.0/",
    );
    for (const dataset of ["Chỉ tiêu", "Số liệu theo kỳ", "Nhiệm vụ"])
      await expect(page.getByRole("heading", { level: 3, name: dataset, exact: true })).toBeVisible();
    await expect(page.getByText(/Cập nhật lần cuối: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).first()).toBeVisible();
    const dictionary = page.getByRole("region", { name: "Các cột của bộ dữ liệu Số liệu theo kỳ" });
    await expect(dictionary.getByRole("rowheader", { name: "residential_group_code" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Mô tả OpenAPI của toàn bộ API" })).toHaveAttribute(
      "href",
      "/api/openapi.json",
    );
    await expectAccessible(page);
    await snap(page, "open-data-desktop");
    await downloadMeasurementsCsv(page);

    // English: the page and the status words inside the files.
    await page.getByRole("button", { name: "EN" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download Tasks as JSON" })).toHaveAttribute("href", /lang=en/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "VI" }).click();
  });

  test("serves the page's share tags to a link preview robot", async ({ request }) => {
    const response = await request.get("/cong-khai/du-lieu-mo");
    const html = await response.text();
    expect(html).toContain('<meta property="og:title" content="Dữ liệu mở — Phường Việt Hòa" />');
    expect(html).toMatch(/<script type="module"[^>]+src="\/assets\//);
    const image = await request.get("/api/public/previews/open-data.png");
    expect(image.headers()["content-type"]).toBe("image/png");
  });
});

test.describe("open data on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("reads on a small screen with nothing wider than it, and downloads a CSV", async ({ page }) => {
    await openFromPlan(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await snap(page, "open-data-phone");
    await downloadMeasurementsCsv(page);
  });
});
