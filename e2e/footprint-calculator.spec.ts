import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, snap } from "./support.js";

/**
 * Issue 9, item 3: the public carbon footprint calculator at /dau-chan-carbon, on a phone
 * (390×844) without an account. It opens from the public plan; the example season computes at
 * once; AWD instead of flooding lowers the rice methane; a bad number is refused on its field in
 * Vietnamese, and so is the server's own field error; the what-if rows are there; the figures
 * survive a reload (they are in the address); axe finds nothing; the page's JavaScript is light.
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ viewport: { width: 390, height: 844 } });

const WARD = "viet-hoa";

/** "1.234,5" (Vietnamese) → 1234.5 */
const vn = (text: string) =>
  Number(
    text
      .replace(/[^\d,.-−]/g, "")
      .replace(/\./g, "")
      .replace(",", "."),
  );

const result = (page: Page) => page.getByRole("region", { name: "Kết quả" });
const whatIf = (page: Page) => page.getByRole("region", { name: "Nếu làm khác" });
const compute = (page: Page) => page.getByRole("button", { name: "Tính", exact: true });

/** The rice methane of the result, kg CO2e. */
async function riceMethane(page: Page): Promise<number> {
  const text = await result(page).locator('[data-source="riceCh4"] .fc-bar-value').innerText();
  return vn(text.split("kg")[0] ?? "");
}

async function total(page: Page): Promise<number> {
  return vn(await result(page).locator(".fc-figure-main strong").innerText());
}

