// The audit log (docs/domain-rules.md §3): who did what, when, to which record, before and after,
// from where. Append-only; written in the same transaction as the change it records (a refusal
// of a hidden record, which changes nothing, a moment after the answer: recordRefusalOfHidden).
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
import { deferWrite, type AppDatabase, type WriteTransaction } from "./db.server";
import type { RequestContext } from "../lib/request-context";

export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function originOf(request: Request, context: Partial<RequestContext> | undefined): RequestOrigin {
  return {
    ipAddress: context?.clientIp ?? null,
    userAgent: request.headers.get("User-Agent")?.slice(0, 500) ?? null,
    requestId: context?.requestId ?? null,
  };
}

export interface AuditEntry {
  actorId: number | null;
  /** `noun.verb`, e.g. `auth.login`, `user.disable`, `task.reassign`. */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  origin: RequestOrigin;
  at?: number;
}

export function recordAudit(tx: WriteTransaction | AppDatabase, entry: AuditEntry): void {
  tx.insert(auditEvents)
    .values({
      at: entry.at ?? Date.now(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      ipAddress: entry.origin.ipAddress,
      userAgent: entry.origin.userAgent,
      requestId: entry.origin.requestId,
    })
    .run();
}

/**
 * Records the refusal of a record the user may not see, just after the answer
 * (`deferWrite`) rather than in it: a commit in the request made the 404 for a hidden
 * record measurably slower than the 404 for a missing one — which told that the
 * record exists. Even the event's details are put together then (`describe`); it
 * keeps the moment of the refusal.
 */
export function recordRefusalOfHidden(db: AppDatabase, describe: () => AuditEntry): void {
  const at = Date.now();
  deferWrite(db, (tx) => recordAudit(tx, { ...describe(), at }));
}

/** One field changed by someone else since the version a form was based on. */
export interface RecordChange {
  field: string;
  from: unknown;
  to: unknown;
  by: string | null;
  at: number;
}

/**
 * The fields of a record changed after `baseVersion`, latest first, read from its
 * audit events: each edit of a record with a version notes the version it made
 * (`after.version`), so a refused save can show what the others changed.
 */
export function changesSince(
  tx: WriteTransaction,
  entityType: string,
  entityId: number,
  baseVersion: number,
): RecordChange[] {
  const events = tx
    .select({ before: auditEvents.before, after: auditEvents.after, at: auditEvents.at, by: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, String(entityId)),
        gt(sql`json_extract(${auditEvents.after}, '$.version')`, baseVersion),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .all();
  const changes: RecordChange[] = [];
  for (const event of events) {
    const before = (event.before ?? {}) as Record<string, unknown>;
    const after = (event.after ?? {}) as Record<string, unknown>;
    for (const field of Object.keys(after)) {
      if (field === "version") continue;
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
        changes.push({ field, from: before[field], to: after[field], by: event.by, at: event.at });
      }
    }
  }
  return changes;
}

/** A save based on an older version of a record than its own: nothing written, and what others changed since. */
export interface VersionConflict {
  ok: false;
  code: "conflict";
  version: number;
  changes: RecordChange[];
}

/**
 * The conflict of a save based on `baseVersion` when the record is at another version
 * now; null when they agree, or when the caller based it on none (no check).
 */
export function versionConflict(
  tx: WriteTransaction,
  entityType: string,
  current: { id: number; version: number },
  baseVersion: number | undefined,
): VersionConflict | null {
  if (baseVersion === undefined || baseVersion === current.version) return null;
  return {
    ok: false,
    code: "conflict",
    version: current.version,
    changes: changesSince(tx, entityType, current.id, baseVersion),
  };
}

/** Only the fields that differ, before and after, so an audit event says what changed. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (before[key] !== after[key]) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}
