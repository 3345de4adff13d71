// Unit groups (docs/domain-rules.md §11): the built-in groups by kind and the custom groups,
// each with how many departments it holds on a day (default today).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GroupDayForm } from "~/components/unit-group-fields";
import { formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { groupName, groupPageDay } from "~/lib/group-pages.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { listGroups } from "~/models/unit-groups.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "groups") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "department.manage");
  const { t } = await getTranslator(request);
  const { day, isToday } = groupPageDay(new URL(request.url), t);
  return {
    title: `${t("groups.title")} — ${t("app.name")}`,
    day,
    isToday,
    groups: listGroups(getDb(), day).map((group) => ({ ...group, name: groupName(t, group) })),
  };
}

export default function GroupsPage() {
  const { day, isToday, groups } = useLoaderData<typeof loader>();
  const t = useT();
  const dayQuery = isToday ? "" : `?day=${formatLocalDate(day)}`;
  const builtin = groups.filter((g) => g.builtinKind !== null);
  const custom = groups.filter((g) => g.builtinKind === null);
  const table = (rows: typeof groups, caption: string) => (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("groups.col.name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("groups.col.description")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("groups.col.members", { date: formatLocalDate(day) })}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((g) => (
            <tr key={g.id} data-group-id={g.id}>
              <td className="px-3 py-2">
                <Link to={`/admin/groups/${g.id}${dayQuery}`}>{g.name}</Link>
              </td>
              <td className="px-3 py-2">
                {g.builtinKind === null ? (g.description ?? "") : t(`departmentKind.${g.builtinKind}`)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{g.memberCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("groups.title")}</h1>
          <p className="max-w-3xl text-slate-700">{t("groups.intro")}</p>
        </div>
        <Link
          to="/admin/groups/new"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
        >
          {t("groups.new")}
        </Link>
      </div>

      <GroupDayForm day={day} isToday={isToday} />

      <section aria-labelledby="builtin-groups" className="space-y-2">
        <h2 id="builtin-groups" className="text-lg font-semibold">
          {t("groups.section.builtin")}
        </h2>
        {table(builtin, t("groups.section.builtin"))}
      </section>

      <section aria-labelledby="custom-groups" className="space-y-2">
        <h2 id="custom-groups" className="text-lg font-semibold">
          {t("groups.section.custom")}
        </h2>
        {custom.length === 0 ? <p>{t("groups.noCustom")}</p> : table(custom, t("groups.section.custom"))}
      </section>
    </div>
  );
}
