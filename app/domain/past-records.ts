// Records entered after the fact ("nhập bổ sung", docs/domain-rules.md §4.4) and
// deadline changes: when they take effect, and what makes one acceptable. Pure.
//
// A record entered after the fact keeps two times: the day it took effect, chosen by
// the secretariat, and the instant it was recorded. It takes effect at the last
// moment of its day (so, among the facts of that day, after those recorded live),
// or at the moment it is entered when its day is today. The history is appended to
// in order: a past record never takes effect before the task's latest move (or
// deadline fact) already in effect, so the workflow read by effective time is the
// one the app allowed.
import { endOfLocalDay, localDateOf, startOfLocalDay, today, type Instant, type LocalDate } from "./dates";
import type { DeadlineChangeKind } from "./vocabulary";

/** The instant a record of day `on` takes effect when entered at `now`. */
export function effectiveInstant(on: LocalDate, now: Instant): Instant {
  return on === today(now) ? now : endOfLocalDay(on) - 1;
}

/** The instant a deadline change "from day `on`" takes effect: the start of that day (or now, when it is today). */
export function deadlineChangeInstant(on: LocalDate, now: Instant): Instant {
  return on === today(now) ? now : startOfLocalDay(on);
}

/** True when a record of day `on` is entered after the fact (its day is before the day it is recorded). */
export function isLateEntry(on: LocalDate, now: Instant): boolean {
  return on < today(now);
}

export type PastRecordViolation =
  | "date_in_future"
  | "before_assigned"
  | "before_latest_move"
  | "confirmed_before_reported"
  | "completed_after_reported"
  | "reason_required"
  | "not_later_than_due"
  | "same_due_date";

/** When a record of day `on` may take effect on a task: not in the future, not before its assignment, not before its latest fact in effect. */
export function pastDayViolations(
  on: LocalDate,
  task: { assignedOn: LocalDate; latestFactAt: Instant | null },
  now: Instant,
): PastRecordViolation[] {
  const violations: PastRecordViolation[] = [];
  if (on > today(now)) violations.push("date_in_future");
  if (on < task.assignedOn) violations.push("before_assigned");
  if (task.latestFactAt !== null && on < localDateOf(task.latestFactAt)) violations.push("before_latest_move");
  return violations;
}

/**
 * A deadline change by the secretariat: a new date, a reason, and — for a change —
 * the day it takes effect (a correction of an entry error applies from the
 * assignment, so it has none).
 */
export interface DeadlineChange {
  kind: DeadlineChangeKind;
  dueDate: LocalDate;
  effectiveOn: LocalDate | null;
  reason: string;
}

/** A refusal and the field of the form it concerns. */
export interface PastRecordProblem {
  code: PastRecordViolation;
  field: string;
}

/** `violations` of one field, as problems of that field. */
export function onField(field: string, violations: readonly PastRecordViolation[]): PastRecordProblem[] {
  return violations.map((code) => ({ code, field }));
}

export function deadlineChangeProblems(
  change: DeadlineChange,
  task: { assignedOn: LocalDate; dueInForce: LocalDate | null; latestFactAt: Instant | null },
  now: Instant,
): PastRecordProblem[] {
  const problems: PastRecordProblem[] = [];
  if (change.reason.trim() === "") problems.push({ code: "reason_required", field: "reason" });
  if (change.dueDate === task.dueInForce) problems.push({ code: "same_due_date", field: "dueDate" });
  if (change.dueDate < task.assignedOn) problems.push({ code: "before_assigned", field: "dueDate" });
  if (change.kind === "change") {
    problems.push(...onField("effectiveOn", pastDayViolations(change.effectiveOn ?? today(now), task, now)));
  }
  return problems;
}
