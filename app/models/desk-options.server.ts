// The choices the secretariat's forms offer: committees and their meetings,
// departments, and the tasks of a directive that can be a parent. Reads only.
import { asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { committees, departments, directives, meetings } from "../../db/schema";
import type { CommitteeOption, DepartmentOption, MeetingOption, ParentOption } from "../domain/views";
import type { AppDatabase } from "./db.server";
import { allRows } from "./sql-rows.server";

export type { CommitteeOption, DepartmentOption, MeetingOption, ParentOption };

/** Active committees, plus `keepId` (the one a directive already names) if it was deactivated. */
export function committeeOptions(db: AppDatabase, keepId: number | null = null): CommitteeOption[] {
  return db
    .select({ id: committees.id, name: committees.name })
    .from(committees)
    .where(keepId === null ? eq(committees.active, true) : or(eq(committees.active, true), eq(committees.id, keepId)))
    .orderBy(asc(committees.name))
    .all();
}

/** Meetings, latest first; the form shows those of the chosen committee. */
export function meetingOptions(db: AppDatabase): MeetingOption[] {
  return db
    .select({ id: meetings.id, committeeId: meetings.committeeId, heldOn: meetings.heldOn, title: meetings.title })
    .from(meetings)
    .orderBy(desc(meetings.heldOn), desc(meetings.id))
    .all();
}

/**
 * Active departments by kind and name, plus `keepIds` (those a task already names)
 * even if they have since been deactivated, so the form shows what is stored.
 */
export function departmentOptions(db: AppDatabase, keepIds: readonly number[] = []): DepartmentOption[] {
  return db
    .select({ id: departments.id, name: departments.name, kind: departments.kind, active: departments.active })
    .from(departments)
    .where(
      keepIds.length === 0
        ? eq(departments.active, true)
        : or(eq(departments.active, true), inArray(departments.id, [...keepIds])),
    )
    .orderBy(asc(departments.kind), asc(departments.name))
    .all();
}

/**
 * Tasks of a directive that may be the parent of `taskId` (or of a new task):
 * not the task itself nor any of its sub-tasks, which would make a cycle.
 */
export function parentOptions(db: AppDatabase, directiveId: number, taskId: number | null = null): ParentOption[] {
  return allRows(
    db,
    { id: "integer", itemNumber: "text", title: "text" },
    sql`
    WITH RECURSIVE below(id) AS (
      SELECT ${taskId ?? -1}
      UNION SELECT t.id FROM tasks t JOIN below ON t.parent_id = below.id
    )
    SELECT t.id, t.item_number AS itemNumber, t.title FROM tasks t
    WHERE t.directive_id = ${directiveId} AND t.id NOT IN (SELECT id FROM below)
    ORDER BY t.position, t.id`,
  );
}

/** Department names by id, for messages (a conflict lists departments by name). */
export function departmentNames(db: AppDatabase, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(inArray(departments.id, [...ids]))
      .all()
      .map((d) => [d.id, d.name]),
  );
}

/** What the new-task and new-duty pages show of the directive the work is added to. */
export function getDirectiveHeading(db: AppDatabase, id: number) {
  return db
    .select({ id: directives.id, number: directives.number, abstract: directives.abstract })
    .from(directives)
    .where(eq(directives.id, id))
    .get();
}
