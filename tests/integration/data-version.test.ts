// The data version the read cache keys its answers by (migration 0017,
// app/server/read-cache.server.ts): every write to a table pages read bumps it, and
// bookkeeping does not — a sign-in, a session's last-seen time, an audit event, a
// notification, an API token's use — so people signing in and reading pages keep the
// cached pages valid, while a department's report makes the next read compute afresh.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { today } from "../../app/domain/dates";
import type { AppDatabase } from "../../app/models/db.server";
import { databaseVersion } from "../../app/server/read-cache.server";
import { recordAudit } from "../../app/models/audit.server";
import { userForSessionToken } from "../../app/models/sessions.server";
import { submitProgressReport } from "../../app/models/task-progress.server";
import { sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

/** Tables no page's figures read: their writes must not throw cached pages away. */
const BOOKKEEPING = new Set([
  "sessions",
  "login_attempts",
  "login_devices",
  "audit_events",
  "notifications",
  "api_tokens",
  // The stored status facts: derived from the tables that bump, rebuilt with them.
  "task_status_spans",
  "task_status_rollups",
  "task_status_trend_rollups",
  "task_status_dirty",
  "task_status_meta",
  "data_version",
]);

const ORIGIN = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "data-version" };
let db: AppDatabase;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
});

describe("the data version", () => {
  it("has insert, update and delete triggers on every table pages read (a new table needs them too)", () => {
    const tables = db
      .all<{ name: string }>(
        sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT LIKE '__drizzle%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`,
      )
      .map((t) => t.name)
      // The search index's own tables belong to its virtual table.
      .filter(
        (name) =>
          !db.get(
            sql`SELECT 1 AS hit FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND ${name} LIKE name || '_%'`,
          ),
      );
    const triggers = new Set(
      db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'trigger'`).map((t) => t.name),
    );
    const missing = tables
      .filter((table) => !BOOKKEEPING.has(table))
      .flatMap((table) =>
        ["insert", "update", "delete"].map((event) => `data_version_${table}_${event}`).filter((t) => !triggers.has(t)),
      );
    expect(missing).toEqual([]);
  });

  it("does not move when someone signs in, is seen again, or is audited", async () => {
    const before = databaseVersion(db);
    const token = await sessionFor("lanhdao");
    // A minute later: the session's last-seen time is written.
    expect(userForSessionToken(db, token, Date.now() + 61_000)).not.toBeNull();
    db.transaction((tx) =>
      recordAudit(tx, {
        actorId: null,
        action: "access.denied",
        entityType: "task",
        entityId: 1,
        after: {},
        origin: ORIGIN,
      }),
    );
    db.run(sql`UPDATE users SET locale = 'en' WHERE login = 'lanhdao'`);
    expect(databaseVersion(db)).toBe(before);
  });

  it("moves with a progress report, a renamed department and a changed setting", () => {
    const lead = db.get<{ id: number; role: "dept_lead"; departmentId: number }>(
      sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'stttt.truong'`,
    )!;
    const task = db.get<{ id: number; version: number }>(
      sql`SELECT id, version FROM tasks WHERE lead_department_id = ${lead.departmentId} AND state IN ('open', 'in_progress') LIMIT 1`,
    )!;
    let version = databaseVersion(db);
    const reported = submitProgressReport(
      db,
      lead,
      { taskId: task.id, baseVersion: task.version, asOfDate: today(), percent: 40, result: "Đã hoàn thành khảo sát" },
      ORIGIN,
    );
    expect(reported.ok).toBe(true);
    expect(databaseVersion(db)).not.toBe(version);

    version = databaseVersion(db);
    db.run(sql`UPDATE departments SET name = name || ' ' WHERE id = ${lead.departmentId}`);
    expect(databaseVersion(db)).not.toBe(version);

    version = databaseVersion(db);
    db.run(sql`INSERT INTO settings (key, value) VALUES ('status.stale_after_days', '30')
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    expect(databaseVersion(db)).not.toBe(version);
  });
});
