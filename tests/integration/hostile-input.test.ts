// Hostile input at every action of the app (property-based, fast-check), in-process
// through the real loaders and actions (tests/setup/remix-harness.ts) on a real
// SQLite file with the demo data, as the most privileged user allowed to post.
//
// Every route module that exports an action is found in app/routes (a new action is
// fuzzed with junk at once, and the suite fails until its forms are described in
// tests/setup/hostile-forms.ts). For each form:
//
// - Malformed: the valid form with at least one change that makes it invalid for
//   certain (a field missing, blank, too long — up to a megabyte —, repeated, a file
//   instead of text, of the wrong type or format, a day that is no day, a percent
//   outside 0–100, an id that is no id or names no record, a taken code, a stale
//   version, an unknown or repeated intent, a bad record in the URL), plus hostile
//   values in the other fields (SQL and HTML metacharacters, control characters, NUL,
//   lone surrogates, any code point) and stray fields (prototype tricks, bad paths),
//   url-encoded or multipart. The answer must be a refusal: 400, 403, 404, 409, 413,
//   415 or 429 — never a 500 or a thrown error; a 403 says the translated "forbidden",
//   a 404 says nothing (docs/domain-rules.md §5), any other refusal carries at least one message and
//   every message is one of the catalogue's (app/lib/messages, placeholders filled):
//   no raw Zod or library message. Nothing in the database changes, compared table
//   by table, except what a refusal itself records: audit events `access.denied` and
//   failed sign-ins, the sign-in rate limit's `login_attempts`, and a session's
//   last-use time. Object.prototype is never polluted.
// - Junk: random field names and values: never a 500; a refusal changes nothing.
// - Not a form (JSON, text, no Content-Type, broken multipart, absurd array indices): 415/400/413.
// - A place to go back to (`redirectTo`) may hold any character ("/search?q=đào tạo"):
//   the redirect stays on this site and is a header that can be sent, never a 500.
// - A day outside 1990–2100 (the year 9999 was a 500), in a form, a link or an API
//   call, is a translated 400 that names the accepted days.
// - Each described valid form is accepted as described (so the refusals above are
//   about the mutation, not a broken description), and valid forms carrying hostile
//   text store it exactly as typed (parameterised SQL, no mangling; only a NUL is
//   kept as U+FFFD, which SQLite's text functions can measure); what is stored
//   renders as text (React escapes it; tests/e2e/hostile.e2e.ts checks the browser).
//
// Seeded and reproducible: HOSTILE_SEED (default below) and HOSTILE_RUNS (cases per
// form). A failure prints fast-check's seed, path and the shrunk counterexample.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { translate } from "../../app/lib/i18n";
import { ROUTE_ACCESS } from "../../app/lib/route-access";
import { hostileForms, prepareHostileFixtures, undescribedForm, type HostileFixtures } from "../setup/hostile-forms";
import {
  addedSince,
  applyMutations,
  ATTACKS,
  baseEntries,
  breakingMutation,
  encodeForm,
  fingerprint,
  highWater,
  writeCounter,
  hostileText,
  isTranslated,
  messagesOf,
  noiseMutation,
  NOT_A_FORM,
  NOT_AN_ID,
  prototypePolluted,
  REFUSAL_AUDIT_ACTIONS,
  REFUSALS,
  strayFieldName,
  UNKNOWN_IDS,
  UNKNOWN_INTENTS,
  wellFormed,
  type Entries,
  type FieldSpec,
  type FormSpec,
  type Mutation,
} from "../setup/hostile-input";
import {
  apiTokenFor,
  bearer,
  buildRequest,
  callRoute,
  importRouteModule,
  routeModuleFiles,
  sessionCookieHeader,
  sessionFor,
  snapshotDatabase,
  TEST_CONTEXT,
  useDatabaseCopy,
  useFreshDemoDatabase,
  type RouteHandler,
  type RouteOutcome,
} from "../setup/remix-harness";

