// The secretariat's reminder form on a task page (đôn đốc): one intent of the
// task page's action, added to its schema in progress-forms.ts. Client-safe.
import { z } from "zod";
import { PROGRESS_LIMITS } from "~/domain/extensions";
import { REMINDER_LIMITS } from "~/domain/reminders";
import { optionalText } from "~/lib/desk-forms";
import type { Translate } from "~/lib/i18n";

export const REMINDER_INTENTS = ["remind"] as const;
export type ReminderIntent = (typeof REMINDER_INTENTS)[number];

export function reminderIntentOptions(t: Translate) {
  const department = t("reminder.error.department");
  return [
    z.object({
      intent: z.literal("remind"),
      // A per-render key: the same form posted twice (double click, retry) sends one reminder.
      idempotencyKey: z.string().trim().min(1).max(PROGRESS_LIMITS.idempotencyKey),
      departmentId: z.number({ error: department }).int(department).positive(department),
      message: optionalText(t, "reminder.field.message", REMINDER_LIMITS.message),
    }),
  ] as const;
}
