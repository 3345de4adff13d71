import { aliasedTable, and, asc, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import {
  attachments,
  comments,
  departments,
  directives,
  extensionRequests,
  progressReports,
  reminders,
  targets,
  taskDeadlineChanges,
  taskLeadAssignments,
  tasks,
  taskTransitions,
  users,
} from "../../db/schema";
import { endOfLocalDay, startOfLocalDay, today, type Instant, type LocalDate } from "../domain/dates";
import { automaticRuleOf } from "../domain/reminders";
import { WORKFLOW_STATES, type StatusBasis } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import type { Actor } from "../domain/permissions";
import { visibleTasksFilter } from "./visibility.server";
import { taskRows } from "./task-rows.server";
import { targetsAsOf } from "./task-targets.server";
import { taskAttachments } from "./attachments.server";
import type { AttachmentView, HistoryAttachment, HistoryEntry } from "../domain/views";
import { firstRow, allRows } from "./sql-rows.server";

export type { HistoryAttachment, HistoryEntry };

/**
 * The workflow step of a task at `cutoff` on a basis, from its transitions: the step,
 * the reason of a hold, withdrawal or return, the completion date reported and, once
 * confirmed, when. Before any transition a task is open.
 */
export function workflowAt(db: AppDatabase, taskId: number, cutoff: Instant, basis: StatusBasis) {
  const countsFrom = basis === "happened" ? sql`changed_at` : sql`max(changed_at, coalesce(recorded_at, changed_at))`;
  const last = firstRow(
    db,
    { state: WORKFLOW_STATES, reason: "text?", completionDate: "text?", at: "integer" },
    sql`
    SELECT to_state AS state, reason, completion_date AS completionDate, changed_at AS at
    FROM task_transitions WHERE task_id = ${taskId} AND ${countsFrom} < ${cutoff}
    ORDER BY ${countsFrom} DESC, id DESC LIMIT 1`,
  );
  const state = last?.state ?? "open";
  return {
    state,
    stateReason: last?.reason ?? null,
    completionDate: state === "awaiting_confirmation" || state === "done" ? (last?.completionDate ?? null) : null,
    confirmedAt: state === "done" ? (last?.at ?? null) : null,
  };
}

/**
 * A task the caller has already checked the actor may see; related tasks are shown
 * only if visible too. For a past day, everything as it stood at the end of that day
 * on the basis (docs/domain-rules.md §4.4); `row` is null when the task had not been
 * assigned yet.
 */
export function getTask(db: AppDatabase, actor: Actor, id: number, asOf: LocalDate, basis: StatusBasis) {
  const [row] = taskRows(db, { asOf, basis, taskFilter: sql`t.id = ${id}` });
  const task = db
    .select({
      id: tasks.id,
      description: tasks.description,
      assignedOn: tasks.assignedOn,
      state: tasks.state,
      stateReason: tasks.stateReason,
      version: tasks.version,
      leadDepartmentId: tasks.leadDepartmentId,
      completionDate: tasks.completionDate,
      completionResult: tasks.completionResult,
      confirmedAt: tasks.confirmedAt,
      createdAt: tasks.createdAt,
      parentId: tasks.parentId,
      directiveId: directives.id,
      directiveNumber: directives.number,
      directiveAbstract: directives.abstract,
      directiveConfidential: directives.confidential,
    })
    .from(tasks)
    .innerJoin(directives, eq(directives.id, tasks.directiveId))
    .where(eq(tasks.id, id))
    .get();
  if (!task) return null;
  const past = asOf < today();
  const cutoff = endOfLocalDay(asOf);
  const workflow = past ? workflowAt(db, id, cutoff, basis) : null;

  const related = (condition: SQL) =>
    allRows(
      db,
      { id: "integer", itemNumber: "text", title: "text" },
      sql`
      SELECT t.id, t.item_number AS itemNumber, t.title FROM tasks t
      WHERE ${condition} AND ${visibleTasksFilter(actor)} ORDER BY t.position, t.id`,
    );
  const parent = task.parentId === null ? null : (related(sql`t.id = ${task.parentId}`)[0] ?? null);
  const subtasks = related(sql`t.parent_id = ${id}`);
  // For a past day: the targets set by its end, valued as then, and the files that
  // existed then. Today: the values in force now (the desk's report form starts from them).
  const taskTargets = past
    ? targetsAsOf(db, [id], asOf).map(({ id, name, unit, baseline, targetValue, direction, currentValue }) => ({
        id,
        name,
        unit,
        baseline,
        targetValue,
        direction,
        currentValue,
      }))
    : db
        .select({
          id: targets.id,
          name: targets.name,
          unit: targets.unit,
          baseline: targets.baseline,
          targetValue: targets.targetValue,
          direction: targets.direction,
          currentValue: targets.currentValue,
        })
        .from(targets)
        .where(eq(targets.taskId, id))
        .orderBy(asc(targets.position))
        .all();

  return {
    row: row ?? null,
    task: workflow === null ? task : { ...task, ...workflow },
    parent,
    subtasks,
    targets: taskTargets,
    history: past ? historyAt(taskHistory(db, id, task, cutoff), cutoff, basis) : taskHistory(db, id, task, null),
  };
}

/**
 * The extension request the task page shows: the pending one (with who asked), else
 * the last decided one, so the requester sees the decision.
 */
export function extensionRequestShown(db: AppDatabase, taskId: number) {
  const decider = aliasedTable(users, "decider");
  return (
    db
      .select({
        id: extensionRequests.id,
        state: extensionRequests.state,
        requestedBy: extensionRequests.requestedBy,
        requester: users.displayName,
        department: departments.name,
        createdAt: extensionRequests.createdAt,
        currentDueDate: extensionRequests.currentDueDate,
        proposedDueDate: extensionRequests.proposedDueDate,
        reason: extensionRequests.reason,
        decider: decider.displayName,
        decidedAt: extensionRequests.decidedAt,
        note: extensionRequests.decisionNote,
        approvedDueDate: extensionRequests.approvedDueDate,
      })
      .from(extensionRequests)
      .innerJoin(departments, eq(departments.id, extensionRequests.departmentId))
      .leftJoin(users, eq(users.id, extensionRequests.requestedBy))
      .leftJoin(decider, eq(decider.id, extensionRequests.decidedBy))
      .where(eq(extensionRequests.taskId, taskId))
      .orderBy(sql`${extensionRequests.state} = 'pending' DESC`, desc(extensionRequests.id))
      .get() ?? null
  );
}

export function extensionRequestTaskId(db: AppDatabase, requestId: number): number | null {
  return (
    db
      .select({ taskId: extensionRequests.taskId })
      .from(extensionRequests)
      .where(eq(extensionRequests.id, requestId))
      .get()?.taskId ?? null
  );
}

/**
 * The entries of a past day's page: those in effect by `cutoff` as it happened, or
 * recorded by then as recorded; a record's own moment stays its effective one.
 */
function historyAt(entries: HistoryEntry[], cutoff: Instant, basis: StatusBasis): HistoryEntry[] {
  return entries.filter((e) => (basis === "happened" ? e.at : Math.max(e.at, e.recordedAt ?? e.at)) < cutoff);
}

/**
 * Everything that happened to a task, oldest first, with the files attached to each
 * record — those uploaded before `filesBefore` when given (a page for a past day).
 */
function taskHistory(
  db: AppDatabase,
  taskId: number,
  { createdAt, assignedOn }: { createdAt: number; assignedOn: LocalDate },
  filesBefore: Instant | null,
): HistoryEntry[] {
  const decider = aliasedTable(users, "decider");
  const history: HistoryEntry[] = [];

  // The department it was first given to (a later re-assignment or merge is in its history).
  const firstLead =
    db
      .select({ name: departments.name })
      .from(taskLeadAssignments)
      .innerJoin(departments, eq(departments.id, taskLeadAssignments.departmentId))
      .where(eq(taskLeadAssignments.taskId, taskId))
      .orderBy(asc(taskLeadAssignments.fromAt), asc(taskLeadAssignments.id))
      .get() ??
    db
      .select({ name: departments.name })
      .from(tasks)
      .innerJoin(departments, eq(departments.id, tasks.leadDepartmentId))
      .where(eq(tasks.id, taskId))
      .get();
  // A task counts from its assignment day, entered then or after the fact.
  const assignedAt = Math.min(createdAt, startOfLocalDay(assignedOn));
  history.push({
    kind: "created",
    at: assignedAt,
    recordedAt: assignedAt < createdAt ? createdAt : null,
    department: firstLead?.name ?? "",
  });
  const files = attachmentsByRecord(taskId, attachmentsBefore(db, taskId, filesBefore));

  for (const { id, ...t } of db
    .select({
      id: taskTransitions.id,
      at: taskTransitions.changedAt,
      recordedAt: taskTransitions.recordedAt,
      state: taskTransitions.toState,
      actor: users.displayName,
      reason: taskTransitions.reason,
      completionDate: taskTransitions.completionDate,
    })
    .from(taskTransitions)
    .leftJoin(users, eq(users.id, taskTransitions.changedBy))
    .where(eq(taskTransitions.taskId, taskId))
    .orderBy(asc(taskTransitions.id))
    .all()) {
    history.push({ kind: "transition", ...t, attachments: files.transition.get(id) ?? [] });
  }

  for (const { id, ...r } of db
    .select({
      id: progressReports.id,
      at: progressReports.createdAt,
      department: departments.name,
      actor: users.displayName,
      percent: progressReports.percent,
      result: progressReports.result,
      difficulties: progressReports.difficulties,
      proposals: progressReports.proposals,
    })
    .from(progressReports)
    .innerJoin(departments, eq(departments.id, progressReports.departmentId))
    .leftJoin(users, eq(users.id, progressReports.authorId))
    .where(eq(progressReports.taskId, taskId))
    .orderBy(asc(progressReports.id))
    .all()) {
    history.push({ kind: "report", ...r, attachments: files.report.get(id) ?? [] });
  }

  for (const e of db
    .select({
      id: extensionRequests.id,
      createdAt: extensionRequests.createdAt,
      department: departments.name,
      requester: users.displayName,
      from: extensionRequests.currentDueDate,
      to: extensionRequests.proposedDueDate,
      reason: extensionRequests.reason,
      state: extensionRequests.state,
      decidedAt: extensionRequests.decidedAt,
      decisionRecordedAt: extensionRequests.decisionRecordedAt,
      decider: decider.displayName,
      note: extensionRequests.decisionNote,
      approved: extensionRequests.approvedDueDate,
    })
    .from(extensionRequests)
    .innerJoin(departments, eq(departments.id, extensionRequests.departmentId))
    .leftJoin(users, eq(users.id, extensionRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, extensionRequests.decidedBy))
    .where(eq(extensionRequests.taskId, taskId))
    .orderBy(asc(extensionRequests.id))
    .all()) {
    history.push({
      kind: "extension_requested",
      at: e.createdAt,
      department: e.department,
      actor: e.requester,
      from: e.from,
      to: e.to,
      reason: e.reason,
      attachments: files.extension.get(e.id) ?? [],
    });
    if (e.state !== "pending" && e.decidedAt !== null) {
      history.push({
        kind: "extension_decided",
        at: e.decidedAt,
        recordedAt: e.decisionRecordedAt,
        actor: e.decider,
        state: e.state,
        date: e.approved,
        note: e.note,
      });
    }
  }

  for (const c of db
    .select({
      at: taskDeadlineChanges.effectiveAt,
      recordedAt: taskDeadlineChanges.createdAt,
      actor: users.displayName,
      kind: taskDeadlineChanges.kind,
      from: taskDeadlineChanges.previousDueDate,
      to: taskDeadlineChanges.dueDate,
      reason: taskDeadlineChanges.reason,
    })
    .from(taskDeadlineChanges)
    .leftJoin(users, eq(users.id, taskDeadlineChanges.changedBy))
    .where(eq(taskDeadlineChanges.taskId, taskId))
    .orderBy(asc(taskDeadlineChanges.id))
    .all()) {
    const { kind, ...change } = c;
    history.push({ kind: "deadline_changed", correction: kind === "correction", ...change });
  }

  for (const c of db
    .select({
      at: comments.createdAt,
      actor: users.displayName,
      instruction: comments.isInstruction,
      body: comments.body,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.taskId, taskId))
    .orderBy(asc(comments.id))
    .all()) {
    history.push({ kind: "comment", ...c });
  }

  for (const r of db
    .select({
      at: reminders.sentAt,
      actor: users.displayName,
      department: departments.name,
      ordinal: reminders.ordinal,
      message: reminders.message,
      kind: reminders.kind,
      dedupeKey: reminders.dedupeKey,
    })
    .from(reminders)
    .innerJoin(departments, eq(departments.id, reminders.departmentId))
    .leftJoin(users, eq(users.id, reminders.sentBy))
    .where(eq(reminders.taskId, taskId))
    .orderBy(asc(reminders.id))
    .all()) {
    const { kind, dedupeKey, ...rest } = r;
    history.push({ kind: "reminder", ...rest, rule: kind === "automatic" ? automaticRuleOf(dedupeKey) : null });
  }

  // Stable sort: entries recorded at the same instant keep their recording order.
  return history.sort((a, b) => a.at - b.at);
}

/** A task's attachments, only those uploaded before `cutoff` when one is given. */
function attachmentsBefore(db: AppDatabase, taskId: number, cutoff: Instant | null): AttachmentView[] {
  const all = taskAttachments(db, taskId);
  if (cutoff === null) return all;
  const existing = new Set(
    db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(eq(attachments.taskId, taskId), lt(attachments.createdAt, cutoff)))
      .all()
      .map((a) => a.id),
  );
  return all.filter((a) => existing.has(a.id));
}

/**
 * A task's attachments by the record they came with. A completion's evidence is
 * filed against both its 100% report and its workflow step; it is shown once,
 * with the step ("reported done").
 */
function attachmentsByRecord(taskId: number, rows: AttachmentView[]) {
  const byRecord = {
    report: new Map<number, HistoryAttachment[]>(),
    extension: new Map<number, HistoryAttachment[]>(),
    transition: new Map<number, HistoryAttachment[]>(),
  };
  const add = (map: Map<number, HistoryAttachment[]>, key: number, row: AttachmentView) => {
    const shown = {
      id: row.id,
      fileName: row.fileName,
      mediaType: row.mediaType,
      sizeBytes: row.sizeBytes,
      href: `/tasks/${taskId}/attachments/${row.id}`,
    };
    map.set(key, [...(map.get(key) ?? []), shown]);
  };
  for (const row of rows) {
    if (row.taskTransitionId !== null) add(byRecord.transition, row.taskTransitionId, row);
    else if (row.progressReportId !== null) add(byRecord.report, row.progressReportId, row);
    else if (row.extensionRequestId !== null) add(byRecord.extension, row.extensionRequestId, row);
  }
  return byRecord;
}
