// The dashboard's trend (docs/domain-rules.md §6): per month, the tasks falling due and how many of
// them were done on time, done late, or are not done and overdue — as of a day.
//
// Read from the fastest source (docs/decisions/014, "Trend series"): the stored
// trend counts when they cover the scope (a directive visibility, and all, or one
// committee); else the stored spans of the scope whose due date falls in the months
// shown, sought on the due-date index. A third way, through the task list's own
// filter, lets the tests check the other two. Every figure carries the task list that
// shows exactly those tasks: the month as a due range (`dueFrom`/`dueTo`, which the
// list applies to the due date in force on the as-of day) plus the status.
import { sql } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import { monthsEndingWith, monthsOf, parsePeriod, type Period } from "../domain/periods";
import type { Actor } from "../domain/permissions";
import { dateOfDayNumber, dayNumber, STATUS_SEVERITY } from "../domain/status-spans";
import type { StatusBasis } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import {
  dashboardScope,
  dashboardTaskFilter,
  taskListHref,
  type DashboardFilters,
  type Figure,
} from "./dashboard.server";
import { readyStatusFacts, trendRollupCounts } from "./status-facts.server";
import { isTaskListScope, rollupScopeOf, spanScopeFilter } from "./task-scope.server";
import { spanContains, taskStatusSource } from "./task-status.server";
import { allRows, type Columns, type RowOf } from "./sql-rows.server";

export const TREND_SERIES = ["due", "doneOnTime", "doneLate", "overdue"] as const;
export type TrendSeries = (typeof TREND_SERIES)[number];

export interface TrendMonth {
  /** `2019-12`. */
  month: string;
  from: LocalDate;
  to: LocalDate;
  figures: Record<TrendSeries, Figure>;
}

/** The months the trend shows: those of the period filter, else the twelve ending with the as-of day's month. */
export function trendMonths(asOf: LocalDate, period: string | undefined): Period[] {
  const parsed = period === undefined ? null : parsePeriod(period);
  return parsed === null ? monthsEndingWith(asOf, 12) : monthsOf(parsed);
}

const MONTH_COUNTS = {
  due: "integer",
  done_on_time: "integer",
  done_late: "integer",
  overdue: "integer",
} satisfies Columns;
type MonthCounts = RowOf<typeof MONTH_COUNTS>;

/** The counts of the months (`yyyy-mm` → counts; a month without tasks falling due may be absent). */
export type TrendCounts = Map<string, MonthCounts>;

/**
 * Where the trend is read from (`trendSource` picks the fastest; tests compare all
 * three): the stored trend counts, the spans of the scope, or the task list's filter.
 */
export type TrendSource = "counts" | "spans" | "list";

/** The source `trendCounts` reads for these filters: the stored trend counts when they cover the scope, else the spans. */
export function trendSource(actor: Actor, filters: DashboardFilters, basis: StatusBasis = "happened"): TrendSource {
  return trendRollupScope(actor, filters, basis) !== null ? "counts" : "spans";
}

/** The stored trend counts' scope for the filters: as the status counts', but not per lead department. */
function trendRollupScope(actor: Actor, filters: DashboardFilters, basis: StatusBasis) {
  const rollup = rollupScopeOf(dashboardScope(actor, filters, basis));
  return rollup === null || rollup.departmentId !== undefined ? null : rollup;
}

/** The trend's counts per month of due date as of a day, from `source` (by default the fastest exact one). */
export function trendCounts(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  months: readonly Period[],
  asOf: LocalDate,
  basis: StatusBasis = "happened",
  source: TrendSource = trendSource(actor, filters, basis),
): TrendCounts {
  readyStatusFacts(db);
  const first = months[0]!.from;
  const last = months[months.length - 1]!.to;
  const result: TrendCounts = new Map();
  if (source === "counts") {
    const rollup = trendRollupScope(actor, filters, basis);
    if (rollup === null) throw new Error("The stored trend counts do not cover these filters.");
    const stored = trendRollupCounts(
      db,
      rollup,
      asOf,
      months.map((m) => m.key),
    );
    for (const [month, series] of stored) {
      result.set(month, {
        due: series.get("due") ?? 0,
        done_on_time: series.get("done_on_time") ?? 0,
        done_late: series.get("done_late") ?? 0,
        overdue: series.get("overdue") ?? 0,
      });
    }
    return result;
  }
  if (source === "spans") {
    // The scope's spans on the day whose due date falls in the months, per due day: for
    // a scope given by a list of task ids, read task by task (`+` keeps SQLite off the
    // due-date index); else a range of the due-date index (its first term too, so
    // SQLite seeks it).
    const scope = dashboardScope(actor, filters, basis);
    const range = sql`${dayNumber(first)} AND ${dayNumber(last)}`;
    const due = isTaskListScope(scope)
      ? sql`+s.due_day BETWEEN ${range}`
      : sql`(s.due_day IS NULL) = 0 AND s.due_day BETWEEN ${range}`;
    const rows = allRows(
      db,
      { due_day: "integer", ...MONTH_COUNTS },
      sql`
      SELECT s.due_day, count(*) AS due,
        sum(s.severity = ${STATUS_SEVERITY.done_on_time}) AS done_on_time,
        sum(s.severity = ${STATUS_SEVERITY.done_late}) AS done_late,
        sum(s.severity = ${STATUS_SEVERITY.overdue}) AS overdue
      FROM task_status_spans s
      WHERE ${due} AND ${spanContains(asOf)} AND ${spanScopeFilter(scope)}
      GROUP BY s.due_day`,
    );
    for (const row of rows) {
      const month = dateOfDayNumber(row.due_day).slice(0, 7);
      const counts = result.get(month) ?? { due: 0, done_on_time: 0, done_late: 0, overdue: 0 };
      counts.due += row.due;
      counts.done_on_time += row.done_on_time;
      counts.done_late += row.done_late;
      counts.overdue += row.overdue;
      result.set(month, counts);
    }
    return result;
  }
  const rows = allRows(
    db,
    { month: "text", ...MONTH_COUNTS },
    sql`
    SELECT substr(st.due_date, 1, 7) AS month,
      count(*) AS due,
      sum(st.status = 'done_on_time') AS done_on_time,
      sum(st.status = 'done_late') AS done_late,
      sum(st.status = 'overdue') AS overdue
    FROM (${taskStatusSource(db, asOf, dashboardTaskFilter(actor, filters), basis)}) st
    WHERE st.due_date BETWEEN ${first} AND ${last}
    GROUP BY month`,
  );
  for (const { month, ...counts } of rows) result.set(month, counts);
  return result;
}

export function monthlyTrend(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
): TrendMonth[] {
  const months = trendMonths(asOf, filters.period);
  const counts = trendCounts(db, actor, filters, months, asOf, basis);
  return months.map((m) => {
    const row = counts.get(m.key);
    const figure = (count: number, status?: "done_on_time" | "done_late" | "overdue"): Figure => ({
      count,
      href: taskListHref({ ...filters, status, dueFrom: m.from, dueTo: m.to }, asOf, isToday, basis),
    });
    return {
      month: m.key,
      from: m.from,
      to: m.to,
      figures: {
        due: figure(row?.due ?? 0),
        doneOnTime: figure(row?.done_on_time ?? 0, "done_on_time"),
        doneLate: figure(row?.done_late ?? 0, "done_late"),
        overdue: figure(row?.overdue ?? 0, "overdue"),
      },
    };
  });
}
