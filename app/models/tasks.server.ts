// The secretariat's writes on tasks: create, edit (optimistic concurrency),
// hold / withdraw / resume, re-assign the lead. One function per use case; each
// runs in one IMMEDIATE transaction with its audit event.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { departments, directives, taskLeadAssignments, tasks, taskTransitions } from "../../db/schema";
import { startOfLocalDay, type LocalDate } from "../domain/dates";
import { canMove, stateAfterResume, taskRuleViolations, type TaskRuleViolation } from "../domain/workflow";
import type { DeadlineKind, WorkflowState } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { changesSince as recordChangesSince, recordAudit, type RecordChange, type RequestOrigin } from "./audit.server";
import { currentCoordinatorIds, momentNow, removeCoordinator, setCoordinators } from "./coordinators.server";
import { announceAssignment } from "./notifications.server";
import { indexTask } from "./search.server";
import { firstRow } from "./sql-rows.server";

export interface Author {
  id: number;
}

export interface TaskInput {
  directiveId: number;
  parentId: number | null;
  itemNumber: string;
  title: string;
  description: string | null;
  leadDepartmentId: number;
  coordinatorDepartmentIds: number[];
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
  assignedOn: LocalDate;
  /** The recurring duty and period this task is the occurrence of (app/models/recurring-duties.server.ts). */
  duty?: { id: number; period: string };
}

export type TaskWriteError =
  | { error: "rule"; violations: TaskRuleViolation[] }
  | { error: "unknown_department"; departmentIds: number[] }
  | { error: "unknown_directive" }
  | { error: "unknown_parent" }
  | { error: "parent_cycle" }
  | { error: "not_found" }
  | { error: "conflict"; changes: TaskChange[] }
  | { error: "invalid_move"; from: WorkflowState; to: WorkflowState }
  /** An issued task's deadline changes by a deadline change (a day it takes effect, a reason), not by an edit. */
  | { error: "deadline_on_issued" };

export type TaskWriteResult<T = { id: number; version: number }> =
  ({ ok: true } & T) | ({ ok: false } & TaskWriteError);

/** One field changed by someone else since the version a form was based on. */
export type TaskChange = RecordChange;

/** The audited picture of a task: what before/after show and conflicts compare. */
function taskSnapshot(tx: WriteTransaction, id: number) {
  const row = tx
    .select({
      directiveId: tasks.directiveId,
      parentId: tasks.parentId,
      itemNumber: tasks.itemNumber,
      title: tasks.title,
      description: tasks.description,
      leadDepartmentId: tasks.leadDepartmentId,
      deadlineKind: tasks.deadlineKind,
      originalDueDate: tasks.originalDueDate,
      currentDueDate: tasks.currentDueDate,
      assignedOn: tasks.assignedOn,
      state: tasks.state,
      stateReason: tasks.stateReason,
      version: tasks.version,
    })
    .from(tasks)
    .where(eq(tasks.id, id))
    .get();
  if (!row) return null;
  return { ...row, coordinatorDepartmentIds: currentCoordinatorIds(tx, id) };
}

function checkReferences(tx: WriteTransaction, input: TaskInput): TaskWriteError | null {
  const wanted = [...new Set([input.leadDepartmentId, ...input.coordinatorDepartmentIds])];
  const found = new Set(
    tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(inArray(departments.id, wanted), eq(departments.active, true)))
      .all()
      .map((d) => d.id),
  );
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) return { error: "unknown_department", departmentIds: missing };
  if (!tx.select({ id: directives.id }).from(directives).where(eq(directives.id, input.directiveId)).get()) {
    return { error: "unknown_directive" };
  }
  return null;
}

function parentOf(tx: WriteTransaction, parentId: number | null) {
  if (parentId === null) return null;
  return (
    tx
      .select({ directiveId: tasks.directiveId, deadlineKind: tasks.deadlineKind, dueDate: tasks.currentDueDate })
      .from(tasks)
      .where(eq(tasks.id, parentId))
      .get() ?? undefined
  );
}

