import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { documentDateLine, formatNumberVi, renderOfficialDocx, type OfficialDocument } from "./document.js";
import { checkDecree30Layout, docxText } from "./layout-check.js";
import { sampleReport } from "../../test/sample-report.js";

/** The sample with one part of the file rewritten, as a hand edit in Word would. */
async function edited(docx: Buffer, part: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file(part);
  if (!file) throw new Error(`${part} missing`);
  const before = await file.async("string");
  const after = edit(before);
  expect(after, `edit of ${part} changed nothing`).not.toBe(before);
  zip.file(part, after);
  return zip.generateAsync({ type: "nodebuffer" });
}

const failing = async (docx: Buffer) => (await checkDecree30Layout(docx)).filter((r) => !r.ok).map((r) => r.rule);

let sample: OfficialDocument;
let docx: Buffer;

beforeAll(async () => {
  sample = await sampleReport();
  docx = await renderOfficialDocx(sample);
});

describe("formatNumberVi and documentDateLine", () => {
  it("writes numbers the Vietnamese way", () => {
    expect(formatNumberVi(1234.5)).toBe("1.234,5");
    expect(formatNumberVi(1234567)).toBe("1.234.567");
    expect(formatNumberVi(0.125, 3)).toBe("0,125");
    expect(formatNumberVi(-2.456)).toBe("-2,46");
  });

  it("puts a leading 0 on days below 10 and on months 1 and 2 only", () => {
    expect(documentDateLine("Việt Hòa", "2026-04-05", 2026)).toBe("Việt Hòa, ngày 05 tháng 4 năm 2026");
    expect(documentDateLine("Việt Hòa", "2026-02-13", 2026)).toBe("Việt Hòa, ngày 13 tháng 02 năm 2026");
    expect(documentDateLine("Việt Hòa", "2026-12-31", 2026)).toBe("Việt Hòa, ngày 31 tháng 12 năm 2026");
    expect(documentDateLine("Việt Hòa", null, 2027)).toMatch(/^Việt Hòa, ngày {2,}tháng {2,}năm 2027$/);
    expect(() => documentDateLine("Việt Hòa", "2026-02-30", 2026)).toThrow();
  });
});

describe("renderOfficialDocx", () => {
  it("passes every rule of the Decree 30 layout", async () => {
    const results = await checkDecree30Layout(docx);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Each row of the reference's table and the page rules is checked, not skipped.
    expect(results.map((r) => r.rule)).toEqual(
      expect.arrayContaining([
        "page.a4",
        "page.margins",
        "page.numbers",
        "font.timesNewRoman",
        "header.nationalTitle",
        "header.motto",
        "header.mottoRule",
        "header.parentAuthority",
        "header.authority",
        "header.authorityRule",
        "header.number",
        "header.dateLine",
        "title.type",
        "title.summary",
        "title.summaryRule",
        "title.bases",
        "title.draftNotice",
        "body.paragraphs",
        "body.headings",
        "body.tables",
        "body.figures",
        "signing.authority",
        "signing.name",
        "recipients.label",
        "recipients.lines",
        "annexes",
        "properties",
      ]),
    );
  });

  it("writes the elements' texts as the Decree has them", async () => {
    const lines = (await docxText(docx)).split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        "ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HÒA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-UBND",
        "Việt Hòa, ngày 03 tháng 02 năm 2026",
        "BÁO CÁO",
        "Căn cứ Kế hoạch số 133/KH-UBND ngày 16/4/2026 của Ủy ban nhân dân thành phố;",
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 20/4/2026 của Ủy ban nhân dân phường.",
        "I. KẾT QUẢ THỰC HIỆN",
        "- Tuyên truyền, vận động Nhân dân phân loại rác tại nguồn",
        "1.234,5",
        "91,25",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thành Hải",
        "Nơi nhận:",
        "- UBND thành phố (b/c);",
        "- Thường trực Đảng ủy phường (b/c);",
        "- Lưu: VT, VP.",
        "Phụ lục",
        "TIẾN ĐỘ NHIỆM VỤ THEO ĐƠN VỊ",
        "(Kèm theo Báo cáo số 05/BC-UBND ngày 03 tháng 02 năm 2026)",
        "62,5",
      ]),
    );
    // The blank number and date a document to be signed carries.
    const unsigned = await renderOfficialDocx({ ...sample, number: null, date: null, annexes: [] });
    const text = await docxText(unsigned);
    expect(text).toMatch(/^Số: {3,}\/BC-UBND$/m);
    expect(text).toMatch(/^Việt Hòa, ngày {2,}tháng {2,}năm 2026$/m);
    expect((await checkDecree30Layout(unsigned)).filter((r) => !r.ok)).toEqual([]);
  });

  it("adds the archive line when the caller forgot it, and numbers two annexes I and II", async () => {
    const annex = sample.annexes?.[0];
    if (!annex) throw new Error("sample has no annex");
    const other = await renderOfficialDocx({
      ...sample,
      signer: { prefix: "TM.", authorityTitle: "Ủy ban nhân dân", title: "Chủ tịch", name: "Trần Văn A" },
      recipients: ["Như trên"],
      annexes: [annex, { ...annex, landscape: false }],
    });
    const text = await docxText(other);
    expect(text).toContain("- Như trên;\n- Lưu: VT.");
    expect(text).toContain("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");
    expect(text).toContain("Phụ lục I\n");
    expect(text).toContain("Phụ lục II\n");
    expect(await failing(other)).toEqual([]);
  });
  it("drops characters a DOCX cannot carry instead of writing a file Word refuses", async () => {
    const dirty = await renderOfficialDocx({
      ...sample,
      summary: "Kết quả\u0001 quý III",
      body: [{ kind: "paragraph", text: "Số liệu\u0007 sơ bộ \uD800" }],
    });
    const text = await docxText(dirty);
    expect(text).toContain("Kết quả quý III");
    expect(text).toContain("Số liệu sơ bộ ");
    expect(await failing(dirty)).toEqual([]);
  });
});

