import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AsOfForm } from "~/components/as-of-form";
import { DashboardFilterFields } from "~/components/dashboard-filters";
import { STATUS_STYLE } from "~/components/status-badge";
import { StatusSummary } from "~/components/status-summary";
import { TargetBar } from "~/components/target-bar";
import { formatLocalDate } from "~/domain/dates";
import { SET_ASIDE_STATUSES, TASK_STATUSES, type TaskStatus } from "~/domain/vocabulary";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { asOfFromUrl } from "~/lib/as-of.server";
import { getDb } from "~/lib/db.server";
import { getTranslator } from "~/lib/locale.server";
import { requirePermission } from "~/lib/auth.server";
import { getStatusRules } from "~/models/settings.server";
import {
  dashboardFigures,
  dashboardFiltersFromUrl,
  directiveProgress,
  taskListHref,
  type Figure,
} from "~/models/dashboard.server";
import { filterOptions } from "~/routes/tasks._index/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "dashboard.read");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const { asOf, isToday } = asOfFromUrl(url, t);
  const db = getDb();
  const filters = dashboardFiltersFromUrl(url, t, db, user);
  const rules = getStatusRules(db);
  return {
    title: `${t("dashboard.title")} — ${t("app.name")}`,
    asOf,
    isToday,
    filters,
    options: filterOptions(db, user, filters.directive),
    figures: dashboardFigures(db, user, filters, asOf, isToday, rules),
    ...(() => {
      const { directives, more } = directiveProgress(db, user, filters, asOf, rules);
      return {
        moreDirectives: more,
        directives: directives.map((d) => ({
          ...d,
          links: Object.fromEntries(
            TASK_STATUSES.map((status) => [
              status,
              taskListHref({ ...filters, directive: d.id, status }, asOf, isToday),
            ]),
          ) as Record<TaskStatus, string>,
        })),
      };
    })(),
  };
}

const COUNTED: TaskStatus[] = TASK_STATUSES.filter((s) => !(SET_ASIDE_STATUSES as readonly TaskStatus[]).includes(s));

function Stat({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">
        {children}
        {hint && <span className="ml-2 text-xs font-normal text-slate-600">{hint}</span>}
      </dd>
    </div>
  );
}

