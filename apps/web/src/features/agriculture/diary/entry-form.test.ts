import { describe, expect, it } from "vitest";
import { DIARY_ENTRY_KINDS, diaryDetailsSchema } from "@phuong-xanh/shared";
import { detailsFromValues, emptyValues, KIND_FIELDS, lastOfKind, prefillFor, valuesFromDetails } from "./entry-form";
import { loadChoice, resolveChoice, saveChoice } from "./diary-choice";

describe("the diary entry form", () => {
  it("asks for every field the shared schema has, and no other", () => {
    for (const kind of DIARY_ENTRY_KINDS) {
      const option = diaryDetailsSchema.options.find((o) => {
        const k = o.shape.kind;
        return "options" in k ? k.options.some((v) => v === kind) : k.value === kind;
      });
      const schemaKeys = Object.keys(option?.shape ?? {})
        .filter((k) => k !== "kind")
        .sort();
      const formKeys = KIND_FIELDS[kind]
        .map((f) => (f.key.startsWith("amendment") ? "amendments" : f.key))
        .filter((k, i, all) => all.indexOf(k) === i)
        .sort();
      expect(formKeys, kind).toEqual(schemaKeys);
    }
  });

  it("turns a filled form into the API's details, leaving blanks out", () => {
    const result = detailsFromValues("fertiliser", {
      product: " Urê Phú Mỹ ",
      amountKg: 12,
      nPercent: 46,
      type: "synthetic",
      isUrea: true,
      ignored: "x",
    });
    expect(result).toEqual({
      ok: true,
      details: {
        kind: "fertiliser",
        product: "Urê Phú Mỹ",
        amountKg: 12,
        nPercent: 46,
        type: "synthetic",
        isUrea: true,
      },
    });
    expect(detailsFromValues("harvest", { yieldKg: 3000, dieselLitres: null })).toEqual({
      ok: true,
      details: { kind: "harvest", yieldKg: 3000 },
    });
  });

  it("folds the amendment's two fields into the list the API takes, and back", () => {
    const result = detailsFromValues("land_preparation", { amendmentType: "compost", amendmentTonnesPerHa: 2 });
    expect(result).toEqual({
      ok: true,
      details: { kind: "land_preparation", amendments: [{ type: "compost", tonnesPerHa: 2 }] },
    });
    expect(valuesFromDetails({ kind: "land_preparation", amendments: [{ type: "compost", tonnesPerHa: 2 }] })).toEqual({
      amendmentType: "compost",
      amendmentTonnesPerHa: 2,
    });
  });

  it("says which field is wrong, with the server's own rules", () => {
    const missing = detailsFromValues("fertiliser", { amountKg: 0, isUrea: false });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(["product", "amountKg", "nPercent", "type"]),
    );
    const burnt = detailsFromValues("residue", { handling: "burnt" });
    expect(burnt).toEqual({
      ok: false,
      errors: [{ field: "tonnesDm", message: "Rơm rạ bị đốt: cần ước lượng khối lượng (tấn chất khô)" }],
    });
  });

  it("quick entry: starts from the last entry of the same kind", () => {
    const entries = [
      { occurredOn: "2026-10-01", details: { kind: "fertiliser", product: "NPK", amountKg: 20, nPercent: 16 } },
      { occurredOn: "2026-10-20", details: { kind: "fertiliser", product: "Urê", amountKg: 10, nPercent: 46 } },
      { occurredOn: "2026-10-25", details: { kind: "irrigation", waterRegime: "multiple_drainage" } },
      { occurredOn: "2026-10-05", details: { kind: "fertiliser", product: "Kali", amountKg: 5, nPercent: 0 } },
    ];
    expect(lastOfKind(entries, "fertiliser")?.details.product).toBe("Urê");
    expect(prefillFor(entries, "fertiliser")).toEqual({ isUrea: false, product: "Urê", amountKg: 10, nPercent: 46 });
    expect(prefillFor(entries, "harvest")).toBeUndefined();
    expect(emptyValues("harvest")).toEqual({});
  });
});

describe("the remembered farm, plot and season", () => {
  const season = (id: string) => ({
    id,
    name: id,
    crop: "Lúa",
    variety: null,
    startedOn: "2026-11-01",
    closedOn: null,
    entryCount: 0,
    lastEntryOn: null,
    version: 1,
  });
  const overview = {
    farms: [
      {
        id: "f1",
        name: "Hộ A",
        kind: "household",
        plots: [
          { id: "p1", name: "Thửa 1", areaHa: 0.3, crop: "Lúa", seasons: [season("s1"), season("s2")] },
          { id: "p2", name: "Thửa 2", areaHa: 0.4, crop: "Lúa", seasons: [season("s3")] },
        ],
      },
    ],
  };

  it("comes back as far as it still exists, else the only option", () => {
    const store = new Map<string, string>();
    const kv = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    saveChoice(kv, { farmId: "f1", plotId: "p1", seasonId: "s2" });
    const choice = loadChoice(kv);
    expect(resolveChoice(overview, choice).season?.id).toBe("s2");
    expect(resolveChoice(overview, { ...choice, seasonId: "gone" }).season).toBeUndefined();
    expect(resolveChoice(overview, { farmId: "f1", plotId: "p2" }).season?.id).toBe("s3");
    expect(resolveChoice(overview, {})).toEqual({ farm: overview.farms[0] });
    expect(resolveChoice({ farms: [] }, choice)).toEqual({});
    expect(loadChoice({ getItem: () => "not json", setItem: () => undefined })).toEqual({});
  });
});
