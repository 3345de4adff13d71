import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DirectiveForm } from "~/components/directive-form";
import { requirePermission } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { directiveErrors, formReply } from "~/lib/desk.server";
import { newDirectiveSchema } from "~/lib/desk-schemas";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { committeeOptions, meetingOptions } from "~/models/desk-options.server";
import { createDirective } from "~/models/directives.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "directive.write");
  const { t } = await getTranslator(request);
  const db = getDb();
  return {
    title: `${t("desk.directive.newTitle")} — ${t("app.name")}`,
    committees: committeeOptions(db),
    meetings: meetingOptions(db),
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
  const { committees, meetings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to="/directives">{t("common.backTo", { name: t("nav.directives") })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("desk.directive.newTitle")}</h1>
      <p className="text-sm text-slate-700">{t("desk.directive.newIntro")}</p>
      <DirectiveForm
        lastResult={reply?.result}
        conflict={null}
        defaultValue={{
          committeeId: committees.length === 1 ? String(committees[0]!.id) : undefined,
          type: "conclusion_notice",
        }}
        committees={committees}
        meetings={meetings}
        cancelTo="/directives"
      />
    </div>
  );
}
