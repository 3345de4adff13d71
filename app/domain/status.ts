// The status of a task as of a day (docs/domain-rules.md §4). Computed, never typed in.
//
// This is the one home of the status rules. The stored spans that every list and
// dashboard reads (app/domain/status-spans.ts, app/models/status-facts.server.ts)
// evaluate these same functions on the days the answer can change; nothing else
// writes a rule again (docs/decisions/018-one-home-for-the-status-rules.md).
//
// Every fact has two times: the instant it took effect (`at`) and the instant it was
// recorded (`recordedAt`). They differ only for records entered after the fact by
// the secretariat ("nhập bổ sung", with a reason) and for corrections. The status
// for day D is read on one of two bases:
// - "happened" (the default): every fact known now, each by the day it took effect;
// - "recorded": only the facts recorded by the end of D — what the system showed
//   on D. It equals the "happened" status computed on the database as it was then.
import { addDays, daysBetween, endOfLocalDay, localDateOf, type Instant, type LocalDate } from "./dates";
import type { DeadlineKind, StatusBasis, TaskStatus, WorkflowState } from "./vocabulary";

export interface StatusRules {
  /** A task is `due_soon` when its due date is at most this many days away (today counts as 0). */
  dueSoonDays: number;
  /** An overdue task is `stale` when no progress report was filed in this many days. */
  staleAfterDays: number;
}

export const DEFAULT_STATUS_RULES: StatusRules = { dueSoonDays: 3, staleAfterDays: 30 };

/** When a fact took effect, and (when it was entered later) when it was recorded. */
export interface Dated {
  /** The instant the fact took effect. */
  at: Instant;
  /** The instant it was recorded; absent when the same as `at` (entered as it happened). */
  recordedAt?: Instant;
}

export interface TransitionFact extends Dated {
  toState: WorkflowState;
  /** The completion date reported by the lead department (awaiting_confirmation, done). */
  completionDate: LocalDate | null;
}

/**
 * A new due date put in force: an extension approved or countered, a deadline change
 * by the secretariat (`at` = the day it takes effect), or the correction of an entry
 * error (`at` = the task's assignment: it was always the deadline).
 */
export interface DeadlineFact extends Dated {
  dueDate: LocalDate;
}

/** What the status of one task depends on. Lists are in the order they were recorded. */
export interface TaskFacts {
  /** When the task took effect: the start of its assignment day, or its entry if earlier. */
  createdAt: Instant;
  /** When the task was entered, if later than `createdAt`. */
  recordedAt?: Instant;
  deadlineKind: DeadlineKind;
  /** The due date first given; never overwritten (a change is a `DeadlineFact`). */
  originalDueDate: LocalDate | null;
  transitions: readonly TransitionFact[];
  deadlines: readonly DeadlineFact[];
  /** Progress reports take effect when they are recorded. */
  progressReportTimes: readonly Instant[];
}

export interface TaskStatusAsOf {
  status: TaskStatus;
  /** The due date in force at the end of day D (null without a deadline). */
  dueDate: LocalDate | null;
  /**
   * Late: overdue (D is past the due date), or reported done late — an
   * `awaiting_confirmation` task is judged by its reported completion date C against
   * the due date in force at C, never by D (rule 3).
   */
  late: boolean;
  /** Days past the due date: D − due when overdue, C − due at C when reported late; else 0. */
  daysLate: number;
  /** Overdue and no progress report in the last `staleAfterDays` days ("quá hạn chưa cập nhật"). */
  stale: boolean;
  /** Awaiting confirmation: the day the completion was reported (the secretariat's wait runs from it). */
  awaitingSince: LocalDate | null;
}

/**
 * Rule 4: the latest due date that is "due soon" on `asOf` (due today counts). With
 * `dueSoonFrom`, its inverse, the only place the width of the window is written:
 * the stored spans and the lists' index hints ask these two.
 */
export function dueSoonUntil(asOf: LocalDate, rules: StatusRules): LocalDate {
  return addDays(asOf, rules.dueSoonDays);
}

/** The first day on which a due date is "due soon" (`due ≤ dueSoonUntil(D)` ⟺ `D ≥ dueSoonFrom(due)`). */
export function dueSoonFrom(dueDate: LocalDate, rules: StatusRules): LocalDate {
  return addDays(dueDate, -rules.dueSoonDays);
}

/** Rule 5: the last day on which a progress report filed on `reportedOn` keeps an overdue task from being stale. */
export function reportFreshUntil(reportedOn: LocalDate, rules: StatusRules): LocalDate {
  return addDays(reportedOn, rules.staleAfterDays - 1);
}

