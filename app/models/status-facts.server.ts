// Derived status facts (docs/decisions/014, 018): the status of every task over time
// as spans of days (app/domain/status-spans.ts), on both readings of a past day,
// and counts of those spans per scope and day that change only on writes, so that a
// dashboard as of any day sums a few hundred rows instead of computing the status
// of every task. They are the only way the app reads statuses: the rules are
// written once, in app/domain/status.ts, and the spans are what it answers.
//
// Exactness:
// - Spans are computed from the task's whole history with the reference rules, so a
//   write in the past, an entry after the fact, a late extension or a re-assignment
//   all come out right.
// - Triggers (db/migrations/0006, 0009, 0011) mark every task whose history,
//   deadline, lead department or directive a statement changes, in
//   `task_status_dirty`. `writeTransaction` (app/models/db.server.ts) calls
//   `refreshTaskStatusFacts` before it commits, so the spans and counts change in
//   the same transaction as the write. A write made outside the app (the sqlite3
//   shell, a test inserting rows) leaves marks behind; the next reader refreshes
//   them first (`readyStatusFacts`).
// - The spans depend on the rules (due-soon and stale days); `task_status_meta`
//   records the rules they were built with, and start-up rebuilds them when the
//   settings changed (`ensureTaskStatusFacts`). The rules in force are the stored
//   ones (`statusRulesInForce`).
// - Both bases: a task's spans as it happened and as recorded are stored once
//   (basis 0) when they are the same — nearly always — else apart (1 and 2). The
//   counts as it happened are basis 0; basis 1 holds what to add for the counts as
//   recorded (recorded spans minus happened spans of the tasks that differ).
// - `task_status_meta.version` says what the stored facts include
//   (STATUS_FACTS_VERSION); facts of another version are rebuilt at start-up (or by
//   the first reader, if a process reads before any start-up rebuilt them).
import type Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { startOfLocalDay, type LocalDate } from "../domain/dates";
import { DEFAULT_STATUS_RULES, type DeadlineFact, type StatusRules, type TaskFacts } from "../domain/status";
import {
  dayNumber,
  OPEN_END,
  sameSpans,
  STATUS_SEVERITY,
  statusSpans,
  type LeadAssignment,
  type StatusSpan,
} from "../domain/status-spans";
import {
  TASK_STATUSES,
  type DeadlineChangeKind,
  type DeadlineKind,
  type DirectiveState,
  type StatusBasis,
  type TaskStatus,
  type WorkflowState,
} from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import { allRows, checkedRow } from "./sql-rows.server";

type Client = Database.Database;

/** `task_status_spans.visibility`: what the directive of a task lets roles see. */
export const VISIBILITY = { issued: 0, confidential: 1, draft: 2 } as const;

export function visibilityOf(state: DirectiveState, confidential: boolean | 0 | 1): number {
  if (state === "draft") return VISIBILITY.draft;
  return confidential ? VISIBILITY.confidential : VISIBILITY.issued;
}

/** `task_status_spans.basis`: spans for both readings of a past day, or for one. */
export const SPAN_BASIS = { both: 0, happened: 1, recorded: 2 } as const;

/** The condition on spans `s` that keeps the spans of one reading. */
export function spanBasisFilter(basis: StatusBasis): SQL {
  return sql.raw(`s.basis IN (${SPAN_BASIS.both}, ${SPAN_BASIS[basis]})`);
}

/** The `basis` values of the counts that sum to one reading: as it happened, or that plus the difference as recorded. */
function rollupBases(basis: StatusBasis): string {
  return basis === "happened" ? "0" : "0, 1";
}

/** A series of the rollups: a status, or the stale flag (overdue tasks without a recent report). */
const ROLLUP_SERIES = [...TASK_STATUSES, "stale"] as const;
export type RollupSeries = (typeof ROLLUP_SERIES)[number];

/**
 * What the stored facts include (`task_status_meta.version`): 0 the spans and the
 * status counts; 1 also the trend counts (`task_status_trend_rollups`); 2 spans cut
 * where the lead department changes; 3 both readings of a past day, facts by the
 * day they took effect, deadline changes, a late completion report judged by its
 * date. Facts of another version are rebuilt (`ensureTaskStatusFacts`).
 */
