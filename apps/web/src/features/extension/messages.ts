import { useCallback } from "react";
import { interpolate, useI18n, type MessageParams } from "../../i18n/i18n";
import { en } from "./messages-en";

/**
 * The text of the extension pages (khuyến nông): kept here, out of the shared catalogues every
 * page downloads; these pages are a lazy chunk. Vietnamese is the source; English
 * (messages-en.ts) is typed against it.
 */
const vi = {
  "ext.title": "Khuyến nông",
  "ext.tab.trainings": "Lớp tập huấn",
  "ext.tab.models": "Mô hình trình diễn",
  "ext.search": "Tìm lớp tập huấn, mô hình",
  "ext.searchPlaceholder": "Tìm theo tên, địa điểm, giảng viên, cơ sở…",
  "ext.filter.topic": "Chủ đề",
  "ext.filter.year": "Năm",
  "ext.filter.group": "Tổ dân phố",
  "ext.filter.all": "Tất cả",

  "ext.topic.awd": "Tưới ướt khô xen kẽ (AWD)",
  "ext.topic.organic_fertiliser": "Phân bón hữu cơ",
  "ext.topic.bio_pesticides": "Thuốc BVTV sinh học",
  "ext.topic.straw_composting": "Ủ rơm rạ làm phân",
  "ext.topic.other": "Chủ đề khác",

  "ext.farm.title": "Khuyến nông: lớp tập huấn và mô hình",
  "ext.farm.attended": "Dự lớp",
  "ext.farm.hosted": "Hộ làm mô hình",
  "ext.farm.visited": "Tham gia mô hình",
  "ext.farm.none": "Cơ sở chưa dự lớp tập huấn hay tham gia mô hình nào.",
  "ext.status.planned": "Dự kiến",
  "ext.status.running": "Đang triển khai",
  "ext.status.completed": "Đã hoàn thành",
  "ext.status.stopped": "Đã dừng",

  "ext.training.title": "Tên lớp",
  "ext.training.heldOn": "Ngày tập huấn",
  "ext.training.place": "Địa điểm",
  "ext.training.organiser": "Đơn vị tổ chức",
  "ext.training.trainer": "Giảng viên",
  "ext.training.group": "Tổ dân phố",
  "ext.training.wholeWard": "Toàn phường",
  "ext.training.notes": "Ghi chú",
  "ext.training.people": "Lượt người",
  "ext.training.farms": "Số cơ sở",
  "ext.training.sheet": "Danh sách ký nhận",
  "ext.training.hasSheet": "Đã có danh sách ký",
  "ext.training.add": "Thêm lớp tập huấn",
  "ext.training.addTitle": "Thêm lớp tập huấn",
  "ext.training.editTitle": "Sửa lớp tập huấn",
  "ext.training.edit": "Sửa thông tin",
  "ext.training.saved": "Đã lưu lớp tập huấn {title}",
  "ext.training.empty": "Chưa có lớp tập huấn nào",
  "ext.training.count": "{count} lớp",
  "ext.training.uploadSheet": "Đính kèm danh sách ký nhận",
  "ext.training.sheetAdded": "Đã đính kèm danh sách ký nhận",
  "ext.training.noSheet": "Chưa đính kèm",

  "ext.model.name": "Tên mô hình",
  "ext.model.host": "Cơ sở chủ trì",
  "ext.model.plot": "Thửa ruộng",
  "ext.model.season": "Vụ (nhật ký sản xuất)",
  "ext.model.noSeason": "Không gắn vụ",
  "ext.model.startedOn": "Ngày bắt đầu",
  "ext.model.endedOn": "Ngày kết thúc",
  "ext.model.area": "Diện tích (ha)",
  "ext.model.areaValue": "{value} ha",
  "ext.model.status": "Tình trạng",
  "ext.model.results": "Kết quả",
  "ext.model.resultNotes": "Nhận xét kết quả (năng suất, chi phí, so với cách làm thông thường)",
  "ext.model.noResults": "Chưa ghi kết quả",
  "ext.model.seasonResult": "Kết quả theo nhật ký vụ {season}",
  "ext.model.yield": "Sản lượng thu hoạch",
  "ext.model.yieldValue": "{value} kg",
  "ext.model.footprint": "Dấu chân carbon cả vụ",
  "ext.model.footprintValue": "{value} kg CO2e",
  "ext.model.footprintPerKg": "Trên mỗi kg sản phẩm",
  "ext.model.footprintPerKgValue": "{value} kg CO2e/kg",
  "ext.model.factorSet": "Bộ hệ số",
  "ext.model.noFootprint": "Vụ chưa có dấu chân carbon (nhật ký chưa đủ)",
  "ext.model.add": "Thêm mô hình",
  "ext.model.addTitle": "Thêm mô hình trình diễn",
  "ext.model.editTitle": "Sửa mô hình trình diễn",
  "ext.model.edit": "Sửa thông tin",
  "ext.model.saved": "Đã lưu mô hình {name}",
  "ext.model.empty": "Chưa có mô hình trình diễn nào",
  "ext.model.count": "{count} mô hình",
  "ext.model.plotRequired": "Chọn thửa ruộng của cơ sở chủ trì",
  "ext.model.ongoing": "đang tiếp tục",

  "ext.attendance.title": "Người tham gia",
  "ext.attendance.count": "{people} lượt người, {farms} cơ sở",
  "ext.attendance.empty": "Chưa ghi người tham gia",
  "ext.attendance.farm": "Cơ sở sản xuất",
  "ext.attendance.person": "Người tham gia",
  "ext.attendance.outside": "Ngoài sổ nông hộ",
  "ext.attendance.remove": "Bỏ",
  "ext.attendance.removeOf": "Bỏ {name} khỏi danh sách",
  "ext.attendance.removed": "Đã bỏ {name} khỏi danh sách",
  "ext.attendance.take": "Ghi người tham gia",
  "ext.attendance.search": "Tìm cơ sở theo tên hoặc chủ hộ",
  "ext.attendance.noFarms": "Không còn cơ sở nào khớp (cơ sở đã ghi không hiện lại)",
  "ext.attendance.selected": "Đã chọn {count} cơ sở",
  "ext.attendance.selectAll": "Chọn tất cả đang hiện",
  "ext.attendance.clear": "Bỏ chọn",
  "ext.attendance.addSelected": "Ghi {count} cơ sở đã chọn",
  "ext.attendance.added": "Đã ghi {count} người tham gia",
  "ext.attendance.outsider": "Người ngoài sổ (ghi họ tên)",
  "ext.attendance.outsiderPlaceholder": "Họ và tên",
  "ext.attendance.addOutsider": "Ghi người này",
  "ext.attendance.representative": "Chủ hộ: {name}",

  "ext.facts": "Thông tin",
  "ext.actions": "Thao tác",
  "ext.summary.title": "Năm {year}",
  "ext.summary.line":
    "{trainings} lớp tập huấn, {attendances} lượt người, {farms} cơ sở được tập huấn, {models} mô hình",
  "ext.readOnly": "Bạn chỉ xem được công tác khuyến nông; Phòng Kinh tế ghi và sửa.",
} as const;

export type ExtensionMessageKey = keyof typeof vi;

export type ExtensionTranslate = (key: ExtensionMessageKey, params?: MessageParams) => string;

const catalogues: Record<"vi" | "en", Record<ExtensionMessageKey, string>> = { vi, en };

/** `t` for the extension pages' own text (ext.*), in the language of the toggle. */
export function useExtensionT(): ExtensionTranslate {
  const { language } = useI18n();
  const messages = catalogues[language];
  return useCallback(
    (key: ExtensionMessageKey, params?: MessageParams) => interpolate(messages[key], params),
    [messages],
  );
}

/** For the test that holds the two catalogues together. */
export const extensionMessagesVi: Record<ExtensionMessageKey, string> = vi;
