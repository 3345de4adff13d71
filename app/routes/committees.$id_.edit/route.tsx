import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CommitteeForm } from "~/components/committee-form";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { committeeErrors, conflictReply, formReply } from "~/server/desk.server";
import { editCommitteeSchema } from "~/lib/desk-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { updateCommittee } from "~/models/committees.server";
import { getCommitteeForEdit } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "committees", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  const committee = getCommitteeForEdit(getDb(), id);
  if (!committee) notFound();
  const { t } = await getTranslator(request);
  return { title: `${t("committee.editTitle", { name: committee.name })} — ${t("app.name")}`, committee };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  const db = getDb();
  if (!getCommitteeForEdit(db, id)) notFound();
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: editCommitteeSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const { version, ...input } = submission.value;
  const result = updateCommittee(db, user, id, version, input, originOf(request, context));
  if (result.ok) throw redirect(`/committees/${id}?saved=updated`);
  if (result.error === "not_found") notFound();
  if (result.error === "conflict")
    return conflictReply(db, t, "committee", result, (errors) => submission.reply(errors));
  return formReply(submission.reply(committeeErrors(t, result.error)), 400);
}

export default function EditCommitteePage() {
  const { committee } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/committees/${committee.id}`}>{t("common.backTo", { name: committee.name })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("committee.editTitle", { name: committee.name })}</h1>
      <CommitteeForm
        mode="edit"
        version={reply?.conflict?.version ?? committee.version}
        conflict={reply?.conflict ?? null}
        lastResult={reply?.result}
        defaultValue={{
          code: committee.code,
          name: committee.name,
          description: committee.description ?? undefined,
          active: committee.active ? "on" : undefined,
        }}
        cancelTo={`/committees/${committee.id}`}
      />
    </div>
  );
}
