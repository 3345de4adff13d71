// The targets (chỉ tiêu) of tasks as of a day: those set by the end of the day, each
// with the value last recorded by then — what the directive page and a task page for
// a past day show (the dashboard reads targets the same way).
import { sql } from "drizzle-orm";
import { endOfLocalDay, type LocalDate } from "../domain/dates";
import { TARGET_DIRECTIONS, type TargetDirection } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import { bySlices } from "./id-slices.server";
import { allRows } from "./sql-rows.server";

export interface TargetAsOf {
  id: number;
  taskId: number;
  itemNumber: string;
  name: string;
  unit: string;
  baseline: number | null;
  targetValue: number;
  direction: TargetDirection;
  /** The value last recorded by the end of the day (null: none yet). */
  currentValue: number | null;
  dueDate: LocalDate | null;
}

/**
 * The targets of the given tasks that existed at the end of `asOf`, in the
 * directive's order (task, then target position), each with its value as of then.
 * Values take effect when recorded, so the reading is the same on both bases.
 */
export function targetsAsOf(db: AppDatabase, taskIds: readonly number[], asOf: LocalDate): TargetAsOf[] {
  const cutoff = endOfLocalDay(asOf);
  return bySlices(taskIds, (ids) =>
    allRows(
      db,
      {
        id: "integer",
        taskId: "integer",
        itemNumber: "text",
        name: "text",
        unit: "text",
        baseline: "real?",
        targetValue: "real",
        direction: TARGET_DIRECTIONS,
        dueDate: "text?",
        currentValue: "real?",
        position: "integer",
        taskPosition: "integer",
      },
      sql`
      SELECT g.id, g.task_id AS taskId, t.item_number AS itemNumber, g.name, g.unit, g.baseline,
        g.target_value AS targetValue, g.direction, g.due_date AS dueDate,
        (SELECT v.value FROM target_values v WHERE v.target_id = g.id AND v.created_at < ${cutoff}
          ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS currentValue,
        g.position, t.position AS taskPosition
      FROM targets g JOIN tasks t ON t.id = g.task_id
      WHERE g.task_id IN (${ids}) AND g.created_at < ${cutoff}`,
    ),
  )
    .sort((a, b) => a.taskPosition - b.taskPosition || a.taskId - b.taskId || a.position - b.position || a.id - b.id)
    .map(({ position: _position, taskPosition: _taskPosition, ...target }) => target);
}
