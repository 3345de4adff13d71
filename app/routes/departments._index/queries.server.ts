import { asc, sql } from "drizzle-orm";
import { departments } from "../../../db/schema";
import type { LocalDate } from "~/domain/dates";
import type { StatusBasis } from "~/domain/vocabulary";
import type { AppDatabase } from "~/models/db.server";
import type { Actor } from "~/domain/permissions";
import { emptyStatusCounts, statusCountsInScope } from "~/models/status-counts.server";

/** Every department, with the tasks it leads that the actor may see, counted as of a day. */
export function listDepartments(db: AppDatabase, actor: Actor, asOf: LocalDate, basis: StatusBasis) {
  const rows = db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      kind: departments.kind,
      active: departments.active,
      successorName: sql<
        string | null
      >`(SELECT succ.name FROM departments succ WHERE succ.id = ${departments.successorId})`,
    })
    .from(departments)
    .orderBy(asc(departments.kind), asc(departments.name))
    .all();
  const counts = statusCountsInScope(db, { actor, basis }, asOf, "department");
  return rows.map((row) => {
    const c = counts.get(row.id) ?? emptyStatusCounts();
    const led = Object.entries(c).reduce((sum, [key, n]) => (key === "stale" ? sum : sum + n), 0);
    return {
      ...row,
      led,
      open: c.overdue + c.due_soon + c.on_track + c.awaiting_confirmation + c.ongoing,
      overdue: c.overdue,
    };
  });
}
