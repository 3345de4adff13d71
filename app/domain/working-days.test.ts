import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { isWorkingDay, moreThanWorkingDaysBefore, workingDaysBetween } from "./working-days";

describe("working days", () => {
  it("are Monday to Friday", () => {
    // 05/12/2026 is a Saturday.
    expect(isWorkingDay("2026-12-05")).toBe(false);
    expect(isWorkingDay("2026-12-06")).toBe(false);
    expect(isWorkingDay("2026-12-07")).toBe(true);
    expect(isWorkingDay("2026-12-04")).toBe(true);
  });

  it("count the working days after a day up to another", () => {
    // Reported Friday 27/12/2019: Mon 30, Tue 31 Dec, Wed 1 Jan (a holiday, counted for now).
    expect(workingDaysBetween("2019-12-27", "2019-12-27")).toBe(0);
    expect(workingDaysBetween("2019-12-27", "2019-12-29")).toBe(0);
    expect(workingDaysBetween("2019-12-27", "2019-12-31")).toBe(2);
    expect(workingDaysBetween("2019-12-27", "2020-01-02")).toBe(4);
  });

  it("find the latest day more than n working days back, consistent with the count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 10 }), (offset, n) => {
        const asOf = addDays("2019-01-01", offset);
        const limit = moreThanWorkingDaysBefore(asOf, n);
        expect(workingDaysBetween(limit, asOf)).toBeGreaterThan(n);
        expect(workingDaysBetween(addDays(limit, 1), asOf)).toBeLessThanOrEqual(n);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
