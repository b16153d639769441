import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PublicLanguage } from "@phuong-xanh/shared";

/**
 * The web app's index.html with a page's share tags in its head (Open Graph, Twitter cards), so
 * that a link pasted into Zalo, Facebook or any chat shows the page's title, status and image.
 * The app itself is unchanged: the browser runs the same scripts and the SPA renders the page.
 */
export type ShareMeta = {
  title: string;
  description: string;
  /** Absolute URLs. */
  url: string;
  image: string | null;
  imageAlt: string;
  siteName: string;
  lang: PublicLanguage;
};

/** Without a built web app (tests, an API-only deployment) the tags go into a bare page. */
const BARE_PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Phường Xanh</title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

export type PageTemplate = { html: string; hash: string };

/** Reads index.html once, and again only when the file changes (a new build of the web app). */
export function templateReader(webDist: string): () => PageTemplate {
  const file = path.join(webDist, "index.html");
  let cached: { stamp: string; template: PageTemplate } | undefined;
  return () => {
    let stamp = "bare";
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      // No build: the bare page.
    }
    if (cached?.stamp === stamp) return cached.template;
    const html = stamp === "bare" ? BARE_PAGE : fs.readFileSync(file, "utf8");
    const template = { html, hash: crypto.createHash("sha256").update(html).digest("hex").slice(0, 16) };
    cached = { stamp, template };
    return template;
  };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

const OG_LOCALE: Record<PublicLanguage, string> = { vi: "vi_VN", en: "en_GB" };

export function injectShareMeta(template: string, meta: ShareMeta): string {
  const property = (name: string, content: string) => `<meta property="${name}" content="${escapeHtml(content)}" />`;
  const named = (name: string, content: string) => `<meta name="${name}" content="${escapeHtml(content)}" />`;
  const tags = [
    named("description", meta.description),
    `<link rel="canonical" href="${escapeHtml(meta.url)}" />`,
    property("og:type", "website"),
    property("og:site_name", meta.siteName),
    property("og:locale", OG_LOCALE[meta.lang]),
    property("og:locale:alternate", OG_LOCALE[meta.lang === "vi" ? "en" : "vi"]),
    property("og:title", meta.title),
    property("og:description", meta.description),
    property("og:url", meta.url),
    ...(meta.image
      ? [
          property("og:image", meta.image),
          property("og:image:type", "image/png"),
          property("og:image:width", "1200"),
          property("og:image:height", "630"),
          property("og:image:alt", meta.imageAlt),
        ]
      : []),
    named("twitter:card", meta.image ? "summary_large_image" : "summary"),
    named("twitter:title", meta.title),
    named("twitter:description", meta.description),
    ...(meta.image ? [named("twitter:image", meta.image), named("twitter:image:alt", meta.imageAlt)] : []),
  ];
  const title = `<title>${escapeHtml(`${meta.title} — ${meta.siteName}`)}</title>`;
  // The template's own description and title give way to the page's (a function as the
  // replacement, so that "$" in a title is never read as a pattern).
  const html = template
    .replace(/[ \t]*<meta\s+name=["']description["'][^>]*>[ \t]*\n?/i, "")
    .replace(/<html([^>]*)\blang=["'][^"']*["']/i, (_m, before: string) => `<html${before}lang="${meta.lang}"`);
  const withTitle = /<title>[\s\S]*?<\/title>/i.test(html)
    ? html.replace(/<title>[\s\S]*?<\/title>/i, () => title)
    : html.replace(/<\/head>/i, () => `${title}\n</head>`);
  return withTitle.replace(/\s*<\/head>/i, () => `\n    ${tags.join("\n    ")}\n  </head>`);
}
