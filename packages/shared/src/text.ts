/**
 * Lower-case, accent-free form of Vietnamese text, for search that ignores diacritics:
 * "Nước sạch" and "nuoc sach" both become "nuoc sach". "đ" is a letter of its own, not an
 * accent, so Unicode decomposition leaves it: it is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
