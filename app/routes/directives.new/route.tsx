import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DirectiveForm } from "~/components/directive-form";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { directiveErrors, formReply } from "~/server/desk.server";
import { newDirectiveSchema } from "~/lib/desk-schemas";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { notFound } from "~/lib/http.server";
import { idParam } from "~/lib/params.server";
import { originOf } from "~/models/audit.server";
import { committeeOptions, meetingOptions } from "~/models/desk-options.server";
import { createDirective } from "~/models/directives.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  const db = getDb();
  const meetings = meetingOptions(db);
  // `?meeting=` (the link on a meeting's page): the conclusion of that meeting, its committee chosen.
  const meetingParam = new URL(request.url).searchParams.get("meeting");
  const fromMeeting = meetingParam === null ? null : meetings.find((m) => m.id === idParam(meetingParam));
  if (fromMeeting === undefined) notFound();
  // Its committee is offered even if it has since been deactivated, as the meeting form does.
  const committees = committeeOptions(db, fromMeeting?.committeeId ?? null);
  return {
    title: `${t("desk.directive.newTitle")} — ${t("app.name")}`,
    committees,
    meetings,
    fromMeeting,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: newDirectiveSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const result = createDirective(getDb(), user, submission.value, originOf(request, context));
  if (!result.ok) {
    if (result.error === "not_found" || result.error === "conflict") throw new Error(`unexpected ${result.error}`);
    return formReply(submission.reply(directiveErrors(t, result.error)), 400);
  }
  throw redirect(`/directives/${result.id}?saved=created`);
}

export default function NewDirectivePage() {
  const { committees, meetings, fromMeeting } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const back = fromMeeting
    ? { to: `/meetings/${fromMeeting.id}`, name: fromMeeting.title }
    : { to: "/directives", name: t("nav.directives") };
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={back.to}>{t("common.backTo", { name: back.name })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("desk.directive.newTitle")}</h1>
      <p className="text-sm text-slate-700">{t("desk.directive.newIntro")}</p>
      <DirectiveForm
        lastResult={reply?.result}
        conflict={null}
        defaultValue={
          fromMeeting
            ? {
                committeeId: String(fromMeeting.committeeId),
                meetingId: String(fromMeeting.id),
                type: "conclusion_notice",
              }
            : {
                committeeId: committees.length === 1 ? String(committees[0]!.id) : undefined,
                type: "conclusion_notice",
              }
        }
        committees={committees}
        meetings={meetings}
        cancelTo={back.to}
      />
    </div>
  );
}
