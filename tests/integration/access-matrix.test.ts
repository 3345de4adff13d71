// The access matrix: every route module × every demo user (and a signed-out
// visitor) × for record pages every task or directive of the demo (own
// department or not, confidential or not, a draft, one that does not exist).
// Each case calls the route's real loader or action in-process and compares the
// answer with what the permission table says it must be:
//   signed out → 302 to /login?redirectTo=…; permission missing → 403;
//   record hidden or missing → 404; allowed → what app/lib/route-access.ts declares.
// A JSON API route (authentication "api_token") answers 401 to every call without an
// API token, signed in or not; with a token acting as the user, the same table applies.
// Expectations are computed from app/domain/permissions.ts, never written by hand.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  canReadDepartmentFigures,
  canSeeDirective,
  canSeeTask,
  hasPermission,
  type Actor,
  type DirectiveAccessFacts,
  type TaskAccessFacts,
} from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { translate, translator } from "../../app/lib/i18n";
import { publishReport } from "../../app/models/published-reports.server";
import { ROUTE_ACCESS, type Guard, type RouteAccess } from "../../app/lib/route-access";
import { ROLES } from "../../app/domain/vocabulary";
import { directives, taskCoordinators, tasks } from "../../db/schema";
import {
  allDirectiveFacts,
  allTaskFacts,
  apiTokenFor,
  bearer,
  callRoute,
  demoActors,
  sessionFor,
  useFreshDemoDatabase,
  type RouteHandler,
} from "../setup/remix-harness";

const ROUTES_DIR = path.resolve("app/routes");
/** The extensions Remix takes a route module from (@remix-run/dev flat routes). */
const ROUTE_MODULE_EXTENSIONS = [".js", ".jsx", ".ts", ".tsx", ".md", ".mdx"];
const REGISTRY: Record<string, RouteAccess> = ROUTE_ACCESS;
const METHODS = ["loader", "action"] as const;
type Method = (typeof METHODS)[number];

interface RouteModuleFile {
  /** The Remix route id: `routes/` + file name without extension, or + folder name. */
  id: string;
  file: string;
}

/**
 * The route modules Remix builds: app/root.*, and in app/routes (flat routes)
 * each file, or each folder's route.* or index.*.
 */
