/**
 * Addresses of the green-product certificates, shared by the public verification page and the
 * staff pages. No zod and no shared schema here: the public page's chunk stays light.
 */

/** The public verification page the QR code opens (server: certificates/service.ts publicPathOf). */
export const verifyPath = (number: string, ward?: string) =>
  `/chung-nhan/${encodeURIComponent(number)}${ward ? `?ward=${encodeURIComponent(ward)}` : ""}`;

/** The public read behind the verification page. */
export const publicCertificateApi = (number: string) => `/api/public/certificates/${encodeURIComponent(number)}`;

/**
 * The QR code's SVG for a certificate's public path: `/chung-nhan/CNX-2026-0001?ward=viet-hoa`
 * → `/api/public/certificates/CNX-2026-0001/qr.svg?ward=viet-hoa`. Null for anything else.
 */
export function qrCodePathOf(publicPath: string): string | null {
  const match = /^\/chung-nhan\/([^/?#]+)(\?[^#]*)?$/.exec(publicPath);
  if (!match?.[1]) return null;
  return `/api/public/certificates/${match[1]}/qr.svg${match[2] ?? ""}`;
}

export const staffPaths = {
  home: "/san-pham-xanh",
  tab: (tab: StaffTab) => (tab === "applications" ? "/san-pham-xanh" : `/san-pham-xanh?muc=${TAB_SLUGS[tab]}`),
  application: (id: string) => `/san-pham-xanh/ho-so/${encodeURIComponent(id)}`,
};

export const STAFF_TABS = ["applications", "certificates", "criteria", "ocop"] as const;
export type StaffTab = (typeof STAFF_TABS)[number];

/** The tab in the address (`?muc=chung-nhan`), Vietnamese like the rest of the staff paths. */
const TAB_SLUGS: Record<StaffTab, string> = {
  applications: "ho-so",
  certificates: "chung-nhan",
  criteria: "tieu-chi",
  ocop: "ocop",
};

export function tabOfSlug(slug: string | null): StaffTab {
  return STAFF_TABS.find((tab) => TAB_SLUGS[tab] === slug) ?? "applications";
}

export function slugOfTab(tab: StaffTab): string {
  return TAB_SLUGS[tab];
}
