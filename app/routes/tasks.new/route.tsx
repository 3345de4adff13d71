import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TaskForm } from "~/components/task-form";
import { formatLocalDate, today } from "~/domain/dates";
import { getDb } from "~/models/db.server";
import { fanOutErrors, formReply, requireDirectiveDesk, taskErrors } from "~/server/desk.server";
import { newTaskSchema } from "~/lib/desk-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { departmentOptions, getDirectiveHeading, parentOptions } from "~/models/desk-options.server";
import { createFanOut } from "~/models/fan-outs.server";
import { createTask } from "~/models/tasks.server";
import { groupMembersOn, listGroups } from "~/models/unit-groups.server";
import { dueDateInWorkingDays } from "~/models/working-calendar.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "calendar", "desk", "duties", "fanout") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t, directiveId } = await requireDirectiveDesk(request, context);
  const db = getDb();
  const directive = getDirectiveHeading(db, directiveId);
  if (!directive) notFound();
  return {
    title: `${t("desk.task.newTitle")} — ${t("app.name")}`,
    directive,
    departments: departmentOptions(db),
    parents: parentOptions(db, directiveId),
    // The unit groups and their members today, for "give to a group" and its review (resolved again on the assignment day).
    groups: listGroups(db, today()).map((group) => ({
      id: group.id,
      name: group.name,
      members: (groupMembersOn(db, group.id, today()) ?? []).map((m) => m.name),
    })),
    today: today(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, t, directiveId } = await requireDirectiveDesk(request, context);
  const submission = parseWithZod(await readForm(request), { schema: newTaskSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const db = getDb();
  const { dueInWorkingDays, assignTo, leadDepartmentId, leadDepartmentIds, groupId, ...task } = submission.value;
  // A deadline in working days becomes a date here, over the working calendar; the date is what is stored.
  const dueDate =
    dueInWorkingDays === null ? task.dueDate : dueDateInWorkingDays(db, task.assignedOn, dueInWorkingDays);
  if (assignTo !== "one") {
    // One item given to many units: one ordinary task per unit (decision 026).
    const result = createFanOut(
      db,
      user,
      {
        directiveId,
        itemNumber: task.itemNumber,
        title: task.title,
        description: task.description,
        target:
          assignTo === "group"
            ? { kind: "group", groupId: groupId! }
            : { kind: "leads", departmentIds: leadDepartmentIds },
        coordinatorDepartmentIds: task.coordinatorDepartmentIds,
        deadlineKind: task.deadlineKind,
        dueDate,
        assignedOn: task.assignedOn,
      },
      originOf(request, context),
    );
    if (result.ok) {
      throw redirect(`/directives/${directiveId}/items/${result.id}?saved=created`);
    }
    if (result.error === "forbidden") throw new Error("task.write was checked above");
    return formReply(submission.reply(fanOutErrors(t, result)), 400);
  }
  const result = createTask(
    db,
    user,
    { ...task, leadDepartmentId: leadDepartmentId!, dueDate, directiveId },
    originOf(request, context),
  );
  if (result.ok) {
    throw redirect(`/tasks/${result.id}?saved=created`);
  }
  if (result.error === "not_found" || result.error === "conflict") throw new Error(`unexpected ${result.error}`);
  return formReply(submission.reply(taskErrors(t, result, leadDepartmentId)), 400);
}

export default function NewTaskPage() {
  const { directive, departments, parents, groups, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const label = directive.number ?? t("directives.noNumber");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/directives/${directive.id}`}>{t("common.backTo", { name: label })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("desk.task.newTitle")}</h1>
      <p className="text-sm text-slate-700">
        {t("desk.task.inDirective", { number: label, abstract: directive.abstract })}
      </p>
      <nav aria-label={t("duty.choice.label")} className="flex gap-2 text-sm">
        <span aria-current="page" className="rounded border border-brand-700 bg-brand-50 px-3 py-1 font-medium">
          {t("duty.choice.once")}
        </span>
        <Link to={`/duties/new?directive=${directive.id}`} className="rounded border border-slate-300 px-3 py-1">
          {t("duty.choice.recurring")}
        </Link>
      </nav>
      <TaskForm
        lastResult={reply?.result}
        conflict={null}
        defaultValue={{ deadlineKind: "dated", assignedOn: formatLocalDate(today) }}
        departments={departments}
        parents={parents}
        cancelTo={`/directives/${directive.id}`}
        workingDaysDeadline
        fanOut={{ groups }}
      />
    </div>
  );
}
