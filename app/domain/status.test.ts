// The status of a task as of a day — docs/domain-rules.md §4, rule by rule.
//
// Conventions used throughout:
// - `at(date, "HH:mm")` is an instant on the Hanoi clock (Asia/Ho_Chi_Minh, UTC+7);
// - the default task was created on 01/10/2019 and is due on 31/12/2019 (the seed
//   case's due date);
// - "D" is the as-of day; "known at the end of D" means recorded before
//   endOfLocalDay(D), i.e. before 00:00 local on D+1 (= 17:00 UTC on D);
// - a fact has the instant it took effect (`at`) and, when entered after the fact,
//   the instant it was recorded (`recordedAt`); the status is read "as it happened"
//   (the default: all facts, by effective time) or "as recorded" (only the facts
//   recorded by the end of D) — docs/domain-rules.md §4.4.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endOfLocalDay, startOfLocalDay, type Instant, type LocalDate } from "./dates";
import {
  DEFAULT_STATUS_RULES,
  dueDateInForce,
  factsKnownAt,
  taskStatusAsOf,
  workflowStateAt,
  type DeadlineFact,
  type StatusRules,
  type TaskFacts,
  type TaskStatusAsOf,
  type TransitionFact,
} from "./status";
import {
  DEADLINE_KINDS,
  SET_ASIDE_STATUSES,
  STATUS_BASES,
  TASK_STATUSES,
  WORKFLOW_STATES,
  type DeadlineKind,
  type StatusBasis,
  type TaskStatus,
  type WorkflowState,
} from "./vocabulary";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Asia/Ho_Chi_Minh is UTC+7 all year round (no daylight saving time since 1975). */
const VN_OFFSET = 7 * HOUR;

// ---------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------

