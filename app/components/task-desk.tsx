import { getInputProps, getTextareaProps } from "@conform-to/react";
import { formatInstant, formatLocalDate, type LocalDate } from "~/domain/dates";
import { NOT_EXTENDABLE_STATES, PROGRESS_LIMITS } from "~/domain/extensions";
import { nextAction, type NextAction } from "~/domain/next-action";
import { canDecideExtension, canOnTask, type Permission, type TaskAccessFacts } from "~/domain/permissions";
import type { DeadlineKind, ExtensionState } from "~/domain/vocabulary";
import { canReportCompletion } from "~/domain/workflow";
import type { ProgressNotice } from "~/lib/progress-forms";
import { useT } from "~/lib/i18n";
import { useOptionalUser } from "~/components/use-user";
import { FieldErrors, HINT_CLASS, INPUT_CLASS, LABEL_CLASS, type IntentReply } from "./form-feedback";
import { BUTTON, IntentForm, type TaskFacts } from "./task-actions";
import { AttachmentInput } from "./attachment-input";

/** What the task page knows about the task for the department's desk. */
export interface DeskTask extends TaskFacts {
  percent: number;
  deadlineKind: DeadlineKind;
  /** Awaiting confirmation: the percent that stands if the completion is returned. */
  percentAfterReturn?: number | null;
}

/** The extension request the page shows: the pending one, else the last decided one. */
export interface ShownExtensionRequest {
  id: number;
  state: ExtensionState;
  requestedBy: number | null;
  requester: string | null;
  department: string;
  createdAt: number;
  proposedDueDate: LocalDate;
  reason: string;
  decider: string | null;
  decidedAt: number | null;
  note: string | null;
  approvedDueDate: LocalDate | null;
}

export interface DeskTarget {
  id: number;
  name: string;
  unit: string | null;
  currentValue: number | null;
}

const SECONDARY_BUTTON =
  "min-h-11 rounded border border-brand-700 px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60";
const DANGER_BUTTON =
  "min-h-11 rounded border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60";

/** The confirmation after a department's or a decider's save (`?done=`). */
export function ProgressBanner({ notice, percent }: { notice: ProgressNotice | null; percent: number }) {
  const t = useT();
  if (!notice) return null;
  return (
    <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
      {t(`progress.done.${notice}`)}
      {/* A return takes the completion's 100% away: say what stands instead. */}
      {notice === "completionReturned" && ` ${t("progress.done.percentStands", { percent })}`}
    </p>
  );
}

/** What this user may do on the task, from the permission table (the action checks again). */
function useAbilities(access: TaskAccessFacts, pending: ShownExtensionRequest | null) {
  const user = useOptionalUser();
  const can = (permission: Permission) => user !== null && canOnTask(user, permission, access);
  return {
    user,
    report: can("progress.report"),
    reportCompletion: can("completion.report"),
    requestExtension: can("extension.request"),
    decideCompletion: can("completion.decide"),
    decideExtension: user !== null && pending !== null && canDecideExtension(user, access, pending.requestedBy),
    comment: can("comment.write"),
  };
}

function pendingOf(request: ShownExtensionRequest | null) {
  return request?.state === "pending" ? request : null;
}

/** "What is expected of you next": one line, for whoever has something to do on the task. */
export function NextStep({
  task,
  access,
  extensionRequest,
}: {
  task: DeskTask;
  access: TaskAccessFacts;
  extensionRequest: ShownExtensionRequest | null;
}) {
  const t = useT();
  const pending = pendingOf(extensionRequest);
  const can = useAbilities(access, pending);
  const next: NextAction = nextAction({
    state: task.state,
    percent: task.percent,
    hasPendingExtension: pending !== null,
    canReport: can.report,
    canReportCompletion: can.reportCompletion,
    canDecideExtension: can.decideExtension,
    canDecideCompletion: can.decideCompletion,
  });
  if (next === "none") return null;
  return (
    <p className="rounded border-l-4 border-brand-700 bg-brand-50 px-3 py-2 text-sm" data-next-action={next}>
      <span className="font-semibold">{t("progress.next.label")}</span> {t(`progress.next.${next}`)}
    </p>
  );
}

