// The department's desk and the decisions on it (docs/domain-rules.md §3–§5): progress reports,
// extension requests and their decisions, two-step completion, comments and
// instructions. One function per use case; each checks the actor's permission on
// the task, runs in one IMMEDIATE transaction with its audit event (entity `task`,
// so the task's history and the conflict report see it), and keeps the task row
// consistent with the history the status of a past day is computed from
// (task_transitions, extension_requests.decided_at, progress_reports.created_at).
//
// Results are `{ ok: true, … }` or `{ ok: false, error, … }` with a code the page
// translates. A form resubmitted with the same idempotency key (double click,
// retry) returns the stored result with `duplicate: true` and writes nothing.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import {
  comments,
  extensionRequests,
  progressReports,
  reminders,
  targets,
  targetValues,
  tasks,
  taskTransitions,
} from "../../db/schema";
import { isLocalDate, today, type Instant, type LocalDate } from "../domain/dates";
import {
  DECISION_STATE,
  decidedDueDate,
  extensionDecisionViolations,
  extensionRequestViolations,
  PROGRESS_LIMITS,
  type ExtensionDecision,
  type ExtensionTaskFacts,
  type ExtensionViolation,
} from "../domain/extensions";
import {
  canDecideExtension,
  canOnTask,
  canSeeTask,
  type Actor,
  type Permission,
  type TaskAccessFacts,
} from "../domain/permissions";
import { DEPARTMENT_ROLES, type WorkflowState } from "../domain/vocabulary";
import { canReportCompletion } from "../domain/workflow";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { notifyTaskEvent } from "./notifications.server";
import { indexProgressReport } from "./search.server";
import { percentStandingAfterReturn } from "./task-rows.server";
import { changesSince, type TaskChange } from "./tasks.server";
import { taskAccessFacts } from "./visibility.server";
import { firstRow } from "./sql-rows.server";

// ---------------------------------------------------------------- results

export type ProgressError =
  /** The task (or request) does not exist, or the actor may not see it. */
  | { error: "not_found" }
  /** Visible, but the actor's role or department may not do this; `own_request` for a requester deciding. */
  | { error: "forbidden"; reason?: "own_request" }
  /** Someone saved the task after `baseVersion`; nothing was written. */
  | { error: "conflict"; changes: TaskChange[] }
  /** Malformed input: the fields at fault. */
  | { error: "invalid"; fields: string[] }
  /** The task's workflow state does not allow this. */
  | { error: "invalid_state"; state: WorkflowState }
  /** A date after today (as-of date, completion date). */
  | { error: "date_in_future"; field: string }
  /** A date before the task was assigned. */
  | { error: "date_before_assigned"; field: string }
  /** Target ids that are not targets of this task. */
  | { error: "unknown_target"; targetIds: number[] }
  /** An extension rule of docs/domain-rules.md §5 (app/domain/extensions.ts). */
  | { error: "rule"; violations: ExtensionViolation[] };

export type ProgressResult<T extends object = object> =
  ({ ok: true; duplicate: boolean; id: number } & T) | ({ ok: false } & ProgressError);

// ---------------------------------------------------------------- input

const localDate = z.string().refine(isLocalDate);
const requiredText = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(PROGRESS_LIMITS.idempotencyKey)
  .nullish()
  .transform((value) => value ?? null);
const id = z.number().int().positive();
const version = z.number().int().min(1);

const progressReportSchema = z.object({
  taskId: id,
  baseVersion: version,
  asOfDate: localDate,
  percent: z.number().int().min(0).max(100),
  result: requiredText(PROGRESS_LIMITS.result),
  difficulties: optionalText(PROGRESS_LIMITS.difficulties),
  proposals: optionalText(PROGRESS_LIMITS.proposals),
  targetValues: z
    .array(z.object({ targetId: id, value: z.number().finite() }))
    .max(PROGRESS_LIMITS.targetValues)
    .optional()
    .default([]),
  idempotencyKey,
});
export type ProgressReportInput = z.input<typeof progressReportSchema>;

const extensionRequestSchema = z.object({
  taskId: id,
  proposedDueDate: localDate,
  reason: requiredText(PROGRESS_LIMITS.reason),
  idempotencyKey,
});
export type ExtensionRequestInput = z.input<typeof extensionRequestSchema>;

const decisionSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("approve"), note: optionalText(PROGRESS_LIMITS.note) }),
  z.object({ outcome: z.literal("reject"), note: requiredText(PROGRESS_LIMITS.note) }),
  z.object({ outcome: z.literal("counter"), dueDate: localDate, note: optionalText(PROGRESS_LIMITS.note) }),
]);
const extensionDecisionSchema = z.object({ requestId: id, baseVersion: version }).and(decisionSchema);
export type ExtensionDecisionInput = z.input<typeof extensionDecisionSchema>;

const completionReportSchema = z.object({
  taskId: id,
  baseVersion: version,
  completionDate: localDate,
  result: requiredText(PROGRESS_LIMITS.result),
  targetValues: progressReportSchema.shape.targetValues,
  idempotencyKey,
});
export type CompletionReportInput = z.input<typeof completionReportSchema>;

const completionDecisionSchema = z.object({ taskId: id, baseVersion: version });
export type CompletionConfirmInput = z.input<typeof completionDecisionSchema>;

const completionReturnSchema = completionDecisionSchema.extend({ reason: requiredText(PROGRESS_LIMITS.reason) });
export type CompletionReturnInput = z.input<typeof completionReturnSchema>;

const commentSchema = z.object({ taskId: id, body: requiredText(PROGRESS_LIMITS.commentBody), idempotencyKey });
export type CommentInput = z.input<typeof commentSchema>;

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; error: "invalid"; fields: string[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join(".") || "input"))];
  return { ok: false, error: "invalid", fields };
}

// ---------------------------------------------------------------- shared steps

/** The task fields the desk changes: what audit events show and conflicts compare. */
function progressSnapshot(tx: WriteTransaction, taskId: number) {
  return (
    tx
      .select({
        state: tasks.state,
        stateReason: tasks.stateReason,
        percent: tasks.percent,
        lastReportedAt: tasks.lastReportedAt,
        originalDueDate: tasks.originalDueDate,
        currentDueDate: tasks.currentDueDate,
        completionDate: tasks.completionDate,
        completionReportedAt: tasks.completionReportedAt,
        completionResult: tasks.completionResult,
        confirmedAt: tasks.confirmedAt,
        confirmedBy: tasks.confirmedBy,
        version: tasks.version,
      })
      .from(tasks)
      .where(eq(tasks.id, taskId))
      .get() ?? null
  );
}

function taskRow(tx: WriteTransaction, taskId: number) {
  return tx
    .select({
      id: tasks.id,
      parentId: tasks.parentId,
      leadDepartmentId: tasks.leadDepartmentId,
      deadlineKind: tasks.deadlineKind,
      currentDueDate: tasks.currentDueDate,
      assignedOn: tasks.assignedOn,
      state: tasks.state,
      completionDate: tasks.completionDate,
      version: tasks.version,
    })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .get();
}
type TaskRow = NonNullable<ReturnType<typeof taskRow>>;

/**
 * docs/domain-rules.md §5 visibility first: a task the actor cannot see is `not_found` (its
 * existence is not revealed); a visible one they may not act on is `forbidden`.
 */
function authorize(
  db: AppDatabase,
  actor: Actor,
  taskId: number,
  permission: Permission,
): { ok: true; facts: TaskAccessFacts } | { ok: false; error: "not_found" } | { ok: false; error: "forbidden" } {
  // better-sqlite3 has one connection: this read runs inside the caller's transaction.
  const facts = taskAccessFacts(db, taskId);
  if (facts === null || !canSeeTask(actor, facts)) return { ok: false, error: "not_found" };
  if (!canOnTask(actor, permission, facts)) return { ok: false, error: "forbidden" };
  return { ok: true, facts };
}

function conflict(tx: WriteTransaction, task: TaskRow, baseVersion: number): ({ ok: false } & ProgressError) | null {
  if (task.version === baseVersion) return null;
  return { ok: false, error: "conflict", changes: changesSince(tx, task.id, baseVersion) };
}

