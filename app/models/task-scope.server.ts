// A set of tasks described by what the dashboards and the task list filter on
// (who is looking; committee, directive, lead or coordinating department), so the
// fast paths (docs/decisions/014) can pick the stored counts or an index walk over
// the stored spans. Each form below selects exactly the tasks of
// `visibleTasksFilter(actor)` AND the filters written over `tasks t`: the spans
// carry the task's directive, committee and directive visibility, and the lead
// department of their days, kept up to date on every write
// (app/models/status-facts.server.ts).
//
// Who may see a task is decided by today's lead and coordinators; the lead
// department filter means the department that led the task on the day asked about.
import { sql, type SQL } from "drizzle-orm";
import { scopeOf, type Actor } from "../domain/permissions";
import { VISIBILITY, type RollupScope } from "./status-facts.server";
import type { StatusBasis, TaskLevel } from "../domain/vocabulary";
import { spanBasisFilter } from "./status-facts.server";
import { everLedBy, ledBy } from "./task-status.server";
import { visibleTasksFilter } from "./visibility.server";

export interface TaskScope {
  actor: Actor;
  /** The reading of a past day (default: as it happened). */
  basis?: StatusBasis;
  committee?: number;
  directive?: number;
  /** Lead department (on the day the tasks are counted or listed for). */
  department?: number;
  coordinator?: number;
  /**
   * Any further condition over `tasks t` (e.g. a filter the fast paths do not know):
   * the stored counts no longer answer, the spans of the tasks meeting it do.
   */
  extra?: SQL;
}

/** The directive visibilities a role sees, or null for a department user (who sees tasks, not visibilities). */
function visibilitiesOf(actor: Actor): number[] | null {
  if (scopeOf(actor, "task.read") === undefined) return [];
  switch (actor.role) {
    case "secretariat":
      return [VISIBILITY.issued, VISIBILITY.confidential, VISIBILITY.draft];
    case "leadership":
      return [VISIBILITY.issued, VISIBILITY.confidential];
    case "admin":
      return [VISIBILITY.issued];
    case "dept_lead":
    case "dept_officer":
      return null;
  }
}

/**
 * The scope's tasks as a condition over the status source (`tasks t` joined to its
 * span `s` of the day, app/models/task-status.server.ts taskStatusSource).
 */
