// In-app notifications (docs/decisions/011): who hears about what, written in
// the same transaction as the event; the reader's list and unread count; marking
// read. A notification names its task (a sign-in lock names none); the list and the
// count only show those whose task the reader may still see (a re-assignment never
// leaks a task).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { departments, notifications, taskCoordinators, tasks, users } from "../../db/schema";
import type { Instant, LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { AutomaticReminderRule } from "../domain/reminders";
import type { SignInLock } from "../domain/sign-in-locks";
import { DEPARTMENT_ROLES, NOTIFICATION_KINDS, type NotificationKind, type Role } from "../domain/vocabulary";
import { afterCommit, writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { deliverSoon, initialEmailState } from "./mailer.server";
import { shortened, type NotificationParams } from "../lib/notification-text";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { visibleTasksFilter } from "./visibility.server";
import { firstRow, allRows } from "./sql-rows.server";

// ---------------------------------------------------------------- who hears about what

/** Something that happened on a task, as the notifications need it. */
export type TaskEvent =
  | {
      kind: "reminder";
      reminderId: number;
      departmentId: number;
      ordinal: number;
      rule: AutomaticReminderRule | null;
      dueDate: LocalDate | null;
      message: string | null;
    }
  | { kind: "escalation"; reminderId: number; departmentId: number; ordinal: number }
  | { kind: "extension_requested"; departmentId: number; proposedDueDate: LocalDate }
  | {
      kind: "extension_decided";
      departmentId: number;
      outcome: "approved" | "rejected" | "countered";
      dueDate: LocalDate | null;
      note: string | null;
    }
  | { kind: "completion_reported"; departmentId: number; completionDate: LocalDate }
  | { kind: "completion_confirmed" }
  | { kind: "completion_returned"; reason: string; percent: number }
  | { kind: "instruction"; body: string }
  | { kind: "comment"; body: string; byDepartment: boolean }
  | { kind: "task_assigned"; departmentId: number; role: "lead" | "coordinator" };

/** Active users with these roles. */
function usersWithRole(tx: WriteTransaction, role: Role): number[] {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true)))
    .all()
    .map((u) => u.id);
}

/** Active users of these departments (heads and focal points). */
function departmentMembers(tx: WriteTransaction, departmentIds: readonly number[]): number[] {
  if (departmentIds.length === 0) return [];
  return tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.departmentId, [...departmentIds]),
        inArray(users.role, [...DEPARTMENT_ROLES]),
        eq(users.active, true),
      ),
    )
    .all()
    .map((u) => u.id);
}

function leadDepartment(tx: WriteTransaction, taskId: number): number {
  return tx.select({ id: tasks.leadDepartmentId }).from(tasks).where(eq(tasks.id, taskId)).get()!.id;
}

function inDraft(tx: WriteTransaction, taskId: number): boolean {
  return (
    firstRow(
      tx,
      { draft: "integer" },
      sql`
      SELECT d.state = 'draft' AS draft FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE t.id = ${taskId}`,
    )?.draft === 1
  );
}

/** The lead department and the coordinating ones. */
function taskDepartments(tx: WriteTransaction, taskId: number): number[] {
  const coordinators = tx
    .select({ id: taskCoordinators.departmentId })
    .from(taskCoordinators)
    .where(eq(taskCoordinators.taskId, taskId))
    .all()
    .map((c) => c.id);
  return [leadDepartment(tx, taskId), ...coordinators];
}

function departmentName(tx: WriteTransaction, departmentId: number): string {
  return (
    tx.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId)).get()?.name ?? ""
  );
}

