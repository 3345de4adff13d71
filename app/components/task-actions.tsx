import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { WorkflowState } from "~/domain/vocabulary";
import { canMove, CLOSED_STATES } from "~/domain/workflow";
import { DESK_LIMITS, type TaskIntent } from "~/lib/desk-forms";
import type { TaskPageIntent } from "~/lib/progress-forms";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import type { DepartmentOption } from "~/domain/views";
import { DepartmentOptions } from "./department-options";
import {
  FieldErrors,
  FormProblems,
  HINT_CLASS,
  INPUT_CLASS,
  type IntentReply,
  LABEL_CLASS,
  SelectField,
} from "./form-feedback";

export interface TaskFacts {
  id: number;
  state: WorkflowState;
  version: number;
  leadDepartmentId: number;
}

/** Big enough to hit with a thumb (the department's desk is often used on a phone). */
export const BUTTON =
  "min-h-11 rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60";

export type IntentFields = ReturnType<typeof useIntentForm>[1];

/**
 * One move on the task: a disclosure with its form, open when its last attempt
 * failed (or when it is what the user is expected to do next). `hidden` adds
 * fields such as the form's idempotency key; `submit` replaces the single button;
 * `encType` is set for a form with a file input.
 */
export function IntentForm({
  task,
  intent,
  summary,
  submitLabel,
  reply,
  children,
  defaultOpen = false,
  withVersion = true,
  hidden = {},
  submit,
  encType,
}: {
  task: TaskFacts;
  intent: TaskPageIntent;
  summary: string;
  submitLabel: string;
  reply: IntentReply | undefined;
  children?: (fields: IntentFields) => ReactNode;
  defaultOpen?: boolean;
  withVersion?: boolean;
  hidden?: Record<string, string | number>;
  submit?: (disabled: boolean) => ReactNode;
  /** `multipart/form-data` for a form that carries files. */
  encType?: "multipart/form-data";
}) {
  const navigation = useNavigation();
  const mine = reply?.intent === intent ? reply : undefined;
  const [form, fields] = useIntentForm(task, intent, mine?.result);
  const busy = navigation.state === "submitting";
  return (
    <details open={defaultOpen || mine !== undefined} className="rounded border border-slate-200 bg-white">
      <summary className="min-h-11 cursor-pointer px-3 py-2.5 text-sm font-medium">{summary}</summary>
      {/* Posted to the page itself, without the query string of an earlier notice (`?saved=`). */}
      <Form
        method="post"
        action={`/tasks/${task.id}`}
        encType={encType}
        {...getFormProps(form)}
        className="space-y-3 border-t border-slate-200 p-3"
      >
        <FormProblems id={form.errorId} errors={form.errors} conflict={mine?.conflict ?? null} />
        <input type="hidden" name="intent" value={intent} />
        {withVersion && <input type="hidden" name="version" value={task.version} />}
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children?.(fields)}
        {submit ? (
          submit(busy)
        ) : (
          <button type="submit" disabled={busy} className={BUTTON}>
            {submitLabel}
          </button>
        )}
      </Form>
    </details>
  );
}

function useIntentForm(task: TaskFacts, intent: TaskPageIntent, lastResult: SubmissionResult<string[]> | undefined) {
  const validation = useLazyValidation(
    "taskPage",
    { shouldValidate: "onBlur", shouldRevalidate: "onInput" },
    task.leadDepartmentId,
  );
  return useForm({ id: `task-${intent}`, lastResult, ...validation });
}

function ReasonField({ fields }: { fields: IntentFields }) {
  const t = useT();
  const reason = fields.reason;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={reason.id} className={LABEL_CLASS}>
        {t("desk.task.reason")}
      </label>
      <textarea {...getTextareaProps(reason)} maxLength={DESK_LIMITS.reason} rows={2} className={INPUT_CLASS} />
      <FieldErrors id={reason.errorId} errors={reason.errors} />
    </div>
  );
}

/**
 * The secretariat's moves on a task (docs/domain-rules.md §4): edit, put on hold, withdraw,
 * resume, re-assign the lead. Shown only to users allowed to make them; the
 * action checks again.
 */
export function TaskActions({
  task,
  departments,
  reply,
}: {
  task: TaskFacts;
  departments: DepartmentOption[];
  reply: IntentReply | undefined;
}) {
  const t = useT();
  // A remount after each saved move closes the disclosures and clears their fields.
  const key = (intent: TaskIntent) => `${intent}-${task.version}`;
  const otherDepartments = departments.filter((d) => d.id !== task.leadDepartmentId && d.active);
  return (
    <section aria-labelledby="task-actions-heading" className="no-print space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="task-actions-heading" className="text-lg font-semibold">
          {t("desk.actions.heading")}
        </h2>
        <Link
          to={`/tasks/${task.id}/edit`}
          className="rounded border border-brand-700 px-3 py-1.5 text-sm font-medium no-underline hover:bg-brand-50"
        >
          {t("desk.task.edit")}
        </Link>
      </div>
      {reply?.intent === null && (
        <FormProblems
          id="task-actions-error"
          errors={Object.values(reply.result.error ?? {}).flatMap((e) => e ?? [])}
          conflict={null}
        />
      )}
      <div className="grid gap-2 md:grid-cols-2">
        {task.state === "on_hold" && (
          <IntentForm
            key={key("resume")}
            task={task}
            intent="resume"
            summary={t("desk.task.resume")}
            submitLabel={t("desk.task.resumeSubmit")}
            reply={reply}
          >
            {() => <p className={HINT_CLASS}>{t("desk.task.resumeHint")}</p>}
          </IntentForm>
        )}
        {canMove(task.state, "on_hold") && (
          <IntentForm
            key={key("hold")}
            task={task}
            intent="hold"
            summary={t("desk.task.hold")}
            submitLabel={t("desk.task.holdSubmit")}
            reply={reply}
          >
            {(fields) => <ReasonField fields={fields} />}
          </IntentForm>
        )}
        {canMove(task.state, "cancelled") && (
          <IntentForm
            key={key("cancel")}
            task={task}
            intent="cancel"
            summary={t("desk.task.cancel")}
            submitLabel={t("desk.task.cancelSubmit")}
            reply={reply}
          >
            {(fields) => <ReasonField fields={fields} />}
          </IntentForm>
        )}
        {!CLOSED_STATES.includes(task.state) && (
          <IntentForm
            key={key("reassign")}
            task={task}
            intent="reassign"
            summary={t("desk.task.reassign")}
            submitLabel={t("desk.task.reassignSubmit")}
            reply={reply}
          >
            {(fields) => (
              <>
                <SelectField field={fields.departmentId} label={t("desk.task.newLead")}>
                  <DepartmentOptions departments={otherDepartments} t={t} emptyLabel={t("desk.choose")} />
                </SelectField>
                <ReasonField fields={fields} />
              </>
            )}
          </IntentForm>
        )}
      </div>
    </section>
  );
}
