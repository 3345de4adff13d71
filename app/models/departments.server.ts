// Department administration and reorganisation (docs/domain-rules.md §3). One function per use
// case, each in one write transaction with its audit events.
//
// A merge moves what is still going on to the successor and leaves history where
// it was: open tasks the merged department leads get the successor as lead (an
// audited re-assignment each), its coordinations of open tasks move too, its users
// follow; progress reports, extension requests and finished tasks keep pointing at
// the merged department, so they keep the name it had then.
import { and, asc, eq, isNull, ne, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { departments, recurringDuties, taskCoordinators, taskLeadAssignments, tasks, users } from "../../db/schema";
import { DEPARTMENT_CODE_PATTERN, DEPARTMENT_LIMITS } from "../domain/admin-limits";
import { isLocalDate, localDateOf, startOfLocalDay, today, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import { DEPARTMENT_KINDS, type WorkflowState } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { changedFields, recordAudit, versionConflict, type RequestOrigin, type VersionConflict } from "./audit.server";
import { addCoordinator, currentCoordinatorIds, removeCoordinator } from "./coordinators.server";
import { moveMembershipsOnMerge } from "./unit-groups.server";
import { allRows } from "./sql-rows.server";

/** Tasks that are over: they keep the department they had. Everything else is still open. */
export const CLOSED_TASK_STATES = ["done", "cancelled"] as const satisfies readonly WorkflowState[];

export type DepartmentErrorCode =
  | "invalid"
  | "not_found"
  | "code_taken"
  | "parent_unknown"
  | "parent_inactive"
  | "parent_cycle"
  | "merged_readonly"
  | "has_open_tasks"
  | "has_active_users"
  | "has_active_children"
  | "reactivate_merged"
  | "already_inactive"
  | "merge_into_self"
  | "successor_unknown"
  | "successor_inactive"
  | "successor_descendant"
  | "effective_in_future"
  | "effective_before_creation";

export interface DepartmentFailure {
  ok: false;
  code: DepartmentErrorCode;
  field?: string;
  /** Numbers for the message, e.g. how many open tasks stand in the way. */
  count?: number;
}
export type DepartmentResult<T extends object = object> = ({ ok: true } & T) | DepartmentFailure;
export type DepartmentUpdateResult<T extends object = object> = DepartmentResult<T> | VersionConflict;

// ---------------------------------------------------------------- input rules

const recordId = z.number().int().positive();
/** The version the form was based on; when given, a save on any other is a conflict. */
const baseVersion = z.number().int().positive().optional();
const profile = {
  name: z.string().trim().min(1).max(DEPARTMENT_LIMITS.nameMax),
  shortName: z.string().trim().min(1).max(DEPARTMENT_LIMITS.shortNameMax).nullable(),
  kind: z.enum(DEPARTMENT_KINDS),
  parentId: recordId.nullable(),
};
const newDepartmentInput = z.object({
  code: z
    .string()
    .trim()
    .min(DEPARTMENT_LIMITS.codeMin)
    .max(DEPARTMENT_LIMITS.codeMax)
    .regex(DEPARTMENT_CODE_PATTERN)
    .toUpperCase(),
  ...profile,
});
const departmentProfileInput = z.object({ departmentId: recordId, version: baseVersion, ...profile });
const mergeInput = z.object({
  departmentId: recordId,
  version: baseVersion,
  successorId: recordId,
  effectiveOn: z.string().refine(isLocalDate).optional(),
  reason: z.string().trim().min(1).max(DEPARTMENT_LIMITS.reasonMax),
});

export type NewDepartmentInput = z.input<typeof newDepartmentInput>;
export type DepartmentProfileInput = z.input<typeof departmentProfileInput>;
export type MergeInput = z.input<typeof mergeInput>;

function invalid(error: z.ZodError): DepartmentFailure {
  const field = error.issues[0]?.path[0];
  return { ok: false, code: "invalid", field: typeof field === "string" ? field : undefined };
}

function fail(code: DepartmentErrorCode, field?: string, count?: number): DepartmentFailure {
  return { ok: false, code, field, count };
}

// ---------------------------------------------------------------- reading

type Reader = AppDatabase | WriteTransaction;

/** Every department below `departmentId` in the hierarchy (children, their children, …). */
export function descendantIds(db: Reader, departmentId: number): number[] {
  // UNION (not UNION ALL) stops on a cycle, should bad data ever contain one.
  return allRows(
    db,
    { id: "integer" },
    sql`WITH RECURSIVE below(id) AS (
            SELECT id FROM departments WHERE parent_id = ${departmentId}
            UNION
            SELECT d.id FROM departments d JOIN below ON d.parent_id = below.id
          )
          SELECT id FROM below`,
  ).map((row) => row.id);
}

/** Active departments, for the department pickers of the admin forms. */
export function activeDepartmentOptions(db: Reader) {
  return db
    .select({ id: departments.id, name: departments.name, code: departments.code, kind: departments.kind })
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.kind), asc(departments.name))
    .all();
}

