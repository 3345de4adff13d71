// Items given to many units (decision 026, docs/domain-rules.md §13): the secretariat
// gives one item of a directive to a unit group or to several lead departments. The item
// is a row of `task_fan_outs`, never counted; each unit's task is an ordinary task made by
// the same code a single task is (`insertTask`: status spans, coordinators, the lead's
// notification, its audit event), pointing at the item by `fan_out_id`. One IMMEDIATE
// transaction holds the item, every unit's task and the item's own audit event: bad input
// changes nothing.
import { eq, sql } from "drizzle-orm";
import { departments, directives, taskFanOuts, tasks, unitGroups } from "../../db/schema";
import { isAcceptedDay, type LocalDate } from "../domain/dates";
import { fanOutRollup, type FanOutRollup } from "../domain/fan-out-rollup";
import { hasPermission, type Actor } from "../domain/permissions";
import { DEADLINE_KINDS, type DeadlineKind, type StatusBasis } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { FAN_OUT_MAX_UNITS } from "../lib/desk-forms";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { taskRows, type TaskRow } from "./task-rows.server";
import { insertTask, type TaskWriteError } from "./tasks.server";
import { groupMembersOn } from "./unit-groups.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "./visibility.server";
import { firstRow, allRows } from "./sql-rows.server";

export { FAN_OUT_MAX_UNITS } from "../lib/desk-forms";

/** Whom the item is given to: a unit group (its members on the assignment day), or two or more named leads. */
export type FanOutTarget = { kind: "group"; groupId: number } | { kind: "leads"; departmentIds: number[] };

export interface FanOutInput {
  directiveId: number;
  itemNumber: string;
  title: string;
  description: string | null;
  target: FanOutTarget;
  /** Coordinators of every unit's task (each unit's own can be changed on its task afterwards). */
  coordinatorDepartmentIds: number[];
  deadlineKind: DeadlineKind;
  dueDate: LocalDate | null;
  assignedOn: LocalDate;
}

export type FanOutError =
  | { error: "forbidden" }
  | { error: "unknown_group" }
  | { error: "empty_group" }
  | { error: "too_few_leads" }
  | { error: "too_many_units"; count: number }
  | { error: "bad_day" }
  /** A coordinator that is also one of the units: a lead is never its own coordinator. */
  | { error: "lead_is_coordinator"; departmentNames: string[] }
  | Exclude<TaskWriteError, { error: "not_found" } | { error: "conflict" } | { error: "invalid_move" }>;

export type FanOutResult = { ok: true; id: number; taskIds: number[] } | ({ ok: false } & FanOutError);

/** Thrown inside the transaction so that a unit refused after others were written rolls everything back. */
class Refused extends Error {
  constructor(readonly reason: FanOutError) {
    super(reason.error);
  }
}

/** The department that stands for `id` now: itself while active, else its successor (merges may chain). */
function standingFor(tx: WriteTransaction, id: number): number {
  let current = id;
  for (let hops = 0; hops < 20; hops += 1) {
    const row = tx
      .select({ active: departments.active, successorId: departments.successorId })
      .from(departments)
      .where(eq(departments.id, current))
      .get();
    if (!row || row.active || row.successorId === null) return current;
    current = row.successorId;
  }
  return current;
}

/**
 * The units of the item, in order: a group's members on the assignment day (a department
 * merged away by then is already its successor there; one merged away since is its
 * successor now, which holds its open tasks), or the named leads without repeats.
 */
function unitsOf(tx: WriteTransaction, input: FanOutInput): number[] {
  let ids: number[];
  if (input.target.kind === "group") {
    const members = groupMembersOn(tx, input.target.groupId, input.assignedOn);
    if (members === null) throw new Refused({ error: "unknown_group" });
    ids = members.map((m) => m.id);
    if (ids.length === 0) throw new Refused({ error: "empty_group" });
  } else {
    ids = input.target.departmentIds;
  }
  const units = [...new Set(ids.map((id) => standingFor(tx, id)))];
  if (input.target.kind === "leads" && units.length < 2) throw new Refused({ error: "too_few_leads" });
  if (units.length > FAN_OUT_MAX_UNITS) throw new Refused({ error: "too_many_units", count: units.length });
  return units;
}

/**
 * Gives one item of a directive to many units: the item, one ordinary task per unit with the
 * shared deadline, assignment day and coordinators, and the item's audit event. Only the
 * secretariat (who writes tasks); nothing is written when any unit's task would be refused.
 */
