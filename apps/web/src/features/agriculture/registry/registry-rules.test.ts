import { describe, expect, it } from "vitest";
import { saveFarmSchema, savePlotSchema, type Certification, type Farm, type Plot } from "@phuong-xanh/shared";
import { choiceFromSearch } from "../diary/diary-choice";
import {
  canKeepRegistry,
  certificationState,
  currentCertification,
  farmBody,
  farmValues,
  plotBody,
  plotPoint,
  plotValues,
  registryPaths,
} from "./registry-rules";

const farm: Farm = {
  id: "11111111-1111-4111-8111-111111111111",
  kind: "household",
  name: "Hộ Nguyễn Văn Lúa",
  representative: "Nguyễn Văn Lúa",
  phone: null,
  residentialGroup: { id: "22222222-2222-4222-8222-222222222222", code: "to-1", name: "Tổ dân phố 1" },
  address: null,
  proxyConsentAt: "2026-01-01T01:00:00.000Z",
  hasAccount: false,
  active: true,
  plots: 0,
  areaHa: 0,
  certifiedAreaHa: 0,
  certification: "none",
  version: 3,
};
const cert = (over: Partial<Certification>): Certification => ({
  id: "33333333-3333-4333-8333-333333333333",
  scheme: "vietgap",
  certificateNumber: "VG-1",
  issuer: "Trung tâm",
  validFrom: "2025-01-01",
  validUntil: "2027-01-01",
  withdrawnOn: null,
  withdrawnReason: null,
  valid: true,
  version: 1,
  ...over,
});

describe("the farm registry's rules", () => {
  it("shows the menu to the plan managers and Phòng Kinh tế only", () => {
    expect(canKeepRegistry({ role: "office", unit: null })).toBe(true);
    expect(canKeepRegistry({ role: "unit_officer", unit: { code: "kinh-te" } as never })).toBe(true);
    expect(canKeepRegistry({ role: "unit_officer", unit: { code: "vhxh" } as never })).toBe(false);
    expect(canKeepRegistry({ role: "viewer", unit: null })).toBe(false);
    expect(canKeepRegistry({ role: "city", unit: null })).toBe(false);
  });

  it("turns the farm form into a body the shared schema takes, with the version seen", () => {
    const values = { ...farmValues(farm), phone: "", address: "  " };
    const body = saveFarmSchema.parse(farmBody(values, farm));
    expect(body).toMatchObject({
      residentialGroup: "to-1",
      proxyConsent: true,
      phone: null,
      address: null,
      version: 3,
    });
    expect(
      saveFarmSchema.parse({ ...farmBody(farmValues(undefined), undefined), name: "Hộ Mới" }).version,
    ).toBeUndefined();
  });

  it("turns the plot form into a body, the group defaulting to the farm's", () => {
    const values = { ...plotValues(undefined, farm), name: "Thửa 1", areaHa: 0.35, crop: "Lúa" };
    expect(values.residentialGroup).toBe("to-1");
    const body = savePlotSchema.parse(plotBody(values, farm, undefined));
    expect(body).toMatchObject({ farmId: farm.id, areaHa: 0.35, latitude: null, outline: null });
  });

  it("says how a certificate stands, and which one a plot shows first", () => {
    expect(certificationState(cert({}))).toBe("valid");
    expect(certificationState(cert({ valid: false, withdrawnOn: "2026-01-01" }))).toBe("withdrawn");
    expect(certificationState(cert({ valid: false }))).toBe("expired");
    const old = cert({ id: "a", valid: false, validFrom: "2020-01-01" });
    const newer = cert({ id: "b", valid: false, validFrom: "2024-01-01" });
    expect(currentCertification({ certifications: [old, newer] })?.id).toBe("b");
    expect(currentCertification({ certifications: [old, cert({ id: "c" })] })?.id).toBe("c");
    expect(currentCertification({ certifications: [] })).toBeUndefined();
  });

  it("pins a plot at its point, or the middle of its outline", () => {
    expect(plotPoint({ latitude: 20.8, longitude: 106.6, outline: null })).toEqual({ lat: 20.8, lng: 106.6 });
    const outline: Plot["outline"] = {
      type: "Polygon",
      coordinates: [
        [
          [106, 20],
          [107, 20],
          [107, 21],
          [106, 21],
          [106, 20],
        ],
      ],
    };
    expect(plotPoint({ latitude: null, longitude: null, outline })).toEqual({ lat: 20.5, lng: 106.5 });
    expect(plotPoint({ latitude: null, longitude: null, outline: null })).toBeNull();
  });

  it("links a season to the diary page, which opens on it", () => {
    const path = registryPaths.diary({ farmId: "f", plotId: "p", id: "s" });
    expect(path).toBe("/nhat-ky?co-so=f&thua=p&vu=s");
    expect(choiceFromSearch(path.slice(path.indexOf("?")))).toEqual({ farmId: "f", plotId: "p", seasonId: "s" });
    expect(choiceFromSearch("")).toBeNull();
  });
});
