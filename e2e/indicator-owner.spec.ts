import { expect, test, type Browser, type Page } from "@playwright/test";
import { login } from "./support.js";

/**
 * A leader hands an indicator to another unit: the new unit can then enter its measurements and
 * the old one no longer can.
 */
const INDICATOR =
  "Tỷ lệ cơ sở kinh doanh, dịch vụ cam kết không sử dụng túi nilon khó phân hủy, sản phẩm nhựa dùng một lần";
const OLD_OWNER = "Phòng Văn hóa - Xã hội";
const NEW_OWNER = "Phòng Kinh tế, Hạ tầng và Đô thị";

/** Signs `username` in, in a browser of their own. */
async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username);
  return page;
}

async function openIndicator(page: Page) {
  await page.goto("/chi-tieu");
  await page.getByRole("link", { name: INDICATOR }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: INDICATOR })).toBeVisible();
}

const measurementForm = (page: Page) => page.getByRole("form", { name: "Nhập số liệu" });

test("a leader reassigns an indicator: the new unit enters its measurements, the old one no longer can", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const vhxh = await signedIn(browser, "vhxh");

  await test.step("before: the owning unit enters the measurements", async () => {
    await openIndicator(vhxh);
    await expect(vhxh.getByText(OLD_OWNER, { exact: true })).toBeVisible();
    await expect(measurementForm(vhxh)).toBeVisible();
  });

  await test.step("the leader picks another active unit and saves", async () => {
    const page = await signedIn(browser, "lanhdao");
    await openIndicator(page);
    await page.getByRole("button", { name: "Sửa số liệu gốc, mục tiêu" }).click();
    const dialog = page.getByRole("dialog");
    // Search the units by name and take the one match with the keyboard.
    const owner = dialog.getByRole("combobox", { name: "Đơn vị phụ trách" });
    await owner.fill(NEW_OWNER);
    await expect(page.getByRole("option", { name: new RegExp(NEW_OWNER) })).toHaveCount(1);
    await owner.press("Enter");
    await expect(dialog.getByTitle(`Phòng KT-HT-ĐT — ${NEW_OWNER}`)).toBeVisible();
    await expect(dialog.getByRole("combobox", { name: "Tần suất báo cáo" })).toBeVisible();
    const patch = page.waitForRequest((r) => r.method() === "PATCH" && /\/api\/indicators\//.test(r.url()));
    await dialog.getByRole("button", { name: "Lưu" }).click();
    // Only what changed is sent, with the version the form was opened with.
    expect(Object.keys((await patch).postDataJSON() as object).sort()).toEqual(["ownerUnitId", "version"]);
    await expect(dialog).toBeHidden();
    await expect(page.getByText(NEW_OWNER, { exact: true })).toBeVisible();
    await expect(page.getByText(OLD_OWNER, { exact: true })).toHaveCount(0);
  });

  await test.step("the new unit now enters the measurements", async () => {
    const page = await signedIn(browser, "kinhte");
    await openIndicator(page);
    await expect(page.getByText(NEW_OWNER, { exact: true })).toBeVisible();
    await expect(measurementForm(page)).toBeVisible();
  });

  await test.step("the old unit no longer does", async () => {
    await openIndicator(vhxh);
    await expect(vhxh.getByText(NEW_OWNER, { exact: true })).toBeVisible();
    await expect(measurementForm(vhxh)).toHaveCount(0);
  });
});
