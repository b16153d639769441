import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { publicQuerySchema, type PublicLanguage } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { AppError, notFound } from "../../lib/errors.js";
import { serveCitySnapshot, serveSnapshot, type SnapshotWard } from "../../lib/snapshots.js";
import { openToOtherSites } from "../open-data/routes.js";
import { injectShareMeta, templateReader, type ShareMeta } from "./html.js";
import { renderPreviewPng } from "./image.js";
import { summarizeCity, summarizePage, type PageSummary, type PublicPage } from "./service.js";

/** Codes of tasks, indicators and units: bounded, URL-safe. */
const codeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/)
  .describe("mã (code)");

type CodedKind = "task" | "indicator" | "group" | "residential-group";

/** Each public page of the web app, its address there, and its preview image's address. */
const CODED_PAGES: { kind: CodedKind; page: string; image: string }[] = [
  { kind: "task", page: "/cong-khai/nhiem-vu", image: "tasks" },
  { kind: "indicator", page: "/cong-khai/chi-tieu", image: "indicators" },
  { kind: "group", page: "/cong-khai/nhom", image: "groups" },
  { kind: "residential-group", page: "/cong-khai/to-dan-pho", image: "residential-groups" },
];

export const PREVIEWS_PATH = "/api/public/previews";

function pagePath(page: PublicPage): string {
  switch (page.kind) {
    case "plan":
      return "/cong-khai";
    case "city":
      return "/cong-khai/thanh-pho";
    case "open-data":
      return "/cong-khai/du-lieu-mo";
    default: {
      const kind = page.kind;
      const entry = CODED_PAGES.find((p) => p.kind === kind);
      return `${entry?.page ?? "/cong-khai"}/${encodeURIComponent(page.code)}`;
    }
  }
}

function imagePath(page: PublicPage): string {
  switch (page.kind) {
    case "plan":
      return `${PREVIEWS_PATH}/plan.png`;
    case "city":
      return `${PREVIEWS_PATH}/city.png`;
    case "open-data":
      return `${PREVIEWS_PATH}/open-data.png`;
    default: {
      const kind = page.kind;
      const entry = CODED_PAGES.find((p) => p.kind === kind);
      return `${PREVIEWS_PATH}/${entry?.image ?? "plan"}/${encodeURIComponent(page.code)}.png`;
    }
  }
}

const GENERIC: Record<PublicLanguage, { title: string; description: string; site: string }> = {
  vi: {
    title: "Kế hoạch chuyển đổi xanh",
    description: "Phường Xanh — theo dõi công khai kế hoạch chuyển đổi xanh của phường: nhiệm vụ, chỉ tiêu, tiến độ.",
    site: "Phường Xanh",
  },
  en: {
    title: "Green transformation plan",
    description: "Green Ward — the ward's green transformation plan in public: tasks, indicators, progress.",
    site: "Green Ward",
  },
};

/** A request's Host as a URL's authority may hold it; anything else is not used in a link. */
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/**
 * Share previews: the app's HTML with Open Graph tags for every public page, and the pages'
 * preview images (PNG 1200×630), both built from the ward's data and served from its snapshots.
 */