/** The recipients and stored facts of an event (the one place that says who hears about what). */
function audienceOf(
  tx: WriteTransaction,
  taskId: number,
  event: TaskEvent,
): { recipients: number[]; params: NotificationParams } {
  switch (event.kind) {
    case "reminder":
      return {
        recipients: departmentMembers(tx, [event.departmentId]),
        params: {
          ordinal: event.ordinal,
          rule: event.rule,
          department: departmentName(tx, event.departmentId),
          date: event.dueDate,
          text: shortened(event.message),
        },
      };
    case "escalation":
      return {
        recipients: usersWithRole(tx, "leadership"),
        params: { ordinal: event.ordinal, department: departmentName(tx, event.departmentId) },
      };
    case "extension_requested":
      return {
        recipients: usersWithRole(tx, "secretariat"),
        params: { department: departmentName(tx, event.departmentId), date: event.proposedDueDate },
      };
    case "completion_reported":
      return {
        recipients: usersWithRole(tx, "secretariat"),
        params: { department: departmentName(tx, event.departmentId), date: event.completionDate },
      };
    case "extension_decided":
      return {
        recipients: departmentMembers(tx, [event.departmentId]),
        params: { outcome: event.outcome, date: event.dueDate, text: shortened(event.note) },
      };
    case "completion_confirmed":
      return { recipients: departmentMembers(tx, [leadDepartment(tx, taskId)]), params: {} };
    case "completion_returned":
      return {
        recipients: departmentMembers(tx, [leadDepartment(tx, taskId)]),
        params: { text: shortened(event.reason), percent: event.percent },
      };
    case "instruction":
      return {
        recipients: departmentMembers(tx, taskDepartments(tx, taskId)),
        params: { text: shortened(event.body) },
      };
    case "comment":
      // The departments on the task talk with each other and with the secretariat,
      // which follows every task; leadership is not told of every exchange. A draft
      // directive's task is not the departments' yet (they are told of it at issue).
      return {
        recipients: [
          ...(inDraft(tx, taskId) ? [] : departmentMembers(tx, taskDepartments(tx, taskId))),
          ...(event.byDepartment ? usersWithRole(tx, "secretariat") : []),
        ],
        params: { text: shortened(event.body) },
      };
    case "task_assigned":
      return {
        recipients: departmentMembers(tx, [event.departmentId]),
        params: { department: departmentName(tx, event.departmentId), role: event.role },
      };
  }
}

/**
 * Notifies whoever an event on a task concerns, in the caller's transaction; never
 * the actor. With SMTP configured, recipients with an e-mail address get it queued,
 * and sent in the background once the transaction has committed (`queuedEmails`).
 * Returns how many e-mails were queued.
 */
export function notifyTaskEvent(
  tx: WriteTransaction,
  taskId: number,
  actorId: number | null,
  event: TaskEvent,
  now: Instant,
): { notified: number; emailsQueued: number } {
  const { recipients, params } = audienceOf(tx, taskId, event);
  const ids = [...new Set(recipients)].filter((id) => id !== actorId);
  if (ids.length === 0) return { notified: 0, emailsQueued: 0 };
  const emails = new Map(
    tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.id, ids))
      .all()
      .map((u) => [u.id, u.email]),
  );
  const reminderId = event.kind === "reminder" || event.kind === "escalation" ? event.reminderId : null;
  const json = JSON.stringify(
    Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined)),
  );
  let emailsQueued = 0;
  for (const userId of ids) {
    const emailState = initialEmailState(emails.get(userId) ?? null);
    if (emailState === "pending") emailsQueued += 1;
    tx.insert(notifications)
      .values({ userId, kind: event.kind, taskId, reminderId, actorId, params: json, createdAt: now, emailState })
      .run();
  }
  queuedEmails(emailsQueued);
  return { notified: ids.length, emailsQueued };
}

/** E-mails queued in the transaction under way go out in the background once it has committed. */
function queuedEmails(count: number): void {
  if (count > 0) afterCommit((db) => deliverSoon(db));
}

/** A sign-in lock that just started: on an account (its owner, if the login exists) or on an address. */
export interface SignInLockEvent {
  ownerId: number | null;
  /** The login as typed (lower-cased). */
  login: string;
  address: string;
  lock: SignInLock;
  /** Wrong passwords that reached the lock. */
  count: number;
}

/**
 * Tells the account's owner and every active administrator that sign-ins were locked
 * (in the caller's transaction; by e-mail too where they have an address): the owner
 * learns that someone is guessing, the administrators can step in. Returns how many
 * e-mails were queued.
 */
export function notifySignInLocked(tx: WriteTransaction, event: SignInLockEvent, now: Instant): number {
  const recipients = new Set(usersWithRole(tx, "admin"));
  if (event.ownerId !== null) recipients.add(event.ownerId);
  if (recipients.size === 0) return 0;
  const params = JSON.stringify({
    lock: event.lock.scope,
    login: event.login,
    address: event.address,
    count: event.count,
    until: event.lock.until,
  } satisfies NotificationParams);
  let emailsQueued = 0;
  for (const user of tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, [...recipients]), eq(users.active, true)))
    .all()) {
    const emailState = initialEmailState(user.email);
    if (emailState === "pending") emailsQueued += 1;
    tx.insert(notifications)
      .values({ userId: user.id, kind: "sign_in_locked", params, createdAt: now, emailState })
      .run();
  }
  queuedEmails(emailsQueued);
  return emailsQueued;
}

