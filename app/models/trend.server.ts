// The dashboard's trend (DESIGN §6): per month, the tasks falling due and how many of
// them were done on time, done late, or are not done and overdue — as of a day.
//
// Counted in SQL (one GROUP BY over the status subquery, with the dashboard's own task
// filter: same visibility, same scope), and every figure carries the task list that
// shows exactly those tasks: the month as a due range (`dueFrom`/`dueTo`, which the list
// applies to the due date in force on the as-of day) plus the status.
import { sql } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import { monthsEndingWith, monthsOf, parsePeriod, type Period } from "../domain/periods";
import type { Actor } from "../domain/permissions";
import type { StatusRules } from "../domain/status";
import type { AppDatabase } from "../lib/db.server";
import { dashboardTaskFilter, taskListHref, type DashboardFilters, type Figure } from "./dashboard.server";
import { taskStatusSource } from "./task-status.server";

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

export function monthlyTrend(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  rules: StatusRules,
): TrendMonth[] {
  const months = trendMonths(asOf, filters.period);
  const first = months[0]!.from;
  const last = months[months.length - 1]!.to;
  const rows = db.all<{ month: string; due: number; done_on_time: number; done_late: number; overdue: number }>(sql`
    SELECT substr(st.due_date, 1, 7) AS month,
      count(*) AS due,
      sum(st.status = 'done_on_time') AS done_on_time,
      sum(st.status = 'done_late') AS done_late,
      sum(st.status = 'overdue') AS overdue
    FROM (${taskStatusSource(db, asOf, rules, dashboardTaskFilter(actor, filters))}) st
    WHERE st.due_date BETWEEN ${first} AND ${last}
    GROUP BY month`);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => {
    const row = byMonth.get(m.key);
    const figure = (count: number, status?: "done_on_time" | "done_late" | "overdue"): Figure => ({
      count,
      href: taskListHref({ ...filters, status, dueFrom: m.from, dueTo: m.to }, asOf, isToday),
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