/** An instant on the Hanoi clock: `at("2019-12-31", "23:30")`. */
function at(date: LocalDate, time: string): Instant {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Not a time HH:mm: ${time}`);
  return startOfLocalDay(date) + Number(match[1]) * HOUR + Number(match[2]) * MINUTE;
}

/** An instant on the UTC clock (month 1–12), to show that the local calendar decides. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0): Instant {
  return Date.UTC(year, month - 1, day, hour, minute);
}

function to(toState: WorkflowState, when: Instant, completionDate: LocalDate | null = null): TransitionFact {
  return { toState, at: when, completionDate };
}

/** A due date put in force at `when` (an extension approved, a deadline changed or corrected). */
function deadline(when: Instant, dueDate: LocalDate): DeadlineFact {
  return { at: when, dueDate };
}

/** The same fact, entered after the fact: recorded at `recordedAt`. */
function recordedLater<T extends { at: Instant }>(fact: T, recordedAt: Instant): T & { recordedAt: Instant } {
  return { ...fact, recordedAt };
}

const CREATED = at("2019-10-01", "09:00");
const DUE = "2019-12-31";

/** A dated task created on 01/10/2019, due 31/12/2019, still open, with no reports. */
function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    createdAt: CREATED,
    deadlineKind: "dated",
    originalDueDate: DUE,
    transitions: [],
    deadlines: [],
    progressReportTimes: [],
    ...overrides,
  };
}

/** A task being worked on (started 02/10/2019) with the given later transitions. */
function working(transitions: TransitionFact[] = [], overrides: Partial<TaskFacts> = {}): TaskFacts {
  return task({ transitions: [to("in_progress", at("2019-10-02", "08:00")), ...transitions], ...overrides });
}

/** Reported done on day `reportedOn` with completion date `completedOn`, confirmed on `confirmedOn`. */
function completed(completedOn: LocalDate, reportedOn: LocalDate, confirmedOn: LocalDate): TransitionFact[] {
  return [
    to("awaiting_confirmation", at(reportedOn, "10:00"), completedOn),
    to("done", at(confirmedOn, "15:00"), completedOn),
  ];
}

function statusOf(facts: TaskFacts, asOf: LocalDate, rules?: StatusRules, basis?: StatusBasis): TaskStatusAsOf | null {
  return taskStatusAsOf(facts, asOf, rules, basis);
}

/** The status only (fails the test when the task has no status at all). */
function statusName(facts: TaskFacts, asOf: LocalDate, rules?: StatusRules, basis?: StatusBasis): TaskStatus {
  const result = taskStatusAsOf(facts, asOf, rules, basis);
  if (result === null) throw new Error(`No status for ${asOf}`);
  return result.status;
}

/** What every status that is neither late, stale nor awaiting confirmation carries. */
const NOT_LATE = { late: false, daysLate: 0, stale: false, awaitingSince: null } as const;

/** An overdue task's result: late by `daysLate` days, awaiting nothing. */
function overdue(dueDate: LocalDate, daysLate: number, stale: boolean): TaskStatusAsOf {
  return { status: "overdue", dueDate, late: true, daysLate, stale, awaitingSince: null };
}

/** An awaiting-confirmation result: late by the reported completion date only (rule 3). */
function awaiting(dueDate: LocalDate | null, daysLate: number, awaitingSince: LocalDate): TaskStatusAsOf {
  return { status: "awaiting_confirmation", dueDate, late: daysLate > 0, daysLate, stale: false, awaitingSince };
}

// ---------------------------------------------------------------------------------
// The clock used by the tests themselves
// ---------------------------------------------------------------------------------

describe("the at() helper reads the Hanoi clock", () => {
  it("23:30 local is 16:30 UTC the same day", () => {
    expect(at("2019-12-31", "23:30")).toBe(utc(2019, 12, 31, 16, 30));
  });

  it("00:30 local is 17:30 UTC of the previous day", () => {
    expect(at("2020-01-01", "00:30")).toBe(utc(2019, 12, 31, 17, 30));
  });

  it("06:30 local is 23:30 UTC of the previous day", () => {
    expect(at("2020-01-01", "06:30")).toBe(utc(2019, 12, 31, 23, 30));
  });

  it("the end of local day D is 17:00 UTC on D", () => {
    expect(endOfLocalDay("2019-12-31")).toBe(utc(2019, 12, 31, 17, 0));
  });
});

// ---------------------------------------------------------------------------------
// Existence
// ---------------------------------------------------------------------------------

describe("a task has a status only from the day it was created", () => {
  it("has no status (null) for a day before it was created", () => {
    expect(statusOf(task(), "2019-09-30")).toBeNull();
  });

  it("has a status on the day it was created", () => {
    expect(statusOf(task(), "2019-10-01")).toEqual({ status: "on_track", dueDate: DUE, ...NOT_LATE });
  });

  it("created at 23:30 local on D exists as of D", () => {
    expect(statusOf(task({ createdAt: at("2019-10-01", "23:30") }), "2019-10-01")).not.toBeNull();
  });

  it("created at 00:30 local on D+1 (17:30 UTC on D) does not exist as of D", () => {
    expect(statusOf(task({ createdAt: at("2019-10-02", "00:30") }), "2019-10-01")).toBeNull();
  });

  it("created at 06:30 local on D+1 (23:30 UTC on D) does not exist as of D", () => {
    expect(statusOf(task({ createdAt: utc(2019, 10, 1, 23, 30) }), "2019-10-01")).toBeNull();
  });

  it("created exactly at the end of D does not exist as of D; a millisecond earlier it does", () => {
    const end = endOfLocalDay("2019-10-01");
    expect(statusOf(task({ createdAt: end }), "2019-10-01")).toBeNull();
    expect(statusOf(task({ createdAt: end - 1 }), "2019-10-01")).not.toBeNull();
  });

  it("a task without transitions is open and judged by rule 4", () => {
    expect(statusOf(task(), "2020-01-02")).toEqual(overdue(DUE, 2, true));
  });
});

// ---------------------------------------------------------------------------------
// Rule 1 — set apart
// ---------------------------------------------------------------------------------

describe("rule 1: cancelled or on hold at D is shown apart", () => {
  it.each(["on_hold", "cancelled"] as const)(
    "%s at D is shown as such, never late or stale, even long past due with no reports",
    (state) => {
      const facts = working([to(state, at("2019-11-01", "10:00"))]);
      expect(statusOf(facts, "2020-02-15")).toEqual({ status: state, dueDate: DUE, ...NOT_LATE });
    },
  );

  it.each(["on_hold", "cancelled"] as const)("%s before the due date is shown as such", (state) => {
    const facts = working([to(state, at("2019-11-01", "10:00"))]);
    expect(statusOf(facts, "2019-11-01")).toEqual({ status: state, dueDate: DUE, ...NOT_LATE });
  });

  it.each(["on_hold", "cancelled"] as const)("%s while awaiting confirmation is shown as such", (state) => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to(state, at("2019-12-22", "10:00")),
    ]);
    expect(statusName(facts, "2020-01-10")).toBe(state);
  });

  it.each(["on_hold", "cancelled"] as const)("%s for a task without deadline is shown as such", (state) => {
    const facts = working([to(state, at("2019-11-01", "10:00"))], { deadlineKind: "ongoing", originalDueDate: null });
    expect(statusOf(facts, "2019-11-02")).toEqual({ status: state, dueDate: null, ...NOT_LATE });
  });

  it("put on hold after D: the status at D is the one before (overdue)", () => {
    const facts = working([to("on_hold", at("2020-01-06", "08:00"))]);
    expect(statusOf(facts, "2020-01-05")).toEqual(overdue(DUE, 5, true));
    expect(statusName(facts, "2020-01-06")).toBe("on_hold");
  });

  it("on hold, then resumed before D: judged normally again", () => {
    const facts = working([to("on_hold", at("2019-11-01", "10:00")), to("in_progress", at("2019-11-15", "10:00"))]);
    expect(statusName(facts, "2019-11-10")).toBe("on_hold");
    expect(statusOf(facts, "2020-01-02")).toMatchObject({ status: "overdue", late: true, daysLate: 2 });
  });

  it("cancelled at 23:30 local on D counts as of D; at 00:30 local on D+1 it does not", () => {
    expect(statusName(working([to("cancelled", at("2019-11-01", "23:30"))]), "2019-11-01")).toBe("cancelled");
    expect(statusName(working([to("cancelled", at("2019-11-02", "00:30"))]), "2019-11-01")).toBe("on_track");
  });

  it("a set-aside task still reports the due date in force at D", () => {
    const facts = working([to("on_hold", at("2019-11-01", "10:00"))], {
      deadlines: [deadline(at("2019-12-20", "10:00"), "2020-03-31")],
    });
    expect(statusOf(facts, "2020-01-10")).toEqual({ status: "on_hold", dueDate: "2020-03-31", ...NOT_LATE });
  });
});

// ---------------------------------------------------------------------------------
// Rule 2 — confirmed done
// ---------------------------------------------------------------------------------

describe("rule 2: confirmed done by D, judged by the reported completion date C", () => {
  it("C before the due date → done_on_time", () => {
    const facts = working(completed("2019-12-20", "2019-12-20", "2019-12-23"));
    expect(statusOf(facts, "2019-12-23")).toEqual({ status: "done_on_time", dueDate: DUE, ...NOT_LATE });
  });

  it("C equal to the due date → done_on_time", () => {
    const facts = working(completed(DUE, DUE, "2020-01-03"));
    expect(statusOf(facts, "2020-01-03")).toEqual({ status: "done_on_time", dueDate: DUE, ...NOT_LATE });
  });

  it("C the day after the due date → done_late", () => {
    const facts = working(completed("2020-01-01", "2020-01-01", "2020-01-03"));
    expect(statusOf(facts, "2020-01-03")).toEqual({ status: "done_late", dueDate: DUE, ...NOT_LATE });
  });

  it("C long after the due date → done_late, and a done task is never flagged late or stale", () => {
    const facts = working(completed("2020-03-15", "2020-03-15", "2020-03-20"));
    expect(statusOf(facts, "2020-06-30")).toEqual({ status: "done_late", dueDate: DUE, ...NOT_LATE });
  });

  it("the department's date counts, not the confirmation day: confirmed weeks after the due date, C before it → done_on_time", () => {
    const facts = working(completed("2019-12-28", "2019-12-28", "2020-01-25"));
    expect(statusOf(facts, "2020-01-31")).toEqual({ status: "done_on_time", dueDate: DUE, ...NOT_LATE });
  });

  it("the department's date counts, not the reporting day: reported after the due date with C on the due date → done_on_time", () => {
    const facts = working(completed(DUE, "2020-01-04", "2020-01-06"));
    expect(statusName(facts, "2020-01-06")).toBe("done_on_time");
  });

  it("stays done_on_time on every later day", () => {
    const facts = working(completed("2019-12-28", "2019-12-28", "2019-12-30"));
    for (const day of ["2019-12-30", "2019-12-31", "2020-01-01", "2020-06-30", "2025-12-31"]) {
      expect(statusName(facts, day)).toBe("done_on_time");
    }
  });

  it("reported but confirmed only after D → not done at D (awaiting_confirmation), done afterwards", () => {
    const facts = working(completed("2019-12-28", "2019-12-28", "2020-01-10"));
    expect(statusName(facts, "2020-01-09")).toBe("awaiting_confirmation");
    expect(statusName(facts, "2020-01-10")).toBe("done_on_time");
  });

  it("done at D only if the done transition happened before the end of D (23:30 local counts)", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("done", at("2020-01-10", "23:30"), "2019-12-20"),
    ]);
    expect(statusName(facts, "2020-01-10")).toBe("done_on_time");
  });

  it("a done transition at 00:30 local on D+1 (17:30 UTC on D) is not done as of D: awaiting, reported on time (rule 3: C, not D, decides)", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("done", at("2020-01-11", "00:30"), "2019-12-20"),
    ]);
    // D = 10/01/2020 is past the due date, but C = 20/12/2019 is not: not late.
    expect(statusOf(facts, "2020-01-10")).toEqual(awaiting(DUE, 0, "2019-12-20"));
    expect(statusName(facts, "2020-01-11")).toBe("done_on_time");
  });

  it("a done transition at 06:30 local on D+1 (23:30 UTC on D) is not done as of D", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("done", utc(2020, 1, 10, 23, 30), "2019-12-20"),
    ]);
    expect(statusName(facts, "2020-01-10")).toBe("awaiting_confirmation");
    expect(statusName(facts, "2020-01-11")).toBe("done_on_time");
  });

  it.each(["ongoing", "none"] as const)("no deadline (%s): done is always done_on_time", (deadlineKind) => {
    const facts = working(completed("2025-01-01", "2025-01-01", "2025-02-01"), { deadlineKind, originalDueDate: null });
    expect(statusOf(facts, "2025-02-01")).toEqual({ status: "done_on_time", dueDate: null, ...NOT_LATE });
  });

  it.each(["ongoing", "none"] as const)(
    "no deadline (%s): a stray stored due date and extensions are ignored, done is done_on_time",
    (deadlineKind) => {
      const facts = working(completed("2020-05-01", "2020-05-01", "2020-05-02"), {
        deadlineKind,
        originalDueDate: DUE,
        deadlines: [deadline(at("2019-12-01", "10:00"), "2020-01-31")],
      });
      expect(statusOf(facts, "2020-05-02")).toEqual({ status: "done_on_time", dueDate: null, ...NOT_LATE });
    },
  );

  it("a done task must carry its completion date", () => {
    const facts = working([to("done", at("2019-12-20", "10:00"), null)]);
    expect(() => taskStatusAsOf(facts, "2019-12-20")).toThrow();
  });
});

describe("rule 2: the due date in force at the completion date C", () => {
  const EXTENDED = "2020-01-31";

  it("an extension approved before C makes a completion after the original due date on time", () => {
    const facts = working(completed("2020-01-10", "2020-01-10", "2020-01-12"), {
      deadlines: [deadline(at("2019-12-20", "10:00"), EXTENDED)],
    });
    expect(statusOf(facts, "2020-01-15")).toEqual({ status: "done_on_time", dueDate: EXTENDED, ...NOT_LATE });
  });

  it("an extension approved on C itself (23:30 local) counts: approved on or before C", () => {
    const facts = working(completed("2020-01-10", "2020-01-10", "2020-01-12"), {
      deadlines: [deadline(at("2020-01-10", "23:30"), EXTENDED)],
    });
    expect(statusName(facts, "2020-01-15")).toBe("done_on_time");
  });

  it("an extension approved at 00:30 local on C+1 does not make a late completion on time", () => {
    const facts = working(completed("2020-01-10", "2020-01-10", "2020-01-12"), {
      deadlines: [deadline(at("2020-01-11", "00:30"), EXTENDED)],
    });
    // The due date in force at D is the extended one, but the completion is judged at C.
    expect(statusOf(facts, "2020-01-15")).toEqual({ status: "done_late", dueDate: EXTENDED, ...NOT_LATE });
  });

  it("an extension approved after C, even before the confirmation, does not make a late completion on time", () => {
    const facts = working(completed("2020-01-10", "2020-01-10", "2020-01-20"), {
      deadlines: [deadline(at("2020-01-15", "10:00"), EXTENDED)],
    });
    expect(statusName(facts, "2020-01-20")).toBe("done_late");
  });

  it("an on-time completion stays on time when a later extension moves the due date earlier", () => {
    const facts = working(completed("2019-12-30", "2019-12-30", "2020-01-02"), {
      deadlines: [deadline(at("2020-01-01", "10:00"), "2019-12-15")],
    });
    expect(statusOf(facts, "2020-01-05")).toEqual({ status: "done_on_time", dueDate: "2019-12-15", ...NOT_LATE });
  });

  it("with several extensions before C, the latest decided before C is the one in force at C", () => {
    const facts = working(completed("2020-02-10", "2020-02-10", "2020-02-12"), {
      deadlines: [
        deadline(at("2019-12-20", "10:00"), EXTENDED),
        deadline(at("2020-01-25", "10:00"), "2020-02-15"),
        deadline(at("2020-02-11", "10:00"), "2020-02-05"),
      ],
    });
    expect(statusOf(facts, "2020-02-12")).toEqual({ status: "done_on_time", dueDate: "2020-02-05", ...NOT_LATE });
  });

  it("an extension decided after D never counts for D, even when the reported completion date is later still", () => {
    // Confirmed on 05/01 with a completion date of 10/01 (entered ahead of time);
    // an extension to 31/01 was decided on 07/01.
    const facts = working(completed("2020-01-10", "2020-01-05", "2020-01-05"), {
      deadlines: [deadline(at("2020-01-07", "10:00"), EXTENDED)],
    });
    expect(statusOf(facts, "2020-01-05")).toEqual({ status: "done_late", dueDate: DUE, ...NOT_LATE });
    expect(statusOf(facts, "2020-01-08")).toEqual({ status: "done_on_time", dueDate: EXTENDED, ...NOT_LATE });
  });
});

// ---------------------------------------------------------------------------------
// Rule 3 — reported done, not confirmed
// ---------------------------------------------------------------------------------

describe("rule 3: reported done but not confirmed by D → awaiting_confirmation", () => {
  const reported = (completedOn: LocalDate, reportedOn: LocalDate, overrides: Partial<TaskFacts> = {}) =>
    working([to("awaiting_confirmation", at(reportedOn, "10:00"), completedOn)], overrides);

  it("before the due date: awaiting_confirmation, not late, awaiting since the report", () => {
    expect(statusOf(reported("2019-12-20", "2019-12-20"), "2019-12-22")).toEqual(awaiting(DUE, 0, "2019-12-20"));
  });

  it("on the due date: not late (0 days)", () => {
    expect(statusOf(reported("2019-12-20", "2019-12-20"), DUE)).toEqual(awaiting(DUE, 0, "2019-12-20"));
  });

  it("the day after the due date, with C before it: still not late (rule 3 judges C, not D; was late by 1 day)", () => {
    expect(statusOf(reported("2019-12-20", "2019-12-20"), "2020-01-01")).toEqual(awaiting(DUE, 0, "2019-12-20"));
  });

  it("reported late: late by C − due (5 days), not by D − due (was 60 days), and never stale without reports", () => {
    expect(statusOf(reported("2020-01-05", "2020-01-05"), "2020-02-29")).toEqual(awaiting(DUE, 5, "2020-01-05"));
  });

  it("not late when C is on time, however far D is past due (was late by 3 days)", () => {
    expect(statusOf(reported("2019-12-28", "2019-12-28"), "2020-01-03")).toMatchObject({ late: false, daysLate: 0 });
  });

  it("measured against the due date in force at C, not at D (was late by 2 days once D passed the extended date)", () => {
    const facts = reported("2020-01-05", "2020-01-05", {
      deadlines: [deadline(at("2019-12-20", "10:00"), "2020-01-10")],
    });
    expect(statusOf(facts, "2020-01-08")).toEqual(awaiting("2020-01-10", 0, "2020-01-05"));
    expect(statusOf(facts, "2020-01-12")).toEqual(awaiting("2020-01-10", 0, "2020-01-05"));
  });

  it.each(["ongoing", "none"] as const)("no deadline (%s): awaiting_confirmation, never late", (deadlineKind) => {
    const facts = reported("2025-01-01", "2025-01-01", { deadlineKind, originalDueDate: null });
    expect(statusOf(facts, "2025-06-01")).toEqual(awaiting(null, 0, "2025-01-01"));
  });

  it("reported on 27/12/2019 with C = 27/12/2019, due 31/12/2019, never confirmed: on 05/12/2026 awaiting, not late", () => {
    expect(statusOf(reported("2019-12-27", "2019-12-27"), "2026-12-05")).toEqual({
      status: "awaiting_confirmation",
      dueDate: DUE,
      late: false,
      daysLate: 0,
      stale: false,
      awaitingSince: "2019-12-27",
    });
  });

  it.each(["2020-01-06", "2020-01-07", "2020-02-29", "2021-01-01", "2026-12-05"])(
    "reported late (C = 05/01/2020, reported 06/01): late by C − due = 5 days whatever D (%s)",
    (asOf) => {
      expect(statusOf(reported("2020-01-05", "2020-01-06"), asOf)).toEqual(awaiting(DUE, 5, "2020-01-06"));
    },
  );

  it("before the report the same task is overdue by D − due; from the report on, late by C − due", () => {
    const facts = reported("2020-01-05", "2020-01-08");
    expect(statusOf(facts, "2020-01-07")).toEqual(overdue(DUE, 7, true));
    expect(statusOf(facts, "2020-01-08")).toEqual(awaiting(DUE, 5, "2020-01-08"));
  });

  describe("an extension counts when it took effect on or before C", () => {
    const EXTENDED = "2020-01-31";
    const C = "2020-01-10";

    it("approved before C: reported on time", () => {
      const facts = reported(C, C, { deadlines: [deadline(at("2019-12-20", "10:00"), EXTENDED)] });
      expect(statusOf(facts, "2020-01-15")).toEqual(awaiting(EXTENDED, 0, C));
      expect(statusOf(facts, "2020-03-01")).toEqual(awaiting(EXTENDED, 0, C));
    });

    it("approved on C itself (23:30 local): reported on time", () => {
      const facts = reported(C, C, { deadlines: [deadline(at(C, "23:30"), EXTENDED)] });
      expect(statusOf(facts, "2020-01-15")).toEqual(awaiting(EXTENDED, 0, C));
    });

    it("approved at 00:30 local on C+1: reported late by C − original due, though the due date in force at D is later", () => {
      const facts = reported(C, C, { deadlines: [deadline(at("2020-01-11", "00:30"), EXTENDED)] });
      expect(statusOf(facts, "2020-01-15")).toEqual(awaiting(EXTENDED, 10, C));
    });

    it("approved after C, while awaiting confirmation: reported late all the same", () => {
      const facts = reported(C, C, { deadlines: [deadline(at("2020-01-20", "10:00"), EXTENDED)] });
      expect(statusOf(facts, "2020-01-15")).toEqual(awaiting(DUE, 10, C));
      expect(statusOf(facts, "2020-01-25")).toEqual(awaiting(EXTENDED, 10, C));
    });

    it("a deadline moved earlier after an on-time C does not make it late", () => {
      const facts = reported("2019-12-30", "2019-12-30", {
        deadlines: [deadline(at("2020-01-01", "10:00"), "2019-12-15")],
      });
      expect(statusOf(facts, "2020-01-05")).toEqual(awaiting("2019-12-15", 0, "2019-12-30"));
    });
  });

  it("a completion date later than D is judged against the due date in force at D until C (capped at the cutoff)", () => {
    // Reported on 20/12 with a completion date of 10/01 (entered ahead of time); an
    // extension to 31/01 took effect on 05/01.
    const facts = reported("2020-01-10", "2019-12-20", {
      deadlines: [deadline(at("2020-01-05", "10:00"), "2020-01-31")],
    });
    expect(statusOf(facts, "2019-12-22")).toEqual(awaiting(DUE, 10, "2019-12-20"));
    expect(statusOf(facts, "2020-01-06")).toEqual(awaiting("2020-01-31", 0, "2019-12-20"));
    expect(statusOf(facts, "2020-01-12")).toEqual(awaiting("2020-01-31", 0, "2019-12-20"));
  });

  it("awaiting since the local day of the report, not the completion date nor the UTC day", () => {
    // 00:30 local on 21/12 is 17:30 UTC on 20/12.
    const facts = working([to("awaiting_confirmation", utc(2019, 12, 20, 17, 30), "2019-12-18")]);
    expect(statusOf(facts, "2019-12-21")).toEqual(awaiting(DUE, 0, "2019-12-21"));
  });

  it("returned and reported again: awaiting since the new report, late by the new C", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("returned", at("2019-12-22", "10:00")),
      to("in_progress", at("2019-12-23", "08:00")),
      to("awaiting_confirmation", at("2020-01-04", "10:00"), "2020-01-03"),
    ]);
    expect(statusOf(facts, "2019-12-21")).toEqual(awaiting(DUE, 0, "2019-12-20"));
    expect(statusOf(facts, "2020-01-10")).toEqual(awaiting(DUE, 3, "2020-01-04"));
  });

  it("reported at 23:30 local on D counts as of D; at 00:30 local on D+1 it does not", () => {
    expect(statusName(reported("2019-12-20", "2019-12-20"), "2019-12-20")).toBe("awaiting_confirmation");
    const afterMidnight = working([to("awaiting_confirmation", at("2019-12-21", "00:30"), "2019-12-20")]);
    expect(statusName(afterMidnight, "2019-12-20")).toBe("on_track");
    expect(statusName(afterMidnight, "2019-12-21")).toBe("awaiting_confirmation");
  });

  it("returned → back to in_progress: not done again, rule 4 applies", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("returned", at("2019-12-22", "10:00")),
      to("in_progress", at("2019-12-23", "08:00")),
    ]);
    expect(statusName(facts, "2019-12-21")).toBe("awaiting_confirmation");
    expect(statusOf(facts, "2019-12-22")).toEqual({ status: "on_track", dueDate: DUE, ...NOT_LATE });
    expect(statusOf(facts, "2019-12-29")).toEqual({ status: "due_soon", dueDate: DUE, ...NOT_LATE });
    expect(statusOf(facts, "2020-01-03")).toEqual(overdue(DUE, 3, true));
  });

  it("returned (before going back to in_progress) is not done either", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("returned", at("2019-12-22", "10:00")),
    ]);
    expect(statusOf(facts, "2020-01-02")).toMatchObject({ status: "overdue", late: true, daysLate: 2 });
  });

  it("returned, redone and confirmed again: judged by the new completion date", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("returned", at("2019-12-22", "10:00")),
      to("in_progress", at("2019-12-23", "08:00")),
      to("awaiting_confirmation", at("2020-01-05", "10:00"), "2020-01-05"),
      to("done", at("2020-01-06", "10:00"), "2020-01-05"),
    ]);
    expect(statusName(facts, "2020-01-06")).toBe("done_late");
  });

  it("returned after D does not change D", () => {
    const facts = working([
      to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"),
      to("returned", at("2019-12-30", "00:30")),
    ]);
    expect(statusName(facts, "2019-12-29")).toBe("awaiting_confirmation");
    expect(statusName(facts, "2019-12-30")).toBe("due_soon");
  });
});

// ---------------------------------------------------------------------------------
// Rule 4 — not done
// ---------------------------------------------------------------------------------

describe("rule 4: not done", () => {
  const NOT_DONE_STATES = [
    ["open", task()],
    ["in_progress", working()],
    [
      "returned",
      working([
        to("awaiting_confirmation", at("2019-11-01", "10:00"), "2019-11-01"),
        to("returned", at("2019-11-02", "10:00")),
      ]),
    ],
  ] as const;

  describe.each(["ongoing", "none"] as const)("no deadline (%s) → ongoing", (deadlineKind: DeadlineKind) => {
    it.each(NOT_DONE_STATES)("in state %s: ongoing, never late or stale, with no due date", (_state, facts) => {
      const undated = { ...facts, deadlineKind, originalDueDate: null };
      for (const day of ["2019-11-05", "2020-06-01", "2030-01-01"]) {
        expect(statusOf(undated, day)).toEqual({ status: "ongoing", dueDate: null, ...NOT_LATE });
      }
    });

    it("a stray stored due date and extensions are ignored", () => {
      const facts = working([], {
        deadlineKind,
        originalDueDate: DUE,
        deadlines: [deadline(at("2019-12-01", "10:00"), "2020-01-31")],
      });
      expect(statusOf(facts, "2020-06-01")).toEqual({ status: "ongoing", dueDate: null, ...NOT_LATE });
    });
  });

  describe.each(NOT_DONE_STATES)("in state %s, due 31/12/2019, default N = 3 days", (_state, facts) => {
    it.each([
      ["2019-10-15", "on_track", 0, "due in 77 days"],
      ["2019-12-27", "on_track", 0, "due in 4 days (N+1)"],
      ["2019-12-28", "due_soon", 0, "due in exactly 3 days (N)"],
      ["2019-12-29", "due_soon", 0, "due in 2 days"],
      ["2019-12-30", "due_soon", 0, "due tomorrow"],
      ["2019-12-31", "due_soon", 0, "due today (0 days)"],
      ["2020-01-01", "overdue", 1, "due yesterday"],
      ["2020-01-30", "overdue", 30, "due 30 days ago"],
      ["2020-12-31", "overdue", 366, "due a (leap) year ago"],
    ] as const)("as of %s → %s, %i days late (%s)", (asOf, status, daysLate, _why) => {
      expect(statusOf(facts, asOf)).toEqual({
        status,
        dueDate: DUE,
        late: daysLate > 0,
        daysLate,
        // Overdue with no progress report at all is stale.
        stale: status === "overdue",
        awaitingSince: null,
      });
    });
  });

  it("the default rules are N = 3 days due soon, M = 30 days stale", () => {
    expect(DEFAULT_STATUS_RULES).toEqual({ dueSoonDays: 3, staleAfterDays: 30 });
    expect(statusName(task(), "2019-12-28")).toBe("due_soon");
    expect(statusName(task(), "2019-12-27")).toBe("on_track");
  });

  describe("custom rule N = 0: only the due day itself is due soon", () => {
    const rules = { dueSoonDays: 0, staleAfterDays: 30 };
    it.each([
      ["2019-12-30", "on_track", "due tomorrow"],
      ["2019-12-31", "due_soon", "due today"],
      ["2020-01-01", "overdue", "due yesterday"],
    ] as const)("as of %s → %s (%s)", (asOf, status, _why) => {
      expect(statusName(working(), asOf, rules)).toBe(status);
    });
  });

  describe("custom rule N = 7", () => {
    const rules = { dueSoonDays: 7, staleAfterDays: 30 };
    it.each([
      ["2019-12-23", "on_track", "due in 8 days (N+1)"],
      ["2019-12-24", "due_soon", "due in exactly 7 days (N)"],
      ["2019-12-30", "due_soon", "due tomorrow"],
      ["2019-12-31", "due_soon", "due today"],
      ["2020-01-01", "overdue", "due yesterday"],
    ] as const)("as of %s → %s (%s)", (asOf, status, _why) => {
      expect(statusName(working(), asOf, rules)).toBe(status);
    });
  });

  it("counts calendar days across a leap day: due 01/03/2020 is 3 days away on 27/02/2020", () => {
    const facts = working([], { originalDueDate: "2020-03-01" });
    expect(statusName(facts, "2020-02-26")).toBe("on_track");
    expect(statusName(facts, "2020-02-27")).toBe("due_soon");
    expect(statusOf(facts, "2020-03-02")).toMatchObject({ status: "overdue", daysLate: 1 });
  });
});

// ---------------------------------------------------------------------------------
// Extensions and deadline changes — the due date in force at D
// ---------------------------------------------------------------------------------

describe("extensions and deadline changes: the due date in force at D", () => {
  const EXTENDED = "2020-01-31";

  it("an extension approved before D is in force at D", () => {
    const facts = working([], { deadlines: [deadline(at("2019-12-20", "10:00"), EXTENDED)] });
    expect(statusOf(facts, "2020-01-05")).toEqual({ status: "on_track", dueDate: EXTENDED, ...NOT_LATE });
    expect(statusOf(facts, "2020-01-30")).toEqual({ status: "due_soon", dueDate: EXTENDED, ...NOT_LATE });
    expect(statusOf(facts, "2020-02-01")).toMatchObject({ status: "overdue", dueDate: EXTENDED, daysLate: 1 });
  });

  it("an extension approved after D is not in force at D", () => {
    const facts = working([], { deadlines: [deadline(at("2020-01-06", "10:00"), EXTENDED)] });
    expect(statusOf(facts, "2020-01-05")).toEqual(overdue(DUE, 5, true));
    expect(statusOf(facts, "2020-01-06")).toEqual({ status: "on_track", dueDate: EXTENDED, ...NOT_LATE });
  });

  it("approved at 10:00 on D itself is in force at D (approved on or before D)", () => {
    const facts = working([], { deadlines: [deadline(at("2020-01-05", "10:00"), EXTENDED)] });
    expect(statusOf(facts, "2020-01-05")).toMatchObject({ status: "on_track", dueDate: EXTENDED });
  });

  it("approved at 23:30 local on D (16:30 UTC on D) is in force at D", () => {
    const facts = working([], { deadlines: [deadline(utc(2020, 1, 5, 16, 30), EXTENDED)] });
    expect(statusOf(facts, "2020-01-05")).toMatchObject({ status: "on_track", dueDate: EXTENDED });
  });

  it("approved at 00:30 local on D+1 (17:30 UTC on D) is not in force at D", () => {
    const facts = working([], { deadlines: [deadline(utc(2020, 1, 5, 17, 30), EXTENDED)] });
    expect(statusOf(facts, "2020-01-05")).toMatchObject({ status: "overdue", dueDate: DUE, daysLate: 5 });
  });

  it("approved at 06:30 local on D+1 (23:30 UTC on D) is not in force at D", () => {
    const facts = working([], { deadlines: [deadline(utc(2020, 1, 5, 23, 30), EXTENDED)] });
    expect(statusOf(facts, "2020-01-05")).toMatchObject({ status: "overdue", dueDate: DUE });
  });

  it("decided exactly at the end of D is not in force at D; a millisecond earlier it is", () => {
    const end = endOfLocalDay("2020-01-05");
    expect(statusOf(working([], { deadlines: [deadline(end, EXTENDED)] }), "2020-01-05")?.dueDate).toBe(DUE);
    expect(statusOf(working([], { deadlines: [deadline(end - 1, EXTENDED)] }), "2020-01-05")?.dueDate).toBe(EXTENDED);
  });

  it("with several extensions, the latest decided before the cutoff wins, whatever the list order", () => {
    const facts = working([], {
      deadlines: [deadline(at("2020-01-20", "10:00"), "2020-03-31"), deadline(at("2019-12-20", "10:00"), EXTENDED)],
    });
    expect(statusOf(facts, "2020-01-10")?.dueDate).toBe(EXTENDED);
    expect(statusOf(facts, "2020-01-20")?.dueDate).toBe("2020-03-31");
  });

  it("the latest decided wins, not the latest due date", () => {
    const facts = working([], {
      deadlines: [deadline(at("2019-12-10", "10:00"), "2020-03-31"), deadline(at("2019-12-20", "10:00"), "2020-01-15")],
    });
    expect(statusOf(facts, "2020-01-20")).toMatchObject({ status: "overdue", dueDate: "2020-01-15", daysLate: 5 });
  });

  it("a later extension decided after the cutoff is ignored; the earlier one stays in force", () => {
    const facts = working([], {
      deadlines: [deadline(at("2019-12-20", "10:00"), EXTENDED), deadline(at("2020-02-03", "00:30"), "2020-03-31")],
    });
    expect(statusOf(facts, "2020-02-02")).toMatchObject({ status: "overdue", dueDate: EXTENDED, daysLate: 2 });
  });

  it.each([
    [EXTENDED, "2020-03-31"],
    ["2020-03-31", EXTENDED],
  ])("ties in time: the later in list order wins (%s then %s)", (first, second) => {
    const decided = at("2019-12-20", "10:00");
    const facts = working([], { deadlines: [deadline(decided, first), deadline(decided, second)] });
    expect(statusOf(facts, "2020-01-05")?.dueDate).toBe(second);
  });

  it("without extensions the original due date is in force", () => {
    expect(statusOf(working(), "2019-11-01")?.dueDate).toBe(DUE);
  });
});

// ---------------------------------------------------------------------------------
// End of day in Asia/Ho_Chi_Minh: the local calendar decides, not UTC
// ---------------------------------------------------------------------------------

describe("end of day in Asia/Ho_Chi_Minh: the local calendar decides, not UTC", () => {
  const D = "2019-12-20";

  it("a report of completion at 23:30 local on D (16:30 UTC on D) counts as of D", () => {
    const facts = working([to("awaiting_confirmation", utc(2019, 12, 20, 16, 30), D)]);
    expect(statusName(facts, D)).toBe("awaiting_confirmation");
  });

  it("a report of completion at 00:30 local on D+1 (still D on the UTC calendar) does not count as of D", () => {
    const facts = working([to("awaiting_confirmation", utc(2019, 12, 20, 17, 30), "2019-12-21")]);
    expect(statusName(facts, D)).toBe("on_track");
  });

  it("a transition at 06:30 local on D (23:30 UTC on D−1) counts as of D but not as of D−1", () => {
    const facts = working([to("on_hold", utc(2019, 12, 19, 23, 30))]);
    expect(statusName(facts, "2019-12-19")).toBe("on_track");
    expect(statusName(facts, D)).toBe("on_hold");
  });

  it("a confirmation at 23:30 local on D counts as of D; one at 00:30 local on D+1 does not", () => {
    const confirmedLate = (when: Instant) =>
      working([to("awaiting_confirmation", at("2019-12-18", "10:00"), "2019-12-18"), to("done", when, "2019-12-18")]);
    expect(statusName(confirmedLate(utc(2019, 12, 20, 16, 30)), D)).toBe("done_on_time");
    expect(statusName(confirmedLate(utc(2019, 12, 20, 17, 30)), D)).toBe("awaiting_confirmation");
  });

  it("a completion date equal to the due date is on time; the day after is late", () => {
    expect(statusName(working(completed(DUE, DUE, DUE)), "2020-01-05")).toBe("done_on_time");
    expect(statusName(working(completed("2020-01-01", "2020-01-01", "2020-01-01")), "2020-01-05")).toBe("done_late");
  });

  it("the as-of day is a local day: overdue starts at 00:00 local after the due date", () => {
    // D = 01/01/2020 begins at 17:00 UTC on 31/12/2019; the task is overdue on that local day.
    expect(statusOf(working(), "2020-01-01")).toMatchObject({ status: "overdue", daysLate: 1 });
    expect(statusOf(working(), DUE)).toMatchObject({ status: "due_soon", daysLate: 0 });
  });
});

// ---------------------------------------------------------------------------------
// Rule 5 — the stale flag
// ---------------------------------------------------------------------------------

describe("rule 5: stale = overdue and no progress report in the last M days", () => {
  // D = 15/02/2020, due 31/12/2019: overdue by 46 days. With M = 30 the last 30 days
  // ending with D are 17/01/2020 … 15/02/2020.
  const D = "2020-02-15";
  const overdueWith = (progressReportTimes: Instant[]) => working([], { progressReportTimes });

  it("overdue with no progress report at all → stale", () => {
    expect(statusOf(overdueWith([]), D)).toEqual(overdue(DUE, 46, true));
  });

  it("a report within the last M days → not stale", () => {
    expect(statusOf(overdueWith([at("2020-02-01", "10:00")]), D)).toMatchObject({ status: "overdue", stale: false });
  });

  it("a report at 00:00 local on D−M+1 (the first day of the window) counts", () => {
    expect(statusOf(overdueWith([at("2020-01-17", "00:00")]), D)?.stale).toBe(false);
  });

  it("a report a millisecond before D−M+1 does not count", () => {
    expect(statusOf(overdueWith([startOfLocalDay("2020-01-17") - 1]), D)?.stale).toBe(true);
  });

  it("a report at 23:30 local on D−M (16:30 UTC) does not count", () => {
    expect(statusOf(overdueWith([utc(2020, 1, 16, 16, 30)]), D)?.stale).toBe(true);
  });

  it("a report at 06:30 local on D−M+1 (23:30 UTC on D−M) counts: the local calendar decides", () => {
    expect(statusOf(overdueWith([utc(2020, 1, 16, 23, 30)]), D)?.stale).toBe(false);
  });

  it("a report at 23:59 local on D counts", () => {
    expect(statusOf(overdueWith([at(D, "23:59")]), D)?.stale).toBe(false);
    expect(statusOf(overdueWith([endOfLocalDay(D) - 1]), D)?.stale).toBe(false);
  });

  it("a report recorded after the cutoff does not count (00:30 local on D+1, exactly at the end of D)", () => {
    expect(statusOf(overdueWith([at("2020-02-16", "00:30")]), D)?.stale).toBe(true);
    expect(statusOf(overdueWith([endOfLocalDay(D)]), D)?.stale).toBe(true);
  });

  it("only old reports → stale", () => {
    expect(statusOf(overdueWith([at("2019-11-01", "10:00"), at("2019-12-30", "10:00")]), D)?.stale).toBe(true);
  });

  it("the order in which reports were recorded does not matter", () => {
    const reports = [at("2020-02-16", "10:00"), at("2020-02-10", "10:00"), at("2019-11-01", "10:00")];
    expect(statusOf(overdueWith(reports), D)?.stale).toBe(false);
    expect(statusOf(overdueWith([...reports].reverse()), D)?.stale).toBe(false);
  });

  it("a custom M = 7: the window is the 7 days ending with D", () => {
    const rules = { dueSoonDays: 3, staleAfterDays: 7 };
    expect(statusOf(overdueWith([at("2020-02-09", "00:00")]), D, rules)?.stale).toBe(false);
    expect(statusOf(overdueWith([at("2020-02-08", "23:59")]), D, rules)?.stale).toBe(true);
    expect(statusOf(overdueWith([at("2020-02-01", "10:00")]), D, rules)?.stale).toBe(true);
  });

  it("M = 1: only a report on D itself counts", () => {
    const rules = { dueSoonDays: 3, staleAfterDays: 1 };
    expect(statusOf(overdueWith([at(D, "00:00")]), D, rules)?.stale).toBe(false);
    expect(statusOf(overdueWith([at("2020-02-14", "23:59")]), D, rules)?.stale).toBe(true);
  });

  it("the default M is 30 days", () => {
    expect(statusOf(overdueWith([at("2020-01-17", "08:00")]), D)?.stale).toBe(false);
    expect(statusOf(overdueWith([at("2020-01-16", "08:00")]), D)?.stale).toBe(true);
  });

  it("an overdue task returned after a completion report is judged stale like any other", () => {
    const facts = working(
      [to("awaiting_confirmation", at("2019-12-20", "10:00"), "2019-12-20"), to("returned", at("2019-12-22", "10:00"))],
      { progressReportTimes: [at("2019-12-01", "10:00")] },
    );
    expect(statusOf(facts, D)).toMatchObject({ status: "overdue", stale: true });
  });

  const noReports: [string, TaskFacts, LocalDate][] = [
    ["due_soon", working(), "2019-12-30"],
    ["on_track", working(), "2019-11-01"],
    ["ongoing", working([], { deadlineKind: "ongoing", originalDueDate: null }), "2020-06-01"],
    [
      "awaiting_confirmation (reported late)",
      working([to("awaiting_confirmation", at("2020-01-05", "10:00"), "2020-01-05")]),
      "2020-06-01",
    ],
    ["done_on_time", working(completed("2019-12-20", "2019-12-20", "2020-03-01")), "2020-06-01"],
    ["done_late", working(completed("2020-03-01", "2020-03-01", "2020-03-02")), "2020-06-01"],
    ["on_hold", working([to("on_hold", at("2019-11-01", "10:00"))]), "2020-06-01"],
    ["cancelled", working([to("cancelled", at("2019-11-01", "10:00"))]), "2020-06-01"],
  ];

  it.each(noReports)("is never set for %s, even with no progress report ever", (label, facts, asOf) => {
    const result = statusOf(facts, asOf);
    expect(result?.status).toBe(label.split(" ")[0]);
    expect(result?.stale).toBe(false);
  });

  it("the late awaiting task above is indeed late (so the stale flag is not merely absent for lack of lateness)", () => {
    expect(statusOf(noReports.find(([label]) => label.startsWith("awaiting"))![1], "2020-06-01")).toEqual(
      awaiting(DUE, 5, "2020-01-05"),
    );
  });
});

// ---------------------------------------------------------------------------------
// Two bases for a past day — as it happened, as recorded
// ---------------------------------------------------------------------------------

describe("two bases: as it happened (effective time, all facts) and as recorded (facts recorded by the end of D)", () => {
  const EXTENDED = "2020-01-31";

  it("the default basis is as it happened", () => {
    const facts = working([recordedLater(to("on_hold", at("2019-11-01", "10:00")), at("2019-11-05", "10:00"))]);
    expect(taskStatusAsOf(facts, "2019-11-02")).toEqual(
      taskStatusAsOf(facts, "2019-11-02", DEFAULT_STATUS_RULES, "happened"),
    );
    expect(statusName(facts, "2019-11-02")).toBe("on_hold");
  });

  it("a task entered later than its assignment day exists from the assignment day as happened, from the entry day as recorded", () => {
    const facts = task({ createdAt: startOfLocalDay("2019-10-01"), recordedAt: at("2019-10-15", "10:00") });
    expect(statusOf(facts, "2019-09-30", undefined, "happened")).toBeNull();
    expect(statusOf(facts, "2019-10-01", undefined, "happened")).toEqual({
      status: "on_track",
      dueDate: DUE,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2019-10-01", undefined, "recorded")).toBeNull();
    expect(statusOf(facts, "2019-10-14", undefined, "recorded")).toBeNull();
    expect(statusOf(facts, "2019-10-15", undefined, "recorded")).toEqual({
      status: "on_track",
      dueDate: DUE,
      ...NOT_LATE,
    });
  });

  it("a task entered at 00:30 local on D+1 is not there as recorded on D; entered a millisecond before the end of D it is", () => {
    const entered = (recordedAt: Instant) => task({ createdAt: CREATED, recordedAt });
    expect(statusOf(entered(at("2019-10-16", "00:30")), "2019-10-15", undefined, "recorded")).toBeNull();
    expect(statusOf(entered(endOfLocalDay("2019-10-15")), "2019-10-15", undefined, "recorded")).toBeNull();
    expect(statusOf(entered(endOfLocalDay("2019-10-15") - 1), "2019-10-15", undefined, "recorded")).not.toBeNull();
  });

  it("a transition recorded after the fact counts from its effective day as happened, from its recorded day as recorded", () => {
    const facts = working([recordedLater(to("on_hold", at("2019-11-01", "10:00")), at("2019-11-05", "10:00"))]);
    expect(statusName(facts, "2019-10-31", undefined, "happened")).toBe("on_track");
    expect(statusName(facts, "2019-11-01", undefined, "happened")).toBe("on_hold");
    expect(statusName(facts, "2019-11-01", undefined, "recorded")).toBe("on_track");
    expect(statusName(facts, "2019-11-04", undefined, "recorded")).toBe("on_track");
    expect(statusName(facts, "2019-11-05", undefined, "recorded")).toBe("on_hold");
  });

  it("a fact recorded exactly at the end of D is not known as recorded on D; a millisecond earlier it is", () => {
    const onHold = (recordedAt: Instant) =>
      working([recordedLater(to("on_hold", at("2019-11-01", "10:00")), recordedAt)]);
    expect(statusName(onHold(endOfLocalDay("2019-11-04")), "2019-11-04", undefined, "recorded")).toBe("on_track");
    expect(statusName(onHold(endOfLocalDay("2019-11-04") - 1), "2019-11-04", undefined, "recorded")).toBe("on_hold");
  });

  it("an extension recorded after the fact is in force from its effective day as happened, from its recorded day as recorded", () => {
    const facts = working([], {
      deadlines: [recordedLater(deadline(at("2019-12-20", "10:00"), EXTENDED), at("2020-01-05", "10:00"))],
    });
    expect(statusOf(facts, "2020-01-02", undefined, "happened")).toEqual({
      status: "on_track",
      dueDate: EXTENDED,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2020-01-02", undefined, "recorded")).toEqual(overdue(DUE, 2, true));
    expect(statusOf(facts, "2020-01-04", undefined, "recorded")).toEqual(overdue(DUE, 4, true));
    expect(statusOf(facts, "2020-01-05", undefined, "recorded")).toEqual({
      status: "on_track",
      dueDate: EXTENDED,
      ...NOT_LATE,
    });
  });

  it("a completion entered later with its real date counts on that date as happened; as recorded the task was overdue until then", () => {
    const entered = at("2020-01-10", "09:00");
    const facts = working([
      recordedLater(to("awaiting_confirmation", at("2019-12-28", "10:00"), "2019-12-28"), entered),
      recordedLater(to("done", at("2019-12-28", "15:00"), "2019-12-28"), entered),
    ]);
    expect(statusOf(facts, "2020-01-05", undefined, "happened")).toEqual({
      status: "done_on_time",
      dueDate: DUE,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2020-01-05", undefined, "recorded")).toEqual(overdue(DUE, 5, true));
    expect(statusOf(facts, "2020-01-10", undefined, "recorded")).toEqual({
      status: "done_on_time",
      dueDate: DUE,
      ...NOT_LATE,
    });
  });

  it("an awaiting report entered later is awaiting since its effective day on both bases, once recorded", () => {
    const facts = working([
      recordedLater(to("awaiting_confirmation", at("2020-01-03", "10:00"), "2020-01-02"), at("2020-01-09", "10:00")),
    ]);
    expect(statusOf(facts, "2020-01-05", undefined, "happened")).toEqual(awaiting(DUE, 2, "2020-01-03"));
    expect(statusOf(facts, "2020-01-05", undefined, "recorded")).toEqual(overdue(DUE, 5, true));
    expect(statusOf(facts, "2020-01-09", undefined, "recorded")).toEqual(awaiting(DUE, 2, "2020-01-03"));
  });

  it("a deadline correction (in force from the assignment, recorded later) turns a past done_late into done_on_time as happened only", () => {
    // Done with C = 05/01/2020 against a due date of 31/12/2019 entered by mistake; on
    // 01/02/2020 the secretariat corrects it to 31/01/2020, as it always was.
    const correction = recordedLater(deadline(CREATED, EXTENDED), at("2020-02-01", "10:00"));
    const facts = working(completed("2020-01-05", "2020-01-05", "2020-01-06"), { deadlines: [correction] });
    expect(statusOf(facts, "2020-01-10", undefined, "happened")).toEqual({
      status: "done_on_time",
      dueDate: EXTENDED,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2020-01-10", undefined, "recorded")).toEqual({
      status: "done_late",
      dueDate: DUE,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2020-01-31", undefined, "recorded")).toEqual({
      status: "done_late",
      dueDate: DUE,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2020-02-01", undefined, "recorded")).toEqual({
      status: "done_on_time",
      dueDate: EXTENDED,
      ...NOT_LATE,
    });
    // Before the task was done, as happened it was never overdue: due 31/01 all along.
    expect(statusOf(facts, "2020-01-02", undefined, "happened")).toEqual({
      status: "on_track",
      dueDate: EXTENDED,
      ...NOT_LATE,
    });
    expect(statusOf(facts, "2020-01-02", undefined, "recorded")).toEqual(overdue(DUE, 2, true));
  });

  it("rule 3 on both bases: an extension effective before C but recorded after it makes the report on time only once recorded", () => {
    const facts = working([to("awaiting_confirmation", at("2020-01-10", "10:00"), "2020-01-10")], {
      deadlines: [recordedLater(deadline(at("2020-01-08", "10:00"), EXTENDED), at("2020-01-20", "10:00"))],
    });
    expect(statusOf(facts, "2020-01-15", undefined, "happened")).toEqual(awaiting(EXTENDED, 0, "2020-01-10"));
    expect(statusOf(facts, "2020-01-15", undefined, "recorded")).toEqual(awaiting(DUE, 10, "2020-01-10"));
    expect(statusOf(facts, "2020-01-20", undefined, "recorded")).toEqual(awaiting(EXTENDED, 0, "2020-01-10"));
  });

  it("as recorded, the known facts are still ordered by effective time: a late entry does not override a later known transition", () => {
    // On hold from 10/11 (recorded then); on 15/11 a start on 05/11 is entered after the fact.
    const facts = task({
      transitions: [
        to("on_hold", at("2019-11-10", "10:00")),
        recordedLater(to("in_progress", at("2019-11-05", "08:00")), at("2019-11-15", "10:00")),
      ],
    });
    expect(statusName(facts, "2019-11-15", undefined, "recorded")).toBe("on_hold");
    expect(statusName(facts, "2019-11-15", undefined, "happened")).toBe("on_hold");
    expect(statusName(facts, "2019-11-07", undefined, "happened")).toBe("on_track");
  });

  it("progress reports take effect when recorded: the stale flag is the same on both bases", () => {
    const facts = working([], { progressReportTimes: [at("2020-02-01", "10:00")] });
    for (const basis of ["happened", "recorded"] as const) {
      expect(statusOf(facts, "2020-01-31", undefined, basis)?.stale).toBe(true);
      expect(statusOf(facts, "2020-02-01", undefined, basis)?.stale).toBe(false);
    }
  });

  it("recordedAt equal to at reads the same as no recordedAt, on both bases", () => {
    const when = at("2019-11-01", "10:00");
    const plain = working([to("on_hold", when)]);
    const explicit = working([recordedLater(to("on_hold", when), when)], { recordedAt: CREATED });
    for (const day of ["2019-10-31", "2019-11-01", "2020-02-01"]) {
      for (const basis of ["happened", "recorded"] as const) {
        expect(statusOf(explicit, day, undefined, basis)).toEqual(statusOf(plain, day, undefined, "happened"));
      }
    }
  });
});

describe("factsKnownAt", () => {
  const later = recordedLater(to("on_hold", at("2019-11-01", "10:00")), at("2019-11-05", "10:00"));
  const facts = working([later], {
    recordedAt: at("2019-10-03", "10:00"),
    deadlines: [recordedLater(deadline(at("2019-10-20", "10:00"), "2020-01-31"), at("2019-11-05", "10:00"))],
    progressReportTimes: [at("2019-10-25", "10:00"), at("2019-11-06", "10:00")],
  });

  it("as happened: every fact, untouched", () => {
    expect(factsKnownAt(facts, endOfLocalDay("2019-10-01"), "happened")).toBe(facts);
  });

  it("as recorded: null before the task was entered", () => {
    expect(factsKnownAt(facts, endOfLocalDay("2019-10-02"), "recorded")).toBeNull();
  });

  it("as recorded: only the facts recorded strictly before the cutoff, reports by their time", () => {
    const known = factsKnownAt(facts, endOfLocalDay("2019-11-04"), "recorded");
    expect(known?.transitions.map((t) => t.toState)).toEqual(["in_progress"]);
    expect(known?.deadlines).toEqual([]);
    expect(known?.progressReportTimes).toEqual([at("2019-10-25", "10:00")]);
    const all = factsKnownAt(facts, at("2019-11-05", "10:00") + 1, "recorded");
    expect(all?.transitions.map((t) => t.toState)).toEqual(["in_progress", "on_hold"]);
    expect(all?.deadlines).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------
// The building blocks
// ---------------------------------------------------------------------------------

describe("dueDateInForce", () => {
  it("is null for tasks without a deadline", () => {
    expect(dueDateInForce(task({ deadlineKind: "ongoing" }), at("2020-01-01", "00:00"))).toBeNull();
    expect(dueDateInForce(task({ deadlineKind: "none" }), at("2020-01-01", "00:00"))).toBeNull();
  });

  it("counts deadline facts that took effect strictly before the instant", () => {
    const decided = at("2019-12-20", "10:00");
    const facts = task({ deadlines: [deadline(decided, "2020-01-31")] });
    expect(dueDateInForce(facts, decided)).toBe(DUE);
    expect(dueDateInForce(facts, decided + 1)).toBe("2020-01-31");
  });
});

describe("workflowStateAt", () => {
  it("is null before the task exists, and open from its creation", () => {
    expect(workflowStateAt(task(), CREATED)).toBeNull();
    expect(workflowStateAt(task(), CREATED + 1)).toEqual({ toState: "open", at: CREATED, completionDate: null });
  });

  it("is the last transition strictly before the instant", () => {
    const start = at("2019-10-02", "08:00");
    const facts = working([to("on_hold", at("2019-11-01", "10:00"))]);
    expect(workflowStateAt(facts, start)?.toState).toBe("open");
    expect(workflowStateAt(facts, start + 1)?.toState).toBe("in_progress");
    expect(workflowStateAt(facts, at("2019-11-01", "10:01"))?.toState).toBe("on_hold");
  });

  it("for transitions at the same instant, the later recorded wins", () => {
    const same = at("2019-11-01", "10:00");
    const facts = task({ transitions: [to("in_progress", same), to("on_hold", same)] });
    expect(workflowStateAt(facts, same + 1)?.toState).toBe("on_hold");
    expect(statusName(facts, "2019-11-01")).toBe("on_hold");
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

// Everything below is computed without dates.ts: day numbers since 1970-01-01 and a
// fixed UTC+7 offset (true for Asia/Ho_Chi_Minh since 1975).

function dayNumberOf(date: LocalDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY;
}
function dateOfDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}
function localDayOf(instant: Instant): number {
  return Math.floor((instant + VN_OFFSET) / DAY);
}
function instantOn(dayNumber: number, timeOfDay: number): Instant {
  return dayNumber * DAY - VN_OFFSET + timeOfDay;
}
/** The first instant after local day D, computed independently. */
function cutoffOf(asOf: LocalDate): Instant {
  return instantOn(dayNumberOf(asOf) + 1, 0);
}

type Timed = { at: Instant; recordedAt?: Instant };

/** The instant a fact was recorded: its `recordedAt`, else the instant it took effect. */
function entered(fact: Timed): Instant {
  return fact.recordedAt ?? fact.at;
}

/** The last item known by the end of local day `lastDay`: latest time, ties → later in the list. */
function lastKnownBy<T>(items: readonly T[], timeOf: (item: T) => Instant, lastDay: number): T | undefined {
  const known = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => localDayOf(timeOf(item)) <= lastDay)
    .sort((a, b) => timeOf(a.item) - timeOf(b.item) || a.index - b.index);
  return known.at(-1)?.item;
}

/** The workflow state in effect at the end of D (by effective time), or null before the task existed. */
function stateKnownBy(facts: TaskFacts, asOf: LocalDate): TransitionFact | null {
  const day = dayNumberOf(asOf);
  if (localDayOf(facts.createdAt) > day) return null;
  return (
    lastKnownBy(facts.transitions, (t) => t.at, day) ?? { toState: "open", at: facts.createdAt, completionDate: null }
  );
}

/** The facts a basis reads for day D: all of them, or those entered by the end of D (null: the task was not yet). */
function factsOnBasis(facts: TaskFacts, asOf: LocalDate, basis: StatusBasis): TaskFacts | null {
  if (basis === "happened") return facts;
  const day = dayNumberOf(asOf);
  if (localDayOf(facts.recordedAt ?? facts.createdAt) > day) return null;
  const enteredBy = (fact: Timed) => localDayOf(entered(fact)) <= day;
  return { ...facts, transitions: facts.transitions.filter(enteredBy), deadlines: facts.deadlines.filter(enteredBy) };
}

/** docs/domain-rules.md §4 written out once more, as plainly as possible, on day numbers. */
function referenceStatus(
  allFacts: TaskFacts,
  asOf: LocalDate,
  rules: StatusRules,
  basis: StatusBasis = "happened",
): TaskStatusAsOf | null {
  const facts = factsOnBasis(allFacts, asOf, basis);
  if (facts === null) return null;
  const d = dayNumberOf(asOf);
  const state = stateKnownBy(facts, asOf);
  if (state === null) return null;
  const dueOnDay = (day: number): LocalDate | null =>
    facts.deadlineKind !== "dated"
      ? null
      : (lastKnownBy(facts.deadlines, (e) => e.at, day)?.dueDate ?? facts.originalDueDate);
  const dueDate = dueOnDay(d);
  const notLate = { late: false, daysLate: 0, stale: false, awaitingSince: null };

  if (state.toState === "on_hold" || state.toState === "cancelled")
    return { status: state.toState, dueDate, ...notLate };

  if (state.toState === "done" || state.toState === "awaiting_confirmation") {
    // Rules 2 and 3: C against the due date in force at C (or at D, if C is later).
    const c = dayNumberOf(state.completionDate!);
    const dueAtC = dueOnDay(Math.min(c, d));
    const reportedLate = dueAtC === null ? 0 : Math.max(0, c - dayNumberOf(dueAtC));
    if (state.toState === "done")
      return { status: reportedLate > 0 ? "done_late" : "done_on_time", dueDate, ...notLate };
    return {
      status: "awaiting_confirmation",
      dueDate,
      late: reportedLate > 0,
      daysLate: reportedLate,
      stale: false,
      awaitingSince: dateOfDayNumber(localDayOf(state.at)),
    };
  }

  if (dueDate === null) return { status: "ongoing", dueDate, ...notLate };
  const daysLate = d - dayNumberOf(dueDate);
  if (daysLate > 0) {
    const windowStart = d - rules.staleAfterDays + 1;
    const recent = facts.progressReportTimes.some((t) => localDayOf(t) >= windowStart && localDayOf(t) <= d);
    return { status: "overdue", dueDate, late: true, daysLate, stale: !recent, awaitingSince: null };
  }
  return { status: -daysLate <= rules.dueSoonDays ? "due_soon" : "on_track", dueDate, ...notLate };
}

/** Only what had been recorded strictly before `cutoff`, with the recording times dropped (null: the task was not entered yet). */
function recordedBefore(facts: TaskFacts, cutoff: Instant): TaskFacts | null {
  if ((facts.recordedAt ?? facts.createdAt) >= cutoff) return null;
  const keep = <T extends Timed>(items: readonly T[]): T[] =>
    items.filter((fact) => entered(fact) < cutoff).map((fact) => ({ ...fact, recordedAt: undefined }));
  return {
    createdAt: facts.createdAt,
    deadlineKind: facts.deadlineKind,
    originalDueDate: facts.originalDueDate,
    transitions: keep(facts.transitions),
    deadlines: keep(facts.deadlines),
    progressReportTimes: facts.progressReportTimes.filter((t) => t < cutoff),
  };
}

/** The same facts with every recording time dropped: everything entered as it happened. */
function withoutRecordingTimes(facts: TaskFacts): TaskFacts {
  const drop = <T extends Timed>({ recordedAt: _dropped, ...fact }: T) => fact;
  const { recordedAt: _recordedAt, ...task } = facts;
  return { ...task, transitions: facts.transitions.map(drop), deadlines: facts.deadlines.map(drop) };
}

/** Allowed moves (docs/domain-rules.md §4), with a resume from on_hold. */
const NEXT_STATES: Record<WorkflowState, readonly WorkflowState[]> = {
  open: ["in_progress", "awaiting_confirmation", "on_hold", "cancelled"],
  in_progress: ["awaiting_confirmation", "on_hold", "cancelled"],
  awaiting_confirmation: ["done", "returned", "on_hold", "cancelled"],
  returned: ["in_progress", "awaiting_confirmation", "on_hold", "cancelled"],
  on_hold: ["in_progress", "open", "cancelled"],
  cancelled: [],
  done: [],
};

const FIRST_DAY = dayNumberOf("2019-01-01");

/** Times of day biased towards the edges of the local day and the UTC day. */
const timeOfDayArb = fc.oneof(
  fc.constantFrom(
    0,
    1,
    30 * MINUTE,
    6 * HOUR + 30 * MINUTE,
    16 * HOUR + 59 * MINUTE,
    17 * HOUR,
    23 * HOUR + 30 * MINUTE,
    DAY - 1,
  ),
  fc.integer({ min: 0, max: DAY - 1 }),
);

/**
 * How long after it took effect a fact was recorded: mostly not at all (no
 * `recordedAt`), sometimes exactly then, across a midnight, or days and weeks later.
 */
const lagArb: fc.Arbitrary<number | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 30 * MINUTE, 7 * HOUR, DAY, 3 * DAY) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 * DAY }) },
);

function lagged<T extends Timed>(fact: T, lag: number | null): T {
  return lag === null ? fact : { ...fact, recordedAt: fact.at + lag };
}

/** Lists come in the order the facts were recorded (stable for ties). */
function inRecordingOrder<T extends Timed>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => entered(a) - entered(b));
}

const factsArb = fc
  .record({
    createdDay: fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 800 }),
    createdTime: timeOfDayArb,
    taskLag: lagArb,
    deadlineKind: fc.oneof(fc.constant("dated" as const), fc.constantFrom(...DEADLINE_KINDS)),
    dueOffset: fc.integer({ min: -5, max: 200 }),
    strayDueDate: fc.boolean(),
    steps: fc.array(
      fc.record({
        gapDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
        time: timeOfDayArb,
        choice: fc.nat(),
        // Now and then any state at all; otherwise a move docs/domain-rules.md §4 allows, rarely a set-aside one.
        wild: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        setAside: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
        completionOffset: fc.integer({ min: -30, max: 3 }),
        completionNearDue: fc.boolean(),
        completionFromDue: fc.integer({ min: -5, max: 5 }),
        sameInstant: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
        lag: lagArb,
      }),
      { maxLength: 8 },
    ),
    deadlines: fc.array(
      fc.record({
        day: fc.integer({ min: -5, max: 300 }),
        time: timeOfDayArb,
        dueOffset: fc.integer({ min: -30, max: 150 }),
        tieWithPrevious: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        // The correction of an entry error: in force from the task's assignment.
        correction: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        lag: lagArb,
      }),
      { maxLength: 4 },
    ),
    // Report days are counted from the due day, where staleness matters.
    reports: fc.array(fc.record({ day: fc.integer({ min: -90, max: 300 }), time: timeOfDayArb }), { maxLength: 6 }),
  })
  .map((g): TaskFacts => {
    const createdAt = instantOn(g.createdDay, g.createdTime);
    const dueDay = g.createdDay + g.dueOffset;

    const transitions: TransitionFact[] = [];
    let state: WorkflowState = "open";
    let previousAt = createdAt;
    let reportedCompletion: LocalDate | null = null;
    for (const step of g.steps) {
      const allowed = NEXT_STATES[state];
      const setAside = allowed.filter((s) => s === "on_hold" || s === "cancelled");
      const moves = allowed.filter((s) => s !== "on_hold" && s !== "cancelled");
      const options: readonly WorkflowState[] = step.wild
        ? WORKFLOW_STATES
        : step.setAside || moves.length === 0
          ? setAside
          : moves;
      const next: WorkflowState | undefined = options[step.choice % Math.max(options.length, 1)];
      if (next === undefined) continue;
      const when = step.sameInstant
        ? previousAt
        : Math.max(previousAt, instantOn(localDayOf(previousAt) + step.gapDays, step.time));
      const freshCompletion = dateOfDayNumber(
        step.completionNearDue ? dueDay + step.completionFromDue : localDayOf(when) + step.completionOffset,
      );
      let completionDate: LocalDate | null = null;
      if (next === "awaiting_confirmation") completionDate = reportedCompletion = freshCompletion;
      if (next === "done") completionDate = reportedCompletion ?? freshCompletion;
      if (next === "returned" || next === "in_progress") reportedCompletion = null;
      transitions.push(lagged({ toState: next, at: when, completionDate }, step.lag));
      state = next;
      previousAt = when;
    }

    const deadlines: DeadlineFact[] = [];
    for (const e of g.deadlines) {
      const previous = deadlines.at(-1);
      const when = e.correction
        ? createdAt
        : e.tieWithPrevious && previous
          ? previous.at
          : instantOn(g.createdDay + e.day, e.time);
      // A correction is always entered after the fact.
      const lag = e.correction ? (e.lag ?? 0) + DAY : e.lag;
      deadlines.push(lagged({ at: when, dueDate: dateOfDayNumber(dueDay + e.dueOffset) }, lag));
    }

    return {
      ...(g.taskLag === null ? {} : { recordedAt: createdAt + g.taskLag }),
      createdAt,
      deadlineKind: g.deadlineKind,
      originalDueDate: g.deadlineKind === "dated" || g.strayDueDate ? dateOfDayNumber(dueDay) : null,
      transitions: inRecordingOrder(transitions),
      deadlines: inRecordingOrder(deadlines),
      progressReportTimes: g.reports.map((r) => instantOn(dueDay + r.day, r.time)),
    };
  });

const rulesArb: fc.Arbitrary<StatusRules> = fc.oneof(
  fc.constant(DEFAULT_STATUS_RULES),
  fc.record({ dueSoonDays: fc.integer({ min: 0, max: 10 }), staleAfterDays: fc.integer({ min: 1, max: 60 }) }),
);

/** The days something took effect or was recorded later: where the two bases part. */
function recordingDays(facts: TaskFacts): number[] {
  const timed: Timed[] = [
    { at: facts.createdAt, recordedAt: facts.recordedAt },
    ...facts.transitions,
    ...facts.deadlines,
  ];
  return timed.filter((f) => f.recordedAt !== undefined).flatMap((f) => [localDayOf(f.at), localDayOf(entered(f))]);
}

/**
 * A task, an as-of day D around its life (often near its original due date, or near
 * a fact entered after the fact), the rules and a basis.
 */
const scenarioArb = fc
  .tuple(
    factsArb,
    fc.constantFrom("created", "due", "recording"),
    fc.integer({ min: -3, max: 500 }),
    fc.oneof(fc.integer({ min: -12, max: 2 }), fc.integer({ min: -15, max: 60 })),
    fc.record({ pick: fc.nat(), shift: fc.integer({ min: -2, max: 3 }) }),
    rulesArb,
    fc.constantFrom(...STATUS_BASES),
  )
  .map(([facts, near, sinceCreation, sinceDue, recording, rules, basis]) => {
    const days = recordingDays(facts);
    const asOfDay =
      near === "due" && facts.originalDueDate !== null
        ? dayNumberOf(facts.originalDueDate) + sinceDue
        : near === "recording" && days.length > 0
          ? days[recording.pick % days.length]! + recording.shift
          : localDayOf(facts.createdAt) + sinceCreation;
    return { facts, asOf: dateOfDayNumber(asOfDay), rules, basis };
  });

/** Offsets from the cutoff (≥ 0), biased towards the cutoff itself. */
const laterOffsetArb = fc.oneof(
  fc.constantFrom(0, 1, 30 * MINUTE, 6 * HOUR + 30 * MINUTE),
  fc.integer({ min: 0, max: 3 * DAY }),
  fc.integer({ min: 0, max: 400 * DAY }),
);

/** How long before the cutoff a fact entered after it took effect (≤ 0; 0 = at the cutoff). */
const earlierEffectArb = fc.oneof(
  fc.constantFrom(0, -1, -30 * MINUTE, -DAY),
  fc.integer({ min: -60 * DAY, max: 0 }),
  fc.integer({ min: -400 * DAY, max: 0 }),
);

const laterEventsArb = fc.record({
  transitions: fc.array(
    fc.record({
      offset: laterOffsetArb,
      effect: earlierEffectArb,
      state: fc.constantFrom(...WORKFLOW_STATES),
      completionDay: fc.integer({ min: -400, max: 30 }),
      position: fc.nat(),
    }),
    { maxLength: 5 },
  ),
  deadlines: fc.array(
    fc.record({
      offset: laterOffsetArb,
      effect: earlierEffectArb,
      dueDay: fc.integer({ min: -200, max: 300 }),
      position: fc.nat(),
    }),
    { maxLength: 4 },
  ),
  reports: fc.array(fc.record({ offset: laterOffsetArb, position: fc.nat() }), { maxLength: 5 }),
});
type LaterEvents = typeof laterEventsArb extends fc.Arbitrary<infer T> ? T : never;

function insertAt<T>(list: readonly T[], item: T, position: number): T[] {
  const copy = [...list];
  copy.splice(position % (copy.length + 1), 0, item);
  return copy;
}

/**
 * The same facts plus events recorded at or after the end of D: as they happened
 * then (`backdated` false), or entered after the fact with an effect at any earlier
 * time (`backdated` true). Progress reports have one time: they are never backdated.
 */
function withLaterEvents(facts: TaskFacts, asOf: LocalDate, later: LaterEvents, backdated = false): TaskFacts {
  const cutoff = cutoffOf(asOf);
  const timed = (offset: number, effect: number): Timed =>
    backdated ? { at: cutoff + effect, recordedAt: cutoff + offset } : { at: cutoff + offset };
  let transitions: readonly TransitionFact[] = facts.transitions;
  for (const t of later.transitions) {
    const needsDate = t.state === "awaiting_confirmation" || t.state === "done";
    const completionDate = needsDate ? dateOfDayNumber(dayNumberOf(asOf) + t.completionDay) : null;
    const fact = { toState: t.state, ...timed(t.offset, t.effect), completionDate };
    transitions = insertAt(transitions, fact, t.position);
  }
  let deadlines: readonly DeadlineFact[] = facts.deadlines;
  for (const e of later.deadlines) {
    const dueDate = dateOfDayNumber(dayNumberOf(asOf) + e.dueDay);
    deadlines = insertAt(deadlines, { ...timed(e.offset, e.effect), dueDate }, e.position);
  }
  let progressReportTimes: readonly Instant[] = facts.progressReportTimes;
  for (const r of later.reports) progressReportTimes = insertAt(progressReportTimes, cutoff + r.offset, r.position);
  return { ...facts, transitions, deadlines, progressReportTimes };
}

describe("properties", () => {
  it("the cutoff used by the properties is the end of the local day", () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 2000 }), (dayNumber) => {
        const date = dateOfDayNumber(dayNumber);
        expect(cutoffOf(date)).toBe(endOfLocalDay(date));
      }),
      { numRuns: 500 },
    );
  });

  it("the generated histories exercise what the properties are about", () => {
    const sample = fc.sample(
      fc.tuple(scenarioArb, laterEventsArb).map(([scenario, later]) => ({ ...scenario, later })),
      { numRuns: 2000, seed: 4 },
    );
    const share = (test: (s: (typeof sample)[number]) => boolean) => sample.filter(test).length / sample.length;
    const status = ({ facts, asOf, rules }: (typeof sample)[number], basis: StatusBasis) =>
      taskStatusAsOf(facts, asOf, rules, basis);
    // The two bases part often enough for the properties comparing them to mean something …
    expect(
      share((s) => JSON.stringify(status(s, "happened")) !== JSON.stringify(status(s, "recorded"))),
    ).toBeGreaterThan(0.1);
    // … awaiting tasks reported late, and on time, are common …
    expect(
      share((s) => status(s, "happened")?.status === "awaiting_confirmation" && status(s, "happened")!.late),
    ).toBeGreaterThan(0.02);
    expect(
      share((s) => status(s, "happened")?.status === "awaiting_confirmation" && !status(s, "happened")!.late),
    ).toBeGreaterThan(0.02);
    // … and facts entered after D with an earlier effect would change D as it happened.
    expect(
      share(
        (s) =>
          JSON.stringify(taskStatusAsOf(withLaterEvents(s.facts, s.asOf, s.later, true), s.asOf, s.rules)) !==
          JSON.stringify(status(s, "happened")),
      ),
    ).toBeGreaterThan(0.1);
  });

  it("frozen at the cut-off: facts that took effect at or after the end of D never change the status for D, on either basis", () => {
    fc.assert(
      fc.property(scenarioArb, laterEventsArb, ({ facts, asOf, rules, basis }, later) => {
        const before = taskStatusAsOf(facts, asOf, rules, basis);
        const after = taskStatusAsOf(withLaterEvents(facts, asOf, later), asOf, rules, basis);
        expect(after).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it("frozen as recorded: facts recorded at or after the end of D never change D as recorded, whenever they took effect", () => {
    fc.assert(
      fc.property(scenarioArb, laterEventsArb, ({ facts, asOf, rules }, later) => {
        const before = taskStatusAsOf(facts, asOf, rules, "recorded");
        const after = taskStatusAsOf(withLaterEvents(facts, asOf, later, true), asOf, rules, "recorded");
        expect(after).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it("agrees with a plain reference model of docs/domain-rules.md §4, on both bases", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules, basis }) => {
        expect(taskStatusAsOf(facts, asOf, rules, basis)).toEqual(referenceStatus(facts, asOf, rules, basis));
      }),
      { numRuns: 3000 },
    );
  });

  it("as recorded on D = as happened on only the facts recorded before the end of D", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules }) => {
        const known = recordedBefore(facts, cutoffOf(asOf));
        const expected = known === null ? null : taskStatusAsOf(known, asOf, rules, "happened");
        expect(taskStatusAsOf(facts, asOf, rules, "recorded")).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("with nothing entered after the fact, both bases agree on every day", () => {
    fc.assert(
      fc.property(factsArb, rulesArb, (facts, rules) => {
        const plain = withoutRecordingTimes(facts);
        const firstDay = localDayOf(plain.createdAt) - 2;
        for (let day = firstDay; day <= firstDay + 600; day++) {
          const asOf = dateOfDayNumber(day);
          expect(taskStatusAsOf(plain, asOf, rules, "recorded"), asOf).toEqual(
            taskStatusAsOf(plain, asOf, rules, "happened"),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it("with nothing new, the status does not change with D alone — awaiting tasks keep their days late; overdue ones grow by a day a day", () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(1, 2, 31, 400, 3000), ({ facts, asOf, rules }, later) => {
        // Only what had taken effect and been recorded by the end of D.
        const cutoff = cutoffOf(asOf);
        const settled = recordedBefore(
          {
            ...facts,
            transitions: facts.transitions.filter((t) => t.at < cutoff),
            deadlines: facts.deadlines.filter((e) => e.at < cutoff),
          },
          cutoff,
        );
        if (settled === null) return;
        const now = taskStatusAsOf(settled, asOf, rules);
        const then = taskStatusAsOf(settled, dateOfDayNumber(dayNumberOf(asOf) + later), rules);
        if (now === null || ["due_soon", "on_track"].includes(now.status)) return;
        if (now.status === "overdue") {
          // Stale may set in as the last report leaves the window; it never clears.
          expect(then).toMatchObject({ status: "overdue", dueDate: now.dueDate, daysLate: now.daysLate + later });
          if (now.stale) expect(then?.stale).toBe(true);
        } else {
          expect(then).toEqual(now);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("is deterministic and does not change the facts it is given", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules, basis }) => {
        const copy = structuredClone(facts);
        const first = taskStatusAsOf(facts, asOf, rules, basis);
        const second = taskStatusAsOf(facts, asOf, rules, basis);
        const fromCopy = taskStatusAsOf(structuredClone(facts), asOf, rules, basis);
        expect(second).toEqual(first);
        expect(fromCopy).toEqual(first);
        expect(facts).toEqual(copy);
      }),
      { numRuns: 500 },
    );
  });

  it("has a status exactly when the task existed at the end of D (as recorded: had been entered)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules }) => {
        expect(taskStatusAsOf(facts, asOf, rules, "happened") === null).toBe(facts.createdAt >= cutoffOf(asOf));
        expect(taskStatusAsOf(facts, asOf, rules, "recorded") === null).toBe(
          (facts.recordedAt ?? facts.createdAt) >= cutoffOf(asOf),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("set-aside statuses occur exactly when the state at the cutoff is on_hold or cancelled", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules }) => {
        const result = taskStatusAsOf(facts, asOf, rules);
        const state = stateKnownBy(facts, asOf);
        if (result === null || state === null) {
          expect(result).toBeNull();
          expect(state).toBeNull();
          return;
        }
        const setAside = (SET_ASIDE_STATUSES as readonly string[]).includes(result.status);
        expect(setAside).toBe(state.toState === "on_hold" || state.toState === "cancelled");
        if (setAside) expect(result.status).toBe(state.toState);
      }),
      { numRuns: 1000 },
    );
  });

  it("done statuses occur exactly when the state at the cutoff is done; awaiting_confirmation likewise, awaiting since that transition's day", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules }) => {
        const result = taskStatusAsOf(facts, asOf, rules);
        const state = stateKnownBy(facts, asOf);
        if (result === null || state === null) return;
        expect(result.status === "done_on_time" || result.status === "done_late").toBe(state.toState === "done");
        expect(result.status === "awaiting_confirmation").toBe(state.toState === "awaiting_confirmation");
        if (state.toState === "awaiting_confirmation") {
          expect(result.awaitingSince).toBe(dateOfDayNumber(localDayOf(state.at)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("flags are consistent: late ⇔ daysLate > 0, late only for overdue or awaiting_confirmation, stale only when overdue, awaitingSince only when awaiting", () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, asOf, rules, basis }) => {
        const result = taskStatusAsOf(facts, asOf, rules, basis);
        if (result === null) return;
        expect((TASK_STATUSES as readonly string[]).includes(result.status)).toBe(true);
        expect(Number.isInteger(result.daysLate)).toBe(true);
        if (result.late) expect(result.daysLate).toBeGreaterThan(0);
        else expect(result.daysLate).toBe(0);
        if (result.late) expect(["overdue", "awaiting_confirmation"]).toContain(result.status);
        if (result.status === "overdue") expect(result.late).toBe(true);
        if (result.stale) expect(result.status).toBe("overdue");
        expect(result.awaitingSince !== null).toBe(result.status === "awaiting_confirmation");
        if (result.awaitingSince !== null)
          expect(dayNumberOf(result.awaitingSince)).toBeLessThanOrEqual(dayNumberOf(asOf));
        if (facts.deadlineKind !== "dated") {
          expect(result.dueDate).toBeNull();
          expect(result.late).toBe(false);
          expect(["overdue", "due_soon", "on_track"]).not.toContain(result.status);
        }
      }),
      { numRuns: 500 },
    );
  });
});