const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_316);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 25);
const ORIGIN = "http://localhost";

const ACTION_ROUTES = (
  await Promise.all(
    routeModuleFiles().map(async (route) => ({ ...route, action: (await importRouteModule(route)).action })),
  )
).filter((route): route is typeof route & { action: RouteHandler } => typeof route.action === "function");

let snapshot: string;
let fixtures: HostileFixtures;
const formsByRoute = new Map<string, FormSpec[]>();
/** Where junk goes for each action, described or not (a new action is fuzzed before it is described). */
const junkTargets = new Map<string, FormSpec>();

/** A fresh copy of the prepared database (demo + fixtures + signed-in sessions), opened as the app's. */
function useSnapshot(): AppDatabase {
  return useDatabaseCopy(snapshot);
}

beforeAll(async () => {
  const db = await useFreshDemoDatabase();
  fixtures = prepareHostileFixtures(db);
  for (const route of ACTION_ROUTES) {
    const forms = hostileForms(db, fixtures, route.id);
    if (forms) formsByRoute.set(route.id, forms);
    junkTargets.set(route.id, forms?.[0] ?? undescribedForm(db, fixtures, route.id));
  }
  // Sessions for everyone who posts, stored in the snapshot every case starts from.
  const everyone = [...[...formsByRoute.values()].flat(), ...junkTargets.values()].map((form) => form.login);
  for (const login of new Set(everyone)) {
    if (login !== null) await sessionFor(login);
  }
  snapshot = snapshotDatabase();
}, 60_000);

// ---------------------------------------------------------------- one case

interface Case {
  form: FormSpec;
  entries: Entries;
  multipart: boolean;
  /** The path and params posted to (a bad record replaces the form's own). */
  target: { path: string; params: Record<string, string> };
  clientIp: string;
  /** What was done to the valid form, for the report of a failure. */
  changes: string[];
}

