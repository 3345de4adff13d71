// Derived status facts (docs/decisions/014): the status of every task over time as
// spans of days (app/domain/status-spans.ts), and counts of those spans per scope
// and day that change only on writes, so that a dashboard as of any day sums a few
// hundred rows instead of computing the status of every task.
//
// Exactness:
// - Spans are computed from the task's whole history with the reference rules, so a
//   write in the past, a late extension or a re-assignment all come out right.
// - Triggers (db/migrations/0006_status_rollup_triggers.sql) mark every task whose
//   history, deadline, lead department or directive a statement changes, in
//   `task_status_dirty`. `writeTransaction` (app/lib/db.server.ts) calls
//   `refreshTaskStatusFacts` before it commits, so the spans and counts change in
//   the same transaction as the write. A write made outside the app (the sqlite3
//   shell, a test inserting rows) leaves marks behind; until the next write or
//   start-up clears them, `statusFactsUsable` is false and every reader computes
//   the status from history instead (app/models/task-status.server.ts).
// - The spans depend on the rules (due-soon and stale days); `task_status_meta`
//   records the rules they were built with, and a reader with other rules falls
//   back the same way. Start-up rebuilds them when the settings changed.
// - The dashboard's monthly trend is counted the same way, per month of due date
//   (`task_status_trend_rollups`).
// - A span carries the lead department of its days (`task_lead_assignments`): a
//   re-assignment cuts the task's spans on its day, so the figures per department
//   as of a past day count the department that led the task then.
// - `task_status_meta.version` says what the stored facts include
//   (STATUS_FACTS_VERSION); facts of another version are rebuilt at start-up, and
//   until then every reader computes from history.
import type Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import type { LocalDate } from "../domain/dates";
import type { StatusRules, TaskFacts } from "../domain/status";
import {
  dayNumber,
  OPEN_END,
  spansByLead,
  STATUS_SEVERITY,
  statusSpans,
  type LeadAssignment,
  type LeadSpan,
} from "../domain/status-spans";
import type { DeadlineKind, DirectiveState, TaskStatus, WorkflowState } from "../domain/vocabulary";
import type { AppDatabase } from "../lib/db.server";

type Client = Database.Database;

/** `task_status_spans.visibility`: what the directive of a task lets roles see. */
export const VISIBILITY = { issued: 0, confidential: 1, draft: 2 } as const;

export function visibilityOf(state: DirectiveState, confidential: boolean | 0 | 1): number {
  if (state === "draft") return VISIBILITY.draft;
  return confidential ? VISIBILITY.confidential : VISIBILITY.issued;
}

/** A series of the rollups: a status, or the stale flag (overdue tasks without a recent report). */
export type RollupSeries = TaskStatus | "stale";

/**
 * What the stored facts include (`task_status_meta.version`): 0 the spans and the
 * status counts; 1 also the trend counts (`task_status_trend_rollups`); 2 spans cut
 * where the lead department changes. Facts of another version are rebuilt at
 * start-up (`ensureTaskStatusFacts`); until then `statusFactsUsable` is false.
 */
export const STATUS_FACTS_VERSION = 2;

/**
 * A series of the trend counts, per month of due date: the tasks falling due in the
 * month (`due`: every span with a due date), and those of them done on time, done
 * late, or overdue.
 */
export type TrendRollupSeries = "due" | "done_on_time" | "done_late" | "overdue";
const TREND_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(["done_on_time", "done_late", "overdue"]);

/** What a task's spans share (the lead department is per span). */
interface TaskScope {
  visibility: number;
  committeeId: number;
  directiveId: number;
  position: number;
}

// ---------------------------------------------------------------- statements