/** Original and current deadline, how often it was extended, and the extension request in play. */
export function DeadlineBox({
  deadline,
  deadlineKind,
  extensionRequest,
}: {
  deadline: { originalDueDate: LocalDate | null; currentDueDate: LocalDate | null; extensionCount: number };
  deadlineKind: DeadlineKind;
  extensionRequest: ShownExtensionRequest | null;
}) {
  const t = useT();
  if (deadlineKind !== "dated") return null;
  const request = extensionRequest;
  return (
    <section aria-labelledby="deadline-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="deadline-heading" className="text-lg font-semibold">
        {t("progress.deadline.heading")}
      </h2>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t("progress.deadline.original")}</dt>
          <dd>{deadline.originalDueDate ? formatLocalDate(deadline.originalDueDate) : t("common.none")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("progress.deadline.current")}</dt>
          <dd className="font-semibold" data-testid="current-due-date">
            {deadline.currentDueDate ? formatLocalDate(deadline.currentDueDate) : t("common.none")}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("progress.deadline.count")}</dt>
          <dd className="tabular-nums">{deadline.extensionCount}</dd>
        </div>
      </dl>
      {request && (
        <div
          className={`rounded border px-3 py-2 text-sm ${request.state === "pending" ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-slate-50"}`}
          data-extension-state={request.state}
        >
          <p>
            {t("progress.extension.asked", {
              department: request.department,
              date: formatLocalDate(request.proposedDueDate),
              at: formatInstant(request.createdAt),
            })}
          </p>
          <p className="text-slate-700">{t("task.reason", { reason: request.reason })}</p>
          <p className="font-medium">
            {request.state === "pending"
              ? t("progress.extension.pending")
              : t(`progress.extension.${request.state}`, {
                  date: request.approvedDueDate ? formatLocalDate(request.approvedDueDate) : "",
                  by: request.decider ?? t("history.system"),
                  at: request.decidedAt ? formatInstant(request.decidedAt) : "",
                })}
          </p>
          {request.note && <p>{t("progress.extension.note", { note: request.note })}</p>}
        </div>
      )}
    </section>
  );
}

