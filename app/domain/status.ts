// The status of a task as of a day (DESIGN §4). Computed, never typed in.
//
// The status for day D is what was known at the end of day D in Asia/Ho_Chi_Minh:
// every fact counts only if it was recorded before `endOfLocalDay(D)`. That is what
// makes a report for a past quarter come out the same every time it is produced.
//
// The same rules are written once more in SQL, for aggregation over many tasks
// (app/models/task-status.server.ts); tests/integration/task-status-sql.test.ts
// proves the two agree on a large randomized data set.
import { addDays, daysBetween, endOfLocalDay, startOfLocalDay, type Instant, type LocalDate } from "./dates";
import type { DeadlineKind, TaskStatus, WorkflowState } from "./vocabulary";

export interface StatusRules {
  /** A task is `due_soon` when its due date is at most this many days away (today counts as 0). */
  dueSoonDays: number;
  /** An overdue task is `stale` when no progress report was filed in this many days. */
  staleAfterDays: number;
}

export const DEFAULT_STATUS_RULES: StatusRules = { dueSoonDays: 3, staleAfterDays: 30 };

export interface TransitionFact {
  toState: WorkflowState;
  at: Instant;
  /** The completion date reported by the lead department (awaiting_confirmation, done). */
  completionDate: LocalDate | null;
}

export interface ExtensionFact {
  /** When the approval (or counter-offer) was decided. */
  decidedAt: Instant;
  /** The due date it put in force. */
  dueDate: LocalDate;
}

/** What the status of one task depends on. Lists are in the order they were recorded. */
export interface TaskFacts {
  createdAt: Instant;
  deadlineKind: DeadlineKind;
  originalDueDate: LocalDate | null;
  transitions: readonly TransitionFact[];
  /** Approved and countered extension requests only. */
  extensions: readonly ExtensionFact[];
  progressReportTimes: readonly Instant[];
}

export interface TaskStatusAsOf {
  status: TaskStatus;
  /** The due date in force at the end of day D (null without a deadline). */
  dueDate: LocalDate | null;
  /** Not done and D is past the due date (true for `overdue`, and for a late `awaiting_confirmation`). */
  late: boolean;
  /** Days past the due date when late, else 0. */
  daysLate: number;
  /** Overdue and no progress report in the last `staleAfterDays` days ("quá hạn chưa cập nhật"). */
  stale: boolean;
}

/** The last of `items` recorded before `cutoff`, by time and then by recording order. */
function latestBefore<T>(items: readonly T[], timeOf: (item: T) => Instant, cutoff: Instant): T | undefined {
  let latest: T | undefined;
  for (const item of items) {
    if (timeOf(item) < cutoff && (latest === undefined || timeOf(item) >= timeOf(latest))) latest = item;
  }
  return latest;
}

/**
 * The due date in force at an instant: the original due date, changed only by
 * extensions decided before that instant. Null for tasks without a deadline.
 */
export function dueDateInForce(facts: TaskFacts, at: Instant): LocalDate | null {
  if (facts.deadlineKind !== "dated") return null;
  return latestBefore(facts.extensions, (e) => e.decidedAt, at)?.dueDate ?? facts.originalDueDate;
}

/** The workflow state at an instant: the last transition before it, or `open` once the task exists. */
export function workflowStateAt(facts: TaskFacts, at: Instant): TransitionFact | null {
  if (facts.createdAt >= at) return null;
  return (
    latestBefore(facts.transitions, (t) => t.at, at) ?? { toState: "open", at: facts.createdAt, completionDate: null }
  );
}

/**
 * The status of a task as known at the end of `asOf`, or null if the task did not
 * exist yet then.
 */
export function taskStatusAsOf(
  facts: TaskFacts,
  asOf: LocalDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
): TaskStatusAsOf | null {
  const cutoff = endOfLocalDay(asOf);
  const state = workflowStateAt(facts, cutoff);
  if (state === null) return null;
  const dueDate = dueDateInForce(facts, cutoff);
  const notLate = { late: false, daysLate: 0, stale: false };

  // Rule 1: set apart.
  if (state.toState === "cancelled" || state.toState === "on_hold") {
    return { status: state.toState, dueDate, ...notLate };
  }

  // Rule 2: confirmed done. The department's completion date counts, judged
  // against the due date in force on that day.
  if (state.toState === "done") {
    const completedOn = state.completionDate;
    if (completedOn === null) throw new Error("A done task must carry its reported completion date.");
    const dueAtCompletion = dueDateInForce(facts, Math.min(cutoff, endOfLocalDay(completedOn)));
    const onTime = dueAtCompletion === null || completedOn <= dueAtCompletion;
    return { status: onTime ? "done_on_time" : "done_late", dueDate, ...notLate };
  }

  const daysLate = dueDate === null ? 0 : Math.max(0, daysBetween(dueDate, asOf));
  const late = daysLate > 0;

  // Rule 3: reported done, not yet confirmed: not done, but may be late.
  if (state.toState === "awaiting_confirmation") {
    return { status: "awaiting_confirmation", dueDate, late, daysLate, stale: false };
  }

  // Rule 4: not done.
  if (dueDate === null) return { status: "ongoing", dueDate, ...notLate };
  if (late) {
    // "The last M days" are the M calendar days ending with D.
    const recentSince = startOfLocalDay(addDays(asOf, 1 - rules.staleAfterDays));
    const reportedRecently = facts.progressReportTimes.some((at) => at >= recentSince && at < cutoff);
    return { status: "overdue", dueDate, late, daysLate, stale: !reportedRecently };
  }
  const status = daysBetween(asOf, dueDate) <= rules.dueSoonDays ? "due_soon" : "on_track";
  return { status, dueDate, ...notLate };
}
