import { Lunar, ShouXingUtil } from "lunar-typescript";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  holidayName,
  isWorkingDay,
  VIETNAM_HOLIDAYS,
  workingCalendar,
  workingDaysBetween,
  type HolidayEntry,
} from "./holidays.js";
import { addDays, daysBetween } from "./periods.js";

/**
 * Vietnam's lunar calendar is China's reckoned at UTC+7 instead of UTC+8: a month starts on the day of its new moon
 * in Vietnam's time, so a new moon between 23:00 and 24:00 Vietnam time starts the month a day earlier than in
 * China (Tết 2030: 2/2 in Vietnam, 3/2 in China). lunar-typescript gives the Chinese calendar and, through its
 * ShouXingUtil, the astronomical new moon; moving that instant to UTC+7 gives the Vietnamese first day of the month.
 * This assumes both calendars number the months alike (same leap month), which holds for 2023–2031; a check
 * against Hồ Ngọc Đức's Vietnamese tables found the two agree on every month start of those years.
 */
function newMoonDay(nearIsoDate: string, utcOffsetHours: number): string {
  const daysFromJ2000 = daysBetween("2000-01-01", nearIsoDate) - 0.5; // J2000 = 2000-01-01 12:00
  const lunation = Math.round((daysFromJ2000 - 5.6) / 29.530588853); // the first new moon of 2000: 6 January
  const terrestrial = ShouXingUtil.msaLonT(lunation * 2 * Math.PI) * 36525;
  const universal = terrestrial - ShouXingUtil.dtT(terrestrial);
  return addDays("2000-01-01", Math.floor(universal + 0.5 + utcOffsetHours / 24));
}

function chineseMonthStart(lunarYear: number, lunarMonth: number): string {
  return Lunar.fromYmd(lunarYear, lunarMonth, 1).getSolar().toYmd();
}

function vietnameseMonthStart(lunarYear: number, lunarMonth: number): string {
  return newMoonDay(chineseMonthStart(lunarYear, lunarMonth), 7);
}

const YEARS = VIETNAM_HOLIDAYS.map((entry) => entry.year);
const byDate = (entries: HolidayEntry[]) => new Map(entries.map((entry) => [entry.date, entry.name]));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

describe("the lunar check itself", () => {
  it("reproduces the Chinese calendar at UTC+8, and finds the known Vietnamese differences at UTC+7", () => {
    for (let year = 2020; year <= 2035; year += 1) {
      for (const month of [1, 3, 12]) {
        const start = chineseMonthStart(year, month);
        expect(newMoonDay(start, 8), `${month}/${year}`).toBe(start);
      }
    }
    expect(chineseMonthStart(2030, 1)).toBe("2030-02-03");
    expect(vietnameseMonthStart(2030, 1)).toBe("2030-02-02");
    expect(vietnameseMonthStart(2007, 1)).toBe("2007-02-17"); // China: 18/2/2007
    expect(chineseMonthStart(2007, 1)).toBe("2007-02-18");
  });
});

