import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorDetail, IndicatorSummary } from "@phuong-xanh/shared";
import { checkDecree30Layout, docxText } from "../../lib/official-document/layout-check.js";
import { startTestApp, type TestApp } from "../../test/harness.js";
import { allTaskRows } from "./service.js";

let t: TestApp;
let leader: Record<string, string>;

const download = async (headers: Record<string, string>) => {
  const response = await t.app.inject({ method: "GET", url: "/api/plan/export.docx", headers });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response;
};

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login("lanhdao");
});
afterAll(async () => t?.close());

describe("GET /api/plan/export.docx", () => {
  it("re-issues the plan laid out per Decree 30, with every task of the plan", async () => {
    const response = await download(leader);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(response.headers["content-disposition"]).toContain('filename="ke-hoach-viet-hoa-nq08.docx"');
    const docx = response.rawPayload;
    expect((await checkDecree30Layout(docx)).filter((r) => !r.ok)).toEqual([]);

    const text = await docxText(docx);
    const rows = await allTaskRows(t.database.db, t.wardId);
    expect(rows.length).toBeGreaterThan(50);
    const missing = rows.filter((r) => !text.includes(r.title)).map((r) => `${r.code} ${r.title}`);
    expect(missing).toEqual([]);
    const lines = text.split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HÒA",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. MỤC TIÊU",
        "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Chuyển đổi xanh giao thông",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thành Hải",
        "- Thường trực Đảng ủy phường (b/c);",
        "- Phòng Kinh tế, Hạ tầng và Đô thị;",
        "- Lưu: VT, VP.",
        "Phụ lục",
      ]),
    );
    // The plan is not numbered yet: number and date are left for the clerk.
    expect(text).toMatch(/^Số: {3,}\/KH-UBND$/m);
    expect(text).toMatch(/^Việt Hòa, ngày {2,}tháng {2,}năm \d{4}$/m);
    // The opening sentence is the basis (italic, "."), the lead-in stays in the body.
    expect(lines.some((l) => l.startsWith("Thực hiện Kế hoạch số 133/KH-UBND") && l.endsWith("phường Việt Hòa."))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith("UBND phường Việt Hòa xây dựng Kế hoạch") && l.endsWith("như sau:"))).toBe(
      true,
    );
  });

  it("shows a ward's adjusted target", async () => {
    const list = await t.app.inject({ method: "GET", url: "/api/indicators", headers: leader });
    const indicator = (list.json() as { indicators: IndicatorSummary[] }).indicators.find(
      (i) => i.code === "gap-organic-area-share",
    );
    if (!indicator) throw new Error("indicator gap-organic-area-share missing");
    const before = await docxText((await download(leader)).rawPayload);
    expect(before).toContain("Tỷ lệ diện tích trồng trọt đạt tiêu chuẩn GAP, hữu cơ: mục tiêu năm 2030 là 20%");

    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/indicators/${indicator.id}`,
      headers: leader,
      payload: { version: indicator.version, targetValue: 27.5 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as IndicatorDetail).targetValue).toBe(27.5);

    const after = await docxText((await download(leader)).rawPayload);
    expect(after).toContain("Tỷ lệ diện tích trồng trọt đạt tiêu chuẩn GAP, hữu cơ: mục tiêu năm 2030 là 27,5%");
    expect(after).not.toContain("GAP, hữu cơ: mục tiêu năm 2030 là 20%");
  });

  it("is for signed-in staff only; any of them may download it", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/api/plan/export.docx" });
    expect(anonymous.statusCode).toBe(401);
    const officer = await t.login("mttq");
    const response = await download(officer);
    expect(response.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });
});
