// Leadership dashboards (DESIGN §6): the overview and the department scorecard.
//
// Every figure is counted in SQL over the status subquery (task-status.server.ts),
// with exactly the task filter the task list applies (routes/tasks._index/queries.server.ts),
// and carries the link to that list: the same filters, so numbers and lists agree.
import { sql, type SQL } from "drizzle-orm";
import { endOfLocalDay, type LocalDate } from "../domain/dates";
import { canReadDepartmentFigures, type Actor } from "../domain/permissions";
import { parsePeriod } from "../domain/periods";
import type { StatusRules } from "../domain/status";
import { SET_ASIDE_STATUSES, TASK_STATUSES, type TaskLevel, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { badRequest, notFound } from "../lib/http.server";
import type { Translate } from "../lib/i18n";
import { escalatingReminders, hasEscalatingReminder } from "./reminders.server";
import { emptyStatusCounts, statusCountsBy, type StatusCounts } from "./status-counts.server";
import { taskStatusSubquery } from "./task-status.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "./visibility.server";
import { SCORECARD_COLUMNS, type ScorecardColumn, type ScorecardSort } from "../lib/scorecard";

export { SCORECARD_COLUMNS, SCORECARD_SORTS, type ScorecardColumn, type ScorecardSort } from "../lib/scorecard";

export const DASHBOARD_FILTER_KEYS = ["committee", "directive", "department"] as const;
export type DashboardFilterKey = (typeof DASHBOARD_FILTER_KEYS)[number];
/**
 * Ids of the committee, directive and lead department; `period`: tasks assigned in a
 * year, quarter or month (`2019`, `2019-Q4`, `2019-12`; domain/periods.ts); `level`:
 * main tasks or sub-tasks only. The task list takes the same names in its URL.
 */
export type DashboardFilters = Partial<Record<DashboardFilterKey, number>> & { period?: string; level?: TaskLevel };

/**
 * The filters named in the URL, among `keys`. A malformed id or period is a 400 with a
 * translated message; an unknown committee or department, or a directive the
 * user may not see, is a 404 (which does not say whether it exists); a department
 * user naming another department is a 400 (their figures are their department's).
 */
export function dashboardFiltersFromUrl(
  url: URL,
  t: Translate,
  db: AppDatabase,
  actor: Actor,
  keys: readonly (DashboardFilterKey | "period")[] = [...DASHBOARD_FILTER_KEYS, "period"],
): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const key of keys) {
    const raw = url.searchParams.get(key);
    if (raw === null || raw.trim() === "") continue;
    if (key === "period") {
      const period = parsePeriod(raw);
      if (period === null) badRequest(t("period.invalid", { value: raw.slice(0, 40) }));
      filters.period = period.key;
      continue;
    }
    if (!/^\d{1,15}$/.test(raw.trim())) {
      badRequest(t("dashboard.filter.invalid", { name: t(`dashboard.filter.${key}`), value: raw.slice(0, 40) }));
    }
    const id = Number(raw.trim());
    const found =
      key === "committee"
        ? db.get(sql`SELECT 1 AS x FROM committees WHERE id = ${id}`)
        : key === "department"
          ? db.get(sql`SELECT 1 AS x FROM departments WHERE id = ${id}`)
          : db.get(sql`SELECT 1 AS x FROM directives d WHERE d.id = ${id} AND ${visibleDirectivesFilter(actor)}`);
    if (found === undefined) notFound();
    if (key === "department" && !canReadDepartmentFigures(actor, id)) {
      badRequest(t("dashboard.filter.ownDepartmentOnly"));
    }
    filters[key] = id;
  }
  return filters;
}

/** A condition over `tasks t`: visible to the actor and within the filters (the task list's own conditions). */
export function dashboardTaskFilter(actor: Actor, filters: DashboardFilters): SQL {
  const conditions = [visibleTasksFilter(actor)];
  if (filters.department !== undefined) conditions.push(sql`t.lead_department_id = ${filters.department}`);
  if (filters.directive !== undefined) conditions.push(sql`t.directive_id = ${filters.directive}`);
  if (filters.committee !== undefined) {
    conditions.push(sql`t.directive_id IN (SELECT id FROM directives WHERE committee_id = ${filters.committee})`);
  }
  const period = filters.period === undefined ? null : parsePeriod(filters.period);
  if (period !== null) conditions.push(sql`t.assigned_on BETWEEN ${period.from} AND ${period.to}`);
  if (filters.level !== undefined)
    conditions.push(filters.level === "top" ? sql`t.parent_id IS NULL` : sql`t.parent_id IS NOT NULL`);
  return sql.join(conditions, sql` AND `);
}

