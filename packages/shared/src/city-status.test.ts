import { describe, expect, it } from "vitest";
import { wardStatus } from "./city-status.js";

const tasks = (total: number, overdue: number, reported = 10) => ({ total, overdue, reported });

describe("wardStatus", () => {
  it("has no data when nothing was reported or measured", () => {
    expect(wardStatus({ tasks: tasks(84, 0, 0), indicators: { no_data: 12 } })).toBe("no_data");
    // Late work alone is something to say: deadlines pass whether anyone reports or not.
    expect(wardStatus({ tasks: tasks(84, 20, 0), indicators: { no_data: 12 } })).toBe("off_track");
  });

  it("is off track past 15 % of work overdue or a third of measured targets off track", () => {
    expect(wardStatus({ tasks: tasks(84, 13), indicators: { on_track: 12 } })).toBe("off_track"); // 15.5 %
    expect(wardStatus({ tasks: tasks(84, 12), indicators: { on_track: 12 } })).toBe("at_risk"); // 14.3 %
    expect(wardStatus({ tasks: tasks(84, 0), indicators: { on_track: 1, off_track: 1, no_data: 10 } })).toBe(
      "off_track",
    );
  });

  it("is at risk past 5 % overdue, some targets off track, or a third in trouble", () => {
    expect(wardStatus({ tasks: tasks(84, 5), indicators: { on_track: 12 } })).toBe("at_risk"); // 6 %
    expect(wardStatus({ tasks: tasks(84, 4), indicators: { on_track: 12 } })).toBe("on_track"); // 4.8 %
    expect(wardStatus({ tasks: tasks(84, 0), indicators: { on_track: 10, off_track: 2 } })).toBe("at_risk");
    expect(wardStatus({ tasks: tasks(84, 0), indicators: { on_track: 7, at_risk: 5 } })).toBe("at_risk");
    expect(wardStatus({ tasks: tasks(84, 0), indicators: { on_track: 9, achieved: 1, at_risk: 2 } })).toBe("on_track");
  });
});
