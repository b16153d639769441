import { expect, test, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Account administration in a real browser: the admin creates an officer for a unit, the
 * officer signs in and finds their unit's work; the admin resets the password, then locks the
 * account and the officer can no longer sign in. Other roles never see the page.
 */

const OFFICER = "vhxh.lan";
const OFFICER_NAME = "Nguyễn Thị Lan (kiểm thử)";
const FIRST_PASSWORD = "lan-mat-khau-2026";
const SECOND_PASSWORD = "lan-doi-mat-khau-2026";

async function openAccounts(page: Page) {
  await page.goto("/");
  await page
    .getByRole("menu", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Tài khoản", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Tài khoản" })).toBeVisible();
  await expect(page).toHaveURL(/\/tai-khoan$/);
}

test.describe.configure({ mode: "serial" });

test("the admin creates a unit officer, who signs in and sees their unit's work", async ({ page }) => {
  await login(page, "admin");
  await openAccounts(page);
  await expect(page.getByRole("cell", { name: "kinhte", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  const dialog = page.getByRole("dialog", { name: "Tạo tài khoản" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Tên đăng nhập").fill("vhxh");
  await dialog.getByLabel("Họ và tên").fill(OFFICER_NAME);
  await dialog.getByLabel("Email").fill("lan.vhxh@example.vn");
  await dialog.getByLabel("Mật khẩu", { exact: true }).fill(FIRST_PASSWORD);

  // A unit officer without a unit is stopped before anything is sent.
  await dialog.getByLabel("Vai trò").click();
  await page.getByRole("option", { name: "Cán bộ đơn vị" }).click();
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(dialog.getByText("Cán bộ đơn vị phải thuộc một đơn vị: chọn đơn vị")).toBeVisible();

  await dialog.getByLabel("Đơn vị").click();
  await dialog.getByLabel("Đơn vị").fill("Văn hóa");
  await page.getByRole("option", { name: /Phòng Văn hóa - Xã hội/ }).click();

  // A taken user name: the server's message lands on the user name field.
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: 'Tên đăng nhập "vhxh" đã được sử dụng.' })).toBeVisible();
  await expect(dialog.getByText("Tên đăng nhập này đã có người dùng")).toBeVisible();
  await snap(page, "accounts-create-taken-name");

  await dialog.getByLabel("Tên đăng nhập").fill(OFFICER);
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Đã tạo tài khoản ${OFFICER}`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(OFFICER.replace(".", "\\.")) });
  await expect(row.getByRole("cell", { name: OFFICER_NAME })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Phòng VH-XH" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Đang hoạt động" })).toBeVisible();
  await snap(page, "accounts");

  await logout(page);
  await login(page, OFFICER, FIRST_PASSWORD);
  await page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: "Việc của tôi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Việc của tôi" })).toBeVisible();
  await expect(page.getByText("Phòng Văn hóa - Xã hội").first()).toBeVisible();
  await expect(page.getByText(/Đơn vị chủ trì \(\d+\)/)).toBeVisible();
});

test("the admin resets the password; the officer signs in with the new one", async ({ page }) => {
  await logout(page);
  await login(page, "admin");
  await openAccounts(page);
  await page.getByLabel("Tìm tài khoản").fill("lan kiem thu");
  await page.getByRole("button", { name: `Đặt lại mật khẩu cho ${OFFICER}` }).click();
  const dialog = page.getByRole("dialog", { name: `Đặt lại mật khẩu cho ${OFFICER}` });
  await dialog.getByLabel("Mật khẩu mới").fill("ngan");
  await dialog.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await expect(dialog.getByText("Mật khẩu có ít nhất 8 ký tự")).toBeVisible();
  await dialog.getByLabel("Mật khẩu mới").fill(SECOND_PASSWORD);
  await dialog.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await expect(page.getByText(`Đã đặt lại mật khẩu cho ${OFFICER}`)).toBeVisible();

  await logout(page);
  await login(page, OFFICER, SECOND_PASSWORD);
});

test("a locked account can no longer sign in", async ({ page }) => {
  await logout(page);
  await login(page, "admin");
  await openAccounts(page);
  await page.getByLabel("Tìm tài khoản").fill(OFFICER);
  await page.getByRole("button", { name: `Khóa tài khoản ${OFFICER}` }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: `Khóa tài khoản ${OFFICER}?` });
  await confirm.getByRole("button", { name: "Khóa", exact: true }).click();
  await expect(page.getByText(`Đã khóa tài khoản ${OFFICER}`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(OFFICER.replace(".", "\\.")) });
  await expect(row.getByRole("cell", { name: "Đã khóa" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Mở khóa tài khoản ${OFFICER}` })).toBeVisible();

  await logout(page);
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(OFFICER);
  await page.getByLabel("Mật khẩu").fill(SECOND_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/dang-nhap/);
});

test("other roles do not see account administration", async ({ page }) => {
  await logout(page);
  await login(page, "kinhte");
  const nav = page.getByRole("menu", { name: "Điều hướng chính" });
  await expect(nav.getByRole("link", { name: "Chỉ tiêu" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Tài khoản", exact: true })).toHaveCount(0);
  await page.goto("/tai-khoan");
  await expect(page.getByText("Bạn không có quyền xem nội dung này")).toBeVisible();
  await expect(page.getByRole("button", { name: "Tạo tài khoản" })).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("the accounts table scrolls inside its card and the actions stay reachable", async ({ page }) => {
    await login(page, "admin");
    await page.goto("/tai-khoan");
    await expect(page.getByRole("cell", { name: "kinhte", exact: true })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const actions = page.getByRole("button", { name: "Thao tác với tài khoản kinhte" });
    await expect(actions).toBeInViewport();
    await actions.click();
    await page.getByRole("menuitem", { name: "Sửa" }).click();
    const dialog = page.getByRole("dialog", { name: "Sửa tài khoản kinhte" });
    await expect(dialog.getByLabel("Họ và tên")).toHaveValue("Cán bộ Phòng Kinh tế, Hạ tầng và Đô thị");
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await expect(dialog).toBeHidden();
    await snap(page, "accounts-phone");
  });
});
