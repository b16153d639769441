import { describe, expect, it } from "vitest";
import { wardReportContentSchema } from "@phuong-xanh/shared";
import { namePathOf, placeMessages, settingsField, wardReportField, type NamePath } from "./form-paths";

describe("namePathOf", () => {
  it("reads server and zod paths alike", () => {
    expect(namePathOf("body.sectors.2.text")).toEqual(["sectors", 2, "text"]);
    expect(namePathOf("signer.title")).toEqual(["signer", "title"]);
    expect(namePathOf(["units", 0, "text"])).toEqual(["units", 0, "text"]);
    expect(namePathOf("body")).toEqual([]);
    expect(namePathOf("")).toEqual([]);
  });
});

describe("placeMessages", () => {
  // Recipients are one text box; the list-level and bookkeeping paths have no field.
  const map = (path: NamePath): NamePath | undefined => {
    if (path[0] === "recipients") return ["recipientsText"];
    if (path[0] === "sectors") return path.length === 3 ? path : undefined;
    if (path[0] === "baseVersion") return undefined;
    return path;
  };

  it("puts zod issues on nested fields, the first message per field", () => {
    const content = {
      summary: "x",
      intro: "",
      sectors: [{ ref: "1", heading: "Giao thông", text: "a\u0000b" }],
      units: [],
      shortcomings: "",
      nextTasks: "",
      proposals: "",
      signer: { prefix: "TM.", authorityTitle: "", title: "", name: "" },
      recipients: [],
    };
    const parsed = wardReportContentSchema.safeParse(content);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const placed = placeMessages(parsed.error.issues, map);
    const names = placed.fields.map((f) => f.name);
    expect(names).toContainEqual(["summary"]);
    expect(names).toContainEqual(["sectors", 0, "text"]);
    expect(names).toContainEqual(["signer", "title"]);
    expect(names).toContainEqual(["recipientsText"]);
    expect(placed.other).toEqual([]);
  });

  it("keeps what no field takes, with its path", () => {
    const placed = placeMessages(
      [
        { path: "body.baseVersion", message: "cũ" },
        { path: "body", message: "thiếu" },
        { path: "body.recipients.0", message: "trống" },
        { path: "body.recipients.1", message: "trống nữa" },
      ],
      map,
    );
    expect(placed.fields).toEqual([{ name: ["recipientsText"], errors: ["trống"] }]);
    expect(placed.other).toEqual([
      { path: "baseVersion", message: "cũ" },
      { path: "", message: "thiếu" },
    ]);
  });
});

describe("wardReportField", () => {
  it("maps the body's paths onto the editor", () => {
    expect(wardReportField(["content", "summary"])).toEqual(["summary"]);
    expect(wardReportField(["content", "sectors", 1, "text"])).toEqual(["sectors", 1, "text"]);
    expect(wardReportField(["content", "units", 0, "heading"])).toEqual(["units", 0, "text"]);
    expect(wardReportField(["content", "recipients", 3])).toEqual(["recipientsText"]);
    expect(wardReportField(["content", "recipients"])).toEqual(["recipientsText"]);
    expect(wardReportField(["content", "signer", "title"])).toEqual(["signer", "title"]);
    expect(wardReportField(["note"])).toEqual(["note"]);
    expect(wardReportField(["content", "sectors"])).toBeUndefined();
    expect(wardReportField(["baseVersion"])).toBeUndefined();
  });
});

describe("settingsField", () => {
  it("maps the body's paths onto the settings form", () => {
    expect(settingsField(["rules", "quarterly", "cutoffDay"])).toEqual(["rules", "quarterly", "cutoffDay"]);
    expect(settingsField(["extraHolidays", 2, "date"])).toEqual(["extraHolidays", 2, "date"]);
    expect(settingsField(["extraHolidays"])).toBeUndefined();
    expect(settingsField(["enabledKinds", 1])).toEqual(["enabledKinds"]);
    expect(settingsField(["recipients", 0])).toEqual(["recipientsText"]);
    expect(settingsField(["signer", "name"])).toEqual(["signer", "name"]);
    expect(settingsField(["version"])).toBeUndefined();
  });
});
