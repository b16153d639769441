import { useCallback } from "react";
import { interpolate, useI18n, type MessageParams } from "../../i18n/i18n";
import { en } from "./messages-en";

/**
 * The text of the staff pages of green-product certificates and OCOP products (sản phẩm xanh).
 * Kept here rather than in i18n/vi.ts and en.ts, which every page downloads; these pages are a
 * lazy chunk. Vietnamese is the source; English (messages-en.ts) is typed against it. General
 * text (common.*, nav.*) stays in the shared catalogue.
 */
const vi = {
  "cert.title": "Sản phẩm xanh",
  "cert.tab.applications": "Hồ sơ đề nghị",
  "cert.tab.certificates": "Giấy chứng nhận",
  "cert.tab.criteria": "Tiêu chí",
  "cert.tab.ocop": "Sản phẩm OCOP",

  "cert.status.submitted": "Chờ xét",
  "cert.status.approved": "Đã cấp",
  "cert.status.rejected": "Từ chối",
  "cert.state.valid": "Còn hiệu lực",
  "cert.state.expired": "Hết hiệu lực",
  "cert.state.revoked": "Đã thu hồi",

  "cert.product": "Sản phẩm",
  "cert.farm": "Cơ sở sản xuất",
  "cert.season": "Vụ",
  "cert.plot": "Thửa",
  "cert.crop": "Cây trồng",
  "cert.status": "Trạng thái",
  "cert.submittedAt": "Ngày nộp",
  "cert.check": "Đối chiếu tiêu chí",
  "cert.allPassed": "Đạt mọi tiêu chí",
  "cert.failedCount": "Không đạt {count} tiêu chí",
  "cert.noCheck": "Chưa có tiêu chí để đối chiếu",
  "cert.footprint": "Dấu chân carbon",
  "cert.footprintValue": "{value} kg CO2e/kg",
  "cert.factorSet": "Bộ hệ số",
  "cert.number": "Số chứng nhận",
  "cert.issuedOn": "Ngày cấp",
  "cert.validUntil": "Hiệu lực đến",
  "cert.actions": "Thao tác",
  "cert.search": "Tìm",
  "cert.searchPlaceholder": "Sản phẩm, cơ sở, vụ, số…",
  "cert.applicationsCount": "{count} hồ sơ",
  "cert.certificatesCount": "{count} giấy chứng nhận",
  "cert.emptyApplications": "Chưa có hồ sơ đề nghị",
  "cert.emptyCertificates": "Chưa cấp giấy chứng nhận nào",

  "cert.apply": "Nộp hồ sơ",
  "cert.apply.title": "Nộp hồ sơ đề nghị chứng nhận",
  "cert.apply.season": "Vụ sản xuất",
  "cert.apply.seasonHint": "Chỉ các vụ chưa có hồ sơ đang xét hoặc đã cấp.",
  "cert.apply.noSeasons": "Không còn vụ nào có thể đề nghị",
  "cert.apply.product": "Tên sản phẩm",
  "cert.apply.productHint": "Tên in trên bao bì, ví dụ “Gạo Bắc thơm số 7 Việt Hòa”.",
  "cert.apply.done": "Đã nộp hồ sơ: {product}",

  "cert.app.open": "Xem hồ sơ {product}",
  "cert.app.title": "Hồ sơ: {product}",
  "cert.app.back": "Hồ sơ đề nghị",
  "cert.app.facts": "Thông tin hồ sơ",
  "cert.app.criteria": "Đối chiếu tiêu chí",
  "cert.app.checkedOn": "Đối chiếu ngày {date} theo tiêu chí phiên bản {version}",
  "cert.app.checkedNow": "Hồ sơ đang chờ xét: kết quả theo nhật ký của vụ hiện nay.",
  "cert.app.harvestedOn": "Ngày thu hoạch",
  "cert.app.passed": "Đạt",
  "cert.app.failed": "Không đạt",
  "cert.app.note": "Ghi chú khi xét",
  "cert.app.reviewed": "Xét bởi {name}, {date}",
  "cert.app.certificate": "Giấy chứng nhận",
  "cert.app.approve": "Duyệt và cấp chứng nhận",
  "cert.app.approveTitle": "Cấp giấy chứng nhận cho {product}?",
  "cert.app.approveHint": "Số chứng nhận được cấp ngay; mã QR mở trang xác minh công khai.",
  "cert.app.approveNote": "Ghi chú (không bắt buộc)",
  "cert.app.approved": "Đã cấp giấy chứng nhận {number}",
  "cert.app.cannotIssue": "Vụ chưa đạt mọi tiêu chí nên chưa thể cấp chứng nhận.",
  "cert.app.reject": "Từ chối",
  "cert.app.rejectTitle": "Từ chối hồ sơ {product}",
  "cert.app.rejectReason": "Lý do từ chối",
  "cert.app.rejectHint": "Người sản xuất được biết lý do này.",
  "cert.app.rejected": "Đã từ chối hồ sơ",
  "cert.app.reasonShort": "Lý do ít nhất 3 ký tự",

  "cert.publicPage": "Trang xác minh",
  "cert.publicPageOf": "Trang xác minh giấy chứng nhận {number}",
  "cert.qr": "Mã QR",
  "cert.qrOf": "Mã QR của giấy chứng nhận {number}",
  "cert.qrAlt": "Mã QR mở trang xác minh giấy chứng nhận {number}",
  "cert.qrHint": "In mã này trên bao bì: người mua quét để xem giấy chứng nhận còn hiệu lực hay không.",
  "cert.qrDownload": "Tải mã QR (SVG)",
  "cert.close": "Đóng",
  "cert.revoke": "Thu hồi",
  "cert.revokeOf": "Thu hồi giấy chứng nhận {number}",
  "cert.revokeReason": "Lý do thu hồi",
  "cert.revokeHint": "Lý do được ghi trên trang xác minh công khai.",
  "cert.revoked": "Đã thu hồi giấy chứng nhận {number}",
  "cert.revokedOn": "Thu hồi ngày {date}",

  "cert.criteria.title": "Tiêu chí sản phẩm xanh",
  "cert.criteria.intro":
    "Phòng Kinh tế đặt tiêu chí; mỗi hồ sơ được đối chiếu với nhật ký sản xuất của vụ. Mỗi lần sửa là một phiên bản mới.",
  "cert.criteria.notSet": "Phường chưa đặt tiêu chí: hồ sơ chưa thể được đối chiếu.",
  "cert.criteria.version": "Phiên bản {version}, cập nhật {date}",
  "cert.criteria.completeDiary": "Nhật ký sản xuất đầy đủ",
  "cert.criteria.completeDiaryHint": "Có gieo cấy, chế độ nước, thu hoạch và xử lý rơm rạ.",
  "cert.criteria.noBurning": "Không đốt rơm rạ",
  "cert.criteria.certifiedPlot": "Thửa có chứng nhận VietGAP/hữu cơ còn hiệu lực khi thu hoạch",
  "cert.criteria.maxFootprint": "Dấu chân carbon tối đa (kg CO2e/kg)",
  "cert.criteria.maxFootprintHint": "Để trống nếu chỉ xét mức giảm so với mức nền.",
  "cert.criteria.minBelow": "Thấp hơn mức nền ít nhất (%)",
  "cert.criteria.baseline": "Mức nền của phường (kg CO2e/kg)",
  "cert.criteria.baselineHint": "Cần khi đặt mức giảm so với mức nền.",
  "cert.criteria.validity": "Thời hạn giấy chứng nhận (tháng)",
  "cert.criteria.saved": "Đã lưu tiêu chí, phiên bản {version}",
  "cert.criteria.reloaded": "Đã tải lại tiêu chí mới nhất. Kiểm tra rồi lưu lại nếu vẫn cần sửa.",

  "cert.ocop.count": "{count} sản phẩm OCOP",
  "cert.ocop.add": "Thêm sản phẩm OCOP",
  "cert.ocop.edit": "Sửa",
  "cert.ocop.editOf": "Sửa sản phẩm OCOP {product}",
  "cert.ocop.addTitle": "Thêm sản phẩm OCOP",
  "cert.ocop.editTitle": "Sửa sản phẩm OCOP",
  "cert.ocop.stars": "Hạng sao",
  "cert.ocop.starsValue": "{stars} sao",
  "cert.ocop.year": "Năm công nhận",
  "cert.ocop.decision": "Số quyết định",
  "cert.ocop.decidedOn": "Ngày quyết định",
  "cert.ocop.empty": "Chưa có sản phẩm OCOP",
  "cert.ocop.saved": "Đã lưu sản phẩm {product}",
  "cert.ocop.farmRequired": "Chọn cơ sở sản xuất",
} as const;

export type CertificatesMessageKey = keyof typeof vi;

export type CertificatesTranslate = (key: CertificatesMessageKey, params?: MessageParams) => string;

const catalogues: Record<"vi" | "en", Record<CertificatesMessageKey, string>> = { vi, en };

/** `t` for the certificate pages' own text (cert.*), in the language of the toggle. */
export function useCertificatesT(): CertificatesTranslate {
  const { language } = useI18n();
  const messages = catalogues[language];
  return useCallback(
    (key: CertificatesMessageKey, params?: MessageParams) => interpolate(messages[key], params),
    [messages],
  );
}

/** For the test that holds the two catalogues together. */
export const certificatesMessagesVi: Record<CertificatesMessageKey, string> = vi;
