// Task rows as lists show them (directive page, task list, export): the stored facts
// a row needs plus everything as of a day on a basis (docs/domain-rules.md §4.4) —
// the status by the SQL status rules, and the percent, last update, lead and
// extension count from the history. Only the page's rows get the as-of facts.
import { sql, type SQL } from "drizzle-orm";
import { daysBetween, endOfLocalDay, startOfLocalDay, type Instant, type LocalDate } from "../domain/dates";
import {
  DEADLINE_KINDS,
  EXTENSION_STATES_IN_FORCE,
  TASK_STATUSES,
  type StatusBasis,
  type TaskStatus,
} from "../domain/vocabulary";
import type { AppDatabase, WriteTransaction } from "./db.server";
import { coordinatorsAt } from "./coordinators.server";
import { bySlices } from "./id-slices.server";
import type { TaskRow } from "../domain/views";
import { taskStatusSource } from "./task-status.server";
import { allRows, firstRow, type Columns, type RowOf } from "./sql-rows.server";

export type { TaskRow };

/** An extension request `e` whose decision put a new due date in force. */
const EXTENSION_IN_FORCE = sql`e.state IN (${sql.join(
  EXTENSION_STATES_IN_FORCE.map((state) => sql`${state}`),
  sql`, `,
)})`;

/**
 * The instant a fact counts from on a basis: as it happened, when it took effect;
 * as recorded, when it was recorded (never before it took effect; NULL = recorded
 * as it happened).
 */
function countsFrom(basis: StatusBasis, effective: SQL, recorded: SQL): SQL {
  return basis === "happened" ? effective : sql`max(${effective}, coalesce(${recorded}, ${effective}))`;
}

/**
 * A progress report `pr` (of task `t`) filed by the department that led the task when
 * it was filed, as the lead was recorded then: the reports that set the task's
 * percent (`fileReport` in task-progress.server.ts); a coordinating department's
 * report does not. A task without lead history is led by its column's department,
 * and one whose history starts later by its first assignment (as `leadOnDay` reads it).
 */
const FILED_BY_THE_LEAD = sql`pr.department_id = coalesce(
  (SELECT a.department_id FROM task_lead_assignments a
    WHERE a.task_id = pr.task_id AND a.from_at <= pr.created_at AND coalesce(a.recorded_at, a.from_at) <= pr.created_at
    ORDER BY a.from_at DESC, a.id DESC LIMIT 1),
  (SELECT a.department_id FROM task_lead_assignments a WHERE a.task_id = pr.task_id ORDER BY a.from_at, a.id LIMIT 1),
  t.lead_department_id)`;

/**
 * The id of the latest report of task `t` that set its percent and was recorded
 * before `cutoff` — on both bases, since a report takes effect when recorded.
 */
function latestLeadReportId(cutoff: Instant | SQL): SQL {
  return sql`(SELECT pr.id FROM progress_reports pr
    WHERE pr.task_id = t.id AND pr.created_at < ${cutoff} AND ${FILED_BY_THE_LEAD}
    ORDER BY pr.created_at DESC, pr.id DESC LIMIT 1)`;
}

/**
 * The percent a returned completion leaves standing: that of the lead's latest report
 * recorded before the completion was reported at `reportedAt` (its own 100% report,
 * filed at that instant, is not one of them); 0 when there was none.
 */
function percentBeforeCompletion(reportedAt: SQL): SQL {
  return sql`coalesce((SELECT pb.percent FROM progress_reports pb WHERE pb.id = ${latestLeadReportId(reportedAt)}), 0)`;
}

/**
 * Today, the percent a return of the task's reported completion would leave standing
 * (the same rule `progressAsOf` reads a returned task by): shown on the return form,
 * and stored as the task's percent by the return itself.
 */
export function percentStandingAfterReturn(db: AppDatabase | WriteTransaction, taskId: number): number {
  const reportedAt = sql`(SELECT max(tr.changed_at) FROM task_transitions tr
    WHERE tr.task_id = t.id AND tr.to_state = 'awaiting_confirmation')`;
  return (
    firstRow(
      db,
      { percent: "integer" },
      sql`
      SELECT ${percentBeforeCompletion(reportedAt)} AS percent FROM tasks t WHERE t.id = ${taskId}`,
    )?.percent ?? 0
  );
}

