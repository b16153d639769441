import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
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

/**
 * Signs out by dropping the session. The page is left first: a staff page still open would see
 * its next request refused and go to the sign-in page, racing the test's next `goto`.
 */
export async function logout(page: Page) {
  await page.goto("about:blank");
  await page.context().clearCookies();
}

/** The WCAG 2.1 A and AA rules of axe-core: what the public pages must meet. */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the page as it is now and fails with every violation spelled out (rule,
 * impact, the elements and what is wrong with each), so a failure says what to fix.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const report = violations.flatMap((v) => [
    `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.map((n) => `  ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`),
  ]);
  expect(report, `axe-core on ${label}:\n${report.join("\n")}`).toEqual([]);
}
