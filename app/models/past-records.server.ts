// Deadline changes and records entered after the fact ("nhập bổ sung"), by the
// secretariat (docs/domain-rules.md §4.4, docs/decisions/018). Each keeps the day it
// took effect and the instant it was recorded; the audit event carries both and the
// reason. One function per use case, one IMMEDIATE transaction each.
import { and, desc, eq, sql } from "drizzle-orm";
import { extensionRequests, taskDeadlineChanges, tasks, taskTransitions } from "../../db/schema";
import { endOfLocalDay, localDateOf, type Instant, type LocalDate } from "../domain/dates";
import {
  deadlineChangeInstant,
  deadlineChangeProblems,
  effectiveInstant,
  isLateEntry,
  onField,
  pastDayViolations,
  type DeadlineChange,
  type PastRecordProblem,
} from "../domain/past-records";
import { canOnTask, canSeeTask, type Actor } from "../domain/permissions";
import { dueDateInForce, type TaskFacts } from "../domain/status";
import { canReportCompletion } from "../domain/workflow";
import type { WorkflowState } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { loadTaskFacts } from "./status-facts.server";
import { changesSince, type TaskChange } from "./tasks.server";
import { taskAccessFacts } from "./visibility.server";
import { firstRow } from "./sql-rows.server";

export type PastRecordResult =
  | { ok: true; id: number; version: number }
  | { ok: false; error: "not_found" | "forbidden" | "undated" | "pending_request" }
  | { ok: false; error: "conflict"; changes: TaskChange[] }
  | { ok: false; error: "invalid_state"; state: WorkflowState }
  | { ok: false; error: "rule"; violations: PastRecordProblem[] };

interface TaskRow {
  id: number;
  state: WorkflowState;
  deadlineKind: "dated" | "ongoing" | "none";
  assignedOn: LocalDate;
  leadDepartmentId: number;
  version: number;
}

function taskRow(tx: WriteTransaction, taskId: number): TaskRow | undefined {
  return tx
    .select({
      id: tasks.id,
      state: tasks.state,
      deadlineKind: tasks.deadlineKind,
      assignedOn: tasks.assignedOn,
      leadDepartmentId: tasks.leadDepartmentId,
      version: tasks.version,
    })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .get();
}

/**
 * Visibility first (a task the actor cannot see is `not_found`), then the permission
 * to enter history, then the version the form was based on.
 */
function begin(
  db: AppDatabase,
  tx: WriteTransaction,
  actor: Actor,
  taskId: number,
  baseVersion: number,
): { ok: true; task: TaskRow } | Extract<PastRecordResult, { ok: false }> {
  const access = taskAccessFacts(db, taskId);
  if (access === null || !canSeeTask(actor, access)) return { ok: false, error: "not_found" };
  if (!canOnTask(actor, "history.enter", access)) return { ok: false, error: "forbidden" };
  const task = taskRow(tx, taskId);
  if (!task) return { ok: false, error: "not_found" };
  if (task.version !== baseVersion)
    return { ok: false, error: "conflict", changes: changesSince(tx, taskId, baseVersion) };
  return { ok: true, task };
}

/** The latest instant a move or deadline fact of the task takes effect (null: none yet). */
function latestFactAt(tx: WriteTransaction, taskId: number): Instant | null {
  return (
    firstRow(
      tx,
      { at: "integer?" },
      sql`SELECT max(at) AS at FROM (
      SELECT max(changed_at) AS at FROM task_transitions WHERE task_id = ${taskId}
      UNION ALL SELECT max(decided_at) FROM extension_requests
        WHERE task_id = ${taskId} AND state IN ('approved', 'countered')
      UNION ALL SELECT max(effective_at) FROM task_deadline_changes WHERE task_id = ${taskId} AND kind = 'change')`,
    )?.at ?? null
  );
}

