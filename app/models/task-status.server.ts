// DESIGN §4 status rules in SQL, for lists and aggregations over many tasks.
//
// This is the SQL twin of app/domain/status.ts (the reference). Every branch
// below mirrors one there; tests/integration/task-status-sql.test.ts proves both
// agree on a large randomized data set, so change them together.
import { and, asc, inArray, sql, type SQL } from "drizzle-orm";
import { extensionRequests, progressReports, tasks, taskTransitions } from "../../db/schema";
import { addDays, endOfLocalDay, startOfLocalDay, type LocalDate } from "../domain/dates";
import { dayNumber } from "../domain/status-spans";
import {
  DEFAULT_STATUS_RULES,
  type ExtensionFact,
  type StatusRules,
  type TaskFacts,
  type TransitionFact,
} from "../domain/status";
import { EXTENSION_STATES_IN_FORCE, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { statusFactsUsable } from "./status-facts.server";

/**
 * Asia/Ho_Chi_Minh has been UTC+7 all year, without daylight saving, since 1975;
 * SQL needs the offset to turn a reported completion date into the end of that day.
 */
const HANOI_UTC_OFFSET_SECONDS = 7 * 3600;
const IN_FORCE = sql.raw(EXTENSION_STATES_IN_FORCE.map((s) => `'${s}'`).join(", "));

/**
 * The lead department of `tasks t` at the end of `asOf`: the latest assignment
 * begun by then, else the first one, else the column (the twin of `leadOnDay` in
 * app/domain/status-spans.ts). Figures per department count the department that
 * led the task on the day, so a later re-assignment leaves past figures as they were.
 */
export function leadAsOf(asOf: LocalDate): SQL {
  const cutoff = endOfLocalDay(asOf);
  return sql`coalesce(
    (SELECT la.department_id FROM task_lead_assignments la
     WHERE la.task_id = t.id AND la.from_at < ${cutoff} ORDER BY la.from_at DESC, la.id DESC LIMIT 1),
    (SELECT la.department_id FROM task_lead_assignments la WHERE la.task_id = t.id ORDER BY la.from_at, la.id LIMIT 1),
    t.lead_department_id)`;
}

/**
 * The tasks a department ever led (its assignments, or the column for a task without
 * any), as a list of task ids the indexes give: the start of every lead-department
 * filter, which `leadAsOf` (or a span's own lead) then narrows to the day.
 */
export function everLedBy(departmentId: number): SQL {
  return sql`SELECT task_id FROM task_lead_assignments WHERE department_id = ${departmentId}
    UNION ALL SELECT id FROM tasks WHERE lead_department_id = ${departmentId}`;
}

/** A condition over `tasks t`: led by the department at the end of `asOf`. */
export function ledByOn(departmentId: number, asOf: LocalDate): SQL {
  return sql`t.id IN (${everLedBy(departmentId)}) AND ${leadAsOf(asOf)} = ${departmentId}`;
}

export interface TaskStatusRow {
  taskId: number;
  status: TaskStatus;
  dueDate: LocalDate | null;
  late: 0 | 1;
  daysLate: number;
  stale: 0 | 1;
}

/**
 * A subquery with one row per task that existed at the end of `asOf`:
 * `task_id, status, due_date, late, days_late, stale, lead_id` (the lead department
 * then, `leadAsOf`). Join it to `tasks` to
 * filter, count or list. `taskFilter` narrows the tasks considered (e.g. to one
 * directive) before the per-task lookups run.
 */
export function taskStatusSubquery(
  asOf: LocalDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  taskFilter: SQL = sql`1 = 1`,
): SQL {
  const cutoff = endOfLocalDay(asOf);
  const dueSoonLimit = addDays(asOf, rules.dueSoonDays);
  const recentSince = startOfLocalDay(addDays(asOf, 1 - rules.staleAfterDays));

  // The due date in force before an instant: the latest decided extension, else the original.
  const dueBefore = (instant: SQL) => sql`
    CASE WHEN t.deadline_kind = 'dated' THEN coalesce((
      SELECT e.approved_due_date FROM extension_requests e
      WHERE e.task_id = t.id AND e.state IN (${IN_FORCE}) AND e.decided_at < ${instant}
      ORDER BY e.decided_at DESC, e.id DESC LIMIT 1
    ), t.original_due_date) END`;
  const endOfCompletionDay = sql`min(${cutoff}, (unixepoch(tr.completion_date, '+1 day') - ${HANOI_UTC_OFFSET_SECONDS}) * 1000)`;

  const pastDue = sql`s.due_date IS NOT NULL AND s.due_date < ${asOf}`;
  return sql`
    SELECT s.task_id, s.due_date, s.lead_id,
      CASE
        WHEN s.state IN ('cancelled', 'on_hold') THEN s.state
        WHEN s.state = 'done' THEN
          CASE WHEN s.due_at_completion IS NULL OR s.completion_date <= s.due_at_completion
               THEN 'done_on_time' ELSE 'done_late' END
        WHEN s.state = 'awaiting_confirmation' THEN 'awaiting_confirmation'
        WHEN s.due_date IS NULL THEN 'ongoing'
        WHEN ${pastDue} THEN 'overdue'
        WHEN s.due_date <= ${dueSoonLimit} THEN 'due_soon'
        ELSE 'on_track'
      END AS status,
      (s.not_done AND ${pastDue}) AS late,
      CASE WHEN s.not_done AND ${pastDue}
           THEN cast(julianday(${asOf}) - julianday(s.due_date) AS integer) ELSE 0 END AS days_late,
      (s.not_done AND s.state <> 'awaiting_confirmation' AND ${pastDue} AND NOT EXISTS (
        SELECT 1 FROM progress_reports pr
        WHERE pr.task_id = s.task_id AND pr.created_at >= ${recentSince} AND pr.created_at < ${cutoff}
      )) AS stale
    FROM (
      SELECT t.id AS task_id,
        coalesce(tr.to_state, 'open') AS state,
        tr.completion_date,
        ${dueBefore(sql`${cutoff}`)} AS due_date,
        CASE WHEN tr.to_state = 'done' THEN ${dueBefore(endOfCompletionDay)} END AS due_at_completion,
        coalesce(tr.to_state, 'open') NOT IN ('done', 'cancelled', 'on_hold') AS not_done,
        ${leadAsOf(asOf)} AS lead_id
      FROM tasks t
      LEFT JOIN task_transitions tr ON tr.id = (
        SELECT x.id FROM task_transitions x
        WHERE x.task_id = t.id AND x.changed_at < ${cutoff}
        ORDER BY x.changed_at DESC, x.id DESC LIMIT 1
      )
      WHERE t.created_at < ${cutoff} AND (${taskFilter})
    ) s`;
}

/**
 * The columns of `taskStatusSubquery` read from the stored spans (alias `s`) for
 * day D instead of from history: `task_id, status, due_date, late, days_late,
 * stale, lead_id`, plus the span's `due_day`, `severity`, `directive_id` and `position`.
 * Use with `s.from_day <= D AND s.to_day > D` (`spanContains`).
 */
export function spanStatusColumns(asOf: LocalDate): SQL {
  const day = dayNumber(asOf);
  const late = sql`(s.status IN ('overdue', 'awaiting_confirmation') AND s.due_day < ${day})`;
  return sql`s.task_id, s.status,
    CASE WHEN s.due_day IS NOT NULL THEN date(s.due_day * 86400, 'unixepoch') END AS due_date,
    ${late} AS late, CASE WHEN ${late} THEN ${day} - s.due_day ELSE 0 END AS days_late, s.stale,
    s.lead_department_id AS lead_id, s.due_day, s.severity, s.directive_id, s.position`;
}

/** The condition on spans `s` that picks, for each task that existed at the end of D, its span containing D. */
export function spanContains(asOf: LocalDate): SQL {
  const day = dayNumber(asOf);
  return sql`s.from_day <= ${day} AND s.to_day > ${day}`;
}

/**
 * The status subquery to use now: the stored spans (app/models/status-facts.server.ts)
 * when they are exact for `rules`, else the computation from history above. Both
 * give the same columns and the same rows (tests/integration/status-rollups.test.ts).
 */
export function taskStatusSource(
  db: AppDatabase,
  asOf: LocalDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  taskFilter: SQL = sql`1 = 1`,
): SQL {
  if (!statusFactsUsable(db, rules)) return taskStatusSubquery(asOf, rules, taskFilter);
  return sql`
    SELECT ${spanStatusColumns(asOf)}
    FROM tasks t JOIN task_status_spans s ON s.task_id = t.id AND ${spanContains(asOf)}
    WHERE ${taskFilter}`;
}

/** Statuses of the given tasks as of a day (tasks that did not exist yet are absent). */
export function taskStatusesAsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
): Map<number, TaskStatusRow> {
  if (taskIds.length === 0) return new Map();
  const ids = sql.raw(taskIds.map((id) => Number(id)).join(", "));
  const rows = db.all<{
    task_id: number;
    status: TaskStatus;
    due_date: LocalDate | null;
    late: 0 | 1;
    days_late: number;
    stale: 0 | 1;
  }>(sql`SELECT * FROM (${taskStatusSubquery(asOf, rules, sql`t.id IN (${ids})`)})`);
  return new Map(
    rows.map((r) => [
      r.task_id,
      { taskId: r.task_id, status: r.status, dueDate: r.due_date, late: r.late, daysLate: r.days_late, stale: r.stale },
    ]),
  );
}

