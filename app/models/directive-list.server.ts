import { sql } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { StatusRules } from "../domain/status";
import type { DirectiveState, DirectiveType } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { emptyStatusCounts, statusCountsInScope } from "./status-counts.server";
import { visibleDirectivesFilter } from "./visibility.server";

/** The directives the actor may see, newest first, with their visible tasks counted by status. */
export function listDirectives(db: AppDatabase, actor: Actor, asOf: LocalDate, rules: StatusRules) {
  const rows = db.all<{
    id: number;
    number: string | null;
    type: DirectiveType;
    issued_on: string | null;
    abstract: string;
    state: DirectiveState;
    confidential: 0 | 1;
    committee_name: string;
  }>(sql`
    SELECT d.id, d.number, d.type, d.issued_on, d.abstract, d.state, d.confidential, c.name AS committee_name
    FROM directives d JOIN committees c ON c.id = d.committee_id
    WHERE ${visibleDirectivesFilter(actor)}
    ORDER BY d.issued_on DESC, d.id DESC`);
  const counts = statusCountsInScope(db, { actor }, asOf, rules, "directive");
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    type: row.type,
    issuedOn: row.issued_on,
    abstract: row.abstract,
    state: row.state,
    confidential: row.confidential === 1,
    committeeName: row.committee_name,
    counts: counts.get(row.id) ?? emptyStatusCounts(),
  }));
}
