import { expect, test, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * The ward's list of units in a real browser: the Office adds a residential group (a taken code
 * is refused on the code field), the new group is offered when figures are entered per
 * residential group, and once it stops working it is offered no more. Other roles never see the page.
 */

const GROUP = "Tổ dân phố số 13";
const GROUP_SHORT = "TDP 13";
/** Typed in per residential group (the GAP/organic share is computed, and takes no figure). */
const WATER_INDICATOR = "Tỷ lệ hộ dân được sử dụng nước sạch theo quy định";

async function openUnits(page: Page) {
  await page.goto("/");
  await page.getByRole("menu", { name: "Điều hướng chính" }).getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Đơn vị" })).toBeVisible();
  await expect(page).toHaveURL(/\/don-vi$/);
}

/** Opens the residential-group select of the measurement form on the clean-water indicator. */
async function openGroupChoices(page: Page) {
  await page.goto("/chi-tieu");
  await page.getByRole("link", { name: WATER_INDICATOR }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: WATER_INDICATOR })).toBeVisible();
  const form = page.getByRole("form", { name: "Nhập số liệu" });
  await form.getByLabel("Tổ dân phố", { exact: true }).click();
  await expect(page.getByRole("option", { name: "Tổ dân phố số 12", exact: true })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test("the Office adds a residential group; a taken code is refused on its field", async ({ page }) => {
  await login(page, "vanphong");
  await openUnits(page);
  await expect(page.getByRole("cell", { name: "tdp-01", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Thêm đơn vị" }).click();
  const dialog = page.getByRole("dialog", { name: "Thêm đơn vị" });
  await expect(dialog).toBeVisible();
  // A residential group is the first choice, and goes under the ward's "Tổ dân phố" by itself.
  await expect(dialog.getByText("Tự động xếp vào “Tổ dân phố”")).toBeVisible();
  await dialog.getByLabel("Tên đơn vị").fill(GROUP);
  await dialog.getByLabel("Tên viết tắt").fill(GROUP_SHORT);
  const code = dialog.getByLabel("Mã", { exact: true });
  await expect(code).toHaveValue("tdp-13");
  await dialog.getByLabel("Số hộ").fill("210");

  // A code the ward already uses: the server's message lands on the code field.
  await code.fill("tdp-01");
  await dialog.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: 'Mã đơn vị "tdp-01" đã được sử dụng.' })).toBeVisible();
  await expect(code).toHaveAttribute("aria-invalid", "true");
  const codeItem = dialog.locator(".ant-form-item").filter({ has: page.getByLabel("Mã", { exact: true }) });
  await expect(codeItem.getByText("Mã đã có", { exact: true })).toBeVisible();
  // The viewport only: a full-page picture would cut the dialog's backdrop off halfway.
  await snap(page, "units-create-taken-code", { fullPage: false });

  await code.fill("tdp-13");
  await expect(codeItem.getByText("Mã đã có", { exact: true })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Đã thêm đơn vị ${GROUP_SHORT}`)).toBeVisible();

  // The search ignores accents: "to dan pho 13" finds "Tổ dân phố số 13".
  await page.getByLabel("Tìm đơn vị").fill("to dan pho so 13");
  const row = page.getByRole("row", { name: new RegExp(GROUP) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell", { name: "tdp-13", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: GROUP_SHORT, exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Tổ dân phố", exact: true }).first()).toBeVisible();
  await expect(row.getByRole("cell", { name: "210", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Đang hoạt động" })).toBeVisible();
  await page.getByLabel("Tìm đơn vị").fill("");
  await page.getByLabel("Loại đơn vị").click();
  await page.getByRole("option", { name: "Tổ dân phố", exact: true }).click();
  await expect(page.getByRole("row", { name: /Tổ dân phố số 13/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Phòng chuyên môn", exact: true })).toHaveCount(0);
  // The picture shows the table, not the closing list nor the passing message.
  await expect(page.getByRole("listbox")).toBeHidden();
  await expect(page.getByText(`Đã thêm đơn vị ${GROUP_SHORT}`)).toBeHidden();
  await snap(page, "units");
});

test("the new group is offered for figures per residential group", async ({ page }) => {
  await logout(page);
  await login(page, "vanphong");
  await openGroupChoices(page);
  await expect(page.getByRole("option", { name: GROUP, exact: true })).toBeVisible();
});

test("a group that stops working is no longer offered, and comes back when reactivated", async ({ page }) => {
  await logout(page);
  await login(page, "vanphong");
  await openUnits(page);
  await page.getByLabel("Tìm đơn vị").fill(GROUP_SHORT);
  await page.getByRole("button", { name: `Ngừng hoạt động đơn vị ${GROUP_SHORT}` }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: `Ngừng hoạt động đơn vị ${GROUP_SHORT}?` });
  await confirm.getByRole("button", { name: "Ngừng hoạt động", exact: true }).click();
  await expect(page.getByText(`Đơn vị ${GROUP_SHORT} đã ngừng hoạt động`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(GROUP) });
  await expect(row.getByRole("cell", { name: "Ngừng hoạt động" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Cho đơn vị ${GROUP_SHORT} hoạt động lại` })).toBeVisible();

  await openGroupChoices(page);
  await expect(page.getByRole("option", { name: GROUP, exact: true })).toHaveCount(0);

  await openUnits(page);
  await page.getByLabel("Tìm đơn vị").fill(GROUP_SHORT);
  await page.getByRole("button", { name: `Cho đơn vị ${GROUP_SHORT} hoạt động lại` }).click();
  const again = page.getByRole("dialog").filter({ hasText: `Cho đơn vị ${GROUP_SHORT} hoạt động lại?` });
  await again.getByRole("button", { name: "Hoạt động lại", exact: true }).click();
  await expect(page.getByText(`Đơn vị ${GROUP_SHORT} đã hoạt động lại`)).toBeVisible();
  await openGroupChoices(page);
  await expect(page.getByRole("option", { name: GROUP, exact: true })).toBeVisible();
});

test("other roles do not see the units page", async ({ page }) => {
  await logout(page);
  await login(page, "kinhte");
  const nav = page.getByRole("menu", { name: "Điều hướng chính" });
  await expect(nav.getByRole("link", { name: "Chỉ tiêu" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Đơn vị", exact: true })).toHaveCount(0);
  await page.goto("/don-vi");
  await expect(page.getByText("Bạn không có quyền xem nội dung này")).toBeVisible();
  await expect(page.getByRole("button", { name: "Thêm đơn vị" })).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("each unit reads in one cell and its actions stay reachable", async ({ page }) => {
    await login(page, "vanphong");
    await page.goto("/don-vi");
    await expect(
      page.getByRole("cell", { name: /^Tổ dân phố số 1 TDP 1 · tdp-01 · Tổ dân phố · \d+ hộ$/ }),
    ).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const actions = page.getByRole("button", { name: "Thao tác với đơn vị TDP 1", exact: true });
    await actions.scrollIntoViewIfNeeded();
    await expect(actions).toBeInViewport();
    await actions.click();
    await page.getByRole("menuitem", { name: "Sửa" }).click();
    const dialog = page.getByRole("dialog", { name: "Sửa đơn vị TDP 1" });
    await expect(dialog.getByLabel("Tên đơn vị")).toHaveValue("Tổ dân phố số 1");
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await expect(dialog).toBeHidden();
    await snap(page, "units-phone");
  });
});
