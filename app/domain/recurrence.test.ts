import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "./dates";
import { lastDayOfMonth } from "./periods";
import { statutoryCalendarDays } from "./public-holidays";
import {
  firstOccurrences,
  nextOccurrenceAfter,
  occurrencesBetween,
  occurrencesDueBy,
  recurrenceViolations,
  type RecurrenceRule,
} from "./recurrence";
import type { RecurrenceFrequency } from "./vocabulary";
import { isWorkingDay, WEEKENDS_ONLY, weekdayOf, workingCalendarOf, workingDaysBetween } from "./working-days";

const CALENDAR = workingCalendarOf(Array.from({ length: 12 }, (_, i) => statutoryCalendarDays(2019 + i)).flat());
const FIRST = "2019-01-01";
const LAST = "2030-12-31";

function rule(frequency: RecurrenceFrequency, day: number, more: Partial<RecurrenceRule> = {}): RecurrenceRule {
  return { frequency, day, workingDays: false, startsOn: FIRST, endsOn: null, ...more };
}

const allOf = (r: RecurrenceRule, calendar = WEEKENDS_ONLY) => occurrencesBetween(r, FIRST, LAST, calendar);

describe("monthly duties ('trước ngày 05 hằng tháng')", () => {
  it("give one occurrence a month 2019–2030, due on the day of that month, given on its first day", () => {
    const all = allOf(rule("monthly", 5));
    expect(all).toHaveLength(144);
    all.forEach((o, i) => {
      const year = 2019 + Math.floor(i / 12);
      const month = String((i % 12) + 1).padStart(2, "0");
      expect(o.periodKey).toBe(`${year}-${month}`);
      expect(o.label).toBe(`Tháng ${month}/${year}`);
      expect(o.assignedOn).toBe(`${year}-${month}-01`);
      expect(o.dueDate).toBe(`${year}-${month}-05`);
    });
  });

  it("fall on the month's last day when the month has no such day (31st, February, leap years)", () => {
    const all = allOf(rule("monthly", 31));
    for (const o of all) expect(o.dueDate).toBe(lastDayOfMonth(o.year, o.part));
    const due = (key: string) => all.find((o) => o.periodKey === key)!.dueDate;
    expect(due("2019-02")).toBe("2019-02-28");
    expect(due("2020-02")).toBe("2020-02-29");
    expect(due("2024-02")).toBe("2024-02-29");
    expect(due("2030-02")).toBe("2030-02-28");
    expect(due("2021-04")).toBe("2021-04-30");
    expect(due("2021-05")).toBe("2021-05-31");
    expect(allOf(rule("monthly", 29)).find((o) => o.periodKey === "2023-02")!.dueDate).toBe("2023-02-28");
  });

  it("keep a due day on a weekend or a holiday as written", () => {
    // 05/01/2020 is a Sunday; Tết 2025 is off 25/01–02/02, and 01/02/2025 is a Saturday in it.
    expect(allOf(rule("monthly", 5)).find((o) => o.periodKey === "2020-01")!.dueDate).toBe("2020-01-05");
    expect(allOf(rule("monthly", 1), CALENDAR).find((o) => o.periodKey === "2025-02")!.dueDate).toBe("2025-02-01");
  });

  it("count working days of the month over the calendar when the rule says so (Tết included)", () => {
    const all = allOf(rule("monthly", 5, { workingDays: true }), CALENDAR);
    expect(all).toHaveLength(144);
    for (const o of all) {
      expect(isWorkingDay(o.dueDate, CALENDAR)).toBe(true);
      expect(workingDaysBetween(addDays(o.periodStart, -1), o.dueDate, CALENDAR)).toBe(5);
      expect(o.dueDate.slice(0, 7)).toBe(o.periodKey);
    }
    // Tết Canh Tý: 23/01–29/01/2020 off, so January 2020's 5th working day is 08/01 (01/01 is off).
    expect(all.find((o) => o.periodKey === "2020-01")!.dueDate).toBe("2020-01-08");
    // Tết Kỷ Hợi: 04/02–08/02/2019 off; February 2019's working days start on 01/02, then 11/02.
    expect(all.find((o) => o.periodKey === "2019-02")!.dueDate).toBe("2019-02-14");
    // The 10th working day of every month exists, even February with Tết.
    for (const o of allOf(rule("monthly", 10, { workingDays: true }), CALENDAR))
      expect(o.dueDate.slice(0, 7)).toBe(o.periodKey);
  });
});

