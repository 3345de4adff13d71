// Directive progress (docs/domain-rules.md §6, issue #6 §3): each directive's main tasks and its
// sub-tasks counted by status apart — "Mười nhiệm vụ: 5 hoàn thành đúng hạn, …" — with
// the task list behind every number (directive + level + status, and the scope's filters).
// An item given to many units (decision 026) counts once among the main tasks, by its
// roll-up (app/domain/fan-out-rollup.ts); its units' tasks are counted apart.
import { sql } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import { rollupStatus } from "../domain/fan-out-rollup";
import type { Actor } from "../domain/permissions";
import type { StatusBasis } from "../domain/vocabulary";
import { TASK_LEVELS, TASK_STATUSES, type TaskLevel, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import {
  DASHBOARD_DIRECTIVE_LIMIT,
  dashboardTaskFilter,
  directiveProgress,
  taskListHref,
  type DashboardFilters,
} from "./dashboard.server";
import { addStatusCounts, emptyStatusCounts, statusCountsBy, type StatusCounts } from "./status-counts.server";

export interface DirectiveProgress {
  id: number;
  number: string | null;
  abstract: string;
  /** Main tasks (no parent), each item given to many units counted once among them by its roll-up. */
  top: StatusCounts;
  /** Main tasks of their own only (no item): with `sub` and `units`, every task once. */
  topTasks: StatusCounts;
  /** Sub-tasks by status; null when the directive has none in scope. */
  sub: StatusCounts | null;
  /** The units' tasks of its items given to many units; null when it has none in scope. */
  units: StatusCounts | null;
  /** How many items given to many units those units' tasks belong to. */
  items: number;
  /** The list behind each number: per level, all of them or one status. */
  links: Record<TaskLevel, Record<TaskStatus | "all", string>>;
}

/**
 * Each item's roll-up status on the day over the units' tasks in scope, counted per
 * directive: what the main tasks' clause adds for its items (one each).
 */
function itemCountsByDirective(
  db: AppDatabase,
  filter: ReturnType<typeof dashboardTaskFilter>,
  directiveIds: readonly number[],
  asOf: LocalDate,
  basis: StatusBasis,
): Map<number, { counts: StatusCounts; items: number }> {
  const result = new Map<number, { counts: StatusCounts; items: number }>();
  if (directiveIds.length === 0) return result;
  const ids = sql.join(
    directiveIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const byItem = statusCountsBy(
    db,
    sql`t.fan_out_id`,
    asOf,
    sql`t.directive_id IN (${ids}) AND t.fan_out_id IS NOT NULL AND ${filter}`,
    basis,
  );
  if (byItem.size === 0) return result;
  const directiveOf = new Map(
    db
      .all<{ id: number; directiveId: number }>(
        sql`SELECT id, directive_id AS directiveId FROM task_fan_outs WHERE id IN (${sql.join(
          [...byItem.keys()].map((id) => sql`${id}`),
          sql`, `,
        )})`,
      )
      .map((row) => [row.id, row.directiveId]),
  );
  for (const [itemId, unitCounts] of byItem) {
    const status = rollupStatus(unitCounts);
    const directiveId = directiveOf.get(itemId);
    if (status === null || directiveId === undefined) continue;
    const entry = result.get(directiveId) ?? { counts: emptyStatusCounts(), items: 0 };
    entry.counts[status] += 1;
    if (status === "overdue" && unitCounts.stale > 0) entry.counts.stale += 1;
    entry.items += 1;
    result.set(directiveId, entry);
  }
  return result;
}

/** The directives in scope (newest first), each with its main tasks and sub-tasks counted apart. */
export function directiveProgressByLevel(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis,
  /** The newest this many directives (the dashboard shows a few; the directives page all). */
  limit: number = DASHBOARD_DIRECTIVE_LIMIT,
): DirectiveProgress[] {
  const byLevel = (level: TaskLevel) =>
    new Map(directiveProgress(db, actor, { ...filters, level }, asOf, basis, limit).directives.map((d) => [d.id, d]));
  const top = byLevel("top");
  const sub = byLevel("sub");
  const unit = byLevel("unit");
  // A directive whose only tasks in scope are sub-tasks or units' tasks still has a line, after the others.
  const seen = new Map([...top, ...sub, ...unit]);
  const directives = [...seen.values()].slice(0, limit);
  const items = itemCountsByDirective(
    db,
    dashboardTaskFilter(actor, filters),
    directives.filter((d) => unit.has(d.id)).map((d) => d.id),
    asOf,
    basis,
  );
  return directives.map((d) => {
    const topTasks = top.get(d.id)?.counts ?? emptyStatusCounts();
    const itemCounts = items.get(d.id);
    return {
      id: d.id,
      number: d.number,
      abstract: d.abstract,
      top: itemCounts ? addStatusCounts(topTasks, itemCounts.counts) : topTasks,
      topTasks,
      sub: sub.get(d.id)?.counts ?? null,
      units: unit.get(d.id)?.counts ?? null,
      items: itemCounts?.items ?? 0,
      links: Object.fromEntries(
        TASK_LEVELS.map((level) => {
          const scope = { ...filters, directive: d.id, level };
          return [
            level,
            {
              all: taskListHref(scope, asOf, isToday, basis),
              ...Object.fromEntries(
                TASK_STATUSES.map((status) => [status, taskListHref({ ...scope, status }, asOf, isToday, basis)]),
              ),
            },
          ];
        }),
      ) as Record<TaskLevel, Record<TaskStatus | "all", string>>,
    };
  });
}
