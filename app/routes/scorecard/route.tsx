import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AsOfForm, BasisNote } from "~/components/as-of-form";
import { asOfForPage, withoutAsOf } from "~/lib/as-of.server";
import { scorecardQueryFromUrl } from "~/lib/dashboard-query.server";
import { DashboardFilterFields } from "~/components/dashboard-filters";
import { PrintHeader } from "~/components/print-header";
import { formatLocalDate } from "~/domain/dates";
import { canReadDepartmentFigures } from "~/domain/permissions";
import { useOptionalUser } from "~/lib/use-user";
import { requirePermission } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { sharedRead } from "~/lib/read-cache.server";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { confirmationBacklog, scorecard, readingDifferences } from "~/models/dashboard.server";
import { SCORECARD_COLUMNS, startsScorecardGroup, type ScorecardSort } from "~/lib/scorecard";
import { periodYears } from "~/models/periods.server";
import { describeFilters } from "~/models/task-report.server";
import { filterOptions } from "~/models/task-list.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "dashboard", "leadership", "report") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "dashboard.read");
  const { t, locale } = await getTranslator(request);
  const url = new URL(request.url);
  const db = getDb();
  // A day it cannot read: today's figures, the message on the form with the filters kept, and a 400.
  const { problem } = asOfForPage(url, t);
  const { asOf, isToday, basis, filters, sort, dir } = scorecardQueryFromUrl(
    problem === null ? url : withoutAsOf(url),
    t,
    db,
    user,
  );
  // Shared by users alike until the data changes, as the dashboard's (app/lib/read-cache.server.ts).
  const answer = sharedRead(
    db,
    user,
    ["scorecard", locale, asOf, isToday, basis, filters, sort, dir, problem],
    (viewer) => {
      const { committees, directives } = filterOptions(db, viewer, filters.directive);
      const described = describeFilters(db, viewer, filters, t);
      return {
        title: `${t("scorecard.title")} — ${t("app.name")}`,
        asOf,
        isToday,
        basis,
        differing: readingDifferences(db, viewer, filters, asOf, isToday, basis),
        // The secretariat's own line: completions it has left waiting (rule 3).
        backlog: confirmationBacklog(db, viewer, filters, asOf, isToday, basis),
        filters,
        sort,
        dir,
        options: { committees, directives, years: periodYears(db, asOf, filters.period) },
        /** For the print header: the scope in words. */
        scope: described.ok ? described.filters : [],
        rows: scorecard(db, viewer, filters, asOf, isToday, basis, sort, dir),
        asOfProblem: problem,
      };
    },
  );
  return problem === null ? answer : data(answer, { status: 400 });
}

const NUMBER_COLUMNS = SCORECARD_COLUMNS;
const ruleBefore = (column: (typeof SCORECARD_COLUMNS)[number]) =>
  startsScorecardGroup(column) ? "border-l border-slate-200" : "";

