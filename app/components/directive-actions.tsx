import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { formatLocalDate, type LocalDate } from "~/domain/dates";
import type { DirectiveState } from "~/domain/vocabulary";
import { DESK_LIMITS, type DirectiveIntent } from "~/lib/desk-forms";
import { useT, type MessageKey } from "~/lib/i18n";
import { DateField, FieldShell, FormProblems, INPUT_CLASS, type IntentReply } from "./form-feedback";

/**
 * The one move an issued or closed directive offers (app/models/directives.server.ts);
 * a draft's is the issuing step, which has fields of its own (IssueStep).
 */
const NEXT_MOVE: Record<
  Exclude<DirectiveState, "draft">,
  { intent: DirectiveIntent; label: MessageKey; hint: MessageKey }
> = {
  issued: { intent: "close", label: "desk.directive.close", hint: "desk.directive.closeHint" },
  closed: { intent: "reopen", label: "desk.directive.reopen", hint: "desk.directive.reopenHint" },
};

const LINK_BUTTON =
  "rounded border border-brand-700 px-3 py-1.5 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline";

/**
 * The secretariat's toolbar on a directive: edit it, add a task, and issue,
 * close or reopen it. Each part is shown only to users allowed to use it.
 */
export function DirectiveActions({
  directive,
  issuing,
  canWriteDirective,
  canWriteTask,
  reply,
}: {
  directive: { id: number; state: DirectiveState; version: number; number: string | null; issuedOn: LocalDate | null };
  /** A draft the user may issue: how many tasks and departments issuing it gives work to. */
  issuing: { tasks: number; departments: number } | null;
  canWriteDirective: boolean;
  canWriteTask: boolean;
  reply: IntentReply | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  if (!canWriteDirective && !canWriteTask) return null;
  const move = directive.state === "draft" ? null : NEXT_MOVE[directive.state];
  // The issuing step shows its own refusals beside its fields.
  const issueReply = reply?.intent === "issue" && reply.conflict === null ? reply : undefined;
  const errors = reply ? Object.values(reply.result.error ?? {}).flatMap((e) => e ?? []) : undefined;
  return (
    <section aria-label={t("desk.actions.heading")} className="no-print space-y-2">
      {reply && !issueReply && <FormProblems id="directive-actions-error" errors={errors} conflict={reply.conflict} />}
      <div className="flex flex-wrap items-center gap-2">
        {canWriteDirective && (
          <Link to={`/directives/${directive.id}/edit`} className={LINK_BUTTON}>
            {t("desk.directive.edit")}
          </Link>
        )}
        {canWriteTask && (
          <>
            <Link to={`/tasks/new?directive=${directive.id}`} className={LINK_BUTTON}>
              {t("desk.task.add")}
            </Link>
            <Link to={`/directives/${directive.id}/split`} className={LINK_BUTTON}>
              {t("split.link")}
            </Link>
            <Link to={`/directives/${directive.id}/import`} className={LINK_BUTTON}>
              {t("import.link")}
            </Link>
          </>
        )}
        {canWriteDirective && move && (
          <Form method="post" action={`/directives/${directive.id}`} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="intent" value={move.intent} />
            <input type="hidden" name="version" value={directive.version} />
            <button
              type="submit"
              disabled={navigation.state === "submitting"}
              aria-describedby="directive-move-hint"
              className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {t(move.label)}
            </button>
            <span id="directive-move-hint" className="text-xs text-slate-700">
              {t(move.hint)}
            </span>
          </Form>
        )}
      </div>
      {canWriteDirective && directive.state === "draft" && issuing && (
        <IssueStep directive={directive} audience={issuing} reply={issueReply} />
      )}
    </section>
  );
}

/**
 * Issuing a draft, in one step: the number and the date of issue as fields (filled
 * with the draft's), what issuing will do — how many tasks go to how many
 * departments, each told of theirs — and the button. Works without JavaScript.
 */
function IssueStep({
  directive,
  audience,
  reply,
}: {
  directive: { id: number; version: number; number: string | null; issuedOn: LocalDate | null };
  audience: { tasks: number; departments: number };
  reply: IntentReply | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "directive-issue",
    lastResult: reply?.result,
    defaultValue: {
      number: directive.number ?? "",
      issuedOn: directive.issuedOn === null ? "" : formatLocalDate(directive.issuedOn),
    },
  });
  const consequence =
    audience.tasks === 0
      ? t("desk.directive.issueNoTasks")
      : t("desk.directive.issueAudience", { tasks: audience.tasks, departments: audience.departments });
  return (
    <Form
      method="post"
      action={`/directives/${directive.id}`}
      {...getFormProps(form)}
      className="space-y-3 rounded-lg border border-brand-700 bg-white p-4"
      aria-labelledby="directive-issue-heading"
    >
      <h2 id="directive-issue-heading" className="font-semibold">
        {t("desk.directive.issueStep")}
      </h2>
      <FormProblems id={form.errorId} errors={form.errors} conflict={null} />
      <input type="hidden" name="intent" value="issue" />
      <input type="hidden" name="version" value={directive.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FieldShell field={fields.number} label={t("desk.directive.number")} required>
          <input
            {...getInputProps(fields.number, { type: "text" })}
            required
            maxLength={DESK_LIMITS.directiveNumber}
            autoComplete="off"
            className={INPUT_CLASS}
          />
        </FieldShell>
        <DateField field={fields.issuedOn} label={t("desk.directive.issuedOn")} hint={t("desk.dateHint")} />
      </div>
      <p id="directive-issue-consequence" className="text-sm" data-testid="issue-audience">
        {consequence} {t("desk.directive.issueHint")}
      </p>
      <button
        type="submit"
        disabled={navigation.state === "submitting"}
        aria-describedby="directive-issue-consequence"
        className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {t("desk.directive.issue")}
      </button>
    </Form>
  );
}
