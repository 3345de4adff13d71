import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatLocalDate } from "~/domain/dates";
import { canReadDepartmentFigures } from "~/domain/permissions";
import { denyAccess, requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { periodLabel } from "~/lib/period-label";
import { SCORECARD_COLUMNS, startsScorecardGroup } from "~/lib/scorecard";
import { departmentQuarters } from "~/models/department-quarters.server";
import { getDepartment } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "dashboard", "leadership") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

/**
 * A department's page: who it is and its scorecard row for every quarter. Department
 * users read their own department's page; the roles that read every dashboard, any.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "dashboard.read");
  const id = idParam(params.id);
  const db = getDb();
  const department = getDepartment(db, id);
  if (department === null) notFound();
  if (!canReadDepartmentFigures(user, id)) {
    return denyAccess(request, context, user, "dashboard.read", 403, { type: "department", id });
  }
  const { t } = await getTranslator(request);
  return {
    title: `${department.name} — ${t("app.name")}`,
    department,
    quarters: departmentQuarters(db, user, id),
  };
}

export default function DepartmentPage() {
  const { department, quarters } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link to="/departments">{t("common.backTo", { name: t("nav.departments") })}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{department.name}</h1>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("departmentPage.code")}</dt>
            <dd className="font-mono">{department.code}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("departmentPage.kind")}</dt>
            <dd>{t(`departmentKind.${department.kind}`)}</dd>
          </div>
          {department.parent && (
            <div>
              <dt className="text-slate-600">{t("departmentPage.parent")}</dt>
              <dd>{department.parent.name}</dd>
            </div>
          )}
          {department.successor && (
            <div>
              <dt className="text-slate-600">{t("departmentPage.successor")}</dt>
              <dd>{department.successor.name}</dd>
            </div>
          )}
        </dl>
        {!department.active && !department.successor && (
          <p className="text-sm text-slate-700">{t("departments.inactive")}</p>
        )}
        <p className="text-sm">
          <Link to={`/tasks?department=${department.id}`}>{t("departmentPage.tasksLink")}</Link>
        </p>
      </header>

      <section aria-labelledby="quarters-heading" className="space-y-3">
        <h2 id="quarters-heading" className="text-lg font-semibold">
          {t("departmentPage.quartersHeading")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("departmentPage.intro")}</p>
        <p className="max-w-3xl text-sm text-slate-700">{t("scorecard.columnsNote")}</p>
        {quarters.length === 0 ? (
          <p>{t("departmentPage.empty")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="department-quarters">
              <caption className="sr-only">{t("departmentPage.caption", { name: department.name })}</caption>
              <thead className="bg-slate-50 text-xs font-semibold text-slate-700">
                <tr>
                  <th scope="col" className="px-2 py-2 text-left align-bottom">
                    {t("departmentPage.col.quarter")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-left align-bottom">
                    {t("departmentPage.col.asOf")}
                  </th>
                  {SCORECARD_COLUMNS.map((column) => (
                    <th
                      key={column}
                      scope="col"
                      className={`px-2 py-2 text-right align-bottom ${startsScorecardGroup(column) ? "border-l border-slate-200" : ""}`}
                    >
                      {t(`scorecard.col.${column}`)}
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-2 text-right align-bottom">
                    {t("scorecard.col.on_time_rate")}
                  </th>
                  <th scope="col" className="no-print px-2 py-2 text-right align-bottom">
                    {t("departmentPage.col.ranking")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {quarters.map((q) => {
                  const quarter = periodLabel(t, q.quarter);
                  const day = formatLocalDate(q.asOf);
                  return (
                    <tr key={q.quarter} data-quarter={q.quarter} data-as-of={q.asOf}>
                      <th scope="row" className="whitespace-nowrap px-2 py-2 text-left font-medium">
                        {quarter}
                      </th>
                      <td className="whitespace-nowrap px-2 py-2">
                        {q.isToday ? t("departmentPage.toDate", { date: day }) : day}
                      </td>
                      {SCORECARD_COLUMNS.map((column) => {
                        const figure = q.figures[column];
                        return (
                          <td
                            key={column}
                            className={`px-2 py-2 text-right tabular-nums ${startsScorecardGroup(column) ? "border-l border-slate-200" : ""}`}
                            data-column={column}
                          >
                            <Link
                              to={figure.href}
                              aria-label={t("departmentPage.cellLabel", {
                                quarter,
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
                        {q.onTimeRate === null
                          ? t("common.none")
                          : formatNumber(locale, q.onTimeRate, { style: "percent", maximumFractionDigits: 1 })}
                      </td>
                      <td className="no-print px-2 py-2 text-right">
                        <Link
                          to={q.isToday ? "/scorecard" : `/scorecard?asOf=${q.asOf}`}
                          aria-label={t("departmentPage.rankingLabel", { date: day })}
                        >
                          {t("departmentPage.rankingLink")}
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