export function taskScopeFilter(scope: TaskScope): SQL {
  const conditions = [visibleTasksFilter(scope.actor)];
  if (scope.department !== undefined) conditions.push(ledBy(scope.department));
  if (scope.coordinator !== undefined) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${scope.coordinator})`,
    );
  }
  if (scope.directive !== undefined) conditions.push(sql`t.directive_id = ${scope.directive}`);
  if (scope.committee !== undefined) {
    conditions.push(sql`t.directive_id IN (SELECT id FROM directives WHERE committee_id = ${scope.committee})`);
  }
  if (scope.extra !== undefined) conditions.push(sql`(${scope.extra})`);
  return sql.join(conditions, sql` AND `);
}

/** True when the scope is a small part of all tasks, found through an index rather than by walking every span. */
export function isNarrowScope(scope: TaskScope): boolean {
  return (
    scope.directive !== undefined ||
    scope.department !== undefined ||
    scope.coordinator !== undefined ||
    scope.extra !== undefined ||
    visibilitiesOf(scope.actor) === null
  );
}

/**
 * True when the scope's tasks are found from a list of task ids that an index of
 * `tasks` or `task_coordinators` gives (one directive, a lead or coordinating
 * department, a department user's own tasks): reading their spans task by task
 * beats walking a range of a spans index over every scope's tasks.
 */
export function isTaskListScope(scope: TaskScope): boolean {
  return (
    scope.directive !== undefined ||
    scope.department !== undefined ||
    scope.coordinator !== undefined ||
    visibilitiesOf(scope.actor) === null
  );
}

/**
 * Whether a page of `wanted` tasks of a scope (in an order an index of the spans
 * gives) is cheaper to find by walking that index than by reading all the scope's
 * tasks and sorting them: always for a broad scope; for a narrow one when its
 * matching tasks are common enough among all (`matching` of `all`, as counted) that
 * the walk meets the page early — not for one directive or coordinating department,
 * whose tasks are few.
 */
export function walkIndex(scope: TaskScope, matching: number, all: number, wanted: number): boolean {
  if (!isNarrowScope(scope)) return true;
  if (scope.directive !== undefined || scope.coordinator !== undefined) return false;
  return matching >= wanted && matching * 50 >= all;
}

/**
 * The scope's tasks as a condition over spans `s`. `narrow` adds the lists of
 * task ids the indexes of `tasks` and `task_coordinators` give, for SQLite to
 * start from; without it the condition reads span columns and checks coordination
 * task by task (for index walks).
 */
export function spanScopeFilter(scope: TaskScope, narrow = isNarrowScope(scope)): SQL {
  const conditions: SQL[] = [spanBasisFilter(scope.basis ?? "happened")];
  const visibilities = visibilitiesOf(scope.actor);
  if (visibilities === null) {
    const department = scope.actor.departmentId ?? -1;
    conditions.push(sql`s.visibility IN (${VISIBILITY.issued}, ${VISIBILITY.confidential})`);
    // Today's lead and coordinators (the span's lead is the one of its days).
    conditions.push(
      narrow
        ? sql`s.task_id IN (SELECT id FROM tasks WHERE lead_department_id = ${department}
            UNION ALL SELECT task_id FROM task_coordinators WHERE department_id = ${department})`
        : sql`(EXISTS (SELECT 1 FROM tasks vt WHERE vt.id = s.task_id AND vt.lead_department_id = ${department})
            OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = s.task_id AND c.department_id = ${department}))`,
    );
  } else if (visibilities.length === 0) {
    conditions.push(sql`0`);
  } else if (visibilities.length < 3) {
    conditions.push(sql`s.visibility IN (${sql.raw(visibilities.join(", "))})`);
  }
  if (scope.department !== undefined) {
    conditions.push(sql`s.lead_department_id = ${scope.department}`);
    // Every task the department ever led (its span on the day says whether it led it then).
    if (narrow) conditions.push(sql`s.task_id IN (${everLedBy(scope.department)})`);
  }
  if (scope.directive !== undefined) {
    conditions.push(sql`s.directive_id = ${scope.directive}`);
    if (narrow) conditions.push(sql`s.task_id IN (SELECT id FROM tasks WHERE directive_id = ${scope.directive})`);
  }
  if (scope.coordinator !== undefined) {
    conditions.push(
      narrow
        ? sql`s.task_id IN (SELECT task_id FROM task_coordinators WHERE department_id = ${scope.coordinator})`
        : sql`EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = s.task_id AND c.department_id = ${scope.coordinator})`,
    );
  }
  if (scope.committee !== undefined) {
    conditions.push(sql`s.committee_id = ${scope.committee}`);
    if (narrow && scope.directive === undefined && scope.department === undefined) {
      conditions.push(sql`s.task_id IN (SELECT id FROM tasks WHERE directive_id IN
        (SELECT id FROM directives WHERE committee_id = ${scope.committee}))`);
    }
  }
  if (scope.extra !== undefined) {
    // A list of its own only when nothing above gives a shorter one: a period of
    // assignment holds far more tasks than one directive or department, and SQLite
    // would start from it. Otherwise it is checked task by task on the shorter list.
    conditions.push(
      narrow && !isTaskListScope(scope)
        ? sql`s.task_id IN (SELECT t.id FROM tasks t WHERE ${scope.extra})`
        : sql`EXISTS (SELECT 1 FROM tasks t WHERE t.id = s.task_id AND (${scope.extra}))`,
    );
  }
  return sql.join(conditions, sql` AND `);
}

/**
 * The stored counts that answer for the scope, if any: they are kept per directive
 * visibility, and per committee or per lead department (not both, not per
 * directive or coordinator — those scopes are small and counted from the spans).
 */
export function rollupScopeOf(scope: TaskScope): RollupScope | null {
  const visibilities = visibilitiesOf(scope.actor);
  if (visibilities === null || scope.directive !== undefined || scope.coordinator !== undefined) return null;
  if (scope.extra !== undefined) return null;
  if (scope.committee !== undefined && scope.department !== undefined) return null;
  return { basis: scope.basis, visibilities, committeeId: scope.committee, departmentId: scope.department };
}

/**
 * The tasks of a level over `tasks t`: main tasks, sub-tasks, the units' tasks of the
 * items given to many units, or the periods of the recurring duties (decision 026;
 * docs/domain-rules.md §6). The four never overlap: a unit's task is a "unit" and a
 * duty's occurrence a "period" whatever its parent.
 */
export function taskLevelFilter(level: TaskLevel): SQL {
  switch (level) {
    case "top":
      return sql`t.parent_id IS NULL AND t.fan_out_id IS NULL AND t.duty_id IS NULL`;
    case "sub":
      return sql`t.parent_id IS NOT NULL AND t.fan_out_id IS NULL AND t.duty_id IS NULL`;
    case "unit":
      return sql`t.fan_out_id IS NOT NULL`;
    case "period":
      return sql`t.duty_id IS NOT NULL AND t.fan_out_id IS NULL`;
  }
}
