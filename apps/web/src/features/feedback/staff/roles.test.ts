import { describe, expect, it } from "vitest";
import type { Role } from "@phuong-xanh/shared";
import { canConfigure, canHandlePersonalData, canManageApiKeys, canManageSettings } from "./roles";

const as = (role: Role) => ({ role });

describe("who configures reports", () => {
  it("gives the Office categories, templates and personal data, not the keys", () => {
    expect(canManageSettings(as("office"))).toBe(true);
    expect(canHandlePersonalData(as("office"))).toBe(true);
    expect(canManageApiKeys(as("office"))).toBe(false);
  });

  it("gives the admin the keys but never a person's data", () => {
    expect(canManageApiKeys(as("admin"))).toBe(true);
    expect(canManageSettings(as("admin"))).toBe(true);
    expect(canHandlePersonalData(as("admin"))).toBe(false);
  });

  it("gives leaders the personal data requests only, and a unit officer no settings page", () => {
    expect(canConfigure(as("ward_leader"))).toBe(true);
    expect(canManageSettings(as("ward_leader"))).toBe(false);
    expect(canConfigure(as("unit_officer"))).toBe(false);
    expect(canConfigure(as("city"))).toBe(false);
  });
});