/** Validates and records a new task, its coordinators and its first lead assignment. */
export function createTask(
  db: AppDatabase,
  author: Author,
  input: TaskInput,
  origin: RequestOrigin,
  now = Date.now(),
): TaskWriteResult {
  return writeTransaction(db, (tx) => insertTask(tx, author, input, origin, now));
}

/**
 * `createTask` inside a transaction the caller holds (a bulk import is one transaction).
 * The author is null for the scheduled job (a recurring duty's next occurrence).
 */
export function insertTask(
  tx: WriteTransaction,
  author: { id: number | null },
  input: TaskInput,
  origin: RequestOrigin,
  now: number,
): TaskWriteResult {
  const referenceError = checkReferences(tx, input);
  if (referenceError) return { ok: false, ...referenceError };
  const parent = parentOf(tx, input.parentId);
  if (parent === undefined) return { ok: false, error: "unknown_parent" };
  const violations = taskRuleViolations(input, parent);
  if (violations.length > 0) return { ok: false, error: "rule", violations };

  const [created] = tx
    .insert(tasks)
    .values({
      directiveId: input.directiveId,
      parentId: input.parentId,
      itemNumber: input.itemNumber,
      position: nextPosition(tx, input.directiveId),
      title: input.title,
      description: input.description,
      leadDepartmentId: input.leadDepartmentId,
      deadlineKind: input.deadlineKind,
      originalDueDate: input.dueDate,
      currentDueDate: input.dueDate,
      assignedOn: input.assignedOn,
      dutyId: input.duty?.id ?? null,
      dutyPeriod: input.duty?.period ?? null,
      createdBy: author.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: tasks.id })
    .all();
  const id = created!.id;
  // The lead and coordinators from the day the task took effect: its assignment day, when that is before it was entered.
  const start = Math.min(now, startOfLocalDay(input.assignedOn));
  setCoordinators(tx, id, input.coordinatorDepartmentIds, { at: start, recordedAt: now });
  tx.insert(taskLeadAssignments)
    .values({
      taskId: id,
      departmentId: input.leadDepartmentId,
      fromAt: start,
      recordedAt: start < now ? now : null,
      assignedBy: author.id,
    })
    .run();
  indexTask(tx, id);
  announceAssignment(
    tx,
    id,
    author.id,
    { lead: input.leadDepartmentId, coordinators: input.coordinatorDepartmentIds },
    now,
  );
  recordAudit(tx, {
    actorId: author.id,
    action: "task.create",
    entityType: "task",
    entityId: id,
    after: input.duty ? { ...taskSnapshot(tx, id), duty: input.duty } : taskSnapshot(tx, id),
    origin,
    at: now,
  });
  return { ok: true, id, version: 1 };
}

function nextPosition(tx: WriteTransaction, directiveId: number): number {
  const row = firstRow(
    tx,
    { p: "integer?" },
    sql`SELECT max(position) AS p FROM tasks WHERE directive_id = ${directiveId}`,
  );
  return (row?.p ?? 0) + 1;
}

/** Fields changed by others after `baseVersion`, read from the audit log. */
export function changesSince(tx: WriteTransaction, taskId: number, baseVersion: number): TaskChange[] {
  return recordChangesSince(tx, "task", taskId, baseVersion);
}

/**
 * Saves an edit made on `baseVersion`. If someone saved in between, nothing is
 * written and the result lists what they changed (docs/domain-rules.md §5: no silent
 * overwrite). The deadline of a task of a draft directive is edited here; once the
 * directive is issued, the deadline is never overwritten: it changes by an
 * extension or a deadline change (app/models/past-records.server.ts), which keep
 * the day they took effect, so past days keep the deadline that was in force.
 */
