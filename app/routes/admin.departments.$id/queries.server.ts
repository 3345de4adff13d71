import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { departments } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";
import { activeDepartmentOptions, departmentWorkload, descendantIds } from "~/models/departments.server";

const parent = alias(departments, "parent");
const successor = alias(departments, "successor");

/** One department as its administration page shows it, with what a merge would move. */
export function departmentForAdmin(db: AppDatabase, departmentId: number) {
  const department = db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      shortName: departments.shortName,
      kind: departments.kind,
      parentId: departments.parentId,
      parentName: parent.name,
      parentKind: parent.kind,
      active: departments.active,
      successorId: departments.successorId,
      successorName: successor.name,
      dissolvedOn: departments.dissolvedOn,
      version: departments.version,
    })
    .from(departments)
    .leftJoin(parent, eq(parent.id, departments.parentId))
    .leftJoin(successor, eq(successor.id, departments.successorId))
    .where(eq(departments.id, departmentId))
    .get();
  if (!department) return null;

  const below = new Set(descendantIds(db, departmentId));
  const candidates = activeDepartmentOptions(db).filter((d) => d.id !== departmentId && !below.has(d.id));
  // The current parent stays choosable even if it has since been dissolved.
  const parents =
    department.parentId !== null &&
    department.parentName !== null &&
    department.parentKind !== null &&
    !candidates.some((d) => d.id === department.parentId)
      ? [...candidates, { id: department.parentId, name: department.parentName, code: "", kind: department.parentKind }]
      : candidates;

  return {
    department,
    workload: departmentWorkload(db, departmentId),
    parents,
    /** Where it may be merged: active, not itself, not one of its own sub-units. */
    successors: candidates,
    subunits: db
      .select({ id: departments.id, name: departments.name, active: departments.active })
      .from(departments)
      .where(eq(departments.parentId, departmentId))
      .orderBy(asc(departments.name))
      .all(),
    /** Departments that were merged into this one. */
    predecessors: db
      .select({ id: departments.id, name: departments.name, dissolvedOn: departments.dissolvedOn })
      .from(departments)
      .where(eq(departments.successorId, departmentId))
      .orderBy(asc(departments.name))
      .all(),
  };
}
