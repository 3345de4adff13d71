import { Form, Link, useNavigation } from "@remix-run/react";
import type { DirectiveState } from "~/domain/vocabulary";
import type { DirectiveIntent } from "~/lib/desk-forms";
import { useT, type MessageKey } from "~/lib/i18n";
import { FormProblems, type IntentReply } from "./form-feedback";

/** The one move a directive in each state offers (app/models/directives.server.ts). */
const NEXT_MOVE: Record<DirectiveState, { intent: DirectiveIntent; label: MessageKey; hint: MessageKey }> = {
  draft: { intent: "issue", label: "desk.directive.issue", hint: "desk.directive.issueHint" },
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
  canWriteDirective,
  canWriteTask,
  reply,
}: {
  directive: { id: number; state: DirectiveState; version: number };
  canWriteDirective: boolean;
  canWriteTask: boolean;
  reply: IntentReply | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  if (!canWriteDirective && !canWriteTask) return null;
  const move = NEXT_MOVE[directive.state];
  const errors = reply ? Object.values(reply.result.error ?? {}).flatMap((e) => e ?? []) : undefined;
  return (
    <section aria-label={t("desk.actions.heading")} className="no-print space-y-2">
      {reply && <FormProblems id="directive-actions-error" errors={errors} conflict={reply.conflict} />}
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
        {canWriteDirective && (
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
    </section>
  );
}
