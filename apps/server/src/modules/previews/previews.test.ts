import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicPlanSchema, type PublicPlan, type PublicTask, type TaskSummary } from "@phuong-xanh/shared";
import { loadConfig } from "../../lib/config.js";
import { startTestApp, type TestApp } from "../../test/harness.js";

let t: TestApp;
let plan: PublicPlan;

/** What a link preview robot (Zalo, Facebook, Slack…) does: GET the URL and read the head. */
const crawl = (url: string, host = "xanh.example.vn") =>
  t.app.inject({
    method: "GET",
    url,
    headers: { host, "user-agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" },
  });

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The share tags of a page: og:* and twitter:* by property or name, plus title and description. */
function metaTags(html: string): Map<string, string> {
  const head = html.match(/<head>([\s\S]*)<\/head>/i)?.[1] ?? "";
  const tags = new Map<string, string>();
  for (const match of head.matchAll(/<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"\s*\/?>/g))
    if (match[1] && match[2] !== undefined) tags.set(match[1], decode(match[2]));
  tags.set("<title>", decode(head.match(/<title>([^<]*)<\/title>/)?.[1] ?? ""));
  return tags;
}

const flatten = (items: PublicTask[]): PublicTask[] => items.flatMap((i) => [i, ...flatten(i.children)]);

/** Fetches an absolute image URL from the app (the host is ours) and reads its size. */
async function fetchImage(url: string) {
  const { pathname, search } = new URL(url);
  const response = await t.app.inject({ method: "GET", url: `${pathname}${search}` });
  const metadata = response.statusCode === 200 ? await sharp(response.rawPayload).metadata() : undefined;
  return { response, metadata };
}

beforeAll(async () => {
  t = await startTestApp();
  plan = publicPlanSchema.parse((await t.app.inject({ method: "GET", url: "/api/public/plan" })).json());
});
afterAll(async () => t?.close());

describe("share previews", () => {
  it("serves a task's page with its title, one-line status and an absolute, fetchable 1200×630 PNG", async () => {
    const task = flatten(plan.tasks).find((x) => x.kind === "task" && x.code === "iii-1-2");
    if (!task) throw new Error("no task iii-1-2");
    const response = await crawl(`/cong-khai/nhiem-vu/${task.code}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain('<div id="root">');
    const tags = metaTags(response.body);
    expect(tags.get("og:title")).toBe(task.title);
    expect(tags.get("<title>")).toContain(task.title);
    expect(tags.get("og:description")).toMatch(new RegExp(`^Tiến độ ${task.progress}% · `));
    expect(tags.get("description")).toBe(tags.get("og:description"));
    expect(tags.get("og:type")).toBe("website");
    expect(tags.get("og:locale")).toBe("vi_VN");
    expect(tags.get("og:site_name")).toBe("Phường Xanh");
    expect(tags.get("og:url")).toBe(`http://xanh.example.vn/cong-khai/nhiem-vu/${task.code}?ward=viet-hoa`);
    expect(tags.get("twitter:card")).toBe("summary_large_image");
    const image = tags.get("og:image") ?? "";
    expect(image).toBe(`http://xanh.example.vn/api/public/previews/tasks/${task.code}.png?ward=viet-hoa`);
    const { response: png, metadata } = await fetchImage(image);
    expect(png.statusCode).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(metadata).toMatchObject({ format: "png", width: 1200, height: 630 });
  });

  it("gives every kind of public page its own title, status and image", async () => {
    const indicator = plan.objectives.flatMap((o) => o.indicators).find((i) => i.latest !== null);
    if (!indicator) throw new Error("no indicator with a value");
    const pages = [
      {
        url: "/cong-khai",
        title: "Kế hoạch chuyển đổi xanh — Phường Việt Hòa",
        status: /^Tiến độ bình quân \d+% · \d+ nhiệm vụ/,
      },
      {
        url: `/cong-khai/chi-tieu/${indicator.code}`,
        title: indicator.name,
        status: /^Hiện tại .+ · Mục tiêu (≥|≤|=) .+ năm \d{4}/,
      },
      { url: "/cong-khai/nhom/iii-1", title: plan.tasks[0]?.title, status: /^Tiến độ \d+% · \d+ nhiệm vụ/ },
      { url: "/cong-khai/nhom/v-1", title: plan.duties[0]?.title, status: /^Tiến độ \d+% · \d+ nhiệm vụ/ },
      { url: "/cong-khai/to-dan-pho/tdp-03", title: "Tổ dân phố số 3", status: /^\d+ hộ · \d+ chỉ tiêu có số liệu/ },
      {
        url: "/cong-khai/thanh-pho",
        title: "So sánh các phường, xã — Hải Phòng",
        status: /^1 phường, xã · Tiến độ bình quân/,
      },
      { url: "/cong-khai/du-lieu-mo", title: "Dữ liệu mở — Phường Việt Hòa", status: /CC BY 4\.0/ },
    ];
    for (const page of pages) {
      const response = await crawl(page.url);
      expect(response.statusCode, page.url).toBe(200);
      const tags = metaTags(response.body);
      expect(tags.get("og:title"), page.url).toBe(page.title);
      expect(tags.get("og:description"), page.url).toMatch(page.status);
      const { response: png, metadata } = await fetchImage(tags.get("og:image") ?? "");
      expect(png.statusCode, page.url).toBe(200);
      expect(metadata, page.url).toMatchObject({ width: 1200, height: 630 });
    }
  });

  it("speaks English on ?lang=en, in the tags and the image's address", async () => {
    const response = await crawl("/cong-khai/nhiem-vu/iii-1-2?lang=en");
    const tags = metaTags(response.body);
    expect(response.body).toMatch(/<html lang="en"/);
    expect(tags.get("og:locale")).toBe("en_GB");
    expect(tags.get("og:site_name")).toBe("Green Ward");
    expect(tags.get("og:description")).toMatch(/^Progress \d+% · /);
    expect(tags.get("og:image")).toContain("lang=en");
  });

  it("escapes what the ward writes: a title with markup stays text", async () => {
    const leader = await t.login("lanhdao");
    const tasks = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: leader })).json()
      .tasks as TaskSummary[];
    const task = tasks.find((x) => x.code === "iii-2-1");
    if (!task) throw new Error("no task iii-2-1");
    const detail = (await t.app.inject({ method: "GET", url: `/api/tasks/${task.id}`, headers: leader })).json() as {
      version: number;
    };
    const title = `Thu gom "rác" <script>alert('x')</script> & tái chế $& $1`;
    const edited = await t.app.inject({
      method: "PATCH",
      url: `/api/tasks/${task.id}`,
      headers: leader,
      payload: { version: detail.version, title },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const response = await crawl("/cong-khai/nhiem-vu/iii-2-1");
    expect(response.body).not.toContain("<script>alert");
    expect(metaTags(response.body).get("og:title")).toBe(title);
    const { response: png } = await fetchImage(metaTags(response.body).get("og:image") ?? "");
    expect(png.statusCode).toBe(200);
  });

  it("still serves the app for an unknown code or ward, with generic tags", async () => {
    const unknownTask = await crawl("/cong-khai/nhiem-vu/khong-co");
    expect(unknownTask.statusCode).toBe(200);
    expect(unknownTask.body).toContain('<div id="root">');
    expect(metaTags(unknownTask.body).get("og:title")).toBe("Kế hoạch chuyển đổi xanh — Phường Việt Hòa");
    expect(metaTags(unknownTask.body).get("og:image")).toContain("/api/public/previews/plan.png");
    const unknownWard = await crawl("/cong-khai/nhiem-vu/iii-1-2?ward=khong-co");
    expect(unknownWard.statusCode).toBe(404);
    expect(unknownWard.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(metaTags(unknownWard.body).get("og:title")).toBe("Kế hoạch chuyển đổi xanh");
    const badWard = await crawl("/cong-khai?ward=<x>");
    expect(badWard.headers["content-type"]).toBe("text/html; charset=utf-8");
    const other = await crawl("/cong-khai/trang-moi/abc");
    expect(other.statusCode).toBe(200);
    expect(metaTags(other.body).get("og:url")).toBe("http://xanh.example.vn/cong-khai?ward=viet-hoa");
    expect((await t.app.inject({ method: "GET", url: "/api/public/previews/tasks/khong-co.png" })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: "GET", url: "/api/public/previews/tasks/%3Cx%3E.png" })).statusCode).toBe(400);
  });

  it("does not put a made-up Host into links", async () => {
    const response = await crawl("/cong-khai", 'evil.example"><script>');
    expect(response.body).not.toContain("evil.example");
    expect(metaTags(response.body).get("og:url")).toBe("http://localhost/cong-khai?ward=viet-hoa");
  });
});

describe("PUBLIC_URL", () => {
  it("is an http(s) origin; it makes the links absolute whatever the request's Host", async () => {
    expect(loadConfig({ PUBLIC_URL: "https://xanh.example.vn/" }).publicUrl).toBe("https://xanh.example.vn");
    for (const bad of ["xanh.example.vn", "ftp://xanh.example.vn", "https://xanh.example.vn/app", "https://a:b@x.vn"])
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    const bare = await startTestApp({ demo: false, env: { PUBLIC_URL: "https://xanh.example.vn" } });
    try {
      const response = await bare.app.inject({ method: "GET", url: "/cong-khai", headers: { host: "10.0.0.5:3000" } });
      expect(response.statusCode).toBe(404);
      expect(metaTags(response.body).get("og:url")).toBe("https://xanh.example.vn/cong-khai");
    } finally {
      await bare.close();
    }
  });
});
