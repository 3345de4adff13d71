// The secretariat's writes on directives (văn bản chỉ đạo) and meetings.
import { and, eq, ne, sql } from "drizzle-orm";
import { committees, directives, meetings } from "../../db/schema";
import type { LocalDate } from "../domain/dates";
import type { DirectiveState, DirectiveType } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { recordDirectiveState, reviseIssueDay } from "./directive-states.server";
import { announceDirectiveTasks } from "./notifications.server";
import { indexDirective } from "./search.server";
import type { Author } from "./tasks.server";

export interface DirectiveInput {
  committeeId: number;
  meetingId: number | null;
  number: string | null;
  type: DirectiveType;
  issuedOn: LocalDate | null;
  issuer: string;
  signer: string | null;
  abstract: string;
  fullText: string | null;
  confidential: boolean;
}

export type DirectiveWriteResult =
  | { ok: true; id: number; version: number }
  | {
      ok: false;
      error:
        | "duplicate_number"
        | "unknown_committee"
        | "unknown_meeting"
        | "issued_needs_date"
        | "issued_needs_number"
        | "not_found"
        | "conflict"
        | "invalid_move";
    };

function snapshot(tx: WriteTransaction, id: number) {
  return tx
    .select({
      committeeId: directives.committeeId,
      meetingId: directives.meetingId,
      number: directives.number,
      type: directives.type,
      issuedOn: directives.issuedOn,
      issuer: directives.issuer,
      signer: directives.signer,
      abstract: directives.abstract,
      fullText: directives.fullText,
      confidential: directives.confidential,
      state: directives.state,
      version: directives.version,
    })
    .from(directives)
    .where(eq(directives.id, id))
    .get();
}

function referenceError(tx: WriteTransaction, input: DirectiveInput, exceptId: number | null) {
  if (!tx.select({ id: committees.id }).from(committees).where(eq(committees.id, input.committeeId)).get()) {
    return "unknown_committee" as const;
  }
  if (input.meetingId !== null) {
    const meeting = tx
      .select({ committeeId: meetings.committeeId })
      .from(meetings)
      .where(eq(meetings.id, input.meetingId))
      .get();
    if (!meeting || meeting.committeeId !== input.committeeId) return "unknown_meeting" as const;
  }
  if (input.number !== null && numberTaken(tx, input.issuer, input.number, exceptId))
    return "duplicate_number" as const;
  return null;
}

/** Another directive of the same issuer already has this number (compared without case). */
function numberTaken(tx: WriteTransaction, issuer: string, number: string, exceptId: number | null): boolean {
  const clash = tx
    .select({ id: directives.id })
    .from(directives)
    .where(
      and(
        sql`lower(${directives.issuer}) = lower(${issuer})`,
        sql`lower(${directives.number}) = lower(${number})`,
        exceptId === null ? sql`1 = 1` : ne(directives.id, exceptId),
      ),
    )
    .get();
  return clash !== undefined;
}

/** A new directive starts as a draft, seen by the secretariat only. */
export function createDirective(
  db: AppDatabase,
  author: Author,
  input: DirectiveInput,
  origin: RequestOrigin,
  now = Date.now(),
): DirectiveWriteResult {
  return writeTransaction(db, (tx): DirectiveWriteResult => {
    const error = referenceError(tx, input, null);
    if (error) return { ok: false, error };
    const [row] = tx
      .insert(directives)
      .values({ ...input, state: "draft", createdBy: author.id, createdAt: now, updatedAt: now })
      .returning({ id: directives.id })
      .all();
    const id = row!.id;
    indexDirective(tx, id);
    recordAudit(tx, {
      actorId: author.id,
      action: "directive.create",
      entityType: "directive",
      entityId: id,
      after: snapshot(tx, id),
      origin,
      at: now,
    });
    return { ok: true, id, version: 1 };
  });
}

export function updateDirective(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  input: DirectiveInput,
  origin: RequestOrigin,
  now = Date.now(),
): DirectiveWriteResult {
  return writeTransaction(db, (tx): DirectiveWriteResult => {
    const before = snapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion) return { ok: false, error: "conflict" };
    const error = referenceError(tx, input, id);
    if (error) return { ok: false, error };
    if (before.state !== "draft" && input.issuedOn === null) return { ok: false, error: "issued_needs_date" };
    tx.update(directives)
      .set({ ...input, version: sql`${directives.version} + 1`, updatedAt: now })
      .where(eq(directives.id, id))
      .run();
    if (before.state !== "draft" && input.issuedOn !== null && input.issuedOn !== before.issuedOn) {
      reviseIssueDay(tx, id, input.issuedOn);
    }
    indexDirective(tx, id);
    const after = snapshot(tx, id);
    recordAudit(tx, {
      actorId: author.id,
      action: "directive.update",
      entityType: "directive",
      entityId: id,
      before,
      after,
      origin,
      at: now,
    });
    return { ok: true, id, version: after!.version };
  });
}

