import { describe, expect, it } from "vitest";
import { feedbackMessagesVi as vi } from "./messages";
import { en } from "./messages-en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the report pages' text", () => {
  it("has every message in both languages, none empty, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe("");
      expect(en[key as keyof typeof en].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("writes Vietnamese with its diacritics", () => {
    // Words of these pages as they look typed without their marks: none may appear.
    const bare = /\b(phan anh|gui|khong|vi tri|dia chi|to dan pho|theo doi|ban do|xu ly|lien he|dong y)\b/i;
    for (const [key, text] of Object.entries(vi)) expect(text, key).not.toMatch(bare);
    expect(vi["report.nearbyTitle"]).toBe("Đã có người phản ánh gần đây — theo dõi phản ánh này thay vì gửi mới");
  });
});
