// Leadership dashboards (DESIGN §6): every figure on the overview and the scorecard
// equals the row count of the task list it links to, for any as-of day and filter
// (on the demo and on a generated data set); past figures stay frozen when later
// events are recorded; bad filters are a 400/404, never a 500.
import crypto from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { endOfLocalDay, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { translator } from "../../app/lib/i18n";
import { openDatabase, writeTransaction, type AppDatabase } from "../../app/lib/db.server";
import { TASK_STATUSES } from "../../app/domain/vocabulary";
import {
  dashboardFigures,
  scorecard,
  taskListHref,
  type DashboardFilters,
  type Figure,
  type ScorecardRow,
} from "../../app/models/dashboard.server";
import { departmentQuarters } from "../../app/models/department-quarters.server";
import { mergeDepartment } from "../../app/models/departments.server";
import { ensureTaskStatusFacts, statusFactsUsable } from "../../app/models/status-facts.server";
import { reassignLead } from "../../app/models/tasks.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import type { StatusCounts } from "../../app/models/status-counts.server";
import { monthlyTrend, trendMonths } from "../../app/models/trend.server";
import { filterOptions, listTasks, taskListQuery } from "../../app/routes/tasks._index/queries.server";
import { loader as dashboardLoader } from "../../app/routes/_index/route";
import { loader as scorecardLoader } from "../../app/routes/scorecard/route";
import { loadDemoData } from "../../db/seed/demo";
import { generateLargeDatabase } from "../../db/seed/large-data";
import { freshDatabase } from "../setup/database";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

const NOW = Date.parse("2026-03-16T03:00:00Z");
const TODAY: LocalDate = "2026-03-16";
const rules = { dueSoonDays: 3, staleAfterDays: 30 };
const t = translator("vi");

const actorOf = (db: AppDatabase, where: ReturnType<typeof sql>) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE ${where} ORDER BY id LIMIT 1`)!;

/** The row count of the list a figure links to, parsed exactly as the task list parses its URL. */
function listedCount(db: AppDatabase, actor: Actor, href: string, asOf: LocalDate): number {
  const url = new URL(href, "http://localhost");
  expect(url.pathname).toBe("/tasks");
  const raw = Object.fromEntries(url.searchParams);
  const day = raw.asOf ?? asOf;
  delete raw.asOf;
  expect(day).toBe(asOf);
  return listTasks(db, actor, taskListQuery(t).parse(raw), day, rules, 1).rowCount;
}

function expectFigure(db: AppDatabase, actor: Actor, figure: Figure, asOf: LocalDate, what: string) {
  expect(listedCount(db, actor, figure.href, asOf), `${what} (${figure.href})`).toBe(figure.count);
}

/**
 * Figures that split a whole (by status, or by month): the whole and every non-zero
 * part are checked against their lists, and the parts must add up to the whole. As the
 * parts' lists split the whole's list, the lists of the zero parts are then empty too —
 * without a query each (the trend alone has 48 figures per view).
 */
function expectPartition(db: AppDatabase, actor: Actor, whole: Figure, parts: Figure[], asOf: LocalDate, what: string) {
  expectFigure(db, actor, whole, asOf, what);
  expect(
    parts.reduce((sum, part) => sum + part.count, 0),
    `${what}: the parts add up to the whole`,
  ).toBe(whole.count);
  for (const part of parts) if (part.count > 0) expectFigure(db, actor, part, asOf, what);
}

/**
 * Checks every overview figure — counts, the monthly trend, the directives' main tasks
 * and sub-tasks by status — and (a sample of) the scorecard's against their lists.
 */
function checkAgreement(
  db: AppDatabase,
  actor: Actor,
  filters: DashboardFilters,
  asOf: LocalDate,
  options: { isToday?: boolean; sampleDepartments?: number; sampleDirectives?: number } = {},
) {
  const isToday = options.isToday ?? false;
  const label = `${JSON.stringify(filters)} as of ${asOf}`;
  const figures = dashboardFigures(db, actor, filters, asOf, isToday, rules);
  for (const [status, figure] of Object.entries(figures.byStatus)) {
    expectFigure(db, actor, figure, asOf, `${status} ${label}`);
  }
  expectFigure(db, actor, figures.total, asOf, `total ${label}`);
  expectFigure(db, actor, figures.stale, asOf, `stale ${label}`);

  const trend = monthlyTrend(db, actor, filters, asOf, isToday, rules);
  expect(trend.map((m) => m.month)).toEqual(trendMonths(asOf, filters.period).map((m) => m.key));
  const range = { dueFrom: trend[0]!.from, dueTo: trend[trend.length - 1]!.to };
  const statusOf = { due: undefined, doneOnTime: "done_on_time", doneLate: "done_late", overdue: "overdue" } as const;
  for (const series of ["due", "doneOnTime", "doneLate", "overdue"] as const) {
    const months = trend.map((m) => m.figures[series]);
    const whole = {
      count: months.reduce((sum, m) => sum + m.count, 0),
      href: taskListHref({ ...filters, ...range, status: statusOf[series] }, asOf, isToday),
    };
    expectPartition(db, actor, whole, months, asOf, `trend ${series} ${label}`);
  }
  for (const { figures: m } of trend) {
    expect(m.doneOnTime.count + m.doneLate.count + m.overdue.count).toBeLessThanOrEqual(m.due.count);
  }

  const progress = directiveProgressByLevel(db, actor, filters, asOf, isToday, rules, Number.MAX_SAFE_INTEGER);
  // Main tasks and sub-tasks of the directives together are the overview's tasks.
  const levelTotal = (counts: StatusCounts | null) =>
    counts === null ? 0 : TASK_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  expect(
    progress.reduce((sum, d) => sum + levelTotal(d.top) + levelTotal(d.sub), 0),
    `levels ${label}`,
  ).toBe(figures.total.count);
  const directives = options.sampleDirectives === undefined ? progress : progress.slice(0, options.sampleDirectives);
  for (const d of directives) {
    for (const level of ["top", "sub"] as const) {
      const counts = level === "top" ? d.top : d.sub;
      if (counts === null) continue;
      expectPartition(
        db,
        actor,
        { count: levelTotal(counts), href: d.links[level].all },
        TASK_STATUSES.map((status) => ({ count: counts[status], href: d.links[level][status] })),
        asOf,
        `directive ${d.id} ${level} ${label}`,
      );
    }
  }
  expect(figures.overdue.length).toBe(Math.min(20, figures.byStatus.overdue.count));
  expect(figures.dueSoon.length).toBe(Math.min(20, figures.byStatus.due_soon.count));
  const daysLate = figures.overdue.map((r) => r.daysLate);
  expect(daysLate).toEqual([...daysLate].sort((a, b) => b - a));

  const { department: _ignored, ...scope } = filters;
  const rows = scorecard(db, actor, scope, asOf, isToday, rules);
  // The scorecard partitions the same tasks by lead department.
  const unscoped = dashboardFigures(db, actor, scope, asOf, isToday, rules);
  expect(
    rows.reduce((sum, r) => sum + r.figures.assigned.count, 0),
    `assigned ${label}`,
  ).toBe(unscoped.total.count);
  expect(rows.reduce((sum, r) => sum + r.figures.overdue.count, 0)).toBe(unscoped.byStatus.overdue.count);
  expect(rows.every((r) => r.figures.assigned.count > 0)).toBe(true);
  const sample = options.sampleDepartments === undefined ? rows : rows.slice(0, options.sampleDepartments);
  for (const row of sample) {
    for (const [column, figure] of Object.entries(row.figures)) {
      expectFigure(db, actor, figure, asOf, `${row.department.name} ${column} ${label}`);
    }
  }
  return { figures, rows };
}

describe("dashboard and scorecard figures on the demo", () => {
  let db: AppDatabase;
  let chair: Actor;
  let secretariat: Actor;
  let stttt: Actor;
  let seedDirective: number;
  let committee: number;

  beforeAll(async () => {
    db = freshDatabase();
    await loadDemoData(db, { now: NOW });
    chair = actorOf(db, sql`login = 'lanhdao'`);
    secretariat = actorOf(db, sql`login = 'vanphong'`);
    stttt = actorOf(db, sql`login = 'stttt.truong'`);
    seedDirective = db.get<{ id: number }>(sql`SELECT id FROM directives ORDER BY issued_on, id LIMIT 1`)!.id;
    committee = db.get<{ id: number }>(sql`SELECT committee_id AS id FROM directives WHERE id = ${seedDirective}`)!.id;
  });

  it("equal the counts of the lists they link to, for every as-of day and filter", () => {
    const department = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
    for (const asOf of ["2019-12-31", "2020-03-31", "2020-07-01", TODAY]) {
      for (const filters of [{}, { directive: seedDirective }, { committee }, { department }] as DashboardFilters[]) {
        for (const actor of [chair, secretariat, stttt]) checkAgreement(db, actor, filters, asOf);
      }
    }
    // Tasks assigned in a year, a quarter, a month — alone or with another filter.
    const periods: DashboardFilters[] = [
      { period: "2019" },
      { period: "2019-Q3" },
      { period: "2019-09", directive: seedDirective },
      { period: "2026" },
      { period: "2026-Q3", committee },
      { period: "2020" },
    ];
    for (const asOf of ["2019-12-31", TODAY]) {
      for (const filters of periods) {
        for (const actor of [chair, stttt]) checkAgreement(db, actor, filters, asOf, { sampleDepartments: 3 });
      }
    }
    // Today's links carry no asOf: the list defaults to today too.
    checkAgreement(db, chair, {}, TODAY, { isToday: true });
  }, 120_000);

  it("summarizes the seed directive's ten tasks", () => {
    for (const asOf of ["2019-12-31", TODAY]) {
      const { figures } = checkAgreement(db, chair, { directive: seedDirective }, asOf);
      const topLevel = db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM tasks WHERE directive_id = ${seedDirective} AND parent_id IS NULL`,
      )!.n;
      expect(topLevel).toBe(10);
      expect(figures.total.count).toBeGreaterThanOrEqual(10);
    }
    const late = dashboardFigures(db, chair, { directive: seedDirective }, TODAY, false, rules);
    expect(late.counts.done_late).toBeGreaterThan(0);
    const then = dashboardFigures(db, chair, { directive: seedDirective }, "2019-12-31", false, rules);
    expect(then.counts.done_late).toBe(0);
    expect(then.targets.length).toBeGreaterThan(0);
  });

  it("ranks by on-time rate, then fewer overdue, and sorts by any column", () => {
    const rows = scorecard(db, chair, {}, TODAY, false, rules);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.rank).toBeLessThanOrEqual(b.rank);
      const ra = a.onTimeRate ?? -1;
      const rb = b.onTimeRate ?? -1;
      expect(ra > rb || (ra === rb && a.figures.overdue.count <= b.figures.overdue.count)).toBe(true);
    }
    const byOverdue = scorecard(db, chair, {}, TODAY, false, rules, "overdue", "desc").map(
      (r) => r.figures.overdue.count,
    );
    expect(byOverdue).toEqual([...byOverdue].sort((a, b) => b - a));
  });

  it("a department user's scorecard counts only the tasks it may see", () => {
    const rows = scorecard(db, stttt, {}, TODAY, false, rules);
    const visible = listTasks(db, stttt, taskListQuery(t).parse({}), TODAY, rules, 1).rowCount;
    const all = listTasks(db, secretariat, taskListQuery(t).parse({}), TODAY, rules, 1).rowCount;
    expect(rows.reduce((sum, r) => sum + r.figures.assigned.count, 0)).toBe(visible);
    expect(visible).toBeLessThan(all);
    checkAgreement(db, stttt, {}, TODAY);
  });

  it("keeps a past quarter's figures when later events are recorded", () => {
    const snapshot = () =>
      JSON.stringify([
        dashboardFigures(db, secretariat, {}, "2019-12-31", false, rules),
        scorecard(db, secretariat, {}, "2019-12-31", false, rules),
        dashboardFigures(db, chair, { directive: seedDirective }, "2020-03-31", false, rules),
        scorecard(db, chair, { committee }, "2020-03-31", false, rules),
      ]);
    const before = snapshot();
    const later = endOfLocalDay("2020-04-01") + 3600_000;
    const tasks = db.all<{ id: number; lead: number; due: string | null }>(sql`
      SELECT id, lead_department_id AS lead, current_due_date AS due FROM tasks
      WHERE directive_id = ${seedDirective} ORDER BY id LIMIT 4`);
    for (const [i, task] of tasks.entries()) {
      const at = later + i * 1000;
      db.run(sql`INSERT INTO progress_reports (task_id, department_id, as_of_date, percent, result, created_at)
        VALUES (${task.id}, ${task.lead}, '2020-04-02', 50, 'later report', ${at})`);
      db.run(sql`INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, completion_date)
        VALUES (${task.id}, NULL, ${i % 2 === 0 ? "done" : "awaiting_confirmation"}, ${at}, '2019-10-01')`);
      db.run(sql`INSERT INTO extension_requests (task_id, department_id, current_due_date, proposed_due_date, reason,
          state, decided_by, decided_at, decision_note, approved_due_date, created_at)
        VALUES (${task.id}, ${task.lead}, ${task.due ?? "2019-12-31"}, '2030-12-31', 'later',
          ${i % 2 === 0 ? "approved" : "rejected"}, ${secretariat.id}, ${at}, 'later decision', ${i % 2 === 0 ? "2030-12-31" : null}, ${at})`);
    }
    expect(snapshot()).toBe(before);
    // …while today's figures do see them.
    expect(JSON.stringify(dashboardFigures(db, secretariat, {}, "2020-04-02", false, rules))).not.toBe(
      JSON.stringify(dashboardFigures(db, secretariat, {}, "2020-04-01", false, rules)),
    );
  });
});

