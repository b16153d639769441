import fs from "node:fs";
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * The quarterly report, as the people who make it go through it: Phòng Kinh tế writes and sends
 * its report, the Office sends it back with a comment, the unit fixes and resends it, the Office
 * accepts it, compiles the ward's report and downloads it as a DOCX to sign.
 */

const FIRST_TEXT = "Đã rà soát 42 cơ sở sản xuất (kiểm thử trình duyệt).";
const FIXED_TEXT = "Đã rà soát 42 cơ sở sản xuất; 38 cơ sở phân loại rác tại nguồn (kiểm thử trình duyệt).";
const COMMENT = "Đề nghị bổ sung số cơ sở phân loại rác tại nguồn.";

test.describe.configure({ mode: "serial" });

let reportUrl = "";

async function openOwnReport(page: Page) {
  await page.goto("/bao-cao");
  await page
    .getByRole("link", { name: /Mở báo cáo của đơn vị/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /Báo cáo của Phòng Kinh tế/ })).toBeVisible();
  reportUrl = new URL(page.url()).pathname;
}

test("a unit writes its quarterly report and sends it", async ({ page }) => {
  await login(page, "kinhte");
  await openOwnReport(page);
  const results = page.getByLabel("1. Kết quả thực hiện");
  // Pre-filled from the unit's own figures.
  await expect(results).toHaveValue(/nhiệm vụ/);
  await results.fill(FIRST_TEXT);
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã lưu báo cáo")).toBeVisible();
  await snap(page, "unit-report-draft");
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Gửi", exact: true }).click();
  await expect(page.getByText("Đã gửi báo cáo", { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "1. Kết quả thực hiện" })).toHaveCount(0);
});

test("the Office sends it back with a comment", async ({ page }) => {
  await logout(page);
  await login(page, "vanphong");
  await page.goto(reportUrl);
  await expect(page.getByText(FIRST_TEXT)).toBeVisible();
  await page.getByRole("button", { name: /Trả lại$/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Ý kiến (lý do trả lại)").fill(COMMENT);
  await dialog.getByRole("button", { name: "Trả lại báo cáo" }).click();
  await expect(page.getByText("Đã trả lại báo cáo")).toBeVisible();
});

test("the unit sees the comment, fixes the report and sends it again", async ({ page }) => {
  await logout(page);
  await login(page, "kinhte");
  await page.goto(reportUrl);
  await expect(page.getByText(COMMENT).first()).toBeVisible();
  await snap(page, "unit-report-returned");
  await page.getByLabel("1. Kết quả thực hiện").fill(FIXED_TEXT);
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Gửi", exact: true }).click();
  await expect(page.getByText("Đã gửi báo cáo", { exact: true })).toBeVisible();
});

test("the Office accepts it, compiles the ward's report and downloads the DOCX", async ({ page }) => {
  await logout(page);
  await login(page, "vanphong");
  await page.goto(reportUrl);
  await expect(page.getByText(FIXED_TEXT)).toBeVisible();
  await page.getByRole("button", { name: /Tiếp nhận$/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Tiếp nhận báo cáo" }).click();
  await expect(page.getByText("Đã tiếp nhận báo cáo")).toBeVisible();

  await page.goto(reportUrl.replace(/\/don-vi\/.*$/, "/tong-hop"));
  await page.getByRole("button", { name: "Tổng hợp từ báo cáo đơn vị" }).click();
  const confirm = page.getByRole("dialog");
  if (await confirm.isVisible())
    await confirm
      .getByRole("button", { name: /Tổng hợp|OK|Đồng ý/ })
      .last()
      .click();
  await expect(page.getByText(/Đã lập phiên bản \d+/)).toBeVisible();
  await snap(page, "ward-report");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải DOCX" }).first().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bao-cao-.*\.docx$/);
  const file = await download.path();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const text = xml.replace(/<w:p[ >]/g, "\n$&").replace(/<[^>]+>/g, "");
  expect(text).toContain("BÁO CÁO");
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain(FIXED_TEXT);
  expect(text).toContain("DỰ THẢO");
});

test("a leader prints the plan as it now stands", async ({ page }) => {
  await logout(page);
  await login(page, "lanhdao");
  await page.goto("/nhiem-vu");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /In kế hoạch \(DOCX\)/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ke-hoach-.*\.docx$/);
  const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  expect(xml).toContain("KẾ HOẠCH");
  expect(xml).toContain("Chuyển đổi xanh giao thông");
});