const short = (value: string | File) =>
  typeof value === "string"
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length} chars)` : value)
    : `file ${JSON.stringify(value.name)} (${value.size} bytes)`;

function describeMutation(mutation: Mutation): string {
  return mutation.op === "drop"
    ? `${mutation.field}: dropped (${mutation.why})`
    : `${mutation.field} = ${mutation.values.map(short).join(" + ")} (${mutation.why})`;
}

function withSummary(value: Case): Case {
  return Object.assign(value, {
    [fc.toStringMethod]: () =>
      `${value.form.label} → POST ${value.target.path} ${value.multipart ? "multipart" : "url-encoded"}\n  ${value.changes.join("\n  ")}`,
  });
}

const ipArbitrary = fc
  .tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }))
  .map(([a, b, c]) => `10.${a}.${b}.${c}`);

/** What may break a form besides its fields: the intent, or the record in the URL. */
function formBreakers(form: FormSpec): fc.Arbitrary<Mutation | { record: string }>[] {
  const breakers: fc.Arbitrary<Mutation | { record: string }>[] = [];
  for (const [name, field] of Object.entries(form.fields)) {
    const breaker = breakingMutation(name, field);
    if (breaker) breakers.push(breaker);
  }
  if (form.intent !== undefined) {
    breakers.push(
      fc
        .constantFrom(...UNKNOWN_INTENTS)
        .map((v): Mutation => ({ field: "intent", op: "set", values: [v], why: "unknown intent" })),
      fc.constant<Mutation>({ field: "intent", op: "drop", why: "no intent" }),
    );
    if (form.otherIntents?.length) {
      breakers.push(
        fc.constantFrom(...form.otherIntents).map((other): Mutation => ({
          field: "intent",
          op: "set",
          values: [form.intent!, other],
          why: "two intents",
        })),
      );
    }
  }
  if (form.badRecord) breakers.push(fc.constantFrom(...NOT_AN_ID, ...UNKNOWN_IDS).map((record) => ({ record })));
  return breakers;
}

/** The valid form, noise in some fields, strays, and (unless the valid form is itself refused) at least one breaking change. */
function malformedCase(form: FormSpec): fc.Arbitrary<Case> {
  const names = Object.keys(form.fields);
  const breakers = formBreakers(form);
  return fc
    .record({
      noise: fc
        .subarray(names, { maxLength: Math.min(3, names.length) })
        .chain((chosen): fc.Arbitrary<Mutation[]> =>
          chosen.length === 0
            ? fc.constant([])
            : fc.tuple(...chosen.map((name) => noiseMutation(name, form.fields[name]!))).map((list) => [...list]),
        ),
      breaks:
        breakers.length === 0
          ? fc.constant([])
          : fc.array(fc.oneof(...breakers), { minLength: form.base === "refused" ? 0 : 1, maxLength: 2 }),
      strays: fc.array(fc.tuple(strayFieldName, hostileText), { maxLength: 2 }),
      multipart: form.multipart ? fc.constant(true) : fc.boolean(),
      clientIp: ipArbitrary,
    })
    .map(({ noise, breaks, strays, multipart, clientIp }) => {
      const changes = breaks as readonly (Mutation | { record: string })[];
      const fieldBreaks = changes.filter((b): b is Mutation => "field" in b);
      const record = changes.find((b): b is { record: string } => "record" in b)?.record;
      const entries = [...applyMutations(baseEntries(form), [...noise, ...fieldBreaks]), ...strays] as Entries;
      return withSummary({
        form,
        entries,
        multipart,
        target: record === undefined ? { path: form.path, params: form.params } : form.badRecord!(record),
        clientIp,
        changes: [
          ...noise.map(describeMutation),
          ...fieldBreaks.map(describeMutation),
          ...(record === undefined ? [] : [`record in the URL = ${short(record)}`]),
          ...strays.map(([name, value]) => `stray ${short(name)} = ${short(value)}`),
        ],
      });
    });
}

/** Random names (the form's, other forms', stray ones) with random values. */
function junkCase(form: FormSpec, knownNames: readonly string[], knownValues: readonly string[]): fc.Arbitrary<Case> {
  const name = fc.oneof(fc.constantFrom("intent", ...knownNames), strayFieldName);
  const value = fc.oneof(fc.constantFrom(...knownValues), hostileText);
  return fc
    .record({
      entries: fc.array(fc.tuple(name, value), { maxLength: 12 }),
      multipart: fc.boolean(),
      clientIp: ipArbitrary,
    })
    .map(({ entries, multipart, clientIp }) =>
      withSummary({
        form,
        entries,
        multipart,
        target: { path: form.path, params: form.params },
        clientIp,
        changes: entries.map(([n, v]) => `${short(n)} = ${short(v)}`),
      }),
    );
}

async function post(handler: RouteHandler, value: Case): Promise<RouteOutcome> {
  const token = value.form.login === null ? null : await sessionFor(value.form.login);
  try {
    return await callRoute(handler, {
      path: value.target.path,
      params: value.target.params,
      method: "POST",
      token,
      form: encodeForm(value.entries, value.multipart),
      clientIp: value.clientIp,
    });
  } catch (error) {
    // Remix answers a thrown error with a 500: that is what this suite exists to rule out.
    throw new Error(`the action threw (a 500 for the user): ${(error as Error).stack ?? String(error)}`);
  }
}

/** A refusal, said properly: see the file's header. */
function expectRefusal(outcome: RouteOutcome): void {
  expect(REFUSALS, `status ${outcome.status}: ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toContain(
    outcome.status,
  );
  if (outcome.status === 404) {
    expect(outcome.body, "a 404 says nothing about the record").toBeNull();
    return;
  }
  if (outcome.status === 403) {
    expect(outcome.body).toEqual({ message: translate("vi", "error.forbidden.body") });
    return;
  }
  const messages = messagesOf(outcome.body);
  expect(
    messages.length,
    `a ${outcome.status} without a message: ${JSON.stringify(outcome.body)?.slice(0, 300)}`,
  ).toBeGreaterThan(0);
  const untranslated = messages.filter((message) => !isTranslated(message));
  expect(untranslated, "messages that are not in the catalogue").toEqual([]);
}

