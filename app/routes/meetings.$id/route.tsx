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
import { getMeeting } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "committees", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const id = idParam(params.id);
  const found = getMeeting(getDb(), user, id);
  if (!found) notFound();
  const { t } = await getTranslator(request);
  return {
    ...found,
    title: `${found.meeting.title}, ${formatLocalDate(found.meeting.heldOn)} — ${t("app.name")}`,
  };
}

const LINK_BUTTON =
  "rounded border border-brand-700 px-3 py-1.5 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline";

export default function MeetingPage() {
  const { meeting, directives } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const user = useOptionalUser();
  const t = useT();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link to={`/committees/${meeting.committeeId}`}>{t("common.backTo", { name: meeting.committeeName })}</Link>
        </p>
        <SavedBanner notice={savedNotice(searchParams.get("saved"))} />
        <p className="text-sm font-semibold text-slate-700">{formatLocalDate(meeting.heldOn)}</p>
        <h1 className="text-2xl font-semibold">{meeting.title}</h1>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("meeting.field.committee")}</dt>
            <dd>
              <Link to={`/committees/${meeting.committeeId}`}>{meeting.committeeName}</Link>
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("meeting.field.heldOn")}</dt>
            <dd>{formatLocalDate(meeting.heldOn)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("meeting.field.chair")}</dt>
            <dd>{meeting.chair ?? t("common.none")}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("meeting.field.place")}</dt>
            <dd>{meeting.place ?? t("common.none")}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t("meeting.field.attendees")}</dt>
            <dd className="whitespace-pre-line">{meeting.attendees ?? t("common.none")}</dd>
          </div>
        </dl>
        {hasPermission(user, "directive.write") && (
          <section aria-label={t("meeting.actions")} className="no-print flex flex-wrap items-center gap-2">
            <Link to={`/meetings/${meeting.id}/edit`} className={LINK_BUTTON}>
              {t("meeting.edit")}
            </Link>
            {/* The natural place to record the meeting's conclusion: the form comes with the meeting chosen. */}
            <Link to={`/directives/new?meeting=${meeting.id}`} className={LINK_BUTTON}>
              {t("meeting.newDirective")}
            </Link>
          </section>
        )}
      </header>

      {meeting.notes && (
        <section aria-labelledby="notes-heading" className="space-y-2">
          <h2 id="notes-heading" className="text-lg font-semibold">
            {t("meeting.field.notes")}
          </h2>
          <div className="max-w-prose whitespace-pre-line rounded-lg border border-slate-200 bg-white p-4 text-sm leading-relaxed">
            {meeting.notes}
          </div>
        </section>
      )}

      <section aria-labelledby="directives-heading" className="space-y-3">
        <h2 id="directives-heading" className="text-lg font-semibold">
          {t("meeting.directivesHeading")}
        </h2>
        {directives.length === 0 ? <p>{t("meeting.noDirectives")}</p> : <DirectiveLinks directives={directives} />}
      </section>
    </article>
  );
}