export const previewRoutes: FastifyPluginAsyncZod<AppContext & { webDist: string }> = async (app, options) => {
  const { db, config, webDist } = options;
  const ctx: AppContext = options;
  const readTemplate = templateReader(webDist);

  /** Absolute links need the site's origin: PUBLIC_URL, else the request's (proxy-aware) host. */
  const originOf = (request: FastifyRequest): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = HOST.test(request.host) ? request.host : "localhost";
    return `${request.protocol === "https" ? "https" : "http"}://${host}`;
  };

  const queryOf = (request: FastifyRequest) => {
    const parsed = publicQuerySchema.safeParse(request.query);
    return parsed.success ? parsed.data : {};
  };

  const shareMeta = (
    origin: string,
    page: PublicPage,
    ward: SnapshotWard | null,
    lang: PublicLanguage,
    summary: PageSummary | null,
  ): ShareMeta => {
    const params = new URLSearchParams();
    if (ward) params.set("ward", ward.code);
    if (lang === "en") params.set("lang", "en");
    const query = params.size ? `?${params.toString()}` : "";
    const generic = GENERIC[lang];
    // An unknown code still gets its ward's plan image: the link is the ward's.
    const image = summary ? imagePath(page) : ward ? imagePath({ kind: "plan" }) : null;
    return {
      title: summary?.title ?? (ward ? `${generic.title} — ${ward.name}` : generic.title),
      description: summary?.status ?? generic.description,
      url: `${origin}${pagePath(page)}${query}`,
      image: image ? `${origin}${image}${query}` : null,
      imageAlt: summary ? `${summary.title}: ${summary.status}` : generic.title,
      siteName: generic.site,
      lang,
    };
  };

  const html = (meta: ShareMeta) => ({
    body: injectShareMeta(readTemplate().html, meta),
    contentType: "text/html; charset=utf-8",
  });

  /** The page for a ward that does not exist (or a bad ?ward=): the SPA shows its own message. */
  const sendGeneric = (reply: FastifyReply, origin: string, page: PublicPage, lang: PublicLanguage) =>
    reply
      .code(404)
      .type("text/html; charset=utf-8")
      .send(html(shareMeta(origin, page, null, lang, null)).body);

  const servePage = async (request: FastifyRequest, reply: FastifyReply, page: PublicPage, known = true) => {
    const query = queryOf(request);
    const lang = query.lang ?? "vi";
    const origin = originOf(request);
    const template = readTemplate();
    const key = `share-page:${page.kind}:${"code" in page ? page.code : ""}:${known}:${origin}:${template.hash}`;
    if (page.kind === "city")
      return serveCitySnapshot(ctx, request, reply, {
        key,
        visibility: "public",
        lang,
        build: async ({ lang: l }) => html(shareMeta(origin, page, null, l, await summarizeCity(db, request.log, l))),
      });
    try {
      return await serveSnapshot(ctx, request, reply, {
        ward: query.ward,
        lang,
        key,
        visibility: "public",
        build: async ({ ward, lang: l, today }) => {
          const summary = known ? await summarizePage(db, request.log, ward, l, today, page) : null;
          return html(shareMeta(origin, page, ward, l, summary));
        },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") return sendGeneric(reply, origin, page, lang);
      throw error;
    }
  };

  // The pages (HTML): not part of the API, so out of its description.
  const pageRoute = { schema: { hide: true } };
  app.get("/cong-khai", pageRoute, (request, reply) => servePage(request, reply, { kind: "plan" }));
  app.get("/cong-khai/thanh-pho", pageRoute, (request, reply) => servePage(request, reply, { kind: "city" }));
  app.get("/cong-khai/du-lieu-mo", pageRoute, (request, reply) => servePage(request, reply, { kind: "open-data" }));
  for (const entry of CODED_PAGES) {
    app.get(`${entry.page}/:code`, pageRoute, (request, reply) => {
      // No schema here: a malformed code is the SPA's "not found", not a JSON error.
      const parsed = z.object({ code: codeSchema }).safeParse(request.params);
      return parsed.success
        ? servePage(request, reply, { kind: entry.kind, code: parsed.data.code })
        : servePage(request, reply, { kind: "plan" }, false);
    });
  }
  // Any other public page the web app has (or will have): the ward's generic tags.
  app.get("/cong-khai/*", pageRoute, (request, reply) => servePage(request, reply, { kind: "plan" }, false));

  // The images.
  const image = async (request: FastifyRequest, reply: FastifyReply, page: PublicPage) => {
    const query = queryOf(request);
    const key = `share-image:${page.kind}:${"code" in page ? page.code : ""}`;
    const png = (summary: PageSummary | null) => {
      if (!summary) throw notFound("Không tìm thấy trang cần xem trước");
      return renderPreviewPng(summary.card).then((body) => ({ body, contentType: "image/png" }));
    };
    if (page.kind === "city")
      return serveCitySnapshot(ctx, request, reply, {
        key,
        visibility: "public",
        lang: query.lang,
        build: async ({ lang }) => png(await summarizeCity(db, request.log, lang)),
      });
    return serveSnapshot(ctx, request, reply, {
      ward: query.ward,
      lang: query.lang,
      key,
      visibility: "public",
      build: async ({ ward, lang, today }) => png(await summarizePage(db, request.log, ward, lang, today, page)),
    });
  };
  const imageRoute = (summary: string) => ({
    config: { public: true },
    onRequest: openToOtherSites,
    schema: {
      tags: ["public"],
      summary: `Ảnh xem trước khi chia sẻ (PNG 1200×630): ${summary}`,
      security: [],
      querystring: publicQuerySchema,
    },
  });
  app.get(`${PREVIEWS_PATH}/plan.png`, imageRoute("kế hoạch"), (request, reply) =>
    image(request, reply, { kind: "plan" }),
  );
  app.get(`${PREVIEWS_PATH}/open-data.png`, imageRoute("dữ liệu mở"), (request, reply) =>
    image(request, reply, { kind: "open-data" }),
  );
  app.get(`${PREVIEWS_PATH}/city.png`, imageRoute("so sánh các phường, xã"), (request, reply) =>
    image(request, reply, { kind: "city" }),
  );
  const imageSummaries: Record<CodedKind, string> = {
    task: "nhiệm vụ",
    indicator: "chỉ tiêu",
    group: "nhóm nhiệm vụ",
    "residential-group": "tổ dân phố",
  };
  for (const entry of CODED_PAGES) {
    const route = imageRoute(imageSummaries[entry.kind]);
    app.get(
      `${PREVIEWS_PATH}/${entry.image}/:code.png`,
      { ...route, schema: { ...route.schema, params: z.object({ code: codeSchema }) } },
      (request, reply) => image(request, reply, { kind: entry.kind, code: request.params.code }),
    );
  }
};
