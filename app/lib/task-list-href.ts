// The link from a figure to the task list behind it, built the same way by the models
// (which send it with the figure) and by the pages that build their links themselves
// rather than carry one per cell in their loader data (the scorecard: issue #16).
import type { LocalDate } from "../domain/dates";
import type { StatusBasis, TaskLevel, TaskStatus } from "../domain/vocabulary";

export interface TaskListLinkFilters {
  committee?: number;
  directive?: number;
  department?: number;
  period?: string;
  level?: TaskLevel;
  /** The units' tasks of one item given to many units (decision 026). */
  fanOut?: number;
  status?: TaskStatus;
  stale?: boolean;
  escalated?: boolean;
  /** Only the tasks read differently on the day as recorded and as it happened. */
  differs?: boolean;
  /** Only the completions awaiting confirmation longer than the secretariat's working days. */
  waiting?: boolean;
  dueFrom?: LocalDate;
  dueTo?: LocalDate;
}

/** The task list behind a figure: `/tasks?…` with the figure's filters and reading; no `asOf` for today. */
export function taskListHref(
  filters: TaskListLinkFilters,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
): string {
  const params = new URLSearchParams();
  if (filters.status !== undefined) params.set("status", filters.status);
  if (filters.department !== undefined) params.set("department", String(filters.department));
  if (filters.directive !== undefined) params.set("directive", String(filters.directive));
  if (filters.committee !== undefined) params.set("committee", String(filters.committee));
  if (filters.period !== undefined) params.set("period", filters.period);
  if (filters.level !== undefined) params.set("level", filters.level);
  if (filters.fanOut !== undefined) params.set("fanOut", String(filters.fanOut));
  if (filters.dueFrom !== undefined) params.set("dueFrom", filters.dueFrom);
  if (filters.dueTo !== undefined) params.set("dueTo", filters.dueTo);
  if (filters.stale) params.set("stale", "1");
  if (filters.escalated) params.set("escalated", "1");
  if (filters.differs) params.set("differs", "1");
  if (filters.waiting) params.set("waiting", "1");
  return withReading("/tasks", params, asOf, isToday, basis);
}

/** `path` with `params` and the reading: `asOf` unless today, `basis` unless as it happened. */
function withReading(
  path: string,
  params: URLSearchParams,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis,
): string {
  if (!isToday) params.set("asOf", asOf);
  if (basis !== "happened") params.set("basis", basis);
  const query = params.toString();
  return query === "" ? path : `${path}?${query}`;
}

/** The directive's list of items behind a number of the items' clause (`status`: one roll-up status). */
export function itemListHref(
  directiveId: number,
  filters: { department?: number; period?: string; status?: TaskStatus },
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
): string {
  const params = new URLSearchParams();
  if (filters.status !== undefined) params.set("status", filters.status);
  if (filters.department !== undefined) params.set("department", String(filters.department));
  if (filters.period !== undefined) params.set("period", filters.period);
  return withReading(`/directives/${directiveId}/items`, params, asOf, isToday, basis);
}

/**
 * The lists behind a directive's progress sentence (app/components/directive-progress.tsx):
 * the task list for a level's number (the scope's filters, the directive, the level and
 * the status), the directive's list of items for the items' clause. Built on the page
 * rather than sent with each directive: forty links a directive weighed 3 kB of loader
 * data each (issue #16).
 */
export function directiveProgressLinks(
  directiveId: number,
  scope: Pick<TaskListLinkFilters, "committee" | "department" | "period">,
  asOf: LocalDate,
  isToday: boolean,
  basis: StatusBasis = "happened",
): { linkFor: (level: TaskLevel, status?: TaskStatus) => string; itemLinkFor: (status?: TaskStatus) => string } {
  const { committee, department, period } = scope;
  return {
    linkFor: (level, status) =>
      taskListHref({ committee, department, period, directive: directiveId, level, status }, asOf, isToday, basis),
    itemLinkFor: (status) => itemListHref(directiveId, { department, period, status }, asOf, isToday, basis),
  };
}
