import { asc, eq } from "drizzle-orm";
import { directives, taskCoordinators, tasks } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";

/** A task's editable fields, its directive, and the version an edit is based on. */
export function getTaskForEdit(db: AppDatabase, id: number) {
  const task = db
    .select({
      id: tasks.id,
      directiveId: tasks.directiveId,
      directiveNumber: directives.number,
      directiveAbstract: directives.abstract,
      directiveState: directives.state,
      parentId: tasks.parentId,
      itemNumber: tasks.itemNumber,
      title: tasks.title,
      description: tasks.description,
      leadDepartmentId: tasks.leadDepartmentId,
      deadlineKind: tasks.deadlineKind,
      originalDueDate: tasks.originalDueDate,
      currentDueDate: tasks.currentDueDate,
      assignedOn: tasks.assignedOn,
      version: tasks.version,
    })
    .from(tasks)
    .innerJoin(directives, eq(directives.id, tasks.directiveId))
    .where(eq(tasks.id, id))
    .get();
  if (!task) return null;
  const coordinatorDepartmentIds = db
    .select({ id: taskCoordinators.departmentId })
    .from(taskCoordinators)
    .where(eq(taskCoordinators.taskId, id))
    .orderBy(asc(taskCoordinators.departmentId))
    .all()
    .map((c) => c.id);
  return { ...task, coordinatorDepartmentIds };
}
