import { isSaneIsoDate } from "./bounds.js";
import { addDays } from "./periods.js";

/**
 * Ngày nghỉ lễ, tết and ngày làm việc (working days), for counting hạn gửi báo cáo (report deadlines)
 * in working days as Decree 09/2019/NĐ-CP and the provincial reporting rules do.
 */
export type HolidayEntry = { date: string /* ISO */; name: string };

const TET = "Tết Nguyên đán";
const TET_OFF = "Nghỉ bù Tết Nguyên đán";
const NEW_YEAR = "Tết Dương lịch";
const HUNG_KINGS = "Giỗ Tổ Hùng Vương (10/3 âm lịch)";
const VICTORY = "Ngày Chiến thắng (30/4)";
const LABOUR = "Ngày Quốc tế Lao động (1/5)";
const NATIONAL = "Quốc khánh (2/9)";
const NATIONAL_NEXT = "Quốc khánh (ngày liền kề)";

const STATUTORY =
  "Statutory default (Bộ luật Lao động 2019 điều 112 khoản 1; nghỉ bù theo điều 111 khoản 3) until the annual notice: " +
  "Tết = the last day of the lunar year + mùng 1–4, weekend days made up on the next working days; 2/9 with the adjacent " +
  "day the Government has usually chosen (Mon→3/9, Tue/Wed/Fri/Sat→1/9, Thu/Sun→3/9). Replace with the announced " +
  "schedule (Tết, Quốc khánh, any hoán đổi ngày làm việc) once the Prime Minister approves it.";

/**
 * Vietnam's public holidays per year as the Government announced them (Labour Code 2019 art. 112 + the yearly
 * Prime Minister/MoLISA notices: Tết days off incl. bridging days, Hùng Kings' day (10/3 lunar), 30/4, 1/5, 2/9
 * + adjacent day, 1/1) and make-up working Saturdays (ngày làm bù). Data, with a source note per year.
 *
 * A holiday that falls on a weekend is listed on its own date too (holidayName shows it) with its nghỉ bù on the
 * next working day. The lunar dates (mùng 1 Tết, 10/3 âm lịch) are checked in holidays.test.ts against an
 * astronomical lunar calendar computed for UTC+7, Vietnam's time zone (Tết 2030 is 2/2 in Vietnam, 3/2 in China).
 * Years outside this list count weekends only: add the year here when its notice comes out.
 */
