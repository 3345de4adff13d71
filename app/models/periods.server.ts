// The years a period filter offers: from the first directive issued to this year.
import { sql } from "drizzle-orm";
import { today, type LocalDate } from "../domain/dates";
import { parsePeriod } from "../domain/periods";
import type { AppDatabase } from "./db.server";
import { firstRow } from "./sql-rows.server";

/**
 * The first and last year to offer: the directives' issue dates (an index range, not a
 * scan of the tasks), widened to this year, the as-of day's year and the chosen period's.
 */
export function periodYears(
  db: AppDatabase,
  asOf: LocalDate,
  chosen: string | undefined,
): { fromYear: number; toYear: number } {
  const row = firstRow(
    db,
    { first: "text?", last: "text?" },
    sql`
    SELECT (SELECT min(issued_on) FROM directives WHERE issued_on IS NOT NULL) AS first,
      (SELECT max(issued_on) FROM directives) AS last`,
  );
  const years = [Number(today().slice(0, 4)), Number(asOf.slice(0, 4))];
  if (row?.first) years.push(Number(row.first.slice(0, 4)));
  if (row?.last) years.push(Number(row.last.slice(0, 4)));
  const period = chosen === undefined ? null : parsePeriod(chosen);
  if (period !== null) years.push(period.year);
  return { fromYear: Math.min(...years), toYear: Math.max(...years) };
}