function routeModuleFiles(): RouteModuleFile[] {
  const root = ROUTE_MODULE_EXTENSIONS.map((ext) => path.resolve(`app/root${ext}`)).find((f) => fs.existsSync(f));
  if (root === undefined) throw new Error("no app/root module");
  const routes = fs
    .readdirSync(ROUTES_DIR, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .flatMap((entry) => {
      if (entry.isDirectory()) {
        const file = ["route", "index"]
          .flatMap((base) => ROUTE_MODULE_EXTENSIONS.map((ext) => path.join(ROUTES_DIR, entry.name, base + ext)))
          .find((candidate) => fs.existsSync(candidate));
        return file === undefined ? [] : [{ id: `routes/${entry.name}`, file }];
      }
      const ext = path.extname(entry.name);
      if (!ROUTE_MODULE_EXTENSIONS.includes(ext)) return [];
      return [{ id: `routes/${entry.name.slice(0, -ext.length)}`, file: path.join(ROUTES_DIR, entry.name) }];
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  return [{ id: "root", file: root }, ...routes];
}

const ROUTE_FILES = routeModuleFiles();

/** The URL of a flat route id: `routes/tasks.$id` + {id: 7} → `/tasks/7`. */
function urlPath(routeId: string, params: Record<string, string>): string {
  if (routeId === "root") return "/";
  const segments = routeId
    .slice("routes/".length)
    .split(".")
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const value = params[segment.slice(1)];
      if (value === undefined) throw new Error(`${routeId}: no value for ${segment}`);
      return value;
    });
  return `/${segments.join("/")}`;
}

function dynamicParams(routeId: string): string[] {
  if (routeId === "root") return [];
  return routeId
    .slice("routes/".length)
    .split(".")
    .filter((segment) => segment.startsWith("$"))
    .map((segment) => segment.slice(1));
}

// ---------------------------------------------------------------- the demo world

interface Probe {
  /** For the test name and the coverage check. */
  label: string;
  params: Record<string, string>;
  /** The record's id, for a route that takes it from the query string. */
  recordId?: string;
  /** The record of a resource route: its access facts, or null when it does not exist. */
  task?: TaskAccessFacts | null;
  directive?: DirectiveAccessFacts | null;
  /** The department of a department route, or null when it does not exist. */
  department?: { id: number } | null;
}

interface World {
  db: AppDatabase;
  users: { login: string; actor: Actor }[];
  taskProbes: Probe[];
  directiveProbes: Probe[];
  /** A department of a demo department user, another one, and one that does not exist. */
  departmentProbes: Probe[];
  /** `$id` values of non-resource routes (one user or department to administer, one committee or meeting). */
  paramSamples: Record<string, Record<string, string>>;
}

const MISSING_ID = "999999";
/** Every user of the demo (db/seed/demo.ts); a test checks that none is left out. */
const DEMO_LOGINS = [
  "admin",
  "vanphong",
  "lanhdao",
  "lanhdao2",
  "stttt.truong",
  "stttt.chuyenvien",
  "sgddt.truong",
  "syt.truong",
  "snv.truong",
] as const;
let world: World;

function departmentId(db: AppDatabase, code: string): number {
  const row = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = ${code}`);
  if (!row) throw new Error(`no department ${code} in the demo`);
  return row.id;
}

/** A draft directive (only the secretariat may see it) with a task for the demo's STTTT and SGDDT. */
function insertDraft(db: AppDatabase): void {
  const committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
  const draft = db
    .insert(directives)
    .values({
      committeeId,
      type: "plan",
      issuer: "UBND Thành phố Hà Nội",
      abstract: "Dự thảo kế hoạch",
      state: "draft",
    })
    .returning({ id: directives.id })
    .get();
  const task = db
    .insert(tasks)
    .values({
      directiveId: draft.id,
      itemNumber: "1",
      title: "Nhiệm vụ trong dự thảo",
      leadDepartmentId: departmentId(db, "STTTT"),
      deadlineKind: "none",
      assignedOn: "2026-01-05",
    })
    .returning({ id: tasks.id })
    .get();
  db.insert(taskCoordinators)
    .values({ taskId: task.id, departmentId: departmentId(db, "SGDDT") })
    .run();
}

/** A period report published by the secretariat for the whole city, as of the last day of 2025. */
async function publishedReport(db: AppDatabase): Promise<string> {
  const publisher = db.get<Actor & { displayName: string }>(sql`
    SELECT id, role, department_id AS departmentId, display_name AS displayName FROM users WHERE login = 'vanphong'`)!;
  const published = await publishReport(
    db,
    publisher,
    { title: "Báo cáo năm 2025", cutOff: "2025-12-31", scope: {} },
    translator("vi"),
    { ipAddress: "127.0.0.1", userAgent: "access-matrix", requestId: "access-matrix" },
  );
  if (!published.ok) throw new Error(JSON.stringify(published));
  return String(published.id);
}

function describeRecord(kind: string, id: number, facts: { confidential: boolean; draft: boolean }): string {
  return `${kind} ${id}${facts.confidential ? " (confidential)" : ""}${facts.draft ? " (draft)" : ""}`;
}

beforeAll(async () => {
  const db = await useFreshDemoDatabase();
  insertDraft(db);
  const taskProbes: Probe[] = [...allTaskFacts(db)].map(([id, task]) => ({
    label: describeRecord("task", id, { confidential: task.directiveConfidential, draft: task.directiveDraft }),
    params: { id: String(id) },
    recordId: String(id),
    task,
  }));
  const directiveProbes: Probe[] = [...allDirectiveFacts(db)].map(([id, directive]) => ({
    label: describeRecord("directive", id, directive),
    params: { id: String(id) },
    recordId: String(id),
    directive,
  }));
  taskProbes.push({
    label: "a task that does not exist",
    params: { id: MISSING_ID },
    recordId: MISSING_ID,
    task: null,
  });
  directiveProbes.push({
    label: "a directive that does not exist",
    params: { id: MISSING_ID },
    recordId: MISSING_ID,
    directive: null,
  });
  const officer = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'stttt.chuyenvien'`)!.id;
  const stttt = String(departmentId(db, "STTTT"));
  const committee = String(db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id);
  const meeting = String(db.get<{ id: number }>(sql`SELECT id FROM meetings ORDER BY id LIMIT 1`)!.id);
  apiTokenFor("lanhdao");
  const apiToken = String(db.get<{ id: number }>(sql`SELECT id FROM api_tokens ORDER BY id LIMIT 1`)!.id);
  const report = await publishedReport(db);
  const unitGroup = String(db.get<{ id: number }>(sql`SELECT id FROM unit_groups ORDER BY id LIMIT 1`)!.id);
  world = {
    db,
    users: demoActors(db),
    taskProbes,
    directiveProbes,
    departmentProbes: [
      { label: "department STTTT", params: { id: stttt }, department: { id: Number(stttt) } },
      {
        label: "department SGDDT",
        params: { id: String(departmentId(db, "SGDDT")) },
        department: { id: departmentId(db, "SGDDT") },
      },
      { label: "a department that does not exist", params: { id: MISSING_ID }, department: null },
    ],
    paramSamples: {
      "routes/admin.users.$id": { id: String(officer) },
      "routes/admin.departments.$id": { id: stttt },
      "routes/committees.$id": { id: committee },
      "routes/committees.$id_.edit": { id: committee },
      "routes/meetings.$id": { id: meeting },
      "routes/meetings.$id_.edit": { id: meeting },
      "routes/admin.api-tokens.$id": { id: apiToken },
      "routes/admin.groups.$id": { id: unitGroup },
      // The demo has no recurring duty: a duty that does not exist.
      "routes/duties.$id": { id: MISSING_ID },
      // The splat of /api/*: any address the API does not have.
      "routes/api.$": { "": "v1/nothing-here", "*": "v1/nothing-here" },
      "routes/tasks.$id_.attachments.$attachmentId": { attachmentId: MISSING_ID },
      "routes/directives.$id_.items.$itemId": { itemId: MISSING_ID },
      // A published report, its page and its stored file (the Excel workbook by default).
      "routes/reports.$id": { id: report },
      "routes/reports.$id_.download": { id: report },
    },
  };
});

