// Reminders (đôn đốc) and escalation (docs/domain-rules.md §3): the rules, without I/O.
//
// - Reminders are numbered 1st, 2nd, 3rd… per task and department, manual and
//   automatic alike (one sequence: the number the department sees is the number stored).
// - Only the secretariat's manual reminders count toward escalation: a task that is
//   overdue (as of the day) and whose 3rd-or-later manual reminder to a department
//   is still unanswered is escalated to leadership. Automatic reminders are notices
//   from the scheduled job: they remind, they never escalate on their own.
// - The scheduled job sends the lead department one automatic notice when a task
//   becomes due soon (once per due date) and one when it is overdue (again a week
//   later at the earliest, and only once the previous notice was answered).
// Client-safe: used by the task page, the notification texts and the job.
import { addDays, daysBetween, type LocalDate } from "./dates";
import type { TaskStatus, WorkflowState } from "./vocabulary";

/** The manual reminder (counted among the manual ones) whose silence escalates an overdue task. */
export const ESCALATION_MANUAL_REMINDER = 3;

/** Automatic reminders of an overdue task come at most this often (days). */
export const OVERDUE_REMINDER_INTERVAL_DAYS = 7;

export const AUTOMATIC_REMINDER_RULES = ["due_soon", "overdue"] as const;
export type AutomaticReminderRule = (typeof AUTOMATIC_REMINDER_RULES)[number];

export const REMINDER_LIMITS = { message: 2_000 } as const;

/** States in which a department can still answer a reminder (the work is in its hands). */
export const REMINDABLE_STATES: readonly WorkflowState[] = ["open", "in_progress", "returned"];

/** Is the `manualCount`-th manual reminder (to one department, on one task) one that escalates? */
export function escalates(manualCount: number): boolean {
  return manualCount >= ESCALATION_MANUAL_REMINDER;
}

/**
 * The automatic reminder a task is due on `day`, or null: a due-soon notice dated
 * with the due date (one per deadline: an extension earns a new one), or an overdue
 * notice dated with the first day of the current week of lateness (day 1, 8, 15…
 * after the due date), so a job that runs every hour creates one per period.
 */
export function automaticReminderDue(
  status: TaskStatus,
  dueDate: LocalDate | null,
  day: LocalDate,
): { rule: AutomaticReminderRule; periodDate: LocalDate } | null {
  if (dueDate === null) return null;
  if (status === "due_soon") return { rule: "due_soon", periodDate: dueDate };
  if (status !== "overdue") return null;
  const late = daysBetween(dueDate, day);
  if (late < 1) return null;
  const period = Math.floor((late - 1) / OVERDUE_REMINDER_INTERVAL_DAYS);
  return { rule: "overdue", periodDate: addDays(dueDate, 1 + period * OVERDUE_REMINDER_INTERVAL_DAYS) };
}

/** The unique key of an automatic reminder: running the job twice finds it and creates nothing. */
export function automaticDedupeKey(
  taskId: number,
  departmentId: number,
  rule: AutomaticReminderRule,
  periodDate: LocalDate,
): string {
  return `auto:${taskId}:${departmentId}:${rule}:${periodDate}`;
}

/** The unique key of a manual reminder sent from a form: a double click is stored once. */
export function manualDedupeKey(idempotencyKey: string): string {
  return `manual:${idempotencyKey}`;
}

/** Which rule made an automatic reminder (read back from its key), for its label. */
export function automaticRuleOf(dedupeKey: string | null): AutomaticReminderRule | null {
  const match = /^auto:\d+:\d+:(due_soon|overdue):/.exec(dedupeKey ?? "");
  return match ? (match[1] as AutomaticReminderRule) : null;
}
