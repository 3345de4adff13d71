// "What is expected of you next" on a task (the department's desk, docs/domain-rules.md §4–§5):
// one answer per user and task, shown on the task page and on "My department".
// Pure: the caller says what the user may do (app/domain/permissions.ts).
import type { WorkflowState } from "./vocabulary";

export const NEXT_ACTIONS = [
  "confirm_completion",
  "decide_extension",
  "await_confirmation",
  "redo_returned",
  "report_completion",
  "report_progress",
  "none",
] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export interface NextActionFacts {
  state: WorkflowState;
  percent: number;
  hasPendingExtension: boolean;
  /** progress.report on this task. */
  canReport: boolean;
  /** completion.report on this task (its lead department's head). */
  canReportCompletion: boolean;
  /** extension.decide on this task, and the pending request is not the user's own. */
  canDecideExtension: boolean;
  /** completion.decide on this task (the secretariat). */
  canDecideCompletion: boolean;
}

const FINISHED: readonly WorkflowState[] = ["done", "cancelled", "on_hold"];

export function nextAction(facts: NextActionFacts): NextAction {
  if (FINISHED.includes(facts.state)) return "none";
  if (facts.state === "awaiting_confirmation") {
    if (facts.canDecideCompletion) return "confirm_completion";
    if (facts.canReport) return "await_confirmation";
  }
  if (facts.hasPendingExtension && facts.canDecideExtension) return "decide_extension";
  if (facts.state === "awaiting_confirmation") return "none";
  if (facts.state === "returned" && facts.canReportCompletion) return "redo_returned";
  if (facts.canReportCompletion && facts.percent >= 100) return "report_completion";
  if (facts.canReport) return "report_progress";
  return "none";
}
