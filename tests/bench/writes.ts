// The write paths, measured in-process (the model function the task page's action
// calls, on the same database file the server used): each call is one IMMEDIATE
// transaction with its audit event, fsynced at synchronous=FULL. HTTP overhead
// (session lookup, form parsing, redirect) is not included.
import crypto from "node:crypto";
import { today } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/lib/db.server";
import type { RequestOrigin } from "../../app/models/audit.server";
import { decideExtension, submitProgressReport } from "../../app/models/task-progress.server";

export interface WriteTimings {
  name: string;
  calls: number;
  failed: number;
  millis: number[];
  wallMillis: number;
  firstFailure: string | null;
}

const ORIGIN: RequestOrigin = { ipAddress: "127.0.0.1", userAgent: "bench", requestId: "bench" };

function actorOf(db: AppDatabase, login: string): Actor {
  const row = db.$client
    .prepare(`SELECT id, role, department_id AS departmentId FROM users WHERE login = ?`)
    .get(login) as Actor | undefined;
  if (!row) throw new Error(`No user ${login}`);
  return row;
}

function time(name: string, calls: number, call: (i: number) => { ok: boolean; error?: string }): WriteTimings {
  const millis: number[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    const result = call(i);
    millis.push(performance.now() - t0);
    if (!result.ok) {
      failed++;
      firstFailure ??= result.error ?? "failed";
    }
  }
  return { name, calls, failed, millis, wallMillis: performance.now() - started, firstFailure };
}

/**
 * Progress reports by a department head on their department's in-progress tasks
 * (the lead's report bumps the task's version, the heavier path), round-robin,
 * each with a fresh idempotency key.
 */
export function timeProgressReports(db: AppDatabase, deptLeadLogin: string, calls: number): WriteTimings {
  const actor = actorOf(db, deptLeadLogin);
  const rows = db.$client
    .prepare(
      `SELECT id, version FROM tasks WHERE lead_department_id = ? AND state = 'in_progress' ORDER BY id LIMIT 500`,
    )
    .all(actor.departmentId) as { id: number; version: number }[];
  if (rows.length === 0) throw new Error(`${deptLeadLogin}'s department has no task in progress`);
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  const asOfDate = today();
  return time("progress report", calls, (i) => {
    const task = rows[i % rows.length]!;
    const result = submitProgressReport(
      db,
      actor,
      {
        taskId: task.id,
        baseVersion: versions.get(task.id)!,
        asOfDate,
        percent: Math.min(100, 10 + (i % 90)),
        result: `Bench report ${i}: đã triển khai, đang hoàn thiện hồ sơ.`,
        difficulties: i % 3 === 0 ? "Thiếu kinh phí" : null,
        proposals: null,
        idempotencyKey: crypto.randomUUID(),
      },
      ORIGIN,
    );
    if (result.ok) versions.set(task.id, result.version);
    return result.ok ? result : { ok: false, error: result.error };
  });
}

/** The secretariat approves pending extension requests (each changes a task's due date). */
export function timeExtensionDecisions(db: AppDatabase, secretariatLogin: string, calls: number): WriteTimings {
  const actor = actorOf(db, secretariatLogin);
  const pending = db.$client
    .prepare(
      `SELECT e.id AS requestId, t.version AS version FROM extension_requests e JOIN tasks t ON t.id = e.task_id
       WHERE e.state = 'pending' AND e.requested_by <> ? ORDER BY e.id LIMIT ?`,
    )
    .all(actor.id, calls) as { requestId: number; version: number }[];
  return time("extension decision", pending.length, (i) => {
    const { requestId, version } = pending[i]!;
    const approved = decideExtension(db, actor, { requestId, baseVersion: version, outcome: "approve" }, ORIGIN);
    if (approved.ok || approved.error !== "rule") return approved.ok ? approved : { ok: false, error: approved.error };
    // A date the rules refuse (e.g. beyond the parent's deadline): the secretariat rejects instead.
    const rejected = decideExtension(
      db,
      actor,
      { requestId, baseVersion: version, outcome: "reject", note: "Không đủ căn cứ gia hạn." },
      ORIGIN,
    );
    return rejected.ok ? rejected : { ok: false, error: rejected.error };
  });
}
