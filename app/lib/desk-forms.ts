// The secretariat's forms (committees, meetings, directives, tasks, and the moves on
// them): what the pages need without the schemas — field limits, intents, where a rule's
// message shows, the notices after a save. Zod-free, so that a page does not ship Zod;
// the schemas are in desk-schemas.ts (the actions, and the browser's lazy validation).
// Client-safe: no server imports.
import type { TaskRuleViolation } from "~/domain/workflow";
import type { Translate } from "~/lib/i18n";

/** Field lengths: generous for real documents, bounded so a crafted post cannot flood the database. */
export const DESK_LIMITS = {
  directiveNumber: 50,
  issuer: 200,
  signer: 150,
  abstract: 1_000,
  fullText: 100_000,
  itemNumber: 20,
  title: 500,
  description: 10_000,
  reason: 500,
  committeeCode: 30,
  committeeName: 300,
  committeeDescription: 2_000,
  chair: 200,
  place: 300,
  attendees: 5_000,
  notes: 10_000,
  /** Longer than any date; keeps a crafted value out of the error message. */
  date: 30,
} as const;

/** ASCII only, so that "unique whatever the case" can be checked in SQL (models/committees.server.ts). */
export const COMMITTEE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const DIRECTIVE_INTENTS = ["issue", "close", "reopen"] as const;
export type DirectiveIntent = (typeof DIRECTIVE_INTENTS)[number];

/** Where each rule of app/domain/workflow.ts shows its message. */
export const VIOLATION_FIELD: Record<TaskRuleViolation, "coordinatorDepartmentIds" | "dueDate" | "parentId"> = {
  coordinator_is_lead: "coordinatorDepartmentIds",
  duplicate_coordinator: "coordinatorDepartmentIds",
  dated_needs_due_date: "dueDate",
  undated_has_due_date: "dueDate",
  due_before_assigned: "dueDate",
  subtask_due_after_parent: "dueDate",
  subtask_of_other_directive: "parentId",
};

export function violationMessage(t: Translate, violation: TaskRuleViolation): string {
  return t(`desk.rule.${violation}`);
}

/**
 * Whom a new task is given to (decision 026): one lead, several leads (one task each), or a
 * unit group (one task per member on the day of assignment).
 */
export const ASSIGN_TO = ["one", "leads", "group"] as const;
export type AssignTo = (typeof ASSIGN_TO)[number];
/** At most this many units for one item given to many units (the model checks it too). */
export const FAN_OUT_MAX_UNITS = 500;

export const TASK_INTENTS = ["hold", "cancel", "resume", "reassign"] as const;
export type TaskIntent = (typeof TASK_INTENTS)[number];

/** The notices a page shows after a successful save (`?saved=`). */
export const SAVED_NOTICES = [
  "created",
  "updated",
  "issued",
  "closed",
  "reopened",
  "held",
  "cancelled",
  "resumed",
  "reassigned",
] as const;
export type SavedNotice = (typeof SAVED_NOTICES)[number];

export function savedNotice(value: string | null): SavedNotice | null {
  return (SAVED_NOTICES as readonly string[]).includes(value ?? "") ? (value as SavedNotice) : null;
}
