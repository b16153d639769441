import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, login, snap } from "./support.js";

/**
 * Green product certificates (chứng nhận sản phẩm xanh) in a real browser. Phòng Kinh tế opens
 * the waiting application whose season meets every criterion (the demo's "Vụ Mùa 2026", straw
 * ploughed in) and issues the certificate; anyone opening the QR code's address sees it in
 * force; once revoked with a reason, the same page says so. The application whose straw was
 * burnt shows the criterion it failed, and cannot be issued.
 */

const REASON = "Kiểm tra thực địa: bao bì ghi sai giống lúa (kiểm thử)";

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1366, height: 800 } });

/** The waiting applications' rows, the one meeting every criterion or the one failing some. */
const waiting = (page: Page, passes: boolean) =>
  page
    .getByRole("row")
    .filter({ hasText: "Chờ xét" })
    .filter({ hasText: passes ? "Đạt mọi tiêu chí" : "Không đạt" });

let certificateNumber = "";
let publicPath = "";

test("an application failing a criterion says which, and cannot be issued", async ({ page }) => {
  await login(page, "kinhte");
  await page.getByRole("link", { name: "Sản phẩm xanh" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sản phẩm xanh" })).toBeVisible();
  const failing = waiting(page, false).first();
  await expect(failing).toContainText("Không đốt rơm rạ");
  await failing.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Hồ sơ:/ })).toBeVisible();
  const criteria = page.getByRole("list", { name: "Đối chiếu tiêu chí" });
  const burning = criteria.getByRole("listitem").filter({ hasText: "Không đốt rơm rạ" });
  await expect(burning).toContainText("Không đạt");
  await expect(criteria.getByRole("listitem").filter({ hasText: "Nhật ký sản xuất đầy đủ" })).toContainText("Đạt");
  await expect(page.getByText("Vụ chưa đạt mọi tiêu chí nên chưa thể cấp chứng nhận.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Duyệt và cấp chứng nhận" })).toBeDisabled();
  await snap(page, "certificates-application-failed", { fullPage: false });
});

