import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { login, logout, snap } from "./support.js";

/**
 * Sổ nông hộ: Phòng Kinh tế's officer finds a demo farm typing without accents, opens it, adds a
 * plot with a VietGAP certificate and sees the group's certified share move, downloads the diary
 * as PDF and XLSX; a viewer gets no menu entry and no edit button. Desktop and phone.
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });

const PLOT = "Thửa thử nghiệm e2e, xứ đồng Cửa Đình";
const CERTIFICATE = "VG-E2E-2026-001";

type FarmRow = { id: string; name: string; residentialGroup: { code: string; name: string } | null };
type Share = { residentialGroup: { code: string }; percent: number | null };

const csrfOf = async (page: Page) => (await page.context().cookies()).find((c) => c.name === "px_csrf")?.value ?? "";

async function shareOf(page: Page, code: string): Promise<number | null> {
  const shares = (await (await page.request.get("/api/agriculture/certified-shares")).json()) as Share[];
  return shares.find((s) => s.residentialGroup.code === code)?.percent ?? null;
}

let farm: FarmRow;

test("kinhte finds a farm without accents, adds a certified plot and sees the group's share change", async ({
  page,
}) => {
  await login(page, "kinhte");
  await page.getByRole("link", { name: "Sổ nông hộ" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Sổ nông hộ" })).toBeVisible();
  await expect(page.getByText("Tỷ lệ diện tích đạt GAP, hữu cơ theo tổ dân phố (hôm nay)")).toBeVisible();

  await page.getByRole("searchbox", { name: "Tìm cơ sở sản xuất" }).fill("nguyen van lua");
  const rows = page.getByRole("row").filter({ hasText: "Hộ Nguyễn Văn Lúa" });
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Hộ Trần Thị Mạ" })).toHaveCount(0);
  await snap(page, "registry-list-desktop");

  const found = (await (await page.request.get("/api/agriculture/farms?q=nguyen%20van%20lua")).json()) as FarmRow[];
  const first = found[0];
  if (!first?.residentialGroup) throw new Error("the demo farm has no residential group");
  farm = first;
  const group = first.residentialGroup;
  const shareCard = page.getByTestId(`share-${group.code}`);
  const before = (await shareCard.textContent()) ?? "";
  const percentBefore = await shareOf(page, group.code);

  await page.getByRole("link", { name: first.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/nong-ho/${first.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: first.name })).toBeVisible();
  await expect(page.getByText(/cho cán bộ ghi nhật ký thay/).first()).toBeVisible();
  // What the farm took part in (khuyến nông), as the extension records have it.
  const taken = (await (await page.request.get(`/api/extension/farms/${first.id}`)).json()) as {
    trainings: { title: string }[];
  };
  const extension = page.locator(".ant-card").filter({ hasText: "Khuyến nông: lớp tập huấn và mô hình" });
  if (taken.trainings[0]) await expect(extension.getByRole("link", { name: taken.trainings[0].title })).toBeVisible();
  else await expect(extension.getByText("Cơ sở chưa dự lớp tập huấn hay tham gia mô hình nào.")).toBeVisible();

  // A plot in the farm's group, with a location, then a VietGAP certificate on it.
  await page.getByRole("button", { name: "Thêm thửa ruộng" }).click();
  const plotDialog = page.getByRole("dialog", { name: "Thêm thửa ruộng" });
  await plotDialog.getByLabel("Tên thửa").fill(PLOT);
  await plotDialog.getByLabel("Diện tích (ha)").fill("1,5");
  await plotDialog.getByLabel("Cây trồng").fill("Lúa");
  await plotDialog.getByLabel("Vĩ độ").fill("20.8449");
  await plotDialog.getByLabel("Kinh độ").fill("106.6881");
  await plotDialog.getByRole("button", { name: "Lưu" }).click();
  await expect(plotDialog).toBeHidden();
  const plotRow = page.getByRole("row").filter({ hasText: PLOT });
  await expect(plotRow).toContainText("1,5 ha");
  await expect(plotRow).toContainText(group.name);

  await page.getByRole("button", { name: `Thêm chứng nhận cho thửa ${PLOT}` }).click();
  const certDialog = page.getByRole("dialog", { name: `Thêm chứng nhận cho thửa ${PLOT}` });
  await certDialog.getByLabel("Số giấy chứng nhận").fill(CERTIFICATE);
  await certDialog.getByLabel("Tổ chức chứng nhận").fill("Trung tâm Chứng nhận VietGAP (thử nghiệm)");
  await certDialog.getByLabel("Ngày cấp").fill("01/01/2026");
  await certDialog.getByLabel("Ngày cấp").press("Enter");
  await certDialog.getByLabel("Ngày hết hạn").fill("31/12/2028");
  await certDialog.getByLabel("Ngày hết hạn").press("Enter");
  await certDialog.getByRole("button", { name: "Lưu" }).click();
  await expect(certDialog).toBeHidden();
  await expect(plotRow).toContainText(CERTIFICATE);
  await expect(plotRow).toContainText("VietGAP");
  await expect(plotRow).toContainText("01/01/2026 – 31/12/2028");
  await expect(plotRow).toContainText("Còn hiệu lực");
  await expect(page.getByRole("figure", { name: `Vị trí thửa ${PLOT}` })).toBeVisible();
  await snap(page, "registry-farm-desktop");

  // The group's share, computed from the registry, moved.
  const percentAfter = await shareOf(page, group.code);
  expect(percentAfter).not.toBeNull();
  expect(percentAfter).toBeGreaterThan(percentBefore ?? 0);
  await page.getByRole("link", { name: "Sổ nông hộ" }).first().click();
  await expect(page.getByTestId(`share-${group.code}`)).not.toHaveText(before);
});

test("kinhte downloads the farm's diary as PDF and XLSX", async ({ page }) => {
  await login(page, "kinhte");
  await page.goto(`/nong-ho/${farm.id}`);
  for (const [name, type, magic] of [
    ["Tải nhật ký (PDF)", "application/pdf", "%PDF-"],
    ["Tải nhật ký (XLSX)", "spreadsheetml", "PK"],
  ] as const) {
    const waiting = page.waitForEvent("download");
    await page.getByRole("link", { name }).click();
    const download = await waiting;
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.length, name).toBeGreaterThan(1000);
    expect(bytes.subarray(0, magic.length).toString(), name).toBe(magic);
    expect(download.suggestedFilename()).toMatch(name.includes("PDF") ? /\.pdf$/ : /\.xlsx$/);
    const href = await page.getByRole("link", { name }).getAttribute("href");
    const response = await page.request.get(href ?? "");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
  }
});

test("kinhte opens the farm's own account, and the household then signs in to its diary alone", async ({ page }) => {
  await login(page, "kinhte");
  await page.goto(`/nong-ho/${farm.id}`);
  await page.getByRole("button", { name: "Mở tài khoản cho cơ sở" }).click();
  const dialog = page.getByRole("dialog", { name: `Mở tài khoản cho ${farm.name}` });
  await dialog.getByLabel("Tên đăng nhập").fill("ho-e2e-tu-ghi");
  // Too short a password: said on the field, nothing opened.
  await dialog.getByLabel("Mật khẩu đầu tiên").fill("ngan");
  await dialog.getByRole("button", { name: "Mở tài khoản cho cơ sở" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(".ant-form-item-has-error")).toHaveCount(1);
  await dialog.getByLabel("Mật khẩu đầu tiên").fill("ruong-lua-xanh-2026");
  await dialog.getByRole("button", { name: "Mở tài khoản cho cơ sở" }).click();
  await expect(page.getByText(`Đã mở tài khoản cho ${farm.name}.`)).toBeVisible();
  await expect(page.getByText("Có tài khoản riêng")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mở tài khoản cho cơ sở" })).toHaveCount(0);

  await logout(page);
  await login(page, "ho-e2e-tu-ghi", "ruong-lua-xanh-2026");
  await expect(page).toHaveURL(/\/nhat-ky$/);
  await expect(page.getByLabel("Cơ sở sản xuất").locator("option")).toHaveText([farm.name]);
});

test("on a phone the farm page stacks, and the plot's actions sit in a menu", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "kinhte");
  await page.goto(`/nong-ho/${farm.id}`);
  await expect(page.getByRole("heading", { level: 1, name: farm.name })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: PLOT })).toBeVisible();
  await expect(page.locator(".reg-seasons-card .ant-spin-spinning")).toHaveCount(0);
  await expect(page.getByRole("figure", { name: `Vị trí thửa ${PLOT}` })).toBeVisible();
  // Nothing wider than the phone: the tables scroll inside their cards.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, "registry-farm-phone");
  await page.goto("/nong-ho");
  await expect(page.getByRole("heading", { level: 1, name: "Sổ nông hộ" })).toBeVisible();
  await expect(page.getByRole("link", { name: farm.name }).first()).toBeVisible();
  await snap(page, "registry-list-phone", { fullPage: false });
});

test("a viewer gets no menu entry, and the farm page shows no edit button", async ({ page }) => {
  await login(page, "admin");
  const created = await page.request.post("/api/users", {
    headers: { "x-csrf-token": await csrfOf(page) },
    data: {
      username: "xemso",
      displayName: "Người xem sổ",
      password: "ruong-lua-chin-vang-2026",
      role: "viewer",
      unitId: null,
    },
  });
  expect(created.status()).toBe(201);
  await logout(page);
  await login(page, "xemso", "ruong-lua-chin-vang-2026");
  await expect(page.getByRole("link", { name: "Sổ nông hộ" })).toHaveCount(0);
  await page.goto(`/nong-ho/${farm.id}`);
  await expect(page.getByText("Bạn không có quyền xem nội dung này")).toBeVisible();
  for (const name of ["Sửa cơ sở", "Thêm thửa ruộng", "Thêm cơ sở"])
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  await page.goto("/nong-ho");
  await expect(page.getByText("Bạn không có quyền xem nội dung này")).toBeVisible();
  await expect(page.getByRole("button", { name: "Thêm cơ sở" })).toHaveCount(0);
  await snap(page, "registry-viewer");
});