describe("checkDecree30Layout fails a document that breaks the layout", () => {
  it("margins out of range", async () => {
    const broken = await edited(docx, "word/document.xml", (xml) =>
      xml.replace(/(<w:pgMar[^>]*w:left=")\d+"/, '$1850"'),
    );
    expect(await failing(broken)).toEqual(["page.margins"]);
  });

  it("a font other than Times New Roman in the defaults", async () => {
    const broken = await edited(docx, "word/styles.xml", (xml) =>
      xml.replace(/(<w:rPrDefault><w:rPr><w:rFonts)[^/]*\/>/, '$1 w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'),
    );
    expect(await failing(broken)).toContain("font.timesNewRoman");
  });

  it("a font set on one run", async () => {
    const broken = await edited(docx, "word/document.xml", (xml) =>
      xml.replace(
        /(<w:pStyle w:val="PxBody"\/><\/w:pPr><w:r>)/,
        '$1<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/></w:rPr>',
      ),
    );
    expect(await failing(broken)).toEqual(["font.timesNewRoman"]);
  });

  it("a letter page, a numbered first page, and recipients without their punctuation", async () => {
    const letter = await edited(docx, "word/document.xml", (xml) =>
      xml.replace('<w:pgSz w:w="11906" w:h="16838"', '<w:pgSz w:w="12240" w:h="15840"'),
    );
    expect(await failing(letter)).toEqual(["page.a4"]);
    const firstNumbered = await edited(docx, "word/document.xml", (xml) => xml.replace("<w:titlePg/>", ""));
    expect(await failing(firstNumbered)).toEqual(["page.numbers"]);
    const recipients = await edited(docx, "word/document.xml", (xml) => xml.replace("- Lưu: VT, VP.", "- Lưu VT"));
    expect(await failing(recipients)).toEqual(["recipients.lines"]);
  });

  it("line spacing without its rule, which LibreOffice reads as exact and which clips the chart", async () => {
    const broken = await edited(docx, "word/styles.xml", (xml) => xml.replaceAll(' w:lineRule="auto"', ""));
    expect(await failing(broken)).toEqual(["body.paragraphs", "body.figures"]);
  });

  it("a body paragraph without first-line indent and a summary in capitals", async () => {
    const noIndent = await edited(docx, "word/styles.xml", (xml) =>
      xml.replace(/(w:styleId="PxBody">.*?)<w:ind w:firstLine="567"\/>/, "$1"),
    );
    expect(await failing(noIndent)).toEqual(["body.paragraphs"]);
    const upperSummary = await renderOfficialDocx({ ...sample, summary: sample.summary.toLocaleUpperCase("vi") });
    expect(await failing(upperSummary)).toEqual(["title.summary"]);
  });
});
