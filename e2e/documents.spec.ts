import { expect, test, type Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { login, logout, snap } from "./support.js";

/**
 * The register of documents (sổ đăng ký văn bản) in a real browser: the Office registers an
 * incoming letter with its scanned PDF, finds it again typing without accents, opens it and links
 * it to the task it concerns; a unit officer reads the register but cannot write in it.
 */

const NUMBER = "318/UBND-KT";
const SUMMARY = "V/v thay thế đèn chiếu sáng công cộng bằng đèn LED tiết kiệm năng lượng";
const TASK = "Từng bước rà soát, thay thế, nâng cấp hệ thống chiếu sáng công cộng";

/** dd/mm/yyyy of a day `back` days before today in Hải Phòng. */
function dayBefore(back: number): string {
  const day = new Date(Date.now() + 7 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

async function openRegister(page: Page) {
  await page.goto("/");
  await page
    .getByRole("menu", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Văn bản", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Văn bản" })).toBeVisible();
  await expect(page).toHaveURL(/\/van-ban$/);
}

async function scannedLetter(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText("UBND thanh pho Hai Phong - So 318/UBND-KT", { x: 60, y: 760, size: 12 });
  return Buffer.from(await pdf.save());
}

test.describe.configure({ mode: "serial" });

test("the Office registers an incoming letter with its scan, finds it without accents and links it to a task", async ({
  page,
}) => {
  await login(page, "vanphong");
  await openRegister(page);
  // The demo register already holds the resolution the plan carries out.
  await expect(page.getByRole("link", { name: "08-NQ/TU", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Vào sổ văn bản" }).click();
  const dialog = page.getByRole("dialog", { name: "Vào sổ văn bản" });
  await expect(dialog.getByRole("radio", { name: "Văn bản đến" })).toBeChecked();
  await dialog.locator('input[type="file"]').setInputFiles({
    name: "cong-van-318.pdf",
    mimeType: "application/pdf",
    buffer: await scannedLetter(),
  });
  await dialog.getByLabel("Số, ký hiệu").fill("Số: 318 / UBND - KT");
  await dialog.getByLabel("Loại văn bản").click();
  await page.getByRole("option", { name: "CV — Công văn" }).click();
  await dialog.getByLabel("Cơ quan ban hành").fill("Ủy ban nhân dân thành phố Hải Phòng");
  await dialog.getByLabel("Ngày văn bản").fill(dayBefore(3));
  await dialog.getByLabel("Ngày văn bản").press("Enter");
  await dialog.getByLabel("Trích yếu").fill(SUMMARY);
  // The picture shows the form's lower half with the chosen file, not the closing calendar.
  await expect(page.getByText("Hôm nay")).toBeHidden();
  await dialog.getByText("cong-van-318.pdf").scrollIntoViewIfNeeded();
  await expect(dialog.getByText("cong-van-318.pdf")).toBeVisible();
  await snap(page, "documents-register", { fullPage: false });
  await dialog.getByRole("button", { name: "Vào sổ văn bản" }).click();
  await expect(dialog).toBeHidden();
  // Spaces around "/" and "-" and the "Số:" typed off the paper are gone.
  await expect(page.getByText(new RegExp(`Đã vào sổ văn bản đến, số đến \\d{2,}: ${NUMBER}`))).toBeVisible();

  // Typed without accents, the search still finds "thay thế đèn chiếu sáng".
  await page.getByLabel("Tìm văn bản").fill("thay the den chieu sang");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: NUMBER, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(page.getByRole("link", { name: "08-NQ/TU", exact: true })).toHaveCount(0);
  await expect(row.getByRole("cell", { name: SUMMARY })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Ủy ban nhân dân thành phố Hải Phòng" })).toBeVisible();
  await expect(row.getByRole("cell", { name: new RegExp(`^${dayBefore(3)} ?Đến ${dayBefore(0)}$`) })).toBeVisible();
  await expect(row.getByRole("link", { name: `Tải tệp của văn bản ${NUMBER}` })).toBeVisible();
  await expect(page.getByText("Đã vào sổ văn bản đến")).toBeHidden();
  await snap(page, "documents-search");

  await row.getByRole("link", { name: NUMBER, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Công văn số ${NUMBER}` })).toBeVisible();
  await expect(page.getByRole("link", { name: /cong-van-318\.pdf/ })).toBeVisible();
  await expect(page.getByText("Chưa liên kết với nhiệm vụ, chỉ tiêu nào")).toBeVisible();

  const pick = page.getByLabel("Nhiệm vụ hoặc chỉ tiêu cần liên kết");
  await pick.click();
  await pick.fill("ra soat chieu sang cong cong");
  await page.getByRole("option", { name: new RegExp(TASK) }).click();
  await page.getByRole("button", { name: "Thêm liên kết" }).click();
  await expect(page.getByText("Đã thêm liên kết")).toBeVisible();
  const links = page.getByRole("list", { name: "Nhiệm vụ, chỉ tiêu liên quan" });
  await expect(links.getByRole("link", { name: TASK })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Liên kết (1)" })).toBeVisible();
  await expect(page.getByText("Đã thêm liên kết")).toBeHidden();
  await snap(page, "document-detail");

  // The link leads to the task.
  await links.getByRole("link", { name: TASK }).click();
  await expect(page.getByRole("heading", { level: 1, name: TASK })).toBeVisible();
});

test("a unit officer reads the register but has no button to write in it", async ({ page }) => {
  await logout(page);
  await login(page, "kinhte");
  await openRegister(page);
  // Both registers at once: the plan went out as a "KH" the register numbered.
  await page.getByRole("tab", { name: "Tất cả" }).click();
  const sentPlan = page
    .getByRole("row")
    .filter({ has: page.getByText("Đi", { exact: true }) })
    .filter({ has: page.getByRole("link", { name: /^\d{2,}\/KH-UBND$/ }) });
  await expect(sentPlan).toHaveCount(1);
  await expect(page.getByRole("link", { name: "133/KH-UBND", exact: true })).toBeVisible();
  await snap(page, "documents-all");
  await page.getByLabel("Tìm văn bản").fill("den led");
  await expect(page.getByRole("link", { name: NUMBER, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Vào sổ văn bản" })).toHaveCount(0);
  await page.getByRole("link", { name: NUMBER, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Công văn số ${NUMBER}` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Nhiệm vụ, chỉ tiêu liên quan" }).getByText(TASK)).toBeVisible();
  await expect(page.getByRole("button", { name: "Chỉnh sửa" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Thêm liên kết" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Bỏ liên kết/ })).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("each document reads in one cell, without sideways scrolling", async ({ page }) => {
    await login(page, "vanphong");
    await page.goto("/van-ban");
    await expect(page.getByRole("link", { name: "08-NQ/TU", exact: true })).toBeVisible();
    await expect(
      page.getByRole("cell", { name: /Ban Chấp hành Đảng bộ thành phố Hải Phòng · 29\/01\/2026/ }),
    ).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "documents-phone");
  });
});
