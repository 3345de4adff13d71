import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { statutoryCalendarDays } from "./public-holidays";
import {
  addWorkingDays,
  isWorkingDay,
  moreThanWorkingDaysBefore,
  WEEKENDS_ONLY,
  workingCalendarOf,
  workingDaysBetween,
} from "./working-days";

/** The statutory calendar of 2019–2030, as the migration loads it. */
const RULES = workingCalendarOf(Array.from({ length: 12 }, (_, i) => statutoryCalendarDays(2019 + i)).flat());

describe("working days", () => {
  it("are Monday to Friday when no holiday is known", () => {
    // 05/12/2026 is a Saturday.
    expect(isWorkingDay("2026-12-05", WEEKENDS_ONLY)).toBe(false);
    expect(isWorkingDay("2026-12-06", WEEKENDS_ONLY)).toBe(false);
    expect(isWorkingDay("2026-12-07", WEEKENDS_ONLY)).toBe(true);
    expect(isWorkingDay("2026-12-04", WEEKENDS_ONLY)).toBe(true);
  });

  it("leave out the days off of the calendar and count its worked weekend days", () => {
    // 01/01/2020 (a Wednesday) is Tết Dương lịch; Tết 2026 is off from Sat 14/02 to Sun 22/02.
    expect(isWorkingDay("2020-01-01", RULES)).toBe(false);
    for (let day = "2026-02-14"; day <= "2026-02-22"; day = addDays(day, 1))
      expect(isWorkingDay(day, RULES)).toBe(false);
    expect(isWorkingDay("2026-02-13", RULES)).toBe(true);
    expect(isWorkingDay("2026-02-23", RULES)).toBe(true);
    // 2024: Monday 29/04 off, swapped with Saturday 04/05 (the government's announcement).
    const swapped = workingCalendarOf([
      { day: "2024-04-29", kind: "swapped_off" },
      { day: "2024-05-04", kind: "working_day" },
    ]);
    expect(isWorkingDay("2024-04-29", swapped)).toBe(false);
    expect(isWorkingDay("2024-05-04", swapped)).toBe(true);
  });

  it("count the working days after a day up to another", () => {
    // Reported Friday 27/12/2019: Mon 30, Tue 31 Dec; Wed 1 Jan is Tết Dương lịch; Thu 2 Jan.
    expect(workingDaysBetween("2019-12-27", "2019-12-27", RULES)).toBe(0);
    expect(workingDaysBetween("2019-12-27", "2019-12-29", RULES)).toBe(0);
    expect(workingDaysBetween("2019-12-27", "2019-12-31", RULES)).toBe(2);
    expect(workingDaysBetween("2019-12-27", "2020-01-02", RULES)).toBe(3);
    expect(workingDaysBetween("2019-12-27", "2020-01-02", WEEKENDS_ONLY)).toBe(4);
  });

  it("count as the day-by-day definition does, over years and swapped days", () => {
    const byDay = (from: string, to: string, calendar: typeof RULES) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
      return count;
    };
    // A weekday both off and worked is worked; a Sunday off changes nothing.
    const odd = workingCalendarOf([
      { day: "2024-04-29", kind: "swapped_off" },
      { day: "2024-05-04", kind: "working_day" },
      { day: "2024-05-05", kind: "holiday" },
      { day: "2024-05-08", kind: "working_day" },
      { day: "2024-05-09", kind: "holiday" },
      { day: "2024-05-09", kind: "working_day" },
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 4300 }),
        fc.integer({ min: -10, max: 2600 }),
        fc.boolean(),
        (offset, length, swapped) => {
          const from = addDays("2019-01-01", offset);
          const to = addDays(from, length);
          const calendar = swapped ? odd : RULES;
          expect(workingDaysBetween(from, to, calendar), `${from}..${to}`).toBe(byDay(from, to, calendar));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("give the due date of “trong 05 ngày làm việc kể từ ngày giao”, over Tết", () => {
    // Assigned Thursday 12/02/2026: Fri 13/02, then Tết (14–22/02), then 23, 24, 25, 26/02.
    expect(addWorkingDays("2026-02-12", 5, RULES)).toBe("2026-02-26");
    expect(addWorkingDays("2026-02-12", 5, WEEKENDS_ONLY)).toBe("2026-02-19");
    // The day of assignment never counts, even on a weekend or a holiday.
    expect(addWorkingDays("2026-02-15", 1, RULES)).toBe("2026-02-23");
    expect(addWorkingDays("2019-09-20", 0, RULES)).toBe("2019-09-20");
    // A worked Saturday counts.
    const swapped = workingCalendarOf([{ day: "2024-05-04", kind: "working_day" }]);
    expect(addWorkingDays("2024-05-03", 1, swapped)).toBe("2024-05-04");
    expect(() => addWorkingDays("2024-05-03", -1, RULES)).toThrow(RangeError);
    expect(() => addWorkingDays("2024-05-03", 1.5, RULES)).toThrow(RangeError);
  });

  it("add up: n working days on is a working day exactly n working days later", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4300 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const from = addDays("2019-01-01", offset);
        const due = addWorkingDays(from, n, RULES);
        expect(isWorkingDay(due, RULES)).toBe(true);
        expect(workingDaysBetween(from, due, RULES)).toBe(n);
        expect(workingDaysBetween(from, addDays(due, -1), RULES)).toBe(n - 1);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it("find the latest day more than n working days back, consistent with the count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4300 }), fc.integer({ min: 0, max: 10 }), (offset, n) => {
        const asOf = addDays("2019-01-01", offset);
        for (const calendar of [WEEKENDS_ONLY, RULES]) {
          const limit = moreThanWorkingDaysBefore(asOf, n, calendar);
          expect(workingDaysBetween(limit, asOf, calendar)).toBeGreaterThan(n);
          expect(workingDaysBetween(addDays(limit, 1), asOf, calendar)).toBeLessThanOrEqual(n);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
