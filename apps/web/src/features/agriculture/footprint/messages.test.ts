import { describe, expect, it } from "vitest";
import { calculatorMessagesVi as vi } from "./messages";
import { en } from "./messages-en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the calculator's text", () => {
  it("has every message in both languages, none empty, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe("");
      expect(en[key as keyof typeof en].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("writes Vietnamese with its diacritics", () => {
    // Words of this page as they look typed without their marks: none may appear.
    const bare = /\b(lua|ruong|phan bon|rom ra|nuoc|dien|tinh|khong|giam|tang|thoc)\b/i;
    for (const [key, text] of Object.entries(vi)) expect(text, key).not.toMatch(bare);
    expect(vi["water.multiple_drainage"]).toBe("Ướt khô xen kẽ (AWD)");
  });
});
