// The read cache (app/server/read-cache.server.ts) on a real database: an answer is
// reused only while no row changed — whoever wrote it, through the app's write
// transaction, a plain statement on the same connection, or another connection —
// and the dashboard's answer is shared only by users who see the same tasks.
// (The rendered pages are checked on real servers: tests/e2e/read-cache.e2e.ts.)
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { writeTransaction, type AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import {
  answerStamp,
  cachedRead,
  databaseVersion,
  keepPage,
  keptPage,
  pageBytes,
  renderedPageKey,
  requestedPageKey,
} from "../../app/server/read-cache.server";
import { rootData } from "../../app/server/root-data.server";
import { servePageFromCache } from "../../app/server/page-cache.server";
import { loader as dashboardLoader } from "../../app/routes/_index/route";
import { loader as departmentsLoader } from "../../app/routes/departments._index/route";
import { loader as scorecardLoader } from "../../app/routes/scorecard/route";
import { loader as searchLoader } from "../../app/routes/search/route";
import { loader as taskListLoader } from "../../app/routes/tasks._index/route";
import { today } from "../../app/domain/dates";
import { changeTaskState } from "../../app/models/tasks.server";
import { freshDatabase } from "../setup/database";
import { callRoute, sessionCookieHeader, sessionFor, sessionUser, useFreshDemoDatabase } from "../setup/remix-harness";

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
    expect(answerStamp(first)).toBe(`${databaseVersion(db)}\u0000${today()}`);
    expect(answerStamp({ count: first.count })).toBeUndefined();
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

describe("renderedPageKey", () => {
  it("keeps only successful pages whose data came from the cache, named by the URL, the root's data and the data version", () => {
    const db = freshDatabase();
    try {
      const page = cachedRead(db, "page", () => ({ figures: [1, 2, 3] }));
      const root = { user: { id: 1, unreadNotifications: 0 }, locale: "vi" };
      const url = new URL("http://x/");
      const key = renderedPageKey(url, 200, [root, page]);
      // The name a request finds it by, before any loader runs: the same while nothing changed.
      expect(key).toBe(requestedPageKey(db, url, root));
      expect(renderedPageKey(url, 200, [root, { figures: [1, 2, 3] }])).toBeNull();
      expect(renderedPageKey(url, 404, [root, page])).toBeNull();
      expect(renderedPageKey(url, 200, [root])).toBeNull();
      expect(renderedPageKey(new URL("http://x/?a=1"), 200, [root, page])).not.toBe(key);
      // The host a client names is not part of it.
      expect(renderedPageKey(new URL("http://elsewhere/"), 200, [root, page])).toBe(key);
      expect(renderedPageKey(url, 200, [{ ...root, user: { id: 2, unreadNotifications: 0 } }, page])).not.toBe(key);
      expect(renderedPageKey(url, 200, [{ ...root, user: { id: 1, unreadNotifications: 1 } }, page])).not.toBe(key);
      expect(renderedPageKey(url, 200, [{ ...root, locale: "en" }, page])).not.toBe(key);
      // After a write, the kept name is no longer the one asked for.
      db.run(sql`INSERT INTO committees (name, code) VALUES ('Ban mới', 'BAN-MOI')`);
      expect(requestedPageKey(db, url, root)).not.toBe(key);
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

describe("kept pages", () => {
  it("are sent as their bytes with each response's own nonce where the rendering's was", () => {
    const rendered = `<p>Sở Thông tin và Truyền thông · Quá hạn</p><script nonce="n0nce-A">a()</script><link nonce="n0nce-A">`;
    const url = new URL("http://x/kept-pages-test");
    const headers = new Headers({ "Content-Type": "text/html; charset=utf-8", "Set-Cookie": "a=b" });
    keepPage("kept pages test", url, headers, rendered, "n0nce-A");
    const page = keptPage("kept pages test")!;
    expect(page.headers).toEqual([["content-type", "text/html; charset=utf-8"]]);
    expect(pageBytes(page, "другой-B").toString("utf8")).toBe(rendered.replaceAll("n0nce-A", "другой-B"));
    // Every hit gets its own copy: one response's nonce never shows in another's.
    expect(pageBytes(page, "third-C").toString("utf8")).toBe(rendered.replaceAll("n0nce-A", "third-C"));
    keepPage("kept without a nonce", url, headers, rendered, "");
    expect(keptPage("kept without a nonce")).toBeUndefined();
  });
});

describe("the page cache in front of Remix", () => {
  let db: AppDatabase;

  beforeAll(async () => {
    db = await useFreshDemoDatabase();
  });

  interface Sent {
    status?: number;
    headers: Record<string, string>;
    body?: string;
  }

  /** What Express hands the middleware, and what it answered: a page, or `next()` (on to Remix and its loaders). */
  async function ask(path: string, cookie: string, method = "GET", encoding = "identity"): Promise<Sent | "passed on"> {
    const sent: Sent = { headers: {} };
    const req = {
      method,
      originalUrl: path,
      get: (name: string) => (name === "cookie" ? cookie : undefined),
      acceptsEncodings: () => encoding,
    };
    return new Promise((resolve) => {
      const res = {
        locals: { cspNonce: "nonce-of-this-response" },
        status(code: number) {
          sent.status = code;
          return res;
        },
        setHeader(name: string, value: string) {
          sent.headers[name.toLowerCase()] = value;
        },
        end(body: Buffer) {
          sent.body = (sent.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8");
          resolve(sent);
        },
      };
      servePageFromCache(req as never, res as never, () => resolve("passed on"));
    });
  }

  /** Keeps a page for the dashboard's data as a cookie's reader sees it, as app/entry.server.tsx does once rendered. */
  async function keepDashboard(cookie: string): Promise<string> {
    const request = new Request("http://localhost/", { headers: { cookie } });
    const root = await rootData(request);
    const outcome = await callRoute(dashboardLoader, { path: "/", token: null, headers: { Cookie: cookie } });
    const key = renderedPageKey(new URL(request.url), outcome.status, [root, outcome.body]);
    expect(key).not.toBeNull();
    const html = `<main>${root.user?.displayName}</main><script nonce="rendered">x()</script>`;
    keepPage(key!, new URL(request.url), new Headers({ "Content-Type": "text/html; charset=utf-8" }), html, "rendered");
    return html;
  }

  it("answers a kept page without running a loader until the data changes; bookkeeping does not change it", async () => {
    const cookie = await sessionCookieHeader(await sessionFor("lanhdao"));
    const html = await keepDashboard(cookie);
    const page = html.replace("rendered", "nonce-of-this-response");
    const headers = { "content-type": "text/html; charset=utf-8", "x-page-cache": "hit", vary: "Accept-Encoding" };
    expect(await ask("/", cookie)).toEqual({ status: 200, headers, body: page });
    // Gzipped for a client that takes it, without running the compressor on the way out.
    expect(await ask("/", cookie, "GET", "gzip")).toEqual({
      status: 200,
      headers: { ...headers, "content-encoding": "gzip" },
      body: page,
    });
    // Another query, or another reader: not this page.
    expect(await ask("/?status=overdue", cookie)).toBe("passed on");
    expect(await ask("/", await sessionCookieHeader(await sessionFor("lanhdao2")))).toBe("passed on");
    // Bookkeeping — someone signing in (a session row, an audit event) — leaves it kept.
    await sessionFor("vanphong");
    expect(await ask("/", cookie)).toMatchObject({ status: 200 });
    // A write to the data the page shows: on to Remix, which computes afresh.
    const task = db.get<{ id: number; version: number }>(sql`
      SELECT id, version FROM tasks WHERE state = 'in_progress' ORDER BY id LIMIT 1`)!;
    const secretariat = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!;
    const held = changeTaskState(db, secretariat, task.id, task.version, { to: "on_hold", reason: "Tạm dừng" }, ORIGIN);
    expect(held.ok).toBe(true);
    expect(await ask("/", cookie)).toBe("passed on");
  });

  it("never answers a session that has ended, a visitor without one, or a request that is not a GET", async () => {
    const token = await sessionFor("lanhdao");
    const cookie = await sessionCookieHeader(token);
    await keepDashboard(cookie);
    expect(await ask("/", cookie)).toMatchObject({ status: 200 });
    expect(await ask("/", cookie, "POST")).toBe("passed on");
    expect(await ask("/", "")).toBe("passed on");
    db.run(sql`UPDATE sessions SET revoked_at = ${Date.now()} WHERE id = ${sessionUser(token).sessionId}`);
    expect(await ask("/", cookie)).toBe("passed on");
  });
});