test("from the plan to a computed season, AWD, field errors and what-if rows, on a phone", async ({ page }) => {
  await page.goto(`/cong-khai?ward=${WARD}`);
  await page.getByRole("link", { name: "Tính dấu chân carbon" }).click();
  await expect(page).toHaveURL(new RegExp(`/dau-chan-carbon\\?ward=${WARD}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Dấu chân carbon vụ lúa" })).toBeVisible();
  await expect(page).toHaveTitle(/Dấu chân carbon vụ lúa/);

  // The example is in the boxes and computes at once, as the server computes it.
  await expect(page.getByRole("textbox", { name: "Diện tích (ha)" })).toHaveValue("1");
  await expect(page.getByRole("radio", { name: "Ngập liên tục" })).toBeChecked();
  await expect(result(page).locator(".fc-figure-main strong")).toBeVisible();
  const answer = (await (
    await page.request.post("/api/public/footprint", {
      data: {
        areaHa: 1,
        cultivationDays: 120,
        region: "south-east-asia",
        waterRegime: "continuously_flooded",
        preSeason: "non_flooded_lt_180",
        organicAmendments: [{ type: "farmyard_manure", tonnesPerHa: 5 }],
        syntheticNKg: 100,
        ureaKg: 150,
        organicNKg: 25,
        strawBurnedTonnesDm: 2,
        dieselLitres: 30,
        electricityKwh: 150,
        yieldKg: 6200,
        gwp: "AR5",
      },
    })
  ).json()) as { totalKgCo2e: number; breakdown: { riceCh4: number }; factorSet: string };
  expect(await total(page)).toBe(Math.round(answer.totalKgCo2e));
  expect(await riceMethane(page)).toBe(Math.round(answer.breakdown.riceCh4));
  // Vietnamese separators: thousands with a point.
  await expect(result(page).locator(".fc-figure-main strong")).toHaveText(/^\d{1,3}(\.\d{3})+$/);
  await expect(result(page).getByText("Trên mỗi kg thóc")).toBeVisible();
  await expect(result(page).getByText(/kg CH₄$/)).toBeVisible();
  await expect(result(page).getByText(/kg N₂O$/)).toBeVisible();
  // The breakdown names each source with its amount and share, not by colour.
  const bars = result(page).getByRole("list", { name: "Theo nguồn phát thải" }).getByRole("listitem");
  await expect(bars.first()).toContainText("Mê-tan từ ruộng lúa");
  await expect(bars.first()).toContainText(/% tổng/);
  await expect(bars).toHaveCount(7);
  await expect(result(page).getByText(`Bộ hệ số đã dùng: ${answer.factorSet}.`)).toBeVisible();
  // The factor set's sources, from its public route.
  await result(page).getByText("Xem các hệ số và nguồn").click();
  await expect(result(page).getByText("IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.12").first()).toBeVisible();
  await expect(result(page).getByRole("link", { name: "Tải bộ hệ số (JSON)" })).toHaveAttribute(
    "href",
    `/api/public/factor-sets/${answer.factorSet}`,
  );

  // What-if: AWD, straw not burnt, and both, each lower than the season, in kg and %.
  const rows = whatIf(page).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Tưới ướt khô xen kẽ (AWD) thay cho ngập liên tục");
  await expect(rows.nth(1)).toContainText("Không đốt rơm: ủ làm phân hoặc thu gom khỏi ruộng");
  await expect(rows.nth(2)).toContainText("Cả hai: tưới ướt khô xen kẽ và không đốt rơm");
  for (let i = 0; i < 3; i++) await expect(rows.nth(i)).toContainText(/Giảm [\d.]+ kg CO₂e \(−\d+%\)/);
  await snap(page, "footprint-calculator-phone");
  await expectNoAxeViolations(page, "/dau-chan-carbon, phone");

  // AWD instead of flooding: less rice methane (×0.55, IPCC Table 5.12), the address keeps it.
  const flooded = await riceMethane(page);
  await page.getByRole("radio", { name: "Ướt khô xen kẽ (AWD)" }).check();
  await expect(result(page).getByText("Bạn đã sửa số liệu: bấm “Tính” để cập nhật kết quả.")).toBeVisible();
  await compute(page).click();
  await expect(result(page).getByText("Bạn đã sửa số liệu", { exact: false })).toHaveCount(0);
  await expect.poll(() => riceMethane(page)).toBeLessThan(flooded);
  expect((await riceMethane(page)) / flooded).toBeCloseTo(0.55, 2);
  await expect(page).toHaveURL(/waterRegime=multiple_drainage/);
  await expect(page).toHaveURL(new RegExp(`ward=${WARD}`));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Không đốt rơm");
  const awdTotal = await total(page);

  // A shared link: the same figures and the same result after a reload.
  await page.reload();
  await expect(page.getByRole("radio", { name: "Ướt khô xen kẽ (AWD)" })).toBeChecked();
  await expect.poll(() => total(page)).toBe(awdTotal);

  // Organic matter: add one, remove it.
  await page.getByRole("button", { name: "+ Thêm chất hữu cơ" }).click();
  await expect(page.getByRole("combobox", { name: "Loại chất hữu cơ 2" })).toHaveValue("compost");
  await page.getByRole("textbox", { name: "Lượng chất hữu cơ 2 (tấn/ha)" }).fill("2,5");
  await page.getByRole("button", { name: "Bỏ chất hữu cơ 2" }).click();
  await expect(page.getByRole("combobox", { name: "Loại chất hữu cơ 2" })).toHaveCount(0);

  // Bad values: refused before sending, in Vietnamese, on their fields; the first is focused.
  const area = page.getByRole("textbox", { name: "Diện tích (ha)" });
  const diesel = page.getByRole("textbox", { name: "Dầu diesel cho máy làm đất, máy gặt (lít)" });
  await area.fill("0");
  await diesel.fill("mười");
  let sent = 0;
  const countSent = () => sent++;
  page.on("request", (request) => {
    if (request.url().includes("/api/public/footprint")) countSent();
  });
  await compute(page).click();
  await expect(page.getByText("Có 2 ô cần sửa: xem thông báo dưới từng ô.")).toBeVisible();
  await expect(area).toHaveAttribute("aria-invalid", "true");
  await expect(area).toHaveAccessibleDescription("Phải lớn hơn 0 ha.");
  await expect(diesel).toHaveAccessibleDescription("Chưa phải là số. Ví dụ: 1,5");
  await expect(area).toBeFocused();
  expect(sent).toBe(0);
  await snap(page, "footprint-calculator-errors-phone");
  await expectNoAxeViolations(page, "/dau-chan-carbon with field errors, phone");

  // The server's own field error shows on its field: a request altered on its way (401 days).
  await area.fill("1");
  await diesel.fill("30");
  await page.route("**/api/public/footprint*", async (route) => {
    const body = route.request().postDataJSON() as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, cultivationDays: 401 }) });
  });
  await compute(page).click();
  const days = page.getByRole("textbox", { name: "Số ngày từ khi gieo cấy đến khi gặt (ngày)" });
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await expect(days).toHaveAccessibleDescription("Nhiều nhất 365 ngày");
  await expect(page.getByText("Máy chủ không nhận số liệu: xem thông báo dưới từng ô.")).toBeVisible();
  await expect(area).not.toHaveAttribute("aria-invalid", "true");
  await page.unroute("**/api/public/footprint*");
  await compute(page).click();
  await expect(days).not.toHaveAttribute("aria-invalid", "true");
  await expect.poll(() => total(page)).toBe(awdTotal);
});

test("on a desktop, in English, with the advanced options unfolded", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/dau-chan-carbon?ward=${WARD}`);
  await expect(result(page).locator(".fc-figure-main strong")).toBeVisible();
  await page.getByText("Tuỳ chọn nâng cao (vùng, hệ số nền, GWP)").click();
  await expect(page.getByRole("combobox", { name: "Vùng (hệ số phát thải nền của IPCC)" })).toHaveValue(
    "south-east-asia",
  );
  await snap(page, "footprint-calculator-desktop");
  await expectNoAxeViolations(page, "/dau-chan-carbon, desktop");

  // A measured baseline and AR6, through the address and back.
  const before = await total(page);
  await page
    .getByRole("textbox", { name: "Hệ số nền đo tại địa phương (không bắt buộc) (kg CH₄/ha/ngày)" })
    .fill("2,21");
  await page.getByRole("radio", { name: /^AR6/ }).check();
  await compute(page).click();
  await expect.poll(() => total(page)).toBeGreaterThan(before);
  await expect(page).toHaveURL(/baselineEfKgCh4PerHaDay=2\.21/);
  await expect(page).toHaveURL(/gwp=AR6/);

  await page.getByRole("group", { name: "Ngôn ngữ" }).getByRole("button", { name: "EN" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Carbon footprint of a rice season" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Done differently" }).getByRole("listitem").first()).toContainText(
    "Alternate wetting and drying (AWD) instead of flooding throughout",
  );
  await snap(page, "footprint-calculator-desktop-en");
  await expectNoAxeViolations(page, "/dau-chan-carbon, desktop, English");
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "VI" }).click();
});

