import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, startOfLocalDay } from "./dates";
import { departmentExistsOn, spanHolds, spansOverlap } from "./unit-groups";

describe("memberships", () => {
  it("hold from their first day up to the day before they end", () => {
    const span = { fromDay: "2019-09-18", untilDay: "2020-06-01" };
    expect(spanHolds(span, "2019-09-17")).toBe(false);
    expect(spanHolds(span, "2019-09-18")).toBe(true);
    expect(spanHolds(span, "2020-05-31")).toBe(true);
    expect(spanHolds(span, "2020-06-01")).toBe(false);
    expect(spanHolds({ fromDay: "2019-09-18", untilDay: null }, "2100-12-31")).toBe(true);
  });

  it("overlap exactly when some day is held by both", () => {
    const day = fc.integer({ min: 0, max: 40 }).map((n) => addDays("2020-01-01", n));
    const span = fc
      .tuple(day, fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }))
      .map(([fromDay, length]) => ({ fromDay, untilDay: length === null ? null : addDays(fromDay, length) }));
    fc.assert(
      fc.property(span, span, (a, b) => {
        let shared = false;
        for (let d = "2019-12-31"; d <= "2020-03-31"; d = addDays(d, 1)) shared ||= spanHolds(a, d) && spanHolds(b, d);
        // Past the window both open-ended spans still share days.
        if (a.untilDay === null && b.untilDay === null) shared = true;
        expect(spansOverlap(a, b)).toBe(shared);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe("a department exists", () => {
  const created = startOfLocalDay("2019-09-03") + 8 * 3600_000;

  it("from the day it was created until the day before its merge or dissolution", () => {
    const merged = { createdAt: created, active: false, dissolvedOn: "2025-03-01" };
    expect(departmentExistsOn(merged, "2019-09-02")).toBe(false);
    expect(departmentExistsOn(merged, "2019-09-03")).toBe(true);
    expect(departmentExistsOn(merged, "2025-02-28")).toBe(true);
    expect(departmentExistsOn(merged, "2025-03-01")).toBe(false);
  });

  it("while active when it has no dissolution day", () => {
    expect(departmentExistsOn({ createdAt: created, active: true, dissolvedOn: null }, "2030-01-01")).toBe(true);
    expect(departmentExistsOn({ createdAt: created, active: false, dissolvedOn: null }, "2020-01-01")).toBe(false);
  });
});
