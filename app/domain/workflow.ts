// The stored workflow of a task (docs/domain-rules.md §4) and the rules every task edit obeys
// (docs/domain-rules.md §5). Pure; used by the models before they write and by forms to explain.
import type { LocalDate } from "./dates";
import type { DeadlineKind, WorkflowState } from "./vocabulary";

/**
 * Allowed moves. Beyond docs/domain-rules.md §4's main path, a lead department may report done
 * straight from `open` (work finished before any progress report) or again after
 * a return (rework finished); the secretariat may hold or withdraw any open task,
 * and resumes a held task to the step it was held at (`stateAfterResume`): a
 * completion reported before the hold is still awaiting confirmation after it.
 * Who may make which move is checked by the models (`canReportCompletion`).
 */
export const WORKFLOW_MOVES: Record<WorkflowState, readonly WorkflowState[]> = {
  open: ["in_progress", "awaiting_confirmation", "on_hold", "cancelled"],
  in_progress: ["awaiting_confirmation", "on_hold", "cancelled"],
  awaiting_confirmation: ["done", "returned", "on_hold", "cancelled"],
  returned: ["in_progress", "awaiting_confirmation", "on_hold", "cancelled"],
  on_hold: ["open", "in_progress", "awaiting_confirmation", "cancelled"],
  done: [],
  cancelled: [],
};

export function canMove(from: WorkflowState, to: WorkflowState): boolean {
  return WORKFLOW_MOVES[from].includes(to);
}

/**
 * Where a held task goes when the secretariat resumes it, from the state it was
 * held at (null if unknown): a reported completion goes back to awaiting the
 * secretariat's decision — the department's report and date stand (issue #12) —
 * other work to in progress if it had started, else to open.
 */
export function stateAfterResume(heldFrom: WorkflowState | null, workStarted: boolean): WorkflowState {
  if (heldFrom === "awaiting_confirmation") return "awaiting_confirmation";
  return workStarted ? "in_progress" : "open";
}

/** The lead department reports done from these states; a held task must be resumed first. */
export function canReportCompletion(state: WorkflowState): boolean {
  return state !== "on_hold" && canMove(state, "awaiting_confirmation");
}

/** Tasks in these states are finished and no longer move to a successor department. */
export const CLOSED_STATES: readonly WorkflowState[] = ["done", "cancelled"];

export type TaskRuleViolation =
  | "coordinator_is_lead"
  | "duplicate_coordinator"
  | "dated_needs_due_date"
  | "undated_has_due_date"
  | "due_before_assigned"
  | "subtask_due_after_parent"
  | "subtask_of_other_directive";

export interface TaskShape {
  leadDepartmentId: number;
  coordinatorDepartmentIds: readonly number[];
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
  assignedOn: LocalDate;
  directiveId: number;
}

export interface ParentShape {
  directiveId: number;
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
}

/** What is wrong with a task as entered, as codes the UI translates; empty when valid. */
export function taskRuleViolations(task: TaskShape, parent: ParentShape | null): TaskRuleViolation[] {
  const violations: TaskRuleViolation[] = [];
  if (task.coordinatorDepartmentIds.includes(task.leadDepartmentId)) violations.push("coordinator_is_lead");
  if (new Set(task.coordinatorDepartmentIds).size !== task.coordinatorDepartmentIds.length) {
    violations.push("duplicate_coordinator");
  }
  if (task.deadlineKind === "dated" && task.dueDate === null) violations.push("dated_needs_due_date");
  if (task.deadlineKind !== "dated" && task.dueDate !== null) violations.push("undated_has_due_date");
  if (task.dueDate !== null && task.dueDate < task.assignedOn) violations.push("due_before_assigned");
  if (parent) {
    if (parent.directiveId !== task.directiveId) violations.push("subtask_of_other_directive");
    // A sub-task is never due after its parent (docs/domain-rules.md §5).
    if (parent.deadlineKind === "dated" && parent.dueDate !== null) {
      if (task.dueDate === null || task.dueDate > parent.dueDate) violations.push("subtask_due_after_parent");
    }
  }
  return violations;
}
