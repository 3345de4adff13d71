import { sql, type SQL } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import { TASK_STATUSES, type StatusBasis, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import type { StatusCounts } from "../domain/views";

export type { StatusCounts };
import { readyStatusFacts, rollupCounts } from "./status-facts.server";
import { rollupScopeOf, spanScopeFilter, type TaskScope } from "./task-scope.server";
import { spanContains, taskStatusSource } from "./task-status.server";
import { allRows } from "./sql-rows.server";

export function emptyStatusCounts(): StatusCounts {
  return { ...(Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>), stale: 0 };
}

/** The counts of two sets of tasks together (e.g. a directive's main tasks and its sub-tasks). */
export function addStatusCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  const sum = emptyStatusCounts();
  for (const status of TASK_STATUSES) sum[status] = a[status] + b[status];
  sum.stale = a.stale + b.stale;
  return sum;
}

/**
 * Task counts by status as of a day, grouped by a column of `tasks t` (e.g.
 * `t.directive_id`) or of the status source `st` (`st.lead_id`, the lead department
 * then), counted in SQL over the spans of the tasks meeting `taskFilter` (over `t`
 * and its span `s`). Tasks that did not exist yet on the day are not counted.
 */
export function statusCountsBy(
  db: AppDatabase,
  groupColumn: SQL,
  asOf: LocalDate,
  taskFilter: SQL = sql`1 = 1`,
  basis: StatusBasis = "happened",
): Map<number, StatusCounts> {
  const rows = allRows(
    db,
    { group_id: "integer", status: TASK_STATUSES, n: "integer", stale: "integer" },
    sql`
    SELECT ${groupColumn} AS group_id, st.status, count(*) AS n, sum(st.stale) AS stale
    FROM (${taskStatusSource(db, asOf, taskFilter, basis)}) st
    JOIN tasks t ON t.id = st.task_id
    GROUP BY group_id, st.status`,
  );
  const result = new Map<number, StatusCounts>();
  for (const row of rows) {
    const counts = result.get(row.group_id) ?? emptyStatusCounts();
    counts[row.status] = row.n;
    counts.stale += row.stale;
    result.set(row.group_id, counts);
  }
  return result;
}

const GROUPS = {
  none: sql`0`,
  // The lead department as of the day (the span's own).
  department: sql`s.lead_department_id`,
  directive: sql`s.directive_id`,
} as const;

/**
 * Task counts by status as of a day for a scope (group id 0 when not grouped),
 * from the fastest source: the stored counts when they cover the scope, else the
 * stored spans through the scope's indexes.
 */
export function statusCountsInScope(
  db: AppDatabase,
  scope: TaskScope,
  asOf: LocalDate,
  groupBy: keyof typeof GROUPS = "none",
): Map<number, StatusCounts> {
  readyStatusFacts(db);
  const rollup = rollupScopeOf(scope);
  const groupedAcrossAll =
    groupBy === "department" && rollup?.committeeId === undefined && rollup?.departmentId === undefined;
  if (rollup && (groupBy === "none" || groupedAcrossAll)) {
    const result = new Map<number, StatusCounts>();
    for (const [group, series] of rollupCounts(db, rollup, asOf, groupBy === "department")) {
      const counts = emptyStatusCounts();
      for (const [name, n] of series) counts[name] = n;
      // A department that no longer leads any task in scope keeps zero rows in the rollups.
      if (TASK_STATUSES.some((s) => counts[s] !== 0)) result.set(group, counts);
    }
    if (groupBy === "none" && !result.has(0)) result.set(0, emptyStatusCounts());
    return result;
  }

  const rows = allRows(
    db,
    { group_id: "integer", status: TASK_STATUSES, n: "integer", stale: "integer" },
    sql`
    SELECT ${GROUPS[groupBy]} AS group_id, s.status, count(*) AS n, sum(s.stale) AS stale
    FROM task_status_spans s
    WHERE ${spanContains(asOf)} AND ${spanScopeFilter(scope, true)}
    GROUP BY group_id, s.status`,
  );
  const result = new Map<number, StatusCounts>();
  for (const row of rows) {
    const counts = result.get(row.group_id) ?? emptyStatusCounts();
    counts[row.status] = row.n;
    counts.stale += row.stale;
    result.set(row.group_id, counts);
  }
  return result;
}
