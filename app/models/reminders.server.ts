// Reminders (đôn đốc), escalation, and the scheduled job (docs/decisions/011).
//
// - `sendReminder`: the secretariat reminds the lead or a coordinating department
//   of a task; numbered per task and department (manual and automatic share the
//   sequence); the department's members are notified; a 3rd-or-later manual
//   reminder on a task overdue today escalates it to leadership at once.
// - A reminder is resolved when its department answers (a progress report, an
//   extension request, a completion report: app/models/task-progress.server.ts).
// - `runReminderJob`: for an instant, the automatic notices of tasks due soon or
//   overdue (to the lead department, deduplicated by key, so running it twice
//   creates nothing), the escalations that time brought about (a task with an
//   unanswered 3rd manual reminder that has become overdue), and the e-mail retries.
// Every reminder and escalation is audited on its task (actor NULL for the job).
import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { reminders, tasks } from "../../db/schema";
import { endOfLocalDay, today, type Instant, type LocalDate } from "../domain/dates";
import { canOnTask, canSeeTask, type Actor } from "../domain/permissions";
import { dueSoonUntil } from "../domain/status";
import {
  automaticDedupeKey,
  automaticReminderDue,
  automaticRuleOf,
  ESCALATION_MANUAL_REMINDER,
  escalates,
  manualDedupeKey,
  REMINDABLE_STATES,
  REMINDER_LIMITS,
  type AutomaticReminderRule,
} from "../domain/reminders";
import {
  REMINDER_KINDS,
  TASK_STATUSES,
  type ReminderKind,
  type TaskStatus,
  type WorkflowState,
} from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { deliverPendingEmails, withDeliveryHeld, type DeliveryReport } from "./mailer.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { notifyTaskEvent } from "./notifications.server";
import { createDueOccurrences } from "./recurring-duties.server";
import { statusRulesInForce } from "./status-facts.server";
import { taskStatusSource } from "./task-status.server";
import { taskAccessFacts } from "./visibility.server";
import { firstRow, allRows } from "./sql-rows.server";

const SYSTEM_ORIGIN: RequestOrigin = { ipAddress: null, userAgent: "reminders-job", requestId: null };

// ---------------------------------------------------------------- escalation in SQL

/** How many manual reminders `r` is, among those to its department on its task (counting itself). */
const manualRank = sql`(SELECT count(*) FROM reminders m WHERE m.task_id = r.task_id
  AND m.department_id = r.department_id AND m.kind = 'manual' AND m.ordinal <= r.ordinal)`;

/** `r` is a manual reminder that escalates, unanswered at `cutoff`, to a department still on the task. */
function escalatingReminder(cutoff: Instant): SQL {
  return sql`r.kind = 'manual' AND r.sent_at < ${cutoff} AND (r.resolved_at IS NULL OR r.resolved_at >= ${cutoff})
    AND ${manualRank} >= ${ESCALATION_MANUAL_REMINDER}
    AND (r.department_id = (SELECT rt.lead_department_id FROM tasks rt WHERE rt.id = r.task_id)
      OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = r.task_id AND c.department_id = r.department_id))`;
}

/**
 * A condition over `tasks t`: the task has an unanswered escalating reminder at the
 * end of `asOf`. A task is escalated when this holds and its status that day is
 * `overdue` (the caller adds `st.status = 'overdue'` on the status subquery).
 */
export function hasEscalatingReminder(asOf: LocalDate): SQL {
  return sql`t.id IN (SELECT r.task_id FROM reminders r WHERE ${escalatingReminder(endOfLocalDay(asOf))})`;
}

/** For each task, its newest reminder that escalates it at the end of `asOf` (number and department). */
export function escalatingReminders(
  db: AppDatabase,
  taskIds: readonly number[],
  asOf: LocalDate,
): Map<number, { ordinal: number; department: string }> {
  if (taskIds.length === 0) return new Map();
  const rows = allRows(
    db,
    { taskId: "integer", ordinal: "integer", department: "text" },
    sql`
    SELECT r.task_id AS taskId, r.ordinal, dep.name AS department
    FROM reminders r JOIN departments dep ON dep.id = r.department_id
    WHERE r.task_id IN (${sql.join([...taskIds], sql`, `)}) AND ${escalatingReminder(endOfLocalDay(asOf))}
    ORDER BY r.sent_at, r.id`,
  );
  return new Map(rows.map((r) => [r.taskId, { ordinal: r.ordinal, department: r.department }]));
}

