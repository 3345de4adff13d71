// The "paste and split" screen's forms: paste a text and split it, go back to the
// text, or save the reviewed rows. The review form's values; the Zod schema that checks
// what was posted is in split-schemas.ts (Zod-free here, so that the page does not ship Zod).
// Client-safe: no server imports.
import type { ReviewedTask } from "~/domain/split-review";

/** The review form's values as Conform holds them (strings, as in the posted form). */
export interface ReviewFormRow {
  include?: "on";
  itemNumber: string;
  title: string;
  description: string;
  leadDepartmentId: string;
  coordinatorDepartmentIds: string[];
  deadlineKind: string;
  dueDate: string;
  parentItemNumber: string;
  kind: string;
  groupId: string;
  fanOutLeadIds: string[];
  frequency: string;
  dutyDay: string;
  dutyWorkingDays?: "on";
  dueWorkingDays: string;
}

export interface ReviewFormValues {
  text: string;
  assignedOn: string;
  tasks: ReviewFormRow[];
}

export function reviewFormRow(task: ReviewedTask): ReviewFormRow {
  return {
    ...(task.include ? { include: "on" as const } : {}),
    itemNumber: task.itemNumber,
    title: task.title,
    description: task.description,
    leadDepartmentId: task.leadDepartmentId === null ? "" : String(task.leadDepartmentId),
    coordinatorDepartmentIds: task.coordinatorDepartmentIds.map(String),
    deadlineKind: task.deadlineKind,
    dueDate: task.dueDate,
    parentItemNumber: task.parentItemNumber,
    kind: task.kind,
    groupId: task.groupId === null ? "" : String(task.groupId),
    fanOutLeadIds: task.fanOutLeadIds.map(String),
    frequency: task.frequency,
    dutyDay: task.dutyDay,
    ...(task.dutyWorkingDays ? { dutyWorkingDays: "on" as const } : {}),
    dueWorkingDays: task.dueWorkingDays,
  };
}
