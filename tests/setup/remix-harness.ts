// Calls a route module's real loader or action in-process, as the Remix server
// would: a Request with the session cookie of a real sign-in, the load context
// the Express server passes, and every way a handler can answer (a returned or
// thrown Response, a `data()` result, plain data) reduced to status + location.
//
// The database is the one app/lib/db.server.ts opens from DATABASE_URL: call
// `useFreshDemoDatabase()` before anything calls getDb().
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import type { Actor, DirectiveAccessFacts, TaskAccessFacts } from "../../app/domain/permissions";
import { sessionCookie } from "../../app/lib/auth.server";
import { closeDb, getDb, type AppDatabase } from "../../app/lib/db.server";
import type { RequestContext } from "../../app/lib/request-context";
import { authenticateApiToken, issueApiToken } from "../../app/models/api-tokens.server";
import { signIn, userForSessionToken, type SessionUser } from "../../app/models/sessions.server";
import { DEMO_PASSWORD, loadDemoData } from "../../db/seed/demo";
import { freshDatabaseFile } from "./database";

export const TEST_ORIGIN = "http://localhost";
export const TEST_CONTEXT = { clientIp: "127.0.0.1", requestId: "test", cspNonce: "n" } satisfies RequestContext;

/** Points the app's database handle at a fresh, migrated copy loaded with the demo data. */
export async function useFreshDemoDatabase(): Promise<AppDatabase> {
  closeDb();
  process.env.DATABASE_URL = `file:${freshDatabaseFile()}`;
  const db = getDb();
  await loadDemoData(db);
  return db;
}

// ---------------------------------------------------------------- sessions

const tokens = new Map<string, string>();

/**
 * A session token for a user, signed in through the real `signIn`. Reused while
 * it still works (a logout in one case would otherwise break the next).
 */
export async function sessionFor(login: string, password = DEMO_PASSWORD): Promise<string> {
  const db = getDb();
  const cached = tokens.get(login);
  if (cached !== undefined && userForSessionToken(db, cached) !== null) return cached;
  const result = await signIn(db, {
    login,
    password,
    previousToken: null,
    origin: { ipAddress: TEST_CONTEXT.clientIp, userAgent: "remix-harness", requestId: TEST_CONTEXT.requestId },
  });
  if (!result.ok) throw new Error(`signing in as ${login} failed: ${result.reason}`);
  tokens.set(login, result.token);
  return result.token;
}

/** The signed-in user behind a token, as the guards see it. */
export function sessionUser(token: string): SessionUser {
  const user = userForSessionToken(getDb(), token);
  if (user === null) throw new Error("the session has ended");
  return user;
}

/** The `Cookie` request header a browser would send after receiving the session cookie. */
export async function sessionCookieHeader(token: string): Promise<string> {
  const setCookie = await sessionCookie.serialize(token);
  return setCookie.split(";")[0]!;
}

// ---------------------------------------------------------------- API tokens

const apiSecrets = new Map<string, string>();

/**
 * The secret of an API token acting as a user, issued through the real
 * `issueApiToken` by the first administrator. Reused while it still works.
 */
export function apiTokenFor(login: string): string {
  const db = getDb();
  const cached = apiSecrets.get(login);
  if (cached !== undefined && authenticateApiToken(db, cached).ok) return cached;
  const user = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = ${login}`);
  const admin = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`);
  if (!user || !admin) throw new Error(`no user ${login} (or no administrator) in the database`);
  const result = issueApiToken(
    db,
    { id: admin.id, role: "admin", departmentId: null },
    { name: `Kiểm thử (${login})`, userId: user.id, expiresOn: null },
    { ipAddress: TEST_CONTEXT.clientIp, userAgent: "remix-harness", requestId: TEST_CONTEXT.requestId },
  );
  if (!result.ok) throw new Error(`issuing an API token for ${login} failed: ${result.code}`);
  apiSecrets.set(login, result.secret);
  return result.secret;
}

/** The `Authorization` header of a call with an API token. */
export function bearer(secret: string): Record<string, string> {
  return { Authorization: `Bearer ${secret}` };
}

// ---------------------------------------------------------------- calling handlers

type Params = LoaderFunctionArgs["params"];

/** A loader or action, as a route module exports it. */
export type RouteHandler = (args: { request: Request; params: Params; context: AppLoadContext }) => unknown;

export interface RouteCall {
  /** Path and query, e.g. `/tasks/3?asOf=31/12/2019`. */
  path: string;
  method?: "GET" | "POST";
  params?: Params;
  /** Session token (from `sessionFor`); none for a signed-out visitor. */
  token?: string | null;
  /** Form fields of a POST (sent url-encoded); URLSearchParams for repeated fields. */
  form?: Record<string, string> | URLSearchParams;
  /** Extra headers; a `Cookie` given here (e.g. the language) is sent along with the session cookie. */
  headers?: Record<string, string>;
}

