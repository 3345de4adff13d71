// The write paths, measured in-process (the model function the task page's action
// calls, on the same database file the server used): each call is one IMMEDIATE
// transaction with its audit event, fsynced at synchronous=FULL. HTTP overhead
// (session lookup, form parsing, redirect) is not included.
import crypto from "node:crypto";
import { addDays, daysBetween, localDateOf, today, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import type { RequestOrigin } from "../../app/models/audit.server";
import { changeDeadline, recordPastCompletion, recordPastExtension } from "../../app/models/past-records.server";
import { decideExtension, submitProgressReport } from "../../app/models/task-progress.server";

export interface WriteTimings {
  name: string;
  calls: number;
  failed: number;
  millis: number[];
  /** CPU time of this process per call (user + system): the call's own work, without waiting for the disk or other jobs. */
  cpuMillis: number[];
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
  const cpuMillis: number[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = call(i);
    millis.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuMillis.push((cpu.user + cpu.system) / 1000);
    if (!result.ok) {
      failed++;
      firstFailure ??= result.error ?? "failed";
    }
  }
  return { name, calls, failed, millis, cpuMillis, wallMillis: performance.now() - started, firstFailure };
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

// ---------------------------------------------------------------- back-dated writes

/** A task a back-dated record was written for, and the day it took effect. */
export interface PastRecordWritten {
  taskId: number;
  kind: PastRecordKind;
  on: LocalDate;
}

export type PastRecordKind = "past extension" | "past completion" | "deadline change";

export const PAST_RECORD_KINDS: readonly PastRecordKind[] = ["past extension", "past completion", "deadline change"];

interface OpenDatedTask {
  id: number;
  version: number;
  assignedOn: LocalDate;
  dueDate: LocalDate;
  /** The day of the task's latest move or deadline fact (null: none yet). */
  latestDay: LocalDate | null;
}

/** A small reproducible random generator (mulberry32), so a run picks the same tasks and days again. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The open dated tasks (open or in progress, no pending extension request) whose
 * latest move and assignment are at least two days ago, in a seeded random order:
 * each can take a record of a past day after its latest move (so the app accepts it).
 */
export function openDatedTasks(db: AppDatabase, random: () => number): OpenDatedTask[] {
  const twoDaysAgo = addDays(today(), -2);
  const rows = db.$client
    .prepare(
      `SELECT t.id, t.version, t.assigned_on AS assignedOn, t.current_due_date AS dueDate,
         (SELECT max(at) FROM (
           SELECT max(changed_at) AS at FROM task_transitions WHERE task_id = t.id
           UNION ALL SELECT max(decided_at) FROM extension_requests
             WHERE task_id = t.id AND state IN ('approved', 'countered')
           UNION ALL SELECT max(effective_at) FROM task_deadline_changes WHERE task_id = t.id AND kind = 'change'))
           AS latestAt
       FROM tasks t
       WHERE t.deadline_kind = 'dated' AND t.state IN ('open', 'in_progress') AND t.current_due_date IS NOT NULL
         AND t.assigned_on <= ?
         AND NOT EXISTS (SELECT 1 FROM extension_requests e WHERE e.task_id = t.id AND e.state = 'pending')
       ORDER BY t.id`,
    )
    .all(twoDaysAgo) as (Omit<OpenDatedTask, "latestDay"> & { latestAt: number | null })[];
  const tasks = rows
    .map(({ latestAt, ...row }) => ({ ...row, latestDay: latestAt === null ? null : localDateOf(latestAt) }))
    .filter((task) => task.latestDay === null || task.latestDay <= twoDaysAgo);
  for (let i = tasks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
  }
  return tasks;
}

/** A random day after the task's latest move (and not before its assignment), before today. */
function dayAfterLatestMove(task: OpenDatedTask, random: () => number): LocalDate {
  const from = task.latestDay === null ? task.assignedOn : addDays(task.latestDay, 1);
  const first = from > task.assignedOn ? from : task.assignedOn;
  const last = addDays(today(), -1);
  return addDays(first, Math.floor(random() * (daysBetween(first, last) + 1)));
}

/**
 * Back-dated writes by the secretariat (docs/decisions/018), `calls` of each kind,
 * each on another open dated task: an extension decided on a past day and entered
 * now (`recordPastExtension`), a completion reported — and every other one
 * confirmed — on past days (`recordPastCompletion`), and a deadline change from a
 * past day (`changeDeadline`). Each call is one IMMEDIATE transaction that also
 * recomputes the task's spans and counts on both bases before it commits.
 */
export function timePastRecords(
  db: AppDatabase,
  secretariatLogin: string,
  calls: number,
  seed = 1,
): { timings: WriteTimings[]; written: PastRecordWritten[] } {
  const actor = actorOf(db, secretariatLogin);
  const random = seededRandom(seed);
  const pool = openDatedTasks(db, random);
  // A small database may have fewer such tasks than asked for: as many of each kind as there are.
  calls = Math.min(calls, Math.floor(pool.length / PAST_RECORD_KINDS.length));
  if (calls === 0) throw new Error(`Only ${pool.length} open dated tasks to write back-dated records on`);
  const written: PastRecordWritten[] = [];
  const reason = "Bench: nhập bổ sung theo văn bản giấy.";
  const timings = PAST_RECORD_KINDS.map((kind, k) =>
    time(kind, calls, (i) => {
      const task = pool[k * calls + i]!;
      const on = dayAfterLatestMove(task, random);
      let result;
      if (kind === "past extension") {
        result = recordPastExtension(
          db,
          actor,
          task.id,
          task.version,
          { dueDate: addDays(task.dueDate, 30), decidedOn: on, reason },
          ORIGIN,
        );
      } else if (kind === "past completion") {
        // Reported a few days after completion (still before today); every other one confirmed that day.
        const reportedOn = addDays(on, Math.min(3, daysBetween(on, addDays(today(), -1))));
        result = recordPastCompletion(
          db,
          actor,
          task.id,
          task.version,
          {
            completionDate: on,
            reportedOn,
            confirmedOn: i % 2 === 0 ? reportedOn : null,
            result: "Bench: đã hoàn thành, báo cáo bằng văn bản.",
            reason,
          },
          ORIGIN,
        );
      } else {
        result = changeDeadline(
          db,
          actor,
          task.id,
          task.version,
          { kind: "change", dueDate: addDays(task.dueDate, 20), effectiveOn: on, reason },
          ORIGIN,
        );
      }
      if (result.ok) written.push({ taskId: task.id, kind, on });
      return result.ok
        ? result
        : { ok: false, error: result.error === "rule" ? `rule: ${JSON.stringify(result.violations)}` : result.error };
    }),
  );
  return { timings, written };
}