/** What the status rules know of a task (its deadlines among them), as it stands. */
function factsOf(db: AppDatabase, taskId: number): TaskFacts {
  return loadTaskFacts(db, [taskId]).get(taskId)!;
}

/** The due date in force at an instant, by the status rules (app/domain/status.ts), from the task's history. */
export function dueDateInForceAt(db: AppDatabase, taskId: number, at: Instant): LocalDate | null {
  return dueDateInForce(factsOf(db, taskId), at + 1);
}

/** The row keeps the deadline in force now, the one every page, list, reminder and check reads. */
function keepDueDateInForce(db: AppDatabase, tx: WriteTransaction, taskId: number, now: Instant): LocalDate | null {
  const due = dueDateInForceAt(db, taskId, now);
  tx.update(tasks)
    .set({ currentDueDate: due, version: sql`${tasks.version} + 1`, updatedAt: now })
    .where(eq(tasks.id, taskId))
    .run();
  return due;
}

/**
 * The audit event of a record, with both its times and its reason among the details,
 * and the result the caller returns (the task's new version).
 */
function audited(
  tx: WriteTransaction,
  actor: Actor,
  action: string,
  taskId: number,
  before: ReturnType<typeof snapshot>,
  details: Record<string, unknown>,
  origin: RequestOrigin,
  now: Instant,
): PastRecordResult {
  const after = snapshot(tx, taskId)!;
  recordAudit(tx, {
    actorId: actor.id,
    action,
    entityType: "task",
    entityId: taskId,
    before,
    after: { ...after, ...details },
    origin,
    at: now,
  });
  return { ok: true, id: taskId, version: after.version };
}

function snapshot(tx: WriteTransaction, taskId: number) {
  return tx
    .select({
      state: tasks.state,
      originalDueDate: tasks.originalDueDate,
      currentDueDate: tasks.currentDueDate,
      completionDate: tasks.completionDate,
      completionResult: tasks.completionResult,
      confirmedAt: tasks.confirmedAt,
      version: tasks.version,
    })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .get();
}

/**
 * A new deadline on an issued task: a change from a day (default today), or the
 * correction of an entry error (in force from the assignment). The original due
 * date is never overwritten; the row's current due date becomes the one in force.
 */
export function changeDeadline(
  db: AppDatabase,
  actor: Actor,
  taskId: number,
  baseVersion: number,
  change: DeadlineChange,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): PastRecordResult {
  return writeTransaction(db, (tx): PastRecordResult => {
    const started = begin(db, tx, actor, taskId, baseVersion);
    if (!started.ok) return started;
    const { task } = started;
    if (task.deadlineKind !== "dated") return { ok: false, error: "undated" };
    const facts = factsOf(db, taskId);
    const dueInForce = dueDateInForce(facts, now + 1);
    const latest = latestFactAt(tx, taskId);
    const violations = deadlineChangeProblems(
      change,
      { assignedOn: task.assignedOn, dueInForce, latestFactAt: latest },
      now,
    );
    const effectiveOn = change.kind === "change" ? (change.effectiveOn ?? localDateOf(now)) : null;
    // From the start of its day, but after a fact already in effect that day (an
    // extension decided then): a change entered later overrides it.
    const effectiveAt =
      effectiveOn === null ? now : Math.max(deadlineChangeInstant(effectiveOn, now), (latest ?? 0) + 1);
    const dayRefused = violations.some((v) => v.field === "effectiveOn");
    if (effectiveOn !== null && !dayRefused && effectiveAt >= Math.min(endOfLocalDay(effectiveOn), now + 1)) {
      violations.push({ code: "before_latest_move", field: "effectiveOn" });
    }
    if (violations.length > 0) return { ok: false, error: "rule", violations };
    const before = snapshot(tx, taskId);
    // A correction replaces the deadline of the assignment; a change the one in force when it takes effect.
    const previous =
      change.kind === "correction" ? dueDateInForce(facts, facts.createdAt + 1) : dueDateInForce(facts, effectiveAt);
    const { id } = tx
      .insert(taskDeadlineChanges)
      .values({
        taskId,
        kind: change.kind,
        previousDueDate: previous ?? dueInForce!,
        dueDate: change.dueDate,
        effectiveAt,
        reason: change.reason.trim(),
        changedBy: actor.id,
        createdAt: now,
      })
      .returning({ id: taskDeadlineChanges.id })
      .get();
    keepDueDateInForce(db, tx, taskId, now);
    return audited(
      tx,
      actor,
      change.kind === "correction" ? "task.deadline_correct" : "task.deadline_change",
      taskId,
      before,
      {
        deadlineChangeId: id,
        dueDate: change.dueDate,
        effectiveOn,
        recordedAt: now,
        entryReason: change.reason.trim(),
      },
      origin,
      now,
    );
  });
}