/** What a write gave to which departments: the new lead (if it changed) and the added coordinators. */
export interface Assignment {
  lead: number | null;
  coordinators: readonly number[];
}

/**
 * Tells the departments a task was just given to, as lead or coordinator. A draft
 * directive's tasks are nobody's yet: they are announced when it is issued
 * (`announceDirectiveTasks`). Withdrawn tasks are not announced.
 */
export function announceAssignment(
  tx: WriteTransaction,
  taskId: number,
  actorId: number | null,
  assignment: Assignment,
  now: Instant,
): void {
  const task = firstRow(
    tx,
    { draft: "integer", cancelled: "integer" },
    sql`
    SELECT d.state = 'draft' AS draft, t.state = 'cancelled' AS cancelled
    FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE t.id = ${taskId}`,
  );
  if (!task || task.draft || task.cancelled) return;
  if (assignment.lead !== null) {
    notifyTaskEvent(tx, taskId, actorId, { kind: "task_assigned", departmentId: assignment.lead, role: "lead" }, now);
  }
  for (const departmentId of new Set(assignment.coordinators)) {
    if (departmentId === assignment.lead) continue;
    notifyTaskEvent(tx, taskId, actorId, { kind: "task_assigned", departmentId, role: "coordinator" }, now);
  }
}

/** The tasks issuing a directive gives to departments (withdrawn ones are not given), with their departments. */
function tasksGivenOnIssue(db: AppDatabase | WriteTransaction, directiveId: number) {
  return allRows(
    db,
    { id: "integer", lead: "integer", coordinators: "text?" },
    sql`
    SELECT t.id, t.lead_department_id AS lead,
      (SELECT json_group_array(c.department_id) FROM task_coordinators c WHERE c.task_id = t.id) AS coordinators
    FROM tasks t WHERE t.directive_id = ${directiveId} AND t.state <> 'cancelled' ORDER BY t.position`,
  ).map((row) => ({ id: row.id, lead: row.lead, coordinators: JSON.parse(row.coordinators ?? "[]") as number[] }));
}

/** On issuing a directive: each of its tasks is announced to its lead and coordinating departments. */
export function announceDirectiveTasks(
  tx: WriteTransaction,
  directiveId: number,
  actorId: number | null,
  now: Instant,
): void {
  for (const task of tasksGivenOnIssue(tx, directiveId)) {
    announceAssignment(tx, task.id, actorId, { lead: task.lead, coordinators: task.coordinators }, now);
  }
}

/** What the issuing step tells the secretariat before it issues: how many tasks go to how many departments. */
export function issueAudience(db: AppDatabase, directiveId: number): { tasks: number; departments: number } {
  const tasks = tasksGivenOnIssue(db, directiveId);
  const departments = new Set(tasks.flatMap((task) => [task.lead, ...task.coordinators]));
  return { tasks: tasks.length, departments: departments.size };
}

// ---------------------------------------------------------------- the reader's side

/** Notifications whose task the reader may see (or that name no task), as a condition over `n`. */
function readable(user: Actor) {
  return sql`(n.task_id IS NULL OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = n.task_id AND ${visibleTasksFilter(user)}))`;
}

/**
 * The unread count of the badge: one COUNT over the partial index of unread rows.
 * `openingTaskId`: the task the same request opens, whose notifications that request
 * marks read (`markTaskNotificationsRead`) — left out here whichever of the two runs
 * first, since a page's loaders run side by side.
 */
export function unreadCount(db: AppDatabase, user: Actor, openingTaskId: number | null = null): number {
  const opening = openingTaskId === null ? sql`` : sql` AND (n.task_id IS NULL OR n.task_id <> ${openingTaskId})`;
  return (
    firstRow(
      db,
      { n: "integer" },
      sql`
      SELECT count(*) AS n FROM notifications n
      WHERE n.user_id = ${user.id} AND n.read_at IS NULL AND ${readable(user)}${opening}`,
    )?.n ?? 0
  );
}

