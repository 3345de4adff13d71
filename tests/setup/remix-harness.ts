// Calls a route module's real loader or action in-process, as the Remix server
// would: a Request with the session cookie of a real sign-in, the load context
// the Express server passes, and every way a handler can answer (a returned or
// thrown Response, a `data()` result, plain data) reduced to status + location.
//
// The database is the one app/models/db.server.ts opens from DATABASE_URL: call
// `useFreshDemoDatabase()` before anything calls getDb().
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import type { Actor, DirectiveAccessFacts, TaskAccessFacts } from "../../app/domain/permissions";
import { sessionCookie } from "../../app/server/auth.server";
import { closeDb, getDb, runDeferredWrites, type AppDatabase } from "../../app/models/db.server";
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

/**
 * A copy of the app's database as it stands (the WAL checkpointed first), for tests
 * that start many cases from one prepared state (`useDatabaseCopy`).
 */
export function snapshotDatabase(): string {
  const db = getDb();
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const snapshot = path.join(process.env.TEST_TMP_DIR!, `snapshot-${crypto.randomUUID()}.db`);
  fs.copyFileSync(process.env.DATABASE_URL!.slice("file:".length), snapshot);
  return snapshot;
}

/** A fresh copy of a snapshot, opened as the app's database. */
export function useDatabaseCopy(snapshot: string): AppDatabase {
  closeDb();
  const file = path.join(path.dirname(snapshot), `${crypto.randomUUID()}.db`);
  fs.copyFileSync(snapshot, file);
  process.env.DATABASE_URL = `file:${file}`;
  return getDb();
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
  /**
   * Form fields of a POST (sent url-encoded); URLSearchParams for repeated fields;
   * FormData to send them as multipart/form-data (files included).
   */
  form?: Record<string, string> | URLSearchParams | FormData;
  /** A raw POST body with its Content-Type (null: none), instead of `form`. */
  rawBody?: { contentType: string | null; text: string };
  /** The client address the server would see (default TEST_CONTEXT's); rate limits count per address. */
  clientIp?: string;
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
  const url = new URL(call.path, TEST_ORIGIN);
  if (method === "GET") return new Request(url, { method, headers });
  if (call.rawBody !== undefined) {
    const request = new Request(url, { method, headers, body: call.rawBody.text });
    // A string body gets text/plain by default; a raw body says exactly what it is.
    if (call.rawBody.contentType === null) request.headers.delete("Content-Type");
    else request.headers.set("Content-Type", call.rawBody.contentType);
    return request;
  }
  const body = call.form instanceof FormData ? call.form : new URLSearchParams(call.form ?? {});
  return new Request(url, { method, headers, body });
}

/**
 * Calls a loader or action and reports its answer; a thrown Error (a bug, not an
 * answer) propagates. What the server writes just after an answer (`deferWrite`:
 * the audit of a refused hidden record) is written before this returns, as it is
 * on the server a moment later.
 */
export async function callRoute(handler: RouteHandler, call: RouteCall): Promise<RouteOutcome> {
  const cookie = call.token ? await sessionCookieHeader(call.token) : null;
  const request = buildRequest(call, cookie);
  try {
    const context = { ...TEST_CONTEXT, ...(call.clientIp === undefined ? {} : { clientIp: call.clientIp }) };
    return await outcomeOf(await handler({ request, params: call.params ?? {}, context }));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithResponseInit(thrown)) return outcomeOf(thrown);
    throw thrown;
  } finally {
    runDeferredWrites();
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

// ---------------------------------------------------------------- route modules

/** The extensions Remix takes a route module from (@remix-run/dev flat routes). */
const ROUTE_MODULE_EXTENSIONS = [".js", ".jsx", ".ts", ".tsx", ".md", ".mdx"];

export interface RouteModuleFile {
  /** The Remix route id: `routes/` + file name without extension, or + folder name. */
  id: string;
  file: string;
}

/** The route modules under app/routes (flat routes): each file, or each folder's route.* or index.*. */
export function routeModuleFiles(routesDir = path.resolve("app/routes")): RouteModuleFile[] {
  return fs
    .readdirSync(routesDir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .flatMap((entry) => {
      if (entry.isDirectory()) {
        const file = ["route", "index"]
          .flatMap((base) => ROUTE_MODULE_EXTENSIONS.map((ext) => path.join(routesDir, entry.name, base + ext)))
          .find((candidate) => fs.existsSync(candidate));
        return file === undefined ? [] : [{ id: `routes/${entry.name}`, file }];
      }
      const ext = path.extname(entry.name);
      if (!ROUTE_MODULE_EXTENSIONS.includes(ext)) return [];
      return [{ id: `routes/${entry.name.slice(0, -ext.length)}`, file: path.join(routesDir, entry.name) }];
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A route module's exports (loader, action, …). */
export async function importRouteModule(route: RouteModuleFile): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ pathToFileURL(route.file).href)) as Record<string, unknown>;
}

/** The URL path of a flat route id: `routes/tasks.$id` + {id: "7"} → `/tasks/7` (values URL-encoded). */
export function routePath(routeId: string, params: Record<string, string>): string {
  const segments = routeId
    .slice("routes/".length)
    .split(".")
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const value = params[segment.slice(1)];
      if (value === undefined) throw new Error(`${routeId}: no value for ${segment}`);
      return encodeURIComponent(value);
    });
  return `/${segments.join("/")}`;
}
