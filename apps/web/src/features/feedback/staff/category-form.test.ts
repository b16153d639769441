import { describe, expect, it } from "vitest";
import { saveCategorySchema, type Category } from "@phuong-xanh/shared";
import {
  categoryField,
  categoryToValues,
  suggestQuestionCode,
  suggestValueKey,
  toggledBody,
  valuesToBody,
} from "./category-form";

const UNIT = "5d3c1b2a-4e6f-4a8b-9c0d-1e2f3a4b5c6d";
const OTHER_UNIT = "6e4d2c3b-5f7a-4b9c-8d1e-2f3a4b5c6d7e";
const GROUP = "7f5e3d4c-6a8b-4cad-9e2f-3a4b5c6d7e8f";

const category: Category = {
  id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  code: "dot-rom-ra",
  name: "Đốt rơm rạ",
  description: "Đốt rơm rạ, rác ngoài trời",
  group: "Môi trường",
  keywords: "khói, đốt",
  questions: [
    {
      code: "dang_chay",
      label: "Có đang cháy không?",
      datatype: "singlevaluelist",
      required: true,
      values: [
        { key: "co", name: "Có" },
        { key: "khong", name: "Không" },
      ],
    },
    { code: "ghi_chu", label: "Ghi chú thêm", datatype: "text", required: false, hint: "Nếu có" },
  ],
  slaDays: 3,
  unit: { id: UNIT, name: "Phòng Kinh tế" },
  task: null,
  indicator: null,
  sensitive: false,
  active: true,
  routes: [{ residentialGroup: { id: GROUP, name: "TDP 3" }, unit: { id: OTHER_UNIT, name: "Trung tâm" } }],
  version: 4,
};

describe("the category form", () => {
  it("gives back the category it was filled from", () => {
    const body = saveCategorySchema.parse(valuesToBody(categoryToValues(category)));
    expect(body).toEqual({
      code: "dot-rom-ra",
      name: "Đốt rơm rạ",
      description: "Đốt rơm rạ, rác ngoài trời",
      group: "Môi trường",
      keywords: "khói, đốt",
      questions: category.questions,
      slaDays: 3,
      unitId: UNIT,
      taskId: null,
      indicatorId: null,
      sensitive: false,
      active: true,
      routes: [{ residentialGroupId: GROUP, unitId: OTHER_UNIT }],
    });
  });

  it("trims, drops an empty hint, the choices of a question that is no longer a list and half-filled routes", () => {
    const body = valuesToBody({
      code: " den-hong ",
      name: " Đèn hỏng ",
      group: "Hạ tầng",
      slaDays: 5,
      unitId: UNIT,
      questions: [
        {
          code: "so_cot",
          label: " Số cột ",
          datatype: "number",
          required: false,
          hint: "  ",
          values: [{ key: "a", name: "A" }],
        },
      ],
      routes: [{ residentialGroupId: GROUP }, { residentialGroupId: GROUP, unitId: OTHER_UNIT }],
    });
    expect(body.code).toBe("den-hong");
    expect(body.questions).toEqual([{ code: "so_cot", label: "Số cột", datatype: "number", required: false }]);
    expect(body.routes).toEqual([{ residentialGroupId: GROUP, unitId: OTHER_UNIT }]);
    expect(saveCategorySchema.safeParse(body).success).toBe(true);
  });

  it("lets the schema refuse a form with no SLA rather than send a guess", () => {
    const parsed = saveCategorySchema.safeParse(valuesToBody({ code: "x", name: "X", group: "G", unitId: UNIT }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain("slaDays");
  });

  it("switches a category off with everything else as it was, and its version", () => {
    const body = toggledBody(category, false);
    expect(body.active).toBe(false);
    expect(body.version).toBe(4);
    expect(body.questions).toEqual(category.questions);
  });
});

describe("codes from words", () => {
  it("suggests a question's code and a choice's key without accents", () => {
    expect(suggestQuestionCode("Có đang cháy không?")).toBe("co_dang_chay_khong");
    expect(suggestQuestionCode("3 ngày qua?")).toBe("ngay_qua");
    expect(suggestValueKey("Đang cháy")).toBe("dang_chay");
    expect(suggestValueKey("1-2 lần")).toBe("1_2_lan");
  });
});

describe("categoryField", () => {
  it("puts a message on the field of its path, inside the lists too", () => {
    expect(categoryField(["slaDays"])).toEqual(["slaDays"]);
    expect(categoryField(["questions", 1, "label"])).toEqual(["questions", 1, "label"]);
    expect(categoryField(["questions", 0, "values", 2, "key"])).toEqual(["questions", 0, "values", 2, "key"]);
    expect(categoryField(["routes", 3, "unitId"])).toEqual(["routes", 3, "unitId"]);
  });

  it("has no field for a message about a whole list or an unknown path", () => {
    expect(categoryField(["questions"])).toBeUndefined();
    expect(categoryField(["routes", 3])).toBeUndefined();
    expect(categoryField(["questions", 0, "values"])).toBeUndefined();
    expect(categoryField(["version"])).toBeUndefined();
  });
});