/**
 * The database as a test found it: every table's digest, and the connection's write
 * counter, so that a request that wrote nothing is checked without digesting every
 * table again (writeCounter).
 */
interface Baseline {
  tables: Record<string, string>;
  counter: string;
}

function baseline(db: AppDatabase): Baseline {
  return { tables: fingerprint(db), counter: writeCounter(db) };
}

/** Nothing changed since the baseline but what a refusal records. */
function expectUnchanged(db: AppDatabase, base: Baseline, mark: ReturnType<typeof highWater>, form: FormSpec): void {
  const counter = writeCounter(db);
  if (counter !== base.counter) {
    const after = fingerprint(db);
    const changed = Object.keys(base.tables).filter((table) => base.tables[table] !== after[table]);
    expect(changed, "tables changed by a refused request").toEqual([]);
    // What was written is allowed (checked below): the next request is compared from here.
    base.counter = counter;
  }
  const added = addedSince(db, mark);
  const allowed = new Set([...REFUSAL_AUDIT_ACTIONS, ...(form.mayAudit ?? [])]);
  expect(
    added.auditActions.filter((action) => !allowed.has(action)),
    "audit events of a refused request",
  ).toEqual([]);
  expect(added.succeededSignIns, "sign-ins").toBe(0);
  expect(prototypePolluted(), "Object.prototype polluted").toBe(false);
}

/** Where an action that reads no input answers, from app/lib/route-access.ts. */
function declaredOutcome(routeId: string): { status: number; location?: string } {
  const guard = (ROUTE_ACCESS as Record<string, { action?: { granted?: { status: number; location?: string } } }>)[
    routeId
  ]?.action;
  return guard?.granted ?? { status: 200 };
}

function isSameSitePath(location: string | undefined): boolean {
  if (location === undefined || !location.startsWith("/") || location.startsWith("//")) return false;
  if (/[\u0000-\u001f\\]/.test(location)) return false;
  return new URL(location, ORIGIN).origin === ORIGIN;
}

// ---------------------------------------------------------------- the properties

describe("the hostile-input catalogue", () => {
  it("finds the actions (the listing is not vacuous)", () => {
    expect(ACTION_ROUTES.map((r) => r.id)).toEqual(
      expect.arrayContaining(["routes/tasks.$id", "routes/login", "routes/directives.new", "routes/admin.users.$id"]),
    );
  });

  it("describes the forms of every action (tests/setup/hostile-forms.ts)", () => {
    const missing = ACTION_ROUTES.filter((route) => !formsByRoute.has(route.id)).map((route) => route.id);
    expect(missing, "describe these actions' forms in tests/setup/hostile-forms.ts").toEqual([]);
  });

  it("has a breaking change for every form (no form is fuzzed with noise only)", () => {
    for (const forms of formsByRoute.values()) {
      for (const form of forms) {
        if (form.base !== "ignores") expect(formBreakers(form).length, form.label).toBeGreaterThan(0);
      }
    }
  });
});

