// Directive progress (docs/domain-rules.md §6, issue #6 §3): each directive's main tasks and its
// sub-tasks counted by status apart — "Mười nhiệm vụ: 5 hoàn thành đúng hạn, …" — with
// the task list behind every number (directive + level + status, and the scope's filters).
import type { LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { StatusBasis } from "../domain/vocabulary";
import { TASK_LEVELS, TASK_STATUSES, type TaskLevel, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { DASHBOARD_DIRECTIVE_LIMIT, directiveProgress, taskListHref, type DashboardFilters } from "./dashboard.server";
import { emptyStatusCounts, type StatusCounts } from "./status-counts.server";

export interface DirectiveProgress {
  id: number;
  number: string | null;
  abstract: string;
  /** Main tasks (no parent) by status. */
  top: StatusCounts;
  /** Sub-tasks by status; null when the directive has none in scope. */
  sub: StatusCounts | null;
  /** The list behind each number: per level, all of them or one status. */
  links: Record<TaskLevel, Record<TaskStatus | "all", string>>;
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
  const top = directiveProgress(db, actor, { ...filters, level: "top" }, asOf, basis, limit).directives;
  const sub = directiveProgress(db, actor, { ...filters, level: "sub" }, asOf, basis, limit).directives;
  const topById = new Map(top.map((d) => [d.id, d]));
  const subById = new Map(sub.map((d) => [d.id, d]));
  // A directive whose only tasks in scope are sub-tasks still has a line, after the others.
  const directives = [...top, ...sub.filter((d) => !topById.has(d.id))].slice(0, limit);
  return directives.map((d) => ({
    id: d.id,
    number: d.number,
    abstract: d.abstract,
    top: topById.get(d.id)?.counts ?? emptyStatusCounts(),
    sub: subById.get(d.id)?.counts ?? null,
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
  }));
}
