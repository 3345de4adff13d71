import { z } from "zod";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AsOfForm, BasisNote } from "~/components/as-of-form";
import { asOfForPage, withoutAsOf } from "~/lib/as-of.server";
import { scorecardQueryFromUrl } from "~/server/dashboard-query.server";
import { DashboardFilterFields } from "~/components/dashboard-filters";
import { PrintHeader } from "~/components/print-header";
import { formatLocalDate } from "~/domain/dates";
import { canReadDepartmentFigures } from "~/domain/permissions";
import { useOptionalUser } from "~/components/use-user";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { sharedRead } from "~/server/read-cache.server";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { confirmationBacklog, scorecard, readingDifferences } from "~/models/dashboard.server";
import {
  SCORECARD_COLUMNS,
  SCORECARD_PAGE_SIZE,
  scorecardCellHref,
  startsScorecardGroup,
  type ScorecardSort,
} from "~/lib/scorecard";
import { MAX_PAGE, queryId, queryValues } from "~/lib/query-schemas";
import { badRequest } from "~/lib/http.server";
import { periodYears } from "~/models/periods.server";
import { describeFilters } from "~/models/task-report.server";
import { briefMenus, filterOptions } from "~/models/task-list.server";
import { loadMessages } from "~/lib/messages/catalogs";
import { Pager } from "~/components/pager";

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
  const pageRefusal = (value: string) => t("scorecard.invalidPage", { value: value.slice(0, 20) });
  const requested = queryId(pageRefusal, { positive: true })
    .pipe(z.number().max(MAX_PAGE, pageRefusal(String(url.searchParams.get("page")))))
    .default(1)
    .safeParse(queryValues(url.searchParams, ["page"]).page);
  if (!requested.success) badRequest(requested.error.issues[0]!.message);
  // Shared by users alike until the data changes, as the dashboard's (app/server/read-cache.server.ts).
  const answer = sharedRead(
    db,
    user,
    ["scorecard", locale, asOf, isToday, basis, filters, sort, dir, requested.data, problem],
    (viewer) => {
      const { committees, directives } = filterOptions(db, viewer, filters.directive);
      const described = describeFilters(db, viewer, filters, t);
      // Ranked and sorted over every department, then a page of them: 300 rows of 13 linked
      // figures weighed a megabyte (issue #16, docs/decisions/032). A page past the last is the last.
      const all = scorecard(db, viewer, filters, asOf, isToday, basis, sort, dir);
      const pages = Math.max(1, Math.ceil(all.length / SCORECARD_PAGE_SIZE));
      const page = Math.min(requested.data, pages);
      const shown = all.slice((page - 1) * SCORECARD_PAGE_SIZE, page * SCORECARD_PAGE_SIZE);
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
        options: { ...briefMenus({ committees, directives }, filters), years: periodYears(db, asOf, filters.period) },
        /** For the print header: the scope in words. */
        scope: described.ok ? described.filters : [],
        // Each figure's count only, in the columns' order: the page builds its link (taskListHref).
        rows: shown.map((row) => ({
          id: row.department.id,
          name: row.department.name,
          rank: row.rank,
          counts: SCORECARD_COLUMNS.map((column) => row.figures[column].count),
          onTimeRate: row.onTimeRate,
        })),
        page,
        pages,
        departmentCount: all.length,
        asOfProblem: problem,
      };
    },
  );
  return problem === null ? answer : data(answer, { status: 400 });
}

const NUMBER_COLUMNS = SCORECARD_COLUMNS;
const ruleBefore = (column: ScorecardSort) =>
  column !== "rank" && column !== "name" && column !== "on_time_rate" && startsScorecardGroup(column)
    ? "rule"
    : undefined;

export default function ScorecardPage() {
  const {
    rows,
    page,
    pages,
    departmentCount,
    asOf,
    isToday,
    basis,
    differing,
    backlog,
    filters,
    sort,
    dir,
    options,
    asOfProblem,
    scope,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const user = useOptionalUser();

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
  /** The link a column heading sorts by: the same column again flips the direction (and starts at page 1). */
  const sortHref = (column: ScorecardSort) => {
    const params = scopeParams();
    // Counts read best largest first; rank, name and rate start from the top.
    const natural = column === "rank" || column === "name" ? "asc" : "desc";
    const next = sort === column ? (dir === "asc" ? "desc" : "asc") : natural;
    params.set("sort", column);
    params.set("dir", next);
    return `?${params.toString()}`;
  };
  const pageHref = (to: number) => {
    const params = scopeParams();
    if (sort !== "rank") params.set("sort", sort);
    if (dir !== "asc") params.set("dir", dir);
    if (to > 1) params.set("page", String(to));
    return `?${params.toString()}`;
  };
  const sortHeader = (column: ScorecardSort) => (
    <th
      key={column}
      scope="col"
      className={column === "name" ? "text-left" : ruleBefore(column)}
      aria-sort={sort === column ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link to={sortHref(column)} aria-label={t("scorecard.sortBy", { column: t(`scorecard.col.${column}`) })}>
        {t(`scorecard.col.${column}`)}
        {sort === column && (
          <span aria-hidden="true" className="print:hidden">
            {dir === "asc" ? " ▲" : " ▼"}
          </span>
        )}
      </Link>
    </th>
  );
  const from = (page - 1) * SCORECARD_PAGE_SIZE + 1;

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
        <>
          {pages > 1 && (
            <p className="text-sm text-slate-700">
              {t("common.showing", { from, to: from + rows.length - 1, total: departmentCount })}
            </p>
          )}
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            {/* Cell padding, alignment and figures' digits are the table's (.scorecard-table in
                tailwind.css), not repeated on each of its thousands of cells. */}
            <table className="scorecard-table" data-testid="scorecard">
              <caption className="sr-only">{t("scorecard.caption", { date: formatLocalDate(asOf) })}</caption>
              <thead>
                <tr>
                  {sortHeader("rank")}
                  {sortHeader("name")}
                  {NUMBER_COLUMNS.map(sortHeader)}
                  {sortHeader("on_time_rate")}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-department-id={row.id}>
                    <td>{row.rank}</td>
                    <th scope="row">
                      {user !== null && canReadDepartmentFigures(user, row.id) ? (
                        <Link to={`/departments/${row.id}`}>{row.name}</Link>
                      ) : (
                        row.name
                      )}
                    </th>
                    {NUMBER_COLUMNS.map((column, i) => {
                      const count = row.counts[i]!;
                      // The cell's row and column headings name the figure to assistive technology;
                      // discovery of /tasks happens on the first click rather than per link.
                      return (
                        <td key={column} className={ruleBefore(column)} data-column={column}>
                          <Link
                            to={scorecardCellHref({ filters, asOf, isToday, basis }, row.id, column)}
                            discover="none"
                            className={column === "overdue" && count > 0 ? "overdue" : undefined}
                          >
                            {formatNumber(locale, count)}
                          </Link>
                        </td>
                      );
                    })}
                    <td>
                      {row.onTimeRate === null
                        ? t("common.none")
                        : formatNumber(locale, row.onTimeRate, { style: "percent", maximumFractionDigits: 1 })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pages={pages} href={pageHref} />
        </>
      )}
      <p className="text-sm" data-testid="secretariat-backlog">
        <Link to={backlog.href}>{t("scorecard.backlog", { count: backlog.count, days: backlog.workingDays })}</Link>
      </p>
    </div>
  );
}