/** Records a workflow move (the history the status is computed from) and sets the row's state. */
function move(
  tx: WriteTransaction,
  actor: Actor,
  task: TaskRow,
  to: WorkflowState,
  reason: string | null,
  completionDate: LocalDate | null,
  now: Instant,
  row: Partial<typeof tasks.$inferInsert> = {},
): number {
  const { id } = tx
    .insert(taskTransitions)
    .values({
      taskId: task.id,
      fromState: task.state,
      toState: to,
      changedAt: now,
      changedBy: actor.id,
      reason,
      completionDate,
    })
    .returning({ id: taskTransitions.id })
    .get();
  // The row's other fields move with the state in one UPDATE: the CHECKs tie them together.
  tx.update(tasks)
    .set({ ...row, state: to, stateReason: reason })
    .where(eq(tasks.id, task.id))
    .run();
  task.state = to;
  return id;
}

/** Every change of the task row bumps its version once. */
function touch(tx: WriteTransaction, taskId: number, now: Instant): void {
  tx.update(tasks)
    .set({ version: sql`${tasks.version} + 1`, updatedAt: now })
    .where(eq(tasks.id, taskId))
    .run();
}

/** The department answered: its open reminders about this task are resolved. */
function resolveReminders(tx: WriteTransaction, taskId: number, departmentId: number, now: Instant): number {
  return tx
    .update(reminders)
    .set({ resolvedAt: now })
    .where(and(eq(reminders.taskId, taskId), eq(reminders.departmentId, departmentId), isNull(reminders.resolvedAt)))
    .run().changes;
}

function audit(
  tx: WriteTransaction,
  actor: Actor,
  action: string,
  taskId: number,
  before: unknown,
  after: unknown,
  origin: RequestOrigin,
  now: Instant,
): void {
  recordAudit(tx, { actorId: actor.id, action, entityType: "task", entityId: taskId, before, after, origin, at: now });
}

function currentVersion(tx: WriteTransaction, taskId: number): number {
  return tx.select({ version: tasks.version }).from(tasks).where(eq(tasks.id, taskId)).get()?.version ?? 1;
}

/** The stored report for an idempotency key: a duplicate of this task's submission, or a misuse. */
function reportByKey(tx: WriteTransaction, key: string | null, taskId: number): { id: number } | "other_task" | null {
  if (key === null) return null;
  const found = tx
    .select({ id: progressReports.id, taskId: progressReports.taskId })
    .from(progressReports)
    .where(eq(progressReports.idempotencyKey, key))
    .get();
  if (!found) return null;
  return found.taskId === taskId ? { id: found.id } : "other_task";
}

interface ReportToFile {
  asOfDate: LocalDate;
  percent: number;
  result: string;
  difficulties: string | null;
  proposals: string | null;
  targetValues: { targetId: number; value: number }[];
  idempotencyKey: string | null;
}

/** Checks that each target belongs to the task; returns the ids that do not. */
function foreignTargets(tx: WriteTransaction, taskId: number, values: ReportToFile["targetValues"]): number[] {
  if (values.length === 0) return [];
  const wanted = [...new Set(values.map((v) => v.targetId))];
  const own = new Set(
    tx
      .select({ id: targets.id })
      .from(targets)
      .where(and(eq(targets.taskId, taskId), inArray(targets.id, wanted)))
      .all()
      .map((t) => t.id),
  );
  return wanted.filter((targetId) => !own.has(targetId));
}

/**
 * Appends a progress report (and its target values) and indexes it for search. The
 * lead department's report is the task's progress: it sets the percent, the last
 * report time and the targets' current values; a coordinator's report does not.
 */
