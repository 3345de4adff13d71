// Concurrent progress reports over HTTP, as department users file them from a task
// page, each with its own idempotency key — the writes the durability, two-writer
// and load tests count. A write is acknowledged when the server answered the
// page's redirect (`/tasks/:id?done=reported`): from then on it must never be lost.
import Database from "better-sqlite3";
import { today } from "../../app/domain/dates";
import { postForm, todayForForms } from "./server-process";

export interface ReportTarget {
  login: string;
  taskId: number;
  version: number;
}

/**
 * Department users and the tasks in progress their department coordinates but does
 * not lead, in issued directives. A coordinator's report on a task in progress
 * leaves the task row (and its version) alone, so reports filed at the same time
 * never conflict: every refusal is a real failure.
 */
export function reportTargets(databaseFile: string): ReportTarget[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT u.login AS login, t.id AS taskId, t.version AS version
         FROM users u
         JOIN task_coordinators c ON c.department_id = u.department_id
         JOIN tasks t ON t.id = c.task_id
         JOIN directives d ON d.id = t.directive_id
         WHERE u.active = 1 AND u.role IN ('dept_lead', 'dept_officer')
           AND t.state = 'in_progress' AND t.lead_department_id <> u.department_id
           AND d.state = 'issued' AND t.assigned_on <= ?
         ORDER BY u.id, t.id`,
      )
      .all(today()) as ReportTarget[];
  } finally {
    db.close();
  }
}

/** The form the task page posts for a progress report. */
export function reportForm(target: ReportTarget, key: string, n: number): Record<string, string> {
  return {
    intent: "report",
    version: String(target.version),
    idempotencyKey: key,
    asOfDate: todayForForms(),
    percent: String(n % 101),
    result: `Báo cáo tiến độ ${key}: đã triển khai, đang hoàn thiện hồ sơ.`,
  };
}

export function isAcknowledged(status: number, location: string | null, taskId: number): boolean {
  return status === 302 && location === `/tasks/${taskId}?done=reported`;
}

export interface WriteTally {
  /** Keys of the writes the server acknowledged. */
  acknowledged: string[];
  /** When each was acknowledged (ms since the epoch), in the same order. */
  acknowledgedAt: number[];
  /** Answers that were neither an acknowledgement nor a lost connection: status, server and a line of the body. */
  refused: string[];
  /** Requests that got no answer because the connection failed (the server was killed mid-request). */
  unanswered: number;
}

export interface ReportRun {
  /** Updated as answers arrive. */
  tally: WriteTally;
  /** Resolves when every worker has stopped. */
  done: Promise<WriteTally>;
}

/**
 * Starts `workers` loops, each posting one report after another (round-robin over
 * the targets, and over `servers`), until `shouldStop()`; a worker whose
 * connection fails stops there.
 */
export function fileReports(options: {
  servers: string[];
  cookies: Map<string, string>;
  targets: ReportTarget[];
  workers: number;
  keyPrefix: string;
  shouldStop: () => boolean;
}): ReportRun {
  const tally: WriteTally = { acknowledged: [], acknowledgedAt: [], refused: [], unanswered: 0 };
  const worker = async (w: number) => {
    for (let n = 0; !options.shouldStop(); n++) {
      const target = options.targets[(w + n * options.workers) % options.targets.length]!;
      const origin = options.servers[(w + n) % options.servers.length]!;
      const key = `${options.keyPrefix}-${w}-${n}`;
      let response: Response;
      let body: string;
      try {
        response = await postForm(
          origin,
          `/tasks/${target.taskId}`,
          options.cookies.get(target.login)!,
          reportForm(target, key, n),
        );
        body = await response.text();
      } catch {
        tally.unanswered++;
        return;
      }
      if (isAcknowledged(response.status, response.headers.get("Location"), target.taskId)) {
        tally.acknowledged.push(key);
        tally.acknowledgedAt.push(Date.now());
      } else {
        tally.refused.push(`${response.status} ${origin} ${body.replace(/\s+/g, " ").slice(0, 200)}`);
      }
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, (_, w) => worker(w))).then(() => tally);
  return { tally, done };
}

/** Which of these idempotency keys have a stored progress report. */
export function storedKeys(databaseFile: string, keys: readonly string[]): Set<string> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const find = db.prepare(`SELECT 1 FROM progress_reports WHERE idempotency_key = ?`).pluck();
    return new Set(keys.filter((key) => find.get(key) !== undefined));
  } finally {
    db.close();
  }
}

/** Integrity of a database file: `PRAGMA integrity_check`, foreign keys, and every report with its audit event. */
export function checkDatabase(
  databaseFile: string,
  keyPrefix: string,
): { integrity: string; foreignKeyProblems: number; reportsWithoutAudit: number; reports: number } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join("; ");
    const foreignKeyProblems = (db.pragma("foreign_key_check") as unknown[]).length;
    const reports = db
      .prepare(`SELECT count(*) FROM progress_reports WHERE idempotency_key LIKE ? || '%'`)
      .pluck()
      .get(keyPrefix) as number;
    // The report and its audit event are one transaction: neither may survive a crash without the other.
    const reportsWithoutAudit = db
      .prepare(
        `SELECT count(*) FROM progress_reports p
         WHERE p.idempotency_key LIKE ? || '%' AND NOT EXISTS (
           SELECT 1 FROM audit_events a
           WHERE a.action = 'progress.report' AND json_extract(a.after, '$.progressReportId') = p.id)`,
      )
      .pluck()
      .get(keyPrefix) as number;
    return { integrity, foreignKeyProblems, reportsWithoutAudit, reports };
  } finally {
    db.close();
  }
}
