import { describe, expect, it } from "vitest";
import { vi as shared } from "../../i18n/vi";
import { en as sharedEn } from "../../i18n/en";
import { certificatesMessagesVi as vi } from "./messages";
import { en } from "./messages-en";
import { verifyMessages } from "./verify-messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectMatching(source: Record<string, string>, other: Record<string, string>) {
  expect(Object.keys(other).sort()).toEqual(Object.keys(source).sort());
  for (const [key, text] of Object.entries(source)) {
    expect(text.trim(), key).not.toBe("");
    expect(other[key]?.trim(), key).not.toBe("");
    expect(placeholders(other[key] ?? ""), key).toEqual(placeholders(text));
  }
}

describe("the certificate pages' text", () => {
  it("has every message in both languages, none empty, with the same placeholders", () => {
    expectMatching(vi, en);
    expectMatching(verifyMessages.vi, verifyMessages.en);
  });

  it("writes Vietnamese with its diacritics", () => {
    const bare = /\b(chung nhan|tieu chi|san pham|ho so|thu hoi|hieu luc|nhat ky|khong|rom ra|co so)\b/i;
    for (const [key, text] of Object.entries({ ...vi, ...verifyMessages.vi })) expect(text, key).not.toMatch(bare);
    expect(verifyMessages.vi["verify.state.valid"]).toBe("Còn hiệu lực");
  });

  it("stays out of the shared catalogues, which every page downloads", () => {
    const sharedKeys = [...Object.keys(shared), ...Object.keys(sharedEn)];
    expect(sharedKeys.filter((key) => key.startsWith("cert.") || key.startsWith("verify."))).toEqual([]);
  });
});