test("Phòng Kinh tế issues a certificate; the QR code's page shows it valid", async ({ page, browser }) => {
  await login(page, "kinhte");
  await page.goto("/san-pham-xanh");
  await expect(waiting(page, true)).toHaveCount(1);
  await snap(page, "certificates-applications");
  await waiting(page, true).getByRole("link").first().click();
  const criteria = page.getByRole("list", { name: "Đối chiếu tiêu chí" });
  await expect(criteria.getByRole("listitem").first()).toBeVisible();
  await expect(criteria.getByText("Không đạt", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Duyệt và cấp chứng nhận" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Ghi chú (không bắt buộc)").fill("Đạt tiêu chí, cấp theo đề nghị của hộ.");
  await dialog.getByRole("button", { name: "Duyệt và cấp chứng nhận" }).click();
  await expect(dialog).toBeHidden();
  const issued = page.getByText(/Giấy chứng nhận: CNX-\d{4}-\d{4,6}/);
  await expect(issued).toBeVisible();
  certificateNumber = /CNX-\d{4}-\d{4,6}/.exec((await issued.textContent()) ?? "")?.[0] ?? "";
  expect(certificateNumber).not.toBe("");
  await expect(page.getByText("Đã cấp", { exact: true })).toBeVisible();

  // The certificates: the new one in force, its public page and its QR code.
  await page.getByRole("link", { name: "Giấy chứng nhận", exact: true }).click();
  const row = page.getByRole("row").filter({ hasText: certificateNumber });
  await expect(row).toContainText("Còn hiệu lực");
  publicPath =
    (await row
      .getByRole("link", { name: `Trang xác minh giấy chứng nhận ${certificateNumber}` })
      .getAttribute("href")) ?? "";
  expect(publicPath).toMatch(new RegExp(`^/chung-nhan/${certificateNumber}\\?ward=[a-z0-9-]+$`));
  await row.getByRole("button", { name: `Mã QR của giấy chứng nhận ${certificateNumber}` }).click();
  const qr = page.getByRole("dialog").getByRole("img", { name: /Mã QR mở trang xác minh/ });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // The QR code encodes the very address the staff page links to.
  const svg = await page.request.get((await qr.getAttribute("src")) ?? "");
  expect(svg.headers()["x-certificate-url"]).toMatch(new RegExp(`${publicPath.replace(/[?]/g, "\\?")}$`));
  await snap(page, "certificates-qr", { fullPage: false });
  await page.getByRole("dialog").getByRole("button", { name: "Đóng" }).last().click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await snap(page, "certificates-list");

  // Anyone, signed out, on a phone.
  const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
  const phone = await anonymous.newPage();
  await phone.goto(publicPath);
  await expect(phone.getByRole("heading", { level: 1, name: `Giấy chứng nhận ${certificateNumber}` })).toBeVisible();
  await expect(phone.getByRole("heading", { level: 2, name: "Còn hiệu lực" })).toBeVisible();
  await expect(phone.getByText("kg CO2e/kg sản phẩm")).toBeVisible();
  await expectNoAxeViolations(phone, "the verification page");
  await snap(phone, "certificate-public-valid");
  await anonymous.close();
});

test("a revoked certificate is marked so on its public page, with the reason", async ({ page, browser }) => {
  expect(certificateNumber, "the previous journey issued a certificate").not.toBe("");
  const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
  const phone = await anonymous.newPage();
  await phone.goto(publicPath);
  await expect(phone.getByRole("heading", { level: 2, name: "Còn hiệu lực" })).toBeVisible();

  await login(page, "kinhte");
  await page.goto("/san-pham-xanh?muc=chung-nhan");
  const row = page.getByRole("row").filter({ hasText: certificateNumber });
  await row.getByRole("button", { name: `Thu hồi giấy chứng nhận ${certificateNumber}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Lý do thu hồi").fill(REASON);
  await dialog.getByRole("button", { name: "Thu hồi" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Đã thu hồi");
  await expect(row).toContainText(REASON);

  await phone.reload();
  await expect(phone.getByRole("heading", { level: 2, name: "Đã thu hồi" })).toBeVisible();
  await expect(phone.getByText(REASON)).toBeVisible();
  await snap(phone, "certificate-public-revoked");
  await anonymous.close();
});

test("a number the ward never issued is not found, in Vietnamese", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/chung-nhan/CNX-2020-9999");
  await expect(page.getByRole("alert")).toContainText("Không tìm thấy giấy chứng nhận số CNX-2020-9999");
});

test("the criteria are saved in versions; an OCOP product's stars are corrected", async ({ page }) => {
  await login(page, "kinhte");
  await page.goto("/san-pham-xanh?muc=tieu-chi");
  const form = page.getByRole("form", { name: "Tiêu chí sản phẩm xanh" });
  await expect(form.getByLabel("Không đốt rơm rạ")).toBeChecked();
  const version = page.getByText(/^Phiên bản \d+, cập nhật/);
  const before = Number(/\d+/.exec((await version.textContent()) ?? "")?.[0]);
  await form.getByLabel("Thời hạn giấy chứng nhận (tháng)").fill("36");
  await form.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText(`Phiên bản ${before + 1}, cập nhật`)).toBeVisible();
  await expect(form.getByLabel("Thời hạn giấy chứng nhận (tháng)")).toHaveValue("36");
  await snap(page, "certificates-criteria");

  // Two officers on the same version: the second to save is told, and sees the first one's criteria.
  const other = await page.context().newPage();
  await other.goto("/san-pham-xanh?muc=tieu-chi");
  const otherForm = other.getByRole("form", { name: "Tiêu chí sản phẩm xanh" });
  await otherForm.getByLabel("Thời hạn giấy chứng nhận (tháng)").fill("30");
  await otherForm.getByRole("button", { name: "Lưu" }).click();
  await expect(other.getByText(`Phiên bản ${before + 2}, cập nhật`)).toBeVisible();
  await other.close();
  await form.getByLabel("Thời hạn giấy chứng nhận (tháng)").fill("48");
  await form.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã tải lại tiêu chí mới nhất.")).toBeVisible();
  await expect(page.getByText(`Phiên bản ${before + 2}, cập nhật`)).toBeVisible();
  await expect(form.getByLabel("Thời hạn giấy chứng nhận (tháng)")).toHaveValue("30");

  await page.getByRole("tab", { name: "Sản phẩm OCOP" }).click();
  await expect(page).toHaveURL(/muc=ocop/);
  const rice = page.getByRole("row").filter({ hasText: "Gạo nếp cái hoa vàng Việt Hòa" });
  await expect(rice).toContainText("4 sao");
  await rice.getByRole("button", { name: "Sửa sản phẩm OCOP Gạo nếp cái hoa vàng Việt Hòa" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Hạng sao").click();
  // antd lists each option twice (one hidden, for screen readers): the visible one carries the title.
  await page.getByTitle("★★★★★ 5 sao").click();
  await dialog.getByRole("button", { name: "Lưu" }).click();
  await expect(dialog).toBeHidden();
  await expect(rice).toContainText("5 sao");
  await snap(page, "certificates-ocop");
});
