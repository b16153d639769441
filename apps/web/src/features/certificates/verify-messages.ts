import { useCallback } from "react";
import { interpolate, useI18n, type MessageParams } from "../../i18n/i18n";

/**
 * The text of the public verification page (xác minh chứng nhận), kept out of the shared
 * catalogues that every page downloads. Both languages are here: the page has few words.
 */
const vi = {
  "verify.pageTitle": "Xác minh chứng nhận {number}",
  "verify.eyebrow": "Chứng nhận sản phẩm xanh",
  "verify.title": "Giấy chứng nhận {number}",
  "verify.state.valid": "Còn hiệu lực",
  "verify.state.expired": "Hết hiệu lực",
  "verify.state.revoked": "Đã thu hồi",
  "verify.explain.valid": "Sản phẩm được {ward} chứng nhận là sản phẩm xanh, còn hiệu lực đến hết ngày {date}.",
  "verify.explain.expired":
    "Giấy chứng nhận đã hết thời hạn hiệu lực (đến ngày {date}). Sản phẩm không còn được dùng nhãn này.",
  "verify.explain.revoked": "{ward} đã thu hồi giấy chứng nhận này. Sản phẩm không còn được dùng nhãn sản phẩm xanh.",
  "verify.revokedOn": "Ngày thu hồi",
  "verify.revokedReason": "Lý do thu hồi",
  "verify.details": "Thông tin giấy chứng nhận",
  "verify.number": "Số chứng nhận",
  "verify.product": "Sản phẩm",
  "verify.producer": "Cơ sở sản xuất",
  "verify.season": "Vụ sản xuất",
  "verify.crop": "Cây trồng",
  "verify.footprint": "Dấu chân carbon",
  "verify.footprintValue": "{value} kg CO2e/kg sản phẩm",
  "verify.factorSet": "Bộ hệ số phát thải",
  "verify.issuedOn": "Ngày cấp",
  "verify.validUntil": "Hiệu lực đến",
  "verify.issuer": "Nơi cấp",
  "verify.notFound":
    "Không tìm thấy giấy chứng nhận số {number}. Hãy kiểm tra lại số in trên bao bì hoặc quét lại mã QR; nhãn không xác minh được thì không nên tin.",
  "verify.about":
    "Trang này do phường công bố để người mua kiểm tra nhãn sản phẩm xanh. Không hiển thị thông tin cá nhân của người sản xuất.",
} as const;

export type VerifyMessageKey = keyof typeof vi;

const en: Record<VerifyMessageKey, string> = {
  "verify.pageTitle": "Verify certificate {number}",
  "verify.eyebrow": "Green product certificate",
  "verify.title": "Certificate {number}",
  "verify.state.valid": "Valid",
  "verify.state.expired": "Expired",
  "verify.state.revoked": "Revoked",
  "verify.explain.valid": "{ward} certifies this as a green product, valid until the end of {date}.",
  "verify.explain.expired": "This certificate's validity ended on {date}. The product may no longer carry the label.",
  "verify.explain.revoked":
    "{ward} has revoked this certificate. The product may no longer carry the green product label.",
  "verify.revokedOn": "Revoked on",
  "verify.revokedReason": "Reason for revocation",
  "verify.details": "Certificate details",
  "verify.number": "Certificate number",
  "verify.product": "Product",
  "verify.producer": "Producer",
  "verify.season": "Season",
  "verify.crop": "Crop",
  "verify.footprint": "Carbon footprint",
  "verify.footprintValue": "{value} kg CO2e per kg of product",
  "verify.factorSet": "Emission factor set",
  "verify.issuedOn": "Issued on",
  "verify.validUntil": "Valid until",
  "verify.issuer": "Issued by",
  "verify.notFound":
    "No certificate numbered {number} was found. Check the number printed on the package or scan the QR code again; do not trust a label that cannot be verified.",
  "verify.about":
    "The ward publishes this page so that buyers can check a green product label. No personal data of the producer is shown.",
};

const catalogues: Record<"vi" | "en", Record<VerifyMessageKey, string>> = { vi, en };

export function useVerifyT(): (key: VerifyMessageKey, params?: MessageParams) => string {
  const { language } = useI18n();
  const messages = catalogues[language];
  return useCallback((key: VerifyMessageKey, params?: MessageParams) => interpolate(messages[key], params), [messages]);
}

/** For the test that holds the two catalogues together. */
export const verifyMessages = catalogues;
