// The task list's URL state, shared by the loader (to parse) and the page (to
// build links). Client-safe: no server imports.
export const SORTABLE_COLUMNS = ["deadline", "status", "department", "directive", "updated"] as const;
export type SortableColumn = (typeof SORTABLE_COLUMNS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The same URL with some parameters set (or removed with `null`); any change of view goes back to page 1. */
export function withParams(search: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, value);
  }
  if (!("page" in changes)) next.delete("page");
  const query = next.toString();
  return query === "" ? "?" : `?${query}`;
}
