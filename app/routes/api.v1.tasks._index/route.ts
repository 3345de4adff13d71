// GET /api/v1/tasks — the task list as JSON: the screen's own query (listTasks), its
// filters, its visibility and its order, with the computed status as of `asOf`.
import { z } from "zod";
import { TASK_LEVELS, TASK_STATUSES } from "~/domain/vocabulary";
import { taskItemJson } from "~/server/api-json.server";
import { apiEndpoint, pageOf } from "~/server/api.server";
import { asOfView } from "~/lib/as-of.server";
import { listTasks } from "~/models/task-list.server";
import { SORTABLE_COLUMNS } from "~/lib/task-list-state";

export const loader = apiEndpoint(
  {
    permission: "task.read",
    query: (p) =>
      z.object({
        ...p.asOf(),
        ...p.paging(),
        status: p.choice("status", TASK_STATUSES).optional(),
        department: p.id("department").optional(),
        coordinator: p.id("coordinator").optional(),
        directive: p.id("directive").optional(),
        committee: p.id("committee").optional(),
        period: p.period().optional(),
        level: p.choice("level", TASK_LEVELS).optional(),
        dueFrom: p.day("dueFrom").optional(),
        dueTo: p.day("dueTo").optional(),
        stale: p.flag("stale").optional(),
        counted: p.flag("counted").optional(),
        sort: p.choice("sort", SORTABLE_COLUMNS).optional(),
        dir: p.choice("dir", ["asc", "desc"]).optional(),
      }),
    known: { department: "department", coordinator: "department", directive: "directive", committee: "committee" },
  },
  (call, { asOf: day, basis: reading, page, pageSize, ...filters }) => {
    const { asOf, basis } = asOfView({ asOf: day, basis: reading });
    const result = listTasks(call.db, call.actor, { ...filters, page }, asOf, basis, pageSize);
    // The list shows its last page for a page past the end; the API answers an empty page instead.
    const rows = result.page === page ? result.rows : [];
    return {
      asOf,
      ...pageOf(call, result.rowCount, page, pageSize, asOf),
      items: rows.map((row) => taskItemJson(call.t, row, row.directiveLabel)),
    };
  },
);