function fileReport(
  tx: WriteTransaction,
  actor: Actor & { departmentId: number },
  task: TaskRow,
  report: ReportToFile,
  now: Instant,
): number {
  const isLead = actor.departmentId === task.leadDepartmentId;
  const { id: reportId } = tx
    .insert(progressReports)
    .values({
      taskId: task.id,
      departmentId: actor.departmentId,
      authorId: actor.id,
      asOfDate: report.asOfDate,
      percent: report.percent,
      result: report.result,
      difficulties: report.difficulties,
      proposals: report.proposals,
      idempotencyKey: report.idempotencyKey,
      createdAt: now,
    })
    .returning({ id: progressReports.id })
    .get();
  for (const { targetId, value } of report.targetValues) {
    tx.insert(targetValues)
      .values({
        targetId,
        progressReportId: reportId,
        value,
        asOfDate: report.asOfDate,
        recordedBy: actor.id,
        createdAt: now,
      })
      .run();
    if (isLead) tx.update(targets).set({ currentValue: value, updatedAt: now }).where(eq(targets.id, targetId)).run();
  }
  if (isLead) {
    tx.update(tasks).set({ percent: report.percent, lastReportedAt: now }).where(eq(tasks.id, task.id)).run();
  }
  indexProgressReport(tx, reportId);
  return reportId;
}

/** Department roles only: the desk's writes are filed in the name of the actor's department. */
function withDepartment(actor: Actor): (Actor & { departmentId: number }) | null {
  return actor.departmentId === null ? null : { ...actor, departmentId: actor.departmentId };
}

// ---------------------------------------------------------------- progress reports

/** States in which a department reports progress (a report on a returned task restarts the work). */
const REPORTABLE_STATES: readonly WorkflowState[] = ["open", "in_progress", "returned"];

/**
 * Files a progress report (append-only: a correction is a new report). The first
 * report moves an open or returned task to in progress. `baseVersion` is checked
 * when the report changes the task row (the lead's report, or a state move).
 */
