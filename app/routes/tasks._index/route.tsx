import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TaskTable } from "~/components/task-table";
import { formatLocalDate } from "~/domain/dates";
import { TASK_STATUSES } from "~/domain/vocabulary";
import { useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { asOfFromUrl } from "~/lib/as-of.server";
import { getDb } from "~/lib/db.server";
import { badRequest } from "~/lib/http.server";
import { getTranslator } from "~/lib/locale.server";
import { requirePermission } from "~/lib/auth.server";
import { getStatusRules } from "~/models/settings.server";
import { filterOptions, listTasks, PAGE_SIZE, taskListQuery } from "./queries.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const { asOf, isToday } = asOfFromUrl(url, t);
  const raw = Object.fromEntries(
    ["status", "department", "directive", "page"].flatMap((key) => {
      const value = url.searchParams.get(key);
      return value === null || value === "" ? [] : [[key, value]];
    }),
  );
  const parsed = taskListQuery.safeParse(raw);
  if (!parsed.success) {
    badRequest(t("tasks.filter.invalid", { detail: parsed.error.issues.map((i) => i.path.join(".")).join(", ") }));
  }
  const db = getDb();
  return {
    title: `${t("tasks.title")} — ${t("app.name")}`,
    asOf,
    isToday,
    query: parsed.data,
    pageSize: PAGE_SIZE,
    ...listTasks(db, user, parsed.data, asOf, getStatusRules(db)),
    options: filterOptions(db, user),
  };
}

export default function TasksPage() {
  const { rows, rowCount, page, pages, pageSize, query, options, asOf, isToday } = useLoaderData<typeof loader>();
  const t = useT();
  const pageLink = (target: number) => {
    const params = new URLSearchParams();
    if (query.status) params.set("status", query.status);
    if (query.department !== undefined) params.set("department", String(query.department));
    if (query.directive !== undefined) params.set("directive", String(query.directive));
    if (!isToday) params.set("asOf", asOf);
    params.set("page", String(target));
    return `?${params.toString()}`;
  };
  const from = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(rowCount, page * pageSize);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("tasks.title")}</h1>
      <Form
        method="get"
        className="no-print flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("tasks.filter.status")}</span>
          <select
            name="status"
            defaultValue={query.status ?? ""}
            className="rounded border border-slate-400 px-2 py-1.5"
          >
            <option value="">{t("common.all")}</option>
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("tasks.filter.department")}</span>
          <select
            name="department"
            defaultValue={query.department ?? ""}
            className="max-w-64 rounded border border-slate-400 px-2 py-1.5"
          >
            <option value="">{t("common.all")}</option>
            {options.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("tasks.filter.directive")}</span>
          <select
            name="directive"
            defaultValue={query.directive ?? ""}
            className="max-w-64 rounded border border-slate-400 px-2 py-1.5"
          >
            <option value="">{t("common.all")}</option>
            {options.directives.map((d) => (
              <option key={d.id} value={d.id}>
                {d.number ?? d.abstract}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("asOf.label")}</span>
          <input
            name="asOf"
            defaultValue={formatLocalDate(asOf)}
            placeholder={t("asOf.hint")}
            className="w-32 rounded border border-slate-400 px-2 py-1.5"
          />
        </label>
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
          {t("common.filter")}
        </button>
        <Link to="/tasks" className="px-1 py-1.5">
          {t("common.clear")}
        </Link>
      </Form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("common.showing", { from, to, total: rowCount })}
      </p>
      {rows.length === 0 ? (
        <p>{t("common.noResults")}</p>
      ) : (
        <TaskTable tasks={rows} caption={t("tasks.title")} showDirective />
      )}
      {pages > 1 && (
        <nav aria-label={t("common.page", { page, pages })} className="flex items-center gap-3 text-sm">
          {page > 1 && <Link to={pageLink(page - 1)}>{t("common.previous")}</Link>}
          <span>{t("common.page", { page, pages })}</span>
          {page < pages && <Link to={pageLink(page + 1)}>{t("common.next")}</Link>}
        </nav>
      )}
    </div>
  );
}
