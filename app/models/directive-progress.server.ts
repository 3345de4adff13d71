// Directive progress (docs/domain-rules.md §6, issue #6 §3): each directive's tasks counted
// by status in clauses that never overlap — "Mười nhiệm vụ: 5 hoàn thành đúng hạn, …" —
// and every number links to a list whose rows are exactly the ones it counts:
// - main tasks, sub-tasks, the units' tasks of items given to many units and the periods of
//   recurring duties: the task list (directive + level + status, and the scope's filters);
// - the items given to many units (decision 026), each counted once by its roll-up
//   (app/domain/fan-out-rollup.ts): the directive's list of items (`/directives/:id/items`),
//   which lists them from the same function (`itemsInScope`) that counts them here.
import { sql } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import { rollupStatus } from "../domain/fan-out-rollup";
import type { Actor } from "../domain/permissions";
import type { StatusBasis } from "../domain/vocabulary";
import { TASK_LEVELS, type TaskLevel, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import {
  DASHBOARD_DIRECTIVE_LIMIT,
  dashboardTaskFilter,
  taskListHref,
  type DashboardFilters,
} from "./dashboard.server";
import { emptyStatusCounts, statusCountsBy, type StatusCounts } from "./status-counts.server";
import { firstRow, allRows } from "./sql-rows.server";
import { readyStatusFacts, spanBasisFilter } from "./status-facts.server";
import { taskLevelFilter } from "./task-scope.server";
import { spanContains } from "./task-status.server";

export interface DirectiveProgress {
  id: number;
  number: string | null;
  abstract: string;
  /** Main tasks of the directive's own (no parent, no item, no duty). */
  top: StatusCounts;
  /** Sub-tasks by status; null when the directive has none in scope. */
  sub: StatusCounts | null;
  /** Its items given to many units, each once by its roll-up over its units' tasks in scope; null when none. */
  items: StatusCounts | null;
  /** The units' tasks of those items; null when it has none in scope. */
  units: StatusCounts | null;
  /** The periods' occurrences of its recurring duties; null when it has none in scope. */
  periods: StatusCounts | null;
}

/** An item given to many units with units' tasks in scope, rolled up over those units. */
export interface ItemInScope {
  id: number;
  directiveId: number;
  itemNumber: string;
  title: string;
  /** The roll-up of its units' tasks in scope on the day (docs/domain-rules.md §13). */
  status: TaskStatus;
  /** Overdue with a unit overdue and not updated (the stale flag, as a task's). */
  stale: boolean;
  /** Its units' tasks in scope by status: always the sum of the units' own. */
  units: StatusCounts;
}

/** The scope of the items' numbers: the filters' units' tasks (a level does not apply to items). */
export type ItemFilters = Omit<DashboardFilters, "level" | "fanOut">;

/**
 * The items given to many units of the directives (every one when null) with at least one
 * unit's task in scope on the day, each rolled up over those units' tasks, in the
 * directive's order. One function for the sentence's numbers and the list they open.
 */
export function itemsInScope(
  db: AppDatabase,
  actor: Actor,
  filters: ItemFilters,
  directiveIds: readonly number[] | null,
  asOf: LocalDate,
  basis: StatusBasis,
): ItemInScope[] {
  if (directiveIds !== null && directiveIds.length === 0) return [];
  const { level: _level, fanOut: _fanOut, ...scope } = filters as DashboardFilters;
  const inDirectives =
    directiveIds === null
      ? sql`1 = 1`
      : sql`t.directive_id IN (${sql.join(
          directiveIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  const byItem = statusCountsBy(
    db,
    sql`t.fan_out_id`,
    asOf,
    sql`${inDirectives} AND t.fan_out_id IS NOT NULL AND ${dashboardTaskFilter(actor, scope)}`,
    basis,
  );
  if (byItem.size === 0) return [];
  const rows = allRows(
    db,
    { id: "integer", directiveId: "integer", itemNumber: "text", title: "text" },
    sql`
    SELECT f.id, f.directive_id AS directiveId, f.item_number AS itemNumber, f.title
    FROM task_fan_outs f
    WHERE f.id IN (${sql.join(
      [...byItem.keys()].map((id) => sql`${id}`),
      sql`, `,
    )})
    ORDER BY f.directive_id, (SELECT min(position) FROM tasks WHERE fan_out_id = f.id), f.id`,
  );
  return rows.flatMap((row) => {
    const units = byItem.get(row.id)!;
    const status = rollupStatus(units);
    if (status === null) return [];
    return [{ ...row, status, stale: status === "overdue" && units.stale > 0, units }];
  });
}

/** The items' roll-ups counted per directive: what the items' clause says. */
function itemCountsByDirective(items: readonly ItemInScope[]): Map<number, StatusCounts> {
  const result = new Map<number, StatusCounts>();
  for (const item of items) {
    const counts = result.get(item.directiveId) ?? emptyStatusCounts();
    counts[item.status] += 1;
    if (item.stale) counts.stale += 1;
    result.set(item.directiveId, counts);
  }
  return result;
}

/**
 * The newest directives (at most `limit`) with a task in scope that existed at the end of
 * the day (it has a span then), newest first.
 */
function newestDirectivesInScope(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  basis: StatusBasis,
  limit: number,
) {
  readyStatusFacts(db);
  return allRows(
    db,
    { id: "integer", number: "text?", abstract: "text" },
    sql`
    SELECT d.id, d.number, d.abstract FROM directives d
    WHERE ${filters.directive === undefined ? sql`1 = 1` : sql`d.id = ${filters.directive}`}
      AND EXISTS (SELECT 1 FROM tasks t JOIN task_status_spans s ON s.task_id = t.id AND ${spanContains(asOf)}
        AND ${spanBasisFilter(basis)} WHERE t.directive_id = d.id AND ${dashboardTaskFilter(actor, filters)})
    ORDER BY d.issued_on DESC, d.id DESC
    LIMIT ${limit}`,
  );
}

/** A task's level over `tasks t`, as a number (TASK_LEVELS' order), from the levels' own conditions. */
const LEVEL_NUMBER = sql`CASE WHEN ${taskLevelFilter("top")} THEN 0 WHEN ${taskLevelFilter("sub")} THEN 1
  WHEN ${taskLevelFilter("unit")} THEN 2 WHEN ${taskLevelFilter("period")} THEN 3 END`;

/** The directives in scope (newest first), each with its clauses counted apart. */
export function directiveProgressByLevel(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  basis: StatusBasis,
  /** The newest this many directives (the dashboard shows a few; the directives page all). */
  limit: number = DASHBOARD_DIRECTIVE_LIMIT,
): DirectiveProgress[] {
  // The newest with main tasks in scope; a directive whose only tasks in scope are of
  // another level has a line after those (the newest of each level, in TASK_LEVELS' order).
  const shown = new Map<number, { id: number; number: string | null; abstract: string }>();
  for (const level of TASK_LEVELS) {
    if (shown.size >= limit) break;
    for (const d of newestDirectivesInScope(db, actor, { ...filters, level }, asOf, basis, limit)) {
      if (!shown.has(d.id)) shown.set(d.id, d);
    }
  }
  const directives = [...shown.values()].slice(0, limit);
  if (directives.length === 0) return [];
  // Their tasks in scope counted by status, per directive and level, in one pass (each
  // clause is a level's: a level among the filters does not narrow the sentence).
  const { level: _level, ...anyLevel } = filters;
  const counts = statusCountsBy(
    db,
    sql`t.directive_id * 4 + ${LEVEL_NUMBER}`,
    asOf,
    sql`t.directive_id IN (${sql.join(
      directives.map((d) => sql`${d.id}`),
      sql`, `,
    )}) AND ${dashboardTaskFilter(actor, anyLevel)}`,
    basis,
  );
  const countsOf = (directiveId: number, level: TaskLevel) =>
    counts.get(directiveId * 4 + TASK_LEVELS.indexOf(level)) ?? null;
  const items = itemCountsByDirective(
    itemsInScope(
      db,
      actor,
      filters,
      directives.filter((d) => countsOf(d.id, "unit") !== null).map((d) => d.id),
      asOf,
      basis,
    ),
  );
  return directives.map((d) => ({
    id: d.id,
    number: d.number,
    abstract: d.abstract,
    top: countsOf(d.id, "top") ?? emptyStatusCounts(),
    sub: countsOf(d.id, "sub"),
    items: items.get(d.id) ?? null,
    units: countsOf(d.id, "unit"),
    periods: countsOf(d.id, "period"),
  }));
}

/**
 * The directive's list of items behind the items' clause (`/directives/:id/items`): its
 * items in the scope, with one roll-up status or all of them. The rows are `itemsInScope`'s,
 * the very ones the sentence counted, so each number equals its list's row count.
 */
export function directiveItemList(
  db: AppDatabase,
  actor: Actor,
  directiveId: number,
  filters: ItemFilters & { status?: TaskStatus },
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis,
) {
  const { status, ...scope } = filters;
  const directive = firstRow(
    db,
    { id: "integer", number: "text?", abstract: "text" },
    sql`SELECT id, number, abstract FROM directives WHERE id = ${directiveId}`,
  );
  const department =
    scope.department === undefined
      ? null
      : (firstRow(db, { name: "text" }, sql`SELECT name FROM departments WHERE id = ${scope.department}`)?.name ??
        null);
  const items = itemsInScope(db, actor, { ...scope, directive: directiveId }, [directiveId], asOf, basis)
    .filter((item) => status === undefined || item.status === status)
    .map((item) => ({
      ...item,
      // Its units' tasks in the scope: the task list of exactly those.
      unitsHref: taskListHref({ ...scope, directive: directiveId, fanOut: item.id }, asOf, isToday, basis),
    }));
  return { directive, department, items };
}