export function createFanOut(
  db: AppDatabase,
  actor: Actor,
  input: FanOutInput,
  origin: RequestOrigin,
  now = Date.now(),
): FanOutResult {
  if (!hasPermission(actor, "task.write")) return { ok: false, error: "forbidden" };
  if (!isAcceptedDay(input.assignedOn) || (input.dueDate !== null && !isAcceptedDay(input.dueDate))) {
    return { ok: false, error: "bad_day" };
  }
  try {
    return writeTransaction(db, (tx): FanOutResult => {
      const directive = tx
        .select({ id: directives.id })
        .from(directives)
        .where(eq(directives.id, input.directiveId))
        .get();
      if (!directive) throw new Refused({ error: "unknown_directive" });
      const units = unitsOf(tx, input);
      const clash = units.filter((id) => input.coordinatorDepartmentIds.includes(id));
      if (clash.length > 0) {
        const names = allRows(
          tx,
          { name: "text" },
          sql`SELECT name FROM departments WHERE id IN (${sql.join(
            clash.map((id) => sql`${id}`),
            sql`, `,
          )}) ORDER BY name`,
        );
        throw new Refused({ error: "lead_is_coordinator", departmentNames: names.map((n) => n.name) });
      }
      const [item] = tx
        .insert(taskFanOuts)
        .values({
          directiveId: input.directiveId,
          itemNumber: input.itemNumber,
          title: input.title,
          description: input.description,
          groupId: input.target.kind === "group" ? input.target.groupId : null,
          assignedOn: input.assignedOn,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: taskFanOuts.id })
        .all();
      const fanOutId = item!.id;
      const taskIds: number[] = [];
      for (const leadDepartmentId of units) {
        const created = insertTask(
          tx,
          actor,
          {
            directiveId: input.directiveId,
            parentId: null,
            itemNumber: input.itemNumber,
            title: input.title,
            description: input.description,
            leadDepartmentId,
            coordinatorDepartmentIds: input.coordinatorDepartmentIds,
            deadlineKind: input.deadlineKind,
            dueDate: input.dueDate,
            assignedOn: input.assignedOn,
          },
          origin,
          now,
        );
        if (!created.ok) {
          if (created.error === "not_found" || created.error === "conflict" || created.error === "invalid_move") {
            throw new Error(`unexpected ${created.error} creating a unit's task`);
          }
          throw new Refused(created);
        }
        tx.update(tasks).set({ fanOutId }).where(eq(tasks.id, created.id)).run();
        taskIds.push(created.id);
      }
      recordAudit(tx, {
        actorId: actor.id,
        action: "fan_out.create",
        entityType: "fan_out",
        entityId: fanOutId,
        after: {
          directiveId: input.directiveId,
          itemNumber: input.itemNumber,
          title: input.title,
          description: input.description,
          groupId: input.target.kind === "group" ? input.target.groupId : null,
          leadDepartmentIds: units,
          coordinatorDepartmentIds: input.coordinatorDepartmentIds,
          deadlineKind: input.deadlineKind,
          dueDate: input.dueDate,
          assignedOn: input.assignedOn,
          taskIds,
        },
        origin,
        at: now,
      });
      return { ok: true, id: fanOutId, taskIds };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.reason };
    throw error;
  }
}

// ---------------------------------------------------------------- a unit added later

export interface AddUnitInput {
  fanOutId: number;
  /** The item's version the form was based on (optimistic concurrency). */
  baseVersion: number;
  departmentId: number;
  /** Null: the item's units have no deadline, as its first unit (a dated item needs a date). */
  dueDate: LocalDate | null;
  assignedOn: LocalDate;
}

export type AddUnitResult =
  | { ok: true; taskId: number; version: number }
  | ({ ok: false } & (
      | { error: "forbidden" }
      | { error: "not_found" }
      | { error: "conflict" }
      | { error: "already_a_unit" }
      | Exclude<TaskWriteError, { error: "not_found" } | { error: "conflict" } | { error: "invalid_move" }>
    ));

/**
 * Gives the item to one more unit, later: an ordinary task like its other units' (the item's
 * number, title and description, the first unit's coordinators), with the deadline and day of
 * assignment given. A unit is taken off by withdrawing its task ("Rút nhiệm vụ"), which the
 * roll-up sets apart and which keeps its history. Refused for a department already leading one
 * of the item's tasks still counted.
 */
export function addFanOutUnit(
  db: AppDatabase,
  actor: Actor,
  input: AddUnitInput,
  origin: RequestOrigin,
  now = Date.now(),
): AddUnitResult {
  if (!hasPermission(actor, "task.write")) return { ok: false, error: "forbidden" };
  try {
    return writeTransaction(db, (tx): AddUnitResult => {
      const item = tx.select().from(taskFanOuts).where(eq(taskFanOuts.id, input.fanOutId)).get();
      if (!item) return { ok: false, error: "not_found" };
      if (item.version !== input.baseVersion) return { ok: false, error: "conflict" };
      const units = allRows(
        tx,
        { id: "integer", lead: "integer", kind: DEADLINE_KINDS },
        sql`SELECT id, lead_department_id AS lead, deadline_kind AS kind FROM tasks
            WHERE fan_out_id = ${item.id} AND state <> 'cancelled' ORDER BY id`,
      );
      if (units.some((u) => u.lead === input.departmentId)) return { ok: false, error: "already_a_unit" };
      const first = units[0]?.id ?? null;
      const coordinators =
        first === null
          ? []
          : allRows(
              tx,
              { id: "integer" },
              sql`SELECT department_id AS id FROM task_coordinators WHERE task_id = ${first} ORDER BY department_id`,
            )
              .map((c) => c.id)
              .filter((id) => id !== input.departmentId);
      const created = insertTask(
        tx,
        actor,
        {
          directiveId: item.directiveId,
          parentId: null,
          itemNumber: item.itemNumber,
          title: item.title,
          description: item.description,
          leadDepartmentId: input.departmentId,
          coordinatorDepartmentIds: coordinators,
          deadlineKind: input.dueDate !== null ? "dated" : (units[0]?.kind ?? "dated"),
          dueDate: input.dueDate,
          assignedOn: input.assignedOn,
        },
        origin,
        now,
      );
      if (!created.ok) {
        if (created.error === "not_found" || created.error === "conflict" || created.error === "invalid_move") {
          throw new Error(`unexpected ${created.error} adding a unit`);
        }
        throw new Refused(created);
      }
      tx.update(tasks).set({ fanOutId: item.id }).where(eq(tasks.id, created.id)).run();
      tx.update(taskFanOuts)
        .set({ version: sql`${taskFanOuts.version} + 1`, updatedAt: now })
        .where(eq(taskFanOuts.id, item.id))
        .run();
      recordAudit(tx, {
        actorId: actor.id,
        action: "fan_out.add_unit",
        entityType: "fan_out",
        entityId: item.id,
        before: { version: item.version },
        after: { version: item.version + 1, taskId: created.id, leadDepartmentId: input.departmentId },
        origin,
        at: now,
      });
      return { ok: true, taskId: created.id, version: item.version + 1 };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.reason } as AddUnitResult;
    throw error;
  }
}

// ---------------------------------------------------------------- reading

export interface FanOutSummary {
  id: number;
  directiveId: number;
  itemNumber: string;
  title: string;
  description: string | null;
  groupName: string | null;
  assignedOn: LocalDate;
  version: number;
}

function summaryOf(db: AppDatabase, id: number): FanOutSummary | undefined {
  return db
    .select({
      id: taskFanOuts.id,
      directiveId: taskFanOuts.directiveId,
      itemNumber: taskFanOuts.itemNumber,
      title: taskFanOuts.title,
      description: taskFanOuts.description,
      groupName: unitGroups.name,
      assignedOn: taskFanOuts.assignedOn,
      version: taskFanOuts.version,
    })
    .from(taskFanOuts)
    .leftJoin(unitGroups, eq(unitGroups.id, taskFanOuts.groupId))
    .where(eq(taskFanOuts.id, id))
    .get();
}

/** The roll-up of the unit rows shown (their statuses on the day, on the basis). */
export function rollupOfRows(rows: readonly TaskRow[]): FanOutRollup {
  return fanOutRollup(rows.map((r) => ({ status: r.status, stale: r.stale, late: r.late })));
}

/**
 * An item for its page as of a day on a basis: the item, its units' tasks the actor may see
 * (a department sees its own unit's only) and their roll-up. Null when there is no such
 * item, or the actor sees none of its units (a 404 that does not say it exists).
 */
export function fanOutForPage(db: AppDatabase, actor: Actor, id: number, asOf: LocalDate, basis: StatusBasis) {
  const item = summaryOf(db, id);
  if (!item) return null;
  const directive = firstRow(
    db,
    { id: "integer", number: "text?", abstract: "text" },
    sql`
    SELECT d.id, d.number, d.abstract FROM directives d
    WHERE d.id = ${item.directiveId} AND ${visibleDirectivesFilter(actor)}`,
  );
  if (!directive) return null;
  const units = taskRows(db, {
    asOf,
    basis,
    taskFilter: sql`t.fan_out_id = ${id} AND ${visibleTasksFilter(actor)}`,
  }).sort((a, b) => a.lead.name.localeCompare(b.lead.name, "vi") || a.id - b.id);
  const total = firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n FROM tasks WHERE fan_out_id = ${id}`)?.n ?? 0;
  // Visibility is per task, whatever the day: a reader who sees none of its units does not see the item.
  const seen = firstRow(
    db,
    { n: "integer" },
    sql`SELECT count(*) AS n FROM tasks t WHERE t.fan_out_id = ${id} AND ${visibleTasksFilter(actor)}`,
  )!.n;
  if (seen === 0) return null;
  return { item, directive, units, unitsTotal: total, rollup: rollupOfRows(units) };
}

/** The item a task is one unit's share of, for the link back from its page. */
export function fanOutOfTask(db: AppDatabase, taskId: number) {
  return firstRow(
    db,
    { id: "integer", itemNumber: "text", title: "text", units: "integer" },
    sql`
    SELECT f.id, f.item_number AS itemNumber, f.title, (SELECT count(*) FROM tasks u WHERE u.fan_out_id = f.id) AS units
    FROM tasks t JOIN task_fan_outs f ON f.id = t.fan_out_id WHERE t.id = ${taskId}`,
  );
}

/** The items of a directive (in item order), by id, for its page to put its units under. */
export function fanOutsOfDirective(db: AppDatabase, directiveId: number): Map<number, FanOutSummary> {
  const ids = allRows(
    db,
    { id: "integer" },
    sql`SELECT id FROM task_fan_outs WHERE directive_id = ${directiveId} ORDER BY id`,
  );
  return new Map(ids.map(({ id }) => [id, summaryOf(db, id)!]));
}
