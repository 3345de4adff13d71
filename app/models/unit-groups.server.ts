// Unit groups (docs/domain-rules.md §11): named groups of departments, resolved on a day.
// Built-in groups (one per department kind) are computed from the departments table;
// custom groups list their members with the days they belong. One function per use case,
// each in one write transaction with its audit event.
//
// `groupMembersOn` is what assigning an item to a group reads: the departments that were
// members on the day of assignment.
import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { departments, unitGroupMembers, unitGroups } from "../../db/schema";
import { GROUP_LIMITS } from "../domain/admin-limits";
import { endOfLocalDay, isAcceptedDay, today, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import { foldVietnamese } from "../domain/text";
import {
  departmentExistsOn,
  spansOverlap,
  type GroupErrorCode,
  type GroupFailure,
  type MembershipSpan,
} from "../domain/unit-groups";
import { DEPARTMENT_KINDS } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { changedFields, recordAudit, type RequestOrigin } from "./audit.server";
import { allRows, type Columns, type RowOf } from "./sql-rows.server";

type Reader = AppDatabase | WriteTransaction;

export type GroupResult<T extends object = object> = ({ ok: true } & T) | GroupFailure;

const fail = (code: GroupErrorCode, field?: string, departmentNames?: string[]): GroupFailure => ({
  ok: false,
  code,
  field,
  departmentNames,
});

const GROUP_MEMBER = { id: "integer", code: "text", name: "text", kind: DEPARTMENT_KINDS } satisfies Columns;
export type GroupMember = RowOf<typeof GROUP_MEMBER>;

// ---------------------------------------------------------------- resolving a group on a day

/**
 * The SQL twin of departmentExistsOn (app/domain/unit-groups.ts) for departments `d`:
 * created by the end of the day, and not yet merged or dissolved on it.
 */
function existsOn(day: LocalDate) {
  return sql`d.created_at < ${endOfLocalDay(day)}
    AND (CASE WHEN d.dissolved_on IS NOT NULL THEN d.dissolved_on > ${day} ELSE d.active = 1 END)`;
}

/** The SQL twin of spanHolds for memberships `m`. */
function holdsOn(day: LocalDate) {
  return sql`m.from_day <= ${day} AND (m.until_day IS NULL OR m.until_day > ${day})`;
}

/**
 * The departments that belong to a group on a day, by kind then name; null when there is
 * no such group. A built-in group holds the departments of its kind that existed that day;
 * a custom group its members of that day that existed then (a department merged away is
 * replaced by its successor from the merge's day, see moveMembershipsOnMerge).
 */
export function groupMembersOn(db: Reader, groupId: number, day: LocalDate): GroupMember[] | null {
  const group = db
    .select({ builtinKind: unitGroups.builtinKind })
    .from(unitGroups)
    .where(eq(unitGroups.id, groupId))
    .get();
  if (!group) return null;
  const columns = sql`d.id AS id, d.code AS code, d.name AS name, d.kind AS kind`;
  if (group.builtinKind !== null) {
    return allRows(
      db,
      GROUP_MEMBER,
      sql`
      SELECT ${columns} FROM departments d
      WHERE d.kind = ${group.builtinKind} AND ${existsOn(day)}
      ORDER BY d.name, d.id`,
    );
  }
  return allRows(
    db,
    GROUP_MEMBER,
    sql`
    SELECT DISTINCT ${columns} FROM unit_group_members m JOIN departments d ON d.id = m.department_id
    WHERE m.group_id = ${groupId} AND ${holdsOn(day)} AND ${existsOn(day)}
    ORDER BY d.kind, d.name, d.id`,
  );
}

/** Every group with how many departments it holds on the day: built-in first, then by name. */
export function listGroups(db: Reader, day: LocalDate) {
  const groups = db
    .select({
      id: unitGroups.id,
      name: unitGroups.name,
      description: unitGroups.description,
      builtinKind: unitGroups.builtinKind,
    })
    .from(unitGroups)
    .orderBy(sql`${unitGroups.builtinKind} IS NULL`, asc(unitGroups.name))
    .all();
  const byKind = new Map(
    allRows(
      db,
      { kind: DEPARTMENT_KINDS, n: "integer" },
      sql`SELECT d.kind AS kind, count(*) AS n FROM departments d WHERE ${existsOn(day)} GROUP BY d.kind`,
    ).map((row) => [row.kind, row.n]),
  );
  const byGroup = new Map(
    allRows(
      db,
      { groupId: "integer", n: "integer" },
      sql`SELECT m.group_id AS groupId, count(DISTINCT m.department_id) AS n
            FROM unit_group_members m JOIN departments d ON d.id = m.department_id
            WHERE ${holdsOn(day)} AND ${existsOn(day)} GROUP BY m.group_id`,
    ).map((row) => [row.groupId, row.n]),
  );
  return groups.map((group) => ({
    ...group,
    memberCount: (group.builtinKind === null ? byGroup.get(group.id) : byKind.get(group.builtinKind)) ?? 0,
  }));
}

/** A group's own row: what its page shows and what a change to it checks. */
function groupRow(db: Reader, groupId: number) {
  return db
    .select({
      id: unitGroups.id,
      name: unitGroups.name,
      description: unitGroups.description,
      builtinKind: unitGroups.builtinKind,
      version: unitGroups.version,
    })
    .from(unitGroups)
    .where(eq(unitGroups.id, groupId))
    .get();
}

/** A group for its page: the group, its members on the day, and (custom groups) every membership. */
export function groupForAdmin(db: Reader, groupId: number, day: LocalDate) {
  const group = groupRow(db, groupId);
  if (!group) return null;
  const members = groupMembersOn(db, groupId, day) ?? [];
  const memberships =
    group.builtinKind !== null
      ? []
      : allRows(
          db,
          {
            id: "integer",
            departmentId: "integer",
            code: "text",
            name: "text",
            kind: DEPARTMENT_KINDS,
            active: "integer",
            fromDay: "text",
            untilDay: "text?",
            addedBy: "text?",
            endedBy: "text?",
          },
          sql`
          SELECT m.id AS id, d.id AS departmentId, d.code AS code, d.name AS name, d.kind AS kind, d.active AS active,
                 m.from_day AS fromDay, m.until_day AS untilDay, a.display_name AS addedBy, e.display_name AS endedBy
          FROM unit_group_members m
          JOIN departments d ON d.id = m.department_id
          LEFT JOIN users a ON a.id = m.added_by
          LEFT JOIN users e ON e.id = m.ended_by
          WHERE m.group_id = ${groupId}
          ORDER BY m.until_day IS NOT NULL, d.name, m.from_day`,
        );
  return { group, members, memberships };
}

// ---------------------------------------------------------------- input rules

const recordId = z.number().int().positive();
const day = z.string().refine(isAcceptedDay);
const departmentIds = z
  .array(recordId)
  .min(1)
  .max(GROUP_LIMITS.membersMax)
  .transform((ids) => [...new Set(ids)]);
const profile = {
  name: z.string().trim().min(1).max(GROUP_LIMITS.nameMax),
  description: z.string().trim().max(GROUP_LIMITS.descriptionMax).nullable(),
};
const newGroupInput = z.object({ ...profile, departmentIds, fromDay: day.optional() });
const groupProfileInput = z.object({ groupId: recordId, version: z.number().int().positive(), ...profile });
const addMembersInput = z.object({ groupId: recordId, departmentIds, fromDay: day.optional() });
const removeMembersInput = z.object({ groupId: recordId, departmentIds, untilDay: day.optional() });

export type NewGroupInput = z.input<typeof newGroupInput>;
export type GroupProfileInput = z.input<typeof groupProfileInput>;
export type AddMembersInput = z.input<typeof addMembersInput>;
export type RemoveMembersInput = z.input<typeof removeMembersInput>;

function invalid(error: z.ZodError): GroupFailure {
  const field = error.issues[0]?.path[0];
  return fail("invalid", typeof field === "string" ? field : undefined);
}

/** The day a membership change takes effect: the one given, else today; null when it is after today. */
function effectiveDay(given: LocalDate | undefined, now: number): LocalDate | null {
  const day = given ?? today(now);
  return day > today(now) ? null : day;
}

// ---------------------------------------------------------------- helpers

type GroupRow = NonNullable<ReturnType<typeof groupRow>>;

/**
 * Runs `change` in one write transaction on a custom group; a missing group and a
 * built-in one (its members follow the departments' kinds) are refused.
 */
function changeCustomGroup<T extends object>(
  db: AppDatabase,
  groupId: number,
  change: (tx: WriteTransaction, group: GroupRow) => GroupResult<T>,
): GroupResult<T> {
  return writeTransaction(db, (tx): GroupResult<T> => {
    const group = groupRow(tx, groupId);
    if (!group) return fail("not_found");
    if (group.builtinKind !== null) return fail("builtin_readonly");
    return change(tx, group);
  });
}

/** Another group already has this name, compared without marks or case ("cac so" = "Các sở"). */
function nameTaken(tx: WriteTransaction, name: string, exceptId?: number): boolean {
  const folded = foldVietnamese(name);
  return tx
    .select({ id: unitGroups.id, name: unitGroups.name })
    .from(unitGroups)
    .where(exceptId === undefined ? undefined : ne(unitGroups.id, exceptId))
    .all()
    .some((group) => foldVietnamese(group.name) === folded);
}

/** The refusal when any of `ids` cannot join from `fromDay` (unknown, inactive, or not yet created then), naming them. */
function refuseUnavailable(tx: WriteTransaction, ids: number[], fromDay: LocalDate): GroupFailure | null {
  const rows = tx
    .select({
      id: departments.id,
      createdAt: departments.createdAt,
      active: departments.active,
      dissolvedOn: departments.dissolvedOn,
    })
    .from(departments)
    .where(inArray(departments.id, ids))
    .all();
  const available = new Set(rows.filter((d) => d.active && departmentExistsOn(d, fromDay)).map((d) => d.id));
  const unavailable = ids.filter((id) => !available.has(id));
  return unavailable.length === 0
    ? null
    : fail("department_unavailable", "departmentIds", departmentNames(tx, unavailable));
}

/** The names of departments, for a refusal's message (an unknown id by its number). */
function departmentNames(db: Reader, ids: readonly number[]): string[] {
  const names = new Map(
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(inArray(departments.id, [...ids]))
      .all()
      .map((row) => [row.id, row.name]),
  );
  return ids.map((id) => names.get(id) ?? `#${id}`);
}

function spansOf(tx: WriteTransaction, groupId: number, departmentId: number) {
  return tx
    .select({
      id: unitGroupMembers.id,
      departmentId: unitGroupMembers.departmentId,
      fromDay: unitGroupMembers.fromDay,
      untilDay: unitGroupMembers.untilDay,
    })
    .from(unitGroupMembers)
    .where(and(eq(unitGroupMembers.groupId, groupId), eq(unitGroupMembers.departmentId, departmentId)))
    .all();
}

function insertMembers(tx: WriteTransaction, groupId: number, ids: number[], fromDay: LocalDate, actor: Actor) {
  tx.insert(unitGroupMembers)
    .values(ids.map((departmentId) => ({ groupId, departmentId, fromDay, addedBy: actor.id })))
    .run();
}

/** A change of its members is a new version of the group: a form showing the old one is stale. */
function bumpVersion(tx: WriteTransaction, groupId: number, now: number) {
  tx.update(unitGroups)
    .set({ version: sql`${unitGroups.version} + 1`, updatedAt: now })
    .where(eq(unitGroups.id, groupId))
    .run();
}

function audit(
  tx: WriteTransaction,
  actor: Actor,
  action: string,
  groupId: number,
  change: { before?: unknown; after: unknown },
  origin: RequestOrigin,
  at: number,
) {
  recordAudit(tx, { actorId: actor.id, action, entityType: "unit_group", entityId: groupId, ...change, origin, at });
}

// ---------------------------------------------------------------- use cases

export function createGroup(
  db: AppDatabase,
  actor: Actor,
  input: NewGroupInput,
  origin: RequestOrigin,
  now = Date.now(),
): GroupResult<{ groupId: number }> {
  const parsed = newGroupInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const value = { ...parsed.data, description: parsed.data.description || null };
  const fromDay = effectiveDay(value.fromDay, now);
  if (fromDay === null) return fail("effective_in_future", "fromDay");

  return writeTransaction(db, (tx): GroupResult<{ groupId: number }> => {
    if (nameTaken(tx, value.name)) return fail("name_taken", "name");
    const unavailable = refuseUnavailable(tx, value.departmentIds, fromDay);
    if (unavailable) return unavailable;
    const { id } = tx
      .insert(unitGroups)
      .values({ name: value.name, description: value.description, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: unitGroups.id })
      .get();
    insertMembers(tx, id, value.departmentIds, fromDay, actor);
    const after = { name: value.name, description: value.description, departmentIds: value.departmentIds, fromDay };
    audit(tx, actor, "unit_group.create", id, { after }, origin, now);
    return { ok: true, groupId: id };
  });
}

/** Renames a custom group or changes its description, on the version the form showed. */
export function updateGroup(
  db: AppDatabase,
  actor: Actor,
  input: GroupProfileInput,
  origin: RequestOrigin,
  now = Date.now(),
): GroupResult<{ changed: boolean }> {
  const parsed = groupProfileInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { groupId, version, ...value } = { ...parsed.data, description: parsed.data.description || null };

  return changeCustomGroup(db, groupId, (tx, group): GroupResult<{ changed: boolean }> => {
    if (group.version !== version) return fail("conflict");
    const diff = changedFields({ name: group.name, description: group.description }, value);
    if (Object.keys(diff.after).length === 0) return { ok: true, changed: false };
    if (nameTaken(tx, value.name, groupId)) return fail("name_taken", "name");
    tx.update(unitGroups)
      .set({ ...value, version: group.version + 1, updatedAt: now })
      .where(eq(unitGroups.id, groupId))
      .run();
    const before = { ...diff.before, version: group.version };
    const after = { ...diff.after, version: group.version + 1 };
    audit(tx, actor, "unit_group.update", groupId, { before, after }, origin, now);
    return { ok: true, changed: true };
  });
}

/** Adds departments to a custom group from a day (default today); none may already belong on or after it. */
export function addGroupMembers(
  db: AppDatabase,
  actor: Actor,
  input: AddMembersInput,
  origin: RequestOrigin,
  now = Date.now(),
): GroupResult<{ added: number }> {
  const parsed = addMembersInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { groupId, departmentIds } = parsed.data;
  const fromDay = effectiveDay(parsed.data.fromDay, now);
  if (fromDay === null) return fail("effective_in_future", "fromDay");

  return changeCustomGroup(db, groupId, (tx, group): GroupResult<{ added: number }> => {
    const unavailable = refuseUnavailable(tx, departmentIds, fromDay);
    if (unavailable) return unavailable;
    const wanted = { fromDay, untilDay: null };
    const members = departmentIds.filter((id) => spansOf(tx, groupId, id).some((span) => spansOverlap(span, wanted)));
    if (members.length > 0) return fail("already_member", "departmentIds", departmentNames(tx, members));

    insertMembers(tx, groupId, departmentIds, fromDay, actor);
    bumpVersion(tx, groupId, now);
    const after = { departmentIds, fromDay, version: group.version + 1 };
    audit(tx, actor, "unit_group.members_add", groupId, { after }, origin, now);
    return { ok: true, added: departmentIds.length };
  });
}

/**
 * Ends departments' membership of a custom group on a day (default today): from that day
 * on they are no longer members; the days before keep them. Ending it on its first day
 * removes a membership that never took effect.
 */
export function removeGroupMembers(
  db: AppDatabase,
  actor: Actor,
  input: RemoveMembersInput,
  origin: RequestOrigin,
  now = Date.now(),
): GroupResult<{ removed: number }> {
  const parsed = removeMembersInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { groupId, departmentIds } = parsed.data;
  const untilDay = effectiveDay(parsed.data.untilDay, now);
  if (untilDay === null) return fail("effective_in_future", "untilDay");

  return changeCustomGroup(db, groupId, (tx, group): GroupResult<{ removed: number }> => {
    const open = tx
      .select({
        id: unitGroupMembers.id,
        departmentId: unitGroupMembers.departmentId,
        fromDay: unitGroupMembers.fromDay,
      })
      .from(unitGroupMembers)
      .where(
        and(
          eq(unitGroupMembers.groupId, groupId),
          inArray(unitGroupMembers.departmentId, departmentIds),
          isNull(unitGroupMembers.untilDay),
        ),
      )
      .all();
    const openOf = new Map(open.map((span) => [span.departmentId, span]));
    const notMembers = departmentIds.filter((id) => !openOf.has(id));
    if (notMembers.length > 0) return fail("not_member", "departmentIds", departmentNames(tx, notMembers));
    const tooEarly = open.filter((span) => span.fromDay > untilDay).map((span) => span.departmentId);
    if (tooEarly.length > 0) return fail("before_membership", "untilDay", departmentNames(tx, tooEarly));

    for (const span of open) {
      if (span.fromDay === untilDay) tx.delete(unitGroupMembers).where(eq(unitGroupMembers.id, span.id)).run();
      else
        tx.update(unitGroupMembers).set({ untilDay, endedBy: actor.id }).where(eq(unitGroupMembers.id, span.id)).run();
    }
    bumpVersion(tx, groupId, now);
    const before = { memberships: open.map(({ departmentId, fromDay }) => ({ departmentId, fromDay })) };
    const after = { departmentIds, untilDay, version: group.version + 1 };
    audit(tx, actor, "unit_group.members_remove", groupId, { before, after }, origin, now);
    return { ok: true, removed: open.length };
  });
}

/**
 * A merge (docs/domain-rules.md §3, mergeDepartment) moves the merged department's group
 * memberships to its successor from the day the merge took effect, as it moves its open
 * tasks: the merged department's membership ends that day (the days before keep it), the
 * successor's begins — unless the successor already belongs to the group then. One
 * audited change per membership moved. Returns how many groups changed.
 */
export function moveMembershipsOnMerge(
  tx: WriteTransaction,
  merge: { departmentId: number; successorId: number; effectiveOn: LocalDate; reason: string },
  actor: Actor,
  origin: RequestOrigin,
  now: number,
): number {
  const { departmentId, successorId, effectiveOn } = merge;
  const affected = tx
    .select({
      id: unitGroupMembers.id,
      groupId: unitGroupMembers.groupId,
      fromDay: unitGroupMembers.fromDay,
      untilDay: unitGroupMembers.untilDay,
    })
    .from(unitGroupMembers)
    .where(
      and(
        eq(unitGroupMembers.departmentId, departmentId),
        or(isNull(unitGroupMembers.untilDay), gt(unitGroupMembers.untilDay, effectiveOn)),
      ),
    )
    .orderBy(asc(unitGroupMembers.groupId), asc(unitGroupMembers.fromDay))
    .all();
  const groups = new Set<number>();
  for (const span of affected) {
    // The part of the membership from the merge's day on passes to the successor.
    const moved: Omit<MembershipSpan, "departmentId"> = {
      fromDay: span.fromDay > effectiveOn ? span.fromDay : effectiveOn,
      untilDay: span.untilDay,
    };
    if (span.fromDay >= effectiveOn) tx.delete(unitGroupMembers).where(eq(unitGroupMembers.id, span.id)).run();
    else
      tx.update(unitGroupMembers)
        .set({ untilDay: effectiveOn, endedBy: actor.id })
        .where(eq(unitGroupMembers.id, span.id))
        .run();
    const successorBelongs = spansOf(tx, span.groupId, successorId).some((own) => spansOverlap(own, moved));
    if (!successorBelongs) {
      tx.insert(unitGroupMembers)
        .values({ groupId: span.groupId, departmentId: successorId, ...moved, addedBy: actor.id })
        .run();
    }
    bumpVersion(tx, span.groupId, now);
    const before = { departmentId, fromDay: span.fromDay, untilDay: span.untilDay };
    const after = {
      departmentId: successorBelongs ? null : successorId,
      ...moved,
      mergeOf: departmentId,
      reason: merge.reason,
    };
    audit(tx, actor, "unit_group.members_merge", span.groupId, { before, after }, origin, now);
    groups.add(span.groupId);
  }
  return groups.size;
}
