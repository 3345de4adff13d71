import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DirectiveProgressLine } from "~/components/directive-progress";
import { formatLocalDate } from "~/domain/dates";
import { directiveProgressLinks } from "~/lib/task-list-href";
import { hasPermission } from "~/domain/permissions";
import { useOptionalUser } from "~/components/use-user";
import { useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { getDb } from "~/models/db.server";
import { asOfFromUrl } from "~/lib/as-of.server";
import { getTranslator } from "~/lib/locale.server";
import { requirePermission } from "~/server/auth.server";
import { listDirectives } from "~/models/directive-list.server";
import { directiveProgressByLevel } from "~/models/directive-progress.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "duties", "fanout", "leadership") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const { t } = await getTranslator(request);
  const { asOf, isToday, basis } = asOfFromUrl(new URL(request.url), t);
  const db = getDb();
  const progress = new Map(
    directiveProgressByLevel(db, user, {}, asOf, basis, Number.MAX_SAFE_INTEGER).map((p) => [p.id, p]),
  );
  return {
    title: `${t("directives.title")} — ${t("app.name")}`,
    asOf,
    isToday,
    basis,
    directives: listDirectives(db, user, asOf, basis).map(({ counts: _all, ...d }) => ({
      ...d,
      progress: progress.get(d.id) ?? null,
    })),
  };
}

export default function DirectivesPage() {
  const { directives, asOf, isToday, basis } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const t = useT();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("directives.title")}</h1>
        {hasPermission(user, "directive.write") && (
          <Link
            to="/directives/new"
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
          >
            {t("desk.directive.new")}
          </Link>
        )}
      </div>
      <p className="mt-1 text-slate-700">{t("directives.intro")}</p>
      {directives.length === 0 ? (
        <p className="mt-6">{t("directives.empty")}</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {directives.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm text-slate-700">
                <span className="font-semibold text-slate-900">{d.number ?? t("directives.noNumber")}</span>
                <span>{t(`directiveType.${d.type}`)}</span>
                {d.issuedOn && <span>{formatLocalDate(d.issuedOn)}</span>}
                {d.state !== "issued" && (
                  <span className="rounded bg-slate-100 px-1.5">{t(`directiveState.${d.state}`)}</span>
                )}
                {d.confidential && (
                  <span className="rounded bg-red-700 px-1.5 text-xs font-semibold uppercase text-white">
                    {t("common.confidential")}
                  </span>
                )}
              </div>
              <h2 className="mt-1 text-base font-medium">
                <Link to={`/directives/${d.id}`}>{d.abstract}</Link>
              </h2>
              <p className="text-sm text-slate-600">{d.committeeName}</p>
              <div className="mt-2">
                {d.progress === null ? (
                  <p className="text-sm text-slate-700">{t("directiveProgress.none")}</p>
                ) : (
                  <DirectiveProgressLine
                    top={d.progress.top}
                    sub={d.progress.sub}
                    items={d.progress.items}
                    units={d.progress.units}
                    periods={d.progress.periods}
                    {...directiveProgressLinks(d.id, {}, asOf, isToday, basis)}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