export function submitProgressReport(
  db: AppDatabase,
  actor: Actor,
  input: ProgressReportInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult<{ version: number }> {
  const parsed = parse(progressReportSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  return writeTransaction(db, (tx): ProgressResult<{ version: number }> => {
    const access = authorize(db, actor, value.taskId, "progress.report");
    if (!access.ok) return access;
    const reporter = withDepartment(actor);
    if (reporter === null) return { ok: false, error: "forbidden" };
    const stored = reportByKey(tx, value.idempotencyKey, value.taskId);
    if (stored === "other_task") return { ok: false, error: "invalid", fields: ["idempotencyKey"] };
    if (stored) return { ok: true, duplicate: true, id: stored.id, version: currentVersion(tx, value.taskId) };

    const task = taskRow(tx, value.taskId)!;
    if (!REPORTABLE_STATES.includes(task.state)) return { ok: false, error: "invalid_state", state: task.state };
    if (value.asOfDate > today(now)) return { ok: false, error: "date_in_future", field: "asOfDate" };
    if (value.asOfDate < task.assignedOn) return { ok: false, error: "date_before_assigned", field: "asOfDate" };
    const unknown = foreignTargets(tx, task.id, value.targetValues);
    if (unknown.length > 0) return { ok: false, error: "unknown_target", targetIds: unknown };

    const isLead = reporter.departmentId === task.leadDepartmentId;
    const changesRow = isLead || task.state !== "in_progress";
    if (changesRow) {
      const stale = conflict(tx, task, value.baseVersion);
      if (stale) return stale;
    }
    const before = progressSnapshot(tx, task.id);
    if (task.state !== "in_progress") move(tx, actor, task, "in_progress", null, null, now);
    const reportId = fileReport(tx, reporter, task, value, now);
    if (changesRow) touch(tx, task.id, now);
    const resolved = resolveReminders(tx, task.id, reporter.departmentId, now);
    const after = progressSnapshot(tx, task.id)!;
    const details = {
      progressReportId: reportId,
      departmentId: reporter.departmentId,
      reportedPercent: value.percent,
      asOfDate: value.asOfDate,
      targetValues: value.targetValues,
      remindersResolved: resolved,
    };
    // A report that leaves the row alone carries no version, so it never counts as a conflicting save.
    audit(
      tx,
      actor,
      "progress.report",
      task.id,
      changesRow ? before : null,
      changesRow ? { ...after, ...details } : details,
      origin,
      now,
    );
    return { ok: true, duplicate: false, id: reportId, version: after.version };
  });
}

// ---------------------------------------------------------------- extensions

function extensionFacts(tx: WriteTransaction, task: TaskRow): ExtensionTaskFacts {
  const parent =
    task.parentId === null
      ? undefined
      : tx
          .select({ deadlineKind: tasks.deadlineKind, dueDate: tasks.currentDueDate })
          .from(tasks)
          .where(eq(tasks.id, task.parentId))
          .get();
  const pending = tx
    .select({ id: extensionRequests.id })
    .from(extensionRequests)
    .where(and(eq(extensionRequests.taskId, task.id), eq(extensionRequests.state, "pending")))
    .get();
  return {
    deadlineKind: task.deadlineKind,
    state: task.state,
    currentDueDate: task.currentDueDate,
    parentDueDate: parent?.deadlineKind === "dated" ? parent.dueDate : null,
    hasPendingRequest: pending !== undefined,
  };
}

/**
 * The lead department asks for a later deadline with a reason. The request is
 * pending until decided; the task row does not change (no version needed).
 */
export function requestExtension(
  db: AppDatabase,
  actor: Actor,
  input: ExtensionRequestInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult {
  const parsed = parse(extensionRequestSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  return writeTransaction(db, (tx): ProgressResult => {
    const access = authorize(db, actor, value.taskId, "extension.request");
    if (!access.ok) return access;
    const requester = withDepartment(actor);
    if (requester === null) return { ok: false, error: "forbidden" };
    if (value.idempotencyKey !== null) {
      const stored = tx
        .select({ id: extensionRequests.id, taskId: extensionRequests.taskId })
        .from(extensionRequests)
        .where(eq(extensionRequests.idempotencyKey, value.idempotencyKey))
        .get();
      if (stored && stored.taskId !== value.taskId) return { ok: false, error: "invalid", fields: ["idempotencyKey"] };
      if (stored) return { ok: true, duplicate: true, id: stored.id };
    }

    const task = taskRow(tx, value.taskId)!;
    const violations = extensionRequestViolations(extensionFacts(tx, task), value, today(now));
    if (violations.length > 0) return { ok: false, error: "rule", violations };
    const request = {
      taskId: task.id,
      requestedBy: actor.id,
      departmentId: requester.departmentId,
      currentDueDate: task.currentDueDate!,
      proposedDueDate: value.proposedDueDate,
      reason: value.reason,
      state: "pending" as const,
      idempotencyKey: value.idempotencyKey,
      createdAt: now,
    };
    const { id: requestId } = tx
      .insert(extensionRequests)
      .values(request)
      .returning({ id: extensionRequests.id })
      .get();
    const resolved = resolveReminders(tx, task.id, requester.departmentId, now);
    notifyTaskEvent(
      tx,
      task.id,
      actor.id,
      { kind: "extension_requested", departmentId: requester.departmentId, proposedDueDate: request.proposedDueDate },
      now,
    );
    audit(
      tx,
      actor,
      "extension.request",
      task.id,
      null,
      {
        extensionRequestId: requestId,
        currentDueDate: request.currentDueDate,
        proposedDueDate: request.proposedDueDate,
        reason: request.reason,
        remindersResolved: resolved,
      },
      origin,
      now,
    );
    return { ok: true, duplicate: false, id: requestId };
  });
}

/**
 * The secretariat or leadership decides a pending request: approve (the proposed
 * date comes into force), reject (a reason is required; the date stays), or counter
 * with another later date. Approval and counter change the task's current due date
 * (never the original) and check `baseVersion`; a rejection leaves the row alone.
 * Deciding again what the same person already decided the same way is a duplicate.
 */
export function decideExtension(
  db: AppDatabase,
  actor: Actor,
  input: ExtensionDecisionInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult<{ version: number; dueDate: LocalDate | null }> {
  type Result = ProgressResult<{ version: number; dueDate: LocalDate | null }>;
  const parsed = parse(extensionDecisionSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const decision = value as ExtensionDecision;
  return writeTransaction(db, (tx): Result => {
    const request = tx.select().from(extensionRequests).where(eq(extensionRequests.id, value.requestId)).get();
    if (!request) return { ok: false, error: "not_found" };
    const access = authorize(db, actor, request.taskId, "extension.decide");
    if (!access.ok) return access;
    if (!canDecideExtension(actor, access.facts, request.requestedBy)) {
      return { ok: false, error: "forbidden", reason: "own_request" };
    }
    const dueDate = decidedDueDate(request, decision);
    if (
      request.state === DECISION_STATE[decision.outcome] &&
      request.decidedBy === actor.id &&
      request.approvedDueDate === dueDate
    ) {
      return { ok: true, duplicate: true, id: request.id, version: currentVersion(tx, request.taskId), dueDate };
    }

    const task = taskRow(tx, request.taskId)!;
    const violations = extensionDecisionViolations(request, extensionFacts(tx, task), actor.id, decision);
    if (violations.length > 0) return { ok: false, error: "rule", violations };
    const changesRow = dueDate !== null;
    if (changesRow) {
      const stale = conflict(tx, task, value.baseVersion);
      if (stale) return stale;
    }
    const before = progressSnapshot(tx, task.id);
    const note = decision.note ?? null;
    tx.update(extensionRequests)
      .set({
        state: DECISION_STATE[decision.outcome],
        decidedBy: actor.id,
        decidedAt: now,
        decisionNote: note,
        approvedDueDate: dueDate,
      })
      .where(eq(extensionRequests.id, request.id))
      .run();
    if (changesRow) {
      tx.update(tasks).set({ currentDueDate: dueDate }).where(eq(tasks.id, task.id)).run();
      touch(tx, task.id, now);
    }
    const after = progressSnapshot(tx, task.id)!;
    notifyTaskEvent(
      tx,
      task.id,
      actor.id,
      {
        kind: "extension_decided",
        departmentId: request.departmentId,
        outcome: DECISION_STATE[decision.outcome] as "approved" | "rejected" | "countered",
        dueDate,
        note,
      },
      now,
    );
    const details = {
      extensionRequestId: request.id,
      proposedDueDate: request.proposedDueDate,
      approvedDueDate: dueDate,
      decisionNote: note,
    };
    audit(
      tx,
      actor,
      `extension.${decision.outcome}`,
      task.id,
      changesRow ? before : null,
      changesRow ? { ...after, ...details } : details,
      origin,
      now,
    );
    return { ok: true, duplicate: false, id: request.id, version: after.version, dueDate };
  });
}

/** Original and current deadline, how often it was extended, and the pending request if any. */
export function extensionSummary(db: AppDatabase, taskId: number) {
  const task = db
    .select({ originalDueDate: tasks.originalDueDate, currentDueDate: tasks.currentDueDate })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .get();
  if (!task) return null;
  const extensionCount =
    firstRow(
      db,
      { n: "integer" },
      sql`
      SELECT count(*) AS n FROM extension_requests
      WHERE task_id = ${taskId} AND state IN ('approved', 'countered')`,
    )?.n ?? 0;
  const pending =
    db
      .select({
        id: extensionRequests.id,
        requestedBy: extensionRequests.requestedBy,
        proposedDueDate: extensionRequests.proposedDueDate,
        reason: extensionRequests.reason,
        createdAt: extensionRequests.createdAt,
      })
      .from(extensionRequests)
      .where(and(eq(extensionRequests.taskId, taskId), eq(extensionRequests.state, "pending")))
      .get() ?? null;
  return { ...task, extensionCount, pending };
}

// ---------------------------------------------------------------- two-step completion

/**
 * The lead department reports the task done, with the result and the completion
 * date (≤ today, ≥ the day it was assigned). The task awaits the secretariat's
 * confirmation; a final 100% progress report is filed with it. Evidence files are
 * attached by the page to the returned `progressReportId` / `transitionId`.
 */
export function reportCompletion(
  db: AppDatabase,
  actor: Actor,
  input: CompletionReportInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult<{ version: number; progressReportId: number; transitionId: number | null }> {
  type Result = ProgressResult<{ version: number; progressReportId: number; transitionId: number | null }>;
  const parsed = parse(completionReportSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  return writeTransaction(db, (tx): Result => {
    const access = authorize(db, actor, value.taskId, "completion.report");
    if (!access.ok) return access;
    const reporter = withDepartment(actor);
    if (reporter === null) return { ok: false, error: "forbidden" };
    const stored = reportByKey(tx, value.idempotencyKey, value.taskId);
    if (stored === "other_task") return { ok: false, error: "invalid", fields: ["idempotencyKey"] };
    if (stored) {
      const version = currentVersion(tx, value.taskId);
      return { ok: true, duplicate: true, id: value.taskId, version, progressReportId: stored.id, transitionId: null };
    }

    const task = taskRow(tx, value.taskId)!;
    if (!canReportCompletion(task.state)) return { ok: false, error: "invalid_state", state: task.state };
    if (value.completionDate > today(now)) return { ok: false, error: "date_in_future", field: "completionDate" };
    if (value.completionDate < task.assignedOn) {
      return { ok: false, error: "date_before_assigned", field: "completionDate" };
    }
    const unknown = foreignTargets(tx, task.id, value.targetValues);
    if (unknown.length > 0) return { ok: false, error: "unknown_target", targetIds: unknown };
    const stale = conflict(tx, task, value.baseVersion);
    if (stale) return stale;

    const before = progressSnapshot(tx, task.id);
    const progressReportId = fileReport(
      tx,
      reporter,
      task,
      {
        asOfDate: value.completionDate,
        percent: 100,
        result: value.result,
        difficulties: null,
        proposals: null,
        targetValues: value.targetValues,
        idempotencyKey: value.idempotencyKey,
      },
      now,
    );
    const transitionId = move(tx, actor, task, "awaiting_confirmation", null, value.completionDate, now, {
      completionDate: value.completionDate,
      completionReportedAt: now,
      completionResult: value.result,
    });
    touch(tx, task.id, now);
    const resolved = resolveReminders(tx, task.id, reporter.departmentId, now);
    notifyTaskEvent(
      tx,
      task.id,
      actor.id,
      { kind: "completion_reported", departmentId: reporter.departmentId, completionDate: value.completionDate },
      now,
    );
    const after = progressSnapshot(tx, task.id)!;
    audit(
      tx,
      actor,
      "completion.report",
      task.id,
      before,
      { ...after, progressReportId, remindersResolved: resolved },
      origin,
      now,
    );
    return { ok: true, duplicate: false, id: task.id, version: after.version, progressReportId, transitionId };
  });
}

/** The last transition of a task, to recognise a decision submitted twice. */
function lastTransition(tx: WriteTransaction, taskId: number) {
  return tx
    .select({ toState: taskTransitions.toState, changedBy: taskTransitions.changedBy, reason: taskTransitions.reason })
    .from(taskTransitions)
    .where(eq(taskTransitions.taskId, taskId))
    .orderBy(desc(taskTransitions.id))
    .get();
}

/**
 * The secretariat confirms a reported completion: the task is done, on the date the
 * department reported (the transition carries it; the status judges it).
 */
export function confirmCompletion(
  db: AppDatabase,
  actor: Actor,
  input: CompletionConfirmInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult<{ version: number }> {
  const parsed = parse(completionDecisionSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  return decideCompletion(db, actor, value.taskId, value.baseVersion, now, {
    // A repeat of this decider's own confirmation (double click, retry) is answered as done.
    repeats: (task, last) => task.state === "done" && last?.toState === "done" && last.changedBy === actor.id,
    apply: (tx, task) =>
      move(tx, actor, task, "done", null, task.completionDate, now, { confirmedAt: now, confirmedBy: actor.id }),
    event: () => ({ kind: "completion_confirmed" }),
    action: "completion.confirm",
    origin,
  });
}

/**
 * The secretariat returns a reported completion with a reason: the task is
 * `returned` (thực hiện lại) and says why; the reported completion is cleared. The
 * department's next report puts it back in progress.
 */
export function returnCompletion(
  db: AppDatabase,
  actor: Actor,
  input: CompletionReturnInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult<{ version: number }> {
  const parsed = parse(completionReturnSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  return decideCompletion(db, actor, value.taskId, value.baseVersion, now, {
    repeats: (task, last) =>
      task.state === "returned" &&
      last?.toState === "returned" &&
      last.changedBy === actor.id &&
      last.reason === value.reason,
    apply: (tx, task) =>
      move(tx, actor, task, "returned", value.reason, null, now, {
        completionDate: null,
        completionReportedAt: null,
        completionResult: null,
        // The completion's 100% no longer stands: the percent reported before it does.
        percent: percentStandingAfterReturn(tx, task.id),
      }),
    event: (tx, task) => ({
      kind: "completion_returned",
      reason: value.reason,
      percent: percentStandingAfterReturn(tx, task.id),
    }),
    action: "completion.return",
    origin,
  });
}

/**
 * Confirming or returning a reported completion: the decider's permission on the
 * task, a repeat of the same decision answered as a duplicate, the task awaiting
 * confirmation at the version the form was based on; then the move, its
 * notification and its audit event in one transaction.
 */
function decideCompletion(
  db: AppDatabase,
  actor: Actor,
  taskId: number,
  baseVersion: number,
  now: Instant,
  decision: {
    repeats: (task: TaskRow, last: ReturnType<typeof lastTransition>) => boolean;
    apply: (tx: WriteTransaction, task: TaskRow) => void;
    /** What the departments are told, read after the move. */
    event: (tx: WriteTransaction, task: TaskRow) => Parameters<typeof notifyTaskEvent>[3];
    action: "completion.confirm" | "completion.return";
    origin: RequestOrigin;
  },
): ProgressResult<{ version: number }> {
  return writeTransaction(db, (tx): ProgressResult<{ version: number }> => {
    const access = authorize(db, actor, taskId, "completion.decide");
    if (!access.ok) return access;
    const task = taskRow(tx, taskId)!;
    if (decision.repeats(task, lastTransition(tx, task.id))) {
      return { ok: true, duplicate: true, id: task.id, version: task.version };
    }
    if (task.state !== "awaiting_confirmation") return { ok: false, error: "invalid_state", state: task.state };
    const stale = conflict(tx, task, baseVersion);
    if (stale) return stale;

    const before = progressSnapshot(tx, task.id);
    decision.apply(tx, task);
    touch(tx, task.id, now);
    const after = progressSnapshot(tx, task.id)!;
    notifyTaskEvent(tx, task.id, actor.id, decision.event(tx, task), now);
    audit(tx, actor, decision.action, task.id, before, after, decision.origin, now);
    return { ok: true, duplicate: false, id: task.id, version: after.version };
  });
}

// ---------------------------------------------------------------- comments

/**
 * A comment on the task's thread, by anyone who may see and comment on it.
 * Leadership's comments are stored as instructions (ý kiến chỉ đạo), fixed when
 * written, and notified to the lead and coordinating departments. The same form
 * posted twice (same idempotency key) is stored once.
 */
export function addComment(
  db: AppDatabase,
  actor: Actor,
  input: CommentInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ProgressResult<{ isInstruction: boolean }> {
  const parsed = parse(commentSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  return writeTransaction(db, (tx): ProgressResult<{ isInstruction: boolean }> => {
    const access = authorize(db, actor, value.taskId, "comment.write");
    if (!access.ok) return access;
    if (value.idempotencyKey !== null) {
      const stored = tx
        .select({ id: comments.id, taskId: comments.taskId, isInstruction: comments.isInstruction })
        .from(comments)
        .where(eq(comments.idempotencyKey, value.idempotencyKey))
        .get();
      if (stored && stored.taskId !== value.taskId) return { ok: false, error: "invalid", fields: ["idempotencyKey"] };
      if (stored) return { ok: true, duplicate: true, id: stored.id, isInstruction: stored.isInstruction };
    }
    const isInstruction = actor.role === "leadership";
    const { id: commentId } = tx
      .insert(comments)
      .values({
        taskId: value.taskId,
        authorId: actor.id,
        isInstruction,
        body: value.body,
        idempotencyKey: value.idempotencyKey,
        createdAt: now,
      })
      .returning({ id: comments.id })
      .get();
    notifyTaskEvent(
      tx,
      value.taskId,
      actor.id,
      isInstruction
        ? { kind: "instruction", body: value.body }
        : {
            kind: "comment",
            body: value.body,
            byDepartment: (DEPARTMENT_ROLES as readonly string[]).includes(actor.role),
          },
      now,
    );
    audit(tx, actor, "comment.add", value.taskId, null, { commentId, isInstruction, body: value.body }, origin, now);
    return { ok: true, duplicate: false, id: commentId, isInstruction };
  });
}
