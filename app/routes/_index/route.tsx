import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AsOfForm } from "~/components/as-of-form";
import { STATUS_STYLE } from "~/components/status-badge";
import { StatusSummary } from "~/components/status-summary";
import { formatLocalDate } from "~/domain/dates";
import { SET_ASIDE_STATUSES, TASK_STATUSES, type TaskStatus } from "~/domain/vocabulary";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { asOfFromUrl } from "~/lib/as-of.server";
import { getDb } from "~/lib/db.server";
import { getTranslator } from "~/lib/locale.server";
import { requirePermission } from "~/lib/auth.server";
import { visibleTasksFilter } from "~/models/visibility.server";
import { listDirectives } from "~/models/directive-list.server";
import { getStatusRules } from "~/models/settings.server";
import { emptyStatusCounts, statusCountsBy } from "~/models/status-counts.server";
import { sql } from "drizzle-orm";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "dashboard.read");
  const { t } = await getTranslator(request);
  const { asOf, isToday } = asOfFromUrl(new URL(request.url), t);
  const db = getDb();
  const rules = getStatusRules(db);
  const counts = statusCountsBy(db, sql`0`, asOf, rules, visibleTasksFilter(user)).get(0) ?? emptyStatusCounts();
  return {
    title: `${t("dashboard.title")} — ${t("app.name")}`,
    asOf,
    isToday,
    counts,
    directives: listDirectives(db, user, asOf, rules),
  };
}

const COUNTED: TaskStatus[] = TASK_STATUSES.filter((s) => !(SET_ASIDE_STATUSES as readonly TaskStatus[]).includes(s));

export default function Dashboard() {
  const { counts, directives, asOf, isToday } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const asOfQuery = isToday ? "" : `&asOf=${asOf}`;
  const counted = COUNTED.reduce((sum, s) => sum + counts[s], 0);
  const done = counts.done_on_time + counts.done_late;
  const onTimeRate = done === 0 ? null : counts.done_on_time / done;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
          <p className="text-sm text-slate-700">{t("dashboard.countsCaption", { date: formatLocalDate(asOf) })}</p>
        </div>
        <AsOfForm asOf={asOf} isToday={isToday} />
      </div>

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-lg font-semibold">
          {t("dashboard.countsHeading")}
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {COUNTED.map((status) => (
            <li key={status}>
              <Link
                to={`/tasks?status=${status}${asOfQuery}`}
                aria-label={`${counts[status]} ${t(`status.${status}`)} — ${t("dashboard.openList", { status: t(`status.${status}`) })}`}
                className={`flex h-full flex-col rounded-lg p-3 no-underline ring-1 ring-inset hover:no-underline ${STATUS_STYLE[status].className}`}
                data-status={status}
              >
                <span className="text-3xl font-bold tabular-nums">{formatNumber(locale, counts[status])}</span>
                <span className="text-sm font-medium">
                  <span aria-hidden="true">{STATUS_STYLE[status].symbol}</span> {t(`status.${status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-slate-600">{t("dashboard.counted")}</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatNumber(locale, counted)}</dd>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-slate-600">{t("dashboard.onTimeRate")}</dt>
            <dd className="text-xl font-semibold tabular-nums">
              {onTimeRate === null
                ? t("common.none")
                : formatNumber(locale, onTimeRate, { style: "percent", maximumFractionDigits: 1 })}
              <span className="ml-2 text-xs font-normal text-slate-600">{t("dashboard.onTimeRateHint")}</span>
            </dd>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-slate-600">{t("dashboard.setAside")}</dt>
            <dd className="text-xl font-semibold tabular-nums">
              {formatNumber(locale, counts.on_hold + counts.cancelled)}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="directives-heading" className="space-y-3">
        <h2 id="directives-heading" className="text-lg font-semibold">
          {t("dashboard.directivesHeading")}
        </h2>
        <ul className="space-y-3">
          {directives.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <p className="text-sm">
                <Link to={`/directives/${d.id}${isToday ? "" : `?asOf=${asOf}`}`} className="font-medium">
                  {d.number ?? t("directives.noNumber")}
                </Link>{" "}
                — {d.abstract}
              </p>
              <div className="mt-2">
                <StatusSummary
                  counts={d.counts}
                  linkFor={(status) => `/tasks?directive=${d.id}&status=${status}${asOfQuery}`}
                />
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
