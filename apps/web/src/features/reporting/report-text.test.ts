import { describe, expect, it } from "vitest";
import { wardReportContentSchema } from "@phuong-xanh/shared";
import { acceptedPercent, eventActionKey, linesToList, listToLines, windowText } from "./report-text";

describe("linesToList", () => {
  it("takes one recipient a line, without the dashes and blank lines", () => {
    expect(linesToList("- UBND Thành phố;\n\n  - Thường trực Đảng ủy phường;\r\n• Lưu: VT.  \n")).toEqual([
      "UBND Thành phố;",
      "Thường trực Đảng ủy phường;",
      "Lưu: VT.",
    ]);
    expect(linesToList("")).toEqual([]);
    expect(linesToList(undefined)).toEqual([]);
  });

  it("keeps a hyphen inside a line", () => {
    expect(linesToList("Phòng Kinh tế - Hạ tầng")).toEqual(["Phòng Kinh tế - Hạ tầng"]);
  });

  it("round-trips through the text box", () => {
    const list = ["UBND Thành phố;", "Lưu: VT."];
    expect(linesToList(listToLines(list))).toEqual(list);
  });

  it("gives a list the schema takes for the recipients", () => {
    const recipients = linesToList("- A\n- B");
    expect(wardReportContentSchema.shape.recipients.safeParse(recipients).success).toBe(true);
    expect(wardReportContentSchema.shape.recipients.safeParse(linesToList(" \n ")).success).toBe(false);
  });
});

describe("windowText", () => {
  it("writes the year once within a year, twice across one", () => {
    expect(windowText("2026-10-01", "2026-12-31")).toBe("01/10–31/12/2026");
    expect(windowText("2025-12-15", "2026-03-14")).toBe("15/12/2025–14/03/2026");
  });
});

describe("eventActionKey", () => {
  it("drops a prefix", () => {
    expect(eventActionKey("unit_report.submit")).toBe("submit");
    expect(eventActionKey("accept")).toBe("accept");
  });
});

describe("acceptedPercent", () => {
  it("counts every unit asked, and 0 when none was", () => {
    expect(acceptedPercent({ draft: 1, submitted: 1, returned: 1, accepted: 3 })).toEqual({
      accepted: 3,
      total: 6,
      percent: 50,
    });
    expect(acceptedPercent({ draft: 0, submitted: 0, returned: 0, accepted: 0 }).percent).toBe(0);
  });
});
