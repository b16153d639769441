import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/actor.js";
import { can } from "./policy.js";

const city: Actor = { userId: "u", name: "Thành phố", wardId: "w", role: "city", unitId: null };

describe("the city's policy", () => {
  it("reads the staff pages and the city's comparison, and may view any ward", () => {
    expect(can.readStaff(city)).toBe(true);
    expect(can.readCity(city)).toBe(true);
    expect(can.viewAnyWard(city)).toBe(true);
  });

  it("is granted no write rule, even for a unit it might be given", () => {
    const withUnit: Actor = { ...city, unitId: "unit" };
    for (const actor of [city, withUnit]) {
      expect(can.managePlan(actor)).toBe(false);
      expect(can.reportFor(actor, "unit")).toBe(false);
      expect(can.manageUsers(actor)).toBe(false);
      expect(can.manageUnits(actor)).toBe(false);
      expect(can.createWard(actor)).toBe(false);
      expect(can.manageDocuments(actor)).toBe(false);
      expect(can.viewHistory(actor)).toBe(false);
    }
  });

  it("grants it nothing else: a rule added later must be placed here on purpose", () => {
    // grantRole says which roles may be given at all; manageUsers says who gives them.
    const granted = Object.entries(can)
      .filter(([name]) => name !== "grantRole")
      .filter(([, rule]) => (rule as (actor: Actor, arg: string) => boolean)({ ...city, unitId: "unit" }, "unit"))
      .map(([name]) => name);
    expect(granted.sort()).toEqual(["readCity", "readStaff", "viewAnyWard"]);
  });

  it("is a role no ward admin gives or takes", () => {
    const admin: Actor = { ...city, role: "admin" };
    expect(can.grantRole(admin, "city")).toBe(false);
    expect(can.grantRole(admin, "platform_admin")).toBe(false);
    expect(can.grantRole(admin, "viewer")).toBe(true);
    expect(can.viewAnyWard(admin)).toBe(false);
    expect(can.readCity(admin)).toBe(false);
    expect(can.readCity({ ...city, role: "platform_admin" })).toBe(true);
    expect(can.viewAnyWard({ ...city, role: "platform_admin" })).toBe(false);
  });
});
