// Query plans of the hot queries on a large database (db/seed/large-data.ts,
// ANALYZEd so the planner has statistics): none may scan a big table
// (tasks, task_transitions, progress_reports, extension_requests, the stored
// status spans and counts) from end to end. The statements are the real ones:
// each query is run through the app's own function while better-sqlite3's
// `prepare` is watched, and then explained with the same parameters.
//
// With the stored status facts (docs/decisions/014) the dashboards read a few
// hundred rows of counts, and list pages walk an index of the spans in the
// page's order and stop at the page (LIMIT): such an ordered walk is the one
// `SCAN` allowed, on the spans' order indexes, in a statement with a LIMIT.
import crypto from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions";
import { DEFAULT_STATUS_RULES } from "../../app/domain/status";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { search } from "../../app/models/search.server";
import { userForSessionToken } from "../../app/models/sessions.server";
import { confirmationBacklog, dashboardFigures, scorecard } from "../../app/models/dashboard.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import { statusRulesInForce } from "../../app/models/status-facts.server";
import { statusCountsBy, statusCountsInScope } from "../../app/models/status-counts.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { listDepartments } from "../../app/routes/departments._index/queries.server";
import { listTasks } from "../../app/models/task-list.server";
import { monthlyTrend } from "../../app/models/trend.server";
import { forgetStatements } from "../../app/models/sql-rows.server";
import { generateLargeDatabase } from "../../db/seed/large-data";

const TODAY = "2026-03-16";
const TASKS = 20_000;

/** Names (tables and the aliases the queries give them) that must never be scanned whole. */
const BIG_TABLES: Record<string, readonly string[]> = {
  tasks: ["tasks", "t", "vt"],
  task_transitions: ["task_transitions", "tr", "x"],
  progress_reports: ["progress_reports", "pr", "r"],
  extension_requests: ["extension_requests", "e"],
  task_status_spans: ["task_status_spans", "s"],
  task_status_rollups: ["task_status_rollups"],
  task_status_trend_rollups: ["task_status_trend_rollups"],
  task_coordinators: ["task_coordinators", "c", "vc"],
};
/** The ordered walks a page may take (stopped by its LIMIT). */
const ORDER_INDEXES = /^\s*SCAN s USING (COVERING )?INDEX task_status_spans_(due|severity)_idx$/;
const BIG_NAMES = new Set(Object.values(BIG_TABLES).flat());

interface Statement {
  source: string;
  params: unknown[];
}

type Plans = string[][] & { statements: Statement[] };

/**
 * The statements `work` runs on the connection, with their parameters. The statements the
 * connection keeps prepared (app/models/sql-rows.server.ts) are forgotten before and after,
 * so that each is prepared, and seen, here.
 */
function statementsOf(db: AppDatabase, work: () => unknown): Statement[] {
  const client = db.$client;
  forgetStatements(client);
  const original = client.prepare;
  const seen: Statement[] = [];
  client.prepare = function (this: typeof client, source: string) {
    const statement = original.call(this, source);
    const proxy: typeof statement = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (property === "all" || property === "get" || property === "run" || property === "iterate") {
            seen.push({ source, params: args });
          }
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  } as typeof client.prepare;
  try {
    work();
  } finally {
    client.prepare = original;
    forgetStatements(client);
  }
  return seen;
}

/** The `detail` lines of EXPLAIN QUERY PLAN, indented by depth. */
function planOf(db: AppDatabase, statement: Statement): string[] {
  const rows = db.$client.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...statement.params) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, level);
    return `${"  ".repeat(level)}${row.detail}`;
  });
}

/**
 * Full scans of big tables in a plan (a SCAN of a big table or its alias, with or
 * without an index), except an ordered walk of the spans in a statement with a LIMIT.
 */
function bigScans(plan: readonly string[], statement: Statement): string[] {
  const limited = /\bLIMIT\b/i.test(statement.source);
  return plan.filter((line) => {
    const match = /^\s*SCAN (\S+)/.exec(line);
    if (match === null || !BIG_NAMES.has(match[1]!)) return false;
    return !(limited && ORDER_INDEXES.test(line));
  });
}

