import { describe, expect, it } from "vitest";
import { qrCodePathOf, slugOfTab, STAFF_TABS, staffPaths, tabOfSlug, verifyPath } from "./certificate-paths";

describe("certificate addresses", () => {
  it("turns a certificate's public path into its QR code's, keeping the ward", () => {
    expect(qrCodePathOf("/chung-nhan/CNX-2026-0001?ward=viet-hoa")).toBe(
      "/api/public/certificates/CNX-2026-0001/qr.svg?ward=viet-hoa",
    );
    expect(qrCodePathOf("/chung-nhan/CNX-2026-0001")).toBe("/api/public/certificates/CNX-2026-0001/qr.svg");
  });

  it("refuses anything that is not a verification path", () => {
    expect(qrCodePathOf("/phan-anh/PA-1")).toBeNull();
    expect(qrCodePathOf("https://example.org/chung-nhan/CNX-2026-0001")).toBeNull();
    expect(qrCodePathOf("/chung-nhan/")).toBeNull();
  });

  it("builds the verification path as the server does", () => {
    expect(verifyPath("CNX-2026-0001", "viet-hoa")).toBe("/chung-nhan/CNX-2026-0001?ward=viet-hoa");
    expect(verifyPath("CNX-2026-0001")).toBe("/chung-nhan/CNX-2026-0001");
  });

  it("round-trips every tab through the address, the applications by default", () => {
    for (const tab of STAFF_TABS) expect(tabOfSlug(slugOfTab(tab))).toBe(tab);
    expect(tabOfSlug(null)).toBe("applications");
    expect(tabOfSlug("khong-co")).toBe("applications");
    expect(staffPaths.tab("applications")).toBe("/san-pham-xanh");
    expect(staffPaths.tab("certificates")).toBe("/san-pham-xanh?muc=chung-nhan");
  });
});
