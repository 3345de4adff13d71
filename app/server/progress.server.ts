// What the task page's action answers when a model of the department's desk
// (app/models/task-progress.server.ts) refuses a write: its result codes as
// translated messages on the fields of the form that was posted.
import type { ExtensionViolation } from "~/domain/extensions";
import type { ReplyErrors } from "~/server/desk.server";
import type { Translate } from "~/lib/i18n";
import type { ProgressError } from "~/models/task-progress.server";
import type { TaskChange } from "~/models/tasks.server";

type FieldError = Exclude<ProgressError, { error: "not_found" } | { error: "forbidden" } | { error: "conflict" }>;

/** Where an extension rule shows its message; `null` for the form itself. */
function violationField(violation: ExtensionViolation, dateField: string | null): string | null {
  switch (violation) {
    case "not_later":
    case "in_past":
    case "after_parent_due":
      return dateField;
    case "reason_required":
      return "reason";
    case "note_required":
      return "note";
    default:
      return null;
  }
}

/**
 * A refusal other than `not_found`, `forbidden` and `conflict`, on the field it
 * concerns. `dateField` is the form's date an extension rule is about (the
 * proposed date, the counter-offer), or null when the form has none (approve).
 */
export function progressErrors(t: Translate, result: FieldError, dateField: string | null = null): ReplyErrors {
  switch (result.error) {
    case "invalid": {
      // The form's own schema checks every field first: only a crafted post gets here.
      if (result.fields.includes("idempotencyKey")) return { formErrors: [t("progress.error.staleForm")] };
      return { formErrors: [t("progress.error.invalid")] };
    }
    case "invalid_state":
      return { formErrors: [t("progress.error.invalidState", { state: t(`workflow.${result.state}`) })] };
    case "date_in_future":
      return { fieldErrors: { [result.field]: [t("progress.error.dateInFuture")] } };
    case "date_before_assigned":
      return { fieldErrors: { [result.field]: [t("progress.error.dateBeforeAssigned")] } };
    case "unknown_target":
      return { formErrors: [t("progress.error.unknownTarget")] };
    case "rule": {
      const formErrors: string[] = [];
      const fieldErrors: Record<string, string[]> = {};
      for (const violation of result.violations) {
        const message = t(`progress.rule.${violation}`);
        const field = violationField(violation, dateField);
        if (field === null) formErrors.push(message);
        else fieldErrors[field] = [...(fieldErrors[field] ?? []), message];
      }
      return { formErrors, fieldErrors };
    }
  }
}

/** The task fields a person acting on the task cares about when told what others changed. */
const SHOWN_CHANGES = new Set([
  "itemNumber",
  "title",
  "description",
  "leadDepartmentId",
  "coordinatorDepartmentIds",
  "deadlineKind",
  "originalDueDate",
  "currentDueDate",
  "assignedOn",
  "state",
  "stateReason",
  "reason",
  "percent",
  "completionDate",
  "completionResult",
]);

/** A conflict's changes without the bookkeeping the audit event carries (ids, instants). */
export function shownChanges(changes: readonly TaskChange[]): TaskChange[] {
  return changes.filter((change) => SHOWN_CHANGES.has(change.field));
}
