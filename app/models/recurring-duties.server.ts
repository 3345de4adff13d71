// Recurring duties (nhiệm vụ định kỳ, decision 026, docs/domain-rules.md §12).
//
// A duty is a row of its own, never counted; each occurrence is an ordinary task with
// `duty_id` and its period (unique per duty), created by `insertTask` — the code the
// single-task create uses (coordinators, lead assignment, search index, notices, audit,
// and a record entered after the fact when its assignment day has passed).
//
// - `createDuty`: the secretariat enters the duty; every occurrence given by today (a duty
//   that started in 2020 gets its past ones, and a missed one is overdue on its day) and
//   the next one ahead are created in the same transaction.
// - `createDueOccurrences`: the daily job (runReminderJob) creates what a new day brought —
//   the next occurrence ahead — idempotently (the unique period key) and bounded per run.
//   Nothing is created when a page is read.
// - `changeDutyState`: hold or withdraw (with a reason) stops future occurrences; resuming
//   a held duty owes again the periods due from that day. Occurrences that exist keep
//   their own state: each is held or withdrawn on its own task page if need be.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { departments, directives, recurringDuties, tasks } from "../../db/schema";
import { today, type Instant, type LocalDate } from "../domain/dates";
import { canSeeTask, hasPermission, type Actor, type TaskAccessFacts } from "../domain/permissions";
import {
  occurrencesDueBy,
  recurrenceViolations,
  type Occurrence,
  type RecurrenceRule,
  type RecurrenceViolation,
} from "../domain/recurrence";
import type { DutyState, RecurrenceFrequency } from "../domain/vocabulary";
import type { WorkingCalendar } from "../domain/working-days";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { insertTask, type TaskWriteError } from "./tasks.server";
import { workingCalendar } from "./working-calendar.server";

/** At most this many occurrences are created at once when a duty is entered or resumed (five years of weeks). */
export const MAX_OCCURRENCES_AT_ONCE = 260;
/** The job creates at most this many occurrences per run; the rest come at its next run. */
export const OCCURRENCES_PER_RUN = 200;

const JOB_ORIGIN: RequestOrigin = { ipAddress: null, userAgent: "recurring-duties-job", requestId: null };

export interface DutyInput {
  directiveId: number;
  itemNumber: string;
  title: string;
  description: string | null;
  leadDepartmentId: number;
  coordinatorDepartmentIds: number[];
  frequency: RecurrenceFrequency;
  day: number;
  workingDays: boolean;
  startsOn: LocalDate;
  endsOn: LocalDate | null;
}

export type DutyWriteError =
  | { error: "forbidden" }
  | { error: "not_found" }
  | { error: "conflict" }
  | { error: "recurrence"; violations: RecurrenceViolation[] }
  | { error: "too_many_occurrences"; count: number }
  | { error: "directive_closed" }
  | { error: "invalid_move"; from: DutyState; to: DutyState }
  | { error: "reason_required" }
  | Exclude<TaskWriteError, { error: "not_found" } | { error: "conflict" } | { error: "invalid_move" }>;

export type DutyWriteResult =
  { ok: true; id: number; version: number; created: number } | ({ ok: false } & DutyWriteError);

type DutyRow = typeof recurringDuties.$inferSelect;

/** The rule of a duty as the domain reads it: periods are owed from its start, or from the day it was last resumed. */
export function ruleOfDuty(
  duty: Pick<DutyRow, "frequency" | "day" | "workingDays" | "startsOn" | "endsOn" | "resumedOn">,
): RecurrenceRule {
  const from = duty.resumedOn !== null && duty.resumedOn > duty.startsOn ? duty.resumedOn : duty.startsOn;
  return {
    frequency: duty.frequency,
    day: duty.day,
    workingDays: duty.workingDays,
    startsOn: from,
    endsOn: duty.endsOn,
  };
}

/** The occurrences a duty owes by `day` that do not exist yet, oldest first. */
function missingOccurrences(tx: WriteTransaction, duty: DutyRow, day: LocalDate, calendar: WorkingCalendar) {
  const existing = new Set(
    tx
      .select({ period: tasks.dutyPeriod })
      .from(tasks)
      .where(eq(tasks.dutyId, duty.id))
      .all()
      .map((r) => r.period),
  );
  return occurrencesDueBy(ruleOfDuty(duty), day, calendar).filter((o) => !existing.has(o.periodKey));
}

