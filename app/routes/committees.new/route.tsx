import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CommitteeForm } from "~/components/committee-form";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { committeeErrors, formReply } from "~/server/desk.server";
import { newCommitteeSchema } from "~/lib/desk-schemas";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { createCommittee } from "~/models/committees.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "committees", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  return { title: `${t("committee.newTitle")} — ${t("app.name")}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: newCommitteeSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const result = createCommittee(getDb(), user, submission.value, originOf(request, context));
  if (!result.ok) {
    if (result.error === "not_found") throw new Error(`unexpected ${result.error}`);
    return formReply(submission.reply(committeeErrors(t, result.error)), 400);
  }
  throw redirect(`/committees/${result.id}?saved=created`);
}

export default function NewCommitteePage() {
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to="/committees">{t("common.backTo", { name: t("committees.title") })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("committee.newTitle")}</h1>
      <p className="text-sm text-slate-700">{t("committee.newIntro")}</p>
      <CommitteeForm mode="new" lastResult={reply?.result} defaultValue={{}} cancelTo="/committees" />
    </div>
  );
}
