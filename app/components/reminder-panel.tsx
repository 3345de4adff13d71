import { getSelectProps, getTextareaProps } from "@conform-to/react";
import { formatInstant } from "~/domain/dates";
import { canOnTask, type TaskAccessFacts } from "~/domain/permissions";
import { REMINDABLE_STATES, REMINDER_LIMITS } from "~/domain/reminders";
import type { ReminderKind } from "~/domain/vocabulary";
import { useT, type Translate } from "~/lib/i18n";
import { useOptionalUser } from "~/components/use-user";
import { FieldErrors, HINT_CLASS, INPUT_CLASS, LABEL_CLASS, type IntentReply } from "./form-feedback";
import { IntentForm, type TaskFacts } from "./task-actions";

/** A reminder as the task page and "My department" show it. */
export interface ShownReminder {
  id: number;
  department: string;
  kind: ReminderKind;
  ordinal: number;
  rule: "due_soon" | "overdue" | null;
  sentAt: number;
  sender: string | null;
  message: string | null;
  resolvedAt: number | null;
  escalating: boolean;
}

/** "Đôn đốc lần 2", or the automatic notice with its number. */
export function reminderLabel(t: Translate, reminder: Pick<ShownReminder, "kind" | "ordinal" | "rule">): string {
  return reminder.kind === "automatic" && reminder.rule
    ? t(`reminder.auto.${reminder.rule}`, { ordinal: reminder.ordinal })
    : t("reminder.manual", { ordinal: reminder.ordinal });
}

/**
 * The task's reminders (đôn đốc), numbered per department, answered or not, and
 * for the secretariat the form to send one to the lead or a coordinating department.
 */
export function ReminderPanel({
  task,
  access,
  reminders,
  escalated,
  departments,
  reply,
  idempotencyKey,
}: {
  task: TaskFacts;
  access: TaskAccessFacts;
  reminders: ShownReminder[];
  escalated: boolean;
  departments: { id: number; name: string; lead: boolean }[];
  reply: IntentReply | undefined;
  idempotencyKey: string;
}) {
  const t = useT();
  const user = useOptionalUser();
  const canSend =
    user !== null &&
    canOnTask(user, "reminder.send", access) &&
    !access.directiveDraft &&
    REMINDABLE_STATES.includes(task.state);
  if (reminders.length === 0 && !canSend && !escalated) return null;
  return (
    <section aria-labelledby="reminders-heading" className="space-y-2">
      <h2 id="reminders-heading" className="text-lg font-semibold">
        {t("reminder.heading")}
      </h2>
      {escalated && (
        <p className="rounded border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900" data-escalated="true">
          {t("reminder.escalated")}
        </p>
      )}
      {reminders.length === 0 ? (
        <p className="text-sm">{t("reminder.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {reminders.map((reminder) => (
            <li
              key={reminder.id}
              className={`rounded border p-3 text-sm ${reminder.resolvedAt === null ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"}`}
              data-reminder-ordinal={reminder.ordinal}
              data-resolved={reminder.resolvedAt !== null}
            >
              <p className="font-medium">
                {reminderLabel(t, reminder)} — {t("reminder.to", { department: reminder.department })}
              </p>
              <p className="text-xs text-slate-700">
                {reminder.sender
                  ? t("reminder.sentBy", { at: formatInstant(reminder.sentAt), name: reminder.sender })
                  : t("reminder.sentBySystem", { at: formatInstant(reminder.sentAt) })}
              </p>
              {reminder.message && <p className="whitespace-pre-line">{reminder.message}</p>}
              <p className="font-medium">
                {reminder.resolvedAt === null
                  ? t("reminder.open")
                  : t("reminder.resolved", { at: formatInstant(reminder.resolvedAt) })}
              </p>
              {reminder.escalating && reminder.resolvedAt === null && (
                <p className="text-red-900">{t("reminder.escalating")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canSend && (
        <IntentForm
          key={`remind-${idempotencyKey}`}
          task={task}
          intent="remind"
          summary={t("reminder.form.summary")}
          submitLabel={t("reminder.form.submit")}
          reply={reply}
          withVersion={false}
          hidden={{ idempotencyKey }}
        >
          {(fields) => (
            <>
              <div className="flex flex-col gap-1">
                <label htmlFor={fields.departmentId.id} className={LABEL_CLASS}>
                  {t("reminder.form.department")}
                </label>
                <select
                  {...getSelectProps(fields.departmentId)}
                  defaultValue={
                    typeof fields.departmentId.initialValue === "string"
                      ? fields.departmentId.initialValue
                      : String(departments[0]?.id ?? "")
                  }
                  className={INPUT_CLASS}
                >
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {t(d.lead ? "reminder.form.lead" : "reminder.form.coordinator", { name: d.name })}
                    </option>
                  ))}
                </select>
                <FieldErrors id={fields.departmentId.errorId} errors={fields.departmentId.errors} />
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={fields.message.id} className={LABEL_CLASS}>
                  {t("reminder.form.message")}
                </label>
                <textarea
                  {...getTextareaProps(fields.message)}
                  maxLength={REMINDER_LIMITS.message}
                  rows={3}
                  className={INPUT_CLASS}
                />
                <FieldErrors id={fields.message.errorId} errors={fields.message.errors} />
              </div>
              <p className={HINT_CLASS}>{t("reminder.form.hint")}</p>
            </>
          )}
        </IntentForm>
      )}
    </section>
  );
}
