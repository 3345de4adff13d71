// Query plans of the hot queries on a large database (db/seed/large-data.ts,
// ANALYZEd so the planner has statistics): none may scan a big table
// (tasks, task_transitions, progress_reports, extension_requests) from end to
// end. The statements are the real ones: each query is run through the app's own
// function while better-sqlite3's `prepare` is watched, and then explained with
// the same parameters.
//
// Known cost, for the performance work to come: the unfiltered all-tasks count
// (the task list and dashboards without a filter) necessarily visits every task
// (`SCAN t`), running the per-task lookups once per task. It is explained below
// and only its per-task lookups are checked.
//
// A second, hidden cost: a department user's list filters on `lead = ? OR EXISTS
// (coordinator = ?)` AND `directive_id IN (non-draft directives)`. The OR keeps
// the planner off tasks_lead_state_idx and task_coordinators_department_idx, so
// it walks tasks_directive_idx for every issued directive — no `SCAN t`, but
// every task is visited. No index is missing: a UNION of the two indexed lookups
// (`t.id IN (SELECT id FROM tasks WHERE lead_department_id = ? UNION SELECT
// task_id FROM task_coordinators WHERE department_id = ?)`) would fix the shape.
import crypto from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions";
import { DEFAULT_STATUS_RULES } from "../../app/domain/status";
import { openDatabase, type AppDatabase } from "../../app/lib/db.server";
import { search } from "../../app/models/search.server";
import { userForSessionToken } from "../../app/models/sessions.server";
import { statusCountsBy } from "../../app/models/status-counts.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { listTasks } from "../../app/routes/tasks._index/queries.server";
import { generateLargeDatabase } from "../../db/seed/large-data";

const TODAY = "2026-03-16";
const TASKS = 20_000;

/** Names (tables and the aliases the queries give them) that must never be scanned whole. */
const BIG_TABLES: Record<string, readonly string[]> = {
  tasks: ["tasks", "t"],
  task_transitions: ["task_transitions", "tr", "x"],
  progress_reports: ["progress_reports", "pr", "r"],
  extension_requests: ["extension_requests", "e"],
};
const BIG_NAMES = new Set(Object.values(BIG_TABLES).flat());

interface Statement {
  source: string;
  params: unknown[];
}

