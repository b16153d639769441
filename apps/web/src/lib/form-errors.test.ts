import { describe, expect, it } from "vitest";
import { apiFieldErrors } from "./form-errors";

describe("apiFieldErrors", () => {
  const fields = ["username", "unitId", "password"] as const;

  it("puts the server's details on the fields they name, request-validation paths included", () => {
    const placed = apiFieldErrors(
      [
        { path: "unitId", message: "Chọn đơn vị" },
        { path: "body.password", message: "Quá nhỏ" },
      ],
      fields,
    );
    expect(placed.fields).toEqual([
      { name: "unitId", errors: ["Chọn đơn vị"] },
      { name: "password", errors: ["Quá nhỏ"] },
    ]);
    expect(placed.other).toEqual([]);
  });

  it("keeps the first message per field and returns the details no field takes", () => {
    const placed = apiFieldErrors(
      [
        { path: "username", message: "đã được sử dụng" },
        { path: "username", message: "quá dài" },
        { path: "ward", message: "không hợp lệ" },
        { path: "", message: "chung" },
      ],
      fields,
    );
    expect(placed.fields).toEqual([{ name: "username", errors: ["đã được sử dụng"] }]);
    expect(placed.other.map((d) => d.message)).toEqual(["không hợp lệ", "chung"]);
  });

  it("follows a rename to the form's own field name", () => {
    const placed = apiFieldErrors([{ path: "owner.id", message: "Chọn đơn vị" }], fields, { "owner.id": "unitId" });
    expect(placed.fields).toEqual([{ name: "unitId", errors: ["Chọn đơn vị"] }]);
  });
});
