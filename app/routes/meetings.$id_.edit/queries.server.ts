import { eq } from "drizzle-orm";
import { committees, meetings } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";

/** A meeting's editable fields, and the committee it belongs to (shown, not editable). */
export function getMeetingForEdit(db: AppDatabase, id: number) {
  return db
    .select({
      id: meetings.id,
      heldOn: meetings.heldOn,
      title: meetings.title,
      chair: meetings.chair,
      place: meetings.place,
      attendees: meetings.attendees,
      notes: meetings.notes,
      version: meetings.version,
      committeeName: committees.name,
    })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(eq(meetings.id, id))
    .get();
}
