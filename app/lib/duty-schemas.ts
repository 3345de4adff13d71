// The recurring duty's forms (decision 026): a new duty, and the moves on it. Client-safe.
import { z } from "zod";
import { recurrenceViolations, type RecurrenceViolation } from "~/domain/recurrence";
import { RECURRENCE_FREQUENCIES } from "~/domain/vocabulary";
import { taskRuleViolations } from "~/domain/workflow";
import { DESK_LIMITS, VIOLATION_FIELD, violationMessage } from "~/lib/desk-forms";
import {
  checkbox,
  optionalDate,
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  versionField,
} from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";

/** The form field a recurrence refusal is shown on. */
export const RECURRENCE_VIOLATION_FIELD: Record<RecurrenceViolation, string> = {
  weekday_out_of_range: "day",
  day_out_of_range: "day",
  working_days_weekly: "workingDays",
  ends_before_start: "endsOn",
  no_occurrence: "endsOn",
};

export function newDutySchema(t: Translate) {
  const invalidCoordinator = t("desk.error.invalidChoice", { field: t("desk.task.coordinators") });
  const dayMessage = t("duty.error.day");
  return z
    .object({
      itemNumber: requiredText(t, "desk.task.itemNumber", DESK_LIMITS.itemNumber),
      title: requiredText(t, "desk.task.title", DESK_LIMITS.title),
      description: optionalText(t, "desk.task.description", DESK_LIMITS.description),
      leadDepartmentId: requiredId(t, "desk.task.lead"),
      coordinatorDepartmentIds: z
        .array(z.number({ error: invalidCoordinator }).int(invalidCoordinator).positive(invalidCoordinator), {
          error: invalidCoordinator,
        })
        .max(500, invalidCoordinator)
        .default([]),
      frequency: z.enum(RECURRENCE_FREQUENCIES, {
        error: t("desk.error.choose", { field: t("duty.field.frequency").toLowerCase() }),
      }),
      day: z.number({ error: dayMessage }).int(dayMessage),
      workingDays: checkbox(t),
      startsOn: requiredDate(t, "duty.field.startsOn"),
      endsOn: optionalDate(t, "duty.field.endsOn"),
    })
    .superRefine((duty, ctx) => {
      for (const violation of recurrenceViolations(duty)) {
        const path = [RECURRENCE_VIOLATION_FIELD[violation]];
        ctx.addIssue({ code: "custom", path, message: t(`duty.error.${violation}`) });
      }
      const shape = {
        ...duty,
        directiveId: 0,
        deadlineKind: "dated" as const,
        dueDate: null,
        assignedOn: duty.startsOn,
      };
      for (const violation of taskRuleViolations(shape, null)) {
        if (violation !== "coordinator_is_lead" && violation !== "duplicate_coordinator") continue;
        ctx.addIssue({ code: "custom", path: [VIOLATION_FIELD[violation]], message: violationMessage(t, violation) });
      }
    });
}

export function dutyStateSchema(t: Translate) {
  return z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.enum(["on_hold", "withdrawn"]),
        version: versionField(t),
        reason: requiredText(t, "duty.stop.reason", DESK_LIMITS.reason),
      }),
      z.object({ intent: z.literal("resume"), version: versionField(t) }),
    ],
    { error: t("desk.error.unknownAction") },
  );
}
