// The secretariat's forms for deadline changes and records entered after the fact
// (app/routes/tasks.$id_.history): one Zod schema, a union of the three intents,
// shared by the forms and the action. Client-safe.
import { z } from "zod";
import { DEADLINE_CHANGE_KINDS } from "~/domain/vocabulary";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { optionalDate, requiredDate, requiredText, versionField } from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";

export const HISTORY_INTENTS = ["deadline", "extension", "completion"] as const;
export type HistoryIntent = (typeof HISTORY_INTENTS)[number];

export function historyIntentSchema(t: Translate) {
  const version = versionField(t);
  const reason = requiredText(t, "history.reason", DESK_LIMITS.reason);
  return z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("deadline"),
        version,
        kind: z.enum(DEADLINE_CHANGE_KINDS, {
          error: t("desk.error.choose", { field: t("history.deadline.kind").toLowerCase() }),
        }),
        dueDate: requiredDate(t, "history.deadline.dueDate"),
        effectiveOn: optionalDate(t, "history.deadline.effectiveOn"),
        reason,
      }),
      z.object({
        intent: z.literal("extension"),
        version,
        dueDate: requiredDate(t, "history.extension.dueDate"),
        decidedOn: requiredDate(t, "history.extension.decidedOn"),
        reason,
      }),
      z.object({
        intent: z.literal("completion"),
        version,
        completionDate: requiredDate(t, "history.completion.completionDate"),
        reportedOn: requiredDate(t, "history.completion.reportedOn"),
        confirmedOn: optionalDate(t, "history.completion.confirmedOn"),
        result: requiredText(t, "history.completion.result", DESK_LIMITS.description),
        reason,
      }),
    ],
    { error: t("desk.error.unknownAction") },
  );
}
export type HistoryInput = z.output<ReturnType<typeof historyIntentSchema>>;
