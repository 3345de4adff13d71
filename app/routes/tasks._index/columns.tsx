// Column definitions at module scope (new objects on every render would make
// TanStack Table rebuild its model each time).
import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { Deadline } from "~/components/deadline";
import { LateNote, StaleFlag, StatusBadge } from "~/components/status-badge";
import { formatInstant } from "~/domain/dates";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/i18n";
import { useAsOfQuery } from "~/lib/use-as-of-link";
import type { TaskRow } from "~/models/task-rows.server";
import type { SortableColumn } from "~/lib/task-list-state";

export type TaskListRow = TaskRow & { directiveLabel: string };

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    label: MessageKey;
    /** The URL `sort` value when the column can be sorted on the server. */
    sort?: SortableColumn;
    className?: string;
  }
}

const column = createColumnHelper<TaskListRow>();

function StatusCell({ row }: { row: TaskListRow }) {
  return (
    <div className="flex flex-col items-start gap-1">
      <StatusBadge status={row.status} />
      <LateNote task={row} />
      {row.stale && <StaleFlag />}
    </div>
  );
}

/** The task opens on the day and reading the list shows. */
function TitleCell({ row }: { row: TaskListRow }) {
  const asOfQuery = useAsOfQuery();
  return (
    <>
      <Link to={`/tasks/${row.id}${asOfQuery}`} className="font-medium">
        {row.title}
      </Link>
      <div className="text-xs text-slate-600">{row.directiveLabel}</div>
    </>
  );
}

function CoordinatorsCell({ row }: { row: TaskListRow }) {
  const t = useT();
  return <>{row.coordinators.length === 0 ? t("common.none") : row.coordinators.map((c) => c.name).join("; ")}</>;
}

export const taskColumns = [
  column.accessor("itemNumber", {
    meta: { label: "tasks.col.item", className: "whitespace-nowrap font-medium" },
  }),
  column.accessor("title", {
    meta: { label: "tasks.col.title", className: "min-w-64" },
    cell: ({ row }) => <TitleCell row={row.original} />,
  }),
  column.accessor((row) => row.lead.name, {
    id: "lead",
    meta: { label: "tasks.col.lead", sort: "department", className: "min-w-40" },
  }),
  column.display({
    id: "coordinators",
    meta: { label: "tasks.col.coordinators", className: "min-w-40 text-slate-700" },
    cell: ({ row }) => <CoordinatorsCell row={row.original} />,
  }),
  column.accessor("dueDate", {
    meta: { label: "tasks.col.deadline", sort: "deadline" },
    cell: ({ row }) => (
      <Deadline
        deadlineKind={row.original.deadlineKind}
        dueDate={row.original.dueDate}
        originalDueDate={row.original.originalDueDate}
        extensionCount={row.original.extensionCount}
      />
    ),
  }),
  column.accessor("status", {
    meta: { label: "tasks.col.status", sort: "status" },
    cell: ({ row }) => <StatusCell row={row.original} />,
  }),
  column.accessor("percent", {
    meta: { label: "tasks.col.percent", className: "whitespace-nowrap text-right tabular-nums" },
    cell: ({ getValue }) => `${getValue()}%`,
  }),
  column.accessor("updatedAt", {
    meta: { label: "tasks.col.updated", sort: "updated", className: "whitespace-nowrap text-xs text-slate-700" },
    cell: ({ getValue }) => formatInstant(getValue()),
  }),
];
