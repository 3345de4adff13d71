import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { DirectiveLinks } from "~/components/directive-links";
import { SavedBanner } from "~/components/form-feedback";
import { formatLocalDate } from "~/domain/dates";
import { hasPermission } from "~/domain/permissions";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { savedNotice } from "~/lib/desk-forms";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { useOptionalUser } from "~/components/use-user";
import { getCommittee } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "committees", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const id = idParam(params.id);
  const found = getCommittee(getDb(), user, id);
  if (!found) notFound();
  const { t } = await getTranslator(request);
  return { ...found, title: `${found.committee.name} — ${t("app.name")}` };
}

const LINK_BUTTON =
  "rounded border border-brand-700 px-3 py-1.5 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline";

export default function CommitteePage() {
  const { committee, meetings, directives } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const user = useOptionalUser();
  const t = useT();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link to="/committees">{t("common.backTo", { name: t("committees.title") })}</Link>
        </p>
        <SavedBanner notice={savedNotice(searchParams.get("saved"))} />
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm text-slate-700">
          <span className="font-mono font-semibold text-slate-900">{committee.code}</span>
          <span className="rounded bg-slate-100 px-1.5">
            {t(committee.active ? "committees.active" : "committees.inactive")}
          </span>
        </div>
        <h1 className="text-2xl font-semibold">{committee.name}</h1>
        {committee.description && (
          <p className="max-w-prose whitespace-pre-line text-sm text-slate-800">{committee.description}</p>
        )}
        {hasPermission(user, "directive.write") && (
          <section aria-label={t("committee.actions")} className="no-print flex flex-wrap items-center gap-2">
            <Link to={`/committees/${committee.id}/edit`} className={LINK_BUTTON}>
              {t("committee.edit")}
            </Link>
            <Link to={`/meetings/new?committee=${committee.id}`} className={LINK_BUTTON}>
              {t("meeting.new")}
            </Link>
          </section>
        )}
      </header>

      <section aria-labelledby="meetings-heading" className="space-y-3">
        <h2 id="meetings-heading" className="text-lg font-semibold">
          {t("committee.meetingsHeading")}
        </h2>
        {meetings.length === 0 ? (
          <p>{t("committee.noMeetings")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("committee.meetingsCaption")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("committee.col.heldOn")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("committee.col.title")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("committee.col.chair")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("committee.col.directives")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {meetings.map((m) => (
                  <tr key={m.id}>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatLocalDate(m.heldOn)}</td>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                    </th>
                    <td className="px-3 py-2">{m.chair ?? t("common.none")}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{m.directives}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="directives-heading" className="space-y-3">
        <h2 id="directives-heading" className="text-lg font-semibold">
          {t("committee.directivesHeading")}
        </h2>
        {directives.length === 0 ? <p>{t("committee.noDirectives")}</p> : <DirectiveLinks directives={directives} />}
      </section>
    </article>
  );
}