export interface RouteOutcome {
  status: number;
  location?: string;
  headers: Headers;
  /** The answer's data: a loader's object, a `data()` payload, or a Response body (JSON parsed). */
  body: unknown;
}

interface DataWithResponseInit {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

function isDataWithResponseInit(value: unknown): value is DataWithResponseInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function fromResponse(response: Response): Promise<RouteOutcome> {
  const text = await response.text();
  let body: unknown = text;
  if (response.headers.get("Content-Type")?.includes("json") && text !== "") body = JSON.parse(text) as unknown;
  const location = response.headers.get("Location");
  return { status: response.status, headers: response.headers, body, ...(location === null ? {} : { location }) };
}

/** Reduces whatever a handler returned or threw to status, location, headers and body. */
export async function outcomeOf(value: unknown): Promise<RouteOutcome> {
  if (value instanceof Response) return fromResponse(value);
  if (isDataWithResponseInit(value)) {
    const headers = new Headers(value.init?.headers);
    const location = headers.get("Location");
    return {
      status: value.init?.status ?? 200,
      headers,
      body: value.data,
      ...(location === null ? {} : { location }),
    };
  }
  return { status: 200, headers: new Headers(), body: value };
}

export function buildRequest(call: RouteCall, cookie: string | null): Request {
  const method = call.method ?? "GET";
  const headers = new Headers({ "User-Agent": "remix-harness", ...call.headers });
  const cookies = [call.headers?.Cookie, cookie].filter((c) => c !== undefined && c !== null && c !== "");
  if (cookies.length > 0) headers.set("Cookie", cookies.join("; "));
  if (method !== "GET") headers.set("Origin", TEST_ORIGIN);
  return new Request(new URL(call.path, TEST_ORIGIN), {
    method,
    headers,
    ...(method === "GET" ? {} : { body: new URLSearchParams(call.form ?? {}) }),
  });
}

/** Calls a loader or action and reports its answer; a thrown Error (a bug, not an answer) propagates. */
export async function callRoute(handler: RouteHandler, call: RouteCall): Promise<RouteOutcome> {
  const cookie = call.token ? await sessionCookieHeader(call.token) : null;
  const request = buildRequest(call, cookie);
  try {
    return await outcomeOf(await handler({ request, params: call.params ?? {}, context: { ...TEST_CONTEXT } }));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithResponseInit(thrown)) return outcomeOf(thrown);
    throw thrown;
  }
}

// ---------------------------------------------------------------- what the rules need to know

/**
 * Every task's access facts, read straight from the tables — deliberately not
 * through app/models/visibility.server.ts, whose answers the tests check.
 */
export function allTaskFacts(db: AppDatabase): Map<number, TaskAccessFacts> {
  const rows = db.all<{
    id: number;
    lead: number;
    confidential: 0 | 1;
    state: string;
    coordinators: string | null;
  }>(sql`
    SELECT t.id, t.lead_department_id AS lead, d.confidential, d.state,
      (SELECT group_concat(c.department_id) FROM task_coordinators c WHERE c.task_id = t.id) AS coordinators
    FROM tasks t JOIN directives d ON d.id = t.directive_id ORDER BY t.id`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        leadDepartmentId: r.lead,
        coordinatorDepartmentIds: r.coordinators === null ? [] : r.coordinators.split(",").map(Number),
        directiveConfidential: r.confidential === 1,
        directiveDraft: r.state === "draft",
      },
    ]),
  );
}

/** Every directive's access facts, from the tables (see allTaskFacts). */
export function allDirectiveFacts(db: AppDatabase): Map<number, DirectiveAccessFacts> {
  const facts = new Map<number, DirectiveAccessFacts>();
  const tasks = allTaskFacts(db);
  const directiveOf = new Map(
    db
      .all<{ id: number; directive: number }>(sql`SELECT id, directive_id AS directive FROM tasks`)
      .map((r) => [r.id, r.directive]),
  );
  for (const d of db.all<{ id: number; confidential: 0 | 1; state: string }>(
    sql`SELECT id, confidential, state FROM directives ORDER BY id`,
  )) {
    const assigned = new Set<number>();
    for (const [taskId, task] of tasks) {
      if (directiveOf.get(taskId) !== d.id) continue;
      assigned.add(task.leadDepartmentId);
      for (const c of task.coordinatorDepartmentIds) assigned.add(c);
    }
    facts.set(d.id, {
      confidential: d.confidential === 1,
      draft: d.state === "draft",
      assignedDepartmentIds: [...assigned],
    });
  }
  return facts;
}

/** The demo users, as actors of the permission rules. */
export function demoActors(db: AppDatabase): { login: string; actor: Actor }[] {
  return db
    .all<{ id: number; login: string; role: Actor["role"]; department: number | null }>(
      sql`SELECT id, login, role, department_id AS department FROM users ORDER BY id`,
    )
    .map((u) => ({ login: u.login, actor: { id: u.id, role: u.role, departmentId: u.department } }));
}