describe("figures per department after re-assignments", () => {
  it("a past quarter keeps each task with the department that led it then; today's figures follow the new lead", async () => {
    const db = freshDatabase();
    await loadDemoData(db, { now: NOW });
    ensureTaskStatusFacts(db, rules); // as at start-up: the stored facts answer first, history last
    const chair = actorOf(db, sql`login = 'lanhdao'`);
    const secretariat = actorOf(db, sql`login = 'vanphong'`);
    const admin = actorOf(db, sql`login = 'admin'`);
    const department = (code: string) =>
      db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = ${code}`)!.id;
    const [stttt, snv] = [department("STTTT"), department("SNV")];
    const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "reassign" };
    const PAST: LocalDate = "2020-03-31";
    const row = (rows: ScorecardRow[], id: number) => rows.find((r) => r.department.id === id)?.figures;
    const snapshot = () =>
      JSON.stringify([
        scorecard(db, chair, {}, "2019-12-31", false, rules),
        scorecard(db, chair, {}, PAST, false, rules),
        dashboardFigures(db, chair, { department: stttt }, PAST, false, rules),
        departmentQuarters(db, chair, stttt, rules, TODAY).filter((q) => q.asOf <= PAST),
      ]);
    const before = snapshot();
    const todayBefore = scorecard(db, chair, {}, TODAY, false, rules);

    // Today the secretariat moves two of STTTT's open tasks that it already led in that quarter to SNV…
    const moved = db.all<{ id: number; version: number }>(sql`
      SELECT t.id, t.version FROM tasks t
      WHERE t.lead_department_id = ${stttt} AND t.state IN ('open', 'in_progress')
        AND t.created_at < ${endOfLocalDay(PAST)} ORDER BY t.id LIMIT 2`);
    expect(moved).toHaveLength(2);
    for (const task of moved) {
      const result = reassignLead(
        db,
        secretariat,
        task.id,
        task.version,
        { departmentId: snv, reason: "Điều chỉnh chức năng" },
        origin,
        NOW,
      );
      expect(result.ok).toBe(true);
    }
    expect(statusFactsUsable(db, rules)).toBe(true);
    expect(snapshot()).toBe(before);
    const todayAfter = scorecard(db, chair, {}, TODAY, false, rules);
    expect(row(todayAfter, stttt)!.assigned.count).toBe(row(todayBefore, stttt)!.assigned.count - 2);
    expect(row(todayAfter, snv)?.assigned.count ?? 0).toBe((row(todayBefore, snv)?.assigned.count ?? 0) + 2);

    // …and the administrator merges STTTT into SNV: its open tasks move, its past stays its own.
    const merged = mergeDepartment(
      db,
      admin,
      { departmentId: stttt, successorId: snv, reason: "Sáp nhập" },
      origin,
      NOW,
    );
    expect(merged.ok, JSON.stringify(merged)).toBe(true);
    expect(snapshot()).toBe(before);
    // The merged department is no longer offered, but stays in the menu of a list that names it.
    const offered = (chosen: number[]) => filterOptions(db, chair, undefined, chosen).departments.map((d) => d.id);
    expect(offered([])).not.toContain(stttt);
    expect(offered([stttt])).toContain(stttt);
    // Every past figure still equals its list, which now also filters by the lead of that day.
    for (const asOf of ["2019-12-31", PAST]) {
      for (const filters of [{}, { department: stttt }, { department: snv }] as DashboardFilters[]) {
        checkAgreement(db, chair, filters, asOf);
      }
    }
    // From history (stored facts set aside) the same.
    db.run(sql`INSERT INTO task_status_dirty (task_id) SELECT min(id) FROM tasks`);
    expect(statusFactsUsable(db, rules)).toBe(false);
    expect(snapshot()).toBe(before);

    // A task written outside the app without a lead assignment counts for its lead column,
    // in the figures and in their lists alike, from history and from the stored facts.
    const directive = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE state = 'issued' LIMIT 1`)!.id;
    db.run(sql`INSERT INTO tasks (directive_id, item_number, title, lead_department_id, deadline_kind,
        original_due_date, current_due_date, assigned_on, created_at, updated_at)
      VALUES (${directive}, '98', 'Nhiệm vụ nhập thẳng', ${snv}, 'dated', '2026-01-31', '2026-01-31', '2026-01-02',
        ${NOW - 86_400_000}, ${NOW - 86_400_000})`);
    const figures = () => dashboardFigures(db, chair, { department: snv }, TODAY, false, rules).counts.overdue;
    const fromHistory = figures();
    checkAgreement(db, chair, { department: snv }, TODAY);
    writeTransaction(db, () => undefined); // the app's next write counts it
    expect(statusFactsUsable(db, rules)).toBe(true);
    expect(figures()).toBe(fromHistory);
    checkAgreement(db, chair, { department: snv }, TODAY);
  });
});

