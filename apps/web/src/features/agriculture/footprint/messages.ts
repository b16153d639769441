import { useCallback, useEffect, useState } from "react";
import { interpolate, useI18n, type MessageParams } from "../../../i18n/i18n";

/**
 * The text of the public carbon footprint calculator. Kept here rather than in i18n/vi.ts and
 * en.ts (which travel in the entry chunk every page downloads): only this page needs it.
 * Vietnamese is the source; English (messages-en.ts) loads only when the toggle asks for it.
 */
const vi = {
  "page.title": "Dấu chân carbon vụ lúa",
  "page.crumb": "Dấu chân carbon",
  "page.intro":
    "Ước tính khí nhà kính của một vụ lúa: mê-tan từ ruộng ngập nước, N₂O từ phân bón, đốt rơm rạ, dầu và điện. Xem nếu làm khác thì giảm được bao nhiêu. Không cần tài khoản.",
  "page.defaults":
    "Các ô đã điền sẵn số liệu mẫu của 1 ha lúa vụ xuân ở đồng bằng sông Hồng. Sửa theo ruộng của bạn rồi bấm “Tính”.",

  "page.toResult": "Xem kết quả ↓",
  "group.field": "1. Ruộng và vụ",
  "group.fieldHint": "Các lượng ở dưới là cho cả diện tích này, không phải cho mỗi ha.",
  "group.water": "2. Nước trên ruộng",
  "group.fertiliser": "3. Phân bón",
  "group.straw": "4. Rơm rạ",
  "group.energy": "5. Dầu và điện",
  "group.advanced": "Tuỳ chọn nâng cao (vùng, hệ số nền, GWP)",

  "field.areaHa": "Diện tích",
  "field.cultivationDays": "Số ngày từ khi gieo cấy đến khi gặt",
  "field.yieldKg": "Sản lượng thóc (không bắt buộc)",
  "field.yieldKgHint": "Để biết phát thải trên mỗi kg thóc.",
  "field.waterRegime": "Trong vụ, ruộng được giữ nước thế nào?",
  "field.preSeason": "Trước khi gieo cấy, ruộng ra sao?",
  "field.syntheticNKg": "Đạm (N) từ phân vô cơ, kể cả urê",
  "field.syntheticNKgHint": "1 kg urê có khoảng 0,46 kg N; 1 kg NPK 16-16-8 có 0,16 kg N.",
  "field.ureaKg": "Lượng urê đã bón",
  "field.organicNKg": "Đạm (N) từ phân hữu cơ, phân chuồng",
  "field.amendments": "Chất hữu cơ vùi vào ruộng",
  "field.amendmentsHint":
    "Phân chuồng, phân ủ, phân xanh, rơm rạ vùi làm ruộng sinh thêm mê-tan. Ghi tấn trên mỗi ha (rơm rạ: tấn khô).",
  "field.strawBurnedTonnesDm": "Rơm rạ bị đốt trên ruộng",
  "field.strawBurnedTonnesDmHint": "Tấn rơm khô đã đốt, cho cả diện tích. Không đốt thì ghi 0.",
  "field.dieselLitres": "Dầu diesel cho máy làm đất, máy gặt",
  "field.electricityKwh": "Điện bơm nước",
  "field.region": "Vùng (hệ số phát thải nền của IPCC)",
  "field.baselineEfKgCh4PerHaDay": "Hệ số nền đo tại địa phương (không bắt buộc)",
  "field.baselineHint": "Nếu điền, số này thay cho hệ số của vùng. Để trống nếu không có số đo.",
  "field.gwp": "Bộ hệ số tiềm năng nóng lên toàn cầu (GWP)",

  "unit.ha": "ha",
  "unit.days": "ngày",
  "unit.kg": "kg",
  "unit.kgN": "kg N",
  "unit.tonnes": "tấn",
  "unit.tonnesPerHa": "tấn/ha",
  "unit.litres": "lít",
  "unit.kwh": "kWh",
  "unit.baseline": "kg CH₄/ha/ngày",

  "water.continuously_flooded": "Ngập liên tục",
  "water.continuously_flooded.hint": "Ruộng luôn có nước từ khi cấy đến gần lúc gặt.",
  "water.single_drainage": "Rút nước một lần",
  "water.single_drainage.hint": "Phơi ruộng một lần giữa vụ (thường cuối đẻ nhánh), còn lại giữ nước.",
  "water.multiple_drainage": "Ướt khô xen kẽ (AWD)",
  "water.multiple_drainage.hint":
    "Để nước rút cạn xuống dưới mặt ruộng rồi mới bơm lại, nhiều lần trong vụ (giữ nước lúc lúa trổ).",
  "pre.non_flooded_lt_180": "Để khô dưới 6 tháng",
  "pre.non_flooded_lt_180.hint": "Ruộng không ngập dưới 180 ngày trước vụ, ví dụ bỏ trống từ sau vụ mùa đến vụ xuân.",
  "pre.non_flooded_gt_180": "Để khô trên 6 tháng",
  "pre.non_flooded_gt_180.hint": "Ruộng không ngập hơn 180 ngày trước vụ, ví dụ mỗi năm chỉ cấy một vụ lúa.",
  "pre.flooded_gt_30": "Ngập nước trên 30 ngày",
  "pre.flooded_gt_30.hint": "Ruộng đã ngập nước hơn một tháng ngay trước khi cấy, ví dụ ruộng trũng.",
  "pre.non_flooded_gt_365": "Để khô trên một năm",
  "pre.non_flooded_gt_365.hint": "Ruộng không ngập hơn một năm, ví dụ trước đó bỏ hoá hoặc trồng màu.",

  "amendment.straw_lt_30": "Rơm rạ vùi dưới 30 ngày trước khi cấy",
  "amendment.straw_gt_30": "Rơm rạ vùi trên 30 ngày trước khi cấy",
  "amendment.compost": "Phân ủ (compost)",
  "amendment.farmyard_manure": "Phân chuồng",
  "amendment.green_manure": "Phân xanh",
  "amendment.type": "Loại chất hữu cơ {n}",
  "amendment.amount": "Lượng chất hữu cơ {n}",
  "amendment.add": "Thêm chất hữu cơ",
  "amendment.remove": "Bỏ",
  "amendment.removeLabel": "Bỏ chất hữu cơ {n}",
  "amendment.none": "Không vùi chất hữu cơ nào.",

  "region.world": "Trung bình thế giới",
  "region.south-east-asia": "Đông Nam Á (gồm Việt Nam)",
  "region.east-asia": "Đông Á",
  "region.south-asia": "Nam Á",
  "gwp.AR5": "AR5: dùng cho báo cáo theo Thỏa thuận Paris (mặc định)",
  "gwp.AR6": "AR6: báo cáo đánh giá lần thứ sáu của IPCC",

  "action.compute": "Tính",
  "action.computing": "Đang tính…",
  "action.reset": "Về số liệu mẫu",
  "action.copyLink": "Sao chép liên kết",
  "action.copied": "Đã sao chép liên kết.",
  "action.copyFailed": "Không sao chép được: hãy sao chép địa chỉ trang.",

  "error.summary": "Có {count} ô cần sửa: xem thông báo dưới từng ô.",
  "error.required": "Hãy nhập một số.",
  "error.number": "Chưa phải là số. Ví dụ: 1,5",
  "error.integer": "Nhập số nguyên, không có phần lẻ.",
  "error.min": "Không được nhỏ hơn {limit}.",
  "error.above": "Phải lớn hơn {limit}.",
  "error.max": "Không được lớn hơn {limit}.",
  "error.invalid": "Giá trị này chưa hợp lệ.",
  "error.server": "Máy chủ không nhận số liệu: xem thông báo dưới từng ô.",
  "error.failed": "Không tính được. Vui lòng thử lại.",

  "result.title": "Kết quả",
  "result.stale": "Bạn đã sửa số liệu: bấm “Tính” để cập nhật kết quả.",
  "result.total": "Cả vụ",
  "result.perHa": "Trên mỗi ha",
  "result.perKg": "Trên mỗi kg thóc",
  "result.perKgNone": "Ghi sản lượng thóc để có số này.",
  "result.ch4": "Mê-tan (CH₄)",
  "result.n2o": "Nitơ ôxít (N₂O)",
  "result.gases": "Khí thải ra cả vụ",
  "result.breakdown": "Theo nguồn phát thải",
  "result.share": "{percent} tổng",
  "result.method":
    "Ước tính theo phương pháp IPCC 2019 bậc 1 (Tier 1), không phải số đo tại ruộng. CO₂e quy đổi mê-tan và N₂O ra CO₂ theo GWP {gwp}.",
  "result.factorSet": "Bộ hệ số đã dùng: {version}.",
  "result.factorSources": "Xem các hệ số và nguồn",
  "result.share.note": "Địa chỉ trang đã ghi lại số liệu này: gửi liên kết để người khác xem cùng kết quả.",

  "source.riceCh4": "Mê-tan từ ruộng lúa",
  "source.n2oDirect": "N₂O trực tiếp từ phân bón",
  "source.n2oIndirect": "N₂O gián tiếp (bay hơi, rửa trôi)",
  "source.ureaCo2": "CO₂ từ phân urê",
  "source.residueBurning": "Đốt rơm rạ",
  "source.diesel": "Dầu diesel",
  "source.electricity": "Điện bơm nước",

  "factors.title": "Bộ hệ số {version}",
  "factors.loading": "Đang tải các hệ số…",
  "factors.failed": "Không tải được bộ hệ số.",
  "factors.key": "Hệ số",
  "factors.value": "Giá trị",
  "factors.source": "Nguồn",
  "factors.json": "Tải bộ hệ số (JSON)",

  "whatIf.title": "Nếu làm khác",
  "whatIf.hint": "Cùng vụ này, chỉ đổi cách làm, tính bằng cùng bộ hệ số.",
  "whatIf.awd": "Tưới ướt khô xen kẽ (AWD) thay cho {instead}",
  "whatIf.no_burning": "Không đốt rơm: ủ làm phân hoặc thu gom khỏi ruộng",
  "whatIf.awd_no_burning": "Cả hai: tưới ướt khô xen kẽ và không đốt rơm",
  "whatIf.instead.continuously_flooded": "ngập liên tục",
  "whatIf.instead.single_drainage": "rút nước một lần",
  "whatIf.instead.multiple_drainage": "ướt khô xen kẽ",
  "whatIf.total": "Cả vụ: {total} kg CO₂e",
  "whatIf.less": "Giảm {kg} kg CO₂e ({percent})",
  "whatIf.more": "Tăng {kg} kg CO₂e ({percent})",
  "whatIf.same": "Không đổi",
  "whatIf.failed": "Không tính được phương án này.",
  "whatIf.none": "Vụ này đã tưới ướt khô xen kẽ và không đốt rơm: không còn phương án nào để so.",
  "whatIf.awdNote":
    "Tưới ướt khô xen kẽ giảm mê-tan nhưng làm tăng một chút N₂O từ phân bón; con số trên đã tính cả hai.",
} as const;

export type CalculatorMessageKey = keyof typeof vi;

export type CalculatorTranslate = (key: CalculatorMessageKey, params?: MessageParams) => string;

/** The English catalogue once loaded (it stays for the page's life). */
let english: Record<CalculatorMessageKey, string> | undefined;

/** `t` for the calculator, in the language of the public toggle; English on demand. */
export function useCalculatorT(): CalculatorTranslate {
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
    (key: CalculatorMessageKey, params?: MessageParams) => interpolate(messages[key], params),
    [messages],
  );
}

/** For the test that holds the two catalogues together. */
export const calculatorMessagesVi: Record<CalculatorMessageKey, string> = vi;
