import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Issue 7 item 2: the public pages of a task, an indicator, a sector and a residential group,
 * reached from the public plan at phone and desktop sizes, with axe-core finding no WCAG 2.1 A/AA
 * violation; then an officer links an indicator to a task and publishes a photo, and the public
 * task page shows both.
 */

test.describe.configure({ mode: "serial" });

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 900 } },
] as const;

const PLAN = "/cong-khai?ward=viet-hoa";
const GAP = "Tỷ lệ diện tích trồng trọt đạt tiêu chuẩn GAP, hữu cơ";

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
  expect(found).toEqual([]);
}

/** The plan page with the agriculture sector and its straw-burning task opened. */
async function openAgriculture(page: Page) {
  await page.goto(PLAN);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.locator("summary", { hasText: "Chuyển đổi xanh nông nghiệp" }).first().click();
}

for (const size of SIZES) {
  test.describe(`public pages, ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test("a task's page, from its row in the plan", async ({ page }) => {
      await openAgriculture(page);
      const task = page.locator("li.pub-task", { hasText: "Chấm dứt hoạt động đốt rơm rạ" }).first();
      await task.locator("summary").first().click();
      await task.getByRole("link", { name: "Xem trang nhiệm vụ III.5 ý 3" }).click();
      await expect(page).toHaveURL(/\/cong-khai\/nhiem-vu\/iii-5-3\?ward=viet-hoa$/);
      await expect(page.getByRole("heading", { level: 1, name: "Chấm dứt hoạt động đốt rơm rạ" })).toBeVisible();
      await expect(
        page.getByRole("navigation", { name: "Đường dẫn" }).getByRole("link", { name: "III.5" }),
      ).toBeVisible();
      await expect(page.locator(".pp-chart-canvas canvas").first()).toBeVisible();
      await expect(page.getByText(/Biểu đồ tiến độ: \d+ lần cập nhật/)).toBeVisible();
      await expect(page.getByRole("link", { name: "Số vụ đốt rơm rạ không đúng quy định" })).toBeVisible();
      await snap(page, `portal-task-${size.name}`);
      await expectAccessible(page);
    });

    test("an indicator's page with its chart against the trajectory", async ({ page }) => {
      await page.goto(PLAN);
      await page.getByRole("link", { name: GAP }).first().click();
      await expect(page).toHaveURL(/\/cong-khai\/chi-tieu\/gap-organic-area-share\?ward=viet-hoa$/);
      await expect(page.getByRole("heading", { level: 1, name: GAP })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Diễn biến so với lộ trình đến năm 2030" })).toBeVisible();
      await expect(page.locator(".pp-chart-canvas canvas").first()).toBeVisible();
      await expect(page.getByRole("link", { name: "Tổ dân phố số 1", exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: /Tái cấu trúc nông nghiệp/ })).toBeVisible();
      // The numbers behind the chart, for whoever cannot see it.
      await page.getByText("Xem bảng số liệu").click();
      await expect(page.getByRole("table", { name: "Lộ trình cần đạt theo năm" })).toBeVisible();
      await snap(page, `portal-indicator-${size.name}`);
      await expectAccessible(page);
    });

    test("a sector's page, from its heading in the plan", async ({ page }) => {
      await openAgriculture(page);
      await page.getByRole("link", { name: "Xem trang III.5" }).click();
      await expect(page).toHaveURL(/\/cong-khai\/nhom\/iii-5\?ward=viet-hoa$/);
      await expect(page.getByRole("heading", { level: 1, name: "Chuyển đổi xanh nông nghiệp" })).toBeVisible();
      await expect(page.getByRole("link", { name: /Chấm dứt hoạt động đốt rơm rạ/ })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Lĩnh vực khác" })).toBeVisible();
      await snap(page, `portal-sector-${size.name}`);
      await expectAccessible(page);
    });

    test("a residential group's page (my neighbourhood)", async ({ page }) => {
      await page.goto(PLAN);
      await page
        .getByRole("region", { name: "Khu phố của tôi" })
        .getByRole("link", { name: "TDP 3", exact: true })
        .click();
      await expect(page).toHaveURL(/\/cong-khai\/to-dan-pho\/tdp-03\?ward=viet-hoa$/);
      await expect(page.getByRole("heading", { level: 1, name: "Tổ dân phố số 3" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Chỉ tiêu đo tại tổ dân phố" })).toBeVisible();
      await expect(page.getByText("Toàn phường").first()).toBeVisible();
      await snap(page, `portal-residential-group-${size.name}`);
      await expectAccessible(page);
    });
  });
}

test("the public pages follow the language toggle and keep the ward on their links", async ({ page }) => {
  await page.goto("/cong-khai/nhom/v-5?ward=viet-hoa");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "EN" }).click();
  await expect(page.getByRole("heading", { name: "Other unit groups" })).toBeVisible();
  await page.getByRole("link", { name: /^V\.2 / }).click();
  await expect(page).toHaveURL(/\/cong-khai\/nhom\/v-2\?ward=viet-hoa$/);
  await expect(page.getByText("Overall progress")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "VI" }).click();
  await expect(page.getByText("Tiến độ chung")).toBeVisible();
});

test("an unknown code says so in Vietnamese, with the way back to the plan", async ({ page }) => {
  await page.goto("/cong-khai/nhiem-vu/khong-co?ward=viet-hoa");
  await expect(page.getByRole("alert")).toHaveText("Không tìm thấy nhiệm vụ");
  await expect(
    page.getByRole("navigation", { name: "Đường dẫn" }).getByRole("link", { name: "Kế hoạch" }),
  ).toBeVisible();
});

/** A photo as a phone takes it: a picture, not a one-pixel test file. */
async function samplePhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 800;
    canvas.height = 600;
    const ctx = canvas.getContext("2d");
    if (!ctx) return "";
    const sky = ctx.createLinearGradient(0, 0, 0, 600);
    sky.addColorStop(0, "#b3e5fc");
    sky.addColorStop(0.45, "#e1f5fe");
    sky.addColorStop(0.46, "#9ccc65");
    sky.addColorStop(1, "#33691e");
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 800, 600);
    ctx.fillStyle = "#fdd835";
    ctx.beginPath();
    ctx.arc(640, 110, 50, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = "#558b2f";
    ctx.lineWidth = 3;
    for (let x = 0; x < 800; x += 24) {
      ctx.beginPath();
      ctx.moveTo(x, 600);
      ctx.lineTo(400 + (x - 400) * 0.2, 290);
      ctx.stroke();
    }
    return canvas.toDataURL("image/png");
  });
  return Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64");
}

test("an officer links an indicator and publishes a photo; the public task page shows both", async ({ page }) => {
  const text = "Kiểm tra đồng ruộng sau thu hoạch, không phát hiện đốt rơm rạ (kiểm thử trang công khai)";
  await login(page, "kinhte");
  await page.goto("/nhiem-vu?q=dot%20rom%20ra");
  await page
    .getByRole("link", { name: /Chấm dứt hoạt động đốt rơm rạ/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /Chấm dứt hoạt động đốt rơm rạ/ })).toBeVisible();

  // Link the task to the clean-water indicator.
  await page.getByRole("combobox", { name: "Chỉ tiêu cần liên kết" }).click();
  await page.getByRole("combobox", { name: "Chỉ tiêu cần liên kết" }).fill("nuoc sach");
  await page.getByRole("option", { name: /Tỷ lệ hộ dân được sử dụng nước sạch/ }).click();
  await page.getByRole("button", { name: "link Liên kết", exact: true }).click();
  await expect(page.getByText("Đã liên kết chỉ tiêu")).toBeVisible();
  await expect(page.getByRole("link", { name: "Tỷ lệ hộ dân được sử dụng nước sạch theo quy định" })).toBeVisible();

  // Report progress with a photo, then publish the photo.
  const form = page.getByRole("form", { name: "Cập nhật tiến độ" });
  await form.getByLabel("Tiến độ (%)", { exact: true }).fill("75");
  await form.getByLabel("Nội dung cập nhật").fill(text);
  await form.locator('input[type="file"]').setInputFiles({
    name: "dong-lua-sau-thu-hoach.png",
    mimeType: "image/png",
    buffer: await samplePhoto(page),
  });
  await form.getByRole("button", { name: "Gửi cập nhật" }).click();
  await expect(page.getByText("Đã gửi cập nhật tiến độ")).toBeVisible();
  const publish = page.getByRole("switch", {
    name: "Công khai ảnh dong-lua-sau-thu-hoach.png trên trang công khai của nhiệm vụ",
  });
  await expect(publish).not.toBeChecked();
  await publish.click();
  await expect(page.getByText("Đã công khai ảnh dong-lua-sau-thu-hoach.png")).toBeVisible();
  await expect(publish).toBeChecked();
  await snap(page, "portal-staff-task-linked-and-published");

  // The indicator's staff page lists the task behind it.
  await page.getByRole("link", { name: "Tỷ lệ hộ dân được sử dụng nước sạch theo quy định" }).click();
  const behind = page.getByRole("list", { name: "Nhiệm vụ tác động đến chỉ tiêu" });
  await expect(behind.getByRole("link", { name: "Chấm dứt hoạt động đốt rơm rạ" })).toBeVisible();

  // Anyone, signed out, sees the link and the photo; never the officer's name or the file name.
  await logout(page);
  await page.goto("/cong-khai/nhiem-vu/iii-5-3?ward=viet-hoa");
  await expect(page.getByRole("heading", { level: 1, name: "Chấm dứt hoạt động đốt rơm rạ" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tỷ lệ hộ dân được sử dụng nước sạch theo quy định" })).toBeVisible();
  const photo = page.getByRole("img", { name: /Ảnh minh chứng của cập nhật ngày \d{2}\/\d{2}\/\d{4}/ });
  await expect(photo).toBeVisible();
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(800);
  await photo.screenshot({ path: "e2e/screenshots/portal-public-photo.png" });
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText("dong-lua-sau-thu-hoach")).toHaveCount(0);
  await expect(page.getByText("Cán bộ Phòng Kinh tế")).toHaveCount(0);
  await snap(page, "portal-task-with-photo");
  await expectAccessible(page);
});
