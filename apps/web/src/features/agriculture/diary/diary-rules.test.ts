import { describe, expect, it } from "vitest";
import { canKeepDiary } from "./diary-rules";

describe("who sees the diary in the menu", () => {
  const unit = (code: string) => ({ id: "00000000-0000-4000-8000-000000000001", code, name: code, shortName: code });

  it("is the registry's keepers: plan managers and Phòng Kinh tế", () => {
    expect(canKeepDiary({ role: "office", unit: null })).toBe(true);
    expect(canKeepDiary({ role: "ward_leader", unit: null })).toBe(true);
    expect(canKeepDiary({ role: "unit_officer", unit: unit("kinh-te") })).toBe(true);
    expect(canKeepDiary({ role: "unit_officer", unit: unit("van-hoa") })).toBe(false);
    expect(canKeepDiary({ role: "city", unit: null })).toBe(false);
  });
});
