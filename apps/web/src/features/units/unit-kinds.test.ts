import { describe, expect, it } from "vitest";
import { createUnitRequestSchema } from "@phuong-xanh/shared";
import { kindRank, suggestCode } from "./unit-kinds";

describe("suggestCode", () => {
  it("turns a short name into a code the server takes", () => {
    expect(suggestCode("TDP 13")).toBe("tdp-13");
    expect(suggestCode("MN Việt Hòa")).toBe("mn-viet-hoa");
    expect(suggestCode("  Đoàn Thanh niên — phường ")).toBe("doan-thanh-nien-phuong");
    expect(suggestCode("Trường THCS Lê Lợi (cơ sở 2)")).toBe("truong-thcs-le-loi-co-so-2");
  });

  it("stays within the schema's length and never ends on a dash", () => {
    const code = suggestCode("Công ty cổ phần sản xuất thương mại dịch vụ Việt Hòa xanh");
    expect(code.length).toBeLessThanOrEqual(40);
    expect(code.endsWith("-")).toBe(false);
    const parsed = createUnitRequestSchema.shape.code.safeParse(code);
    expect(parsed.success).toBe(true);
  });

  it("gives nothing for a name without letters or digits", () => {
    expect(suggestCode(" – ")).toBe("");
  });
});

describe("kindRank", () => {
  it("puts the residential groups right after their group, and unknown kinds last", () => {
    expect(kindRank("residential_group")).toBe(kindRank("residential_group_set") + 1);
    expect(kindRank("something_new")).toBeGreaterThan(kindRank("external"));
  });
});
