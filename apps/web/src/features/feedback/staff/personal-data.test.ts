import { describe, expect, it } from "vitest";
import { personDataSchema, personQuerySchema } from "@phuong-xanh/shared";
import { personExport, personQuery } from "./personal-data";

describe("a personal data request", () => {
  it("asks by what was typed, blanks left out, and the shared check wants one of them", () => {
    expect(personQuery({ email: " an@example.vn ", phone: "  " })).toEqual({ email: "an@example.vn" });
    expect(personQuery({ phone: "0912 345 678" })).toEqual({ phone: "0912 345 678" });
    expect(personQuerySchema.safeParse(personQuery({ email: "", phone: "" })).success).toBe(false);
    expect(personQuerySchema.safeParse(personQuery({ phone: "0912345678" })).success).toBe(true);
  });

  it("exports what was asked, when, and every report as the server gave it", () => {
    const data = personDataSchema.parse({
      reports: [
        {
          code: "PA-7K3M9Q",
          createdAt: "2026-03-01T02:00:00.000Z",
          category: "Đèn chiếu sáng hỏng",
          description: "Đèn trước nhà văn hóa hỏng",
          status: "fixed",
          contact: {
            name: "Nguyễn Văn An",
            phone: "0912345678",
            email: null,
            notify: false,
            consentedAt: "2026-03-01T02:00:00.000Z",
            erasedAt: null,
          },
          additions: [{ at: "2026-03-02T02:00:00.000Z", text: "Vẫn chưa sửa" }],
        },
      ],
    });
    const text = personExport({ phone: "0912345678" }, data, "2026-03-05T01:00:00.000Z");
    expect(text.endsWith("\n")).toBe(true);
    expect(JSON.parse(text)).toEqual({
      query: { phone: "0912345678" },
      exportedAt: "2026-03-05T01:00:00.000Z",
      reports: data.reports,
    });
    expect(text).toContain("Nguyễn Văn An");
  });
});
