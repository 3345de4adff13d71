// The stored status facts (docs/decisions/014) on a large randomized history: a
// generated data set (completions on time and late, extensions decided before and
// after their due dates, returns, holds, cancellations), then writes through the
// app's own functions on later days — lead re-assignments, a department merge,
// holds, resumptions and cancellations, extension decisions, progress reports —
// and writes made outside the app (a directive made confidential, a draft issued,
// a back-dated transition), caught by the triggers and refreshed by the next write.
//
// After all of it, for as-of days before, on and after the writes:
// - every task's stored span and every stored count equal the reference rules;
// - what the writes maintained equals a rebuild from history;
// - every dashboard, scorecard and task-list figure is the same from the stored
//   facts as computed from history (the exact slow path);
// - the dashboard's monthly trend is the same from the stored trend counts, from
//   the spans and from history, for every scope and several as-of days, also for
//   facts built before the trend counts existed (until start-up rebuilds them).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, startOfLocalDay, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { DEFAULT_STATUS_RULES } from "../../app/domain/status";
import { dayNumber, OPEN_END } from "../../app/domain/status-spans";
import { openDatabase, writeTransaction, type AppDatabase } from "../../app/lib/db.server";
import { translator } from "../../app/lib/i18n";
import type { RequestOrigin } from "../../app/models/audit.server";
import {
  dashboardFigures,
  directiveProgress,
  scorecard,
  type DashboardFilters,
} from "../../app/models/dashboard.server";
import { mergeDepartment } from "../../app/models/departments.server";
import {
  ensureTaskStatusFacts,
  rebuildTaskStatusFacts,
  STATUS_FACTS_VERSION,
  statusFactsUsable,
} from "../../app/models/status-facts.server";
import { statusCountsInScope } from "../../app/models/status-counts.server";
import { decideExtension, submitProgressReport } from "../../app/models/task-progress.server";
import { changeTaskState, reassignLead } from "../../app/models/tasks.server";
import {
  monthlyTrend,
  trendCounts,
  trendMonths,
  trendSource,
  type TrendCounts,
  type TrendSource,
} from "../../app/models/trend.server";
import { listTasks, taskListQuery } from "../../app/routes/tasks._index/queries.server";
import { generateLargeDatabase } from "../../db/seed/large-data";
import { storedFactsMismatches, storedFactsSnapshot } from "../setup/status-facts-check";

