import { desc, sql } from "drizzle-orm";
import { committees, directives } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import type { StatusRules } from "../domain/status";
import type { AppDatabase } from "../lib/db.server";
import { emptyStatusCounts, statusCountsBy } from "./status-counts.server";

export function listDirectives(db: AppDatabase, asOf: LocalDate, rules: StatusRules) {
  const rows = db
    .select({
      id: directives.id,
      number: directives.number,
      type: directives.type,
      issuedOn: directives.issuedOn,
      abstract: directives.abstract,
      state: directives.state,
      confidential: directives.confidential,
      committeeName: committees.name,
    })
    .from(directives)
    .innerJoin(committees, sql`${committees.id} = ${directives.committeeId}`)
    .orderBy(desc(directives.issuedOn), desc(directives.id))
    .all();
  const counts = statusCountsBy(db, sql`t.directive_id`, asOf, rules);
  return rows.map((row) => ({ ...row, counts: counts.get(row.id) ?? emptyStatusCounts() }));
}
