// A directive's state over time (dự thảo → đã ban hành → đã kết thúc, and reopened):
// every change is kept in directive_state_changes so a past day shows the state of
// that day (docs/domain-rules.md §4.4). The directive row keeps today's state.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { directiveStateChanges } from "../../db/schema";
import { startOfLocalDay, type Instant, type LocalDate } from "../domain/dates";
import type { DirectiveState, StatusBasis } from "../domain/vocabulary";
import type { WriteTransaction } from "./db.server";

/** An issue takes effect on its issue day (a directive entered after the fact), never later than it is recorded. */
function issueMoment(issuedOn: LocalDate, recordedAt: Instant) {
  const effectiveAt = Math.min(recordedAt, startOfLocalDay(issuedOn));
  return { effectiveAt, recordedAt: effectiveAt < recordedAt ? recordedAt : null };
}

/** Records a change of state made now; an issue counts from the issue day. */
export function recordDirectiveState(
  tx: WriteTransaction,
  directiveId: number,
  state: DirectiveState,
  issuedOn: LocalDate | null,
  changedBy: number | null,
  now: Instant,
): void {
  const firstIssue = state === "issued" && issuedOn !== null && firstIssueOf(tx, directiveId) === undefined;
  const moment = firstIssue ? issueMoment(issuedOn, now) : { effectiveAt: now, recordedAt: null };
  tx.insert(directiveStateChanges)
    .values({ directiveId, state, ...moment, changedBy })
    .run();
}

/**
 * The issue day of an issued directive was corrected: its first issue counts from
 * the corrected day (an entry error, so on both readings), recorded when it was.
 */
export function reviseIssueDay(tx: WriteTransaction, directiveId: number, issuedOn: LocalDate): void {
  const first = firstIssueOf(tx, directiveId);
  if (!first) return;
  tx.update(directiveStateChanges)
    .set(issueMoment(issuedOn, first.recordedAt ?? first.effectiveAt))
    .where(eq(directiveStateChanges.id, first.id))
    .run();
}

function firstIssueOf(tx: WriteTransaction, directiveId: number) {
  return tx
    .select({
      id: directiveStateChanges.id,
      effectiveAt: directiveStateChanges.effectiveAt,
      recordedAt: directiveStateChanges.recordedAt,
    })
    .from(directiveStateChanges)
    .where(and(eq(directiveStateChanges.directiveId, directiveId), eq(directiveStateChanges.state, "issued")))
    .orderBy(asc(directiveStateChanges.id))
    .get();
}

/** When a state change counts from on a basis: as it happened, when it took effect; as recorded, when it was recorded. */
function countsFrom(basis: StatusBasis): SQL {
  return basis === "happened" ? sql`s.effective_at` : sql`coalesce(s.recorded_at, s.effective_at)`;
}

/**
 * The state of directive `d` at `cutoff` (the end of an as-of day) on a basis: its
 * latest change by then, or NULL when it had none — a draft then, if it existed.
 */
export function directiveStateAt(cutoff: Instant, basis: StatusBasis): SQL<DirectiveState | null> {
  return sql<DirectiveState | null>`(SELECT s.state FROM directive_state_changes s
    WHERE s.directive_id = d.id AND ${countsFrom(basis)} < ${cutoff}
    ORDER BY ${countsFrom(basis)} DESC, s.id DESC LIMIT 1)`;
}

/**
 * Whether directive `d` existed at `cutoff` on a basis: entered by then, or (as it
 * happened) issued by then although entered later.
 */
export function directiveExistedAt(cutoff: Instant, basis: StatusBasis): SQL {
  return sql`(d.created_at < ${cutoff} OR ${directiveStateAt(cutoff, basis)} IS NOT NULL)`;
}