/** The task list behind a figure: `/tasks?…` with the figure's filters; no `asOf` for today. */
export function taskListHref(
  filters: DashboardFilters & {
    status?: TaskStatus;
    stale?: boolean;
    escalated?: boolean;
    dueFrom?: LocalDate;
    dueTo?: LocalDate;
  },
  asOf: LocalDate,
  isToday: boolean,
): string {
  const params = new URLSearchParams();
  if (filters.status !== undefined) params.set("status", filters.status);
  if (filters.department !== undefined) params.set("department", String(filters.department));
  if (filters.directive !== undefined) params.set("directive", String(filters.directive));
  if (filters.committee !== undefined) params.set("committee", String(filters.committee));
  if (filters.period !== undefined) params.set("period", filters.period);
  if (filters.level !== undefined) params.set("level", filters.level);
  if (filters.dueFrom !== undefined) params.set("dueFrom", filters.dueFrom);
  if (filters.dueTo !== undefined) params.set("dueTo", filters.dueTo);
  if (filters.stale) params.set("stale", "1");
  if (filters.escalated) params.set("escalated", "1");
  if (!isToday) params.set("asOf", asOf);
  const query = params.toString();
  return query === "" ? "/tasks" : `/tasks?${query}`;
}

export interface Figure {
  count: number;
  href: string;
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

interface ListedTaskRow {
  id: number;
  item_number: string;
  title: string;
  due_date: LocalDate | null;
  days_late: number;
  department_id: number;
  department_name: string;
  directive_id: number;
  directive_label: string;
}

function listedTasks(db: AppDatabase, subquery: SQL, where: SQL, orderBy: SQL, limit: number) {
  return db
    .all<ListedTaskRow>(
      sql`
    SELECT t.id, t.item_number, t.title, st.due_date, st.days_late,
      dep.id AS department_id, dep.name AS department_name,
      dir.id AS directive_id, coalesce(dir.number, dir.abstract) AS directive_label
    FROM (${subquery}) st
    JOIN tasks t ON t.id = st.task_id
    JOIN departments dep ON dep.id = t.lead_department_id
    JOIN directives dir ON dir.id = t.directive_id
    WHERE ${where}
    ORDER BY ${orderBy}
    LIMIT ${limit}`,
    )
    .map((r) => ({
      id: r.id,
      itemNumber: r.item_number,
      title: r.title,
      dueDate: r.due_date,
      daysLate: r.days_late,
      department: { id: r.department_id, name: r.department_name },
      directive: { id: r.directive_id, label: r.directive_label },
    }));
}

export const DASHBOARD_LIST_LIMIT = 20;

/**
 * Tasks escalated to leadership as of the day (overdue, with an unanswered 3rd-or-later
 * manual reminder): the count with the link to exactly those tasks, and the first of them,
 * longest overdue first, with the reminder that escalated each.
 */
function escalatedTasks(db: AppDatabase, filter: SQL, asOf: LocalDate, rules: StatusRules, href: string) {
  const subquery = taskStatusSubquery(asOf, rules, sql`${filter} AND ${hasEscalatingReminder(asOf)}`);
  const count =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${subquery}) st WHERE st.status = 'overdue'`)?.n ?? 0;
  const rows = listedTasks(
    db,
    subquery,
    sql`st.status = 'overdue'`,
    sql`st.days_late DESC, t.id`,
    DASHBOARD_LIST_LIMIT,
  );
  const escalating = escalatingReminders(
    db,
    rows.map((r) => r.id),
    asOf,
  );
  return {
    count,
    href,
    rows: rows.map((row) => ({ ...row, reminder: escalating.get(row.id) ?? null })),
  };
}

/** Everything the overview shows, for a day and filters. */
export function dashboardFigures(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  rules: StatusRules,
) {
  const filter = dashboardTaskFilter(actor, filters);
  const cutoff = endOfLocalDay(asOf);
  const counts = statusCountsBy(db, sql`0`, asOf, rules, filter).get(0) ?? emptyStatusCounts();
  const href = (extra: { status?: TaskStatus; stale?: boolean; escalated?: boolean } = {}) =>
    taskListHref({ ...filters, ...extra }, asOf, isToday);
  const byStatus = Object.fromEntries(
    TASK_STATUSES.map((status) => [status, { count: counts[status], href: href({ status }) }]),
  ) as Record<TaskStatus, Figure>;
  const total = TASK_STATUSES.reduce((sum, s) => sum + counts[s], 0);

  const subquery = taskStatusSubquery(asOf, rules, filter);
  const overdue = listedTasks(
    db,
    subquery,
    sql`st.status = 'overdue'`,
    sql`st.days_late DESC, t.id`,
    DASHBOARD_LIST_LIMIT,
  );
  const dueSoon = listedTasks(db, subquery, sql`st.status = 'due_soon'`, sql`st.due_date, t.id`, DASHBOARD_LIST_LIMIT);
  const escalated = escalatedTasks(db, filter, asOf, rules, href({ escalated: true }));

  // Extension requests waiting for a decision at the end of the day: made by then, decided (if ever) later.
  const pendingWhere = sql`e.created_at < ${cutoff} AND (e.state = 'pending' OR e.decided_at >= ${cutoff})
    AND t.created_at < ${cutoff} AND ${filter}`;
  const pendingExtensions =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM extension_requests e JOIN tasks t ON t.id = e.task_id WHERE ${pendingWhere}`)?.n ?? 0;
  const pendingExtensionList = db
    .all<{
      id: number;
      task_id: number;
      title: string;
      proposed_due_date: LocalDate;
      department_name: string;
    }>(
      sql`
      SELECT e.id, t.id AS task_id, t.title, e.proposed_due_date, dep.name AS department_name
      FROM extension_requests e JOIN tasks t ON t.id = e.task_id
      JOIN departments dep ON dep.id = e.department_id
      WHERE ${pendingWhere}
      ORDER BY e.created_at, e.id
      LIMIT ${DASHBOARD_LIST_LIMIT}`,
    )
    .map((r) => ({
      id: r.id,
      taskId: r.task_id,
      title: r.title,
      proposedDueDate: r.proposed_due_date,
      departmentName: r.department_name,
    }));

  // Targets of the tasks in scope, with the value last recorded by the end of the day.
  const targets = db
    .all<{
      id: number;
      task_id: number;
      name: string;
      unit: string;
      baseline: number | null;
      target_value: number;
      direction: "at_least" | "at_most";
      current_value: number | null;
    }>(
      sql`
      SELECT g.id, g.task_id, g.name, g.unit, g.baseline, g.target_value, g.direction,
        (SELECT v.value FROM target_values v WHERE v.target_id = g.id AND v.created_at < ${cutoff}
         ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS current_value
      FROM targets g JOIN tasks t ON t.id = g.task_id
      WHERE g.created_at < ${cutoff} AND t.created_at < ${cutoff} AND ${filter}
      ORDER BY t.directive_id, t.position, g.position, g.id
      LIMIT ${DASHBOARD_LIST_LIMIT}`,
    )
    .map((r) => ({
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
    pendingExtensions,
    pendingExtensionList,
    targets,
  };
}

/** Directives in scope with their tasks counted by status; each count links to its list. */
export function directiveProgress(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  rules: StatusRules,
) {
  const counts = statusCountsBy(db, sql`t.directive_id`, asOf, rules, dashboardTaskFilter(actor, filters));
  const ids = [...counts.keys()];
  if (ids.length === 0) return [];
  const rows = db.all<{ id: number; number: string | null; abstract: string }>(sql`
    SELECT d.id, d.number, d.abstract FROM directives d
    WHERE d.id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY d.issued_on DESC, d.id DESC`);
  return rows.map((row) => ({ ...row, counts: counts.get(row.id) ?? emptyStatusCounts() }));
}

// ---------------------------------------------------------------- scorecard

export interface ScorecardRow {
  department: { id: number; name: string; code: string };
  figures: Record<ScorecardColumn, Figure>;
  onTimeRate: number | null;
  rank: number;
}

/**
 * One row per department leading at least one task in scope, counted in SQL;
 * ranked by on-time rate (none last), then fewer overdue; equal rows share a rank.
 */
export function scorecard(
  db: AppDatabase,
  actor: Actor,
  filters: Omit<DashboardFilters, "department">,
  asOf: LocalDate,
  isToday: boolean,
  rules: StatusRules,
  sort: ScorecardSort = "rank",
  dir: "asc" | "desc" = "asc",
): ScorecardRow[] {
  const scope = { committee: filters.committee, directive: filters.directive, period: filters.period };
  const rows = db.all<
    { id: number; name: string; code: string } & Record<ScorecardColumn, number> & { done: number }
  >(sql`
    SELECT dep.id, dep.name, dep.code,
      count(*) AS assigned,
      sum(st.status = 'done_on_time') AS done_on_time,
      sum(st.status = 'done_late') AS done_late,
      sum(st.status = 'overdue') AS overdue,
      sum(st.status = 'due_soon') AS due_soon,
      sum(st.status = 'on_track') AS on_track,
      sum(st.status = 'ongoing') AS ongoing,
      sum(st.stale) AS stale
    FROM (${taskStatusSubquery(asOf, rules, dashboardTaskFilter(actor, scope))}) st
    JOIN tasks t ON t.id = st.task_id
    JOIN departments dep ON dep.id = t.lead_department_id
    GROUP BY dep.id`);

  const scored = rows.map((r) => {
    const done = r.done_on_time + r.done_late;
    const filtersOf = (extra: { status?: TaskStatus; stale?: boolean }) =>
      taskListHref({ ...scope, department: r.id, ...extra }, asOf, isToday);
    const figures = Object.fromEntries(
      SCORECARD_COLUMNS.map((column) => [
        column,
        {
          count: r[column],
          href: filtersOf(
            column === "assigned" ? {} : column === "stale" ? { stale: true } : { status: column as TaskStatus },
          ),
        },
      ]),
    ) as Record<ScorecardColumn, Figure>;
    return {
      department: { id: r.id, name: r.name, code: r.code },
      figures,
      onTimeRate: done === 0 ? null : r.done_on_time / done,
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
