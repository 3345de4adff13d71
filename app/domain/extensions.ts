// Extension requests (đề nghị gia hạn), docs/domain-rules.md §5: only for a dated task still
// being worked on; one pending request per task; the new date is later than the
// date in force and never after the parent task's; the secretariat or leadership
// approves, rejects with a reason, or counters with another later date; nobody
// decides a request they made. Pure: used by app/models/task-progress.server.ts
// before it writes, and by forms to explain a refusal. The original due date is
// never touched here: an extension changes only the date in force.
import type { LocalDate } from "./dates";
import type { DeadlineKind, ExtensionState, WorkflowState } from "./vocabulary";

/**
 * Field lengths of the department's desk forms (progress report, extension request,
 * completion, decisions, comments): generous for real reports, bounded so a crafted
 * post cannot flood the database. Shared by the forms and the models that enforce them.
 */
export const PROGRESS_LIMITS = {
  result: 10_000,
  difficulties: 5_000,
  proposals: 5_000,
  reason: 2_000,
  note: 2_000,
  commentBody: 4_000,
  idempotencyKey: 100,
  targetValues: 20,
} as const;

/** Workflow states in which a task can no longer be extended. */
export const NOT_EXTENDABLE_STATES: readonly WorkflowState[] = ["done", "cancelled", "on_hold"];

export type ExtensionViolation =
  | "no_deadline"
  | "task_closed"
  | "pending_exists"
  | "reason_required"
  | "not_later"
  | "in_past"
  | "after_parent_due"
  | "not_pending"
  | "own_request"
  | "note_required";

/** What the rules need to know about the task a request is about. */
export interface ExtensionTaskFacts {
  deadlineKind: DeadlineKind;
  state: WorkflowState;
  /** The due date in force now (null without a deadline). */
  currentDueDate: LocalDate | null;
  /** The parent task's due date in force, when the task is a sub-task of a dated task. */
  parentDueDate: LocalDate | null;
  hasPendingRequest: boolean;
}

export interface ExtensionAsk {
  proposedDueDate: LocalDate;
  reason: string;
}

/**
 * Why a new request may not be filed on `today`, as codes the UI translates; empty
 * when it may. A deadline already past when asked for is no extension: the task
 * would be overdue the day it was granted.
 */
export function extensionRequestViolations(
  task: ExtensionTaskFacts,
  ask: ExtensionAsk,
  today: LocalDate,
): ExtensionViolation[] {
  const violations: ExtensionViolation[] = [];
  if (task.deadlineKind !== "dated" || task.currentDueDate === null) violations.push("no_deadline");
  if (NOT_EXTENDABLE_STATES.includes(task.state)) violations.push("task_closed");
  if (task.hasPendingRequest) violations.push("pending_exists");
  if (ask.reason.trim() === "") violations.push("reason_required");
  if (task.currentDueDate !== null && ask.proposedDueDate <= task.currentDueDate) violations.push("not_later");
  if (ask.proposedDueDate < today) violations.push("in_past");
  if (task.parentDueDate !== null && ask.proposedDueDate > task.parentDueDate) violations.push("after_parent_due");
  return violations;
}

export type ExtensionDecision =
  | { outcome: "approve"; note?: string | null }
  | { outcome: "reject"; note: string }
  | { outcome: "counter"; dueDate: LocalDate; note?: string | null };

/** The stored state each decision leaves the request in. */
export const DECISION_STATE: Record<ExtensionDecision["outcome"], ExtensionState> = {
  approve: "approved",
  reject: "rejected",
  counter: "countered",
};

/** What the rules need to know about the request being decided. */
export interface PendingRequestFacts {
  state: ExtensionState;
  requestedBy: number | null;
  /** The due date in force when the request was filed. */
  currentDueDate: LocalDate;
  proposedDueDate: LocalDate;
}

/** The due date a decision puts in force: the proposed one, the counter-offer, or none (rejected). */
export function decidedDueDate(request: PendingRequestFacts, decision: ExtensionDecision): LocalDate | null {
  switch (decision.outcome) {
    case "approve":
      return request.proposedDueDate;
    case "counter":
      return decision.dueDate;
    case "reject":
      return null;
  }
}

/**
 * Why `deciderId` may not take this decision; empty when they may. The new date must
 * be later than the date in force both when the request was filed and now (the
 * secretariat may have corrected the deadline in between).
 */
export function extensionDecisionViolations(
  request: PendingRequestFacts,
  task: ExtensionTaskFacts,
  deciderId: number,
  decision: ExtensionDecision,
): ExtensionViolation[] {
  const violations: ExtensionViolation[] = [];
  if (request.state !== "pending") violations.push("not_pending");
  if (request.requestedBy === deciderId) violations.push("own_request");
  if (decision.outcome === "reject") {
    if ((decision.note ?? "").trim() === "") violations.push("note_required");
    return violations;
  }
  const dueDate = decidedDueDate(request, decision);
  if (task.deadlineKind !== "dated" || task.currentDueDate === null) violations.push("no_deadline");
  if (NOT_EXTENDABLE_STATES.includes(task.state)) violations.push("task_closed");
  if (
    dueDate === null ||
    dueDate <= request.currentDueDate ||
    (task.currentDueDate !== null && dueDate <= task.currentDueDate)
  ) {
    violations.push("not_later");
  }
  if (dueDate !== null && task.parentDueDate !== null && dueDate > task.parentDueDate) {
    violations.push("after_parent_due");
  }
  return violations;
}