interface Statements {
  meta: Database.Statement<[], { due_soon_days: number; stale_after_days: number; version: number }>;
  anyDirty: Database.Statement<[], { x: number }>;
  dirtyBatch: Database.Statement<[number], { task_id: number }>;
  undirty: Database.Statement<[number]>;
  task: Database.Statement<[number], TaskRow>;
  transitions: Database.Statement<[number], TransitionRow>;
  extensions: Database.Statement<[number], ExtensionRow>;
  reports: Database.Statement<[number], { task_id: number; created_at: number }>;
  leads: Database.Statement<[number], LeadRow>;
  spans: Database.Statement<[number], SpanRow>;
  deleteSpans: Database.Statement<[number]>;
  insertSpan: Database.Statement<unknown[]>;
  addToRollup: Database.Statement<unknown[]>;
  addToTrend: Database.Statement<unknown[]>;
}

interface TaskRow {
  id: number;
  created_at: number;
  deadline_kind: DeadlineKind;
  original_due_date: LocalDate | null;
  directive_id: number;
  position: number;
  lead_department_id: number;
  committee_id: number;
  directive_state: DirectiveState;
  confidential: 0 | 1;
}
interface TransitionRow {
  task_id: number;
  to_state: WorkflowState;
  changed_at: number;
  completion_date: LocalDate | null;
}
interface LeadRow {
  task_id: number;
  department_id: number;
  from_at: number;
}
interface ExtensionRow {
  task_id: number;
  decided_at: number;
  approved_due_date: LocalDate;
}
interface SpanRow {
  from_day: number;
  to_day: number;
  status: TaskStatus;
  stale: 0 | 1;
  due_day: number | null;
  visibility: number;
  committee_id: number;
  lead_department_id: number;
  directive_id: number;
  position: number;
}

const TASK_COLUMNS = `t.id, t.created_at, t.deadline_kind, t.original_due_date, t.directive_id, t.position, t.lead_department_id,
  d.committee_id, d.state AS directive_state, d.confidential
  FROM tasks t JOIN directives d ON d.id = t.directive_id`;
const IN_FORCE = `state IN ('approved', 'countered')`;

const statementCache = new WeakMap<Client, Statements>();

