// The read cache (app/lib/read-cache.server.ts) on a real database: an answer is
// reused only while no row changed — whoever wrote it, through the app's write
// transaction, a plain statement on the same connection, or another connection —
// and the dashboard's answer is shared only by users who see the same tasks.
// (The rendered pages are checked on real servers: tests/e2e/read-cache.e2e.ts.)
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { writeTransaction, type AppDatabase } from "../../app/lib/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import {
  cachedDocument,
  cachedRead,
  cachedReadKey,
  databaseVersion,
  documentBytes,
  documentKey,
  keepDocument,
} from "../../app/lib/read-cache.server";
import { loader as dashboardLoader } from "../../app/routes/_index/route";
import { loader as departmentsLoader } from "../../app/routes/departments._index/route";
import { loader as scorecardLoader } from "../../app/routes/scorecard/route";
import { loader as searchLoader } from "../../app/routes/search/route";
import { loader as taskListLoader } from "../../app/routes/tasks._index/route";
import { today } from "../../app/domain/dates";
import { changeTaskState } from "../../app/models/tasks.server";
import { freshDatabase } from "../setup/database";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

const ORIGIN = { ipAddress: "127.0.0.1", userAgent: "read-cache test", requestId: "read-cache" };

describe("cachedRead", () => {
  let db: AppDatabase;
  let computed = 0;
  const read = () =>
    cachedRead(db, "committees", () => {
      computed++;
      return { count: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM committees`)!.n };
    });

  beforeAll(() => {
    db = freshDatabase();
  });

  it("computes once while nothing changes", () => {
    const first = read();
    const again = read();
    expect(again).toBe(first);
    expect(computed).toBe(1);
    expect(cachedReadKey(first)).toContain("committees");
    expect(cachedReadKey({ count: first.count })).toBeUndefined();
  });

  it("computes afresh after a write transaction", () => {
    const before = read();
    writeTransaction(db, (tx) => {
      tx.run(sql`INSERT INTO committees (code, name) VALUES ('BCD-T1', 'Ban chỉ đạo thử 1')`);
    });
    const after = read();
    expect(after).not.toBe(before);
    expect(after.count).toBe(before.count + 1);
  });

  it("computes afresh after a statement outside any write transaction on the same connection", () => {
    const before = read();
    db.run(sql`INSERT INTO committees (code, name) VALUES ('BCD-T2', 'Ban chỉ đạo thử 2')`);
    expect(read().count).toBe(before.count + 1);
  });

  it("computes afresh after another connection (another process) commits", () => {
    const before = read();
    const version = databaseVersion(db);
    const other = new Database(db.$client.name);
    try {
      other.prepare(`INSERT INTO committees (code, name) VALUES ('BCD-T3', 'Ban chỉ đạo thử 3')`).run();
    } finally {
      other.close();
    }
    expect(databaseVersion(db)).not.toBe(version);
    expect(read().count).toBe(before.count + 1);
  });

  it("computes afresh on a new day (Hanoi time), with no write", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-03-16T16:59:00Z")); // 23:59 in Hanoi
      const before = read();
      expect(read()).toBe(before);
      vi.setSystemTime(new Date("2026-03-16T17:00:00Z")); // 00:00 the next day
      expect(read()).not.toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps nothing read inside a transaction (its rows may yet be rolled back)", () => {
    const before = read();
    const client = db.$client;
    client.exec("BEGIN");
    try {
      client.prepare(`INSERT INTO committees (code, name) VALUES ('BCD-T4', 'Ban chỉ đạo thử 4')`).run();
      expect(read().count).toBe(before.count + 1);
    } finally {
      client.exec("ROLLBACK");
    }
    // total_changes() counted the rolled-back row and data_version did not move: only not keeping it saves us.
    expect(read().count).toBe(before.count);
  });

  it("does not keep an error", () => {
    let calls = 0;
    const failing = () =>
      cachedRead(db, "failing", () => {
        calls++;
        if (calls === 1) throw new Response("no", { status: 404 });
        return { ok: true };
      });
    expect(failing).toThrow();
    expect(failing()).toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it("keys two databases apart even when their counters agree", () => {
    const other = freshDatabase();
    try {
      const here = cachedRead(db, "same key", () => ({ db: "first" }));
      const there = cachedRead(other, "same key", () => ({ db: "second" }));
      expect(there).not.toBe(here);
      expect(there.db).toBe("second");
    } finally {
      other.$client.close();
    }
  });
});

describe("documentKey", () => {
  it("keeps only successful pages whose data came from the cache, keyed by every route's data", () => {
    const db = freshDatabase();
    try {
      const page = cachedRead(db, "page", () => ({ figures: [1, 2, 3] }));
      const root = { user: { id: 1, unreadNotifications: 0 }, locale: "vi" };
      const key = documentKey(new URL("http://x/"), 200, [root, page]);
      expect(key).not.toBeNull();
      expect(documentKey(new URL("http://x/"), 200, [root, { figures: [1, 2, 3] }])).toBeNull();
      expect(documentKey(new URL("http://x/"), 404, [root, page])).toBeNull();
      expect(documentKey(new URL("http://x/?a=1"), 200, [root, page])).not.toBe(key);
      expect(
        documentKey(new URL("http://x/"), 200, [{ ...root, user: { id: 2, unreadNotifications: 0 } }, page]),
      ).not.toBe(key);
      expect(
        documentKey(new URL("http://x/"), 200, [{ ...root, user: { id: 1, unreadNotifications: 1 } }, page]),
      ).not.toBe(key);
    } finally {
      db.$client.close();
    }
  });
});

describe("the dashboard's answer", () => {
  let db: AppDatabase;
  const dashboard = async (login: string, path = "/", headers?: Record<string, string>) => {
    const outcome = await callRoute(dashboardLoader, { path, token: await sessionFor(login), headers });
    expect(outcome.status).toBe(200);
    // The page's data (a day it cannot read wraps the same data in a 400).
    return outcome.body as Exclude<Awaited<ReturnType<typeof dashboardLoader>>, { init: unknown }>;
  };

  beforeAll(async () => {
    db = await useFreshDemoDatabase();
    // Signing in writes (the session, the audit event): done first, so the answers below see the same data.
    for (const login of ["lanhdao", "lanhdao2", "vanphong", "stttt.truong"]) await sessionFor(login);
  });

  it("is shared by users who see the same tasks, and only by them", async () => {
    const chair = await dashboard("lanhdao");
    expect(await dashboard("lanhdao2")).toBe(chair);
    // The secretariat sees draft directives too; a department sees its own tasks: their own answers.
    const secretariat = await dashboard("vanphong");
    const department = await dashboard("stttt.truong");
    expect(secretariat).not.toBe(chair);
    expect(department).not.toBe(chair);
    expect(department.figures.total.count).toBeLessThan(chair.figures.total.count);
    // Other filters, another day, another language: other answers.
    expect(await dashboard("lanhdao", "/?asOf=31/12/2019")).not.toBe(chair);
    const english = await dashboard("lanhdao", "/", { Cookie: await localeCookie.serialize("en") });
    expect(english).not.toBe(chair);
    expect(english.title).not.toBe(chair.title);
  });

  it("is the same for the scorecard, departments, the task list and search: shared by leaders only", async () => {
    for (const [loader, path] of [
      [scorecardLoader, "/scorecard"],
      [departmentsLoader, "/departments"],
      [taskListLoader, "/tasks?status=overdue"],
      [searchLoader, "/search?q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91"],
    ] as const) {
      const read = async (login: string) => {
        const outcome = await callRoute(loader, { path, token: await sessionFor(login) });
        expect(outcome.status, path).toBe(200);
        return outcome.body;
      };
      const chair = await read("lanhdao");
      expect(await read("lanhdao2"), path).toBe(chair);
      expect(await read("vanphong"), path).not.toBe(chair);
      expect(await read("stttt.truong"), path).not.toBe(chair);
    }
  });

  it("changes with the next write", async () => {
    const before = await dashboard("lanhdao");
    // The secretariat puts an overdue task on hold: one overdue task fewer, one more on hold.
    const task = db.get<{ id: number; version: number }>(sql`
      SELECT t.id, t.version FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE t.state = 'in_progress' AND d.state = 'issued' AND d.confidential = 0
        AND t.current_due_date < ${today()} ORDER BY t.id LIMIT 1`);
    expect(task, "an overdue task in the demo").toBeDefined();
    const secretariat = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!;
    const held = changeTaskState(
      db,
      secretariat,
      task!.id,
      task!.version,
      { to: "on_hold", reason: "Tạm dừng" },
      ORIGIN,
    );
    expect(held.ok).toBe(true);
    const after = await dashboard("lanhdao");
    expect(after).not.toBe(before);
    expect(after.figures.counts.on_hold).toBe(before.figures.counts.on_hold + 1);
    expect(after.figures.counts.overdue).toBe(before.figures.counts.overdue - 1);
  });
});

describe("kept documents", () => {
  it("are sent as their bytes with each response's own nonce where the rendering's was", () => {
    const rendered = `<p>Sở Thông tin và Truyền thông · Quá hạn</p><script nonce="n0nce-A">a()</script><link nonce="n0nce-A">`;
    keepDocument("kept documents test", rendered, "n0nce-A");
    const parts = cachedDocument("kept documents test")!;
    const sent = Buffer.from(documentBytes(parts, "другой-B")).toString("utf8");
    expect(sent).toBe(rendered.replaceAll("n0nce-A", "другой-B"));
    // Every hit gets its own copy: one response's nonce never shows in another's.
    expect(Buffer.from(documentBytes(parts, "third-C")).toString("utf8")).toBe(
      rendered.replaceAll("n0nce-A", "third-C"),
    );
    keepDocument("kept without a nonce", rendered, "");
    expect(cachedDocument("kept without a nonce")).toBeUndefined();
  });
});
