// Reading statuses as of a day from the stored spans (app/models/status-facts.server.ts).
//
// The spans are the only way statuses are read: no rule is written here. What is
// left in SQL is reading a span for a day — the span containing D, and the days
// late on D (`daysLateOnDay` in app/domain/status-spans.ts, written as SQL below);
// tests/setup/status-facts-check.ts compares what these columns say with the
// reference (app/domain/status.ts) for every task and day it checks.
import { sql, type SQL } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import { dayNumber } from "../domain/status-spans";
import { TASK_STATUSES, type StatusBasis, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import { readyStatusFacts, spanBasisFilter } from "./status-facts.server";
import { allRows, firstRow, type Columns, type RowOf } from "./sql-rows.server";

/**
 * The tasks a department ever led (its assignments, or the column for a task without
 * any), as a list of task ids the indexes give: the start of every lead-department
 * filter, which a span's own lead then narrows to the day.
 */
export function everLedBy(departmentId: number): SQL {
  return sql`SELECT task_id FROM task_lead_assignments WHERE department_id = ${departmentId}
    UNION ALL SELECT id FROM tasks WHERE lead_department_id = ${departmentId}`;
}

/** A condition over the status source (`tasks t` joined to its span `s`): led by the department on the span's day. */
export function ledBy(departmentId: number): SQL {
  return sql`t.id IN (${everLedBy(departmentId)}) AND s.lead_department_id = ${departmentId}`;
}

export interface TaskStatusRow {
  taskId: number;
  status: TaskStatus;
  dueDate: LocalDate | null;
  late: boolean;
  daysLate: number;
  stale: boolean;
  awaitingSince: LocalDate | null;
}

/**
 * The status columns of a span `s` for day D: `task_id, status, due_date, late,
 * days_late, stale, awaiting_since, lead_id` (the lead department then), plus the
 * span's `due_day`, `since_day`, `severity`, `directive_id` and `position`. Use with
 * `spanContains(D)` and `spanBasisFilter(basis)`.
 */
export function spanStatusColumns(asOf: LocalDate): SQL {
  const day = dayNumber(asOf);
  // daysLateOnDay: an overdue task's days late grow with the day; a late report's do not.
  const daysLate = sql`CASE WHEN s.status = 'overdue' THEN ${day} - s.due_day ELSE s.late_days END`;
  return sql`s.task_id, s.status,
    CASE WHEN s.due_day IS NOT NULL THEN date(s.due_day * 86400, 'unixepoch') END AS due_date,
    (${daysLate} > 0) AS late, ${daysLate} AS days_late, s.stale,
    CASE WHEN s.since_day IS NOT NULL THEN date(s.since_day * 86400, 'unixepoch') END AS awaiting_since,
    s.lead_department_id AS lead_id, s.due_day, s.since_day, s.severity, s.directive_id, s.position`;
}

/** The condition on spans `s` that picks, for each task that existed at the end of D, its span containing D. */
export function spanContains(asOf: LocalDate): SQL {
  const day = dayNumber(asOf);
  return sql`s.from_day <= ${day} AND s.to_day > ${day}`;
}

/**
 * A subquery with one row per task that existed at the end of `asOf` (on the
 * basis) and meets `taskFilter` (a condition over `tasks t` and its span `s`):
 * the columns of `spanStatusColumns`. Join it to `tasks` to filter, count or list.
 */
export function taskStatusSource(
  db: AppDatabase,
  asOf: LocalDate,
  taskFilter: SQL = sql`1 = 1`,
  basis: StatusBasis = "happened",
): SQL {
  readyStatusFacts(db);
  return sql`
    SELECT ${spanStatusColumns(asOf)}
    FROM tasks t JOIN task_status_spans s ON s.task_id = t.id AND ${spanContains(asOf)} AND ${spanBasisFilter(basis)}
    WHERE ${taskFilter}`;
}

/** The columns of `spanStatusColumns` a status row is made of. */
const STATUS_COLUMNS = {
  task_id: "integer",
  status: TASK_STATUSES,
  due_date: "text?",
  late: "boolean",
  days_late: "integer",
  stale: "boolean",
  awaiting_since: "text?",
} satisfies Columns;

function statusRow(r: RowOf<typeof STATUS_COLUMNS>): TaskStatusRow {
  return {
    taskId: r.task_id,
    status: r.status,
    dueDate: r.due_date,
    late: r.late,
    daysLate: r.days_late,
    stale: r.stale,
    awaitingSince: r.awaiting_since,
  };
}

/** Statuses of the given tasks as of a day (tasks that did not exist yet then are absent). */
export function taskStatusesAsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
  basis: StatusBasis = "happened",
): Map<number, TaskStatusRow> {
  if (taskIds.length === 0) return new Map();
  readyStatusFacts(db);
  return spanStatusesAsOf(db, taskIds, asOf, basis);
}

/**
 * Statuses of the given tasks as of a day read from the stored spans as they are,
 * up to date or not (for checks that compare them with the reference).
 */
export function spanStatusesAsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
  basis: StatusBasis = "happened",
): Map<number, TaskStatusRow> {
  if (taskIds.length === 0) return new Map();
  const ids = sql.raw(taskIds.map((id) => Number(id)).join(", "));
  const rows = allRows(
    db,
    STATUS_COLUMNS,
    sql`SELECT ${spanStatusColumns(asOf)} FROM task_status_spans s
      WHERE s.task_id IN (${ids}) AND ${spanContains(asOf)} AND ${spanBasisFilter(basis)}`,
  );
  return new Map(rows.map((r) => [r.task_id, statusRow(r)]));
}

/**
 * The tasks read differently on D as recorded and as they happened — a status, the
 * stale flag or the lead department, because of records entered after the fact or
 * corrections — as a list of task ids (`t.id IN (…)`). Read from the few spans kept
 * apart for the two readings (`basis` 1 and 2), through their own index.
 */
export function readingsDifferOn(asOf: LocalDate): SQL {
  const day = dayNumber(asOf);
  return sql`SELECT x.task_id FROM task_status_spans x INDEXED BY task_status_spans_differing_idx
    WHERE x.basis > 0 AND x.from_day <= ${day} AND x.to_day > ${day}
    GROUP BY x.task_id
    HAVING count(*) = 1 OR count(DISTINCT x.status || ',' || x.stale || ',' || x.lead_department_id) > 1`;
}

/** Whether one task reads differently on the two bases at the end of `asOf` (its page's note). */
export function taskReadsDifferently(db: AppDatabase, taskId: number, asOf: LocalDate): boolean {
  readyStatusFacts(db);
  return (
    firstRow(db, { hit: "integer" }, sql`SELECT 1 AS hit WHERE ${taskId} IN (${readingsDifferOn(asOf)})`) !== undefined
  );
}
