// A department's scorecard over quarters: its scorecard row (as lead department) as of
// the last day of each quarter, or as of today for the quarter under way. A past
// quarter is computed from what was known at the end of its last day (docs/domain-rules.md §4), so
// it reads the same however often it is produced and whatever is recorded later.
import { sql } from "drizzle-orm";
import { today as todayInHanoi, type LocalDate } from "../domain/dates";
import { quartersBetween } from "../domain/periods";
import type { Actor } from "../domain/permissions";
import type { StatusBasis, TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import { ASSIGNED_TERMS, SCORECARD_COLUMNS, scorecardFigureHref, type ScorecardColumn } from "../lib/scorecard";
import { dashboardScope, dashboardTaskFilter, taskListHref, type Figure } from "./dashboard.server";
import { emptyStatusCounts, statusCountsInScope } from "./status-counts.server";
import { everLedBy } from "./task-status.server";
import { firstRow } from "./sql-rows.server";

/** At most this many quarters (ten years), newest first. */
export const DEPARTMENT_QUARTER_LIMIT = 40;

export interface DepartmentQuarter {
  /** `2019-Q4`. */
  quarter: string;
  /** The day the figures are as of: the quarter's last day, or today for the current quarter. */
  asOf: LocalDate;
  isToday: boolean;
  figures: Record<ScorecardColumn, Figure>;
  onTimeRate: number | null;
}

/**
 * The department's quarters from the one of its first task (as lead, visible to the
 * actor) to the current one, newest first, each counted in SQL as of its day.
 */
export function departmentQuarters(
  db: AppDatabase,
  actor: Actor,
  departmentId: number,
  basis: StatusBasis = "happened",
  today: LocalDate = todayInHanoi(),
): DepartmentQuarter[] {
  const filters = { department: departmentId };
  // From the first task it ever led; each quarter counts the tasks it led on the quarter's last day.
  const first = firstRow(
    db,
    { first: "text?" },
    sql`
    SELECT min(t.assigned_on) AS first FROM tasks t
    WHERE t.id IN (${everLedBy(departmentId)}) AND ${dashboardTaskFilter(actor, {})}`,
  )?.first;
  const scope = dashboardScope(actor, filters, basis);
  if (first === null || first === undefined) return [];
  return quartersBetween(first < today ? first : today, today)
    .slice(0, DEPARTMENT_QUARTER_LIMIT)
    .map((quarter) => {
      const isToday = quarter.to >= today;
      const asOf = isToday ? today : quarter.to;
      // The stored counts per lead department (or its spans), like the scorecard's row.
      const counts = statusCountsInScope(db, scope, asOf).get(0) ?? emptyStatusCounts();
      // Assigned: the tasks counted, as on the scorecard (docs/decisions/019).
      const count = (column: ScorecardColumn) =>
        column === "assigned" ? ASSIGNED_TERMS.reduce((sum, s) => sum + counts[s], 0) : counts[column];
      const listHref = (extra: { status?: TaskStatus; stale?: boolean }) =>
        taskListHref({ ...filters, ...extra }, asOf, isToday, basis);
      const figures = Object.fromEntries(
        SCORECARD_COLUMNS.map((column) => [
          column,
          { count: count(column), href: scorecardFigureHref(column, listHref) },
        ]),
      ) as Record<ScorecardColumn, Figure>;
      const done = counts.done_on_time + counts.done_late;
      return {
        quarter: quarter.key,
        asOf,
        isToday,
        figures,
        onTimeRate: done === 0 ? null : counts.done_on_time / done,
      };
    });
}