const PROGRESS_FACTS = {
  id: "integer",
  created_at: "integer",
  assigned_on: "text",
  reported_at: "integer?",
  report_percent: "integer?",
  moved_at: "integer?",
  completion_reported_at: "integer?",
  returned_at: "integer?",
  /** With `returned_at`: the percent the return left standing (`percentBeforeCompletion`). */
  percent_before_completion: "integer?",
  extended_at: "integer?",
  deadline_changed_at: "integer?",
  lead_assigned_at: "integer?",
} satisfies Columns;
type ProgressFacts = RowOf<typeof PROGRESS_FACTS>;

/** What the percent and the last update of tasks as of a day are made of, read with the tasks' indexes. */
function progressFactsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
  basis: StatusBasis,
): ProgressFacts[] {
  const cutoff = endOfLocalDay(asOf);
  const moved = countsFrom(basis, sql`tr.changed_at`, sql`tr.recorded_at`);
  const decided = countsFrom(basis, sql`e.decided_at`, sql`e.decision_recorded_at`);
  const assigned = countsFrom(basis, sql`a.from_at`, sql`a.recorded_at`);
  // A deadline change counts from its day; a correction was always the deadline (in
  // force from the assignment), so as it happened it adds no later fact.
  const deadlineChange =
    basis === "happened" ? sql`c.kind = 'change' AND c.effective_at < ${cutoff}` : sql`c.created_at < ${cutoff}`;
  const deadlineChanged = basis === "happened" ? sql`c.effective_at` : sql`c.created_at`;
  return bySlices(taskIds, (ids) =>
    allRows(
      db,
      PROGRESS_FACTS,
      sql`
      SELECT x.id, x.created_at, x.assigned_on, lr.created_at AS reported_at, lr.percent AS report_percent,
        x.moved_at, x.completion_reported_at, x.returned_at, x.extended_at, x.deadline_changed_at, x.lead_assigned_at,
        CASE WHEN x.returned_at IS NOT NULL AND x.completion_reported_at IS NOT NULL THEN
          (SELECT ${percentBeforeCompletion(sql`x.completion_reported_at`)} FROM tasks t WHERE t.id = x.id)
        END AS percent_before_completion
      FROM (
        SELECT t.id, t.created_at, t.assigned_on, ${latestLeadReportId(cutoff)} AS report_id,
          (SELECT max(${moved}) FROM task_transitions tr
            WHERE tr.task_id = t.id AND ${moved} < ${cutoff}) AS moved_at,
          (SELECT max(${moved}) FROM task_transitions tr
            WHERE tr.task_id = t.id AND tr.to_state = 'awaiting_confirmation' AND ${moved} < ${cutoff}) AS completion_reported_at,
          (SELECT max(${moved}) FROM task_transitions tr
            WHERE tr.task_id = t.id AND tr.to_state = 'returned' AND ${moved} < ${cutoff}) AS returned_at,
          (SELECT max(${decided}) FROM extension_requests e
            WHERE e.task_id = t.id AND ${EXTENSION_IN_FORCE} AND ${decided} < ${cutoff}) AS extended_at,
          (SELECT max(${deadlineChanged}) FROM task_deadline_changes c
            WHERE c.task_id = t.id AND ${deadlineChange}) AS deadline_changed_at,
          (SELECT max(${assigned}) FROM task_lead_assignments a
            WHERE a.task_id = t.id AND ${assigned} < ${cutoff}) AS lead_assigned_at
        FROM tasks t WHERE t.id IN (${ids})
      ) x
      LEFT JOIN progress_reports lr ON lr.id = x.report_id`,
    ),
  );
}

/** Statuses of a reported completion: the percent is 100 while one is in force. */
const COMPLETION_REPORTED: ReadonlySet<TaskStatus> = new Set(["done_on_time", "done_late", "awaiting_confirmation"]);