describe("quarterly, half-yearly and yearly duties (due in the month after the period)", () => {
  it("give four quarters a year, due on the day of the quarter's next month, labelled in Roman numerals", () => {
    const all = allOf(rule("quarterly", 15));
    expect(all).toHaveLength(48);
    const roman = ["I", "II", "III", "IV"];
    all.forEach((o, i) => {
      const year = 2019 + Math.floor(i / 4);
      const quarter = (i % 4) + 1;
      expect(o.periodKey).toBe(`${year}-Q${quarter}`);
      expect(o.label).toBe(`Quý ${roman[quarter - 1]}/${year}`);
      expect(o.periodStart).toBe(`${year}-${String(quarter * 3 - 2).padStart(2, "0")}-01`);
      expect(o.periodEnd).toBe(lastDayOfMonth(year, quarter * 3));
      expect(o.dueDate).toBe(addDays(o.periodEnd, 15));
    });
    expect(all.at(-1)!.dueDate).toBe("2031-01-15");
  });

  it("give two halves a year and one year, due in July / January", () => {
    const halves = allOf(rule("half_yearly", 20));
    expect(halves).toHaveLength(24);
    expect(halves[0]).toMatchObject({ periodKey: "2019-H1", label: "6 tháng đầu năm 2019", dueDate: "2019-07-20" });
    expect(halves[1]).toMatchObject({ periodKey: "2019-H2", label: "6 tháng cuối năm 2019", dueDate: "2020-01-20" });
    const years = allOf(rule("yearly", 31));
    expect(years).toHaveLength(12);
    expect(years.map((o) => o.label)).toEqual(Array.from({ length: 12 }, (_, i) => `Năm ${2019 + i}`));
    years.forEach((o) => expect(o.dueDate).toBe(`${o.year + 1}-01-31`));
  });

  it("owe the report of the period a duty starts in, when it is due after the start", () => {
    const [first] = firstOccurrences(rule("quarterly", 15, { startsOn: "2020-03-10" }), 1);
    expect(first).toMatchObject({ periodKey: "2020-Q1", assignedOn: "2020-03-10", dueDate: "2020-04-15" });
  });
});

describe("weekly duties ('hằng tuần vào thứ Sáu')", () => {
  it("give one occurrence per ISO week, due on the weekday, given on the Monday", () => {
    const all = occurrencesBetween(rule("weekly", 5, { startsOn: "2018-12-31" }), "2018-12-31", LAST);
    // ISO years 2019–2030 have 12 × 52 + 2 weeks (2020 and 2026 have 53), and Monday 30/12/2030 starts 2031-W01.
    expect(all).toHaveLength(627);
    expect(all.at(-1)).toMatchObject({ periodKey: "2031-W01", label: "Tuần 01/2031", dueDate: "2031-01-03" });
    for (const [i, o] of all.entries()) {
      expect(weekdayOf(o.assignedOn)).toBe(1);
      expect(weekdayOf(o.dueDate)).toBe(5);
      expect(daysBetween(o.assignedOn, o.dueDate)).toBe(4);
      expect(o.label).toBe(`Tuần ${String(o.part).padStart(2, "0")}/${o.year}`);
      if (i > 0) expect(daysBetween(all[i - 1]!.assignedOn, o.assignedOn)).toBe(7);
    }
    expect(all[0]).toMatchObject({ periodKey: "2019-W01", assignedOn: "2018-12-31", dueDate: "2019-01-04" });
    expect(all.find((o) => o.periodKey === "2020-W53")!.dueDate).toBe("2021-01-01");
    expect(all.find((o) => o.periodKey === "2026-W53")!.dueDate).toBe("2027-01-01");
    expect(all.find((o) => o.label === "Tuần 02/2020")!.dueDate).toBe("2020-01-10");
    expect(all.some((o) => o.periodKey === "2025-W53")).toBe(false);
  });

  it("skip the week whose weekday is before the start", () => {
    // 01/01/2020 is a Wednesday: the Monday of that week's occurrence is due then.
    const first = firstOccurrences(rule("weekly", 1, { startsOn: "2020-01-01" }), 2);
    expect(first.map((o) => o.dueDate)).toEqual(["2020-01-06", "2020-01-13"]);
    const friday = firstOccurrences(rule("weekly", 5, { startsOn: "2020-01-01" }), 1);
    expect(friday[0]).toMatchObject({ periodKey: "2020-W01", assignedOn: "2020-01-01", dueDate: "2020-01-03" });
  });
});

