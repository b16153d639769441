import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** What every browser journey shares: signing in and out, and screenshots for people to look at. */
export const DEMO_PASSWORD = "xanh2026";

const shots = path.join(import.meta.dirname, "screenshots");
fs.mkdirSync(shots, { recursive: true });

/** A screenshot in e2e/screenshots; `fullPage: false` for the viewport only (a dialog and its backdrop). */
export const snap = (page: Page, name: string, { fullPage = true } = {}) =>
  page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).not.toHaveURL(/dang-nhap/);
}

export async function logout(page: Page) {
  await page.context().clearCookies();
}
