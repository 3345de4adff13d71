// The audit log (docs/domain-rules.md §3): who did what, when, to which record, before and after,
// from where. Append-only; written in the same transaction as the change it records.
import { auditEvents } from "../../db/schema";
import type { AppDatabase, WriteTransaction } from "../lib/db.server";
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
