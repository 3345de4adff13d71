// The read cache (app/server/read-cache.server.ts, docs/decisions/017) on real servers:
// the dashboard's answer and its rendered page are kept until the data changes,
// and never outlive a write — made by the same server, or by another process on
// the same file (here a second server; in production `npm run reminders` from
// cron or the sqlite3 shell). A kept page is the page of the user who asked (the
// header's name, the badge), and carries the nonce of its own response.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatLocalDate, today } from "../../app/domain/dates";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { postForm, signInOverHttp, startServer, type ServerProcess } from "../setup/server-process";
import { useBrowser } from "./browser";

// One web worker each: a kept page lives in the worker that rendered it, and these tests ask for it twice.
const ONE_WORKER = { WEB_WORKERS: "1", REMINDERS_JOB: "off" };
let dir: string;
let databaseFile: string;
const servers: ServerProcess[] = [];
const pages = useBrowser();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-read-cache-"));
  databaseFile = path.join(dir, "app.db");
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Two tasks in progress with a deadline and no pending extension request, each with its lead department's head. */
function extensionTargets(): { id: number; dueDate: string; login: string }[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT t.id, t.current_due_date AS dueDate, min(u.login) AS login FROM tasks t
         JOIN directives d ON d.id = t.directive_id
         JOIN users u ON u.department_id = t.lead_department_id AND u.role = 'dept_lead' AND u.active = 1
         WHERE t.state = 'in_progress' AND t.current_due_date IS NOT NULL
           AND d.state = 'issued' AND d.confidential = 0
           AND NOT EXISTS (SELECT 1 FROM extension_requests e WHERE e.task_id = t.id AND e.state = 'pending')
         GROUP BY t.id ORDER BY t.id LIMIT 2`,
      )
      .all() as { id: number; dueDate: string; login: string }[];
  } finally {
    db.close();
  }
}

function displayName(login: string): string {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT display_name AS name FROM users WHERE login = ?`).get(login) as { name: string }).name;
  } finally {
    db.close();
  }
}

interface Dashboard {
  html: string;
  /** The nonce the Content-Security-Policy header allows. */
  headerNonce: string;
  /** The nonces the page's inline scripts carry. */
  bodyNonces: Set<string>;
  pendingExtensions: number;
  /** `hit`: sent by the page cache before any loader ran; `miss`: rendered, and kept. */
  pageCache: string | null;
}

async function dashboard(origin: string, cookie: string): Promise<Dashboard> {
  const response = await fetch(`${origin}/`, { headers: { Cookie: cookie } });
  const html = await response.text();
  expect(response.status).toBe(200);
  const headerNonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";
  const pending = /href="#extensions-heading"[^>]*>([\d.]+)</.exec(html)?.[1];
  expect(pending, "the pending extensions figure").toBeDefined();
  return {
    html,
    headerNonce,
    bodyNonces: new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]!)),
    pendingExtensions: Number(pending!.replace(/\./g, "")),
    pageCache: response.headers.get("x-page-cache"),
  };
}

async function requestExtension(origin: string, cookie: string, task: { id: number; dueDate: string }) {
  const response = await postForm(origin, `/tasks/${task.id}`, cookie, {
    intent: "request_extension",
    idempotencyKey: crypto.randomUUID(),
    // A month after the later of the deadline and today (a day already past is refused).
    proposedDueDate: formatLocalDate(addDays(task.dueDate > today() ? task.dueDate : today(), 30)),
    reason: "Chờ ý kiến thẩm định của các bộ, ngành.",
  });
  expect(response.status, await response.text()).toBe(302);
}

describe("the read cache on real servers", () => {
  it("keeps the dashboard per user and per data, and never past a write from this or another process", async () => {
    servers.push(await startServer({ databaseFile, env: ONE_WORKER }));
    servers.push(await startServer({ databaseFile, env: ONE_WORKER }));
    const [a, b] = servers.map((server) => server.origin) as [string, string];
    const chair = await signInOverHttp(a, "lanhdao", DEMO_PASSWORD);
    const viceChair = await signInOverHttp(a, "lanhdao2", DEMO_PASSWORD);
    const targets = extensionTargets();
    expect(targets.length, "tasks to ask an extension for").toBe(2);
    const heads = await Promise.all(targets.map((task) => signInOverHttp(a, task.login, DEMO_PASSWORD)));

    // The same page twice: the second is the kept one, with its own response's nonce.
    const first = await dashboard(a, chair);
    const second = await dashboard(a, chair);
    for (const page of [first, second]) {
      expect(page.headerNonce).not.toBe("");
      expect([...page.bodyNonces]).toEqual([page.headerNonce]);
    }
    expect([first.pageCache, second.pageCache]).toEqual(["miss", "hit"]);
    expect(second.headerNonce).not.toBe(first.headerNonce);
    expect(second.html.replaceAll(second.headerNonce, "")).toBe(first.html.replaceAll(first.headerNonce, ""));

    // Another leader: the same figures, their own name in the header.
    const other = await dashboard(a, viceChair);
    expect(other.pendingExtensions).toBe(first.pendingExtensions);
    const signedIn = (page: Dashboard) => /title="([^"]+)"/.exec(page.html.slice(page.html.indexOf("<header")))?.[1];
    expect(signedIn(first)).toBe(displayName("lanhdao"));
    expect(signedIn(other)).toBe(displayName("lanhdao2"));

    // A write through the other server (another process, another connection): the next page counts it.
    await requestExtension(b, heads[0]!, targets[0]!);
    const afterOther = await dashboard(a, chair);
    expect(afterOther.pendingExtensions).toBe(first.pendingExtensions + 1);
    expect(afterOther.pageCache).toBe("miss");

    // A write through this server.
    await requestExtension(a, heads[1]!, targets[1]!);
    expect((await dashboard(a, chair)).pendingExtensions).toBe(first.pendingExtensions + 2);
    expect((await dashboard(b, viceChair)).pendingExtensions).toBe(first.pendingExtensions + 2);
  });

  it("sends a kept page only to a session that is still open", async () => {
    servers.push(await startServer({ databaseFile, env: ONE_WORKER }));
    const origin = servers.at(-1)!.origin;
    const cookie = await signInOverHttp(origin, "lanhdao", DEMO_PASSWORD);
    await dashboard(origin, cookie);
    expect((await dashboard(origin, cookie)).pageCache).toBe("hit");
    // Signing out ends the session: the same cookie now gets the sign-in page, not the kept dashboard.
    const out = await postForm(origin, "/logout", cookie, {});
    expect(out.status).toBe(302);
    const after = await fetch(`${origin}/`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    expect(after.headers.get("x-page-cache")).toBeNull();
  });
});

describe("a kept page in a browser", () => {
  it("is the same page, gzipped with the response's nonce, and runs as the first did", async () => {
    const page = await pages.signedIn("lanhdao");
    // Each web worker keeps its own pages: ask until one answers from its cache (a condition, not a count to trust).
    let sent: { cache?: string; encoding?: string } = {};
    for (let visit = 0; visit < 8 && sent.cache !== "hit"; visit++) {
      const response = await page.goto("/");
      sent = { cache: response?.headers()["x-page-cache"], encoding: response?.headers()["content-encoding"] };
      await page.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    }
    expect(sent).toEqual({ cache: "hit", encoding: "gzip" });
    // Hydrated and working: a client-side navigation from the kept page (its scripts ran under the CSP).
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Nhiệm vụ", exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
  });
});
