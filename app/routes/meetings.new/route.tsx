import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MeetingForm } from "~/components/meeting-form";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { formReply, meetingErrors } from "~/server/desk.server";
import { newMeetingSchema } from "~/lib/desk-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { createMeeting } from "~/models/committees.server";
import { committeeOptions } from "~/models/desk-options.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "committees", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  // `?committee=ID` (from the committee's page) chooses it in advance; one that does not exist is a 404.
  const requested = new URL(request.url).searchParams.get("committee");
  const committeeId = requested === null ? null : idParam(requested);
  // Active committees, and the requested one even if it was deactivated.
  const committees = committeeOptions(getDb(), committeeId);
  const committee = committeeId === null ? null : (committees.find((c) => c.id === committeeId) ?? notFound());
  return { title: `${t("meeting.newTitle")} — ${t("app.name")}`, committee, committees };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: newMeetingSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const result = createMeeting(getDb(), user, submission.value, originOf(request, context));
  if (!result.ok) {
    if (result.error === "not_found") throw new Error(`unexpected ${result.error}`);
    return formReply(submission.reply(meetingErrors(t, result.error)), 400);
  }
  throw redirect(`/meetings/${result.id}?saved=created`);
}

export default function NewMeetingPage() {
  const { committee, committees } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const back = committee
    ? { to: `/committees/${committee.id}`, name: committee.name }
    : { to: "/committees", name: t("committees.title") };
  const preselected = committee ?? (committees.length === 1 ? committees[0]! : null);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={back.to}>{t("common.backTo", { name: back.name })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("meeting.newTitle")}</h1>
      <MeetingForm
        lastResult={reply?.result}
        defaultValue={{ committeeId: preselected ? String(preselected.id) : undefined }}
        committees={committees}
        cancelTo={back.to}
      />
    </div>
  );
}