/** What a merge or a deactivation would touch: what is still going on in the department. */
export function departmentWorkload(db: Reader, departmentId: number) {
  const open = notInArray(tasks.state, [...CLOSED_TASK_STATES]);
  const count = (rows: { n: number }[]) => rows[0]?.n ?? 0;
  return {
    openLedTasks: count(
      db
        .select({ n: sql<number>`count(*)` })
        .from(tasks)
        .where(and(eq(tasks.leadDepartmentId, departmentId), open))
        .all(),
    ),
    openCoordinatedTasks: count(
      db
        .select({ n: sql<number>`count(*)` })
        .from(taskCoordinators)
        .innerJoin(tasks, eq(tasks.id, taskCoordinators.taskId))
        .where(and(eq(taskCoordinators.departmentId, departmentId), open))
        .all(),
    ),
    activeUsers: count(
      db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(and(eq(users.departmentId, departmentId), eq(users.active, true)))
        .all(),
    ),
    users: count(
      db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(eq(users.departmentId, departmentId))
        .all(),
    ),
    activeChildren: count(
      db
        .select({ n: sql<number>`count(*)` })
        .from(departments)
        .where(and(eq(departments.parentId, departmentId), eq(departments.active, true)))
        .all(),
    ),
  };
}

// ---------------------------------------------------------------- helpers

function loadDepartment(tx: WriteTransaction, departmentId: number) {
  return tx
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      shortName: departments.shortName,
      kind: departments.kind,
      parentId: departments.parentId,
      active: departments.active,
      successorId: departments.successorId,
      dissolvedOn: departments.dissolvedOn,
      createdAt: departments.createdAt,
      version: departments.version,
    })
    .from(departments)
    .where(eq(departments.id, departmentId))
    .get();
}

/** A parent a department may be put under: it exists, is active (unless unchanged) and is not below it. */
function checkParent(
  tx: WriteTransaction,
  parentId: number | null,
  department?: { id: number; parentId: number | null },
): DepartmentFailure | null {
  if (parentId === null) return null;
  if (department && (parentId === department.id || descendantIds(tx, department.id).includes(parentId))) {
    return fail("parent_cycle", "parentId");
  }
  if (department && parentId === department.parentId) return null;
  const parent = tx.select({ active: departments.active }).from(departments).where(eq(departments.id, parentId)).get();
  if (!parent) return fail("parent_unknown", "parentId");
  if (!parent.active) return fail("parent_inactive", "parentId");
  return null;
}

// ---------------------------------------------------------------- use cases

export function createDepartment(
  db: AppDatabase,
  actor: Actor,
  input: NewDepartmentInput,
  origin: RequestOrigin,
  now = Date.now(),
): DepartmentResult<{ departmentId: number }> {
  const parsed = newDepartmentInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const value = parsed.data;

  return writeTransaction(db, (tx): DepartmentResult<{ departmentId: number }> => {
    const taken = tx
      .select({ id: departments.id })
      .from(departments)
      .where(sql`upper(${departments.code}) = ${value.code}`)
      .get();
    if (taken) return fail("code_taken", "code");
    const parentProblem = checkParent(tx, value.parentId);
    if (parentProblem) return parentProblem;

    const { id } = tx
      .insert(departments)
      .values({ ...value, active: true, createdAt: now, updatedAt: now })
      .returning({ id: departments.id })
      .get();
    recordAudit(tx, {
      actorId: actor.id,
      action: "department.create",
      entityType: "department",
      entityId: id,
      after: { ...value, active: true },
      origin,
      at: now,
    });
    return { ok: true, departmentId: id };
  });
}

/**
 * Renames a department, changes its short name, kind or parent. The code stays:
 * other systems and documents know the department by it. A merged department is
 * history and is not edited.
 */
