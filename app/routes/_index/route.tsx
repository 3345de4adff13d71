import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AsOfForm, BasisNote } from "~/components/as-of-form";
import { DashboardFilterFields } from "~/components/dashboard-filters";
import { STATUS_SYMBOL, statusClass } from "~/components/status-badge";
import { DirectiveProgressLine } from "~/components/directive-progress";
import { PrintButton } from "~/components/print-button";
import { PrintHeader } from "~/components/print-header";
import { TrendChart } from "~/components/trend-chart";
import { trendChartGeometry } from "~/components/trend-chart-geometry.server";
import { TargetBar } from "~/components/target-bar";
import { formatLocalDate } from "~/domain/dates";
import { directiveProgressLinks } from "~/lib/task-list-href";
import { SET_ASIDE_STATUSES, TASK_STATUSES, type TaskStatus } from "~/domain/vocabulary";
import { canReadDepartmentFigures } from "~/domain/permissions";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { useAsOfQuery } from "~/lib/use-as-of-link";
import { titleMeta } from "~/lib/meta";
import { asOfForPage } from "~/lib/as-of.server";
import { dashboardFiltersFromUrl } from "~/server/dashboard-query.server";
import { getDb } from "~/models/db.server";
import { sharedRead } from "~/server/read-cache.server";
import { getTranslator } from "~/lib/locale.server";
import { requirePermission } from "~/server/auth.server";
import {
  DASHBOARD_DIRECTIVE_LIMIT,
  dashboardFigures,
  type Figure,
  readingDifferences,
  confirmationBacklog,
} from "~/models/dashboard.server";
import { directiveProgressByLevel } from "~/models/directive-progress.server";
import { periodYears } from "~/models/periods.server";
import { describeFilters } from "~/models/task-report.server";
import { monthlyTrend } from "~/models/trend.server";
import { briefMenus, filterOptions } from "~/models/task-list.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = {
  messages: await loadMessages(
    "common",
    "dashboard",
    "duties",
    "fanout",
    "leadership",
    "performance",
    "reminders",
    "report",
  ),
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "dashboard.read");
  const { t, locale } = await getTranslator(request);
  const url = new URL(request.url);
  const { asOf, isToday, basis, problem } = asOfForPage(url, t);
  const db = getDb();
  const filters = dashboardFiltersFromUrl(url, t, db, user);
  // What a user sees depends on their role and department only (app/models/visibility.server.ts),
  // so users alike share the answer until the data changes (app/server/read-cache.server.ts).
  const answer = sharedRead(db, user, ["dashboard", locale, asOf, isToday, basis, filters, problem], (viewer) => {
    const options = filterOptions(db, viewer, filters.directive, [filters.department]);
    const described = describeFilters(db, viewer, filters, t);
    const trend = monthlyTrend(db, viewer, filters, asOf, isToday, basis);
    // The newest few directives; "see all" when there are more.
    const shown = directiveProgressByLevel(db, viewer, filters, asOf, basis, DASHBOARD_DIRECTIVE_LIMIT + 1);
    return {
      title: `${t("dashboard.title")} — ${t("app.name")}`,
      asOf,
      isToday,
      basis,
      differing: readingDifferences(db, viewer, filters, asOf, isToday, basis),
      backlog: confirmationBacklog(db, viewer, filters, asOf, isToday, basis),
      filters,
      options: {
        ...briefMenus(
          {
            ...options,
            // A department user's figures are their department's: the only lead unit to narrow to.
            departments: options.departments.filter((d) => canReadDepartmentFigures(viewer, d.id)),
          },
          { departments: [filters.department], directive: filters.directive },
        ),
        years: periodYears(db, asOf, filters.period),
      },
      /** For the print header: the scope in words. */
      scope: described.ok ? described.filters : [],
      figures: dashboardFigures(db, viewer, filters, asOf, isToday, basis),
      trend,
      trendChart: trendChartGeometry(trend),
      directives: shown.slice(0, DASHBOARD_DIRECTIVE_LIMIT),
      moreDirectives: shown.length > DASHBOARD_DIRECTIVE_LIMIT,
      asOfProblem: problem,
    };
  });
  // A day it cannot read: today's figures, the message on the form with the filters kept, and a 400.
  return problem === null ? answer : data(answer, { status: 400 });
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

