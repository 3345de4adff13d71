import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TaskForm } from "~/components/task-form";
import { formatLocalDate } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { describeTaskChanges, formReply, requireVisibleTask, taskErrors } from "~/server/desk.server";
import { editTaskSchema } from "~/lib/desk-schemas";
import { notFound } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { departmentOptions, parentOptions } from "~/models/desk-options.server";
import { updateTask } from "~/models/tasks.server";
import { getTaskForEdit } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "calendar", "desk", "fanout") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const id = idParam(params.id);
  await requireVisibleTask(request, context, user, id, "task.write");
  const db = getDb();
  const task = getTaskForEdit(db, id);
  if (!task) notFound();
  const { t } = await getTranslator(request);
  return {
    title: `${t("desk.task.editTitle", { item: task.itemNumber })} — ${t("app.name")}`,
    task,
    departments: departmentOptions(db, [task.leadDepartmentId, ...task.coordinatorDepartmentIds]),
    parents: parentOptions(db, task.directiveId, task.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "task.write");
  const id = idParam(params.id);
  await requireVisibleTask(request, context, user, id, "task.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: editTaskSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const { version, ...input } = submission.value;
  const db = getDb();
  const result = updateTask(db, user, id, version, input, originOf(request, context));
  if (result.ok) {
    throw redirect(`/tasks/${id}?saved=updated`);
  }
  if (result.error === "not_found") notFound();
  if (result.error === "conflict") {
    const current = getTaskForEdit(db, id);
    if (!current) notFound();
    return formReply(submission.reply({ formErrors: [t("desk.conflict.task")] }), 409, {
      version: current.version,
      changes: describeTaskChanges(db, t, result.changes),
    });
  }
  return formReply(submission.reply(taskErrors(t, result, input.leadDepartmentId)), 400);
}

export default function EditTaskPage() {
  const { task, departments, parents } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const directiveLabel = task.directiveNumber ?? t("directives.noNumber");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/tasks/${task.id}`}>{t("common.backTo", { name: `${task.itemNumber}. ${task.title}` })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("desk.task.editTitle", { item: task.itemNumber })}</h1>
      <p className="text-sm text-slate-700">
        {t("desk.task.inDirective", { number: directiveLabel, abstract: task.directiveAbstract })}
      </p>

      <TaskForm
        version={reply?.conflict?.version ?? task.version}
        lastResult={reply?.result}
        conflict={reply?.conflict ?? null}
        defaultValue={{
          itemNumber: task.itemNumber,
          title: task.title,
          description: task.description ?? undefined,
          leadDepartmentId: String(task.leadDepartmentId),
          coordinatorDepartmentIds: task.coordinatorDepartmentIds.map(String),
          deadlineKind: task.deadlineKind,
          dueDate: task.currentDueDate === null ? undefined : formatLocalDate(task.currentDueDate),
          assignedOn: formatLocalDate(task.assignedOn),
          parentId: task.parentId === null ? undefined : String(task.parentId),
        }}
        departments={departments}
        parents={parents}
        cancelTo={`/tasks/${task.id}`}
        deadlineFixed={
          task.directiveState === "draft"
            ? null
            : {
                kind: task.deadlineKind,
                dueDate: task.currentDueDate === null ? null : formatLocalDate(task.currentDueDate),
                href: `/tasks/${task.id}/history`,
              }
        }
      />
    </div>
  );
}
