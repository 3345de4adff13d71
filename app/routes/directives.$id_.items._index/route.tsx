// The directive's items given to many units in a scope, each with its roll-up status
// (decision 026, docs/domain-rules.md §13): the list behind each number of the items'
// clause of the directive's sentence ("2 nội dung giao nhiều đơn vị: 1 hoàn thành đúng
// hạn, 1 quá hạn"). `status` narrows to one roll-up status; `department` (lead unit) and
// `period` (assigned in) are the dashboard's scope; `asOf` and `basis` the day's reading.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatLocalDate } from "~/domain/dates";
import { TASK_STATUSES, type TaskStatus } from "~/domain/vocabulary";
import { asOfFromUrl } from "~/lib/as-of.server";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { requireVisibleDirective } from "~/server/desk.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { periodLabel } from "~/lib/period-label";
import { dashboardFiltersFromUrl } from "~/server/dashboard-query.server";
import { directiveItemList } from "~/models/directive-progress.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "fanout", "leadership") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const directiveId = idParam(params.id);
  await requireVisibleDirective(request, context, user, directiveId, "directive.read");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const { asOf, isToday, basis } = asOfFromUrl(url, t);
  const db = getDb();
  const filters = dashboardFiltersFromUrl(url, t, db, user, ["department", "period"]);
  const rawStatus = url.searchParams.get("status")?.trim() ?? "";
  const status = rawStatus === "" ? undefined : TASK_STATUSES.find((s) => s === rawStatus);
  if (rawStatus !== "" && status === undefined) {
    badRequest(t("itemList.invalidStatus", { value: rawStatus.slice(0, 40) }));
  }
  const list = directiveItemList(db, user, directiveId, { ...filters, status }, asOf, isToday, basis);
  const label = list.directive?.number ?? list.directive?.abstract ?? String(directiveId);
  return {
    ...list,
    directiveId,
    label,
    status: status ?? null,
    period: filters.period ?? null,
    asOf,
    isToday,
    title: `${t("itemList.title", { directive: label })} — ${t("app.name")}`,
  };
}

export default function DirectiveItemsPage() {
  const { directiveId, label, items, status, department, period, asOf, isToday } = useLoaderData<typeof loader>();
  const t = useT();
  const onDay = isToday ? "" : `?asOf=${asOf}`;
  return (
    <article className="space-y-4">
      <p>
        <Link to={`/directives/${directiveId}${onDay}`}>{t("itemList.back", { directive: label })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("itemList.heading")}</h1>
      <ul className="text-sm text-slate-700" data-testid="item-list-filters">
        {status !== null && <li>{t("itemList.status", { status: t(`status.${status as TaskStatus}`) })}</li>}
        {department !== null && <li>{t("itemList.department", { name: department })}</li>}
        {period !== null && <li>{t("period.filter", { period: periodLabel(t, period) })}</li>}
      </ul>
      <p className="text-sm" data-testid="item-list-count" data-count={items.length}>
        {t("itemList.scope", { count: items.length, date: formatLocalDate(asOf) })}
      </p>
      {items.length === 0 ? (
        <p>{t("itemList.none")}</p>
      ) : (
        <table className="w-full text-sm" data-testid="item-list">
          <caption className="sr-only">{t("itemList.heading")}</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col">{t("itemList.col.item")}</th>
              <th scope="col">{t("itemList.col.status")}</th>
              <th scope="col">{t("itemList.col.units")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const units = TASK_STATUSES.reduce((sum, s) => sum + item.units[s], 0);
              return (
                <tr key={item.id} className="border-b" data-item-id={item.id}>
                  <th scope="row" className="py-1 text-left font-normal">
                    <Link to={`/directives/${directiveId}/items/${item.id}${onDay}`}>
                      {item.itemNumber}. {item.title}
                    </Link>
                  </th>
                  <td data-status={item.status}>{t(`status.${item.status}`)}</td>
                  <td>
                    <Link to={item.unitsHref} data-count={units}>
                      {t("itemList.units", { count: units })}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}