function probesFor(routeId: string, guard: Guard): Probe[] {
  if (guard.resource === "department") return world.departmentProbes;
  const records =
    guard.resource === "task" ? world.taskProbes : guard.resource === "directive" ? world.directiveProbes : null;
  // A record in the query string (`?directive=3`): the path has no parameter of its own.
  if (records !== null && guard.resourceQuery !== undefined) return records.map((probe) => ({ ...probe, params: {} }));
  // A record page with a second parameter (an attachment of the task) takes its value from the samples.
  const extra = world.paramSamples[routeId];
  if (records !== null && extra !== undefined)
    return records.map((probe) => ({ ...probe, params: { ...probe.params, ...extra } }));
  if (records !== null) return records;
  const params = dynamicParams(routeId);
  if (params.length === 0) return [{ label: "page", params: {} }];
  const sample = world.paramSamples[routeId];
  if (sample === undefined) {
    throw new Error(`${routeId} has ${params.map((p) => `$${p}`).join(", ")}: give it a resource or a sample value`);
  }
  return [{ label: `page of ${JSON.stringify(sample)}`, params: sample }];
}

// ---------------------------------------------------------------- the expectation

interface Expected {
  status: number;
  location?: string;
}

/** What the permission table says the answer must be. */
function expectedOutcome(guard: Guard, actor: Actor | null, probe: Probe, path: string): Expected {
  const granted: Expected = guard.granted ?? { status: 200 };
  if (guard.permission === "public") return actor === null ? granted : (guard.grantedWhenSignedIn ?? granted);
  if (actor === null) return { status: 302, location: `/login?redirectTo=${encodeURIComponent(path)}` };
  if (guard.permission !== "signed_in" && !hasPermission(actor, guard.permission)) return { status: 403 };
  if (guard.resource === "task" && (!probe.task || !canSeeTask(actor, probe.task))) return { status: 404 };
  if (guard.resource === "directive" && (!probe.directive || !canSeeDirective(actor, probe.directive))) {
    return { status: 404 };
  }
  if (guard.resource === "department") {
    if (!probe.department) return { status: 404 };
    if (!canReadDepartmentFigures(actor, probe.department.id)) return { status: 403 };
  }
  return granted;
}

