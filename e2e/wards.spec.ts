import { expect, test } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Opening a ward in a real browser: the platform admin opens "Phường Lê Chân" with its first
 * admin (a taken user name is refused on its field, and nothing is opened), and that admin signs
 * in to the new ward. A ward's own admin never sees the page.
 */

test.describe.configure({ mode: "serial" });

test("the platform admin opens a ward with its first admin, who then signs in to it", async ({ page }) => {
  await login(page, "nentang");
  await page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: "Phường", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Phường trên nền tảng" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "viet-hoa", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Mở phường mới" }).click();
  const dialog = page.getByRole("dialog", { name: "Mở phường mới" });
  await dialog.getByLabel("Tên phường").fill("Phường Lê Chân");
  await expect(dialog.getByLabel("Mã phường")).toHaveValue("le-chan");
  await dialog.getByLabel("Tên đăng nhập").fill("admin");
  await dialog.getByLabel("Họ và tên").fill("Quản trị Lê Chân");
  await dialog.getByLabel("Mật khẩu").fill("le-chan-2026-xanh");
  await dialog.getByRole("button", { name: "Mở phường mới" }).click();
  // The demo ward's admin already has that name: said on the field, and no ward is opened.
  await expect(dialog.getByText("Tên đăng nhập này đã có người dùng")).toBeVisible();
  await snap(page, "wards-open-taken-username", { fullPage: false });

  await dialog.getByLabel("Tên đăng nhập").fill("qt-lechan");
  await dialog.getByRole("button", { name: "Mở phường mới" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: "le-chan", exact: true })).toBeVisible();
  await snap(page, "wards-list");

  await logout(page);
  await login(page, "qt-lechan", "le-chan-2026-xanh");
  await expect(page.getByText("Phường Lê Chân").first()).toBeVisible();
});

test("a ward's admin has no wards page", async ({ page }) => {
  await login(page, "admin");
  await expect(
    page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: "Phường", exact: true }),
  ).toHaveCount(0);
  await page.goto("/phuong");
  await expect(page.getByRole("heading", { level: 1, name: "Phường trên nền tảng" })).toBeVisible();
  await expect(page.getByText(/không có quyền/i).first()).toBeVisible();
});