describe.each(ACTION_ROUTES.map((route) => [route.id, route] as const))("%s", (routeId, route) => {
  const forms = () => formsByRoute.get(routeId) ?? [];

  it("refuses every malformed form with a translated error and changes nothing", async () => {
    const db = useSnapshot();
    const base = baseline(db);
    for (const form of forms()) {
      const property =
        form.base === "ignores"
          ? fc.asyncProperty(malformedCase(form), async (value) => {
              const mark = highWater(db);
              const outcome = await post(route.action, value);
              const declared = declaredOutcome(routeId);
              expect(outcome.status).toBe(declared.status);
              // Where it goes back to is the form's choice (`redirectTo`), as long as it stays on this site.
              if (declared.location !== undefined && !("redirectTo" in form.fields)) {
                expect(outcome.location).toBe(declared.location);
              }
              if (outcome.status >= 300 && outcome.status < 400) {
                expect(isSameSitePath(outcome.location), `redirect to ${outcome.location}`).toBe(true);
              }
              expectUnchanged(db, base, mark, form);
            })
          : fc.asyncProperty(malformedCase(form), async (value) => {
              const mark = highWater(db);
              const outcome = await post(route.action, value);
              expectRefusal(outcome);
              expectUnchanged(db, base, mark, form);
            });
      await fc.assert(property, { seed: SEED, numRuns: RUNS });
    }
  });

  it("never crashes on junk, and a refusal of junk changes nothing", async () => {
    const db = useSnapshot();
    const all = [...formsByRoute.values()].flat();
    const names = [...new Set(all.flatMap((form) => Object.keys(form.fields)))];
    const values = [
      ...new Set(
        all.flatMap((form) => [...(form.intent ? [form.intent] : []), ...baseEntries(form).map(([, v]) => v)]),
      ),
    ].filter((v): v is string => typeof v === "string");
    const form = junkTargets.get(routeId)!;
    let base = baseline(db);
    await fc.assert(
      fc.asyncProperty(junkCase(form, names, values), async (value) => {
        const mark = highWater(db);
        const outcome = await post(route.action, value);
        if (outcome.status >= 400) {
          expectRefusal(outcome);
          expectUnchanged(db, base, mark, form);
        } else {
          base = baseline(db);
          // Junk that happens to be a valid form (e.g. "intent=enable") may do what it says.
          expect([200, 302, 303], `status ${outcome.status}`).toContain(outcome.status);
          if (outcome.status !== 200)
            expect(isSameSitePath(outcome.location), `redirect to ${outcome.location}`).toBe(true);
          expect(prototypePolluted()).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses a body that is not a form", async () => {
    const db = useSnapshot();
    const form = junkTargets.get(routeId)!;
    const base = baseline(db);
    for (const body of NOT_A_FORM) {
      const mark = highWater(db);
      const token = form.login === null ? null : await sessionFor(form.login);
      const outcome = await callRoute(route.action, {
        path: form.path,
        params: form.params,
        method: "POST",
        token,
        rawBody: { contentType: body.contentType, text: body.text },
      });
      if (form.base === "ignores" && routeId === "routes/logout") {
        // Signing out reads no form at all: any body signs out.
        expect(outcome.status, body.label).toBe(302);
        continue;
      }
      expect(outcome.status === 400 || body.expected.includes(outcome.status), `${body.label}: ${outcome.status}`).toBe(
        true,
      );
      expectRefusal(outcome);
      expectUnchanged(db, base, mark, form);
    }
  });
});

// ---------------------------------------------------------------- the descriptions are right

/** Forms as the catalogue describes them, each on its own copy of the database. */
const DESCRIBED = () =>
  [...formsByRoute.entries()].flatMap(([routeId, forms]) => forms.map((form) => ({ routeId, form })));

function handlerOf(routeId: string): RouteHandler {
  return ACTION_ROUTES.find((route) => route.id === routeId)!.action;
}

async function postValid(routeId: string, form: FormSpec, entries: Entries): Promise<RouteOutcome> {
  const token = form.login === null ? null : await sessionFor(form.login);
  return callRoute(handlerOf(routeId), {
    path: form.path,
    params: form.params,
    method: "POST",
    token,
    form: encodeForm(entries, form.multipart === true),
  });
}

describe("the valid forms the cases start from", () => {
  it("are answered as described (written, read, or refused by the model)", async () => {
    const wrong: string[] = [];
    for (const { routeId, form } of DESCRIBED()) {
      const db = useSnapshot();
      const before = fingerprint(db);
      const mark = highWater(db);
      const outcome = await postValid(routeId, form, baseEntries(form));
      // A write changes a table, or at least records an audit event (re-enabling an enabled account).
      const changed =
        JSON.stringify(fingerprint(db)) !== JSON.stringify(before) ||
        addedSince(db, mark).auditActions.some((action) => !REFUSAL_AUDIT_ACTIONS.has(action));
      const ok =
        form.base === "writes"
          ? outcome.status === (form.writtenStatus ?? 302) && changed
          : form.base === "reads"
            ? outcome.status === 200 && !changed
            : form.base === "refused"
              ? outcome.status >= 400 && outcome.status < 500 && !changed
              : outcome.status === declaredOutcome(routeId).status;
      if (!ok)
        wrong.push(`${form.label} (${form.base}): ${outcome.status} ${JSON.stringify(outcome.body)?.slice(0, 400)}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe("hostile text in valid forms", () => {
  /** Every required or optional text field of a form that writes, filled with a payload. */
  function hostileVersion(form: FormSpec, offset: number): { entries: Entries; texts: string[] } | null {
    const texts: string[] = [];
    const mutations: Mutation[] = [];
    Object.entries(form.fields).forEach(([name, field]: [string, FieldSpec], index) => {
      if (field.kind !== "text" || field.pattern || field.unique || field.transient) return;
      const payload = ATTACKS.filter((a) => a.trim() !== "")[(offset + index) % (ATTACKS.length - 2)]!;
      const value = `${payload} ${field.value}`.slice(0, field.max);
      texts.push(value);
      mutations.push({ field: name, op: "set", values: [value], why: "payload" });
    });
    return texts.length === 0 ? null : { entries: applyMutations(baseEntries(form), mutations), texts };
  }

  /** Whether a text column of some table holds exactly this value, alone or as a JSON string (an audit event's details). */
  function stored(db: AppDatabase, value: string): boolean {
    const client = db.$client;
    const tables = client
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'`,
      )
      .pluck()
      .all() as string[];
    return tables.some((table) =>
      (client.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[])
        .filter((column) => column.type.toLowerCase() === "text")
        .some(
          (column) =>
            client
              .prepare(`SELECT 1 FROM "${table}" WHERE "${column.name}" = ? OR instr("${column.name}", ?) > 0 LIMIT 1`)
              .get(value, JSON.stringify(value)) !== undefined,
        ),
    );
  }

  it("is stored exactly as typed (trimmed), never run as SQL", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [offset, { routeId, form }] of DESCRIBED().entries()) {
      if (form.base !== "writes") continue;
      const hostile = hostileVersion(form, offset);
      if (!hostile) continue;
      const db = useSnapshot();
      const tablesBefore = db.$client.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get();
      const outcome = await postValid(routeId, form, hostile.entries);
      if (outcome.status !== (form.writtenStatus ?? 302)) {
        wrong.push(`${form.label}: ${outcome.status} ${JSON.stringify(messagesOf(outcome.body))}`);
        continue;
      }
      for (const text of hostile.texts) {
        checked += 1;
        // As it arrives (lone surrogates are U+FFFD on the wire) and as the app keeps it: a NUL
        // becomes U+FFFD too (storableText in app/lib/form-data.server.ts: SQLite's text functions stop at a NUL).
        if (!stored(db, wellFormed(text).replaceAll("\u0000", "\ufffd").trim()))
          wrong.push(`${form.label}: ${JSON.stringify(text)} is not stored as typed`);
      }
      expect(db.$client.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(tablesBefore);
      expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  }, 60_000);

  it("keeps a NUL as U+FFFD: a text that begins with one is no 500 (SQLite's length() stops at a NUL)", async () => {
    const wrong: string[] = [];
    for (const [label, multipart, text] of [
      ["task: comment", true, "\u0000 Ý kiến"],
      ["task: comment", false, "\u0000"],
      ["new task", false, "\u0000Nhiệm vụ"],
    ] as const) {
      const { routeId, form } = DESCRIBED().find((described) => described.form.label === label)!;
      const db = useSnapshot();
      const field = label === "new task" ? "title" : "body";
      const entries = applyMutations(baseEntries(form), [{ field, op: "set", values: [text], why: "NUL" }]);
      const outcome = await postValid(routeId, { ...form, multipart }, entries);
      if (outcome.status !== 302) wrong.push(`${label}: ${outcome.status}`);
      else if (!stored(db, text.replaceAll("\u0000", "\ufffd").trim())) wrong.push(`${label}: not stored with U+FFFD`);
    }
    expect(wrong).toEqual([]);
  });

  it("survives the Excel and CSV exports: control characters cannot corrupt the workbook", async () => {
    const db = useSnapshot();
    const title = "Tiêu đề <script>alert(1)</script> \u0000\u0001\u001b\ufffe '; DROP TABLE tasks;-- =1+1";
    db.run(sql`UPDATE tasks SET title = ${title} WHERE id = ${fixtures.datedTask.id}`);
    const token = await sessionFor("vanphong");
    const { loader } = await import("../../app/routes/tasks.export/route");
    for (const format of ["xlsx", "csv"] as const) {
      const request = buildRequest({ path: `/tasks/export?format=${format}` }, await sessionCookieHeader(token));
      const response = (await loader({ request, params: {}, context: { ...TEST_CONTEXT } })) as Response;
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (format === "csv") {
        expect(new TextDecoder().decode(bytes)).toContain("Tiêu đề <script>alert(1)</script>");
        continue;
      }
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      expect(cells.some((cell) => cell.startsWith("Tiêu đề <script>alert(1)</script>"))).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- days in links and the API

describe("days outside the accepted ones (1990–2100) in links and API calls", () => {
  /** Loaders that read a day from the query string, as a link or a client would send it. */
  const PAGES: { route: string; path: (ids: { directive: number; task: number }) => string }[] = [
    { route: "routes/_index", path: () => "/?asOf={day}" },
    { route: "routes/scorecard", path: () => "/scorecard?asOf={day}" },
    { route: "routes/tasks._index", path: () => "/tasks?asOf={day}" },
    { route: "routes/tasks.export", path: () => "/tasks/export?asOf={day}" },
    { route: "routes/directives._index", path: () => "/directives?asOf={day}" },
    { route: "routes/directives.$id", path: ({ directive }) => `/directives/${directive}?asOf={day}` },
    { route: "routes/audit._index", path: () => "/audit?to={day}" },
    { route: "routes/audit._index", path: () => "/audit?from={day}" },
  ];
  const API: { route: string; path: (ids: { directive: number; task: number }) => string }[] = [
    { route: "routes/api.v1.tasks._index", path: () => "/api/v1/tasks?asOf={day}" },
    { route: "routes/api.v1.tasks.$id", path: ({ task }) => `/api/v1/tasks/${task}?asOf={day}` },
    { route: "routes/api.v1.directives._index", path: () => "/api/v1/directives?asOf={day}" },
    { route: "routes/api.v1.directives.$id", path: ({ directive }) => `/api/v1/directives/${directive}?asOf={day}` },
    { route: "routes/api.v1.scorecard", path: () => "/api/v1/scorecard?asOf={day}" },
  ];

  async function loaderOf(routeId: string): Promise<RouteHandler> {
    const file = routeModuleFiles().find((route) => route.id === routeId);
    if (!file) throw new Error(`no route ${routeId}`);
    return (await importRouteModule(file)).loader as RouteHandler;
  }

  function expectTranslated400(outcome: RouteOutcome, what: string): void {
    expect(outcome.status, `${what}: ${JSON.stringify(outcome.body)?.slice(0, 200)}`).toBe(400);
    // A page says `{ message }`; the API `{ error: { code, message } }`.
    const apiError = (outcome.body as { error?: { message?: unknown } } | null)?.error?.message;
    const messages = typeof apiError === "string" ? [apiError] : messagesOf(outcome.body);
    expect(messages.length, what).toBeGreaterThan(0);
    expect(
      messages.filter((message) => !isTranslated(message)),
      what,
    ).toEqual([]);
    expect(messages.join(" "), what).toContain("2100");
  }

  it("are refused with a clear, translated 400, never a 500, and change nothing", async () => {
    const db = useSnapshot();
    const ids = { directive: fixtures.directive.id, task: fixtures.datedTask.id };
    const params = (route: string) =>
      route.includes("$id") ? { id: String(route.includes("tasks") ? ids.task : ids.directive) } : {};
    const token = await sessionFor("vanphong");
    const secret = apiTokenFor("vanphong");
    const base = baseline(db);
    for (const day of ["31/12/9999", "9999-12-31", "01/01/1000", "31/12/1989", "01/01/2101"]) {
      for (const page of PAGES) {
        const path = page.path(ids).replace("{day}", encodeURIComponent(day));
        const outcome = await callRoute(await loaderOf(page.route), { path, params: params(page.route), token });
        expectTranslated400(outcome, `GET ${path}`);
      }
    }
    for (const day of ["9999-12-31", "1000-01-01", "1989-12-31", "2101-01-01"]) {
      for (const call of API) {
        const path = call.path(ids).replace("{day}", day);
        const outcome = await callRoute(await loaderOf(call.route), {
          path,
          params: params(call.route),
          headers: bearer(secret),
        });
        expectTranslated400(outcome, `GET ${path}`);
      }
    }
    // An API token notes when it was last used: bookkeeping, like a session's.
    const withoutTokens = ({ api_tokens: _used, ...tables }: Record<string, string>) => tables;
    expect(withoutTokens(fingerprint(db))).toEqual(withoutTokens(base.tables));
  });

  it("in a form's day field, are refused with a translated 400 that names the accepted days", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { routeId, form } of DESCRIBED()) {
      if (form.base !== "writes") continue;
      for (const [name, field] of Object.entries(form.fields)) {
        if (field.kind !== "date") continue;
        for (const day of ["31/12/9999", "01/01/1000"]) {
          const db = useSnapshot();
          const base = baseline(db);
          const mark = highWater(db);
          const entries = applyMutations(baseEntries(form), [{ field: name, op: "set", values: [day], why: "year" }]);
          const outcome = await postValid(routeId, form, entries);
          checked += 1;
          const messages = messagesOf(outcome.body);
          if (outcome.status !== 400 || !messages.some((m) => m.includes("2100")) || !messages.every(isTranslated)) {
            wrong.push(`${form.label} ${name}=${day}: ${outcome.status} ${JSON.stringify(messages).slice(0, 200)}`);
          }
          expectUnchanged(db, base, mark, form);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  }, 60_000);

  it("accept the first and the last accepted day", async () => {
    useSnapshot();
    const token = await sessionFor("vanphong");
    for (const day of ["01/01/1990", "31/12/2100"]) {
      const outcome = await callRoute(await loaderOf("routes/tasks._index"), {
        path: `/tasks?asOf=${encodeURIComponent(day)}`,
        token,
      });
      expect(outcome.status, day).toBe(200);
    }
  });
});

describe("rendering", () => {
  it("never hands markup to the DOM: no component uses dangerouslySetInnerHTML, so React escapes all text", () => {
    const files = fs.readdirSync("app", { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    const offenders = files
      .map((d) => path.join(d.parentPath, d.name))
      .filter((file) => /\.(tsx?|jsx?)$/.test(file))
      .filter((file) =>
        /dangerouslySetInnerHTML|innerHTML\s*=|insertAdjacentHTML|document\.write/.test(fs.readFileSync(file, "utf8")),
      );
    expect(offenders).toEqual([]);
  });
});
