import { describe, expect, it } from "vitest";
import { REPORT_STATUSES } from "@phuong-xanh/shared";
import {
  barPercent,
  byTotal,
  centreOf,
  coordinatesText,
  daysBetween,
  deadlineState,
  maxOf,
  openStreetMapLink,
  reportStatusLabel,
  targetStatuses,
  templatesFor,
  timelineOrder,
  type ResponseTemplate,
} from "./report-rules";

describe("deadlines", () => {
  it("counts calendar days between ISO dates and timestamps", () => {
    expect(daysBetween("2026-03-01", "2026-03-04")).toBe(3);
    expect(daysBetween("2026-03-04", "2026-03-01")).toBe(-3);
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
    expect(daysBetween("2026-12-31T23:00:00Z", "2027-01-01")).toBe(1);
  });

  it("says how late an open report is, or how long is left", () => {
    const report = { status: "in_progress" as const, dueOn: "2026-03-10", late: true, dueSoon: false };
    expect(deadlineState(report, "2026-03-13")).toEqual({ kind: "late", days: 3 });
    expect(deadlineState({ ...report, late: false, dueSoon: true }, "2026-03-08")).toEqual({ kind: "soon", days: 2 });
    expect(deadlineState({ ...report, late: false }, "2026-03-01")).toEqual({ kind: "on_time", days: 9 });
  });

  it("trusts the server's flag over the officer's clock, and never says late by 0 days", () => {
    const report = { status: "confirmed" as const, dueOn: "2026-03-10", late: true, dueSoon: false };
    expect(deadlineState(report, "2026-03-10")).toEqual({ kind: "late", days: 1 });
  });

  it("has no deadline to speak of once closed", () => {
    expect(deadlineState({ status: "fixed", dueOn: "2026-03-10", late: true, dueSoon: false }, "2026-04-01")).toEqual({
      kind: "closed",
    });
  });
});

describe("templatesFor", () => {
  const template = (
    id: string,
    title: string,
    status: ResponseTemplate["status"],
    active = true,
  ): ResponseTemplate => ({
    id,
    title,
    text: `${title}.`,
    status,
    active,
  });
  const all = [
    template("a", "Chung", null),
    template("b", "Đã xử lý xong", "fixed"),
    template("c", "Bắt đầu xử lý", "in_progress"),
    template("d", "Cũ", "fixed", false),
    template("e", "Ảnh chụp", "fixed"),
  ];

  it("offers the status's own templates first, then the general ones, never the inactive", () => {
    expect(templatesFor(all, "fixed").map((t) => t.id)).toEqual(["e", "b", "a"]);
    expect(templatesFor(all, "in_progress").map((t) => t.id)).toEqual(["c", "a"]);
  });

  it("offers only the general ones without a target status", () => {
    expect(templatesFor(all, undefined).map((t) => t.id)).toEqual(["a"]);
  });
});

describe("the timeline and the status choices", () => {
  it("puts the timeline oldest first without touching the answer", () => {
    const updates = [{ at: "2026-03-02T08:00:00Z" }, { at: "2026-03-01T08:00:00Z" }];
    expect(timelineOrder(updates).map((u) => u.at)).toEqual(["2026-03-01T08:00:00Z", "2026-03-02T08:00:00Z"]);
    expect(updates[0]?.at).toBe("2026-03-02T08:00:00Z");
  });

  it("offers every other status but new and duplicate (which names its original elsewhere)", () => {
    const targets = targetStatuses("confirmed", REPORT_STATUSES);
    expect(targets).not.toContain("confirmed");
    expect(targets).not.toContain("new");
    expect(targets).not.toContain("duplicate");
    expect(targets).toContain("fixed");
    expect(targets).toHaveLength(REPORT_STATUSES.length - 3);
    // A closed report can go back to being handled.
    expect(targetStatuses("fixed", REPORT_STATUSES)).toContain("in_progress");
  });

  it("speaks the officer's language", () => {
    expect(reportStatusLabel("new", "vi")).toBe("Chờ tiếp nhận");
    expect(reportStatusLabel("new", "en")).toBe("Awaiting triage");
  });
});

describe("places and bars", () => {
  it("links to OpenStreetMap at street level and reads coordinates out", () => {
    expect(openStreetMapLink(20.8612346, 106.68345)).toBe(
      "https://www.openstreetmap.org/?mlat=20.861235&mlon=106.683450#map=18/20.861235/106.683450",
    );
    expect(coordinatesText(20.86, 106.6834)).toBe("20.860000, 106.683400");
  });

  it("draws bars relative to the largest, with a visible sliver for small values", () => {
    expect(maxOf([])).toBe(1);
    expect(maxOf([0, 0])).toBe(1);
    expect(barPercent(50, maxOf([50, 200]))).toBe(25);
    expect(barPercent(1, 1000)).toBe(2);
    expect(barPercent(0, 10)).toBe(0);
  });
});

describe("the dashboard's helpers", () => {
  it("opens the map in the middle of its points, or nowhere without any", () => {
    expect(centreOf([])).toBeUndefined();
    expect(
      centreOf([
        { lat: 20, lng: 106 },
        { lat: 21, lng: 107 },
      ]),
    ).toEqual({ lat: 20.5, lng: 106.5 });
  });

  it("orders count rows by total, then by label with numbers in order", () => {
    const rows = [
      { key: "a", label: "TDP 10", open: 1, closed: 1, late: 0 },
      { key: "b", label: "TDP 2", open: 2, closed: 0, late: 1 },
      { key: "c", label: "TDP 1", open: 5, closed: 0, late: 0 },
    ];
    expect(byTotal(rows).map((r) => r.label)).toEqual(["TDP 1", "TDP 2", "TDP 10"]);
  });
});
