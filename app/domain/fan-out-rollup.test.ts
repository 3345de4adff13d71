// The roll-up of an item given to many units (docs/domain-rules.md §13).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, startOfLocalDay, type LocalDate } from "./dates";
import { countUnits, fanOutRollup, rollupStatus, type UnitStatus } from "./fan-out-rollup";
import { taskStatusAsOf, type TaskFacts } from "./status";
import { STATUS_BASES, TASK_STATUSES, type TaskStatus } from "./vocabulary";

const unit = (status: TaskStatus, extra: Partial<UnitStatus> = {}): UnitStatus => ({ status, stale: false, ...extra });
const units = (...statuses: TaskStatus[]) => statuses.map((s) => unit(s));

describe("an item's status from its units'", () => {
  it("is done on time when every unit is done on time", () => {
    expect(fanOutRollup(units("done_on_time", "done_on_time")).status).toBe("done_on_time");
  });

  it("is done late when every unit is done and one finished late", () => {
    expect(fanOutRollup(units("done_on_time", "done_late", "done_on_time")).status).toBe("done_late");
  });

  it("is overdue while any unit is overdue, whatever the others", () => {
    expect(fanOutRollup(units("done_on_time", "on_track", "overdue", "due_soon")).status).toBe("overdue");
  });

  it("is due soon, then on track, then ongoing, for the most pressing unit not done", () => {
    expect(rollupStatus(countUnits(units("on_track", "due_soon", "done_late")))).toBe("due_soon");
    expect(rollupStatus(countUnits(units("on_track", "ongoing", "done_on_time")))).toBe("on_track");
    expect(rollupStatus(countUnits(units("ongoing", "awaiting_confirmation")))).toBe("ongoing");
  });

  it("awaits confirmation only when every unit not done is waiting for the secretariat", () => {
    expect(fanOutRollup(units("done_on_time", "awaiting_confirmation")).status).toBe("awaiting_confirmation");
  });

  it("sets withdrawn and held units apart, as tasks are", () => {
    expect(fanOutRollup(units("done_on_time", "cancelled", "on_hold")).status).toBe("done_on_time");
    expect(fanOutRollup(units("cancelled", "on_hold")).status).toBe("on_hold");
    expect(fanOutRollup(units("cancelled", "cancelled")).status).toBe("cancelled");
    expect(fanOutRollup(units("cancelled", "done_on_time")).counted).toBe(1);
  });

  it("has no status before any unit exists", () => {
    expect(fanOutRollup([]).status).toBeNull();
  });

  it("counts the units done and the units late (overdue, done late, reported late)", () => {
    const rollup = fanOutRollup([
      unit("done_on_time"),
      unit("done_late"),
      unit("overdue", { stale: true }),
      unit("awaiting_confirmation", { late: true }),
      unit("on_track"),
    ]);
    expect(rollup).toMatchObject({ done: 2, late: 3, counted: 5 });
    expect(rollup.counts.stale).toBe(1);
  });
});

// ---------------------------------------------------------------- property: the roll-up adds its units up

const ASSIGNED: LocalDate = "2026-01-05";
const HOUR = 3_600_000;

/** One unit's task: assigned on ASSIGNED, due some days later, with a few moves along the way. */
const unitFactsArb: fc.Arbitrary<TaskFacts> = fc
  .record({
    dueIn: fc.integer({ min: 0, max: 40 }),
    extendBy: fc.option(fc.record({ on: fc.integer({ min: 0, max: 40 }), days: fc.integer({ min: 1, max: 20 }) })),
    completion: fc.option(
      fc.record({
        reportedOn: fc.integer({ min: 0, max: 60 }),
        confirmAfter: fc.option(fc.integer({ min: 0, max: 10 })),
      }),
    ),
    setAside: fc.option(
      fc.record({ on: fc.integer({ min: 0, max: 60 }), to: fc.constantFrom("on_hold" as const, "cancelled" as const) }),
    ),
    reports: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }),
  })
  .map(({ dueIn, extendBy, completion, setAside, reports }): TaskFacts => {
    const at = (offset: number) => startOfLocalDay(addDays(ASSIGNED, offset)) + 10 * HOUR;
    const transitions: TaskFacts["transitions"][number][] = [];
    if (completion) {
      const reportedOn = addDays(ASSIGNED, completion.reportedOn);
      transitions.push({ toState: "awaiting_confirmation", at: at(completion.reportedOn), completionDate: reportedOn });
      if (completion.confirmAfter !== null) {
        const on = completion.reportedOn + completion.confirmAfter;
        transitions.push({ toState: "done", at: at(on) + HOUR, completionDate: reportedOn });
      }
    }
    if (setAside && !transitions.some((tr) => tr.toState === "done")) {
      transitions.push({ toState: setAside.to, at: at(setAside.on) + 2 * HOUR, completionDate: null });
      transitions.sort((a, b) => a.at - b.at);
    }
    return {
      createdAt: startOfLocalDay(ASSIGNED),
      deadlineKind: "dated",
      originalDueDate: addDays(ASSIGNED, dueIn),
      transitions,
      deadlines: extendBy ? [{ at: at(extendBy.on), dueDate: addDays(ASSIGNED, dueIn + extendBy.days) }] : [],
      progressReportTimes: reports.map(at).sort((a, b) => a - b),
    };
  });

describe("the roll-up's counts", () => {
  it("equal the sum of its units' statuses, on every as-of day and both bases", () => {
    fc.assert(
      fc.property(
        fc.array(unitFactsArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...STATUS_BASES),
        (allUnits, basis) => {
          for (let offset = -2; offset <= 75; offset += 1) {
            const day = addDays(ASSIGNED, offset);
            const statuses = allUnits
              .map((facts) => taskStatusAsOf(facts, day, undefined, basis))
              .filter((s) => s !== null);
            const rollup = fanOutRollup(statuses.map((s) => ({ status: s.status, stale: s.stale, late: s.late })));
            for (const status of TASK_STATUSES) {
              expect(rollup.counts[status]).toBe(statuses.filter((s) => s.status === status).length);
            }
            expect(rollup.counts.stale).toBe(statuses.filter((s) => s.stale).length);
            expect(rollup.done).toBe(statuses.filter((s) => s.status.startsWith("done_")).length);
            if (statuses.length === 0) expect(rollup.status).toBeNull();
            // Done only when every counted unit is; overdue whenever one is.
            const counted = statuses.filter((s) => s.status !== "on_hold" && s.status !== "cancelled");
            const allDone = counted.length > 0 && counted.every((s) => s.status.startsWith("done_"));
            expect(rollup.status === "done_on_time" || rollup.status === "done_late").toBe(allDone);
            expect(rollup.status === "overdue").toBe(counted.some((s) => s.status === "overdue"));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
