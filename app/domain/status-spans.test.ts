// The spans of app/domain/status-spans.ts must say, for every day, exactly what the
// reference (app/domain/status.ts taskStatusAsOf) says for that day: random
// histories with events packed around due dates and local midnight, checked on
// every day from before the task existed to long after its last event.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, startOfLocalDay, type Instant, type LocalDate } from "./dates";
import { DEFAULT_STATUS_RULES, taskStatusAsOf, type StatusRules, type TaskFacts } from "./status";
import {
  dateOfDayNumber,
  dayNumber,
  dayOfInstant,
  leadOnDay,
  OPEN_END,
  spanOn,
  spansByLead,
  statusSpans,
  type LeadAssignment,
} from "./status-spans";
import { DEADLINE_KINDS, type WorkflowState } from "./vocabulary";

const ORIGIN: LocalDate = "2019-09-01";
const HOUR = 3_600_000;

const instantArb = (fromDay: number, toDay: number) =>
  fc
    .tuple(fc.integer({ min: fromDay, max: toDay }), fc.constantFrom(0, 0.5, 6.5, 12, 16.99, 17, 23.5, 23.99))
    .map(([day, hour]) => startOfLocalDay(addDays(ORIGIN, day)) + Math.round(hour * HOUR));

const STEP_STATES: WorkflowState[] = [
  "in_progress",
  "awaiting_confirmation",
  "returned",
  "done",
  "on_hold",
  "in_progress",
  "cancelled",
];

/** Task facts as loadTaskFacts returns them (in recording order, not necessarily in time order). */
const factsArb: fc.Arbitrary<TaskFacts> = fc
  .record({
    deadlineKind: fc.constantFrom(...DEADLINE_KINDS, "dated", "dated"),
    dueDay: fc.integer({ min: 20, max: 200 }),
    createdAt: instantArb(0, 30),
    steps: fc.array(
      fc.record({
        state: fc.constantFrom(...STEP_STATES),
        at: instantArb(10, 260),
        completionDay: fc.integer({ min: 15, max: 250 }),
      }),
      { maxLength: 6 },
    ),
    extensions: fc.array(fc.record({ decidedAt: instantArb(15, 230), extraDays: fc.integer({ min: 1, max: 60 }) }), {
      maxLength: 3,
    }),
    reports: fc.array(instantArb(5, 260), { maxLength: 5 }),
  })
  .map((g) => {
    const dated = g.deadlineKind === "dated";
    let due = g.dueDay;
    return {
      createdAt: g.createdAt,
      deadlineKind: g.deadlineKind,
      originalDueDate: dated ? addDays(ORIGIN, g.dueDay) : null,
      transitions: g.steps.map((s) => ({
        toState: s.state,
        at: s.at,
        completionDate:
          s.state === "done" || s.state === "awaiting_confirmation" ? addDays(ORIGIN, s.completionDay) : null,
      })),
      extensions: dated
        ? g.extensions.map((e) => ({ decidedAt: e.decidedAt, dueDate: addDays(ORIGIN, (due += e.extraDays)) }))
        : [],
      progressReportTimes: g.reports,
    } satisfies TaskFacts;
  });

/** Every day from a week before the task to well after anything in its history, compared with the reference. */
function mismatches(facts: TaskFacts, rules: StatusRules, step = 1): string[] {
  const spans = statusSpans(facts, rules);
  const found: string[] = [];
  const first = dayNumber(ORIGIN) - 7;
  const last = dayNumber(ORIGIN) + 330;
  for (let day = first; day <= last; day += step) {
    const asOf = dateOfDayNumber(day);
    const expected = taskStatusAsOf(facts, asOf, rules);
    const span = spanOn(spans, day);
    const actual =
      span === undefined
        ? null
        : {
            status: span.status,
            dueDate: span.dueDay === null ? null : dateOfDayNumber(span.dueDay),
            late: (span.status === "overdue" || span.status === "awaiting_confirmation") && day > (span.dueDay ?? day),
            daysLate:
              (span.status === "overdue" || span.status === "awaiting_confirmation") && day > (span.dueDay ?? day)
                ? day - span.dueDay!
                : 0,
            stale: span.stale,
          };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      found.push(`${asOf}: spans ${JSON.stringify(actual)} ≠ reference ${JSON.stringify(expected)}`);
    }
  }
  return found;
}

