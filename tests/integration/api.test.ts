// The read-only JSON API (/api/v1, docs/decisions/013) on the demo database, through
// the real route loaders: tokens only (401 otherwise), the same numbers as the
// screens' own functions, the same visibility (hidden → 404 and absent from lists),
// translated JSON errors for bad input (never a 500), and pagination that walks
// every row exactly once.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiTokens, auditEvents } from "../../db/schema";
import { addDays, today, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { TASK_STATUSES } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { translate, translator } from "../../app/lib/i18n";
import { authenticateApiToken, issueApiToken, LAST_USED_RESOLUTION } from "../../app/models/api-tokens.server";
import { scorecard } from "../../app/models/dashboard.server";
import { listDirectives } from "../../app/models/directive-list.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import { setUserActive } from "../../app/models/users.server";
import { createDirective, issueDirective } from "../../app/models/directives.server";
import { createFanOut } from "../../app/models/fan-outs.server";
import { createDuty } from "../../app/models/recurring-duties.server";
import { loader as directiveLoader } from "../../app/routes/api.v1.directives.$id/route";
import { loader as directivesLoader } from "../../app/routes/api.v1.directives._index/route";
import { loader as scorecardLoader } from "../../app/routes/api.v1.scorecard/route";
import { loader as taskLoader } from "../../app/routes/api.v1.tasks.$id/route";
import { loader as tasksLoader } from "../../app/routes/api.v1.tasks._index/route";
import { loader as unknownLoader } from "../../app/routes/api.$/route";
import { loader as taskListPageLoader } from "../../app/routes/tasks._index/route";
import { getDirective } from "../../app/models/directive-page.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import {
  apiTokenFor,
  bearer,
  callRoute,
  sessionFor,
  useFreshDemoDatabase,
  type RouteHandler,
  type RouteOutcome,
} from "../setup/remix-harness";

const origin = { ipAddress: "203.0.113.9", userAgent: "vitest", requestId: "api-test" };
const t = translator("vi");

let db: AppDatabase;
let seedDirective: number;
let confidentialDirective: number;
let committee: number;
let sgddt: number;
let stttt: number;

interface ApiErrorBody {
  error: { code: string; message: string };
}

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  const directive = (number: string) =>
    db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = ${number}`)!.id;
  seedDirective = directive("1198/TB-UBND");
  confidentialDirective = directive("1563/UBND-NC");
  committee = db.get<{ id: number }>(sql`SELECT committee_id AS id FROM directives WHERE id = ${seedDirective}`)!.id;
  const department = (code: string) => db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = ${code}`)!.id;
  sgddt = department("SGDDT");
  stttt = department("STTTT");
});