/**
 * The percent and the last update of tasks as of a day on a basis, from their
 * history — never from `tasks.percent` / `tasks.updated_at`, which are today's.
 *
 * Percent, as the writes keep `tasks.percent` (task-progress.server.ts,
 * past-records.server.ts): the latest report of the lead department recorded by the
 * end of D sets it; a reported completion sets 100 (with its 100% report, or alone
 * when entered after the fact); a return puts back the percent of the lead's latest
 * report before that completion (`percentBeforeCompletion`) until the next report.
 * A task whose status as of D is a reported completion shows 100 even when the
 * completion, in effect by D, was recorded later; no report yet: 0.
 *
 * Last update: the latest of the task's start, that report, its moves, the
 * extensions in force, deadline changes and lead assignments, each when it took
 * effect (as it happened) or when it was recorded (as recorded), by the end of D.
 * Edits of the title or description keep no history and do not count.
 */
export function progressAsOf(
  db: AppDatabase,
  tasks: readonly { id: number; status: TaskStatus }[],
  asOf: LocalDate,
  basis: StatusBasis = "happened",
): Map<number, { percent: number; updatedAt: Instant }> {
  const statuses = new Map(tasks.map((task) => [task.id, task.status]));
  const result = new Map<number, { percent: number; updatedAt: Instant }>();
  for (const f of progressFactsOf(db, [...statuses.keys()], asOf, basis)) {
    // The task exists from the start of its assignment day, or its entry when earlier
    // (as status-facts.server.ts reads it); as recorded, from its entry.
    const start = basis === "happened" ? Math.min(f.created_at, startOfLocalDay(f.assigned_on)) : f.created_at;
    const completionLatest =
      f.completion_reported_at !== null && (f.reported_at === null || f.completion_reported_at >= f.reported_at);
    // Returned after its latest completion, with no report of the lead since.
    const returnLatest =
      f.returned_at !== null &&
      f.completion_reported_at !== null &&
      f.returned_at >= f.completion_reported_at &&
      (f.reported_at === null || f.returned_at >= f.reported_at);
    const percent = COMPLETION_REPORTED.has(statuses.get(f.id)!)
      ? 100
      : returnLatest
        ? (f.percent_before_completion ?? 0)
        : completionLatest
          ? 100
          : (f.report_percent ?? 0);
    const updatedAt = Math.max(
      start,
      ...[f.reported_at, f.moved_at, f.extended_at, f.deadline_changed_at, f.lead_assigned_at].filter(
        (at): at is Instant => at !== null,
      ),
    );
    result.set(f.id, { percent, updatedAt });
  }
  return result;
}

export interface ReportTexts {
  result: string;
  difficulties: string | null;
  proposals: string | null;
}

/** The texts of the report that sets each task's percent as of a day (the same report `progressAsOf` reads). */
export function reportTextsAsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
): Map<number, ReportTexts> {
  const cutoff = endOfLocalDay(asOf);
  const rows = bySlices(taskIds, (ids) =>
    allRows(
      db,
      { task_id: "integer", result: "text", difficulties: "text?", proposals: "text?" },
      sql`
      SELECT x.id AS task_id, lr.result, lr.difficulties, lr.proposals
      FROM (SELECT t.id, ${latestLeadReportId(cutoff)} AS report_id FROM tasks t WHERE t.id IN (${ids})) x
      JOIN progress_reports lr ON lr.id = x.report_id`,
    ),
  );
  return new Map(rows.map(({ task_id, ...texts }) => [task_id, texts]));
}

/**
 * Tasks matching `taskFilter` (SQL over `tasks t`) that existed at the end of
 * `asOf` on the basis, with their status then, in `orderBy` order, optionally one
 * page; the as-of facts are read for the rows returned only.
 */