/**
 * An extension decided outside the app (on paper) and entered later: an approved
 * request on behalf of the lead department, decided on `decidedOn`, recorded now.
 */
export function recordPastExtension(
  db: AppDatabase,
  actor: Actor,
  taskId: number,
  baseVersion: number,
  input: { dueDate: LocalDate; decidedOn: LocalDate; reason: string },
  origin: RequestOrigin,
  now: Instant = Date.now(),
): PastRecordResult {
  return writeTransaction(db, (tx): PastRecordResult => {
    const started = begin(db, tx, actor, taskId, baseVersion);
    if (!started.ok) return started;
    const { task } = started;
    if (task.deadlineKind !== "dated") return { ok: false, error: "undated" };
    const pending = tx
      .select({ id: extensionRequests.id })
      .from(extensionRequests)
      .where(and(eq(extensionRequests.taskId, taskId), eq(extensionRequests.state, "pending")))
      .get();
    if (pending) return { ok: false, error: "pending_request" };
    const decidedAt = effectiveInstant(input.decidedOn, now);
    const dueThen = dueDateInForceAt(db, taskId, decidedAt);
    const violations: PastRecordProblem[] = [
      ...onField(
        "decidedOn",
        pastDayViolations(
          input.decidedOn,
          { assignedOn: task.assignedOn, latestFactAt: latestFactAt(tx, taskId) },
          now,
        ),
      ),
      ...onField("reason", input.reason.trim() === "" ? ["reason_required"] : []),
      ...onField("dueDate", dueThen !== null && input.dueDate <= dueThen ? ["not_later_than_due"] : []),
    ];
    if (violations.length > 0) return { ok: false, error: "rule", violations };
    const before = snapshot(tx, taskId);
    const late = isLateEntry(input.decidedOn, now);
    const { id } = tx
      .insert(extensionRequests)
      .values({
        taskId,
        requestedBy: actor.id,
        departmentId: task.leadDepartmentId,
        currentDueDate: dueThen!,
        proposedDueDate: input.dueDate,
        reason: input.reason.trim(),
        state: "approved",
        decidedBy: actor.id,
        decidedAt,
        decisionRecordedAt: late ? now : null,
        decisionNote: input.reason.trim(),
        approvedDueDate: input.dueDate,
        createdAt: now,
      })
      .returning({ id: extensionRequests.id })
      .get();
    keepDueDateInForce(db, tx, taskId, now);
    return audited(
      tx,
      actor,
      "extension.record_past",
      taskId,
      before,
      {
        extensionRequestId: id,
        approvedDueDate: input.dueDate,
        effectiveOn: input.decidedOn,
        recordedAt: now,
        entryReason: input.reason.trim(),
      },
      origin,
      now,
    );
  });
}

/**
 * A completion reported (and perhaps confirmed) outside the app and entered later:
 * the lead department's completion date, the day it reported it, and the day the
 * secretariat confirmed it, each taking effect on its day.
 */
