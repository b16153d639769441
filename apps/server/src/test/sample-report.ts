import { renderTrendChartPng } from "../lib/official-document/charts.js";
import type { OfficialDocument } from "../lib/official-document/document.js";

/** A quarterly report as a ward would send it: bases, sections, a table, a chart, a landscape annex. */
export async function sampleReport(): Promise<OfficialDocument> {
  const chart = await renderTrendChartPng({
    title: "Tỷ lệ rác thải sinh hoạt được thu gom, xử lý",
    unitOfMeasure: "%",
    points: [
      { label: "2026-Q1", value: 82.5 },
      { label: "2026-Q2", value: 86 },
      { label: "2026-Q3", value: 91.25 },
    ],
    expected: [
      { label: "2026-Q1", value: 80 },
      { label: "2030", value: 100 },
    ],
    target: { label: "2030", value: 100 },
    width: 1000,
    height: 500,
  });
  return {
    authority: { parent: "Ủy ban nhân dân thành phố Hải Phòng", name: "Ủy ban nhân dân phường Việt Hòa" },
    number: "5/BC-UBND",
    symbol: "BC-UBND",
    place: "Việt Hòa",
    date: "2026-02-03",
    year: 2026,
    type: "Báo cáo",
    summary: "Kết quả thực hiện Kế hoạch chuyển đổi xanh trên địa bàn phường quý III năm 2026",
    bases: [
      "Căn cứ Kế hoạch số 133/KH-UBND ngày 16/4/2026 của Ủy ban nhân dân thành phố;",
      "Căn cứ Kế hoạch số 45/KH-UBND ngày 20/4/2026 của Ủy ban nhân dân phường",
    ],
    draftNotice: "DỰ THẢO — số liệu đến ngày 02/12/2026",
    body: [
      { kind: "heading", level: 1, text: "I. Kết quả thực hiện" },
      { kind: "heading", level: 2, text: "1. Công tác chỉ đạo, điều hành" },
      {
        kind: "paragraph",
        text: "Ủy ban nhân dân phường đã ban hành 04 văn bản chỉ đạo.\nCác đơn vị triển khai đúng tiến độ.",
      },
      { kind: "bullets", items: ["- Tuyên truyền, vận động Nhân dân phân loại rác tại nguồn", "Kiểm tra 12 cơ sở"] },
      {
        kind: "table",
        title: "Bảng 1. Kết quả các chỉ tiêu",
        columns: [
          { header: "TT", width: 1, align: "center" },
          { header: "Chỉ tiêu", width: 6 },
          { header: "Kết quả", width: 2 },
          { header: "Mục tiêu 2030", width: 2 },
        ],
        rows: [
          ["1", "Tỷ lệ rác thải sinh hoạt được thu gom, xử lý (%)", 91.25, 100],
          ["2", "Diện tích đạt tiêu chuẩn GAP, hữu cơ (ha)", 1234.5, null],
        ],
        note: "Ghi chú: số liệu quý III là số liệu sơ bộ.",
      },
      { kind: "image", png: chart, widthCm: 16, heightCm: 8, caption: "Hình 1. Tỷ lệ rác thải được thu gom, xử lý" },
      { kind: "heading", level: 3, text: "a) Hạn chế, nguyên nhân" },
      { kind: "paragraph", text: "Một số tổ dân phố chưa cập nhật số liệu đúng hạn.", italic: true },
      { kind: "heading", level: 1, text: "II. Phương hướng, nhiệm vụ quý IV" },
      { kind: "bullets", items: ["Hoàn thành kiểm tra các cơ sở còn lại", "Tổng kết mô hình phân loại rác"] },
    ],
    signer: { prefix: "KT.", authorityTitle: "Chủ tịch", title: "Phó Chủ tịch", name: "Nguyễn Thành Hải" },
    recipients: ["UBND thành phố (b/c)", "- Thường trực Đảng ủy phường (b/c);", "Các phòng, ban", "Lưu: VT, VP"],
    annexes: [
      {
        title: "Tiến độ nhiệm vụ theo đơn vị",
        subtitle: "Số liệu đến ngày 02/12/2026",
        landscape: true,
        body: [
          {
            kind: "table",
            columns: [
              { header: "Mã", width: 1 },
              { header: "Nhiệm vụ", width: 5 },
              { header: "Đơn vị chủ trì", width: 2 },
              { header: "Phối hợp", width: 2 },
              { header: "Hạn", width: 1 },
              { header: "Tiến độ (%)", width: 1 },
            ],
            rows: [["iii-1-1", "Chỉ đạo chuyển đổi xanh giao thông", "Phòng KT-HT-ĐT", null, "Thường xuyên", 62.5]],
          },
        ],
      },
    ],
  };
}