export const NOTIFICATION_PAGE_SIZE = 20;

export interface NotificationRow {
  id: number;
  kind: NotificationKind;
  params: string;
  taskId: number | null;
  taskLabel: string | null;
  actorName: string | null;
  createdAt: number;
  readAt: number | null;
}

/** One page of the reader's notifications, newest first. */
export function listNotifications(db: AppDatabase, user: Actor, page: number) {
  const total =
    firstRow(
      db,
      { n: "integer" },
      sql`SELECT count(*) AS n FROM notifications n WHERE n.user_id = ${user.id} AND ${readable(user)}`,
    )?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / NOTIFICATION_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows: NotificationRow[] = allRows(
    db,
    {
      id: "integer",
      kind: NOTIFICATION_KINDS,
      params: "text",
      taskId: "integer?",
      taskLabel: "text?",
      actorName: "text?",
      createdAt: "integer",
      readAt: "integer?",
    },
    sql`
    SELECT n.id, n.kind, n.params, n.task_id AS taskId, t.item_number || '. ' || t.title AS taskLabel,
      a.display_name AS actorName, n.created_at AS createdAt, n.read_at AS readAt
    FROM notifications n
    LEFT JOIN tasks t ON t.id = n.task_id
    LEFT JOIN users a ON a.id = n.actor_id
    WHERE n.user_id = ${user.id} AND ${readable(user)}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${NOTIFICATION_PAGE_SIZE} OFFSET ${(current - 1) * NOTIFICATION_PAGE_SIZE}`,
  );
  return { rows, total, page: current, pages, unread: unreadCount(db, user) };
}

export type MarkReadResult = { ok: true; changed: number } | { ok: false; error: "not_found" };

/**
 * Marks one of the reader's notifications read. Another user's notification, or
 * one about a task the reader may no longer see, is `not_found`. Audited.
 */
export function markNotificationRead(
  db: AppDatabase,
  user: Actor,
  notificationId: number,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): MarkReadResult {
  return writeTransaction(db, (tx): MarkReadResult => {
    const found = firstRow(
      tx,
      { id: "integer", readAt: "integer?" },
      sql`
      SELECT n.id, n.read_at AS readAt FROM notifications n
      WHERE n.id = ${notificationId} AND n.user_id = ${user.id} AND ${readable(user)}`,
    );
    if (!found) return { ok: false, error: "not_found" };
    if (found.readAt !== null) return { ok: true, changed: 0 };
    tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, notificationId)).run();
    recordAudit(tx, {
      actorId: user.id,
      action: "notification.read",
      entityType: "notification",
      entityId: notificationId,
      after: { readAt: now },
      origin,
      at: now,
    });
    return { ok: true, changed: 1 };
  });
}

/** Marks all of the reader's unread notifications read (one audit event with the count). */
export function markAllNotificationsRead(
  db: AppDatabase,
  user: Actor,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): { ok: true; changed: number } {
  return writeTransaction(db, (tx) => {
    const changed = tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      .run().changes;
    if (changed > 0) {
      recordAudit(tx, {
        actorId: user.id,
        action: "notification.read_all",
        entityType: "notification",
        entityId: null,
        after: { count: changed, readAt: now },
        origin,
        at: now,
      });
    }
    return { ok: true, changed };
  });
}

/**
 * Opening a task reads what its notifications were about: the reader's unread ones on
 * that task are marked read (one audit event with their ids). The caller has checked
 * that the reader may see the task. Nothing is written when none is unread.
 */
export function markTaskNotificationsRead(
  db: AppDatabase,
  user: Actor,
  taskId: number,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): number {
  const unreadIds = (reader: AppDatabase | WriteTransaction) =>
    reader
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.taskId, taskId), isNull(notifications.readAt)))
      .all()
      .map((n) => n.id);
  // Most openings find nothing to mark: answered without a write transaction.
  if (unreadIds(db).length === 0) return 0;
  return writeTransaction(db, (tx) => {
    const ids = unreadIds(tx);
    if (ids.length === 0) return 0;
    tx.update(notifications).set({ readAt: now }).where(inArray(notifications.id, ids)).run();
    recordAudit(tx, {
      actorId: user.id,
      action: "notification.read_task",
      entityType: "task",
      entityId: taskId,
      after: { notificationIds: ids, readAt: now },
      origin,
      at: now,
    });
    return ids.length;
  });
}
