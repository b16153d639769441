import { describe, expect, it } from "vitest";
import { staffReportListQuerySchema } from "@phuong-xanh/shared";
import {
  defaultQueue,
  exportQuery,
  filtersFromParams,
  listQuery,
  paramsFromFilters,
  queueCount,
  shortText,
  withFilter,
  type InboxFilters,
} from "./inbox-filters";

const CATEGORY = "0b7a4c1e-2f3d-4a5b-8c9d-0e1f2a3b4c5d";
const GROUP = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

describe("the inbox's address", () => {
  it("starts the Office and the admin on the new reports, the others on the open ones", () => {
    expect(defaultQueue("office")).toBe("new");
    expect(defaultQueue("admin")).toBe("new");
    expect(defaultQueue("unit_officer")).toBe("open");
    expect(defaultQueue("ward_leader")).toBe("open");
  });

  it("reads every filter back from what it wrote", () => {
    const filters: InboxFilters = {
      queue: "overdue",
      category: CATEGORY,
      residentialGroup: GROUP,
      status: "in_progress",
      q: "đèn đường",
      page: 3,
    };
    const params = paramsFromFilters(filters, "new");
    expect(params.toString()).toContain("queue=overdue");
    expect(filtersFromParams(params, "new")).toEqual(filters);
  });

  it("leaves the defaults out of the address", () => {
    expect(paramsFromFilters({ queue: "new", page: 1 }, "new").toString()).toBe("");
    expect(paramsFromFilters({ queue: "open", q: "  ", page: 1 }, "open").toString()).toBe("");
  });

  it("drops what it cannot use rather than send it", () => {
    const params = new URLSearchParams("queue=everything&status=burning&category=abc&page=0&unit=" + CATEGORY);
    expect(filtersFromParams(params, "open")).toEqual({ queue: "open", unit: CATEGORY, page: 1 });
    expect(filtersFromParams(new URLSearchParams("page=2.5"), "new").page).toBe(1);
    expect(filtersFromParams(new URLSearchParams(`q=${"x".repeat(300)}`), "new").q).toHaveLength(100);
  });

  it("goes back to the first page when a filter changes, and forgets a cleared one", () => {
    const start: InboxFilters = { queue: "open", status: "confirmed", q: "rác", page: 4 };
    expect(withFilter(start, { queue: "overdue" })).toEqual({
      queue: "overdue",
      status: "confirmed",
      q: "rác",
      page: 1,
    });
    expect(withFilter(start, { status: undefined, q: "" })).toEqual({ queue: "open", page: 1 });
  });

  it("asks the server with the shared query's names, and exports every page", () => {
    const filters: InboxFilters = { queue: "mine", category: CATEGORY, page: 2 };
    const query = listQuery(filters, 20);
    expect(staffReportListQuerySchema.parse(query)).toEqual({
      queue: "mine",
      category: CATEGORY,
      page: 2,
      pageSize: 20,
    });
    expect(exportQuery(filters)).toEqual({ queue: "mine", category: CATEGORY });
  });
});

describe("the tabs' counts", () => {
  const counts = { new: 3, open: 12, dueSoon: 2, overdue: 1 };
  it("come from the list answer for the queues it counts", () => {
    expect(queueCount("new", counts)).toBe(3);
    expect(queueCount("open", counts)).toBe(12);
    expect(queueCount("due_soon", counts)).toBe(2);
    expect(queueCount("overdue", counts)).toBe(1);
    expect(queueCount("closed", counts)).toBeUndefined();
    expect(queueCount("all", counts)).toBeUndefined();
    expect(queueCount("new", undefined)).toBeUndefined();
  });
});

describe("shortText", () => {
  it("keeps a short description whole, on one line", () => {
    expect(shortText("Đèn đường\n  hỏng")).toBe("Đèn đường hỏng");
  });
  it("cuts a long one at a word", () => {
    const text = "Đèn chiếu sáng trước nhà văn hóa tổ dân phố số 3 bị hỏng đã hai tuần, buổi tối rất tối";
    const cut = shortText(text, 40);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(41);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.slice(0, -1).endsWith(" ")).toBe(false);
  });
});
