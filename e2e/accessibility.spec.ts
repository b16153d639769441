import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, snap } from "./support.js";

/**
 * The pages anyone can open without signing in meet WCAG 2.1 AA (axe-core) on a phone and on a
 * desktop, in both languages, with the plan's task groups folded and unfolded; and every control
 * is reached with Tab and shows where the focus is.
 */
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

const LANGUAGES = [
  { code: "vi", toggle: "VI", heading: "Mục tiêu chung" },
  { code: "en", toggle: "EN", heading: "General objective" },
] as const;

async function chooseLanguage(page: Page, toggle: "VI" | "EN") {
  const button = page.getByRole("group", { name: /Ngôn ngữ|Language/ }).getByRole("button", { name: toggle });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
}

/** What has the focus after each Tab, and whether it shows (an outline or a ring that is drawn). */
type FocusStop = { tag: string; name: string; visible: boolean };

async function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none" && style.boxShadow !== "";
    const text = (el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? "").trim().slice(0, 60);
    return { tag: el.tagName.toLowerCase(), name: text, visible: outline || ring };
  });
}

/** Tabs through the whole page once; returns every stop, in order. */
async function tabThrough(page: Page, max = 200): Promise<FocusStop[]> {
  await page.locator("body").focus();
  const stops: FocusStop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = await focusStop(page);
    if (!stop) break;
    const key = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return "";
      const path: string[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const parent: Element | null = node.parentElement;
        path.unshift(`${node.tagName}${parent ? Array.from(parent.children).indexOf(node) : 0}`);
      }
      return path.join(">");
    });
    if (seen.has(key)) break;
    seen.add(key);
    stops.push(stop);
  }
  return stops;
}

/**
 * How many elements of the page a keyboard user must be able to reach. A group of radio buttons
 * is one Tab stop (the arrow keys choose within it), so it counts once.
 */
async function interactiveCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const radioGroups = new Set<string>();
    return Array.from(
      document.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input:not([type=hidden]), summary"),
      // Not those folded away in a closed <details>: they are not meant to be reached until opened.
    )
      .filter((el) => el.checkVisibility({ visibilityProperty: true }))
      .filter((el) => {
        if (!(el instanceof HTMLInputElement) || el.type !== "radio" || !el.name) return true;
        if (radioGroups.has(el.name)) return false;
        radioGroups.add(el.name);
        return true;
      }).length;
  });
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const language of LANGUAGES) {
      test(`public plan (${language.code}) meets WCAG 2.1 AA, folded and unfolded`, async ({ page }) => {
        // Three axe-core runs over the whole plan: a minute or more on a busy machine.
        test.setTimeout(180_000);
        await page.goto("/cong-khai");
        await chooseLanguage(page, language.toggle);
        await expect(page.getByRole("heading", { level: 2, name: language.heading })).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", language.code);
        await expectNoAxeViolations(page, `/cong-khai ${language.code} ${viewport.name}`);
        await snap(page, `a11y-public-${language.code}-${viewport.name}`);

        // Unfold the first task group and the first task in it: the progress bars, chips and facts show.
        const group = page.locator(".pub-group").first();
        await group.locator("summary").first().click();
        await expect(group).toHaveAttribute("open", "");
        const task = group.locator(".pub-task > details").first();
        await task.locator("summary").first().click();
        await expect(task).toHaveAttribute("open", "");
        await expectNoAxeViolations(page, `/cong-khai ${language.code} ${viewport.name}, a group unfolded`);
        // And axe could measure every text: none left "to review" (the progress figures once sat
        // half on the green fill, half on the track, where no contrast can be computed).
        const contrast = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
        expect(contrast.incomplete.flatMap((r) => r.nodes.map((n) => n.target.join(" ")))).toEqual([]);
        await snap(page, `a11y-public-${language.code}-${viewport.name}-open`, { fullPage: false });
      });
    }

    test("report pages (phản ánh) meet WCAG 2.1 AA, with and without errors", async ({ page }) => {
      test.setTimeout(180_000);
      // Map tiles never come from the internet in tests; the pages say so and work on.
      await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
      await page.goto("/phan-anh");
      await expect(page.getByRole("heading", { level: 1, name: "Phản ánh về môi trường, đô thị" })).toBeVisible();
      await expectNoAxeViolations(page, `/phan-anh ${viewport.name}`);
      // A category with its questions, then the errors of sending too early.
      await page.getByRole("radio", { name: /^Đốt rơm rạ/ }).click();
      await page.getByRole("button", { name: "Gửi phản ánh", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Chưa gửi được" })).toBeVisible();
      await expect(page.locator(".fbm-canvas.leaflet-container")).toBeVisible();
      await expectNoAxeViolations(page, `/phan-anh ${viewport.name}, errors shown`);
      await snap(page, `a11y-report-${viewport.name}`);

      await page.goto("/phan-anh/ban-do");
      await expect(page.getByRole("heading", { level: 1, name: "Phản ánh của người dân" })).toBeVisible();
      await expect(
        page
          .getByRole("region", { name: /^Danh sách/ })
          .getByRole("link")
          .first(),
      ).toBeVisible();
      await expect(page.locator(".fbm-canvas.leaflet-container")).toBeVisible();
      await expectNoAxeViolations(page, `/phan-anh/ban-do ${viewport.name}`);

      // One report as the public follows it (a demo one, with its timeline).
      await page
        .getByRole("region", { name: /^Danh sách/ })
        .getByRole("link")
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1, name: /^Phản ánh PA-/ })).toBeVisible();
      await expect(page.getByRole("region", { name: "Quá trình xử lý" })).toBeVisible();
      await expectNoAxeViolations(page, `/phan-anh/:code ${viewport.name}`);
      await chooseLanguage(page, "EN");
      await expect(page.getByRole("heading", { level: 1, name: /^Report PA-/ })).toBeVisible();
      await expectNoAxeViolations(page, `/phan-anh/:code en ${viewport.name}`);
      await chooseLanguage(page, "VI");
    });

    test("login page meets WCAG 2.1 AA, with and without an error", async ({ page }) => {
      await page.goto("/dang-nhap");
      await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
      await expectNoAxeViolations(page, `/dang-nhap ${viewport.name}`);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectNoAxeViolations(page, `/dang-nhap ${viewport.name}, an error shown`);
      await snap(page, `a11y-login-${viewport.name}`);
      await chooseLanguage(page, "EN");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expectNoAxeViolations(page, `/dang-nhap en ${viewport.name}`);
    });
  });
}

test("every control of the public plan, the login page, the report pages and the calculator is reached with Tab and shows its focus", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  for (const path of ["/cong-khai", "/dang-nhap", "/phan-anh", "/phan-anh/ban-do", "/dau-chan-carbon"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const stops = await tabThrough(page);
    expect(stops.length, `${path}: Tab stops`).toBeGreaterThanOrEqual(await interactiveCount(page));
    const hidden = stops.filter((s) => !s.visible);
    expect(hidden, `${path}: focus not shown on`).toEqual([]);
  }
  // A focused control, as a keyboard user sees it.
  await page.goto("/cong-khai");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.locator("body").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "VI" })).toBeFocused();
  await snap(page, "a11y-public-focus-topbar", { fullPage: false });
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  await snap(page, "a11y-public-focus", { fullPage: false });
});