describe("status spans", () => {
  it("convert days and instants on the Hanoi calendar", () => {
    expect(dateOfDayNumber(dayNumber("2019-12-31"))).toBe("2019-12-31");
    expect(dayNumber("1970-01-02")).toBe(1);
    // 23:59 in Hanoi is still the same day; 00:00 the next one.
    expect(dayOfInstant(startOfLocalDay("2019-12-31") + 24 * HOUR - 1)).toBe(dayNumber("2019-12-31"));
    expect(dayOfInstant(startOfLocalDay("2020-01-01"))).toBe(dayNumber("2020-01-01"));
  });

  it("cover every day from the creation day on, without gaps or overlaps, the last one open-ended", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const spans = statusSpans(facts, DEFAULT_STATUS_RULES);
        expect(spans[0]!.fromDay).toBe(dayOfInstant(facts.createdAt));
        for (let i = 1; i < spans.length; i++) expect(spans[i]!.fromDay).toBe(spans[i - 1]!.toDay);
        expect(spans.at(-1)!.toDay).toBe(OPEN_END);
        for (let i = 1; i < spans.length; i++) {
          const [a, b] = [spans[i - 1]!, spans[i]!];
          expect([a.status, a.stale, a.dueDay]).not.toEqual([b.status, b.stale, b.dueDay]);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("agree with the reference on every day, for random histories", () => {
    const sample = fc.sample(factsArb, { numRuns: 120, seed: 20190918 });
    const found = sample.flatMap((facts, i) => mismatches(facts, DEFAULT_STATUS_RULES).map((m) => `task ${i} ${m}`));
    expect(found.slice(0, 5)).toEqual([]);
  });

  it("agree with the reference under other rule settings", () => {
    for (const rules of [
      { dueSoonDays: 0, staleAfterDays: 1 },
      { dueSoonDays: 10, staleAfterDays: 90 },
    ]) {
      const sample = fc.sample(factsArb, { numRuns: 60, seed: rules.staleAfterDays });
      const found = sample.flatMap((facts, i) => mismatches(facts, rules, 2).map((m) => `task ${i} ${m}`));
      expect(found.slice(0, 5)).toEqual([]);
    }
  });

  it("for small shrinkable cases", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        expect(mismatches(facts, DEFAULT_STATUS_RULES, 5)).toEqual([]);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it("split a plain dated task where its status changes: on track, due soon, overdue, stale, done late", () => {
    const at = (date: LocalDate, hour: number): Instant => startOfLocalDay(date) + hour * HOUR;
    const facts: TaskFacts = {
      createdAt: at("2019-10-01", 9),
      deadlineKind: "dated",
      originalDueDate: "2019-12-31",
      transitions: [{ toState: "done", at: at("2020-03-02", 10), completionDate: "2020-03-01" }],
      extensions: [],
      progressReportTimes: [at("2019-12-20", 10)],
    };
    const spans = statusSpans(facts, DEFAULT_STATUS_RULES).map((s) => [dateOfDayNumber(s.fromDay), s.status, s.stale]);
    expect(spans).toEqual([
      ["2019-10-01", "on_track", false],
      ["2019-12-28", "due_soon", false],
      ["2020-01-01", "overdue", false],
      // The report of 20/12 counts for the 30 days 20/12 … 18/01.
      ["2020-01-19", "overdue", true],
      ["2020-03-02", "done_late", false],
    ]);
  });
});

describe("spans by lead department", () => {
  /** Re-assignments at random instants (two on one day too), in recording order, not necessarily in time order. */
  const leadsArb: fc.Arbitrary<LeadAssignment[]> = fc.array(
    fc.record({ departmentId: fc.integer({ min: 1, max: 4 }), fromAt: instantArb(-5, 260) }),
    { maxLength: 5 },
  );

  /** The reference: the latest assignment begun by the end of the day (by time, then recording order), else the first. */
  function expectedLead(assignments: readonly LeadAssignment[], day: number, current: number): number {
    const ordered = assignments.map((a, i) => ({ ...a, i })).sort((a, b) => a.fromAt - b.fromAt || a.i - b.i);
    const begun = ordered.filter((a) => dayOfInstant(a.fromAt) <= day);
    return (begun.at(-1) ?? ordered[0])?.departmentId ?? current;
  }

  it("give every day the status of the spans and the lead department of that day", () => {
    fc.assert(
      fc.property(factsArb, leadsArb, (facts, assignments) => {
        const spans = statusSpans(facts, DEFAULT_STATUS_RULES);
        const byLead = spansByLead(spans, assignments, 9);
        expect(byLead[0]!.fromDay).toBe(spans[0]!.fromDay);
        expect(byLead.at(-1)!.toDay).toBe(OPEN_END);
        for (let i = 1; i < byLead.length; i++) {
          const [a, b] = [byLead[i - 1]!, byLead[i]!];
          expect(b.fromDay).toBe(a.toDay);
          // Cut only where something changes.
          expect([a.status, a.stale, a.dueDay, a.leadDepartmentId]).not.toEqual([
            b.status,
            b.stale,
            b.dueDay,
            b.leadDepartmentId,
          ]);
        }
        for (let day = spans[0]!.fromDay; day <= dayNumber(ORIGIN) + 270; day++) {
          const piece = spanOn(byLead, day)!;
          const { status, stale, dueDay } = spanOn(spans, day)!;
          expect({ status: piece.status, stale: piece.stale, dueDay: piece.dueDay }).toEqual({ status, stale, dueDay });
          expect(piece.leadDepartmentId, dateOfDayNumber(day)).toBe(expectedLead(assignments, day, 9));
          expect(leadOnDay(assignments, day, 9)).toBe(piece.leadDepartmentId);
        }
      }),
      { numRuns: 200, seed: 2025 },
    );
  });

  it("keep a re-assignment's day with the new lead, and an unassigned task with its current lead", () => {
    const created = startOfLocalDay("2019-09-18") + 9 * HOUR;
    const facts: TaskFacts = {
      createdAt: created,
      deadlineKind: "dated",
      originalDueDate: "2019-12-31",
      transitions: [],
      extensions: [],
      progressReportTimes: [],
    };
    const spans = statusSpans(facts, DEFAULT_STATUS_RULES);
    // Re-assigned at 23:59 on 10/01/2020 (Hanoi): that day already counts for the new lead.
    const moved = startOfLocalDay("2020-01-10") + 24 * HOUR - 60_000;
    const byLead = spansByLead(
      spans,
      [
        { departmentId: 1, fromAt: created },
        { departmentId: 2, fromAt: moved },
      ],
      2,
    );
    expect(spanOn(byLead, dayNumber("2020-01-09"))).toMatchObject({ status: "overdue", leadDepartmentId: 1 });
    expect(spanOn(byLead, dayNumber("2020-01-10"))).toMatchObject({ status: "overdue", leadDepartmentId: 2 });
    expect(spansByLead(spans, [], 7).map((s) => s.leadDepartmentId)).toEqual(spans.map(() => 7));
  });
});
