// Leadership dashboards (docs/domain-rules.md §6): the overview and the department scorecard.
//
// Every figure is counted in SQL over the status subquery (task-status.server.ts),
// with exactly the task filter the task list applies (models/task-list.server.ts),
// and carries the link to that list: the same filters, so numbers and lists agree.
import { sql, type SQL } from "drizzle-orm";
import { endOfLocalDay, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import { parsePeriod } from "../domain/periods";
import {
  SET_ASIDE_STATUSES,
  TASK_STATUSES,
  type StatusBasis,
  type TaskLevel,
  type TaskStatus,
} from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import { firstRow, allRows, type Columns, type RowOf } from "./sql-rows.server";
import { dueSoonUntil } from "../domain/status";
import { moreThanWorkingDaysBefore, workingDaysBetween } from "../domain/working-days";
import { confirmationWorkingDays } from "./settings.server";
import { dateOfDayNumber, dayNumber } from "../domain/status-spans";
import { escalatingReminders, hasEscalatingReminder } from "./reminders.server";
import { readyStatusFacts, rollupCounts, statusRulesInForce } from "./status-facts.server";
import { emptyStatusCounts, statusCountsInScope, type StatusCounts } from "./status-counts.server";
import { spanScopeFilter, taskLevelFilter, walkIndex, type TaskScope } from "./task-scope.server";
import { ledBy, readingsDifferOn, spanContains, taskStatusSource } from "./task-status.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "./visibility.server";
import { workingCalendar } from "./working-calendar.server";
import {
  ASSIGNED_TERMS,
  SCORECARD_COLUMNS,
  scorecardFigureHref,
  type ScorecardColumn,
  type ScorecardSort,
} from "../lib/scorecard";
import { taskListHref } from "../lib/task-list-href";

export { SCORECARD_COLUMNS, SCORECARD_SORTS, type ScorecardColumn, type ScorecardSort } from "../lib/scorecard";

export const DASHBOARD_FILTER_KEYS = ["committee", "directive", "department"] as const;
export type DashboardFilterKey = (typeof DASHBOARD_FILTER_KEYS)[number];
/**
 * Ids of the committee, directive and lead department; `period`: tasks assigned in a
 * year, quarter or month (`2019`, `2019-Q4`, `2019-12`; domain/periods.ts); `level`:
 * main tasks or sub-tasks only. The task list takes the same names in its URL.
 */
export type DashboardFilters = Partial<Record<DashboardFilterKey, number>> & {
  period?: string;
  level?: TaskLevel;
  /** The units' tasks of one item given to many units (decision 026). */
  fanOut?: number;
};

/**
 * Whether a committee, department or directive id names one to filter by: it exists,
 * and a directive is one the actor may see (a hidden one reads as unknown).
 */
export function filterTargetExists(db: AppDatabase, actor: Actor, key: DashboardFilterKey, id: number): boolean {
  const found =
    key === "committee"
      ? db.get(sql`SELECT 1 AS x FROM committees WHERE id = ${id}`)
      : key === "department"
        ? db.get(sql`SELECT 1 AS x FROM departments WHERE id = ${id}`)
        : db.get(sql`SELECT 1 AS x FROM directives d WHERE d.id = ${id} AND ${visibleDirectivesFilter(actor)}`);
  return found !== undefined;
}

/**
 * A condition over the status source (`tasks t` and its span `s` of the day): visible
 * to the actor and within the filters (the lead department is the one of the span's
 * day) — the task list's own conditions.
 */
export function dashboardTaskFilter(actor: Actor, filters: DashboardFilters): SQL {
  const conditions = [otherConditions(actor, filters)];
  if (filters.department !== undefined) conditions.push(ledBy(filters.department));
  return sql.join(conditions, sql` AND `);
}

/** The filters but the lead department (the same on every day). */
function otherConditions(actor: Actor, filters: DashboardFilters): SQL {
  const conditions = [visibleTasksFilter(actor)];
  if (filters.directive !== undefined) conditions.push(sql`t.directive_id = ${filters.directive}`);
  if (filters.committee !== undefined) {
    conditions.push(sql`t.directive_id IN (SELECT id FROM directives WHERE committee_id = ${filters.committee})`);
  }
  const period = filters.period === undefined ? null : parsePeriod(filters.period);
  if (period !== null) conditions.push(sql`t.assigned_on BETWEEN ${period.from} AND ${period.to}`);
  if (filters.level !== undefined) conditions.push(taskLevelFilter(filters.level));
  if (filters.fanOut !== undefined) conditions.push(sql`t.fan_out_id = ${filters.fanOut}`);
  return sql.join(conditions, sql` AND `);
}

const SCOPE_KEYS: ReadonlySet<string> = new Set<DashboardFilterKey>(["committee", "directive", "department"]);

/**
 * The filters as a task scope for the fast paths (stored counts and spans,
 * docs/decisions/014). A filter they do not know (one added to
 * `dashboardTaskFilter`) comes along as the whole `dashboardTaskFilter` condition:
 * the figures are then counted from the spans of the tasks meeting it.
 */
export function dashboardScope(actor: Actor, filters: DashboardFilters, basis: StatusBasis = "happened"): TaskScope {
  const scope: TaskScope = {
    actor,
    basis,
    committee: filters.committee,
    directive: filters.directive,
    department: filters.department,
  };
  const unknown = Object.entries(filters).some(([key, value]) => value !== undefined && !SCOPE_KEYS.has(key));
  // The lead department is the scope's own condition (the span's, or as of the day).
  return unknown ? { ...scope, extra: otherConditions(actor, filters) } : scope;
}

export { taskListHref };

export interface Figure {
  count: number;
  href: string;
}

/**
 * A figure whose task list link is built when asked for: the scorecard counts thirteen
 * figures for each of some 300 departments, and its page builds its own links for the 50
 * it shows (`scorecardCellHref`), so building 3,900 links up front took half of the
 * scorecard's time (issue #16). The API and the tests ask; the page does not.
 */
class FigureLinkedOnDemand implements Figure {
  constructor(
    readonly count: number,
    private readonly link: () => string,
  ) {}

  get href(): string {
    return this.link();
  }
}

const COUNTED: TaskStatus[] = TASK_STATUSES.filter((s) => !(SET_ASIDE_STATUSES as readonly TaskStatus[]).includes(s));

/** done / counted (set-aside tasks excluded) and done on time / done; null when there is nothing to divide by. */
export function rates(counts: StatusCounts) {
  const counted = COUNTED.reduce((sum, s) => sum + counts[s], 0);
  const done = counts.done_on_time + counts.done_late;
  return {
    counted,
    done,
    completionRate: counted === 0 ? null : done / counted,
    onTimeRate: done === 0 ? null : counts.done_on_time / done,
  };
}

const LISTED_TASK_ROW = {
  id: "integer",
  item_number: "text",
  title: "text",
  department_id: "integer",
  department_name: "text",
  directive_id: "integer",
  directive_label: "text",
} satisfies Columns;
const LISTED_TASK_STATUS = { due_date: "text?", days_late: "integer" } satisfies Columns;

type ListedTaskRow = RowOf<typeof LISTED_TASK_ROW & typeof LISTED_TASK_STATUS>;

const LISTED_TASK_COLUMNS = sql`t.id, t.item_number, t.title,
  dep.id AS department_id, dep.name AS department_name,
  dir.id AS directive_id, coalesce(dir.number, dir.abstract) AS directive_label`;

/**
 * What a dashboard list shows of each of a few tasks, by id, with the lead department
 * of the span's days (which a re-assignment since may have changed).
 */
function listedTaskDetails(db: AppDatabase, spans: readonly { task_id: number; lead_id: number }[]) {
  if (spans.length === 0) return new Map<number, RowOf<typeof LISTED_TASK_ROW>>();
  return new Map(
    allRows(
      db,
      LISTED_TASK_ROW,
      sql`
      WITH st(task_id, lead_id) AS (VALUES ${sql.join(
        spans.map((r) => sql`(${r.task_id}, ${r.lead_id})`),
        sql`, `,
      )})
      SELECT ${LISTED_TASK_COLUMNS} FROM st
      JOIN tasks t ON t.id = st.task_id
      JOIN departments dep ON dep.id = st.lead_id
      JOIN directives dir ON dir.id = t.directive_id`,
    ).map((r) => [r.id, r]),
  );
}

function toListedTask(r: ListedTaskRow) {
  return {
    id: r.id,
    itemNumber: r.item_number,
    title: r.title,
    dueDate: r.due_date,
    daysLate: r.days_late,
    department: { id: r.department_id, name: r.department_name },
    directive: { id: r.directive_id, label: r.directive_label },
  };
}

/** The first tasks of a status, by due date (earliest first), computed from any status source. */
function listedTasks(db: AppDatabase, subquery: SQL, status: TaskStatus, limit: number) {
  return allRows(
    db,
    { ...LISTED_TASK_ROW, ...LISTED_TASK_STATUS },
    sql`
    SELECT ${LISTED_TASK_COLUMNS}, st.due_date, st.days_late
    FROM (${subquery}) st
    JOIN tasks t ON t.id = st.task_id
    JOIN departments dep ON dep.id = st.lead_id
    JOIN directives dir ON dir.id = t.directive_id
    WHERE st.status = ${status}
    ORDER BY st.due_date, t.directive_id, t.position, t.id
    LIMIT ${limit}`,
  ).map(toListedTask);
}

/**
 * The same list from the stored spans: a walk of the due-date index from the
 * earliest date (`days late` longest first for overdue), or, for a narrow scope,
 * its few tasks sorted.
 */
function listedTasksFromSpans(
  db: AppDatabase,
  scope: TaskScope,
  asOf: LocalDate,
  status: "overdue" | "due_soon",
  limit: number,
  matching: number,
) {
  const day = dayNumber(asOf);
  const all =
    rollupCounts(db, { basis: scope.basis, visibilities: [0, 1, 2] }, asOf)
      .get(0)
      ?.get(status) ?? 0;
  // Due soon is a range of a few days of the index: walking it is cheap for any scope.
  const narrow = status === "overdue" && !walkIndex(scope, matching, all, limit);
  // The due dates a status implies, so the walk starts and stops where it can.
  const due =
    status === "overdue"
      ? sql`s.severity = 0 AND s.due_day < ${day}`
      : // The index's first column too, so SQLite seeks to the range instead of walking every earlier due date.
        sql`s.severity = 1 AND (s.due_day IS NULL) = 0 AND s.due_day >= ${day} AND s.due_day <= ${dayNumber(dueSoonUntil(asOf, statusRulesInForce(db)))}`;
  const spans = allRows(
    db,
    { task_id: "integer", due_day: "integer", lead_id: "integer" },
    sql`
    SELECT s.task_id, s.due_day, s.lead_department_id AS lead_id FROM task_status_spans s ${narrow ? sql`` : sql`INDEXED BY task_status_spans_due_idx`}
    WHERE ${spanContains(asOf)} AND ${due} AND ${spanScopeFilter(scope, narrow)}
    ORDER BY s.due_day IS NULL, s.due_day, s.directive_id, s.position, s.task_id
    LIMIT ${limit}`,
  );
  const details = listedTaskDetails(db, spans);
  return spans.map((span) =>
    toListedTask({
      ...details.get(span.task_id)!,
      due_date: dateOfDayNumber(span.due_day),
      days_late: status === "overdue" ? day - span.due_day : 0,
    }),
  );
}

const PENDING_ROW = {
  id: "integer",
  task_id: "integer",
  title: "text",
  proposed_due_date: "text",
  department_name: "text",
  created_at: "integer",
} satisfies Columns;

function toPendingItem(r: RowOf<typeof PENDING_ROW>) {
  return {
    id: r.id,
    taskId: r.task_id,
    title: r.title,
    proposedDueDate: r.proposed_due_date,
    departmentName: r.department_name,
  };
}

/**
 * Extension requests waiting for a decision at the end of the day (made by then,
 * decided — if ever — later), oldest first, and how many. The scope is read from the
 * span of each request's task (a task existing at the end of the day has one). One
 * pass over them: the count is a window over the rows the list is cut from, and only
 * the listed few read their task.
 */
function pendingExtensions(db: AppDatabase, scope: TaskScope, asOf: LocalDate) {
  const cutoff = endOfLocalDay(asOf);
  const inScope = sql`${spanContains(asOf)} AND ${spanScopeFilter(scope, false)}`;
  // Still pending, or decided after the day: two indexes, never the same request twice.
  const pendingThen = (part: SQL) => sql`
    SELECT e.id, e.task_id, e.proposed_due_date, e.department_id, e.created_at
    FROM extension_requests e JOIN task_status_spans s ON s.task_id = e.task_id
    WHERE ${part} AND e.created_at < ${cutoff} AND ${inScope}`;
  const rows = allRows(
    db,
    { ...PENDING_ROW, total: "integer" },
    sql`
    SELECT p.id, p.task_id, t.title, p.proposed_due_date, dep.name AS department_name, p.created_at, p.total
    FROM (
      SELECT *, count(*) OVER () AS total
      FROM (${pendingThen(sql`e.state = 'pending'`)} UNION ALL ${pendingThen(sql`e.decided_at >= ${cutoff}`)})
      ORDER BY created_at, id
      LIMIT ${DASHBOARD_LIST_LIMIT}
    ) p
    JOIN tasks t ON t.id = p.task_id JOIN departments dep ON dep.id = p.department_id
    ORDER BY p.created_at, p.id`,
  );
  return { pendingExtensions: rows[0]?.total ?? 0, pendingExtensionList: rows.map(toPendingItem) };
}

export const DASHBOARD_LIST_LIMIT = 20;

/**
 * Tasks escalated to leadership as of the day (overdue, with an unanswered 3rd-or-later
 * manual reminder): the count with the link to exactly those tasks, and the first of them,
 * longest overdue first, with the reminder that escalated each.
 */
function escalatedTasks(db: AppDatabase, filter: SQL, asOf: LocalDate, basis: StatusBasis, href: string) {
  // The few tasks with escalating reminders first: SQLite starts from the first list of task ids.
  const subquery = taskStatusSource(db, asOf, sql`${hasEscalatingReminder(asOf)} AND ${filter}`, basis);
  const count =
    firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n FROM (${subquery}) st WHERE st.status = 'overdue'`)?.n ?? 0;
  const listed = listedTasks(db, subquery, "overdue", DASHBOARD_LIST_LIMIT);
  const escalating = escalatingReminders(
    db,
    listed.map((r) => r.id),
    asOf,
  );
  return {
    count,
    href,
    rows: listed.map((row) => ({ ...row, reminder: escalating.get(row.id) ?? null })),
  };
}

/** Everything the overview shows, for a day and filters. */
export function dashboardFigures(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
) {
  const filter = dashboardTaskFilter(actor, filters);
  const scope = dashboardScope(actor, filters, basis);
  const cutoff = endOfLocalDay(asOf);
  const counts = statusCountsInScope(db, scope, asOf).get(0) ?? emptyStatusCounts();
  const href = (extra: { status?: TaskStatus; stale?: boolean; escalated?: boolean } = {}) =>
    taskListHref({ ...filters, ...extra }, asOf, isToday, basis);
  const byStatus = Object.fromEntries(
    TASK_STATUSES.map((status) => [status, { count: counts[status], href: href({ status }) }]),
  ) as Record<TaskStatus, Figure>;
  const total = TASK_STATUSES.reduce((sum, s) => sum + counts[s], 0);

  const list = (status: "overdue" | "due_soon") =>
    listedTasksFromSpans(db, scope, asOf, status, DASHBOARD_LIST_LIMIT, counts[status]);
  const overdue = counts.overdue === 0 ? [] : list("overdue");
  const dueSoon = counts.due_soon === 0 ? [] : list("due_soon");
  const escalated = escalatedTasks(db, filter, asOf, basis, href({ escalated: true }));
  const pending = pendingExtensions(db, scope, asOf);

  // Targets of the tasks in scope, with the value last recorded by the end of the day.
  const targets = allRows(
    db,
    {
      id: "integer",
      task_id: "integer",
      name: "text",
      unit: "text",
      baseline: "real?",
      target_value: "real",
      direction: ["at_least", "at_most"],
      current_value: "real?",
    },
    sql`
      SELECT g.id, g.task_id, g.name, g.unit, g.baseline, g.target_value, g.direction,
        (SELECT v.value FROM target_values v WHERE v.target_id = g.id AND v.created_at < ${cutoff}
         ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS current_value
      FROM targets g CROSS JOIN tasks t ON t.id = g.task_id -- from the few targets, not from every task
      -- The scope from the task's span (one exists if the task existed), checked target by target.
      WHERE g.created_at < ${cutoff} AND EXISTS (SELECT 1 FROM task_status_spans s WHERE s.task_id = t.id
        AND ${spanContains(asOf)} AND ${spanScopeFilter(scope, false)})
      ORDER BY t.directive_id, t.position, g.position, g.id
      LIMIT ${DASHBOARD_LIST_LIMIT}`,
  ).map((r) => ({
    id: r.id,
    taskId: r.task_id,
    name: r.name,
    unit: r.unit,
    baseline: r.baseline,
    targetValue: r.target_value,
    direction: r.direction,
    currentValue: r.current_value,
  }));

  return {
    counts,
    byStatus,
    total: { count: total, href: href() },
    stale: { count: counts.stale, href: href({ stale: true }) },
    awaiting: byStatus.awaiting_confirmation,
    ...rates(counts),
    overdue,
    dueSoon,
    escalated,
    ...pending,
    targets,
  };
}

/** How many directives the overview shows (the newest first); `/directives` lists them all. */
export const DASHBOARD_DIRECTIVE_LIMIT = 10;

// ---------------------------------------------------------------- scorecard

export interface ScorecardRow {
  department: { id: number; name: string; code: string };
  figures: Record<ScorecardColumn, Figure>;
  onTimeRate: number | null;
  rank: number;
}

/**
 * One row per department leading at least one task in scope, counted in SQL: its
 * assigned tasks (those counted) are the sum of its status columns; the tasks on hold
 * or withdrawn are shown apart (docs/decisions/019). Ranked by on-time rate (none
 * last), then fewer overdue; equal rows share a rank.
 */
export function scorecard(
  db: AppDatabase,
  actor: Actor,
  filters: Omit<DashboardFilters, "department">,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
  sort: ScorecardSort = "rank",
  dir: "asc" | "desc" = "asc",
): ScorecardRow[] {
  const scope = { committee: filters.committee, directive: filters.directive, period: filters.period };
  const counts = statusCountsInScope(db, dashboardScope(actor, scope, basis), asOf, "department");
  const ids = [...counts.keys()];
  const departments = new Map(
    ids.length === 0
      ? []
      : allRows(
          db,
          { id: "integer", name: "text", code: "text" },
          sql`SELECT id, name, code FROM departments WHERE id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        ).map((d) => [d.id, d]),
  );
  const scored = ids.map((id) => {
    const c = counts.get(id)!;
    const department = departments.get(id)!;
    // Assigned: the tasks counted (docs/decisions/019), so a row adds up; on hold and withdrawn apart.
    const count = (column: ScorecardColumn) =>
      column === "assigned" ? ASSIGNED_TERMS.reduce((sum, s) => sum + c[s], 0) : c[column];
    const listHref = (extra: { status?: TaskStatus; stale?: boolean }) =>
      taskListHref({ ...scope, department: id, ...extra }, asOf, isToday, basis);
    const figures = Object.fromEntries(
      SCORECARD_COLUMNS.map((column): [ScorecardColumn, Figure] => [
        column,
        new FigureLinkedOnDemand(count(column), () => scorecardFigureHref(column, listHref)),
      ]),
    ) as Record<ScorecardColumn, Figure>;
    const done = c.done_on_time + c.done_late;
    return {
      department: { id: department.id, name: department.name, code: department.code },
      figures,
      onTimeRate: done === 0 ? null : c.done_on_time / done,
      rank: 0,
    };
  });

  const byMerit = (a: ScorecardRow, b: ScorecardRow) =>
    (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.figures.overdue.count - b.figures.overdue.count;
  scored.sort((a, b) => byMerit(a, b) || a.department.name.localeCompare(b.department.name, "vi"));
  scored.forEach((row, i) => {
    const previous = scored[i - 1];
    row.rank = previous !== undefined && byMerit(previous, row) === 0 ? previous.rank : i + 1;
  });

  const value = (row: ScorecardRow): number | string => {
    if (sort === "rank") return row.rank;
    if (sort === "name") return row.department.name;
    if (sort === "on_time_rate") return row.onTimeRate ?? -1;
    return row.figures[sort].count;
  };
  const sign = dir === "desc" ? -1 : 1;
  return [...scored].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === "string" ? x.localeCompare(String(y), "vi") : x - (y as number);
    return sign * order || a.rank - b.rank || a.department.name.localeCompare(b.department.name, "vi");
  });
}