function TextArea({
  field,
  label,
  max,
  rows = 3,
  hint,
}: {
  field: Parameters<typeof getTextareaProps>[0] | undefined;
  label: string;
  max: number;
  rows?: number;
  hint?: string;
}) {
  if (!field) return null;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={field.id} className={LABEL_CLASS}>
        {label}
      </label>
      <textarea {...getTextareaProps(field)} maxLength={max} rows={rows} className={INPUT_CLASS} />
      {hint && <p className={HINT_CLASS}>{hint}</p>}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function DateInput({
  field,
  label,
  fallback,
}: {
  field: Parameters<typeof getTextareaProps>[0] | undefined;
  label: string;
  fallback?: string;
}) {
  const t = useT();
  if (!field) return null;
  const initial = typeof field.initialValue === "string" ? field.initialValue : (fallback ?? "");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={field.id} className={LABEL_CLASS}>
        {label}
      </label>
      <input
        {...getInputProps(field, { type: "text" })}
        defaultValue={initial}
        inputMode="numeric"
        placeholder={t("progress.datePlaceholder")}
        autoComplete="off"
        className={`${INPUT_CLASS} sm:max-w-48`}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** One measured value per target of the task (left empty: not reported). */
function TargetInputs({ targets }: { targets: DeskTarget[] }) {
  const t = useT();
  if (targets.length === 0) return null;
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3">
      <legend className={LABEL_CLASS}>{t("progress.field.targets")}</legend>
      {targets.map((target, index) => (
        <div key={target.id} className="flex flex-col gap-1">
          <input type="hidden" name={`targetValues[${index}].targetId`} value={target.id} />
          <label htmlFor={`target-${target.id}`} className="text-sm">
            {target.name}
            {target.unit ? ` (${target.unit})` : ""}
          </label>
          <input
            id={`target-${target.id}`}
            name={`targetValues[${index}].value`}
            type="number"
            step="any"
            inputMode="decimal"
            defaultValue={target.currentValue ?? undefined}
            className={`${INPUT_CLASS} sm:max-w-48`}
          />
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The department's desk and the decisions on a task (docs/domain-rules.md §4–§5): progress
 * report, extension request and decision, completion report, confirm or return.
 * Each form is shown only to whoever may use it; the action checks again. One
 * column, big touch targets: it is used on a phone between meetings.
 */
export function TaskDesk({
  task,
  access,
  extensionRequest,
  targets,
  reply,
  idempotencyKey,
  today,
}: {
  task: DeskTask;
  access: TaskAccessFacts;
  extensionRequest: ShownExtensionRequest | null;
  targets: DeskTarget[];
  reply: IntentReply | undefined;
  idempotencyKey: string;
  today: LocalDate;
}) {
  const t = useT();
  const pending = pendingOf(extensionRequest);
  const can = useAbilities(access, pending);
  const next = nextAction({
    state: task.state,
    percent: task.percent,
    hasPendingExtension: pending !== null,
    canReport: can.report,
    canReportCompletion: can.reportCompletion,
    canDecideExtension: can.decideExtension,
    canDecideCompletion: can.decideCompletion,
  });
  // A remount after each save closes the disclosures and clears their fields.
  const key = (intent: string) => `${intent}-${task.version}-${idempotencyKey}`;
  const reportable = ["open", "in_progress", "returned"].includes(task.state);
  const showReport = can.report && reportable;
  const showCompletion = can.reportCompletion && canReportCompletion(task.state);
  const showExtension =
    can.requestExtension && task.deadlineKind === "dated" && !NOT_EXTENDABLE_STATES.includes(task.state) && !pending;
  const showDecision = pending !== null && can.decideExtension;
  const showCompletionDecision = can.decideCompletion && task.state === "awaiting_confirmation";
  if (!showReport && !showCompletion && !showExtension && !showDecision && !showCompletionDecision) return null;
  const todayShown = formatLocalDate(today);
  // The server's refusal of the files of the form last posted (the files themselves must be chosen again).
  const fileErrors = (intent: string) => (reply?.intent === intent ? reply.result.error?.attachments : undefined);
  return (
    <section aria-labelledby="task-desk-heading" className="no-print space-y-2">
      <h2 id="task-desk-heading" className="text-lg font-semibold">
        {t("progress.desk.heading")}
      </h2>
      <div className="grid gap-2">
        {showReport && (
          <IntentForm
            key={key("report")}
            task={task}
            intent="report"
            encType="multipart/form-data"
            summary={t("progress.report.summary")}
            submitLabel={t("progress.report.submit")}
            reply={reply}
            defaultOpen={next === "report_progress"}
            hidden={{ idempotencyKey }}
          >
            {(fields) => (
              <>
                <DateInput field={fields.asOfDate} label={t("progress.field.asOfDate")} fallback={todayShown} />
                {fields.percent && (
                  <div className="flex flex-col gap-1">
                    <label htmlFor={fields.percent.id} className={LABEL_CLASS}>
                      {t("progress.field.percent")}
                    </label>
                    <input
                      {...getInputProps(fields.percent, { type: "number" })}
                      defaultValue={
                        typeof fields.percent.initialValue === "string" ? fields.percent.initialValue : task.percent
                      }
                      inputMode="numeric"
                      className={`${INPUT_CLASS} sm:max-w-32`}
                    />
                    <FieldErrors id={fields.percent.errorId} errors={fields.percent.errors} />
                  </div>
                )}
                <TextArea field={fields.result} label={t("progress.field.result")} max={PROGRESS_LIMITS.result} />
                <TextArea
                  field={fields.difficulties}
                  label={t("progress.field.difficulties")}
                  max={PROGRESS_LIMITS.difficulties}
                  rows={2}
                />
                <TextArea
                  field={fields.proposals}
                  label={t("progress.field.proposals")}
                  max={PROGRESS_LIMITS.proposals}
                  rows={2}
                />
                <TargetInputs targets={targets} />
                <AttachmentInput
                  formId="task-report"
                  label={t("attachments.field.report")}
                  errors={fileErrors("report")}
                />
                <p className={HINT_CLASS}>{t("progress.report.hint")}</p>
              </>
            )}
          </IntentForm>
        )}
        {showCompletion && (
          <IntentForm
            key={key("report_completion")}
            task={task}
            intent="report_completion"
            encType="multipart/form-data"
            summary={t("progress.completion.summary")}
            submitLabel={t("progress.completion.submit")}
            reply={reply}
            defaultOpen={next === "report_completion" || next === "redo_returned"}
            hidden={{ idempotencyKey }}
          >
            {(fields) => (
              <>
                <DateInput
                  field={fields.completionDate}
                  label={t("progress.field.completionDate")}
                  fallback={todayShown}
                />
                <TextArea
                  field={fields.result}
                  label={t("progress.field.completionResult")}
                  max={PROGRESS_LIMITS.result}
                />
                <TargetInputs targets={targets} />
                <AttachmentInput
                  formId="task-report_completion"
                  label={t("attachments.field.completion")}
                  errors={fileErrors("report_completion")}
                />
                <p className={HINT_CLASS}>{t("progress.completion.hint")}</p>
              </>
            )}
          </IntentForm>
        )}
        {showExtension && (
          <IntentForm
            key={key("request_extension")}
            task={task}
            intent="request_extension"
            encType="multipart/form-data"
            summary={t("progress.extension.summary")}
            submitLabel={t("progress.extension.submit")}
            reply={reply}
            withVersion={false}
            hidden={{ idempotencyKey }}
          >
            {(fields) => (
              <>
                <DateInput field={fields.proposedDueDate} label={t("progress.field.proposedDueDate")} />
                <TextArea
                  field={fields.reason}
                  label={t("progress.field.extensionReason")}
                  max={PROGRESS_LIMITS.reason}
                />
                <AttachmentInput
                  formId="task-request_extension"
                  label={t("attachments.field.extension")}
                  errors={fileErrors("request_extension")}
                />
              </>
            )}
          </IntentForm>
        )}
        {showDecision && (
          <IntentForm
            key={key("decide_extension")}
            task={task}
            intent="decide_extension"
            summary={t("progress.decision.summary")}
            submitLabel=""
            reply={reply}
            defaultOpen
            hidden={{ requestId: pending.id }}
            submit={(disabled) => (
              <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
                <button type="submit" name="outcome" value="approve" disabled={disabled} className={BUTTON}>
                  {t("progress.decision.approve", { date: formatLocalDate(pending.proposedDueDate) })}
                </button>
                <button type="submit" name="outcome" value="counter" disabled={disabled} className={SECONDARY_BUTTON}>
                  {t("progress.decision.counter")}
                </button>
                <button type="submit" name="outcome" value="reject" disabled={disabled} className={DANGER_BUTTON}>
                  {t("progress.decision.reject")}
                </button>
              </div>
            )}
          >
            {(fields) => (
              <>
                <p className="text-sm">
                  {t("progress.extension.asked", {
                    department: pending.department,
                    date: formatLocalDate(pending.proposedDueDate),
                    at: formatInstant(pending.createdAt),
                  })}
                </p>
                <DateInput field={fields.dueDate} label={t("progress.field.counterDate")} />
                <TextArea
                  field={fields.note}
                  label={t("progress.field.note")}
                  max={PROGRESS_LIMITS.note}
                  rows={2}
                  hint={t("progress.decision.hint")}
                />
                <FieldErrors id={`${fields.outcome?.errorId ?? "outcome-error"}`} errors={fields.outcome?.errors} />
              </>
            )}
          </IntentForm>
        )}
        {showCompletionDecision && (
          <>
            <IntentForm
              key={key("confirm_completion")}
              task={task}
              intent="confirm_completion"
              summary={t("progress.confirm.summary")}
              submitLabel={t("progress.confirm.submit")}
              reply={reply}
              defaultOpen
            >
              {() => <p className={HINT_CLASS}>{t("progress.confirm.hint")}</p>}
            </IntentForm>
            <IntentForm
              key={key("return_completion")}
              task={task}
              intent="return_completion"
              summary={t("progress.return.summary")}
              submitLabel={t("progress.return.submit")}
              reply={reply}
            >
              {(fields) => (
                <>
                  {typeof task.percentAfterReturn === "number" && (
                    <p className={HINT_CLASS} data-testid="percent-after-return">
                      {t("progress.return.percentHint", { percent: task.percentAfterReturn })}
                    </p>
                  )}
                  <TextArea
                    field={fields.reason}
                    label={t("progress.field.returnReason")}
                    max={PROGRESS_LIMITS.reason}
                  />
                </>
              )}
            </IntentForm>
          </>
        )}
      </div>
    </section>
  );
}

/** The comment form under the task's history (the thread); leadership's comments are instructions. */
export function CommentForm({
  task,
  access,
  reply,
  idempotencyKey,
}: {
  task: DeskTask;
  access: TaskAccessFacts;
  reply: IntentReply | undefined;
  idempotencyKey: string;
}) {
  const t = useT();
  const can = useAbilities(access, null);
  if (!can.comment) return null;
  const instruction = can.user?.role === "leadership";
  return (
    <IntentForm
      key={`comment-${idempotencyKey}`}
      task={task}
      intent="comment"
      summary={t(instruction ? "progress.comment.instructionSummary" : "progress.comment.summary")}
      submitLabel={t(instruction ? "progress.comment.instructionSubmit" : "progress.comment.submit")}
      reply={reply}
      withVersion={false}
      hidden={{ idempotencyKey }}
    >
      {(fields) => (
        <TextArea
          field={fields.body}
          label={t(instruction ? "progress.field.instruction" : "progress.field.comment")}
          max={PROGRESS_LIMITS.commentBody}
        />
      )}
    </IntentForm>
  );
}