export default function ScorecardPage() {
  const { rows, asOf, isToday, basis, differing, backlog, filters, sort, dir, options, asOfProblem, scope } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const user = useOptionalUser();

  /** The link a column heading sorts by: the same column again flips the direction. */
  /** The page's scope in a query string: committee, directive, period and the day (not today). */
  const scopeParams = () => {
    const params = new URLSearchParams();
    if (filters.committee !== undefined) params.set("committee", String(filters.committee));
    if (filters.directive !== undefined) params.set("directive", String(filters.directive));
    if (filters.period !== undefined) params.set("period", filters.period);
    if (!isToday) params.set("asOf", asOf);
    return params;
  };
  const exportHref = (format: "xlsx" | "csv") => {
    const params = scopeParams();
    if (sort !== "rank") params.set("sort", sort);
    if (dir !== "asc") params.set("dir", dir);
    params.set("format", format);
    return `/scorecard/export?${params.toString()}`;
  };
  const sortHref = (column: ScorecardSort) => {
    const params = scopeParams();
    // Counts read best largest first; rank, name and rate start from the top.
    const natural = column === "rank" || column === "name" ? "asc" : "desc";
    const next = sort === column ? (dir === "asc" ? "desc" : "asc") : natural;
    params.set("sort", column);
    params.set("dir", next);
    return `?${params.toString()}`;
  };
  const header = (column: ScorecardSort, alignRight = true) => (
    <th
      scope="col"
      className={`px-2 py-2 align-bottom ${alignRight ? "text-right" : "text-left"}`}
      aria-sort={sort === column ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        to={sortHref(column)}
        className="text-slate-800"
        aria-label={t("scorecard.sortBy", { column: t(`scorecard.col.${column}`) })}
      >
        {t(`scorecard.col.${column}`)}
        {sort === column && (
          <span aria-hidden="true" className="print:hidden">
            {dir === "asc" ? " ▲" : " ▼"}
          </span>
        )}
      </Link>
    </th>
  );

  return (
    <div className="space-y-4">
      <PrintHeader title={t("print.titleScorecard")} asOf={asOf} scope={scope} />
      <div className="space-y-3">
        <div className="print:hidden">
          <h1 className="text-2xl font-semibold">{t("scorecard.title")}</h1>
          <p className="max-w-3xl text-sm text-slate-700">{t("scorecard.intro", { date: formatLocalDate(asOf) })}</p>
          <p className="max-w-3xl text-sm text-slate-700">{t("scorecard.columnsNote")}</p>
        </div>
        <AsOfForm asOf={asOf} isToday={isToday} basis={basis} problem={asOfProblem}>
          <DashboardFilterFields options={options} values={filters} />
          {sort !== "rank" && <input type="hidden" name="sort" value={sort} />}
          {dir !== "asc" && <input type="hidden" name="dir" value={dir} />}
        </AsOfForm>
        <BasisNote asOf={asOf} isToday={isToday} basis={basis} differing={differing} />
      </div>
      <p className="no-print flex gap-4 text-sm" title={t("scorecardReport.download.hint")}>
        <a href={exportHref("xlsx")} download>
          {t("report.download.xlsx")}
        </a>
        <a href={exportHref("csv")} download>
          {t("report.download.csv")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("scorecard.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="scorecard">
            <caption className="sr-only">{t("scorecard.caption", { date: formatLocalDate(asOf) })}</caption>
            <thead className="bg-slate-50 text-xs font-semibold text-slate-700">
              <tr>
                {header("rank")}
                {header("name", false)}
                {NUMBER_COLUMNS.map((column) => (
                  <th
                    key={column}
                    scope="col"
                    className={`px-2 py-2 text-right align-bottom ${ruleBefore(column)}`}
                    aria-sort={sort === column ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <Link
                      to={sortHref(column)}
                      className="text-slate-800"
                      aria-label={t("scorecard.sortBy", { column: t(`scorecard.col.${column}`) })}
                    >
                      {t(`scorecard.col.${column}`)}
                      {sort === column && (
                        <span aria-hidden="true" className="print:hidden">
                          {dir === "asc" ? " ▲" : " ▼"}
                        </span>
                      )}
                    </Link>
                  </th>
                ))}
                {header("on_time_rate")}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.department.id} data-department-id={row.department.id}>
                  <td className="px-2 py-2 text-right tabular-nums">{row.rank}</td>
                  <th scope="row" className="px-2 py-2 text-left font-medium">
                    {user !== null && canReadDepartmentFigures(user, row.department.id) ? (
                      <Link to={`/departments/${row.department.id}`} className="text-slate-900">
                        {row.department.name}
                      </Link>
                    ) : (
                      row.department.name
                    )}
                  </th>
                  {NUMBER_COLUMNS.map((column) => {
                    const figure = row.figures[column];
                    return (
                      <td
                        key={column}
                        className={`px-2 py-2 text-right tabular-nums ${ruleBefore(column)}`}
                        data-column={column}
                      >
                        <Link
                          to={figure.href}
                          aria-label={t("scorecard.cellLabel", {
                            department: row.department.name,
                            count: formatNumber(locale, figure.count),
                            column: t(`scorecard.col.${column}`),
                          })}
                          className={column === "overdue" && figure.count > 0 ? "font-semibold text-red-800" : ""}
                        >
                          {formatNumber(locale, figure.count)}
                        </Link>
                      </td>
                    );
                  })}
                  <td className="px-2 py-2 text-right tabular-nums">
                    {row.onTimeRate === null
                      ? t("common.none")
                      : formatNumber(locale, row.onTimeRate, { style: "percent", maximumFractionDigits: 1 })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm" data-testid="secretariat-backlog">
        <Link to={backlog.href}>{t("scorecard.backlog", { count: backlog.count, days: backlog.workingDays })}</Link>
      </p>
    </div>
  );
}
