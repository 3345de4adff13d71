// The spans of app/domain/status-spans.ts must say, for every day, exactly what the
// reference (app/domain/status.ts taskStatusAsOf) says for that day, on both bases
// (as it happened, as recorded), with the lead department of that day: random
// histories with events packed around due dates and local midnight, some of them
// entered after the fact, checked on every day from before the task existed to long
// after its last event.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, startOfLocalDay, type Instant, type LocalDate } from "./dates";
import {
  DEFAULT_STATUS_RULES,
  taskStatusAsOf,
  type DeadlineFact,
  type StatusRules,
  type TaskFacts,
  type TransitionFact,
} from "./status";
import {
  dateOfDayNumber,
  dayNumber,
  dayOfInstant,
  daysLateOnDay,
  leadOnDay,
  OPEN_END,
  sameSpans,
  spanOn,
  statusSpans,
  type LeadAssignment,
  type StatusSpan,
} from "./status-spans";
import { DEADLINE_KINDS, STATUS_BASES, type StatusBasis, type WorkflowState } from "./vocabulary";

// ---------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------

const ORIGIN: LocalDate = "2019-09-01";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The lead department a task has now (what `leadOnDay` answers without any assignment). */
const CURRENT_LEAD = 9;

/** An instant on the Hanoi clock: `at("2019-12-31", 23.5)` is 23:30 local. */
function at(date: LocalDate, hour: number): Instant {
  return startOfLocalDay(date) + Math.round(hour * HOUR);
}

/** The Hanoi day (days since 1970-01-01) of an instant, computed apart from status-spans.ts. */
function localDay(instant: Instant): number {
  return Math.floor((instant + 7 * HOUR) / DAY);
}

type Timed = { at: Instant; recordedAt?: Instant };

function entered(fact: Timed): Instant {
  return fact.recordedAt ?? fact.at;
}

/** Lists come in the order the facts were recorded (stable for ties). */
function inRecordingOrder<T extends Timed>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => entered(a) - entered(b));
}

function lagged<T extends Timed>(fact: T, lag: number | null): T {
  return lag === null ? fact : { ...fact, recordedAt: fact.at + lag };
}

const instantArb = (fromDay: number, toDay: number) =>
  fc
    .tuple(fc.integer({ min: fromDay, max: toDay }), fc.constantFrom(0, 0.5, 6.5, 12, 16.99, 17, 23.5, 23.99))
    .map(([day, hour]) => at(addDays(ORIGIN, day), hour));

/** Mostly entered as it happened (no `recordedAt`); sometimes exactly then, across a midnight, or days later. */
const lagArb: fc.Arbitrary<number | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, HOUR / 2, 7 * HOUR, DAY) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 * DAY }) },
);

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
    taskLag: lagArb,
    steps: fc.array(
      fc.record({
        state: fc.constantFrom(...STEP_STATES),
        at: instantArb(10, 260),
        completionDay: fc.integer({ min: 15, max: 250 }),
        lag: lagArb,
      }),
      { maxLength: 6 },
    ),
    deadlines: fc.array(
      fc.record({
        at: instantArb(15, 230),
        extraDays: fc.integer({ min: 1, max: 60 }),
        // The correction of an entry error: in force from the assignment, entered later.
        correction: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        lag: lagArb,
      }),
      { maxLength: 3 },
    ),
    reports: fc.array(instantArb(5, 260), { maxLength: 5 }),
  })
  .map((g): TaskFacts => {
    const dated = g.deadlineKind === "dated";
    let due = g.dueDay;
    const transitions: TransitionFact[] = g.steps.map((s) =>
      lagged(
        {
          toState: s.state,
          at: s.at,
          completionDate:
            s.state === "done" || s.state === "awaiting_confirmation" ? addDays(ORIGIN, s.completionDay) : null,
        },
        s.lag,
      ),
    );
    const deadlines: DeadlineFact[] = dated
      ? g.deadlines.map((e) =>
          e.correction
            ? lagged({ at: g.createdAt, dueDate: addDays(ORIGIN, (due += e.extraDays)) }, (e.lag ?? 0) + DAY)
            : lagged({ at: e.at, dueDate: addDays(ORIGIN, (due += e.extraDays)) }, e.lag),
        )
      : [];
    return {
      ...(g.taskLag === null ? {} : { recordedAt: g.createdAt + g.taskLag }),
      createdAt: g.createdAt,
      deadlineKind: g.deadlineKind,
      originalDueDate: dated ? addDays(ORIGIN, g.dueDay) : null,
      transitions: inRecordingOrder(transitions),
      deadlines: inRecordingOrder(deadlines),
      progressReportTimes: g.reports,
    };
  });

