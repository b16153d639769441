import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { login, snap } from "./support.js";

/**
 * Xác thực hai bước in a real browser: an officer turns it on from the profile page (the code is
 * computed here from the key the page shows, as an authenticator app would), signs out and back
 * in with a code, signs in on a second device with a recovery code, ends that other session from
 * the profile; the admin resets the factor of the officer, who then signs in with the password.
 */

const OFFICER = "ttdv.hoa";
const OFFICER_NAME = "Trần Thị Hoa (kiểm thử 2 bước)";
const PASSWORD = "hoa-sen-trang-2026";

/** RFC 6238 (SHA-1, 6 digits, 30 s), independent of the server's library. */
function totp(secret: string, stepOffset = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const key: number[] = [];
  for (const char of secret.replace(/\s+/g, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      key.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + stepOffset));
  const mac = crypto.createHmac("sha1", Buffer.from(key)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

async function openProfile(page: Page, name: string) {
  await page.getByRole("button", { name: `Tài khoản: ${name}` }).click();
  await page.getByRole("menuitem", { name: "Hồ sơ của tôi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ của tôi" })).toBeVisible();
  await expect(page).toHaveURL(/\/ho-so$/);
}

async function passwordStep(page: Page) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(OFFICER);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Xác thực hai bước" })).toBeVisible();
}

async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    userAgent:
      "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36",
  });
  return context.newPage();
}

test.describe.configure({ mode: "serial" });

let secret = "";
let recoveryCodes: string[] = [];

test("an officer turns on two-step verification from the profile page", async ({ page }) => {
  // The admin opens the account (through the API, as the accounts page does).
  await login(page, "admin");
  const csrf = (await page.context().cookies()).find((c) => c.name === "px_csrf")?.value ?? "";
  const created = await page.request.post("/api/users", {
    headers: { "x-csrf-token": csrf },
    data: { username: OFFICER, displayName: OFFICER_NAME, password: PASSWORD, role: "viewer", unitId: null },
  });
  expect(created.status()).toBe(201);
  await page.context().clearCookies();

  await login(page, OFFICER, PASSWORD);
  await openProfile(page, OFFICER_NAME);
  await expect(page.getByText("Chưa bật")).toBeVisible();
  await expect(page.getByRole("cell", { name: /Phiên này/ })).toBeVisible();
  await snap(page, "profile");

  await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();
  await expect(page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" })).toBeVisible();
  secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await snap(page, "profile-enrol");

  // A wrong code first: said on the field, nothing turned on.
  await page.getByLabel("Mã xác thực").fill(totp(secret, 10));
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  await expect(page.getByText(/Mã xác thực không đúng/)).toBeVisible();

  await page.getByLabel("Mã xác thực").fill(totp(secret));
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  const list = page.getByRole("list", { name: "Mã khôi phục" });
  await expect(list).toBeVisible();
  recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(recoveryCodes).toHaveLength(10);
  await snap(page, "profile-recovery-codes");
  await page.getByRole("button", { name: "Tôi đã lưu các mã này" }).click();
  await expect(page.getByText("Đang bật")).toBeVisible();
  await expect(page.getByText(/Còn 10 mã khôi phục chưa dùng/)).toBeVisible();
});

test("signing in asks for the code after the password", async ({ page }) => {
  await passwordStep(page);
  await expect(page.getByLabel("Mã xác thực")).toBeFocused();
  await snap(page, "login-second-factor", { fullPage: false });
  // The enrolment used the current code; the app's next one is accepted once.
  const code = totp(secret, 1);
  await page.getByLabel("Mã xác thực").fill(code);
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page).not.toHaveURL(/dang-nhap/);
  await expect(page.getByRole("button", { name: `Tài khoản: ${OFFICER_NAME}` })).toBeVisible();

  // Signing out from the header, then the same code again is refused.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/dang-nhap/);
  await passwordStep(page);
  await page.getByLabel("Mã xác thực").fill(code);
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByRole("alert")).toContainText("đã được dùng");
});

