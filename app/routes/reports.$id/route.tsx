// One published period report: its frozen figures, scorecard and tasks, its stored
// downloads, and — computed now — the tasks that have changed since, and why.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { PrintButton } from "~/components/print-button";
import { StatusBadge } from "~/components/status-badge";
import { formatInstant, formatLocalDate } from "~/domain/dates";
import { TASK_STATUSES } from "~/domain/vocabulary";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { SCORECARD_COLUMNS } from "~/lib/scorecard";
import { changedSincePublished, describeReportScope, getPublishedReport } from "~/models/published-reports.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "dashboard", "leadership", "published", "report") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "report.read");
  const id = idParam(params.id);
  const db = getDb();
  const report = getPublishedReport(db, id);
  if (!report) notFound();
  const { t } = await getTranslator(request);
  return {
    title: `${report.title} — ${t("app.name")}`,
    report,
    scopeText: describeReportScope(db, report.scope, t),
    changed: changedSincePublished(db, report, t, user),
  };
}

export default function PublishedReportPage() {
  const { report, scopeText, changed } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const { content } = report;
  return (
    <div className="space-y-4">
      <p className="no-print">
        <Link to="/reports">{t("common.backTo", { name: t("published.title") })}</Link>
      </p>
      {searchParams.get("saved") && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t("published.saved")}
        </p>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{report.title}</h1>
          <p className="text-sm text-slate-700">
            {t("published.meta", {
              cutOff: formatLocalDate(report.cutOff),
              scope: scopeText,
              by: report.publishedBy,
              at: formatInstant(report.publishedAt),
            })}
          </p>
        </div>
        <PrintButton />
      </div>
      <p className="no-print flex gap-4 text-sm">
        <a href={`/reports/${report.id}/download?format=xlsx`} download>
          {t("published.download.xlsx")}
        </a>
        <a href={`/reports/${report.id}/download?format=csv`} download>
          {t("published.download.csv")}
        </a>
      </p>

      <section aria-labelledby="changed-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="changed-heading" className="text-lg font-semibold">
          {t("published.changed.heading")}
        </h2>
        {changed.length === 0 ? (
          <p className="text-sm">{t("published.changed.none")}</p>
        ) : (
          <>
            <p className="text-sm">
              {t("published.changed.intro", { count: changed.length, cutOff: formatLocalDate(report.cutOff) })}
            </p>
            <table className="w-full text-left text-sm" data-testid="changed-tasks">
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t("report.col.task")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("published.changed.then")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("published.changed.now")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("published.changed.why")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {changed.map((task) => (
                  <tr key={task.id} className="border-t border-slate-200">
                    <td className="px-2 py-1">
                      <Link to={`/tasks/${task.id}`}>
                        {task.itemNumber}. {task.title}
                      </Link>
                    </td>
                    <td className="px-2 py-1">
                      {task.then ? <StatusBadge status={task.then} /> : t("published.changed.absent")}
                    </td>
                    <td className="px-2 py-1">
                      {task.now ? <StatusBadge status={task.now} /> : t("published.changed.absent")}
                    </td>
                    <td className="px-2 py-1">{task.reasons.map((r) => t(`published.reason.${r}`)).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="counts-heading" className="space-y-2">
        <h2 id="counts-heading" className="text-lg font-semibold">
          {t("published.counts")}
        </h2>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
          {TASK_STATUSES.map((status) => (
            <div key={status} className="rounded border border-slate-200 bg-white p-2">
              <dt className="text-slate-600">{t(`status.${status}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-status-count={status}>
                {content.counts[status]}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="scorecard-heading" className="space-y-2">
        <h2 id="scorecard-heading" className="text-lg font-semibold">
          {t("published.scorecard")}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-2 py-1">
                  {t("scorecard.col.rank")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("scorecard.col.name")}
                </th>
                {SCORECARD_COLUMNS.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 text-right">
                    {t(`scorecard.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {content.scorecard.map((row) => (
                <tr key={row.department.id} className="border-t border-slate-200">
                  <td className="px-2 py-1 tabular-nums">{row.rank}</td>
                  <td className="px-2 py-1">{row.department.name}</td>
                  {SCORECARD_COLUMNS.map((c) => (
                    <td key={c} className="px-2 py-1 text-right tabular-nums">
                      {row.counts[c] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="tasks-heading" className="space-y-2">
        <h2 id="tasks-heading" className="text-lg font-semibold">
          {t("published.tasks", { count: content.tasks.length })}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-2 py-1">
                  {t("report.col.item")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("report.col.task")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("report.col.lead")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("report.col.deadline")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("report.col.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {content.tasks.map((task) => (
                <tr key={task.id} className="border-t border-slate-200">
                  <td className="px-2 py-1">{task.itemNumber}</td>
                  <td className="px-2 py-1">{task.title}</td>
                  <td className="px-2 py-1">{task.lead}</td>
                  <td className="px-2 py-1 tabular-nums">{task.dueDate ? formatLocalDate(task.dueDate) : "—"}</td>
                  <td className="px-2 py-1">
                    <StatusBadge status={task.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