describe("VIETNAM_HOLIDAYS", () => {
  it("covers 2024–2031, each year once, with real dates inside the year and a source", () => {
    expect(YEARS).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]);
    for (const { year, source, holidays, workingWeekendDays } of VIETNAM_HOLIDAYS) {
      expect(source.length).toBeGreaterThan(20);
      const dates = [...holidays, ...workingWeekendDays].map((entry) => entry.date);
      expect(new Set(dates).size, `${year}: a date listed twice`).toBe(dates.length);
      for (const date of dates) {
        expect(date.slice(0, 4)).toBe(String(year));
        expect(addDays(date, 0)).toBe(date);
      }
      expect(holidays.map((entry) => entry.date)).toEqual(holidays.map((entry) => entry.date).sort());
      for (const day of workingWeekendDays) expect(isWeekend(day.date), day.date).toBe(true);
    }
  });

  it("lists the 11 days of art. 112 §1 every year: 1/1, five Tết days, 10/3 lunar, 30/4, 1/5, 2/9 and a day beside it", () => {
    for (const { year, holidays } of VIETNAM_HOLIDAYS) {
      const names = byDate(holidays);
      const statutory = holidays.filter((entry) => !/^Nghỉ (bù|hoán đổi)/.test(entry.name));
      expect(statutory, String(year)).toHaveLength(11);
      expect(names.get(`${year}-01-01`)).toBe("Tết Dương lịch");
      expect(names.get(`${year}-04-30`)).toBe("Ngày Chiến thắng (30/4)");
      expect(names.get(`${year}-05-01`)).toBe("Ngày Quốc tế Lao động (1/5)");
      expect(names.get(`${year}-09-02`)).toBe("Quốc khánh (2/9)");
      const besideNationalDay = [`${year}-09-01`, `${year}-09-03`].filter(
        (date) => names.get(date) === "Quốc khánh (ngày liền kề)",
      );
      expect(besideNationalDay, String(year)).toHaveLength(1);
    }
  });

  it("puts Tết and Giỗ Tổ Hùng Vương on the Vietnamese lunar dates", () => {
    for (const { year, holidays } of VIETNAM_HOLIDAYS) {
      const names = byDate(holidays);
      const tet = vietnameseMonthStart(year, 1);
      const lastMonthLength = daysBetween(vietnameseMonthStart(year - 1, 12), tet);
      expect([29, 30]).toContain(lastMonthLength);
      // Art. 112 §3 lets the Prime Minister place the five days (2025: 28 tháng Chạp–mùng 3); every option keeps
      // the last day of the old year and mùng 1–2. Each day is named after its lunar date.
      const tetDays = holidays.filter((entry) => entry.name.startsWith("Tết Nguyên đán ("));
      const offsets = tetDays.map((entry) => daysBetween(tet, entry.date));
      expect(offsets, String(year)).toHaveLength(5);
      expect(Math.max(...offsets) - Math.min(...offsets), `${year}: five days in a row`).toBe(4);
      expect(offsets, String(year)).toEqual(expect.arrayContaining([-1, 0, 1]));
      for (const [i, entry] of tetDays.entries()) {
        const offset = offsets[i] ?? 0;
        const lunarDay = offset >= 0 ? `mùng ${offset + 1} tháng Giêng` : `${lastMonthLength + offset + 1} tháng Chạp`;
        expect(entry.name, entry.date).toBe(`Tết Nguyên đán (${lunarDay})`);
      }
      const hungKings = addDays(vietnameseMonthStart(year, 3), 9);
      expect(names.get(hungKings), `${year} 10/3 âm lịch`).toBe("Giỗ Tổ Hùng Vương (10/3 âm lịch)");
    }
  });

  it("gives the statutory-default years exactly art. 112 days with art. 111 §3 nghỉ bù on the next working days", () => {
    const defaults = VIETNAM_HOLIDAYS.filter((entry) => entry.source.startsWith("Statutory default"));
    expect(defaults.map((entry) => entry.year)).toEqual([2027, 2028, 2029, 2030, 2031]);
    for (const { year, holidays, workingWeekendDays } of defaults) {
      const tet = vietnameseMonthStart(year, 1);
      const nationalDay = `${year}-09-02`;
      // Mon→3/9, Tue/Wed/Fri/Sat→1/9, Thu/Sun→3/9: the days the Government chose in 2021–2026.
      const besideNationalDay = addDays(nationalDay, [1, 1, -1, -1, 1, -1, -1][weekday(nationalDay)] ?? 0);
      const statutory = [
        `${year}-01-01`,
        ...[-1, 0, 1, 2, 3].map((day) => addDays(tet, day)),
        addDays(vietnameseMonthStart(year, 3), 9),
        `${year}-04-30`,
        `${year}-05-01`,
        nationalDay,
        besideNationalDay,
      ].sort();
      const off = new Set(statutory);
      for (const date of statutory.filter(isWeekend)) {
        let makeUp = addDays(date, 1);
        while (isWeekend(makeUp) || off.has(makeUp)) makeUp = addDays(makeUp, 1);
        off.add(makeUp);
      }
      expect(holidays.map((entry) => entry.date)).toEqual([...off].sort());
      expect(workingWeekendDays).toEqual([]);
    }
  });

  it("holds the announced schedules of 2025 and 2026", () => {
    const offBetween = (from: string, to: string) => {
      for (let date = from; date <= to; date = addDays(date, 1)) expect(isWorkingDay(date), date).toBe(false);
      expect(isWorkingDay(addDays(from, -1)), addDays(from, -1)).toBe(true);
      expect(isWorkingDay(addDays(to, 1)), addDays(to, 1)).toBe(true);
    };
    offBetween("2025-01-25", "2025-02-02"); // Tết Ất Tỵ, 9 days
    offBetween("2025-04-30", "2025-05-04"); // 30/4–1/5, 5 days…
    expect(isWorkingDay("2025-04-26")).toBe(true); // …made up on Saturday 26/4
    offBetween("2025-08-30", "2025-09-02");
    offBetween("2026-01-01", "2026-01-04");
    expect(isWorkingDay("2026-01-10")).toBe(true);
    offBetween("2026-02-14", "2026-02-22"); // Tết Bính Ngọ, 9 days
    offBetween("2026-04-25", "2026-04-27"); // Giỗ Tổ on Sunday 26/4, nghỉ bù Monday 27/4
    offBetween("2026-04-30", "2026-05-03");
    offBetween("2026-08-29", "2026-09-02");
    expect(isWorkingDay("2026-08-22")).toBe(true);
  });
});

