// The stored status facts (docs/decisions/014, 018) on a large randomized history: a
// generated data set (completions on time and late, extensions decided before and
// after their due dates, returns, holds, cancellations), then writes through the
// app's own functions on later days — lead re-assignments, a department merge,
// holds, resumptions and cancellations, extension decisions, progress reports —
// and writes made outside the app (a directive made confidential, a draft issued,
// a back-dated transition, a completion entered after the fact), caught by the
// triggers and refreshed by the next reader.
//
// After all of it, for as-of days before, on and after the writes, on both readings
// of a past day (as it happened; as recorded):
// - every task's stored span and every stored count equal the reference rules;
// - what the writes maintained equals a rebuild from history;
// - every reader refreshes what a write outside the app left marked before it reads;
// - every count is the same from the stored counts, from the spans of its scope and
//   through the task list's own filter; the task list is the same from the index
//   walks of the spans as through its filter, page by page; the dashboard's lists
//   are the task list's first rows;
// - the dashboard's monthly trend is the same from the stored trend counts, from
//   the spans and through the task list's filter;
// - facts of another version (an upgrade) or other rules are rebuilt, and then exact.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, startOfLocalDay, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { DEFAULT_STATUS_RULES, type StatusRules } from "../../app/domain/status";
import { dayNumber, OPEN_END } from "../../app/domain/status-spans";
import { STATUS_BASES, TASK_LEVELS, TASK_STATUSES, type StatusBasis } from "../../app/domain/vocabulary";
import { openDatabase, writeTransaction, type AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import type { RequestOrigin } from "../../app/models/audit.server";
import { dashboardFigures, scorecard, type DashboardFilters } from "../../app/models/dashboard.server";
import { departmentQuarters } from "../../app/models/department-quarters.server";
import { mergeDepartment } from "../../app/models/departments.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import { listDirectives } from "../../app/models/directive-list.server";
import {
  ensureTaskStatusFacts,
  rebuildTaskStatusFacts,
  STATUS_FACTS_VERSION,
  statusRulesInForce,
} from "../../app/models/status-facts.server";
import {
  emptyStatusCounts,
  statusCountsBy,
  statusCountsInScope,
  type StatusCounts,
} from "../../app/models/status-counts.server";
import { decideExtension, submitProgressReport } from "../../app/models/task-progress.server";
import { rollupScopeOf, taskScopeFilter, type TaskScope } from "../../app/models/task-scope.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { changeTaskState, reassignLead } from "../../app/models/tasks.server";
import {
  monthlyTrend,
  trendCounts,
  trendMonths,
  trendSource,
  type TrendCounts,
  type TrendSource,
} from "../../app/models/trend.server";
import { listDepartments } from "../../app/routes/departments._index/queries.server";
import { getDirective } from "../../app/models/directive-page.server";
import { departmentTasks } from "../../app/routes/my-department/queries.server";
import { getTask } from "../../app/models/task-page.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { generateLargeDatabase } from "../../db/seed/large-data";
import { storedFactsMismatches, storedFactsSnapshot } from "../setup/status-facts-check";

const TODAY: LocalDate = "2026-03-16";
const rules = DEFAULT_STATUS_RULES;
const origin: RequestOrigin = { ipAddress: null, userAgent: "test", requestId: null };
const t = translator("vi");
/** 10:00 in Hanoi, `days` after TODAY. */
const on = (days: number) => startOfLocalDay(addDays(TODAY, days)) + 10 * 3_600_000;
const AS_OF_DAYS: LocalDate[] = [-500, -200, -90, -30, -1, 0, 1, 2, 3, 10, 60].map((d) => addDays(TODAY, d));
const parse = (query: Record<string, string>) => taskListQuery(t).parse(query);
/** JSON that shows maps as their entries. */
const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v] : v));
/** A task list query as its URL writes it (the dashboard's filters among them). */
const queryOf = (filters: DashboardFilters): Record<string, string> =>
  Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, String(value)]));

