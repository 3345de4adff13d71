// Reporting periods: what `period=` accepts, and the first and last day of each.
// Expected days are computed with Date.UTC, independently of periods.ts and dates.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  lastDayOfMonth,
  monthsEndingWith,
  monthsOf,
  parsePeriod,
  periodFromQuery,
  PERIOD_PARTS,
  quarterOf,
  quartersBetween,
  romanQuarter,
} from "./periods";

/** The last day of a month (1–12) by the UTC calendar, which has the same days as Hanoi's. */
function utcLastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

describe("parsePeriod", () => {
  it("reads a year, a quarter and a month, with their first and last days", () => {
    expect(parsePeriod("2019")).toMatchObject({ key: "2019", kind: "year", from: "2019-01-01", to: "2019-12-31" });
    expect(parsePeriod("2019-Q4")).toMatchObject({
      key: "2019-Q4",
      kind: "quarter",
      part: 4,
      from: "2019-10-01",
      to: "2019-12-31",
    });
    expect(parsePeriod("2020-q1")).toMatchObject({ key: "2020-Q1", from: "2020-01-01", to: "2020-03-31" });
    expect(parsePeriod("2019-12")).toMatchObject({
      key: "2019-12",
      kind: "month",
      from: "2019-12-01",
      to: "2019-12-31",
    });
    expect(parsePeriod(" 2020-2 ")).toMatchObject({ key: "2020-02", from: "2020-02-01", to: "2020-02-29" });
    expect(parsePeriod("2019-02")!.to).toBe("2019-02-28");
    expect(parsePeriod("2100-02")!.to).toBe("2100-02-28");
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "19",
      "20199",
      "2019-13",
      "2019-00",
      "2019-Q0",
      "2019-Q5",
      "2019-Q",
      "Q4/2019",
      "12/2019",
      "2019-12-01",
      "1899",
      "2200",
      "2019 Q4",
      "２０１９",
      "2019-1a",
    ]) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it("gives every month its real last day, and its key back unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const period = parsePeriod(`${year}-${String(month).padStart(2, "0")}`)!;
        expect(period.to).toBe(utcLastDay(year, month));
        expect(lastDayOfMonth(year, month)).toBe(utcLastDay(year, month));
        expect(parsePeriod(period.key)).toEqual(period);
        const quarter = quarterOf(period.from);
        expect(quarter.from <= period.from && period.to <= quarter.to).toBe(true);
        expect(monthsOf(quarter).map((m) => m.key)).toContain(period.key);
      }),
    );
  });
});

describe("months and quarters", () => {
  it("a year has twelve months and four quarters that tile it", () => {
    const year = parsePeriod("2024")!;
    const months = monthsOf(year);
    expect(months).toHaveLength(12);
    expect(months[0]!.from).toBe("2024-01-01");
    expect(months[11]!.to).toBe("2024-12-31");
    expect(monthsOf(parsePeriod("2024-Q3")!).map((m) => m.key)).toEqual(["2024-07", "2024-08", "2024-09"]);
    expect(monthsOf(parsePeriod("2024-05")!).map((m) => m.key)).toEqual(["2024-05"]);
  });

  it("counts twelve months back across a year end", () => {
    expect(monthsEndingWith("2020-02-15", 12).map((m) => m.key)).toEqual([
      "2019-03",
      "2019-04",
      "2019-05",
      "2019-06",
      "2019-07",
      "2019-08",
      "2019-09",
      "2019-10",
      "2019-11",
      "2019-12",
      "2020-01",
      "2020-02",
    ]);
  });

  it("lists the quarters between two days, newest first", () => {
    expect(quartersBetween("2019-09-24", "2020-04-01").map((q) => q.key)).toEqual([
      "2020-Q2",
      "2020-Q1",
      "2019-Q4",
      "2019-Q3",
    ]);
    expect(quartersBetween("2020-01-01", "2019-12-31")).toEqual([]);
    expect(quarterOf("2019-12-31")).toMatchObject({ key: "2019-Q4", to: "2019-12-31" });
    expect(romanQuarter(4)).toBe("IV");
  });

  it("a form's year and part of it read as one period; links' periods as they are", () => {
    const read = (query: string) => periodFromQuery(new URLSearchParams(query));
    expect(PERIOD_PARTS).toEqual([
      "Q1",
      "Q2",
      "Q3",
      "Q4",
      "01",
      "02",
      "03",
      "04",
      "05",
      "06",
      "07",
      "08",
      "09",
      "10",
      "11",
      "12",
    ]);
    expect(read("period=2019&periodPart=Q4")).toBe("2019-Q4");
    expect(read("period=2019&periodPart=12")).toBe("2019-12");
    expect(read("period=2019&periodPart=")).toBe("2019");
    expect(read("period=2019-Q3")).toBe("2019-Q3");
    expect(read("")).toBeNull();
    expect(read("period=&periodPart=")).toBeNull();
    // What cannot be joined is left for parsePeriod to refuse.
    expect(parsePeriod(read("periodPart=Q4")!)).toBeNull();
    expect(parsePeriod(read("period=2019-Q3&periodPart=Q4")!)).toBeNull();
    expect(parsePeriod(read("period=2019&periodPart=13")!)).toBeNull();
    for (const part of PERIOD_PARTS) expect(parsePeriod(read(`period=2020&periodPart=${part}`)!), part).not.toBeNull();
  });
});