export function taskRows(
  db: AppDatabase,
  options: {
    asOf: LocalDate;
    basis?: StatusBasis;
    taskFilter?: SQL;
    statusFilter?: SQL;
    orderBy?: SQL;
    limit?: number;
    offset?: number;
  },
): TaskRow[] {
  const {
    asOf,
    basis = "happened",
    taskFilter = sql`1 = 1`,
    statusFilter = sql`1 = 1`,
    orderBy = sql`t.directive_id, t.position, t.id`,
  } = options;
  const page = options.limit === undefined ? sql`` : sql`LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`;
  const rows = allRows(
    db,
    {
      id: "integer",
      directive_id: "integer",
      parent_id: "integer?",
      fan_out_id: "integer?",
      duty_id: "integer?",
      duty_period: "text?",
      item_number: "text",
      title: "text",
      lead_id: "integer",
      lead_name: "text",
      deadline_kind: DEADLINE_KINDS,
      original_due_date: "text?",
      due_date: "text?",
      status: TASK_STATUSES,
      late: "boolean",
      days_late: "integer",
      awaiting_since: "text?",
      stale: "boolean",
    },
    sql`
    SELECT t.id, t.directive_id, t.parent_id, t.fan_out_id, t.duty_id, t.duty_period, t.item_number, t.title,
      d.id AS lead_id, d.name AS lead_name,
      t.deadline_kind, t.original_due_date, st.due_date,
      st.status, st.late, st.days_late, st.awaiting_since, st.stale
    FROM (${taskStatusSource(db, asOf, taskFilter, basis)}) st
    JOIN tasks t ON t.id = st.task_id
    JOIN departments d ON d.id = st.lead_id -- the lead as of the day
    WHERE ${statusFilter}
    ORDER BY ${orderBy}
    ${page}`,
  );
  const ids = rows.map((r) => r.id);
  const coordinators = coordinatorsAt(db, ids, endOfLocalDay(asOf), basis);
  const extensionCounts = extensionCountsOf(db, ids, asOf, basis);
  const progress = progressAsOf(db, rows, asOf, basis);
  return rows.map((r) => ({
    id: r.id,
    directiveId: r.directive_id,
    parentId: r.parent_id,
    fanOutId: r.fan_out_id,
    dutyId: r.duty_id,
    dutyPeriod: r.duty_period,
    itemNumber: r.item_number,
    title: r.title,
    lead: { id: r.lead_id, name: r.lead_name },
    coordinators: coordinators.get(r.id) ?? [],
    deadlineKind: r.deadline_kind,
    originalDueDate: r.original_due_date,
    dueDate: r.due_date,
    extensionCount: extensionCounts.get(r.id) ?? 0,
    percent: progress.get(r.id)!.percent,
    updatedAt: progress.get(r.id)!.updatedAt,
    status: r.status,
    late: r.late,
    daysLate: r.days_late,
    awaitingSince: r.awaiting_since,
    daysAwaiting: r.awaiting_since === null ? null : daysBetween(r.awaiting_since, asOf),
    stale: r.stale,
  }));
}

/**
 * How many extensions had been granted for each task by the end of `asOf`: decided
 * by then (as it happened), or with the decision recorded by then (as recorded).
 */
export function extensionCountsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
  basis: StatusBasis = "happened",
): Map<number, number> {
  const decided = countsFrom(basis, sql`e.decided_at`, sql`e.decision_recorded_at`);
  const rows = bySlices(taskIds, (ids) =>
    allRows(
      db,
      { task_id: "integer", n: "integer" },
      sql`
      SELECT e.task_id, count(*) AS n FROM extension_requests e
      WHERE e.task_id IN (${ids}) AND ${EXTENSION_IN_FORCE} AND ${decided} < ${endOfLocalDay(asOf)}
      GROUP BY e.task_id`,
    ),
  );
  return new Map(rows.map((r) => [r.task_id, r.n]));
}

/**
 * The completion date of each task's reported completion in force at the end of
 * `asOf` on the basis: that of its latest move to "reported done" or "done" (by the
 * time it took effect, then recording order) among those counted by then. Only
 * meaningful for a task whose status that day is a reported completion.
 */
export function completionDatesAsOf(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
  basis: StatusBasis = "happened",
): Map<number, LocalDate> {
  const moved = countsFrom(basis, sql`tr.changed_at`, sql`tr.recorded_at`);
  const rows = bySlices(taskIds, (ids) =>
    allRows(
      db,
      { id: "integer", completion_date: "text?" },
      sql`
      SELECT t.id, (SELECT tr.completion_date FROM task_transitions tr
        WHERE tr.task_id = t.id AND tr.to_state IN ('awaiting_confirmation', 'done') AND ${moved} < ${endOfLocalDay(asOf)}
        ORDER BY tr.changed_at DESC, tr.id DESC LIMIT 1) AS completion_date
      FROM tasks t WHERE t.id IN (${ids})`,
    ),
  );
  return new Map(rows.flatMap((r) => (r.completion_date === null ? [] : [[r.id, r.completion_date] as const])));
}
