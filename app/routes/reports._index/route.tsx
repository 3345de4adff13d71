// Published period reports ("chốt số liệu"): the list, and the secretariat's form to
// publish one for a cut-off day and a committee (app/models/published-reports.server.ts).
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField, FormProblems, INPUT_CLASS } from "~/components/form-feedback";
import { formatInstant, formatLocalDate } from "~/domain/dates";
import { hasPermission } from "~/domain/permissions";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { readForm } from "~/lib/form-data.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { publishReportSchema } from "~/lib/published-schemas";
import { originOf } from "~/models/audit.server";
import { committeeOptions } from "~/models/committees.server";
import { describeReportScope, listPublishedReports, publishReport } from "~/models/published-reports.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("desk", "published") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "report.read");
  const { t } = await getTranslator(request);
  const db = getDb();
  const canPublish = hasPermission(user, "report.publish");
  return {
    title: `${t("published.title")} — ${t("app.name")}`,
    reports: listPublishedReports(db).map((r) => ({ ...r, scopeText: describeReportScope(db, r.scope, t) })),
    committees: canPublish ? committeeOptions(db) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "report.publish");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: publishReportSchema(t) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { title, cutOff, committee } = submission.value;
  const result = await publishReport(
    getDb(),
    user,
    { title, cutOff, scope: committee === undefined ? {} : { committee } },
    t,
    originOf(request, context),
  );
  if (result.ok) throw redirect(`/reports/${result.id}?saved=1`);
  const field = result.error === "cut_off_in_future" ? "cutOff" : "committee";
  return data(
    { result: submission.reply({ fieldErrors: { [field]: [t(`published.error.${result.error}`)] } }) },
    { status: 400 },
  );
}

export default function PublishedReportsPage() {
  const { reports, committees } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm<{ title: string; cutOff: string; committee: string }>({
    id: "publish-report",
    lastResult: reply?.result,
    shouldValidate: "onSubmit",
  });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("published.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("published.intro")}</p>
      {reports.length === 0 ? (
        <p>{t("published.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("published.col.title")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("published.col.cutOff")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("published.col.scope")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("published.col.publishedBy")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("published.col.publishedAt")}
                </th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <Link to={`/reports/${r.id}`}>{r.title}</Link>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{formatLocalDate(r.cutOff)}</td>
                  <td className="px-3 py-2">{r.scopeText}</td>
                  <td className="px-3 py-2">{r.publishedBy}</td>
                  <td className="px-3 py-2 tabular-nums">{formatInstant(r.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {committees && (
        <Form
          method="post"
          {...getFormProps(form)}
          className="no-print max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 className="text-lg font-semibold">{t("published.form.heading")}</h2>
          <FormProblems id={form.errorId} errors={form.errors} conflict={null} />
          <div className="flex flex-col gap-1">
            <label htmlFor={fields.title.id} className="text-sm font-medium">
              {t("published.form.title")}
            </label>
            <input
              {...getInputProps(fields.title, { type: "text" })}
              placeholder={t("published.form.titleHint")}
              className={INPUT_CLASS}
            />
            {fields.title.errors && (
              <p id={fields.title.errorId} className="text-sm text-red-800">
                {fields.title.errors.join(" ")}
              </p>
            )}
          </div>
          <DateField field={fields.cutOff} label={t("published.form.cutOff")} hint={t("desk.dateHint")} />
          <div className="flex flex-col gap-1">
            <label htmlFor={fields.committee.id} className="text-sm font-medium">
              {t("published.form.committee")}
            </label>
            <select {...getSelectProps(fields.committee)} className={INPUT_CLASS}>
              <option value="">{t("published.form.allCommittees")}</option>
              {committees.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {fields.committee.errors && (
              <p id={fields.committee.errorId} className="text-sm text-red-800">
                {fields.committee.errors.join(" ")}
              </p>
            )}
          </div>
          <p className="text-sm text-slate-700">{t("published.form.confirm")}</p>
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {t("published.form.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
