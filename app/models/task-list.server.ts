import { asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { committees, departments, directives } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import { parsePeriod } from "../domain/periods";
import type { Actor } from "../domain/permissions";
import { dueSoonUntil, type StatusRules } from "../domain/status";
import { SET_ASIDE_STATUSES, TASK_STATUSES, type StatusBasis, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import type { TaskListQuery } from "../lib/task-list-query";
import { dayNumber, STATUS_SEVERITY } from "../domain/status-spans";
import { moreThanWorkingDaysBefore } from "../domain/working-days";
import { hasEscalatingReminder } from "./reminders.server";
import { confirmationWorkingDays } from "./settings.server";
import { readyStatusFacts, rollupCounts, statusRulesInForce, type RollupSeries } from "./status-facts.server";
import {
  rollupScopeOf,
  spanScopeFilter,
  taskLevelFilter,
  taskScopeFilter,
  walkIndex,
  type TaskScope,
} from "./task-scope.server";
import { taskRows, type TaskRow } from "./task-rows.server";
import { readingsDifferOn, spanContains, taskStatusSource } from "./task-status.server";
import { visibleDirectivesFilter } from "./visibility.server";
import { workingCalendar } from "./working-calendar.server";
import type { SortableColumn } from "../lib/task-list-state";
import { firstRow, allRows } from "./sql-rows.server";

/** Severity order: what needs attention first (the same order as the stored spans' `severity`). */
const STATUS_ORDER = sql.raw(
  `CASE st.status ${Object.entries(STATUS_SEVERITY)
    .map(([status, severity]) => `WHEN '${status}' THEN ${severity}`)
    .join(" ")} END`,
);

/**
 * Every order ends with the task's place in its directive, so pages never overlap.
 * By deadline, tasks without one come last either way; by deadline or by status, a
 * descending order is the exact reverse of the ascending one (so the index walks of
 * the stored spans serve both); by the other columns, ties stay in directive order.
 */
function orderBy(sort: SortableColumn, dir: "asc" | "desc"): SQL {
  const desc = dir === "desc";
  switch (sort) {
    case "deadline":
      return desc
        ? sql`st.due_date IS NULL, st.due_date DESC,
            (CASE WHEN st.due_date IS NULL THEN 1 ELSE -1 END) * t.directive_id,
            (CASE WHEN st.due_date IS NULL THEN 1 ELSE -1 END) * t.position,
            (CASE WHEN st.due_date IS NULL THEN 1 ELSE -1 END) * t.id`
        : sql`st.due_date IS NULL, st.due_date, t.directive_id, t.position, t.id`;
    case "status":
      return desc
        ? sql`${STATUS_ORDER} DESC, t.directive_id DESC, t.position DESC, t.id DESC`
        : sql`${STATUS_ORDER}, t.directive_id, t.position, t.id`;
    case "department":
      return sql`d.name ${sql.raw(desc ? "DESC" : "ASC")}, t.directive_id, t.position, t.id`;
    case "directive":
      return sql`(SELECT issued_on FROM directives WHERE id = t.directive_id) ${sql.raw(desc ? "DESC" : "ASC")},
        t.directive_id, t.position, t.id`;
    case "updated":
      return sql`t.updated_at ${sql.raw(desc ? "DESC" : "ASC")}, t.directive_id, t.position, t.id`;
  }
}

/** The list's filters of tasks (who sees what, committee, directive, departments) as a scope for the fast paths. */
function listScope(actor: Actor, query: TaskListQuery, asOf: LocalDate, basis: StatusBasis): TaskScope {
  // Filters the stored counts do not know go along as one extra condition (read from the spans of its tasks).
  const extra: SQL[] = [];
  const assignedIn = query.period === undefined ? null : parsePeriod(query.period);
  if (assignedIn !== null) extra.push(sql`t.assigned_on BETWEEN ${assignedIn.from} AND ${assignedIn.to}`);
  if (query.level !== undefined) extra.push(taskLevelFilter(query.level));
  if (query.fanOut !== undefined) extra.push(sql`t.fan_out_id = ${query.fanOut}`);
  if (query.escalated) extra.push(hasEscalatingReminder(asOf));
  if (query.differs) extra.push(sql`t.id IN (${readingsDifferOn(asOf)})`);
  return {
    actor,
    basis,
    committee: query.committee,
    directive: query.directive,
    department: query.department,
    coordinator: query.coordinator,
    ...(extra.length === 0 ? {} : { extra: sql.join(extra, sql` AND `) }),
  };
}

const KNOWN_QUERY_KEYS: ReadonlySet<string> = new Set<keyof TaskListQuery>([
  "status",
  "department",
  "coordinator",
  "directive",
  "committee",
  "dueFrom",
  "dueTo",
  "stale",
  "counted",
  "sort",
  "dir",
  "page",
  "size",
]);

const isSetAside = (status: TaskStatus) => (SET_ASIDE_STATUSES as readonly TaskStatus[]).includes(status);

/** The statuses the query lists: its status, or every one; only those counted with `counted`. */
function listedStatuses(query: TaskListQuery): readonly TaskStatus[] {
  const statuses = query.status === undefined ? TASK_STATUSES : [query.status];
  return query.counted ? statuses.filter((status) => !isSetAside(status)) : statuses;
}

/** The severities of the statuses set aside (stored spans), for `counted`. */
const SET_ASIDE_SEVERITIES = sql.raw(SET_ASIDE_STATUSES.map((status) => STATUS_SEVERITY[status]).join(", "));

/** The status filters over the stored spans `s` (the twin of the `st` ones). */
function spanStatusFilter(query: TaskListQuery, asOf: LocalDate, rules: StatusRules): SQL {
  const conditions = [sql`1 = 1`];
  if (query.status !== undefined) conditions.push(sql`s.severity = ${STATUS_SEVERITY[query.status]}`);
  // The due dates a status implies (redundant, but an index walk in due-date order can start and stop on them).
  const day = dayNumber(asOf);
  if (query.status === "overdue") conditions.push(sql`s.due_day < ${day}`);
  if (query.status === "due_soon")
    conditions.push(sql`s.due_day >= ${day} AND s.due_day <= ${dayNumber(dueSoonUntil(asOf, rules))}`);
  if (query.status === "on_track") conditions.push(sql`s.due_day > ${dayNumber(dueSoonUntil(asOf, rules))}`);
  if (query.stale) conditions.push(sql`s.stale = 1`);
  if (query.counted) conditions.push(sql`s.severity NOT IN (${SET_ASIDE_SEVERITIES})`);
  if (query.dueFrom !== undefined) conditions.push(sql`s.due_day >= ${dayNumber(query.dueFrom)}`);
  if (query.dueTo !== undefined) conditions.push(sql`s.due_day <= ${dayNumber(query.dueTo)}`);
  return sql.join(conditions, sql` AND `);
}

/** How many tasks match, from the stored counts when they cover the filters, else by counting spans. */
function countFromSpans(
  db: AppDatabase,
  scope: TaskScope,
  query: TaskListQuery,
  asOf: LocalDate,
  rules: StatusRules,
): number {
  const rollup = rollupScopeOf(scope);
  if (rollup && query.dueFrom === undefined && query.dueTo === undefined) {
    const counts = rollupCounts(db, rollup, asOf).get(0);
    const count = (series: RollupSeries) => counts?.get(series) ?? 0;
    if (query.stale) return query.status === undefined || query.status === "overdue" ? count("stale") : 0;
    return listedStatuses(query).reduce((sum, status) => sum + count(status), 0);
  }
  return (
    firstRow(
      db,
      { n: "integer" },
      sql`
      SELECT count(*) AS n FROM task_status_spans s
      WHERE ${spanContains(asOf)} AND ${spanScopeFilter(scope, true)} AND ${spanStatusFilter(query, asOf, rules)}`,
    )?.n ?? 0
  );
}

/** The spans' orders of the deadline and status sorts, ascending or all reversed. */
const SPAN_ORDER = {
  deadline: {
    index: sql.raw("task_status_spans_due_idx"),
    asc: sql`s.due_day IS NULL, s.due_day, s.directive_id, s.position, s.task_id`,
    desc: sql`s.due_day IS NULL DESC, s.due_day DESC, s.directive_id DESC, s.position DESC, s.task_id DESC`,
  },
  status: {
    index: sql.raw("task_status_spans_severity_idx"),
    asc: sql`s.severity, s.directive_id, s.position, s.task_id`,
    desc: sql`s.severity DESC, s.directive_id DESC, s.position DESC, s.task_id DESC`,
  },
} as const;

/**
 * The ids of one page in the deadline or status order, from the stored spans: a
 * walk of the order's index for a broad scope (from the far end when the page is
 * in the second half), or the scope's few tasks sorted for a narrow one.
 */
function pageFromSpans(
  db: AppDatabase,
  scope: TaskScope,
  query: TaskListQuery,
  asOf: LocalDate,
  rules: StatusRules,
  sort: keyof typeof SPAN_ORDER,
  total: number,
  offset: number,
  size: number,
): number[] {
  // The same status among every task that existed that day, whoever may see it: how
  // common the scope's matching tasks are along the index.
  const everything = rollupCounts(db, { basis: scope.basis, visibilities: [0, 1, 2] }, asOf).get(0);
  const all = listedStatuses(query).reduce((sum, status) => sum + (everything?.get(status) ?? 0), 0);
  const narrow = !walkIndex(scope, total, all, offset + size);
  const order = SPAN_ORDER[sort];
  const walk = (extra: SQL, orderTerms: SQL, limit: number, skip: number) =>
    limit <= 0
      ? []
      : allRows(
          db,
          { task_id: "integer" },
          sql`
      SELECT s.task_id FROM task_status_spans s ${narrow ? sql`` : sql`INDEXED BY ${order.index}`}
      WHERE ${spanContains(asOf)} AND ${spanScopeFilter(scope, narrow)} AND ${spanStatusFilter(query, asOf, rules)} AND ${extra}
      ORDER BY ${orderTerms}
      LIMIT ${limit} OFFSET ${skip}`,
        ).map((r) => r.task_id);

  if (sort === "deadline" && query.dir === "desc") {
    // Latest deadline first, then the tasks without a deadline, in directive order:
    // two walks, each in one direction of the index (the equalities pin its first terms).
    const datedOrder = sql`s.due_day DESC, s.directive_id DESC, s.position DESC, s.task_id DESC`;
    const undatedOrder = sql`s.directive_id, s.position, s.task_id`;
    const dated = walk(sql`(s.due_day IS NULL) = 0`, datedOrder, size, offset);
    if (dated.length === size) return dated;
    const undated = sql`(s.due_day IS NULL) = 1 AND s.due_day IS NULL`;
    const undatedTotal =
      firstRow(
        db,
        { n: "integer" },
        sql`
        SELECT count(*) AS n FROM task_status_spans s ${narrow ? sql`` : sql`INDEXED BY ${order.index}`}
        WHERE ${spanContains(asOf)} AND ${spanScopeFilter(scope, narrow)} AND ${spanStatusFilter(query, asOf, rules)}
          AND ${undated}`,
      )?.n ?? 0;
    const datedTotal = total - undatedTotal;
    return [...dated, ...walk(undated, undatedOrder, size - dated.length, Math.max(0, offset - datedTotal))];
  }

  const direction = query.dir === "desc" ? "desc" : "asc";
  if (offset + size / 2 <= total / 2) return walk(sql`1 = 1`, order[direction], size, offset);
  // Deep pages: the same rows counted from the other end, so the walk stays short.
  const fromEnd = total - offset - size;
  return walk(
    sql`1 = 1`,
    order[direction === "asc" ? "desc" : "asc"],
    size + Math.min(0, fromEnd),
    Math.max(0, fromEnd),
  ).reverse();
}

/**
 * One page of the tasks matching the list's query. `pageSize` overrides the
 * query's `size` for callers that need everything at once (the export).
 */
export function listTasks(
  db: AppDatabase,
  actor: Actor,
  query: TaskListQuery,
  asOf: LocalDate,
  basis: StatusBasis = "happened",
  pageSize?: number,
) {
  readyStatusFacts(db);
  const scope = listScope(actor, query, asOf, basis);
  // Filters the index walks know; others (a period, a level, escalation) list through the task list's own filter.
  const walkable = Object.entries(query).every(([key, value]) => value === undefined || KNOWN_QUERY_KEYS.has(key));
  const rules = statusRulesInForce(db);
  const taskFilter = taskScopeFilter(scope);

  const statusConditions = [sql`1 = 1`];
  if (query.status !== undefined) statusConditions.push(sql`st.status = ${query.status}`);
  if (query.stale) statusConditions.push(sql`st.stale`);
  if (query.counted)
    statusConditions.push(
      sql`st.status NOT IN (${sql.join(
        SET_ASIDE_STATUSES.map((status) => sql`${status}`),
        sql`, `,
      )})`,
    );
  if (query.escalated) statusConditions.push(sql`st.status = 'overdue'`);
  if (query.dueFrom !== undefined) statusConditions.push(sql`st.due_date >= ${query.dueFrom}`);
  if (query.dueTo !== undefined) statusConditions.push(sql`st.due_date <= ${query.dueTo}`);
  if (query.waiting) {
    const since = dayNumber(moreThanWorkingDaysBefore(asOf, confirmationWorkingDays(db), workingCalendar(db)));
    statusConditions.push(sql`st.status = 'awaiting_confirmation' AND st.since_day <= ${since}`);
  }
  const statusFilter = sql.join(statusConditions, sql` AND `);

  const size = pageSize ?? query.size ?? 50;
  const total = walkable
    ? countFromSpans(db, scope, query, asOf, rules)
    : (firstRow(
        db,
        { n: "integer" },
        sql`
      SELECT count(*) AS n FROM (${taskStatusSource(db, asOf, taskFilter, basis)}) st WHERE ${statusFilter}`,
      )?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(query.page ?? 1, pages);
  const offset = (page - 1) * size;
  const sort = query.sort ?? "deadline";

  let rows: TaskRow[];
  if (walkable && (sort === "deadline" || sort === "status")) {
    const ids = pageFromSpans(db, scope, query, asOf, rules, sort, total, offset, size);
    const byId = new Map(
      ids.length === 0
        ? []
        : // Ids inlined: an export page can hold more of them than SQLite takes parameters.
          taskRows(db, { asOf, basis, taskFilter: sql`t.id IN (${sql.raw(ids.map(Number).join(", "))})` }).map((r) => [
            r.id,
            r,
          ]),
    );
    rows = ids.map((id) => byId.get(id)!);
  } else {
    rows = taskRows(db, {
      asOf,
      basis,
      taskFilter,
      statusFilter,
      orderBy: orderBy(sort, query.dir ?? "asc"),
      limit: size,
      offset,
    });
  }
  const directiveIds = [...new Set(rows.map((r) => r.directiveId))];
  const directiveLabels = new Map(
    directiveIds.length === 0
      ? []
      : db
          .select({ id: directives.id, number: directives.number, abstract: directives.abstract })
          .from(directives)
          .where(inArray(directives.id, directiveIds))
          .all()
          .map((d) => [d.id, d.number ?? d.abstract]),
  );
  return {
    rows: rows.map((r) => ({ ...r, directiveLabel: directiveLabels.get(r.directiveId) ?? "" })),
    rowCount: total,
    page,
    pages,
    size,
  };
}

/** How many directives the filter menus offer (the newest; a directive page links to its own lists). */
export const DIRECTIVE_OPTION_LIMIT = 300;

/**
 * The choices of the filter menus. Directives: the newest the actor may see, and the
 * one already chosen — a national deployment has tens of thousands, which no menu
 * (and no page weight budget) can hold. Departments: the active ones, and those
 * already chosen (a past figure of a department since merged links to its list).
 */
export function filterOptions(
  db: AppDatabase,
  actor: Actor,
  chosenDirective?: number,
  chosenDepartments: readonly (number | undefined)[] = [],
) {
  // Each option's label: the directive's number, or the start of its abstract when it has none.
  const directiveRows = allRows(
    db,
    { id: "integer", label: "text" },
    sql`
    SELECT id, label FROM (
      SELECT * FROM (
        SELECT d.id, coalesce(d.number, substr(d.abstract, 1, 60)) AS label, d.issued_on FROM directives d
        WHERE ${visibleDirectivesFilter(actor)} ORDER BY d.issued_on DESC, d.id DESC LIMIT ${DIRECTIVE_OPTION_LIMIT})
      UNION
      SELECT d.id, coalesce(d.number, substr(d.abstract, 1, 60)), d.issued_on FROM directives d
      WHERE d.id = ${chosenDirective ?? -1} AND ${visibleDirectivesFilter(actor)})
    ORDER BY issued_on DESC, id DESC`,
  );
  return {
    departments: db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(
        or(
          eq(departments.active, true),
          inArray(
            departments.id,
            chosenDepartments.filter((id) => id !== undefined),
          ),
        ),
      )
      .orderBy(asc(departments.name))
      .all(),
    directives: directiveRows,
    committees: db
      .select({ id: committees.id, name: committees.name })
      .from(committees)
      .orderBy(asc(committees.name))
      .all(),
  };
}

/** The longest menu a page sends whole; a longer one comes with only its chosen entries (issue #16). */
export const SHORT_MENU = 40;

/**
 * The filter menus as a page sends them: whole when every list is short, else each long
 * list cut to its chosen entries, and `complete: false` — the page then loads the whole
 * lists from routes/filter-options.ts once it runs. Three menus of 300 departments and
 * directives were half the weight of the task list and the dashboard, once as options and
 * once more in the loader data.
 */
export function briefMenus<T extends { departments?: { id: number }[]; directives: { id: number }[] }>(
  options: T,
  chosen: { departments?: readonly (number | undefined)[]; directive?: number },
): T & { complete: boolean } {
  if ((options.departments?.length ?? 0) <= SHORT_MENU && options.directives.length <= SHORT_MENU) {
    return { ...options, complete: true };
  }
  const cut = <E extends { id: number }>(entries: E[], ids: readonly (number | undefined)[]) =>
    entries.length <= SHORT_MENU ? entries : entries.filter((entry) => ids.includes(entry.id));
  return {
    ...options,
    ...(options.departments && { departments: cut(options.departments, chosen.departments ?? []) }),
    directives: cut(options.directives, [chosen.directive]),
    complete: false,
  };
}