/** Creates one occurrence as an ordinary task; false when a rule refused it (nothing written then). */
function createOccurrence(
  tx: WriteTransaction,
  authorId: number | null,
  duty: DutyRow,
  occurrence: Occurrence,
  origin: RequestOrigin,
  now: Instant,
) {
  return insertTask(
    tx,
    { id: authorId },
    {
      directiveId: duty.directiveId,
      parentId: null,
      itemNumber: duty.itemNumber,
      title: `${duty.title} — ${occurrence.label}`,
      description: duty.description,
      leadDepartmentId: duty.leadDepartmentId,
      coordinatorDepartmentIds: duty.coordinatorDepartmentIds,
      deadlineKind: "dated",
      dueDate: occurrence.dueDate,
      assignedOn: occurrence.assignedOn,
      duty: { id: duty.id, period: occurrence.periodKey },
    },
    origin,
    now,
  );
}

function canWriteDuties(actor: Actor): boolean {
  return hasPermission(actor, "task.write");
}

/** Rolls the transaction back with a refusal (a failed occurrence must leave nothing behind). */
class Refusal extends Error {
  constructor(readonly refusal: DutyWriteError) {
    super(refusal.error);
  }
}

function refused(work: () => DutyWriteResult): DutyWriteResult {
  try {
    return work();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, ...error.refusal };
    throw error;
  }
}

/** Creates the occurrences owed by `day`, all or none (the caller's transaction). */
function createOwedOccurrences(
  tx: WriteTransaction,
  authorId: number | null,
  duty: DutyRow,
  day: LocalDate,
  origin: RequestOrigin,
  now: Instant,
  calendar: WorkingCalendar,
): number[] {
  const missing = missingOccurrences(tx, duty, day, calendar);
  if (missing.length > MAX_OCCURRENCES_AT_ONCE)
    throw new Refusal({ error: "too_many_occurrences", count: missing.length });
  return missing.map((occurrence) => {
    const created = createOccurrence(tx, authorId, duty, occurrence, origin, now);
    if (!created.ok) {
      const { ok: _, ...error } = created;
      throw new Refusal(error as DutyWriteError);
    }
    return created.id;
  });
}

/**
 * The secretariat enters a recurring duty of a directive; its occurrences given by today
 * and the next one are created with it. Bad input changes nothing.
 */
export function createDuty(
  db: AppDatabase,
  actor: Actor,
  input: DutyInput,
  origin: RequestOrigin,
  now = Date.now(),
): DutyWriteResult {
  if (!canWriteDuties(actor)) return { ok: false, error: "forbidden" };
  const rule: RecurrenceRule = { ...input };
  const violations = recurrenceViolations(rule);
  if (violations.length > 0) return { ok: false, error: "recurrence", violations };
  return refused(() =>
    writeTransaction(db, (tx): DutyWriteResult => {
      const directive = tx
        .select({ state: directives.state })
        .from(directives)
        .where(eq(directives.id, input.directiveId))
        .get();
      if (!directive) return { ok: false, error: "unknown_directive" };
      if (directive.state === "closed") return { ok: false, error: "directive_closed" };
      const inactive = inactiveDepartments(tx, [input.leadDepartmentId, ...input.coordinatorDepartmentIds]);
      if (inactive.length > 0) return { ok: false, error: "unknown_department", departmentIds: inactive };
      const duty = tx
        .insert(recurringDuties)
        .values({ ...input, createdBy: actor.id, createdAt: now, updatedAt: now })
        .returning()
        .get();
      const created = createOwedOccurrences(tx, actor.id, duty, today(now), origin, now, workingCalendar(tx));
      recordAudit(tx, {
        actorId: actor.id,
        action: "duty.create",
        entityType: "recurring_duty",
        entityId: duty.id,
        after: { ...input, occurrences: created },
        origin,
        at: now,
      });
      return { ok: true, id: duty.id, version: duty.version, created: created.length };
    }),
  );
}

function inactiveDepartments(tx: WriteTransaction, ids: number[]): number[] {
  const wanted = [...new Set(ids)];
  const found = new Set(
    tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(inArray(departments.id, wanted), eq(departments.active, true)))
      .all()
      .map((d) => d.id),
  );
  return wanted.filter((id) => !found.has(id));
}

