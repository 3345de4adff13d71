// The task list's filters and sorting, against the reference status rules.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../db/seed/demo";
import type { Actor } from "../../app/domain/permissions";
import { addDays, endOfLocalDay } from "../../app/domain/dates";
import { taskStatusAsOf } from "../../app/domain/status";
import { translator } from "../../app/lib/i18n";
import type { AppDatabase } from "../../app/models/db.server";
import { loadTaskFacts, statusRulesInForce } from "../../app/models/status-facts.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { freshDatabase } from "../setup/database";

const NOW = Date.parse("2026-03-16T03:00:00Z");
const TODAY = "2026-03-16";
const t = translator("vi");
let db: AppDatabase;
let secretariat: Actor;
let stttt: number;

beforeAll(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: NOW });
  secretariat = db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'vanphong'`)!;
  stttt = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
});

const parse = (query: Record<string, string>) => taskListQuery(t).parse(query);
const all = (query: Record<string, string>, asOf = TODAY) =>
  listTasks(db, secretariat, parse({ size: "100", ...query }), asOf);

describe("task list", () => {
  it("filters by status exactly as the status rules say, for any as-of day", () => {
    const ids = db.all<{ id: number }>(sql`SELECT id FROM tasks`).map((r) => r.id);
    const facts = loadTaskFacts(db, ids);
    // The list reads the spans built with the rules in force (the default settings here).
    const rules = statusRulesInForce(db);
    expect(rules).toEqual({ dueSoonDays: 3, staleAfterDays: 30 });
    for (const asOf of ["2019-12-31", "2020-07-01", TODAY]) {
      for (const status of ["overdue", "done_late", "done_on_time", "awaiting_confirmation", "due_soon", "on_track"]) {
        const expected = ids.filter((id) => taskStatusAsOf(facts.get(id)!, asOf, rules)?.status === status).sort();
        const listed = all({ status }, asOf)
          .rows.map((r) => r.id)
          .sort();
        expect(listed, `${status} as of ${asOf}`).toEqual(expected);
      }
    }
  });

  it("combines status with the lead department, as the dashboard links do", () => {
    const result = all({ status: "overdue", department: String(stttt) });
    expect(result.rowCount).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect(row.status).toBe("overdue");
      expect(row.lead.id).toBe(stttt);
    }
  });

  it("filters by coordinating department, due range and the stale flag", () => {
    for (const row of all({ coordinator: String(stttt) }).rows) {
      expect(row.coordinators.map((c) => c.id)).toContain(stttt);
    }
    for (const row of all({ dueFrom: "01/01/2020", dueTo: "31/12/2020" }).rows) {
      expect(row.dueDate! >= "2020-01-01" && row.dueDate! <= "2020-12-31").toBe(true);
    }
    const stale = all({ stale: "1" });
    expect(stale.rowCount).toBeGreaterThan(0);
    expect(stale.rows.every((r) => r.stale && r.status === "overdue")).toBe(true);
  });

  it("sorts by deadline both ways, with undated tasks last, and pages without overlap", () => {
    const asc = all({ sort: "deadline", dir: "asc" })
      .rows.filter((r) => r.dueDate !== null)
      .map((r) => r.dueDate!);
    expect(asc).toEqual([...asc].sort());
    const desc = all({ sort: "deadline", dir: "desc" })
      .rows.filter((r) => r.dueDate !== null)
      .map((r) => r.dueDate!);
    expect(desc).toEqual([...desc].sort().reverse());
    const first = listTasks(db, secretariat, parse({ size: "10", page: "1" }), TODAY);
    const second = listTasks(db, secretariat, parse({ size: "10", page: "2" }), TODAY);
    expect(first.rows.map((r) => r.id).filter((id) => second.rows.some((r) => r.id === id))).toEqual([]);
    expect(first.rowCount).toBe(all({}).rowCount);
  });

  it("puts overdue first when sorting by status", () => {
    const statuses = all({ sort: "status" }).rows.map((r) => r.status);
    expect(statuses[0]).toBe("overdue");
    expect(statuses.lastIndexOf("overdue")).toBeLessThan(statuses.indexOf("done_on_time"));
  });

  it("gives every row its last update as of the day on its basis: the latest fact by then, never a later one", () => {
    const facts = (table: string) => db.all<{ task_id: number; at: number; recorded: number }>(sql.raw(table));
    // Each fact: when it took effect, and when it was recorded.
    const all = [
      ...facts(`SELECT id AS task_id, min(created_at, (julianday(assigned_on) - 2440587.5) * 86400000 - 7 * 3600000) AS at,
        created_at AS recorded FROM tasks`),
      ...facts(`SELECT pr.task_id, pr.created_at AS at, pr.created_at AS recorded FROM progress_reports pr
        JOIN tasks t ON t.id = pr.task_id WHERE pr.department_id = t.lead_department_id`),
      ...facts(`SELECT task_id, changed_at AS at, coalesce(recorded_at, changed_at) AS recorded FROM task_transitions`),
      ...facts(`SELECT task_id, decided_at AS at, coalesce(decision_recorded_at, decided_at) AS recorded
        FROM extension_requests WHERE state IN ('approved', 'countered')`),
      ...facts(`SELECT task_id, from_at AS at, coalesce(recorded_at, from_at) AS recorded FROM task_lead_assignments`),
      // A correction was always the deadline: as it happened, no later than the task's start.
      ...facts(`SELECT task_id, CASE kind WHEN 'change' THEN effective_at ELSE 0 END AS at, created_at AS recorded
        FROM task_deadline_changes`),
    ];
    let checked = 0;
    let moved = 0;
    for (const basis of ["happened", "recorded"] as const) {
      for (const asOf of [...Array.from({ length: 16 }, (_, i) => addDays("2019-09-25", i * 30)), TODAY]) {
        const cutoff = endOfLocalDay(asOf);
        const when = (f: { at: number; recorded: number }) =>
          basis === "happened" ? f.at : Math.max(f.at, f.recorded);
        const latest = new Map<number, number>();
        for (const f of all) {
          if (when(f) < cutoff) latest.set(f.task_id, Math.max(latest.get(f.task_id) ?? 0, when(f)));
        }
        // Every page of the list sorted by status: each page reads the facts of its own rows.
        for (let page = 1; ; page++) {
          const result = listTasks(
            db,
            secretariat,
            parse({ size: "25", page: String(page), sort: "status" }),
            asOf,
            basis,
          );
          for (const row of result.rows) {
            expect(row.updatedAt, `${row.id} as of ${asOf} ${basis}`).toBeLessThan(cutoff);
            expect(row.updatedAt, `${row.id} as of ${asOf} ${basis}`).toBe(latest.get(row.id));
            const today = db.get<{ updated_at: number }>(sql`SELECT updated_at FROM tasks WHERE id = ${row.id}`)!;
            if (today.updated_at !== row.updatedAt) moved++;
            checked++;
          }
          if (page >= result.pages) break;
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    // Past days differ from today's stored value (else this test would not tell them apart).
    expect(moved).toBeGreaterThan(50);
  });

  it.each([
    [{ status: "late" }],
    [{ department: "abc" }],
    [{ dueFrom: "31/02/2020" }],
    [{ sort: "title" }],
    [{ size: "1000" }],
    [{ page: "0" }],
  ])("refuses a malformed query %j", (query) => {
    expect(taskListQuery(t).safeParse(query).success).toBe(false);
  });
});