export function recordedAtOf(fact: Dated): Instant {
  return fact.recordedAt ?? fact.at;
}

/** The facts as known at `cutoff` on a basis: all of them, or those recorded before it (null: the task was not entered yet). */
export function factsKnownAt(facts: TaskFacts, cutoff: Instant, basis: StatusBasis): TaskFacts | null {
  if (basis === "happened") return facts;
  if ((facts.recordedAt ?? facts.createdAt) >= cutoff) return null;
  const known = <T extends Dated>(items: readonly T[]) => items.filter((item) => recordedAtOf(item) < cutoff);
  return {
    ...facts,
    transitions: known(facts.transitions),
    deadlines: known(facts.deadlines),
    progressReportTimes: facts.progressReportTimes.filter((at) => at < cutoff),
  };
}

/** The last of `items` in effect before `cutoff`, by effective time and then by recording order. */
function latestBefore<T extends Dated>(items: readonly T[], cutoff: Instant): T | undefined {
  let latest: T | undefined;
  for (const item of items) {
    if (item.at < cutoff && (latest === undefined || item.at >= latest.at)) latest = item;
  }
  return latest;
}

/**
 * The due date in force at an instant: the original due date, changed only by the
 * deadline facts in effect before that instant. Null for tasks without a deadline.
 */
export function dueDateInForce(facts: TaskFacts, at: Instant): LocalDate | null {
  if (facts.deadlineKind !== "dated") return null;
  return latestBefore(facts.deadlines, at)?.dueDate ?? facts.originalDueDate;
}

/** The workflow state at an instant: the last transition in effect before it, or `open` once the task exists. */
export function workflowStateAt(facts: TaskFacts, at: Instant): TransitionFact | null {
  if (facts.createdAt >= at) return null;
  return latestBefore(facts.transitions, at) ?? { toState: "open", at: facts.createdAt, completionDate: null };
}

/**
 * The status of a task at the end of `asOf` on a basis, or null if the task did not
 * exist yet then (or, as recorded, had not been entered).
 */
export function taskStatusAsOf(
  allFacts: TaskFacts,
  asOf: LocalDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  basis: StatusBasis = "happened",
): TaskStatusAsOf | null {
  const cutoff = endOfLocalDay(asOf);
  const facts = factsKnownAt(allFacts, cutoff, basis);
  if (facts === null) return null;
  const state = workflowStateAt(facts, cutoff);
  if (state === null) return null;
  const dueDate = dueDateInForce(facts, cutoff);
  const notLate = { late: false, daysLate: 0, stale: false, awaitingSince: null };

  // Rule 1: set apart.
  if (state.toState === "cancelled" || state.toState === "on_hold") {
    return { status: state.toState, dueDate, ...notLate };
  }

  // Rules 2 and 3: a reported completion is judged by its date C against the due
  // date in force on that day — the department's date counts, not the day the
  // secretariat confirmed (or has not yet).
  if (state.toState === "done" || state.toState === "awaiting_confirmation") {
    const completedOn = state.completionDate;
    if (completedOn === null) throw new Error("A reported completion must carry its completion date.");
    const dueAtCompletion = dueDateInForce(facts, Math.min(cutoff, endOfLocalDay(completedOn)));
    const daysLate = dueAtCompletion === null ? 0 : Math.max(0, daysBetween(dueAtCompletion, completedOn));
    if (state.toState === "done") {
      return { status: daysLate > 0 ? "done_late" : "done_on_time", dueDate, ...notLate };
    }
    return {
      status: "awaiting_confirmation",
      dueDate,
      late: daysLate > 0,
      daysLate,
      stale: false,
      awaitingSince: localDateOf(state.at),
    };
  }

  // Rule 4: not done.
  if (dueDate === null) return { status: "ongoing", dueDate, ...notLate };
  const daysLate = Math.max(0, daysBetween(dueDate, asOf));
  if (daysLate > 0) {
    // Rule 5: "the last M days" are the M calendar days ending with D.
    const reportedRecently = facts.progressReportTimes.some(
      (at) => at < cutoff && reportFreshUntil(localDateOf(at), rules) >= asOf,
    );
    return { status: "overdue", dueDate, late: true, daysLate, stale: !reportedRecently, awaitingSince: null };
  }
  const status = dueDate <= dueSoonUntil(asOf, rules) ? "due_soon" : "on_track";
  return { status, dueDate, ...notLate };
}