/**
 * Hold (tạm dừng) or withdraw (rút) a duty with a reason, or resume a held one. Stopping
 * creates nothing more; resuming owes the periods due from today on, and creates what is
 * owed now and the next one.
 */
export function changeDutyState(
  db: AppDatabase,
  actor: Actor,
  id: number,
  baseVersion: number,
  input: { to: "on_hold" | "withdrawn" | "resume"; reason: string | null },
  origin: RequestOrigin,
  now = Date.now(),
): DutyWriteResult {
  if (!canWriteDuties(actor)) return { ok: false, error: "forbidden" };
  const reason = input.reason?.trim() ?? "";
  if (input.to !== "resume" && reason === "") return { ok: false, error: "reason_required" };
  return refused(() =>
    writeTransaction(db, (tx): DutyWriteResult => {
      const before = tx.select().from(recurringDuties).where(eq(recurringDuties.id, id)).get();
      if (!before) return { ok: false, error: "not_found" };
      if (before.version !== baseVersion) return { ok: false, error: "conflict" };
      const to: DutyState = input.to === "resume" ? "active" : input.to;
      const allowed = input.to === "resume" ? before.state === "on_hold" : before.state === "active";
      if (!allowed) return { ok: false, error: "invalid_move", from: before.state, to };
      const day = today(now);
      const after = tx
        .update(recurringDuties)
        .set({
          state: to,
          stateReason: input.to === "resume" ? null : reason,
          ...(input.to === "resume" ? { resumedOn: day } : {}),
          version: sql`${recurringDuties.version} + 1`,
          updatedAt: now,
        })
        .where(eq(recurringDuties.id, id))
        .returning()
        .get();
      const created =
        input.to === "resume" ? createOwedOccurrences(tx, actor.id, after, day, origin, now, workingCalendar(tx)) : [];
      recordAudit(tx, {
        actorId: actor.id,
        action: input.to === "resume" ? "duty.resume" : input.to === "on_hold" ? "duty.hold" : "duty.withdraw",
        entityType: "recurring_duty",
        entityId: id,
        before: { state: before.state, stateReason: before.stateReason, version: before.version },
        after: { state: after.state, stateReason: after.stateReason, version: after.version, occurrences: created },
        origin,
        at: now,
      });
      return { ok: true, id, version: after.version, created: created.length };
    }),
  );
}

export interface OccurrenceRunReport {
  created: number;
  /** Duties whose owed occurrences did not all fit in this run, or that a rule refused. */
  deferred: number;
}

/**
 * The job's part: for every active duty of a directive not closed, the occurrences owed by
 * the day of `now` that do not exist yet — usually the next one ahead — at most `limit` per
 * run, one transaction per duty. Running it again creates nothing new.
 */
export function createDueOccurrences(
  db: AppDatabase,
  now: Instant = Date.now(),
  limit = OCCURRENCES_PER_RUN,
): OccurrenceRunReport {
  const day = today(now);
  const report: OccurrenceRunReport = { created: 0, deferred: 0 };
  const duties = db
    .select({ id: recurringDuties.id })
    .from(recurringDuties)
    .innerJoin(directives, eq(directives.id, recurringDuties.directiveId))
    .where(and(eq(recurringDuties.state, "active"), ne(directives.state, "closed")))
    .orderBy(asc(recurringDuties.id))
    .all();
  if (duties.length === 0) return report;
  const calendar = workingCalendar(db);
  for (const { id } of duties) {
    const room = limit - report.created;
    if (room <= 0) {
      report.deferred += 1;
      continue;
    }
    writeTransaction(db, (tx) => {
      const duty = tx.select().from(recurringDuties).where(eq(recurringDuties.id, id)).get();
      if (!duty || duty.state !== "active") return;
      const missing = missingOccurrences(tx, duty, day, calendar);
      if (missing.length > room) report.deferred += 1;
      const ids: number[] = [];
      for (const occurrence of missing.slice(0, room)) {
        const created = createOccurrence(tx, null, duty, occurrence, JOB_ORIGIN, now);
        // A department merged away since the duty was entered: told by the deferral, retried at every run.
        if (!created.ok) {
          report.deferred += 1;
          break;
        }
        ids.push(created.id);
      }
      if (ids.length === 0) return;
      report.created += ids.length;
      recordAudit(tx, {
        actorId: null,
        action: "duty.occurrences",
        entityType: "recurring_duty",
        entityId: id,
        after: { occurrences: ids, by: "system" },
        origin: JOB_ORIGIN,
        at: now,
      });
    });
  }
  return report;
}