export const VIETNAM_HOLIDAYS: {
  year: number;
  source: string;
  holidays: HolidayEntry[];
  workingWeekendDays: HolidayEntry[];
}[] = [
  {
    year: 2024,
    source:
      "Announced: MoLISA notice on 2024 holidays (Tết 8/2–14/2: 5 days + 2 nghỉ bù for Sat 10/2 and Sun 11/2; " +
      "Quốc khánh 2/9–3/9); Công văn 2450/VPCP-KGVX (2024): Mon 29/4 swapped with Sat 4/5 (27/4–1/5 off).",
    holidays: [
      { date: "2024-01-01", name: NEW_YEAR },
      { date: "2024-02-08", name: `${TET_OFF} (29 tháng Chạp)` },
      { date: "2024-02-09", name: `${TET} (30 tháng Chạp)` },
      { date: "2024-02-10", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2024-02-11", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2024-02-12", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2024-02-13", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2024-02-14", name: `${TET_OFF} (mùng 5 tháng Giêng)` },
      { date: "2024-04-18", name: HUNG_KINGS },
      { date: "2024-04-29", name: "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)" },
      { date: "2024-04-30", name: VICTORY },
      { date: "2024-05-01", name: LABOUR },
      { date: "2024-09-02", name: NATIONAL },
      { date: "2024-09-03", name: NATIONAL_NEXT },
    ],
    workingWeekendDays: [{ date: "2024-05-04", name: "Làm bù cho thứ Hai 29/4/2024" }],
  },
  {
    year: 2025,
    source:
      "Announced: Prime Minister's approval of MoLISA's proposal (Government Office, 26/11/2024): Tết 25/1–2/2 " +
      "(5 days 27/1–31/1 = 28 tháng Chạp–mùng 3, plus two weekends), 30/4–4/5 with Fri 2/5 swapped with Sat 26/4; " +
      "Quốc khánh 1/9–2/9 (30/8–2/9 with the weekend).",
    holidays: [
      { date: "2025-01-01", name: NEW_YEAR },
      { date: "2025-01-27", name: `${TET} (28 tháng Chạp)` },
      { date: "2025-01-28", name: `${TET} (29 tháng Chạp)` },
      { date: "2025-01-29", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2025-01-30", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2025-01-31", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2025-04-07", name: HUNG_KINGS },
      { date: "2025-04-30", name: VICTORY },
      { date: "2025-05-01", name: LABOUR },
      { date: "2025-05-02", name: "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)" },
      { date: "2025-09-01", name: NATIONAL_NEXT },
      { date: "2025-09-02", name: NATIONAL },
    ],
    workingWeekendDays: [{ date: "2025-04-26", name: "Làm bù cho thứ Sáu 02/5/2025" }],
  },
  {
    year: 2026,
    source:
      "Announced: Công văn 12729/VPCP-KGVX (25/12/2025): 1/1–4/1 with Fri 2/1 swapped with Sat 10/1; " +
      "Công văn 9859/VPCP-KGVX (10/2025, on Bộ Nội vụ's 8764/BNV-CVL): Tết 14/2–22/2 (5 days 16/2–20/2 = 29 tháng " +
      "Chạp–mùng 4, plus two weekends), Quốc khánh 1/9–2/9 with Mon 31/8 swapped with Sat 22/8 (29/8–2/9 off). " +
      "Giỗ Tổ Hùng Vương falls on Sun 26/4: nghỉ bù Mon 27/4. 30/4–1/5 (Thu–Fri) without a swap.",
    holidays: [
      { date: "2026-01-01", name: NEW_YEAR },
      { date: "2026-01-02", name: "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)" },
      { date: "2026-02-16", name: `${TET} (29 tháng Chạp)` },
      { date: "2026-02-17", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2026-02-18", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2026-02-19", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2026-02-20", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2026-04-26", name: HUNG_KINGS },
      { date: "2026-04-27", name: "Nghỉ bù Giỗ Tổ Hùng Vương" },
      { date: "2026-04-30", name: VICTORY },
      { date: "2026-05-01", name: LABOUR },
      { date: "2026-08-31", name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)" },
      { date: "2026-09-01", name: NATIONAL_NEXT },
      { date: "2026-09-02", name: NATIONAL },
    ],
    workingWeekendDays: [
      { date: "2026-01-10", name: "Làm bù cho thứ Sáu 02/01/2026" },
      { date: "2026-08-22", name: "Làm bù cho thứ Hai 31/8/2026" },
    ],
  },
  {
    year: 2027,
    source: STATUTORY,
    holidays: [
      { date: "2027-01-01", name: NEW_YEAR },
      { date: "2027-02-05", name: `${TET} (29 tháng Chạp)` },
      { date: "2027-02-06", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2027-02-07", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2027-02-08", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2027-02-09", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2027-02-10", name: TET_OFF },
      { date: "2027-02-11", name: TET_OFF },
      { date: "2027-04-16", name: HUNG_KINGS },
      { date: "2027-04-30", name: VICTORY },
      { date: "2027-05-01", name: LABOUR },
      { date: "2027-05-03", name: "Nghỉ bù Ngày Quốc tế Lao động" },
      { date: "2027-09-02", name: NATIONAL },
      { date: "2027-09-03", name: NATIONAL_NEXT },
    ],
    workingWeekendDays: [],
  },
  {
    year: 2028,
    source: STATUTORY,
    holidays: [
      { date: "2028-01-01", name: NEW_YEAR },
      { date: "2028-01-03", name: "Nghỉ bù Tết Dương lịch" },
      { date: "2028-01-25", name: `${TET} (29 tháng Chạp)` },
      { date: "2028-01-26", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2028-01-27", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2028-01-28", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2028-01-29", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2028-01-31", name: TET_OFF },
      { date: "2028-04-04", name: HUNG_KINGS },
      { date: "2028-04-30", name: VICTORY },
      { date: "2028-05-01", name: LABOUR },
      { date: "2028-05-02", name: "Nghỉ bù Ngày Chiến thắng" },
      { date: "2028-09-01", name: NATIONAL_NEXT },
      { date: "2028-09-02", name: NATIONAL },
      { date: "2028-09-04", name: "Nghỉ bù Quốc khánh" },
    ],
    workingWeekendDays: [],
  },
  {
    year: 2029,
    source: STATUTORY,
    holidays: [
      { date: "2029-01-01", name: NEW_YEAR },
      { date: "2029-02-12", name: `${TET} (29 tháng Chạp)` },
      { date: "2029-02-13", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2029-02-14", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2029-02-15", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2029-02-16", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2029-04-23", name: HUNG_KINGS },
      { date: "2029-04-30", name: VICTORY },
      { date: "2029-05-01", name: LABOUR },
      { date: "2029-09-02", name: NATIONAL },
      { date: "2029-09-03", name: NATIONAL_NEXT },
      { date: "2029-09-04", name: "Nghỉ bù Quốc khánh" },
    ],
    workingWeekendDays: [],
  },
  {
    year: 2030,
    source: STATUTORY,
    holidays: [
      { date: "2030-01-01", name: NEW_YEAR },
      { date: "2030-02-01", name: `${TET} (29 tháng Chạp)` },
      { date: "2030-02-02", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2030-02-03", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2030-02-04", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2030-02-05", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2030-02-06", name: TET_OFF },
      { date: "2030-02-07", name: TET_OFF },
      { date: "2030-04-12", name: HUNG_KINGS },
      { date: "2030-04-30", name: VICTORY },
      { date: "2030-05-01", name: LABOUR },
      { date: "2030-09-02", name: NATIONAL },
      { date: "2030-09-03", name: NATIONAL_NEXT },
    ],
    workingWeekendDays: [],
  },
  {
    year: 2031,
    source: STATUTORY,
    holidays: [
      { date: "2031-01-01", name: NEW_YEAR },
      { date: "2031-01-22", name: `${TET} (29 tháng Chạp)` },
      { date: "2031-01-23", name: `${TET} (mùng 1 tháng Giêng)` },
      { date: "2031-01-24", name: `${TET} (mùng 2 tháng Giêng)` },
      { date: "2031-01-25", name: `${TET} (mùng 3 tháng Giêng)` },
      { date: "2031-01-26", name: `${TET} (mùng 4 tháng Giêng)` },
      { date: "2031-01-27", name: TET_OFF },
      { date: "2031-01-28", name: TET_OFF },
      { date: "2031-04-01", name: HUNG_KINGS },
      { date: "2031-04-30", name: VICTORY },
      { date: "2031-05-01", name: LABOUR },
      { date: "2031-09-01", name: NATIONAL_NEXT },
      { date: "2031-09-02", name: NATIONAL },
    ],
    workingWeekendDays: [],
  },
];

export type WorkingCalendar = { holidays: ReadonlyMap<string, string>; workingWeekendDays: ReadonlySet<string> };

function assertIsoDate(value: string): void {
  if (!isSaneIsoDate(value)) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${value}`);
}

/**
 * The national calendar, plus a ward's own additions (extra days off, extra working weekend days).
 * A national holiday keeps its name when a ward lists the same date again.
 */
export function workingCalendar(extra?: {
  holidays?: HolidayEntry[];
  workingWeekendDays?: HolidayEntry[];
}): WorkingCalendar {
  const holidays = new Map<string, string>();
  const workingWeekendDays = new Set<string>();
  const add = (entry: HolidayEntry) => {
    assertIsoDate(entry.date);
    if (!holidays.has(entry.date)) holidays.set(entry.date, entry.name);
  };
  for (const year of VIETNAM_HOLIDAYS) {
    year.holidays.forEach(add);
    year.workingWeekendDays.forEach((day) => workingWeekendDays.add(day.date));
  }
  extra?.holidays?.forEach(add);
  for (const day of extra?.workingWeekendDays ?? []) {
    assertIsoDate(day.date);
    workingWeekendDays.add(day.date);
  }
  return { holidays, workingWeekendDays };
}

const NATIONAL_CALENDAR = workingCalendar();

/** Ngày làm việc: Monday to Friday unless a holiday, or a listed ngày làm bù; a holiday wins over a make-up day. */
export function isWorkingDay(isoDate: string, calendar: WorkingCalendar = NATIONAL_CALENDAR): boolean {
  assertIsoDate(isoDate);
  if (calendar.holidays.has(isoDate)) return false;
  if (calendar.workingWeekendDays.has(isoDate)) return true;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after isoDate (n >= 0; n = 0 gives isoDate itself if working, else the next working day).
 * "1 ngày làm việc sau ngày chốt số liệu" is the first working day strictly after the cut-off, working or not.
 */
export function addWorkingDays(isoDate: string, n: number, calendar: WorkingCalendar = NATIONAL_CALENDAR): string {
  assertIsoDate(isoDate);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
  let date = isoDate;
  if (n === 0) {
    while (!isWorkingDay(date, calendar)) date = addDays(date, 1);
    return date;
  }
  for (let counted = 0; counted < n;) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) counted += 1;
  }
  return date;
}

/** Working days in (from, to] ; negative if to < from. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = NATIONAL_CALENDAR): number {
  assertIsoDate(from);
  assertIsoDate(to);
  if (to < from) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return count;
}

export function holidayName(isoDate: string, calendar: WorkingCalendar = NATIONAL_CALENDAR): string | undefined {
  return calendar.holidays.get(isoDate);
}
