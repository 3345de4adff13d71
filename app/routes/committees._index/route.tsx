import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasPermission } from "~/domain/permissions";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { useOptionalUser } from "~/components/use-user";
import { listCommittees } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("committees") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const { t } = await getTranslator(request);
  return {
    title: `${t("committees.title")} — ${t("app.name")}`,
    committees: listCommittees(getDb(), user),
  };
}

export default function CommitteesPage() {
  const { committees } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const t = useT();
  return (
    <div className="space-y-6">
      <div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{t("committees.title")}</h1>
          {hasPermission(user, "directive.write") && (
            <Link
              to="/committees/new"
              className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
            >
              {t("committees.new")}
            </Link>
          )}
        </div>
        <p className="mt-1 text-slate-700">{t("committees.intro")}</p>
      </div>
      {committees.length === 0 ? (
        <p>{t("committees.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("committees.caption")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("committees.col.code")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("committees.col.name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("committees.col.status")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("committees.col.meetings")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("committees.col.directives")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {committees.map((c) => (
                <tr key={c.id} data-committee-id={c.id}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{c.code}</td>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link to={`/committees/${c.id}`}>{c.name}</Link>
                  </th>
                  <td className="whitespace-nowrap px-3 py-2">
                    {c.active ? (
                      t("committees.active")
                    ) : (
                      <span className="rounded bg-slate-100 px-1.5 text-slate-700">{t("committees.inactive")}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.meetings}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.directives}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
