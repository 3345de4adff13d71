// A new recurring duty of a directive (decision 026): `/duties/new?directive=ID`, the
// "Lặp lại / Nhiệm vụ định kỳ" choice of the new-task page.
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DutyForm } from "~/components/duty-form";
import { formatLocalDate, today } from "~/domain/dates";
import { getDb } from "~/models/db.server";
import { formReply, requireDirectiveDesk, taskErrors } from "~/server/desk.server";
import { newDutySchema, RECURRENCE_VIOLATION_FIELD } from "~/lib/duty-schemas";
import { readForm } from "~/lib/form-data.server";
import { notFound } from "~/lib/http.server";
import { useT, type Translate } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { originOf } from "~/models/audit.server";
import { departmentOptions, getDirectiveHeading } from "~/models/desk-options.server";
import { createDuty, MAX_OCCURRENCES_AT_ONCE, type DutyWriteError } from "~/models/recurring-duties.server";
import { calendarDayKinds } from "~/models/working-calendar.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "duties", "leadership") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t, directiveId } = await requireDirectiveDesk(request, context);
  const db = getDb();
  const directive = getDirectiveHeading(db, directiveId);
  if (!directive) notFound();
  return {
    title: `${t("duty.newTitle")} — ${t("app.name")}`,
    directive,
    departments: departmentOptions(db),
    // The preview counts working days over the same calendar the server does.
    calendarDays: calendarDayKinds(db),
    today: today(),
  };
}

function dutyErrors(t: Translate, error: DutyWriteError, leadDepartmentId: number) {
  switch (error.error) {
    case "recurrence": {
      const fieldErrors: Record<string, string[]> = {};
      for (const v of error.violations) {
        const field = RECURRENCE_VIOLATION_FIELD[v];
        fieldErrors[field] = [...(fieldErrors[field] ?? []), t(`duty.error.${v}`)];
      }
      return { fieldErrors };
    }
    case "too_many_occurrences":
      return {
        fieldErrors: { startsOn: [t("duty.error.tooMany", { count: error.count, max: MAX_OCCURRENCES_AT_ONCE })] },
      };
    case "directive_closed":
      return { formErrors: [t("duty.error.directiveClosed")] };
    case "rule":
    case "unknown_department":
    case "unknown_directive":
    case "unknown_parent":
    case "parent_cycle":
    case "deadline_on_issued":
      return taskErrors(t, error, leadDepartmentId);
    default:
      throw new Error(`unexpected ${error.error}`);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, t, directiveId } = await requireDirectiveDesk(request, context);
  const submission = parseWithZod(await readForm(request), { schema: newDutySchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const db = getDb();
  const result = createDuty(db, user, { ...submission.value, directiveId }, originOf(request, context));
  if (result.ok) {
    throw redirect(`/duties/${result.id}?created=${result.created}`);
  }
  return formReply(submission.reply(dutyErrors(t, result, submission.value.leadDepartmentId)), 400);
}

export default function NewDutyPage() {
  const { directive, departments, calendarDays, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const label = directive.number ?? t("directives.noNumber");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/directives/${directive.id}`}>{t("common.backTo", { name: label })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("duty.newTitle")}</h1>
      <p className="text-sm text-slate-700">
        {t("desk.task.inDirective", { number: label, abstract: directive.abstract })}
      </p>
      <nav aria-label={t("duty.choice.label")} className="flex gap-2 text-sm">
        <Link to={`/tasks/new?directive=${directive.id}`} className="rounded border border-slate-300 px-3 py-1">
          {t("duty.choice.once")}
        </Link>
        <span aria-current="page" className="rounded border border-brand-700 bg-brand-50 px-3 py-1 font-medium">
          {t("duty.choice.recurring")}
        </span>
      </nav>
      <p className="text-sm text-slate-700">{t("duty.newIntro")}</p>
      <DutyForm
        lastResult={reply?.result}
        defaultValue={{ frequency: "monthly", day: "5", startsOn: formatLocalDate(today) }}
        departments={departments}
        calendarDays={calendarDays}
        cancelTo={`/directives/${directive.id}`}
      />
    </div>
  );
}