/** Lines that read a big table other than by its primary key or an index. */
function lookupsOf(plan: readonly string[], table: keyof typeof BIG_TABLES): string[] {
  const names = BIG_TABLES[table]!;
  return plan.filter((line) => names.some((name) => new RegExp(`^\\s*(SEARCH|SCAN) ${name}\\b`).test(line)));
}

/** How many tasks writes made outside the app left marked for a refresh of their status facts. */
const dirtyMarks = (db: AppDatabase) =>
  (db.$client.prepare(`SELECT count(*) AS n FROM task_status_dirty`).get() as { n: number }).n;

describe("query plans on a large database", () => {
  let db: AppDatabase;
  let directiveId: number;
  let departmentId: number;
  let taskId: number;
  const report: string[] = [];
  const secretariat: Actor = { id: 2, role: "secretariat", departmentId: null };
  let leadership: Actor;
  let departmentUser: Actor;
  let committeeId: number;

  beforeAll(async () => {
    const dir = process.env.TEST_TMP_DIR;
    if (!dir) throw new Error("tests/setup/global-setup.ts did not run");
    const file = path.join(dir, `${crypto.randomUUID()}-plans.db`);
    await generateLargeDatabase({ tasks: TASKS, seed: 3, out: file, today: TODAY });
    db = openDatabase(file);
    db.$client.exec("ANALYZE");
    const busiest = db.$client
      .prepare(`SELECT directive_id AS id FROM tasks GROUP BY directive_id ORDER BY count(*) DESC LIMIT 1`)
      .get() as { id: number };
    directiveId = busiest.id;
    const lead = db.$client
      .prepare(`SELECT lead_department_id AS id FROM tasks GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
      .get() as { id: number };
    departmentId = lead.id;
    taskId = Math.floor(TASKS / 2);
    leadership = db.$client
      .prepare(`SELECT id, role, department_id AS departmentId FROM users WHERE role = 'leadership' LIMIT 1`)
      .get() as Actor;
    const user = db.$client
      .prepare(`SELECT id FROM users WHERE role = 'dept_lead' AND department_id = ?`)
      .get(departmentId) as { id: number };
    departmentUser = { id: user.id, role: "dept_lead", departmentId };
    committeeId = (db.$client.prepare(`SELECT id FROM committees ORDER BY id LIMIT 1`).get() as { id: number }).id;
    expect(statusRulesInForce(db)).toEqual(DEFAULT_STATUS_RULES);
    expect(dirtyMarks(db)).toBe(0);
  }, 180_000);

  afterAll(() => {
    // The plans, for whoever works on performance next (vitest prints them with --reporter=verbose).
    if (process.env.SHOW_PLANS) process.stdout.write(`${report.join("\n")}\n`);
  });

  /** Runs `work`, explains every statement it ran, and returns the plans (each with its statement). */
  function plansOf(label: string, work: () => unknown): Plans {
    const statements = statementsOf(db, work);
    const plans = Object.assign(
      statements.map((s) => planOf(db, s)),
      { statements },
    );
    expect(plans.length, label).toBeGreaterThan(0);
    report.push(`## ${label}`, ...plans.flatMap((plan, i) => [`-- statement ${i + 1}`, ...plan]));
    return plans;
  }

  function expectIndexedLookups(label: string, plans: Plans): void {
    for (const plan of plans) {
      for (const table of ["task_transitions", "extension_requests", "progress_reports"] as const) {
        for (const line of lookupsOf(plan, table))
          expect(line, `${label}: ${table}`).toMatch(/^\s*SEARCH \S+ USING (INTEGER PRIMARY KEY|(COVERING )?INDEX)/);
      }
    }
  }

  function expectNoBigScans(label: string, plans: Plans): void {
    plans.forEach((plan, i) =>
      expect(bigScans(plan, plans.statements[i]!), `${label}\n${plan.join("\n")}`).toEqual([]),
    );
    expectIndexedLookups(label, plans);
  }

  const uses = (plans: Plans, pattern: RegExp) => plans.flat().some((line) => pattern.test(line));

  it("reads the status of one task from its spans by the primary key", () => {
    const plans = plansOf("status of one task", () => taskStatusesAsOf(db, [taskId], TODAY));
    expectNoBigScans("status of one task", plans);
    expect(uses(plans, /SEARCH s USING PRIMARY KEY \(task_id=\?/)).toBe(true);
    // Statuses come from the stored spans only: no history is read.
    expect(uses(plans, /task_transitions|extension_requests|progress_reports/)).toBe(false);
  });

  it("counts the statuses of one directive through the directive index", () => {
    const plans = plansOf("status counts of one directive", () =>
      statusCountsBy(db, sql`t.directive_id`, TODAY, sql`t.directive_id = ${directiveId}`),
    );
    expectNoBigScans("status counts of one directive", plans);
    expect(plans.flat().some((line) => /SEARCH t USING .*INDEX tasks_directive_idx/.test(line))).toBe(true);
  });

  it("lists the tasks of one lead department without scanning all tasks", () => {
    const plans = plansOf("task list, lead department filter", () =>
      listTasks(db, secretariat, { department: departmentId }, TODAY),
    );
    expectNoBigScans("task list, lead department filter", plans);
  });

  it("lists the tasks of one directive without scanning all tasks", () => {
    const plans = plansOf("task list, directive filter", () =>
      listTasks(db, secretariat, { directive: directiveId, sort: "status" }, TODAY),
    );
    expectNoBigScans("task list, directive filter", plans);
  });

  it("lists a department user's own tasks (lead or coordinator) from the two indexed lookups", () => {
    const plans = plansOf("task list, department user", () => listTasks(db, departmentUser, {}, TODAY));
    expectNoBigScans("task list, department user", plans);
    expect(uses(plans, /SEARCH tasks USING COVERING INDEX tasks_lead_state_idx \(lead_department_id=\?\)/)).toBe(true);
    expect(uses(plans, /SEARCH task_coordinators USING COVERING INDEX task_coordinators_department_idx/)).toBe(true);
  });

  it("counts a department user's dashboard from its own tasks", () => {
    const plans = plansOf("dashboard, department user", () => dashboardFigures(db, departmentUser, {}, TODAY, true));
    expectNoBigScans("dashboard, department user", plans);
  });

  it("searches through the full-text index", () => {
    const plans = plansOf("search", () => search(db, secretariat, "so hoa ho so"));
    expectNoBigScans("search", plans);
    expect(plans.flat().some((line) => /SCAN search_index VIRTUAL TABLE INDEX/.test(line))).toBe(true);
  });

  it("finds a session by its id", () => {
    const plans = plansOf("session lookup", () => userForSessionToken(db, "no-such-token", Date.now()));
    expectNoBigScans("session lookup", plans);
    expect(
      plans.flat().some((line) => /SEARCH sessions USING INDEX sqlite_autoindex_sessions_1 \(id=\?\)/.test(line)),
    ).toBe(true);
  });

  it("counts the unfiltered list from the stored counts and walks one page of the deadline index", () => {
    for (const [label, query] of [
      ["first page", {}],
      ["last page (walked from the end)", { page: Math.ceil(TASKS / 50) }],
      ["by status, descending", { sort: "status" as const, dir: "desc" as const }],
      ["by deadline, descending", { sort: "deadline" as const, dir: "desc" as const }],
      ["overdue of a department", { status: "overdue" as const, department: departmentId }],
    ] as const) {
      const plans = plansOf(`task list, ${label}`, () => listTasks(db, leadership, query, TODAY));
      expectNoBigScans(`task list, ${label}`, plans);
      expect(uses(plans, /SEARCH task_status_rollups USING PRIMARY KEY/), label).toBe(true);
    }
  });

  it("reads the overview from the stored counts, and its lists from the due-date index", () => {
    for (const [label, filters] of [
      ["no filter", {}],
      ["committee", { committee: committeeId }],
      ["department", { department: departmentId }],
      ["directive", { directive: directiveId }],
    ] as const) {
      const plans = plansOf(`dashboard, ${label}`, () => dashboardFigures(db, leadership, filters, TODAY, true));
      expectNoBigScans(`dashboard, ${label}`, plans);
      if (label === "no filter" || label === "committee") {
        expect(uses(plans, /SEARCH task_status_rollups USING PRIMARY KEY/), label).toBe(true);
        expect(uses(plans, /task_status_spans_due_idx/), label).toBe(true);
      }
      if (label === "no filter") {
        // Due soon is a few days of the due-date index: sought, not walked from the earliest overdue date.
        expect(
          uses(
            plans,
            /SEARCH s USING COVERING INDEX task_status_spans_due_idx \(<expr>=\? AND due_day>\? AND due_day<\?\)/,
          ),
          label,
        ).toBe(true);
      }
      // Pending extension requests: by state, and decided after the day — never all requests.
      // Within one directive the planner may instead seek each of its tasks' pending request.
      if (label === "no filter") {
        // From the index alone: a request's row, with its reasons, is many times wider.
        expect(uses(plans, /SEARCH e USING COVERING INDEX extension_requests_state_idx/), label).toBe(true);
      }
      expect(
        uses(plans, /SEARCH (extension_requests|e) USING (COVERING )?INDEX extension_requests_state_idx/) ||
          (label === "directive" &&
            uses(plans, /SEARCH (extension_requests|e) USING INDEX extension_requests_one_pending \(task_id=\?\)/)),
        label,
      ).toBe(true);
      // Within one directive (a few hundred tasks) the planner may instead seek each task's requests decided after the day.
      expect(
        uses(plans, /SEARCH (extension_requests|e) USING (COVERING )?INDEX extension_requests_decided_idx/) ||
          (label === "directive" &&
            uses(
              plans,
              /SEARCH (extension_requests|e) USING INDEX extension_requests_task_idx \(task_id=\? AND decided_at>\?\)/,
            )),
        label,
      ).toBe(true);
    }
    const past = plansOf("dashboard as of a past day", () => dashboardFigures(db, leadership, {}, "2025-06-30", false));
    expectNoBigScans("dashboard as of a past day", past);
  });

  it("reads the scorecard and the departments page from the counts by department", () => {
    const plans = plansOf("scorecard", () => scorecard(db, leadership, {}, TODAY, true));
    expectNoBigScans("scorecard", plans);
    expect(uses(plans, /SEARCH task_status_rollups USING COVERING INDEX task_status_rollups_by_department_idx/)).toBe(
      true,
    );
    const departments = plansOf("departments page", () => listDepartments(db, leadership, TODAY, "happened"));
    expectNoBigScans("departments page", departments);
    const byCommittee = plansOf("scorecard, one committee", () =>
      scorecard(db, leadership, { committee: committeeId }, TODAY, true),
    );
    expectNoBigScans("scorecard, one committee", byCommittee);
  });

  it("finds the completions waiting for confirmation through their own index, not every span", () => {
    for (const [label, actor] of [
      ["leadership", leadership],
      ["department user", departmentUser],
    ] as const) {
      const plans = plansOf(`confirmation backlog, ${label}`, () => confirmationBacklog(db, actor, {}, TODAY, true));
      expectNoBigScans(`confirmation backlog, ${label}`, plans);
      // A department's own tasks are few: the planner may start from them instead.
      if (label === "leadership") expect(uses(plans, /task_status_spans_awaiting_idx/), label).toBe(true);
    }
  });

  it("counts a scope with a further condition (a period of assignment) from its tasks' spans, through its index", () => {
    const period = sql`t.assigned_on >= '2025-07-01' AND t.assigned_on <= '2025-09-30'`;
    const plans = plansOf("counts, a period of assignment", () =>
      statusCountsInScope(db, { actor: leadership, extra: period }, TODAY),
    );
    expectNoBigScans("counts, a period of assignment", plans);
    expect(uses(plans, /SEARCH t USING (COVERING )?INDEX tasks_assigned_idx/)).toBe(true);
  });

  it("reads the monthly trend from the stored trend counts, else the spans of its scope by task or by due date", () => {
    const trend = (label: string, who: Actor, filters: Parameters<typeof monthlyTrend>[2], asOf = TODAY) => {
      const plans = plansOf(`trend, ${label}`, () => monthlyTrend(db, who, filters, asOf, asOf === TODAY));
      expectNoBigScans(`trend, ${label}`, plans);
      return plans;
    };
    // Twelve months, each sought in the counts: its year, month and day buckets.
    const counts =
      /SEARCH task_status_trend_rollups USING PRIMARY KEY \(basis=\? AND visibility=\? AND committee_id=\? AND due_month=\? AND level=\? AND bucket<\?\)/;
    for (const [label, filters, asOf] of [
      ["no filter", {}, TODAY],
      ["committee", { committee: committeeId }, TODAY],
      ["as of a past day", {}, "2025-06-30"],
    ] as const) {
      expect(uses(trend(label, leadership, filters, asOf), counts), label).toBe(true);
    }
    // A scope given by a list of tasks reads their spans by task.
    // (The spans of both readings filter on `basis IN (…)`: SQLite seeks the task and reads its few spans.)
    const byTask = /SEARCH s USING PRIMARY KEY \(task_id=\?/;
    for (const [label, who, filters] of [
      ["department", leadership, { department: departmentId }],
      ["directive", leadership, { directive: directiveId }],
      ["department user", departmentUser, {}],
    ] as const) {
      const plans = trend(label, who, filters);
      expect(uses(plans, byTask), label).toBe(true);
      expect(uses(plans, /task_status_trend_rollups|task_status_spans_due_idx/), label).toBe(false);
    }
    trend("a period of assignment", leadership, { period: "2025-Q3" });
  });

  it("shows the newest directives' progress without counting every directive", () => {
    const plans = plansOf("directive progress", () =>
      directiveProgressByLevel(db, leadership, {}, TODAY, "happened", 11),
    );
    expectNoBigScans("directive progress", plans);
  });

  it("refreshes a task a write outside the app left marked before reading, by indexed per-task lookups", () => {
    // A connection of its own, first read through after the write, so the statements the
    // refresh prepares are seen (the app prepares them once per connection, on its first
    // read: every reader starts with readyStatusFacts). What it read before, the main
    // connection reads.
    const other = openDatabase(db.$client.name, { migrate: false });
    const victim = (
      other.$client
        .prepare(`SELECT id FROM tasks WHERE state = 'in_progress' AND parent_id IS NULL ORDER BY id DESC LIMIT 1`)
        .get() as { id: number }
    ).id;
    const cancelledOn = (reader: AppDatabase) =>
      listTasks(reader, secretariat, { status: "cancelled", size: 10 }, TODAY).rowCount;
    const before = cancelledOn(db);
    expect(taskStatusesAsOf(db, [victim], TODAY).get(victim)?.status).not.toBe("cancelled");
    // Withdrawn yesterday, written with plain SQL (transitions are append-only: it stays, and
    // this test runs last): the triggers mark the task, nothing refreshes it.
    other.$client
      .prepare(
        `INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, reason)
        VALUES (?, 'in_progress', 'cancelled', ?, 'Rút nhiệm vụ')`,
      )
      .run(victim, Date.parse(`${TODAY}T03:00:00Z`) - 86_400_000);
    try {
      expect(dirtyMarks(other)).toBe(1);
      let after = -1;
      const statements = statementsOf(other, () => (after = cancelledOn(other)));
      const plans = Object.assign(
        statements.map((statement) => planOf(other, statement)),
        { statements },
      );
      report.push("## task list after a write outside the app", ...plans.flat());
      // Exact: the reader refreshed the marked task first, and left no mark behind.
      expect(after).toBe(before + 1);
      expect(dirtyMarks(other)).toBe(0);
      expect(taskStatusesAsOf(other, [victim], TODAY).get(victim)?.status).toBe("cancelled");
      // The refresh read the task's history through the per-task indexes, and scanned nothing big.
      expect(uses(plans, /SEARCH task_transitions USING .*INDEX task_transitions_task_idx/)).toBe(true);
      expect(uses(plans, /SEARCH progress_reports USING .*INDEX progress_reports_task_idx/)).toBe(true);
      plans.forEach((plan, i) => expect(bigScans(plan, statements[i]!), `refresh\n${plan.join("\n")}`).toEqual([]));
      expectIndexedLookups("task list after a write outside the app", plans);
    } finally {
      other.$client.close();
    }
  });
});
