import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { INPUT_CLASS } from "~/components/admin-form";
import { formatLocalDate } from "~/domain/dates";
import { DEPARTMENT_KINDS } from "~/domain/vocabulary";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { departmentListQuery, listDepartmentsForAdmin } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "admin", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "department.manage");
  const { t } = await getTranslator(request);
  const status = new URL(request.url).searchParams.get("status");
  const parsed = departmentListQuery.safeParse(status ? { status } : {});
  if (!parsed.success) badRequest(t("admin.filter.invalid", { detail: "status" }));
  return {
    title: `${t("admin.departments.title")} — ${t("app.name")}`,
    query: parsed.data,
    departments: listDepartmentsForAdmin(getDb(), parsed.data),
  };
}

export default function AdminDepartmentsPage() {
  const { departments, query } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("admin.departments.title")}</h1>
          <p className="text-slate-700">{t("admin.departments.intro")}</p>
        </div>
        <Link
          to="/admin/departments/new"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
        >
          {t("admin.departments.new")}
        </Link>
      </div>

      <Form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("admin.departments.filter.status")}</span>
          <select name="status" defaultValue={query.status ?? ""} className={INPUT_CLASS}>
            <option value="">{t("common.all")}</option>
            <option value="active">{t("admin.departments.status.active")}</option>
            <option value="inactive">{t("admin.departments.status.inactive")}</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800">
          {t("common.filter")}
        </button>
      </Form>

      {departments.length === 0 && <p>{t("common.noResults")}</p>}
      {DEPARTMENT_KINDS.map((kind) => {
        const group = departments.filter((d) => d.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`} className="space-y-2">
            <h2 id={`kind-${kind}`} className="text-lg font-semibold">
              {t(`departmentKind.${kind}`)} <span className="text-sm font-normal text-slate-700">({group.length})</span>
            </h2>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.departments.field.code")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.departments.field.name")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.departments.field.parent")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.departments.filter.status")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {t("admin.departments.col.users")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {t("admin.departments.col.openTasks")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {group.map((d) => (
                    <tr key={d.id} data-department-id={d.id} className={d.active ? "" : "bg-slate-50"}>
                      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{d.code}</td>
                      <td className="px-3 py-2">
                        <Link to={`/admin/departments/${d.id}`}>{d.name}</Link>
                        {d.shortName && d.shortName !== d.name && (
                          <span className="block text-xs text-slate-700">{d.shortName}</span>
                        )}
                      </td>
                      <td className="px-3 py-2">{d.parentName ?? t("common.none")}</td>
                      <td className="px-3 py-2">
                        {d.active ? (
                          t("admin.departments.status.active")
                        ) : d.successorName ? (
                          <>
                            <span aria-hidden="true">→ </span>
                            {t("admin.departments.mergedInto", {
                              name: d.successorName,
                              date: d.dissolvedOn ? formatLocalDate(d.dissolvedOn) : "",
                            })}
                          </>
                        ) : (
                          <>
                            <span aria-hidden="true">⊘ </span>
                            {d.dissolvedOn
                              ? t("admin.departments.inactiveSince", { date: formatLocalDate(d.dissolvedOn) })
                              : t("admin.departments.status.inactive")}
                          </>
                        )}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.activeUsers}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.openLedTasks}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
