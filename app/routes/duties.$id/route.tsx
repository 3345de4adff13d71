// A recurring duty's page (decision 026): the rule in words, its periods (each an
// ordinary task with its own status) and the secretariat's hold / withdraw / resume.
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { sql } from "drizzle-orm";
import { StatusBadge } from "~/components/status-badge";
import { formatLocalDate, today } from "~/domain/dates";
import { dutyRollup } from "~/domain/duty-rollup";
import { hasPermission } from "~/domain/permissions";
import { denyAccess, requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { formReply } from "~/server/desk.server";
import { dutyStateSchema } from "~/lib/duty-schemas";
import { dutyPeriodLabel, dutyRollupInWords, dutyRuleInWords } from "~/lib/duty-text";
import { readForm } from "~/lib/form-data.server";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { useOptionalUser } from "~/components/use-user";
import { originOf } from "~/models/audit.server";
import {
  canSeeDuty,
  changeDutyState,
  dutyAccessFacts,
  getDuty,
  MAX_OCCURRENCES_AT_ONCE,
  occurrencePeriods,
  ruleOfDuty,
} from "~/models/recurring-duties.server";
import { taskRows } from "~/models/task-rows.server";
import { visibleTasksFilter } from "~/models/visibility.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "duties", "leadership") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

async function requireVisibleDuty(
  request: Request,
  context: Parameters<typeof requirePermission>[1],
  user: Awaited<ReturnType<typeof requirePermission>>,
  id: number,
  permission: "task.read" | "task.write",
) {
  const facts = dutyAccessFacts(getDb(), id);
  if (!facts) notFound();
  if (!canSeeDuty(user, facts))
    await denyAccess(request, context, user, permission, 404, { type: "recurring_duty", id });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const id = idParam(params.id);
  await requireVisibleDuty(request, context, user, id, "task.read");
  const { t } = await getTranslator(request);
  const db = getDb();
  const duty = getDuty(db, id);
  if (!duty) notFound();
  const day = today();
  const rows = taskRows(db, {
    asOf: day,
    taskFilter: sql`t.duty_id = ${id} AND ${visibleTasksFilter(user)}`,
    orderBy: sql`t.assigned_on, t.id`,
  });
  const periods = occurrencePeriods(
    db,
    rows.map((r) => r.id),
  );
  return {
    title: `${t("duty.pageTitle", { item: duty.itemNumber })} — ${t("app.name")}`,
    duty,
    rule: ruleOfDuty({ ...duty, resumedOn: null }),
    occurrences: rows.map((r) => ({
      id: r.id,
      period: periods.get(r.id)?.period ?? "",
      dueDate: r.dueDate,
      status: r.status,
    })),
    rollup: dutyRollup(rows.map((r) => r.status)),
    canWrite: hasPermission(user, "task.write"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const id = idParam(params.id);
  await requireVisibleDuty(request, context, user, id, "task.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: dutyStateSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const input = submission.value;
  const result = changeDutyState(
    getDb(),
    user,
    id,
    input.version,
    { to: input.intent, reason: input.intent === "resume" ? null : input.reason },
    originOf(request, context),
  );
  if (result.ok) throw redirect(`/duties/${id}?saved=state`);
  const refuse = (message: string, status: 400 | 409 = 400) =>
    formReply(submission.reply({ formErrors: [message] }), status);
  switch (result.error) {
    case "conflict":
      return refuse(t("duty.error.conflict"), 409);
    case "invalid_move":
      return refuse(
        t("duty.error.invalidMove", { from: t(`duty.state.${result.from}`), to: t(`duty.state.${result.to}`) }),
      );
    case "reason_required":
      return refuse(t("duty.error.reasonRequired"));
    case "too_many_occurrences":
      return refuse(t("duty.error.tooMany", { count: result.count, max: MAX_OCCURRENCES_AT_ONCE }));
    default:
      return refuse(t("desk.error.unknownDepartment"));
  }
}

export default function DutyPage() {
  const { duty, rule, occurrences, rollup, canWrite } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyErrors = Object.values(reply?.result.error ?? {})
    .flat()
    .filter((e): e is string => typeof e === "string");
  const [params] = useSearchParams();
  const t = useT();
  const user = useOptionalUser();
  const created = params.get("created");
  const label = duty.directiveNumber ?? t("directives.noNumber");
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <p>
        <Link to={`/directives/${duty.directiveId}`}>{t("common.backTo", { name: label })}</Link>
      </p>
      {created !== null && (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm">
          {t("duty.saved.created", { count: Number(created) || 0 })}
        </p>
      )}
      {params.get("saved") === "state" && (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm">
          {t("duty.saved.state")}
        </p>
      )}
      <p className="text-sm font-medium text-slate-700">{t("duty.label")}</p>
      <h1 className="text-2xl font-semibold">
        {duty.itemNumber}. {duty.title}
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium">{t("duty.ruleHeading")}</dt>
        <dd data-testid="duty-rule">{dutyRuleInWords(t, rule)}</dd>
        <dt className="font-medium">{t("duty.rollup.label")}</dt>
        <dd data-testid="duty-rollup" data-state={rollup.state}>
          {dutyRollupInWords(t, rollup)}
        </dd>
        <dt className="font-medium">{t("duty.lead")}</dt>
        <dd>{duty.leadName}</dd>
        <dt className="font-medium">{t("duty.coordinators")}</dt>
        <dd>{duty.coordinators.length === 0 ? t("common.none") : duty.coordinators.map((c) => c.name).join("; ")}</dd>
        <dt className="font-medium">{t("duty.state")}</dt>
        <dd data-testid="duty-state">
          {t(`duty.state.${duty.state}`)}
          {duty.stateReason && ` — ${t("duty.stateReason", { reason: duty.stateReason })}`}
        </dd>
        <dt className="font-medium">{t("duty.inDirective", { number: "" }).trim()}</dt>
        <dd>
          <Link to={`/directives/${duty.directiveId}`} className="underline">
            {label}
          </Link>{" "}
          — {duty.directiveAbstract}
        </dd>
      </dl>
      {duty.description && <p className="whitespace-pre-line text-sm">{duty.description}</p>}

      <section aria-labelledby="occurrences-heading" className="space-y-2">
        <h2 id="occurrences-heading" className="text-lg font-semibold">
          {t("duty.occurrences")}{" "}
          <span className="text-sm font-normal text-slate-700">
            ({t("duty.occurrences.count", { count: occurrences.length })})
          </span>
        </h2>
        <p className="text-xs text-slate-700">{t("duty.occurrences.uncounted")}</p>
        {occurrences.length === 0 ? (
          <p>{t("duty.occurrences.none")}</p>
        ) : (
          <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("duty.occurrences.period")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("duty.occurrences.due")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("duty.occurrences.status")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {occurrences.map((o) => (
                <tr key={o.id} data-occurrence={o.period}>
                  <td className="px-3 py-2">
                    <Link to={`/tasks/${o.id}`}>{dutyPeriodLabel(t, o.period)}</Link>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{o.dueDate ? formatLocalDate(o.dueDate) : "—"}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={o.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {canWrite && user && (
        <section aria-labelledby="duty-stop" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="duty-stop" className="font-semibold">
            {t("duty.stop.legend")}
          </h2>
          {replyErrors.length > 0 && (
            <div role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
              {replyErrors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          )}
          <p className="text-xs text-slate-700">{t("duty.stop.hint")}</p>
          {duty.state === "active" && (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="version" value={duty.version} />
              <label className="flex flex-col gap-1 text-sm">
                {t("duty.stop.reason")}
                <input name="reason" required maxLength={500} className="rounded border border-slate-400 px-3 py-2" />
              </label>
              <button type="submit" name="intent" value="on_hold" className="rounded border border-slate-400 px-3 py-2">
                {t("duty.stop.hold")}
              </button>
              <button type="submit" name="intent" value="withdrawn" className="rounded border border-red-400 px-3 py-2">
                {t("duty.stop.withdraw")}
              </button>
            </Form>
          )}
          {duty.state === "on_hold" && (
            <Form method="post">
              <input type="hidden" name="version" value={duty.version} />
              <button type="submit" name="intent" value="resume" className="rounded border border-slate-400 px-3 py-2">
                {t("duty.resume")}
              </button>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