/** "own department" / "other department" for a department user, for the coverage check. */
function relation(actor: Actor, probe: Probe): string | null {
  if (actor.departmentId === null) return null;
  const assigned = probe.task
    ? [probe.task.leadDepartmentId, ...probe.task.coordinatorDepartmentIds]
    : probe.directive
      ? probe.directive.assignedDepartmentIds
      : null;
  if (assigned === null) return null;
  const confidential = probe.task ? probe.task.directiveConfidential : probe.directive!.confidential;
  return `${assigned.includes(actor.departmentId) ? "own" : "other"} department, ${confidential ? "confidential" : "not confidential"}`;
}

// ---------------------------------------------------------------- the tests

const exercised = { cases: 0, byStatus: new Map<number, number>(), relations: new Map<string, Set<string>>() };

describe("the route access registry", () => {
  it("finds the route modules (the listing is not vacuous)", () => {
    expect(ROUTE_FILES.map((r) => r.id)).toEqual(
      expect.arrayContaining(["root", "routes/_index", "routes/tasks.$id", "routes/login", "routes/audit._index"]),
    );
  });

  it("runs as every user of the demo database, every role among them", () => {
    expect(world.users.map((u) => u.login).sort()).toEqual([...DEMO_LOGINS].sort());
    expect(new Set(world.users.map((u) => u.actor.role))).toEqual(new Set(ROLES));
  });

  it("has an entry for app/root and every route module under app/routes", () => {
    const missing = ROUTE_FILES.filter((route) => REGISTRY[route.id] === undefined).map((route) => route.id);
    expect(missing, "add these routes to app/lib/route-access.ts").toEqual([]);
  });

  for (const route of ROUTE_FILES) {
    it(`${route.id}: declares exactly the handlers the module exports`, async () => {
      const module = (await import(/* @vite-ignore */ pathToFileURL(route.file).href)) as Record<string, unknown>;
      const entry = REGISTRY[route.id] ?? {};
      for (const method of METHODS) {
        expect(typeof module[method] === "function", `${route.id} ${method}`).toBe(entry[method] !== undefined);
      }
    });
  }
});

describe("the access matrix", () => {
  for (const route of ROUTE_FILES) {
    const entry = REGISTRY[route.id];
    if (entry === undefined) continue;
    for (const method of METHODS) {
      const guard = entry[method];
      if (guard === undefined) continue;
      describe(`${route.id} ${method} (${guard.permission}${guard.resource ? ` + ${guard.resource}` : ""})`, () => {
        for (const login of [null, ...DEMO_LOGINS]) {
          it(`as ${login ?? "a signed-out visitor"}`, async () => {
            await checkCases(route, method, guard, login);
          });
        }
      });
    }
  }

  it("exercised every outcome and every department relation", () => {
    expect([...exercised.byStatus.keys()].sort()).toEqual(expect.arrayContaining([200, 302, 403, 404]));
    const relations = new Set([...exercised.relations.values()].flatMap((set) => [...set]));
    expect([...relations].sort()).toEqual([
      "other department, confidential",
      "other department, not confidential",
      "own department, confidential",
      "own department, not confidential",
    ]);
    console.info(
      `access matrix: ${exercised.cases} cases`,
      Object.fromEntries([...exercised.byStatus].sort(([a], [b]) => a - b)),
    );
  });
});

