// The large-data generator (db/seed/large-data.ts): a small run must be as
// consistent as the demo — every task row agrees with its history, sub-tasks are
// never due after their parents, the stored spans agree with the status rules — and
// the same seed must give the same database.
import crypto from "node:crypto";
import { directiveProgressLinks } from "../../app/lib/task-list-href";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, endOfLocalDay, type LocalDate } from "../../app/domain/dates";
import { taskStatusAsOf } from "../../app/domain/status";
import { occurrencesDueBy } from "../../app/domain/recurrence";
import { TASK_LEVELS, TASK_STATUSES, type RecurrenceFrequency } from "../../app/domain/vocabulary";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import type { Actor } from "../../app/domain/permissions";
import { translator } from "../../app/lib/i18n";
import { taskListQuery } from "../../app/lib/task-list-query";
import {
  confirmationBacklog,
  dashboardFigures,
  DASHBOARD_LIST_LIMIT,
  type DashboardFilters,
} from "../../app/models/dashboard.server";
import { loadTaskFacts } from "../../app/models/status-facts.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { rebuildSearchIndex, search } from "../../app/models/search.server";
import { generateLargeDatabase, LARGE_DATA_VERSION, largeDataVersionOf } from "../../db/seed/large-data";

const TODAY: LocalDate = "2026-03-16";

/** Dashboard filters as the task list's query string has them. */
function filterQuery(filters: DashboardFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, String(value)]));
}
const TASKS = 3000;

function tmpFile(name: string): string {
  const dir = process.env.TEST_TMP_DIR;
  if (!dir) throw new Error("tests/setup/global-setup.ts did not run");
  return path.join(dir, `${crypto.randomUUID()}-${name}.db`);
}

