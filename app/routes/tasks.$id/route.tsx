import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { SavedBanner, type IntentReply } from "~/components/form-feedback";
import { TaskActions } from "~/components/task-actions";
import { Deadline } from "~/components/deadline";
import { StaleFlag, StatusBadge } from "~/components/status-badge";
import { TargetBar } from "~/components/target-bar";
import { TaskHistory } from "~/components/task-history";
import { formatInstant, formatLocalDate, today } from "~/domain/dates";
import { useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { getDb } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { getTranslator } from "~/lib/locale.server";
import { denyAccess, requirePermission } from "~/lib/auth.server";
import { canOnTask, canSeeTask } from "~/domain/permissions";
import { describeTaskChanges, requireVisibleTask, taskErrors } from "~/lib/desk.server";
import { savedNotice, taskIntentSchema, type SavedNotice, type TaskIntent } from "~/lib/desk-forms";
import { useOptionalUser } from "~/lib/use-user";
import { originOf } from "~/models/audit.server";
import { departmentOptions } from "~/models/desk-options.server";
import { changeTaskState, reassignLead } from "~/models/tasks.server";
import { taskAccessFacts } from "~/models/visibility.server";
import { idParam } from "~/lib/params.server";
import { getStatusRules } from "~/models/settings.server";
import { getTask } from "./queries.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const id = idParam(params.id);
  const db = getDb();
  const access = taskAccessFacts(db, id);
  if (!access) notFound();
  if (!canSeeTask(user, access)) return denyAccess(request, context, user, "task.read", 404, { type: "task", id });
  const { t } = await getTranslator(request);
  const found = getTask(db, user, id, today(), getStatusRules(db));
  if (!found?.row) notFound();
  return {
    ...found,
    row: found.row,
    access,
    // The choices of the secretariat's "re-assign" form, only for those who may use it.
    departments: canOnTask(user, "task.write", access) ? departmentOptions(db) : [],
    title: `${found.row.itemNumber}. ${found.row.title} — ${t("app.name")}`,
  };
}

const SAVED: Record<TaskIntent, SavedNotice> = {
  hold: "held",
  cancel: "cancelled",
  resume: "resumed",
  reassign: "reassigned",
};

