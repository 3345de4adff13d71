import { eq } from "drizzle-orm";
import { tasks } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";

/** What the history page shows of a task, and the version its forms are based on. */
export function getTaskDeadlines(db: AppDatabase, id: number) {
  return (
    db
      .select({
        id: tasks.id,
        itemNumber: tasks.itemNumber,
        title: tasks.title,
        assignedOn: tasks.assignedOn,
        deadlineKind: tasks.deadlineKind,
        originalDueDate: tasks.originalDueDate,
        currentDueDate: tasks.currentDueDate,
        version: tasks.version,
      })
      .from(tasks)
      .where(eq(tasks.id, id))
      .get() ?? null
  );
}
