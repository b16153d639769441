import { describe, expect, it } from "vitest";
import type { Farm } from "@phuong-xanh/shared";
import {
  attendeeLabel,
  canReadExtension,
  canWriteExtension,
  farmsToOffer,
  matchesFilters,
  yearsOf,
} from "./extension-rules";

const farm = (id: string, name: string, representative: string | null, group: string | null, active = true): Farm => ({
  id,
  kind: "household",
  name,
  representative,
  phone: null,
  residentialGroup: group ? { id: `g-${group}`, code: group, name: `Tổ dân phố ${group}` } : null,
  address: null,
  proxyConsentAt: null,
  hasAccount: false,
  active,
  plots: 1,
  areaHa: 0.5,
  certifiedAreaHa: 0,
  certification: "none",
  version: 1,
});

const unit = (code: string) => ({ id: "00000000-0000-4000-8000-000000000001", code, name: code, shortName: code });

describe("who may", () => {
  it("lets the plan managers and Phòng Kinh tế write, every ward account and the city read", () => {
    expect(canWriteExtension({ role: "office", unit: null })).toBe(true);
    expect(canWriteExtension({ role: "unit_officer", unit: unit("kinh-te") })).toBe(true);
    expect(canWriteExtension({ role: "unit_officer", unit: unit("van-hoa") })).toBe(false);
    expect(canWriteExtension({ role: "viewer", unit: null })).toBe(false);
    expect(canReadExtension({ role: "viewer" })).toBe(true);
    expect(canReadExtension({ role: "city" })).toBe(true);
    expect(canReadExtension({ role: "platform_admin" })).toBe(false);
    expect(canReadExtension({ role: "producer" })).toBe(false);
  });
});

describe("the list's filters", () => {
  const item = { topic: "awd" as const, residentialGroup: { code: "to-1" }, from: "2025-11-01", until: "2026-03-01" };
  it("keeps an item matching every filter set, a model in each year it ran", () => {
    expect(matchesFilters(item, {})).toBe(true);
    expect(matchesFilters(item, { topic: "awd", group: "to-1", year: 2026 })).toBe(true);
    expect(matchesFilters(item, { year: 2025 })).toBe(true);
    expect(matchesFilters(item, { year: 2027 })).toBe(false);
    expect(matchesFilters(item, { topic: "bio_pesticides" })).toBe(false);
    expect(matchesFilters({ ...item, residentialGroup: null }, { group: "to-1" })).toBe(false);
  });
  it("offers the years the records span, newest first", () => {
    expect(
      yearsOf([
        { from: "2024-05-01", until: "2026-01-01" },
        { from: "2026-02-01", until: null },
      ]),
    ).toEqual([2026, 2025, 2024]);
    expect(yearsOf([])).toEqual([]);
  });
});

describe("the attendance picker", () => {
  const farms = [
    farm("a", "Hộ Nguyễn Văn Lúa", "Nguyễn Văn Lúa", "1"),
    farm("b", "Hộ Trần Thị Mạ", "Trần Thị Mạ", "2"),
    farm("c", "HTX Rau sạch", "Phạm Văn Đồng", "1"),
    farm("d", "Hộ đã nghỉ", null, null, false),
  ];
  it("finds farms by name or household head, accents and case aside, by name", () => {
    expect(farmsToOffer(farms, [], "").map((f) => f.id)).toEqual(["a", "b", "c"]);
    expect(farmsToOffer(farms, [], "tran thi").map((f) => f.id)).toEqual(["b"]);
    expect(farmsToOffer(farms, [], "dong").map((f) => f.id)).toEqual(["c"]);
    expect(farmsToOffer(farms, [], "tổ dân phố 1").map((f) => f.id)).toEqual(["a", "c"]);
  });
  it("does not offer a farm already recorded, nor an inactive one", () => {
    const attendees = [
      { farm: { id: "a", name: "Hộ Nguyễn Văn Lúa", representative: null }, personName: null },
      // A named person of farm b does not stand for the farm itself.
      { farm: { id: "b", name: "Hộ Trần Thị Mạ", representative: null }, personName: "Trần Văn Con" },
    ];
    expect(farmsToOffer(farms, attendees, "").map((f) => f.id)).toEqual(["b", "c"]);
  });
  it("labels an attendee by farm and name", () => {
    expect(attendeeLabel({ farm: { id: "a", name: "Hộ A", representative: null }, personName: "Bà B" })).toBe(
      "Hộ A — Bà B",
    );
    expect(attendeeLabel({ farm: null, personName: "Khách" })).toBe("Khách");
  });
});
