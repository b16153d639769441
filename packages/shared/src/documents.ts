/**
 * Số và ký hiệu văn bản (Decree 30/2020/NĐ-CP, Annex I and III): "15/KH-UBND", a letter
 * (công văn) "12/UBND-VX". Pure rules, used by the registry (sổ đăng ký văn bản) and its forms.
 */

/**
 * Abbreviations of the kinds of administrative document (Decree 30/2020/NĐ-CP, Annex III), plus
 * "CV" for a letter (công văn), which has no symbol of its own in the printed number.
 */
export const DOCUMENT_TYPES = [
  { code: "NQ", name: "Nghị quyết" },
  { code: "QĐ", name: "Quyết định" },
  { code: "CT", name: "Chỉ thị" },
  { code: "QC", name: "Quy chế" },
  { code: "QyĐ", name: "Quy định" },
  { code: "TC", name: "Thông cáo" },
  { code: "TB", name: "Thông báo" },
  { code: "HD", name: "Hướng dẫn" },
  { code: "CTr", name: "Chương trình" },
  { code: "KH", name: "Kế hoạch" },
  { code: "PA", name: "Phương án" },
  { code: "ĐA", name: "Đề án" },
  { code: "DA", name: "Dự án" },
  { code: "BC", name: "Báo cáo" },
  { code: "BB", name: "Biên bản" },
  { code: "TTr", name: "Tờ trình" },
  { code: "HĐ", name: "Hợp đồng" },
  { code: "CĐ", name: "Công điện" },
  { code: "BGN", name: "Bản ghi nhớ" },
  { code: "BTT", name: "Bản thỏa thuận" },
  { code: "GUQ", name: "Giấy ủy quyền" },
  { code: "GM", name: "Giấy mời" },
  { code: "GGT", name: "Giấy giới thiệu" },
  { code: "GNP", name: "Giấy nghỉ phép" },
  { code: "PG", name: "Phiếu gửi" },
  { code: "PC", name: "Phiếu chuyển" },
  { code: "PB", name: "Phiếu báo" },
  { code: "CV", name: "Công văn" },
] as const;

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number]["code"];

/** A letter: its number carries the authority and the drafting unit, no type ("12/UBND-VX"). */
export const LETTER_TYPE: DocumentTypeCode = "CV";

export const DOCUMENT_TYPE_CODES = DOCUMENT_TYPES.map((t) => t.code) as [DocumentTypeCode, ...DocumentTypeCode[]];

/** "Kế hoạch" for "KH"; the code itself for a kind the list does not hold (an incoming party document's). */
export function documentTypeName(code: string): string {
  return DOCUMENT_TYPES.find((t) => t.code === code)?.name ?? code;
}

/** The register number as printed: two digits at least ("leading 0 below 10"). */
export function formatRegisterNumber(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * "15/KH-UBND" for a plan, "12/UBND-VX" for a letter drafted by the unit "VX", "03/UBND" for a
 * letter without one. No spaces around "/" and "-" (Annex I).
 */
export function formatNumberAndSymbol(
  registerNumber: number,
  typeCode: string,
  authoritySymbol: string,
  unitSymbol?: string | null,
): string {
  const number = formatRegisterNumber(registerNumber);
  if (typeCode === LETTER_TYPE) return `${number}/${authoritySymbol}${unitSymbol ? `-${unitSymbol}` : ""}`;
  return `${number}/${typeCode}-${authoritySymbol}`;
}

/**
 * A number and symbol as an officer types it off the paper: "Số:" dropped, no spaces around
 * "/" and "-" ("08 - NQ/TU" → "08-NQ/TU"), runs of spaces made one.
 */
export function normalizeNumberAndSymbol(text: string): string {
  return text
    .trim()
    .replace(/^s[ốo]\s*:\s*/i, "")
    .replace(/\s*([/-])\s*/g, "$1")
    .replace(/\s+/g, " ");
}