export const STATUS_FACTS_VERSION = 3;

/**
 * A series of the trend counts, per month of due date: the tasks falling due in the
 * month (`due`: every span with a due date), and those of them done on time, done
 * late, or overdue.
 */
const TREND_ROLLUP_SERIES = ["due", "done_on_time", "done_late", "overdue"] as const;
export type TrendRollupSeries = (typeof TREND_ROLLUP_SERIES)[number];
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
  deadlineChanges: Database.Statement<[number], DeadlineChangeRow>;
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
  assigned_on: LocalDate;
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
  recorded_at: number | null;
  completion_date: LocalDate | null;
}
interface LeadRow {
  task_id: number;
  department_id: number;
  from_at: number;
  recorded_at: number | null;
}
interface ExtensionRow {
  task_id: number;
  decided_at: number;
  decision_recorded_at: number | null;
  approved_due_date: LocalDate;
}
interface DeadlineChangeRow {
  task_id: number;
  kind: DeadlineChangeKind;
  due_date: LocalDate;
  effective_at: number;
  created_at: number;
}
interface SpanRow {
  basis: number;
  from_day: number;
  to_day: number;
  status: TaskStatus;
  stale: 0 | 1;
  due_day: number | null;
  late_days: number;
  since_day: number | null;
  visibility: number;
  committee_id: number;
  lead_department_id: number;
  directive_id: number;
  position: number;
}

const TASK_COLUMNS = `t.id, t.created_at, t.assigned_on, t.deadline_kind, t.original_due_date, t.directive_id, t.position,
  t.lead_department_id, d.committee_id, d.state AS directive_state, d.confidential
  FROM tasks t JOIN directives d ON d.id = t.directive_id`;
