// An item given to many units (decision 026): its roll-up as of a day ("28/30 đơn vị hoàn
// thành; quá hạn: …") and a table of its units' tasks, every number linking to the task list
// of those units. A department sees only its own unit's task (visibility is per task).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { AsOfForm } from "~/components/as-of-form";
import { Deadline } from "~/components/deadline";
import { SavedBanner } from "~/components/form-feedback";
import { StatusBadge } from "~/components/status-badge";
import { DepartmentOptions } from "~/components/department-options";
import { formatLocalDate, today } from "~/domain/dates";
import { hasPermission } from "~/domain/permissions";
import { TASK_STATUSES } from "~/domain/vocabulary";
import { asOfForPage } from "~/lib/as-of.server";
import { denyAccess, requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { formReply, requireVisibleDirective, taskErrors } from "~/server/desk.server";
import { addFanOutUnitSchema } from "~/lib/desk-schemas";
import { readForm } from "~/lib/form-data.server";
import { INPUT_CLASS, LABEL_CLASS, HINT_CLASS } from "~/components/form-feedback";
import { originOf } from "~/models/audit.server";
import { departmentOptions } from "~/models/desk-options.server";
import { savedNotice } from "~/lib/desk-forms";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { taskListHref } from "~/models/dashboard.server";
import { addFanOutUnit, fanOutForPage } from "~/models/fan-outs.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "fanout") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const directiveId = idParam(params.id);
  await requireVisibleDirective(request, context, user, directiveId, "directive.read");
  const itemId = idParam(params.itemId);
  const { t } = await getTranslator(request);
  const { asOf, isToday, basis, problem } = asOfForPage(new URL(request.url), t);
  const db = getDb();
  const found = fanOutForPage(db, user, itemId, asOf, basis);
  // An item that does not exist, is of another directive, or none of whose units the reader sees:
  // the same audited 404, which does not say which.
  if (!found || found.item.directiveId !== directiveId) {
    return denyAccess(request, context, user, "directive.read", 404, { type: "fan_out", id: itemId });
  }
  const scope = { directive: directiveId, fanOut: itemId };
  const links = {
    all: taskListHref(scope, asOf, isToday, basis),
    ...Object.fromEntries(TASK_STATUSES.map((s) => [s, taskListHref({ ...scope, status: s }, asOf, isToday, basis)])),
  } as Record<(typeof TASK_STATUSES)[number] | "all", string>;
  const page = {
    ...found,
    links,
    // The secretariat may give the item to one more unit.
    departments: hasPermission(user, "task.write") ? departmentOptions(db) : [],
    today: today(),
    asOf,
    isToday,
    basis,
    asOfProblem: problem,
    title: `${t("fanOut.title", { number: found.item.itemNumber, title: found.item.title })} — ${t("app.name")}`,
  };
  return data(page, { status: problem === null ? 200 : 400 });
}

