import { directiveChoices, FilterSelect, namedChoices, useFilterMenus } from "~/components/filter-select";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { BasisNote, BasisSelect } from "~/components/as-of-form";
import { flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { PhoneToggle, usePhoneDisclosure } from "~/components/phone-disclosure";
import { PrintHeader } from "~/components/print-header";
import { formatLocalDate } from "~/domain/dates";
import type { Actor } from "~/domain/permissions";
import { TASK_LEVELS, TASK_STATUSES } from "~/domain/vocabulary";
import { PeriodField } from "~/components/period-field";
import { requirePermission } from "~/server/auth.server";
import { asOfForPage } from "~/lib/as-of.server";
import { getDb } from "~/models/db.server";
import { sharedRead } from "~/server/read-cache.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { readingDifferences } from "~/models/dashboard.server";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { periodYears } from "~/models/periods.server";
import { describeFilters } from "~/models/task-report.server";
import { taskColumns, toListRow } from "./columns";
import { briefMenus, filterOptions, listTasks } from "~/models/task-list.server";
import { taskListQueryFromUrl } from "~/lib/task-list-query";
import { PAGE_SIZES, withParams } from "~/lib/task-list-state";
import { loadMessages } from "~/lib/messages/catalogs";
import { Pager } from "~/components/pager";

export const handle = {
  messages: await loadMessages("common", "duties", "fanout", "leadership", "reminders", "report"),
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

/** The list's page of tasks with each row cut to what the table shows (columns.tsx `toListRow`). */
const listed = <T extends { rows: Parameters<typeof toListRow>[0][] }>(list: T) => ({
  ...list,
  rows: list.rows.map(toListRow),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const { t, locale } = await getTranslator(request);
  const url = new URL(request.url);
  const { asOf, isToday, basis, problem } = asOfForPage(url, t);
  const parsed = taskListQueryFromUrl(url, t);
  if (!parsed.ok) badRequest(parsed.message);
  const db = getDb();
  // An unknown department, directive or committee (or a directive the user may not see)
  // is a 404 with a message that does not say which of the two, as in the exports.
  const named = describeFilters(db, user, parsed.query, t);
  if (!named.ok) throw data({ message: named.message }, { status: 404 });
  const describedFor = (viewer: Actor) => {
    const described = describeFilters(db, viewer, parsed.query, t);
    return described.ok ? described.named : [];
  };
  // Shared by users who see the same tasks until the data changes (app/server/read-cache.server.ts).
  const answer = sharedRead(db, user, ["tasks", locale, asOf, isToday, basis, parsed.query, problem], (viewer) => ({
    title: `${t("tasks.title")} — ${t("app.name")}`,
    asOfProblem: problem,
    asOf,
    isToday,
    basis,
    differing: readingDifferences(
      db,
      viewer,
      {
        directive: parsed.query.directive,
        committee: parsed.query.committee,
        department: parsed.query.department,
        period: parsed.query.period,
        level: parsed.query.level,
      },
      asOf,
      isToday,
      basis,
    ),
    query: parsed.query,
    // The filters in words: the chips above the list and the print header (the ids were checked above).
    activeFilters: describedFor(viewer),
    ...listed(listTasks(db, viewer, parsed.query, asOf, basis)),
    options: {
      ...briefMenus(
        filterOptions(db, viewer, parsed.query.directive, [parsed.query.department, parsed.query.coordinator]),
        { departments: [parsed.query.department, parsed.query.coordinator], directive: parsed.query.directive },
      ),
      years: periodYears(db, asOf, parsed.query.period),
    },
  }));
  // A day it cannot read: today's list, the message on the form with the filters kept, and a 400.
  return problem === null ? answer : data(answer, { status: 400 });
}

const fieldClass = "w-full min-w-0 rounded border border-slate-400 px-2 py-1.5";

export default function TasksPage() {
  const {
    rows,
    rowCount,
    page,
    pages,
    size,
    query,
    options,
    asOf,
    isToday,
    basis,
    differing,
    asOfProblem,
    activeFilters,
  } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const t = useT();
  const menus = useFilterMenus(options);
  // On a phone the filters wait behind "Lọc" (open while the as-of day needs correcting); the chips show what is on.
  const filters = usePhoneDisclosure(asOfProblem !== null);
  const sorting: SortingState = [{ id: query.sort ?? "deadline", desc: query.dir === "desc" }];
  const table = useReactTable({
    data: rows,
    columns: taskColumns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize: size } },
  });
  const activeSort = query.sort ?? "deadline";
  const from = rowCount === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(rowCount, page * size);
  return (
    <div className="space-y-4">
      <PrintHeader title={t("print.titleTasks")} asOf={asOf} scope={activeFilters.map((filter) => filter.text)} />
      <h1 className="text-2xl font-semibold print:hidden">{t("tasks.title")}</h1>
      <div className="no-print flex flex-wrap items-center gap-2 text-sm">
        <PhoneToggle
          open={filters.open}
          onToggle={filters.toggle}
          controls={filters.panel.id}
          className="min-h-11 items-center gap-1.5 rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-800"
        >
          {t("common.filter")}
          {activeFilters.length > 0 && (
            <span className="rounded-full bg-brand-700 px-1.5 text-xs font-bold text-white">
              <span className="sr-only">{t("tasks.filter.activeCount", { count: activeFilters.length })}</span>
              <span aria-hidden="true">{activeFilters.length}</span>
            </span>
          )}
        </PhoneToggle>
        {activeFilters.length > 0 && (
          <ul aria-label={t("tasks.filter.active")} className="flex flex-wrap gap-2" data-testid="filter-chips">
            {activeFilters.map((filter) => (
              <li key={filter.params.join()}>
                {/* The whole chip removes its filter; its name says so, its face shows the filter and "×". */}
                <Link
                  to={withParams(search, Object.fromEntries(filter.params.map((param) => [param, null])))}
                  className="flex min-h-8 items-center gap-1.5 rounded-full border border-slate-300 bg-white px-3 py-0.5 text-slate-900 no-underline hover:bg-slate-100 hover:no-underline"
                >
                  <span className="sr-only">{t("tasks.filter.remove", { filter: filter.text })}</span>
                  <span aria-hidden="true">{filter.text}</span>
                  <span aria-hidden="true" className="text-slate-700">
                    ×
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Form
        // Its fields start from the URL (defaultValue): a new view (a chip removed, "Xóa bộ lọc") renders them anew.
        key={search.toString()}
        method="get"
        {...filters.panel}
        className="phone-collapsible no-print grid gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-2 lg:grid-cols-4"
      >
        {query.sort && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir && <input type="hidden" name="dir" value={query.dir} />}
        <FilterSelect
          label={t("tasks.filter.status")}
          name="status"
          value={query.status}
          allLabel={t("common.all")}
          choices={TASK_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          className={fieldClass}
        />
        <FilterSelect
          label={t("tasks.filter.department")}
          name="department"
          value={query.department}
          allLabel={t("common.all")}
          choices={namedChoices(menus.departments)}
          className={fieldClass}
        />
        <FilterSelect
          label={t("tasks.filter.coordinator")}
          name="coordinator"
          value={query.coordinator}
          allLabel={t("common.all")}
          choices={namedChoices(menus.departments)}
          className={fieldClass}
        />
        <FilterSelect
          label={t("tasks.filter.directive")}
          name="directive"
          value={query.directive}
          allLabel={t("common.all")}
          choices={directiveChoices(menus.directives)}
          className={fieldClass}
        />
        <FilterSelect
          label={t("tasks.filter.committee")}
          name="committee"
          value={query.committee}
          allLabel={t("common.all")}
          choices={namedChoices(options.committees)}
          className={fieldClass}
        />
        <div className="flex gap-2">
          <label className="flex flex-1 flex-col gap-1">
            <span className="font-medium">{t("tasks.filter.dueFrom")}</span>
            <input
              name="dueFrom"
              defaultValue={query.dueFrom ? formatLocalDate(query.dueFrom) : ""}
              placeholder={t("asOf.hint")}
              className={`${fieldClass} w-full`}
            />
          </label>
          <label className="flex flex-1 flex-col gap-1">
            <span className="font-medium">{t("tasks.filter.dueTo")}</span>
            <input
              name="dueTo"
              defaultValue={query.dueTo ? formatLocalDate(query.dueTo) : ""}
              placeholder={t("asOf.hint")}
              className={`${fieldClass} w-full`}
            />
          </label>
        </div>
        <PeriodField value={query.period} years={options.years} className={fieldClass} />
        <label className="flex min-w-0 flex-col gap-1">
          <span className="font-medium">{t("level.label")}</span>
          <select name="level" defaultValue={query.level ?? ""} className={fieldClass}>
            <option value="">{t("level.all")}</option>
            {TASK_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`level.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-col gap-1">
          <span className="font-medium">{t("asOf.label")}</span>
          <input
            name="asOf"
            defaultValue={asOfProblem?.field === "asOf" ? asOfProblem.value : formatLocalDate(asOf)}
            placeholder={t("asOf.hint")}
            className={`${fieldClass} ${asOfProblem?.field === "asOf" ? "border-red-700" : ""}`}
            aria-invalid={asOfProblem?.field === "asOf" || undefined}
            aria-describedby={asOfProblem ? "as-of-problem" : undefined}
          />
        </label>
        <BasisSelect basis={basis} className={fieldClass} />
        {asOfProblem && (
          <p id="as-of-problem" role="alert" className="font-medium text-red-800 sm:col-span-full">
            {asOfProblem.message}
          </p>
        )}
        <label className="flex min-w-0 flex-col gap-1">
          <span className="font-medium">{t("tasks.pageSize")}</span>
          <select name="size" defaultValue={size} className={fieldClass}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" name="stale" value="1" defaultChecked={query.stale === "1"} className="size-4" />
          <span>{t("tasks.filter.stale")}</span>
        </label>
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" name="counted" value="1" defaultChecked={query.counted === "1"} className="size-4" />
          <span>{t("tasks.filter.counted")}</span>
        </label>
        <label className="flex items-center gap-2 sm:col-span-2">
          <input
            type="checkbox"
            name="escalated"
            value="1"
            defaultChecked={query.escalated === "1"}
            className="size-4"
          />
          <span>{t("tasks.filter.escalated")}</span>
        </label>
        {!isToday && (
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" name="differs" value="1" defaultChecked={query.differs === "1"} className="size-4" />
            <span>{t("basis.differingFilter")}</span>
          </label>
        )}
        <div className="flex items-end gap-3 sm:col-span-2 lg:justify-end">
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
            {t("common.filter")}
          </button>
          <Link to="/tasks" className="px-1 py-1.5">
            {t("common.clear")}
          </Link>
        </div>
      </Form>
      <BasisNote asOf={asOf} isToday={isToday} basis={basis} differing={differing} />
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("common.showing", { from, to, total: rowCount })}
      </p>
      <p className="no-print flex gap-4 text-sm" title={t("report.download.hint")}>
        <a href={`/tasks/export${withParams(search, { format: "xlsx" })}`} download>
          {t("report.download.xlsx")}
        </a>
        <a href={`/tasks/export${withParams(search, { format: "csv" })}`} download>
          {t("report.download.csv")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("common.noResults")}</p>
      ) : (
        // One table for every screen: on a phone each row is laid out as a card (.task-rows in
        // tailwind.css) rather than the page sending the 50 tasks twice, as cards and as rows.
        <div className="overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white md:shadow-sm">
          <table className="task-rows">
            <caption className="sr-only">{t("tasks.title")}</caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta;
                    const label = meta ? t(meta.label) : "";
                    const sorted = meta?.sort !== undefined && meta.sort === activeSort;
                    const descending = sorted && query.dir === "desc";
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={meta?.headerClassName}
                        aria-sort={sorted ? (descending ? "descending" : "ascending") : undefined}
                      >
                        {meta?.sort ? (
                          <Link
                            to={withParams(search, { sort: meta.sort, dir: sorted && !descending ? "desc" : "asc" })}
                            aria-label={
                              sorted
                                ? t(descending ? "tasks.sortedDesc" : "tasks.sortedAsc", { column: label })
                                : t("tasks.sortBy", { column: label })
                            }
                          >
                            {label}
                            <span aria-hidden="true" className="print:hidden">
                              {sorted ? (descending ? "▼" : "▲") : "↕"}
                            </span>
                          </Link>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id} data-task-id={row.original.id}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={meta?.className}
                        data-label={meta?.labelledOnPhone ? t(meta.label) : undefined}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} href={(n) => withParams(search, { page: String(n) })} />
    </div>
  );
}
