import { describe, expect, it } from "vitest";
import { defaultPartsKind, defaultValueKind, fractionDigitsOf, isWholeEnough } from "./value-kinds.js";

describe("value kinds", () => {
  it("takes a unit of whole things as a count, % as a percent, anything else as a quantity", () => {
    expect(defaultValueKind("vụ")).toBe("count");
    expect(defaultValueKind(" Hệ thống ")).toBe("count");
    expect(defaultValueKind("mô hình")).toBe("count");
    expect(defaultValueKind("%")).toBe("percent");
    expect(defaultValueKind("ha")).toBe("quantity");
    expect(defaultValueKind("tấn CO2e")).toBe("quantity");
    // Decomposed diacritics (as some keyboards type them) are the same word.
    expect(defaultValueKind("vụ".normalize("NFD"))).toBe("count");
  });

  it("reads a ratio's parts from the numerator's label", () => {
    expect(defaultPartsKind("Số hộ dân được sử dụng nước sạch theo quy định (hộ)")).toBe("count");
    expect(defaultPartsKind("Diện tích đạt GAP, hữu cơ (ha)")).toBe("quantity");
    expect(defaultPartsKind("Khối lượng rác thải sinh hoạt được thu gom, xử lý (tấn)")).toBe("quantity");
    expect(defaultPartsKind("Số tổ dân phố triển khai phân loại rác thải tại nguồn")).toBe("count");
    expect(defaultPartsKind(null)).toBe("quantity");
  });

  it("refuses fractions for counts only, and shows counts without decimals", () => {
    expect(isWholeEnough("count", 15)).toBe(true);
    expect(isWholeEnough("count", 15.27)).toBe(false);
    expect(isWholeEnough("quantity", 15.27)).toBe(true);
    expect(isWholeEnough("percent", 15.27)).toBe(true);
    expect(fractionDigitsOf("count")).toBe(0);
    expect(fractionDigitsOf("percent")).toBe(2);
    expect(fractionDigitsOf(undefined)).toBe(2);
  });
});
