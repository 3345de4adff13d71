// The department scorecard's columns and sort orders, shared by the server model and the page
// (docs/decisions/019-scorecard-columns.md).
import type { LocalDate } from "../domain/dates";
import { SET_ASIDE_STATUSES, TASK_STATUSES, type StatusBasis, type TaskStatus } from "../domain/vocabulary";
import { taskListHref } from "./task-list-href";

type SetAsideStatus = (typeof SET_ASIDE_STATUSES)[number];
/** The statuses of the tasks that are counted (docs/domain-rules.md §4 rule 1). */
export type CountedStatus = Exclude<TaskStatus, SetAsideStatus>;

/**
 * The terms of a row's `assigned`, in the order of the status vocabulary: every status
 * but those set aside. `assigned` is their sum, and nothing else.
 */
export const ASSIGNED_TERMS = TASK_STATUSES.filter(
  (status): status is CountedStatus => !(SET_ASIDE_STATUSES as readonly TaskStatus[]).includes(status),
);

/**
 * `assigned` then its terms; then the tasks set aside (on hold, withdrawn), each shown
 * apart and counted in no other column; then the stale flag (a part of `overdue`).
 */
export const SCORECARD_COLUMNS = ["assigned", ...ASSIGNED_TERMS, ...SET_ASIDE_STATUSES, "stale"] as const;
export type ScorecardColumn = "assigned" | TaskStatus | "stale";
export const SCORECARD_SORTS = ["rank", "name", ...SCORECARD_COLUMNS, "on_time_rate"] as const;
export type ScorecardSort = "rank" | "name" | ScorecardColumn | "on_time_rate";

/**
 * What a column is: `assigned` (the sum), a `term` of it, a status `set_aside` (on hold,
 * withdrawn: in no other column) or the stale `flag` (a part of `overdue`).
 */
export type ScorecardColumnKind = "assigned" | "term" | "set_aside" | "flag";

export function scorecardColumnKind(column: ScorecardColumn): ScorecardColumnKind {
  if (column === "assigned") return "assigned";
  if (column === "stale") return "flag";
  return (ASSIGNED_TERMS as readonly TaskStatus[]).includes(column) ? "term" : "set_aside";
}

/** Where a table draws a rule: before the tasks set aside and before the stale flag (neither is a term of `assigned`). */
export const startsScorecardGroup = (column: ScorecardColumn) => column === SET_ASIDE_STATUSES[0] || column === "stale";

/**
 * The task list behind a column's figure, from the list's link for the row's scope
 * (`listHref`, which takes a status or the stale flag): `assigned` lists the tasks
 * counted, a status column the tasks of that status, `stale` the flagged ones.
 */
export function scorecardFigureHref(
  column: ScorecardColumn,
  listHref: (filter: { status?: TaskStatus; stale?: boolean }) => string,
): string {
  if (column === "stale") return listHref({ stale: true });
  if (column !== "assigned") return listHref({ status: column });
  // The task list's `counted=1` (models/task-list.server.ts): not on hold, not withdrawn.
  const [path, query = ""] = listHref({}).split("?");
  const params = new URLSearchParams(query);
  params.set("counted", "1");
  return `${path}?${params.toString()}`;
}

/**
 * Departments per page of the scorecard (issue #16): ranked and sorted over all of them
 * first, so a page is a stretch of the whole ranking; the downloads and the API keep every row.
 */
export const SCORECARD_PAGE_SIZE = 50;

/**
 * The link of a department's figure on the scorecard page, which builds it rather than
 * receive one per cell (issue #16): the same link as the model's (`scorecard` in
 * models/dashboard.server.ts) for the page's scope and reading.
 */
export function scorecardCellHref(
  view: {
    filters: { committee?: number; directive?: number; period?: string };
    asOf: LocalDate;
    isToday: boolean;
    basis: StatusBasis;
  },
  department: number,
  column: ScorecardColumn,
): string {
  const { committee, directive, period } = view.filters;
  return scorecardFigureHref(column, (extra) =>
    taskListHref({ committee, directive, period, department, ...extra }, view.asOf, view.isToday, view.basis),
  );
}
