import { describe, expect, it } from "vitest";
import { vi as shared } from "../../i18n/vi";
import { en as sharedEn } from "../../i18n/en";
import { extensionMessagesVi as vi } from "./messages";
import { en } from "./messages-en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the extension pages' text", () => {
  it("has every message in both languages, none empty, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe("");
      expect(en[key as keyof typeof en].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("writes Vietnamese with its diacritics", () => {
    const bare = /\b(tap huan|khuyen nong|mo hinh|nguoi tham gia|co so|rom ra|huu co|sinh hoc|to dan pho|ket qua)\b/i;
    for (const [key, text] of Object.entries(vi)) expect(text, key).not.toMatch(bare);
    expect(vi["ext.topic.awd"]).toBe("Tưới ướt khô xen kẽ (AWD)");
  });

  it("stays out of the shared catalogues, which every page downloads", () => {
    const sharedKeys = [...Object.keys(shared), ...Object.keys(sharedEn)];
    expect(sharedKeys.filter((key) => key.startsWith("ext."))).toEqual([]);
  });
});
