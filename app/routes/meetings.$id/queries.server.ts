import { eq, sql } from "drizzle-orm";
import { committees, meetings } from "../../../db/schema";
import type { Actor } from "~/domain/permissions";
import { DIRECTIVE_STATES, DIRECTIVE_TYPES } from "~/domain/vocabulary";
import type { AppDatabase } from "~/lib/db.server";
import { visibleDirectivesFilter } from "~/models/visibility.server";
import { allRows } from "~/models/sql-rows.server";

/** A meeting, its committee, and the directives issued after it that the actor may see. */
export function getMeeting(db: AppDatabase, actor: Actor, id: number) {
  const meeting = db
    .select({
      id: meetings.id,
      heldOn: meetings.heldOn,
      title: meetings.title,
      chair: meetings.chair,
      place: meetings.place,
      attendees: meetings.attendees,
      notes: meetings.notes,
      committeeId: committees.id,
      committeeName: committees.name,
    })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(eq(meetings.id, id))
    .get();
  if (!meeting) return null;
  const directives = allRows(
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
      WHERE d.meeting_id = ${id} AND ${visibleDirectivesFilter(actor)}
      ORDER BY d.issued_on DESC, d.id DESC`,
  );
  return { meeting, directives };
}