/** The weight budget of the calculator: farmers open it on phones, often on slow mobile data. */
const CALCULATOR_JS_BUDGET = 150 * 1024;
/** With the form's checks (the shared schema and zod), loaded on the first edit. */
const CALCULATOR_EDITING_BUDGET = 180 * 1024;

test("the calculator's own JavaScript weighs at most 150 KB gzipped until usable, 180 KB once edited", async ({
  page,
}) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (response) => {
    const url = response.url();
    const isScript = response.request().resourceType() === "script" || new URL(url).pathname.endsWith(".js");
    if (isScript && response.ok() && !scripts.has(url)) scripts.set(url, response.body());
  });
  await page.goto(`/dau-chan-carbon?ward=${WARD}`);
  // Usable: the example computed, the form editable.
  await expect(result(page).locator(".fc-figure-main strong")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Diện tích (ha)" })).toBeEditable();
  const measure = async () => {
    const sizes: { name: string; gzip: number }[] = [];
    for (const [url, body] of scripts) {
      const name = new URL(url).pathname.split("/").pop() ?? url;
      sizes.push({ name, gzip: gzipSync(await body, { level: 9 }).length });
    }
    return { sizes, sum: sizes.reduce((s, x) => s + x.gzip, 0) };
  };
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const usable = await measure();
  console.log(
    `/dau-chan-carbon JavaScript until usable, gzip -9: ${usable.sum} bytes (${kb(usable.sum)}) of ${kb(CALCULATOR_JS_BUDGET)} ` +
      `(${usable.sizes.map((s) => `${s.name} ${kb(s.gzip)}`).join(", ")})`,
  );
  // No antd, no staff shell in what the page loads.
  expect(usable.sizes.some((s) => /antd|staff-app|table|select/i.test(s.name))).toBe(false);
  expect(usable.sizes.length).toBeGreaterThan(0);
  expect(usable.sum, "gzipped JavaScript of /dau-chan-carbon until usable").toBeLessThanOrEqual(CALCULATOR_JS_BUDGET);

  // The shared schema (zod) comes once the form is being edited: the checks on the fields.
  const before = scripts.size;
  await page.getByRole("textbox", { name: "Diện tích (ha)" }).focus();
  await expect.poll(() => scripts.size).toBeGreaterThan(before);
  const editing = await measure();
  const added = editing.sizes.slice(usable.sizes.length);
  console.log(
    `/dau-chan-carbon with the form's checks loaded: ${editing.sum} bytes (${kb(editing.sum)}) of ${kb(CALCULATOR_EDITING_BUDGET)}, ` +
      `added ${added.map((s) => `${s.name} ${kb(s.gzip)}`).join(", ")}`,
  );
  expect(editing.sum, "gzipped JavaScript of /dau-chan-carbon once edited").toBeLessThanOrEqual(
    CALCULATOR_EDITING_BUDGET,
  );
});
