import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { departments } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";
import { CLOSED_TASK_STATES } from "~/models/departments.server";

export const departmentListQuery = z.object({
  status: z.enum(["active", "inactive"]).optional(),
});
export type DepartmentListQuery = z.infer<typeof departmentListQuery>;

const parent = alias(departments, "parent");
const successor = alias(departments, "successor");
const closedStates = sql.raw(CLOSED_TASK_STATES.map((s) => `'${s}'`).join(", "));

/** Every department with its place in the organisation and what it still has on its desk. */
export function listDepartmentsForAdmin(db: AppDatabase, query: DepartmentListQuery) {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      shortName: departments.shortName,
      kind: departments.kind,
      active: departments.active,
      dissolvedOn: departments.dissolvedOn,
      parentId: parent.id,
      parentName: parent.name,
      successorId: successor.id,
      successorName: successor.name,
      activeUsers: sql<number>`(SELECT count(*) FROM users u WHERE u.department_id = ${departments.id} AND u.active = 1)`,
      openLedTasks: sql<number>`(SELECT count(*) FROM tasks t
        WHERE t.lead_department_id = ${departments.id} AND t.state NOT IN (${closedStates}))`,
    })
    .from(departments)
    .leftJoin(parent, eq(parent.id, departments.parentId))
    .leftJoin(successor, eq(successor.id, departments.successorId))
    .where(query.status === undefined ? undefined : eq(departments.active, query.status === "active"))
    .orderBy(asc(departments.kind), sql`${departments.active} DESC`, asc(departments.name))
    .all();
}
