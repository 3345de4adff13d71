// The Zod schema of every move posted from a task page: it adds the department's and
// the deciders' intents (progress-forms.ts) to the secretariat's (desk-schemas.ts). Used
// by the action, and loaded on demand in the browser (app/lib/form-validation.ts).
// Client-safe: no server imports.
import { z } from "zod";
import { PROGRESS_LIMITS } from "~/domain/extensions";
import { REMINDER_LIMITS } from "~/domain/reminders";
import {
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  taskIntentSchema,
  versionField,
} from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";
import { EXTENSION_OUTCOMES } from "~/lib/progress-forms";

/** A form's per-render key: a double click or a retry of the same form is stored once. */
function idempotencyKey(t: Translate) {
  // The page fills it in: a missing or mangled key means the form is not the page's as rendered.
  const message = t("progress.error.staleForm");
  return z.string({ error: message }).trim().min(1, message).max(PROGRESS_LIMITS.idempotencyKey, message);
}

function percentField(t: Translate) {
  const message = t("progress.error.percent");
  return z.number({ error: message }).int(message).min(0, message).max(100, message);
}

/** One measured value per target; a target left empty is not reported. */
function targetValuesField(t: Translate) {
  const message = t("progress.error.targetValue");
  const unknown = t("progress.error.unknownTarget");
  const malformed = t("input.error.unreadable");
  return z
    .array(
      z.object(
        {
          targetId: z.number({ error: unknown }).int(unknown).positive(unknown),
          value: z.number({ error: message }).optional(),
        },
        { error: malformed },
      ),
      { error: malformed },
    )
    .max(PROGRESS_LIMITS.targetValues, malformed)
    .optional()
    .transform((values) =>
      (values ?? []).flatMap((v) => (v.value === undefined ? [] : [{ targetId: v.targetId, value: v.value }])),
    );
}

function progressIntentOptions(t: Translate) {
  const version = versionField(t);
  return [
    z.object({
      intent: z.literal("report"),
      version,
      idempotencyKey: idempotencyKey(t),
      asOfDate: requiredDate(t, "progress.field.asOfDate"),
      percent: percentField(t),
      result: requiredText(t, "progress.field.result", PROGRESS_LIMITS.result),
      difficulties: optionalText(t, "progress.field.difficulties", PROGRESS_LIMITS.difficulties),
      proposals: optionalText(t, "progress.field.proposals", PROGRESS_LIMITS.proposals),
      targetValues: targetValuesField(t),
    }),
    z.object({
      intent: z.literal("request_extension"),
      idempotencyKey: idempotencyKey(t),
      proposedDueDate: requiredDate(t, "progress.field.proposedDueDate"),
      reason: requiredText(t, "progress.field.extensionReason", PROGRESS_LIMITS.reason),
    }),
    z
      .object({
        intent: z.literal("decide_extension"),
        version,
        requestId: requiredId(t, "progress.field.request"),
        outcome: z.enum(EXTENSION_OUTCOMES, { error: t("progress.error.outcome") }),
        note: optionalText(t, "progress.field.note", PROGRESS_LIMITS.note),
        dueDate: z
          .string({ error: t("desk.error.date", { field: t("progress.field.counterDate"), value: "…" }) })
          .trim()
          .max(30, t("desk.error.date", { field: t("progress.field.counterDate"), value: "…" }))
          .optional()
          .default(""),
      })
      // A rejection needs a reason; a counter-offer needs its date (checked only for that outcome).
      .superRefine((value, ctx) => {
        if (value.outcome === "reject" && value.note === null) {
          ctx.addIssue({ code: "custom", path: ["note"], message: t("progress.error.rejectNote") });
        }
        if (value.outcome === "counter") {
          const parsed = requiredDate(t, "progress.field.counterDate").safeParse(value.dueDate);
          for (const issue of parsed.error?.issues ?? []) {
            ctx.addIssue({ code: "custom", path: ["dueDate"], message: issue.message });
          }
        }
      }),
    z.object({
      intent: z.literal("report_completion"),
      version,
      idempotencyKey: idempotencyKey(t),
      completionDate: requiredDate(t, "progress.field.completionDate"),
      result: requiredText(t, "progress.field.completionResult", PROGRESS_LIMITS.result),
      targetValues: targetValuesField(t),
    }),
    z.object({ intent: z.literal("confirm_completion"), version }),
    z.object({
      intent: z.literal("return_completion"),
      version,
      reason: requiredText(t, "progress.field.returnReason", PROGRESS_LIMITS.reason),
    }),
    z.object({
      intent: z.literal("comment"),
      // The form always sends its key; a post without one (an old page, a script) is stored as posted.
      idempotencyKey: idempotencyKey(t).optional(),
      body: requiredText(t, "progress.field.comment", PROGRESS_LIMITS.commentBody),
    }),
  ] as const;
}

/** The secretariat's reminder (đôn đốc) to the lead or a coordinating department. */
function reminderIntentOptions(t: Translate) {
  const department = t("reminder.error.department");
  return [
    z.object({
      intent: z.literal("remind"),
      // A per-render key: the same form posted twice (double click, retry) sends one reminder.
      idempotencyKey: idempotencyKey(t),
      departmentId: z.number({ error: department }).int(department).positive(department),
      message: optionalText(t, "reminder.field.message", REMINDER_LIMITS.message),
    }),
  ] as const;
}

/** Every move posted from a task page: the secretariat's and the department's desk. */
export function taskPageIntentSchema(t: Translate, currentLeadId: number) {
  return z.discriminatedUnion(
    "intent",
    [...taskIntentSchema(t, currentLeadId).options, ...progressIntentOptions(t), ...reminderIntentOptions(t)],
    { error: t("desk.error.unknownAction") },
  );
}
export type TaskPageInput = z.output<ReturnType<typeof taskPageIntentSchema>>;
