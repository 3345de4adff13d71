import { eq, sql } from "drizzle-orm";
import { committees } from "../../../db/schema";
import type { Actor } from "~/domain/permissions";
import type { AppDatabase } from "~/models/db.server";
import { visibleDirectivesFilter } from "~/models/visibility.server";
import { allRows } from "~/models/sql-rows.server";
import { directivesWhere } from "~/models/directive-list.server";

/** A committee, its meetings newest first, and the directives of it the actor may see. */
export function getCommittee(db: AppDatabase, actor: Actor, id: number) {
  const committee = db
    .select({
      id: committees.id,
      code: committees.code,
      name: committees.name,
      description: committees.description,
      active: committees.active,
    })
    .from(committees)
    .where(eq(committees.id, id))
    .get();
  if (!committee) return null;
  const visible = visibleDirectivesFilter(actor);
  const meetings = allRows(
    db,
    { id: "integer", heldOn: "text", title: "text", chair: "text?", directives: "integer" },
    sql`
    SELECT m.id, m.held_on AS heldOn, m.title, m.chair,
      (SELECT count(*) FROM directives d WHERE d.meeting_id = m.id AND ${visible}) AS directives
    FROM meetings m
    WHERE m.committee_id = ${id}
    ORDER BY m.held_on DESC, m.id DESC`,
  );
  const directives = directivesWhere(db, actor, sql`d.committee_id = ${id}`);
  return { committee, meetings, directives };
}
