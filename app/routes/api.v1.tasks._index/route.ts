// GET /api/v1/tasks — the task list as JSON: the screen's own query (listTasks), its
// filters, its visibility and its order, with the computed status as of `asOf`.
import { TASK_LEVELS, TASK_STATUSES } from "~/domain/vocabulary";
import { taskItemJson } from "~/lib/api-json.server";
import {
  apiEndpoint,
  asOfQuery,
  choiceQuery,
  dateQuery,
  filterIdQuery,
  pageOf,
  pageQuery,
  periodQuery,
} from "~/lib/api.server";
import { listTasks, type TaskListQuery } from "~/models/task-list.server";
import { SORTABLE_COLUMNS } from "~/lib/task-list-state";

const QUERY = [
  "asOf",
  "page",
  "pageSize",
  "status",
  "department",
  "coordinator",
  "directive",
  "committee",
  "period",
  "level",
  "dueFrom",
  "dueTo",
  "stale",
  "counted",
  "sort",
  "dir",
] as const;

export const loader = apiEndpoint({ permission: "task.read", query: QUERY }, (call) => {
  const { asOf, basis } = asOfQuery(call);
  const { page, pageSize } = pageQuery(call);
  const query: TaskListQuery = {
    status: choiceQuery(call, "status", TASK_STATUSES),
    department: filterIdQuery(call, "department", "department"),
    coordinator: filterIdQuery(call, "coordinator", "department"),
    directive: filterIdQuery(call, "directive", "directive"),
    committee: filterIdQuery(call, "committee", "committee"),
    period: periodQuery(call),
    level: choiceQuery(call, "level", TASK_LEVELS),
    dueFrom: dateQuery(call, "dueFrom"),
    dueTo: dateQuery(call, "dueTo"),
    stale: choiceQuery(call, "stale", ["1", "true"]) === undefined ? undefined : "1",
    counted: choiceQuery(call, "counted", ["1", "true"]) === undefined ? undefined : "1",
    sort: choiceQuery(call, "sort", SORTABLE_COLUMNS),
    dir: choiceQuery(call, "dir", ["asc", "desc"]),
    page,
  };
  const result = listTasks(call.db, call.actor, query, asOf, basis, pageSize);
  // The list shows its last page for a page past the end; the API answers an empty page instead.
  const rows = result.page === page ? result.rows : [];
  return {
    asOf,
    ...pageOf(call, result.rowCount, page, pageSize, asOf),
    items: rows.map((row) => taskItemJson(call.t, row, row.directiveLabel)),
  };
});
