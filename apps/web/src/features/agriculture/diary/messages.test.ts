import { describe, expect, it } from "vitest";
import { DIARY_ENTRY_KINDS, FOOTPRINT_SOURCES, REQUIRED_DIARY_STEPS } from "@phuong-xanh/shared";
import { vi as shared } from "../../../i18n/vi";
import { en as sharedEn } from "../../../i18n/en";
import { fieldLabel, KIND_FIELDS } from "./entry-form";
import { diaryMessagesVi as vi, isDiaryMessageKey } from "./messages";
import { en } from "./messages-en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the diary page's text", () => {
  it("has every message in both languages, none empty, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe("");
      expect(en[key as keyof typeof en].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("names every kind, field, option, unit, missing step and footprint source", () => {
    const wanted = [
      ...DIARY_ENTRY_KINDS.map((kind) => `diary.kind.${kind}`),
      ...REQUIRED_DIARY_STEPS.map((step) => `diary.step.${step}`),
      ...FOOTPRINT_SOURCES.map((source) => `diary.source.${source}`),
      ...Object.values(KIND_FIELDS).flatMap((fields) =>
        fields.flatMap((spec) => [
          `diary.field.${fieldLabel(spec)}`,
          ...(spec.type === "select" ? spec.options.map((o) => `diary.option.${fieldLabel(spec)}.${o}`) : []),
          ...(spec.type === "number" && spec.unit ? [`diary.unit.${spec.unit}`] : []),
        ]),
      ),
    ];
    expect(wanted.filter((key) => !isDiaryMessageKey(key))).toEqual([]);
  });

  it("writes Vietnamese with its diacritics, and the offline banner as agreed", () => {
    const bare = /\b(nhat ky|ghi chep|dong bo|ngoai tuyen|thua ruong|thu hoach|bon phan|khong)\b/i;
    for (const [key, text] of Object.entries(vi)) expect(text, key).not.toMatch(bare);
    expect(vi["diary.offline"]).toBe("Đang ngoại tuyến — ghi chép được lưu trên máy và gửi khi có mạng");
    expect(vi["diary.pending"]).toBe("Chờ đồng bộ");
  });

  it("stays out of the shared catalogues, which every page downloads", () => {
    const sharedKeys = [...Object.keys(shared), ...Object.keys(sharedEn)];
    expect(sharedKeys.filter((key) => key.startsWith("diary."))).toEqual([]);
  });
});