function statements(client: Client): Statements {
  let found = statementCache.get(client);
  if (found) return found;
  found = {
    meta: client.prepare(`SELECT due_soon_days, stale_after_days, version FROM task_status_meta WHERE id = 1`),
    anyDirty: client.prepare(`SELECT 1 AS x FROM task_status_dirty LIMIT 1`),
    dirtyBatch: client.prepare(`SELECT task_id FROM task_status_dirty ORDER BY task_id LIMIT ?`),
    undirty: client.prepare(`DELETE FROM task_status_dirty WHERE task_id = ?`),
    task: client.prepare(`SELECT ${TASK_COLUMNS} WHERE t.id = ?`),
    transitions: client.prepare(
      `SELECT task_id, to_state, changed_at, completion_date FROM task_transitions WHERE task_id = ? ORDER BY id`,
    ),
    extensions: client.prepare(
      `SELECT task_id, decided_at, approved_due_date FROM extension_requests WHERE task_id = ? AND ${IN_FORCE} ORDER BY id`,
    ),
    reports: client.prepare(`SELECT task_id, created_at FROM progress_reports WHERE task_id = ?`),
    leads: client.prepare(
      `SELECT task_id, department_id, from_at FROM task_lead_assignments WHERE task_id = ? ORDER BY id`,
    ),
    spans: client.prepare(
      `SELECT from_day, to_day, status, stale, due_day, visibility, committee_id, lead_department_id, directive_id, position
       FROM task_status_spans WHERE task_id = ? ORDER BY from_day`,
    ),
    deleteSpans: client.prepare(`DELETE FROM task_status_spans WHERE task_id = ?`),
    insertSpan: client.prepare(
      `INSERT INTO task_status_spans (task_id, from_day, to_day, status, severity, stale, due_day, visibility,
         committee_id, lead_department_id, directive_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    addToRollup: client.prepare(
      `INSERT INTO task_status_rollups (visibility, committee_id, department_id, level, bucket, series, n)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (visibility, committee_id, department_id, level, bucket, series) DO UPDATE SET n = n + excluded.n`,
    ),
    addToTrend: client.prepare(
      `INSERT INTO task_status_trend_rollups (visibility, committee_id, due_month, level, bucket, series, n)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (visibility, committee_id, due_month, level, bucket, series) DO UPDATE SET n = n + excluded.n`,
    ),
  };
  statementCache.set(client, found);
  return found;
}

// ---------------------------------------------------------------- rollup arithmetic

const yearMonthCache = new Map<number, [number, number]>();

/** [year, year × 12 + month − 1] of a day number. */
function yearAndMonth(day: number): [number, number] {
  let found = yearMonthCache.get(day);
  if (found === undefined) {
    const date = new Date(day * 86_400_000);
    found = [date.getUTCFullYear(), date.getUTCFullYear() * 12 + date.getUTCMonth()];
    if (yearMonthCache.size < 100_000) yearMonthCache.set(day, found);
  }
  return found;
}

type RollupRow = (number | string)[];

/** Rows in primary-key order (numbers compared as numbers, the series as text). */
function byPrimaryKey(a: RollupRow, b: RollupRow): number {
  for (let i = 0; i < a.length - 1; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return typeof x === "number" ? x - (y as number) : x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Changes to the rollups, summed before they are written: per scope and series,
 * the net number of tasks entering it on each day.
 */
class RollupChanges {
  /** `visibility,committee,department,series` → day → change. */
  readonly byScope = new Map<string, Map<number, number>>();
  /** `visibility,committee,dueMonth,series` → day → change (the trend; not kept per department). */
  readonly byDueMonth = new Map<string, Map<number, number>>();

  add(scope: TaskScope, spans: readonly LeadSpan[], sign: 1 | -1): void {
    const at = (changes: Map<string, Map<number, number>>, key: string, day: number, n: number) => {
      if (day === OPEN_END) return;
      let days = changes.get(key);
      if (days === undefined) changes.set(key, (days = new Map()));
      days.set(day, (days.get(day) ?? 0) + n);
    };
    const trendKey = `${scope.visibility},${scope.committeeId},`;
    for (const span of spans) {
      const key = `${trendKey}${span.leadDepartmentId},`;
      at(this.byScope, key + span.status, span.fromDay, sign);
      at(this.byScope, key + span.status, span.toDay, -sign);
      if (span.stale) {
        at(this.byScope, `${key}stale`, span.fromDay, sign);
        at(this.byScope, `${key}stale`, span.toDay, -sign);
      }
      if (span.dueDay !== null) {
        // A task falls due in the month of the due date in force in the span (consecutive
        // spans due in the same month cancel out on the day between them).
        const month = `${trendKey}${yearAndMonth(span.dueDay)[1]},`;
        at(this.byDueMonth, `${month}due`, span.fromDay, sign);
        at(this.byDueMonth, `${month}due`, span.toDay, -sign);
        if (TREND_STATUSES.has(span.status)) {
          at(this.byDueMonth, month + span.status, span.fromDay, sign);
          at(this.byDueMonth, month + span.status, span.toDay, -sign);
        }
      }
    }
  }

  /** Rows to add to `task_status_rollups`: all tasks of a visibility; per committee; per lead department. */
  rows(): RollupRow[] {
    return summedRows(this.byScope, (key) => {
      const [v, c, d, series] = key.split(",") as [string, string, string, string];
      return [[`${v},0,0,`, `${v},${c},0,`, `${v},0,${d},`], series];
    });
  }

  /** Rows to add to `task_status_trend_rollups`: all tasks of a visibility; per committee. */
  trendRows(): RollupRow[] {
    return summedRows(this.byDueMonth, (key) => {
      const [v, c, month, series] = key.split(",") as [string, string, string, string];
      return [[`${v},0,${month},`, `${v},${c},${month},`], series];
    });
  }
}

/**
 * The changes counted in their day's year, month and day for each scope `scopesOf`
 * gives (the primary key's columns before the level), summed; the non-zero sums
 * as rows in primary-key order.
 */
function summedRows(
  changes: Map<string, Map<number, number>>,
  scopesOf: (key: string) => [prefixes: string[], series: string],
): RollupRow[] {
  const totals = new Map<string, number>();
  const add = (key: string, n: number) => totals.set(key, (totals.get(key) ?? 0) + n);
  for (const [key, days] of changes) {
    const [prefixes, series] = scopesOf(key);
    for (const [day, n] of days) {
      if (n === 0) continue;
      const [year, month] = yearAndMonth(day);
      for (const prefix of prefixes) {
        add(`${prefix}0,${year},${series}`, n);
        add(`${prefix}1,${month},${series}`, n);
        add(`${prefix}2,${day},${series}`, n);
      }
    }
  }
  const rows: RollupRow[] = [];
  for (const [key, n] of totals) {
    if (n === 0) continue;
    const parts = key.split(",");
    const series = parts.pop()!;
    rows.push([...parts.map(Number), series, n]);
  }
  return rows.sort(byPrimaryKey);
}

// ---------------------------------------------------------------- computing spans

function factsOf(
  task: TaskRow,
  transitions: readonly TransitionRow[],
  extensions: readonly ExtensionRow[],
  reportTimes: readonly number[],
): TaskFacts {
  return {
    createdAt: task.created_at,
    deadlineKind: task.deadline_kind,
    originalDueDate: task.original_due_date,
    transitions: transitions.map((t) => ({ toState: t.to_state, at: t.changed_at, completionDate: t.completion_date })),
    extensions: extensions.map((e) => ({ decidedAt: e.decided_at, dueDate: e.approved_due_date })),
    progressReportTimes: reportTimes,
  };
}

function scopeOf(task: TaskRow): TaskScope {
  return {
    visibility: visibilityOf(task.directive_state, task.confidential),
    committeeId: task.committee_id,
    directiveId: task.directive_id,
    position: task.position,
  };
}

/** The task's spans, each with the lead department of its days. */
function spansOf(
  task: TaskRow,
  transitions: readonly TransitionRow[],
  extensions: readonly ExtensionRow[],
  reportTimes: readonly number[],
  leads: readonly LeadRow[],
  rules: StatusRules,
): LeadSpan[] {
  const assignments: LeadAssignment[] = leads.map((l) => ({ departmentId: l.department_id, fromAt: l.from_at }));
  return spansByLead(
    statusSpans(factsOf(task, transitions, extensions, reportTimes), rules),
    assignments,
    task.lead_department_id,
  );
}

function sameSpans(stored: readonly SpanRow[], spans: readonly LeadSpan[], scope: TaskScope): boolean {
  return (
    stored.length === spans.length &&
    stored.every((row, i) => {
      const span = spans[i]!;
      return (
        row.from_day === span.fromDay &&
        row.to_day === span.toDay &&
        row.status === span.status &&
        row.stale === (span.stale ? 1 : 0) &&
        row.due_day === span.dueDay &&
        row.visibility === scope.visibility &&
        row.committee_id === scope.committeeId &&
        row.lead_department_id === span.leadDepartmentId &&
        row.directive_id === scope.directiveId &&
        row.position === scope.position
      );
    })
  );
}

function insertSpans(s: Statements, taskId: number, spans: readonly LeadSpan[], scope: TaskScope): void {
  for (const span of spans) {
    s.insertSpan.run(
      taskId,
      span.fromDay,
      span.toDay,
      span.status,
      STATUS_SEVERITY[span.status],
      span.stale ? 1 : 0,
      span.dueDay,
      scope.visibility,
      scope.committeeId,
      span.leadDepartmentId,
      scope.directiveId,
      scope.position,
    );
  }
}

function writeRollups(s: Statements, changes: RollupChanges): void {
  for (const row of changes.rows()) s.addToRollup.run(...row);
  for (const row of changes.trendRows()) s.addToTrend.run(...row);
}

// ---------------------------------------------------------------- maintenance

/** The rules the stored spans were computed with, or null when they were never built. */
export function builtRules(client: Client): StatusRules | null {
  const row = statements(client).meta.get();
  return row ? { dueSoonDays: row.due_soon_days, staleAfterDays: row.stale_after_days } : null;
}

/**
 * Recomputes the spans and counts of the tasks marked in `task_status_dirty` and
 * clears the marks. Called by `writeTransaction` before every commit; cheap when
 * nothing is marked (one indexed read). Must run inside the write's transaction.
 */
export function refreshTaskStatusFacts(client: Client): number {
  const s = statements(client);
  if (s.anyDirty.get() === undefined) return 0;
  const rules = builtRules(client);
  if (rules === null) return 0;
  const changes = new RollupChanges();
  let refreshed = 0;
  for (;;) {
    const batch = s.dirtyBatch.all(500);
    if (batch.length === 0) break;
    for (const { task_id: taskId } of batch) {
      const stored = s.spans.all(taskId);
      const task = s.task.get(taskId);
      let spans: LeadSpan[] = [];
      let scope: TaskScope | null = null;
      if (task) {
        scope = scopeOf(task);
        const reports = s.reports.all(taskId).map((r) => r.created_at);
        spans = spansOf(task, s.transitions.all(taskId), s.extensions.all(taskId), reports, s.leads.all(taskId), rules);
      }
      if (!(scope && sameSpans(stored, spans, scope))) {
        const old = stored[0];
        if (old) {
          changes.add(
            {
              visibility: old.visibility,
              committeeId: old.committee_id,
              directiveId: old.directive_id,
              position: old.position,
            },
            stored.map((r) => ({
              fromDay: r.from_day,
              toDay: r.to_day,
              status: r.status,
              stale: r.stale === 1,
              dueDay: r.due_day,
              leadDepartmentId: r.lead_department_id,
            })),
            -1,
          );
        }
        s.deleteSpans.run(taskId);
        if (scope) {
          insertSpans(s, taskId, spans, scope);
          changes.add(scope, spans, 1);
        }
      }
      s.undirty.run(taskId);
      refreshed++;
    }
  }
  writeRollups(s, changes);
  return refreshed;
}

/**
 * Recomputes every task's spans and all counts from history, for `rules`, in one
 * transaction (after a bulk load, an upgrade, or a change of the rules). Reads the
 * history in batches of task ids, so memory stays flat for a million tasks.
 */
export function rebuildTaskStatusFacts(
  client: Client,
  rules: StatusRules,
  onProgress?: (done: number, total: number) => void,
): void {
  const s = statements(client);
  const BATCH = 5000;
  const tasksIn = client.prepare<[number, number], TaskRow>(
    `SELECT ${TASK_COLUMNS} WHERE t.id >= ? AND t.id < ? ORDER BY t.id`,
  );
  const transitionsIn = client.prepare<[number, number], TransitionRow>(
    `SELECT task_id, to_state, changed_at, completion_date FROM task_transitions
     WHERE task_id >= ? AND task_id < ? ORDER BY task_id, id`,
  );
  const extensionsIn = client.prepare<[number, number], ExtensionRow>(
    `SELECT task_id, decided_at, approved_due_date FROM extension_requests
     WHERE task_id >= ? AND task_id < ? AND ${IN_FORCE} ORDER BY task_id, id`,
  );
  const reportsIn = client.prepare<[number, number], { task_id: number; created_at: number }>(
    `SELECT task_id, created_at FROM progress_reports WHERE task_id >= ? AND task_id < ?`,
  );
  const leadsIn = client.prepare<[number, number], LeadRow>(
    `SELECT task_id, department_id, from_at FROM task_lead_assignments
     WHERE task_id >= ? AND task_id < ? ORDER BY task_id, id`,
  );
  const grouped = <T extends { task_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const list = map.get(row.task_id);
      if (list) list.push(row);
      else map.set(row.task_id, [row]);
    }
    return map;
  };
  const bounds = client.prepare(`SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM tasks`).get() as {
    lo: number | null;
    hi: number | null;
    n: number;
  };
  client.transaction(() => {
    client.exec(`DELETE FROM task_status_spans; DELETE FROM task_status_rollups; DELETE FROM task_status_trend_rollups;
      DELETE FROM task_status_dirty;`);
    const changes = new RollupChanges();
    let done = 0;
    if (bounds.lo !== null && bounds.hi !== null) {
      for (let lo = bounds.lo; lo <= bounds.hi; lo += BATCH) {
        const hi = lo + BATCH;
        const transitions = grouped(transitionsIn.all(lo, hi));
        const extensions = grouped(extensionsIn.all(lo, hi));
        const reports = grouped(reportsIn.all(lo, hi));
        const leads = grouped(leadsIn.all(lo, hi));
        for (const task of tasksIn.all(lo, hi)) {
          const scope = scopeOf(task);
          const reportTimes = (reports.get(task.id) ?? []).map((r) => r.created_at);
          const spans = spansOf(
            task,
            transitions.get(task.id) ?? [],
            extensions.get(task.id) ?? [],
            reportTimes,
            leads.get(task.id) ?? [],
            rules,
          );
          insertSpans(s, task.id, spans, scope);
          changes.add(scope, spans, 1);
          done++;
        }
        onProgress?.(done, bounds.n);
      }
    }
    writeRollups(s, changes);
    client
      .prepare(
        `INSERT INTO task_status_meta (id, due_soon_days, stale_after_days, built_at, version) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET due_soon_days = excluded.due_soon_days,
           stale_after_days = excluded.stale_after_days, built_at = excluded.built_at, version = excluded.version`,
      )
      .run(rules.dueSoonDays, rules.staleAfterDays, Date.now(), STATUS_FACTS_VERSION);
  })();
}

/**
 * At start-up: rebuilds the spans when they were built for other rules (the
 * settings changed) or by another version of this code (STATUS_FACTS_VERSION), or
 * many tasks are marked (first start after the upgrade, or a bulk load through
 * SQL), else refreshes the few marked ones.
 */
export function ensureTaskStatusFacts(db: AppDatabase, rules: StatusRules): "rebuilt" | "refreshed" | "ok" {
  const client = db.$client;
  const built = builtRules(client);
  const version = statements(client).meta.get()?.version;
  const dirty = (client.prepare(`SELECT count(*) AS n FROM task_status_dirty`).get() as { n: number }).n;
  if (
    built === null ||
    built.dueSoonDays !== rules.dueSoonDays ||
    built.staleAfterDays !== rules.staleAfterDays ||
    version !== STATUS_FACTS_VERSION
  ) {
    rebuildTaskStatusFacts(client, rules);
    return "rebuilt";
  }
  if (dirty > 10_000) {
    rebuildTaskStatusFacts(client, rules);
    return "rebuilt";
  }
  if (dirty > 0) {
    client.transaction(() => refreshTaskStatusFacts(client)).immediate();
    return "refreshed";
  }
  return "ok";
}

/**
 * True when the stored spans and counts are exact for `rules`: built by this
 * version (STATUS_FACTS_VERSION) for these rules, and nothing marked.
 */
export function statusFactsUsable(db: AppDatabase, rules: StatusRules): boolean {
  const s = statements(db.$client);
  const built = s.meta.get();
  return (
    built !== undefined &&
    built.version === STATUS_FACTS_VERSION &&
    built.due_soon_days === rules.dueSoonDays &&
    built.stale_after_days === rules.staleAfterDays &&
    s.anyDirty.get() === undefined
  );
}

// ---------------------------------------------------------------- reading the rollups

/** The scope a rollup count is read for: visibilities, and optionally one committee and/or department. */
export interface RollupScope {
  visibilities: readonly number[];
  committeeId?: number;
  departmentId?: number;
}

/**
 * Task counts per series as of `asOf` from the rollups, for a scope; grouped by
 * lead department when `byDepartment` (then `departmentId` must be unset).
 * Returns department id (0 when not grouped) → series → count (net changes
 * summed: a series nobody is in any more may read 0).
 */
export function rollupCounts(
  db: AppDatabase,
  scope: RollupScope,
  asOf: LocalDate,
  byDepartment = false,
): Map<number, Map<RollupSeries, number>> {
  const result = new Map<number, Map<RollupSeries, number>>();
  if (scope.visibilities.length === 0) return result;
  if (byDepartment && (scope.committeeId !== undefined || scope.departmentId !== undefined)) {
    throw new Error("The rollups are grouped by department only over all committees.");
  }
  const visibilities = sql.raw(scope.visibilities.map(Number).join(", "));
  // The years before D's, the months of D's year before D's month, the days of D's month up to D.
  const buckets = bucketsUpTo(asOf);
  const part = (bucket: SQL) =>
    byDepartment
      ? sql`SELECT department_id, series, n FROM task_status_rollups INDEXED BY task_status_rollups_by_department_idx
          WHERE visibility IN (${visibilities}) AND committee_id = 0 AND department_id > 0 AND ${bucket}`
      : sql`SELECT department_id, series, n FROM task_status_rollups
          WHERE visibility IN (${visibilities}) AND committee_id = ${scope.committeeId ?? 0}
            AND department_id = ${scope.departmentId ?? 0} AND ${bucket}`;
  const rows = db.all<{ department_id: number; series: RollupSeries; n: number }>(sql`
    SELECT department_id, series, sum(n) AS n FROM (${sql.join(buckets.map(part), sql` UNION ALL `)})
    GROUP BY department_id, series`);
  for (const row of rows) {
    const group = byDepartment ? row.department_id : 0;
    let counts = result.get(group);
    if (!counts) result.set(group, (counts = new Map()));
    counts.set(row.series, row.n);
  }
  return result;
}

/** The three-level prefix sums' buckets before and on `asOf` (years, months of its year, days of its month). */
function bucketsUpTo(asOf: LocalDate): SQL[] {
  const day = dayNumber(asOf);
  const year = Number(asOf.slice(0, 4));
  const month = year * 12 + Number(asOf.slice(5, 7)) - 1;
  const monthStart = dayNumber(`${asOf.slice(0, 8)}01`);
  return [
    sql`level = 0 AND bucket < ${year}`,
    sql`level = 1 AND bucket >= ${year * 12} AND bucket < ${month}`,
    sql`level = 2 AND bucket >= ${monthStart} AND bucket <= ${day}`,
  ];
}

/** The month number of the trend counts (`year × 12 + month − 1`) of a `yyyy-mm` month. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * The trend counts as of `asOf` for a scope (all tasks of its visibilities, or one
 * committee's; they are not kept per lead department) and months of due date
 * (`yyyy-mm`): month → series → count. Only when `statusFactsUsable`.
 */
export function trendRollupCounts(
  db: AppDatabase,
  scope: RollupScope,
  asOf: LocalDate,
  months: readonly string[],
): Map<string, Map<TrendRollupSeries, number>> {
  const result = new Map<string, Map<TrendRollupSeries, number>>();
  if (scope.visibilities.length === 0 || months.length === 0) return result;
  if (scope.departmentId !== undefined) throw new Error("The trend counts are not kept per lead department.");
  const visibilities = sql.raw(scope.visibilities.map(Number).join(", "));
  // A list, not a range: each month is then an equality, and the level and bucket after it are sought.
  const dueMonths = sql.raw(months.map(monthNumber).join(", "));
  const part = (bucket: SQL) => sql`
    SELECT due_month, series, n FROM task_status_trend_rollups
    WHERE visibility IN (${visibilities}) AND committee_id = ${scope.committeeId ?? 0}
      AND due_month IN (${dueMonths}) AND ${bucket}`;
  const rows = db.all<{ due_month: number; series: TrendRollupSeries; n: number }>(sql`
    SELECT due_month, series, sum(n) AS n FROM (${sql.join(bucketsUpTo(asOf).map(part), sql` UNION ALL `)})
    GROUP BY due_month, series`);
  const keys = new Map(months.map((m) => [monthNumber(m), m]));
  for (const row of rows) {
    const month = keys.get(row.due_month)!;
    let counts = result.get(month);
    if (!counts) result.set(month, (counts = new Map()));
    counts.set(row.series, row.n);
  }
  return result;
}
