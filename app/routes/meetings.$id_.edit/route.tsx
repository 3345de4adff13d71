import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MeetingForm } from "~/components/meeting-form";
import { formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { conflictReply, formReply, meetingErrors } from "~/server/desk.server";
import { editMeetingSchema } from "~/lib/desk-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { updateMeeting } from "~/models/committees.server";
import { getMeetingForEdit } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "committees", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  const meeting = getMeetingForEdit(getDb(), id);
  if (!meeting) notFound();
  const { t } = await getTranslator(request);
  return {
    title: `${t("meeting.editTitle", { date: formatLocalDate(meeting.heldOn) })} — ${t("app.name")}`,
    meeting,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  const db = getDb();
  if (!getMeetingForEdit(db, id)) notFound();
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: editMeetingSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const { version, ...input } = submission.value;
  const result = updateMeeting(db, user, id, version, input, originOf(request, context));
  if (result.ok) throw redirect(`/meetings/${id}?saved=updated`);
  if (result.error === "not_found") notFound();
  if (result.error === "conflict") return conflictReply(db, t, "meeting", result, (errors) => submission.reply(errors));
  return formReply(submission.reply(meetingErrors(t, result.error)), 400);
}

export default function EditMeetingPage() {
  const { meeting } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/meetings/${meeting.id}`}>{t("common.backTo", { name: meeting.title })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("meeting.editTitle", { date: formatLocalDate(meeting.heldOn) })}</h1>
      <p className="text-sm text-slate-700">{t("meeting.ofCommittee", { name: meeting.committeeName })}</p>
      <MeetingForm
        version={reply?.conflict?.version ?? meeting.version}
        conflict={reply?.conflict ?? null}
        lastResult={reply?.result}
        defaultValue={{
          heldOn: formatLocalDate(meeting.heldOn),
          title: meeting.title,
          chair: meeting.chair ?? undefined,
          place: meeting.place ?? undefined,
          attendees: meeting.attendees ?? undefined,
          notes: meeting.notes ?? undefined,
        }}
        cancelTo={`/meetings/${meeting.id}`}
      />
    </div>
  );
}