// ---------------------------------------------------------------- reading

/** What the access rules need of a duty: its directive's facts and its departments. */
export function dutyAccessFacts(db: AppDatabase, id: number): TaskAccessFacts | null {
  const row = db
    .select({
      lead: recurringDuties.leadDepartmentId,
      coordinators: recurringDuties.coordinatorDepartmentIds,
      confidential: directives.confidential,
      state: directives.state,
    })
    .from(recurringDuties)
    .innerJoin(directives, eq(directives.id, recurringDuties.directiveId))
    .where(eq(recurringDuties.id, id))
    .get();
  if (!row) return null;
  return {
    leadDepartmentId: row.lead,
    coordinatorDepartmentIds: row.coordinators,
    directiveConfidential: row.confidential,
    directiveDraft: row.state === "draft",
  };
}

/** May the actor see the duty? As for a task with its lead and coordinators. */
export function canSeeDuty(actor: Actor, facts: TaskAccessFacts): boolean {
  return canSeeTask(actor, facts);
}

/** A duty as its page and the directive page show it: what was written, its rule, its state. */
export function getDuty(db: AppDatabase, id: number) {
  const row = db
    .select({
      id: recurringDuties.id,
      directiveId: recurringDuties.directiveId,
      directiveNumber: directives.number,
      directiveAbstract: directives.abstract,
      itemNumber: recurringDuties.itemNumber,
      title: recurringDuties.title,
      description: recurringDuties.description,
      leadDepartmentId: recurringDuties.leadDepartmentId,
      leadName: departments.name,
      coordinatorDepartmentIds: recurringDuties.coordinatorDepartmentIds,
      frequency: recurringDuties.frequency,
      day: recurringDuties.day,
      workingDays: recurringDuties.workingDays,
      startsOn: recurringDuties.startsOn,
      endsOn: recurringDuties.endsOn,
      resumedOn: recurringDuties.resumedOn,
      state: recurringDuties.state,
      stateReason: recurringDuties.stateReason,
      version: recurringDuties.version,
    })
    .from(recurringDuties)
    .innerJoin(directives, eq(directives.id, recurringDuties.directiveId))
    .innerJoin(departments, eq(departments.id, recurringDuties.leadDepartmentId))
    .where(eq(recurringDuties.id, id))
    .get();
  if (!row) return null;
  const coordinators =
    row.coordinatorDepartmentIds.length === 0
      ? []
      : db
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(inArray(departments.id, row.coordinatorDepartmentIds))
          .orderBy(asc(departments.name))
          .all();
  return { ...row, coordinators };
}

/** The duties of a directive the actor may see, in item order, with the tasks that are their occurrences. */
export function dutiesOfDirective(db: AppDatabase, actor: Actor, directiveId: number) {
  const duties = db
    .select({ id: recurringDuties.id })
    .from(recurringDuties)
    .where(eq(recurringDuties.directiveId, directiveId))
    .orderBy(asc(recurringDuties.id))
    .all()
    .map((d) => getDuty(db, d.id)!)
    .filter((duty) =>
      canSeeDuty(actor, {
        leadDepartmentId: duty.leadDepartmentId,
        coordinatorDepartmentIds: duty.coordinatorDepartmentIds,
        // The directive page has already checked the directive itself.
        directiveConfidential: false,
        directiveDraft: false,
      }),
    );
  return duties;
}

/** The duty and period of each of these tasks that is an occurrence. */
export function occurrencePeriods(db: AppDatabase, taskIds: readonly number[]) {
  if (taskIds.length === 0) return new Map<number, { dutyId: number; period: string }>();
  const rows = db
    .select({ id: tasks.id, dutyId: tasks.dutyId, period: tasks.dutyPeriod })
    .from(tasks)
    .where(and(inArray(tasks.id, [...taskIds]), sql`${tasks.dutyId} IS NOT NULL`))
    .all();
  return new Map(rows.map((r) => [r.id, { dutyId: r.dutyId!, period: r.period! }]));
}
