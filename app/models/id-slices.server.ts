// Reading rows for a known list of ids (a page of tasks, an export of thousands).
import { sql, type SQL } from "drizzle-orm";
import type { DepartmentRef } from "../domain/views";

export type { DepartmentRef };

/** Ids go into the SQL text in slices: an export holds more of them than SQLite takes parameters. */
const ID_SLICE = 5_000;

/** `read` for each slice of the ids (inlined as a list of numbers for `IN (…)`), the rows concatenated. */
export function bySlices<T>(taskIds: readonly number[], read: (ids: SQL) => T[]): T[] {
  const rows: T[] = [];
  for (let start = 0; start < taskIds.length; start += ID_SLICE) {
    const slice = taskIds.slice(start, start + ID_SLICE).map((id) => Number(id));
    rows.push(...read(sql.raw(slice.join(", "))));
  }
  return rows;
}