/**
 * On a past day: how many of the tasks in scope read differently as recorded and as
 * they happened (records entered after the fact, corrections), with the link to their
 * list — the page says so beside its figures.
 */
export function readingDifferences(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis,
): Figure | null {
  if (isToday) return null;
  const count =
    firstRow(
      db,
      { n: "integer" },
      sql`
      SELECT count(*) AS n FROM (${taskStatusSource(
        db,
        asOf,
        sql`t.id IN (${readingsDifferOn(asOf)}) AND ${dashboardTaskFilter(actor, filters)}`,
      )})`,
    )?.n ?? 0;
  return { count, href: taskListHref({ ...filters, differs: true }, asOf, isToday, basis) };
}

/**
 * The secretariat's own delay (rule 3): completions reported and awaiting its
 * confirmation for more than N working days on the day (N a setting, default 3) —
 * the count with the link to their list, and the longest waiting first.
 */
export function confirmationBacklog(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
) {
  const workingDays = confirmationWorkingDays(db);
  // Over weekends and the holidays of the working calendar (docs/domain-rules.md §10).
  const calendar = workingCalendar(db);
  const since = dayNumber(moreThanWorkingDaysBefore(asOf, workingDays, calendar));
  readyStatusFacts(db);
  // The waiting completions' own index (task_status_spans_awaiting_idx), which carries what
  // the scope reads (the span's visibility, committee, lead and directive): how many wait in
  // all, counted in the index, then the longest waiting few, sorted with a limit. (A window
  // count over the listed query sorted every waiting one: 33 ms against 14 at a million
  // tasks.) No task row is read but the few listed.
  const waiting = sql`
      FROM task_status_spans s INDEXED BY task_status_spans_awaiting_idx
      WHERE s.status = 'awaiting_confirmation' AND ${spanContains(asOf)} AND s.since_day <= ${since}
        AND ${spanScopeFilter(dashboardScope(actor, filters, basis), false)}`;
  const count = firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n ${waiting}`)?.n ?? 0;
  const first =
    count === 0
      ? []
      : allRows(
          db,
          { task_id: "integer", lead_id: "integer", since_day: "integer", due_day: "integer?", late_days: "integer" },
          sql`
      SELECT s.task_id, s.lead_department_id AS lead_id, s.since_day, s.due_day, s.late_days ${waiting}
      ORDER BY s.since_day, s.directive_id, s.position, s.task_id
      LIMIT ${DASHBOARD_LIST_LIMIT}`,
        );
  const details = listedTaskDetails(db, first);
  const waitingRows = first.map((r) => {
    const reportedOn = dateOfDayNumber(r.since_day);
    return {
      ...toListedTask({
        ...details.get(r.task_id)!,
        due_date: r.due_day === null ? null : dateOfDayNumber(r.due_day),
        days_late: r.late_days,
      }),
      reportedOn,
      workingDaysWaited: workingDaysBetween(reportedOn, asOf, calendar),
    };
  });
  return {
    workingDays,
    count,
    href: taskListHref({ ...filters, waiting: true }, asOf, isToday, basis),
    rows: waitingRows,
  };
}