/** Re-assignments at random instants (two on one day too), some entered later, in recording order. */
const leadsArb: fc.Arbitrary<LeadAssignment[]> = fc
  .array(fc.record({ departmentId: fc.integer({ min: 1, max: 4 }), at: instantArb(-5, 260), lag: lagArb }), {
    maxLength: 5,
  })
  .map((list) => inRecordingOrder(list.map(({ departmentId, at, lag }) => lagged({ departmentId, at }, lag))));

interface History {
  facts: TaskFacts;
  assignments: LeadAssignment[];
}

const historyArb: fc.Arbitrary<History> = fc.record({ facts: factsArb, assignments: leadsArb });

/**
 * The reference lead of a day: among the assignments known then (all of them as it
 * happened; those recorded by the end of the day as recorded), the latest begun by
 * the end of the day (by time, then list order), else the first of all of them
 * (on both bases: a history that starts after the task); else the current one.
 */
function expectedLead(assignments: readonly LeadAssignment[], day: number, basis: StatusBasis): number {
  const inOrder = (list: readonly LeadAssignment[]) =>
    list.map((a, i) => ({ ...a, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const known = basis === "happened" ? assignments : assignments.filter((a) => localDay(entered(a)) <= day);
  const begun = inOrder(known).filter((a) => localDay(a.at) <= day);
  return (begun.at(-1) ?? inOrder(assignments)[0])?.departmentId ?? CURRENT_LEAD;
}

/** The first day the task shows on a basis: the day it took effect, or the day it was entered. */
function firstDayOf(facts: TaskFacts, basis: StatusBasis): number {
  return localDay(basis === "happened" ? facts.createdAt : (facts.recordedAt ?? facts.createdAt));
}

/** Every day from a week before the task to well after anything in its history, compared with the reference. */
function mismatches(history: History, rules: StatusRules, basis: StatusBasis, step = 1): string[] {
  const { facts, assignments } = history;
  const spans = statusSpans(facts, rules, basis, assignments, CURRENT_LEAD);
  const found: string[] = [];
  const first = dayNumber(ORIGIN) - 7;
  const last = dayNumber(ORIGIN) + 460;
  for (let day = first; day <= last; day += step) {
    const asOf = dateOfDayNumber(day);
    const reference = taskStatusAsOf(facts, asOf, rules, basis);
    const expected = reference === null ? null : { ...reference, lead: expectedLead(assignments, day, basis) };
    const span = spanOn(spans, day);
    const actual =
      span === undefined
        ? null
        : {
            status: span.status,
            dueDate: span.dueDay === null ? null : dateOfDayNumber(span.dueDay),
            late: daysLateOnDay(span, day) > 0,
            daysLate: daysLateOnDay(span, day),
            stale: span.stale,
            awaitingSince: span.sinceDay === null ? null : dateOfDayNumber(span.sinceDay),
            lead: span.leadDepartmentId,
          };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      found.push(`${basis} ${asOf}: spans ${JSON.stringify(actual)} ≠ reference ${JSON.stringify(expected)}`);
    }
    const lead = leadOnDay(assignments, day, CURRENT_LEAD, basis);
    if (lead !== expectedLead(assignments, day, basis)) {
      found.push(`${basis} ${asOf}: leadOnDay ${lead} ≠ reference ${expectedLead(assignments, day, basis)}`);
    }
  }
  return found;
}

function allMismatches(sample: readonly History[], rules: StatusRules, step = 1): string[] {
  return sample.flatMap((history, i) =>
    STATUS_BASES.flatMap((basis) => mismatches(history, rules, basis, step).map((m) => `task ${i} ${m}`)),
  );
}

/** Spans as [first day, status, stale, due day, lateDays, since day, lead] for readable expectations. */
function rows(spans: readonly StatusSpan[]) {
  return spans.map((s) => [
    dateOfDayNumber(s.fromDay),
    s.status,
    s.stale,
    s.dueDay === null ? null : dateOfDayNumber(s.dueDay),
    s.lateDays,
    s.sinceDay === null ? null : dateOfDayNumber(s.sinceDay),
    s.leadDepartmentId,
  ]);
}

/** A dated task assigned at 09:00 on 01/10/2019, due 31/12/2019. */
function plainTask(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    createdAt: at("2019-10-01", 9),
    deadlineKind: "dated",
    originalDueDate: "2019-12-31",
    transitions: [],
    deadlines: [],
    progressReportTimes: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------
// Days and spans
// ---------------------------------------------------------------------------------

describe("status spans", () => {
  it("convert days and instants on the Hanoi calendar", () => {
    expect(dateOfDayNumber(dayNumber("2019-12-31"))).toBe("2019-12-31");
    expect(dayNumber("1970-01-02")).toBe(1);
    // 23:59 in Hanoi is still the same day; 00:00 the next one.
    expect(dayOfInstant(startOfLocalDay("2019-12-31") + 24 * HOUR - 1)).toBe(dayNumber("2019-12-31"));
    expect(dayOfInstant(startOfLocalDay("2020-01-01"))).toBe(dayNumber("2020-01-01"));
  });

  it("the random histories exercise entries after the fact, late reports and re-assignments", () => {
    const sample = fc.sample(historyArb, { numRuns: 300, seed: 11 });
    const spansOf = (h: History, basis: StatusBasis) =>
      statusSpans(h.facts, DEFAULT_STATUS_RULES, basis, h.assignments, CURRENT_LEAD);
    const share = (test: (h: History) => boolean) => sample.filter(test).length / sample.length;
    expect(share((h) => !sameSpans(spansOf(h, "happened"), spansOf(h, "recorded")))).toBeGreaterThan(0.3);
    expect(share((h) => spansOf(h, "happened").some((s) => s.lateDays > 0))).toBeGreaterThan(0.05);
    expect(share((h) => spansOf(h, "happened").some((s) => s.sinceDay !== null && s.lateDays === 0))).toBeGreaterThan(
      0.05,
    );
    expect(share((h) => new Set(spansOf(h, "happened").map((s) => s.leadDepartmentId)).size > 1)).toBeGreaterThan(0.2);
  });

  it("cover every day from the first day the task shows on, without gaps or overlaps, the last one open-ended", () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(...STATUS_BASES), ({ facts, assignments }, basis) => {
        const spans = statusSpans(facts, DEFAULT_STATUS_RULES, basis, assignments, CURRENT_LEAD);
        expect(spans[0]!.fromDay).toBe(firstDayOf(facts, basis));
        for (const span of spans) expect(span.toDay).toBeGreaterThan(span.fromDay);
        for (let i = 1; i < spans.length; i++) expect(spans[i]!.fromDay).toBe(spans[i - 1]!.toDay);
        expect(spans.at(-1)!.toDay).toBe(OPEN_END);
        // Cut only where something changes.
        for (let i = 1; i < spans.length; i++) {
          const { fromDay: _a, toDay: _b, ...before } = spans[i - 1]!;
          const { fromDay: _c, toDay: _d, ...after } = spans[i]!;
          expect(after).not.toEqual(before);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("agree with the reference on every day, for random histories, on both bases", () => {
    const sample = fc.sample(historyArb, { numRuns: 150, seed: 20190918 });
    expect(allMismatches(sample, DEFAULT_STATUS_RULES).slice(0, 5)).toEqual([]);
  });

  it("agree with the reference under other rule settings", () => {
    for (const rules of [
      { dueSoonDays: 0, staleAfterDays: 1 },
      { dueSoonDays: 10, staleAfterDays: 90 },
    ]) {
      const sample = fc.sample(historyArb, { numRuns: 60, seed: rules.staleAfterDays });
      expect(allMismatches(sample, rules, 2).slice(0, 5)).toEqual([]);
    }
  });

  it("for small shrinkable cases", () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(...STATUS_BASES), (history, basis) => {
        expect(mismatches(history, DEFAULT_STATUS_RULES, basis, 3)).toEqual([]);
      }),
      { numRuns: 100, seed: 42 },
    );
  });

  it("with nothing entered after the fact, both bases give the same spans (lead history starting with the task)", () => {
    fc.assert(
      fc.property(historyArb, ({ facts, assignments }) => {
        const plain: TaskFacts = {
          ...facts,
          recordedAt: undefined,
          transitions: facts.transitions.map((t) => ({ ...t, recordedAt: undefined })),
          deadlines: facts.deadlines.map((d) => ({ ...d, recordedAt: undefined })),
        };
        // A lead history that starts after the task reads the first lead before its
        // first day on both bases.
        const leads = assignments.map((a) => ({ ...a, recordedAt: undefined }));
        const happened = statusSpans(plain, DEFAULT_STATUS_RULES, "happened", leads, CURRENT_LEAD);
        const recorded = statusSpans(plain, DEFAULT_STATUS_RULES, "recorded", leads, CURRENT_LEAD);
        expect(sameSpans(recorded, happened)).toBe(true);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it("split a plain dated task where its status changes: on track, due soon, overdue, stale, done late", () => {
    const facts = plainTask({
      transitions: [{ toState: "done", at: at("2020-03-02", 10), completionDate: "2020-03-01" }],
      progressReportTimes: [at("2019-12-20", 10)],
    });
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

  it("an awaiting task reported late keeps C − due as its days late, and the day it was reported, in an open-ended span", () => {
    // Due 31/12/2019; reported done on 06/01/2020 with C = 05/01/2020; never confirmed.
    const facts = plainTask({
      transitions: [{ toState: "awaiting_confirmation", at: at("2020-01-06", 10), completionDate: "2020-01-05" }],
    });
    const spans = statusSpans(facts, DEFAULT_STATUS_RULES, "happened", [], 4);
    expect(rows(spans)).toEqual([
      ["2019-10-01", "on_track", false, "2019-12-31", 0, null, 4],
      ["2019-12-28", "due_soon", false, "2019-12-31", 0, null, 4],
      ["2020-01-01", "overdue", true, "2019-12-31", 0, null, 4],
      ["2020-01-06", "awaiting_confirmation", false, "2019-12-31", 5, "2020-01-06", 4],
    ]);
    expect(spans.at(-1)!.toDay).toBe(OPEN_END);
    expect(daysLateOnDay(spanOn(spans, dayNumber("2020-01-05"))!, dayNumber("2020-01-05"))).toBe(5);
    expect(daysLateOnDay(spanOn(spans, dayNumber("2026-12-05"))!, dayNumber("2026-12-05"))).toBe(5);
  });

  it("an awaiting task reported on time is never late, however long it waits", () => {
    // Reported on 27/12/2019 with C = 27/12/2019, due 31/12/2019; never confirmed.
    const facts = plainTask({
      transitions: [{ toState: "awaiting_confirmation", at: at("2019-12-27", 10), completionDate: "2019-12-27" }],
    });
    const spans = statusSpans(facts, DEFAULT_STATUS_RULES);
    const last = spans.at(-1)!;
    expect(rows([last])).toEqual([["2019-12-27", "awaiting_confirmation", false, "2019-12-31", 0, "2019-12-27", 0]]);
    expect(daysLateOnDay(last, dayNumber("2026-12-05"))).toBe(0);
  });

  it("a completion entered later: done on time from its date as happened, overdue until it was entered as recorded", () => {
    const entered = at("2020-01-10", 9);
    const facts = plainTask({
      transitions: [
        {
          toState: "awaiting_confirmation",
          at: at("2019-12-28", 10),
          recordedAt: entered,
          completionDate: "2019-12-28",
        },
        { toState: "done", at: at("2019-12-28", 15), recordedAt: entered, completionDate: "2019-12-28" },
      ],
    });
    const happened = statusSpans(facts, DEFAULT_STATUS_RULES, "happened");
    const recorded = statusSpans(facts, DEFAULT_STATUS_RULES, "recorded");
    expect(happened.map((s) => [dateOfDayNumber(s.fromDay), s.status])).toEqual([
      ["2019-10-01", "on_track"],
      ["2019-12-28", "done_on_time"],
    ]);
    expect(recorded.map((s) => [dateOfDayNumber(s.fromDay), s.status, s.stale])).toEqual([
      ["2019-10-01", "on_track", false],
      ["2019-12-28", "due_soon", false],
      ["2020-01-01", "overdue", true],
      ["2020-01-10", "done_on_time", false],
    ]);
    expect(sameSpans(happened, recorded)).toBe(false);
  });

  it("a task entered later shows from its assignment day as happened, from its entry day as recorded", () => {
    const facts = plainTask({ createdAt: startOfLocalDay("2019-10-01"), recordedAt: at("2019-10-15", 10) });
    expect(statusSpans(facts, DEFAULT_STATUS_RULES, "happened")[0]!.fromDay).toBe(dayNumber("2019-10-01"));
    expect(statusSpans(facts, DEFAULT_STATUS_RULES, "recorded")[0]!.fromDay).toBe(dayNumber("2019-10-15"));
  });
});

describe("daysLateOnDay", () => {
  const span = { dueDay: dayNumber("2019-12-31"), lateDays: 0 };

  it("is day − due for an overdue span", () => {
    expect(daysLateOnDay({ ...span, status: "overdue" }, dayNumber("2020-01-01"))).toBe(1);
    expect(daysLateOnDay({ ...span, status: "overdue" }, dayNumber("2020-02-29"))).toBe(60);
  });

  it("is the span's own days late otherwise, whatever the day", () => {
    expect(daysLateOnDay({ ...span, status: "awaiting_confirmation", lateDays: 5 }, dayNumber("2026-12-05"))).toBe(5);
    expect(daysLateOnDay({ ...span, status: "awaiting_confirmation" }, dayNumber("2026-12-05"))).toBe(0);
    expect(daysLateOnDay({ ...span, status: "done_late" }, dayNumber("2026-12-05"))).toBe(0);
  });
});

describe("sameSpans", () => {
  const spans = statusSpans(
    plainTask({
      transitions: [{ toState: "awaiting_confirmation", at: at("2020-01-06", 10), completionDate: "2020-01-05" }],
    }),
    DEFAULT_STATUS_RULES,
    "happened",
    [{ departmentId: 1, at: at("2019-10-01", 9) }],
    1,
  );

  it("is true for lists that say the same", () => {
    expect(sameSpans(spans, structuredClone(spans))).toBe(true);
  });

  it.each(["fromDay", "toDay", "dueDay", "lateDays", "sinceDay", "leadDepartmentId"] as const)(
    "is false when one span's %s differs",
    (field) => {
      for (let i = 0; i < spans.length; i++) {
        const other = structuredClone(spans);
        other[i]![field] = (other[i]![field] ?? 0) + 1;
        expect(sameSpans(spans, other), `span ${i}`).toBe(false);
      }
    },
  );

  it("is false when one span's stale flag differs", () => {
    for (let i = 0; i < spans.length; i++) {
      const other = structuredClone(spans);
      other[i]!.stale = !other[i]!.stale;
      expect(sameSpans(spans, other), `span ${i}`).toBe(false);
    }
  });

  it("is false when a status differs, or a span is missing", () => {
    const other = structuredClone(spans);
    other[0]!.status = "due_soon";
    expect(sameSpans(spans, other)).toBe(false);
    expect(sameSpans(spans, spans.slice(0, -1))).toBe(false);
    expect(sameSpans(spans.slice(0, -1), spans)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------
// Lead departments
// ---------------------------------------------------------------------------------

describe("spans by lead department", () => {
  it("keep a re-assignment's day with the new lead, and an unassigned task with its current lead", () => {
    const facts = plainTask({ createdAt: at("2019-09-18", 9) });
    // Re-assigned at 23:59 on 10/01/2020 (Hanoi): that day already counts for the new lead.
    const moved = startOfLocalDay("2020-01-10") + 24 * HOUR - 60_000;
    const spans = statusSpans(
      facts,
      DEFAULT_STATUS_RULES,
      "happened",
      [
        { departmentId: 1, at: facts.createdAt },
        { departmentId: 2, at: moved },
      ],
      2,
    );
    expect(spanOn(spans, dayNumber("2020-01-09"))).toMatchObject({ status: "overdue", leadDepartmentId: 1 });
    expect(spanOn(spans, dayNumber("2020-01-10"))).toMatchObject({ status: "overdue", leadDepartmentId: 2 });
    const unassigned = statusSpans(facts, DEFAULT_STATUS_RULES, "happened", [], 7);
    expect(unassigned.map((s) => s.leadDepartmentId)).toEqual(unassigned.map(() => 7));
  });

  it("a history that starts after the task gives its first lead to the days before it", () => {
    const facts = plainTask();
    const spans = statusSpans(
      facts,
      DEFAULT_STATUS_RULES,
      "happened",
      [{ departmentId: 3, at: at("2019-11-01", 9) }],
      8,
    );
    expect(spanOn(spans, dayNumber("2019-10-01"))?.leadDepartmentId).toBe(3);
  });

  it("a re-assignment entered later moves the lead from its effective day as happened, from its recorded day as recorded", () => {
    const facts = plainTask();
    const assignments: LeadAssignment[] = [
      { departmentId: 1, at: facts.createdAt },
      { departmentId: 2, at: at("2019-11-01", 9), recordedAt: at("2019-11-20", 9) },
    ];
    const happened = statusSpans(facts, DEFAULT_STATUS_RULES, "happened", assignments, 2);
    const recorded = statusSpans(facts, DEFAULT_STATUS_RULES, "recorded", assignments, 2);
    expect(spanOn(happened, dayNumber("2019-10-31"))?.leadDepartmentId).toBe(1);
    expect(spanOn(happened, dayNumber("2019-11-01"))?.leadDepartmentId).toBe(2);
    expect(spanOn(recorded, dayNumber("2019-11-19"))?.leadDepartmentId).toBe(1);
    expect(spanOn(recorded, dayNumber("2019-11-20"))?.leadDepartmentId).toBe(2);
    expect(leadOnDay(assignments, dayNumber("2019-11-05"), 2, "happened")).toBe(2);
    expect(leadOnDay(assignments, dayNumber("2019-11-05"), 2, "recorded")).toBe(1);
  });
});
