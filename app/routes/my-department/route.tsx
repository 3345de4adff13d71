import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { reminderLabel } from "~/components/reminder-panel";
import { StaleFlag, StatusBadge } from "~/components/status-badge";
import { formatInstant, formatLocalDate, today } from "~/domain/dates";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { DEPARTMENT_GROUPS } from "./groups";
import { departmentReminders, departmentTasks, type DepartmentTask } from "./queries.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("common", "desk", "progress", "reminders") };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

/** "What is mine, what is late": the department's home. Other roles get a short explanation. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const { t } = await getTranslator(request);
  const title = `${t("myDepartment.title")} — ${t("app.name")}`;
  const departmentId = user.departmentId;
  if ((user.role !== "dept_lead" && user.role !== "dept_officer") || departmentId === null) {
    return { title, department: null, groups: null, reminders: [] };
  }
  const db = getDb();
  const member = { ...user, departmentId };
  return {
    title,
    department: user.departmentName,
    groups: departmentTasks(db, member, today(), "happened"),
    reminders: departmentReminders(db, member),
  };
}

const LINK_BUTTON =
  "inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-800 hover:no-underline";

function TaskCard({ task }: { task: DepartmentTask }) {
  const t = useT();
  return (
    <li className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-task-id={task.id}>
      <div className="flex flex-wrap items-center gap-2">
        <span
          className={`rounded px-1.5 text-xs font-semibold ${task.role === "lead" ? "bg-brand-700 text-white" : "bg-slate-200 text-slate-900"}`}
        >
          {t(`myDepartment.role.${task.role}`)}
        </span>
        <StatusBadge status={task.status} />
        {task.stale && <StaleFlag />}
      </div>
      <p className="font-medium">
        <Link to={`/tasks/${task.id}`}>
          {task.itemNumber}. {task.title}
        </Link>
      </p>
      <p className="text-sm text-slate-700">
        {task.dueDate ? t("myDepartment.due", { date: formatLocalDate(task.dueDate) }) : t("status.ongoing")}
        {task.late ? ` · ${t("status.daysLate", { days: task.daysLate })}` : ""}
        {` · ${t("myDepartment.percent", { percent: task.percent })}`}
      </p>
      {task.hasPendingExtension && <p className="text-sm text-amber-900">{t("myDepartment.pendingExtension")}</p>}
      {task.next === "await_confirmation" ? (
        <p className="text-sm font-medium">{t("myDepartment.action.await_confirmation")}</p>
      ) : (
        <Link to={`/tasks/${task.id}`} className={LINK_BUTTON}>
          {t(`myDepartment.action.${task.next}`)}
        </Link>
      )}
    </li>
  );
}

export default function MyDepartmentPage() {
  const { department, groups, reminders } = useLoaderData<typeof loader>();
  const t = useT();
  if (groups === null) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">{t("myDepartment.title")}</h1>
        <p>{t("myDepartment.notForYou")}</p>
        <p>
          <Link to="/">{t("myDepartment.goHome")}</Link>
        </p>
      </div>
    );
  }
  const empty = DEPARTMENT_GROUPS.every((group) => groups[group].length === 0);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("myDepartment.title")}</h1>
        <p className="text-sm text-slate-700">{t("myDepartment.intro", { department: department ?? "" })}</p>
      </header>
      {empty && <p>{t("myDepartment.empty")}</p>}
      {DEPARTMENT_GROUPS.filter((group) => groups[group].length > 0).map((group) => (
        <section key={group} aria-labelledby={`group-${group}`} className="space-y-2" data-group={group}>
          <h2 id={`group-${group}`} className="text-lg font-semibold">
            {t(`myDepartment.group.${group}`)} <span className="text-slate-600">({groups[group].length})</span>
          </h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {groups[group].map((task) => (
              <TaskCard key={task.id} task={task} />
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="reminders-heading" className="space-y-2">
        <h2 id="reminders-heading" className="text-lg font-semibold">
          {t("myDepartment.reminders")}
        </h2>
        {reminders.length === 0 ? (
          <p className="text-sm">{t("myDepartment.remindersEmpty")}</p>
        ) : (
          <ul className="space-y-2">
            {reminders.map((reminder) => (
              <li
                key={reminder.id}
                className={`rounded border p-3 text-sm ${reminder.resolvedAt === null ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"}`}
                data-reminder-ordinal={reminder.ordinal}
                data-resolved={reminder.resolvedAt !== null}
              >
                <p className="font-medium">
                  {reminder.kind === "automatic"
                    ? t("myDepartment.reminderAuto", {
                        label: reminderLabel(t, reminder),
                        at: formatInstant(reminder.sentAt),
                      })
                    : t("myDepartment.reminder", { ordinal: reminder.ordinal, at: formatInstant(reminder.sentAt) })}
                </p>
                <p>
                  <Link to={`/tasks/${reminder.taskId}`}>
                    {reminder.itemNumber}. {reminder.title}
                  </Link>
                </p>
                {reminder.message && <p className="text-slate-700">{reminder.message}</p>}
                <p className="text-slate-700">
                  {reminder.resolvedAt === null
                    ? t("myDepartment.reminderOpen")
                    : t("myDepartment.reminderResolved", { at: formatInstant(reminder.resolvedAt) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
