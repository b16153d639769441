import { describe, expect, it } from "vitest";
import { CERTIFICATION_SCHEMES, FARM_CERTIFICATION_STATUSES, FARM_KINDS } from "@phuong-xanh/shared";
import { vi as shared } from "../../../i18n/vi";
import { en as sharedEn } from "../../../i18n/en";
import { isRegistryMessageKey, registryMessagesVi as vi } from "./messages";
import { en } from "./messages-en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the farm registry pages' text", () => {
  it("has every message in both languages, none empty, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe("");
      expect(en[key as keyof typeof en].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("names every kind, certification scheme and certification status", () => {
    const wanted = [
      ...FARM_KINDS.map((k) => `reg.kind.${k}`),
      ...CERTIFICATION_SCHEMES.map((s) => `reg.scheme.${s}`),
      ...FARM_CERTIFICATION_STATUSES.map((s) => `reg.cert.${s}`),
    ];
    expect(wanted.filter((key) => !isRegistryMessageKey(key))).toEqual([]);
  });

  it("writes Vietnamese with its diacritics", () => {
    const bare = /\b(nong ho|thua ruong|chung nhan|dien tich|to dan pho|nhat ky|khong|co so)\b/i;
    for (const [key, text] of Object.entries(vi)) expect(text, key).not.toMatch(bare);
    expect(vi["reg.title"]).toBe("Sổ nông hộ");
  });

  it("stays out of the shared catalogues but for the menu's label", () => {
    const sharedKeys = [...Object.keys(shared), ...Object.keys(sharedEn)];
    expect(sharedKeys.filter((key) => key.startsWith("reg."))).toEqual([]);
    expect(shared["nav.registry"]).toBe("Sổ nông hộ");
  });
});
