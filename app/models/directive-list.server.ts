import { sql, type SQL } from "drizzle-orm";
import { endOfLocalDay, today, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import { DIRECTIVE_STATES, type StatusBasis, DIRECTIVE_TYPES } from "../domain/vocabulary";
import type { DirectiveState } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import { directiveExistedAt, directiveStateAt } from "./directive-states.server";
import { emptyStatusCounts, statusCountsInScope } from "./status-counts.server";
import { visibleDirectivesFilter } from "./visibility.server";
import { allRows, firstRow } from "./sql-rows.server";

/** Narrowing and paging of the list (the JSON API's); the directives page shows them all. */
export interface DirectiveListOptions {
  committee?: number;
  state?: DirectiveState;
  limit?: number;
  offset?: number;
}

/**
 * The state of directive `d` at the end of `asOf` on a basis: today's from the row,
 * a past day's from its history (a directive not yet issued then was a draft).
 */
export function directiveStateOn(asOf: LocalDate, basis: StatusBasis): SQL<DirectiveState> {
  if (asOf >= today()) return sql<DirectiveState>`d.state`;
  return sql<DirectiveState>`coalesce(${directiveStateAt(endOfLocalDay(asOf), basis)}, 'draft')`;
}

function directiveConditions(actor: Actor, asOf: LocalDate, basis: StatusBasis, options: DirectiveListOptions): SQL {
  const conditions = [visibleDirectivesFilter(actor)];
  // A past day lists the directives that existed then.
  if (asOf < today()) conditions.push(directiveExistedAt(endOfLocalDay(asOf), basis));
  if (options.committee !== undefined) conditions.push(sql`d.committee_id = ${options.committee}`);
  if (options.state !== undefined) conditions.push(sql`${directiveStateOn(asOf, basis)} = ${options.state}`);
  return sql.join(conditions, sql` AND `);
}

/** How many directives the actor may see on the day within the options' filters. */
export function countDirectives(
  db: AppDatabase,
  actor: Actor,
  asOf: LocalDate,
  basis: StatusBasis,
  options: DirectiveListOptions = {},
): number {
  return (
    firstRow(
      db,
      { n: "integer" },
      sql`SELECT count(*) AS n FROM directives d WHERE ${directiveConditions(actor, asOf, basis, options)}`,
    )?.n ?? 0
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
  const rows = allRows(
    db,
    {
      id: "integer",
      number: "text?",
      type: DIRECTIVE_TYPES,
      issued_on: "text?",
      abstract: "text",
      state: DIRECTIVE_STATES,
      confidential: "boolean",
      committee_id: "integer",
      committee_name: "text",
    },
    sql`
    SELECT d.id, d.number, d.type, d.issued_on, d.abstract, ${directiveStateOn(asOf, basis)} AS state, d.confidential,
      c.id AS committee_id, c.name AS committee_name
    FROM directives d JOIN committees c ON c.id = d.committee_id
    WHERE ${directiveConditions(actor, asOf, basis, options)}
    ORDER BY d.issued_on DESC, d.id DESC
    ${page}`,
  );
  const counts = statusCountsInScope(db, { actor, basis }, asOf, "directive");
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    type: row.type,
    issuedOn: row.issued_on,
    abstract: row.abstract,
    state: row.state,
    confidential: row.confidential,
    committeeId: row.committee_id,
    committeeName: row.committee_name,
    counts: counts.get(row.id) ?? emptyStatusCounts(),
  }));
}

/**
 * The directives of one committee or one meeting that the actor may see, newest first:
 * what the committee's and the meeting's pages list of each.
 */
export function directivesWhere(db: AppDatabase, actor: Actor, where: SQL) {
  return allRows(
    db,
    {
      id: "integer",
      number: "text?",
      type: DIRECTIVE_TYPES,
      issuedOn: "text?",
      abstract: "text",
      state: DIRECTIVE_STATES,
      confidential: "boolean",
    },
    sql`
      SELECT d.id, d.number, d.type, d.issued_on AS issuedOn, d.abstract, d.state, d.confidential
      FROM directives d
      WHERE ${where} AND ${visibleDirectivesFilter(actor)}
      ORDER BY d.issued_on DESC, d.id DESC`,
  );
}
