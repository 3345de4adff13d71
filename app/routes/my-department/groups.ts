// Client-safe: the groups of "My department", most urgent first (the order the page shows them in).
export const DEPARTMENT_GROUPS = [
  "overdue",
  "due_soon",
  "awaiting_confirmation",
  "returned",
  "on_track",
  "ongoing",
] as const;
export type DepartmentGroup = (typeof DEPARTMENT_GROUPS)[number];