export function updateTask(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  input: Omit<TaskInput, "directiveId">,
  origin: RequestOrigin,
  now = Date.now(),
): TaskWriteResult {
  return writeTransaction(db, (tx): TaskWriteResult => {
    const before = taskSnapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion)
      return { ok: false, error: "conflict", changes: changesSince(tx, id, baseVersion) };
    const full = { ...input, directiveId: before.directiveId };
    const directive = tx
      .select({ state: directives.state })
      .from(directives)
      .where(eq(directives.id, before.directiveId))
      .get();
    const issued = directive !== undefined && directive.state !== "draft";
    if (issued && (input.deadlineKind !== before.deadlineKind || input.dueDate !== before.currentDueDate)) {
      return { ok: false, error: "deadline_on_issued" };
    }
    const referenceError = checkReferences(tx, full);
    if (referenceError) return { ok: false, ...referenceError };
    if (input.parentId !== null && createsCycle(tx, id, input.parentId)) return { ok: false, error: "parent_cycle" };
    const parent = parentOf(tx, input.parentId);
    if (parent === undefined) return { ok: false, error: "unknown_parent" };
    const violations = taskRuleViolations(full, parent);
    if (violations.length > 0) return { ok: false, error: "rule", violations };

    tx.update(tasks)
      .set({
        parentId: input.parentId,
        itemNumber: input.itemNumber,
        title: input.title,
        description: input.description,
        // Only a draft's deadline is edited (an issued one is refused above, or unchanged).
        ...(issued
          ? {}
          : { deadlineKind: input.deadlineKind, originalDueDate: input.dueDate, currentDueDate: input.dueDate }),
        assignedOn: input.assignedOn,
        version: sql`${tasks.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(tasks.id, id), eq(tasks.version, baseVersion)))
      .run();
    if (input.leadDepartmentId !== before.leadDepartmentId) {
      moveLead(tx, author, id, input.leadDepartmentId, null, now);
    }
    setCoordinators(tx, id, input.coordinatorDepartmentIds, momentNow(now));
    indexTask(tx, id);
    // Only the departments this edit gave the task to hear about it.
    announceAssignment(
      tx,
      id,
      author.id,
      {
        lead: input.leadDepartmentId !== before.leadDepartmentId ? input.leadDepartmentId : null,
        coordinators: input.coordinatorDepartmentIds.filter((d) => !before.coordinatorDepartmentIds.includes(d)),
      },
      now,
    );
    const after = taskSnapshot(tx, id);
    recordAudit(tx, {
      actorId: author.id,
      action: "task.update",
      entityType: "task",
      entityId: id,
      before,
      after,
      origin,
      at: now,
    });
    return { ok: true, id, version: after!.version };
  });
}

function createsCycle(tx: WriteTransaction, id: number, parentId: number): boolean {
  const row = firstRow(
    tx,
    { hit: "integer" },
    sql`
    WITH RECURSIVE up(id) AS (
      SELECT ${parentId}
      UNION SELECT t.parent_id FROM tasks t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL
    )
    SELECT count(*) AS hit FROM up WHERE id = ${id}`,
  );
  return (row?.hit ?? 0) > 0;
}

/** Closes the current lead assignment and opens one for `departmentId` (history kept). */
function moveLead(
  tx: WriteTransaction,
  author: Author,
  taskId: number,
  departmentId: number,
  reason: string | null,
  now: number,
): void {
  tx.update(taskLeadAssignments)
    .set({ untilAt: now })
    .where(and(eq(taskLeadAssignments.taskId, taskId), sql`${taskLeadAssignments.untilAt} IS NULL`))
    .run();
  // The new lead cannot stay a coordinator of the same task.
  removeCoordinator(tx, taskId, departmentId, momentNow(now));
  tx.update(tasks).set({ leadDepartmentId: departmentId }).where(eq(tasks.id, taskId)).run();
  tx.insert(taskLeadAssignments).values({ taskId, departmentId, fromAt: now, assignedBy: author.id, reason }).run();
}

/** Re-assigns the lead department with a reason; the previous lead's period stays in history. */
export function reassignLead(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  input: { departmentId: number; reason: string },
  origin: RequestOrigin,
  now = Date.now(),
): TaskWriteResult {
  return writeTransaction(db, (tx): TaskWriteResult => {
    const before = taskSnapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion)
      return { ok: false, error: "conflict", changes: changesSince(tx, id, baseVersion) };
    const active = tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.active, true)))
      .get();
    if (!active) return { ok: false, error: "unknown_department", departmentIds: [input.departmentId] };
    moveLead(tx, author, id, input.departmentId, input.reason, now);
    tx.update(tasks)
      .set({ version: sql`${tasks.version} + 1`, updatedAt: now })
      .where(eq(tasks.id, id))
      .run();
    if (input.departmentId !== before.leadDepartmentId) {
      announceAssignment(tx, id, author.id, { lead: input.departmentId, coordinators: [] }, now);
    }
    const after = taskSnapshot(tx, id);
    recordAudit(tx, {
      actorId: author.id,
      action: "task.reassign",
      entityType: "task",
      entityId: id,
      before,
      after: { ...after, reason: input.reason },
      origin,
      at: now,
    });
    return { ok: true, id, version: after!.version };
  });
}

/**
 * Where resuming a held task goes (app/domain/workflow.ts `stateAfterResume`, from
 * the state of its latest hold), and the completion date the move carries: a
 * completion report held while awaiting confirmation stands again with the date the
 * department reported, which the row kept through the hold (the status rules read
 * it from the latest transition).
 */
function resumeTarget(tx: WriteTransaction, id: number): { state: WorkflowState; completionDate: LocalDate | null } {
  const hold = tx
    .select({ fromState: taskTransitions.fromState })
    .from(taskTransitions)
    .where(and(eq(taskTransitions.taskId, id), eq(taskTransitions.toState, "on_hold")))
    .orderBy(desc(taskTransitions.id))
    .get();
  const started = tx
    .select({ id: taskTransitions.id })
    .from(taskTransitions)
    .where(
      and(eq(taskTransitions.taskId, id), inArray(taskTransitions.toState, ["in_progress", "awaiting_confirmation"])),
    )
    .get();
  const state = stateAfterResume(hold?.fromState ?? null, started !== undefined);
  if (state !== "awaiting_confirmation") return { state, completionDate: null };
  const row = tx.select({ completionDate: tasks.completionDate }).from(tasks).where(eq(tasks.id, id)).get();
  return { state, completionDate: row?.completionDate ?? null };
}

/**
 * The secretariat's moves: put on hold, withdraw (cancel), resume. A reason is
 * required to hold or withdraw; resuming goes back to the step the task was held
 * at (`resumeTarget`). A hold leaves the reported completion on the row.
 */
export function changeTaskState(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  input: { to: "on_hold" | "cancelled" | "resume"; reason: string | null },
  origin: RequestOrigin,
  now = Date.now(),
): TaskWriteResult {
  return writeTransaction(db, (tx): TaskWriteResult => {
    const before = taskSnapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion)
      return { ok: false, error: "conflict", changes: changesSince(tx, id, baseVersion) };
    const target = input.to === "resume" ? resumeTarget(tx, id) : { state: input.to, completionDate: null };
    const to: WorkflowState = target.state;
    if ((input.to === "resume" && before.state !== "on_hold") || !canMove(before.state, to)) {
      return { ok: false, error: "invalid_move", from: before.state, to };
    }
    tx.insert(taskTransitions)
      .values({
        taskId: id,
        fromState: before.state,
        toState: to,
        changedAt: now,
        changedBy: author.id,
        reason: input.reason,
        completionDate: target.completionDate,
      })
      .run();
    tx.update(tasks)
      .set({ state: to, stateReason: input.reason, version: sql`${tasks.version} + 1`, updatedAt: now })
      .where(eq(tasks.id, id))
      .run();
    const after = taskSnapshot(tx, id);
    const action = input.to === "resume" ? "task.resume" : input.to === "on_hold" ? "task.hold" : "task.cancel";
    recordAudit(tx, { actorId: author.id, action, entityType: "task", entityId: id, before, after, origin, at: now });
    return { ok: true, id, version: after!.version };
  });
}
