import { describe, expect, it } from "vitest";
import { countBurnings } from "./indicator-counts.js";

/** The straw-burning count per month: reports and diaries, one fire counted once. */
describe("countBurnings", () => {
  it("counts reports and diaries per month, in calendar order", () => {
    const months = countBurnings(
      [
        { day: "2026-11-02", n: 2 },
        { day: "2026-10-15", n: 1 },
      ],
      [{ day: "2026-12-01", n: 1 }],
    );
    expect([...months]).toEqual([
      ["10/2026", { reports: 1, diaries: 0 }],
      ["11/2026", { reports: 2, diaries: 0 }],
      ["12/2026", { reports: 0, diaries: 1 }],
    ]);
  });

  it("counts a diary burning on a day already reported in the group only beyond the reports", () => {
    const sameDay = countBurnings([{ day: "2026-10-15", n: 1 }], [{ day: "2026-10-15", n: 1 }]);
    expect(sameDay.get("10/2026")).toEqual({ reports: 1, diaries: 0 });
    // Three fields burnt that day, one of them reported: two more fires.
    const more = countBurnings([{ day: "2026-10-15", n: 1 }], [{ day: "2026-10-15", n: 3 }]);
    expect(more.get("10/2026")).toEqual({ reports: 1, diaries: 2 });
    // A burning the next day is another fire.
    const nextDay = countBurnings([{ day: "2026-10-15", n: 1 }], [{ day: "2026-10-16", n: 1 }]);
    expect(nextDay.get("10/2026")).toEqual({ reports: 1, diaries: 1 });
  });

  it("orders months across a year end", () => {
    const months = countBurnings([{ day: "2027-01-03", n: 1 }], [{ day: "2026-12-30", n: 1 }]);
    expect([...months.keys()]).toEqual(["12/2026", "01/2027"]);
  });
});