export function recordPastCompletion(
  db: AppDatabase,
  actor: Actor,
  taskId: number,
  baseVersion: number,
  input: {
    completionDate: LocalDate;
    reportedOn: LocalDate;
    confirmedOn: LocalDate | null;
    result: string;
    reason: string;
  },
  origin: RequestOrigin,
  now: Instant = Date.now(),
): PastRecordResult {
  return writeTransaction(db, (tx): PastRecordResult => {
    const started = begin(db, tx, actor, taskId, baseVersion);
    if (!started.ok) return started;
    const { task } = started;
    if (!canReportCompletion(task.state)) return { ok: false, error: "invalid_state", state: task.state };
    const facts = { assignedOn: task.assignedOn, latestFactAt: latestFactAt(tx, taskId) };
    const violations: PastRecordProblem[] = [
      ...onField("reportedOn", pastDayViolations(input.reportedOn, facts, now)),
      ...onField("confirmedOn", input.confirmedOn === null ? [] : pastDayViolations(input.confirmedOn, facts, now)),
      ...onField("completionDate", pastDayViolations(input.completionDate, { ...facts, latestFactAt: null }, now)),
      ...onField("completionDate", input.completionDate > input.reportedOn ? ["completed_after_reported"] : []),
      ...onField(
        "confirmedOn",
        input.confirmedOn !== null && input.confirmedOn < input.reportedOn ? ["confirmed_before_reported"] : [],
      ),
      ...onField("reason", input.reason.trim() === "" ? ["reason_required"] : []),
    ];
    if (violations.length > 0) return { ok: false, error: "rule", violations };

    const before = snapshot(tx, taskId);
    const reportedAt = effectiveInstant(input.reportedOn, now);
    const transition = (toState: WorkflowState, fromState: WorkflowState, on: LocalDate, at: Instant) =>
      tx
        .insert(taskTransitions)
        .values({
          taskId,
          fromState,
          toState,
          changedAt: at,
          recordedAt: isLateEntry(on, now) ? now : null,
          changedBy: actor.id,
          reason: input.reason.trim(),
          completionDate: input.completionDate,
        })
        .returning({ id: taskTransitions.id })
        .get().id;
    const transitionIds = [transition("awaiting_confirmation", task.state, input.reportedOn, reportedAt)];
    const confirmedAt = input.confirmedOn === null ? null : effectiveInstant(input.confirmedOn, now);
    if (input.confirmedOn !== null && confirmedAt !== null) {
      transitionIds.push(transition("done", "awaiting_confirmation", input.confirmedOn, confirmedAt));
    }
    tx.update(tasks)
      .set({
        state: confirmedAt === null ? "awaiting_confirmation" : "done",
        stateReason: null,
        percent: 100,
        completionDate: input.completionDate,
        completionReportedAt: reportedAt,
        completionResult: input.result.trim(),
        confirmedAt,
        confirmedBy: confirmedAt === null ? null : actor.id,
        version: sql`${tasks.version} + 1`,
        updatedAt: now,
      })
      .where(eq(tasks.id, taskId))
      .run();
    return audited(
      tx,
      actor,
      "completion.record_past",
      taskId,
      before,
      {
        transitionIds,
        reportedOn: input.reportedOn,
        confirmedOn: input.confirmedOn,
        recordedAt: now,
        entryReason: input.reason.trim(),
      },
      origin,
      now,
    );
  });
}

/** The deadline changes of a task, newest first, for its history. */
export function deadlineChanges(db: AppDatabase, taskId: number) {
  return db
    .select({
      id: taskDeadlineChanges.id,
      kind: taskDeadlineChanges.kind,
      previousDueDate: taskDeadlineChanges.previousDueDate,
      dueDate: taskDeadlineChanges.dueDate,
      effectiveAt: taskDeadlineChanges.effectiveAt,
      recordedAt: taskDeadlineChanges.createdAt,
      reason: taskDeadlineChanges.reason,
    })
    .from(taskDeadlineChanges)
    .where(eq(taskDeadlineChanges.taskId, taskId))
    .orderBy(desc(taskDeadlineChanges.id))
    .all();
}
