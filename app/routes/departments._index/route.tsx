import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DEPARTMENT_KINDS } from "~/domain/vocabulary";
import { canReadDepartmentFigures } from "~/domain/permissions";
import { useT } from "~/lib/i18n";
import { useOptionalUser } from "~/components/use-user";
import { titleMeta } from "~/lib/meta";
import { getDb } from "~/models/db.server";
import { sharedRead } from "~/server/read-cache.server";
import { getTranslator } from "~/lib/locale.server";
import { requirePermission } from "~/server/auth.server";
import { today } from "~/domain/dates";
import { listDepartments } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "leadership") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "department.read");
  const { t, locale } = await getTranslator(request);
  const db = getDb();
  // Shared by users who see the same tasks until the data changes (app/server/read-cache.server.ts).
  return sharedRead(db, user, ["departments", locale], (viewer) => ({
    title: `${t("departments.title")} — ${t("app.name")}`,
    departments: listDepartments(db, viewer, today(), "happened"),
  }));
}

export default function DepartmentsPage() {
  const { departments } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const t = useT();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("departments.title")}</h1>
        <p className="text-slate-700">{t("departments.intro")}</p>
      </div>
      {DEPARTMENT_KINDS.map((kind) => {
        const group = departments.filter((d) => d.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`} className="space-y-2">
            <h2 id={`kind-${kind}`} className="text-lg font-semibold">
              {t(`departmentKind.${kind}`)}
            </h2>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("departments.col.code")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("departments.col.name")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {t("departments.col.lead")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {t("departments.col.open")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {t("departments.col.overdue")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {group.map((d) => (
                    <tr key={d.id}>
                      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{d.code}</td>
                      <td className="px-3 py-2">
                        {user !== null && canReadDepartmentFigures(user, d.id) ? (
                          <Link to={`/departments/${d.id}`} aria-label={t("departmentPage.open", { name: d.name })}>
                            {d.name}
                          </Link>
                        ) : (
                          d.name
                        )}
                        {!d.active && (
                          <span className="ml-2 text-xs text-slate-600">
                            {d.successorName
                              ? t("departments.mergedInto", { name: d.successorName })
                              : t("departments.inactive")}
                          </span>
                        )}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        <Link to={`/tasks?department=${d.id}`}>{d.led}</Link>
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.open}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {d.overdue > 0 ? (
                          <Link to={`/tasks?department=${d.id}&status=overdue`} className="font-semibold text-red-800">
                            {d.overdue}
                          </Link>
                        ) : (
                          0
                        )}
                      </td>
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
