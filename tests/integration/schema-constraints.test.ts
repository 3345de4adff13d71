import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { freshDatabase } from "../setup/database";

let db: AppDatabase;
beforeEach(() => {
  db = freshDatabase();
  db.run(
    sql`INSERT INTO departments (id, code, name, kind) VALUES (1, 'A', 'Sở A', 'department'), (2, 'B', 'Sở B', 'department')`,
  );
  db.run(sql`INSERT INTO committees (id, code, name) VALUES (1, 'C', 'Ban Chỉ đạo')`);
  db.run(sql`INSERT INTO directives (id, committee_id, type, issuer, abstract, state, issued_on)
             VALUES (1, 1, 'conclusion_notice', 'UBND', 'Kết luận', 'issued', '2019-09-18')`);
  db.run(sql`INSERT INTO tasks (id, directive_id, item_number, title, lead_department_id, deadline_kind, original_due_date, current_due_date, assigned_on)
             VALUES (1, 1, '1', 'Nhiệm vụ', 1, 'dated', '2019-12-31', '2019-12-31', '2019-09-18')`);
});

/** Runs a statement and returns SQLite's own error message (drizzle wraps it in `cause`). */
const run = (statement: ReturnType<typeof sql>) => () => {
  try {
    db.run(statement);
  } catch (error) {
    throw error instanceof Error && error.cause instanceof Error ? error.cause : error;
  }
};

describe("database constraints", () => {
  it("applies pragmas for durability and integrity", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2); // FULL
  });

  it("refuses a coordinator that is the lead, on insert and on re-assignment", () => {
    expect(run(sql`INSERT INTO task_coordinators (task_id, department_id) VALUES (1, 1)`)).toThrow(
      /coordinator_is_lead/,
    );
    db.run(sql`INSERT INTO task_coordinators (task_id, department_id) VALUES (1, 2)`);
    expect(run(sql`UPDATE tasks SET lead_department_id = 2 WHERE id = 1`)).toThrow(/coordinator_is_lead/);
  });

  it("requires exactly one lead department", () => {
    expect(
      run(sql`INSERT INTO tasks (directive_id, item_number, title, deadline_kind, assigned_on)
              VALUES (1, '2', 'Không có chủ trì', 'none', '2019-09-18')`),
    ).toThrow(/NOT NULL/);
  });

  it("refuses malformed and impossible dates", () => {
    for (const bad of ["2019-02-30", "31/12/2019", "2019-13-01", "soon", ""]) {
      expect(run(sql`UPDATE tasks SET current_due_date = ${bad} WHERE id = 1`), bad).toThrow(/CHECK/);
    }
    expect(db.get(sql`SELECT current_due_date AS d FROM tasks WHERE id = 1`)).toEqual({ d: "2019-12-31" });
  });

  it("keeps dated tasks dated and undated tasks without dates", () => {
    expect(run(sql`UPDATE tasks SET original_due_date = NULL WHERE id = 1`)).toThrow(/tasks_dated_has_due_dates/);
    expect(run(sql`UPDATE tasks SET deadline_kind = 'ongoing' WHERE id = 1`)).toThrow(/tasks_dated_has_due_dates/);
  });

  it("keeps the audit log, progress reports and workflow history append-only", () => {
    db.run(sql`INSERT INTO audit_events (at, action, entity_type) VALUES (1, 'test', 'task')`);
    expect(run(sql`UPDATE audit_events SET action = 'forged'`)).toThrow(/append_only/);
    expect(run(sql`DELETE FROM audit_events`)).toThrow(/append_only/);
    db.run(
      sql`INSERT INTO progress_reports (task_id, department_id, as_of_date, percent, result) VALUES (1, 1, '2019-10-01', 50, 'Đang làm')`,
    );
    expect(run(sql`UPDATE progress_reports SET percent = 90`)).toThrow(/append_only/);
    expect(run(sql`DELETE FROM progress_reports`)).toThrow(/append_only/);
    db.run(sql`INSERT INTO task_transitions (task_id, to_state, changed_at) VALUES (1, 'in_progress', 1)`);
    expect(run(sql`UPDATE task_transitions SET to_state = 'done'`)).toThrow(/append_only/);
  });

  it("allows one pending extension request per task, for a later date only", () => {
    const ask = (proposed: string) =>
      sql`INSERT INTO extension_requests (task_id, department_id, current_due_date, proposed_due_date, reason)
          VALUES (1, 1, '2019-12-31', ${proposed}, 'Cần thêm thời gian')`;
    expect(run(ask("2019-12-30"))).toThrow(/extension_requests_later_date/);
    db.run(ask("2020-01-31"));
    expect(run(ask("2020-02-28"))).toThrow(/UNIQUE/);
  });

  it("requires a reason to reject an extension and a date to approve one", () => {
    db.run(
      sql`INSERT INTO users (id, login, display_name, password_hash, role) VALUES (1, 'vp', 'VP', 'x', 'secretariat')`,
    );
    db.run(sql`INSERT INTO extension_requests (id, task_id, department_id, current_due_date, proposed_due_date, reason)
               VALUES (1, 1, 1, '2019-12-31', '2020-01-31', 'Lý do')`);
    expect(
      run(sql`UPDATE extension_requests SET state = 'rejected', decided_by = 1, decided_at = 1 WHERE id = 1`),
    ).toThrow(/extension_requests_rejection_reason/);
    expect(
      run(sql`UPDATE extension_requests SET state = 'approved', decided_by = 1, decided_at = 1 WHERE id = 1`),
    ).toThrow(/extension_requests_in_force_has_date/);
  });

  it("requires a department for department roles", () => {
    expect(
      run(sql`INSERT INTO users (login, display_name, password_hash, role) VALUES ('x', 'X', 'h', 'dept_lead')`),
    ).toThrow(/users_department_role_check/);
  });

  it("enforces foreign keys", () => {
    expect(run(sql`INSERT INTO task_coordinators (task_id, department_id) VALUES (1, 999)`)).toThrow(/FOREIGN KEY/);
  });
});

describe("settings", () => {
  it("fall back to the defaults when a stored value is malformed or too small", async () => {
    const { getSettings } = await import("../../app/models/settings.server");
    db.run(sql`INSERT INTO settings (key, value) VALUES
      ('login.max_failures_per_account', '0'), ('session.idle_minutes', '"soon"'), ('status.due_soon_days', '0'),
      ('login.failure_window_minutes', '30')`);
    expect(
      getSettings(db, [
        "login.max_failures_per_account",
        "session.idle_minutes",
        "status.due_soon_days",
        "login.failure_window_minutes",
      ]),
    ).toEqual({
      "login.max_failures_per_account": 20,
      "session.idle_minutes": 60,
      "status.due_soon_days": 0,
      "login.failure_window_minutes": 30,
    });
  });
});