/** The secretariat's moves: put on hold, withdraw, resume, re-assign the lead department. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const id = idParam(params.id);
  const access = await requireVisibleTask(request, context, user, id, "task.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await request.formData(), {
    schema: taskIntentSchema(t, access.leadDepartmentId),
  });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    return data<IntentReply>(
      { intent: typeof intent === "string" ? intent : null, result: submission.reply(), conflict: null },
      { status: 400 },
    );
  }
  const input = submission.value;
  const db = getDb();
  const origin = originOf(request, context);
  const result =
    input.intent === "reassign"
      ? reassignLead(db, user, id, input.version, { departmentId: input.departmentId, reason: input.reason }, origin)
      : changeTaskState(
          db,
          user,
          id,
          input.version,
          input.intent === "resume"
            ? { to: "resume", reason: null }
            : { to: input.intent === "hold" ? "on_hold" : "cancelled", reason: input.reason },
          origin,
        );
  if (result.ok) throw redirect(`/tasks/${id}?saved=${SAVED[input.intent]}`);
  if (result.error === "not_found") notFound();
  if (result.error === "conflict") {
    const reply = submission.reply({ formErrors: [t("desk.conflict.task")] });
    const changes = describeTaskChanges(db, t, result.changes);
    return data<IntentReply>({ intent: input.intent, result: reply, conflict: { changes } }, { status: 409 });
  }
  const errors =
    result.error === "invalid_move" && input.intent === "resume"
      ? { formErrors: [t("desk.error.notOnHold")] }
      : taskErrors(t, result, null);
  return data<IntentReply>({ intent: input.intent, result: submission.reply(errors), conflict: null }, { status: 400 });
}

/** After a refused move (someone changed the task), show the task as it now is. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function TaskPage() {
  const { row, task, parent, subtasks, targets, history, access, departments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const user = useOptionalUser();
  const t = useT();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/directives/${task.directiveId}`}>
            {t("common.backTo", { name: task.directiveNumber ?? task.directiveAbstract })}
          </Link>
        </p>
        <SavedBanner notice={savedNotice(searchParams.get("saved"))} />
        <h1 className="text-2xl font-semibold">
          <span className="text-slate-600">{row.itemNumber}.</span> {row.title}
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={row.status} />
          {row.late && <span className="text-sm text-red-800">{t("status.daysLate", { days: row.daysLate })}</span>}
          {row.stale && <StaleFlag />}
          {task.directiveConfidential && (
            <span className="rounded bg-red-700 px-1.5 text-xs font-semibold uppercase text-white">
              {t("common.confidential")}
            </span>
          )}
        </div>
      </header>

      {user && canOnTask(user, "task.write", access) && (
        <TaskActions
          task={{ id: task.id, state: task.state, version: task.version, leadDepartmentId: task.leadDepartmentId }}
          departments={departments}
          reply={reply}
        />
      )}

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t("task.directive")}</dt>
          <dd>
            <Link to={`/directives/${task.directiveId}`}>{task.directiveNumber ?? task.directiveAbstract}</Link>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.lead")}</dt>
          <dd className="font-medium">{row.lead.name}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.coordinators")}</dt>
          <dd>
            {row.coordinators.length === 0 ? t("task.noCoordinators") : row.coordinators.map((c) => c.name).join("; ")}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.deadline")}</dt>
          <dd>
            <Deadline
              deadlineKind={row.deadlineKind}
              dueDate={row.dueDate}
              originalDueDate={row.originalDueDate}
              extensionCount={row.extensionCount}
            />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.assignedOn")}</dt>
          <dd>{formatLocalDate(task.assignedOn)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.workflow")}</dt>
          <dd>
            {t(`workflow.${task.state}`)}
            {task.stateReason && (
              <span className="block text-slate-700">{t("task.reason", { reason: task.stateReason })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("task.percent")}</dt>
          <dd className="tabular-nums">{t("common.percent", { value: row.percent })}</dd>
        </div>
        {task.completionDate && (
          <div>
            <dt className="text-slate-600">{t("task.completionDate")}</dt>
            <dd>{formatLocalDate(task.completionDate)}</dd>
          </div>
        )}
        {task.confirmedAt && (
          <div>
            <dt className="text-slate-600">{t("task.confirmedAt")}</dt>
            <dd>{formatInstant(task.confirmedAt)}</dd>
          </div>
        )}
        {parent && (
          <div>
            <dt className="text-slate-600">{t("task.parent")}</dt>
            <dd>
              <Link to={`/tasks/${parent.id}`}>
                {parent.itemNumber}. {parent.title}
              </Link>
            </dd>
          </div>
        )}
      </dl>

      {task.description && (
        <section aria-labelledby="description-heading" className="space-y-2">
          <h2 id="description-heading" className="text-lg font-semibold">
            {t("task.description")}
          </h2>
          <p className="whitespace-pre-line text-sm leading-relaxed">{task.description}</p>
        </section>
      )}

      {subtasks.length > 0 && (
        <section aria-labelledby="subtasks-heading" className="space-y-2">
          <h2 id="subtasks-heading" className="text-lg font-semibold">
            {t("task.subtasks")}
          </h2>
          <ul className="list-inside list-disc text-sm">
            {subtasks.map((s) => (
              <li key={s.id}>
                <Link to={`/tasks/${s.id}`}>
                  {s.itemNumber}. {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {targets.length > 0 && (
        <section aria-labelledby="targets-heading" className="space-y-3">
          <h2 id="targets-heading" className="text-lg font-semibold">
            {t("task.targets")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {targets.map((target) => (
              <li key={target.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <TargetBar target={target} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("task.history")}
        </h2>
        <TaskHistory entries={history} />
      </section>
    </article>
  );
}
