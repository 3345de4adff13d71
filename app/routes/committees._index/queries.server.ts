import { sql } from "drizzle-orm";
import type { Actor } from "~/domain/permissions";
import type { AppDatabase } from "~/models/db.server";
import { visibleDirectivesFilter } from "~/models/visibility.server";
import { allRows } from "~/models/sql-rows.server";

/** Every committee, active ones first, with its meetings and the directives of it the actor may see counted. */
export function listCommittees(db: AppDatabase, actor: Actor) {
  return allRows(
    db,
    { id: "integer", code: "text", name: "text", active: "boolean", meetings: "integer", directives: "integer" },
    sql`
        SELECT c.id, c.code, c.name, c.active,
          (SELECT count(*) FROM meetings m WHERE m.committee_id = c.id) AS meetings,
          (SELECT count(*) FROM directives d WHERE d.committee_id = c.id AND ${visibleDirectivesFilter(actor)}) AS directives
        FROM committees c
        ORDER BY c.active DESC, c.name, c.id`,
  );
}
