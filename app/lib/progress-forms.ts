// The department's desk on a task page (docs/domain-rules.md §3–§5): progress reports, extension
// requests and decisions, two-step completion, comments. The page's intents, the
// permission each needs and the notices after a save; the Zod schema of the intents is
// in progress-schemas.ts (Zod-free here, so that the page does not ship Zod).
// Client-safe: no server imports.
import type { Permission } from "~/domain/permissions";
import type { TaskIntent } from "~/lib/desk-forms";
import type { ReminderIntent } from "~/lib/reminder-forms";

export const PROGRESS_INTENTS = [
  "report",
  "request_extension",
  "decide_extension",
  "report_completion",
  "confirm_completion",
  "return_completion",
  "comment",
] as const;
export type ProgressIntent = (typeof PROGRESS_INTENTS)[number];
export type TaskPageIntent = TaskIntent | ProgressIntent | ReminderIntent;

/** The permission each intent of the task page needs (the models check it again per record). */
export const INTENT_PERMISSION: Record<TaskPageIntent, Permission> = {
  hold: "task.write",
  cancel: "task.write",
  resume: "task.write",
  reassign: "task.write",
  report: "progress.report",
  request_extension: "extension.request",
  decide_extension: "extension.decide",
  report_completion: "completion.report",
  confirm_completion: "completion.decide",
  return_completion: "completion.decide",
  comment: "comment.write",
  remind: "reminder.send",
};

export const EXTENSION_OUTCOMES = ["approve", "reject", "counter"] as const;

/** The notices the task page shows after a department's or a decider's save (`?done=`). */
export const PROGRESS_NOTICES = [
  "reported",
  "extensionRequested",
  "extensionApproved",
  "extensionRejected",
  "extensionCountered",
  "completionReported",
  "completionConfirmed",
  "completionReturned",
  "commented",
  "reminded",
  "remindedEscalated",
] as const;
export type ProgressNotice = (typeof PROGRESS_NOTICES)[number];

export function progressNotice(value: string | null): ProgressNotice | null {
  return (PROGRESS_NOTICES as readonly string[]).includes(value ?? "") ? (value as ProgressNotice) : null;
}