/** The status a task has today (null if it does not exist). */
function statusToday(db: AppDatabase, taskId: number, day: LocalDate): TaskStatus | null {
  return (
    firstRow(
      db,
      { status: TASK_STATUSES },
      sql`SELECT st.status FROM (${taskStatusSource(db, day, sql`t.id = ${taskId}`)}) st`,
    )?.status ?? null
  );
}

/** Is the task escalated as of `asOf` (overdue, with an unanswered escalating reminder)? */
export function isEscalated(db: AppDatabase, taskId: number, asOf: LocalDate): boolean {
  const row = firstRow(
    db,
    { n: "integer" },
    sql`
    SELECT count(*) AS n FROM (${taskStatusSource(db, asOf, sql`t.id = ${taskId} AND ${hasEscalatingReminder(asOf)}`)}) st
    WHERE st.status = 'overdue'`,
  );
  return (row?.n ?? 0) > 0;
}

// ---------------------------------------------------------------- shared steps

function nextOrdinal(tx: WriteTransaction, taskId: number, departmentId: number): number {
  return (
    (firstRow(
      tx,
      { n: "integer?" },
      sql`SELECT max(ordinal) AS n FROM reminders WHERE task_id = ${taskId} AND department_id = ${departmentId}`,
    )?.n ?? 0) + 1
  );
}

function manualCount(tx: WriteTransaction, taskId: number, departmentId: number): number {
  return (
    firstRow(
      tx,
      { n: "integer" },
      sql`SELECT count(*) AS n FROM reminders WHERE task_id = ${taskId} AND department_id = ${departmentId} AND kind = 'manual'`,
    )?.n ?? 0
  );
}

/** Leadership hears of an escalation once per escalating reminder; the audit event is the record of it. */
function escalate(
  tx: WriteTransaction,
  reminder: { id: number; taskId: number; departmentId: number; ordinal: number },
  actorId: number | null,
  origin: RequestOrigin,
  now: Instant,
): number {
  const { notified, emailsQueued } = notifyTaskEvent(
    tx,
    reminder.taskId,
    actorId,
    { kind: "escalation", reminderId: reminder.id, departmentId: reminder.departmentId, ordinal: reminder.ordinal },
    now,
  );
  recordAudit(tx, {
    actorId,
    action: "reminder.escalate",
    entityType: "task",
    entityId: reminder.taskId,
    after: {
      reminderId: reminder.id,
      departmentId: reminder.departmentId,
      ordinal: reminder.ordinal,
      leadershipNotified: notified,
      emailsQueued,
      ...(actorId === null ? { by: "system" } : {}),
    },
    origin,
    at: now,
  });
  return emailsQueued;
}

// ---------------------------------------------------------------- manual reminders

const sendReminderSchema = z.object({
  taskId: z.number().int().positive(),
  departmentId: z.number().int().positive(),
  message: z
    .string()
    .trim()
    .max(REMINDER_LIMITS.message)
    .nullish()
    .transform((value) => (value ? value : null)),
  idempotencyKey: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .nullish()
    .transform((value) => value ?? null),
});
export type SendReminderInput = z.input<typeof sendReminderSchema>;

export type ReminderError =
  /** The task does not exist, or the actor may not see it. */
  | { error: "not_found" }
  /** Visible, but the actor may not send reminders. */
  | { error: "forbidden" }
  | { error: "invalid"; fields: string[] }
  /** The department is neither the lead nor a coordinator of the task. */
  | { error: "not_assigned" }
  /** The task's directive is a draft: no department sees it yet. */
  | { error: "not_issued" }
  /** The task is not in the department's hands (done, awaiting confirmation, on hold, withdrawn). */
  | { error: "invalid_state"; state: WorkflowState };

export type ReminderResult =
  | { ok: true; duplicate: boolean; id: number; ordinal: number; escalated: boolean; emailsQueued: number }
  | ({ ok: false } & ReminderError);

/**
 * The secretariat sends a reminder (đôn đốc) to the lead or a coordinating
 * department, with an optional message. Resubmitting the same form (same
 * idempotency key) returns the stored reminder and writes nothing.
 */
