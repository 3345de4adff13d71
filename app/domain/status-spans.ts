// The status of one task over every day at once: a list of spans of days in which
// its status (DESIGN §4) does not change. Stored per task and summed into counts
// that change only on writes (app/models/status-facts.server.ts), so dashboards
// need not compute the status of every task on every read (docs/decisions/014).
//
// The rules themselves live in app/domain/status.ts (the reference). This file
// evaluates them on day numbers instead of instants and calendar strings — the
// reference's date arithmetic (date-fns with time zones) is far too slow for a
// million tasks — and only where they can change: the status of a task as of day
// D changes only on a day when something was recorded, when an extension was
// decided, when a due date comes within N days or passes, or when a progress
// report enters or leaves the last M days. app/domain/status-spans.test.ts proves,
// day by day on random histories, that a span says exactly what the reference says.
import type { Instant, LocalDate } from "./dates";
import type { StatusRules, TaskFacts } from "./status";
import type { TaskStatus, WorkflowState } from "./vocabulary";

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh has been UTC+7 all year, without daylight saving, since 1975. */
const HANOI_OFFSET_MS = 7 * 3_600_000;

/** The day number (days since 1970-01-01) of a local date `YYYY-MM-DD`. */
export function dayNumber(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The local date `YYYY-MM-DD` of a day number. */
export function dateOfDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of the Hanoi calendar day on which an instant falls. */
export function dayOfInstant(at: Instant): number {
  return Math.floor((at + HANOI_OFFSET_MS) / DAY_MS);
}

/** The lists' "most urgent first" order of the statuses (the task list's sort by status). */
export const STATUS_SEVERITY: Readonly<Record<TaskStatus, number>> = {
  overdue: 0,
  due_soon: 1,
  awaiting_confirmation: 2,
  on_track: 3,
  ongoing: 4,
  done_late: 5,
  done_on_time: 6,
  on_hold: 7,
  cancelled: 8,
};

/** `toDay` of the last span of a task: it lasts for ever (until something new is recorded). */
export const OPEN_END = 2_147_483_647;

export interface StatusSpan {
  /** First day of the span (a day number). */
  fromDay: number;
  /** First day after the span; `OPEN_END` for the last one. */
  toDay: number;
  status: TaskStatus;
  stale: boolean;
  /** The due date in force in the span, as a day number (null without a deadline). */
  dueDay: number | null;
}

interface DayEvent<T> {
  day: number;
  at: Instant;
  order: number;
  value: T;
}

/** Events in the order the reference picks the latest: by time, then by recording order. */
function inRecordingOrder<T>(items: readonly T[], timeOf: (item: T) => Instant): DayEvent<T>[] {
  return items
    .map((value, order) => ({ day: dayOfInstant(timeOf(value)), at: timeOf(value), order, value }))
    .sort((a, b) => a.at - b.at || a.order - b.order);
}

/** The last event recorded by the end of `day` (the events are in recording order, so days never decrease). */
function latestBy<T>(events: readonly DayEvent<T>[], day: number): DayEvent<T> | undefined {
  let latest: DayEvent<T> | undefined;
  for (const event of events) {
    if (event.day > day) break;
    latest = event;
  }
  return latest;
}

interface DayFacts {
  createdDay: number;
  dated: boolean;
  originalDue: number | null;
  transitions: DayEvent<{ toState: WorkflowState; completionDay: number | null }>[];
  extensions: DayEvent<number>[];
  reportDays: number[];
}

function dayFacts(facts: TaskFacts): DayFacts {
  return {
    createdDay: dayOfInstant(facts.createdAt),
    dated: facts.deadlineKind === "dated",
    originalDue: facts.originalDueDate === null ? null : dayNumber(facts.originalDueDate),
    transitions: inRecordingOrder(facts.transitions, (t) => t.at).map((e) => ({
      ...e,
      value: {
        toState: e.value.toState,
        completionDay: e.value.completionDate === null ? null : dayNumber(e.value.completionDate),
      },
    })),
    extensions: inRecordingOrder(facts.extensions, (e) => e.decidedAt).map((e) => ({
      ...e,
      value: dayNumber(e.value.dueDate),
    })),
    reportDays: facts.progressReportTimes.map(dayOfInstant),
  };
}

/** The due date in force at the end of `day` (app/domain/status.ts dueDateInForce). */
function dueAt(facts: DayFacts, day: number): number | null {
  if (!facts.dated) return null;
  return latestBy(facts.extensions, day)?.value ?? facts.originalDue;
}

/** app/domain/status.ts taskStatusAsOf, on day numbers; null before the task existed. */
function statusOnDay(facts: DayFacts, day: number, rules: StatusRules): Omit<StatusSpan, "fromDay" | "toDay"> | null {
  if (facts.createdDay > day) return null;
  const state = latestBy(facts.transitions, day)?.value ?? { toState: "open" as const, completionDay: null };
  const dueDay = dueAt(facts, day);
  if (state.toState === "cancelled" || state.toState === "on_hold")
    return { status: state.toState, stale: false, dueDay };
  if (state.toState === "done") {
    const completedOn = state.completionDay;
    if (completedOn === null) throw new Error("A done task must carry its reported completion date.");
    const dueAtCompletion = dueAt(facts, Math.min(day, completedOn));
    const onTime = dueAtCompletion === null || completedOn <= dueAtCompletion;
    return { status: onTime ? "done_on_time" : "done_late", stale: false, dueDay };
  }
  if (state.toState === "awaiting_confirmation") return { status: "awaiting_confirmation", stale: false, dueDay };
  if (dueDay === null) return { status: "ongoing", stale: false, dueDay };
  if (day > dueDay) {
    const reportedRecently = facts.reportDays.some((r) => r >= day - rules.staleAfterDays + 1 && r <= day);
    return { status: "overdue", stale: !reportedRecently, dueDay };
  }
  return { status: dueDay - day <= rules.dueSoonDays ? "due_soon" : "on_track", stale: false, dueDay };
}

/**
 * The spans of days over which the status of a task (as of each day) stays the
 * same, from the day it was created onwards, for the given rules. Adjacent days
 * with the same status, stale flag and due date are one span; the last span is
 * open-ended. Empty for no task (never: every task has a creation day).
 */
export function statusSpans(taskFacts: TaskFacts, rules: StatusRules): StatusSpan[] {
  const facts = dayFacts(taskFacts);
  // Every day on which the answer of statusOnDay may differ from the day before.
  const boundaries = new Set<number>([facts.createdDay]);
  for (const t of facts.transitions) {
    boundaries.add(t.day);
    if (t.value.completionDay !== null) boundaries.add(t.value.completionDay).add(t.value.completionDay + 1);
  }
  const dueDays = facts.originalDue === null ? [] : [facts.originalDue];
  for (const e of facts.extensions) {
    boundaries.add(e.day);
    dueDays.push(e.value);
  }
  if (facts.dated) {
    for (const due of dueDays) boundaries.add(due - rules.dueSoonDays).add(due + 1);
  }
  for (const r of facts.reportDays) boundaries.add(r).add(r + rules.staleAfterDays);

  const days = [...boundaries].filter((d) => d >= facts.createdDay).sort((a, b) => a - b);
  const spans: StatusSpan[] = [];
  for (const day of days) {
    const value = statusOnDay(facts, day, rules);
    if (value === null) continue;
    const last = spans.at(-1);
    if (last && last.status === value.status && last.stale === value.stale && last.dueDay === value.dueDay) continue;
    if (last) last.toDay = day;
    spans.push({ fromDay: day, toDay: OPEN_END, ...value });
  }
  return spans;
}

/** The span containing `day`, if the task existed then. */
export function spanOn<S extends StatusSpan>(spans: readonly S[], day: number): S | undefined {
  return spans.find((s) => s.fromDay <= day && day < s.toDay);
}

/** A lead-department assignment (`task_lead_assignments`): the department, and when it began. */
export interface LeadAssignment {
  departmentId: number;
  fromAt: Instant;
}

/** A span of days with one status and one lead department. */
export interface LeadSpan extends StatusSpan {
  leadDepartmentId: number;
}

/**
 * The lead department of a task at the end of a day: the latest assignment begun by
 * then (in recording order), else the first one (a history that starts after the
 * task). `assignments` are in recording order; `current` answers when there are none.
 */
export function leadOnDay(assignments: readonly LeadAssignment[], day: number, current: number): number {
  const events = inRecordingOrder(assignments, (a) => a.fromAt);
  return (latestBy(events, day) ?? events[0])?.value.departmentId ?? current;
}

/**
 * The spans cut where the lead department changes, each with the lead of its days
 * (`leadOnDay`), so that figures per department as of a past day count the
 * department that led the task then, whatever re-assignments came later.
 */
export function spansByLead(
  spans: readonly StatusSpan[],
  assignments: readonly LeadAssignment[],
  current: number,
): LeadSpan[] {
  const events = inRecordingOrder(assignments, (a) => a.fromAt);
  // The days on which the lead may change, after the first one.
  const changeDays = [...new Set(events.map((e) => e.day))].sort((a, b) => a - b);
  const result: LeadSpan[] = [];
  for (const span of spans) {
    let from = span.fromDay;
    for (const day of changeDays) {
      if (day <= from || day >= span.toDay) continue;
      push({ ...span, fromDay: from, toDay: day });
      from = day;
    }
    push({ ...span, fromDay: from });
  }
  return result;

  function push(span: StatusSpan): void {
    const leadDepartmentId = (latestBy(events, span.fromDay) ?? events[0])?.value.departmentId ?? current;
    const last = result.at(-1);
    // Two pieces with the same status and lead side by side are one span.
    if (
      last &&
      last.toDay === span.fromDay &&
      last.leadDepartmentId === leadDepartmentId &&
      last.status === span.status &&
      last.stale === span.stale &&
      last.dueDay === span.dueDay
    ) {
      last.toDay = span.toDay;
      return;
    }
    result.push({ ...span, leadDepartmentId });
  }
}
