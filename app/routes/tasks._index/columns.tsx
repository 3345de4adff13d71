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

/**
 * A row as the list sends it: what its cells show, and no more — the ids and keys a
 * task row also carries (directive, parent, duty, departments) would be loader data
 * the page never reads, and a field at its usual value (no extension, not late, not
 * stale) is left out rather than named on each of the 50 rows (issue #16).
 */
export function toListRow(row: TaskRow & { directiveLabel: string }) {
  return {
    id: row.id,
    itemNumber: row.itemNumber,
    title: row.title,
    directiveLabel: row.directiveLabel,
    lead: row.lead.name,
    ...(row.coordinators.length > 0 && { coordinators: row.coordinators.map((c) => c.name) }),
    ...(row.deadlineKind !== "dated" && { deadlineKind: row.deadlineKind }),
    dueDate: row.dueDate,
    // Shown only when an extension moved the deadline.
    ...(row.originalDueDate !== null &&
      row.originalDueDate !== row.dueDate && { originalDueDate: row.originalDueDate }),
    ...(row.extensionCount > 0 && { extensionCount: row.extensionCount }),
    percent: row.percent,
    updatedAt: row.updatedAt,
    status: row.status,
    ...(row.late && { late: true, daysLate: row.daysLate }),
    ...(row.daysAwaiting !== null && { daysAwaiting: row.daysAwaiting }),
    ...(row.stale && { stale: true }),
  };
}
export type TaskListRow = ReturnType<typeof toListRow>;

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    label: MessageKey;
    /** The URL `sort` value when the column can be sorted on the server. */
    sort?: SortableColumn;
    /** The cells' class: how the list's table (.task-rows in tailwind.css) lays the column out. */
    className?: string;
    /** The heading's class: a column's least width is its heading's, said once rather than on each cell. */
    headerClassName?: string;
    /** On a phone, where a row is a card, the cell is preceded by the column's name. */
    labelledOnPhone?: boolean;
  }
}

const column = createColumnHelper<TaskListRow>();

/** The badge, how late, the stale flag: stacked by the list's table (.task-rows .status in tailwind.css). */
function StatusCell({ row }: { row: TaskListRow }) {
  return (
    <>
      <StatusBadge status={row.status} />
      <LateNote
        task={{
          status: row.status,
          late: row.late ?? false,
          daysLate: row.daysLate ?? 0,
          daysAwaiting: row.daysAwaiting ?? null,
        }}
      />
      {row.stale && <StaleFlag />}
    </>
  );
}

/** The task opens on the day and reading the list shows. */
function TitleCell({ row }: { row: TaskListRow }) {
  const asOfQuery = useAsOfQuery();
  return (
    <>
      {/* /tasks/:id is discovered on the first click rather than once per row. */}
      <Link to={`/tasks/${row.id}${asOfQuery}`} discover="none">
        {row.title}
      </Link>
      <div>{row.directiveLabel}</div>
    </>
  );
}

function CoordinatorsCell({ row }: { row: TaskListRow }) {
  const t = useT();
  return <>{row.coordinators?.join("; ") ?? t("common.none")}</>;
}

export const taskColumns = [
  column.accessor("itemNumber", {
    meta: { label: "tasks.col.item", className: "item" },
  }),
  column.accessor("title", {
    meta: { label: "tasks.col.title", className: "title" },
    cell: ({ row }) => <TitleCell row={row.original} />,
  }),
  column.accessor("lead", {
    meta: { label: "tasks.col.lead", sort: "department", headerClassName: "lead", labelledOnPhone: true },
  }),
  column.display({
    id: "coordinators",
    meta: { label: "tasks.col.coordinators", className: "coordinators", labelledOnPhone: true },
    cell: ({ row }) => <CoordinatorsCell row={row.original} />,
  }),
  column.accessor("dueDate", {
    meta: { label: "tasks.col.deadline", sort: "deadline", className: "due", labelledOnPhone: true },
    cell: ({ row }) => (
      <Deadline
        deadlineKind={row.original.deadlineKind ?? "dated"}
        dueDate={row.original.dueDate}
        originalDueDate={row.original.originalDueDate ?? null}
        extensionCount={row.original.extensionCount ?? 0}
      />
    ),
  }),
  column.accessor("status", {
    meta: { label: "tasks.col.status", sort: "status", className: "status" },
    cell: ({ row }) => <StatusCell row={row.original} />,
  }),
  column.accessor("percent", {
    meta: { label: "tasks.col.percent", className: "percent", labelledOnPhone: true },
    cell: ({ getValue }) => `${getValue()}%`,
  }),
  column.accessor("updatedAt", {
    meta: { label: "tasks.col.updated", sort: "updated", className: "updated" },
    cell: ({ getValue }) => formatInstant(getValue()),
  }),
];
