// What the task page's action answers when app/models/reminders.server.ts refuses
// a reminder: its result codes as translated messages on the reminder form.
import type { ReplyErrors } from "~/server/desk.server";
import type { Translate } from "~/lib/i18n";
import type { ReminderError } from "~/models/reminders.server";

export function reminderErrors(
  t: Translate,
  result: Exclude<ReminderError, { error: "not_found" } | { error: "forbidden" }>,
): ReplyErrors {
  switch (result.error) {
    case "invalid":
      // The form's own schema checks every field first: only a crafted post gets here.
      if (result.fields.includes("idempotencyKey")) return { formErrors: [t("progress.error.staleForm")] };
      if (result.fields.includes("departmentId"))
        return { fieldErrors: { departmentId: [t("reminder.error.department")] } };
      return { formErrors: [t("progress.error.invalid")] };
    case "not_assigned":
      return { fieldErrors: { departmentId: [t("reminder.error.notAssigned")] } };
    case "not_issued":
      return { formErrors: [t("reminder.error.notIssued")] };
    case "invalid_state":
      return { formErrors: [t("reminder.error.invalidState", { state: t(`workflow.${result.state}`) })] };
  }
}