/**
 * Statuses of the given tasks as of a day read from the stored spans, whether or
 * not they are up to date (for tests that compare them with the reference).
 */
export function spanStatusesAsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
): Map<number, TaskStatusRow> {
  if (taskIds.length === 0) return new Map();
  const ids = sql.raw(taskIds.map((id) => Number(id)).join(", "));
  const rows = db.all<{
    task_id: number;
    status: TaskStatus;
    due_date: LocalDate | null;
    late: 0 | 1;
    days_late: number;
    stale: 0 | 1;
  }>(
    sql`SELECT ${spanStatusColumns(asOf)} FROM task_status_spans s WHERE s.task_id IN (${ids}) AND ${spanContains(asOf)}`,
  );
  return new Map(
    rows.map((r) => [
      r.task_id,
      { taskId: r.task_id, status: r.status, dueDate: r.due_date, late: r.late, daysLate: r.days_late, stale: r.stale },
    ]),
  );
}

type FactsBuilder = Omit<TaskFacts, "transitions" | "extensions" | "progressReportTimes"> & {
  transitions: TransitionFact[];
  extensions: ExtensionFact[];
  progressReportTimes: number[];
};

/** Loads what app/domain/status.ts needs to know about each task, in recording order. */
export function loadTaskFacts(db: AppDatabase, taskIds: readonly number[]): Map<number, TaskFacts> {
  const facts = new Map<number, FactsBuilder>();
  if (taskIds.length === 0) return facts;
  const ids = [...taskIds];
  const base = db
    .select({
      id: tasks.id,
      createdAt: tasks.createdAt,
      deadlineKind: tasks.deadlineKind,
      originalDueDate: tasks.originalDueDate,
    })
    .from(tasks)
    .where(inArray(tasks.id, ids))
    .all();
  for (const { id, ...task } of base) {
    facts.set(id, { ...task, transitions: [], extensions: [], progressReportTimes: [] });
  }

  const transitions = db
    .select({
      taskId: taskTransitions.taskId,
      toState: taskTransitions.toState,
      at: taskTransitions.changedAt,
      completionDate: taskTransitions.completionDate,
    })
    .from(taskTransitions)
    .where(inArray(taskTransitions.taskId, ids))
    .orderBy(asc(taskTransitions.id))
    .all();
  for (const { taskId, ...transition } of transitions) facts.get(taskId)?.transitions.push(transition);

  const extensions = db
    .select({
      taskId: extensionRequests.taskId,
      decidedAt: extensionRequests.decidedAt,
      dueDate: extensionRequests.approvedDueDate,
    })
    .from(extensionRequests)
    .where(
      and(inArray(extensionRequests.taskId, ids), inArray(extensionRequests.state, [...EXTENSION_STATES_IN_FORCE])),
    )
    .orderBy(asc(extensionRequests.id))
    .all();
  for (const { taskId, decidedAt, dueDate } of extensions) {
    // The schema guarantees both for decisions in force; the guard satisfies the types.
    if (decidedAt !== null && dueDate !== null) facts.get(taskId)?.extensions.push({ decidedAt, dueDate });
  }

  const reports = db
    .select({ taskId: progressReports.taskId, at: progressReports.createdAt })
    .from(progressReports)
    .where(inArray(progressReports.taskId, ids))
    .orderBy(asc(progressReports.id))
    .all();
  for (const { taskId, at } of reports) facts.get(taskId)?.progressReportTimes.push(at);
  return facts;
}