export function updateDepartment(
  db: AppDatabase,
  actor: Actor,
  input: DepartmentProfileInput,
  origin: RequestOrigin,
  now = Date.now(),
): DepartmentUpdateResult<{ changed: boolean }> {
  const parsed = departmentProfileInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { departmentId, version, ...value } = parsed.data;

  return writeTransaction(db, (tx): DepartmentUpdateResult<{ changed: boolean }> => {
    const current = loadDepartment(tx, departmentId);
    if (!current) return fail("not_found");
    const conflict = versionConflict(tx, "department", current, version);
    if (conflict) return conflict;
    if (current.successorId !== null) return fail("merged_readonly");
    const parentProblem = checkParent(tx, value.parentId, current);
    if (parentProblem) return parentProblem;

    const diff = changedFields(
      { name: current.name, shortName: current.shortName, kind: current.kind, parentId: current.parentId },
      value,
    );
    if (Object.keys(diff.after).length === 0) return { ok: true, changed: false };
    tx.update(departments)
      .set({ ...value, version: current.version + 1, updatedAt: now })
      .where(eq(departments.id, departmentId))
      .run();
    recordAudit(tx, {
      actorId: actor.id,
      action: "department.update",
      entityType: "department",
      entityId: departmentId,
      before: diff.before,
      after: { ...diff.after, version: current.version + 1 },
      origin,
      at: now,
    });
    return { ok: true, changed: true };
  });
}

/**
 * Deactivates (dissolves) or reactivates a department. A department that still has
 * work — open tasks it leads or coordinates, active users, active sub-units — is
 * not simply switched off: it is merged into a successor, which moves that work.
 */