describe("dashboard and scorecard figures on a generated data set", () => {
  let db: AppDatabase;
  let secretariat: Actor;
  let deptUser: Actor;

  beforeAll(async () => {
    const dir = process.env.TEST_TMP_DIR;
    if (!dir) throw new Error("tests/setup/global-setup.ts did not run");
    const out = path.join(dir, `${crypto.randomUUID()}-dashboard.db`);
    await generateLargeDatabase({ tasks: 3000, seed: 11, out, today: TODAY, force: true });
    db = openDatabase(out);
    secretariat = actorOf(db, sql`role = 'secretariat'`);
    deptUser = actorOf(db, sql`role = 'dept_lead'`);
  }, 120_000);

  it("equal the counts of the lists they link to", () => {
    const directive = db.get<{ id: number }>(
      sql`SELECT directive_id AS id FROM tasks GROUP BY directive_id ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    const committee = db.get<{ id: number }>(
      sql`SELECT committee_id AS id FROM directives WHERE id = ${directive}`,
    )!.id;
    const department = db.get<{ id: number }>(
      sql`SELECT lead_department_id AS id FROM tasks GROUP BY lead_department_id ORDER BY count(*) DESC LIMIT 1`,
    )!.id;
    // The busiest year, quarter and month of assignment, as periods.
    const busiest = (length: number) =>
      db.get<{ key: string }>(sql`SELECT substr(assigned_on, 1, ${length}) AS key FROM tasks
        GROUP BY key ORDER BY count(*) DESC LIMIT 1`)!.key;
    const year = busiest(4);
    const month = busiest(7);
    const quarter = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    const periods: DashboardFilters[] = [
      { period: year },
      { period: quarter, committee },
      { period: month, department },
    ];
    for (const asOf of ["2024-06-30", "2025-12-31", TODAY]) {
      for (const filters of [{}, { committee }, { directive }, { department }, ...periods] as DashboardFilters[]) {
        checkAgreement(db, secretariat, filters, asOf, { sampleDepartments: 6, sampleDirectives: 4 });
      }
    }
    checkAgreement(db, deptUser, {}, TODAY, { sampleDirectives: 4 });
    checkAgreement(db, deptUser, { period: year }, TODAY, { sampleDirectives: 4 });
    // A period narrows the tasks to those assigned in it, and nothing else.
    const inYear = dashboardFigures(db, secretariat, { period: year }, TODAY, false, rules).total.count;
    const assignedInYear = db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM tasks t WHERE t.assigned_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
        AND t.created_at < ${endOfLocalDay(TODAY)}`)!.n;
    expect(inYear).toBe(assignedInYear);
    expect(inYear).toBeGreaterThan(0);
  }, 120_000);
});

