import { useCallback, useEffect, useState } from "react";
import { interpolate, useI18n, type MessageParams } from "../../../i18n/i18n";

/**
 * The text of the public report pages (phản ánh). Kept here rather than in i18n/vi.ts and en.ts:
 * those two catalogues travel in the entry chunk that every page downloads, and these strings
 * are needed only by the three report pages. Vietnamese is the source; English (messages-en.ts)
 * follows the toggle and loads only when chosen.
 */
const vi = {
  "nav.report": "Gửi phản ánh",
  "nav.map": "Bản đồ",

  "report.pageTitle": "Gửi phản ánh",
  "report.title": "Phản ánh về môi trường, đô thị",
  "report.intro":
    "Thấy rác đổ trộm, đốt rơm rạ, nước thải, đèn hỏng…? Báo cho phường trong một phút, không cần tài khoản. Bạn nhận một mã để theo dõi.",
  "report.step.category": "1. Vấn đề gì?",
  "report.step.details": "2. Mô tả",
  "report.step.location": "3. Ở đâu?",
  "report.step.contact": "4. Liên hệ (không bắt buộc)",
  "report.categoryHint": "Chọn loại gần nhất với điều bạn thấy.",
  "report.categoryChosen": "Đã chọn:",
  "report.changeCategory": "Chọn loại khác",
  "report.handledBy": "Đơn vị xử lý:",
  "report.handledWithin": "trong {days} ngày làm việc",
  "report.description": "Mô tả vấn đề",
  "report.descriptionHint": "Bạn thấy gì, từ khi nào, mức độ ra sao (ít nhất 10 ký tự).",
  "report.photos": "Ảnh (tối đa {max})",
  "report.photosHint": "Ảnh giúp phường xác minh nhanh hơn. Tránh chụp rõ mặt người hoặc biển số xe.",
  "report.takePhoto": "Chụp ảnh",
  "report.choosePhotos": "Chọn ảnh có sẵn",
  "report.photoAlt": "Ảnh {n} sẽ gửi kèm",
  "report.removePhoto": "Bỏ ảnh {n}",
  "report.photosFull": "Đã đủ {max} ảnh.",
  "report.photosDropped": "Chỉ giữ {max} ảnh đầu tiên.",
  "report.notImage": "Tệp {name} không phải ảnh.",
  "report.useMyLocation": "Dùng vị trí của tôi",
  "report.locating": "Đang lấy vị trí…",
  "report.locationDenied": "Không lấy được vị trí của điện thoại. Hãy ghim trên bản đồ hoặc chọn tổ dân phố.",
  "report.locationUnsupported": "Trình duyệt không hỗ trợ lấy vị trí.",
  "report.mapHint": "Chạm vào bản đồ để ghim nơi có vấn đề; kéo ghim để chỉnh.",
  "report.pinCentre": "Ghim ở giữa bản đồ",
  "report.pinned": "Đã ghim: {lat}, {lng}",
  "report.pinnedDevice": "Đã ghim theo vị trí điện thoại: {lat}, {lng}",
  "report.clearPin": "Bỏ ghim",
  "report.coordinates": "Nhập tọa độ",
  "report.lat": "Vĩ độ",
  "report.lng": "Kinh độ",
  "report.coordinatesHint": "Ví dụ 20.8612 và 106.6830 (có thể dán cả cặp vào ô vĩ độ).",
  "report.applyCoordinates": "Ghim theo tọa độ",
  "report.coordinatesInvalid": "Tọa độ chưa đúng: vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.",
  "report.farAway": "Vị trí này cách trung tâm phường khoảng {km} km. Kiểm tra lại nếu bạn ghim nhầm.",
  "report.orAddress": "Hoặc cho biết tổ dân phố và địa chỉ",
  "report.residentialGroup": "Tổ dân phố",
  "report.chooseGroup": "— Chọn tổ dân phố —",
  "report.address": "Địa chỉ, mô tả vị trí",
  "report.addressHint": "Ví dụ: ngõ 12 đường Trần Nhân Tông, cạnh cổng chợ.",
  "report.nearbyTitle": "Đã có người phản ánh gần đây — theo dõi phản ánh này thay vì gửi mới",
  "report.nearbyHint": "Nếu cùng một vấn đề, theo dõi phản ánh đã có giúp phường xử lý nhanh hơn.",
  "report.nearbyDistance": "cách {metres} m",
  "report.follow": "Theo dõi phản ánh này",
  "report.consentDays": "Thông tin liên hệ được lưu {days} ngày rồi xóa.",
  "report.name": "Họ tên",
  "report.phone": "Số điện thoại",
  "report.email": "Email",
  "report.consent": "Tôi đồng ý để phường lưu và dùng thông tin liên hệ này như trên",
  "report.notify": "Báo cho tôi qua email khi phản ánh có thay đổi",
  "report.submit": "Gửi phản ánh",
  "report.sending": "Đang gửi…",
  "report.sendingProgress": "Đang gửi… {percent}%",
  "report.errorSummary": "Chưa gửi được. Kiểm tra lại:",
  "report.draftRestored": "Đã khôi phục nội dung bạn nhập lần trước.",
  "report.clearDraft": "Xóa nội dung đã nhập",
  "report.loadFailed": "Không tải được danh sách loại phản ánh.",

  "report.error.category": "Chọn loại phản ánh",
  "report.error.descriptionShort": "Mô tả ít nhất 10 ký tự",
  "report.error.descriptionLong": "Mô tả tối đa 4000 ký tự",
  "report.error.question": "Trả lời câu hỏi này",
  "report.error.number": "Nhập một số",
  "report.error.location":
    "Cho biết vị trí: ghim trên bản đồ, dùng vị trí của tôi, hoặc chọn tổ dân phố và ghi địa chỉ",
  "report.error.phone": "Số điện thoại không hợp lệ",
  "report.error.email": "Email không hợp lệ",
  "report.error.notifyEmail": "Nhập email để nhận thông báo khi phản ánh thay đổi",
  "report.error.consent": "Để lại thông tin liên hệ thì cần đồng ý với việc phường lưu giữ và sử dụng thông tin đó",

  "done.title": "Đã gửi phản ánh",
  "done.codeLabel": "Mã phản ánh của bạn",
  "done.keep": "Ghi lại mã này. Điện thoại này cũng đã nhớ nó trong mục “Phản ánh của tôi”.",
  "done.unit": "Đơn vị xử lý:",
  "done.due": "Hạn xử lý: {date}.",
  "done.follow": "Theo dõi phản ánh",
  "done.another": "Gửi phản ánh khác",

  "lookup.title": "Tra cứu phản ánh",
  "lookup.code": "Mã phản ánh",
  "lookup.hint": "Ví dụ PA-7K3M9Q",
  "lookup.submit": "Xem",
  "lookup.invalid": "Mã phản ánh gồm PA- và 6 ký tự, ví dụ PA-7K3M9Q",
  "mine.title": "Phản ánh của tôi",
  "mine.hint": "Các phản ánh gửi từ điện thoại này.",
  "mine.sentOn": "gửi ngày {date}",

  "follow.pageTitle": "Phản ánh {code}",
  "follow.title": "Phản ánh {code}",
  "follow.notFound": "Không tìm thấy phản ánh {code}",
  "follow.status": "Trạng thái",
  "follow.category": "Loại",
  "follow.unit": "Đơn vị xử lý",
  "follow.due": "Hạn xử lý",
  "follow.late": "Quá hạn",
  "follow.onTime": "Trong hạn",
  "follow.closedOn": "Đóng ngày",
  "follow.sentOn": "Ngày gửi",
  "follow.residentialGroup": "Tổ dân phố",
  "follow.address": "Địa chỉ",
  "follow.task": "Theo nhiệm vụ của kế hoạch",
  "follow.description": "Nội dung phản ánh",
  "follow.answers": "Thông tin thêm",
  "follow.photos": "Ảnh",
  "follow.photoAlt": "Ảnh {n} của phản ánh {code}",
  "follow.photosPending": "Ảnh sẽ hiện ở đây khi phường tiếp nhận phản ánh.",
  "follow.location": "Vị trí",
  "follow.approximate": "Vị trí gần đúng (khoảng 500 m) để bảo vệ người phản ánh.",
  "follow.noLocation": "Phản ánh ghi vị trí bằng địa chỉ.",
  "follow.timeline": "Quá trình xử lý",
  "follow.timelinePhotoAlt": "Ảnh kèm theo ngày {date}",
  "follow.duplicateOf": "Phản ánh này trùng với {code}. Theo dõi tiến độ ở phản ánh đó.",
  "follow.kind.submitted": "Đã gửi phản ánh",
  "follow.kind.status": "Chuyển trạng thái",
  "follow.kind.response": "Phường trả lời",
  "follow.kind.reporter_info": "Người phản ánh bổ sung",
  "follow.kind.reopened": "Mở lại phản ánh",
  "follow.yours": "Bạn là người gửi phản ánh này.",
  "follow.add.title": "Bổ sung thông tin",
  "follow.add.text": "Thông tin bổ sung",
  "follow.add.hint": "Điều bạn muốn báo thêm cho cán bộ xử lý.",
  "follow.add.submit": "Gửi bổ sung",
  "follow.add.done": "Đã gửi thông tin bổ sung.",
  "follow.add.required": "Nhập nội dung bổ sung",
  "follow.reopen.title": "Mở lại phản ánh",
  "follow.reopen.hint": "Vấn đề chưa được xử lý xong? Bạn có thể mở lại đến {date}.",
  "follow.reopen.reason": "Lý do mở lại",
  "follow.reopen.submit": "Mở lại phản ánh",
  "follow.reopen.done": "Đã mở lại phản ánh.",
  "follow.reopen.short": "Lý do ít nhất 5 ký tự",
  "follow.back": "Gửi phản ánh mới",

  "list.pageTitle": "Bản đồ phản ánh",
  "list.title": "Phản ánh của người dân",
  "list.intro": "Các phản ánh phường đã nhận và tình trạng xử lý. Không hiện tên hay số điện thoại của người phản ánh.",
  "list.filters": "Lọc phản ánh",
  "list.status": "Tình trạng",
  "list.status.all": "Tất cả",
  "list.status.open": "Đang xử lý",
  "list.status.closed": "Đã đóng",
  "list.category": "Loại",
  "list.allCategories": "Tất cả các loại",
  "list.apply": "Lọc",
  "list.total": "{count} phản ánh",
  "list.empty": "Không có phản ánh nào.",
  "list.page": "Trang {page}/{pages}",
  "list.prev": "Trang trước",
  "list.next": "Trang sau",
  "list.map": "Bản đồ",
  "list.mapHint": "Chấm đỏ: đang xử lý; chấm xanh: đã đóng (30 ngày qua). Vòng tròn: vị trí gần đúng.",
  "list.list": "Danh sách",
  "list.sent": "Gửi {date}",

  "status.late": "Quá hạn",
} as const;

export type FeedbackMessageKey = keyof typeof vi;

export type FeedbackTranslate = (key: FeedbackMessageKey, params?: MessageParams) => string;

/** The English catalogue once loaded (it stays for the page's life). */
let english: Record<FeedbackMessageKey, string> | undefined;

/**
 * `t` for the report pages, in the language of the public toggle. Vietnamese is in the chunk;
 * English arrives on demand (most residents never ask for it), Vietnamese meanwhile.
 */
export function useFeedbackT(): FeedbackTranslate {
  const { language } = useI18n();
  const [catalogue, setCatalogue] = useState(english);
  useEffect(() => {
    if (language !== "en" || english) return;
    let cancelled = false;
    import("./messages-en").then(
      (module) => {
        english = module.en;
        if (!cancelled) setCatalogue(module.en);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [language]);
  const messages = language === "en" ? (catalogue ?? english ?? vi) : vi;
  return useCallback(
    (key: FeedbackMessageKey, params?: MessageParams) => interpolate(messages[key], params),
    [messages],
  );
}

/** For the test that holds the two catalogues together. */
export const feedbackMessagesVi: Record<FeedbackMessageKey, string> = vi;
