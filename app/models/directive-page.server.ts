import { eq, sql } from "drizzle-orm";
import { committees, directives, meetings } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import { DIRECTIVE_STATES, type StatusBasis } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import type { Actor } from "../domain/permissions";
import { visibleTasksFilter } from "./visibility.server";
import { taskRows } from "./task-rows.server";
import { targetsAsOf } from "./task-targets.server";
import { directiveStateOn } from "./directive-list.server";
import { firstRow } from "./sql-rows.server";

/** A directive with the tasks of it the actor may see (department users: their own). */
export function getDirective(db: AppDatabase, actor: Actor, id: number, asOf: LocalDate, basis: StatusBasis) {
  const directive = db
    .select({
      id: directives.id,
      number: directives.number,
      type: directives.type,
      issuedOn: directives.issuedOn,
      issuer: directives.issuer,
      signer: directives.signer,
      abstract: directives.abstract,
      fullText: directives.fullText,
      note: directives.note,
      confidential: directives.confidential,
      version: directives.version,
      committeeId: directives.committeeId,
      committeeName: committees.name,
      meetingTitle: meetings.title,
      meetingHeldOn: meetings.heldOn,
      meetingChair: meetings.chair,
    })
    .from(directives)
    .innerJoin(committees, eq(committees.id, directives.committeeId))
    .leftJoin(meetings, eq(meetings.id, directives.meetingId))
    .where(eq(directives.id, id))
    .get();
  if (!directive) return null;
  // The state at the end of the as-of day.
  const { state } = firstRow(
    db,
    { state: DIRECTIVE_STATES },
    sql`SELECT ${directiveStateOn(asOf, basis)} AS state FROM directives d WHERE d.id = ${id}`,
  )!;

  const inDirective = sql`t.directive_id = ${id} AND ${visibleTasksFilter(actor)}`;
  const rows = taskRows(db, { asOf, basis, taskFilter: inDirective });
  // The targets of the tasks shown, as set and valued by the end of the as-of day.
  const directiveTargets = targetsAsOf(
    db,
    rows.map((r) => r.id),
    asOf,
  );
  return { directive: { ...directive, state }, tasks: rows, targets: directiveTargets };
}
