// The department's desk on a task page (DESIGN §3–§5): progress reports, extension
// requests and decisions, two-step completion, comments. One Zod schema for the
// page's intents, shared by Conform in the browser and by the action; it adds the
// department's and the deciders' intents to the secretariat's (desk-forms.ts).
// Client-safe: no server imports.
import { z } from "zod";
import { PROGRESS_LIMITS } from "~/domain/extensions";
import type { Permission } from "~/domain/permissions";
import {
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  taskIntentSchema,
  versionField,
  type TaskIntent,
} from "~/lib/desk-forms";
import type { Translate } from "~/lib/i18n";
import { reminderIntentOptions, type ReminderIntent } from "~/lib/reminder-forms";

export const PROGRESS_INTENTS = [
  "report",
  "request_extension",
  "decide_extension",
  "report_completion",
  "confirm_completion",
  "return_completion",
  "comment",
] as const;
export type ProgressIntent = (typeof PROGRESS_INTENTS)[number];
export type TaskPageIntent = TaskIntent | ProgressIntent | ReminderIntent;

/** The permission each intent of the task page needs (the models check it again per record). */
export const INTENT_PERMISSION: Record<TaskPageIntent, Permission> = {
  hold: "task.write",
  cancel: "task.write",
  resume: "task.write",
  reassign: "task.write",
  report: "progress.report",
  request_extension: "extension.request",
  decide_extension: "extension.decide",
  report_completion: "completion.report",
  confirm_completion: "completion.decide",
  return_completion: "completion.decide",
  comment: "comment.write",
  remind: "reminder.send",
};

export const EXTENSION_OUTCOMES = ["approve", "reject", "counter"] as const;

/** A form's per-render key: a double click or a retry of the same form is stored once. */
function idempotencyKey() {
  return z.string().trim().min(1).max(PROGRESS_LIMITS.idempotencyKey);
}

function percentField(t: Translate) {
  const message = t("progress.error.percent");
  return z.number({ error: message }).int(message).min(0, message).max(100, message);
}

/** One measured value per target; a target left empty is not reported. */
function targetValuesField(t: Translate) {
  const message = t("progress.error.targetValue");
  return z
    .array(z.object({ targetId: z.number().int().positive(), value: z.number({ error: message }).optional() }))
    .max(PROGRESS_LIMITS.targetValues)
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
      idempotencyKey: idempotencyKey(),
      asOfDate: requiredDate(t, "progress.field.asOfDate"),
      percent: percentField(t),
      result: requiredText(t, "progress.field.result", PROGRESS_LIMITS.result),
      difficulties: optionalText(t, "progress.field.difficulties", PROGRESS_LIMITS.difficulties),
      proposals: optionalText(t, "progress.field.proposals", PROGRESS_LIMITS.proposals),
      targetValues: targetValuesField(t),
    }),
    z.object({
      intent: z.literal("request_extension"),
      idempotencyKey: idempotencyKey(),
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
        dueDate: z.string().trim().max(30).optional().default(""),
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
      idempotencyKey: idempotencyKey(),
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
      idempotencyKey: idempotencyKey().optional(),
      body: requiredText(t, "progress.field.comment", PROGRESS_LIMITS.commentBody),
    }),
  ] as const;
}

/** Every move posted from a task page: the secretariat's and the department's desk. */
export function taskPageIntentSchema(t: Translate, currentLeadId: number) {
  return z.discriminatedUnion(
    "intent",
    [...taskIntentSchema(t, currentLeadId).options, ...progressIntentOptions(t), ...reminderIntentOptions(t)],
    {
      error: t("desk.error.unknownAction"),
    },
  );
}
export type TaskPageInput = z.output<ReturnType<typeof taskPageIntentSchema>>;

/** The notices the task page shows after a department's or a decider's save (`?done=`). */
export const PROGRESS_NOTICES = [
  "reported",
  "extensionRequested",
  "extensionApproved",
  "extensionRejected",
  "extensionCountered",
  "completionReported",
  "completionConfirmed",
  "completionReturned",
  "commented",
  "reminded",
  "remindedEscalated",
] as const;
export type ProgressNotice = (typeof PROGRESS_NOTICES)[number];

export function progressNotice(value: string | null): ProgressNotice | null {
  return (PROGRESS_NOTICES as readonly string[]).includes(value ?? "") ? (value as ProgressNotice) : null;
}