const DIRECTIVE_MOVES: Record<DirectiveState, readonly DirectiveState[]> = {
  draft: ["issued"],
  issued: ["closed"],
  closed: ["issued"],
};

/** Issue a draft (it needs a number and a date), close an issued directive, or reopen a closed one. */
export function setDirectiveState(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  to: DirectiveState,
  origin: RequestOrigin,
  now = Date.now(),
): DirectiveWriteResult {
  return writeTransaction(db, (tx): DirectiveWriteResult => {
    const before = snapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion) return { ok: false, error: "conflict" };
    return moveDirective(tx, author, id, before, before, to, origin, now);
  });
}

/**
 * What the issuing step itself may give: the number and the date of issue, typed in
 * the step (undefined: keep the draft's; null: none was typed, which the issue refuses).
 */
export interface IssueDetails {
  number?: string | null;
  issuedOn?: LocalDate | null;
}

/**
 * Issues a draft with the number and date given in the issuing step, in one
 * transaction: both are stored (the issue's audit event shows them before and after)
 * only if the issue itself goes through.
 */
export function issueDirective(
  db: AppDatabase,
  author: Author,
  id: number,
  baseVersion: number,
  details: IssueDetails,
  origin: RequestOrigin,
  now = Date.now(),
): DirectiveWriteResult {
  return writeTransaction(db, (tx): DirectiveWriteResult => {
    const before = snapshot(tx, id);
    if (!before) return { ok: false, error: "not_found" };
    if (before.version !== baseVersion) return { ok: false, error: "conflict" };
    if (before.state !== "draft") return { ok: false, error: "invalid_move" };
    const number = details.number === undefined ? before.number : details.number;
    const issuedOn = details.issuedOn === undefined ? before.issuedOn : details.issuedOn;
    const issuing = { ...before, number, issuedOn };
    // Every refusal comes before the first write: a refused issue leaves the draft as it was.
    const missing = missingForIssue(issuing);
    if (missing) return { ok: false, error: missing };
    if (number !== null && numberTaken(tx, before.issuer, number, id)) return { ok: false, error: "duplicate_number" };
    if (number !== before.number || issuedOn !== before.issuedOn) {
      tx.update(directives).set({ number, issuedOn }).where(eq(directives.id, id)).run();
      indexDirective(tx, id);
    }
    return moveDirective(tx, author, id, before, issuing, "issued", origin, now);
  });
}

/** An issued directive has a date of issue and a number: what an issue still lacks, if anything. */
function missingForIssue(directive: { issuedOn: LocalDate | null; number: string | null }) {
  if (directive.issuedOn === null) return "issued_needs_date" as const;
  if (directive.number === null) return "issued_needs_number" as const;
  return null;
}

/**
 * The move itself, on a directive read at the base version (`before`, for the audit)
 * with the fields it is moved with (`moving`: the issuing step may have given them).
 */
function moveDirective(
  tx: WriteTransaction,
  author: Author,
  id: number,
  before: NonNullable<ReturnType<typeof snapshot>>,
  moving: NonNullable<ReturnType<typeof snapshot>>,
  to: DirectiveState,
  origin: RequestOrigin,
  now: number,
): DirectiveWriteResult {
  if (!DIRECTIVE_MOVES[before.state].includes(to)) return { ok: false, error: "invalid_move" };
  const missing = to === "issued" ? missingForIssue(moving) : null;
  if (missing) return { ok: false, error: missing };
  tx.update(directives)
    .set({ state: to, version: sql`${directives.version} + 1`, updatedAt: now })
    .where(eq(directives.id, id))
    .run();
  recordDirectiveState(tx, id, to, moving.issuedOn, author.id, now);
  // Issuing gives the tasks to their departments (reopening a closed one gives nothing new).
  if (before.state === "draft" && to === "issued") announceDirectiveTasks(tx, id, author.id, now);
  const after = snapshot(tx, id);
  recordAudit(tx, {
    actorId: author.id,
    action: `directive.${to === "issued" ? (before.state === "closed" ? "reopen" : "issue") : "close"}`,
    entityType: "directive",
    entityId: id,
    before,
    after,
    origin,
    at: now,
  });
  return { ok: true, id, version: after!.version };
}