export function sendReminder(
  db: AppDatabase,
  actor: Actor,
  input: SendReminderInput,
  origin: RequestOrigin,
  now: Instant = Date.now(),
): ReminderResult {
  const parsed = sendReminderSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join(".") || "input"))];
    return { ok: false, error: "invalid", fields };
  }
  const value = parsed.data;
  return writeTransaction(db, (tx): ReminderResult => {
    const facts = taskAccessFacts(db, value.taskId);
    if (facts === null || !canSeeTask(actor, facts)) return { ok: false, error: "not_found" };
    if (!canOnTask(actor, "reminder.send", facts)) return { ok: false, error: "forbidden" };
    const dedupeKey = value.idempotencyKey === null ? null : manualDedupeKey(value.idempotencyKey);
    if (dedupeKey !== null) {
      const stored = tx
        .select({ id: reminders.id, taskId: reminders.taskId, ordinal: reminders.ordinal })
        .from(reminders)
        .where(eq(reminders.dedupeKey, dedupeKey))
        .get();
      if (stored && stored.taskId !== value.taskId) return { ok: false, error: "invalid", fields: ["idempotencyKey"] };
      if (stored) {
        return { ok: true, duplicate: true, id: stored.id, ordinal: stored.ordinal, escalated: false, emailsQueued: 0 };
      }
    }
    if (facts.directiveDraft) return { ok: false, error: "not_issued" };
    if (facts.leadDepartmentId !== value.departmentId && !facts.coordinatorDepartmentIds.includes(value.departmentId)) {
      return { ok: false, error: "not_assigned" };
    }
    const state = tx.select({ state: tasks.state }).from(tasks).where(eq(tasks.id, value.taskId)).get()!.state;
    if (!REMINDABLE_STATES.includes(state)) return { ok: false, error: "invalid_state", state };

    const ordinal = nextOrdinal(tx, value.taskId, value.departmentId);
    const { id } = tx
      .insert(reminders)
      .values({
        taskId: value.taskId,
        departmentId: value.departmentId,
        kind: "manual",
        ordinal,
        sentBy: actor.id,
        sentAt: now,
        message: value.message,
        dedupeKey,
      })
      .returning({ id: reminders.id })
      .get();
    const notice = notifyTaskEvent(
      tx,
      value.taskId,
      actor.id,
      {
        kind: "reminder",
        reminderId: id,
        departmentId: value.departmentId,
        ordinal,
        rule: null,
        dueDate: null,
        message: value.message,
      },
      now,
    );
    const manual = manualCount(tx, value.taskId, value.departmentId);
    recordAudit(tx, {
      actorId: actor.id,
      action: "reminder.send",
      entityType: "task",
      entityId: value.taskId,
      after: {
        reminderId: id,
        departmentId: value.departmentId,
        kind: "manual",
        ordinal,
        manualCount: manual,
        message: value.message,
        notified: notice.notified,
      },
      origin,
      at: now,
    });
    const escalated = escalates(manual) && statusToday(db, value.taskId, today(now)) === "overdue";
    const emailsQueued =
      notice.emailsQueued +
      (escalated
        ? escalate(tx, { id, taskId: value.taskId, departmentId: value.departmentId, ordinal }, actor.id, origin, now)
        : 0);
    return { ok: true, duplicate: false, id, ordinal, escalated, emailsQueued };
  });
}

// ---------------------------------------------------------------- what the task page shows

export interface TaskReminder {
  id: number;
  departmentId: number;
  department: string;
  kind: ReminderKind;
  ordinal: number;
  /** The rule of an automatic reminder (due soon, overdue). */
  rule: AutomaticReminderRule | null;
  sentAt: number;
  sender: string | null;
  message: string | null;
  resolvedAt: number | null;
  /** A manual reminder that escalates an overdue task while unanswered (the 3rd manual one or later). */
  escalating: boolean;
}

/** The reminders of a task, newest first (the caller has checked the actor may see the task). */
export function taskReminders(db: AppDatabase, taskId: number): TaskReminder[] {
  return allRows(
    db,
    {
      id: "integer",
      departmentId: "integer",
      department: "text",
      kind: REMINDER_KINDS,
      ordinal: "integer",
      sentAt: "integer",
      sender: "text?",
      message: "text?",
      resolvedAt: "integer?",
      dedupeKey: "text?",
      manualRank: "integer",
    },
    sql`
      SELECT r.id, r.department_id AS departmentId, dep.name AS department, r.kind, r.ordinal,
        r.sent_at AS sentAt, u.display_name AS sender, r.message, r.resolved_at AS resolvedAt,
        r.dedupe_key AS dedupeKey, ${manualRank} AS manualRank
      FROM reminders r
      JOIN departments dep ON dep.id = r.department_id
      LEFT JOIN users u ON u.id = r.sent_by
      WHERE r.task_id = ${taskId}
      ORDER BY r.sent_at DESC, r.id DESC`,
  ).map(({ dedupeKey, manualRank: rank, ...r }) => ({
    ...r,
    rule: r.kind === "automatic" ? automaticRuleOf(dedupeKey) : null,
    escalating: r.kind === "manual" && escalates(rank),
  }));
}