describe("start and end", () => {
  it("skip a period whose due day is before the start and stop after the end's period", () => {
    const r = rule("monthly", 5, { startsOn: "2020-01-10", endsOn: "2020-12-31" });
    const all = allOf(r);
    expect(all.map((o) => o.periodKey)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2020-${String(i + 2).padStart(2, "0")}`),
    );
    // A quarterly duty ending with 2020 still owes its Q4 report, due in 2021.
    expect(allOf(rule("quarterly", 15, { startsOn: "2020-01-01", endsOn: "2020-12-31" })).at(-1)).toMatchObject({
      periodKey: "2020-Q4",
      dueDate: "2021-01-15",
    });
  });

  it("gives what exists on a day: every occurrence given by then and the next one", () => {
    const r = rule("monthly", 5, { startsOn: "2020-01-01" });
    const due = occurrencesDueBy(r, "2020-03-20");
    expect(due.map((o) => o.periodKey)).toEqual(["2020-01", "2020-02", "2020-03", "2020-04"]);
    expect(occurrencesDueBy(r, "2019-12-01").map((o) => o.periodKey)).toEqual(["2020-01"]);
    expect(occurrencesDueBy({ ...r, endsOn: "2020-02-10" }, "2020-03-20").map((o) => o.periodKey)).toEqual([
      "2020-01",
      "2020-02",
    ]);
  });

  it("refuses rules it cannot follow", () => {
    expect(recurrenceViolations(rule("weekly", 0))).toEqual(["weekday_out_of_range"]);
    expect(recurrenceViolations(rule("weekly", 5, { workingDays: true }))).toEqual(["working_days_weekly"]);
    expect(recurrenceViolations(rule("monthly", 32))).toEqual(["day_out_of_range"]);
    expect(recurrenceViolations(rule("monthly", 11, { workingDays: true }))).toEqual(["day_out_of_range"]);
    expect(recurrenceViolations(rule("monthly", 5, { endsOn: "2018-12-31" }))).toEqual(["ends_before_start"]);
    expect(recurrenceViolations(rule("monthly", 5, { startsOn: "2020-01-10", endsOn: "2020-01-20" }))).toEqual([
      "no_occurrence",
    ]);
    expect(recurrenceViolations(rule("monthly", 5))).toEqual([]);
  });
});

describe("any rule over 2019–2030", () => {
  const rules = fc.record({
    frequency: fc.constantFrom<RecurrenceFrequency>("weekly", "monthly", "quarterly", "half_yearly", "yearly"),
    day: fc.integer({ min: 1, max: 31 }),
    workingDays: fc.boolean(),
    start: fc.integer({ min: 0, max: 4000 }),
    length: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
    probe: fc.integer({ min: 0, max: 4382 }),
  });

  it("gives occurrences in order, once each, due on or after they are given, and `next` agrees with the list", () => {
    fc.assert(
      fc.property(rules, ({ frequency, day, workingDays, start, length, probe }) => {
        const weekly = frequency === "weekly";
        const r: RecurrenceRule = {
          frequency,
          day: weekly ? (day % 7) + 1 : workingDays ? (day % 10) + 1 : day,
          workingDays: weekly ? false : workingDays,
          startsOn: addDays(FIRST, start),
          endsOn: length === null ? null : addDays(FIRST, start + length),
        };
        const all = occurrencesBetween(r, FIRST, LAST, CALENDAR);
        const keys = new Set(all.map((o) => o.periodKey));
        expect(keys.size).toBe(all.length);
        for (const [i, o] of all.entries()) {
          expect(o.assignedOn <= o.dueDate).toBe(true);
          expect(o.dueDate >= r.startsOn).toBe(true);
          expect(o.assignedOn >= r.startsOn).toBe(true);
          if (r.endsOn !== null) expect(o.periodStart <= r.endsOn).toBe(true);
          if (i > 0) expect(all[i - 1]!.assignedOn < o.assignedOn && all[i - 1]!.dueDate < o.dueDate).toBe(true);
        }
        const day0 = addDays(FIRST, probe);
        const next = nextOccurrenceAfter(r, day0, CALENDAR);
        const expected = all.find((o) => o.assignedOn > day0);
        if (expected !== undefined) expect(next).toEqual(expected);
        else if (next !== null) expect(next.assignedOn > LAST).toBe(true);
        expect(firstOccurrences(r, 3, CALENDAR).slice(0, Math.min(3, all.length))).toEqual(all.slice(0, 3));
      }),
      { numRuns: 400 },
    );
  });
});
