// Calendar days and instants on the committee's clock (Asia/Ho_Chi_Minh, UTC+7, no DST).
// Expected instants are written with Date.UTC so the tests never rely on the code
// under test to compute their own expectations.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCEPTED_DAYS,
  addDays,
  daysBetween,
  endOfLocalDay,
  formatInstant,
  formatLocalDate,
  isAcceptedDay,
  isLocalDate,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
  TIME_ZONE,
  today,
} from "./dates";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant given on the UTC clock (month 1–12). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** A local date written independently of dates.ts: day number since 1970-01-01 → `YYYY-MM-DD`. */
function dateFromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** Local dates between 1990 and 2100 (the days the app accepts), generated without dates.ts. */
const localDateArb = fc
  .integer({ min: Math.round(utc(1990, 1, 1) / DAY), max: Math.round(utc(2100, 12, 31) / DAY) })
  .map(dateFromDayNumber);

describe("TIME_ZONE", () => {
  it("is the committee's clock, Asia/Ho_Chi_Minh", () => {
    expect(TIME_ZONE).toBe("Asia/Ho_Chi_Minh");
  });
});

describe("isLocalDate", () => {
  it.each(["2019-12-31", "2020-01-01", "2020-02-29", "2019-02-28", "2000-02-29", "2019-04-30", "1999-12-31"])(
    "accepts the real day %s",
    (value) => {
      expect(isLocalDate(value)).toBe(true);
    },
  );

  it.each([
    ["2019-02-29", "29 February in a common year"],
    ["1900-02-29", "29 February in a century year that is not a leap year"],
    ["2019-02-30", "30 February"],
    ["2019-04-31", "31 April"],
    ["2019-13-01", "month 13"],
    ["2019-00-10", "month 0"],
    ["2019-01-00", "day 0"],
    ["2019-01-32", "day 32"],
    ["31/12/2019", "the dd/mm/yyyy display form"],
    ["2019-1-5", "unpadded month and day"],
    ["19-01-05", "a two-digit year"],
    ["2019-01-05T00:00", "a date-time"],
    [" 2019-01-05", "leading whitespace"],
    ["2019-01-05 ", "trailing whitespace"],
    ["", "the empty string"],
    ["garbage", "garbage"],
  ])("rejects %s (%s)", (value) => {
    expect(isLocalDate(value)).toBe(false);
  });

  it.each([
    [null, "null"],
    [undefined, "undefined"],
    [20191231, "a number"],
    [new Date(utc(2019, 12, 31)), "a Date"],
    [{}, "an object"],
    [["2019-12-31"], "an array holding a date"],
  ])("rejects non-strings: %s (%s)", (value, _why) => {
    expect(isLocalDate(value)).toBe(false);
  });

  it("accepts every real calendar day (property)", () => {
    fc.assert(
      fc.property(localDateArb, (date) => {
        expect(isLocalDate(date)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("localDateOf: the Hanoi calendar day of an instant", () => {
  it("17:00 UTC is midnight in Hanoi: the local day has already changed", () => {
    expect(localDateOf(utc(2019, 12, 31, 17, 0))).toBe("2020-01-01");
  });

  it("one millisecond before 17:00 UTC is still the same local day", () => {
    expect(localDateOf(utc(2019, 12, 31, 16, 59, 59, 999))).toBe("2019-12-31");
  });

  it("23:30 UTC belongs to the next local day (06:30 in Hanoi)", () => {
    expect(localDateOf(utc(2019, 12, 31, 23, 30))).toBe("2020-01-01");
  });

  it("00:00 UTC is 07:00 in Hanoi, the same calendar day", () => {
    expect(localDateOf(utc(2020, 1, 1, 0, 0))).toBe("2020-01-01");
  });

  it("crosses the leap day on the local clock", () => {
    expect(localDateOf(utc(2020, 2, 28, 17, 0))).toBe("2020-02-29");
    expect(localDateOf(utc(2020, 2, 29, 16, 59))).toBe("2020-02-29");
    expect(localDateOf(utc(2020, 2, 29, 17, 0))).toBe("2020-03-01");
  });

  it("today() is the local date of the given instant", () => {
    expect(today(utc(2019, 12, 31, 16, 30))).toBe("2019-12-31");
    expect(today(utc(2019, 12, 31, 17, 30))).toBe("2020-01-01");
  });

  it("today() defaults to now", () => {
    const before = localDateOf(Date.now());
    const result = today();
    const after = localDateOf(Date.now());
    expect([before, after]).toContain(result);
  });

  it("is UTC+7 all year round (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(1980, 1, 1), max: utc(2100, 1, 1) }), (instant) => {
        expect(localDateOf(instant)).toBe(new Date(instant + 7 * HOUR).toISOString().slice(0, 10));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("addDays", () => {
  it.each([
    ["2019-12-31", 1, "2020-01-01", "across the year end"],
    ["2020-01-01", -1, "2019-12-31", "backwards across the year end"],
    ["2019-01-31", 1, "2019-02-01", "across a month end"],
    ["2019-04-30", 1, "2019-05-01", "across a 30-day month end"],
    ["2020-02-28", 1, "2020-02-29", "onto a leap day"],
    ["2020-02-29", 1, "2020-03-01", "off a leap day"],
    ["2019-02-28", 1, "2019-03-01", "over February in a common year"],
    ["2020-03-01", -1, "2020-02-29", "back onto a leap day"],
    ["2019-12-31", 0, "2019-12-31", "zero days"],
    ["2019-12-31", 366, "2020-12-31", "a leap year's worth of days"],
    ["2020-12-31", 365, "2021-12-31", "a common year's worth of days"],
    ["2019-12-31", -30, "2019-12-01", "thirty days back"],
    ["2019-10-01", 91, "2019-12-31", "a quarter"],
  ])("%s + %i = %s (%s)", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it("throws on something that is not a local date", () => {
    expect(() => addDays("31/12/2019", 1)).toThrow(RangeError);
  });

  it("agrees with plain day arithmetic (property)", () => {
    const dayNumberArb = fc.integer({ min: Math.round(utc(1980, 1, 1) / DAY), max: Math.round(utc(2090, 1, 1) / DAY) });
    fc.assert(
      fc.property(dayNumberArb, fc.integer({ min: -4000, max: 4000 }), (dayNumber, days) => {
        expect(addDays(dateFromDayNumber(dayNumber), days)).toBe(dateFromDayNumber(dayNumber + days));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("daysBetween", () => {
  it("is positive when the second day is later", () => {
    expect(daysBetween("2019-12-31", "2020-01-03")).toBe(3);
  });

  it("is negative when the second day is earlier", () => {
    expect(daysBetween("2020-01-03", "2019-12-31")).toBe(-3);
  });

  it("is zero for the same day", () => {
    expect(daysBetween("2019-12-31", "2019-12-31")).toBe(0);
  });

  it("counts the leap day", () => {
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2019-02-28", "2019-03-01")).toBe(1);
    expect(daysBetween("2020-01-01", "2021-01-01")).toBe(366);
  });

  it("is the inverse of addDays (property)", () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
        expect(daysBetween(addDays(date, days), date)).toBe(0 - days);
      }),
      { numRuns: 500 },
    );
  });
});

describe("startOfLocalDay and endOfLocalDay", () => {
  it("a local day starts at 17:00 UTC of the previous day", () => {
    expect(startOfLocalDay("2020-01-01")).toBe(utc(2019, 12, 31, 17, 0));
    expect(startOfLocalDay("2020-03-01")).toBe(utc(2020, 2, 29, 17, 0));
  });

  it("a local day ends at 17:00 UTC of the same day (the first instant of the next day)", () => {
    expect(endOfLocalDay("2019-12-31")).toBe(utc(2019, 12, 31, 17, 0));
    expect(endOfLocalDay("2020-02-29")).toBe(utc(2020, 2, 29, 17, 0));
  });

  it("the end of a day is the start of the next", () => {
    expect(endOfLocalDay("2019-12-31")).toBe(startOfLocalDay("2020-01-01"));
  });

  it("throws on something that is not a local date", () => {
    expect(() => startOfLocalDay("2019/12/31")).toThrow(RangeError);
    expect(() => endOfLocalDay("")).toThrow(RangeError);
  });

  it("every day is 24 hours long and its instants map back to it (property)", () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: 0, max: DAY - 1 }), (date, offset) => {
        const start = startOfLocalDay(date);
        const end = endOfLocalDay(date);
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        expect(start).toBe(utc(y, m, d) - 7 * HOUR);
        expect(end - start).toBe(DAY);
        expect(localDateOf(start + offset)).toBe(date);
        expect(localDateOf(start - 1)).toBe(addDays(date, -1));
        expect(localDateOf(end)).toBe(addDays(date, 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe("formatLocalDate", () => {
  it("writes dd/mm/yyyy, zero-padded", () => {
    expect(formatLocalDate("2019-12-31")).toBe("31/12/2019");
    expect(formatLocalDate("2020-01-05")).toBe("05/01/2020");
    expect(formatLocalDate("2020-02-29")).toBe("29/02/2020");
  });
});

describe("formatInstant", () => {
  it("writes dd/mm/yyyy HH:mm on the Hanoi clock", () => {
    expect(formatInstant(utc(2019, 12, 31, 16, 30))).toBe("31/12/2019 23:30");
  });

  it("an instant late in the UTC day is already the next local day", () => {
    expect(formatInstant(utc(2019, 12, 31, 23, 30))).toBe("01/01/2020 06:30");
    expect(formatInstant(utc(2019, 12, 31, 17, 0))).toBe("01/01/2020 00:00");
  });

  it("uses a 24-hour clock", () => {
    expect(formatInstant(utc(2020, 3, 5, 8, 5))).toBe("05/03/2020 15:05");
  });
});

describe("parseLocalDate", () => {
  it.each([
    ["31/12/2019", "2019-12-31", "dd/mm/yyyy"],
    ["05/01/2020", "2020-01-05", "zero-padded dd/mm/yyyy"],
    ["5/1/2020", "2020-01-05", "d/m/yyyy"],
    ["05/1/2020", "2020-01-05", "dd/m/yyyy"],
    ["5/01/2020", "2020-01-05", "d/mm/yyyy"],
    ["29/02/2020", "2020-02-29", "a leap day"],
    ["2019-12-31", "2019-12-31", "ISO yyyy-mm-dd"],
    ["  31/12/2019  ", "2019-12-31", "surrounding whitespace"],
    [" 2019-12-31 ", "2019-12-31", "ISO with surrounding whitespace"],
  ])("reads %j as %s (%s)", (input, expected) => {
    expect(parseLocalDate(input)).toBe(expected);
  });

  it.each([
    ["31/02/2020", "31 February"],
    ["29/02/2019", "29 February in a common year"],
    ["32/01/2020", "day 32"],
    ["00/01/2020", "day 0"],
    ["15/13/2020", "month 13"],
    ["2019-02-30", "an impossible ISO date"],
    ["12/31/2019", "the American month/day order"],
    ["31/12/19", "a two-digit year"],
    ["1/1/20", "a short date with a two-digit year"],
    ["01/01/02020", "a five-digit year"],
    ["31-12-2019", "dashes in day-first order"],
    ["31.12.2019", "dots"],
    ["31/12/2019 10:00", "a date-time"],
    ["31/12/2019x", "trailing garbage"],
    ["abc", "garbage"],
    ["", "the empty string"],
    ["   ", "only whitespace"],
  ])("returns null for %j (%s)", (input) => {
    expect(parseLocalDate(input)).toBeNull();
  });

  it.each([
    ["31/12/9999", "the year 9999 (a day after it is no four-digit year: it was a 500)"],
    ["9999-12-31", "the same, ISO"],
    ["01/01/1000", "a millennium ago"],
    ["31/12/1989", "the day before the first accepted day"],
    ["01/01/2101", "the day after the last accepted day"],
    ["2101-01-01", "the same, ISO"],
  ])("returns null for %j, a real day but not one the app accepts (%s)", (input) => {
    expect(parseLocalDate(input)).toBeNull();
  });

  it("accepts the first and the last accepted day", () => {
    expect(ACCEPTED_DAYS).toEqual({ first: "1990-01-01", last: "2100-12-31" });
    expect(parseLocalDate("01/01/1990")).toBe("1990-01-01");
    expect(parseLocalDate("31/12/2100")).toBe("2100-12-31");
  });

  it("isAcceptedDay takes the ISO days parseLocalDate returns, and nothing else", () => {
    expect(["1990-01-01", "2100-12-31", "2024-02-29"].filter(isAcceptedDay)).toHaveLength(3);
    for (const value of ["1989-12-31", "2101-01-01", "2023-02-29", "01/01/2000", " 2000-01-01", 20000101, null]) {
      expect(isAcceptedDay(value), String(value)).toBe(false);
    }
  });

  it("reads back what formatLocalDate writes, and ISO dates unchanged (property)", () => {
    fc.assert(
      fc.property(localDateArb, (date) => {
        expect(parseLocalDate(formatLocalDate(date))).toBe(date);
        expect(parseLocalDate(date)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it("reads unpadded d/m/yyyy (property)", () => {
    fc.assert(
      fc.property(localDateArb, (date) => {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        expect(parseLocalDate(`${d}/${m}/${y}`)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it("never returns anything but null or a real local date (property)", () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = parseLocalDate(input);
        expect(result === null || isLocalDate(result)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("for any day/month numbers, returns the day exactly when it exists (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1990, max: 2100 }),
        (d, m, y) => {
          const probe = new Date(Date.UTC(y, m - 1, d));
          const exists = m >= 1 && m <= 12 && d >= 1 && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
          const expected = exists ? probe.toISOString().slice(0, 10) : null;
          expect(parseLocalDate(`${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`)).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
