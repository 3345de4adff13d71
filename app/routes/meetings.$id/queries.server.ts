import { eq, sql } from "drizzle-orm";
import { committees, meetings } from "../../../db/schema";
import type { Actor } from "~/domain/permissions";
import type { AppDatabase } from "~/models/db.server";
import { directivesWhere } from "~/models/directive-list.server";

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
  const directives = directivesWhere(db, actor, sql`d.meeting_id = ${id}`);
  return { meeting, directives };
}