export default function Dashboard() {
  const { figures, directives, moreDirectives, asOf, isToday, filters, options } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const percent = (value: number | null) =>
    value === null ? t("common.none") : formatNumber(locale, value, { style: "percent", maximumFractionDigits: 1 });
  const figureLink = (figure: Figure, label: string) => (
    <Link to={figure.href} aria-label={`${formatNumber(locale, figure.count)} — ${label}`}>
      {formatNumber(locale, figure.count)}
    </Link>
  );
  const scopeQuery = new URLSearchParams();
  if (filters.committee !== undefined) scopeQuery.set("committee", String(filters.committee));
  if (filters.directive !== undefined) scopeQuery.set("directive", String(filters.directive));
  if (!isToday) scopeQuery.set("asOf", asOf);
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
          <p className="text-sm text-slate-700">{t("dashboard.countsCaption", { date: formatLocalDate(asOf) })}</p>
        </div>
        <AsOfForm asOf={asOf} isToday={isToday}>
          <DashboardFilterFields options={options} values={filters} />
        </AsOfForm>
      </div>

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-lg font-semibold">
          {t("dashboard.countsHeading")}
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {COUNTED.map((status) => (
            <li key={status}>
              <Link
                to={figures.byStatus[status].href}
                aria-label={`${figures.byStatus[status].count} ${t(`status.${status}`)} — ${t("dashboard.openList", { status: t(`status.${status}`) })}`}
                className={`flex h-full flex-col rounded-lg p-3 no-underline ring-1 ring-inset hover:no-underline ${STATUS_STYLE[status].className}`}
                data-status={status}
              >
                <span className="text-3xl font-bold tabular-nums">
                  {formatNumber(locale, figures.byStatus[status].count)}
                </span>
                <span className="text-sm font-medium">
                  <span aria-hidden="true">{STATUS_STYLE[status].symbol}</span> {t(`status.${status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <Stat label={t("dashboard.total")}>{figureLink(figures.total, t("dashboard.total"))}</Stat>
          <Stat label={t("dashboard.counted")}>{formatNumber(locale, figures.counted)}</Stat>
          <Stat label={t("dashboard.completionRate")} hint={t("dashboard.completionRateHint")}>
            {percent(figures.completionRate)}
          </Stat>
          <Stat label={t("dashboard.onTimeRate")} hint={t("dashboard.onTimeRateHint")}>
            {percent(figures.onTimeRate)}
          </Stat>
          <Stat label={t("dashboard.stale")}>{figureLink(figures.stale, t("dashboard.stale"))}</Stat>
          <Stat label={t("dashboard.awaiting")}>{figureLink(figures.awaiting, t("dashboard.awaiting"))}</Stat>
          <Stat label={t("dashboard.pendingExtensions")}>
            <a href="#extensions-heading">{formatNumber(locale, figures.pendingExtensions)}</a>
          </Stat>
          <Stat label={t("dashboard.setAside")}>
            {formatNumber(locale, figures.counts.on_hold + figures.counts.cancelled)}
          </Stat>
        </dl>
        <p className="text-sm">
          <Link to={`/scorecard${scopeQuery.size > 0 ? `?${scopeQuery.toString()}` : ""}`}>
            {t("dashboard.scorecardLink")}
          </Link>
        </p>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <TaskListSection
          id="overdue-heading"
          title={t("dashboard.overdueHeading")}
          rows={figures.overdue}
          all={figures.byStatus.overdue}
          suffix={isToday ? "" : `?asOf=${asOf}`}
          last={{ label: t("dashboard.col.daysLate"), value: (r) => formatNumber(locale, r.daysLate) }}
        />
        <TaskListSection
          id="due-soon-heading"
          title={t("dashboard.dueSoonHeading")}
          rows={figures.dueSoon}
          all={figures.byStatus.due_soon}
          suffix={isToday ? "" : `?asOf=${asOf}`}
          last={{ label: t("dashboard.col.dueDate"), value: (r) => (r.dueDate ? formatLocalDate(r.dueDate) : "") }}
        />
      </div>

      <section aria-labelledby="extensions-heading" className="space-y-2">
        <h2 id="extensions-heading" className="text-lg font-semibold">
          {t("dashboard.extensionsHeading")} ({formatNumber(locale, figures.pendingExtensions)})
        </h2>
        {figures.pendingExtensionList.length === 0 ? (
          <p className="text-sm text-slate-700">{t("dashboard.nothing")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {figures.pendingExtensionList.map((e) => (
              <li key={e.id}>
                <Link to={`/tasks/${e.taskId}${isToday ? "" : `?asOf=${asOf}`}`}>{e.title}</Link> — {e.departmentName} —{" "}
                {t("dashboard.col.proposedDueDate")}: {formatLocalDate(e.proposedDueDate)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {figures.targets.length > 0 && (
        <section aria-labelledby="targets-heading" className="space-y-3">
          <h2 id="targets-heading" className="text-lg font-semibold">
            {t("dashboard.targetsHeading")}
          </h2>
          <ul className="grid gap-4 md:grid-cols-2">
            {figures.targets.map((target) => (
              <li key={target.id} className="rounded-lg border border-slate-200 bg-white p-3">
                <TargetBar target={target} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="directives-heading" className="space-y-3">
        <h2 id="directives-heading" className="text-lg font-semibold">
          {t("dashboard.directivesHeading")}
        </h2>
        {moreDirectives && (
          <p className="text-sm text-slate-700">
            {t("dashboard.directivesNewest", { count: directives.length })}{" "}
            <Link to={`/directives${isToday ? "" : `?asOf=${asOf}`}`}>{t("dashboard.directivesAll")}</Link>
          </p>
        )}
        <ul className="space-y-3">
          {directives.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3" data-directive-id={d.id}>
              <p className="text-sm">
                <Link to={`/directives/${d.id}${isToday ? "" : `?asOf=${asOf}`}`} className="font-medium">
                  {d.number ?? t("directives.noNumber")}
                </Link>{" "}
                — {d.abstract}
              </p>
              <div className="mt-2">
                <StatusSummary counts={d.counts} linkFor={(status) => d.links[status]} />
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

interface ListedTask {
  id: number;
  title: string;
  dueDate: string | null;
  daysLate: number;
  department: { id: number; name: string };
}

function TaskListSection({
  id,
  title,
  rows,
  all,
  suffix,
  last,
}: {
  id: string;
  title: string;
  rows: ListedTask[];
  all: Figure;
  suffix: string;
  last: { label: string; value: (row: ListedTask) => string };
}) {
  const t = useT();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("dashboard.nothing")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("dashboard.col.task")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("dashboard.col.department")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {last.label}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-3 py-2">
                    <Link to={`/tasks/${row.id}${suffix}`}>{row.title}</Link>
                  </td>
                  <td className="px-3 py-2">{row.department.name}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{last.value(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {all.count > rows.length && (
        <p className="text-sm">
          <Link to={all.href}>{t("dashboard.showAll", { count: all.count })}</Link>
        </p>
      )}
    </section>
  );
}
