// Task rows as lists show them (directive page, task list): the stored facts a
// row needs plus the status as of a day, computed by the SQL status rules.
import { and, asc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { departments, extensionRequests, taskCoordinators } from "../../db/schema";
import { endOfLocalDay, type LocalDate } from "../domain/dates";
import type { StatusRules } from "../domain/status";
import { EXTENSION_STATES_IN_FORCE, type TaskStatus } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";
import { taskStatusSource } from "./task-status.server";

export interface DepartmentRef {
  id: number;
  name: string;
}

export interface TaskRow {
  id: number;
  directiveId: number;
  parentId: number | null;
  itemNumber: string;
  title: string;
  lead: DepartmentRef;
  coordinators: DepartmentRef[];
  deadlineKind: "dated" | "ongoing" | "none";
  originalDueDate: string | null;
  dueDate: string | null;
  extensionCount: number;
  percent: number;
  updatedAt: number;
  status: TaskStatus;
  late: boolean;
  daysLate: number;
  stale: boolean;
}

/** Coordinating departments of each task, by name. */
export function coordinatorsOf(db: AppDatabase, taskIds: number[]): Map<number, DepartmentRef[]> {
  const result = new Map<number, DepartmentRef[]>();
  if (taskIds.length === 0) return result;
  const rows = db
    .select({ taskId: taskCoordinators.taskId, id: departments.id, name: departments.name })
    .from(taskCoordinators)
    .innerJoin(departments, eq(departments.id, taskCoordinators.departmentId))
    .where(inArray(taskCoordinators.taskId, taskIds))
    .orderBy(asc(departments.name))
    .all();
  for (const { taskId, ...department } of rows) {
    result.set(taskId, [...(result.get(taskId) ?? []), department]);
  }
  return result;
}

/**
 * Tasks matching `taskFilter` (SQL over `tasks t`) that existed at the end of
 * `asOf`, with their status then, in `orderBy` order, optionally one page.
 */
export function taskRows(
  db: AppDatabase,
  options: {
    asOf: LocalDate;
    rules: StatusRules;
    taskFilter?: SQL;
    statusFilter?: SQL;
    orderBy?: SQL;
    limit?: number;
    offset?: number;
  },
): TaskRow[] {
  const {
    asOf,
    rules,
    taskFilter = sql`1 = 1`,
    statusFilter = sql`1 = 1`,
    orderBy = sql`t.directive_id, t.position, t.id`,
  } = options;
  const page = options.limit === undefined ? sql`` : sql`LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`;
  const rows = db.all<{
    id: number;
    directive_id: number;
    parent_id: number | null;
    item_number: string;
    title: string;
    lead_id: number;
    lead_name: string;
    deadline_kind: TaskRow["deadlineKind"];
    original_due_date: string | null;
    due_date: string | null;
    percent: number;
    updated_at: number;
    status: TaskStatus;
    late: 0 | 1;
    days_late: number;
    stale: 0 | 1;
  }>(sql`
    SELECT t.id, t.directive_id, t.parent_id, t.item_number, t.title,
      d.id AS lead_id, d.name AS lead_name,
      t.deadline_kind, t.original_due_date, st.due_date, t.percent, t.updated_at,
      st.status, st.late, st.days_late, st.stale
    FROM (${taskStatusSource(db, asOf, rules, taskFilter)}) st
    JOIN tasks t ON t.id = st.task_id
    JOIN departments d ON d.id = st.lead_id -- the lead as of the day
    WHERE ${statusFilter}
    ORDER BY ${orderBy}
    ${page}`);
  const ids = rows.map((r) => r.id);
  const coordinators = coordinatorsOf(db, ids);
  const extensionCounts = extensionCountsOf(db, ids, asOf);
  return rows.map((r) => ({
    id: r.id,
    directiveId: r.directive_id,
    parentId: r.parent_id,
    itemNumber: r.item_number,
    title: r.title,
    lead: { id: r.lead_id, name: r.lead_name },
    coordinators: coordinators.get(r.id) ?? [],
    deadlineKind: r.deadline_kind,
    originalDueDate: r.original_due_date,
    dueDate: r.due_date,
    extensionCount: extensionCounts.get(r.id) ?? 0,
    percent: r.percent,
    updatedAt: r.updated_at,
    status: r.status,
    late: r.late === 1,
    daysLate: r.days_late,
    stale: r.stale === 1,
  }));
}

/** How many extensions had been granted for each task by the end of `asOf`. */
export function extensionCountsOf(db: AppDatabase, taskIds: number[], asOf: LocalDate): Map<number, number> {
  if (taskIds.length === 0) return new Map();
  const rows = db
    .select({ taskId: extensionRequests.taskId, n: sql<number>`count(*)` })
    .from(extensionRequests)
    .where(
      and(
        inArray(extensionRequests.taskId, taskIds),
        inArray(extensionRequests.state, [...EXTENSION_STATES_IN_FORCE]),
        lt(extensionRequests.decidedAt, endOfLocalDay(asOf)),
      ),
    )
    .groupBy(extensionRequests.taskId)
    .all();
  return new Map(rows.map((r) => [r.taskId, r.n]));
}
