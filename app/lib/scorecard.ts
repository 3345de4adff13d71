// The department scorecard's columns and sort orders, shared by the server model and the page.
export const SCORECARD_COLUMNS = [
  "assigned",
  "done_on_time",
  "done_late",
  "overdue",
  "due_soon",
  "on_track",
  "ongoing",
  "stale",
] as const;
export type ScorecardColumn = (typeof SCORECARD_COLUMNS)[number];
export const SCORECARD_SORTS = ["rank", "name", ...SCORECARD_COLUMNS, "on_time_rate"] as const;
export type ScorecardSort = (typeof SCORECARD_SORTS)[number];