const TODAY: LocalDate = "2026-03-16";
const rules = DEFAULT_STATUS_RULES;
const origin: RequestOrigin = { ipAddress: null, userAgent: "test", requestId: null };
const t = translator("vi");
/** 10:00 in Hanoi, `days` after TODAY. */
const on = (days: number) => startOfLocalDay(addDays(TODAY, days)) + 10 * 3_600_000;
const AS_OF_DAYS: LocalDate[] = [-500, -200, -90, -30, -1, 0, 1, 2, 3, 10, 60].map((d) => addDays(TODAY, d));

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

  beforeAll(async () => {
    const dir = process.env.TEST_TMP_DIR;
    if (!dir) throw new Error("tests/setup/global-setup.ts did not run");
    const out = path.join(dir, `${crypto.randomUUID()}-rollups.db`);
    await generateLargeDatabase({ tasks: 2500, seed: 23, out, today: TODAY });
    db = openDatabase(out);
    secretariat = actor(sql`role = 'secretariat'`);
    leadership = actor(sql`role = 'leadership'`);
    admin = actor(sql`role = 'admin'`);
    expect(statusFactsUsable(db, rules)).toBe(true);

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
    expect(statusFactsUsable(db, rules)).toBe(true);
  });

  it("falls back to history while a write made outside the app is not yet counted, then counts it", () => {
    const confidential = db.get<{ id: number }>(sql`
      SELECT id FROM directives WHERE state <> 'draft' AND confidential = 0 ORDER BY id DESC LIMIT 1`)!.id;
    const draft = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE state = 'draft' ORDER BY id LIMIT 1`);
    const victim = db.get<{ id: number }>(
      sql`SELECT id FROM tasks WHERE state = 'in_progress' ORDER BY id DESC LIMIT 1`,
    )!.id;
    db.run(sql`UPDATE directives SET confidential = 1 WHERE id = ${confidential}`);
    if (draft) {
      db.run(
        sql`UPDATE directives SET state = 'issued', number = 'TEST/1', issued_on = ${TODAY} WHERE id = ${draft.id}`,
      );
    }
    // Withdrawn, recorded as of 200 days ago (a correction entered late).
    db.run(sql`INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, reason)
      VALUES (${victim}, 'in_progress', 'cancelled', ${on(-200)}, 'Rút nhiệm vụ')`);
    expect(statusFactsUsable(db, rules)).toBe(false);
    expect(storedFactsMismatches(db, [addDays(TODAY, -100)], rules).length).toBeGreaterThan(0);
    writeTransaction(db, () => undefined); // the next write of the app
    expect(statusFactsUsable(db, rules)).toBe(true);
  });

  it("every span and every stored count equal the reference rules, before, on and after the writes", () => {
    expect(storedFactsMismatches(db, AS_OF_DAYS, rules).slice(0, 5)).toEqual([]);
  }, 120_000);

  it("what the writes maintained equals a rebuild from history", () => {
    const maintained = storedFactsSnapshot(db);
    rebuildTaskStatusFacts(db.$client, rules);
    expect(storedFactsSnapshot(db)).toEqual(maintained);
  }, 60_000);

  it("dashboard, scorecard and task list figures are the same from the stored facts and from history", () => {
    const committee = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
    const directive = db.get<{ id: number }>(
      sql`SELECT directive_id AS id FROM tasks GROUP BY directive_id ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const department = db.get<{ id: number }>(
      sql`SELECT lead_department_id AS id FROM tasks GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const departmentUser = actor(sql`role = 'dept_lead' AND department_id = ${department}`);
    const assignedIn2025 = sql`t.assigned_on >= '2025-01-01' AND t.assigned_on <= '2025-12-31'`;
    const filterSets: DashboardFilters[] = [
      {},
      { committee },
      { department },
      { directive },
      { committee, department },
    ];
    const queries: Record<string, string>[] = [
      {},
      { sort: "status", dir: "desc" },
      { sort: "deadline", dir: "desc", page: "3", size: "25" },
      { page: "1000" },
      // Pages in the second half, walked from the far end.
      { page: "40" },
      { sort: "status", dir: "desc", page: "33", size: "50" },
      { sort: "status", page: "20", size: "100" },
      { status: "overdue", department: String(department) },
      { stale: "1" },
      { committee: String(committee), sort: "status" },
      { coordinator: String(department), size: "10", page: "2" },
      { dueFrom: addDays(TODAY, -30), dueTo: addDays(TODAY, 30) },
      { sort: "updated", dir: "desc" },
    ];
    const figures = () =>
      JSON.stringify(
        ["2025-06-30", TODAY, addDays(TODAY, 3)].flatMap((asOf) => [
          ...[secretariat, leadership, admin, departmentUser].flatMap((who) =>
            filterSets.map((filters) => dashboardFigures(db, who, filters, asOf, false, rules)),
          ),
          directiveProgress(db, leadership, {}, asOf, rules),
          // A filter the fast paths do not know (the period of assignment): spans of the tasks meeting it.
          dashboardFigures(db, leadership, { period: "2025" }, asOf, false, rules),
          ...[leadership, departmentUser].flatMap((who) =>
            (["none", "department", "directive"] as const).map((groupBy) =>
              Object.fromEntries(
                statusCountsInScope(db, { actor: who, committee, extra: assignedIn2025 }, asOf, rules, groupBy),
              ),
            ),
          ),
          ...[secretariat, leadership, departmentUser].flatMap((who) =>
            [...filterSets, { period: "2025" }].map((filters) => monthlyTrend(db, who, filters, asOf, false, rules)),
          ),
          scorecard(db, leadership, {}, asOf, false, rules),
          scorecard(db, secretariat, { committee }, asOf, false, rules, "overdue", "desc"),
          scorecard(db, departmentUser, {}, asOf, false, rules),
          ...[leadership, departmentUser].flatMap((who) =>
            queries.map((query) => listTasks(db, who, taskListQuery(t).parse(query), asOf, rules)),
          ),
        ]),
      );
    expect(statusFactsUsable(db, rules)).toBe(true);
    const stored = figures();
    // A mark left by a write outside the app makes every reader compute from history.
    const taskId = db.get<{ id: number }>(sql`SELECT id FROM tasks ORDER BY id LIMIT 1`)!.id;
    db.run(sql`INSERT INTO task_status_dirty (task_id) VALUES (${taskId})`);
    expect(statusFactsUsable(db, rules)).toBe(false);
    const fromHistory = figures();
    db.run(sql`DELETE FROM task_status_dirty`);
    expect(stored).toBe(fromHistory);
    expect(stored).toContain('"overdue":{"count":');
  }, 240_000);
  /** The trend's scopes: who is looking and the filters, with the source the fastest exact path reads. */
  function trendCases(): [string, Actor, DashboardFilters, TrendSource][] {
    const committee = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
    const department = db.get<{ id: number }>(
      sql`SELECT lead_department_id AS id FROM tasks GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const directive = db.get<{ id: number }>(
      sql`SELECT directive_id AS id FROM tasks GROUP BY directive_id ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const departmentUser = actor(sql`role = 'dept_lead' AND department_id = ${department}`);
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

  it("counts the monthly trend the same from the stored trend counts, the spans and history", () => {
    expect(statusFactsUsable(db, rules)).toBe(true);
    const seen = { due: 0, done_on_time: 0, done_late: 0, overdue: 0 };
    for (const [label, who, filters, fastest] of trendCases()) {
      expect(trendSource(db, who, filters, rules), label).toBe(fastest);
      for (const asOf of TREND_DAYS) {
        const months = trendMonths(asOf, filters.period);
        const sources: TrendSource[] = fastest === "counts" ? ["counts", "spans", "history"] : ["spans", "history"];
        const [first, ...others] = sources.map((source) =>
          normalized(trendCounts(db, who, filters, months, asOf, rules, source)),
        );
        for (const [i, other] of others.entries())
          expect(other, `${label} as of ${asOf}: ${sources[i + 1]}`).toEqual(first);
        for (const [, c] of first!) for (const key of Object.keys(seen) as (keyof typeof seen)[]) seen[key] += c[key];
      }
    }
    // Every series is met (the comparison is not vacuous).
    expect(
      Object.values(seen).every((n) => n > 0),
      JSON.stringify(seen),
    ).toBe(true);
  }, 120_000);

  it("computes from history until facts of an older version are rebuilt at start-up", () => {
    const cases = trendCases();
    const trends = () =>
      JSON.stringify(
        cases.flatMap(([, who, filters]) =>
          [addDays(TODAY, 5), addDays(TODAY, -200)].map((asOf) => monthlyTrend(db, who, filters, asOf, false, rules)),
        ),
      );
    /** The same computed from history (a mark makes every reader fall back to it). */
    const fromHistory = () => {
      db.run(sql`INSERT INTO task_status_dirty (task_id) SELECT min(id) FROM tasks`);
      try {
        expect(statusFactsUsable(db, rules)).toBe(false);
        return trends();
      } finally {
        db.run(sql`DELETE FROM task_status_dirty`);
      }
    };
    // Facts as an older version left them (here: without the trend counts).
    db.run(sql`DELETE FROM task_status_trend_rollups`);
    db.run(sql`UPDATE task_status_meta SET version = ${STATUS_FACTS_VERSION - 1}`);
    expect(statusFactsUsable(db, rules)).toBe(false);
    for (const [label, who, filters] of cases) expect(trendSource(db, who, filters, rules), label).toBe("history");
    // A write meanwhile (an overdue task cancelled on day +4) counts its own changes into
    // the stored counts, which are only a part and must not be read.
    const overdue = db.get<{ id: number; version: number }>(sql`
      SELECT t.id, t.version FROM tasks t JOIN task_status_spans s ON s.task_id = t.id
      WHERE s.status = 'overdue' AND s.to_day = ${OPEN_END} AND s.visibility = 0
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
    const expected = fromHistory();
    expect(trends()).toBe(expected);
    expect(ensureTaskStatusFacts(db, rules)).toBe("rebuilt");
    expect(statusFactsUsable(db, rules)).toBe(true);
    expect(trendSource(db, leadership, {}, rules)).toBe("counts");
    expect(trends()).toBe(expected);
    expect(ensureTaskStatusFacts(db, rules)).toBe("ok");
  }, 120_000);

  it("upgrades a database whose stored facts were built before the trend counts and the leads per span (migrations 0008, 0009)", () => {
    const dir = process.env.TEST_TMP_DIR!;
    const copy = path.join(dir, `${crypto.randomUUID()}-before-trend.db`);
    db.$client.exec(`VACUUM INTO '${copy}'`);
    // The database as it was before migration 0008: no trend table, no version, no
    // triggers on the leads, spans with the current lead, and none of the later changes.
    const old = openDatabase(copy, { migrate: false });
    old.$client.exec(`DROP TABLE task_status_trend_rollups; ALTER TABLE task_status_meta DROP COLUMN version;
      DROP TRIGGER task_status_dirty_lead_insert; DROP TRIGGER task_status_dirty_lead_update;
      DROP TRIGGER task_status_dirty_lead_delete; ALTER TABLE users DROP COLUMN locale;
      UPDATE task_status_spans SET lead_department_id =
        (SELECT lead_department_id FROM tasks WHERE tasks.id = task_status_spans.task_id);`);
    const journal = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), "db/migrations/meta/_journal.json"), "utf8"),
    ) as { entries: { tag: string; when: number }[] };
    const from = journal.entries.find((e) => e.tag.startsWith("0008_"))!.when;
    old.$client.prepare(`DELETE FROM __drizzle_migrations WHERE created_at >= ?`).run(from);
    old.$client.close();
    const upgraded = openDatabase(copy);
    try {
      expect(statusFactsUsable(upgraded, rules)).toBe(false);
      expect(trendSource(upgraded, leadership, {}, rules)).toBe("history");
      const before = JSON.stringify(monthlyTrend(upgraded, leadership, {}, TODAY, false, rules));
      expect(before).toBe(JSON.stringify(monthlyTrend(db, leadership, {}, TODAY, false, rules)));
      expect(ensureTaskStatusFacts(upgraded, rules)).toBe("rebuilt");
      expect(statusFactsUsable(upgraded, rules)).toBe(true);
      expect(JSON.stringify(monthlyTrend(upgraded, leadership, {}, TODAY, false, rules))).toBe(before);
      expect(storedFactsSnapshot(upgraded)).toEqual(storedFactsSnapshot(db));
    } finally {
      upgraded.$client.close();
    }
  }, 120_000);
});
