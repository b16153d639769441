import { useCallback } from "react";
import { interpolate, useI18n, type MessageParams } from "../../../i18n/i18n";
import { en } from "./messages-en";

/**
 * The text of the farm registry pages (sổ nông hộ): kept beside them, as the diary's is, out of
 * the shared catalogues every page downloads. Vietnamese is the source; English is typed against
 * it. The menu's label (nav.registry) stays in the shared catalogue.
 */
const vi = {
  "reg.title": "Sổ nông hộ",
  "reg.search": "Tìm theo tên, người đại diện, địa chỉ (gõ có dấu hay không đều được)",
  "reg.searchLabel": "Tìm cơ sở sản xuất",
  "reg.kind": "Loại",
  "reg.allKinds": "Mọi loại",
  "reg.kind.household": "Nông hộ",
  "reg.kind.cooperative": "Hợp tác xã",
  "reg.kind.enterprise": "Doanh nghiệp",
  "reg.group": "Tổ dân phố",
  "reg.allGroups": "Mọi tổ dân phố",
  "reg.certification": "Chứng nhận",
  "reg.allCertifications": "Mọi tình trạng chứng nhận",
  "reg.cert.valid": "Có chứng nhận còn hiệu lực",
  "reg.cert.lapsed": "Chứng nhận đã hết hạn hoặc bị thu hồi",
  "reg.cert.none": "Chưa có chứng nhận",
  "reg.farmsCount": "{count} cơ sở",
  "reg.empty": "Không có cơ sở sản xuất nào khớp với bộ lọc.",
  "reg.sharesTitle": "Tỷ lệ diện tích đạt GAP, hữu cơ theo tổ dân phố (hôm nay)",
  "reg.sharesHint": "Tính tự động từ các chứng nhận còn hiệu lực trên diện tích đang canh tác; mục tiêu ≥ 20%.",
  "reg.sharesEmpty": "Chưa có diện tích canh tác nào trong sổ.",
  "reg.shareOf": "{certified} / {cultivated} ha",
  "reg.shareNone": "—",
  "reg.addFarm": "Thêm cơ sở",
  "reg.editFarm": "Sửa cơ sở",
  "reg.editFarmOf": "Sửa cơ sở {name}",
  "reg.farmSaved": "Đã lưu cơ sở {name}",
  "reg.name": "Tên cơ sở",
  "reg.representative": "Chủ hộ / người đại diện",
  "reg.phone": "Điện thoại",
  "reg.address": "Địa chỉ",
  "reg.plots": "Thửa ruộng",
  "reg.area": "Diện tích",
  "reg.certifiedArea": "Diện tích có chứng nhận",
  "reg.hectares": "{value} ha",
  "reg.active": "Đang hoạt động",
  "reg.inactive": "Ngừng hoạt động",
  "reg.proxyConsent": "Đồng ý để cán bộ ghi nhật ký thay",
  "reg.proxyConsentGiven": "Đã đồng ý cho cán bộ ghi nhật ký thay từ {date}",
  "reg.proxyConsentNone": "Chưa đồng ý cho cán bộ ghi nhật ký thay",
  "reg.openAccount": "Mở tài khoản cho cơ sở",
  "reg.openAccountOf": "Mở tài khoản cho {name}",
  "reg.openAccountHint":
    "Cơ sở sẽ tự ghi nhật ký sản xuất trên điện thoại, không cần đồng ý cho cán bộ ghi thay. Tài khoản chỉ xem và ghi nhật ký của cơ sở này. Giao mật khẩu đầu tiên cho cơ sở và nhắc đổi mật khẩu ở trang Hồ sơ.",
  "reg.username": "Tên đăng nhập",
  "reg.displayName": "Tên hiển thị",
  "reg.firstPassword": "Mật khẩu đầu tiên",
  "reg.accountOpened": "Đã mở tài khoản cho {name}.",
  "reg.hasAccount": "Có tài khoản riêng",
  "reg.open": "Mở",
  "reg.openOf": "Mở cơ sở {name}",
  "reg.back": "Sổ nông hộ",
  "reg.details": "Thông tin cơ sở",
  "reg.downloadPdf": "Tải nhật ký (PDF)",
  "reg.downloadXlsx": "Tải nhật ký (XLSX)",
  "reg.addPlot": "Thêm thửa ruộng",
  "reg.editPlot": "Sửa thửa",
  "reg.editPlotOf": "Sửa thửa {name}",
  "reg.plotSaved": "Đã lưu thửa {name}",
  "reg.plotName": "Tên thửa",
  "reg.plotNamePlaceholder": "Ví dụ: Thửa 12, xứ đồng Cửa Đình",
  "reg.areaHa": "Diện tích (ha)",
  "reg.crop": "Cây trồng",
  "reg.latitude": "Vĩ độ",
  "reg.longitude": "Kinh độ",
  "reg.locationHint": "Vị trí (không bắt buộc): nhập cả vĩ độ và kinh độ.",
  "reg.noPlots": "Cơ sở chưa có thửa ruộng nào.",
  "reg.validity": "Hiệu lực",
  "reg.validFromTo": "{from} – {until}",
  "reg.noCertification": "Chưa có",
  "reg.addCertification": "Thêm chứng nhận",
  "reg.addCertificationOf": "Thêm chứng nhận cho thửa {name}",
  "reg.certificationSaved": "Đã ghi chứng nhận {number}",
  "reg.scheme": "Loại chứng nhận",
  "reg.scheme.vietgap": "VietGAP",
  "reg.scheme.organic": "Hữu cơ",
  "reg.scheme.other_gap": "GAP khác",
  "reg.certificateNumber": "Số giấy chứng nhận",
  "reg.issuer": "Tổ chức chứng nhận",
  "reg.validFrom": "Ngày cấp",
  "reg.validUntil": "Ngày hết hạn",
  "reg.certValid": "Còn hiệu lực",
  "reg.certExpired": "Hết hiệu lực",
  "reg.certWithdrawn": "Thu hồi từ {date}",
  "reg.withdraw": "Thu hồi",
  "reg.withdrawOf": "Thu hồi chứng nhận {number}",
  "reg.withdrawnOn": "Thu hồi từ ngày",
  "reg.withdrawReason": "Lý do",
  "reg.withdrawn": "Đã thu hồi chứng nhận {number}",
  "reg.location": "Vị trí thửa ruộng",
  "reg.locationOf": "Vị trí thửa {name}",
  "reg.noLocation": "Chưa ghi vị trí",
  "reg.openStreetMap": "Mở trên OpenStreetMap",
  "reg.seasons": "Các vụ và nhật ký",
  "reg.noSeasons": "Chưa có vụ nào được ghi nhật ký.",
  "reg.season": "Vụ",
  "reg.period": "Thời gian",
  "reg.entries": "Ghi chép",
  "reg.seasonOpen": "đang mở",
  "reg.toDiary": "Mở nhật ký",
  "reg.toDiaryOf": "Mở nhật ký {name}",
  "reg.actions": "Thao tác",
  "reg.save": "Lưu",
  "reg.required": "Hãy nhập {field}",
  "reg.mapPin": "Vị trí thửa ruộng",
} as const;

export type RegistryMessageKey = keyof typeof vi;
export type RegistryTranslate = (key: RegistryMessageKey, params?: MessageParams) => string;

const catalogues: Record<"vi" | "en", Record<RegistryMessageKey, string>> = { vi, en };

export const isRegistryMessageKey = (key: string): key is RegistryMessageKey => key in vi;

/** `t` for the registry pages' own text (reg.*), in the language of the toggle. */
export function useRegistryT(): RegistryTranslate {
  const { language } = useI18n();
  const messages = catalogues[language];
  return useCallback(
    (key: RegistryMessageKey, params?: MessageParams) => interpolate(messages[key], params),
    [messages],
  );
}

/** For the test that holds the two catalogues together. */
export const registryMessagesVi: Record<RegistryMessageKey, string> = vi;