describe("stored status facts on a large randomized history with later writes", () => {
  let db: AppDatabase;
  let secretariat: Actor;
  let leadership: Actor;
  let admin: Actor;
  const written = { reassigned: 0, merged: 0, held: 0, cancelled: 0, resumed: 0, decided: 0, reported: 0 };

  const actor = (where: ReturnType<typeof sql>) =>
    db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE ${where} ORDER BY id LIMIT 1`)!;
  const openTasks = (limit: number, offset: number) =>
    db.all<{ id: number; version: number; lead: number }>(sql`
      SELECT id, version, lead_department_id AS lead FROM tasks
      WHERE state IN ('open', 'in_progress', 'returned') ORDER BY id LIMIT ${limit} OFFSET ${offset}`);
  const versionOf = (id: number) => db.get<{ v: number }>(sql`SELECT version AS v FROM tasks WHERE id = ${id}`)!.v;
  /** How many tasks writes made outside the app left marked for a refresh of their status facts. */
  const dirtyMarks = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM task_status_dirty`)!.n;
  /** The busiest committee, directive and lead department, and the head of that department. */
  const busiest = () => {
    const committee = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
    const directive = db.get<{ id: number }>(
      sql`SELECT directive_id AS id FROM tasks GROUP BY directive_id ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const department = db.get<{ id: number }>(
      sql`SELECT lead_department_id AS id FROM tasks GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const departmentUser = actor(sql`role = 'dept_lead' AND department_id = ${department}`);
    return { committee, directive, department, departmentUser };
  };

  beforeAll(async () => {
    const dir = process.env.TEST_TMP_DIR;
    if (!dir) throw new Error("tests/setup/global-setup.ts did not run");
    const out = path.join(dir, `${crypto.randomUUID()}-rollups.db`);
    await generateLargeDatabase({ tasks: 2500, seed: 23, out, today: TODAY });
    db = openDatabase(out);
    secretariat = actor(sql`role = 'secretariat'`);
    leadership = actor(sql`role = 'leadership'`);
    admin = actor(sql`role = 'admin'`);
    expect(statusRulesInForce(db)).toEqual(rules);
    expect(dirtyMarks()).toBe(0);

    // Day +1: lead re-assignments, then a department merged into another.
    const departments = db.all<{ id: number }>(sql`SELECT id FROM departments WHERE active = 1 ORDER BY id`);
    for (const [i, task] of openTasks(40, 0).entries()) {
      const to = departments[(i * 7 + 3) % departments.length]!.id;
      if (to === task.lead) continue;
      const result = reassignLead(
        db,
        secretariat,
        task.id,
        task.version,
        { departmentId: to, reason: "Điều chỉnh" },
        origin,
        on(1),
      );
      if (result.ok) written.reassigned++;
    }
    const [merged, successor] = db.all<{ id: number }>(sql`
      SELECT lead_department_id AS id FROM tasks WHERE state IN ('open', 'in_progress')
      GROUP BY lead_department_id ORDER BY count(*) DESC LIMIT 2`);
    const merge = mergeDepartment(
      db,
      admin,
      { departmentId: merged!.id, successorId: successor!.id, reason: "Sáp nhập", effectiveOn: addDays(TODAY, 1) },
      origin,
      on(1),
    );
    expect(merge.ok).toBe(true);
    if (merge.ok) written.merged = merge.summary.tasksReassigned;

    // Day +2: holds, cancellations and resumptions; extension decisions.
    for (const [i, task] of openTasks(60, 40).entries()) {
      const to = i % 3 === 0 ? "cancelled" : "on_hold";
      const result = changeTaskState(db, secretariat, task.id, task.version, { to, reason: "Tạm dừng" }, origin, on(2));
      if (result.ok) written[to === "cancelled" ? "cancelled" : "held"]++;
    }
    const held = db.all<{ id: number; version: number }>(sql`
      SELECT id, version FROM tasks WHERE state = 'on_hold' ORDER BY id LIMIT 15`);
    for (const task of held) {
      const result = changeTaskState(
        db,
        secretariat,
        task.id,
        task.version,
        { to: "resume", reason: null },
        origin,
        on(2) + 60_000,
      );
      if (result.ok) written.resumed++;
    }
    const pending = db.all<{ id: number; task_id: number; current_due_date: string }>(sql`
      SELECT id, task_id, current_due_date FROM extension_requests WHERE state = 'pending' ORDER BY id`);
    for (const [i, request] of pending.entries()) {
      const decision =
        i % 3 === 0
          ? { outcome: "approve" as const }
          : i % 3 === 1
            ? { outcome: "counter" as const, dueDate: addDays(request.current_due_date, 20) }
            : { outcome: "reject" as const, note: "Không đủ căn cứ" };
      const who = i % 2 === 0 ? secretariat : leadership;
      const result = decideExtension(
        db,
        who,
        { requestId: request.id, baseVersion: versionOf(request.task_id), ...decision },
        origin,
        on(2) + i * 1000,
      );
      if (result.ok) written.decided++;
    }

    // Day +3: progress reports by the department heads on their tasks in progress.
    const inProgress = db.all<{ id: number; version: number; login: string }>(sql`
      SELECT t.id, t.version, u.login FROM tasks t
      JOIN users u ON u.department_id = t.lead_department_id AND u.role = 'dept_lead' AND u.active = 1
      WHERE t.state = 'in_progress' ORDER BY t.id LIMIT 80`);
    for (const task of inProgress) {
      const head = actor(sql`login = ${task.login}`);
      const result = submitProgressReport(
        db,
        head,
        {
          taskId: task.id,
          baseVersion: task.version,
          asOfDate: addDays(TODAY, 3),
          percent: 60,
          result: "Đang triển khai",
        },
        origin,
        on(3),
      );
      if (result.ok) written.reported++;
    }
  }, 240_000);

  it("made every kind of write (the checks below are not vacuous)", () => {
    expect(written.reassigned).toBeGreaterThan(10);
    expect(written.merged).toBeGreaterThan(0);
    expect(written.held).toBeGreaterThan(10);
    expect(written.cancelled).toBeGreaterThan(5);
    expect(written.resumed).toBeGreaterThan(5);
    expect(written.decided).toBeGreaterThan(5);
    expect(written.reported).toBeGreaterThan(10);
    // Each write refreshed the facts of its tasks in its own transaction.
    expect(dirtyMarks()).toBe(0);
  });

  it("counts writes made outside the app at the next read, on both bases", () => {
    const confidential = db.get<{ id: number }>(sql`
      SELECT id FROM directives WHERE state <> 'draft' AND confidential = 0 ORDER BY id DESC LIMIT 1`)!.id;
    const draft = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE state = 'draft' ORDER BY id LIMIT 1`);
    const victim = db.get<{ id: number }>(
      sql`SELECT id FROM tasks WHERE state = 'in_progress' ORDER BY id DESC LIMIT 1`,
    )!.id;
    // A task in progress since long before, whose completion is entered now with its real date.
    const completed = db.get<{ id: number }>(sql`
      SELECT t.id FROM tasks t WHERE t.state = 'in_progress' AND t.id <> ${victim} AND t.created_at < ${on(-200)}
        AND (SELECT max(x.changed_at) FROM task_transitions x WHERE x.task_id = t.id) < ${on(-100)}
      ORDER BY t.id LIMIT 1`)!.id;
    db.run(sql`UPDATE directives SET confidential = 1 WHERE id = ${confidential}`);
    if (draft) {
      db.run(
        sql`UPDATE directives SET state = 'issued', number = 'TEST/1', issued_on = ${TODAY} WHERE id = ${draft.id}`,
      );
    }
    // Withdrawn, recorded as of 200 days ago (a correction entered late).
    db.run(sql`INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, reason)
      VALUES (${victim}, 'in_progress', 'cancelled', ${on(-200)}, 'Rút nhiệm vụ')`);
    // Reported done on day −60 (completed the day before), recorded today ("nhập bổ sung").
    db.run(sql`INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, recorded_at, completion_date)
      VALUES (${completed}, 'in_progress', 'awaiting_confirmation', ${on(-60)}, ${on(0)}, ${addDays(TODAY, -61)})`);
    expect(dirtyMarks()).toBeGreaterThan(0);
    // The stored facts as the writes left them are out of date…
    expect(storedFactsMismatches(db, [addDays(TODAY, -100)], rules).length).toBeGreaterThan(0);
    // …until a reader: it refreshes the marked tasks first.
    dashboardFigures(db, leadership, {}, TODAY, true);
    expect(dirtyMarks()).toBe(0);
    expect(storedFactsMismatches(db, [addDays(TODAY, -100), addDays(TODAY, -30)], rules).slice(0, 5)).toEqual([]);
    const statusOn = (basis: StatusBasis) =>
      taskStatusesAsOf(db, [completed], addDays(TODAY, -30), basis).get(completed)?.status;
    expect(statusOn("happened")).toBe("awaiting_confirmation");
    // As recorded, day −30 shows what the system showed then: not yet reported.
    expect(statusOn("recorded")).not.toBe("awaiting_confirmation");
    writeTransaction(db, () => undefined); // the app's next write finds nothing left to count
    expect(dirtyMarks()).toBe(0);
  }, 60_000);

  it("every reader refreshes the tasks a write outside the app left marked before it reads", () => {
    interface Victim {
      id: number;
      lead: number;
      directive: number;
      year: string;
    }
    // Overdue since before yesterday and still (visible to everyone, due in the trend's months):
    // withdrawn yesterday, every figure below that counts or lists it changes.
    const victims = db.all<Victim>(sql`
      SELECT t.id, s.lead_department_id AS lead, t.directive_id AS directive, substr(t.assigned_on, 1, 4) AS year
      FROM tasks t JOIN task_status_spans s ON s.task_id = t.id
      WHERE s.basis = 0 AND s.status = 'overdue' AND s.to_day = ${OPEN_END}
        AND s.from_day <= ${dayNumber(addDays(TODAY, -1))} AND s.visibility = 0
        AND s.due_day >= ${dayNumber(trendMonths(TODAY, undefined)[0]!.from)} AND t.state = 'in_progress'
        AND t.lead_department_id = s.lead_department_id
        AND EXISTS (SELECT 1 FROM users u WHERE u.department_id = s.lead_department_id AND u.role = 'dept_lead'
          AND u.active = 1)
      ORDER BY t.id`);
    const headOf = (department: number) =>
      actor(sql`role = 'dept_lead' AND active = 1 AND department_id = ${department}`) as Actor & {
        departmentId: number;
      };
    const readers: [string, (v: Victim) => unknown][] = [
      ["dashboard", () => dashboardFigures(db, leadership, {}, TODAY, true)],
      ["dashboard as recorded", () => dashboardFigures(db, leadership, {}, TODAY, true, "recorded")],
      ["dashboard, a lead department", (v) => dashboardFigures(db, leadership, { department: v.lead }, TODAY, true)],
      ["dashboard, a department user", (v) => dashboardFigures(db, headOf(v.lead), {}, TODAY, true)],
      ["dashboard, a period", (v) => dashboardFigures(db, leadership, { period: v.year }, TODAY, true)],
      ["scorecard", () => scorecard(db, leadership, {}, TODAY, true)],
      ["trend (stored trend counts)", () => monthlyTrend(db, leadership, {}, TODAY, true)],
      ["trend as recorded", () => monthlyTrend(db, leadership, {}, TODAY, true, "recorded")],
      ["trend, a lead department (spans)", (v) => monthlyTrend(db, leadership, { department: v.lead }, TODAY, true)],
      ["trend, a directive (spans)", (v) => monthlyTrend(db, leadership, { directive: v.directive }, TODAY, true)],
      [
        "directive progress by level",
        (v) => directiveProgressByLevel(db, leadership, { directive: v.directive }, TODAY, "happened"),
      ],
      ["task list, overdue", () => listTasks(db, leadership, parse({ status: "overdue" }), TODAY)],
      ["task list, withdrawn", () => listTasks(db, leadership, parse({ status: "cancelled" }), TODAY)],
      [
        "task list, withdrawn, as recorded",
        () => listTasks(db, leadership, parse({ status: "cancelled" }), TODAY, "recorded"),
      ],
      [
        "task list, overdue of a department",
        (v) => listTasks(db, leadership, parse({ status: "overdue", department: String(v.lead) }), TODAY),
      ],
      [
        "task list, overdue, a period (the list's filter)",
        (v) => listTasks(db, leadership, parse({ status: "overdue", period: v.year }), TODAY),
      ],
      ["a task's status", (v) => taskStatusesAsOf(db, [v.id], TODAY)],
      ["a task's page", (v) => getTask(db, leadership, v.id, TODAY, "happened")],
      ["a directive's page", (v) => getDirective(db, leadership, v.directive, TODAY, "happened")],
      ["the directives page", () => listDirectives(db, leadership, TODAY, "happened")],
      ["the departments page", () => listDepartments(db, leadership, TODAY, "happened")],
      ["a department's quarters", (v) => departmentQuarters(db, leadership, v.lead, "happened", TODAY)],
      ["a department's desk", (v) => departmentTasks(db, headOf(v.lead), TODAY, "happened")],
    ];
    expect(victims.length).toBeGreaterThanOrEqual(readers.length);
    const failures: string[] = [];
    for (const [i, [label, read]] of readers.entries()) {
      const victim = victims[i]!;
      expect(dirtyMarks()).toBe(0);
      const before = json(read(victim));
      db.run(sql`INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, reason)
        VALUES (${victim.id}, 'in_progress', 'cancelled', ${on(-1)}, 'Rút nhiệm vụ')`);
      expect(dirtyMarks(), label).toBe(1);
      const first = json(read(victim));
      const again = json(read(victim));
      if (first === before) failures.push(`${label}: the first read after the write did not see it`);
      else if (first !== again) failures.push(`${label}: the first read after the write differs from the next`);
      if (dirtyMarks() !== 0) failures.push(`${label}: left the mark`);
      writeTransaction(db, () => undefined); // clears what a reader left, for the next one
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("every span and every stored count equal the reference rules, before, on and after the writes", () => {
    expect(storedFactsMismatches(db, AS_OF_DAYS, rules).slice(0, 5)).toEqual([]);
  }, 120_000);

  it("what the writes maintained equals a rebuild from history", () => {
    const maintained = storedFactsSnapshot(db);
    // The late entry made the two readings differ for a task (stored apart, counted as a difference).
    expect(maintained.spans.some((span) => (span as { basis: number }).basis !== 0)).toBe(true);
    rebuildTaskStatusFacts(db.$client, rules);
    expect(storedFactsSnapshot(db)).toEqual(maintained);
  }, 60_000);

  /** Counts without the groups nobody is in (the stored counts may keep net zeros). */
  const nonZero = (counts: Map<number, StatusCounts>) =>
    [...counts]
      .filter(([, c]) => TASK_STATUSES.some((status) => c[status] !== 0) || c.stale !== 0)
      .sort(([a], [b]) => a - b);

  it("counts every scope the same from the stored counts, from the spans and through the task list's filter", async () => {
    const { committee, directive, department, departmentUser } = busiest();
    const assignedIn2025 = sql`t.assigned_on >= '2025-01-01' AND t.assigned_on <= '2025-12-31'`;
    const scopes: Omit<TaskScope, "actor" | "basis">[] = [
      {},
      { committee },
      { department },
      { directive },
      { coordinator: department },
      { committee, department },
      { extra: assignedIn2025 },
      { committee, extra: assignedIn2025 },
    ];
    const seen = emptyStatusCounts();
    let fromStoredCounts = 0;
    for (const asOf of ["2025-06-30", addDays(TODAY, -30), TODAY, addDays(TODAY, 3)]) {
      for (const basis of STATUS_BASES) {
        for (const who of [secretariat, leadership, admin, departmentUser]) {
          // Long and synchronous: let the runner hear from this worker now and then.
          await new Promise(setImmediate);
          for (const part of scopes) {
            const scope: TaskScope = { actor: who, basis, ...part };
            const label = `${who.role} ${json(part)} as of ${asOf}, ${basis}`;
            // A condition the stored counts do not know: the spans of the scope's tasks answer.
            const bySpans: TaskScope = { ...scope, extra: scope.extra ?? sql`1 = 1` };
            const throughList = (group: SQL) => statusCountsBy(db, group, asOf, taskScopeFilter(scope), basis);
            if (rollupScopeOf(scope) !== null) fromStoredCounts++;
            const fastest = statusCountsInScope(db, scope, asOf).get(0) ?? emptyStatusCounts();
            expect(statusCountsInScope(db, bySpans, asOf).get(0) ?? emptyStatusCounts(), `spans, ${label}`).toEqual(
              fastest,
            );
            expect(throughList(sql`0`).get(0) ?? emptyStatusCounts(), `list, ${label}`).toEqual(fastest);
            for (const status of TASK_STATUSES) seen[status] += fastest[status];
            seen.stale += fastest.stale;
            // By lead department (the scorecard's rows) and by directive (the directives page).
            const byDepartment = nonZero(statusCountsInScope(db, scope, asOf, "department"));
            expect(nonZero(statusCountsInScope(db, bySpans, asOf, "department")), `spans, ${label}`).toEqual(
              byDepartment,
            );
            expect(nonZero(throughList(sql`st.lead_id`)), `list by department, ${label}`).toEqual(byDepartment);
            expect(nonZero(throughList(sql`t.directive_id`)), `list by directive, ${label}`).toEqual(
              nonZero(statusCountsInScope(db, scope, asOf, "directive")),
            );
          }
        }
      }
    }
    expect(fromStoredCounts).toBeGreaterThan(20);
    // Every status and the stale flag are met (the comparison is not vacuous).
    expect(Object.entries(seen).filter(([, n]) => n === 0)).toEqual([]);
  }, 240_000);

  it("lists the same tasks by the index walks of the spans as through the task list's filter, page by page", async () => {
    const { committee, department, departmentUser } = busiest();
    const queries: Record<string, string>[] = [
      {},
      { sort: "status", dir: "desc" },
      { sort: "deadline", dir: "desc" },
      { status: "overdue", department: String(department) },
      { status: "awaiting_confirmation" },
      { status: "due_soon" },
      { stale: "1" },
      { committee: String(committee), sort: "status" },
      { coordinator: String(department) },
      { dueFrom: addDays(TODAY, -30), dueTo: addDays(TODAY, 30) },
      { sort: "updated", dir: "desc" },
    ];
    const pages: [number, number][] = [
      [1, 25],
      [3, 25],
      [20, 50],
      [40, 50],
      [1000, 10],
    ];
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    let compared = 0;
    for (const asOf of ["2025-06-30", TODAY]) {
      for (const basis of STATUS_BASES) {
        for (const who of [leadership, departmentUser]) {
          for (const query of queries) {
            // Long and synchronous: let the runner hear from this worker now and then.
            await new Promise(setImmediate);
            const label = `${who.role} ${json(query)} as of ${asOf}, ${basis}`;
            const all = listTasks(db, who, parse(query), asOf, basis, 100_000);
            expect(all.rows.length, label).toBe(all.rowCount);
            // A filter the index walks do not know (main tasks, sub-tasks, units' tasks of an item) lists through the list's own filter.
            const levels = TASK_LEVELS.map(
              (level) => listTasks(db, who, parse({ ...query, level }), asOf, basis, 100_000).rows,
            );
            expect(
              levels.reduce((sum, rows) => sum + rows.length, 0),
              label,
            ).toBe(all.rowCount);
            for (const rows of levels) {
              const inLevel = new Set(ids(rows));
              expect(
                all.rows.filter((r) => inLevel.has(r.id)),
                label,
              ).toEqual(rows);
            }
            for (const [page, size] of pages) {
              const paged = listTasks(
                db,
                who,
                parse({ ...query, page: String(page), size: String(size) }),
                asOf,
                basis,
              );
              const offset = (paged.page - 1) * size;
              expect(paged.page, label).toBe(Math.min(page, Math.max(1, Math.ceil(all.rowCount / size))));
              expect(ids(paged.rows), `${label} page ${page} of ${size}`).toEqual(
                ids(all.rows.slice(offset, offset + size)),
              );
            }
            compared += all.rowCount;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  }, 240_000);

  it("lists on the dashboard the first tasks of the lists its figures link to, on both bases", async () => {
    const { committee, directive, department, departmentUser } = busiest();
    const filterSets: DashboardFilters[] = [{}, { committee }, { department }, { directive }, { period: "2025" }];
    /** The list a figure links to, read as the task list reads its URL (its as-of day and basis too). */
    const linked = (who: Actor, href: string, size: number) => {
      const url = new URL(href, "http://localhost");
      expect(url.pathname).toBe("/tasks");
      const { asOf, basis, ...query } = Object.fromEntries(url.searchParams);
      return listTasks(db, who, parse(query), asOf ?? TODAY, (basis ?? "happened") as StatusBasis, size);
    };
    let listed = 0;
    for (const asOf of ["2025-06-30", TODAY, addDays(TODAY, 3)]) {
      for (const basis of STATUS_BASES) {
        for (const who of [secretariat, leadership, departmentUser]) {
          for (const filters of filterSets) {
            // Long and synchronous: let the runner hear from this worker now and then.
            await new Promise(setImmediate);
            const figures = dashboardFigures(db, who, filters, asOf, asOf === TODAY, basis);
            for (const [status, rows] of [
              ["overdue", figures.overdue],
              ["due_soon", figures.dueSoon],
            ] as const) {
              const label = `${who.role} ${json(filters)} ${status} as of ${asOf}, ${basis}`;
              const list = linked(who, figures.byStatus[status].href, Math.max(1, rows.length));
              expect(list.rowCount, label).toBe(figures.counts[status]);
              expect(
                rows.map((r) => [r.id, r.dueDate, r.daysLate, r.department.id]),
                label,
              ).toEqual(list.rows.map((r) => [r.id, r.dueDate, r.daysLate, r.lead.id]).slice(0, rows.length));
              listed += rows.length;
            }
          }
        }
      }
    }
    expect(listed).toBeGreaterThan(100);
  }, 240_000);

  /** The trend's scopes: who is looking and the filters, with the source the fastest exact path reads. */
  function trendCases(): [string, Actor, DashboardFilters, TrendSource][] {
    const { committee, directive, department, departmentUser } = busiest();
    return [
      ["leadership", leadership, {}, "counts"],
      ["secretariat", secretariat, {}, "counts"],
      ["admin", admin, {}, "counts"],
      ["one committee", leadership, { committee }, "counts"],
      ["one lead department", leadership, { department }, "spans"],
      ["a committee and a department", secretariat, { committee, department }, "spans"],
      ["one directive", leadership, { directive }, "spans"],
      ["a department user", departmentUser, {}, "spans"],
      ["a department user, one committee", departmentUser, { committee }, "spans"],
      ["a period of assignment", leadership, { period: "2025" }, "spans"],
      ["a quarter, one committee", secretariat, { committee, period: "2025-Q3" }, "spans"],
      ["sub-tasks only", leadership, { level: "sub" }, "spans"],
    ];
  }
  const TREND_DAYS = [-500, -200, -30, 0, 3, 60].map((d) => addDays(TODAY, d));
  /** The counts as sorted entries, months with nothing in them left out (the stored counts may hold net zeros). */
  const normalized = (counts: TrendCounts) =>
    [...counts].filter(([, c]) => c.due + c.done_on_time + c.done_late + c.overdue !== 0).sort();

  it("counts the monthly trend the same from the stored trend counts, the spans and the task list's filter", () => {
    const seen = { due: 0, done_on_time: 0, done_late: 0, overdue: 0 };
    for (const basis of STATUS_BASES) {
      for (const [label, who, filters, fastest] of trendCases()) {
        expect(trendSource(who, filters, basis), label).toBe(fastest);
        for (const asOf of TREND_DAYS) {
          const months = trendMonths(asOf, filters.period);
          const sources: TrendSource[] = fastest === "counts" ? ["counts", "spans", "list"] : ["spans", "list"];
          const [first, ...others] = sources.map((source) =>
            normalized(trendCounts(db, who, filters, months, asOf, basis, source)),
          );
          for (const [i, other] of others.entries())
            expect(other, `${label} as of ${asOf}, ${basis}: ${sources[i + 1]}`).toEqual(first);
          for (const [, c] of first!) for (const key of Object.keys(seen) as (keyof typeof seen)[]) seen[key] += c[key];
        }
      }
    }
    // Every series is met (the comparison is not vacuous).
    expect(
      Object.values(seen).every((n) => n > 0),
      JSON.stringify(seen),
    ).toBe(true);
  }, 120_000);

  it("with other rule settings, the facts rebuilt for them equal the reference for those rules", () => {
    const other: StatusRules = { dueSoonDays: 10, staleAfterDays: 7 };
    const dueSoon = () => listTasks(db, leadership, parse({ status: "due_soon" }), TODAY).rowCount;
    const stale = () => dashboardFigures(db, leadership, {}, TODAY, true).counts.stale;
    const before = { dueSoon: dueSoon(), stale: stale() };
    rebuildTaskStatusFacts(db.$client, other);
    try {
      expect(statusRulesInForce(db)).toEqual(other);
      expect(storedFactsMismatches(db, [addDays(TODAY, -200), addDays(TODAY, -30), TODAY], other).slice(0, 5)).toEqual(
        [],
      );
      // More days count as due soon, fewer as recent: the figures and lists follow the rules in force.
      expect(dueSoon()).toBeGreaterThan(before.dueSoon);
      expect(stale()).toBeGreaterThan(before.stale);
      const { department } = busiest();
      for (const filters of [{}, { department }] as DashboardFilters[]) {
        const figures = dashboardFigures(db, leadership, filters, TODAY, false);
        const list = listTasks(
          db,
          leadership,
          parse({ ...queryOf(filters), status: "due_soon" }),
          TODAY,
          "happened",
          20,
        );
        expect(list.rowCount).toBe(figures.counts.due_soon);
        expect(figures.dueSoon.map((r) => r.id)).toEqual(list.rows.slice(0, figures.dueSoon.length).map((r) => r.id));
      }
    } finally {
      rebuildTaskStatusFacts(db.$client, rules);
    }
    expect(ensureTaskStatusFacts(db, rules)).toBe("ok");
    expect({ dueSoon: dueSoon(), stale: stale() }).toEqual(before);
  }, 120_000);

  it("rebuilds facts of an older version at the first read, also after a write meanwhile", () => {
    const cases = trendCases();
    const trends = () =>
      JSON.stringify(
        cases.flatMap(([, who, filters]) =>
          [addDays(TODAY, 5), addDays(TODAY, -200)].map((asOf) => monthlyTrend(db, who, filters, asOf, false)),
        ),
      );
    const version = () => db.get<{ v: number }>(sql`SELECT version AS v FROM task_status_meta`)!.v;
    // Facts as an older version left them (here: without the trend counts).
    db.run(sql`DELETE FROM task_status_trend_rollups`);
    db.run(sql`UPDATE task_status_meta SET version = ${STATUS_FACTS_VERSION - 1}`);
    // A write meanwhile (an overdue task cancelled on day +4) counts its own changes into
    // the stored counts, which are only a part and must not be read.
    const overdue = db.get<{ id: number; version: number }>(sql`
      SELECT t.id, t.version FROM tasks t JOIN task_status_spans s ON s.task_id = t.id
      WHERE s.status = 'overdue' AND s.to_day = ${OPEN_END} AND s.visibility = 0 AND s.basis = 0
        AND s.due_day >= ${dayNumber(addDays(TODAY, -300))} AND t.state = 'in_progress'
      ORDER BY t.id LIMIT 1`)!;
    const cancelled = changeTaskState(
      db,
      secretariat,
      overdue.id,
      overdue.version,
      { to: "cancelled", reason: "Rút nhiệm vụ" },
      origin,
      on(4),
    );
    expect(cancelled.ok).toBe(true);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM task_status_trend_rollups`)!.n).toBeGreaterThan(0);
    const first = trends();
    expect(version()).toBe(STATUS_FACTS_VERSION);
    rebuildTaskStatusFacts(db.$client, rules);
    expect(trends()).toBe(first);
    expect(ensureTaskStatusFacts(db, rules)).toBe("ok");
    expect(trendSource(leadership, {})).toBe("counts");
  }, 120_000);

  it("upgrades a database whose stored facts were built before both readings (migration 0011)", () => {
    const dir = process.env.TEST_TMP_DIR!;
    const copy = path.join(dir, `${crypto.randomUUID()}-before-0011.db`);
    db.$client.exec(`VACUUM INTO '${copy}'`);
    // The database as it was before migration 0011: no deadline changes, no recording
    // times, the triggers 0011 replaces, and facts of version 2.
    const old = openDatabase(copy, { migrate: false });
    old.$client.exec(`DROP TRIGGER task_deadline_changes_no_update; DROP TRIGGER task_deadline_changes_no_delete;
      DROP TRIGGER task_status_dirty_deadline_change_insert; DROP TABLE task_deadline_changes;
      DROP TRIGGER task_status_dirty_extension_update; DROP TRIGGER task_status_dirty_lead_update;
      ALTER TABLE extension_requests DROP COLUMN decision_recorded_at;
      ALTER TABLE task_lead_assignments DROP COLUMN recorded_at;
      ALTER TABLE task_transitions DROP COLUMN recorded_at;
      CREATE TRIGGER task_status_dirty_extension_update
      AFTER UPDATE OF task_id, state, decided_at, approved_due_date ON extension_requests
      BEGIN
        INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
        INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
      END;
      CREATE TRIGGER task_status_dirty_lead_update
      AFTER UPDATE OF task_id, department_id, from_at ON task_lead_assignments
      BEGIN
        INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (NEW.task_id);
        INSERT OR IGNORE INTO task_status_dirty (task_id) VALUES (OLD.task_id);
      END;
      UPDATE task_status_meta SET version = 2;`);
    const journal = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), "db/migrations/meta/_journal.json"), "utf8"),
    ) as { entries: { tag: string; when: number }[] };
    const from = journal.entries.findIndex((e) => e.tag.startsWith("0011_"));
    // The migrations after 0011 run again too: what they create is undone first.
    for (const { tag } of journal.entries.slice(from + 1).reverse()) {
      const text = fs.readFileSync(path.join(process.cwd(), `db/migrations/${tag}.sql`), "utf8");
      // Indexes and triggers first: a column is dropped only once nothing refers to it.
      for (const [, name] of text.matchAll(/CREATE TRIGGER (\w+)/g)) old.$client.exec(`DROP TRIGGER IF EXISTS ${name}`);
      for (const [, name] of text.matchAll(/CREATE (?:UNIQUE )?INDEX `(\w+)`/g))
        old.$client.exec(`DROP INDEX IF EXISTS ${name}`);
      for (const [, table, column] of text.matchAll(/ALTER TABLE `(\w+)` ADD `(\w+)`/g))
        old.$client.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
      for (const [, name] of text.matchAll(/CREATE (?:VIRTUAL )?TABLE `(\w+)`/g))
        old.$client.exec(`DROP TABLE IF EXISTS ${name}`);
    }
    old.$client.prepare(`DELETE FROM __drizzle_migrations WHERE created_at >= ?`).run(journal.entries[from]!.when);
    old.$client.close();
    const upgraded = openDatabase(copy);
    try {
      // The migration left the derived facts empty, of no version: the first reader rebuilds them.
      expect(upgraded.get<{ n: number }>(sql`SELECT count(*) AS n FROM task_status_spans`)!.n).toBe(0);
      const figures = JSON.stringify(dashboardFigures(upgraded, leadership, {}, TODAY, true));
      const trend = JSON.stringify(monthlyTrend(upgraded, leadership, {}, TODAY, true));
      expect(ensureTaskStatusFacts(upgraded, rules)).toBe("ok");
      expect(storedFactsMismatches(upgraded, [addDays(TODAY, -200), TODAY], rules).slice(0, 5)).toEqual([]);
      const rebuiltByReader = storedFactsSnapshot(upgraded);
      rebuildTaskStatusFacts(upgraded.$client, rules);
      expect(storedFactsSnapshot(upgraded)).toEqual(rebuiltByReader);
      expect(JSON.stringify(dashboardFigures(upgraded, leadership, {}, TODAY, true))).toBe(figures);
      expect(JSON.stringify(monthlyTrend(upgraded, leadership, {}, TODAY, true))).toBe(trend);
    } finally {
      upgraded.$client.close();
    }
  }, 120_000);
});