/** A digest of the tables a seed determines (users are left out: the password hash is salted). */
function digest(db: AppDatabase): string {
  const hash = crypto.createHash("sha256");
  for (const table of [
    "departments",
    "directives",
    "tasks",
    "task_fan_outs",
    "recurring_duties",
    "task_coordinators",
    "task_transitions",
    "progress_reports",
    "extension_requests",
  ]) {
    for (const row of db.$client.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest("hex");
}

interface TaskRecord {
  id: number;
  parent_id: number | null;
  lead_department_id: number;
  deadline_kind: string;
  original_due_date: string | null;
  current_due_date: string | null;
  state: string;
  state_reason: string | null;
  completion_date: string | null;
  confirmed_at: number | null;
  created_at: number;
}

describe("the large-data generator", () => {
  let db: AppDatabase;
  let file: string;
  let allTasks: TaskRecord[];

  beforeAll(async () => {
    file = tmpFile("large");
    await generateLargeDatabase({ tasks: TASKS, seed: 7, out: file, today: TODAY });
    db = openDatabase(file);
    allTasks = db.$client.prepare(`SELECT * FROM tasks ORDER BY id`).all() as TaskRecord[];
  }, 120_000);

  /** The first user meeting a condition, as an actor. */
  const actorOf = (where: string) =>
    db.$client
      .prepare(`SELECT id, role, department_id AS departmentId FROM users WHERE ${where} LIMIT 1`)
      .get() as Actor;
  /** The `id` of the first row a query gives. */
  const one = (query: string) => (db.$client.prepare(query).get() as { id: number }).id;
  /** The row count of the task list a link opens, on the day, parsed as the task list parses its URL. */
  const listed = (actor: Actor, href: string, asOf: LocalDate) => {
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/tasks");
    const raw = Object.fromEntries(url.searchParams);
    delete raw.asOf;
    return listTasks(db, actor, taskListQuery(translator("vi")).parse(raw), asOf, "happened", 1).rowCount;
  };

  it("writes the requested number of tasks with a realistic spread", () => {
    expect(allTasks).toHaveLength(TASKS);
    const count = (q: string) => (db.$client.prepare(q).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM departments`)).toBeGreaterThanOrEqual(250);
    expect(count(`SELECT count(*) AS n FROM directives`)).toBe(TASKS / 25);
    expect(count(`SELECT count(*) AS n FROM directives WHERE confidential = 1`)).toBeGreaterThan(0);
    const subtasks = allTasks.filter((t) => t.parent_id !== null).length;
    expect(subtasks / TASKS).toBeGreaterThan(0.05);
    expect(subtasks / TASKS).toBeLessThan(0.2);
    const dues = allTasks.flatMap((t) => (t.current_due_date ? [t.current_due_date] : [])).sort();
    expect(dues[0]! < addDays(TODAY, -900)).toBe(true);
    expect(dues.at(-1)! > addDays(TODAY, 200)).toBe(true);
    const extended = count(`SELECT count(DISTINCT task_id) AS n FROM extension_requests`);
    expect(extended / TASKS).toBeGreaterThan(0.1);
    for (const state of ["approved", "countered", "rejected", "pending"]) {
      expect(count(`SELECT count(*) AS n FROM extension_requests WHERE state = '${state}'`), state).toBeGreaterThan(0);
    }
    const reportsPerStarted =
      count(`SELECT count(*) AS n FROM progress_reports`) / allTasks.filter((t) => t.state !== "open").length;
    expect(reportsPerStarted).toBeGreaterThan(1.5);
    // Every user shares the one printed password (one hash, computed once).
    expect(count(`SELECT count(DISTINCT password_hash) AS n FROM users`)).toBe(1);
    // The bench makes a kept database again when the generator has changed since.
    expect(largeDataVersionOf(db)).toBe(LARGE_DATA_VERSION);
    expect(count(`SELECT count(*) AS n FROM users WHERE role = 'dept_lead'`)).toBe(
      count(`SELECT count(*) AS n FROM departments`),
    );
  });

  it("keeps every task row consistent with its transitions and extensions", () => {
    const transitions = new Map<
      number,
      {
        from_state: string | null;
        to_state: string;
        changed_at: number;
        reason: string | null;
        completion_date: string | null;
      }[]
    >();
    for (const t of db.$client.prepare(`SELECT * FROM task_transitions ORDER BY id`).iterate() as Iterable<{
      task_id: number;
      from_state: string | null;
      to_state: string;
      changed_at: number;
      reason: string | null;
      completion_date: string | null;
    }>) {
      transitions.set(t.task_id, [...(transitions.get(t.task_id) ?? []), t]);
    }
    const extensions = new Map<
      number,
      {
        state: string;
        approved_due_date: string | null;
        decided_at: number | null;
        created_at: number;
        current_due_date: string;
      }[]
    >();
    for (const e of db.$client.prepare(`SELECT * FROM extension_requests ORDER BY id`).iterate() as Iterable<{
      task_id: number;
      state: string;
      approved_due_date: string | null;
      decided_at: number | null;
      created_at: number;
      current_due_date: string;
    }>) {
      extensions.set(e.task_id, [...(extensions.get(e.task_id) ?? []), e]);
    }
    for (const task of allTasks) {
      const label = `task ${task.id}`;
      const history = transitions.get(task.id) ?? [];
      expect(history[0], label).toMatchObject({ from_state: null, to_state: "open", changed_at: task.created_at });
      for (let i = 1; i < history.length; i++) {
        expect(history[i]!.from_state, label).toBe(history[i - 1]!.to_state);
        expect(history[i]!.changed_at, label).toBeGreaterThan(history[i - 1]!.changed_at);
      }
      const last = history.at(-1)!;
      expect(task.state, label).toBe(last.to_state);
      expect(task.completion_date, label).toBe(last.completion_date);
      expect(task.state_reason, label).toBe(last.reason);
      expect(task.confirmed_at, label).toBe(task.state === "done" ? last.changed_at : null);

      const requests = extensions.get(task.id) ?? [];
      const inForce = requests.filter((r) => r.state === "approved" || r.state === "countered");
      if (task.deadline_kind === "dated") {
        expect(task.current_due_date, label).toBe(inForce.at(-1)?.approved_due_date ?? task.original_due_date);
      } else {
        expect([task.original_due_date, task.current_due_date, requests.length], label).toEqual([null, null, 0]);
      }
      for (const request of requests) {
        const then = inForce.filter((r) => (r.decided_at as number) < request.created_at).at(-1)?.approved_due_date;
        expect(request.current_due_date, label).toBe(then ?? task.original_due_date);
      }
      expect(requests.filter((r) => r.state === "pending").length, label).toBeLessThanOrEqual(1);
    }
  });

  it("never makes a coordinator the lead, nor a sub-task due after its parent", () => {
    const clashes = db.$client
      .prepare(
        `SELECT count(*) AS n FROM task_coordinators c JOIN tasks t ON t.id = c.task_id WHERE c.department_id = t.lead_department_id`,
      )
      .get() as { n: number };
    expect(clashes.n).toBe(0);
    const byId = new Map(allTasks.map((t) => [t.id, t]));
    for (const task of allTasks.filter((t) => t.parent_id !== null)) {
      const parent = byId.get(task.parent_id!)!;
      if (parent.deadline_kind !== "dated") continue;
      expect(task.deadline_kind, `task ${task.id}`).toBe("dated");
      expect(task.current_due_date! <= parent.current_due_date!, `task ${task.id}`).toBe(true);
      expect(task.original_due_date! <= parent.original_due_date!, `task ${task.id}`).toBe(true);
    }
  });

  it("gives the same statuses from the stored spans as the rules, and every status occurs today", () => {
    const ids = allTasks.map((t) => t.id);
    const facts = loadTaskFacts(db, ids);
    for (const day of [TODAY, addDays(TODAY, -200), addDays(TODAY, -700)]) {
      const sqlStatuses = taskStatusesAsOf(db, ids, day);
      let compared = 0;
      for (const id of ids) {
        const expected = taskStatusAsOf(facts.get(id)!, day);
        const actual = sqlStatuses.get(id);
        if (expected === null) {
          expect(actual, `task ${id} on ${day}`).toBeUndefined();
          continue;
        }
        compared += 1;
        expect(
          {
            status: actual?.status,
            dueDate: actual?.dueDate,
            late: actual?.late,
            daysLate: actual?.daysLate,
            stale: actual?.stale,
            awaitingSince: actual?.awaitingSince,
          },
          `task ${id} on ${day}`,
        ).toEqual({
          status: expected.status,
          dueDate: expected.dueDate,
          late: expected.late,
          daysLate: expected.daysLate,
          stale: expected.stale,
          awaitingSince: expected.awaitingSince,
        });
      }
      expect(compared).toBeGreaterThan(0);
      if (day === TODAY) {
        const seen = new Set([...sqlStatuses.values()].map((s) => s.status));
        for (const status of TASK_STATUSES) expect(seen, status).toContain(status);
        expect([...sqlStatuses.values()].some((s) => s.stale)).toBe(true);
      }
    }
  });

  it("gives the confirmation backlog's count as the row count of its list, for every role, scope and day", () => {
    // The unit with the most completions waiting, and the directive and committee of one of them.
    const waitingLead = one(`SELECT lead_department_id AS id FROM tasks WHERE state = 'awaiting_confirmation'
      GROUP BY lead_department_id ORDER BY count(*) DESC LIMIT 1`);
    const waitingDirective = one(`SELECT directive_id AS id FROM tasks WHERE state = 'awaiting_confirmation'
      AND lead_department_id = ${waitingLead} LIMIT 1`);
    const committee = one(`SELECT committee_id AS id FROM directives WHERE id = ${waitingDirective}`);
    const actors = [
      actorOf(`role = 'secretariat'`),
      actorOf(`role = 'leadership'`),
      actorOf(`role = 'dept_lead' AND department_id = ${waitingLead}`),
    ];
    const filterSets: DashboardFilters[] = [
      {},
      { department: waitingLead },
      { directive: waitingDirective },
      { committee },
      { committee, department: waitingLead },
      { level: "top" },
      { level: "sub" },
      { period: TODAY.slice(0, 4) },
    ];
    let waiting = 0;
    for (const actor of actors) {
      for (const asOf of [TODAY, addDays(TODAY, -200), addDays(TODAY, -700)]) {
        for (const filters of filterSets) {
          const backlog = confirmationBacklog(db, actor, filters, asOf, asOf === TODAY);
          const what = `${actor.role} ${asOf} ${JSON.stringify(filters)}`;
          expect(listed(actor, backlog.href, asOf), what).toBe(backlog.count);
          expect(backlog.rows.length, what).toBe(Math.min(backlog.count, DASHBOARD_LIST_LIMIT));
          waiting += backlog.count;
        }
      }
    }
    expect(waiting).toBeGreaterThan(0);
  }, 120_000);

  it("counts and lists the extension requests pending at the end of each day, in every scope", () => {
    const asking = one(`SELECT t.lead_department_id AS id FROM extension_requests e JOIN tasks t ON t.id = e.task_id
      WHERE e.state = 'pending' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    let seen = 0;
    for (const actor of [actorOf(`role = 'leadership'`), actorOf(`role = 'dept_lead' AND department_id = ${asking}`)]) {
      for (const filters of [{}, { department: asking }, { level: "top" }] as DashboardFilters[]) {
        for (const asOf of [TODAY, addDays(TODAY, -30), addDays(TODAY, -400)]) {
          const { pendingExtensions, pendingExtensionList } = dashboardFigures(
            db,
            actor,
            filters,
            asOf,
            asOf === TODAY,
          );
          // The tasks in scope that day, as the task list has them; the requests pending then, by the rules.
          const inScope = new Set(
            listTasks(
              db,
              actor,
              taskListQuery(translator("vi")).parse(filterQuery(filters)),
              asOf,
              "happened",
              100_000,
            ).rows.map((row) => row.id),
          );
          const cutoff = endOfLocalDay(asOf);
          const expected = (
            db.$client
              .prepare(
                `SELECT id, task_id, created_at FROM extension_requests
                WHERE created_at < ? AND (state = 'pending' OR decided_at >= ?) ORDER BY created_at, id`,
              )
              .all(cutoff, cutoff) as { id: number; task_id: number }[]
          ).filter((e) => inScope.has(e.task_id));
          const what = `${actor.role} ${asOf} ${JSON.stringify(filters)}`;
          expect(pendingExtensions, what).toBe(expected.length);
          expect(
            pendingExtensionList.map((e) => e.id),
            what,
          ).toEqual(expected.slice(0, DASHBOARD_LIST_LIMIT).map((e) => e.id));
          seen += expected.length;
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  }, 120_000);

  it("gives the newest directives' progress, every clause's number its list's row count, none left out", () => {
    const busiest = one(`SELECT lead_department_id AS id FROM tasks GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const leadership = actorOf(`role = 'leadership'`);
    const scopes: [Actor, DashboardFilters][] = [
      [leadership, {}],
      [leadership, { department: busiest }],
      [leadership, { level: "sub" }],
      [actorOf(`role = 'dept_lead' AND department_id = ${busiest}`), {}],
    ];
    const clauses = { top: "top", sub: "sub", unit: "units", period: "periods" } as const;
    let checked = 0;
    for (const [actor, filters] of scopes) {
      for (const asOf of [TODAY, addDays(TODAY, -400)]) {
        const shown = directiveProgressByLevel(db, actor, filters, asOf, "happened", 11);
        expect(shown.length, JSON.stringify(filters)).toBeGreaterThan(0);
        for (const [i, progress] of shown.entries()) {
          const { linkFor } = directiveProgressLinks(progress.id, filters, asOf, asOf === TODAY);
          for (const level of TASK_LEVELS) {
            const counts = progress[clauses[level]];
            const what = `${actor.role} ${asOf} ${JSON.stringify(filters)} directive ${progress.id} ${level}`;
            const all = listed(actor, linkFor(level), asOf);
            if (counts === null) {
              expect(all, `${what}: a clause left out has no tasks`).toBe(0);
              continue;
            }
            expect(all, what).toBe(TASK_STATUSES.reduce((sum, status) => sum + counts[status], 0));
            // Each status's own list too, for the newest few (a list query each).
            if (i >= 3) continue;
            for (const status of ["overdue", "done_on_time", "on_track"] as const) {
              expect(listed(actor, linkFor(level, status), asOf), `${what} ${status}`).toBe(counts[status]);
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  }, 120_000);

  it("gives items to many units and recurring duties, each unit and period an ordinary task", () => {
    const rows = <T>(q: string) => db.$client.prepare(q).all() as T[];
    const items = rows<{ id: number; item_number: string; title: string; assigned_on: string; units: number }>(
      `SELECT f.id, f.item_number, f.title, f.assigned_on, count(t.id) AS units
       FROM task_fan_outs f JOIN tasks t ON t.fan_out_id = f.id GROUP BY f.id`,
    );
    expect(items.length).toBeGreaterThan(2);
    expect(
      rows(`SELECT id FROM task_fan_outs WHERE id NOT IN (SELECT fan_out_id FROM tasks WHERE fan_out_id IS NOT NULL)`),
    ).toEqual([]);
    // The thirty districts, or the city's departments: every unit once, each with the item's number, title, day and deadline.
    expect(items.every((item) => item.units >= 20)).toBe(true);
    expect(
      rows(
        `SELECT t.id FROM tasks t JOIN task_fan_outs f ON f.id = t.fan_out_id
         WHERE t.item_number <> f.item_number OR t.title <> f.title OR t.assigned_on <> f.assigned_on
           OR t.directive_id <> f.directive_id OR t.parent_id IS NOT NULL OR t.deadline_kind <> 'dated'
           OR t.original_due_date <> (SELECT min(original_due_date) FROM tasks u WHERE u.fan_out_id = f.id)
           OR t.original_due_date <> (SELECT max(original_due_date) FROM tasks u WHERE u.fan_out_id = f.id)`,
      ),
    ).toEqual([]);
    expect(
      rows(
        `SELECT fan_out_id FROM tasks WHERE fan_out_id IS NOT NULL GROUP BY fan_out_id, lead_department_id HAVING count(*) > 1`,
      ),
    ).toEqual([]);

    // A duty's periods are those its rule owes by today, and the next one ahead, as the job would create them.
    const duties = rows<{
      id: number;
      frequency: RecurrenceFrequency;
      day: number;
      starts_on: string;
      lead_department_id: number;
    }>(`SELECT id, frequency, day, starts_on, lead_department_id FROM recurring_duties`);
    expect(duties.length).toBeGreaterThan(0);
    for (const duty of duties) {
      const periods = rows<{
        duty_period: string;
        assigned_on: string;
        original_due_date: string;
        lead_department_id: number;
      }>(
        `SELECT duty_period, assigned_on, original_due_date, lead_department_id FROM tasks WHERE duty_id = ${duty.id} ORDER BY id`,
      );
      const owed = occurrencesDueBy(
        { frequency: duty.frequency, day: duty.day, workingDays: false, startsOn: duty.starts_on, endsOn: null },
        TODAY,
      );
      expect(periods, `duty ${duty.id}`).toEqual(
        owed.map((o) => ({
          duty_period: o.periodKey,
          assigned_on: o.assignedOn,
          original_due_date: o.dueDate,
          lead_department_id: duty.lead_department_id,
        })),
      );
    }
    // The period ahead has no history beyond its creation.
    const ahead = rows<{ n: number }>(
      `SELECT count(*) AS n FROM task_transitions tr JOIN tasks t ON t.id = tr.task_id
       WHERE t.assigned_on > '${TODAY}' AND tr.from_state IS NOT NULL`,
    );
    expect(ahead[0]!.n).toBe(0);
  });

  it("indexes directives, tasks and reports for search", () => {
    const count = (q: string) => (db.$client.prepare(q).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM search_index`)).toBe(
      count(
        `SELECT (SELECT count(*) FROM directives) + (SELECT count(*) FROM tasks) + (SELECT count(*) FROM progress_reports) AS n`,
      ),
    );
    const secretariat = { id: 2, role: "secretariat", departmentId: null } as const;
    expect(search(db, secretariat, "so hoa ho so").length).toBeGreaterThan(0);
    expect(search(db, secretariat, "thong bao ket luan").some((h) => h.kind === "directive")).toBe(true);
    expect(search(db, secretariat, "kinh phi chua duoc bo tri").some((h) => h.kind === "report")).toBe(true);

    // Written in bulk by the generator, exactly as rebuildSearchIndex writes it.
    const indexed = () =>
      crypto
        .createHash("sha256")
        .update(
          JSON.stringify(db.$client.prepare(`SELECT rowid, title, body FROM search_index ORDER BY rowid`).raw().all()),
        )
        .digest("hex");
    const generated = indexed();
    rebuildSearchIndex(db);
    expect(indexed()).toBe(generated);
  });

  it("gives the same database for the same seed, and another for another seed", async () => {
    const again = tmpFile("again");
    await generateLargeDatabase({ tasks: TASKS, seed: 7, out: again, today: TODAY });
    const other = tmpFile("other");
    await generateLargeDatabase({ tasks: TASKS, seed: 8, out: other, today: TODAY });
    const open = (f: string) => {
      const copy = openDatabase(f, { migrate: false });
      try {
        return digest(copy);
      } finally {
        copy.$client.close();
      }
    };
    const first = digest(db);
    expect(open(again)).toBe(first);
    expect(open(other)).not.toBe(first);
  }, 120_000);

  it("refuses to overwrite a file without force", async () => {
    await expect(generateLargeDatabase({ tasks: 10, seed: 1, out: file, today: TODAY })).rejects.toThrow(/--force/);
  });
});