const IN_FORCE = `state IN ('approved', 'countered')`;
const TRANSITION_COLUMNS = `task_id, to_state, changed_at, recorded_at, completion_date`;
const EXTENSION_COLUMNS = `task_id, decided_at, decision_recorded_at, approved_due_date`;
const DEADLINE_CHANGE_COLUMNS = `task_id, kind, due_date, effective_at, created_at`;
const LEAD_COLUMNS = `task_id, department_id, from_at, recorded_at`;
const SPAN_COLUMNS = `basis, from_day, to_day, status, stale, due_day, late_days, since_day, visibility, committee_id,
  lead_department_id, directive_id, position`;

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
    transitions: client.prepare(`SELECT ${TRANSITION_COLUMNS} FROM task_transitions WHERE task_id = ? ORDER BY id`),
    extensions: client.prepare(
      `SELECT ${EXTENSION_COLUMNS} FROM extension_requests WHERE task_id = ? AND ${IN_FORCE} ORDER BY id`,
    ),
    deadlineChanges: client.prepare(
      `SELECT ${DEADLINE_CHANGE_COLUMNS} FROM task_deadline_changes WHERE task_id = ? ORDER BY id`,
    ),
    reports: client.prepare(`SELECT task_id, created_at FROM progress_reports WHERE task_id = ?`),
    leads: client.prepare(`SELECT ${LEAD_COLUMNS} FROM task_lead_assignments WHERE task_id = ? ORDER BY id`),
    spans: client.prepare(`SELECT ${SPAN_COLUMNS} FROM task_status_spans WHERE task_id = ? ORDER BY basis, from_day`),
    deleteSpans: client.prepare(`DELETE FROM task_status_spans WHERE task_id = ?`),
    insertSpan: client.prepare(
      `INSERT INTO task_status_spans (task_id, basis, from_day, to_day, status, severity, stale, due_day, late_days,
         since_day, visibility, committee_id, lead_department_id, directive_id, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    addToRollup: client.prepare(
      `INSERT INTO task_status_rollups (basis, visibility, committee_id, department_id, level, bucket, series, n)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (basis, visibility, committee_id, department_id, level, bucket, series) DO UPDATE SET n = n + excluded.n`,
    ),
    addToTrend: client.prepare(
      `INSERT INTO task_status_trend_rollups (basis, visibility, committee_id, due_month, level, bucket, series, n)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (basis, visibility, committee_id, due_month, level, bucket, series) DO UPDATE SET n = n + excluded.n`,
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
  /** `basis,visibility,committee,department,series` → day → change. */
  readonly byScope = new Map<string, Map<number, number>>();
  /** `basis,visibility,committee,dueMonth,series` → day → change (the trend; not kept per department). */
  readonly byDueMonth = new Map<string, Map<number, number>>();

  /**
   * A task's spans counted in (sign 1) or out (−1): as it happened in basis 0, and
   * — only when the task reads differently as recorded — the difference in basis 1.
   */
  addTask(scope: TaskScope, spans: TaskSpans, sign: 1 | -1): void {
    this.add(0, scope, spans.happened, sign);
    if (spans.recorded !== spans.happened) {
      this.add(1, scope, spans.recorded, sign);
      this.add(1, scope, spans.happened, sign === 1 ? -1 : 1);
    }
  }

  private add(basis: 0 | 1, scope: TaskScope, spans: readonly StatusSpan[], sign: 1 | -1): void {
    const at = (changes: Map<string, Map<number, number>>, key: string, day: number, n: number) => {
      if (day === OPEN_END) return;
      let days = changes.get(key);
      if (days === undefined) changes.set(key, (days = new Map()));
      days.set(day, (days.get(day) ?? 0) + n);
    };
    const trendKey = `${basis},${scope.visibility},${scope.committeeId},`;
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
      const [b, v, c, d, series] = key.split(",") as [string, string, string, string, string];
      return [[`${b},${v},0,0,`, `${b},${v},${c},0,`, `${b},${v},0,${d},`], series];
    });
  }

  /** Rows to add to `task_status_trend_rollups`: all tasks of a visibility; per committee. */
  trendRows(): RollupRow[] {
    return summedRows(this.byDueMonth, (key) => {
      const [b, v, c, month, series] = key.split(",") as [string, string, string, string, string];
      return [[`${b},${v},0,${month},`, `${b},${v},${c},${month},`], series];
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

/** A task's spans on both readings (the same array when they agree). */
interface TaskSpans {
  happened: StatusSpan[];
  recorded: StatusSpan[];
}

interface TaskHistory {
  transitions: readonly TransitionRow[];
  extensions: readonly ExtensionRow[];
  deadlineChanges: readonly DeadlineChangeRow[];
  reportTimes: readonly number[];
  leads: readonly LeadRow[];
}

/** The instant a task takes effect: the start of its assignment day, or its entry when that was earlier. */
function effectiveStart(task: Pick<TaskRow, "created_at" | "assigned_on">): number {
  return Math.min(task.created_at, startOfLocalDay(task.assigned_on));
}

/** The fields of a fact entered after the fact: its recording instant, when later than its effect. */
function recorded(at: number, recordedAt: number | null): { at: number; recordedAt?: number } {
  return recordedAt !== null && recordedAt > at ? { at, recordedAt } : { at };
}

/** What app/domain/status.ts needs to know about a task, from its rows. */
function factsOf(task: TaskRow, history: TaskHistory): TaskFacts {
  const start = effectiveStart(task);
  // Extension decisions and deadline changes, in the order they were recorded.
  const deadlines: (DeadlineFact & { order: number })[] = [
    ...history.extensions.map((e) => ({
      ...recorded(e.decided_at, e.decision_recorded_at),
      dueDate: e.approved_due_date,
      order: e.decision_recorded_at ?? e.decided_at,
    })),
    ...history.deadlineChanges.map((c) => ({
      // A correction was always the deadline: in force from the assignment.
      ...recorded(c.kind === "correction" ? start : c.effective_at, c.created_at),
      dueDate: c.due_date,
      order: c.created_at,
    })),
  ].sort((a, b) => a.order - b.order);
  return {
    createdAt: start,
    ...(task.created_at > start ? { recordedAt: task.created_at } : {}),
    deadlineKind: task.deadline_kind,
    originalDueDate: task.original_due_date,
    transitions: history.transitions.map((t) => ({
      toState: t.to_state,
      ...recorded(t.changed_at, t.recorded_at),
      completionDate: t.completion_date,
    })),
    deadlines: deadlines.map(({ order: _order, ...fact }) => fact),
    progressReportTimes: history.reportTimes,
  };
}

function assignmentsOf(leads: readonly LeadRow[]): LeadAssignment[] {
  return leads.map((l) => ({ departmentId: l.department_id, ...recorded(l.from_at, l.recorded_at) }));
}

function scopeOf(task: TaskRow): TaskScope {
  return {
    visibility: visibilityOf(task.directive_state, task.confidential),
    committeeId: task.committee_id,
    directiveId: task.directive_id,
    position: task.position,
  };
}

/** The task's spans on both readings, each with the lead department of its days. */
function spansOf(task: TaskRow, history: TaskHistory, rules: StatusRules): TaskSpans {
  const facts = factsOf(task, history);
  const assignments = assignmentsOf(history.leads);
  const happened = statusSpans(facts, rules, "happened", assignments, task.lead_department_id);
  const recordedSpans = statusSpans(facts, rules, "recorded", assignments, task.lead_department_id);
  return { happened, recorded: sameSpans(happened, recordedSpans) ? happened : recordedSpans };
}

function spanOfRow(row: SpanRow): StatusSpan {
  return {
    fromDay: row.from_day,
    toDay: row.to_day,
    status: row.status,
    stale: row.stale === 1,
    dueDay: row.due_day,
    lateDays: row.late_days,
    sinceDay: row.since_day,
    leadDepartmentId: row.lead_department_id,
  };
}

/** The stored spans of a task as both readings (`basis` 0: the same array). */
function storedSpans(rows: readonly SpanRow[]): TaskSpans {
  const of = (basis: number) => rows.filter((r) => r.basis === basis).map(spanOfRow);
  if (rows.every((r) => r.basis === SPAN_BASIS.both)) {
    const both = of(SPAN_BASIS.both);
    return { happened: both, recorded: both };
  }
  return { happened: of(SPAN_BASIS.happened), recorded: of(SPAN_BASIS.recorded) };
}

function sameScope(rows: readonly SpanRow[], scope: TaskScope): boolean {
  return rows.every(
    (row) =>
      row.visibility === scope.visibility &&
      row.committee_id === scope.committeeId &&
      row.directive_id === scope.directiveId &&
      row.position === scope.position,
  );
}

function insertSpans(s: Statements, taskId: number, spans: TaskSpans, scope: TaskScope): void {
  const insert = (basis: number, list: readonly StatusSpan[]) => {
    for (const span of list) {
      s.insertSpan.run(
        taskId,
        basis,
        span.fromDay,
        span.toDay,
        span.status,
        STATUS_SEVERITY[span.status],
        span.stale ? 1 : 0,
        span.dueDay,
        span.lateDays,
        span.sinceDay,
        scope.visibility,
        scope.committeeId,
        span.leadDepartmentId,
        scope.directiveId,
        scope.position,
      );
    }
  };
  if (spans.recorded === spans.happened) {
    insert(SPAN_BASIS.both, spans.happened);
  } else {
    insert(SPAN_BASIS.happened, spans.happened);
    insert(SPAN_BASIS.recorded, spans.recorded);
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
      const storedRows = s.spans.all(taskId);
      const stored = storedSpans(storedRows);
      const task = s.task.get(taskId);
      const scope = task ? scopeOf(task) : null;
      const spans: TaskSpans | null =
        task === undefined
          ? null
          : spansOf(
              task,
              {
                transitions: s.transitions.all(taskId),
                extensions: s.extensions.all(taskId),
                deadlineChanges: s.deadlineChanges.all(taskId),
                reportTimes: s.reports.all(taskId).map((r) => r.created_at),
                leads: s.leads.all(taskId),
              },
              rules,
            );
      const unchanged =
        scope !== null &&
        spans !== null &&
        sameScope(storedRows, scope) &&
        (spans.recorded === spans.happened) === (stored.recorded === stored.happened) &&
        sameSpans(stored.happened, spans.happened) &&
        sameSpans(stored.recorded, spans.recorded);
      if (!unchanged) {
        const old = storedRows[0];
        if (old) {
          const oldScope = {
            visibility: old.visibility,
            committeeId: old.committee_id,
            directiveId: old.directive_id,
            position: old.position,
          };
          changes.addTask(oldScope, stored, -1);
        }
        s.deleteSpans.run(taskId);
        if (scope && spans) {
          insertSpans(s, taskId, spans, scope);
          changes.addTask(scope, spans, 1);
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
  const range = `task_id >= ? AND task_id < ?`;
  const tasksIn = client.prepare<[number, number], TaskRow>(
    `SELECT ${TASK_COLUMNS} WHERE t.id >= ? AND t.id < ? ORDER BY t.id`,
  );
  const transitionsIn = client.prepare<[number, number], TransitionRow>(
    `SELECT ${TRANSITION_COLUMNS} FROM task_transitions WHERE ${range} ORDER BY task_id, id`,
  );
  const extensionsIn = client.prepare<[number, number], ExtensionRow>(
    `SELECT ${EXTENSION_COLUMNS} FROM extension_requests WHERE ${range} AND ${IN_FORCE} ORDER BY task_id, id`,
  );
  const deadlineChangesIn = client.prepare<[number, number], DeadlineChangeRow>(
    `SELECT ${DEADLINE_CHANGE_COLUMNS} FROM task_deadline_changes WHERE ${range} ORDER BY task_id, id`,
  );
  const reportsIn = client.prepare<[number, number], { task_id: number; created_at: number }>(
    `SELECT task_id, created_at FROM progress_reports WHERE ${range}`,
  );
  const leadsIn = client.prepare<[number, number], LeadRow>(
    `SELECT ${LEAD_COLUMNS} FROM task_lead_assignments WHERE ${range} ORDER BY task_id, id`,
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
  const boundsQuery = `SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM tasks`;
  const bounds = checkedRow(
    { lo: "integer?", hi: "integer?", n: "integer" },
    client.prepare(boundsQuery).get(),
    boundsQuery,
  )!;
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
        const deadlineChanges = grouped(deadlineChangesIn.all(lo, hi));
        const reports = grouped(reportsIn.all(lo, hi));
        const leads = grouped(leadsIn.all(lo, hi));
        for (const task of tasksIn.all(lo, hi)) {
          const scope = scopeOf(task);
          const spans = spansOf(
            task,
            {
              transitions: transitions.get(task.id) ?? [],
              extensions: extensions.get(task.id) ?? [],
              deadlineChanges: deadlineChanges.get(task.id) ?? [],
              reportTimes: (reports.get(task.id) ?? []).map((r) => r.created_at),
              leads: leads.get(task.id) ?? [],
            },
            rules,
          );
          insertSpans(s, task.id, spans, scope);
          changes.addTask(scope, spans, 1);
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
 * many tasks are marked (a bulk load through SQL), else refreshes the few marked ones.
 */
export function ensureTaskStatusFacts(db: AppDatabase, rules: StatusRules): "rebuilt" | "refreshed" | "ok" {
  const client = db.$client;
  const built = builtRules(client);
  const version = statements(client).meta.get()?.version;
  const dirtyQuery = `SELECT count(*) AS n FROM task_status_dirty`;
  const dirty = checkedRow({ n: "integer" }, client.prepare(dirtyQuery).get(), dirtyQuery)!.n;
  if (
    built === null ||
    built.dueSoonDays !== rules.dueSoonDays ||
    built.staleAfterDays !== rules.staleAfterDays ||
    version !== STATUS_FACTS_VERSION ||
    dirty > 10_000
  ) {
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
 * Makes the stored facts exact before a read: refreshes tasks a write outside the
 * app left marked, and rebuilds facts of another version (only a process that reads
 * before any start-up rebuilt them meets that). Returns the rules they are built
 * with — the status rules in force. One indexed read when nothing is to do.
 */
export function readyStatusFacts(db: AppDatabase): StatusRules {
  const client = db.$client;
  const s = statements(client);
  const built = s.meta.get();
  if (built === undefined || built.version !== STATUS_FACTS_VERSION) {
    const rules = built
      ? { dueSoonDays: built.due_soon_days, staleAfterDays: built.stale_after_days }
      : DEFAULT_STATUS_RULES;
    rebuildTaskStatusFacts(client, rules);
    return rules;
  }
  if (s.anyDirty.get() !== undefined) client.transaction(() => refreshTaskStatusFacts(client)).immediate();
  return { dueSoonDays: built.due_soon_days, staleAfterDays: built.stale_after_days };
}

/** The status rules in force: those the stored facts are built with (start-up rebuilds them when the settings change). */
export function statusRulesInForce(db: AppDatabase): StatusRules {
  return builtRules(db.$client) ?? DEFAULT_STATUS_RULES;
}

/** Loads what app/domain/status.ts needs to know about each task (for checks that compare spans with the rules). */
export function loadTaskFacts(db: AppDatabase, taskIds: readonly number[]): Map<number, TaskFacts> {
  const s = statements(db.$client);
  const result = new Map<number, TaskFacts>();
  for (const taskId of taskIds) {
    const task = s.task.get(taskId);
    if (task === undefined) continue;
    result.set(
      taskId,
      factsOf(task, {
        transitions: s.transitions.all(taskId),
        extensions: s.extensions.all(taskId),
        deadlineChanges: s.deadlineChanges.all(taskId),
        reportTimes: s.reports.all(taskId).map((r) => r.created_at),
        leads: [],
      }),
    );
  }
  return result;
}

/** The lead-department assignments of each task, as app/domain/status-spans.ts reads them. */
export function loadLeadAssignments(
  db: AppDatabase,
  taskIds: readonly number[],
): Map<number, { assignments: LeadAssignment[]; current: number }> {
  const s = statements(db.$client);
  const result = new Map<number, { assignments: LeadAssignment[]; current: number }>();
  for (const taskId of taskIds) {
    const task = s.task.get(taskId);
    if (task === undefined) continue;
    result.set(taskId, { assignments: assignmentsOf(s.leads.all(taskId)), current: task.lead_department_id });
  }
  return result;
}

// ---------------------------------------------------------------- reading the rollups

/** The scope a rollup count is read for: visibilities, and optionally one committee and/or department. */
export interface RollupScope {
  /** The reading of a past day (default: as it happened). */
  basis?: StatusBasis;
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
  const bases = sql.raw(rollupBases(scope.basis ?? "happened"));
  // The years before D's, the months of D's year before D's month, the days of D's month up to D.
  const buckets = bucketsUpTo(asOf);
  const part = (bucket: SQL) =>
    byDepartment
      ? sql`SELECT department_id, series, n FROM task_status_rollups INDEXED BY task_status_rollups_by_department_idx
          WHERE basis IN (${bases}) AND visibility IN (${visibilities}) AND committee_id = 0 AND department_id > 0
            AND ${bucket}`
      : sql`SELECT department_id, series, n FROM task_status_rollups
          WHERE basis IN (${bases}) AND visibility IN (${visibilities}) AND committee_id = ${scope.committeeId ?? 0}
            AND department_id = ${scope.departmentId ?? 0} AND ${bucket}`;
  const rows = allRows(
    db,
    { department_id: "integer", series: ROLLUP_SERIES, n: "integer" },
    sql`
    SELECT department_id, series, sum(n) AS n FROM (${sql.join(buckets.map(part), sql` UNION ALL `)})
    GROUP BY department_id, series`,
  );
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
 * (`yyyy-mm`): month → series → count.
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
  const bases = sql.raw(rollupBases(scope.basis ?? "happened"));
  const part = (bucket: SQL) => sql`
    SELECT due_month, series, n FROM task_status_trend_rollups
    WHERE basis IN (${bases}) AND visibility IN (${visibilities}) AND committee_id = ${scope.committeeId ?? 0}
      AND due_month IN (${dueMonths}) AND ${bucket}`;
  const rows = allRows(
    db,
    { due_month: "integer", series: TREND_ROLLUP_SERIES, n: "integer" },
    sql`
    SELECT due_month, series, sum(n) AS n FROM (${sql.join(bucketsUpTo(asOf).map(part), sql` UNION ALL `)})
    GROUP BY due_month, series`,
  );
  const keys = new Map(months.map((m) => [monthNumber(m), m]));
  for (const row of rows) {
    const month = keys.get(row.due_month)!;
    let counts = result.get(month);
    if (!counts) result.set(month, (counts = new Map()));
    counts.set(row.series, row.n);
  }
  return result;
}
