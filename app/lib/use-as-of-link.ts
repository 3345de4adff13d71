import { useSearchParams } from "@remix-run/react";

/**
 * The query that keeps a link on the day and reading the page shows (`?asOf=…&basis=…`),
 * empty for today: a task opened from a past day's list opens as of that day.
 */
export function useAsOfQuery(): string {
  const [searchParams] = useSearchParams();
  const kept = new URLSearchParams();
  for (const name of ["asOf", "basis"]) {
    const value = searchParams.get(name)?.trim();
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  return query === "" ? "" : `?${query}`;
}
