// The task list's filters and sorting, against the reference status rules.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../db/seed/demo";
import type { Actor } from "../../app/domain/permissions";
import { taskStatusAsOf } from "../../app/domain/status";
import { translator } from "../../app/lib/i18n";
import type { AppDatabase } from "../../app/lib/db.server";
import { loadTaskFacts } from "../../app/models/task-status.server";
import { listTasks, taskListQuery } from "../../app/routes/tasks._index/queries.server";
import { freshDatabase } from "../setup/database";

const NOW = Date.parse("2026-03-16T03:00:00Z");
const TODAY = "2026-03-16";
const rules = { dueSoonDays: 3, staleAfterDays: 30 };
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
  listTasks(db, secretariat, parse({ size: "100", ...query }), asOf, rules);

describe("task list", () => {
  it("filters by status exactly as the status rules say, for any as-of day", () => {
    const ids = db.all<{ id: number }>(sql`SELECT id FROM tasks`).map((r) => r.id);
    const facts = loadTaskFacts(db, ids);
    for (const asOf of ["2019-12-31", "2020-07-01", TODAY]) {
      for (const status of ["overdue", "done_late", "due_soon", "on_track"]) {
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
    const first = listTasks(db, secretariat, parse({ size: "10", page: "1" }), TODAY, rules);
    const second = listTasks(db, secretariat, parse({ size: "10", page: "2" }), TODAY, rules);
    expect(first.rows.map((r) => r.id).filter((id) => second.rows.some((r) => r.id === id))).toEqual([]);
    expect(first.rowCount).toBe(all({}).rowCount);
  });

  it("puts overdue first when sorting by status", () => {
    const statuses = all({ sort: "status" }).rows.map((r) => r.status);
    expect(statuses[0]).toBe("overdue");
    expect(statuses.lastIndexOf("overdue")).toBeLessThan(statuses.indexOf("done_on_time"));
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