// ---------------------------------------------------------------- the scheduled job

export interface ReminderJobReport {
  day: LocalDate;
  dueSoon: number;
  overdue: number;
  escalations: number;
  /** Occurrences of recurring duties created (decision 026): usually each duty's next one ahead. */
  occurrences: number;
  /** Tasks due a reminder that a capped run (`maxReminders`) left for the next run. */
  deferred: number;
  emails: DeliveryReport;
}

/** Tasks in the lead department's hands that are due soon or overdue today, and their lead. */
function automaticCandidates(db: AppDatabase, day: LocalDate) {
  const dueBy = dueSoonUntil(day, statusRulesInForce(db));
  // The open-due index narrows to dated tasks due by then before the status lookups run.
  const filter = sql`t.state IN ('open', 'in_progress', 'returned') AND t.current_due_date IS NOT NULL
    AND t.current_due_date <= ${dueBy}
    AND t.directive_id IN (SELECT id FROM directives WHERE state <> 'draft')`;
  return allRows(
    db,
    { taskId: "integer", status: TASK_STATUSES, dueDate: "text?", departmentId: "integer" },
    sql`
    SELECT st.task_id AS taskId, st.status, st.due_date AS dueDate, t.lead_department_id AS departmentId
    FROM (${taskStatusSource(db, day, filter)}) st JOIN tasks t ON t.id = st.task_id
    WHERE st.status IN ('due_soon', 'overdue')
    ORDER BY st.task_id`,
  );
}

/** One automatic reminder, unless it exists (its key) or an earlier overdue notice is still unanswered. */
function createAutomaticReminder(
  tx: WriteTransaction,
  candidate: { taskId: number; departmentId: number; dueDate: LocalDate | null },
  rule: AutomaticReminderRule,
  periodDate: LocalDate,
  now: Instant,
): boolean {
  const dedupeKey = automaticDedupeKey(candidate.taskId, candidate.departmentId, rule, periodDate);
  if (tx.select({ id: reminders.id }).from(reminders).where(eq(reminders.dedupeKey, dedupeKey)).get()) return false;
  if (rule === "overdue") {
    const waiting = firstRow(
      tx,
      { id: "integer" },
      sql`
      SELECT id FROM reminders WHERE task_id = ${candidate.taskId} AND department_id = ${candidate.departmentId}
        AND kind = 'automatic' AND resolved_at IS NULL AND dedupe_key LIKE 'auto:%:overdue:%' LIMIT 1`,
    );
    if (waiting) return false;
  }
  const ordinal = nextOrdinal(tx, candidate.taskId, candidate.departmentId);
  const { id } = tx
    .insert(reminders)
    .values({
      taskId: candidate.taskId,
      departmentId: candidate.departmentId,
      kind: "automatic",
      ordinal,
      sentBy: null,
      sentAt: now,
      message: null,
      dedupeKey,
    })
    .returning({ id: reminders.id })
    .get();
  const notice = notifyTaskEvent(
    tx,
    candidate.taskId,
    null,
    {
      kind: "reminder",
      reminderId: id,
      departmentId: candidate.departmentId,
      ordinal,
      rule,
      dueDate: candidate.dueDate,
      message: null,
    },
    now,
  );
  recordAudit(tx, {
    actorId: null,
    action: "reminder.auto",
    entityType: "task",
    entityId: candidate.taskId,
    after: {
      reminderId: id,
      departmentId: candidate.departmentId,
      kind: "automatic",
      ordinal,
      rule,
      dueDate: candidate.dueDate,
      dedupeKey,
      notified: notice.notified,
      by: "system",
    },
    origin: SYSTEM_ORIGIN,
    at: now,
  });
  return true;
}

/**
 * Escalations not yet announced: per task overdue today, its newest unanswered
 * escalating reminder, unless an escalation was already recorded for it.
 */
