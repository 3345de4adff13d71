import { sql, type SQL } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { StatusBasis } from "../domain/vocabulary";
import type { DirectiveState, DirectiveType } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { emptyStatusCounts, statusCountsInScope } from "./status-counts.server";
import { visibleDirectivesFilter } from "./visibility.server";

/** Narrowing and paging of the list (the JSON API's); the directives page shows them all. */
export interface DirectiveListOptions {
  committee?: number;
  state?: DirectiveState;
  limit?: number;
  offset?: number;
}

function directiveConditions(actor: Actor, options: DirectiveListOptions): SQL {
  const conditions = [visibleDirectivesFilter(actor)];
  if (options.committee !== undefined) conditions.push(sql`d.committee_id = ${options.committee}`);
  if (options.state !== undefined) conditions.push(sql`d.state = ${options.state}`);
  return sql.join(conditions, sql` AND `);
}

/** How many directives the actor may see within the options' filters. */
export function countDirectives(db: AppDatabase, actor: Actor, options: DirectiveListOptions = {}): number {
  return (
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM directives d WHERE ${directiveConditions(actor, options)}`)
      ?.n ?? 0
  );
}

/** The directives the actor may see, newest first, with their visible tasks counted by status. */
export function listDirectives(
  db: AppDatabase,
  actor: Actor,
  asOf: LocalDate,
  basis: StatusBasis,
  options: DirectiveListOptions = {},
) {
  const page =
    options.limit === undefined ? sql`` : sql`LIMIT ${options.limit} OFFSET ${Math.max(0, options.offset ?? 0)}`;
  const rows = db.all<{
    id: number;
    number: string | null;
    type: DirectiveType;
    issued_on: string | null;
    abstract: string;
    state: DirectiveState;
    confidential: 0 | 1;
    committee_id: number;
    committee_name: string;
  }>(sql`
    SELECT d.id, d.number, d.type, d.issued_on, d.abstract, d.state, d.confidential,
      c.id AS committee_id, c.name AS committee_name
    FROM directives d JOIN committees c ON c.id = d.committee_id
    WHERE ${directiveConditions(actor, options)}
    ORDER BY d.issued_on DESC, d.id DESC
    ${page}`);
  const counts = statusCountsInScope(db, { actor, basis }, asOf, "directive");
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    type: row.type,
    issuedOn: row.issued_on,
    abstract: row.abstract,
    state: row.state,
    confidential: row.confidential === 1,
    committeeId: row.committee_id,
    committeeName: row.committee_name,
    counts: counts.get(row.id) ?? emptyStatusCounts(),
  }));
}