/** The statements `work` runs on the connection, with their parameters. */
function statementsOf(db: AppDatabase, work: () => unknown): Statement[] {
  const client = db.$client;
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

/** Full scans of big tables in a plan (a SCAN of a big table or its alias, with or without an index). */
function bigScans(plan: readonly string[]): string[] {
  return plan.filter((line) => {
    const match = /^\s*SCAN (\S+)/.exec(line);
    return match !== null && BIG_NAMES.has(match[1]!);
  });
}

/** Lines that read a big table other than by its primary key or an index. */
function lookupsOf(plan: readonly string[], table: keyof typeof BIG_TABLES): string[] {
  const names = BIG_TABLES[table]!;
  return plan.filter((line) => names.some((name) => new RegExp(`^\\s*(SEARCH|SCAN) ${name}\\b`).test(line)));
}

describe("query plans on a large database", () => {
  let db: AppDatabase;
  let directiveId: number;
  let departmentId: number;
  let taskId: number;
  const report: string[] = [];
  const secretariat: Actor = { id: 2, role: "secretariat", departmentId: null };

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
  });

  afterAll(() => {
    // The plans, for whoever works on performance next (vitest prints them with --reporter=verbose).
    if (process.env.SHOW_PLANS) process.stdout.write(`${report.join("\n")}\n`);
  });

  /** Runs `work`, explains every statement it ran, and returns the plans. */
  function plansOf(label: string, work: () => unknown): string[][] {
    const plans = statementsOf(db, work).map((s) => planOf(db, s));
    expect(plans.length, label).toBeGreaterThan(0);
    report.push(`## ${label}`, ...plans.flatMap((plan, i) => [`-- statement ${i + 1}`, ...plan]));
    return plans;
  }

  function expectIndexedLookups(label: string, plans: string[][]): void {
    for (const plan of plans) {
      for (const table of ["task_transitions", "extension_requests", "progress_reports"] as const) {
        for (const line of lookupsOf(plan, table))
          expect(line, `${label}: ${table}`).toMatch(/^\s*SEARCH \S+ USING (INTEGER PRIMARY KEY|(COVERING )?INDEX)/);
      }
    }
  }

  function expectNoBigScans(label: string, plans: string[][]): void {
    for (const plan of plans) expect(bigScans(plan), `${label}\n${plan.join("\n")}`).toEqual([]);
    expectIndexedLookups(label, plans);
  }

  it("computes the status of one task by its primary key", () => {
    const plans = plansOf("status of one task", () => taskStatusesAsOf(db, [taskId], TODAY));
    expectNoBigScans("status of one task", plans);
    expect(plans.flat().some((line) => /SEARCH t USING INTEGER PRIMARY KEY/.test(line))).toBe(true);
    // The per-task lookups of the status subquery use their indexes.
    expect(plans.flat().some((line) => /SEARCH x USING .*INDEX task_transitions_task_idx/.test(line))).toBe(true);
    expect(plans.flat().some((line) => /SEARCH e USING .*INDEX extension_requests_task_idx/.test(line))).toBe(true);
    expect(plans.flat().some((line) => /SEARCH pr USING .*INDEX progress_reports_task_idx/.test(line))).toBe(true);
  });

  it("counts the statuses of one directive through the directive index", () => {
    const plans = plansOf("status counts of one directive", () =>
      statusCountsBy(db, sql`t.directive_id`, TODAY, DEFAULT_STATUS_RULES, sql`t.directive_id = ${directiveId}`),
    );
    expectNoBigScans("status counts of one directive", plans);
    expect(plans.flat().some((line) => /SEARCH t USING .*INDEX tasks_directive_idx/.test(line))).toBe(true);
  });

  it("lists the tasks of one lead department without scanning all tasks", () => {
    const plans = plansOf("task list, lead department filter", () =>
      listTasks(db, secretariat, { department: departmentId }, TODAY, DEFAULT_STATUS_RULES),
    );
    expectNoBigScans("task list, lead department filter", plans);
  });

  it("lists the tasks of one directive without scanning all tasks", () => {
    const plans = plansOf("task list, directive filter", () =>
      listTasks(db, secretariat, { directive: directiveId, sort: "status" }, TODAY, DEFAULT_STATUS_RULES),
    );
    expectNoBigScans("task list, directive filter", plans);
  });

  it("lists a department user's own tasks (lead or coordinator)", () => {
    const user = db.$client
      .prepare(`SELECT id FROM users WHERE role = 'dept_lead' AND department_id = ?`)
      .get(departmentId) as { id: number };
    const actor: Actor = { id: user.id, role: "dept_lead", departmentId };
    const plans = plansOf("task list, department user (known cost)", () =>
      listTasks(db, actor, {}, TODAY, DEFAULT_STATUS_RULES),
    );
    expectNoBigScans("task list, department user", plans);
    // The visibility check itself is an indexed lookup per task (see the file comment for its cost).
    expect(
      plans.flat().some((line) => /SEARCH c USING COVERING INDEX sqlite_autoindex_task_coordinators_1/.test(line)),
    ).toBe(true);
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

  it("scans all tasks only for the unfiltered list (a known cost), with indexed per-task lookups", () => {
    const plans = plansOf("task list, no filter (known full scan)", () =>
      listTasks(db, secretariat, {}, TODAY, DEFAULT_STATUS_RULES),
    );
    expect(plans.flat().some((line) => /^\s*SCAN t\b/.test(line))).toBe(true);
    expectIndexedLookups("task list, no filter", plans);
  });
});