function pendingEscalations(db: AppDatabase, day: LocalDate, now: Instant) {
  const rows = allRows(
    db,
    { id: "integer", taskId: "integer", departmentId: "integer", ordinal: "integer" },
    sql`
    SELECT r.id, r.task_id AS taskId, r.department_id AS departmentId, r.ordinal
    FROM reminders r
    WHERE ${escalatingReminder(now + 1)} AND r.resolved_at IS NULL
    ORDER BY r.task_id, r.id`,
  );
  const newest = new Map<number, (typeof rows)[number]>();
  for (const row of rows) newest.set(row.taskId, row);
  if (newest.size === 0) return [];
  const overdue = new Set(
    allRows(
      db,
      { taskId: "integer" },
      sql`
        SELECT st.task_id AS taskId FROM (${taskStatusSource(db, day, sql`t.id IN (${sql.join([...newest.keys()], sql`, `)})`)}) st
        WHERE st.status = 'overdue'`,
    ).map((r) => r.taskId),
  );
  return [...newest.values()].filter(
    (r) =>
      overdue.has(r.taskId) &&
      db.get(sql`
        SELECT 1 AS x FROM audit_events e
        WHERE e.entity_type = 'task' AND e.entity_id = ${String(r.taskId)} AND e.action = 'reminder.escalate'
          AND json_extract(e.after, '$.reminderId') = ${r.id}`) === undefined,
  );
}

const yieldToServer = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The scheduled job for an instant: the recurring duties' next occurrences
 * (app/models/recurring-duties.server.ts), automatic reminders of tasks due soon and
 * overdue today, escalations brought about by time, then the e-mail outbox
 * (new mail and retries). Idempotent: running it again at the same instant (or
 * later the same day) creates nothing new. Writes in small transactions and
 * yields between them, so the server keeps answering while it runs.
 *
 * `maxReminders` caps the automatic reminders one run creates: it stops there and counts
 * the tasks it did not look at as `deferred`. The next run
 * starts over from the candidates, and the reminders already made are skipped by their
 * key, so none is lost and none is sent twice.
 */
export async function runReminderJob(
  db: AppDatabase,
  now: Instant = Date.now(),
  options: { deliverEmails?: boolean; batchSize?: number; maxReminders?: number } = {},
): Promise<ReminderJobReport> {
  // The job delivers the outbox itself, at its end: its writes start no background delivery.
  return withDeliveryHeld(() => remindersOfTheDay(db, now, options));
}

async function remindersOfTheDay(
  db: AppDatabase,
  now: Instant,
  options: { deliverEmails?: boolean; batchSize?: number; maxReminders?: number },
): Promise<ReminderJobReport> {
  const day = today(now);
  const report: ReminderJobReport = {
    day,
    dueSoon: 0,
    overdue: 0,
    escalations: 0,
    occurrences: 0,
    deferred: 0,
    emails: { sent: 0, retrying: 0, failed: 0, skipped: 0 },
  };
  const batchSize = options.batchSize ?? 100;
  const maxReminders = options.maxReminders ?? Number.POSITIVE_INFINITY;

  // First the recurring duties' occurrences the day brought, so they are reminded of like any task.
  report.occurrences = createDueOccurrences(db, now).created;
  await yieldToServer();

  const due = automaticCandidates(db, day).flatMap((candidate) => {
    const next = automaticReminderDue(candidate.status, candidate.dueDate, day);
    return next === null ? [] : [{ candidate, ...next }];
  });
  const created = () => report.dueSoon + report.overdue;
  let position = 0;
  while (position < due.length && created() < maxReminders) {
    const end = Math.min(due.length, position + batchSize);
    writeTransaction(db, (tx) => {
      for (; position < end && created() < maxReminders; position++) {
        const { candidate, rule, periodDate } = due[position]!;
        if (createAutomaticReminder(tx, candidate, rule, periodDate, now))
          report[rule === "due_soon" ? "dueSoon" : "overdue"] += 1;
      }
    });
    await yieldToServer();
  }
  report.deferred = due.length - position;

  for (const reminder of pendingEscalations(db, day, now)) {
    writeTransaction(db, (tx) => escalate(tx, reminder, null, SYSTEM_ORIGIN, now));
    report.escalations += 1;
  }

  if (options.deliverEmails ?? true) {
    // The job's clock: `now` when it started, moving on with the real one (tests pass another instant).
    const started = Date.now();
    report.emails = await deliverPendingEmails(db, { retries: true, now: () => now + (Date.now() - started) });
  }
  return report;
}