test("a second device signs in with a recovery code; the first ends that session", async ({ page, browser }) => {
  // First device, with a recovery code (the app's codes of this minute are used up).
  await passwordStep(page);
  await page.getByRole("button", { name: "Không có điện thoại? Dùng mã khôi phục" }).click();
  await page.getByLabel("Mã khôi phục").fill(recoveryCodes[0] ?? "");
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page).not.toHaveURL(/dang-nhap/);

  const phone = await newDevice(browser);
  await passwordStep(phone);
  await phone.getByRole("button", { name: "Không có điện thoại? Dùng mã khôi phục" }).click();
  await phone.getByLabel("Mã khôi phục").fill(recoveryCodes[1] ?? "");
  await snap(phone, "login-recovery-code", { fullPage: false });
  await phone.getByRole("button", { name: "Xác nhận" }).click();
  await expect(phone).not.toHaveURL(/dang-nhap/);

  await openProfile(page, OFFICER_NAME);
  await expect(page.getByText(/Còn 8 mã khôi phục chưa dùng/)).toBeVisible();
  const phoneRow = page.getByRole("row", { name: /Android 14/ });
  await expect(phoneRow).toBeVisible();
  await snap(page, "profile-sessions");
  await phoneRow.getByRole("button", { name: /Đăng xuất phiên Chrome 125 · Android 14/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đăng xuất", exact: true }).click();
  await expect(page.getByText("Đã đăng xuất phiên Chrome 125 · Android 14")).toBeVisible();
  await expect(phoneRow).toHaveCount(0);

  // The phone is signed out at its next request.
  await phone.goto("/viec-cua-toi");
  await expect(phone).toHaveURL(/dang-nhap/);
  await phone.context().close();
});

test("the admin resets the officer's second factor; the officer signs in with the password alone", async ({
  page,
  browser,
}) => {
  const officer = await newDevice(browser);
  await passwordStep(officer);
  await officer.getByRole("button", { name: "Không có điện thoại? Dùng mã khôi phục" }).click();
  await officer.getByLabel("Mã khôi phục").fill(recoveryCodes[2] ?? "");
  await officer.getByRole("button", { name: "Xác nhận" }).click();
  await expect(officer).not.toHaveURL(/dang-nhap/);

  await login(page, "admin");
  await page.goto("/tai-khoan");
  await page.getByLabel("Tìm tài khoản").fill(OFFICER);
  const row = page.getByRole("row", { name: new RegExp(OFFICER.replace(".", "\\.")) });
  await expect(row.getByText("Xác thực 2 bước")).toBeVisible();
  await page.getByRole("button", { name: `Đặt lại xác thực hai bước của ${OFFICER}` }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: `Đặt lại xác thực hai bước của ${OFFICER}?` });
  await expect(confirm).toBeVisible();
  // The dialog zooms in: take the picture once it stands still.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  await snap(page, "accounts-reset-second-factor", { fullPage: false });
  await confirm.getByRole("button", { name: "Đặt lại xác thực hai bước" }).click();
  await expect(page.getByText(`Đã đặt lại xác thực hai bước của ${OFFICER}`)).toBeVisible();
  await expect(row.getByText("Xác thực 2 bước")).toHaveCount(0);

  // Every session of the officer ended.
  await officer.goto("/viec-cua-toi");
  await expect(officer).toHaveURL(/dang-nhap/);
  await login(officer, OFFICER, PASSWORD);
  await openProfile(officer, OFFICER_NAME);
  await expect(officer.getByText("Chưa bật")).toBeVisible();

  // On a phone the profile reads without sideways scrolling (the sessions table scrolls in its card).
  await officer.setViewportSize({ width: 375, height: 812 });
  await expect(officer.getByRole("heading", { level: 1, name: "Hồ sơ của tôi" })).toBeVisible();
  const overflow = await officer.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(officer, "profile-phone");
  await officer.context().close();
});