// The page's links carry `discover="none"`: their routes are discovered on the first click
// rather than once per link, which weighed 5 kB of markup (issue #16).
export default function Dashboard() {
  const {
    figures,
    trend,
    trendChart,
    directives,
    moreDirectives,
    asOf,
    isToday,
    basis,
    differing,
    backlog,
    filters,
    options,
    scope,
    asOfProblem,
  } = useLoaderData<typeof loader>();
  const t = useT();
  // A task opened from a past day opens as of that day, in the same reading.
  const taskQuery = useAsOfQuery();
  const locale = useLocale();
  const percent = (value: number | null) =>
    value === null ? t("common.none") : formatNumber(locale, value, { style: "percent", maximumFractionDigits: 1 });
  const figureLink = (figure: Figure, label: string) => (
    <Link discover="none" to={figure.href} aria-label={`${formatNumber(locale, figure.count)} — ${label}`}>
      {formatNumber(locale, figure.count)}
    </Link>
  );
  const scopeQuery = new URLSearchParams();
  if (filters.committee !== undefined) scopeQuery.set("committee", String(filters.committee));
  if (filters.directive !== undefined) scopeQuery.set("directive", String(filters.directive));
  if (filters.period !== undefined) scopeQuery.set("period", filters.period);
  if (!isToday) scopeQuery.set("asOf", asOf);
  return (
    <div className="dashboard space-y-6">
      <PrintHeader title={t("print.title")} asOf={asOf} scope={scope} />
      <div className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold print:hidden">{t("dashboard.title")}</h1>
            <p className="text-sm text-slate-700 print:hidden">
              {t("dashboard.countsCaption", { date: formatLocalDate(asOf) })}
            </p>
          </div>
          <PrintButton />
        </div>
        <AsOfForm asOf={asOf} isToday={isToday} basis={basis} problem={asOfProblem}>
          <DashboardFilterFields options={options} values={filters} />
        </AsOfForm>
        <BasisNote asOf={asOf} isToday={isToday} basis={basis} differing={differing} />
      </div>

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-lg font-semibold">
          {t("dashboard.countsHeading")}
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {COUNTED.map((status) => (
            <li key={status}>
              <Link
                discover="none"
                to={figures.byStatus[status].href}
                aria-label={`${figures.byStatus[status].count} ${t(`status.${status}`)} — ${t("dashboard.openList", { status: t(`status.${status}`) })}`}
                className={`flex h-full flex-col rounded-lg p-3 no-underline ring-1 ring-inset hover:no-underline ${statusClass(status)}`}
                data-status={status}
              >
                <span className="text-3xl font-bold tabular-nums">
                  {formatNumber(locale, figures.byStatus[status].count)}
                </span>
                <span className="text-sm font-medium">
                  <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {t(`status.${status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4 print:grid-cols-4">
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
        <p className="no-print text-sm">
          <Link discover="none" to={`/scorecard${scopeQuery.size > 0 ? `?${scopeQuery.toString()}` : ""}`}>
            {t("dashboard.scorecardLink")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="trend-heading" className="space-y-2 print:break-inside-avoid">
        <h2 id="trend-heading" className="text-lg font-semibold">
          {t("trend.heading")}
        </h2>
        <TrendChart months={trend} geometry={trendChart} asOf={asOf} headingId="trend-heading" />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <TaskListSection
          id="overdue-heading"
          title={t("dashboard.overdueHeading")}
          rows={figures.overdue}
          all={figures.byStatus.overdue}
          suffix={taskQuery}
          last={{ label: t("dashboard.col.daysLate"), value: (r) => formatNumber(locale, r.daysLate) }}
        />
        <TaskListSection
          id="due-soon-heading"
          title={t("dashboard.dueSoonHeading")}
          rows={figures.dueSoon}
          all={figures.byStatus.due_soon}
          suffix={taskQuery}
          last={{ label: t("dashboard.col.dueDate"), value: (r) => (r.dueDate ? formatLocalDate(r.dueDate) : "") }}
        />
      </div>

      <EscalatedSection escalated={figures.escalated} suffix={taskQuery} />
      <BacklogSection backlog={backlog} suffix={taskQuery} />

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
                {/* In a line of text a link is told apart by more than its colour (axe: link-in-text-block). */}
                <Link discover="none" to={`/tasks/${e.taskId}${taskQuery}`} className="underline">
                  {e.title}
                </Link>{" "}
                — {e.departmentName} — {/* One message, one text: label and day are never read (or extracted) apart. */}
                {t("dashboard.proposedDueDateLine", { date: formatLocalDate(e.proposedDueDate) })}
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
            <Link discover="none" to={`/directives${taskQuery}`}>
              {t("dashboard.directivesAll")}
            </Link>
          </p>
        )}
        <ul className="space-y-3">
          {directives.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3" data-directive-id={d.id}>
              <p className="text-sm">
                <Link discover="none" to={`/directives/${d.id}${taskQuery}`} className="font-medium">
                  {d.number ?? t("directives.noNumber")}
                </Link>{" "}
                — {d.abstract}
              </p>
              <div className="mt-2">
                <DirectiveProgressLine
                  top={d.top}
                  sub={d.sub}
                  items={d.items}
                  units={d.units}
                  periods={d.periods}
                  {...directiveProgressLinks(d.id, filters, asOf, isToday, basis)}
                />
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Backlog = ReturnType<typeof useLoaderData<typeof loader>>["backlog"];

/** The secretariat's own delay: completions waiting for its confirmation longer than its working days. */
function BacklogSection({ backlog, suffix }: { backlog: Backlog; suffix: string }) {
  const t = useT();
  const locale = useLocale();
  const heading = t("dashboard.backlogHeading", { days: backlog.workingDays });
  return (
    <section aria-labelledby="backlog-heading" className="space-y-2" data-testid="confirmation-backlog">
      <h2 id="backlog-heading" className="text-lg font-semibold">
        {heading} (
        <Link
          discover="none"
          to={backlog.href}
          aria-label={`${formatNumber(locale, backlog.count)} — ${heading}`}
          className="underline"
        >
          {formatNumber(locale, backlog.count)}
        </Link>
        )
      </h2>
      <p className="text-sm text-slate-700">{t("dashboard.backlogCaption")}</p>
      {backlog.rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("dashboard.nothing")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {backlog.rows.map((row) => (
            <li key={row.id}>
              <Link discover="none" to={`/tasks/${row.id}${suffix}`} className="underline">
                {row.title}
              </Link>{" "}
              — {row.department.name} —{" "}
              {t("dashboard.backlogLine", {
                date: formatLocalDate(row.reportedOn),
                days: formatNumber(locale, row.workingDaysWaited),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Escalated = ReturnType<typeof useLoaderData<typeof loader>>["figures"]["escalated"];

/** Leadership's list: overdue tasks whose 3rd (or later) reminder went unanswered, the figure linked to exactly them. */
function EscalatedSection({ escalated, suffix }: { escalated: Escalated; suffix: string }) {
  const t = useT();
  const locale = useLocale();
  const heading = t("dashboard.escalatedHeading");
  return (
    <section aria-labelledby="escalated-heading" className="space-y-2" data-testid="escalated">
      <h2 id="escalated-heading" className="text-lg font-semibold">
        {heading} (
        <Link
          discover="none"
          to={escalated.href}
          aria-label={`${formatNumber(locale, escalated.count)} — ${heading}`}
          className="underline"
        >
          {formatNumber(locale, escalated.count)}
        </Link>
        )
      </h2>
      <p className="text-sm text-slate-700">{t("dashboard.escalatedCaption")}</p>
      {escalated.rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("dashboard.nothing")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-red-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-red-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("dashboard.col.task")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("dashboard.col.department")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("dashboard.col.reminder")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("dashboard.col.daysLate")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {escalated.rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-3 py-2">
                    <Link discover="none" to={`/tasks/${row.id}${suffix}`}>
                      {row.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{row.department.name}</td>
                  <td className="px-3 py-2">
                    {row.reminder
                      ? t("dashboard.reminderOrdinal", {
                          ordinal: row.reminder.ordinal,
                          department: row.reminder.department,
                        })
                      : ""}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {formatNumber(locale, row.daysLate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {escalated.count > escalated.rows.length && (
        <p className="text-sm">
          <Link discover="none" to={escalated.href}>
            {t("dashboard.showAll", { count: escalated.count })}
          </Link>
        </p>
      )}
    </section>
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
                    <Link discover="none" to={`/tasks/${row.id}${suffix}`}>
                      {row.title}
                    </Link>
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
          <Link discover="none" to={all.href}>
            {t("dashboard.showAll", { count: all.count })}
          </Link>
        </p>
      )}
    </section>
  );
}
