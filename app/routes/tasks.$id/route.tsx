import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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
import { canSeeTask } from "~/domain/permissions";
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
  return { ...found, row: found.row, title: `${found.row.itemNumber}. ${found.row.title} — ${t("app.name")}` };
}

export default function TaskPage() {
  const { row, task, parent, subtasks, targets, history } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/directives/${task.directiveId}`}>
            {t("common.backTo", { name: task.directiveNumber ?? task.directiveAbstract })}
          </Link>
        </p>
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