/** Give the item to one more unit (the secretariat). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const directiveId = idParam(params.id);
  await requireVisibleDirective(request, context, user, directiveId, "task.write");
  const itemId = idParam(params.itemId);
  const db = getDb();
  const { t } = await getTranslator(request);
  const { asOf, basis } = asOfForPage(new URL(request.url), t);
  const found = fanOutForPage(db, user, itemId, asOf, basis);
  if (!found || found.item.directiveId !== directiveId) {
    return denyAccess(request, context, user, "task.write", 404, { type: "fan_out", id: itemId });
  }
  const submission = parseWithZod(await readForm(request), { schema: addFanOutUnitSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const { version, ...unit } = submission.value;
  const result = addFanOutUnit(
    db,
    user,
    { fanOutId: itemId, baseVersion: version, ...unit },
    originOf(request, context),
  );
  if (result.ok) {
    throw redirect(`/directives/${directiveId}/items/${itemId}?saved=updated`);
  }
  switch (result.error) {
    case "forbidden":
    case "not_found":
      throw new Error(`unexpected ${result.error}: checked above`);
    case "conflict":
      return formReply(submission.reply({ formErrors: [t("fanOut.error.conflict")] }), 409);
    case "already_a_unit":
      return formReply(submission.reply({ fieldErrors: { departmentId: [t("fanOut.error.alreadyUnit")] } }), 400);
    default: {
      const errors = taskErrors(t, result, unit.departmentId);
      const fieldErrors = Object.fromEntries(
        Object.entries(errors.fieldErrors ?? {}).map(([field, messages]) => [
          field === "leadDepartmentId" ? "departmentId" : field,
          messages,
        ]),
      );
      return formReply(submission.reply({ formErrors: errors.formErrors, fieldErrors }), 400);
    }
  }
}

export default function FanOutPage() {
  const { item, directive, units, unitsTotal, rollup, links, asOf, isToday, basis, asOfProblem, departments } =
    useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const overdue = units.filter((u) => u.status === "overdue");
  const setAside = rollup.counts.on_hold + rollup.counts.cancelled;
  const directiveLabel = directive.number ?? t("directives.noNumber");
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <p>
        <Link to={`/directives/${directive.id}`}>{t("common.backTo", { name: directiveLabel })}</Link>
      </p>
      <SavedBanner notice={savedNotice(searchParams.get("saved"))} />
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">{t("fanOut.kicker")}</p>
      <h1 className="text-2xl font-semibold">{t("fanOut.title", { number: item.itemNumber, title: item.title })}</h1>
      <p className="text-sm text-slate-700">
        {t("fanOut.inDirective", { number: directiveLabel })} ·{" "}
        {t("fanOut.assignedOn", { date: formatLocalDate(item.assignedOn) })}
        {" · "}
        {item.groupName !== null
          ? t("fanOut.givenToGroup", { name: item.groupName })
          : t("fanOut.givenToLeads", { count: unitsTotal })}
      </p>
      {item.description && <p className="whitespace-pre-line">{item.description}</p>}
      <AsOfForm asOf={asOf} isToday={isToday} basis={basis} problem={asOfProblem} />

      <section aria-labelledby="rollup-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="rollup-heading" className="sr-only">
          {t("fanOut.rollup.status", { status: "" })}
        </h2>
        {rollup.status === null ? (
          <p>{t("fanOut.rollup.none")}</p>
        ) : (
          <>
            <p data-testid="fan-out-rollup" data-status={rollup.status} className="text-base">
              <Link to={links.all} data-count={rollup.done} className="font-semibold">
                {t("fanOut.rollup.done", {
                  done: formatNumber(locale, rollup.done),
                  total: formatNumber(locale, rollup.counted),
                })}
              </Link>
              {"; "}
              {overdue.length === 0 ? (
                t("fanOut.rollup.noneOverdue")
              ) : (
                <>
                  <Link to={links.overdue} data-count={overdue.length}>
                    {t("fanOut.rollup.overdue")}
                  </Link>{" "}
                  {overdue.map((u, index) => (
                    <Fragment key={u.id}>
                      {index > 0 && ", "}
                      <Link to={`/tasks/${u.id}`}>{u.lead.name}</Link>
                    </Fragment>
                  ))}
                </>
              )}
              .
            </p>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              {t("fanOut.rollup.status", { status: "" })}
              <StatusBadge status={rollup.status} />
            </p>
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="fan-out-counts">
              {TASK_STATUSES.filter((s) => rollup.counts[s] > 0).map((s) => (
                <li key={s}>
                  <Link to={links[s]} data-status={s} data-count={rollup.counts[s]}>
                    {formatNumber(locale, rollup.counts[s])} {t(`status.${s}`).toLocaleLowerCase()}
                  </Link>
                </li>
              ))}
            </ul>
            {setAside > 0 && (
              <p className="text-sm text-slate-700">{t("fanOut.rollup.setAside", { count: setAside })}</p>
            )}
            <p className="text-xs text-slate-600">{t("fanOut.rollup.rule")}</p>
          </>
        )}
      </section>

      <section aria-labelledby="units-heading" className="space-y-2">
        <h2 id="units-heading" className="text-lg font-semibold">
          {t("fanOut.units")} ({formatNumber(locale, units.length)})
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="fan-out-units">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("fanOut.col.lead")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("fanOut.col.deadline")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("fanOut.col.status")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("fanOut.col.percent")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("fanOut.col.task")}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id} className="border-t border-slate-200" data-task-id={u.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {u.lead.name}
                  </th>
                  <td className="px-3 py-2">
                    <Deadline
                      deadlineKind={u.deadlineKind}
                      dueDate={u.dueDate}
                      originalDueDate={u.originalDueDate}
                      extensionCount={u.extensionCount}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={u.status} />
                  </td>
                  <td className="px-3 py-2 text-right">{formatNumber(locale, u.percent)}%</td>
                  <td className="px-3 py-2">
                    <Link to={`/tasks/${u.id}${isToday ? "" : `?asOf=${asOf}`}`}>{t("fanOut.openTask")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {departments.length > 0 && <AddUnitForm version={item.version} departments={departments} />}
    </div>
  );
}

/** Give the item to one more unit: its lead, deadline and day of assignment (a plain form: the server checks it). */
function AddUnitForm({
  version,
  departments,
}: {
  version: number;
  departments: { id: number; name: string; kind: "department" | "district" | "enterprise" | "other" }[];
}) {
  const t = useT();
  const { today: todayDate } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const errors = (reply?.result.error ?? {}) as Record<string, string[] | null | undefined>;
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p id={`add-unit-${name}-error`} className="text-sm text-red-800">
        {errors[name]!.join(" ")}
      </p>
    ) : null;
  return (
    <Form method="post" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="add-unit">
      <h2 className="font-semibold">{t("fanOut.addUnit.legend")}</h2>
      <p className={HINT_CLASS}>{t("fanOut.addUnit.hint")}</p>
      {fieldError("")}
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="add-unit-department" className={LABEL_CLASS}>
            {t("fanOut.addUnit.department")}
          </label>
          <select
            id="add-unit-department"
            name="departmentId"
            className={INPUT_CLASS}
            aria-invalid={errors.departmentId?.length ? true : undefined}
            aria-describedby={errors.departmentId?.length ? "add-unit-departmentId-error" : undefined}
          >
            <DepartmentOptions departments={departments} t={t} emptyLabel={t("desk.choose")} />
          </select>
          {fieldError("departmentId")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="add-unit-due" className={LABEL_CLASS}>
            {t("desk.task.dueDate")}
          </label>
          <input
            id="add-unit-due"
            name="dueDate"
            type="text"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            className={INPUT_CLASS}
            aria-invalid={errors.dueDate?.length ? true : undefined}
            aria-describedby={errors.dueDate?.length ? "add-unit-dueDate-error" : undefined}
          />
          {fieldError("dueDate")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="add-unit-assigned" className={LABEL_CLASS}>
            {t("desk.task.assignedOn")}
          </label>
          <input
            id="add-unit-assigned"
            name="assignedOn"
            type="text"
            inputMode="numeric"
            defaultValue={formatLocalDate(todayDate)}
            className={INPUT_CLASS}
            aria-invalid={errors.assignedOn?.length ? true : undefined}
            aria-describedby={errors.assignedOn?.length ? "add-unit-assignedOn-error" : undefined}
          />
          {fieldError("assignedOn")}
        </div>
      </div>
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        {t("fanOut.addUnit.submit")}
      </button>
    </Form>
  );
}
