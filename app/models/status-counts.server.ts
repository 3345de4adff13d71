import { sql, type SQL } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import type { StatusRules } from "../domain/status";
import { TASK_STATUSES, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { taskStatusSubquery } from "./task-status.server";

export type StatusCounts = Record<TaskStatus, number> & { stale: number };

export function emptyStatusCounts(): StatusCounts {
  return { ...(Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>), stale: 0 };
}

/**
 * Task counts by status as of a day, grouped by a column of `tasks t` (e.g.
 * `t.directive_id`), computed in SQL. Tasks created after the day are not counted.
 */
export function statusCountsBy(
  db: AppDatabase,
  groupColumn: SQL,
  asOf: LocalDate,
  rules: StatusRules,
  taskFilter: SQL = sql`1 = 1`,
): Map<number, StatusCounts> {
  const rows = db.all<{ group_id: number; status: TaskStatus; n: number; stale: number }>(sql`
    SELECT ${groupColumn} AS group_id, st.status, count(*) AS n, sum(st.stale) AS stale
    FROM (${taskStatusSubquery(asOf, rules, taskFilter)}) st
    JOIN tasks t ON t.id = st.task_id
    GROUP BY group_id, st.status`);
  const result = new Map<number, StatusCounts>();
  for (const row of rows) {
    const counts = result.get(row.group_id) ?? emptyStatusCounts();
    counts[row.status] = row.n;
    counts.stale += row.stale;
    result.set(row.group_id, counts);
  }
  return result;
}