export function setDepartmentActive(
  db: AppDatabase,
  actor: Actor,
  input: { departmentId: number; active: boolean; version?: number },
  origin: RequestOrigin,
  now = Date.now(),
): DepartmentUpdateResult<{ changed: boolean }> {
  const parsed = z.object({ departmentId: recordId, active: z.boolean(), version: baseVersion }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { departmentId, active, version } = parsed.data;

  return writeTransaction(db, (tx): DepartmentUpdateResult<{ changed: boolean }> => {
    const current = loadDepartment(tx, departmentId);
    if (!current) return fail("not_found");
    const conflict = versionConflict(tx, "department", current, version);
    if (conflict) return conflict;
    if (active && current.successorId !== null) return fail("reactivate_merged");
    if (current.active === active) return { ok: true, changed: false };
    if (!active) {
      const work = departmentWorkload(tx, departmentId);
      const openTasks = work.openLedTasks + work.openCoordinatedTasks;
      if (openTasks > 0) return fail("has_open_tasks", undefined, openTasks);
      if (work.activeUsers > 0) return fail("has_active_users", undefined, work.activeUsers);
      if (work.activeChildren > 0) return fail("has_active_children", undefined, work.activeChildren);
    }

    const dissolvedOn = active ? null : today(now);
    tx.update(departments)
      .set({ active, dissolvedOn, version: current.version + 1, updatedAt: now })
      .where(eq(departments.id, departmentId))
      .run();
    recordAudit(tx, {
      actorId: actor.id,
      action: active ? "department.reactivate" : "department.deactivate",
      entityType: "department",
      entityId: departmentId,
      before: { active: current.active, dissolvedOn: current.dissolvedOn },
      after: { active, dissolvedOn, version: current.version + 1 },
      origin,
      at: now,
    });
    return { ok: true, changed: true };
  });
}

export interface MergeSummary {
  tasksReassigned: number;
  coordinationsMoved: number;
  coordinationsDropped: number;
  usersMoved: number;
  subunitsMoved: number;
}

/**
 * Merges a department into a successor (docs/domain-rules.md §3), all in one transaction:
 * 1. every open task it leads gets the successor as lead (version bumped, the lead
 *    assignment closed and a new one opened, one `task.reassign` audit each); where
 *    the successor coordinated the task, that coordination ends as it becomes lead;
 * 2. its coordinations of open tasks pass to the successor, or end where the
 *    successor already leads or coordinates the task;
 * 2b. recurring duties it leads or coordinates (not withdrawn) name the successor instead,
 *    so their future occurrences go to it;
 * 3. its users and active sub-units move to the successor, and so do its memberships
 *    of unit groups (from the merge's day, moveMembershipsOnMerge);
 * 4. it becomes inactive, with the successor and the day the merge took effect.
 */
export function mergeDepartment(
  db: AppDatabase,
  actor: Actor,
  input: MergeInput,
  origin: RequestOrigin,
  now = Date.now(),
): DepartmentUpdateResult<{ summary: MergeSummary }> {
  const parsed = mergeInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { departmentId, successorId, reason, version } = parsed.data;
  const effectiveOn: LocalDate = parsed.data.effectiveOn ?? today(now);
  if (successorId === departmentId) return fail("merge_into_self", "successorId");
  if (effectiveOn > today(now)) return fail("effective_in_future", "effectiveOn");

  return writeTransaction(db, (tx): DepartmentUpdateResult<{ summary: MergeSummary }> => {
    const merged = loadDepartment(tx, departmentId);
    if (!merged) return fail("not_found");
    const conflict = versionConflict(tx, "department", merged, version);
    if (conflict) return conflict;
    if (merged.successorId !== null) return fail("merged_readonly");
    if (!merged.active) return fail("already_inactive");
    const successor = loadDepartment(tx, successorId);
    if (!successor) return fail("successor_unknown", "successorId");
    if (!successor.active) return fail("successor_inactive", "successorId");
    if (descendantIds(tx, departmentId).includes(successorId)) return fail("successor_descendant", "successorId");
    if (effectiveOn < localDateOf(merged.createdAt)) return fail("effective_before_creation", "effectiveOn");

    const summary: MergeSummary = {
      tasksReassigned: 0,
      coordinationsMoved: 0,
      coordinationsDropped: 0,
      usersMoved: 0,
      subunitsMoved: 0,
    };
    const open = notInArray(tasks.state, [...CLOSED_TASK_STATES]);
    const audit = (action: string, entityType: string, entityId: number, before: unknown, after: unknown) =>
      recordAudit(tx, { actorId: actor.id, action, entityType, entityId, before, after, origin, at: now });
    const coordinatorsOf = (taskId: number) => currentCoordinatorIds(tx, taskId);
    // The merge takes effect on its day (docs/domain-rules.md §3): past days before it keep
    // the merged department as lead and coordinator.
    const effectiveAt = effectiveOn === today(now) ? now : startOfLocalDay(effectiveOn);
    const moment = { at: effectiveAt, recordedAt: now };

    // 1. Open tasks it leads.
    const led = tx
      .select({ id: tasks.id, version: tasks.version })
      .from(tasks)
      .where(and(eq(tasks.leadDepartmentId, departmentId), open))
      .orderBy(asc(tasks.id))
      .all();
    for (const task of led) {
      const coordinatorsBefore = coordinatorsOf(task.id);
      // The successor cannot coordinate the task it now leads (a trigger refuses it).
      removeCoordinator(tx, task.id, successorId, moment);
      tx.update(tasks)
        .set({ leadDepartmentId: successorId, version: task.version + 1, updatedAt: now })
        .where(eq(tasks.id, task.id))
        .run();
      // Never before the assignment it ends.
      const current = tx
        .select({ fromAt: taskLeadAssignments.fromAt })
        .from(taskLeadAssignments)
        .where(and(eq(taskLeadAssignments.taskId, task.id), isNull(taskLeadAssignments.untilAt)))
        .get();
      const fromAt = Math.max(effectiveAt, (current?.fromAt ?? Number.NEGATIVE_INFINITY) + 1);
      tx.update(taskLeadAssignments)
        .set({ untilAt: fromAt })
        .where(and(eq(taskLeadAssignments.taskId, task.id), isNull(taskLeadAssignments.untilAt)))
        .run();
      tx.insert(taskLeadAssignments)
        .values({
          taskId: task.id,
          departmentId: successorId,
          fromAt,
          recordedAt: fromAt < now ? now : null,
          assignedBy: actor.id,
          reason,
        })
        .run();
      const coordinatorsAfter = coordinatorsBefore.filter((id) => id !== successorId);
      audit(
        "task.reassign",
        "task",
        task.id,
        { leadDepartmentId: departmentId, version: task.version, coordinatorDepartmentIds: coordinatorsBefore },
        {
          leadDepartmentId: successorId,
          version: task.version + 1,
          coordinatorDepartmentIds: coordinatorsAfter,
          reason,
          mergeOf: departmentId,
        },
      );
      summary.tasksReassigned += 1;
    }

    // 2. Its coordinations of open tasks.
    const coordinated = tx
      .select({ id: tasks.id, version: tasks.version, leadDepartmentId: tasks.leadDepartmentId })
      .from(taskCoordinators)
      .innerJoin(tasks, eq(tasks.id, taskCoordinators.taskId))
      .where(and(eq(taskCoordinators.departmentId, departmentId), open))
      .orderBy(asc(tasks.id))
      .all();
    for (const task of coordinated) {
      const coordinatorsBefore = coordinatorsOf(task.id);
      const successorInvolved = task.leadDepartmentId === successorId || coordinatorsBefore.includes(successorId);
      removeCoordinator(tx, task.id, departmentId, moment);
      if (successorInvolved) {
        summary.coordinationsDropped += 1;
      } else {
        addCoordinator(tx, task.id, successorId, moment);
        summary.coordinationsMoved += 1;
      }
      tx.update(tasks)
        .set({ version: task.version + 1, updatedAt: now })
        .where(eq(tasks.id, task.id))
        .run();
      audit(
        "task.coordinators_change",
        "task",
        task.id,
        { coordinatorDepartmentIds: coordinatorsBefore, version: task.version },
        { coordinatorDepartmentIds: coordinatorsOf(task.id), version: task.version + 1, reason, mergeOf: departmentId },
      );
    }

    // 2b. Recurring duties still going (decision 026): their future occurrences go to the
    // successor; occurrences already created moved with the open tasks above.
    const duties = tx
      .select({
        id: recurringDuties.id,
        version: recurringDuties.version,
        lead: recurringDuties.leadDepartmentId,
        coordinators: recurringDuties.coordinatorDepartmentIds,
      })
      .from(recurringDuties)
      .where(ne(recurringDuties.state, "withdrawn"))
      .orderBy(asc(recurringDuties.id))
      .all()
      .filter((duty) => duty.lead === departmentId || duty.coordinators.includes(departmentId));
    for (const duty of duties) {
      const lead = duty.lead === departmentId ? successorId : duty.lead;
      const coordinators = [...new Set(duty.coordinators.map((id) => (id === departmentId ? successorId : id)))].filter(
        (id) => id !== lead,
      );
      tx.update(recurringDuties)
        .set({
          leadDepartmentId: lead,
          coordinatorDepartmentIds: coordinators,
          version: duty.version + 1,
          updatedAt: now,
        })
        .where(eq(recurringDuties.id, duty.id))
        .run();
      audit(
        "duty.reassign",
        "recurring_duty",
        duty.id,
        { leadDepartmentId: duty.lead, coordinatorDepartmentIds: duty.coordinators, version: duty.version },
        {
          leadDepartmentId: lead,
          coordinatorDepartmentIds: coordinators,
          version: duty.version + 1,
          reason,
          mergeOf: departmentId,
        },
      );
    }

    // 3. Its users and active sub-units (each a new version: a form opened before the merge is stale).
    const members = tx
      .select({ id: users.id, version: users.version })
      .from(users)
      .where(eq(users.departmentId, departmentId))
      .all();
    for (const member of members) {
      tx.update(users)
        .set({ departmentId: successorId, version: member.version + 1, updatedAt: now })
        .where(eq(users.id, member.id))
        .run();
      audit(
        "user.move",
        "user",
        member.id,
        { departmentId },
        { departmentId: successorId, reason, mergeOf: departmentId, version: member.version + 1 },
      );
    }
    summary.usersMoved = members.length;

    const subunits = tx
      .select({ id: departments.id, version: departments.version })
      .from(departments)
      .where(and(eq(departments.parentId, departmentId), eq(departments.active, true)))
      .all();
    for (const subunit of subunits) {
      tx.update(departments)
        .set({ parentId: successorId, version: subunit.version + 1, updatedAt: now })
        .where(eq(departments.id, subunit.id))
        .run();
      audit(
        "department.update",
        "department",
        subunit.id,
        { parentId: departmentId },
        { parentId: successorId, reason, version: subunit.version + 1 },
      );
    }
    summary.subunitsMoved = subunits.length;
    moveMembershipsOnMerge(tx, { departmentId, successorId, effectiveOn, reason }, actor, origin, now);

    // 4. The merged department itself.
    tx.update(departments)
      .set({ active: false, successorId, dissolvedOn: effectiveOn, version: merged.version + 1, updatedAt: now })
      .where(eq(departments.id, departmentId))
      .run();
    audit(
      "department.merge",
      "department",
      departmentId,
      { active: true, successorId: null, dissolvedOn: null },
      { active: false, successorId, dissolvedOn: effectiveOn, reason, ...summary, version: merged.version + 1 },
    );
    return { ok: true, summary };
  });
}
