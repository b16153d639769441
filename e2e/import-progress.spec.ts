import { expect, test } from "@playwright/test";
import { login, snap } from "./support.js";

/**
 * A large import file shows its progress: the bytes sent, then the server reading and checking
 * it. The answer is held back until the bar has been seen (order, not timing), then released.
 */
test("a large task sheet shows a progress bar while it is sent and checked", async ({ page }) => {
  await login(page, "lanhdao");
  await page.goto("/nhiem-vu");
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/tasks/import**", async (route) => {
    await held;
    await route.continue();
  });

  const header =
    "Mã,Mục,Loại,Tên nhiệm vụ,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Tần suất,Hạn hoàn thành,Sản phẩm đầu ra,Trạng thái,Tiến độ (%),Trọng số";
  // About 1 MB: 4,000 rows of codes the plan does not have, so nothing is saved.
  const rows = Array.from(
    { length: 4_000 },
    (_, i) => `khong-co-${i},,,"Nhiệm vụ thử ${i} ${"x".repeat(180)}",,kinh-te,,none,,,,,`,
  );
  const csv = Buffer.from(`\ufeff${[header, ...rows].join("\n")}`, "utf8");
  expect(csv.length).toBeGreaterThan(256 * 1024);

  await page.getByRole("button", { name: "Nhập từ XLSX" }).click();
  const dialog = page.getByRole("dialog");
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: "nhiem-vu-lon.csv", mimeType: "text/csv", buffer: csv });
  await dialog.getByRole("button", { name: "Kiểm tra và nhập" }).click();

  const bar = dialog.getByRole("progressbar", { name: "Tiến trình nhập tệp" });
  await expect(bar).toBeVisible();
  // Held at the network: the bar shows the bytes sent so far (then "Đang đọc và kiểm tra tệp…").
  await expect(dialog.getByText(/Đang tải tệp lên… \d+%|Đang đọc và kiểm tra tệp…/)).toBeVisible();
  await snap(page, "import-progress", { fullPage: false });
  release();

  await expect(dialog.getByText(/Chưa lưu dòng nào: 4000 lỗi/)).toBeVisible();
  await expect(bar).toBeHidden();
  await snap(page, "import-progress-done", { fullPage: false });
});