describe("dashboard and scorecard routes", () => {
  beforeAll(async () => {
    await useFreshDemoDatabase();
  });

  it("answer a malformed as-of day or filter with a translated 400, an unknown or hidden id with a 404", async () => {
    const chair = await sessionFor("lanhdao");
    for (const loader of [dashboardLoader, scorecardLoader]) {
      for (const path of ["/?asOf=32/13/2019", "/?committee=abc", "/?directive=1x", "/?sort=nope"]) {
        if (loader === dashboardLoader && path.includes("sort")) continue;
        const outcome = await callRoute(loader, { path, token: chair });
        expect(outcome.status, path).toBe(400);
        expect(JSON.stringify(outcome.body)).toMatch(/không hợp lệ/);
      }
      for (const path of ["/?committee=999999", "/?directive=999999"]) {
        expect((await callRoute(loader, { path, token: chair })).status, path).toBe(404);
      }
    }
    expect((await callRoute(dashboardLoader, { path: "/?department=abc", token: chair })).status).toBe(400);
    expect((await callRoute(dashboardLoader, { path: "/?department=999999", token: chair })).status).toBe(404);

    // A directive the department may not see is as unknown as a missing one.
    const officer = await sessionFor("sgddt.truong");
    const { getDb } = await import("../../app/lib/db.server");
    const department = getDb().get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'SGDDT'`)!.id;
    const hidden = getDb().get<{ id: number }>(sql`
      SELECT d.id FROM directives d WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.directive_id = d.id
        AND (t.lead_department_id = ${department}
          OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${department})))
      LIMIT 1`)!.id;
    expect((await callRoute(dashboardLoader, { path: `/?directive=${hidden}`, token: officer })).status).toBe(404);
    expect((await callRoute(scorecardLoader, { path: `/scorecard?directive=${hidden}`, token: officer })).status).toBe(
      404,
    );
  });

  it("serve the figures for a past day, sorted as asked", async () => {
    const chair = await sessionFor("lanhdao");
    const outcome = await callRoute(scorecardLoader, {
      path: "/scorecard?asOf=31/12/2019&sort=overdue&dir=desc",
      token: chair,
    });
    expect(outcome.status).toBe(200);
    const body = outcome.body as { asOf: string; rows: { figures: { overdue: Figure } }[] };
    expect(body.asOf).toBe("2019-12-31");
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows[0]!.figures.overdue.href).toContain("asOf=2019-12-31");
    const dash = await callRoute(dashboardLoader, { path: "/?asOf=2019-12-31", token: chair });
    expect(dash.status).toBe(200);
  });
});
