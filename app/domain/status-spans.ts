// The status of one task over every day at once: a list of spans of days in which
// its status (docs/domain-rules.md §4) does not change, on one basis. Stored per
// task and summed into counts that change only on writes
// (app/models/status-facts.server.ts), so dashboards need not compute the status of
// every task on every read (docs/decisions/014, 018).
//
// No rule is written here: a span is what `taskStatusAsOf` (app/domain/status.ts)
// answers, asked on every day the answer can change — a day something took effect
// or was recorded, a completion day and the day after, the days a due date comes
// within N days or passes, a day a progress report enters or leaves the last M
// days. app/domain/status-spans.test.ts checks, day by day on random histories, that
// the spans say what the reference says on every day.
import type { Instant, LocalDate } from "./dates";
import {
  dueSoonFrom,
  recordedAtOf,
  reportFreshUntil,
  taskStatusAsOf,
  type Dated,
  type StatusRules,
  type TaskFacts,
} from "./status";
import type { StatusBasis, TaskStatus } from "./vocabulary";

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

/** A lead-department assignment (`task_lead_assignments`): the department, and when it began. */
export interface LeadAssignment extends Dated {
  departmentId: number;
}

export interface StatusSpan {
  /** First day of the span (a day number). */
  fromDay: number;
  /** First day after the span; `OPEN_END` for the last one. */
  toDay: number;
  status: TaskStatus;
  stale: boolean;
  /** The due date in force in the span, as a day number (null without a deadline). */
  dueDay: number | null;
  /**
   * Days late that do not grow with the day: a completion reported late (C − due at
   * C) while it awaits confirmation. An overdue task's days late are `day − dueDay`
   * (`daysLateOnDay`).
   */
  lateDays: number;
  /** Awaiting confirmation: the day the completion was reported (a day number), else null. */
  sinceDay: number | null;
  /** The department that led the task on the span's days. */
  leadDepartmentId: number;
}

/** The days late of a task on a day of its span (the reference's `daysLate`). */
export function daysLateOnDay(span: Pick<StatusSpan, "status" | "dueDay" | "lateDays">, day: number): number {
  return span.status === "overdue" && span.dueDay !== null ? day - span.dueDay : span.lateDays;
}

/** Assignments in the order the lead is picked: by effective time, then recording order. */
function inEffectOrder(assignments: readonly LeadAssignment[]): LeadAssignment[] {
  return assignments
    .map((a, order) => ({ a, order }))
    .sort((x, y) => x.a.at - y.a.at || x.order - y.order)
    .map((x) => x.a);
}

/**
 * The lead department of a task at the end of a day on a basis: the latest
 * assignment in effect by then (among those recorded by then, as recorded), else
 * the first one of all (a history that starts after the task: older data kept no
 * history of its lead, so on both bases it is taken to have led from the start);
 * `current` answers when there are none.
 */
export function leadOnDay(
  assignments: readonly LeadAssignment[],
  day: number,
  current: number,
  basis: StatusBasis = "happened",
): number {
  const known = inEffectOrder(
    basis === "happened" ? assignments : assignments.filter((a) => dayOfInstant(recordedAtOf(a)) <= day),
  );
  let lead = inEffectOrder(assignments)[0]?.departmentId ?? current;
  for (const assignment of known) {
    if (dayOfInstant(assignment.at) > day) break;
    lead = assignment.departmentId;
  }
  return lead;
}

/** Every day on which the answer for the task may differ from the day before. */
function boundaryDays(facts: TaskFacts, assignments: readonly LeadAssignment[], rules: StatusRules): number[] {
  const days = new Set<number>();
  const add = (fact: Dated) => days.add(dayOfInstant(fact.at)).add(dayOfInstant(recordedAtOf(fact)));
  add({ at: facts.createdAt, recordedAt: facts.recordedAt });
  for (const t of facts.transitions) {
    add(t);
    if (t.completionDate !== null) {
      const completed = dayNumber(t.completionDate);
      days.add(completed).add(completed + 1);
    }
  }
  const dueDays = facts.originalDueDate === null ? [] : [dayNumber(facts.originalDueDate)];
  for (const d of facts.deadlines) {
    add(d);
    dueDays.push(dayNumber(d.dueDate));
  }
  if (facts.deadlineKind === "dated") {
    for (const due of dueDays) days.add(dayNumber(dueSoonFrom(dateOfDayNumber(due), rules))).add(due + 1);
  }
  for (const at of facts.progressReportTimes) {
    const day = dayOfInstant(at);
    days.add(day).add(dayNumber(reportFreshUntil(dateOfDayNumber(day), rules)) + 1);
  }
  for (const a of assignments) add(a);
  return [...days].sort((a, b) => a - b);
}

/**
 * The spans of days over which the status of a task (as of each day, on `basis`)
 * and its lead department stay the same, from the first day it existed onwards.
 * Adjacent days that agree are one span; the last span is open-ended.
 */
export function statusSpans(
  facts: TaskFacts,
  rules: StatusRules,
  basis: StatusBasis = "happened",
  assignments: readonly LeadAssignment[] = [],
  currentLead = 0,
): StatusSpan[] {
  const spans: StatusSpan[] = [];
  for (const day of boundaryDays(facts, assignments, rules)) {
    const status = taskStatusAsOf(facts, dateOfDayNumber(day), rules, basis);
    if (status === null) continue;
    const value = {
      status: status.status,
      stale: status.stale,
      dueDay: status.dueDate === null ? null : dayNumber(status.dueDate),
      lateDays: status.status === "overdue" ? 0 : status.daysLate,
      sinceDay: status.awaitingSince === null ? null : dayNumber(status.awaitingSince),
      leadDepartmentId: leadOnDay(assignments, day, currentLead, basis),
    };
    const last = spans.at(-1);
    if (last && sameValue(last, value)) continue;
    if (last) last.toDay = day;
    spans.push({ fromDay: day, toDay: OPEN_END, ...value });
  }
  return spans;
}

type SpanValue = Omit<StatusSpan, "fromDay" | "toDay">;

function sameValue(a: SpanValue, b: SpanValue): boolean {
  return (
    a.status === b.status &&
    a.stale === b.stale &&
    a.dueDay === b.dueDay &&
    a.lateDays === b.lateDays &&
    a.sinceDay === b.sinceDay &&
    a.leadDepartmentId === b.leadDepartmentId
  );
}

/** True when two lists of spans say the same on every day. */
export function sameSpans(a: readonly StatusSpan[], b: readonly StatusSpan[]): boolean {
  return (
    a.length === b.length &&
    a.every((span, i) => span.fromDay === b[i]!.fromDay && span.toDay === b[i]!.toDay && sameValue(span, b[i]!))
  );
}

/** The span containing `day`, if the task existed then. */
export function spanOn<S extends StatusSpan>(spans: readonly S[], day: number): S | undefined {
  return spans.find((s) => s.fromDay <= day && day < s.toDay);
}