describe("working days", () => {
  it("are Monday to Friday, less holidays, plus make-up Saturdays", () => {
    expect(isWorkingDay("2026-11-27")).toBe(true); // Friday
    expect(isWorkingDay("2026-11-28")).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29")).toBe(false); // Sunday
    expect(isWorkingDay("2026-09-01")).toBe(false);
    expect(isWorkingDay("2024-05-04")).toBe(true); // Saturday, làm bù for 29/4/2024
    expect(holidayName("2026-02-17")).toBe("Tết Nguyên đán (mùng 1 tháng Giêng)");
    expect(holidayName("2026-11-27")).toBeUndefined();
  });

  it("count from a date: n = 0 stays on a working day or moves to the next one; n ≥ 1 counts strictly after", () => {
    expect(addWorkingDays("2026-11-27", 0)).toBe("2026-11-27");
    expect(addWorkingDays("2026-11-28", 0)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-27", 1)).toBe("2026-11-30"); // over the weekend
    expect(addWorkingDays("2026-11-28", 1)).toBe("2026-11-30");
    expect(addWorkingDays("2026-02-13", 1)).toBe("2026-02-23"); // over Tết Bính Ngọ
    expect(addWorkingDays("2026-02-14", 2)).toBe("2026-02-24");
    expect(addWorkingDays("2025-12-31", 1)).toBe("2026-01-05"); // over New Year 2026 (2/1 swapped)
    expect(addWorkingDays("2026-01-09", 1)).toBe("2026-01-10"); // the make-up Saturday counts
    expect(addWorkingDays("2026-04-29", 1)).toBe("2026-05-04"); // over 30/4–1/5
    expect(addWorkingDays("2026-08-28", 1)).toBe("2026-09-03"); // over Quốc khánh
    expect(() => addWorkingDays("2026-11-27", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-11-27", 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays("27/11/2026", 1)).toThrow(RangeError);
  });

  it("between two dates count (from, to], negative backwards, and agree with addWorkingDays", () => {
    expect(workingDaysBetween("2026-11-27", "2026-11-27")).toBe(0);
    expect(workingDaysBetween("2026-11-27", "2026-11-30")).toBe(1);
    expect(workingDaysBetween("2026-11-30", "2026-11-27")).toBe(-1);
    expect(workingDaysBetween("2026-02-13", "2026-02-23")).toBe(1);
    // 261 weekdays in 2026, less 13 weekday holidays and swapped days, plus 2 make-up Saturdays.
    expect(workingDaysBetween("2025-12-31", "2026-12-31")).toBe(250);
    for (const start of ["2026-02-12", "2026-04-24", "2025-04-25", "2024-12-31"]) {
      for (let n = 1; n <= 8; n += 1) {
        const end = addWorkingDays(start, n);
        expect(workingDaysBetween(start, end)).toBe(n);
        expect(workingDaysBetween(start, addDays(end, -1))).toBe(n - 1);
      }
    }
  });

  it("take a ward's own days off and working weekend days", () => {
    const ward = workingCalendar({
      holidays: [{ date: "2026-11-24", name: "Ngày Văn hóa Việt Nam (phường nghỉ)" }],
      workingWeekendDays: [{ date: "2026-11-28", name: "Làm bù cho 24/11/2026" }],
    });
    expect(isWorkingDay("2026-11-24", ward)).toBe(false);
    expect(isWorkingDay("2026-11-24")).toBe(true);
    expect(holidayName("2026-11-24", ward)).toBe("Ngày Văn hóa Việt Nam (phường nghỉ)");
    expect(isWorkingDay("2026-11-28", ward)).toBe(true);
    expect(addWorkingDays("2026-11-23", 1, ward)).toBe("2026-11-25");
    expect(addWorkingDays("2026-11-27", 1, ward)).toBe("2026-11-28");
    expect(isWorkingDay("2026-02-17", ward)).toBe(false); // the national calendar is still there
    expect(() => workingCalendar({ holidays: [{ date: "2026-02-30", name: "x" }] })).toThrow(RangeError);
  });
});