async function checkCases(route: RouteModuleFile, method: Method, guard: Guard, login: string | null): Promise<void> {
  const module = (await import(/* @vite-ignore */ pathToFileURL(route.file).href)) as Record<string, unknown>;
  const handler = module[method] as RouteHandler;
  const actor = login === null ? null : world.users.find((u) => u.login === login)?.actor;
  if (actor === undefined) throw new Error(`${login} is not in the demo database`);
  const mismatches: string[] = [];
  for (const probe of probesFor(route.id, guard)) {
    const query =
      guard.resourceQuery === undefined ? "" : `?${new URLSearchParams({ [guard.resourceQuery]: probe.recordId! })}`;
    const path = urlPath(route.id, probe.params) + query;
    // Sign in again for every case: a case may end the session (the logout action).
    const token = login === null ? null : await sessionFor(login);
    const lastAuditId = world.db.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM audit_events`)?.id ?? 0;
    const viaApi = guard.authentication === "api_token";
    if (viaApi) {
      // The session cookie never authenticates the API: without a token, everyone gets the 401.
      const unauthenticated = await callRoute(handler, { path, params: probe.params, token });
      const code = (unauthenticated.body as { error?: { code?: string } } | null)?.error?.code;
      if (unauthenticated.status !== 401 || code !== "missing_token") {
        mismatches.push(`${probe.label} without a token: expected a 401 missing_token, got ${unauthenticated.status}`);
      }
      if (login === null) {
        exercised.cases += 1;
        exercised.byStatus.set(401, (exercised.byStatus.get(401) ?? 0) + 1);
        continue;
      }
    }
    const outcome = await callRoute(handler, {
      path,
      method: method === "loader" ? "GET" : "POST",
      params: probe.params,
      token: viaApi ? null : token,
      form: {},
      ...(viaApi && login !== null ? { headers: bearer(apiTokenFor(login)) } : {}),
    });
    const expected = expectedOutcome(guard, actor, probe, path);
    // A location is checked where the table names one (redirects to the login page, declared redirects).
    const actual: Expected = { status: outcome.status };
    if (expected.location !== undefined) actual.location = outcome.location;
    if (actual.status !== expected.status || actual.location !== expected.location) {
      mismatches.push(
        `${probe.label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(outcome.location === undefined ? { status: outcome.status } : { status: outcome.status, location: outcome.location })}`,
      );
    } else if (outcome.status === 403) {
      expect(outcome.body).toEqual(
        viaApi
          ? { error: { code: "forbidden", message: translate("vi", "api.error.forbidden") } }
          : { message: translate("vi", "error.forbidden.body") },
      );
    } else if (outcome.status === 404 && viaApi) {
      expect(outcome.body, "a 404 says nothing about the record").toEqual({
        error: { code: "not_found", message: translate("vi", "api.error.not_found") },
      });
    } else if (outcome.status === 404 && path.startsWith("/api/")) {
      expect((outcome.body as { error: { code: string } }).error.code).toBe("unknown_endpoint");
    } else if (outcome.status === 404) {
      expect(outcome.body, "a 404 says nothing about the record").toBeNull();
    }
    // Every refusal of a signed-in user is in the audit log (a record that does not exist is no refusal).
    if (actor !== null && (expected.status === 403 || (expected.status === 404 && (probe.task ?? probe.directive)))) {
      const denied = world.db.all<{ after: string }>(sql`
        SELECT after FROM audit_events
        WHERE id > ${lastAuditId} AND action = 'access.denied' AND actor_id = ${actor.id}`);
      if (denied.length !== 1 || !denied[0]!.after.includes(`"path":"${path.split("?")[0]}"`)) {
        mismatches.push(`${probe.label}: the refusal was not audited as access.denied (${JSON.stringify(denied)})`);
      }
    }
    exercised.cases += 1;
    exercised.byStatus.set(outcome.status, (exercised.byStatus.get(outcome.status) ?? 0) + 1);
    const rel = actor === null ? null : relation(actor, probe);
    if (rel !== null && expected.status !== 403) {
      const set = exercised.relations.get(route.id) ?? new Set<string>();
      set.add(rel);
      exercised.relations.set(route.id, set);
    }
  }
  expect(mismatches, `${route.id} ${method} as ${login ?? "signed out"}`).toEqual([]);
}
