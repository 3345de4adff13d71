// The secretariat's writes on steering committees (Ban Chỉ đạo) and their meetings.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { committees, meetings } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { changesSince, recordAudit, type RecordChange, type RequestOrigin } from "./audit.server";
import type { Author } from "./tasks.server";

export interface CommitteeInput {
  code: string;
  name: string;
  description: string | null;
}

/** An edit may also deactivate the committee (or reactivate it). */
export interface CommitteeUpdateInput extends CommitteeInput {
  active: boolean;
}

/** A meeting's own fields; the committee it belongs to is fixed when it is created. */
export interface MeetingInput {
  heldOn: LocalDate;
  title: string;
  chair: string | null;
  place: string | null;
  attendees: string | null;
  notes: string | null;
}

export interface NewMeetingInput extends MeetingInput {
  committeeId: number;
}

/** A save based on an older version than the record's: nothing written, and what others changed since. */
export interface Conflict {
  ok: false;
  error: "conflict";
  version: number;
  changes: RecordChange[];
}

export type CommitteeWriteResult = { ok: true; id: number } | { ok: false; error: "duplicate_code" | "not_found" };
export type CommitteeUpdateResult = CommitteeWriteResult | Conflict;

export type MeetingWriteResult = { ok: true; id: number } | { ok: false; error: "unknown_committee" | "not_found" };
export type MeetingUpdateResult = MeetingWriteResult | Conflict;

function conflict(
  tx: WriteTransaction,
  entityType: string,
  id: number,
  version: number,
  baseVersion: number,
): Conflict {
  return { ok: false, error: "conflict", version, changes: changesSince(tx, entityType, id, baseVersion) };
}

function committeeSnapshot(tx: WriteTransaction, id: number) {
  return tx
    .select({
      code: committees.code,
      name: committees.name,
      description: committees.description,
      active: committees.active,
      version: committees.version,
    })
    .from(committees)
    .where(eq(committees.id, id))
    .get();
}

function meetingSnapshot(tx: WriteTransaction, id: number) {
  return tx
    .select({
      committeeId: meetings.committeeId,
      heldOn: meetings.heldOn,
      title: meetings.title,
      chair: meetings.chair,
      place: meetings.place,
      attendees: meetings.attendees,
      notes: meetings.notes,
      version: meetings.version,
    })
    .from(meetings)
    .where(eq(meetings.id, id))
    .get();
}

/**
 * Codes are unique whatever their case ("bcd-cds" clashes with "BCD-CDS"). The
 * form only accepts ASCII codes, so SQLite's ASCII-only lower() is enough.
 */
function codeTaken(tx: WriteTransaction, code: string, exceptId: number | null): boolean {
  const clash = tx
    .select({ id: committees.id })
    .from(committees)
    .where(
      and(
        sql`lower(${committees.code}) = lower(${code})`,
        exceptId === null ? sql`1 = 1` : ne(committees.id, exceptId),
      ),
    )
    .get();
  return clash !== undefined;
}

/** A new committee is active. */
export function createCommittee(
  db: AppDatabase,
  author: Author,
  input: CommitteeInput,
  origin: RequestOrigin,
  now = Date.now(),
): CommitteeWriteResult {
  return writeTransaction(db, (tx): CommitteeWriteResult => {
    if (codeTaken(tx, input.code, null)) return { ok: false, error: "duplicate_code" };
    const [row] = tx
      .insert(committees)
      .values({ ...input, active: true, createdAt: now, updatedAt: now })
      .returning({ id: committees.id })
      .all();
    const id = row!.id;
    recordAudit(tx, {
      actorId: author.id,
      action: "committee.create",
      entityType: "committee",
      entityId: id,
      after: committeeSnapshot(tx, id),
      origin,
      at: now,
    });
    return { ok: true, id };
  });
}

/**
 * Renames a committee, changes its code or description, deactivates or
 * reactivates it. Its meetings and directives stay as they are. Saved only on the
 * version the form was based on: a save in between is a conflict, never overwritten.
 */
export function updateCommittee(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  input: CommitteeUpdateInput,
  origin: RequestOrigin,
  now = Date.now(),
): CommitteeUpdateResult {
  return writeTransaction(db, (tx): CommitteeUpdateResult => {
    const before = committeeSnapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion) return conflict(tx, "committee", id, before.version, baseVersion);
    if (codeTaken(tx, input.code, id)) return { ok: false, error: "duplicate_code" };
    tx.update(committees)
      .set({ ...input, version: before.version + 1, updatedAt: now })
      .where(eq(committees.id, id))
      .run();
    recordAudit(tx, {
      actorId: author.id,
      action: "committee.update",
      entityType: "committee",
      entityId: id,
      before,
      after: committeeSnapshot(tx, id),
      origin,
      at: now,
    });
    return { ok: true, id };
  });
}

/** A meeting of an existing committee. */
export function createMeeting(
  db: AppDatabase,
  author: Author,
  input: NewMeetingInput,
  origin: RequestOrigin,
  now = Date.now(),
): MeetingWriteResult {
  return writeTransaction(db, (tx): MeetingWriteResult => {
    const committee = tx
      .select({ id: committees.id })
      .from(committees)
      .where(eq(committees.id, input.committeeId))
      .get();
    if (!committee) return { ok: false, error: "unknown_committee" };
    const [row] = tx
      .insert(meetings)
      .values({ ...input, createdAt: now, updatedAt: now })
      .returning({ id: meetings.id })
      .all();
    const id = row!.id;
    recordAudit(tx, {
      actorId: author.id,
      action: "meeting.create",
      entityType: "meeting",
      entityId: id,
      after: meetingSnapshot(tx, id),
      origin,
      at: now,
    });
    return { ok: true, id };
  });
}

/**
 * Corrects a meeting's date, title, chair, place, attendees or notes. It stays
 * with its committee: its directives name both, and must keep naming a pair
 * that belongs together. Saved only on the version the form was based on.
 */
export function updateMeeting(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  input: MeetingInput,
  origin: RequestOrigin,
  now = Date.now(),
): MeetingUpdateResult {
  return writeTransaction(db, (tx): MeetingUpdateResult => {
    const before = meetingSnapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion) return conflict(tx, "meeting", id, before.version, baseVersion);
    tx.update(meetings)
      .set({ ...input, version: before.version + 1, updatedAt: now })
      .where(eq(meetings.id, id))
      .run();
    recordAudit(tx, {
      actorId: author.id,
      action: "meeting.update",
      entityType: "meeting",
      entityId: id,
      before,
      after: meetingSnapshot(tx, id),
      origin,
      at: now,
    });
    return { ok: true, id };
  });
}

/** Every committee, by name: the choices of a committee menu. */
export function committeeOptions(db: AppDatabase) {
  return db.select({ id: committees.id, name: committees.name }).from(committees).orderBy(asc(committees.name)).all();
}
