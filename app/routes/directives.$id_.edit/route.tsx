import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DirectiveForm } from "~/components/directive-form";
import { formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { directiveErrors, formReply, requireVisibleDirective } from "~/server/desk.server";
import { editDirectiveSchema } from "~/lib/desk-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { committeeOptions, meetingOptions } from "~/models/desk-options.server";
import { updateDirective } from "~/models/directives.server";
import { getDirectiveForEdit } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  await requireVisibleDirective(request, context, user, id, "directive.write");
  const db = getDb();
  const directive = getDirectiveForEdit(db, id);
  if (!directive) notFound();
  const { t } = await getTranslator(request);
  const label = directive.number ?? t("directives.noNumber");
  return {
    title: `${t("desk.directive.editTitle", { number: label })} — ${t("app.name")}`,
    directive,
    committees: committeeOptions(db, directive.committeeId),
    meetings: meetingOptions(db),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  await requireVisibleDirective(request, context, user, id, "directive.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: editDirectiveSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const { version, ...input } = submission.value;
  const db = getDb();
  const result = updateDirective(db, user, id, version, input, originOf(request, context));
  if (result.ok) throw redirect(`/directives/${id}?saved=updated`);
  if (result.error === "not_found") notFound();
  if (result.error === "conflict") {
    const current = getDirectiveForEdit(db, id);
    if (!current) notFound();
    return formReply(submission.reply({ formErrors: [t("desk.conflict.directive")] }), 409, {
      version: current.version,
      changes: [],
    });
  }
  return formReply(submission.reply(directiveErrors(t, result.error)), 400);
}

export default function EditDirectivePage() {
  const { directive, committees, meetings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const label = directive.number ?? t("directives.noNumber");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/directives/${directive.id}`}>{t("common.backTo", { name: label })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("desk.directive.editTitle", { number: label })}</h1>
      <p className="text-sm text-slate-700">
        {t("directive.state")}: {t(`directiveState.${directive.state}`)}
      </p>
      <DirectiveForm
        version={reply?.conflict?.version ?? directive.version}
        lastResult={reply?.result}
        conflict={reply?.conflict ?? null}
        defaultValue={{
          committeeId: String(directive.committeeId),
          meetingId: directive.meetingId === null ? undefined : String(directive.meetingId),
          number: directive.number ?? undefined,
          type: directive.type,
          issuedOn: directive.issuedOn === null ? undefined : formatLocalDate(directive.issuedOn),
          issuer: directive.issuer,
          signer: directive.signer ?? undefined,
          abstract: directive.abstract,
          fullText: directive.fullText ?? undefined,
          confidential: directive.confidential ? "on" : undefined,
        }}
        committees={committees}
        meetings={meetings}
        cancelTo={`/directives/${directive.id}`}
      />
    </div>
  );
}
