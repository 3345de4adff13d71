import { CalendarChinese } from "date-chinese";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { dayBesideNationalDay, lunarDay, lunarNewYear, RULE_YEARS, statutoryCalendarDays } from "./public-holidays";
import { isWeekend, isWorkingDay, weekdayOf, workingCalendarOf } from "./working-days";

/** Mùng 1 Tết as published in Vietnam. */
const TET = {
  2019: "2019-02-05",
  2020: "2020-01-25",
  2021: "2021-02-12",
  2022: "2022-02-01",
  2023: "2023-01-22",
  2024: "2024-02-10",
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  // The new moon is at 23:07 on 2 February in Hanoi (UTC+7) and 00:07 on 3 February in
  // Beijing: Tết Canh Tuất is a day before the Chinese New Year (docs/decisions/023).
  2030: "2030-02-02",
} as const;

/** Giỗ Tổ Hùng Vương, 10/3 lunar. */
const HUNG_KINGS = {
  2019: "2019-04-14",
  2020: "2020-04-02",
  2021: "2021-04-21",
  2022: "2022-04-10",
  2023: "2023-04-29",
  2024: "2024-04-18",
  2025: "2025-04-07",
  2026: "2026-04-26",
  2027: "2027-04-16",
  2028: "2028-04-04",
  2029: "2029-04-23",
  2030: "2030-04-12",
} as const;

/**
 * Breaks the government announced for public servants (weekends included) that needed no
 * swapped day: the rules alone must give exactly these, and working days on either side.
 */
const ANNOUNCED_BREAKS: [from: string, to: string][] = [
  ["2019-02-02", "2019-02-10"],
  ["2020-01-23", "2020-01-29"],
  ["2021-02-10", "2021-02-16"],
  ["2022-01-29", "2022-02-06"],
  ["2023-01-20", "2023-01-26"],
  ["2024-02-08", "2024-02-14"],
  ["2025-01-25", "2025-02-02"],
  ["2026-02-14", "2026-02-22"],
  ["2019-04-13", "2019-04-15"],
  ["2022-04-09", "2022-04-11"],
  ["2021-04-30", "2021-05-03"],
  ["2022-04-30", "2022-05-03"],
  ["2023-04-29", "2023-05-03"],
  ["2021-09-02", "2021-09-05"],
  ["2022-09-01", "2022-09-04"],
  ["2023-09-01", "2023-09-04"],
  ["2024-08-31", "2024-09-03"],
  ["2025-08-30", "2025-09-02"],
  ["2022-01-01", "2022-01-03"],
  ["2023-12-30", "2024-01-01"],
];

const YEARS = Array.from({ length: 12 }, (_, i) => 2019 + i);

describe("the lunar calendar (date-chinese, Vietnamese meridian)", () => {
  it("gives the published first day of Tết, 2019–2030", () => {
    for (const year of YEARS) expect(lunarNewYear(year), String(year)).toBe(TET[year as keyof typeof TET]);
  });

  it("differs from the Chinese calendar where the meridian matters", () => {
    const chinese = new CalendarChinese();
    chinese.fromJDE(chinese.newYear(2030));
    expect(chinese.toGregorian(2030)).toEqual({ year: 2030, month: 2, day: 3 });
    expect(lunarNewYear(2030)).toBe("2030-02-02");
  });

  it("gives Giỗ Tổ Hùng Vương, 10/3 lunar (after a leap 2nd month in 2023)", () => {
    for (const year of YEARS)
      expect(lunarDay(year, 3, 10), String(year)).toBe(HUNG_KINGS[year as keyof typeof HUNG_KINGS]);
  });
});

describe("the statutory days off", () => {
  const calendar = workingCalendarOf(YEARS.flatMap(statutoryCalendarDays));

  it("give exactly the breaks the government announced where it swapped no day", () => {
    for (const [from, to] of ANNOUNCED_BREAKS) {
      for (let day = from; day <= to; day = addDays(day, 1)) expect(isWorkingDay(day, calendar), day).toBe(false);
      expect(isWorkingDay(addDays(from, -1), calendar), `before ${from}`).toBe(true);
      expect(isWorkingDay(addDays(to, 1), calendar), `after ${to}`).toBe(true);
    }
  });

  it("hold every occasion, five days of Tết, and one compensatory day per holiday on a weekend", () => {
    for (const year of [...YEARS, RULE_YEARS.first, 2045, 2061, RULE_YEARS.last]) {
      const days = statutoryCalendarDays(year);
      const holidays = days.filter((d) => d.kind === "holiday");
      const compensatory = days.filter((d) => d.kind === "compensatory");
      const tet = lunarNewYear(year);
      expect(
        holidays.filter((d) => d.occasion === "lunar_new_year").map((d) => d.day),
        String(year),
      ).toEqual([-2, -1, 0, 1, 2].map((offset) => addDays(tet, offset)));
      expect(holidays.map((d) => d.day)).toContain(`${year}-01-01`);
      expect(holidays.map((d) => d.day)).toContain(`${year}-09-02`);
      expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
      expect(compensatory).toHaveLength(holidays.filter((d) => isWeekend(d.day)).length);
      for (const day of compensatory) {
        expect(isWeekend(day.day)).toBe(false);
        expect(holidays.some((h) => h.day === day.day)).toBe(false);
      }
      expect(days.map((d) => d.day)).toEqual(days.map((d) => d.day).sort());
    }
  });

  it("give 2/9 alone before 2021 and a weekday beside it since", () => {
    expect(statutoryCalendarDays(2020).filter((d) => d.occasion === "national_day")).toHaveLength(1);
    for (let year = 2021; year <= 2100; year++) {
      const beside = dayBesideNationalDay(year);
      expect([`${year}-09-01`, `${year}-09-03`]).toContain(beside);
      expect(isWeekend(beside), String(year)).toBe(false);
    }
    // 2/9/2024 is a Monday: Tuesday 3/9; 2/9/2025 a Tuesday: Monday 1/9.
    expect(weekdayOf("2024-09-02")).toBe(1);
    expect(dayBesideNationalDay(2024)).toBe("2024-09-03");
    expect(dayBesideNationalDay(2025)).toBe("2025-09-01");
  });

  it("are written for the years of the 2012 and 2019 Labour Codes only", () => {
    expect(() => statutoryCalendarDays(RULE_YEARS.first - 1)).toThrow(RangeError);
    expect(() => statutoryCalendarDays(RULE_YEARS.last + 1)).toThrow(RangeError);
    expect(() => statutoryCalendarDays(2020.5)).toThrow(RangeError);
  });
});
