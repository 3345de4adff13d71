import { Link } from "@remix-run/react";
import { useT } from "~/lib/i18n";
import { useAsOfQuery } from "~/lib/use-as-of-link";
import type { TaskRow } from "~/domain/views";
import { Deadline } from "./deadline";
import { LateNote, StaleFlag, StatusBadge } from "./status-badge";

/** Tasks as a table; sub-tasks are indented under their parent when `nested`. */
export function TaskTable({
  tasks,
  caption,
  nested = false,
  showDirective = false,
  cardsOnly = false,
}: {
  tasks: (TaskRow & { directiveLabel?: string })[];
  caption: string;
  nested?: boolean;
  showDirective?: boolean;
  /** Render only the phone cards (the page draws its own table for wider screens). */
  cardsOnly?: boolean;
}) {
  const t = useT();
  const asOfQuery = useAsOfQuery();
  return (
    <>
      {/* Phones: one card per task, nothing hidden sideways. */}
      <ul className="space-y-3 md:hidden" aria-label={caption}>
        {tasks.map((task) => (
          <li
            key={task.id}
            data-task-card={task.id}
            className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
          >
            <p className="text-sm">
              <span className="font-semibold text-slate-600">{task.itemNumber}.</span>{" "}
              <Link to={`/tasks/${task.id}${asOfQuery}`} className="font-medium">
                {task.title}
              </Link>
            </p>
            {showDirective && task.directiveLabel && <p className="text-xs text-slate-600">{task.directiveLabel}</p>}
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <StatusBadge status={task.status} />
              <LateNote task={task} />
              {task.stale && <StaleFlag />}
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
              <dt className="text-slate-600">{t("tasks.col.lead")}</dt>
              <dd>{task.lead.name}</dd>
              {task.coordinators.length > 0 && (
                <>
                  <dt className="text-slate-600">{t("tasks.col.coordinators")}</dt>
                  <dd>{task.coordinators.map((c) => c.name).join("; ")}</dd>
                </>
              )}
              <dt className="text-slate-600">{t("tasks.col.deadline")}</dt>
              <dd>
                <Deadline
                  deadlineKind={task.deadlineKind}
                  dueDate={task.dueDate}
                  originalDueDate={task.originalDueDate}
                  extensionCount={task.extensionCount}
                />
              </dd>
              <dt className="text-slate-600">{t("tasks.col.percent")}</dt>
              <dd className="tabular-nums">{t("common.percent", { value: task.percent })}</dd>
            </dl>
          </li>
        ))}
      </ul>
      {!cardsOnly && (
        <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("tasks.col.item")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("tasks.col.title")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("tasks.col.lead")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("tasks.col.coordinators")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("tasks.col.deadline")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("tasks.col.status")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("tasks.col.percent")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tasks.map((task) => (
                <tr key={task.id} data-task-id={task.id} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 font-medium">{task.itemNumber}</td>
                  <td className={`min-w-64 px-3 py-2 ${nested && task.parentId !== null ? "pl-8" : ""}`}>
                    <Link to={`/tasks/${task.id}${asOfQuery}`} className="font-medium">
                      {task.title}
                    </Link>
                    {showDirective && task.directiveLabel && (
                      <div className="text-xs text-slate-600">{task.directiveLabel}</div>
                    )}
                  </td>
                  <td className="min-w-40 px-3 py-2">{task.lead.name}</td>
                  <td className="min-w-40 px-3 py-2 text-slate-700">
                    {task.coordinators.length === 0
                      ? t("common.none")
                      : task.coordinators.map((c) => c.name).join("; ")}
                  </td>
                  <td className="px-3 py-2">
                    <Deadline
                      deadlineKind={task.deadlineKind}
                      dueDate={task.dueDate}
                      originalDueDate={task.originalDueDate}
                      extensionCount={task.extensionCount}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex flex-col items-start gap-1">
                      <StatusBadge status={task.status} />
                      <LateNote task={task} />
                      {task.stale && <StaleFlag />}
                    </div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {t("common.percent", { value: task.percent })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
