// Coordinating departments (đơn vị phối hợp): today's set in task_coordinators and
// every period of it in task_coordinator_spans, written together so that a past day
// shows the coordinators of that day (docs/domain-rules.md §4.4). Each change opens
// or closes a period with the times it took effect and was recorded, then changes
// the set; the triggers of migration 0013 cover writers that skip the first step.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { departments, taskCoordinatorSpans, taskCoordinators } from "../../db/schema";
import type { Instant } from "../domain/dates";
import type { StatusBasis } from "../domain/vocabulary";
import type { AppDatabase, WriteTransaction } from "./db.server";
import { bySlices, type DepartmentRef } from "./id-slices.server";
import { allRows } from "./sql-rows.server";

/** When a change took effect and when it was recorded (later for an entry after the fact or a back-dated merge). */
export interface CoordinationMoment {
  at: Instant;
  recordedAt: Instant;
}

/** The same instant for both: a change that takes effect as it is recorded. */
export function momentNow(now: Instant): CoordinationMoment {
  return { at: now, recordedAt: now };
}

/** The task's coordinating departments today, by id. */
export function currentCoordinatorIds(tx: WriteTransaction | AppDatabase, taskId: number): number[] {
  return tx
    .select({ id: taskCoordinators.departmentId })
    .from(taskCoordinators)
    .where(eq(taskCoordinators.taskId, taskId))
    .orderBy(asc(taskCoordinators.departmentId))
    .all()
    .map((row) => row.id);
}

/** `departmentId` starts to coordinate the task. */
export function addCoordinator(
  tx: WriteTransaction,
  taskId: number,
  departmentId: number,
  { at, recordedAt }: CoordinationMoment,
): void {
  tx.insert(taskCoordinatorSpans)
    .values({ taskId, departmentId, fromAt: at, recordedAt: recordedAt > at ? recordedAt : null })
    .run();
  tx.insert(taskCoordinators).values({ taskId, departmentId }).run();
}

/** `departmentId` stops coordinating the task (nothing when it did not). */
export function removeCoordinator(
  tx: WriteTransaction,
  taskId: number,
  departmentId: number,
  { at, recordedAt }: CoordinationMoment,
): void {
  // A period never ends before it began (a merge's effective day may precede a coordination added since).
  tx.update(taskCoordinatorSpans)
    .set({
      untilAt: sql`max(${taskCoordinatorSpans.fromAt}, ${at})`,
      untilRecordedAt: sql`CASE WHEN ${recordedAt} > max(${taskCoordinatorSpans.fromAt}, ${at}) THEN ${recordedAt} END`,
    })
    .where(
      and(
        eq(taskCoordinatorSpans.taskId, taskId),
        eq(taskCoordinatorSpans.departmentId, departmentId),
        isNull(taskCoordinatorSpans.untilAt),
      ),
    )
    .run();
  tx.delete(taskCoordinators)
    .where(and(eq(taskCoordinators.taskId, taskId), eq(taskCoordinators.departmentId, departmentId)))
    .run();
}

/** Makes the task's set exactly `departmentIds`: those leaving are closed, those joining opened; the rest keep their period. */
export function setCoordinators(
  tx: WriteTransaction,
  taskId: number,
  departmentIds: readonly number[],
  moment: CoordinationMoment,
): void {
  const before = currentCoordinatorIds(tx, taskId);
  for (const id of before) if (!departmentIds.includes(id)) removeCoordinator(tx, taskId, id, moment);
  for (const id of new Set(departmentIds)) if (!before.includes(id)) addCoordinator(tx, taskId, id, moment);
}

/**
 * Coordinating departments of each task at `cutoff` (the end of an as-of day), by
 * name. As it happened, a period counts from when it took effect; as recorded, from
 * when it was recorded — its end likewise.
 */
export function coordinatorsAt(
  db: AppDatabase,
  taskIds: readonly number[],
  cutoff: Instant,
  basis: StatusBasis,
): Map<number, DepartmentRef[]> {
  const start = basis === "happened" ? sql`s.from_at` : sql`max(s.from_at, coalesce(s.recorded_at, s.from_at))`;
  const end = basis === "happened" ? sql`s.until_at` : sql`max(s.until_at, coalesce(s.until_recorded_at, s.until_at))`;
  const result = new Map<number, DepartmentRef[]>();
  const rows = bySlices(taskIds, (ids) =>
    allRows(
      db,
      { taskId: "integer", id: "integer", name: "text" },
      sql`
      SELECT s.task_id AS taskId, d.id, d.name
      FROM ${taskCoordinatorSpans} s JOIN ${departments} d ON d.id = s.department_id
      WHERE s.task_id IN (${ids}) AND ${start} < ${cutoff} AND (s.until_at IS NULL OR ${end} >= ${cutoff})
      GROUP BY s.task_id, d.id
      ORDER BY d.name`,
    ),
  );
  for (const { taskId, ...department } of rows) {
    result.set(taskId, [...(result.get(taskId) ?? []), department]);
  }
  return result;
}