// The per-token limit is tested on its own; the other cases make hundreds of calls with one token.
beforeEach(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "0";
});
afterAll(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

function actorOf(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}

function userId(login: string): number {
  return actorOf(login).id;
}

const admin = () => actorOf("admin");

/** A GET with an API token acting as `login` (or with the given secret; null: no header at all). */
async function get(
  handler: RouteHandler,
  path: string,
  as: { login?: string; secret?: string | null; params?: Record<string, string>; headers?: Record<string, string> },
): Promise<RouteOutcome> {
  const secret = as.secret !== undefined ? as.secret : apiTokenFor(as.login ?? "lanhdao");
  return callRoute(handler, {
    path,
    params: as.params ?? {},
    headers: { ...(secret === null ? {} : bearer(secret)), ...as.headers },
  });
}

function expectJsonError(outcome: RouteOutcome, status: number, code: string): ApiErrorBody["error"] {
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(status);
  expect(outcome.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(outcome.headers.get("Cache-Control")).toBe("no-store");
  const error = (outcome.body as ApiErrorBody).error;
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}

function auditCount(): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`)!.n;
}

// ---------------------------------------------------------------- tokens

describe("API tokens (the model)", () => {
  it("stores the SHA-256 of the secret, never the secret, and audits the issue without it", () => {
    const before = auditCount();
    const result = issueApiToken(
      db,
      admin(),
      { name: "  Cổng dữ liệu Thành phố  ", userId: userId("lanhdao"), expiresOn: null },
      origin,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.secret).toMatch(/^dtk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(result.secret.slice(4), "base64url")).toHaveLength(32);
    const row = db.select().from(apiTokens).where(eq(apiTokens.id, result.tokenId)).get()!;
    expect(row).toMatchObject({
      name: "Cổng dữ liệu Thành phố",
      userId: userId("lanhdao"),
      tokenHash: crypto.createHash("sha256").update(result.secret).digest("hex"),
      tokenPrefix: result.secret.slice(0, 12),
      createdBy: admin().id,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const everything = JSON.stringify(db.all(sql`SELECT * FROM api_tokens`));
    expect(everything).not.toContain(result.secret);
    const audit = db
      .select()
      .from(auditEvents)
      .where(sql`id > ${before}`)
      .all();
    expect(audit.map((a) => [a.action, a.entityType, a.entityId, a.actorId])).toEqual([
      ["api_token.issue", "api_token", String(result.tokenId), admin().id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(result.secret);
    expect(JSON.stringify(audit)).not.toContain(row.tokenHash);
    expect(audit[0]!.after).toMatchObject({ userLogin: "lanhdao", tokenPrefix: row.tokenPrefix });
  });

  it("refuses a blank name, an unknown or disabled account and a past expiry, changing nothing", () => {
    const tokens = db.all(sql`SELECT * FROM api_tokens`);
    const before = auditCount();
    const issue = (input: Partial<Parameters<typeof issueApiToken>[2]>) =>
      issueApiToken(db, admin(), { name: "X", userId: userId("lanhdao"), expiresOn: null, ...input }, origin);
    expect(issue({ name: "   " })).toMatchObject({ ok: false, code: "invalid", field: "name" });
    expect(issue({ userId: 999_999 })).toMatchObject({ ok: false, code: "user_unknown", field: "userId" });
    expect(issue({ expiresOn: "2019-12-31" })).toMatchObject({ ok: false, code: "expiry_past", field: "expiresOn" });
    expect(issue({ expiresOn: "31/12/2030" })).toMatchObject({ ok: false, code: "invalid", field: "expiresOn" });
    db.run(sql`UPDATE users SET active = 0 WHERE login = 'lanhdao2'`);
    expect(issue({ userId: userId("lanhdao2") })).toMatchObject({ ok: false, code: "user_disabled" });
    db.run(sql`UPDATE users SET active = 1 WHERE login = 'lanhdao2'`);
    expect(db.all(sql`SELECT * FROM api_tokens`)).toEqual(tokens);
    expect(auditCount()).toBe(before);
  });

  it("records the last use at most once a minute", () => {
    const result = issueApiToken(db, admin(), { name: "Đồng hồ", userId: userId("lanhdao"), expiresOn: null }, origin);
    if (!result.ok) throw new Error(result.code);
    const lastUsed = () =>
      db.get<{ at: number | null }>(sql`
      SELECT last_used_at AS at FROM api_tokens WHERE id = ${result.tokenId}`)!.at;
    const start = Date.now();
    expect(authenticateApiToken(db, result.secret, start).ok).toBe(true);
    expect(lastUsed()).toBe(start);
    authenticateApiToken(db, result.secret, start + LAST_USED_RESOLUTION - 1);
    expect(lastUsed()).toBe(start);
    authenticateApiToken(db, result.secret, start + LAST_USED_RESOLUTION);
    expect(lastUsed()).toBe(start + LAST_USED_RESOLUTION);
  });
});

// ---------------------------------------------------------------- authentication

describe("authentication", () => {
  it("answers 401 with a Bearer challenge without a token, with a session cookie only, or a bad one", async () => {
    const none = await get(tasksLoader, "/api/v1/tasks", { secret: null });
    expect(expectJsonError(none, 401, "missing_token").message).toBe(t("api.error.missing_token"));
    expect(none.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');

    // A signed-in browser's session cookie is not a token.
    const cookieOnly = await callRoute(tasksLoader, { path: "/api/v1/tasks", token: await sessionFor("lanhdao") });
    expectJsonError(cookieOnly, 401, "missing_token");

    for (const header of [
      `Bearer dtk_${crypto.randomBytes(32).toString("base64url")}`,
      "Bearer not-a-token",
      `Basic ${Buffer.from("lanhdao:Demo@2019").toString("base64")}`,
      `Bearer ${apiTokenFor("lanhdao").slice(0, -1)}`,
    ]) {
      const outcome = await get(tasksLoader, "/api/v1/tasks", { secret: null, headers: { Authorization: header } });
      expectJsonError(outcome, 401, "invalid_token");
      expect(outcome.headers.get("WWW-Authenticate")).toBe('Bearer realm="api", error="invalid_token"');
    }
  });

  it("refuses a revoked token, an expired one and one whose account is disabled", async () => {
    const issue = (login: string, expiresOn: LocalDate | null = null, now?: number) => {
      const result = issueApiToken(
        db,
        admin(),
        { name: `Thử ${login}`, userId: userId(login), expiresOn },
        origin,
        now,
      );
      if (!result.ok) throw new Error(result.code);
      return result;
    };
    const revoked = issue("lanhdao");
    expect((await get(tasksLoader, "/api/v1/tasks", { secret: revoked.secret })).status).toBe(200);
    db.run(
      sql`UPDATE api_tokens SET revoked_at = ${Date.now()}, revoked_by = ${admin().id} WHERE id = ${revoked.tokenId}`,
    );
    expectJsonError(await get(tasksLoader, "/api/v1/tasks", { secret: revoked.secret }), 401, "token_revoked");

    // Issued in 2019, valid through 31/12/2019.
    const expired = issue("lanhdao", "2019-12-31", Date.parse("2019-12-01T03:00:00Z"));
    const outcome = await get(tasksLoader, "/api/v1/tasks", {
      secret: expired.secret,
      headers: { "Accept-Language": "en" },
    });
    expect(expectJsonError(outcome, 401, "token_expired").message).toBe("The access token has expired.");

    // Valid through today: still works.
    const lastDay = issue("lanhdao", today());
    expect((await get(tasksLoader, "/api/v1/tasks", { secret: lastDay.secret })).status).toBe(200);

    const officer = issue("snv.truong");
    expect((await get(tasksLoader, "/api/v1/tasks", { secret: officer.secret })).status).toBe(200);
    const disabled = setUserActive(db, admin(), { userId: userId("snv.truong"), active: false }, origin);
    expect(disabled.ok).toBe(true);
    expectJsonError(await get(tasksLoader, "/api/v1/tasks", { secret: officer.secret }), 401, "account_disabled");
    setUserActive(db, admin(), { userId: userId("snv.truong"), active: true }, origin);
    expect((await get(tasksLoader, "/api/v1/tasks", { secret: officer.secret })).status).toBe(200);
  });

  it("does not let a token open the HTML pages", async () => {
    const outcome = await callRoute(taskListPageLoader, { path: "/tasks", headers: bearer(apiTokenFor("lanhdao")) });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/login?redirectTo=%2Ftasks");
  });

  it("speaks Vietnamese by default, English with Accept-Language: en or ?lang=en", async () => {
    const vi = await get(tasksLoader, "/api/v1/tasks?asOf=31/12/2019", {});
    expect(expectJsonError(vi, 400, "invalid_parameter").message).toBe(
      t("api.error.invalid_date", { name: "asOf", value: "31/12/2019" }),
    );
    expect(vi.headers.get("Content-Language")).toBe("vi");
    const en = await get(tasksLoader, "/api/v1/tasks?asOf=31/12/2019", {
      headers: { "Accept-Language": "en-GB,en;q=0.9,vi;q=0.5" },
    });
    expect(expectJsonError(en, 400, "invalid_parameter").message).toBe(
      "Parameter “asOf” must be a day from 1990-01-01 to 2100-12-31 written YYYY-MM-DD, e.g. 2019-12-31; got “31/12/2019”.",
    );
    expect(en.headers.get("Content-Language")).toBe("en");
    const query = await get(tasksLoader, "/api/v1/tasks?asOf=31/12/2019&lang=en", {
      headers: { "Accept-Language": "vi" },
    });
    expect(expectJsonError(query, 400, "invalid_parameter").message).toContain("must be a day");
    const preferVi = await get(tasksLoader, "/api/v1/tasks?asOf=x", { headers: { "Accept-Language": "en;q=0.4, vi" } });
    expect(preferVi.headers.get("Content-Language")).toBe("vi");
  });

  it("limits requests per token when a limit is set (429 with Retry-After)", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const result = issueApiToken(db, admin(), { name: "Giới hạn", userId: userId("lanhdao"), expiresOn: null }, origin);
    if (!result.ok) throw new Error(result.code);
    for (let i = 0; i < 3; i++) {
      expect((await get(scorecardLoader, "/api/v1/scorecard", { secret: result.secret })).status).toBe(200);
    }
    const refused = await get(scorecardLoader, "/api/v1/scorecard", { secret: result.secret });
    expect(expectJsonError(refused, 429, "rate_limited").message).toContain("3 yêu cầu mỗi phút");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    // Another token has its own budget.
    expect((await get(scorecardLoader, "/api/v1/scorecard", { login: "lanhdao2" })).status).toBe(200);
  });
});

// ---------------------------------------------------------------- the same numbers as the screens

interface TaskItem {
  id: number;
  href: string;
  directive: { id: number; label: string };
  leadDepartment: { id: number; name: string };
  coordinatingDepartments: { id: number; name: string }[];
  deadline: { kind: string; originalDueDate: string | null; dueDate: string | null; extensionCount: number };
  status: { code: string; label: string };
  stale: boolean;
}

interface TaskPage {
  asOf: string;
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  next: string | null;
  prev: string | null;
  items: TaskItem[];
}

/** The task list screen's rows for a query string (as the screen parses it). */
function screenTasks(login: string, query: Record<string, string>, asOf: LocalDate, size = 100) {
  return listTasks(db, actorOf(login), taskListQuery(t).parse(query), asOf, "happened", size);
}

describe("GET /api/v1/tasks", () => {
  it("lists what the task list lists, with the status as of the day asked", async () => {
    for (const asOf of [today(), "2019-12-31", "2020-06-30"]) {
      const outcome = await get(tasksLoader, `/api/v1/tasks?asOf=${asOf}&pageSize=200`, {});
      expect(outcome.status).toBe(200);
      const body = outcome.body as TaskPage;
      const screen = screenTasks("lanhdao", {}, asOf, 200);
      expect(body.asOf).toBe(asOf);
      expect(body.total).toBe(screen.rowCount);
      expect(body.items.map((i) => [i.id, i.status.code, i.deadline.dueDate, i.stale])).toEqual(
        screen.rows.map((r) => [r.id, r.status, r.dueDate, r.stale]),
      );
    }
    const seed = (await get(tasksLoader, `/api/v1/tasks?directive=${seedDirective}&asOf=2019-12-31`, {}))
      .body as TaskPage;
    expect(seed.total).toBeGreaterThanOrEqual(10);
    const item = seed.items[0]!;
    expect(item.status.label).toBe(t(`status.${item.status.code as (typeof TASK_STATUSES)[number]}`));
    expect(item.href).toBe(`/api/v1/tasks/${item.id}`);
    expect(item.directive).toMatchObject({ id: seedDirective, label: "1198/TB-UBND" });
  });

  it("counts exactly the tasks the list counts for a status and a department (every department, every status)", async () => {
    const departments = db.all<{ id: number }>(sql`SELECT DISTINCT lead_department_id AS id FROM tasks`);
    let nonEmpty = 0;
    for (const { id } of departments) {
      for (const status of ["overdue", "due_soon", "done_late", "done_on_time"] as const) {
        const body = (await get(tasksLoader, `/api/v1/tasks?status=${status}&department=${id}`, {})).body as TaskPage;
        const screen = screenTasks("lanhdao", { status, department: String(id) }, today());
        expect(body.total, `${status} of department ${id}`).toBe(screen.rowCount);
        if (body.total > 0) nonEmpty += 1;
        expect(body.items.every((i) => i.status.code === status && i.leadDepartment.id === id)).toBe(true);
      }
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it("filters by committee, coordinator, period, level, due range and stale like the list", async () => {
    const cases: Record<string, string>[] = [
      { committee: String(committee) },
      { period: "2019-Q3" },
      { period: "2019", level: "sub" },
      { level: "top" },
      { coordinator: String(stttt) },
      { dueFrom: "2019-10-01", dueTo: "2019-12-31" },
      { stale: "1" },
      { sort: "status", dir: "desc" },
    ];
    for (const query of cases) {
      const path = `/api/v1/tasks?${new URLSearchParams(query).toString()}&pageSize=100`;
      const body = (await get(tasksLoader, path, {})).body as TaskPage;
      const screen = screenTasks("lanhdao", query, today());
      expect(body.total, JSON.stringify(query)).toBe(screen.rowCount);
      expect(body.items.map((i) => i.id)).toEqual(screen.rows.map((r) => r.id));
    }
  });
});

describe("GET /api/v1/tasks/:id", () => {
  it("gives the details, the deadlines, the extension count, the status and the latest report as of the day", async () => {
    const extended = db.get<{ id: number }>(sql`
      SELECT t.id FROM tasks t JOIN extension_requests e ON e.task_id = t.id
      WHERE t.directive_id = ${seedDirective} AND e.state = 'approved' ORDER BY t.id LIMIT 1`)!.id;
    const outcome = await get(taskLoader, `/api/v1/tasks/${extended}?asOf=2020-06-30`, {
      params: { id: String(extended) },
    });
    expect(outcome.status).toBe(200);
    const { asOf, task } = outcome.body as {
      asOf: string;
      task: TaskItem & {
        workflowState: { code: string; label: string };
        latestProgress: { reportDate: string; createdAt: string; percent: number; department: { name: string } } | null;
        assignedOn: string;
      };
    };
    expect(asOf).toBe("2020-06-30");
    const [row] = screenTasks("lanhdao", { directive: String(seedDirective) }, "2020-06-30").rows.filter(
      (r) => r.id === extended,
    );
    expect(task.status.code).toBe(row!.status);
    expect(task.deadline).toEqual({
      kind: "dated",
      originalDueDate: row!.originalDueDate,
      dueDate: row!.dueDate,
      extensionCount: row!.extensionCount,
    });
    expect(task.deadline.extensionCount).toBeGreaterThanOrEqual(1);
    expect(task.deadline.dueDate).not.toBe(task.deadline.originalDueDate);
    expect(task.workflowState.label).toBe(t(`workflow.${task.workflowState.code as "done"}`));
    const report = db.get<{ created_at: number; percent: number }>(sql`
      SELECT created_at, percent FROM progress_reports WHERE task_id = ${extended}
        AND created_at < ${Date.parse("2020-06-30T17:00:00Z")} ORDER BY created_at DESC, id DESC LIMIT 1`);
    expect(task.latestProgress?.createdAt).toBe(report ? new Date(report.created_at).toISOString() : undefined);
    expect(task.latestProgress?.percent).toBe(report?.percent);

    // Before the extension was granted: the original deadline, no extension.
    const early = (
      await get(taskLoader, `/api/v1/tasks/${extended}?asOf=2019-09-30`, { params: { id: String(extended) } })
    ).body as { task: TaskItem };
    expect(early.task.deadline.extensionCount).toBe(0);
    expect(early.task.deadline.dueDate).toBe(early.task.deadline.originalDueDate);

    // Before the task existed.
    const before = await get(taskLoader, `/api/v1/tasks/${extended}?asOf=2019-01-01`, {
      params: { id: String(extended) },
    });
    expectJsonError(before, 404, "not_assigned_yet");
  });
});

describe("GET /api/v1/directives and /api/v1/directives/:id", () => {
  it("lists the directives the directives page lists, with the same counts", async () => {
    for (const login of ["lanhdao", "vanphong", "sgddt.truong", "admin"]) {
      const body = (await get(directivesLoader, "/api/v1/directives?asOf=2019-12-31", { login })).body as {
        total: number;
        items: { id: number; tasks: { total: number; byStatus: { code: string; count: number }[] } }[];
      };
      const screen = listDirectives(db, actorOf(login), "2019-12-31", "happened");
      expect(body.total, login).toBe(screen.length);
      expect(body.items.map((d) => d.id)).toEqual(screen.map((d) => d.id));
      for (const [i, item] of body.items.entries()) {
        expect(Object.fromEntries(item.tasks.byStatus.map((s) => [s.code, s.count]))).toEqual(
          Object.fromEntries(TASK_STATUSES.map((s) => [s, screen[i]!.counts[s]])),
        );
      }
    }
  });

  it("filters by committee and state", async () => {
    const byCommittee = (await get(directivesLoader, `/api/v1/directives?committee=${committee}`, {})).body as {
      items: { committee: { id: number } }[];
      total: number;
    };
    expect(byCommittee.total).toBeGreaterThan(0);
    expect(byCommittee.items.every((d) => d.committee.id === committee)).toBe(true);
    const closed = (await get(directivesLoader, "/api/v1/directives?state=issued", {})).body as {
      items: { state: { code: string; label: string } }[];
    };
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((d) => d.state.code === "issued" && d.state.label === "Đã ban hành")).toBe(true);
    expectJsonError(await get(directivesLoader, "/api/v1/directives?state=archived", {}), 400, "invalid_parameter");
    expectJsonError(await get(directivesLoader, "/api/v1/directives?committee=999999", {}), 404, "unknown_committee");
  });

  it("summarizes a directive's tasks by status: the seed directive's ten tasks", async () => {
    const outcome = await get(directiveLoader, `/api/v1/directives/${seedDirective}?asOf=2020-06-30`, {
      params: { id: String(seedDirective) },
    });
    expect(outcome.status).toBe(200);
    const { directive } = outcome.body as {
      directive: {
        number: string;
        type: { code: string };
        tasks: { total: number; topLevel: { total: number; byStatus: { code: string; count: number }[] } };
        targets: { name: string; baseline: number; targetValue: number }[];
      };
    };
    const screen = directiveProgressByLevel(
      db,
      actorOf("lanhdao"),
      { directive: seedDirective },
      "2020-06-30",
      "happened",
    )[0]!;
    const screenTasks = getDirective(db, actorOf("lanhdao"), seedDirective, "2020-06-30", "happened")!.tasks;
    expect(directive.number).toBe("1198/TB-UBND");
    expect(directive.tasks.topLevel.total).toBe(10);
    expect(directive.tasks.total).toBe(screenTasks.length);
    expect(Object.fromEntries(directive.tasks.topLevel.byStatus.map((s) => [s.code, s.count]))).toEqual(
      Object.fromEntries(TASK_STATUSES.map((s) => [s, screen.top[s]])),
    );
    expect(directive.targets).toEqual(
      expect.arrayContaining([expect.objectContaining({ baseline: 15.9, targetValue: 30 })]),
    );
  });
});

describe("GET /api/v1/scorecard", () => {
  /** The columns and what each is (docs/decisions/019): "assigned" is the sum of the terms. */
  const COLUMN_KINDS = [
    ["assigned", "assigned"],
    ["done_on_time", "term"],
    ["done_late", "term"],
    ["awaiting_confirmation", "term"],
    ["overdue", "term"],
    ["due_soon", "term"],
    ["on_track", "term"],
    ["ongoing", "term"],
    ["on_hold", "set_aside"],
    ["cancelled", "set_aside"],
    ["stale", "flag"],
  ];
  const TERMS = COLUMN_KINDS.filter(([, kind]) => kind === "term").map(([code]) => code!);

  it("has the scorecard's rows, for today and a past day and any scope, adding up, with links to exactly the tasks counted", async () => {
    const scopes: Record<string, string>[] = [
      {},
      { committee: String(committee) },
      { directive: String(seedDirective) },
      { period: "2019" },
    ];
    for (const asOf of [today(), "2019-12-31"]) {
      for (const scope of scopes) {
        const query = new URLSearchParams({ asOf, ...scope }).toString();
        const outcome = await get(scorecardLoader, `/api/v1/scorecard?${query}`, {});
        expect(outcome.status, query).toBe(200);
        const body = outcome.body as {
          rows: {
            rank: number;
            department: { id: number };
            onTimeRate: number | null;
            figures: Record<string, { count: number; tasks: string }>;
          }[];
          columns: { code: string; label: string; kind: string }[];
        };
        const filters = Object.fromEntries(
          Object.entries(scope).map(([key, value]) => [key, key === "period" ? value : Number(value)]),
        );
        const screen = scorecard(db, actorOf("lanhdao"), filters, asOf, asOf === today(), "happened");
        expect(body.rows.length, query).toBeGreaterThan(0);
        expect(
          body.rows.map((r) => [
            r.department.id,
            r.rank,
            r.onTimeRate,
            ...Object.values(r.figures).map((f) => f.count),
          ]),
        ).toEqual(
          screen.map((r) => [r.department.id, r.rank, r.onTimeRate, ...Object.values(r.figures).map((f) => f.count)]),
        );
        expect(body.columns.map((c) => [c.code, c.kind])).toEqual(COLUMN_KINDS);
        expect(body.columns.map((c) => c.code)).toEqual(Object.keys(body.rows[0]!.figures));
        for (const [index, row] of body.rows.entries()) {
          // Every row adds up.
          expect(row.figures.assigned!.count, `${query}: row ${row.department.id}`).toBe(
            TERMS.reduce((sum, code) => sum + row.figures[code]!.count, 0),
          );
          // Every figure's link lists exactly that many tasks: every column of the first rows
          // of the whole scorecard; in every row, assigned and the non-zero on hold and withdrawn.
          for (const [column, figure] of Object.entries(row.figures)) {
            const checked =
              (index < 4 && Object.keys(scope).length === 0) ||
              column === "assigned" ||
              ((column === "on_hold" || column === "cancelled") && figure.count > 0);
            if (!checked) continue;
            expect(figure.tasks).toContain(`asOf=${asOf}`);
            const listed = (await get(tasksLoader, figure.tasks, {})).body as TaskPage;
            expect(listed.total, `${query}: ${column} of ${row.department.id} (${figure.tasks})`).toBe(figure.count);
          }
        }
        // The rows' on hold and withdrawn add up to the lists of every task of that status in scope.
        for (const status of ["on_hold", "cancelled"]) {
          const listed = (
            await get(tasksLoader, `/api/v1/tasks?${new URLSearchParams({ asOf, status, ...scope }).toString()}`, {})
          ).body as TaskPage;
          expect(
            body.rows.reduce((sum, r) => sum + r.figures[status]!.count, 0),
            `${query}: ${status}`,
          ).toBe(listed.total);
        }
      }
    }
  });

  it("narrows to a directive and refuses an unknown sort", async () => {
    const body = (await get(scorecardLoader, `/api/v1/scorecard?directive=${seedDirective}&sort=overdue&dir=desc`, {}))
      .body as { rows: { figures: { assigned: { count: number }; overdue: { count: number } } }[] };
    expect(body.rows.reduce((sum, r) => sum + r.figures.assigned.count, 0)).toBe(
      screenTasks("lanhdao", { directive: String(seedDirective), counted: "1" }, today()).rowCount,
    );
    const overdue = body.rows.map((r) => r.figures.overdue.count);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    expectJsonError(await get(scorecardLoader, "/api/v1/scorecard?sort=bogus", {}), 400, "invalid_parameter");
    expectJsonError(await get(scorecardLoader, "/api/v1/scorecard?period=2019-Q9", {}), 400, "invalid_parameter");
  });
});

// ---------------------------------------------------------------- access

describe("the screens' access rules", () => {
  it("shows a department head only their department's tasks, and hides the others' as 404", async () => {
    const body = (await get(tasksLoader, "/api/v1/tasks?pageSize=200", { login: "sgddt.truong" })).body as TaskPage;
    expect(body.total).toBe(screenTasks("sgddt.truong", {}, today(), 100).rowCount);
    expect(body.total).toBeGreaterThan(0);
    for (const item of body.items) {
      const involved = [item.leadDepartment.id, ...item.coordinatingDepartments.map((d) => d.id)];
      expect(involved).toContain(sgddt);
    }
    const others = db.all<{ id: number }>(sql`
      SELECT t.id FROM tasks t WHERE t.lead_department_id <> ${sgddt}
        AND NOT EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${sgddt})`);
    expect(others.length).toBeGreaterThan(5);
    expect(body.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([others[0]!.id]));
    const hidden = others[0]!.id;
    const before = auditCount();
    const outcome = await get(taskLoader, `/api/v1/tasks/${hidden}`, {
      login: "sgddt.truong",
      params: { id: String(hidden) },
    });
    const missing = await get(taskLoader, "/api/v1/tasks/999999", { login: "sgddt.truong", params: { id: "999999" } });
    // Hidden and missing answer alike.
    expect(outcome.body).toEqual(missing.body);
    expectJsonError(outcome, 404, "not_found");
    const denied = db
      .select()
      .from(auditEvents)
      .where(sql`id > ${before}`)
      .all();
    expect(denied.map((d) => [d.action, d.entityType, d.entityId, d.actorId])).toEqual([
      ["access.denied", "task", String(hidden), userId("sgddt.truong")],
    ]);
    expect(denied[0]!.after).toMatchObject({ path: `/api/v1/tasks/${hidden}`, status: 404 });
  });

  it("hides a confidential directive from a department not assigned in it and from the administrator", async () => {
    for (const login of ["sgddt.truong", "admin"]) {
      const one = await get(directiveLoader, `/api/v1/directives/${confidentialDirective}`, {
        login,
        params: { id: String(confidentialDirective) },
      });
      expectJsonError(one, 404, "not_found");
      const list = (await get(directivesLoader, "/api/v1/directives?pageSize=200", { login })).body as {
        items: { id: number }[];
      };
      expect(list.items.map((d) => d.id)).not.toContain(confidentialDirective);
      const tasks = (await get(tasksLoader, "/api/v1/tasks?pageSize=200", { login })).body as TaskPage;
      expect(tasks.items.map((i) => i.directive.id)).not.toContain(confidentialDirective);
      const filtered = await get(tasksLoader, `/api/v1/tasks?directive=${confidentialDirective}`, { login });
      expect(expectJsonError(filtered, 404, "unknown_directive").message).toBe(
        t("api.error.unknown_directive", { id: confidentialDirective }),
      );
      const confidentialTask = db.get<{ id: number }>(sql`
        SELECT id FROM tasks WHERE directive_id = ${confidentialDirective} LIMIT 1`)!.id;
      expectJsonError(
        await get(taskLoader, `/api/v1/tasks/${confidentialTask}`, { login, params: { id: String(confidentialTask) } }),
        404,
        "not_found",
      );
    }
    // The coordinating department and leadership see it.
    for (const login of ["stttt.truong", "lanhdao"]) {
      const one = await get(directiveLoader, `/api/v1/directives/${confidentialDirective}`, {
        login,
        params: { id: String(confidentialDirective) },
      });
      expect(one.status, login).toBe(200);
      expect((one.body as { directive: { confidential: boolean } }).directive.confidential).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- bad input

describe("bad input", () => {
  it("answers a translated 400 or 404, never a 500, and changes nothing", async () => {
    const before = auditCount();
    const tokens = db.all(sql`SELECT id, revoked_at FROM api_tokens`);
    const cases: [RouteHandler, string, number, string, Record<string, string>?][] = [
      [tasksLoader, "/api/v1/tasks?asOf=2019-02-30", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?asOf=hôm%20nay", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?status=late", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?department=abc", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?department=0", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?department=999999", 404, "unknown_department"],
      [tasksLoader, "/api/v1/tasks?coordinator=999999", 404, "unknown_department"],
      [tasksLoader, "/api/v1/tasks?directive=999999", 404, "unknown_directive"],
      [tasksLoader, "/api/v1/tasks?committee=999999", 404, "unknown_committee"],
      [tasksLoader, "/api/v1/tasks?page=0", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?page=-1", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?pageSize=201", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?pageSize=1.5", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?size=10", 400, "unknown_parameter"],
      [tasksLoader, "/api/v1/tasks?status=overdue&status=due_soon", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?sort=title", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?period=2019-Q5", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?level=middle", 400, "invalid_parameter"],
      [tasksLoader, "/api/v1/tasks?lang=fr", 400, "invalid_parameter"],
      [taskLoader, "/api/v1/tasks/abc", 404, "not_found", { id: "abc" }],
      [taskLoader, "/api/v1/tasks/999999", 404, "not_found", { id: "999999" }],
      [taskLoader, "/api/v1/tasks/1?asOf=2019-13-01", 400, "invalid_parameter", { id: "1" }],
      [directiveLoader, "/api/v1/directives/0", 404, "not_found", { id: "0" }],
      [directivesLoader, "/api/v1/directives?page=x", 400, "invalid_parameter"],
      [scorecardLoader, "/api/v1/scorecard?department=1", 400, "unknown_parameter"],
      [scorecardLoader, "/api/v1/scorecard?asOf=2019-12-32", 400, "invalid_parameter"],
      [unknownLoader, "/api/v1/tasks/1/history", 404, "unknown_endpoint"],
    ];
    for (const [handler, path, status, code, params] of cases) {
      for (const language of ["vi", "en"] as const) {
        const outcome = await get(handler, path, { params, headers: { "Accept-Language": language } });
        const error = expectJsonError(outcome, status, code);
        expect(outcome.headers.get("Content-Language"), path).toBe(path.includes("lang=fr") ? "vi" : language);
        if (code === "not_found") expect(error.message).toBe(translate(language, "api.error.not_found"));
      }
    }
    const statusError = (await get(tasksLoader, "/api/v1/tasks?status=late", {})).body as ApiErrorBody;
    expect(statusError.error.message).toBe(
      t("api.error.invalid_choice", { name: "status", value: "late", allowed: TASK_STATUSES.join(", ") }),
    );
    const unknown = (await get(tasksLoader, "/api/v1/tasks?departmnt=3", {})).body as ApiErrorBody;
    expect(unknown.error.message).toContain("“departmnt”");
    // Nothing was written: no audit event (a hidden record is the only refusal audited), no token touched.
    expect(auditCount()).toBe(before);
    expect(db.all(sql`SELECT id, revoked_at FROM api_tokens`)).toEqual(tokens);
  });
});

// ---------------------------------------------------------------- pagination

describe("pagination", () => {
  it("walks every task exactly once by following `next`, in the list's order", async () => {
    const all = (await get(tasksLoader, "/api/v1/tasks?asOf=2020-06-30&pageSize=200", {})).body as TaskPage;
    expect(all.total).toBeGreaterThan(7);
    expect(all.items).toHaveLength(all.total);
    const seen: number[] = [];
    let path: string | null = "/api/v1/tasks?asOf=2020-06-30&pageSize=3";
    let pages = 0;
    let last: TaskPage | null = null;
    while (path !== null) {
      const page = (await get(tasksLoader, path, {})).body as TaskPage;
      expect(page.pageSize).toBe(3);
      expect(page.total).toBe(all.total);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      pages += 1;
      expect(page.page).toBe(pages);
      if (page.next !== null) expect(new URL(page.next, "http://x").searchParams.get("asOf")).toBe("2020-06-30");
      last = page;
      path = page.next;
    }
    expect(pages).toBe(Math.ceil(all.total / 3));
    expect(last!.pages).toBe(pages);
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(last!.prev).toBe(`/api/v1/tasks?asOf=2020-06-30&pageSize=3&page=${pages - 1}`);

    const first = (await get(tasksLoader, "/api/v1/tasks?asOf=2020-06-30&pageSize=3", {})).body as TaskPage;
    expect(first.prev).toBeNull();
    const beyond = (await get(tasksLoader, `/api/v1/tasks?asOf=2020-06-30&pageSize=3&page=${pages + 5}`, {}))
      .body as TaskPage;
    expect(beyond).toMatchObject({ items: [], next: null, page: pages + 5, total: all.total });
    expect(beyond.prev).toBe(`/api/v1/tasks?asOf=2020-06-30&pageSize=3&page=${pages}`);
  });

  it("pins today's date in the links when no asOf is given, and pages the directives too", async () => {
    const page = (await get(tasksLoader, "/api/v1/tasks?pageSize=1&status=overdue", {})).body as TaskPage;
    expect(page.total).toBeGreaterThan(1);
    expect(page.next).toBe(`/api/v1/tasks?pageSize=1&status=overdue&asOf=${today()}&page=2`);

    const directives = (await get(directivesLoader, "/api/v1/directives?pageSize=1", { login: "vanphong" })).body as {
      total: number;
      items: { id: number }[];
      next: string | null;
    };
    const screen = listDirectives(db, actorOf("vanphong"), today(), "happened").map((d) => d.id);
    expect(directives.total).toBe(screen.length);
    const ids = [...directives.items.map((d) => d.id)];
    let next = directives.next;
    while (next !== null) {
      const more = (await get(directivesLoader, next, { login: "vanphong" })).body as typeof directives;
      ids.push(...more.items.map((d) => d.id));
      next = more.next;
    }
    expect(ids).toEqual(screen);
    const empty = (await get(directivesLoader, "/api/v1/directives?page=99", { login: "vanphong" })).body as {
      items: unknown[];
    };
    expect(empty.items).toEqual([]);
  });
});

describe("the items and duties a task belongs to", () => {
  it("names the item given to many units, the recurring duty and its period on each task, null on the others", async () => {
    const secretariat = actorOf("vanphong");
    const committeeId = committee;
    const created = createDirective(
      db,
      secretariat,
      {
        committeeId,
        meetingId: null,
        number: "77/TB-API",
        type: "conclusion_notice",
        issuedOn: null,
        issuer: "UBND Thành phố Hà Nội",
        signer: null,
        abstract: "Kết luận có nội dung giao nhiều đơn vị và báo cáo định kỳ",
        fullText: null,
        confidential: false,
      },
      origin,
    );
    if (!created.ok) throw new Error("directive");
    const day = today();
    if (!issueDirective(db, secretariat, created.id, created.version, { issuedOn: addDays(day, -40) }, origin).ok)
      throw new Error("issue");
    const item = createFanOut(
      db,
      secretariat,
      {
        directiveId: created.id,
        itemNumber: "1",
        title: "Rà soát thủ tục hành chính",
        description: null,
        target: { kind: "leads", departmentIds: [sgddt, stttt] },
        coordinatorDepartmentIds: [],
        deadlineKind: "dated",
        dueDate: addDays(day, 20),
        assignedOn: day,
      },
      origin,
    );
    if (!item.ok) throw new Error(`fan-out: ${item.error}`);
    const duty = createDuty(
      db,
      secretariat,
      {
        directiveId: created.id,
        itemNumber: "2",
        title: "Báo cáo tình hình chuyển đổi số",
        description: null,
        leadDepartmentId: stttt,
        coordinatorDepartmentIds: [],
        frequency: "monthly",
        day: 5,
        workingDays: false,
        startsOn: `${day.slice(0, 7)}-01`,
        endsOn: null,
      },
      origin,
    );
    if (!duty.ok) throw new Error(`duty: ${duty.error}`);

    const body = (await get(tasksLoader, `/api/v1/tasks?directive=${created.id}&pageSize=100`, {})).body as {
      items: (TaskItem & { fanOutId: number | null; dutyId: number | null; dutyPeriod: string | null })[];
    };
    const stored = db.all<{ id: number; fanOutId: number | null; dutyId: number | null; dutyPeriod: string | null }>(
      sql`SELECT id, fan_out_id AS fanOutId, duty_id AS dutyId, duty_period AS dutyPeriod FROM tasks
        WHERE directive_id = ${created.id} ORDER BY id`,
    );
    expect(
      body.items.map((i) => ({ id: i.id, fanOutId: i.fanOutId, dutyId: i.dutyId, dutyPeriod: i.dutyPeriod })),
    ).toEqual(expect.arrayContaining(stored));
    expect(body.items).toHaveLength(stored.length);
    expect(body.items.filter((i) => i.fanOutId === item.id)).toHaveLength(2);
    const periods = body.items.filter((i) => i.dutyId === duty.id);
    expect(periods.length).toBeGreaterThanOrEqual(1);
    expect(periods.every((i) => i.fanOutId === null && /^\d{4}-\d{2}$/.test(i.dutyPeriod ?? ""))).toBe(true);
    expect(body.items.filter((i) => i.fanOutId !== null).every((i) => i.dutyId === null && i.dutyPeriod === null)).toBe(
      true,
    );

    // One task: the same fields.
    const one = (await get(taskLoader, `/api/v1/tasks/${periods[0]!.id}`, { params: { id: String(periods[0]!.id) } }))
      .body as { task: { fanOutId: number | null; dutyId: number | null; dutyPeriod: string | null } };
    expect(one.task).toMatchObject({ fanOutId: null, dutyId: duty.id, dutyPeriod: periods[0]!.dutyPeriod });
    // The directive: every task once, its own main tasks apart (none: only an item and a duty),
    // the duty's periods apart, the item once by its roll-up and never among the tasks.
    const summary = (
      await get(directiveLoader, `/api/v1/directives/${created.id}`, { params: { id: String(created.id) } })
    ).body as {
      directive: {
        tasks: { total: number; topLevel: { total: number }; dutyPeriods: { total: number } };
        itemsGivenToManyUnits: { total: number; byStatus: { code: string; count: number }[] };
      };
    };
    expect(summary.directive.tasks.total).toBe(stored.length);
    expect(summary.directive.tasks.topLevel.total).toBe(0);
    expect(summary.directive.tasks.dutyPeriods.total).toBe(periods.length);
    expect(summary.directive.itemsGivenToManyUnits.total).toBe(1);
    expect(summary.directive.itemsGivenToManyUnits.byStatus.find((s) => s.count === 1)?.code).toBe("on_track");

    // A seed task belongs to neither.
    const seedTask = (await get(tasksLoader, `/api/v1/tasks?directive=${seedDirective}&pageSize=1`, {})).body as {
      items: { fanOutId: unknown; dutyId: unknown; dutyPeriod: unknown }[];
    };
    expect(seedTask.items[0]).toMatchObject({ fanOutId: null, dutyId: null, dutyPeriod: null });
  });
});
