import { describe, expect, it } from "vitest";
import { vi } from "./vi";
import { en } from "./en";
import { interpolate } from "./i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message files", () => {
  it("has no empty message", () => {
    for (const [key, text] of Object.entries(vi)) expect(text.trim(), key).not.toBe("");
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe("");
  });

  it("uses the same placeholders in English as in Vietnamese", () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("trễ {days} ngày", { days: 3 })).toBe("trễ 3 ngày");
    expect(interpolate("Hạn {date}")).toBe("Hạn {date}");
  });
});
